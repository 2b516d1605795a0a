/* The command line of actbench; see cli.h. */
#define _GNU_SOURCE
#include "cli.h"

#include <errno.h>
#include <fnmatch.h>
#include <float.h>
#include <getopt.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../impls/isa.h"
#include "../impls/registry.h"
#include "exhaustive.h"
#include "machine.h"

#ifndef ACTBENCH_VERSION
#define ACTBENCH_VERSION "unknown"
#endif

void usage_error(const char *fmt, ...)
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
        "Selection (LIST is comma-separated names or globs such as gelu* or *_avx512f;\n"
        "see --list for the names):\n"
        "  -a, --all                  every activation, implementation and format\n"
        "  -A, --activation LIST      activations to measure\n"
        "  -i, --implementation LIST  implementations to measure\n"
        "      --filter REGEX         implementations whose name matches REGEX (extended\n"
        "                             regular expression, searched as in grep -E)\n"
        "  -m, --method LIST          %s\n"
        "  -I, --isa LIST             %s\n"
        "  -f, --format LIST          f32, bf16, f16 (default: all three)\n"
        "Inputs:\n"
        "  -n, --points N             f32 random inputs per activation (default %" PRIu64 ",\n"
        "                             half binade-stratified, half uniform [-10,10])\n"
        "  -s, --seed N               seed of the random inputs (default 1)\n"
        "  -q, --quick                %" PRIu64 " points: for tests and a first look\n"
        "  -x, --exhaustive           all 2^32 f32 inputs, against a fast reference with an\n"
        "                             error bound, MPFR where it cannot decide (minutes)\n"
        "      --range LO:HI          every f32 in [LO, HI] (C floats, hex accepted), as\n"
        "                             --exhaustive; 16-bit formats: their values in it\n"
        "      --audit N              exhaustive: also compute 1 point in N with MPFR and\n"
        "                             fail on any disagreement (default %" PRIu64 "; 1: every\n"
        "                             point, the figures then all MPFR's)\n"
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
        "      --baseline FILE        compare this run's accuracy.csv with FILE (same seed,\n"
        "                             points and inputs); exit 1 on a regression\n"
        "      --require-all          a row of FILE this run did not measure is a\n"
        "                             regression (default: listed as not measured)\n"
        "      --update-baseline      instead write this run's rows into FILE (the rows it\n"
        "                             did not measure are kept)\n"
        "      --speed-tolerance X    speed may be X worse beyond the spread (default %g)\n"
        "      --no-speed-gate        report speed changes but never fail on them\n"
        "       actbench compare [--speed-tolerance X] [--no-speed-gate] [--require-all]\n"
        "                        OLD.csv NEW.csv\n"
        "                             compare two accuracy.csv files\n"
        "Output:\n"
        "  -o, --out DIR              output folder (default actbench-out)\n"
        "      --json FILE            write the JSON results to FILE (default\n"
        "                             DIR/results.json)\n"
        "      --top N                summary on stdout: the N best implementations of\n"
        "                             each activation (default: all)\n"
        "      --color[=WHEN]         colour the summary: auto (default: on a terminal,\n"
        "                             unless NO_COLOR is set), always, never\n"
        "  -l, --list                 list activations and implementations, then exit\n"
        "      --machine-class        print the class of this machine for baselines\n"
        "  -h, --help                 this help\n"
        "  -V, --version              version and library versions\n"
        "      --kernel LIB.so        also measure the kernels of a shared library that\n"
        "                             exports actbench_kernels (<actbench/kernel.h>);\n"
        "                             repeatable\n"
        "\n"
        "Exit status: 0 success, 1 regression against a baseline, 2 usage or input error.\n",
        methods, isas, DEFAULT_POINTS, QUICK_POINTS, (uint64_t)EXHAUSTIVE_AUDIT_SHARE,
        SPEED_DEFAULT_BUDGET_SECONDS,
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

int cli_finish_stdout(void)
{
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "actbench: cannot write the standard output: %s\n",
                strerror(errno ? errno : EIO));
        return -1;
    }
    return 0;
}

