/*
 * The HTML report (see html.h): the page put together from its parts
 * (html_parts.h), and the entry points that read the CSV files into the
 * report's model (html_load.c), write the page to a temporary file and
 * rename it into place.
 */
#define _POSIX_C_SOURCE 200809L

#include "html.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "html_assets.h"
#include "html_parts.h"
#include "html_put.h"
#include "output_set.h"

static void put_navigation(FILE *out, const struct report *r)
{
    put(out, "<nav><a href=\"#verdict\">verdict</a>");
    for (size_t g = 0; g < r->group_count; g++) {
        put(out, "<a href=\"#act-");
        put_id_part(out, r->groups[g].name);
        put(out, "\">");
        put_text(out, r->groups[g].name);
        put(out, "</a>");
    }
    put(out, "<a href=\"#machine\">machine</a><a href=\"#findings\">findings</a>"
             "<a href=\"#failures\">failures</a></nav>\n");
}

static void put_missing_speed_warning(FILE *out, const struct report *r)
{
    bool any_speed = false;
    for (size_t row = 0; row < r->accuracy.row_count && !any_speed; row++)
        any_speed = acc_text(r, row, ACCURACY_cycles_per_element)[0] != '\0';
    if (any_speed)
        put(out, "<p class=\"warn\">speed.csv was not found: the cycles per element shown "
                 "are those of accuracy.csv, and there is no per-core speed table.</p>\n");
    else
        put(out, "<p class=\"warn\">speed.csv was not found: speed was not measured in this "
                 "run, so the charts show accuracy only.</p>\n");
}

static void put_head(FILE *out, const struct report *r)
{
    static const char *const cpu_keys[] = {"libcpuid.brand", "cpu.brand", "cpu_model", "cpu"};
    const char *cpu = machine_value(r, cpu_keys, COUNT_OF(cpu_keys));
    put(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<title>actbench report");
    if (cpu != NULL && cpu[0]) {
        put(out, " - ");
        put_text(out, cpu);
    }
    put(out, "</title>\n<style>\n");
    put(out, report_style_sheet);
    put(out, "</style>\n</head>\n<body>\n<header>\n<h1>actbench: activation functions, accuracy "
             "and speed");
    if (cpu != NULL && cpu[0]) {
        put(out, " <small>on ");
        put_text(out, cpu);
        put(out, "</small>");
    }
    put(out, "</h1>\n");
    put_navigation(out, r);
    if (!r->has_speed)
        put_missing_speed_warning(out, r);
    put(out, "</header>\n<main>\n");
}

/* The accuracy chart of an activation: against speed when some row of the
 * format was timed, else bars. */
static int put_accuracy_figure(FILE *out, const struct report *r,
                               const struct activation_group *group, const char *format)
{
    bool any_speed = false;
    for (size_t i = 0; i < group->row_count && !any_speed; i++) {
        double cycles, ratio;
        size_t row = group->rows[i];
        any_speed = row_is_ok(r, row) && same_text(acc_text(r, row, ACCURACY_format), format) &&
                    row_speed(r, row, &cycles, &ratio);
    }
    put(out, "<figure>\n");
    int result;
    if (any_speed) {
        result = put_pareto_chart(out, r, group, format);
        put(out, "<figcaption>Accuracy on [-10,10] against speed, ");
        put_text(out, format);
        put(out, ": one point per implementation, colour and shape by method; the dashed "
                 "staircase is the Pareto frontier (nothing is both faster and more accurate than "
                 "a point on it); the ringed point is the most accurate. Points off the front are "
                 "named in their tooltip.</figcaption>\n");
    } else {
        put(out, "<p class=\"note\">Speed was not measured for this activation: no accuracy "
                 "against speed chart.</p>\n");
        result = put_accuracy_bars(out, r, group, format);
        put(out, "<figcaption>Max error of the value per implementation, ");
        put_text(out, format);
        put(out, "; the black tick is the declared bound.</figcaption>\n");
    }
    put(out, "</figure>\n");
    return result;
}

static int put_activation_section(FILE *out, const struct report *r,
                                  const struct activation_group *group)
{
    const char *format = chart_format(r, group);
    put(out, "<section id=\"act-");
    put_id_part(out, group->name);
    put(out, "\">\n<h2>");
    put_text(out, group->name);
    put(out, "</h2>\n");
    put_implementation_table(out, r, group);
    put(out, "<div class=\"charts\">\n");
    if (put_accuracy_figure(out, r, group, format) != 0)
        return -1;
    static const char *const quantities[] = {"value", "gradient"};
    for (size_t q = 0; q < 2 && r->has_profile; q++) {
        put(out, "<figure>\n");
        if (put_profile_chart(out, r, group, format, quantities[q]) != 0)
            return -1;
        putf(out, "<figcaption>Error profile of the %s over x, ", quantities[q]);
        put_text(out, format);
        put(out, ": the max |error| in each bin of 0.25; implementations with the same profile "
                 "share a line.</figcaption>\n</figure>\n");
    }
    /* one 16-bit format's value profile besides the charted format's:
     * bf16, the one ML asks about (every format's are in profile.csv) */
    static const char *const sixteen[] = {"bf16", "f16"};
    bool drawn = false;
    for (size_t k = 0; k < 2 && r->has_profile && !drawn; k++) {
        if (same_text(format, sixteen[k]))
            continue;
        bool measured = false;
        for (size_t i = 0; i < group->row_count && !measured; i++)
            measured = row_is_ok(r, group->rows[i]) &&
                       same_text(acc_text(r, group->rows[i], ACCURACY_format), sixteen[k]);
        if (!measured)
            continue;
        put(out, "<figure>\n");
        if (put_profile_chart(out, r, group, sixteen[k], "value") != 0)
            return -1;
        putf(out, "<figcaption>Error profile of the value over x in %s (all 65536 inputs): the "
                  "max |error| in each bin.</figcaption>\n</figure>\n",
             sixteen[k]);
        drawn = true;
    }
    put(out, "</div>\n");
    put_worst_case_table(out, r, group);
    if (r->has_speed && put_speed_pivot(out, r, group->name) != 0)
        return -1;
    put(out, "</section>\n");
    return 0;
}

/* Which run wrote each file of the set (provenance.txt, when the folder
 * has one): a run of one kind keeps the other kind's files of an earlier
 * run. */
static void put_provenance(FILE *out, const struct report *r)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/provenance.txt", r->dir);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    put(out, "<p id=\"provenance\">Files of this set and the run that wrote each: ");
    char line[512];
    bool first = true;
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (line[0] == '#' || tab == NULL)
            continue;
        *tab = '\0';
        put(out, first ? "" : "; ");
        put_text(out, line);
        put(out, " from the run of ");
        put_text(out, tab + 1);
        first = false;
    }
    fclose(f);
    put(out, ".</p>\n");
}

