/*
 * results.json: a run's results as one JSON document, schema
 * reports/results.schema.json (version RESULTS_JSON_VERSION).
 *
 * Its top level is Google Benchmark's JSON format, so that its tools
 * (tools/compare.py) and dashboards that read --benchmark_format=json
 * output read the speed results as they are:
 *   "context"     the machine, as Google Benchmark describes it (date,
 *                 host_name, executable, num_cpus, mhz_per_cpu, caches,
 *                 load_avg, library_build_type ...)
 *   "benchmarks"  one entry per timed speed.csv row: name
 *                 "<implementation>/<mode>/<size>/core:<N>", real_time and
 *                 cpu_time in ns per element (an iteration is one
 *                 element), time_unit "ns", iterations, and counters such
 *                 as cycles_per_element and ratio_to_copy.
 * and "actbench" holds the rest: the schema name and version, the machine
 * identity (machine.csv's keys), the verdict of every activation (most
 * accurate, fastest, Pareto front per format) and every accuracy.csv row
 * with its columns as typed fields.
 */
#ifndef ACTBENCH_RESULTS_JSON_H
#define ACTBENCH_RESULTS_JSON_H

#include <stdio.h>

#include "html_model.h"

#define RESULTS_JSON_VERSION 1

/* Returns 0, or -1 on a write error or out of memory. */
int results_json_write(FILE *out, const struct report *r);

#endif
