/* accuracy.csv, profile.csv and failures.csv; see accuracy_csv.h. */
#include "accuracy_csv.h"

#include <math.h>
#include <string.h>

#include "../harness/bounds.h"
#include "../impls/isa.h"
#include "csv_write.h"

/* Numbers are printed with %a (inputs and results: exact) or %.9g (ulp
 * figures), never through the locale: the C locale is never changed. */
static void put_hex(char *buf, size_t size, float v)
{
    snprintf(buf, size, "%a", (double)v);
}

static void put_ulp(char *buf, size_t size, double v)
{
    snprintf(buf, size, "%.9g", v);
}

static void put_count(char *buf, size_t size, uint64_t v)
{
    snprintf(buf, size, "%llu", (unsigned long long)v);
}

static void put_histogram(char *buf, size_t size, const struct error_stats *s)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < ERROR_HISTOGRAM_BINS && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%llu", i ? ";" : "",
                                 (unsigned long long)s->histogram[i]);
}

static uint64_t property_failures(const struct accuracy_row *r)
{
    uint64_t total = 0;
    for (int c = FAILURE_RANGE; c < FAILURE_CATEGORY_COUNT; c++)
        total += r->failure_total[c];
    return total;
}

/* A property count: measured on f32 rows (range on every row). */
static void put_property(char *buf, size_t size, const struct accuracy_row *r,
                         enum failure_category c)
{
    if (r->properties_checked || c == FAILURE_RANGE)
        put_count(buf, size, r->failure_total[c]);
}

/* The fields every row has, skipped or not.  Returns false for the others. */
static bool identity_field(enum accuracy_column col, const struct accuracy_row *r, char *buf,
                           size_t size)
{
    const struct implementation *im = r->impl;
    switch (col) {
    case ACCURACY_activation:
        snprintf(buf, size, "%s", activation_catalog[im->activation].name);
        return true;
    case ACCURACY_implementation: snprintf(buf, size, "%s", im->name); return true;
    case ACCURACY_method: snprintf(buf, size, "%s", impl_method_name(im->method)); return true;
    case ACCURACY_isa: snprintf(buf, size, "%s", isa_table[im->isa].name); return true;
    case ACCURACY_format: snprintf(buf, size, "%s", format_catalog[r->format].name); return true;
    case ACCURACY_status: snprintf(buf, size, "%s", r->skipped ? impl_skip_status(r->impl) : "ok"); return true;
    case ACCURACY_seed:
        if (r->has_input_identity)
            snprintf(buf, size, "%llu", (unsigned long long)r->seed);
        return true;
    case ACCURACY_input_set:
        if (r->has_input_identity)
            snprintf(buf, size, "%016llx", (unsigned long long)r->input_identity);
        return true;
    case ACCURACY_bound_source: snprintf(buf, size, "%s", bound_source_text(im)); return true;
    case ACCURACY_bound_status:
        snprintf(buf, size, "%s", bound_status_name(bound_check_row(r).status));
        return true;
    case ACCURACY_bounds_exceeded: {
        struct bound_check check = bound_check_row(r);
        snprintf(buf, size, "%s%s%s", check.value_over ? "value" : "",
                 check.value_over && check.gradient_over ? ";" : "",
                 check.gradient_over ? "gradient" : "");
        return true;
    }
    case ACCURACY_value_bound_ulp:
        if (!isnan(im->value_bound[r->format]))
            put_ulp(buf, size, im->value_bound[r->format]);
        return true;
    case ACCURACY_gradient_bound_ulp:
        if (!isnan(im->gradient_bound[r->format]))
            put_ulp(buf, size, im->gradient_bound[r->format]);
        return true;
    default: return false;
    }
}

/* The gradient statistics: empty for an implementation without a
 * gradient, whose statistics would be counts over nothing (its
 * gradient_bound_ulp is empty too). */
static bool gradient_statistic(enum accuracy_column col)
{
    switch (col) {
    case ACCURACY_gradient_max_ulp:
    case ACCURACY_gradient_mean_ulp:
    case ACCURACY_gradient_max_ulp_range10:
    case ACCURACY_gradient_over_half:
    case ACCURACY_gradient_over_1:
    case ACCURACY_gradient_over_2:
    case ACCURACY_gradient_histogram:
    case ACCURACY_gradient_worst_input:
    case ACCURACY_gradient_worst_got:
    case ACCURACY_gradient_worst_want:
    case ACCURACY_gradient_special_failures: return true;
    default: return false;
    }
}