static void put_footer(FILE *out, const struct report *r)
{
    put(out, "</main>\n<footer>\n<p>Written by actbench from ");
    const struct {
        const struct csv_table *table;
        bool present;
        const char *name;
    } files[] = {
        {&r->accuracy, true, "accuracy.csv"}, {&r->speed, r->has_speed, "speed.csv"},
        {&r->machine, r->has_machine, "machine.csv"}, {&r->profile, r->has_profile, "profile.csv"},
        {&r->failures, r->has_failures, "failures.csv"},
    };
    for (size_t i = 0; i < COUNT_OF(files); i++) {
        put(out, i ? ", " : "");
        if (files[i].present)
            putf(out, "%s (schema %d, %zu rows)", files[i].name, files[i].table->schema,
                 files[i].table->row_count);
        else
            putf(out, "no %s", files[i].name);
    }
    put(out, ". Errors are in ulps of each row's format, measured against correctly rounded "
             "MPFR references.</p>\n");
    put_provenance(out, r);
    put(out, "</footer>\n<script>\n");
    put(out, report_script);
    put(out, "</script>\n</body>\n</html>\n");
}

static int put_report(FILE *out, const struct report *r)
{
    put_head(out, r);
    put_summary_section(out, r);
    for (size_t g = 0; g < r->group_count; g++)
        if (put_activation_section(out, r, &r->groups[g]) != 0)
            return -1;
    if (put_machine_section(out, r) != 0 || put_findings_section(out, r) != 0 ||
        put_failures_section(out, r) != 0)
        return -1;
    put_footer(out, r);
    return 0;
}

/* ---- entry points ------------------------------------------------------ */

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* The report's final path and the mkstemp template of its temporary file,
 * beside it in out_dir.  Returns 0, or -1 with a message. */
