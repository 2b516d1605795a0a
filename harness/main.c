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

#include "../impls/registry.h"
#include "../reference/reference.h"
#include "../reports/accuracy_csv.h"
#include "../reports/output.h"
#include "accuracy.h"
#include "catalog.h"

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
    bool isa_selected[ISA_COUNT], any_isa;
    bool formats[FMT_COUNT], any_format;
    uint64_t points, seed;
    unsigned threads;
    const char *out_dir;
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

static void print_help(void)
{
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
        "  -m, --method LIST          libm, poly, table, simd, libmvec, sleef\n"
        "  -I, --isa LIST             scalar, avx2, avx512f\n"
        "  -f, --format LIST          f32, bf16, f16 (default: all three)\n"
        "Inputs:\n"
        "  -n, --points N             f32 random inputs per activation (default %" PRIu64 ",\n"
        "                             half binade-stratified, half uniform [-10,10])\n"
        "  -s, --seed N               seed of the random inputs (default 1)\n"
        "  -q, --quick                %" PRIu64 " points: for tests and a first look\n"
        "  -x, --exhaustive           all 2^32 f32 inputs (hours)\n"
        "  -j, --threads N            measuring threads (default: one per core)\n"
        "Output:\n"
        "  -o, --out DIR              output folder (default actbench-out)\n"
        "  -l, --list                 list activations and implementations, then exit\n"
        "  -h, --help                 this help\n"
        "  -V, --version              version and library versions\n"
        "\n"
        "Exit status: 0 success, 1 regression against a baseline, 2 usage or input error.\n",
        DEFAULT_POINTS, QUICK_POINTS);
}

static void print_version(void)
{
    printf("actbench %s\nMPFR %s\n", ACTBENCH_VERSION, ref_mpfr_version());
}

static void print_list(void)
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
    printf("\nImplementations (bounds in f32 ulps):\n");
    printf("  %-34s %-19s %-8s %-8s %12s %12s  %s\n", "name", "activation", "method", "isa",
           "value bound", "grad bound", "on this CPU");
    for (size_t i = 0; i < implementation_count; i++) {
        const struct implementation *im = &implementation_registry[i];
        printf("  %-34s %-19s %-8s %-8s %12.4g %12.4g  %s\n", im->name,
               activation_catalog[im->activation].name, impl_method_name(im->method),
               impl_isa_name(im->isa), im->value_bound_ulp, im->gradient_bound_ulp,
               isa_supported(im->isa) ? "runs" : "skipped (ISA not supported)");
    }
}

/* Split a comma-separated list and call accept on each item; an empty item
 * is an error. */
static int for_each_item(const char *option, const char *list,
                         int (*accept)(struct cli *, const char *), struct cli *cli)
{
    char *copy = strdup(list);
    if (!copy)
        return -1;
    int status = 0;
    char *save = NULL;
    if (list[0] == '\0' || list[strlen(list) - 1] == ',' || strstr(list, ",,") || list[0] == ',') {
        usage_error("--%s: empty item in '%s'", option, list);
        free(copy);
        return -1;
    }
    for (char *item = strtok_r(copy, ",", &save); item && status == 0;
         item = strtok_r(NULL, ",", &save))
        status = accept(cli, item);
    free(copy);
    return status;
}

static void list_choices(char *buf, size_t size, const char *(*name)(int), int count)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < count && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s", i ? ", " : "", name(i));
}

static const char *activation_name_at(int i) { return activation_catalog[i].name; }
static const char *method_name_at(int i) { return impl_method_name((enum impl_method)i); }
static const char *isa_name_at(int i) { return impl_isa_name((enum impl_isa)i); }
static const char *format_name_at(int i) { return format_catalog[i].name; }

static int accept_activation(struct cli *cli, const char *name)
{
    enum activation_id a = activation_by_name(name);
    if (a == ACT_COUNT) {
        char choices[1024];
        list_choices(choices, sizeof choices, activation_name_at, ACT_COUNT);
        usage_error("unknown activation '%s'; valid activations: %s", name, choices);
        return -1;
    }
    cli->activation_selected[a] = true;
    cli->any_activation = true;
    return 0;
}

static int accept_implementation(struct cli *cli, const char *name)
{
    for (size_t i = 0; i < implementation_count; i++)
        if (strcmp(implementation_registry[i].name, name) == 0) {
            char **grown = realloc(cli->impl_names, (cli->impl_name_count + 1) * sizeof *grown);
            if (!grown)
                return -1;
            cli->impl_names = grown;
            cli->impl_names[cli->impl_name_count++] = (char *)implementation_registry[i].name;
            return 0;
        }
    usage_error("unknown implementation '%s'; 'actbench --list' shows the %zu valid names", name,
                implementation_count);
    return -1;
}

static int accept_method(struct cli *cli, const char *name)
{
    enum impl_method m = impl_method_by_name(name);
    if (m == METHOD_COUNT) {
        char choices[256];
        list_choices(choices, sizeof choices, method_name_at, METHOD_COUNT);
        usage_error("unknown method '%s'; valid methods: %s", name, choices);
        return -1;
    }
    cli->method_selected[m] = cli->any_method = true;
    return 0;
}

static int accept_isa(struct cli *cli, const char *name)
{
    enum impl_isa isa = impl_isa_by_name(name);
    if (isa == ISA_COUNT) {
        char choices[256];
        list_choices(choices, sizeof choices, isa_name_at, ISA_COUNT);
        usage_error("unknown ISA '%s'; valid ISAs: %s", name, choices);
        return -1;
    }
    cli->isa_selected[isa] = cli->any_isa = true;
    return 0;
}

