/*
 * The HTML report (see html.h).  Reading and validating every CSV file comes
 * first, so a bad number is reported with its file and line before a byte of
 * HTML is written; writing then cannot fail except on I/O.  Every string
 * taken from a CSV file goes through put_text (HTML escaping); the few
 * numbers the report computes are written with printf formats.
 *
 * Charts are SVG drawn here, in pixels of a fixed viewBox that CSS scales
 * down on narrow screens.  Log axes hold a "0" slot one decade below the
 * smallest positive value, because exact implementations (relu, maxout)
 * have a max error of exactly 0 ulp, which a log axis cannot show.
 */
#define _POSIX_C_SOURCE 200809L

#include "html.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csv_read.h"

/* The schema versions this report reads; each must match its writer's. */
#define ACCURACY_SCHEMA 1
#define SPEED_SCHEMA 1
#define MACHINE_SCHEMA 1
#define PROFILE_SCHEMA 1
#define FAILURES_SCHEMA 1

/* A naive implementation fails thousands of special values; a few examples
 * per implementation tell the story, the counts are in the tables. */
#define FAILURES_SHOWN_PER_IMPLEMENTATION 20

#define COUNT_OF(array) (sizeof(array) / sizeof((array)[0]))

/* ---- columns ---------------------------------------------------------- */

enum accuracy_column {
#define COLUMN(name, unit, description) ACC_##name,
#include "accuracy_columns.inc"
#undef COLUMN
    ACC_COUNT
};

struct column_info {
    const char *name, *unit, *description;
};

static const struct column_info accuracy_columns[ACC_COUNT] = {
#define COLUMN(name, unit, description) {#name, unit, description},
#include "accuracy_columns.inc"
#undef COLUMN
};

/* speed.csv is looked up by header name: columns it lacks read as empty. */
#define SPEED_COLUMNS(X)                                                              \
    X(implementation, 0) X(activation, 0) X(method, 0) X(isa, 0) X(status, 0)         \
    X(mode, 0) X(size_label, 0) X(bytes, 1) X(elements, 1) X(threads, 1) X(core, 0)   \
    X(cpu, 0) X(core_kind, 0) X(distribution, 0) X(clock, 0) X(repetitions, 1)        \
    X(cpe_min, 1) X(cpe_median, 1) X(cpe_max, 1) X(ns_per_element_median, 1)          \
    X(core_ghz, 1) X(ratio_to_copy, 1) X(all_cores_scaling, 1) X(note, 0)

enum speed_column {
#define SPEED_ENUM(name, numeric) SP_##name,
    SPEED_COLUMNS(SPEED_ENUM)
#undef SPEED_ENUM
    SP_COUNT
};

static const char *const speed_column_names[SP_COUNT] = {
#define SPEED_NAME(name, numeric) #name,
    SPEED_COLUMNS(SPEED_NAME)
#undef SPEED_NAME
};

static const bool speed_column_numeric[SP_COUNT] = {
#define SPEED_NUMERIC(name, numeric) numeric,
    SPEED_COLUMNS(SPEED_NUMERIC)
#undef SPEED_NUMERIC
};

enum profile_column {
    PR_activation, PR_implementation, PR_format, PR_quantity, PR_axis,
    PR_bin_lo, PR_bin_hi, PR_count, PR_max_ulp, PR_COUNT
};
static const char *const profile_column_names[PR_COUNT] = {
    "activation", "implementation", "format", "quantity", "axis",
    "bin_lo", "bin_hi", "count", "max_ulp",
};

enum failure_column {
    FA_activation, FA_implementation, FA_format, FA_category, FA_input, FA_got, FA_want,
    FA_detail, FA_COUNT
};
static const char *const failure_column_names[FA_COUNT] = {
    "activation", "implementation", "format", "category", "input", "got", "want", "detail",
};

/* ---- parsed inputs ---------------------------------------------------- */

/* Numbers of one table, parsed once: row * width + column. */
struct parsed_numbers {
    double *values;
    unsigned char *present;
    size_t width;
};

struct activation_group {
    const char *name;
    size_t *rows; /* accuracy rows, file order */
    size_t row_count;
};

struct report {
    const char *dir;
    struct csv_table accuracy, speed, machine, profile, failures;
    bool has_speed, has_machine, has_profile, has_failures;
    int acc[ACC_COUNT];
    int sp[SP_COUNT];
    int pr[PR_COUNT];
    int fa[FA_COUNT];
    int machine_key, machine_value;
    struct parsed_numbers acc_numbers, speed_numbers, profile_numbers;
    struct activation_group *groups;
    size_t group_count;
    FILE *out;
};

static bool equal(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

static const char *acc_text(const struct report *r, size_t row, enum accuracy_column col)
{
    return csv_field(&r->accuracy, row, r->acc[col]);
}

static bool acc_number(const struct report *r, size_t row, enum accuracy_column col, double *value)
{
    size_t at = row * r->acc_numbers.width + (size_t)col;
    if (!r->acc_numbers.present[at])
        return false;
    *value = r->acc_numbers.values[at];
    return true;
}

static const char *speed_text(const struct report *r, size_t row, enum speed_column col)
{
    return csv_field(&r->speed, row, r->sp[col]);
}

static bool speed_number(const struct report *r, size_t row, enum speed_column col, double *value)
{
    size_t at = row * r->speed_numbers.width + (size_t)col;
    if (!r->speed_numbers.present[at])
        return false;
    *value = r->speed_numbers.values[at];
    return true;
}

static bool profile_number(const struct report *r, size_t row, enum profile_column col,
                           double *value)
{
    size_t at = row * r->profile_numbers.width + (size_t)col;
    if (!r->profile_numbers.present[at])
        return false;
    *value = r->profile_numbers.values[at];
    return true;
}

static bool row_is_ok(const struct report *r, size_t row)
{
    return equal(acc_text(r, row, ACC_status), "ok");
}

/* Parses the columns marked numeric of every row (index[c] < 0: absent). */
static int parse_numbers(const struct csv_table *table, const int *index, const bool *numeric,
                         size_t width, struct parsed_numbers *parsed, char *error,
                         size_t error_size)
{
    size_t cells = table->row_count * width;
    parsed->width = width;
    parsed->values = calloc(cells ? cells : 1, sizeof *parsed->values);
    parsed->present = calloc(cells ? cells : 1, 1);
    if (parsed->values == NULL || parsed->present == NULL) {
        csv_set_error(error, error_size, "%s: out of memory", table->path);
        return -1;
    }
    for (size_t row = 0; row < table->row_count; row++)
        for (size_t c = 0; c < width; c++) {
            if (!numeric[c] || index[c] < 0)
                continue;
            double value;
            int got = csv_field_number(table, row, index[c], &value, error, error_size);
            if (got < 0)
                return -1;
            /* A figure printed from a NaN ("nan") was not measured: shown
             * empty, like an empty field. */
            parsed->values[row * width + c] = value;
            parsed->present[row * width + c] = (unsigned char)(got > 0 && !isnan(value));
        }
    return 0;
}

static void free_parsed(struct parsed_numbers *parsed)
{
    free(parsed->values);
    free(parsed->present);
}

/* Reads dir/name.  Returns 1 when read, 0 when the file does not exist and
 * is optional, -1 on error. */
static int read_table(const char *dir, const char *name, int schema, bool optional,
                      struct csv_table *table, char *error, size_t error_size)
{
    char path[4096];
    int length = snprintf(path, sizeof path, "%s/%s.csv", dir, name);
    if (length < 0 || (size_t)length >= sizeof path) {
        csv_set_error(error, error_size, "%s: path too long", dir);
        return -1;
    }
    enum csv_status status = csv_read_file(path, name, schema, table, error, error_size);
    if (status == CSV_OK)
        return 1;
    if (status == CSV_MISSING && optional)
        return 0;
    return -1;
}

static int lookup_columns(const struct csv_table *table, const char *const *names, size_t count,
                          int *index, const bool *required, char *error, size_t error_size)
{
    for (size_t c = 0; c < count; c++) {
        index[c] = csv_column_index(table, names[c]);
        if (index[c] < 0 && required[c]) {
            csv_set_error(error, error_size, "%s:%zu: missing column '%s'", table->path,
                      table->header_line, names[c]);
            return -1;
        }
    }
    return 0;
}

static int group_activations(struct report *r, char *error, size_t error_size)
{
    size_t rows = r->accuracy.row_count;
    r->groups = calloc(rows ? rows : 1, sizeof *r->groups);
    size_t *row_storage = calloc(rows ? rows : 1, sizeof *row_storage);
    if (r->groups == NULL || row_storage == NULL) {
        free(row_storage);
        csv_set_error(error, error_size, "%s: out of memory", r->accuracy.path);
        return -1;
    }
    /* Pass 1: names and sizes; pass 2: rows laid out group after group in
     * the one array (so groups[0].rows owns it). */
    for (size_t row = 0; row < rows; row++) {
        const char *name = acc_text(r, row, ACC_activation);
        size_t g = 0;
        while (g < r->group_count && !equal(r->groups[g].name, name))
            g++;
        if (g == r->group_count)
            r->groups[r->group_count++].name = name;
        r->groups[g].row_count++;
    }
    size_t offset = 0;
    for (size_t g = 0; g < r->group_count; g++) {
        r->groups[g].rows = row_storage + offset;
        offset += r->groups[g].row_count;
        r->groups[g].row_count = 0;
    }
    for (size_t row = 0; row < rows; row++) {
        const char *name = acc_text(r, row, ACC_activation);
        for (size_t g = 0; g < r->group_count; g++)
            if (equal(r->groups[g].name, name)) {
                r->groups[g].rows[r->groups[g].row_count++] = row;
                break;
            }
    }
    if (r->group_count == 0)
        free(row_storage);
    return 0;
}

static int load_report(struct report *r, char *error, size_t error_size)
{
    int got = read_table(r->dir, "accuracy", ACCURACY_SCHEMA, false, &r->accuracy, error,
                         error_size);
    if (got < 0)
        return -1;
    const char *acc_names[ACC_COUNT];
    bool acc_required[ACC_COUNT], acc_numeric[ACC_COUNT];
    for (int c = 0; c < ACC_COUNT; c++) {
        acc_names[c] = accuracy_columns[c].name;
        acc_required[c] = c == ACC_activation || c == ACC_implementation || c == ACC_format ||
                          c == ACC_status;
        const char *unit = accuracy_columns[c].unit;
        /* Histograms are counts joined by ';': shown as text, not parsed. */
        acc_numeric[c] = (equal(unit, "ulp") || equal(unit, "ratio") ||
                          equal(unit, "cycles/element") || equal(unit, "count")) &&
                         strstr(accuracy_columns[c].name, "histogram") == NULL;
    }
    if (lookup_columns(&r->accuracy, acc_names, ACC_COUNT, r->acc, acc_required, error,
                       error_size) != 0 ||
        parse_numbers(&r->accuracy, r->acc, acc_numeric, ACC_COUNT, &r->acc_numbers, error,
                      error_size) != 0)
        return -1;
    for (size_t row = 0; row < r->accuracy.row_count; row++) {
        static const enum accuracy_column keys[] = {ACC_activation, ACC_implementation,
                                                    ACC_format, ACC_status};
        for (size_t k = 0; k < COUNT_OF(keys); k++)
            if (acc_text(r, row, keys[k])[0] == '\0') {
                csv_set_error(error, error_size, "%s:%zu: empty %s", r->accuracy.path,
                          r->accuracy.row_lines[row], accuracy_columns[keys[k]].name);
                return -1;
            }
    }

    got = read_table(r->dir, "speed", SPEED_SCHEMA, true, &r->speed, error, error_size);
    if (got < 0)
        return -1;
    r->has_speed = got > 0;
    if (r->has_speed) {
        bool required[SP_COUNT] = {[SP_implementation] = true, [SP_activation] = true};
        if (lookup_columns(&r->speed, speed_column_names, SP_COUNT, r->sp, required, error,
                           error_size) != 0 ||
            parse_numbers(&r->speed, r->sp, speed_column_numeric, SP_COUNT, &r->speed_numbers,
                          error, error_size) != 0)
            return -1;
    }

    got = read_table(r->dir, "machine", MACHINE_SCHEMA, true, &r->machine, error, error_size);
    if (got < 0)
        return -1;
    r->has_machine = got > 0;
    if (r->has_machine) {
        static const char *const names[] = {"key", "value"};
        static const bool required[] = {true, true};
        int index[2];
        if (lookup_columns(&r->machine, names, 2, index, required, error, error_size) != 0)
            return -1;
        r->machine_key = index[0];
        r->machine_value = index[1];
    }

    got = read_table(r->dir, "profile", PROFILE_SCHEMA, true, &r->profile, error, error_size);
    if (got < 0)
        return -1;
    r->has_profile = got > 0;
    if (r->has_profile) {
        bool required[PR_COUNT], numeric[PR_COUNT];
        for (int c = 0; c < PR_COUNT; c++) {
            required[c] = true;
            numeric[c] = c >= PR_bin_lo;
        }
        if (lookup_columns(&r->profile, profile_column_names, PR_COUNT, r->pr, required, error,
                           error_size) != 0 ||
            parse_numbers(&r->profile, r->pr, numeric, PR_COUNT, &r->profile_numbers, error,
                          error_size) != 0)
            return -1;
    }

    got = read_table(r->dir, "failures", FAILURES_SCHEMA, true, &r->failures, error, error_size);
    if (got < 0)
        return -1;
    r->has_failures = got > 0;
    if (r->has_failures) {
        bool required[FA_COUNT];
        for (int c = 0; c < FA_COUNT; c++)
            required[c] = c != FA_detail;
        if (lookup_columns(&r->failures, failure_column_names, FA_COUNT, r->fa, required, error,
                           error_size) != 0)
            return -1;
    }
    return group_activations(r, error, error_size);
}

static void free_report(struct report *r)
{
    csv_free(&r->accuracy);
    csv_free(&r->speed);
    csv_free(&r->machine);
    csv_free(&r->profile);
    csv_free(&r->failures);
    free_parsed(&r->acc_numbers);
    free_parsed(&r->speed_numbers);
    free_parsed(&r->profile_numbers);
    if (r->group_count > 0)
        free(r->groups[0].rows);
    free(r->groups);
}

/* ---- writing helpers -------------------------------------------------- */

static void put(FILE *out, const char *text)
{
    fputs(text, out);
}

/* Lets the compiler check every putf format against its arguments. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void putf(FILE *out, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vfprintf(out, format, args);
    va_end(args);
}

/* Escaped for both text and quoted attribute values. */
static void put_text(FILE *out, const char *text)
{
    const char *run = text;
    for (const char *p = text; *p; p++) {
        const char *entity = NULL;
        switch (*p) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
        fwrite(run, 1, (size_t)(p - run), out);
        fputs(entity, out);
        run = p + 1;
    }
    fputs(run, out);
}

/* Letters, digits, '-' and '_' kept; anything else (which could break an
 * id or a fragment link) becomes '_'. */
static void put_id_part(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
        fputc(keep ? c : '_', out);
    }
}

