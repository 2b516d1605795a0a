/*
 * Tests of the regression gate (reports/compare.c) and of baseline updates
 * (reports/baseline.c).  Every case is a pair of accuracy.csv files derived
 * from the fixture tests/data/accuracy.csv and written into a fresh
 * temporary folder: a synthetic regression, unchanged files, a peer's
 * known finding, a contract bound exceeded, files measured on different
 * inputs, a run over some activations, speed changes inside and outside the
 * measured spread, each kind of damaged baseline (whose message must name
 * the file and the line), and a baseline updated by a subset run.
 *
 * Usage: test_compare [FIXTURE_DIR]   (default tests/data)
 * Prints one line per check; exits 0 only when every check passed.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../reports/baseline.h"
#include "../reports/compare.h"
#include "../reports/schema.h"

#include "check.h"

/* ---- the fixture as lines and fields ---------------------------------- */

#define MAX_LINES 4096
#define MAX_FIELDS 128

/* A CSV file without quoted fields (the accuracy fixture has none: its
 * histograms are joined by ';'), as lines of fields. */
struct sheet {
    size_t line_count;
    char *lines[MAX_LINES];
};

static char *read_text(const char *path)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return NULL;
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, file) != (size_t)size) {
        free(text);
        fclose(file);
        return NULL;
    }
    text[size] = '\0';
    fclose(file);
    return text;
}

static char *copy_string(const char *text)
{
    char *copy = malloc(strlen(text) + 1);
    if (copy == NULL) {
        perror("malloc");
        exit(2);
    }
    return strcpy(copy, text);
}

static void sheet_load(struct sheet *sheet, const char *path)
{
    char *text = read_text(path);
    if (text == NULL) {
        fprintf(stderr, "test_compare: cannot read the fixture %s\n", path);
        exit(2);
    }
    if (strchr(text, '"') != NULL) {
        fprintf(stderr, "test_compare: %s has quoted fields; the test edits plain ones only\n",
                path);
        exit(2);
    }
    sheet->line_count = 0;
    for (char *line = strtok(text, "\n"); line != NULL; line = strtok(NULL, "\n")) {
        if (sheet->line_count == MAX_LINES) {
            fprintf(stderr, "test_compare: %s has too many lines\n", path);
            exit(2);
        }
        sheet->lines[sheet->line_count++] = copy_string(line);
    }
    free(text);
}

static void sheet_copy(struct sheet *to, const struct sheet *from)
{
    to->line_count = from->line_count;
    for (size_t i = 0; i < from->line_count; i++)
        to->lines[i] = copy_string(from->lines[i]);
}

static void sheet_free(struct sheet *sheet)
{
    for (size_t i = 0; i < sheet->line_count; i++)
        free(sheet->lines[i]);
    sheet->line_count = 0;
}

/* Splits a line into fields (in a scratch copy). */
static size_t split(const char *line, char *scratch, size_t scratch_size, char **fields)
{
    snprintf(scratch, scratch_size, "%s", line);
    size_t count = 0;
    char *start = scratch;
    for (char *p = scratch;; p++) {
        if (*p == ',' || *p == '\0') {
            bool end = *p == '\0';
            *p = '\0';
            if (count < MAX_FIELDS)
                fields[count++] = start;
            if (end)
                break;
            start = p + 1;
        }
    }
    return count;
}

static int column_of(const struct sheet *sheet, const char *name)
{
    static char scratch[8192];
    char *fields[MAX_FIELDS];
    size_t count = split(sheet->lines[1], scratch, sizeof scratch, fields);
    for (size_t i = 0; i < count; i++)
        if (strcmp(fields[i], name) == 0)
            return (int)i;
    fprintf(stderr, "test_compare: the fixture has no column %s\n", name);
    exit(2);
}

/* Line index of the row (implementation, format), or exits. */
static size_t row_of(const struct sheet *sheet, const char *implementation, const char *format)
{
    int impl_column = column_of(sheet, "implementation");
    int format_column = column_of(sheet, "format");
    static char scratch[8192];
    char *fields[MAX_FIELDS];
    for (size_t i = 2; i < sheet->line_count; i++) {
        split(sheet->lines[i], scratch, sizeof scratch, fields);
        if (strcmp(fields[impl_column], implementation) == 0 &&
            strcmp(fields[format_column], format) == 0)
            return i;
    }
    fprintf(stderr, "test_compare: the fixture has no row %s %s\n", implementation, format);
    exit(2);
}