void print_list(const struct implementation_set *set)
{
    printf("Activations:\n");
    for (int a = 0; a < ACT_COUNT; a++) {
        const struct activation_info *info = &activation_catalog[a];
        printf("  %-20s %-17s value: %s\n", info->name, activation_kind_name(info->kind),
               info->value_definition);
        printf("  %-20s %-17s derivative: %s\n", "", "", info->derivative_definition);
        if (info->param_name)
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
               impl_runs_here(im) ? "runs" : impl_skip_note(im),
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

static bool is_glob(const char *text)
{
    return strpbrk(text, "*?[") != NULL;
}

/* Mark the name chosen (or every name a glob matches), or say that it
 * matches nothing and list the valid names. */
static int accept_choice(const struct choice_list *choices, const char *name, bool *selected,
                         bool *any)
{
    bool glob = is_glob(name), matched = false;
    for (int i = 0; (size_t)i < *choices->count; i++)
        if (glob ? fnmatch(name, choices->name_at(i), 0) == 0
                 : strcmp(choices->name_at(i), name) == 0) {
            selected[i] = *any = matched = true;
        }
    if (matched)
        return 0;
    char valid[1024];
    list_choices(valid, sizeof valid, choices->name_at, *choices->count);
    if (glob)
        usage_error("no %s matches '%s'; valid %s: %s", choices->noun, name, choices->plural,
                    valid);
    else
        usage_error("unknown %s '%s'; valid %s: %s", choices->noun, name, choices->plural, valid);
    return -1;
}

/* An implementation name against an --implementation item. */
static bool implementation_matches(const char *pattern, const char *name)
{
    return is_glob(pattern) ? fnmatch(pattern, name, 0) == 0 : strcmp(pattern, name) == 0;
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

int resolve_implementation_names(const struct cli *cli, const struct implementation_set *set)
{
    for (size_t k = 0; k < cli->impl_name_count; k++) {
        bool known = false;
        for (size_t i = 0; i < set->count && !known; i++)
            known = implementation_matches(cli->impl_names[k], set->items[i].name);
        if (!known) {
            usage_error("%s implementation '%s'; 'actbench --list' shows the %zu valid names",
                        is_glob(cli->impl_names[k]) ? "no implementation matches the glob"
                                                    : "unknown",
                        cli->impl_names[k], set->count);
            return -1;
        }
    }
    if (cli->has_filter) {
        bool known = false;
        for (size_t i = 0; i < set->count && !known; i++)
            known = regexec(&cli->filter, set->items[i].name, 0, NULL, 0) == 0;
        if (!known) {
            usage_error("--filter '%s' matches no implementation; 'actbench --list' shows the "
                        "%zu valid names",
                        cli->filter_text, set->count);
            return -1;
        }
    }
    return 0;
}

bool cli_use_color(const struct cli *cli)
{
    if (cli->color != COLOR_AUTO)
        return cli->color == COLOR_ALWAYS;
    const char *no_color = getenv("NO_COLOR");
    if (no_color != NULL && no_color[0] != '\0')
        return false;
    const char *term = getenv("TERM");
    if (term != NULL && strcmp(term, "dumb") == 0)
        return false;
    return isatty(STDOUT_FILENO) == 1;
}

void cli_free(struct cli *cli)
{
    for (size_t i = 0; i < cli->impl_name_count; i++)
        free(cli->impl_names[i]);
    free(cli->impl_names);
    free(cli->isa_selected);
    free(cli->kernel_libraries);
    if (cli->has_filter)
        regfree(&cli->filter);
    cli->has_filter = false;
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
    /* digits only: strtoull would take " 5", "+5" and wrap "-1" */
    if (text[0] < '0' || text[0] > '9')
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
    OPTION_REQUIRE_ALL,
    OPTION_KERNEL,
    OPTION_FILTER,
    OPTION_JSON,
    OPTION_TOP,
    OPTION_COLOR,
    OPTION_RANGE,
    OPTION_AUDIT,
};

/* --filter: compiled once; a bad expression is named with regcomp's reason. */
static int parse_filter(struct cli *cli, const char *text)
{
    if (cli->has_filter) {
        usage_error("--filter given twice ('%s' and '%s'); join them with |", cli->filter_text,
                    text);
        return -1;
    }
    int code = regcomp(&cli->filter, text, REG_EXTENDED | REG_NOSUB);
    if (code != 0) {
        char reason[256];
        regerror(code, &cli->filter, reason, sizeof reason);
        usage_error("--filter: bad regular expression '%s': %s", text, reason);
        return -1;
    }
    cli->filter_text = text;
    cli->has_filter = true;
    return 0;
}

static int parse_color(const char *text, enum color_choice *out)
{
    static const char *const names[] = {"auto", "always", "never"};
    for (int i = 0; i < 3; i++)
        if (strcmp(text, names[i]) == 0) {
            *out = (enum color_choice)i;
            return 0;
        }
    usage_error("unknown --color '%s'; valid: auto, always, never", text);
    return -1;
}

/* One end of --range: a float in C syntax (decimal or hex, inf), rounded
 * inwards so that the interval holds exactly the floats between the
 * numbers written. */
static int parse_range_end(const char *text, size_t length, int direction, float *out)
{
    char buf[128];
    if (length == 0 || length >= sizeof buf)
        return -1;
    memcpy(buf, text, length);
    buf[length] = '\0';
    char *end;
    errno = 0;
    double v = strtod(buf, &end);
    if (end == buf || *end != '\0' || isnan(v))
        return -1;
    float f = (float)v;
    if (isinf(f) && !isinf(v))
        f = direction > 0 ? -FLT_MAX : FLT_MAX; /* beyond the floats: clamp inwards */
    if (direction > 0 && (double)f < v)
        f = nextafterf(f, INFINITY);
    if (direction < 0 && (double)f > v)
        f = nextafterf(f, -INFINITY);
    *out = f;
    return 0;
}

/* --range LO:HI with LO <= HI. */
static int parse_range(const char *text, float *lo, float *hi)
{
    /* the colon that splits: not inside a hex float's exponent, so the
     * first one */
    const char *colon = strchr(text, ':');
    if (!colon || parse_range_end(text, (size_t)(colon - text), +1, lo) ||
        parse_range_end(colon + 1, strlen(colon + 1), -1, hi)) {
        usage_error("--range expects LO:HI, two floats in C syntax such as -0x1p-3:0.5 or 1e-3:inf, "
                    "not '%s'", text);
        return -1;
    }
    if (!(*lo <= *hi)) {
        usage_error("--range %s holds no float: LO must not exceed HI", text);
        return -1;
    }
    return 0;
}

/* A relative tolerance in [0, 10] (0.25 = 25 %). */
int parse_tolerance(const char *text, double *out)
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
    /* a plain decimal: no sign, blank, exponent, hexadecimal or "inf" */
    size_t plain = strspn(text, "0123456789.");
    double v = strtod(text, &end);
    if (errno || end == text || *end != '\0' || text[plain] != '\0' ||
        !(v >= 0.001 && v <= 60.0)) {
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

int parse_arguments(int argc, char **argv, struct cli *cli)
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
        {"require-all", no_argument, NULL, OPTION_REQUIRE_ALL},
        {"kernel", required_argument, NULL, OPTION_KERNEL},
        {"filter", required_argument, NULL, OPTION_FILTER},
        {"json", required_argument, NULL, OPTION_JSON},
        {"top", required_argument, NULL, OPTION_TOP},
        {"color", optional_argument, NULL, OPTION_COLOR},
        {"colour", optional_argument, NULL, OPTION_COLOR},
        {"range", required_argument, NULL, OPTION_RANGE},
        {"audit", required_argument, NULL, OPTION_AUDIT},
        {NULL, 0, NULL, 0},
    };
    bool points_given = false, want_help = false, want_version = false, want_class = false;
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
        case OPTION_MACHINE_CLASS: want_class = true; break;
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
        case OPTION_FILTER: if (parse_filter(cli, optarg)) return -1; break;
        case OPTION_JSON:
            if (optarg[0] == '\0' || optarg[strlen(optarg) - 1] == '/') {
                usage_error("--json needs a file name, not '%s'", optarg);
                return -1;
            }
            cli->json_path = optarg;
            break;
        case OPTION_TOP:
            if (parse_count("top", optarg, 1, 100000, &v)) return -1;
            cli->top = (size_t)v;
            break;
        case OPTION_COLOR:
            if (parse_color(optarg ? optarg : "always", &cli->color)) return -1;
            break;
        case OPTION_RANGE:
            if (parse_range(optarg, &cli->range_lo, &cli->range_hi)) return -1;
            cli->ranged = true;
            break;
        case OPTION_AUDIT:
            if (parse_count("audit", optarg, 1, UINT64_C(1) << 32, &cli->audit_share)) return -1;
            break;
        case OPTION_BASELINE: cli->baseline = optarg; break;
        case OPTION_UPDATE_BASELINE: cli->update_baseline = true; break;
        case OPTION_NO_SPEED_GATE: cli->compare.speed_gate = false; break;
        case OPTION_REQUIRE_ALL: cli->compare.require_all = true; break;
        case OPTION_SPEED_TOLERANCE:
            if (parse_tolerance(optarg, &cli->compare.speed_tolerance)) return -1;
            break;
        case OPTION_BUDGET: if (parse_budget(optarg, &cli->budget_seconds)) return -1; break;
        case OPTION_DISTRIBUTION: if (parse_distribution(optarg, &cli->distribution)) return -1; break;
        case 'h': want_help = true; break;
        case 'V': want_version = true; break;
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
    /* the informational options, once every argument was read and found
     * valid: "--help --bogus" is an error like any other */
    if (want_help || want_version || want_class) {
        if (want_help)
            print_help();
        else if (want_version)
            print_version();
        else {
            char class[128];
            printf("%s\n", isa_machine_class(class, sizeof class));
        }
        exit(cli_finish_stdout() == 0 ? 0 : 2);
    }
    if (cli->quick && points_given) {
        usage_error("--quick and --points both set the number of points; give one");
        return -1;
    }
    if (cli->exhaustive && (cli->quick || points_given)) {
        usage_error("--exhaustive measures every f32 input; it takes no --points or --quick");
        return -1;
    }
    if (cli->ranged && (cli->quick || points_given || cli->exhaustive)) {
        usage_error("--range measures every float in its interval; it takes no --points, --quick "
                    "or --exhaustive");
        return -1;
    }
    if (cli->audit_share && !cli->exhaustive && !cli->ranged) {
        usage_error("--audit applies to --exhaustive and --range runs");
        return -1;
    }
    if (cli->update_baseline && !cli->baseline) {
        usage_error("--update-baseline needs --baseline FILE (the file to refresh)");
        return -1;
    }
    if (cli->compare.require_all && !cli->baseline) {
        usage_error("--require-all needs --baseline FILE (the rows to require)");
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
    bool selected = cli->any_activation || cli->impl_name_count || cli->any_method ||
                    cli->any_isa || cli->has_filter;
    /* a run of everything has every row of its baseline: a missing one
     * disappeared */
    if (cli->all && !selected && !cli->any_format)
        cli->compare.require_all = true;
    if (!cli->all && !selected && !cli->list) {
        usage_error("nothing to measure: give --all, or choose with --activation, "
                    "--implementation, --filter, --method or --isa");
        return -1;
    }
    return 0;
}

bool implementation_selected(const struct cli *cli, const struct implementation *im)
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
            named |= implementation_matches(cli->impl_names[i], im->name);
        if (!named)
            return false;
    }
    if (cli->has_filter && regexec(&cli->filter, im->name, 0, NULL, 0) != 0)
        return false;
    return true;
}