static const char *figure(double value, char buffer[32])
{
    if (isinf(value))
        return value > 0 ? "inf" : "-inf";
    if (value == 0)
        return "0";
    double magnitude = fabs(value);
    snprintf(buffer, 32, magnitude >= 1e6 || magnitude < 1e-3 ? "%.3g" : "%.4g", value);
    return buffer;
}

/* A sort key for the table script: parseFloat reads these. */
static void put_sort_key(FILE *out, double value)
{
    if (isinf(value))
        put(out, value > 0 ? "Infinity" : "-Infinity");
    else
        putf(out, "%.9g", value);
}

/* The implementation name without its "<activation>_" prefix, for chart
 * labels where the activation is already known. */
static const char *short_name(const char *implementation, const char *activation)
{
    size_t length = strlen(activation);
    if (strncmp(implementation, activation, length) == 0 && implementation[length] == '_' &&
        implementation[length + 1] != '\0')
        return implementation + length + 1;
    return implementation;
}

static const char *method_colour(const char *method)
{
    static const struct {
        const char *method, *colour;
    } colours[] = {
        {"libm", "#1f77b4"},    {"poly", "#d62728"},  {"table", "#9467bd"},
        {"simd", "#2ca02c"},    {"libmvec", "#ff7f0e"}, {"sleef", "#17becf"},
    };
    for (size_t i = 0; i < COUNT_OF(colours); i++)
        if (equal(colours[i].method, method))
            return colours[i].colour;
    return "#7f7f7f";
}

static const char *series_colour(size_t index)
{
    static const char *const palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                          "#9467bd", "#8c564b", "#e377c2", "#17becf",
                                          "#7f7f7f", "#bcbd22"};
    return palette[index % COUNT_OF(palette)];
}

/* Dash patterns tell series apart once the palette repeats. */
static const char *series_dash(size_t index)
{
    static const char *const dashes[] = {"", "6 3", "2 2", "8 3 2 3"};
    return dashes[(index / 10) % COUNT_OF(dashes)];
}

/* ---- axes ------------------------------------------------------------- */

struct log_scale {
    int lo, hi;     /* decades: 10^lo .. 10^hi */
    bool zero_slot; /* one decade below 10^lo stands for 0 */
    double from, to;
};

static void log_scale_fit(struct log_scale *scale, const double *values, size_t count,
                          double from, double to)
{
    double smallest = INFINITY, largest = 0;
    bool zero = false;
    for (size_t i = 0; i < count; i++) {
        double v = values[i];
        if (!(v > 0))
            zero = true;
        else if (isfinite(v)) {
            smallest = fmin(smallest, v);
            largest = fmax(largest, v);
        }
    }
    if (!(smallest <= largest)) { /* nothing positive and finite */
        smallest = 0.1;
        largest = 1;
    }
    scale->lo = (int)floor(log10(smallest) + 1e-9);
    scale->hi = (int)ceil(log10(largest) - 1e-9);
    if (scale->hi <= scale->lo)
        scale->hi = scale->lo + 1;
    scale->zero_slot = zero;
    scale->from = from;
    scale->to = to;
}

static double log_scale_start(const struct log_scale *scale)
{
    return scale->zero_slot ? scale->lo - 1 : scale->lo;
}

static double log_scale_map(const struct log_scale *scale, double value)
{
    double start = log_scale_start(scale);
    double t = value > 0 ? log10(value) : start;
    if (t < start)
        t = start;
    if (t > scale->hi)
        t = scale->hi;
    return scale->from + (t - start) / (scale->hi - start) * (scale->to - scale->from);
}

static void decade_label(int decade, char buffer[16])
{
    if (decade >= -3 && decade <= 4)
        snprintf(buffer, 16, "%g", pow(10, decade));
    else
        snprintf(buffer, 16, "1e%d", decade);
}

/* Grid lines and labels of a log axis; horizontal: along x at the bottom. */
static void put_log_axis(FILE *out, const struct log_scale *scale, bool horizontal,
                         double cross_from, double cross_to)
{
    int start = (int)log_scale_start(scale);
    int decades = scale->hi - start;
    int step = decades > 10 ? (decades + 9) / 10 : 1;
    for (int k = start; k <= scale->hi; k++) {
        if ((k - start) % step != 0 && k != scale->hi)
            continue;
        char label[16];
        if (scale->zero_slot && k == start)
            snprintf(label, sizeof label, "0");
        else
            decade_label(k, label);
        double at = scale->from + (double)(k - start) / decades * (scale->to - scale->from);
        if (horizontal) {
            putf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", at,
                 cross_from, at, cross_to);
            putf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                 at, cross_from + 15, label);
        } else {
            putf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                 cross_from, at, cross_to, at);
            putf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
                 cross_from - 6, at + 4, label);
        }
    }
    /* A short axis has room for 2 and 5 of each decade; without them a
     * span of one decade shows two labels only. */
    if (scale->hi - scale->lo <= 3) {
        static const double multiples[] = {2, 5};
        for (int k = scale->lo; k < scale->hi; k++)
            for (size_t m = 0; m < COUNT_OF(multiples); m++) {
                double value = multiples[m] * pow(10, k);
                double at = log_scale_map(scale, value);
                char label[32];
                /* "2e7" like the decade labels, not printf's "2e+07". */
                if (k >= -3 && k <= 4)
                    snprintf(label, sizeof label, "%g", value);
                else
                    snprintf(label, sizeof label, "%.0fe%d", multiples[m], k);
                if (horizontal)
                    putf(out, "<line class=\"grid minor\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                              "y2=\"%.1f\"/>",
                         at, cross_from, at, cross_to);
                else
                    putf(out, "<line class=\"grid minor\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                              "y2=\"%.1f\"/>",
                         cross_from, at, cross_to, at);
                if (scale->hi - scale->lo > 2)
                    continue;
                if (horizontal)
                    putf(out, "<text class=\"tick minor\" x=\"%.1f\" y=\"%.1f\" "
                              "text-anchor=\"middle\">%s</text>\n",
                         at, cross_from + 15, label);
                else
                    putf(out, "<text class=\"tick minor\" x=\"%.1f\" y=\"%.1f\" "
                              "text-anchor=\"end\">%s</text>\n",
                         cross_from - 6, at + 4, label);
            }
    }
    if (scale->zero_slot) {
        /* A break mark between the 0 slot and the first decade. */
        double at = scale->from + 1.0 / decades * (scale->to - scale->from);
        if (horizontal)
            putf(out, "<text class=\"tick brk\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">//</text>",
                 (at + scale->from) / 2, cross_from + 15);
        else
            putf(out, "<text class=\"tick brk\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">//</text>",
                 cross_from - 6, (at + scale->from) / 2 + 4);
    }
}

/* ---- chart helpers ---------------------------------------------------- */

/* Approximate width of SVG text at 11px in the sans-serif font. */
static double label_width(const char *text)
{
    return 6.2 * (double)strlen(text);
}

struct label_box {
    double x0, y0, x1, y1;
};

static bool boxes_overlap(const struct label_box *a, const struct label_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* The format whose rows the charts show: f32 when it was measured. */
static const char *chart_format(const struct report *r, const struct activation_group *group)
{
    const char *first_ok = NULL;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        if (!row_is_ok(r, row))
            continue;
        if (equal(acc_text(r, row, ACC_format), "f32"))
            return "f32";
        if (first_ok == NULL)
            first_ok = acc_text(r, row, ACC_format);
    }
    return first_ok ? first_ok : "f32";
}

/* Cycles per element and ratio to copy of an accuracy row: its own columns,
 * or, when the run wrote them only to speed.csv, the first L1 throughput
 * row of the implementation there (the same measurement). */
