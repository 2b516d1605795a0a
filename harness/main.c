/*
 * actbench: accuracy (against MPFR) and speed of neural-network activation
 * implementations.  The command line: parse and validate everything first
 * (bad input: a message naming the problem and the valid choices, exit 2,
 * nothing written), then measure, then write every output file under a
 * temporary name and rename them all into place.
 *
 * Exit status: 0 success (and no regression), 1 regression against the
 * baseline, 2 usage or input error (or a run that could not complete).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../impls/isa.h"
#include "../impls/registry.h"
#include "../reference/reference.h"
#include "../reports/accuracy_csv.h"
#include "../reports/compare.h"
#include "../reports/html.h"
#include "../reports/machine_csv.h"
#include "../reports/output.h"
#include "../reports/speed_csv.h"
#include "accuracy.h"
#include "catalog.h"
#include "implementations.h"
#include "machine.h"
#include "pinning.h"
#include "speed.h"

#ifndef ACTBENCH_VERSION
#define ACTBENCH_VERSION "unknown"
#endif

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
    char **impl_names;
    size_t impl_name_count;
    bool method_selected[METHOD_COUNT], any_method;
    bool *isa_selected, any_isa; /* isa_count entries */
    const char **kernel_libraries; /* --kernel, in order */
    size_t kernel_library_count;
    bool formats[FMT_COUNT], any_format;
    uint64_t points, seed;
    unsigned threads;
    const char *out_dir;
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

static void usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("actbench: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'actbench --help'.\n", stderr);
    va_end(ap);
}

static void list_choices(char *buf, size_t size, const char *(*name)(int), size_t count)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; (size_t)i < count && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", name(i));
}

static const char *activation_name_at(int i) { return activation_catalog[i].name; }
static const char *method_name_at(int i) { return impl_method_name((enum impl_method)i); }
static const char *isa_name_at(int i) { return isa_table[i].name; }
static const char *format_name_at(int i) { return format_catalog[i].name; }

static void print_help(void)
{
    char methods[256], isas[256];
    list_choices(methods, sizeof methods, method_name_at, METHOD_COUNT);
    list_choices(isas, sizeof isas, isa_name_at, isa_count);
    printf(
        "Usage: actbench --all [OPTION]...\n"
        "       actbench [--activation LIST] [--implementation LIST] [OPTION]...\n"
        "Measure neural-network activation implementations against MPFR references:\n"
        "ulp error of values and gradients, special values, properties; write CSV.\n"
        "\n"
        "Selection (LIST is comma-separated; see --list for the names):\n"
        "  -a, --all                  every activation, implementation and format\n"
        "  -A, --activation LIST      activations to measure\n"
        "  -i, --implementation LIST  implementations to measure\n"
        "  -m, --method LIST          %s\n"
        "  -I, --isa LIST             %s\n"
        "  -f, --format LIST          f32, bf16, f16 (default: all three)\n"
        "Inputs:\n"
        "  -n, --points N             f32 random inputs per activation (default %" PRIu64 ",\n"
        "                             half binade-stratified, half uniform [-10,10])\n"
        "  -s, --seed N               seed of the random inputs (default 1)\n"
        "  -q, --quick                %" PRIu64 " points: for tests and a first look\n"
        "  -x, --exhaustive           all 2^32 f32 inputs (hours)\n"
        "  -j, --threads N            measuring threads (default: one per core)\n"
        "Speed:\n"
        "      --accuracy-only        no speed measurement\n"
        "      --speed-only           no accuracy measurement\n"
        "      --sizes LIST           working sets: L1, L2, L3, DRAM or sizes like 64KiB\n"
        "                             (default L1; --all: L1,L2)\n"
        "      --cores LIST           default (one core of each kind), all, or 0,2-3\n"
        "      --budget SECONDS       time per measurement (default %g)\n"
        "      --distribution NAME    timing inputs: uniform [-10,10] (default), narrow\n"
        "                             [-1,1], binades\n"
        "      --modes LIST           throughput, latency, gradient_throughput,\n"
        "                             all_cores_throughput, or all (default)\n"
        "      --tsc                  TSC ticks calibrated to core cycles even where\n"
        "                             perf_event cycles are available\n"
        "Gating:\n"
        "      --baseline FILE        compare this run's accuracy.csv with FILE; exit 1 on\n"
        "                             a regression\n"
        "      --update-baseline      then copy this run's accuracy.csv over FILE\n"
        "      --speed-tolerance X    speed may be X worse beyond the spread (default %g)\n"
        "      --no-speed-gate        report speed changes but never fail on them\n"
        "       actbench compare [--speed-tolerance X] [--no-speed-gate] OLD.csv NEW.csv\n"
        "                             compare two accuracy.csv files\n"
        "Output:\n"
        "  -o, --out DIR              output folder (default actbench-out)\n"
        "  -l, --list                 list activations and implementations, then exit\n"
        "      --machine-class        print the class of this machine for baselines\n"
        "  -h, --help                 this help\n"
        "  -V, --version              version and library versions\n"
        "      --kernel LIB.so        also measure the kernels of a shared library that\n"
        "                             exports actbench_kernels (<actbench/kernel.h>);\n"
        "                             repeatable\n"
        "\n"
        "Exit status: 0 success, 1 regression against a baseline, 2 usage or input error.\n",
        methods, isas, DEFAULT_POINTS, QUICK_POINTS, SPEED_DEFAULT_BUDGET_SECONDS,
        COMPARE_DEFAULT_SPEED_TOLERANCE);
}