static const char *get_field(const struct sheet *sheet, const char *implementation,
                             const char *format, const char *column)
{
    static char scratch[8192];
    char *fields[MAX_FIELDS];
    size_t line = row_of(sheet, implementation, format);
    split(sheet->lines[line], scratch, sizeof scratch, fields);
    return fields[column_of(sheet, column)];
}

static void set_field(struct sheet *sheet, const char *implementation, const char *format,
                      const char *column, const char *value)
{
    size_t line = row_of(sheet, implementation, format);
    int target = column_of(sheet, column);
    char scratch[8192], rebuilt[8192];
    char *fields[MAX_FIELDS];
    size_t count = split(sheet->lines[line], scratch, sizeof scratch, fields);
    size_t used = 0;
    for (size_t i = 0; i < count; i++)
        used += (size_t)snprintf(rebuilt + used, sizeof rebuilt - used, "%s%s", i ? "," : "",
                                 (int)i == target ? value : fields[i]);
    free(sheet->lines[line]);
    sheet->lines[line] = copy_string(rebuilt);
}

static void remove_line(struct sheet *sheet, size_t line)
{
    free(sheet->lines[line]);
    memmove(&sheet->lines[line], &sheet->lines[line + 1],
            (sheet->line_count - line - 1) * sizeof sheet->lines[0]);
    sheet->line_count--;
}

static char work_dir[256];

/* Paths live until the end of the test (a few dozen small strings), kept
 * here so that they can be freed. */
static char *work_paths[256];
static size_t work_path_count;

static const char *path_in_work(const char *name)
{
    size_t size = strlen(work_dir) + strlen(name) + 2;
    char *path = malloc(size);
    if (path == NULL || work_path_count == sizeof work_paths / sizeof work_paths[0]) {
        fprintf(stderr, "test_compare: out of path slots or memory\n");
        exit(2);
    }
    snprintf(path, size, "%s/%s", work_dir, name);
    work_paths[work_path_count++] = path;
    return path;
}

static const char *write_sheet(const struct sheet *sheet, const char *name)
{
    const char *path = path_in_work(name);
    FILE *file = fopen(path, "w");
    if (file == NULL) {
        perror(path);
        exit(2);
    }
    for (size_t i = 0; i < sheet->line_count; i++)
        fprintf(file, "%s\n", sheet->lines[i]);
    fclose(file);
    return path;
}

static const char *write_text(const char *text, const char *name)
{
    const char *path = path_in_work(name);
    FILE *file = fopen(path, "w");
    if (file == NULL) {
        perror(path);
        exit(2);
    }
    fputs(text, file);
    fclose(file);
    return path;
}

/* ---- running the gate ------------------------------------------------- */

struct outcome {
    int result;
    char output[65536];
    char error[1024];
};

static void run_compare(const char *baseline, const char *current,
                        const struct compare_options *options, struct outcome *outcome)
{
    FILE *out = tmpfile();
    if (out == NULL) {
        perror("tmpfile");
        exit(2);
    }
    outcome->error[0] = '\0';
    outcome->result = compare_accuracy_files(baseline, current, options, out, outcome->error,
                                             sizeof outcome->error);
    rewind(out);
    size_t got = fread(outcome->output, 1, sizeof outcome->output - 1, out);
    outcome->output[got] = '\0';
    fclose(out);
}

/* Whether some line of the output holds all the given words. */
static bool line_has(const char *output, const char *a, const char *b, const char *c)
{
    const char *line = output;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        char buffer[1024];
        snprintf(buffer, sizeof buffer, "%.*s", (int)length, line);
        if (strstr(buffer, a) && (!b || strstr(buffer, b)) && (!c || strstr(buffer, c)))
            return true;
        line += length + (end ? 1 : 0);
    }
    return false;
}

static void show(const struct outcome *outcome)
{
    printf("      --- compare output ---\n");
    const char *line = outcome->output;
    while (*line) {
        const char *end = strchr(line, '\n');
        size_t length = end ? (size_t)(end - line) : strlen(line);
        printf("      %.*s\n", (int)length, line);
        line += length + (end ? 1 : 0);
    }
    if (outcome->error[0])
        printf("      error: %s\n", outcome->error);
}

