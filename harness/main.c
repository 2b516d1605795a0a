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
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../impls/isa.h"
#include "../impls/registry.h"
#include "../reference/reference.h"
#include "../reports/accuracy_csv.h"
#include "../reports/baseline.h"
#include "../reports/compare.h"
#include "../reports/csv_read.h"
#include "../reports/html.h"
#include "../reports/html_model.h"
#include "../reports/machine_csv.h"
#include "../reports/output.h"
#include "../reports/output_set.h"
#include "../reports/results_json.h"
#include "../reports/speed_csv.h"
#include "../reports/summary_text.h"
#include "accuracy.h"
#include "catalog.h"
#include "cli.h"
#include "implementations.h"
#include "input_identity.h"
#include "machine.h"
#include "pinning.h"
#include "shard.h"
#include "speed.h"

/* Progress on a terminal: one line on stderr rewritten in place.  When
 * stderr is not a terminal, an exhaustive or --range run (minutes per
 * activation) prints one line as each activation and format is done;
 * other runs print nothing. */
struct progress {
    bool enabled;
    bool lines; /* not a terminal: a line per finished job */
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
    if (!pr->enabled && !pr->lines)
        return;
    if (fraction >= 1.0)
        pr->jobs_done++;
    if (pr->lines) {
        if (fraction >= 1.0)
            fprintf(stderr, "actbench: accuracy: %s (%s) done, %zu of %zu, elapsed %.0f s\n",
                    activation, what, pr->jobs_done, pr->jobs_total, seconds_since(&pr->start));
        return;
    }
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
    pr->lines = false;
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

/* The run failed its audit: the fast reference is not to be trusted. */
#define AUDIT_FAILED (-2)

/* Where an exhaustive run's time went (thread-seconds: each thread's
 * time in each part on the monotonic clock, summed; CPU seconds only when
 * nothing else runs on the machine), and how much of it MPFR had to
 * decide. */
static void print_exhaustive_totals(const struct exhaustive_totals *t)
{
    double total = t->reference_seconds + t->implementation_seconds + t->statistics_seconds +
                   t->mpfr_seconds;
    double share = t->points ? 100.0 * (double)t->mpfr_points / (double)t->points : 0.0;
    fprintf(stderr,
            "actbench: exhaustive f32: %" PRIu64 " inputs, %.1f thread-s: fast reference %.1f s, "
            "implementations %.1f s, statistics %.1f s, MPFR %.1f s\n"
            "actbench: MPFR computed %" PRIu64 " points (%.4f %%): %" PRIu64 " not certified, "
            "%" PRIu64 " on a histogram bound, %" PRIu64 " possible maxima, %" PRIu64
            " audited (1 in the audit share); %" PRIu64 " audit failures\n",
            t->points, total, t->reference_seconds, t->implementation_seconds,
            t->statistics_seconds, t->mpfr_seconds, t->mpfr_points, share, t->uncertain,
            t->on_bound, t->maximum_checks, t->audited, t->audit_failures);
    if (t->cost_count) {
        fprintf(stderr, "actbench: per implementation (its code and the statistics of its results):\n");
        exhaustive_totals_print_costs(stderr, t);
    }
    if (t->truncated_runs)
        fprintf(stderr, "actbench: %" PRIu64 " runs had more near-maximal errors than were "
                        "recomputed with MPFR\n", t->truncated_runs);
}

/* Each activation's wall time (all its formats, everything measured of
 * it: reference, implementations, statistics, MPFR), in catalog order. */
static void print_activation_seconds(const double *seconds)
{
    fprintf(stderr, "actbench: wall time per activation:");
    int shown = 0;
    for (int a = 0; a < ACT_COUNT; a++)
        if (seconds[a] > 0.0)
            fprintf(stderr, "%s %s %.1f s", shown++ ? "," : "", activation_catalog[a].name, seconds[a]);
    fprintf(stderr, "\n");
}

static void print_audit_failures(const struct exhaustive_totals *t)
{
    fprintf(stderr, "actbench: AUDIT FAILED: the fast reference disagrees with MPFR:\n");
    for (size_t i = 0; i < t->failure_count; i++) {
        const struct audit_failure *f = &t->failures[i];
        fprintf(stderr,
                "  %s %s at x = %a: fast %a (tail %.17g +- %.3g, ulp 2^%d), MPFR %a (tail %.17g, "
                "ulp 2^%d)\n",
                f->activation, f->quantity, (double)f->input, (double)f->fast_rounded, f->fast_tail,
                f->fast_tail_error, f->fast_ulp_exponent, (double)f->mpfr_rounded, f->mpfr_tail,
                f->mpfr_ulp_exponent);
    }
}

static int run_accuracy(const struct cli *cli, const struct implementation *const *selected,
                        size_t selected_count, struct run_results *res, char *error,
                        size_t error_size)
{
    struct progress progress;
    progress_start(&progress);
    progress.lines = !progress.enabled && (cli->exhaustive || cli->ranged) && shard_rank() == 0;
    progress.jobs_total = 0;
    for (int a = 0; a < ACT_COUNT; a++) {
        bool any = false;
        for (size_t i = 0; i < selected_count; i++)
            any |= selected[i]->activation == (enum activation_id)a && impl_runs_here(selected[i]);
        for (int f = 0; f < FMT_COUNT && any; f++)
            progress.jobs_total += cli->formats[f];
    }
    struct exhaustive_totals totals;
    memset(&totals, 0, sizeof totals);
    double activation_seconds[ACT_COUNT] = {0};
    struct accuracy_options opt = {
        .seed = cli->seed,
        .binade_points = cli->points / 2,
        .range_points = cli->points - cli->points / 2,
        .exhaustive32 = cli->exhaustive,
        .ranged = cli->ranged,
        .range_lo = cli->range_lo,
        .range_hi = cli->range_hi,
        .audit_share = cli->audit_share,
        .threads = cli->threads,
        .progress = accuracy_progress,
        .progress_context = &progress,
        .totals = &totals,
        .activation_seconds = activation_seconds,
    };
    memcpy(opt.formats, cli->formats, sizeof opt.formats);
    int status = accuracy_run(&opt, selected, selected_count, &res->rows, &res->row_count, error,
                              error_size);
    if (status == 0 && accuracy_rows_identify(res->rows, res->row_count, &opt) != 0) {
        snprintf(error, error_size, "out of memory naming the input sets");
        status = -1;
    }
    progress_finish(&progress);
    if (shard_rank() != 0)
        return status; /* rank 0 reports and writes */
    if (status == 0)
        fprintf(stderr, "actbench: accuracy of %zu implementations measured in %.1f s\n",
                selected_count, seconds_since(&progress.start));
    if (status == 0 && totals.points > 0) {
        print_exhaustive_totals(&totals);
        print_activation_seconds(activation_seconds);
    }
    if (status == 0 && totals.audit_failures > 0) {
        print_audit_failures(&totals);
        snprintf(error, error_size, "the fast reference disagrees with MPFR at %" PRIu64
                 " audited point%s: nothing written", totals.audit_failures,
                 totals.audit_failures == 1 ? "" : "s");
        return AUDIT_FAILED;
    }
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
static int write_outputs(const struct cli *cli, const char *dir, struct run_results *res,
                         char *error, size_t error_size)
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
        if (output_open(&files[i], dir, names[i], error, error_size)) {
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
        if (failed) {
            char why[512];
            snprintf(why, sizeof why, "%s", error[0] ? error : strerror(errno));
            snprintf(error, error_size, "cannot write %s/%s: %s", cli->out_dir, names[i], why);
        }
    }
    for (int i = 0; i < FILE_COUNT && !failed; i++)
        if (wanted[i] && output_commit(&files[i], error, error_size))
            failed = 1;
    if (failed) {
        for (int i = 0; i < FILE_COUNT; i++)
            output_abort(&files[i]);
        return -1;
    }
    return 0;
}

static int compare_command(int argc, char **argv)
{
    static const struct option options[] = {
        {"speed-tolerance", required_argument, NULL, 't'},
        {"no-speed-gate", no_argument, NULL, 'g'},
        {"require-all", no_argument, NULL, 'r'},
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
        case 'r': opt.require_all = true; break;
        case 'h':
            printf("Usage: actbench compare [--speed-tolerance X] [--no-speed-gate] [--require-all]\n"
                   "                        OLD.csv NEW.csv\n"
                   "Compare two accuracy.csv files measured on the same inputs (seed, points,\n"
                   "input set); rows missing from NEW.csv are listed as not measured, or with\n"
                   "--require-all are regressions.  A peer's figure above its documented bound\n"
                   "is listed as a finding; only a change for the worse fails.\n"
                   "Exit status: 0 pass, 1 regression, 2 input error or different inputs.\n");
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

/* A run from start to end: what was asked, what is measured, what came out. */
struct run {
    struct cli cli;
    struct implementation_set set;
    const struct implementation **selected;
    size_t selected_count;
    struct machine_topology topology;
    bool have_topology;
    bool baseline_exists;
    struct output_set output; /* locked by check_inputs */
    bool output_locked;
    char *baseline_resolved; /* --update-baseline: the file written, links followed */
    struct run_results res;
};

/* The folder and file name of the JSON results: --json FILE, or
 * <out>/results.json. */
static void json_location(const struct cli *cli, const char *set_dir, char *dir, size_t dir_size,
                          const char **name)
{
    const char *path = cli->json_path;
    if (path == NULL) {
        snprintf(dir, dir_size, "%s", set_dir ? set_dir : cli->out_dir);
        *name = "results.json";
        return;
    }
    const char *slash = strrchr(path, '/');
    if (slash == NULL) {
        snprintf(dir, dir_size, ".");
        *name = path;
    } else {
        snprintf(dir, dir_size, "%.*s", slash == path ? 1 : (int)(slash - path), path);
        *name = slash + 1;
    }
}

/* The implementations the options select, at least one. */
static int select_implementations(struct run *run)
{
    run->selected = calloc(run->set.count ? run->set.count : 1, sizeof *run->selected);
    if (!run->selected) {
        fprintf(stderr, "actbench: out of memory\n");
        return -1;
    }
    for (size_t i = 0; i < run->set.count; i++)
        if (implementation_selected(&run->cli, &run->set.items[i]))
            run->selected[run->selected_count++] = &run->set.items[i];
    if (run->selected_count == 0) {
        usage_error("the selection matches no implementation; 'actbench --list' shows them");
        return -1;
    }
    return 0;
}

/* The baseline was measured with the seed and points of this run, and
 * (when gating) on the input sets it will measure. */
static int check_baseline_inputs(const struct run *run, char *error, size_t error_size)
{
    const struct cli *cli = &run->cli;
    struct baseline_run b = {
        .seed = cli->seed,
        .binade_points = cli->points / 2,
        .range_points = cli->points - cli->points / 2,
        .exhaustive32 = cli->exhaustive,
    };
    for (size_t i = 0; i < run->selected_count && !cli->speed_only; i++)
        for (int f = 0; f < FMT_COUNT; f++)
            if (cli->formats[f] && impl_measures_format(run->selected[i], (enum number_format)f))
                b.measured[run->selected[i]->activation][f] = true;
    return baseline_check_run(cli->baseline, &b, cli->update_baseline, error, error_size);
}

/* Everything the run reads or writes is checked before anything is
 * measured: the baseline (compared with itself it must pass), the speed
 * options (they need the topology), the output folder. */
/* --update-baseline: the file the baseline is written to (a symbolic link
 * followed to its target), checked writable before anything is measured.
 * Replaces run->cli.baseline with the resolved path.  Returns 0 or -1 with
 * a message on stderr naming the file and the reason. */
static int resolve_baseline_destination(struct run *run, char *error, size_t error_size)
{
    const char *given = run->cli.baseline;
    char *resolved = realpath(given, NULL);
    if (resolved == NULL && errno == ENOENT) {
        /* a new file (or a dangling link): its folder must exist */
        char target[4096];
        ssize_t n = readlink(given, target, sizeof target - 1);
        const char *path = given;
        char joined[8192];
        if (n > 0) {
            target[n] = '\0';
            const char *slash = strrchr(given, '/');
            if (target[0] == '/' || slash == NULL)
                snprintf(joined, sizeof joined, "%s", target);
            else
                snprintf(joined, sizeof joined, "%.*s/%s", (int)(slash - given), given, target);
            path = joined;
        }
        char *copy = strdup(path);
        if (copy == NULL) {
            fprintf(stderr, "actbench: out of memory\n");
            return -1;
        }
        char *slash = strrchr(copy, '/');
        const char *dir = slash ? (slash == copy ? "/" : copy) : ".";
        const char *name = slash ? slash + 1 : copy;
        if (slash)
            *slash = '\0';
        char *dir_real = realpath(dir, NULL);
        if (dir_real == NULL) {
            fprintf(stderr, "actbench: --update-baseline %s: folder '%s': %s\n", given, dir,
                    strerror(errno));
            free(copy);
            return -1;
        }
        if (asprintf(&resolved, "%s/%s", strcmp(dir_real, "/") ? dir_real : "", name) < 0)
            resolved = NULL;
        free(dir_real);
        free(copy);
        if (resolved == NULL) {
            fprintf(stderr, "actbench: out of memory\n");
            return -1;
        }
    } else if (resolved == NULL) {
        fprintf(stderr, "actbench: --update-baseline %s: %s\n", given, strerror(errno));
        return -1;
    }
    struct stat st;
    if (stat(resolved, &st) == 0 && !S_ISREG(st.st_mode)) {
        fprintf(stderr, "actbench: --update-baseline %s: '%s' is not a regular file\n", given,
                resolved);
        free(resolved);
        return -1;
    }
    char *slash = strrchr(resolved, '/');
    char dir[4096];
    snprintf(dir, sizeof dir, "%.*s", slash == resolved ? 1 : (int)(slash - resolved), resolved);
    if (access(dir, W_OK) != 0 || output_check_folder(dir, error, error_size) != 0) {
        fprintf(stderr, "actbench: --update-baseline %s: cannot write in folder '%s': %s\n",
                given, dir, strerror(errno));
        free(resolved);
        return -1;
    }
    if (stat(resolved, &st) == 0 && access(resolved, W_OK) != 0) {
        fprintf(stderr, "actbench: --update-baseline %s: '%s' is not writable: %s\n", given,
                resolved, strerror(errno));
        free(resolved);
        return -1;
    }
    run->baseline_resolved = resolved;
    run->cli.baseline = resolved;
    return 0;
}

static int check_inputs(struct run *run, char *error, size_t error_size)
{
    if (run->cli.baseline && run->cli.update_baseline &&
        resolve_baseline_destination(run, error, error_size) != 0)
        return -1;
    const struct cli *cli = &run->cli;
    run->baseline_exists = cli->baseline && access(cli->baseline, F_OK) == 0;
    /* the baseline is read into memory now: every later read of it sees
     * this copy, even when the run's outputs replace the file */
    if (run->baseline_exists && csv_snapshot(cli->baseline, error, error_size) != CSV_OK) {
        fprintf(stderr, "actbench: baseline: %s\n", error);
        return -1;
    }
    if (cli->baseline && !run->baseline_exists && !cli->update_baseline) {
        fprintf(stderr, "actbench: baseline %s does not exist (--update-baseline creates it)\n",
                cli->baseline);
        return -1;
    }
    if (run->baseline_exists) {
        FILE *sink = fopen("/dev/null", "w");
        int st = compare_accuracy_files(cli->baseline, cli->baseline, &cli->compare, sink, error,
                                        error_size);
        if (sink)
            fclose(sink);
        if (st == COMPARE_INPUT_ERROR) {
            fprintf(stderr, "actbench: baseline: %s\n", error);
            return -1;
        }
        if (check_baseline_inputs(run, error, error_size) != 0) {
            fprintf(stderr, "actbench: %s%s\n", error,
                    cli->update_baseline ? " (nothing measured, the baseline is unchanged)"
                                         : " (nothing measured)");
            return -1;
        }
    }
    if (cli->accuracy_only && (cli->sizes_text || cli->cores_text || cli->modes_text)) {
        /* options this run does not use are still checked: a typo is an
         * error whatever the mode */
        struct machine_topology topology;
        if (topology_load(&topology, error, error_size) == 0) {
            int bad = check_speed_options(cli, &topology, error, error_size);
            topology_free(&topology);
            if (bad) {
                usage_error("%s", error);
                return -1;
            }
        } else {
            unsigned modes;
            if (cli->modes_text && speed_modes_parse(cli->modes_text, &modes, error, error_size)) {
                usage_error("%s", error);
                return -1;
            }
        }
    }
    if (!cli->accuracy_only) {
        if (topology_load(&run->topology, error, error_size) == 0) {
            run->have_topology = true;
            if (check_speed_options(cli, &run->topology, error, error_size)) {
                usage_error("%s", error);
                return -1;
            }
        } else {
            snprintf(run->res.speed_unavailable, sizeof run->res.speed_unavailable,
                     "speed not measured: hwloc topology unavailable: %s", error);
            fprintf(stderr, "actbench: %s\n", run->res.speed_unavailable);
        }
    }
    if (cli->json_path != NULL) {
        char dir[4096];
        const char *name;
        json_location(cli, NULL, dir, sizeof dir, &name);
        struct stat st;
        if (stat(cli->json_path, &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "actbench: --json %s is a folder; give a file name such as %s/results.json\n",
                    cli->json_path, cli->json_path);
            return -1;
        }
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "actbench: --json %s: folder '%s' does not exist\n", cli->json_path,
                    dir);
            return -1;
        }
        if (output_check_folder(dir, error, error_size) != 0) {
            fprintf(stderr, "actbench: --json %s: %s\n", cli->json_path, error);
            return -1;
        }
    }
    /* the output folder, locked for the whole run; under mpirun only rank
     * 0 writes, the other ranks send it their rows */
    if (shard_rank() != 0)
        return 0;
    error[0] = '\0';
    if (output_set_lock(&run->output, cli->out_dir, error, error_size) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        return -1;
    }
    run->output_locked = true;
    return 0;
}

/* Accuracy, then speed (whose failure leaves accuracy worth writing), then
 * the machine's identity. */
static int measure(struct run *run, char *error, size_t error_size)
{
    const struct cli *cli = &run->cli;
    struct run_results *res = &run->res;
    if (!cli->speed_only) {
        int status = run_accuracy(cli, run->selected, run->selected_count, res, error, error_size);
        if (status != 0) {
            fprintf(stderr, "actbench: %s\n", error);
            return status;
        }
    }
    if (!cli->accuracy_only && run->have_topology &&
        run_speed(cli, &run->topology, run->selected, run->selected_count, res, error,
                  error_size) != 0) {
        snprintf(res->speed_unavailable, sizeof res->speed_unavailable, "speed not measured: %s",
                 error);
        fprintf(stderr, "actbench: %s\n", res->speed_unavailable);
        speed_report_free(&res->speed);
        res->have_speed = false;
    }
    if (cli->speed_only && !res->have_speed) {
        fprintf(stderr, "actbench: --speed-only measured nothing; nothing written\n");
        return -1;
    }
    if (res->have_speed && res->rows)
        summarize_speed(res);
    machine_collect(&res->machine, run->have_topology ? &run->topology : NULL,
                    res->have_speed ? res->speed.clock_source : NULL, error, error_size);
    if (res->speed_unavailable[0])
        machine_info_set(&res->machine, "speed.unavailable", "%s", res->speed_unavailable);
    return 0;
}

/* results.json from the run's model, written atomically. */
static int write_json(const struct cli *cli, const char *set_dir, const struct report *model,
                      char *error, size_t error_size)
{
    char dir[4096];
    const char *name;
    json_location(cli, set_dir, dir, sizeof dir, &name);
    struct output_file out;
    if (output_open(&out, dir, name, error, error_size) != 0)
        return -1;
    if (results_json_write(out.stream, model) != 0) {
        int saved = errno ? errno : EIO;
        snprintf(error, error_size, "error writing %.700s/%.100s: %.100s", dir, name,
                 ferror(out.stream) ? strerror(saved) : "out of memory");
        output_abort(&out);
        return -1;
    }
    return output_commit(&out, error, error_size);
}

/* The CSV files, then what is built from them: the report, the JSON
 * results and the summary on stdout. */
static int write_run(struct run *run, char *error, size_t error_size)
{
    const char *out_dir = run->cli.out_dir;
    const char *set_dir = run->output.temp_dir;
    if (write_outputs(&run->cli, set_dir, &run->res, error, error_size) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        return -1;
    }
    /* the files of this run, then the previous set's others kept */
    const char *written[10];
    size_t n = 0;
    if (run->res.rows) {
        written[n++] = "accuracy.csv";
        written[n++] = "profile.csv";
        written[n++] = "failures.csv";
    }
    if (run->res.have_speed)
        written[n++] = "speed.csv";
    written[n++] = "machine.csv";
    char previous_accuracy[4200];
    snprintf(previous_accuracy, sizeof previous_accuracy, "%s/accuracy.csv", out_dir);
    bool with_report = run->res.rows || access(previous_accuracy, F_OK) == 0;
    if (with_report)
        written[n++] = "report.html";
    if (run->cli.json_path == NULL)
        written[n++] = "results.json";
    written[n] = NULL;
    if (output_set_carry(&run->output, written, error, error_size) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        return -1;
    }
    struct report model;
    memset(&model, 0, sizeof model);
    model.dir = set_dir;
    model.accuracy_optional = true;
    if (report_load(&model, error, error_size) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        report_free(&model);
        return -1;
    }
    int status = 0;
    if (with_report) {
        struct html_report_info html;
        if (html_write_report_model(&model, set_dir, "report.html", &html, error, error_size) != 0) {
            fprintf(stderr, "actbench: report.html: %s\n", error);
            status = -1;
        } else {
            fprintf(stderr, "actbench: wrote %s/ (report.html %zu bytes in %.2f s)\n", out_dir,
                    html.bytes, html.seconds);
        }
    } else {
        /* the report is built around accuracy.csv */
        fprintf(stderr, "actbench: wrote %s/%s%s (no report.html without the accuracy half)\n",
                out_dir, run->res.have_speed ? "speed.csv and " : "", "machine.csv");
    }
    if (status == 0 && write_json(&run->cli, set_dir, &model, error, error_size) != 0) {
        fprintf(stderr, "actbench: JSON results: %s\n", error);
        status = -1;
    }
    if (status == 0 && output_set_commit(&run->output, error, error_size) != 0) {
        fprintf(stderr, "actbench: %s (the previous set is unchanged)\n", error);
        status = -1;
    }
    if (status == 0) {
        struct summary_options options = {.top = run->cli.top,
                                          .color = cli_use_color(&run->cli)};
        if (print_run_summary(stdout, &model, &options) != 0) {
            fprintf(stderr, "actbench: out of memory printing the summary\n");
            status = -1;
        }
        fflush(stdout);
    }
    report_free(&model);
    return status;
}

/* --update-baseline: what the run changes in the baseline, then the
 * baseline rewritten with the run's rows; exit 0 only when it was
 * written. */
static int update_baseline(const struct run *run, const char *current, char *error,
                           size_t error_size)
{
    const struct cli *cli = &run->cli;
    if (run->baseline_exists) {
        struct compare_options listing = cli->compare;
        listing.verdict = false;
        listing.require_all = false;
        listing.allow_new_inputs = true;
        if (compare_accuracy_files(cli->baseline, current, &listing, stdout, error,
                                   error_size) == COMPARE_INPUT_ERROR) {
            fprintf(stderr, "actbench: %s (the baseline is unchanged)\n", error);
            return EXIT_USAGE;
        }
    }
    struct baseline_update_summary s;
    if (baseline_update(cli->baseline, current, &s, error, error_size) != 0) {
        fprintf(stderr, "actbench: cannot update the baseline %s: %s (it is unchanged)\n",
                cli->baseline, error);
        return EXIT_USAGE;
    }
    if (s.created)
        printf("actbench: baseline %s written: %zu rows\n", cli->baseline, s.added);
    else
        printf("actbench: baseline %s updated: %zu rows measured again (%zu changed), %zu "
               "added, %zu not measured and kept as they were\n",
               cli->baseline, s.replaced, s.changed, s.added, s.kept);
    return 0;
}

/* Compare with the baseline, or update it when asked; the exit status. */
static int gate(struct run *run, char *error, size_t error_size)
{
    const struct cli *cli = &run->cli;
    char current[4096];
    snprintf(current, sizeof current, "%s/accuracy.csv", cli->out_dir);
    /* the baseline is read from its in-memory copy, taken before this
     * run wrote anything (csv_snapshot, by the path's spelling); the same
     * file spelled as given is this run's, spelled differently it is read
     * from disk */
    if (cli->baseline && strcmp(current, cli->baseline) == 0)
        snprintf(current, sizeof current, "%s/./accuracy.csv", cli->out_dir);
    if (cli->update_baseline)
        return update_baseline(run, current, error, error_size);
    int st = compare_accuracy_files(cli->baseline, current, &cli->compare, stdout, error,
                                    error_size);
    if (st == COMPARE_INPUT_ERROR) {
        fprintf(stderr, "actbench: %s\n", error);
        return EXIT_USAGE;
    }
    return st == COMPARE_REGRESSION ? EXIT_REGRESSION : 0;
}

static void run_free(struct run *run)
{
    accuracy_rows_free(run->res.rows, run->res.row_count);
    free(run->res.summary);
    if (run->res.have_speed)
        speed_report_free(&run->res.speed);
    machine_info_free(&run->res.machine);
    if (run->have_topology)
        topology_free(&run->topology);
    free(run->selected);
    if (run->output_locked)
        output_set_abort(&run->output);
    free(run->baseline_resolved);
    csv_snapshots_free();
    implementations_free(&run->set);
    cli_free(&run->cli);
}

int main(int argc, char **argv)
{
    /* a closed reader of stdout must not stop a run before its files and
     * the baseline are written: writes to it fail instead */
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 2 && strcmp(argv[1], "compare") == 0)
        return compare_command(argc - 1, argv + 1);