/* The error statistics of the value and the gradient.  Returns false for
 * the other columns. */
static bool error_field(enum accuracy_column col, const struct accuracy_row *r, char *buf,
                        size_t size)
{
    const struct error_stats *v = &r->value, *g = &r->gradient;
    if (gradient_statistic(col) && !impl_has_gradient(r->impl))
        return true;
    switch (col) {
    case ACCURACY_points: put_count(buf, size, r->points); return true;
    case ACCURACY_value_max_ulp: put_ulp(buf, size, v->max_ulp); return true;
    case ACCURACY_value_mean_ulp:
        put_ulp(buf, size, v->count ? v->sum_ulp / (double)v->count : 0);
        return true;
    case ACCURACY_value_max_ulp_range10: put_ulp(buf, size, v->max_ulp_range10); return true;
    case ACCURACY_value_over_half: put_count(buf, size, v->over_half); return true;
    case ACCURACY_value_over_1: put_count(buf, size, v->over_1); return true;
    case ACCURACY_value_over_2: put_count(buf, size, v->over_2); return true;
    case ACCURACY_value_histogram: put_histogram(buf, size, v); return true;
    case ACCURACY_value_worst_input:
        if (v->has_worst) put_hex(buf, size, v->worst_input);
        return true;
    case ACCURACY_value_worst_got: if (v->has_worst) put_hex(buf, size, v->worst_got); return true;
    case ACCURACY_value_worst_want:
        if (v->has_worst) put_hex(buf, size, v->worst_want);
        return true;
    case ACCURACY_value_special_failures: put_count(buf, size, v->special_failures); return true;
    case ACCURACY_gradient_max_ulp: put_ulp(buf, size, g->max_ulp); return true;
    case ACCURACY_gradient_mean_ulp:
        put_ulp(buf, size, g->count ? g->sum_ulp / (double)g->count : 0);
        return true;
    case ACCURACY_gradient_max_ulp_range10: put_ulp(buf, size, g->max_ulp_range10); return true;
    case ACCURACY_gradient_over_half: put_count(buf, size, g->over_half); return true;
    case ACCURACY_gradient_over_1: put_count(buf, size, g->over_1); return true;
    case ACCURACY_gradient_over_2: put_count(buf, size, g->over_2); return true;
    case ACCURACY_gradient_histogram: put_histogram(buf, size, g); return true;
    case ACCURACY_gradient_worst_input:
        if (g->has_worst) put_hex(buf, size, g->worst_input);
        return true;
    case ACCURACY_gradient_worst_got:
        if (g->has_worst) put_hex(buf, size, g->worst_got);
        return true;
    case ACCURACY_gradient_worst_want:
        if (g->has_worst) put_hex(buf, size, g->worst_want);
        return true;
    case ACCURACY_gradient_special_failures: put_count(buf, size, g->special_failures); return true;
    default: return false;
    }
}