/* A damaged baseline must give 2 and a message with "path:line:". */
static void expect_input_error(const char *what, const char *baseline, const char *current,
                               int line, const char *phrase)
{
    struct outcome outcome;
    run_compare(baseline, current, NULL, &outcome);
    char where[600];
    if (line > 0)
        snprintf(where, sizeof where, "%s:%d:", baseline, line);
    else
        snprintf(where, sizeof where, "%s", baseline);
    bool named = strstr(outcome.error, where) != NULL;
    bool explained = strstr(outcome.error, phrase) != NULL;
    check(outcome.result == COMPARE_INPUT_ERROR && named && explained && outcome.output[0] == '\0',
          "%s: exit %d (want 2), message \"%s\"", what, outcome.result, outcome.error);
}

int main(int argc, char **argv)
{
    const char *fixture_dir = argc > 1 ? argv[1] : "tests/data";
    char fixture[512];
    snprintf(fixture, sizeof fixture, "%s/accuracy.csv", fixture_dir);
    snprintf(work_dir, sizeof work_dir, "/tmp/actbench-test-compare-XXXXXX");
    if (mkdtemp(work_dir) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    printf("test_compare: fixture %s, files in %s\n", fixture, work_dir);

    struct sheet original, base;
    sheet_load(&original, fixture);
    /* The fixture keeps one row above its bound so that the report can show
     * it; the baseline of these tests is the fixture with that row fixed. */
    sheet_copy(&base, &original);
    set_field(&base, "tanh_poly_avx2", "f32", "value_max_ulp", "3.9");
    const char *base_path = write_sheet(&base, "base.csv");
    struct outcome outcome;

    /* 1. unchanged: the peer above its documented bound is a known finding */
    run_compare(base_path, write_sheet(&base, "same.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_PASS &&
              strstr(outcome.output,
                     "actbench compare: PASS (69 rows compared, 0 improved, 1 known finding)"),
          "an unchanged file passes, its finding known (exit %d)", outcome.result);
    check(line_has(outcome.output, "finding", "tanh_libmvec_avx2", "known finding, as in the baseline") &&
              line_has(outcome.output, "documented bound 2.5 ulp", "glibc 2.36", NULL) &&
              !strstr(outcome.output, "REGRESSION"),
          "... listed with its documented bound and source, not as a regression");
    if (outcome.result != COMPARE_PASS)
        show(&outcome);

    /* 2. the fixture itself: an own kernel above its contract bound fails,
     * even where the baseline has the same figure */
    run_compare(base_path, fixture, NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              line_has(outcome.output, "REGRESSION", "tanh_poly_avx2", "above its contract bound 4"),
          "a value above its contract bound fails (exit %d)", outcome.result);
    run_compare(fixture, fixture, NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              strstr(outcome.output, "FAIL (1 regression in 1 row; 69 rows compared, 1 known finding)"),
          "... also when the baseline has the same figure (exit %d)", outcome.result);

    /* 3. the synthetic regression: one ulp worse, a new NaN failure, 2x slower */
    struct sheet worse;
    sheet_copy(&worse, &base);
    set_field(&worse, "sigmoid_libm_scalar", "f32", "value_max_ulp", "2.61");
    set_field(&worse, "gelu_libm_scalar", "f32", "value_special_failures", "1");
    set_field(&worse, "sigmoid_sleef_u10_avx2", "f32", "cycles_per_element", "7.2");
    set_field(&worse, "sigmoid_sleef_u10_avx2", "f32", "ratio_to_copy", "60");
    set_field(&worse, "sigmoid_sleef_u10_avx2", "f32", "speed_spread", "1.03");
    const char *worse_path = write_sheet(&worse, "worse.csv");
    run_compare(base_path, worse_path, NULL, &outcome);
    show(&outcome);
    check(outcome.result == COMPARE_REGRESSION, "the synthetic regression fails (exit %d)",
          outcome.result);
    check(line_has(outcome.output, "REGRESSION", "sigmoid_libm_scalar", "value_max_ulp") &&
              line_has(outcome.output, "1.61", "2.61", "worse by 1 ulp"),
          "one ulp worse is listed with old and new figures");
    check(line_has(outcome.output, "REGRESSION", "gelu_libm_scalar", "value_special_failures"),
          "a new NaN failure (value_special_failures 0 -> 1) is listed");
    check(line_has(outcome.output, "REGRESSION", "sigmoid_sleef_u10_avx2", "ratio_to_copy") &&
              line_has(outcome.output, "2.00x slower", NULL, NULL),
          "a 2x slower ratio to copy is listed");
    check(strstr(outcome.output, "actbench compare: FAIL (3 regressions in 3 rows; 69 rows "
                                 "compared, 1 known finding)") != NULL,
          "the verdict counts 3 regressions in 3 rows of 69 compared");

    /* 4. speed: inside the spread passes, the same change with small spreads fails */
    struct sheet noisy;
    sheet_copy(&noisy, &base);
    set_field(&noisy, "tanh_libm_scalar", "f32", "ratio_to_copy", "121.3"); /* x1.30 */
    set_field(&noisy, "tanh_libm_scalar", "f32", "speed_spread", "1.25");
    run_compare(base_path, write_sheet(&noisy, "noisy.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_PASS,
          "1.30x slower with a measured spread of 1.25 passes (allowed 1.25*1.25) (exit %d)",
          outcome.result);
    set_field(&noisy, "tanh_libm_scalar", "f32", "speed_spread", "1.01");
    run_compare(base_path, write_sheet(&noisy, "steady.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              line_has(outcome.output, "REGRESSION", "tanh_libm_scalar", "ratio_to_copy"),
          "1.30x slower with spreads of 1.01 fails (allowed 1.25*1.01) (exit %d)", outcome.result);
    struct compare_options lenient;
    compare_options_default(&lenient);
    lenient.speed_tolerance = 0.5;
    run_compare(base_path, write_sheet(&noisy, "steady.csv"), &lenient, &outcome);
    check(outcome.result == COMPARE_PASS, "the same passes with a tolerance of 50%% (exit %d)",
          outcome.result);

    /* 5. speed gate off: reported, not failed */
    struct sheet slow;
    sheet_copy(&slow, &base);
    set_field(&slow, "sigmoid_sleef_u10_avx2", "f32", "ratio_to_copy", "60");
    struct compare_options no_gate;
    compare_options_default(&no_gate);
    no_gate.speed_gate = false;
    run_compare(base_path, write_sheet(&slow, "slow.csv"), &no_gate, &outcome);
    check(outcome.result == COMPARE_PASS &&
              line_has(outcome.output, "info", "sigmoid_sleef_u10_avx2", "speed gate off"),
          "with the speed gate off a 2x slowdown is listed and passes (exit %d)", outcome.result);

    /* 6. an empty speed field in either file: not speed-compared */
    set_field(&slow, "sigmoid_sleef_u10_avx2", "f32", "speed_spread", "");
    run_compare(base_path, write_sheet(&slow, "slow-nospread.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_PASS,
          "a row with an empty speed_spread is not speed-compared (exit %d)", outcome.result);

    /* 7. improvements pass and are counted */
    struct sheet better;
    sheet_copy(&better, &base);
    set_field(&better, "tanh_poly_avx2", "f32", "value_max_ulp", "2.5");
    set_field(&better, "tanh_poly_avx2", "f32", "symmetry_violations", "0");
    set_field(&better, "tanh_poly_avx2", "f32", "property_failures", "2");
    run_compare(base_path, write_sheet(&better, "better.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_PASS &&
              line_has(outcome.output, "improved", "tanh_poly_avx2", "value_max_ulp") &&
              line_has(outcome.output, "improved", "property_failures", "symmetry_violations 3 -> 0") &&
              strstr(outcome.output, "PASS (69 rows compared, 1 improved, 1 known finding)"),
          "a better figure passes and the row counts as improved once (exit %d)", outcome.result);

    /* 8. the mean ulp: beyond 1e-9 relative it fails, within it passes */
    struct sheet mean;
    sheet_copy(&mean, &base);
    set_field(&mean, "gelu_libm_scalar", "f32", "value_mean_ulp", "0.4100000000001");
    run_compare(base_path, write_sheet(&mean, "mean-tiny.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_PASS, "a mean ulp 2.4e-13 relative larger passes (exit %d)",
          outcome.result);
    set_field(&mean, "gelu_libm_scalar", "f32", "value_mean_ulp", "0.411");
    run_compare(base_path, write_sheet(&mean, "mean-worse.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              line_has(outcome.output, "REGRESSION", "gelu_libm_scalar", "value_mean_ulp"),
          "a mean ulp 0.41 -> 0.411 fails (exit %d)", outcome.result);

    /* 9. rows: not measured, disappeared, ok -> skipped, skipped in both, new */
    struct sheet rows;
    sheet_copy(&rows, &base);
    remove_line(&rows, row_of(&rows, "gelu_sleef_u10_avx2", "bf16"));
    const char *missing_path = write_sheet(&rows, "missing.csv");
    run_compare(base_path, missing_path, NULL, &outcome);
    check(outcome.result == COMPARE_PASS &&
              line_has(outcome.output, "not measured in the current file (1 baseline row", NULL,
                       NULL) &&
              line_has(outcome.output, "gelu: gelu_sleef_u10_avx2", NULL, NULL) &&
              strstr(outcome.output, "PASS (68 rows compared, 0 improved, 1 not measured"),
          "a row the current file lacks is listed as not measured and passes (exit %d)",
          outcome.result);
    struct compare_options require_all;
    compare_options_default(&require_all);
    require_all.require_all = true;
    run_compare(base_path, missing_path, &require_all, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              line_has(outcome.output, "REGRESSION", "gelu_sleef_u10_avx2", "disappeared"),
          "with require_all a row that disappeared fails (exit %d)", outcome.result);
    sheet_free(&rows);
    sheet_copy(&rows, &base);
    set_field(&rows, "gelu_sleef_u10_avx2", "f16", "status", "skipped_isa");
    run_compare(base_path, write_sheet(&rows, "skipped.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              line_has(outcome.output, "REGRESSION", "gelu_sleef_u10_avx2", "status"),
          "a row that went from ok to skipped fails (exit %d)", outcome.result);
    check(strcmp(get_field(&base, "tanh_sleef_u35_avx512f", "f32", "status"), "skipped_isa") == 0,
          "the fixture has a row skipped in both files");
    sheet_free(&rows);
    sheet_copy(&rows, &base);
    remove_line(&rows, row_of(&rows, "relu_simd_avx2", "f16"));
    const char *fewer = write_sheet(&rows, "fewer.csv");
    run_compare(fewer, base_path, NULL, &outcome);
    check(outcome.result == COMPARE_PASS &&
              line_has(outcome.output, "improved", "relu_simd_avx2", "new in the current file") &&
              strstr(outcome.output, "PASS (68 rows compared, 1 improved, 1 known finding)"),
          "a row new in the current file is reported and passes (exit %d)", outcome.result);

    /* 10. a peer's finding that gets worse is a regression; files measured
     * on different inputs are not compared */
    struct sheet finding;
    sheet_copy(&finding, &base);
    set_field(&finding, "tanh_libmvec_avx2", "f32", "value_max_ulp", "2.9");
    run_compare(base_path, write_sheet(&finding, "finding-worse.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              line_has(outcome.output, "REGRESSION", "tanh_libmvec_avx2", "worse by 0.2 ulp") &&
              line_has(outcome.output, "finding", "tanh_libmvec_avx2", "worse than the baseline") &&
              strstr(outcome.output, "FAIL (1 regression in 1 row; 69 rows compared, 1 finding "
                                     "(0 known))"),
          "a finding that got worse fails as a worse figure (exit %d)", outcome.result);
    sheet_free(&finding);
    static const struct {
        const char *column, *value, *phrase;
    } inputs[] = {
        {"seed", "2", "seed 1 in the baseline, 2 in the current file (row tanh, tanh_libm_scalar, f32)"},
        {"points", "65536", "points 1048576 in the baseline, 65536 in the current file"},
        {"input_set", "00000000000000ff", "input_set 0d3e5c237196131b in the baseline, "
                                          "00000000000000ff in the current file"},
    };
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        sheet_copy(&finding, &base);
        set_field(&finding, "tanh_libm_scalar", "f32", inputs[i].column, inputs[i].value);
        char name[64];
        snprintf(name, sizeof name, "other-%s.csv", inputs[i].column);
        const char *other = write_sheet(&finding, name);
        run_compare(base_path, other, NULL, &outcome);
        check(outcome.result == COMPARE_INPUT_ERROR && strstr(outcome.error, inputs[i].phrase) &&
                  outcome.output[0] == '\0',
              "another %s is refused (exit %d): \"%s\"", inputs[i].column, outcome.result,
              outcome.error);
        sheet_free(&finding);
        if (strcmp(inputs[i].column, "input_set") == 0) {
            struct compare_options update;
            compare_options_default(&update);
            update.allow_new_inputs = true;
            run_compare(base_path, other, &update, &outcome);
            check(outcome.result == COMPARE_PASS,
                  "... unless new inputs are allowed, as for an update (exit %d)",
                  outcome.result);
        }
    }

    /* 11. a run over two activations against the full baseline: compared on
     * its rows, the others not measured; the verdict counts regressions */
    struct sheet subset;
    sheet_copy(&subset, &base);
    int activation_column = column_of(&subset, "activation");
    for (size_t i = subset.line_count; i-- > 2;) {
        char scratch[8192];
        char *fields[MAX_FIELDS];
        split(subset.lines[i], scratch, sizeof scratch, fields);
        if (strcmp(fields[activation_column], "tanh") != 0 &&
            strcmp(fields[activation_column], "gelu") != 0)
            remove_line(&subset, i);
    }
    set_field(&subset, "gelu_libm_scalar", "f32", "value_max_ulp", "2.5");
    const char *subset_path = write_sheet(&subset, "subset.csv");
    run_compare(base_path, subset_path, NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              strstr(outcome.output, "FAIL (1 regression in 1 row; 27 rows compared, 42 not "
                                     "measured, 1 known finding)") &&
              !line_has(outcome.output, "REGRESSION", "disappeared", NULL) &&
              line_has(outcome.output, "relu: relu_libm_scalar, relu_simd_avx2", NULL, NULL),
          "a two-activation run counts its one regression, the other rows not measured "
          "(exit %d)", outcome.result);
    struct compare_options listing;
    compare_options_default(&listing);
    listing.verdict = false;
    run_compare(base_path, subset_path, &listing, &outcome);
    check(outcome.result == COMPARE_REGRESSION && !strstr(outcome.output, "FAIL") &&
              !strstr(outcome.output, "PASS") &&
              line_has(outcome.output, "worse", "gelu_libm_scalar", "value_max_ulp"),
          "as the listing of an update: the changes, no verdict (exit %d)", outcome.result);

    /* 12. updating the baseline with that subset: its rows replaced, every
     * other row kept as it was; a missing baseline is created */
    const char *updated = write_sheet(&base, "updated.csv");
    struct baseline_update_summary update;
    char error[1024] = "";
    int status = baseline_update(updated, subset_path, &update, error, sizeof error);
    struct sheet merged;
    merged.line_count = 0;
    if (status == 0)
        sheet_load(&merged, updated);
    bool kept_all = status == 0 && merged.line_count == base.line_count;
    for (size_t i = 0; kept_all && i < base.line_count; i++) {
        bool changed_row = strstr(base.lines[i], "gelu_libm_scalar,libm,scalar,f32,") != NULL;
        kept_all = (strcmp(merged.lines[i], base.lines[i]) == 0) != changed_row;
    }
    check(status == 0 && !update.created && update.replaced == 27 && update.changed == 1 &&
              update.added == 0 && update.kept == 42 && kept_all,
          "a subset update replaces its 27 rows (1 changed) and keeps the other 42 as they were "
          "(status %d: %s; %zu replaced, %zu changed, %zu added, %zu kept)",
          status, error, update.replaced, update.changed, update.added, update.kept);
    sheet_free(&merged);
    const char *created = path_in_work("created.csv");
    status = baseline_update(created, subset_path, &update, error, sizeof error);
    check(status == 0 && update.created && update.added == 27,
          "a missing baseline is created from the run (status %d, %zu rows)", status,
          update.added);
    sheet_free(&subset);

    /* 13. damaged baselines: exit 2, file and line named */
    struct sheet damaged;
    sheet_copy(&damaged, &base);
    free(damaged.lines[0]);
    char line[64], expected[64];
    snprintf(line, sizeof line, "# actbench accuracy schema %d", ACCURACY_SCHEMA_VERSION + 1);
    snprintf(expected, sizeof expected, "unknown schema version %d", ACCURACY_SCHEMA_VERSION + 1);
    damaged.lines[0] = copy_string(line);
    expect_input_error("unknown schema version", write_sheet(&damaged, "bad-schema.csv"),
                       base_path, 1, expected);
    sheet_free(&damaged);

    /* missing column: drop value_max_ulp from the header and every row */
    sheet_copy(&damaged, &base);
    int dropped = column_of(&damaged, "value_max_ulp");
    for (size_t i = 1; i < damaged.line_count; i++) {
        char scratch[8192], rebuilt[8192];
        char *fields[MAX_FIELDS];
        size_t count = split(damaged.lines[i], scratch, sizeof scratch, fields);
        size_t used = 0;
        for (size_t f = 0; f < count; f++)
            if ((int)f != dropped)
                used += (size_t)snprintf(rebuilt + used, sizeof rebuilt - used, "%s%s",
                                         used ? "," : "", fields[f]);
        free(damaged.lines[i]);
        damaged.lines[i] = copy_string(rebuilt);
    }
    expect_input_error("missing column", write_sheet(&damaged, "bad-column.csv"), base_path, 2,
                       "missing column 'value_max_ulp'");
    sheet_free(&damaged);

    sheet_copy(&damaged, &base);
    set_field(&damaged, "tanh_libm_scalar", "bf16", "gradient_max_ulp", "55.4.3");
    int bad_line = (int)row_of(&damaged, "tanh_libm_scalar", "bf16") + 1;
    expect_input_error("bad number", write_sheet(&damaged, "bad-number.csv"), base_path, bad_line,
                       "bad number '55.4.3' in column gradient_max_ulp");
    sheet_free(&damaged);

    /* truncated: the file ends in the middle of its last row */
    sheet_copy(&damaged, &base);
    char *last = damaged.lines[damaged.line_count - 1];
    last[strlen(last) / 2] = '\0';
    expect_input_error("truncated file", write_sheet(&damaged, "truncated.csv"), base_path,
                       (int)damaged.line_count, "truncated row");
    sheet_free(&damaged);

    expect_input_error("foreign file",
                       write_text("name,size\nreport.pdf,1200\n", "foreign.csv"), base_path, 1,
                       "not an actbench CSV file");
    char text[256];
    snprintf(text, sizeof text, "# actbench speed schema %d\nimplementation,activation\n",
             SPEED_SCHEMA_VERSION);
    expect_input_error("another actbench file", write_text(text, "speed.csv"), base_path, 1,
                       "'speed' file, expected 'accuracy'");
    expect_input_error("empty file", write_text("", "empty.csv"), base_path, 1, "empty file");
    expect_input_error("nonexistent file", path_in_work("no-such-file.csv"), base_path, 0,
                       "cannot open");
    snprintf(text, sizeof text,
             "# actbench accuracy schema %d\nactivation,implementation\nrelu,\"relu_libm\n",
             ACCURACY_SCHEMA_VERSION);
    expect_input_error("unterminated quote", write_text(text, "quote.csv"), base_path, 3,
                       "quoted field not closed");

    /* A gate that cannot be fooled: an emptied count or figure is not 0, a
     * status actbench never writes is damage, unsettled reference points
     * fail, points are whole numbers. */
    static const char *const emptied[] = {"value_special_failures", "gradient_special_failures",
                                          "property_failures", "value_max_ulp"};
    for (size_t i = 0; i < sizeof emptied / sizeof emptied[0]; i++) {
        sheet_copy(&damaged, &base);
        set_field(&damaged, "tanh_libm_scalar", "f32", emptied[i], "");
        run_compare(base_path, write_sheet(&damaged, "emptied.csv"), NULL, &outcome);
        check(outcome.result == COMPARE_REGRESSION &&
                  line_has(outcome.output, "REGRESSION", "tanh_libm_scalar", emptied[i]),
              "an emptied %s in the current file is a regression (exit %d)", emptied[i],
              outcome.result);
        sheet_free(&damaged);
    }
    sheet_copy(&damaged, &base);
    set_field(&damaged, "tanh_libm_scalar", "f32", "status", "garbage");
    set_field(&damaged, "tanh_libm_scalar", "f32", "value_max_ulp", "1000000");
    bad_line = (int)row_of(&damaged, "tanh_libm_scalar", "f32") + 1;
    const char *garbage = write_sheet(&damaged, "garbage-status.csv");
    expect_input_error("unknown status", garbage, base_path, bad_line, "unknown status 'garbage'");
    run_compare(base_path, garbage, NULL, &outcome);
    check(outcome.result == COMPARE_INPUT_ERROR,
          "a current file with an unknown status exits 2 (exit %d)", outcome.result);
    sheet_free(&damaged);
    sheet_copy(&damaged, &base);
    set_field(&damaged, "tanh_libm_scalar", "f32", "reference_unresolved", "12");
    run_compare(base_path, write_sheet(&damaged, "unresolved.csv"), NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              line_has(outcome.output, "REGRESSION", "tanh_libm_scalar", "reference_unresolved"),
          "reference_unresolved 12 fails (exit %d)", outcome.result);
    sheet_free(&damaged);
    static const char *const bad_points[] = {"abc", "1.5", "-3", " 5"};
    for (size_t i = 0; i < sizeof bad_points / sizeof bad_points[0]; i++) {
        sheet_copy(&damaged, &base);
        set_field(&damaged, "tanh_libm_scalar", "f32", "points", bad_points[i]);
        bad_line = (int)row_of(&damaged, "tanh_libm_scalar", "f32") + 1;
        char phrase[64];
        snprintf(phrase, sizeof phrase, "bad number '%s' in column points", bad_points[i]);
        expect_input_error("points not a whole number", write_sheet(&damaged, "bad-points.csv"),
                           base_path, bad_line, phrase);
        sheet_free(&damaged);
    }

    /* A damaged current file is an input error too, naming that file. */
    struct outcome damaged_current;
    const char *empty_current = path_in_work("empty.csv");
    run_compare(base_path, empty_current, NULL, &damaged_current);
    check(damaged_current.result == COMPARE_INPUT_ERROR &&
              strstr(damaged_current.error, empty_current) != NULL,
          "a damaged current file exits 2 naming it: \"%s\"", damaged_current.error);

    /* 14. a forward-only row: its gradient fields empty in both files are
     * equal (nothing listed); a baseline whose fields hold figures (the
     * zeros of a row that measured nothing) against empty ones is a
     * regression, so such a baseline is regenerated, never read as a
     * figure that matches an absent one */
    static const char *const gradient_fields[] = {
        "gradient_bound_ulp", "gradient_max_ulp", "gradient_mean_ulp",
        "gradient_max_ulp_range10", "gradient_over_half", "gradient_over_1", "gradient_over_2",
        "gradient_histogram", "gradient_special_failures"};
    struct sheet forward_only;
    sheet_copy(&forward_only, &base);
    for (size_t i = 0; i < sizeof gradient_fields / sizeof gradient_fields[0]; i++)
        set_field(&forward_only, "relu_libm_scalar", "f32", gradient_fields[i], "");
    const char *forward_only_path = write_sheet(&forward_only, "forward-only.csv");
    run_compare(forward_only_path, forward_only_path, NULL, &outcome);
    check(outcome.result == COMPARE_PASS && !line_has(outcome.output, "relu_libm_scalar", NULL, NULL),
          "empty gradient fields in both files are equal, nothing listed (exit %d)",
          outcome.result);
    if (outcome.result != COMPARE_PASS)
        show(&outcome);
    run_compare(base_path, forward_only_path, NULL, &outcome);
    check(outcome.result == COMPARE_REGRESSION &&
              line_has(outcome.output, "REGRESSION", "relu_libm_scalar", "gradient_max_ulp") &&
              line_has(outcome.output, "REGRESSION", "relu_libm_scalar",
                       "gradient_special_failures"),
          "a baseline's gradient figures against empty fields are a regression (exit %d)",
          outcome.result);
    sheet_free(&forward_only);

    sheet_free(&original);
    sheet_free(&base);
    sheet_free(&worse);
    sheet_free(&noisy);
    sheet_free(&slow);
    sheet_free(&better);
    sheet_free(&mean);
    sheet_free(&rows);

    /* Remove the work folder (only files the test wrote). */
    static const char *const names[] = {
        "base.csv",       "same.csv",        "worse.csv",     "noisy.csv",
        "steady.csv",     "slow.csv",        "slow-nospread.csv", "better.csv",
        "mean-tiny.csv",  "mean-worse.csv",  "missing.csv",   "skipped.csv",
        "fewer.csv",      "bad-schema.csv",  "bad-column.csv", "bad-number.csv",
        "finding-worse.csv", "other-seed.csv", "other-points.csv", "other-input_set.csv",
        "subset.csv",     "updated.csv",     "created.csv",
        "truncated.csv",  "foreign.csv",     "speed.csv",     "empty.csv",
        "quote.csv",      "emptied.csv",     "garbage-status.csv", "unresolved.csv",
        "bad-points.csv", "forward-only.csv",
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        unlink(path_in_work(names[i]));
    rmdir(work_dir);
    for (size_t i = 0; i < work_path_count; i++)
        free(work_paths[i]);

    return check_summary("test_compare");
}
