/* results.json; see results_json.h and reports/results.schema.json. */
#define _POSIX_C_SOURCE 200809L
#include "results_json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv_read.h"
#include "verdict.h"

#ifndef ACTBENCH_VERSION
#define ACTBENCH_VERSION "unknown"
#endif

/* ---- JSON text ----------------------------------------------------------- */

static void json_string(FILE *out, const char *text)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", out); break;
        case '\\': fputs("\\\\", out); break;
        case '\n': fputs("\\n", out); break;
        case '\r': fputs("\\r", out); break;
        case '\t': fputs("\\t", out); break;
        default:
            if (*p < 0x20)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
}

/* A number, or null when it is not finite (JSON has no NaN or infinity). */
static void json_number(FILE *out, double value)
{
    if (!isfinite(value))
        fputs("null", out);
    else if (value == floor(value) && fabs(value) < 1e15)
        fprintf(out, "%.0f", value);
    else
        fprintf(out, "%.9g", value);
}

/* "key": */
static void json_key(FILE *out, const char *key)
{
    json_string(out, key);
    fputs(": ", out);
}

/* ---- context ------------------------------------------------------------- */

static const char *machine_key(const struct report *r, const char *key)
{
    const char *keys[] = {key};
    return machine_value(r, keys, 1);
}

static double machine_number(const struct report *r, const char *key)
{
    const char *text = machine_key(r, key);
    double value;
    return text != NULL && csv_parse_number(text, &value) > 0 ? value : NAN;
}

/* l1d_bytes=49152 l2_bytes=... of hwloc's first core kind, else
 * libcpuid's. */
static double cache_bytes(const struct report *r, const char *name)
{
    const char *caches = machine_key(r, "hwloc.core_kind.0.caches");
    char pattern[32];
    snprintf(pattern, sizeof pattern, "%s=", name);
    const char *at = caches ? strstr(caches, pattern) : NULL;
    if (at != NULL)
        return strtod(at + strlen(pattern), NULL);
    char key[64];
    snprintf(key, sizeof key, "libcpuid.%s", name);
    return machine_number(r, key);
}

static void put_caches(FILE *out, const struct report *r)
{
    static const struct {
        const char *name, *type;
        int level;
    } caches[] = {{"l1d_bytes", "Data", 1}, {"l2_bytes", "Unified", 2}, {"l3_bytes", "Unified", 3}};
    fputs("[", out);
    bool first = true;
    for (size_t i = 0; i < COUNT_OF(caches); i++) {
        double bytes = cache_bytes(r, caches[i].name);
        if (!(bytes > 0))
            continue;
        fprintf(out, "%s\n      {\"type\": \"%s\", \"level\": %d, \"size\": %.0f, "
                     "\"num_sharing\": 0}",
                first ? "" : ",", caches[i].type, caches[i].level, bytes);
        first = false;
    }
    fputs(first ? "]" : "\n    ]", out);
}

static void put_context(FILE *out, const struct report *r)
{
    char date[64] = "";
    time_t now = time(NULL);
    struct tm local;
    if (localtime_r(&now, &local) != NULL)
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S%z", &local);
    char host[256] = "";
    if (gethostname(host, sizeof host - 1) != 0)
        host[0] = '\0';
    fputs("  \"context\": {\n    ", out);
    json_key(out, "date");
    json_string(out, date);
    fputs(",\n    ", out);
    json_key(out, "host_name");
    json_string(out, host);
    fputs(",\n    \"executable\": \"actbench\",\n    ", out);
    json_key(out, "num_cpus");
    double cpus = machine_number(r, "hwloc.pus");
    json_number(out, isfinite(cpus) ? cpus : (double)sysconf(_SC_NPROCESSORS_ONLN));
    fputs(",\n    ", out);
    json_key(out, "mhz_per_cpu");
    double ghz = machine_number(r, "tsc.ghz");
    json_number(out, isfinite(ghz) ? round(ghz * 1000) : 0);
    fputs(",\n    ", out);
    const char *governor = machine_key(r, "kernel.cpufreq_governor");
    json_key(out, "cpu_scaling_enabled");
    fputs(governor && strncmp(governor, "unavailable", 11) != 0 &&
                  strcmp(governor, "performance") != 0
              ? "true"
              : "false",
          out);
    fputs(",\n    \"caches\": ", out);
    put_caches(out, r);
    fputs(",\n    \"load_avg\": [", out);
    const char *load = machine_key(r, "kernel.loadavg");
    double loads[3];
    int got = load ? sscanf(load, "%lf %lf %lf", &loads[0], &loads[1], &loads[2]) : 0;
    for (int i = 0; i < got; i++) {
        fputs(i ? ", " : "", out);
        json_number(out, loads[i]);
    }
    fputs("],\n    \"library_build_type\": \"release\",\n    ", out);
    json_key(out, "actbench_version");
    json_string(out, ACTBENCH_VERSION);
    fputs("\n  }", out);
}