    struct run run;
    memset(&run, 0, sizeof run);
    run.cli = (struct cli){.points = DEFAULT_POINTS, .seed = 1, .out_dir = "actbench-out",
                           .distribution = DIST_UNIFORM};
    compare_options_default(&run.cli.compare);
    if (shard_init(&argc, &argv) != 0) {
        fprintf(stderr, "actbench: MPI could not start\n");
        return EXIT_USAGE;
    }
    run.cli.isa_selected = calloc(isa_count, sizeof *run.cli.isa_selected);
    if (!run.cli.isa_selected || parse_arguments(argc, argv, &run.cli) != 0) {
        cli_free(&run.cli);
        shard_finish(EXIT_USAGE);
        return EXIT_USAGE;
    }
    /* under mpirun, the ranks but rank 0 measure their share of the
     * exhaustive chunks and nothing else */
    const bool helper_rank = shard_rank() != 0;
    if (helper_rank) {
        run.cli.accuracy_only = true;
        run.cli.speed_only = false;
        run.cli.list = false;
        run.cli.baseline = NULL;
    }
    /* the built-in kernels and the --kernel libraries, all validated
     * before anything is measured or written */
    char error[1024] = "";
    if (implementations_load(&run.set, run.cli.kernel_libraries, run.cli.kernel_library_count,
                             error, sizeof error) != 0) {
        fprintf(stderr, "actbench: %s\n", error);
        cli_free(&run.cli);
        shard_finish(EXIT_USAGE);
        return EXIT_USAGE;
    }
    int status = EXIT_USAGE;
    if (run.cli.list) {
        print_list(&run.set);
        status = cli_finish_stdout() == 0 ? 0 : EXIT_USAGE;
    } else if (resolve_implementation_names(&run.cli, &run.set) == 0 &&
               select_implementations(&run) == 0 && check_inputs(&run, error, sizeof error) == 0) {
        int measured = measure(&run, error, sizeof error);
        if (helper_rank)
            status = measured == 0 ? 0 : EXIT_REGRESSION;
        else if (measured == AUDIT_FAILED)
            status = EXIT_REGRESSION;
        else if (measured == 0 && write_run(&run, error, sizeof error) == 0)
            status = run.cli.baseline ? gate(&run, error, sizeof error) : 0;
    }
    run_free(&run);
    shard_finish(status);
    return status;
}