static bool row_speed(const struct report *r, size_t row, double *cycles, double *ratio)
{
    *ratio = NAN;
    if (acc_number(r, row, ACC_cycles_per_element, cycles)) {
        if (!acc_number(r, row, ACC_ratio_to_copy, ratio))
            *ratio = NAN;
        return true;
    }
    if (!r->has_speed)
        return false;
    /* A row measured unpinned ("not_pinned") still has figures; an "ok"
     * row is preferred when there is one. */
    const char *implementation = acc_text(r, row, ACC_implementation);
    for (int pass = 0; pass < 2; pass++)
        for (size_t s = 0; s < r->speed.row_count; s++) {
            if (!equal(speed_text(r, s, SP_implementation), implementation) ||
                !equal(speed_text(r, s, SP_mode), "throughput") ||
                !equal(speed_text(r, s, SP_size_label), "L1") ||
                (pass == 0 && !equal(speed_text(r, s, SP_status), "ok")))
                continue;
            if (!speed_number(r, s, SP_cpe_median, cycles))
                continue;
            if (!speed_number(r, s, SP_ratio_to_copy, ratio))
                *ratio = NAN;
            return true;
        }
    return false;
}

/* The most accurate measured row of a format: least value_max_ulp, ties to
 * the faster.  Returns false when no row qualifies. */
static bool most_accurate(const struct report *r, const struct activation_group *group,
                          const char *format, size_t *best_row)
{
    bool found = false;
    double best_ulp = 0, best_cycles = INFINITY;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        double ulp, cycles, ratio;
        if (!row_is_ok(r, row) || !equal(acc_text(r, row, ACC_format), format) ||
            !acc_number(r, row, ACC_value_max_ulp, &ulp))
            continue;
        if (!row_speed(r, row, &cycles, &ratio))
            cycles = INFINITY;
        if (!found || ulp < best_ulp || (ulp == best_ulp && cycles < best_cycles)) {
            found = true;
            best_ulp = ulp;
            best_cycles = cycles;
            *best_row = row;
        }
    }
    return found;
}

static bool fastest(const struct report *r, const struct activation_group *group,
                    const char *format, size_t *best_row)
{
    bool found = false;
    double best_cycles = INFINITY;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        double cycles, ratio;
        if (!row_is_ok(r, row) || !equal(acc_text(r, row, ACC_format), format) ||
            !row_speed(r, row, &cycles, &ratio))
            continue;
        if (!found || cycles < best_cycles) {
            found = true;
            best_cycles = cycles;
            *best_row = row;
        }
    }
    return found;
}

static void put_chart_open(FILE *out, const char *activation, const char *kind, double width,
                           double height, const char *description)
{
    put(out, "<svg class=\"chart\" data-activation=\"");
    put_text(out, activation);
    putf(out, "\" data-kind=\"%s\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
              "role=\"img\" aria-label=\"", kind, width, height, width, height);
    put_text(out, description);
    put(out, "\">\n");
}

/* ---- Pareto chart ------------------------------------------------------ */

struct chart_point {
    size_t row;
    double cycles, ulp;
    double px, py;
    bool frontier;
};

static int compare_points_by_speed(const void *a, const void *b)
{
    const struct chart_point *p = a, *q = b;
    if (p->cycles != q->cycles)
        return p->cycles < q->cycles ? -1 : 1;
    if (p->ulp != q->ulp)
        return p->ulp < q->ulp ? -1 : 1;
    return p->row < q->row ? -1 : p->row > q->row;
}

static void put_method_legend(FILE *out, const struct report *r, const struct chart_point *points,
                              size_t count, double x, double y)
{
    /* One entry per method, in the order the points meet them. */
    const char *seen[16];
    size_t seen_count = 0;
    for (size_t i = 0; i < count && seen_count < COUNT_OF(seen); i++) {
        const char *method = acc_text(r, points[i].row, ACC_method);
        bool known = false;
        for (size_t k = 0; k < seen_count; k++)
            known |= equal(seen[k], method);
        if (!known)
            seen[seen_count++] = method;
    }
    for (size_t k = 0; k < seen_count; k++) {
        putf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>", x + 5, y - 4,
             method_colour(seen[k]));
        putf(out, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">", x + 14, y);
        put_text(out, seen[k][0] ? seen[k] : "(no method)");
        put(out, "</text>\n");
        x += 24 + label_width(seen[k]);
    }
}

static int put_pareto_chart(FILE *out, const struct report *r, const struct activation_group *group,
                            const char *format)
{
    struct chart_point *points = calloc(group->row_count ? group->row_count : 1, sizeof *points);
    struct label_box *boxes = calloc(group->row_count ? group->row_count : 1, sizeof *boxes);
    if (points == NULL || boxes == NULL) {
        free(points);
        free(boxes);
        return -1;
    }
    size_t count = 0;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        double cycles, ratio, ulp;
        if (!row_is_ok(r, row) || !equal(acc_text(r, row, ACC_format), format) ||
            !acc_number(r, row, ACC_value_max_ulp, &ulp) || !row_speed(r, row, &cycles, &ratio))
            continue;
        points[count++] = (struct chart_point){.row = row, .cycles = cycles, .ulp = ulp};
    }
    qsort(points, count, sizeof *points, compare_points_by_speed);
    /* Frontier: no other point is both faster (or as fast) and more accurate. */
    double least_ulp = INFINITY;
    for (size_t i = 0; i < count; i++)
        if (points[i].ulp < least_ulp) {
            points[i].frontier = true;
            least_ulp = points[i].ulp;
        }
    size_t best_row = 0;
    bool has_best = most_accurate(r, group, format, &best_row);

    const double width = 620, height = 420;
    const double left = 70, right = width - 24, top = 20, bottom = height - 78;
    double *xs = calloc(count ? count : 1, sizeof *xs);
    double *ys = calloc(count ? count : 1, sizeof *ys);
    if (xs == NULL || ys == NULL) {
        free(xs);
        free(ys);
        free(points);
        free(boxes);
        return -1;
    }
    for (size_t i = 0; i < count; i++) {
        xs[i] = points[i].cycles;
        ys[i] = points[i].ulp;
    }
    struct log_scale xscale, yscale;
    log_scale_fit(&xscale, xs, count, left + 10, right - 10);
    log_scale_fit(&yscale, ys, count, bottom - 10, top + 10);
    free(xs);
    free(ys);

    char description[256];
    snprintf(description, sizeof description,
             "max ulp error against cycles per element, %s, one point per implementation", format);
    put_chart_open(out, group->name, "pareto", width, height, description);
    putf(out, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n", left,
         top, right - left, bottom - top);
    put_log_axis(out, &xscale, true, bottom, top);
    put_log_axis(out, &yscale, false, left, right);
    putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">cycles per element "
              "(L1, throughput; log scale; left is faster)</text>\n",
         (left + right) / 2, bottom + 34);
    putf(out, "<text class=\"axis\" transform=\"translate(16 %.1f) rotate(-90)\" "
              "text-anchor=\"middle\">max error of the value, ulp (",
         (top + bottom) / 2);
    put_text(out, format);
    put(out, ", log)</text>\n");

    for (size_t i = 0; i < count; i++) {
        points[i].px = log_scale_map(&xscale, points[i].cycles);
        points[i].py = log_scale_map(&yscale, points[i].ulp);
    }
    /* The frontier as a staircase: for a budget between two frontier points
     * the best reachable error is the left one's. */
    bool started = false;
    put(out, "<path class=\"frontier\" d=\"");
    for (size_t i = 0; i < count; i++) {
        if (!points[i].frontier)
            continue;
        if (!started)
            putf(out, "M%.1f %.1f", points[i].px, points[i].py);
        else
            putf(out, " H%.1f V%.1f", points[i].px, points[i].py);
        started = true;
    }
    if (started)
        putf(out, " H%.1f", right);
    else
        putf(out, "M%.1f %.1f", left, bottom);
    put(out, "\"/>\n");

    for (size_t i = 0; i < count; i++) {
        size_t row = points[i].row;
        bool best = has_best && row == best_row;
        char cycles_text[32], ulp_text[32];
        putf(out, "<circle class=\"point%s%s\" cx=\"%.1f\" cy=\"%.1f\" r=\"%d\" fill=\"%s\">",
             points[i].frontier ? " on-frontier" : "", best ? " best" : "", points[i].px,
             points[i].py, best ? 7 : 5, method_colour(acc_text(r, row, ACC_method)));
        put(out, "<title>");
        put_text(out, acc_text(r, row, ACC_implementation));
        putf(out, ": %s cycles/element, max %s ulp%s</title></circle>\n",
             figure(points[i].cycles, cycles_text), figure(points[i].ulp, ulp_text),
             best ? " (most accurate)" : "");
    }
    /* Labels right of their point, or left near the right edge; moved up or
     * down in steps until they overlap no earlier label. */
    for (size_t i = 0; i < count; i++) {
        size_t row = points[i].row;
        bool best = has_best && row == best_row;
        const char *name = short_name(acc_text(r, row, ACC_implementation), group->name);
        char text[160];
        snprintf(text, sizeof text, "%s%s", name, best ? " (most accurate)" : "");
        double w = label_width(text) + (best ? 10 : 0);
        bool to_left = points[i].px + 9 + w > width - 4;
        double x0 = to_left ? points[i].px - 9 - w : points[i].px + 9;
        struct label_box box = {x0, points[i].py - 9, x0 + w, points[i].py + 3};
        static const double shifts[] = {0, 12, -12, 24, -24, 36, -36, 48, -48};
        double shift = 0;
        for (size_t s = 0; s < COUNT_OF(shifts); s++) {
            struct label_box moved = {box.x0, box.y0 + shifts[s], box.x1, box.y1 + shifts[s]};
            bool clear = true;
            for (size_t k = 0; k < i && clear; k++)
                clear = !boxes_overlap(&moved, &boxes[k]);
            if (clear) {
                shift = shifts[s];
                break;
            }
        }
        boxes[i] = (struct label_box){box.x0, box.y0 + shift, box.x1, box.y1 + shift};
        if (shift != 0)
            putf(out, "<line class=\"leader\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                 points[i].px, points[i].py, to_left ? box.x1 : box.x0, points[i].py + shift - 3);
        putf(out, "<text class=\"label%s\" x=\"%.1f\" y=\"%.1f\"%s>", best ? " best" : "",
             to_left ? box.x1 : box.x0, points[i].py + shift, to_left ? " text-anchor=\"end\"" : "");
        put_text(out, text);
        put(out, "</text>\n");
    }
    put_method_legend(out, r, points, count, left, height - 14);
    putf(out, "<path class=\"frontier\" d=\"M%.1f %.1f h24\"/><text class=\"legend\" x=\"%.1f\" "
              "y=\"%.1f\">Pareto frontier</text>\n",
         right - 140, height - 18, right - 110, height - 14);
    put(out, "</svg>\n");
    free(points);
    free(boxes);
    return 0;
}

/* ---- accuracy-only bars (no speed data) -------------------------------- */