static void print_version(void)
{
    printf("actbench %s\n", ACTBENCH_VERSION);
    /* the libraries it measures and measures with, as machine.csv has them */
    struct machine_info info = {0};
    char error[256];
    if (machine_collect(&info, NULL, NULL, error, sizeof error) == 0) {
        static const char *const keys[] = {"glibc.version", "mpfr.version", "sleef.version",
                                           "hwloc.api_version", "libcpuid.version",
                                           "compiler.version"};
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
            const char *v = machine_info_get(&info, keys[i]);
            if (v)
                printf("%s %s\n", keys[i], v);
        }
    }
    machine_info_free(&info);
}

static void print_list(const struct implementation_set *set)
{
    printf("Activations:\n");
    for (int a = 0; a < ACT_COUNT; a++) {
        const struct activation_info *info = &activation_catalog[a];
        printf("  %-20s %-17s value: %s\n", info->name, activation_kind_name(info->kind),
               info->value_definition);
        printf("  %-20s %-17s derivative: %s\n", "", "", info->derivative_definition);
        if (info->param_name[0])
            printf("  %-20s %-17s parameter %s = %g\n", "", "", info->param_name,
                   info->param_default);
    }
    printf("\nISAs (what this CPU runs, from cpuid and xgetbv):\n");
    for (size_t i = 0; i < isa_count; i++) {
        const char *missing = isa_missing_feature((int)i);
        printf("  %-12s %-4s %s%s%s%s\n", isa_table[i].name, missing ? "no" : "yes",
               isa_table[i].description, missing ? " (lacks " : "", missing ? missing : "",
               missing ? ")" : "");
    }
    printf("\nImplementations (bounds in ulps of the kernel's own type):\n");
    printf("  %-38s %-19s %-4s %-8s %-10s %-8s %12s %12s  %s\n", "name", "activation", "type",
           "method", "isa", "tier", "value bound", "grad bound", "on this CPU");
    for (size_t i = 0; i < set->count; i++) {
        const struct implementation *im = &set->items[i];
        printf("  %-38s %-19s %-4s %-8s %-10s %-8s %12.4g %12.4g  %s%s%s\n", im->name,
               activation_catalog[im->activation].name, format_catalog[im->type].name,
               impl_method_name(im->method), isa_table[im->isa].name,
               im->tier == TIER_NONE ? "-" : impl_tier_name(im->tier), im->value_bound[im->type],
               im->gradient_bound[im->type],
               impl_runs_here(im) ? "runs" : "skipped (ISA not supported)",
               im->library ? "  from " : "", im->library ? im->library : "");
    }
}

/* A closed list of names the command line chooses from. */
struct choice_list {
    const char *noun, *plural;
    const char *(*name_at)(int);
    const size_t *count;
};

static const size_t activation_choice_count = ACT_COUNT;
static const size_t method_choice_count = METHOD_COUNT;
static const size_t format_choice_count = FMT_COUNT;
static const struct choice_list activation_choices = {"activation", "activations",
                                                      activation_name_at, &activation_choice_count};
static const struct choice_list method_choices = {"method", "methods", method_name_at,
                                                  &method_choice_count};
static const struct choice_list isa_choices = {"ISA", "ISAs", isa_name_at, &isa_count};
static const struct choice_list format_choices = {"format", "formats", format_name_at,
                                                  &format_choice_count};

/* Mark name chosen, or say it is unknown and list the valid names. */
static int accept_choice(const struct choice_list *choices, const char *name, bool *selected,
                         bool *any)
{
    for (int i = 0; (size_t)i < *choices->count; i++)
        if (strcmp(choices->name_at(i), name) == 0) {
            selected[i] = *any = true;
            return 0;
        }
    char valid[1024];
    list_choices(valid, sizeof valid, choices->name_at, *choices->count);
    usage_error("unknown %s '%s'; valid %s: %s", choices->noun, name, choices->plural, valid);
    return -1;
}

/* Implementation names are checked once the registry and the --kernel
 * libraries are loaded (resolve_implementation_names). */
static int accept_implementation(struct cli *cli, const char *name)
{
    char **grown = realloc(cli->impl_names, (cli->impl_name_count + 1) * sizeof *grown);
    if (!grown)
        return -1;
    cli->impl_names = grown;
    if (!(cli->impl_names[cli->impl_name_count] = strdup(name)))
        return -1;
    cli->impl_name_count++;
    return 0;
}