/* ---- benchmarks ---------------------------------------------------------- */

/* Google Benchmark's family_index (the implementation's index in file
 * order) and per_family_instance_index of a row. */
struct family {
    size_t family, instance;
};

static void put_benchmark(FILE *out, const struct report *r, size_t row, struct family id,
                          bool first)
{
    static const struct {
        const char *counter;
        enum speed_column column;
    } counters[] = {
        {"cycles_per_element", SPEED_cpe_median}, {"cycles_per_element_min", SPEED_cpe_min},
        {"cycles_per_element_max", SPEED_cpe_max}, {"ratio_to_copy", SPEED_ratio_to_copy},
        {"ratio_to_copy2", SPEED_ratio_to_copy2},
        {"round_spread", SPEED_round_spread},      {"core_ghz", SPEED_core_ghz},
        {"bytes", SPEED_bytes},                    {"elements", SPEED_elements},
        {"all_cores_scaling", SPEED_all_cores_scaling},
        {"ops_per_element", SPEED_ops_per_element}, {"floor_cpe", SPEED_floor_cpe},
        {"ratio_to_floor", SPEED_ratio_to_floor},   {"bytes_per_element", SPEED_bytes_per_element},
        {"gb_per_s", SPEED_gb_per_s},               {"copy_gb_per_s", SPEED_copy_gb_per_s},
    };
    char name[512];
    const char *distribution = speed_text(r, row, SPEED_distribution);
    snprintf(name, sizeof name, "%s/%s/%s/core:%s%s%s", speed_text(r, row, SPEED_implementation),
             speed_text(r, row, SPEED_mode), speed_text(r, row, SPEED_size_label),
             speed_text(r, row, SPEED_core),
             distribution[0] && !same_text(distribution, "uniform") ? "/" : "",
             same_text(distribution, "uniform") ? "" : distribution);
    double ns = NAN, elements = NAN, repetitions = NAN, threads = 1;
    speed_number(r, row, SPEED_ns_per_element_median, &ns);
    speed_number(r, row, SPEED_elements, &elements);
    speed_number(r, row, SPEED_repetitions, &repetitions);
    speed_number(r, row, SPEED_threads, &threads);
    fputs(first ? "\n    {" : ",\n    {", out);
    json_key(out, "name");
    json_string(out, name);
    fprintf(out, ", \"family_index\": %zu, \"per_family_instance_index\": %zu, ", id.family,
            id.instance);
    json_key(out, "run_name");
    json_string(out, name);
    fprintf(out, ", \"run_type\": \"iteration\", \"repetitions\": 1, \"repetition_index\": 0, "
                 "\"threads\": %.0f, \"iterations\": ",
            isfinite(threads) ? threads : 1);
    json_number(out, isfinite(elements) && isfinite(repetitions) ? elements * repetitions : 0);
    fputs(", \"real_time\": ", out);
    json_number(out, ns);
    fputs(", \"cpu_time\": ", out);
    json_number(out, ns);
    fputs(", \"time_unit\": \"ns\"", out);
    for (size_t c = 0; c < COUNT_OF(counters); c++) {
        double value;
        if (!speed_number(r, row, counters[c].column, &value))
            continue;
        fprintf(out, ", \"%s\": ", counters[c].counter);
        json_number(out, value);
    }
    char label[512];
    snprintf(label, sizeof label, "activation=%s method=%s isa=%s clock=%s status=%s",
             speed_text(r, row, SPEED_activation), speed_text(r, row, SPEED_method),
             speed_text(r, row, SPEED_isa), speed_text(r, row, SPEED_clock),
             speed_text(r, row, SPEED_status));
    fputs(", \"label\": ", out);
    json_string(out, label);
    fputs("}", out);
}