static int put_accuracy_bars(FILE *out, const struct report *r,
                             const struct activation_group *group, const char *format)
{
    size_t *rows = calloc(group->row_count ? group->row_count : 1, sizeof *rows);
    double *values = calloc(group->row_count ? group->row_count : 1, sizeof *values);
    if (rows == NULL || values == NULL) {
        free(rows);
        free(values);
        return -1;
    }
    size_t count = 0;
    double longest = 0;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        double ulp;
        if (!row_is_ok(r, row) || !equal(acc_text(r, row, ACC_format), format) ||
            !acc_number(r, row, ACC_value_max_ulp, &ulp))
            continue;
        rows[count] = row;
        values[count++] = ulp;
        longest = fmax(longest, label_width(acc_text(r, row, ACC_implementation)));
    }
    const double width = 620, row_height = 24;
    const double left = fmin(300, 16 + longest), right = width - 80, top = 16;
    const double bottom = top + row_height * (double)(count ? count : 1) + 8;
    const double height = bottom + 58;
    struct log_scale scale;
    log_scale_fit(&scale, values, count, left, right);
    char description[200];
    snprintf(description, sizeof description,
             "max ulp error of the value per implementation, %s (speed not measured)", format);
    put_chart_open(out, group->name, "accuracy-bars", width, height, description);
    putf(out, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n", left,
         top, right - left, bottom - top);
    put_log_axis(out, &scale, true, bottom, top);
    if (count == 0)
        putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">no measured "
                  "implementation</text>\n",
             (left + right) / 2, top + 18);
    for (size_t i = 0; i < count; i++) {
        size_t row = rows[i];
        double y = top + 4 + row_height * (double)i;
        double end = log_scale_map(&scale, values[i]);
        char text[32];
        putf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">", left - 6,
             y + 13);
        put_text(out, acc_text(r, row, ACC_implementation));
        put(out, "</text>");
        putf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                  "fill=\"%s\"><title>",
             left, y, fmax(end - left, 1.5), row_height - 8,
             method_colour(acc_text(r, row, ACC_method)));
        put_text(out, acc_text(r, row, ACC_implementation));
        putf(out, ": max %s ulp</title></rect>", figure(values[i], text));
        putf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>", fmax(end, left + 1.5) + 5,
             y + 13, figure(values[i], text));
        double bound;
        if (acc_number(r, row, ACC_value_bound_ulp, &bound)) {
            double at = log_scale_map(&scale, bound);
            putf(out, "<line class=\"bound\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", at,
                 y - 2, at, y + row_height - 6);
        }
        put(out, "\n");
    }
    putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">max error of the "
              "value, ulp (",
         (left + right) / 2, bottom + 34);
    put_text(out, format);
    put(out, ", log scale)</text>\n");
    putf(out, "<line class=\"bound\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/><text "
              "class=\"legend\" x=\"%.1f\" y=\"%.1f\">declared bound</text>\n",
         right - 100, height - 22, right - 100, height - 10, right - 92, height - 12);
    put(out, "</svg>\n");
    free(rows);
    free(values);
    return 0;
}

/* ---- error profile over x ---------------------------------------------- */

struct profile_bin {
    double lo, hi, max_ulp;
    bool drawn; /* count > 0 and a max given */
};

static int compare_bins(const void *a, const void *b)
{
    const struct profile_bin *p = a, *q = b;
    return p->lo < q->lo ? -1 : p->lo > q->lo;
}

static bool profile_row_matches(const struct report *r, size_t row, const char *activation,
                                const char *format)
{
    return equal(csv_field(&r->profile, row, r->pr[PR_activation]), activation) &&
           equal(csv_field(&r->profile, row, r->pr[PR_format]), format) &&
           equal(csv_field(&r->profile, row, r->pr[PR_quantity]), "value") &&
           equal(csv_field(&r->profile, row, r->pr[PR_axis]), "x");
}

/* Linear tick step giving at most about ten ticks. */
static double linear_step(double span)
{
    static const double steps[] = {1, 2, 2.5, 5};
    double decade = pow(10, floor(log10(span / 10)));
    for (size_t i = 0; i < COUNT_OF(steps); i++)
        if (span / (steps[i] * decade) <= 10)
            return steps[i] * decade;
    return 10 * decade;
}