static int resolve_implementation_names(const struct cli *cli, const struct implementation_set *set)
{
    for (size_t k = 0; k < cli->impl_name_count; k++) {
        bool known = false;
        for (size_t i = 0; i < set->count && !known; i++)
            known = strcmp(set->items[i].name, cli->impl_names[k]) == 0;
        if (!known) {
            usage_error("unknown implementation '%s'; 'actbench --list' shows the %zu valid names",
                        cli->impl_names[k], set->count);
            return -1;
        }
    }
    return 0;
}

static void cli_free(struct cli *cli)
{
    for (size_t i = 0; i < cli->impl_name_count; i++)
        free(cli->impl_names[i]);
    free(cli->impl_names);
    free(cli->isa_selected);
    free(cli->kernel_libraries);
}

/*
 * One comma-separated option value: every item is a name of choices
 * (marked in selected), or, with choices NULL, an implementation name.
 * An empty item is an error.
 */
static int parse_list(struct cli *cli, const char *option, const char *list,
                      const struct choice_list *choices, bool *selected, bool *any)
{
    size_t length = strlen(list);
    if (length == 0 || list[0] == ',' || list[length - 1] == ',' || strstr(list, ",,")) {
        usage_error("--%s: empty item in '%s'", option, list);
        return -1;
    }
    char *copy = strdup(list);
    if (!copy)
        return -1;
    int status = 0;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item && status == 0;
         item = strtok_r(NULL, ",", &save))
        status = choices ? accept_choice(choices, item, selected, any)
                         : accept_implementation(cli, item);
    free(copy);
    return status;
}

/* A whole number in [lo, hi]; accepts a k/M/G suffix (powers of 1024) for
 * counts. */
static int parse_count(const char *option, const char *text, uint64_t lo, uint64_t hi,
                       uint64_t *out)
{
    char *end;
    errno = 0;
    if (text[0] == '-' || text[0] == '\0')
        goto bad;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text)
        goto bad;
    uint64_t scale = 1;
    if (*end == 'k' || *end == 'K')
        scale = 1024, end++;
    else if (*end == 'M')
        scale = 1024 * 1024, end++;
    else if (*end == 'G')
        scale = 1024 * 1024 * 1024, end++;
    if (*end != '\0' || (scale > 1 && v > UINT64_MAX / scale))
        goto bad;
    v *= scale;
    if (v < lo || v > hi) {
        usage_error("--%s %s is out of range; valid: %" PRIu64 " to %" PRIu64, option, text, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
bad:
    usage_error("--%s expects a whole number (optionally with k, M or G), not '%s'", option, text);
    return -1;
}

enum long_only_option {
    OPTION_ACCURACY_ONLY = 256,
    OPTION_SPEED_ONLY,
    OPTION_SIZES,
    OPTION_CORES,
    OPTION_BUDGET,
    OPTION_DISTRIBUTION,
    OPTION_MODES,
    OPTION_TSC,
    OPTION_MACHINE_CLASS,
    OPTION_BASELINE,
    OPTION_UPDATE_BASELINE,
    OPTION_SPEED_TOLERANCE,
    OPTION_NO_SPEED_GATE,
    OPTION_KERNEL,
};

/* A relative tolerance in [0, 10] (0.25 = 25 %). */
static int parse_tolerance(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end != '\0' || !(v >= 0.0 && v <= 10.0)) {
        usage_error("--speed-tolerance expects a fraction between 0 and 10 (0.25 = 25%%), not '%s'",
                    text);
        return -1;
    }
    *out = v;
    return 0;
}

/* Seconds per measurement: a plain decimal in [0.001, 60]. */
static int parse_budget(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end != '\0' || !(v >= 0.001 && v <= 60.0)) {
        usage_error("--budget expects seconds per measurement between 0.001 and 60, not '%s'", text);
        return -1;
    }
    *out = v;
    return 0;
}

static int parse_distribution(const char *text, enum input_distribution *out)
{
    enum input_distribution d = input_distribution_by_name(text);
    if (d == DIST_COUNT) {
        usage_error("unknown distribution '%s'; valid distributions: %s, %s, %s", text,
                    input_distribution_name(DIST_UNIFORM), input_distribution_name(DIST_NARROW),
                    input_distribution_name(DIST_BINADES));
        return -1;
    }
    *out = d;
    return 0;
}