static int put_benchmarks(FILE *out, const struct report *r)
{
    size_t rows = r->has_speed ? r->speed.row_count : 0;
    struct family *ids = calloc(rows ? rows : 1, sizeof *ids);
    size_t *instances = calloc(rows ? rows : 1, sizeof *instances);
    if (ids == NULL || instances == NULL) {
        free(ids);
        free(instances);
        return -1;
    }
    size_t families = 0;
    for (size_t row = 0; row < rows; row++) {
        const char *name = speed_text(r, row, SPEED_implementation);
        size_t earlier = 0;
        while (earlier < row && !same_text(speed_text(r, earlier, SPEED_implementation), name))
            earlier++;
        ids[row].family = earlier < row ? ids[earlier].family : families++;
        ids[row].instance = instances[ids[row].family]++;
    }
    fputs("  \"benchmarks\": [", out);
    bool first = true;
    for (size_t row = 0; row < rows; row++) {
        double median, ns;
        if (!speed_number(r, row, SPEED_cpe_median, &median) ||
            !speed_number(r, row, SPEED_ns_per_element_median, &ns))
            continue; /* skipped_isa, no_gradient ...: nothing timed */
        put_benchmark(out, r, row, ids[row], first);
        first = false;
    }
    fputs(first ? "]" : "\n  ]", out);
    free(ids);
    free(instances);
    return 0;
}

/* ---- actbench ------------------------------------------------------------ */

static void put_machine(FILE *out, const struct report *r)
{
    fputs("    \"machine\": {", out);
    for (size_t row = 0; r->has_machine && row < r->machine.row_count; row++) {
        fputs(row ? ",\n      " : "\n      ", out);
        json_key(out, machine_key_at(r, row));
        json_string(out, machine_value_at(r, row));
    }
    fputs(r->has_machine && r->machine.row_count ? "\n    }" : "}", out);
}

/* An accuracy field typed by its column's unit: text and hexfloats as
 * strings, histograms as arrays of counts, the rest as numbers; null when
 * empty. */
static void put_accuracy_field(FILE *out, const struct report *r, size_t row,
                               enum accuracy_column c)
{
    const char *text = acc_text(r, row, c);
    const char *unit = accuracy_columns[c].unit;
    if (text[0] == '\0') {
        fputs("null", out);
    } else if (strstr(accuracy_columns[c].name, "histogram") != NULL) {
        fputs("[", out);
        for (const char *p = text; *p;) {
            char *end;
            double count = strtod(p, &end);
            if (end == p)
                break;
            fputs(p == text ? "" : ", ", out);
            json_number(out, count);
            p = *end == ';' ? end + 1 : end;
        }
        fputs("]", out);
    } else if (unit[0] == '\0' || same_text(unit, "hexfloat")) {
        json_string(out, text);
    } else {
        double value;
        if (acc_number(r, row, c, &value))
            json_number(out, value);
        else
            fputs("null", out);
    }
}

static void put_accuracy(FILE *out, const struct report *r)
{
    fputs("    \"accuracy\": [", out);
    for (size_t row = 0; row < r->accuracy.row_count; row++) {
        fputs(row ? ",\n      {" : "\n      {", out);
        bool first = true;
        for (int c = 0; c < ACCURACY_COLUMN_COUNT; c++) {
            if (r->accuracy_index[c] < 0)
                continue;
            fputs(first ? "" : ", ", out);
            json_key(out, accuracy_columns[c].name);
            put_accuracy_field(out, r, row, (enum accuracy_column)c);
            first = false;
        }
        fputs("}", out);
    }
    fputs(r->accuracy.row_count ? "\n    ]" : "]", out);
}

static void put_name_or_null(FILE *out, const struct group_verdict *v, long index)
{
    if (index < 0)
        fputs("null", out);
    else
        json_string(out, v->impls[index].name);
}

