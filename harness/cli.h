/*
 * The command line of actbench: options, their checks and messages (bad
 * input: a message naming the problem and the valid choices), --help,
 * --version and --list.  main.c runs what it selects.
 */
#ifndef ACTBENCH_CLI_H
#define ACTBENCH_CLI_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../reports/compare.h"
#include "catalog.h"
#include "implementations.h"
#include "speed.h"

enum { EXIT_REGRESSION = 1, EXIT_USAGE = 2 };

/* f32 random inputs per activation by default: half binade-stratified, half
 * uniform [-10, 10]; with the special values, just over 2^20 points. */
#define DEFAULT_POINTS (UINT64_C(1) << 20)
#define QUICK_POINTS (UINT64_C(1) << 16)
#define MAX_POINTS (UINT64_C(1) << 31)

struct cli {
    bool all, quick, exhaustive, list, accuracy_only, speed_only;
    bool activation_selected[ACT_COUNT];
    bool any_activation;
    /* --implementation items: names or globs (fnmatch), checked against the
     * loaded set by resolve_implementation_names */
    char **impl_names;
    size_t impl_name_count;
    /* --filter: an extended regular expression on implementation names */
    const char *filter_text;
    regex_t filter;
    bool has_filter;
    bool method_selected[METHOD_COUNT], any_method;
    bool *isa_selected, any_isa; /* isa_count entries */
    const char **kernel_libraries; /* --kernel, in order */
    size_t kernel_library_count;
    bool formats[FMT_COUNT], any_format;
    uint64_t points, seed;
    /* --range LO:HI: every f32 in [range_lo, range_hi]; --audit N */
    bool ranged;
    float range_lo, range_hi;
    uint64_t audit_share;
    unsigned threads;
    const char *out_dir;
    const char *json_path;  /* --json FILE, or NULL: <out_dir>/results.json */
    /* the summary on stdout */
    size_t top;             /* --top N: the best N per activation; 0: all */
    enum color_choice { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } color;
    /* speed */
    const char *sizes_text, *cores_text, *modes_text;
    double budget_seconds;
    enum input_distribution distribution;
    bool force_tsc;
    /* gating */
    const char *baseline;
    bool update_baseline;
    struct compare_options compare;
};

/* A message on stderr naming the problem, then a pointer to --help. */
void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parse argv into cli (zeroed but for its defaults and isa_selected, which
 * must hold isa_count entries).  --help, --version and --machine-class
 * print and exit.  Returns 0, or -1 after a usage error. */
int parse_arguments(int argc, char **argv, struct cli *cli);
/* Every --implementation name or glob matches one of the loaded set's
 * names, and so does --filter. */
int resolve_implementation_names(const struct cli *cli, const struct implementation_set *set);
bool implementation_selected(const struct cli *cli, const struct implementation *im);
void cli_free(struct cli *cli);
/* Whether the summary on stdout is coloured: --color, then NO_COLOR (set
 * and not empty: never), then whether stdout is a terminal. */
bool cli_use_color(const struct cli *cli);
/* A relative tolerance in [0, 10] (--speed-tolerance). */
int parse_tolerance(const char *text, double *out);
/* --list: the catalog, the ISA table and the implementations. */
void print_list(const struct implementation_set *set);
/* Flushes stdout; 0, or -1 with a message on stderr naming the reason
 * (a full disk, a closed pipe). */
int cli_finish_stdout(void);

#endif