static int parse_arguments(int argc, char **argv, struct cli *cli)
{
    static const struct option options[] = {
        {"all", no_argument, NULL, 'a'},
        {"activation", required_argument, NULL, 'A'},
        {"implementation", required_argument, NULL, 'i'},
        {"method", required_argument, NULL, 'm'},
        {"isa", required_argument, NULL, 'I'},
        {"format", required_argument, NULL, 'f'},
        {"points", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"quick", no_argument, NULL, 'q'},
        {"exhaustive", no_argument, NULL, 'x'},
        {"threads", required_argument, NULL, 'j'},
        {"out", required_argument, NULL, 'o'},
        {"list", no_argument, NULL, 'l'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {"accuracy-only", no_argument, NULL, OPTION_ACCURACY_ONLY},
        {"speed-only", no_argument, NULL, OPTION_SPEED_ONLY},
        {"sizes", required_argument, NULL, OPTION_SIZES},
        {"cores", required_argument, NULL, OPTION_CORES},
        {"budget", required_argument, NULL, OPTION_BUDGET},
        {"distribution", required_argument, NULL, OPTION_DISTRIBUTION},
        {"modes", required_argument, NULL, OPTION_MODES},
        {"tsc", no_argument, NULL, OPTION_TSC},
        {"machine-class", no_argument, NULL, OPTION_MACHINE_CLASS},
        {"baseline", required_argument, NULL, OPTION_BASELINE},
        {"update-baseline", no_argument, NULL, OPTION_UPDATE_BASELINE},
        {"speed-tolerance", required_argument, NULL, OPTION_SPEED_TOLERANCE},
        {"no-speed-gate", no_argument, NULL, OPTION_NO_SPEED_GATE},
        {"kernel", required_argument, NULL, OPTION_KERNEL},
        {NULL, 0, NULL, 0},
    };
    bool points_given = false;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":aA:i:m:I:f:n:s:qxj:o:lhV", options, NULL)) != -1) {
        uint64_t v;
        switch (c) {
        case 'a': cli->all = true; break;
        case 'A':
            if (parse_list(cli, "activation", optarg, &activation_choices,
                           cli->activation_selected, &cli->any_activation))
                return -1;
            break;
        case 'i':
            if (parse_list(cli, "implementation", optarg, NULL, NULL, NULL))
                return -1;
            break;
        case 'm':
            if (parse_list(cli, "method", optarg, &method_choices, cli->method_selected,
                           &cli->any_method))
                return -1;
            break;
        case 'I':
            if (parse_list(cli, "isa", optarg, &isa_choices, cli->isa_selected, &cli->any_isa))
                return -1;
            break;
        case 'f':
            if (parse_list(cli, "format", optarg, &format_choices, cli->formats, &cli->any_format))
                return -1;
            break;
        case 'n':
            if (parse_count("points", optarg, 1, MAX_POINTS, &cli->points)) return -1;
            points_given = true;
            break;
        case 's': if (parse_count("seed", optarg, 0, UINT64_MAX, &cli->seed)) return -1; break;
        case 'q': cli->quick = true; break;
        case 'x': cli->exhaustive = true; break;
        case 'j':
            if (parse_count("threads", optarg, 1, 1024, &v)) return -1;
            cli->threads = (unsigned)v;
            break;
        case 'o':
            if (optarg[0] == '\0') {
                usage_error("--out needs a folder name");
                return -1;
            }
            cli->out_dir = optarg;
            break;
        case 'l': cli->list = true; break;
        case OPTION_ACCURACY_ONLY: cli->accuracy_only = true; break;
        case OPTION_SPEED_ONLY: cli->speed_only = true; break;
        case OPTION_SIZES: cli->sizes_text = optarg; break;
        case OPTION_CORES: cli->cores_text = optarg; break;
        case OPTION_MODES: cli->modes_text = optarg; break;
        case OPTION_TSC: cli->force_tsc = true; break;
        case OPTION_MACHINE_CLASS: {
            char class[128];
            printf("%s\n", isa_machine_class(class, sizeof class));
            exit(0);
        }
        case OPTION_KERNEL: {
            if (optarg[0] == '\0') {
                usage_error("--kernel needs the path of a shared library");
                return -1;
            }
            const char **grown = realloc(cli->kernel_libraries,
                                         (cli->kernel_library_count + 1) * sizeof *grown);
            if (!grown)
                return -1;
            cli->kernel_libraries = grown;
            cli->kernel_libraries[cli->kernel_library_count++] = optarg;
            break;
        }
        case OPTION_BASELINE: cli->baseline = optarg; break;
        case OPTION_UPDATE_BASELINE: cli->update_baseline = true; break;
        case OPTION_NO_SPEED_GATE: cli->compare.speed_gate = false; break;
        case OPTION_SPEED_TOLERANCE:
            if (parse_tolerance(optarg, &cli->compare.speed_tolerance)) return -1;
            break;
        case OPTION_BUDGET: if (parse_budget(optarg, &cli->budget_seconds)) return -1; break;
        case OPTION_DISTRIBUTION: if (parse_distribution(optarg, &cli->distribution)) return -1; break;
        case 'h': print_help(); exit(0);
        case 'V': print_version(); exit(0);
        case ':':
            usage_error("option '%s' needs a value", argv[optind - 1]);
            return -1;
        default:
            usage_error("unknown option '%s'", argv[optind - 1]);
            return -1;
        }
    }
    if (optind < argc) {
        usage_error("unexpected argument '%s'", argv[optind]);
        return -1;
    }
    if (cli->quick && points_given) {
        usage_error("--quick and --points both set the number of points; give one");
        return -1;
    }
    if (cli->exhaustive && (cli->quick || points_given)) {
        usage_error("--exhaustive measures every f32 input; it takes no --points or --quick");
        return -1;
    }
    if (cli->update_baseline && !cli->baseline) {
        usage_error("--update-baseline needs --baseline FILE (the file to refresh)");
        return -1;
    }
    if (cli->baseline && cli->speed_only) {
        usage_error("--baseline gates accuracy.csv, which --speed-only does not write");
        return -1;
    }
    if (cli->accuracy_only && cli->speed_only) {
        usage_error("--accuracy-only and --speed-only exclude each other");
        return -1;
    }
    if (cli->quick)
        cli->points = QUICK_POINTS;
    if (!cli->any_format)
        for (int f = 0; f < FMT_COUNT; f++)
            cli->formats[f] = true;
    bool selected = cli->any_activation || cli->impl_name_count || cli->any_method || cli->any_isa;
    if (!cli->all && !selected && !cli->list) {
        usage_error("nothing to measure: give --all, or choose with --activation, "
                    "--implementation, --method or --isa");
        return -1;
    }
    return 0;
}