/* Properties, thresholds, the activation-specific figures and speed. */
static void other_field(enum accuracy_column col, const struct accuracy_row *r,
                        const struct speed_summary *speed, char *buf, size_t size)
{
    switch (col) {
    case ACCURACY_param_gradient_max_ulp:
        if (r->has_param_gradient) put_ulp(buf, size, r->param_gradient.max_ulp);
        return;
    case ACCURACY_property_failures: put_count(buf, size, property_failures(r)); return;
    case ACCURACY_range_violations: put_property(buf, size, r, FAILURE_RANGE); return;
    case ACCURACY_symmetry_violations: put_property(buf, size, r, FAILURE_SYMMETRY); return;
    case ACCURACY_monotonicity_violations: put_property(buf, size, r, FAILURE_MONOTONICITY); return;
    case ACCURACY_nan_propagation_failures:
        put_property(buf, size, r, FAILURE_NAN_PROPAGATION);
        return;
    case ACCURACY_overflow_nan_failures: put_property(buf, size, r, FAILURE_OVERFLOW_NAN); return;
    case ACCURACY_lane_crosstalk_failures:
        put_property(buf, size, r, FAILURE_LANE_CROSSTALK);
        return;
    case ACCURACY_tail_failures: put_property(buf, size, r, FAILURE_TAIL); return;
    case ACCURACY_inplace_failures: put_property(buf, size, r, FAILURE_INPLACE); return;
    case ACCURACY_saturation_x: if (r->has_saturation) put_hex(buf, size, r->saturation_x); return;
    case ACCURACY_saturation_x_exact:
        if (r->has_saturation) put_hex(buf, size, r->saturation_x_exact);
        return;
    case ACCURACY_gradient_death_x:
        if (r->has_gradient_death) put_hex(buf, size, r->gradient_death_x);
        return;
    case ACCURACY_gradient_death_true:
        if (r->has_gradient_death) put_hex(buf, size, r->gradient_death_true);
        return;
    case ACCURACY_gelu_distance_max_ulp:
        if (r->has_gelu_distance) put_ulp(buf, size, r->gelu_distance.max_ulp);
        return;
    case ACCURACY_gelu_distance_worst_input:
        if (r->has_gelu_distance && r->gelu_distance.has_worst)
            put_hex(buf, size, r->gelu_distance.worst_input);
        return;
    case ACCURACY_gelu_distance_over_half:
        if (r->has_gelu_distance) put_count(buf, size, r->gelu_distance.over_half);
        return;
    case ACCURACY_approximation_differs:
        if (r->has_gelu_distance) put_count(buf, size, r->approximation.over_half);
        return;
    case ACCURACY_approximation_max_ulp:
        if (r->has_gelu_distance) put_ulp(buf, size, r->approximation.max_ulp);
        return;
    case ACCURACY_approximation_worst_input:
        if (r->has_gelu_distance && r->approximation.has_worst)
            put_hex(buf, size, r->approximation.worst_input);
        return;
    case ACCURACY_reference_unresolved: put_count(buf, size, r->reference_unresolved); return;
    case ACCURACY_cycles_per_element:
        if (speed && speed->measured) snprintf(buf, size, "%.4f", speed->cycles_per_element);
        return;
    case ACCURACY_ratio_to_copy:
        if (speed && speed->measured) snprintf(buf, size, "%.4f", speed->ratio_to_copy);
        return;
    case ACCURACY_speed_spread:
        if (speed && speed->measured) snprintf(buf, size, "%.4f", speed->spread);
        return;
    default: return;
    }
}

/* A skipped row has its identity only. */
static void field(enum accuracy_column col, const struct accuracy_row *r,
                  const struct speed_summary *speed, char *buf, size_t size)
{
    buf[0] = '\0';
    if (identity_field(col, r, buf, size) || r->skipped || error_field(col, r, buf, size))
        return;
    other_field(col, r, speed, buf, size);
}