static int put_profile_chart(FILE *out, const struct report *r,
                             const struct activation_group *group, const char *format)
{
    size_t *matching = NULL;
    size_t match_count = 0;
    const char **series = NULL;
    size_t series_count = 0;
    struct profile_bin *bins = NULL;
    double *values = NULL;
    int result = -1;

    matching = malloc((r->profile.row_count ? r->profile.row_count : 1) * sizeof *matching);
    if (matching == NULL)
        goto done;
    for (size_t row = 0; row < r->profile.row_count; row++)
        if (profile_row_matches(r, row, group->name, format))
            matching[match_count++] = row;
    if (match_count == 0) {
        put(out, "<p class=\"note\">No error profile over x for this activation in "
                 "profile.csv.</p>\n");
        result = 0;
        goto done;
    }
    series = malloc(match_count * sizeof *series);
    bins = malloc(match_count * sizeof *bins);
    values = malloc(match_count * sizeof *values);
    if (series == NULL || bins == NULL || values == NULL)
        goto done;
    double x_lo = INFINITY, x_hi = -INFINITY;
    size_t value_count = 0;
    for (size_t m = 0; m < match_count; m++) {
        size_t row = matching[m];
        const char *implementation = csv_field(&r->profile, row, r->pr[PR_implementation]);
        bool known = false;
        for (size_t s = 0; s < series_count && !known; s++)
            known = equal(series[s], implementation);
        if (!known)
            series[series_count++] = implementation;
        double lo, hi, count, max_ulp;
        if (profile_number(r, row, PR_bin_lo, &lo) && profile_number(r, row, PR_bin_hi, &hi)) {
            x_lo = fmin(x_lo, lo);
            x_hi = fmax(x_hi, hi);
        }
        if (profile_number(r, row, PR_count, &count) && count > 0 &&
            profile_number(r, row, PR_max_ulp, &max_ulp))
            values[value_count++] = max_ulp;
    }
    if (!(x_lo < x_hi)) {
        x_lo = -10;
        x_hi = 10;
    }

    const double width = 620, left = 70, right = width - 20, top = 16, bottom = 256;
    /* Legend rows below the plot: measure first so the height is known. */
    double legend_x = left, legend_rows = 1;
    for (size_t s = 0; s < series_count; s++) {
        double w = 34 + label_width(series[s]);
        if (legend_x + w > right && legend_x > left) {
            legend_rows++;
            legend_x = left;
        }
        legend_x += w;
    }
    const double height = bottom + 48 + 16 * legend_rows;
    struct log_scale yscale;
    log_scale_fit(&yscale, values, value_count, bottom - 6, top + 6);
    char description[200];
    snprintf(description, sizeof description,
             "max ulp error of the value per bin of x, %s, one line per implementation", format);
    put_chart_open(out, group->name, "profile", width, height, description);
    putf(out, "<rect class=\"plot\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"/>\n", left,
         top, right - left, bottom - top);
    put_log_axis(out, &yscale, false, left, right);
    double step = linear_step(x_hi - x_lo);
    for (double tick = ceil(x_lo / step - 1e-9) * step; tick <= x_hi + 1e-9 * step; tick += step) {
        double at = left + (tick - x_lo) / (x_hi - x_lo) * (right - left);
        char label[32];
        putf(out, "<line class=\"grid\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", at,
             top, at, bottom);
        putf(out, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
             at, bottom + 15, figure(fabs(tick) < 1e-9 * step ? 0 : tick, label));
    }
    putf(out, "<text class=\"axis\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">x (max over "
              "each bin)</text>\n",
         (left + right) / 2, bottom + 32);
    putf(out, "<text class=\"axis\" transform=\"translate(16 %.1f) rotate(-90)\" "
              "text-anchor=\"middle\">max error, ulp (",
         (top + bottom) / 2);
    put_text(out, format);
    put(out, ", log)</text>\n");

    legend_x = left;
    double legend_y = bottom + 52;
    for (size_t s = 0; s < series_count; s++) {
        size_t bin_count = 0;
        for (size_t m = 0; m < match_count; m++) {
            size_t row = matching[m];
            if (!equal(csv_field(&r->profile, row, r->pr[PR_implementation]), series[s]))
                continue;
            struct profile_bin bin = {0};
            double count;
            if (!profile_number(r, row, PR_bin_lo, &bin.lo) ||
                !profile_number(r, row, PR_bin_hi, &bin.hi))
                continue;
            bin.drawn = profile_number(r, row, PR_count, &count) && count > 0 &&
                        profile_number(r, row, PR_max_ulp, &bin.max_ulp);
            bins[bin_count++] = bin;
        }
        qsort(bins, bin_count, sizeof *bins, compare_bins);
        const char *colour = series_colour(s);
        const char *dash = series_dash(s);
        putf(out, "<path class=\"series\" stroke=\"%s\"%s%s%s d=\"", colour,
             dash[0] ? " stroke-dasharray=\"" : "", dash, dash[0] ? "\"" : "");
        /* A step per bin (the figure is a max over the whole bin); a gap
         * where a bin had no input. */
        bool open = false;
        double previous_hi = 0;
        bool any = false;
        for (size_t b = 0; b < bin_count; b++) {
            if (!bins[b].drawn) {
                open = false;
                continue;
            }
            double x0 = left + (bins[b].lo - x_lo) / (x_hi - x_lo) * (right - left);
            double x1 = left + (bins[b].hi - x_lo) / (x_hi - x_lo) * (right - left);
            double y = log_scale_map(&yscale, bins[b].max_ulp);
            if (open && bins[b].lo == previous_hi)
                putf(out, " V%.1f H%.1f", y, x1);
            else
                putf(out, "%sM%.1f %.1f H%.1f", any ? " " : "", x0, y, x1);
            open = true;
            any = true;
            previous_hi = bins[b].hi;
        }
        if (!any)
            putf(out, "M%.1f %.1f", left, bottom);
        put(out, "\"><title>");
        put_text(out, series[s]);
        put(out, "</title></path>\n");

        double w = 34 + label_width(series[s]);
        if (legend_x + w > right && legend_x > left) {
            legend_x = left;
            legend_y += 16;
        }
        putf(out, "<path class=\"series\" stroke=\"%s\"%s%s%s d=\"M%.1f %.1f h22\"/>", colour,
             dash[0] ? " stroke-dasharray=\"" : "", dash, dash[0] ? "\"" : "", legend_x,
             legend_y - 4);
        putf(out, "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">", legend_x + 27, legend_y);
        put_text(out, series[s]);
        put(out, "</text>\n");
        legend_x += w;
    }
    put(out, "</svg>\n");
    result = 0;
done:
    free(matching);
    free(series);
    free(bins);
    free(values);
    return result;
}

/* ---- tables ------------------------------------------------------------ */

static void put_number_cell(FILE *out, const struct report *r, size_t row, enum accuracy_column col,
                            const char *extra_class)
{
    double value;
    if (!acc_number(r, row, col, &value)) {
        putf(out, "<td class=\"num%s\"></td>", extra_class);
        return;
    }
    char text[32];
    putf(out, "<td class=\"num%s\" data-v=\"", extra_class);
    put_sort_key(out, value);
    put(out, "\" title=\"");
    put_text(out, acc_text(r, row, col));
    putf(out, "\">%s</td>", figure(value, text));
}

/* A max ulp cell, marked when above the row's declared bound. */
static void put_bounded_cell(FILE *out, const struct report *r, size_t row,
                             enum accuracy_column figure_column, enum accuracy_column bound_column)
{
    double value, bound;
    if (acc_number(r, row, figure_column, &value) && acc_number(r, row, bound_column, &bound) &&
        value > bound) {
        char text[32], bound_text[32];
        put(out, "<td class=\"num over\" data-v=\"");
        put_sort_key(out, value);
        putf(out, "\" title=\"above the declared bound of %s ulp\">%s</td>",
             figure(bound, bound_text), figure(value, text));
        return;
    }
    put_number_cell(out, r, row, figure_column, "");
}

static bool group_has_column(const struct report *r, const struct activation_group *group,
                             enum accuracy_column col)
{
    for (size_t i = 0; i < group->row_count; i++)
        if (acc_text(r, group->rows[i], col)[0] != '\0')
            return true;
    return false;
}

static bool has_failure_examples(const struct report *r, const char *activation,
                                 const char *implementation)
{
    if (!r->has_failures)
        return false;
    for (size_t f = 0; f < r->failures.row_count; f++)
        if (equal(csv_field(&r->failures, f, r->fa[FA_implementation]), implementation) &&
            equal(csv_field(&r->failures, f, r->fa[FA_activation]), activation))
            return true;
    return false;
}

static void put_failure_anchor(FILE *out, const char *activation, const char *implementation)
{
    put(out, "fail-");
    put_id_part(out, activation);
    put(out, "--");
    put_id_part(out, implementation);
}

static void put_header_cell(FILE *out, const char *label, const char *title, bool numeric)
{
    putf(out, "<th tabindex=\"0\"%s title=\"", numeric ? " data-type=\"num\"" : "");
    put_text(out, title);
    put(out, "\">");
    put_text(out, label);
    put(out, "</th>");
}

static void put_skip_reason(FILE *out, const struct report *r, size_t row)
{
    const char *status = acc_text(r, row, ACC_status);
    if (equal(status, "skipped_isa")) {
        put(out, "skipped: this CPU lacks ");
        put_text(out, acc_text(r, row, ACC_isa));
    } else {
        put(out, "not measured: ");
        put_text(out, status);
    }
}

/* A title attribute naming the properties that failed, with their counts
 * (nothing when none did). */
static void put_property_breakdown(FILE *out, const struct report *r, size_t row)
{
    static const enum accuracy_column parts[] = {
        ACC_range_violations,       ACC_symmetry_violations,  ACC_monotonicity_violations,
        ACC_nan_propagation_failures, ACC_overflow_nan_failures, ACC_lane_crosstalk_failures,
        ACC_tail_failures,          ACC_inplace_failures,
    };
    bool first = true;
    for (size_t i = 0; i < COUNT_OF(parts); i++) {
        double count;
        if (!acc_number(r, row, parts[i], &count) || count == 0)
            continue;
        putf(out, "%s%s %.0f", first ? " title=\"" : ", ", accuracy_columns[parts[i]].name,
             count);
        first = false;
    }
    if (!first)
        put(out, "\"");
}

static void put_implementation_table(FILE *out, const struct report *r,
                                     const struct activation_group *group)
{
    bool param = group_has_column(r, group, ACC_param_gradient_max_ulp);
    bool gelu = group_has_column(r, group, ACC_gelu_distance_max_ulp);
    put(out, "<div class=\"scroll\"><table class=\"sortable impl\">\n<thead><tr>");
    put_header_cell(out, "implementation", "registry name of the implementation", false);
    put_header_cell(out, "method", accuracy_columns[ACC_method].description, false);
    put_header_cell(out, "ISA", accuracy_columns[ACC_isa].description, false);
    put_header_cell(out, "format", accuracy_columns[ACC_format].description, false);
    put_header_cell(out, "value max ulp", accuracy_columns[ACC_value_max_ulp].description, true);
    put_header_cell(out, "bound", accuracy_columns[ACC_value_bound_ulp].description, true);
    put_header_cell(out, "value mean ulp", accuracy_columns[ACC_value_mean_ulp].description, true);
    put_header_cell(out, "gradient max ulp", accuracy_columns[ACC_gradient_max_ulp].description,
                    true);
    put_header_cell(out, "bound", accuracy_columns[ACC_gradient_bound_ulp].description, true);
    put_header_cell(out, "gradient mean ulp", accuracy_columns[ACC_gradient_mean_ulp].description,
                    true);
    if (param)
        put_header_cell(out, "param gradient max ulp",
                        accuracy_columns[ACC_param_gradient_max_ulp].description, true);
    if (gelu) {
        put_header_cell(out, "distance from exact gelu, ulp",
                        accuracy_columns[ACC_gelu_distance_max_ulp].description, true);
        put_header_cell(out, "at x", accuracy_columns[ACC_gelu_distance_worst_input].description,
                        false);
    }
    put_header_cell(out, "special-value failures",
                    "value_special_failures + gradient_special_failures: wrong NaN, infinity or "
                    "sign of an exact zero",
                    true);
    put_header_cell(out, "property failures", accuracy_columns[ACC_property_failures].description,
                    true);
    put_header_cell(out, "cycles/element", accuracy_columns[ACC_cycles_per_element].description,
                    true);
    put_header_cell(out, "ratio to copy", accuracy_columns[ACC_ratio_to_copy].description, true);
    put(out, "</tr></thead>\n<tbody>\n");
    size_t measured_columns = 10u + (param ? 1u : 0u) + (gelu ? 2u : 0u);
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        bool ok = row_is_ok(r, row);
        put(out, ok ? "<tr>" : "<tr class=\"skipped\">");
        put(out, "<td>");
        put_text(out, acc_text(r, row, ACC_implementation));
        put(out, "</td><td>");
        put_text(out, acc_text(r, row, ACC_method));
        put(out, "</td><td>");
        put_text(out, acc_text(r, row, ACC_isa));
        put(out, "</td><td>");
        put_text(out, acc_text(r, row, ACC_format));
        put(out, "</td>");
        if (!ok) {
            putf(out, "<td colspan=\"%zu\">", measured_columns);
            put_skip_reason(out, r, row);
            put(out, "</td></tr>\n");
            continue;
        }
        put_bounded_cell(out, r, row, ACC_value_max_ulp, ACC_value_bound_ulp);
        put_number_cell(out, r, row, ACC_value_bound_ulp, " dim");
        put_number_cell(out, r, row, ACC_value_mean_ulp, "");
        put_bounded_cell(out, r, row, ACC_gradient_max_ulp, ACC_gradient_bound_ulp);
        put_number_cell(out, r, row, ACC_gradient_bound_ulp, " dim");
        put_number_cell(out, r, row, ACC_gradient_mean_ulp, "");
        if (param)
            put_number_cell(out, r, row, ACC_param_gradient_max_ulp, "");
        if (gelu) {
            put_number_cell(out, r, row, ACC_gelu_distance_max_ulp, "");
            put(out, "<td class=\"hex\">");
            put_text(out, acc_text(r, row, ACC_gelu_distance_worst_input));
            put(out, "</td>");
        }
        double value_special = 0, gradient_special = 0, properties = 0;
        bool has_special = acc_number(r, row, ACC_value_special_failures, &value_special);
        has_special |= acc_number(r, row, ACC_gradient_special_failures, &gradient_special);
        bool has_properties = acc_number(r, row, ACC_property_failures, &properties);
        bool link = (value_special + gradient_special + properties > 0) &&
                    has_failure_examples(r, group->name, acc_text(r, row, ACC_implementation));
        double totals[2] = {value_special + gradient_special, properties};
        bool present[2] = {has_special, has_properties};
        for (int k = 0; k < 2; k++) {
            if (!present[k]) {
                put(out, "<td class=\"num\"></td>");
                continue;
            }
            putf(out, "<td class=\"num%s\" data-v=\"%.0f\"", totals[k] > 0 ? " fail" : "",
                 totals[k]);
            if (k == 0)
                putf(out, " title=\"value %.0f, gradient %.0f\"", value_special, gradient_special);
            else
                put_property_breakdown(out, r, row);
            put(out, ">");
            if (link && totals[k] > 0) {
                put(out, "<a href=\"#");
                put_failure_anchor(out, group->name, acc_text(r, row, ACC_implementation));
                putf(out, "\">%.0f</a>", totals[k]);
            } else {
                putf(out, "%.0f", totals[k]);
            }
            put(out, "</td>");
        }
        double cycles, ratio;
        if (row_speed(r, row, &cycles, &ratio)) {
            char text[32];
            put(out, "<td class=\"num\" data-v=\"");
            put_sort_key(out, cycles);
            putf(out, "\">%s</td>", figure(cycles, text));
            if (isnan(ratio)) {
                put(out, "<td class=\"num\"></td>");
            } else {
                put(out, "<td class=\"num\" data-v=\"");
                put_sort_key(out, ratio);
                putf(out, "\">%s</td>", figure(ratio, text));
            }
        } else {
            put(out, "<td class=\"num\"></td><td class=\"num\"></td>");
        }
        put(out, "</tr>\n");
    }
    put(out, "</tbody></table></div>\n");
}

/* Where each implementation's worst errors are, and its saturation and
 * gradient death points: the inputs a numerical analyst looks at next. */
static void put_worst_case_table(FILE *out, const struct report *r,
                                 const struct activation_group *group)
{
    static const enum accuracy_column columns[] = {
        ACC_value_worst_input,   ACC_value_worst_got,   ACC_value_worst_want,
        ACC_gradient_worst_input, ACC_gradient_worst_got, ACC_gradient_worst_want,
        ACC_saturation_x,        ACC_saturation_x_exact, ACC_gradient_death_x,
        ACC_gradient_death_true,
    };
    bool any = false;
    for (size_t c = 0; c < COUNT_OF(columns) && !any; c++)
        any = group_has_column(r, group, columns[c]);
    if (!any)
        return;
    put(out, "<details><summary>Worst inputs, saturation and gradient death (hexfloats)</summary>\n"
             "<div class=\"scroll\"><table class=\"sortable hexes\">\n<thead><tr>");
    put_header_cell(out, "implementation", "registry name of the implementation", false);
    put_header_cell(out, "format", accuracy_columns[ACC_format].description, false);
    for (size_t c = 0; c < COUNT_OF(columns); c++)
        put_header_cell(out, accuracy_columns[columns[c]].name,
                        accuracy_columns[columns[c]].description, false);
    put(out, "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        if (!row_is_ok(r, row))
            continue;
        put(out, "<tr><td>");
        put_text(out, acc_text(r, row, ACC_implementation));
        put(out, "</td><td>");
        put_text(out, acc_text(r, row, ACC_format));
        put(out, "</td>");
        for (size_t c = 0; c < COUNT_OF(columns); c++) {
            put(out, "<td class=\"hex\">");
            put_text(out, acc_text(r, row, columns[c]));
            put(out, "</td>");
        }
        put(out, "</tr>\n");
    }
    put(out, "</tbody></table></div></details>\n");
}

/* Whether speed row s belongs to the activation (NULL: the copy kernel). */
static bool speed_row_of(const struct report *r, size_t s, const char *activation)
{
    bool copy = equal(speed_text(r, s, SP_implementation), "copy");
    if (activation == NULL)
        return copy;
    return !copy && equal(speed_text(r, s, SP_activation), activation);
}

static bool same_speed_key(const struct report *r, size_t a, size_t b)
{
    static const enum speed_column key[] = {SP_implementation, SP_mode, SP_size_label,
                                            SP_distribution};
    for (size_t i = 0; i < COUNT_OF(key); i++)
        if (!equal(speed_text(r, a, key[i]), speed_text(r, b, key[i])))
            return false;
    return true;
}

static bool same_core(const struct report *r, size_t a, size_t b)
{
    return equal(speed_text(r, a, SP_core), speed_text(r, b, SP_core)) &&
           equal(speed_text(r, a, SP_core_kind), speed_text(r, b, SP_core_kind));
}

/* One cell: the median, the ratio to copy, and the rest in the tooltip;
 * a row measured with a caveat (status other than ok: not pinned) is
 * starred. */
static void put_speed_cell(FILE *out, const struct report *r, size_t s, bool show_ratio)
{
    char text[32], low[32], high[32], ratio_text[32];
    double median = 0, value;
    speed_number(r, s, SP_cpe_median, &median);
    const char *status = speed_text(r, s, SP_status);
    bool caveat = status[0] != '\0' && !equal(status, "ok");
    put(out, "<td class=\"num\" data-v=\"");
    put_sort_key(out, median);
    put(out, "\" title=\"");
    if (speed_number(r, s, SP_cpe_min, &value))
        putf(out, "min %s ", figure(value, low));
    if (speed_number(r, s, SP_cpe_max, &value))
        putf(out, "max %s cycles/element ", figure(value, high));
    if (speed_number(r, s, SP_ns_per_element_median, &value))
        putf(out, "| %s ns/element ", figure(value, text));
    if (speed_number(r, s, SP_core_ghz, &value))
        putf(out, "| %s GHz ", figure(value, text));
    if (speed_number(r, s, SP_repetitions, &value))
        putf(out, "| %.0f repetitions ", value);
    if (speed_number(r, s, SP_threads, &value) && value > 1)
        putf(out, "| %.0f threads ", value);
    if (speed_number(r, s, SP_all_cores_scaling, &value))
        putf(out, "| scaling %s ", figure(value, text));
    if (speed_text(r, s, SP_cpu)[0]) {
        put(out, "| cpu ");
        put_text(out, speed_text(r, s, SP_cpu));
        put(out, " ");
    }
    put(out, "| clock ");
    put_text(out, speed_text(r, s, SP_clock));
    if (caveat) {
        put(out, " | ");
        put_text(out, status);
    }
    if (speed_text(r, s, SP_note)[0]) {
        put(out, " | ");
        put_text(out, speed_text(r, s, SP_note));
    }
    putf(out, "\">%s", figure(median, text));
    if (show_ratio && speed_number(r, s, SP_ratio_to_copy, &value))
        putf(out, " <small>x%s</small>", figure(value, ratio_text));
    if (caveat || speed_text(r, s, SP_note)[0])
        put(out, "<sup>*</sup>");
    put(out, "</td>");
}

/* Speed rows of one activation (or of the copy kernel) as a table with one
 * column per core measured: rows are (implementation, mode, size,
 * distribution), cells the median cycles per element and the ratio to
 * copy.  Rows without a figure (skipped) are named below the table. */
static int put_speed_pivot(FILE *out, const struct report *r, const char *activation)
{
    size_t rows_total = r->speed.row_count;
    size_t *selected = malloc((rows_total ? rows_total : 1) * sizeof *selected);
    size_t *keys = malloc((rows_total ? rows_total : 1) * sizeof *keys);
    size_t *cores = malloc((rows_total ? rows_total : 1) * sizeof *cores);
    if (selected == NULL || keys == NULL || cores == NULL) {
        free(selected);
        free(keys);
        free(cores);
        return -1;
    }
    size_t selected_count = 0, key_count = 0, core_count = 0, unmeasured = 0;
    bool starred = false;
    for (size_t s = 0; s < rows_total; s++) {
        double median;
        if (!speed_row_of(r, s, activation))
            continue;
        if (!speed_number(r, s, SP_cpe_median, &median)) {
            unmeasured++;
            continue;
        }
        starred |= (speed_text(r, s, SP_status)[0] && !equal(speed_text(r, s, SP_status), "ok")) ||
                   speed_text(r, s, SP_note)[0];
        selected[selected_count++] = s;
        bool known = false;
        for (size_t k = 0; k < key_count && !known; k++)
            known = same_speed_key(r, s, keys[k]);
        if (!known)
            keys[key_count++] = s;
        known = false;
        for (size_t c = 0; c < core_count && !known; c++)
            known = same_core(r, s, cores[c]);
        if (!known)
            cores[core_count++] = s;
    }
    if (selected_count == 0) {
        put(out, activation ? "<p class=\"note\">No speed measurement of this activation in "
                              "speed.csv.</p>\n"
                            : "<p class=\"note\">No copy kernel measurement in speed.csv.</p>\n");
    } else {
        bool open = key_count <= 40;
        putf(out, "<details%s><summary>Speed per core: median cycles per element%s (%zu "
                  "measurements)</summary>\n",
             open ? " open" : "", activation ? ", and x the ratio to the copy kernel" : "",
             selected_count);
        put(out, "<div class=\"scroll\"><table class=\"sortable speed\">\n<thead><tr>");
        if (activation != NULL)
            put_header_cell(out, "implementation", "registry name of the implementation", false);
        put_header_cell(out, "mode",
                        "throughput, latency, gradient_throughput or all_cores_throughput (all "
                        "cores at once: one figure per core)",
                        false);
        put_header_cell(out, "size", "working set: L1, L2, L3, DRAM or custom", false);
        put_header_cell(out, "distribution", "distribution of the inputs", false);
        for (size_t c = 0; c < core_count; c++) {
            const char *core = speed_text(r, cores[c], SP_core);
            const char *kind = speed_text(r, cores[c], SP_core_kind);
            char label[160];
            snprintf(label, sizeof label, "core %s%s%s%s", core[0] ? core : "?",
                     kind[0] ? " (" : "", kind, kind[0] ? ")" : "");
            put_header_cell(out, label, "median cycles per element on this core", true);
        }
        put(out, "</tr></thead>\n<tbody>\n");
        for (size_t k = 0; k < key_count; k++) {
            size_t key = keys[k];
            put(out, "<tr>");
            if (activation != NULL) {
                put(out, "<td>");
                put_text(out, speed_text(r, key, SP_implementation));
                put(out, "</td>");
            }
            put(out, "<td>");
            put_text(out, speed_text(r, key, SP_mode));
            put(out, "</td><td title=\"");
            put_text(out, speed_text(r, key, SP_bytes));
            put(out, " bytes\">");
            put_text(out, speed_text(r, key, SP_size_label));
            put(out, "</td><td>");
            put_text(out, speed_text(r, key, SP_distribution));
            put(out, "</td>");
            for (size_t c = 0; c < core_count; c++) {
                size_t found = rows_total;
                for (size_t i = 0; i < selected_count && found == rows_total; i++)
                    if (same_speed_key(r, selected[i], key) && same_core(r, selected[i], cores[c]))
                        found = selected[i];
                if (found == rows_total)
                    put(out, "<td class=\"num\"></td>");
                else
                    put_speed_cell(out, r, found, activation != NULL);
            }
            put(out, "</tr>\n");
        }
        put(out, "</tbody></table></div>\n");
        if (starred)
            put(out, "<p class=\"note\">* measured with a caveat (not pinned, clock drift, "
                     "preemption): see the cell's tooltip.</p>\n");
        put(out, "</details>\n");
    }
    if (unmeasured > 0) {
        put(out, "<p class=\"note skipped\">Not timed:");
        bool first = true;
        for (size_t s = 0; s < rows_total; s++) {
            double median;
            if (!speed_row_of(r, s, activation) || speed_number(r, s, SP_cpe_median, &median))
                continue;
            /* One mention per implementation and status. */
            bool mentioned = false;
            for (size_t t = 0; t < s && !mentioned; t++)
                mentioned = speed_row_of(r, t, activation) &&
                            !speed_number(r, t, SP_cpe_median, &median) &&
                            equal(speed_text(r, t, SP_implementation),
                                  speed_text(r, s, SP_implementation)) &&
                            equal(speed_text(r, t, SP_status), speed_text(r, s, SP_status));
            if (mentioned)
                continue;
            put(out, first ? " " : ", ");
            put_text(out, speed_text(r, s, SP_implementation));
            put(out, " (");
            put_text(out, speed_text(r, s, SP_status));
            put(out, ")");
            first = false;
        }
        put(out, "</p>\n");
    }
    free(selected);
    free(keys);
    free(cores);
    return 0;
}

/* ---- sections ---------------------------------------------------------- */

static const char *machine_value(const struct report *r, const char *const *keys, size_t count)
{
    if (!r->has_machine)
        return NULL;
    for (size_t k = 0; k < count; k++)
        for (size_t row = 0; row < r->machine.row_count; row++)
            if (equal(csv_field(&r->machine, row, r->machine_key), keys[k]))
                return csv_field(&r->machine, row, r->machine_value);
    return NULL;
}

static const char style_sheet[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;color:#222;"
    "background:#fafafa;line-height:1.4}\n"
    "header,main,footer{max-width:1320px;margin:0 auto;padding:0 20px}\n"
    "header{padding-top:12px}\n"
    "h1{font-size:1.6em;margin:.4em 0 .2em}\n"
    "h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.2em;border-bottom:2px solid #ccd}\n"
    "h3{font-size:1.05em;margin:1.2em 0 .4em}\n"
    "nav a{margin-right:.8em;white-space:nowrap}\n"
    "section{background:#fff;border:1px solid #e2e2e8;border-radius:6px;padding:4px 16px 14px;"
    "margin:16px 0}\n"
    "table{border-collapse:collapse;font-size:13px;margin:6px 0}\n"
    "th,td{border:1px solid #dde;padding:3px 7px;text-align:left;vertical-align:top}\n"
    "th{background:#eef0f6;cursor:pointer;user-select:none}\n"
    "th[aria-sort=ascending]::after{content:' \\25B2'}\n"
    "th[aria-sort=descending]::after{content:' \\25BC'}\n"
    "td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.dim{color:#888}\n"
    "td.hex,.hex{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace;"
    "font-size:12px}\n"
    "tr.skipped td{color:#999;background:#f3f3f3;font-style:italic}\n"
    "td.over{background:#fdd;color:#a00;font-weight:bold}\n"
    "td.fail{background:#fff1d6;color:#8a4b00;font-weight:bold}\n"
    "td small{color:#777}\n"
    ".scroll{overflow-x:auto}\n"
    ".note{color:#555;font-style:italic}\n"
    ".warn{background:#fff4e0;border-left:4px solid #e69500;padding:6px 10px}\n"
    ".charts{display:flex;flex-wrap:wrap;gap:12px}\n"
    "figure{margin:8px 0}\n"
    "figcaption{font-size:13px;color:#555;max-width:620px}\n"
    "svg.chart{max-width:100%;height:auto;background:#fff;font-size:11px}\n"
    "svg .plot{fill:#fcfcff;stroke:#889}\n"
    "svg .grid{stroke:#e4e4ec;stroke-width:1}\n"
    "svg .tick,svg .legend,svg .label{fill:#333}\n"
    "svg .brk{fill:#999}\n"
    "svg .grid.minor{stroke:#f0f0f5}\n"
    "svg .tick.minor{fill:#777;font-size:10px}\n"
    "svg .axis{fill:#333;font-size:12px}\n"
    "svg .frontier{fill:none;stroke:#444;stroke-width:1.5;stroke-dasharray:5 3}\n"
    "svg .point{stroke:#fff;stroke-width:1}\n"
    "svg .point.on-frontier{stroke:#222;stroke-width:1.5}\n"
    "svg .point.best{stroke:#000;stroke-width:2.5}\n"
    "svg .label.best{font-weight:bold}\n"
    "svg .leader{stroke:#aaa;stroke-width:.8}\n"
    "svg .series{fill:none;stroke-width:1.6}\n"
    "svg .bound{stroke:#000;stroke-width:2}\n"
    "dl.machine{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;font-size:14px}\n"
    "dl.machine dt{font-weight:600;color:#445}\n"
    "dl.machine dd{margin:0;overflow-wrap:anywhere}\n"
    "dl.machine .group{margin-top:6px}\n"
    "table.machine-summary th{cursor:default;width:7em}\n"
    "table.machine-summary .key{color:#778;font-size:12px;margin-right:.4em}\n"
    "footer{color:#666;font-size:12px;padding-bottom:24px}\n";

/* Sorts a table by the clicked column: numbers by data-v (empty last in
 * both directions), text by its content.  Written without '<' so the page
 * stays well-formed even for strict parsers. */
static const char sort_script[] =
    "(function () {\n"
    "  function key(row, index, numeric) {\n"
    "    var cell = row.cells[index];\n"
    "    if (!cell || cell.colSpan !== 1) return numeric ? NaN : '';\n"
    "    var v = cell.getAttribute('data-v');\n"
    "    if (numeric) return v === null ? NaN : parseFloat(v);\n"
    "    return (v === null ? cell.textContent : v).toLowerCase();\n"
    "  }\n"
    "  function sortBy(table, th, index) {\n"
    "    var numeric = th.getAttribute('data-type') === 'num';\n"
    "    var ascending = th.getAttribute('aria-sort') !== 'ascending';\n"
    "    var body = table.tBodies[0];\n"
    "    var rows = Array.prototype.slice.call(body.rows);\n"
    "    rows.sort(function (a, b) {\n"
    "      var x = key(a, index, numeric), y = key(b, index, numeric);\n"
    "      if (numeric) {\n"
    "        if (isNaN(x) || isNaN(y)) return isNaN(x) - isNaN(y);\n"
    "        return ascending ? x - y : y - x;\n"
    "      }\n"
    "      if (x === y) return 0;\n"
    "      return (x > y) === ascending ? 1 : -1;\n"
    "    });\n"
    "    rows.forEach(function (row) { body.appendChild(row); });\n"
    "    Array.prototype.forEach.call(th.parentNode.cells, function (other) {\n"
    "      other.removeAttribute('aria-sort');\n"
    "    });\n"
    "    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');\n"
    "  }\n"
    "  document.querySelectorAll('table.sortable').forEach(function (table) {\n"
    "    if (!table.tHead) return;\n"
    "    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {\n"
    "      th.addEventListener('click', function () { sortBy(table, th, index); });\n"
    "      th.addEventListener('keydown', function (e) {\n"
    "        if (e.key === 'Enter') sortBy(table, th, index);\n"
    "      });\n"
    "    });\n"
    "  });\n"
    "  document.querySelectorAll('svg.chart').forEach(function (svg) {\n"
    "    svg.setAttribute('data-drawn', svg.querySelector('circle, path, rect') ? '1' : '0');\n"
    "  });\n"
    "})();\n";

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
    put(out, style_sheet);
    put(out, "</style>\n</head>\n<body>\n<header>\n<h1>actbench: activation functions, accuracy "
             "and speed</h1>\n");
    if (cpu != NULL && cpu[0]) {
        put(out, "<p>");
        put_text(out, cpu);
        put(out, "</p>\n");
    }
    put(out, "<nav><a href=\"#machine\">machine</a><a href=\"#summary\">summary</a>");
    for (size_t g = 0; g < r->group_count; g++) {
        put(out, "<a href=\"#act-");
        put_id_part(out, r->groups[g].name);
        put(out, "\">");
        put_text(out, r->groups[g].name);
        put(out, "</a>");
    }
    put(out, "<a href=\"#failures\">failures</a></nav>\n");
    if (!r->has_speed) {
        bool any_speed = false;
        for (size_t row = 0; row < r->accuracy.row_count && !any_speed; row++)
            any_speed = acc_text(r, row, ACC_cycles_per_element)[0] != '\0';
        if (any_speed)
            put(out, "<p class=\"warn\">speed.csv was not found: the cycles per element shown "
                     "are those of accuracy.csv, and there is no per-core speed table.</p>\n");
        else
            put(out, "<p class=\"warn\">speed.csv was not found: speed was not measured in this "
                     "run, so the charts show accuracy only.</p>\n");
    }
    put(out, "</header>\n<main>\n");
}

/* machine.csv states what libcpuid and cpuid disagree on under keys
 * holding "disagreement"; the value "none" says they agree. */
static bool is_disagreement_key(const char *key)
{
    return strstr(key, "disagreement") != NULL;
}

static bool is_real_disagreement(const char *key, const char *value)
{
    return is_disagreement_key(key) && value[0] != '\0' && !equal(value, "none");
}

/* The part of a key before its first '.', to group "cpuid.*", "hwloc.*". */
static size_t key_prefix_length(const char *key)
{
    const char *dot = strchr(key, '.');
    return dot ? (size_t)(dot - key) : strlen(key);
}

/* The entries a reader looks for first, by key prefix.  The keys are
 * harness/machine.c's (libcpuid.brand, hwloc.l2_caches, ...); a key
 * matches a prefix ending in '.' by its start, any other prefix exactly or
 * as the start of the key. */
static const struct {
    const char *label;
    const char *prefixes[6];
} machine_summary[] = {
    {"CPU", {"libcpuid.brand", "libcpuid.codename", "cpu_model", "cpuid.hypervisor_vendor"}},
    {"ISA", {"cpuid.simd_flags"}},
    {"core kinds", {"hwloc.core_kinds", "hwloc.core_kind.", "core_kinds", "hwloc.cores"}},
    {"caches", {"hwloc.l1_caches", "hwloc.l2_caches", "hwloc.l3_caches", "cache_"}},
    {"compiler", {"compiler.version", "compiler.build_flags", "compiler"}},
    {"libraries", {"glibc.", "mpfr.", "sleef.", "libcpuid.version", "hwloc.api_version"}},
    {"clock", {"clock.", "clock", "tsc."}},
};

static void put_machine_summary(FILE *out, const struct report *r)
{
    put(out, "<table class=\"machine-summary\">\n<tbody>\n");
    for (size_t c = 0; c < COUNT_OF(machine_summary); c++) {
        bool any = false;
        for (size_t row = 0; row < r->machine.row_count; row++) {
            const char *key = csv_field(&r->machine, row, r->machine_key);
            if (is_disagreement_key(key))
                continue;
            bool match = false;
            for (size_t p = 0; p < COUNT_OF(machine_summary[c].prefixes) && !match; p++) {
                const char *prefix = machine_summary[c].prefixes[p];
                match = prefix != NULL && strncmp(key, prefix, strlen(prefix)) == 0;
            }
            if (!match)
                continue;
            if (!any) {
                putf(out, "<tr><th>%s</th><td>", machine_summary[c].label);
                any = true;
            } else {
                put(out, "<br>");
            }
            put(out, "<span class=\"key\">");
            put_text(out, key);
            put(out, "</span> ");
            put_text(out, csv_field(&r->machine, row, r->machine_value));
        }
        if (any)
            put(out, "</td></tr>\n");
    }
    put(out, "</tbody></table>\n");
}

static int put_machine_section(FILE *out, const struct report *r)
{
    put(out, "<section id=\"machine\">\n<h2>Machine</h2>\n");
    if (!r->has_machine) {
        put(out, "<p class=\"note\">machine.csv was not found: nothing is known about the machine "
                 "of this run.</p>\n");
    } else {
        size_t disagreements = 0;
        for (size_t row = 0; row < r->machine.row_count; row++)
            disagreements += is_real_disagreement(csv_field(&r->machine, row, r->machine_key),
                                                  csv_field(&r->machine, row, r->machine_value));
        if (disagreements > 0) {
            putf(out, "<div class=\"warn\"><p><strong>libcpuid and cpuid disagree (%zu):</strong> "
                      "what runs is decided by cpuid.</p>\n<ul>\n",
                 disagreements);
            for (size_t row = 0; row < r->machine.row_count; row++) {
                const char *key = csv_field(&r->machine, row, r->machine_key);
                const char *value = csv_field(&r->machine, row, r->machine_value);
                if (!is_real_disagreement(key, value))
                    continue;
                put(out, "<li><strong>");
                put_text(out, key);
                put(out, "</strong>: ");
                put_text(out, value);
                put(out, "</li>\n");
            }
            put(out, "</ul></div>\n");
        } else {
            put(out, "<p class=\"note\">libcpuid and cpuid agree on everything compared.</p>\n");
        }
        put_machine_summary(out, r);
        putf(out, "<details><summary>All %zu entries of machine.csv</summary>\n"
                  "<dl class=\"machine\">\n",
             r->machine.row_count);
        const char *previous = "";
        for (size_t row = 0; row < r->machine.row_count; row++) {
            const char *key = csv_field(&r->machine, row, r->machine_key);
            const char *value = csv_field(&r->machine, row, r->machine_value);
            size_t length = key_prefix_length(key);
            bool new_group = row > 0 && (length != key_prefix_length(previous) ||
                                         strncmp(key, previous, length) != 0);
            put(out, new_group ? "<dt class=\"group\">" : "<dt>");
            put_text(out, key);
            put(out, new_group ? "</dt><dd class=\"group\">" : "</dt><dd>");
            put_text(out, value);
            put(out, "</dd>\n");
            previous = key;
        }
        put(out, "</dl></details>\n");
    }
    if (r->has_speed) {
        put(out, "<h3>Copy kernel: the speed baseline</h3>\n");
        put(out, "<p class=\"note\">Ratios to copy divide an implementation's cycles per element "
                 "by these, at the same mode, size and core.</p>\n");
        if (put_speed_pivot(out, r, NULL) != 0)
            return -1;
    }
    put(out, "</section>\n");
    return 0;
}

static void put_summary_section(FILE *out, const struct report *r)
{
    put(out, "<section id=\"summary\">\n<h2>Summary</h2>\n");
    if (r->group_count == 0) {
        put(out, "<p class=\"note\">accuracy.csv has no rows.</p>\n</section>\n");
        return;
    }
    put(out, "<p class=\"note\">Per activation, in the format charted (f32 when measured): the "
             "implementation with the least max error of the value (ties to the faster), and the "
             "one with the fewest cycles per element.</p>\n");
    put(out, "<div class=\"scroll\"><table class=\"sortable summary\">\n<thead><tr>");
    put_header_cell(out, "activation", "catalog name", false);
    put_header_cell(out, "implementations", "measured / listed (all formats)", true);
    put_header_cell(out, "format", "format of the two comparisons", false);
    put_header_cell(out, "most accurate", "least value_max_ulp", false);
    put_header_cell(out, "max ulp", "its value_max_ulp", true);
    put_header_cell(out, "fastest", "fewest cycles per element", false);
    put_header_cell(out, "cycles/element", "its cycles per element", true);
    put_header_cell(out, "its max ulp", "the fastest one's value_max_ulp", true);
    put_header_cell(out, "rows over bound", "rows with a max ulp above the declared bound", true);
    put_header_cell(out, "failures", "special-value plus property failures, all rows", true);
    put(out, "</tr></thead>\n<tbody>\n");
    for (size_t g = 0; g < r->group_count; g++) {
        const struct activation_group *group = &r->groups[g];
        const char *format = chart_format(r, group);
        size_t measured = 0, over = 0;
        double failures = 0;
        for (size_t i = 0; i < group->row_count; i++) {
            size_t row = group->rows[i];
            if (!row_is_ok(r, row))
                continue;
            measured++;
            double value, bound, count;
            if ((acc_number(r, row, ACC_value_max_ulp, &value) &&
                 acc_number(r, row, ACC_value_bound_ulp, &bound) && value > bound) ||
                (acc_number(r, row, ACC_gradient_max_ulp, &value) &&
                 acc_number(r, row, ACC_gradient_bound_ulp, &bound) && value > bound))
                over++;
            static const enum accuracy_column counts[] = {ACC_value_special_failures,
                                                          ACC_gradient_special_failures,
                                                          ACC_property_failures};
            for (size_t c = 0; c < COUNT_OF(counts); c++)
                if (acc_number(r, row, counts[c], &count))
                    failures += count;
        }
        char text[32];
        put(out, "<tr><td><a href=\"#act-");
        put_id_part(out, group->name);
        put(out, "\">");
        put_text(out, group->name);
        putf(out, "</a></td><td class=\"num\" data-v=\"%zu\">%zu / %zu</td><td>", measured,
             measured, group->row_count);
        put_text(out, format);
        put(out, "</td>");
        size_t best;
        double value;
        if (most_accurate(r, group, format, &best) && acc_number(r, best, ACC_value_max_ulp, &value)) {
            put(out, "<td>");
            put_text(out, acc_text(r, best, ACC_implementation));
            put(out, "</td><td class=\"num\" data-v=\"");
            put_sort_key(out, value);
            putf(out, "\">%s</td>", figure(value, text));
        } else {
            put(out, "<td class=\"note\">none measured</td><td class=\"num\"></td>");
        }
        double cycles, ratio;
        if (fastest(r, group, format, &best) && row_speed(r, best, &cycles, &ratio)) {
            put(out, "<td>");
            put_text(out, acc_text(r, best, ACC_implementation));
            put(out, "</td><td class=\"num\" data-v=\"");
            put_sort_key(out, cycles);
            putf(out, "\">%s</td>", figure(cycles, text));
            put_number_cell(out, r, best, ACC_value_max_ulp, "");
        } else {
            put(out, "<td class=\"note\">speed not measured</td><td class=\"num\"></td>"
                     "<td class=\"num\"></td>");
        }
        putf(out, "<td class=\"num%s\" data-v=\"%zu\">%zu</td>", over ? " over" : "", over, over);
        putf(out, "<td class=\"num%s\" data-v=\"%.0f\">", failures > 0 ? " fail" : "", failures);
        if (failures > 0)
            putf(out, "<a href=\"#failures\">%.0f</a></td></tr>\n", failures);
        else
            put(out, "0</td></tr>\n");
    }
    put(out, "</tbody></table></div>\n</section>\n");
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
    if (group_has_column(r, group, ACC_gelu_distance_max_ulp))
        put(out, "<p class=\"note\">The tanh approximation is measured against itself; the "
                 "distance column says how far each implementation's values are from exact gelu "
                 "(erf form), in ulps of exact gelu.</p>\n");

    bool any_speed = false;
    for (size_t i = 0; i < group->row_count && !any_speed; i++) {
        double cycles, ratio;
        size_t row = group->rows[i];
        any_speed = row_is_ok(r, row) && equal(acc_text(r, row, ACC_format), format) &&
                    row_speed(r, row, &cycles, &ratio);
    }
    put(out, "<div class=\"charts\">\n<figure>\n");
    int result;
    if (any_speed) {
        result = put_pareto_chart(out, r, group, format);
        put(out, "<figcaption>Accuracy against speed, ");
        put_text(out, format);
        put(out, ": one point per implementation, coloured by method; the dashed staircase is "
                 "the Pareto frontier (nothing is both faster and more accurate than a point on "
                 "it); the ringed point is the most accurate.</figcaption>\n");
    } else {
        put(out, "<p class=\"note\">Speed was not measured for this activation: no accuracy "
                 "against speed chart.</p>\n");
        result = put_accuracy_bars(out, r, group, format);
        put(out, "<figcaption>Max error of the value per implementation, ");
        put_text(out, format);
        put(out, "; the black tick is the declared bound.</figcaption>\n");
    }
    put(out, "</figure>\n");
    if (result != 0)
        return -1;
    if (r->has_profile) {
        put(out, "<figure>\n");
        if (put_profile_chart(out, r, group, format) != 0)
            return -1;
        put(out, "<figcaption>Error profile of the value over x, ");
        put_text(out, format);
        put(out, ": the max |error| in each bin.</figcaption>\n</figure>\n");
    }
    put(out, "</div>\n");
    put_worst_case_table(out, r, group);
    if (r->has_speed && put_speed_pivot(out, r, group->name) != 0)
        return -1;
    put(out, "</section>\n");
    return 0;
}

static int put_failures_section(FILE *out, const struct report *r)
{
    put(out, "<section id=\"failures\">\n<h2>Special-value and property failures</h2>\n");
    if (!r->has_failures) {
        put(out, "<p class=\"note\">failures.csv was not found: no failure examples to "
                 "list.</p>\n</section>\n");
        return 0;
    }
    size_t rows = r->failures.row_count;
    if (rows == 0) {
        put(out, "<p>No failures: every implementation passed every special-value and property "
                 "check.</p>\n</section>\n");
        return 0;
    }
    putf(out, "<p class=\"note\">%zu examples in failures.csv; inputs, results and expected values "
              "in C99 hexfloat. At most %d are listed per implementation.</p>\n",
         rows, FAILURES_SHOWN_PER_IMPLEMENTATION);
    /* Groups of (activation, implementation) in the order the file meets
     * them; each group's first row stands for it. */
    size_t *firsts = malloc(rows * sizeof *firsts);
    if (firsts == NULL)
        return -1;
    size_t group_count = 0;
    for (size_t f = 0; f < rows; f++) {
        bool known = false;
        for (size_t g = 0; g < group_count && !known; g++)
            known = equal(csv_field(&r->failures, f, r->fa[FA_activation]),
                          csv_field(&r->failures, firsts[g], r->fa[FA_activation])) &&
                    equal(csv_field(&r->failures, f, r->fa[FA_implementation]),
                          csv_field(&r->failures, firsts[g], r->fa[FA_implementation]));
        if (!known)
            firsts[group_count++] = f;
    }
    for (size_t g = 0; g < group_count; g++) {
        const char *activation = csv_field(&r->failures, firsts[g], r->fa[FA_activation]);
        const char *implementation = csv_field(&r->failures, firsts[g], r->fa[FA_implementation]);
        size_t total = 0;
        for (size_t f = firsts[g]; f < rows; f++)
            total += equal(csv_field(&r->failures, f, r->fa[FA_activation]), activation) &&
                     equal(csv_field(&r->failures, f, r->fa[FA_implementation]), implementation);
        put(out, "<h3 id=\"");
        put_failure_anchor(out, activation, implementation);
        put(out, "\">");
        put_text(out, activation);
        put(out, ": ");
        put_text(out, implementation);
        putf(out, " <small>(%zu)</small></h3>\n", total);
        put(out, "<div class=\"scroll\"><table class=\"sortable failures\">\n<thead><tr>");
        put_header_cell(out, "format", "format of the row", false);
        put_header_cell(out, "category", "the check that failed", false);
        put_header_cell(out, "input", "x (hexfloat)", false);
        put_header_cell(out, "got", "value computed (hexfloat)", false);
        put_header_cell(out, "want", "value expected (hexfloat)", false);
        put_header_cell(out, "detail", "what the check saw", false);
        put(out, "</tr></thead>\n<tbody>\n");
        size_t shown = 0;
        for (size_t f = firsts[g]; f < rows && shown < FAILURES_SHOWN_PER_IMPLEMENTATION; f++) {
            if (!equal(csv_field(&r->failures, f, r->fa[FA_activation]), activation) ||
                !equal(csv_field(&r->failures, f, r->fa[FA_implementation]), implementation))
                continue;
            static const enum failure_column cells[] = {FA_format, FA_category, FA_input,
                                                        FA_got,    FA_want,     FA_detail};
            put(out, "<tr>");
            for (size_t c = 0; c < COUNT_OF(cells); c++) {
                bool hex = cells[c] == FA_input || cells[c] == FA_got || cells[c] == FA_want;
                put(out, hex ? "<td class=\"hex\">" : "<td>");
                put_text(out, csv_field(&r->failures, f, r->fa[cells[c]]));
                put(out, "</td>");
            }
            put(out, "</tr>\n");
            shown++;
        }
        put(out, "</tbody></table></div>\n");
        if (total > shown)
            putf(out, "<p class=\"note\">... and %zu more failures of this implementation in "
                      "failures.csv.</p>\n",
                 total - shown);
    }
    free(firsts);
    put(out, "</section>\n");
    return 0;
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
             "MPFR references.</p>\n</footer>\n<script>\n");
    put(out, sort_script);
    put(out, "</script>\n</body>\n</html>\n");
}