static bool implementation_selected(const struct cli *cli, const struct implementation *im)
{
    if (cli->any_activation && !cli->activation_selected[im->activation])
        return false;
    if (cli->any_method && !cli->method_selected[im->method])
        return false;
    if (cli->any_isa && !cli->isa_selected[im->isa])
        return false;
    if (cli->impl_name_count) {
        bool named = false;
        for (size_t i = 0; i < cli->impl_name_count; i++)
            named |= strcmp(cli->impl_names[i], im->name) == 0;
        if (!named)
            return false;
    }
    return true;
}

/* Progress on a terminal: one line on stderr rewritten in place; nothing
 * when stderr is not a terminal. */
struct progress {
    bool enabled;
    struct timespec start;
    size_t jobs_total, jobs_done;
};

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static void accuracy_progress(void *context, const char *activation, const char *what,
                              double fraction)
{
    struct progress *pr = context;
    if (!pr->enabled)
        return;
    if (fraction >= 1.0)
        pr->jobs_done++;
    double overall = ((double)pr->jobs_done + (fraction >= 1.0 ? 0.0 : fraction)) /
                     (double)(pr->jobs_total ? pr->jobs_total : 1);
    double elapsed = seconds_since(&pr->start);
    double left = overall > 0.01 ? elapsed / overall * (1.0 - overall) : 0.0;
    fprintf(stderr, "\r\033[Kaccuracy %3.0f%%  %s (%s)  elapsed %.0f s  left ~%.0f s",
            100.0 * overall, activation, what, elapsed, left);
    fflush(stderr);
}

static void speed_progress(void *context, size_t done, size_t total, const char *what)
{
    struct progress *pr = context;
    if (!pr->enabled)
        return;
    double elapsed = seconds_since(&pr->start);
    double fraction = total ? (double)done / (double)total : 1.0;
    double left = fraction > 0.01 ? elapsed / fraction * (1.0 - fraction) : 0.0;
    fprintf(stderr, "\r\033[Kspeed %3.0f%%  %s  elapsed %.0f s  left ~%.0f s", 100.0 * fraction,
            what, elapsed, left);
    fflush(stderr);
}

static void progress_start(struct progress *pr)
{
    pr->enabled = isatty(STDERR_FILENO) == 1;
    pr->jobs_done = 0;
    clock_gettime(CLOCK_MONOTONIC, &pr->start);
}

static void progress_finish(struct progress *pr)
{
    if (pr->enabled)
        fprintf(stderr, "\r\033[K");
}

/* Everything a run produces, before it is written. */
struct run_results {
    struct accuracy_row *rows;
    size_t row_count;
    struct speed_summary *summary; /* one per accuracy row, or NULL */
    bool have_speed;
    struct speed_report speed;
    struct machine_info machine;
    char speed_unavailable[512]; /* why no speed was measured, or "" */
};

static int run_accuracy(const struct cli *cli, const struct implementation *const *selected,
                        size_t selected_count, struct run_results *res, char *error,
                        size_t error_size)
{
    struct progress progress;
    progress_start(&progress);
    progress.jobs_total = 0;
    for (int a = 0; a < ACT_COUNT; a++) {
        bool any = false;
        for (size_t i = 0; i < selected_count; i++)
            any |= selected[i]->activation == (enum activation_id)a && impl_runs_here(selected[i]);
        for (int f = 0; f < FMT_COUNT && any; f++)
            progress.jobs_total += cli->formats[f];
    }
    struct accuracy_options opt = {
        .seed = cli->seed,
        .binade_points = cli->points / 2,
        .range_points = cli->points - cli->points / 2,
        .exhaustive32 = cli->exhaustive,
        .threads = cli->threads,
        .progress = accuracy_progress,
        .progress_context = &progress,
    };
    memcpy(opt.formats, cli->formats, sizeof opt.formats);
    int status = accuracy_run(&opt, selected, selected_count, &res->rows, &res->row_count, error,
                              error_size);
    progress_finish(&progress);
    if (status == 0)
        fprintf(stderr, "actbench: accuracy of %zu implementations measured in %.1f s\n",
                selected_count, seconds_since(&progress.start));
    return status;
}