static int accept_format(struct cli *cli, const char *name)
{
    enum number_format f = format_by_name(name);
    if (f == FMT_COUNT) {
        char choices[256];
        list_choices(choices, sizeof choices, format_name_at, FMT_COUNT);
        usage_error("unknown format '%s'; valid formats: %s", name, choices);
        return -1;
    }
    cli->formats[f] = cli->any_format = true;
    return 0;
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
        {NULL, 0, NULL, 0},
    };
    bool points_given = false;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":aA:i:m:I:f:n:s:qxj:o:lhV", options, NULL)) != -1) {
        uint64_t v;
        switch (c) {
        case 'a': cli->all = true; break;
        case 'A': if (for_each_item("activation", optarg, accept_activation, cli)) return -1; break;
        case 'i': if (for_each_item("implementation", optarg, accept_implementation, cli)) return -1; break;
        case 'm': if (for_each_item("method", optarg, accept_method, cli)) return -1; break;
        case 'I': if (for_each_item("isa", optarg, accept_isa, cli)) return -1; break;
        case 'f': if (for_each_item("format", optarg, accept_format, cli)) return -1; break;
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

/* Progress on a terminal: one line on stderr rewritten in place. */
struct progress {
    bool enabled;
    struct timespec start;
    size_t jobs_total, jobs_done;
    const char *last_activation, *last_format;
};

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + 1e-9 * (double)(t.tv_nsec - t0->tv_nsec);
}

static void progress_update(void *context, const char *activation, const char *format,
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
    fprintf(stderr, "\r\033[Kaccuracy %3.0f%%  %s %s  elapsed %.0fs  left ~%.0fs", 100.0 * overall,
            activation, format, elapsed, left);
    fflush(stderr);
}

static void progress_finish(struct progress *pr)
{
    if (pr->enabled)
        fprintf(stderr, "\r\033[K");
}

int main(int argc, char **argv)
{
    struct cli cli = {.points = DEFAULT_POINTS, .seed = 1, .out_dir = "actbench-out"};
    if (parse_arguments(argc, argv, &cli) != 0)
        return EXIT_USAGE;
    if (cli.list) {
        print_list();
        free(cli.impl_names);
        return 0;
    }

    const struct implementation **selected = calloc(implementation_count, sizeof *selected);
    if (!selected) {
        fprintf(stderr, "actbench: out of memory\n");
        return EXIT_USAGE;
    }
    size_t selected_count = 0;
    for (size_t i = 0; i < implementation_count; i++)
        if (implementation_selected(&cli, &implementation_registry[i]))
            selected[selected_count++] = &implementation_registry[i];
    free(cli.impl_names);
    if (selected_count == 0) {
        usage_error("the selection matches no implementation; 'actbench --list' shows them");
        free(selected);
        return EXIT_USAGE;
    }

    char error[512];
    if (output_check_folder(cli.out_dir, error, sizeof error) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        free(selected);
        return EXIT_USAGE;
    }

    struct progress progress = {.enabled = isatty(STDERR_FILENO) == 1};
    clock_gettime(CLOCK_MONOTONIC, &progress.start);
    for (int a = 0; a < ACT_COUNT; a++) {
        bool any = false;
        for (size_t i = 0; i < selected_count; i++)
            any |= selected[i]->activation == (enum activation_id)a && isa_supported(selected[i]->isa);
        for (int f = 0; f < FMT_COUNT && any; f++)
            progress.jobs_total += cli.formats[f];
    }

    struct accuracy_options opt = {
        .seed = cli.seed,
        .binade_points = cli.points / 2,
        .range_points = cli.points - cli.points / 2,
        .exhaustive32 = cli.exhaustive,
        .threads = cli.threads,
        .progress = progress_update,
        .progress_context = &progress,
    };
    memcpy(opt.formats, cli.formats, sizeof opt.formats);

    struct accuracy_row *rows = NULL;
    size_t row_count = 0;
    int status = accuracy_run(&opt, selected, selected_count, &rows, &row_count, error, sizeof error);
    progress_finish(&progress);
    free(selected);
    if (status != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        return EXIT_USAGE;
    }

    struct output_file files[3];
    memset(files, 0, sizeof files);
    int failed = output_open(&files[0], cli.out_dir, "accuracy.csv", error, sizeof error) ||
                 accuracy_csv_write(files[0].stream, rows, row_count, NULL) ||
                 output_open(&files[1], cli.out_dir, "profile.csv", error, sizeof error) ||
                 profile_csv_write(files[1].stream, rows, row_count) ||
                 output_open(&files[2], cli.out_dir, "failures.csv", error, sizeof error) ||
                 failures_csv_write(files[2].stream, rows, row_count);
    for (size_t i = 0; i < 3 && !failed; i++)
        failed = output_commit(&files[i], error, sizeof error) != 0;
    if (failed) {
        for (size_t i = 0; i < 3; i++)
            output_abort(&files[i]);
        fprintf(stderr, "actbench: %s\n", error[0] ? error : "write error");
        accuracy_rows_free(rows, row_count);
        return EXIT_USAGE;
    }
    fprintf(stderr, "actbench: wrote %s/accuracy.csv (%zu rows) in %.1f s\n", cli.out_dir, row_count,
            seconds_since(&progress.start));
    accuracy_rows_free(rows, row_count);
    return 0;
}
