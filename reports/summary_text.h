/*
 * The summary of a run on stdout: per activation, one line per
 * implementation ranked by accuracy (verdict.h) with its value error over
 * [-10, 10], the share of inputs over 1 ulp, the all-range max, the
 * gradient's max, how many bf16 and f16 inputs it rounds differently from
 * the correctly rounded result, cycles per element and the ratio to the
 * fastest peer, and its failures and findings flagged.  ANSI colours when
 * asked (the caller decides: --color, NO_COLOR, a terminal).
 */
#ifndef ACTBENCH_SUMMARY_TEXT_H
#define ACTBENCH_SUMMARY_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "html_model.h"

struct summary_options {
    size_t top;  /* lines per activation, 0: all */
    bool color;
};

/* Returns 0, or -1 when out of memory. */
int print_run_summary(FILE *out, const struct report *r, const struct summary_options *options);

/* A number as the summary shows it: 3 significant digits, "1.6e7" for
 * large and small ones, "0" for zero. */
const char *compact_number(double value, char buffer[32]);

#endif