static int report_paths(const char *out_dir, const char *html_name, char *final_path,
                        char *temporary_path, size_t path_size, char *error, size_t error_size)
{
    if (out_dir == NULL || html_name == NULL || html_name[0] == '\0') {
        csv_set_error(error, error_size,
                      "html report: an output folder and a file name are needed");
        return -1;
    }
    /* The temporary file goes beside the report, in out_dir itself. */
    if (strchr(html_name, '/') != NULL) {
        csv_set_error(error, error_size, "html report: '%s' is a path, not a file name in %s",
                      html_name, out_dir);
        return -1;
    }
    int length = snprintf(final_path, path_size, "%s/%s", out_dir, html_name);
    int temporary_length =
        snprintf(temporary_path, path_size, "%s/.%s.tmp-XXXXXX", out_dir, html_name);
    if (length < 0 || (size_t)length >= path_size || temporary_length < 0 ||
        (size_t)temporary_length >= path_size) {
        csv_set_error(error, error_size, "%s: path too long", out_dir);
        return -1;
    }
    return 0;
}

/* Writes the page into a new file made from the temporary_path template
 * (which receives its name).  Returns 0 with its size in *bytes, or -1 with
 * a message, the file removed. */
static int write_temporary(const struct report *r, char *temporary_path, const char *final_path,
                           long *bytes, char *error, size_t error_size)
{
    int fd = mkstemp(temporary_path);
    if (fd < 0) {
        csv_set_error(error, error_size, "%s: cannot create a file in the folder: %s", r->dir,
                      strerror(errno));
        return -1;
    }
    /* mkstemp makes the file private; a report is for reading.  A failure
     * here is not fatal: the report is still written, only its mode
     * differs. */
    int chmod_result = fchmod(fd, 0644);
    (void)chmod_result;
    FILE *out = fdopen(fd, "w");
    if (out == NULL) {
        csv_set_error(error, error_size, "%s: %s", temporary_path, strerror(errno));
        close(fd);
        unlink(temporary_path);
        return -1;
    }
    int failed = put_report(out, r);
    *bytes = ftell(out);
    int write_error = ferror(out) ? errno : 0;
    if (fclose(out) != 0 && write_error == 0)
        write_error = errno ? errno : EIO;
    if (failed != 0) {
        unlink(temporary_path);
        csv_set_error(error, error_size, "%s: out of memory while writing the report", final_path);
        return -1;
    }
    if (write_error != 0) {
        unlink(temporary_path);
        csv_set_error(error, error_size, "%s: write error: %s", temporary_path,
                      strerror(write_error));
        return -1;
    }
    return 0;
}

/* Writes the page from the model (loaded or not yet: load) and renames it
 * into place. */
static int write_report(const struct report *loaded, const char *out_dir, const char *html_name,
                        struct html_report_info *info, char *error, size_t error_size)
{
    double start = now_seconds();
    char final_path[4096], temporary_path[4096];
    if (report_paths(out_dir, html_name, final_path, temporary_path, sizeof final_path, error,
                     error_size) != 0)
        return -1;
    struct report report;
    memset(&report, 0, sizeof report);
    report.dir = out_dir;
    long bytes = 0;
    int result = loaded ? 0 : report_load(&report, error, error_size);
    if (result == 0)
        result = write_temporary(loaded ? loaded : &report, temporary_path, final_path, &bytes,
                                 error, error_size);
    report_free(&report);
    if (result != 0)
        return -1;
    if (rename(temporary_path, final_path) != 0) {
        int saved = errno;
        unlink(temporary_path);
        csv_set_error(error, error_size, "%s: cannot rename the finished report into place: %s",
                      final_path, strerror(saved));
        return -1;
    }
    output_set_test_point(final_path);
    if (info != NULL) {
        info->bytes = bytes > 0 ? (size_t)bytes : 0;
        info->seconds = now_seconds() - start;
    }
    return 0;
}

int html_write_report_info(const char *out_dir, const char *html_name,
                           struct html_report_info *info, char *error, size_t error_size)
{
    return write_report(NULL, out_dir, html_name, info, error, error_size);
}

int html_write_report_model(const struct report *report, const char *out_dir,
                            const char *html_name, struct html_report_info *info, char *error,
                            size_t error_size)
{
    return write_report(report, out_dir, html_name, info, error, error_size);
}

int html_write_report(const char *out_dir, const char *html_name, char *error, size_t error_size)
{
    return html_write_report_info(out_dir, html_name, NULL, error, error_size);
}