/* One activation's verdict per measured format. */
static void put_verdict(FILE *out, const struct report *r, const struct group_verdict *v)
{
    fputs("{", out);
    json_key(out, "activation");
    json_string(out, v->group->name);
    fputs(", ", out);
    json_key(out, "primary_format");
    json_string(out, verdict_format_names[v->primary]);
    fputs(", \"formats\": {", out);
    bool first = true;
    for (int f = 0; f < VERDICT_FORMATS; f++) {
        if (!v->measured[f])
            continue;
        fputs(first ? "\n        " : ",\n        ", out);
        first = false;
        json_key(out, verdict_format_names[f]);
        fputs("{\"most_accurate\": ", out);
        put_name_or_null(out, v, v->most_accurate[f]);
        fputs(", \"fastest\": ", out);
        put_name_or_null(out, v, v->fastest[f]);
        fputs(", \"pareto_front\": [", out);
        bool first_name = true;
        for (size_t i = 0; i < v->ranked_count[f]; i++) {
            const struct implementation_verdict *im = &v->impls[v->ranked[f][i]];
            if (!im->frontier[f])
                continue;
            fputs(first_name ? "" : ", ", out);
            json_string(out, im->name);
            first_name = false;
        }
        fputs("], \"ranking\": [", out);
        for (size_t i = 0; i < v->ranked_count[f]; i++) {
            const struct implementation_verdict *im = &v->impls[v->ranked[f][i]];
            size_t row = (size_t)im->row[f];
            double range10 = NAN, share = NAN;
            row_range10_ulp(r, row, &range10);
            row_share_over_1(r, row, &share);
            fputs(i ? ",\n          {" : "\n          {", out);
            json_key(out, "implementation");
            json_string(out, im->name);
            fputs(", \"value_max_ulp_range10\": ", out);
            json_number(out, range10);
            fputs(", \"share_over_1_ulp\": ", out);
            json_number(out, share);
            fputs(", \"cycles_per_element\": ", out);
            json_number(out, im->has_speed ? im->cycles : NAN);
            fputs(", \"ratio_to_fastest_peer\": ", out);
            json_number(out, im->has_peer_ratio ? im->peer_ratio : NAN);
            fprintf(out, ", \"peer_same_isa\": %s, \"flags\": [",
                    im->has_peer_ratio && im->peer_same_isa ? "true" : "false");
            static const struct {
                unsigned flag;
                const char *name;
            } flags[] = {{FLAG_OVER_BOUND, "over_bound"},
                         {FLAG_FINDING, "finding"},
                         {FLAG_SPECIAL_FAILURES, "special_failures"},
                         {FLAG_PROPERTY_FAILURES, "property_failures"}};
            bool first_flag = true;
            for (size_t k = 0; k < COUNT_OF(flags); k++)
                if (im->flags & flags[k].flag) {
                    fprintf(out, "%s\"%s\"", first_flag ? "" : ", ", flags[k].name);
                    first_flag = false;
                }
            fputs("]}", out);
        }
        fputs("]}", out);
    }
    fputs(first ? "}}" : "\n      }}", out);
}

static int put_verdicts(FILE *out, const struct report *r)
{
    fputs("    \"verdict\": [", out);
    for (size_t g = 0; g < r->group_count; g++) {
        struct group_verdict v;
        if (group_verdict_build(r, &r->groups[g], &v) != 0)
            return -1;
        fputs(g ? ",\n      " : "\n      ", out);
        put_verdict(out, r, &v);
        group_verdict_free(&v);
    }
    fputs(r->group_count ? "\n    ]" : "]", out);
    return 0;
}

int results_json_write(FILE *out, const struct report *r)
{
    fputs("{\n", out);
    put_context(out, r);
    fputs(",\n", out);
    if (put_benchmarks(out, r) != 0)
        return -1;
    fprintf(out, ",\n  \"actbench\": {\n    \"schema\": \"actbench-results\",\n"
                 "    \"version\": %d,\n",
            RESULTS_JSON_VERSION);
    put_machine(out, r);
    fputs(",\n", out);
    if (put_verdicts(out, r) != 0)
        return -1;
    fputs(",\n", out);
    put_accuracy(out, r);
    fputs("\n  }\n}\n", out);
    return ferror(out) ? -1 : 0;
}