/* Find the speed figures behind accuracy.csv's speed columns: forward
 * throughput at L1 on the first measured core. */
static void summarize_speed(struct run_results *res)
{
    res->summary = calloc(res->row_count ? res->row_count : 1, sizeof *res->summary);
    if (!res->summary)
        return;
    for (size_t i = 0; i < res->row_count; i++) {
        const struct speed_row *r = speed_report_l1_row(&res->speed, res->rows[i].impl->name);
        if (!r || isnan(r->ratio_to_copy))
            continue;
        res->summary[i].measured = true;
        res->summary[i].cycles_per_element = r->cpe_median;
        res->summary[i].ratio_to_copy = r->ratio_to_copy;
        res->summary[i].spread = r->round_spread;
    }
}

static int run_speed(const struct cli *cli, const struct machine_topology *topology,
                     const struct implementation *const *selected, size_t selected_count,
                     struct run_results *res, char *error, size_t error_size)
{
    struct speed_options opt;
    speed_options_default(&opt);
    struct size_list sizes;
    struct core_selection cores = {0};
    opt.topology = topology;
    if (cli->sizes_text) {
        if (sizes_parse(cli->sizes_text, topology->physical_memory_bytes, &sizes, error, error_size))
            return -1;
        opt.sizes = &sizes;
    } else if (cli->all && !cli->quick) {
        /* --all: L1- and L2-resident; L3 and DRAM on request (--sizes) */
        sizes_parse("L1,L2", topology->physical_memory_bytes, &sizes, error, error_size);
        opt.sizes = &sizes;
    }
    if (cli->cores_text) {
        if (cores_parse(topology, cli->cores_text, &cores, error, error_size))
            return -1;
        opt.cores = &cores;
    }
    if (cli->modes_text && speed_modes_parse(cli->modes_text, &opt.modes, error, error_size)) {
        core_selection_free(&cores);
        return -1;
    }
    opt.distribution = cli->distribution;
    if (cli->budget_seconds > 0)
        opt.budget_seconds = cli->budget_seconds;
    else if (cli->quick)
        opt.budget_seconds = 0.01;
    if (cli->force_tsc)
        opt.clock = CLOCK_REQUEST_TSC;
    struct progress progress;
    progress_start(&progress);
    opt.progress = speed_progress;
    opt.progress_context = &progress;
    int status = speed_run(&opt, selected, selected_count, &res->speed, error, error_size);
    progress_finish(&progress);
    core_selection_free(&cores);
    if (status == 0) {
        res->have_speed = true;
        fprintf(stderr, "actbench: speed measured in %.1f s (%s)\n", res->speed.seconds,
                res->speed.clock_source);
    }
    return status;
}

/* Validate the speed options before any measurement (they need the
 * topology): a bad --cores or --sizes must not cost a two-minute run. */
static int check_speed_options(const struct cli *cli, const struct machine_topology *topology,
                               char *error, size_t error_size)
{
    struct size_list sizes;
    struct core_selection cores = {0};
    unsigned modes;
    if (cli->sizes_text &&
        sizes_parse(cli->sizes_text, topology->physical_memory_bytes, &sizes, error, error_size))
        return -1;
    if (cli->cores_text) {
        if (cores_parse(topology, cli->cores_text, &cores, error, error_size))
            return -1;
        core_selection_free(&cores);
    }
    if (cli->modes_text && speed_modes_parse(cli->modes_text, &modes, error, error_size))
        return -1;
    return 0;
}

/* Write every CSV under a temporary name, then rename them all. */
static int write_outputs(const struct cli *cli, struct run_results *res, char *error,
                         size_t error_size)
{
    enum { ACCURACY, PROFILE, FAILURES, SPEED, MACHINE, FILE_COUNT };
    static const char *const names[FILE_COUNT] = {"accuracy.csv", "profile.csv", "failures.csv",
                                                  "speed.csv", "machine.csv"};
    bool wanted[FILE_COUNT] = {res->rows != NULL, res->rows != NULL, res->rows != NULL,
                               res->have_speed, true};
    struct output_file files[FILE_COUNT];
    memset(files, 0, sizeof files);
    int failed = 0;
    for (int i = 0; i < FILE_COUNT && !failed; i++) {
        if (!wanted[i])
            continue;
        if (output_open(&files[i], cli->out_dir, names[i], error, error_size)) {
            failed = 1;
            break;
        }
        FILE *f = files[i].stream;
        switch (i) {
        case ACCURACY: failed = accuracy_csv_write(f, res->rows, res->row_count, res->summary); break;
        case PROFILE: failed = profile_csv_write(f, res->rows, res->row_count); break;
        case FAILURES: failed = failures_csv_write(f, res->rows, res->row_count); break;
        case SPEED: failed = speed_csv_write(f, &res->speed, error, error_size); break;
        case MACHINE: failed = machine_csv_write(f, &res->machine, error, error_size); break;
        }
        if (failed && !error[0])
            snprintf(error, error_size, "error writing %s/%s", cli->out_dir, names[i]);
    }
    for (int i = 0; i < FILE_COUNT && !failed; i++)
        if (wanted[i] && output_commit(&files[i], error, error_size))
            failed = 1;
    if (failed) {
        for (int i = 0; i < FILE_COUNT; i++)
            output_abort(&files[i]);
        return -1;
    }
    /* a file of the other kind of run must not sit next to this run's */
    for (int i = 0; i < FILE_COUNT; i++)
        if (!wanted[i]) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", cli->out_dir, names[i]);
            unlink(path);
        }
    return 0;
}

