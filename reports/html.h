/*
 * The HTML report: one self-contained file built from the CSV files of a
 * run (accuracy.csv, and when present speed.csv, machine.csv, profile.csv
 * and failures.csv).  It needs nothing but a browser opening it from disk:
 * styles, charts (inline SVG) and the few lines of script that sort the
 * tables are all inside, and it refers to nothing on a network.
 *
 * Every chart is an <svg class="chart" data-activation="NAME"
 * data-kind="KIND">, KIND one of "pareto" (max ulp against cycles per
 * element), "accuracy-bars" (max ulp only, when speed was not measured),
 * "profile-value" and "profile-gradient" (max ulp per bin of x); each
 * activation's section has the id
 * "act-NAME" (characters other than letters, digits, '-' and '_' replaced
 * by '_'), and the failures section the id "failures".
 */
#ifndef ACTBENCH_HTML_H
#define ACTBENCH_HTML_H

#include <stddef.h>

struct html_report_info {
    size_t bytes;   /* size of the report written */
    double seconds; /* wall time to read the CSV files and write the report */
};

/*
 * Reads the CSV files in out_dir and writes out_dir/html_name.  The report
 * is written to a temporary file in out_dir and renamed over html_name once
 * complete, so an interrupted or failed run leaves no partial report (and
 * no temporary file).  accuracy.csv must exist; a missing optional file is
 * said in the report, a damaged one is an error.  Returns 0, or -1 with the
 * reason (file and line for a bad CSV file) in error.
 */
int html_write_report(const char *out_dir, const char *html_name, char *error, size_t error_size);

/* As html_write_report; info (may be NULL) receives the size and time. */
int html_write_report_info(const char *out_dir, const char *html_name,
                           struct html_report_info *info, char *error, size_t error_size);

struct report;
/* As html_write_report_info, from a model already loaded (html_model.h)
 * from out_dir; info->seconds counts the writing only. */
int html_write_report_model(const struct report *report, const char *out_dir,
                            const char *html_name, struct html_report_info *info, char *error,
                            size_t error_size);

#endif