static int put_report(FILE *out, const struct report *r)
{
    put_head(out, r);
    if (put_machine_section(out, r) != 0)
        return -1;
    put_summary_section(out, r);
    for (size_t g = 0; g < r->group_count; g++)
        if (put_activation_section(out, r, &r->groups[g]) != 0)
            return -1;
    if (put_failures_section(out, r) != 0)
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

int html_write_report_info(const char *out_dir, const char *html_name,
                           struct html_report_info *info, char *error, size_t error_size)
{
    double start = now_seconds();
    if (out_dir == NULL || html_name == NULL || html_name[0] == '\0') {
        csv_set_error(error, error_size, "html report: an output folder and a file name are needed");
        return -1;
    }
    /* The temporary file goes beside the report, in out_dir itself. */
    if (strchr(html_name, '/') != NULL) {
        csv_set_error(error, error_size, "html report: '%s' is a path, not a file name in %s",
                  html_name, out_dir);
        return -1;
    }
    char final_path[4096], temporary_path[4096];
    int length = snprintf(final_path, sizeof final_path, "%s/%s", out_dir, html_name);
    int temporary_length =
        snprintf(temporary_path, sizeof temporary_path, "%s/.%s.tmp-XXXXXX", out_dir, html_name);
    if (length < 0 || (size_t)length >= sizeof final_path || temporary_length < 0 ||
        (size_t)temporary_length >= sizeof temporary_path) {
        csv_set_error(error, error_size, "%s: path too long", out_dir);
        return -1;
    }

    struct report report;
    memset(&report, 0, sizeof report);
    report.dir = out_dir;
    if (load_report(&report, error, error_size) != 0) {
        free_report(&report);
        return -1;
    }

    int fd = mkstemp(temporary_path);
    if (fd < 0) {
        csv_set_error(error, error_size, "%s: cannot create a file in the folder: %s", out_dir,
                  strerror(errno));
        free_report(&report);
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
        free_report(&report);
        return -1;
    }
    report.out = out;
    int failed = put_report(out, &report);
    long bytes = ftell(out);
    int write_error = ferror(out) ? errno : 0;
    if (fclose(out) != 0 && write_error == 0)
        write_error = errno ? errno : EIO;
    free_report(&report);
    if (failed != 0) {
        unlink(temporary_path);
        csv_set_error(error, error_size, "%s: out of memory while writing the report", final_path);
        return -1;
    }
    if (write_error != 0) {
        unlink(temporary_path);
        csv_set_error(error, error_size, "%s: write error: %s", temporary_path, strerror(write_error));
        return -1;
    }
    if (rename(temporary_path, final_path) != 0) {
        int saved = errno;
        unlink(temporary_path);
        csv_set_error(error, error_size, "%s: cannot rename the finished report into place: %s",
                  final_path, strerror(saved));
        return -1;
    }
    if (info != NULL) {
        info->bytes = bytes > 0 ? (size_t)bytes : 0;
        info->seconds = now_seconds() - start;
    }
    return 0;
}

int html_write_report(const char *out_dir, const char *html_name, char *error, size_t error_size)
{
    return html_write_report_info(out_dir, html_name, NULL, error, error_size);
}