int accuracy_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count,
                       const struct speed_summary *speed)
{
    csv_write_header(f, &accuracy_schema);
    char buf[512];
    for (size_t i = 0; i < row_count; i++) {
        for (int c = 0; c < ACCURACY_COLUMN_COUNT; c++) {
            if (c)
                fputc(',', f);
            field((enum accuracy_column)c, &rows[i], speed ? &speed[i] : NULL, buf, sizeof buf);
            csv_write_field(f, buf);
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

/* One line of profile.csv: a bin of one quantity of one row. */
struct profile_line {
    const struct accuracy_row *row;
    const char *quantity, *axis;
    char bin_lo[32], bin_hi[32];
    uint32_t count;
    double max_ulp;
};

static const char *profile_field(enum profile_column col, const struct profile_line *line,
                                 char *buf, size_t size)
{
    switch (col) {
    case PROFILE_activation: return activation_catalog[line->row->impl->activation].name;
    case PROFILE_implementation: return line->row->impl->name;
    case PROFILE_format: return format_catalog[line->row->format].name;
    case PROFILE_quantity: return line->quantity;
    case PROFILE_axis: return line->axis;
    case PROFILE_bin_lo: return line->bin_lo;
    case PROFILE_bin_hi: return line->bin_hi;
    case PROFILE_count: snprintf(buf, size, "%u", line->count); return buf;
    case PROFILE_max_ulp: put_ulp(buf, size, line->max_ulp); return buf;
    case PROFILE_COLUMN_COUNT: break;
    }
    return NULL;
}

static void write_profile_line(FILE *f, const struct profile_line *line)
{
    char buf[64];
    for (int c = 0; c < PROFILE_COLUMN_COUNT; c++) {
        if (c)
            fputc(',', f);
        csv_write_field(f, profile_field((enum profile_column)c, line, buf, sizeof buf));
    }
    fputc('\n', f);
}

static void profile_rows(FILE *f, const struct accuracy_row *r, const char *quantity,
                         const struct error_profile *p)
{
    struct profile_line line = {.row = r, .quantity = quantity, .axis = "x"};
    for (int b = 0; b < PROFILE_X_BINS; b++) {
        if (!p->count[b])
            continue;
        double lo = PROFILE_X_LO + b * PROFILE_X_WIDTH;
        snprintf(line.bin_lo, sizeof line.bin_lo, "%g", lo);
        snprintf(line.bin_hi, sizeof line.bin_hi, "%g", lo + PROFILE_X_WIDTH);
        line.count = p->count[b];
        line.max_ulp = p->max_ulp[b];
        write_profile_line(f, &line);
    }
    /* 16-bit formats: over x only (their binades would add thousands of
     * rows per implementation that say what the x bins say) */
    if (r->format != FMT_F32)
        return;
    line.axis = "binade";
    for (int b = 0; b < PROFILE_BINADE_BINS; b++) {
        if (!p->binade_count[b])
            continue;
        int sign;
        int e = profile_binade_exponent(b, &sign);
        /* signed binade: -3 stands for -[2^-3, 2^-2); bin_hi is the exponent above */
        snprintf(line.bin_lo, sizeof line.bin_lo, "%d", sign * e);
        snprintf(line.bin_hi, sizeof line.bin_hi, "%d", sign * (e + 1));
        line.count = p->binade_count[b];
        line.max_ulp = p->binade_max_ulp[b];
        write_profile_line(f, &line);
    }
}

int profile_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count)
{
    csv_write_header(f, &profile_schema);
    for (size_t i = 0; i < row_count; i++) {
        if (rows[i].skipped || !rows[i].value_profile)
            continue;
        profile_rows(f, &rows[i], "value", rows[i].value_profile);
        profile_rows(f, &rows[i], "gradient", rows[i].gradient_profile);
    }
    return ferror(f) ? -1 : 0;
}

/* One line of failures.csv: the index-th example of a category of a row. */
struct failure_line {
    const struct accuracy_row *row;
    enum failure_category category;
    uint32_t index;
};

static const char *failure_field(enum failures_column col, const struct failure_line *line,
                                 char *buf, size_t size)
{
    const struct accuracy_row *r = line->row;
    const struct failure_example *ex = &r->examples[line->category][line->index];
    uint32_t kept = r->example_count[line->category];
    uint64_t total = r->failure_total[line->category];
    switch (col) {
    case FAILURES_activation: return activation_catalog[r->impl->activation].name;
    case FAILURES_implementation: return r->impl->name;
    case FAILURES_format: return format_catalog[r->format].name;
    case FAILURES_category: return failure_category_name(line->category);
    case FAILURES_input: put_hex(buf, size, ex->input); return buf;
    case FAILURES_got: put_hex(buf, size, ex->got); return buf;
    case FAILURES_want: put_hex(buf, size, ex->want); return buf;
    case FAILURES_detail:
        /* the last example kept says how many there were */
        if (line->index + 1 != kept || total <= kept)
            return NULL;
        snprintf(buf, size, "example %u of %llu", line->index + 1, (unsigned long long)total);
        return buf;
    case FAILURES_COLUMN_COUNT: break;
    }
    return NULL;
}

int failures_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count)
{
    csv_write_header(f, &failures_schema);
    char buf[64];
    for (size_t i = 0; i < row_count; i++)
        for (int c = 0; c < FAILURE_CATEGORY_COUNT; c++)
            for (uint32_t k = 0; k < rows[i].example_count[c]; k++) {
                struct failure_line line = {&rows[i], (enum failure_category)c, k};
                for (int col = 0; col < FAILURES_COLUMN_COUNT; col++) {
                    if (col)
                        fputc(',', f);
                    csv_write_field(f, failure_field((enum failures_column)col, &line, buf,
                                                     sizeof buf));
                }
                fputc('\n', f);
            }
    return ferror(f) ? -1 : 0;
}