/* Copy src over dst atomically (temporary file in dst's folder, rename). */
static int copy_file_atomic(const char *src, const char *dst, char *error, size_t error_size)
{
    char *dir = strdup(dst);
    if (!dir)
        return -1;
    char *slash = strrchr(dir, '/');
    const char *name = slash ? slash + 1 : dst;
    if (slash)
        *slash = '\0';
    struct output_file out;
    int status = output_open(&out, slash ? (dir[0] ? dir : "/") : ".", name, error, error_size);
    if (status == 0) {
        FILE *in = fopen(src, "r");
        if (!in) {
            snprintf(error, error_size, "cannot read %.512s: %s", src, strerror(errno));
            output_abort(&out);
            status = -1;
        } else {
            char buf[65536];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, in)) > 0)
                fwrite(buf, 1, n, out.stream);
            fclose(in);
            status = output_commit(&out, error, error_size);
        }
    }
    free(dir);
    return status;
}

static int compare_command(int argc, char **argv)
{
    static const struct option options[] = {
        {"speed-tolerance", required_argument, NULL, 't'},
        {"no-speed-gate", no_argument, NULL, 'g'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct compare_options opt;
    compare_options_default(&opt);
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
        switch (c) {
        case 't': if (parse_tolerance(optarg, &opt.speed_tolerance)) return EXIT_USAGE; break;
        case 'g': opt.speed_gate = false; break;
        case 'h':
            printf("Usage: actbench compare [--speed-tolerance X] [--no-speed-gate] OLD.csv NEW.csv\n"
                   "Compare two accuracy.csv files; exit 0 pass, 1 regression, 2 input error.\n");
            return 0;
        case ':': usage_error("option '%s' needs a value", argv[optind - 1]); return EXIT_USAGE;
        default: usage_error("unknown option '%s' for compare", argv[optind - 1]); return EXIT_USAGE;
        }
    }
    if (argc - optind != 2) {
        usage_error("compare takes two files: OLD.csv NEW.csv");
        return EXIT_USAGE;
    }
    char error[1024] = "";
    int status = compare_accuracy_files(argv[optind], argv[optind + 1], &opt, stdout, error,
                                        sizeof error);
    if (status == COMPARE_INPUT_ERROR)
        fprintf(stderr, "actbench: %s\n", error);
    return status;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "compare") == 0)
        return compare_command(argc - 1, argv + 1);

    struct cli cli = {.points = DEFAULT_POINTS, .seed = 1, .out_dir = "actbench-out",
                      .distribution = DIST_UNIFORM};
    compare_options_default(&cli.compare);
    cli.isa_selected = calloc(isa_count, sizeof *cli.isa_selected);
    if (!cli.isa_selected || parse_arguments(argc, argv, &cli) != 0) {
        cli_free(&cli);
        return EXIT_USAGE;
    }
    /* the built-in kernels and the --kernel libraries, all validated
     * before anything is measured or written */
    struct implementation_set set;
    char load_error[1024];
    if (implementations_load(&set, cli.kernel_libraries, cli.kernel_library_count, load_error,
                             sizeof load_error) != 0) {
        fprintf(stderr, "actbench: %s\n", load_error);
        cli_free(&cli);
        return EXIT_USAGE;
    }
    if (cli.list || resolve_implementation_names(&cli, &set) != 0) {
        int status = cli.list ? 0 : EXIT_USAGE;
        if (cli.list)
            print_list(&set);
        implementations_free(&set);
        cli_free(&cli);
        return status;
    }

    const struct implementation **selected = calloc(set.count ? set.count : 1, sizeof *selected);
    if (!selected) {
        fprintf(stderr, "actbench: out of memory\n");
        implementations_free(&set);
        cli_free(&cli);
        return EXIT_USAGE;
    }
    size_t selected_count = 0;
    for (size_t i = 0; i < set.count; i++)
        if (implementation_selected(&cli, &set.items[i]))
            selected[selected_count++] = &set.items[i];
    if (selected_count == 0) {
        usage_error("the selection matches no implementation; 'actbench --list' shows them");
        free(selected);
        implementations_free(&set);
        cli_free(&cli);
        return EXIT_USAGE;
    }

    char error[1024] = "";
    int exit_status = EXIT_USAGE;
    struct run_results res;
    memset(&res, 0, sizeof res);
    struct machine_topology topology;
    bool have_topology = false;

    /* A baseline that cannot be read fails now, not after the run: compared
     * with itself it must pass. */
    bool baseline_exists = cli.baseline && access(cli.baseline, F_OK) == 0;
    if (cli.baseline && !baseline_exists && !cli.update_baseline) {
        fprintf(stderr, "actbench: baseline %s does not exist (--update-baseline creates it)\n",
                cli.baseline);
        goto done;
    }
    if (baseline_exists) {
        FILE *sink = fopen("/dev/null", "w");
        int st = compare_accuracy_files(cli.baseline, cli.baseline, &cli.compare, sink, error,
                                        sizeof error);
        if (sink)
            fclose(sink);
        if (st == COMPARE_INPUT_ERROR) {
            fprintf(stderr, "actbench: baseline: %s\n", error);
            goto done;
        }
        error[0] = '\0';
    }
    if (!cli.accuracy_only) {
        if (topology_load(&topology, error, sizeof error) == 0) {
            have_topology = true;
            if (check_speed_options(&cli, &topology, error, sizeof error)) {
                usage_error("%s", error);
                goto done;
            }
        } else {
            snprintf(res.speed_unavailable, sizeof res.speed_unavailable,
                     "speed not measured: hwloc topology unavailable: %s", error);
            fprintf(stderr, "actbench: %s\n", res.speed_unavailable);
            error[0] = '\0';
        }
    }
    if (output_check_folder(cli.out_dir, error, sizeof error) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        goto done;
    }

    if (!cli.speed_only &&
        run_accuracy(&cli, selected, selected_count, &res, error, sizeof error) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        goto done;
    }
    if (!cli.accuracy_only && have_topology) {
        if (run_speed(&cli, &topology, selected, selected_count, &res, error, sizeof error) != 0) {
            /* the run goes on: accuracy is still worth writing */
            snprintf(res.speed_unavailable, sizeof res.speed_unavailable,
                     "speed not measured: %s", error);
            fprintf(stderr, "actbench: %s\n", res.speed_unavailable);
            speed_report_free(&res.speed);
            res.have_speed = false;
            error[0] = '\0';
        }
    }
    if (res.have_speed && res.rows)
        summarize_speed(&res);
    machine_collect(&res.machine, have_topology ? &topology : NULL,
                    res.have_speed ? res.speed.clock_source : NULL, error, sizeof error);
    if (res.speed_unavailable[0])
        machine_info_set(&res.machine, "speed.unavailable", "%s", res.speed_unavailable);
    error[0] = '\0';

    if (write_outputs(&cli, &res, error, sizeof error) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        goto done;
    }
    if (res.rows) {
        struct html_report_info html;
        if (html_write_report_info(cli.out_dir, "report.html", &html, error, sizeof error) != 0) {
            fprintf(stderr, "actbench: report.html: %s\n", error);
            goto done;
        }
        fprintf(stderr, "actbench: wrote %s/ (report.html %zu bytes in %.2f s)\n", cli.out_dir,
                html.bytes, html.seconds);
    } else {
        /* the report is built around accuracy.csv; an older one would not
         * match this run's speed.csv */
        char path[4096];
        snprintf(path, sizeof path, "%s/report.html", cli.out_dir);
        unlink(path);
        fprintf(stderr, "actbench: wrote %s/speed.csv and machine.csv (no report.html without "
                        "the accuracy half)\n", cli.out_dir);
    }
    exit_status = 0;

    if (cli.baseline) {
        char current[4096];
        snprintf(current, sizeof current, "%s/accuracy.csv", cli.out_dir);
        int st = !baseline_exists ? COMPARE_PASS : compare_accuracy_files(cli.baseline, current, &cli.compare, stdout, error,
                                        sizeof error);
        if (st == COMPARE_INPUT_ERROR) {
            fprintf(stderr, "actbench: %s\n", error);
            exit_status = EXIT_USAGE;
        } else if (st == COMPARE_REGRESSION && !cli.update_baseline) {
            exit_status = EXIT_REGRESSION;
        }
        if (cli.update_baseline && st != COMPARE_INPUT_ERROR) {
            if (copy_file_atomic(current, cli.baseline, error, sizeof error) != 0) {
                fprintf(stderr, "actbench: cannot update baseline: %s\n", error);
                exit_status = EXIT_USAGE;
            } else {
                fprintf(stderr, "actbench: baseline %s updated\n", cli.baseline);
            }
        }
    }

done:
    accuracy_rows_free(res.rows, res.row_count);
    free(res.summary);
    if (res.have_speed)
        speed_report_free(&res.speed);
    machine_info_free(&res.machine);
    if (have_topology)
        topology_free(&topology);
    free(selected);
    implementations_free(&set);
    cli_free(&cli);
    return exit_status;
}
