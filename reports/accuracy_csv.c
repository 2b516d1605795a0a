/* accuracy.csv, profile.csv and failures.csv; see accuracy_csv.h. */
#include "accuracy_csv.h"

#include <math.h>
#include <string.h>

#include "../impls/isa.h"
#include "csv_write.h"

const struct accuracy_column_info accuracy_columns[ACCURACY_COLUMN_COUNT] = {
#define COLUMN(nm, un, desc) [COLUMN_##nm] = {#nm, un, desc},
#include "accuracy_columns.inc"
#undef COLUMN
};

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

static void field(enum accuracy_column col, const struct accuracy_row *r,
                  const struct speed_summary *speed, char *buf, size_t size)
{
    const struct implementation *im = r->impl;
    buf[0] = '\0';
    switch (col) {
    case COLUMN_activation: snprintf(buf, size, "%s", activation_catalog[im->activation].name); return;
    case COLUMN_implementation: snprintf(buf, size, "%s", im->name); return;
    case COLUMN_method: snprintf(buf, size, "%s", impl_method_name(im->method)); return;
    case COLUMN_isa: snprintf(buf, size, "%s", isa_table[im->isa].name); return;
    case COLUMN_format: snprintf(buf, size, "%s", format_catalog[r->format].name); return;
    case COLUMN_status: snprintf(buf, size, "%s", r->skipped ? "skipped_isa" : "ok"); return;
    case COLUMN_value_bound_ulp:
        if (!isnan(im->value_bound[r->format]))
            put_ulp(buf, size, im->value_bound[r->format]);
        return;
    case COLUMN_gradient_bound_ulp:
        if (!isnan(im->gradient_bound[r->format]))
            put_ulp(buf, size, im->gradient_bound[r->format]);
        return;
    default: break;
    }
    if (r->skipped)
        return;
    const struct error_stats *v = &r->value, *g = &r->gradient;
    switch (col) {
    case COLUMN_points: put_count(buf, size, r->points); return;
    case COLUMN_value_max_ulp: put_ulp(buf, size, v->max_ulp); return;
    case COLUMN_value_mean_ulp: put_ulp(buf, size, v->count ? v->sum_ulp / (double)v->count : 0); return;
    case COLUMN_value_max_ulp_range10: put_ulp(buf, size, v->max_ulp_range10); return;
    case COLUMN_value_over_half: put_count(buf, size, v->over_half); return;
    case COLUMN_value_over_1: put_count(buf, size, v->over_1); return;
    case COLUMN_value_over_2: put_count(buf, size, v->over_2); return;
    case COLUMN_value_histogram: put_histogram(buf, size, v); return;
    case COLUMN_value_worst_input: if (v->has_worst) put_hex(buf, size, v->worst_input); return;
    case COLUMN_value_worst_got: if (v->has_worst) put_hex(buf, size, v->worst_got); return;
    case COLUMN_value_worst_want: if (v->has_worst) put_hex(buf, size, v->worst_want); return;
    case COLUMN_value_special_failures: put_count(buf, size, v->special_failures); return;
    case COLUMN_gradient_max_ulp: put_ulp(buf, size, g->max_ulp); return;
    case COLUMN_gradient_mean_ulp: put_ulp(buf, size, g->count ? g->sum_ulp / (double)g->count : 0); return;
    case COLUMN_gradient_max_ulp_range10: put_ulp(buf, size, g->max_ulp_range10); return;
    case COLUMN_gradient_over_half: put_count(buf, size, g->over_half); return;
    case COLUMN_gradient_over_1: put_count(buf, size, g->over_1); return;
    case COLUMN_gradient_over_2: put_count(buf, size, g->over_2); return;
    case COLUMN_gradient_histogram: put_histogram(buf, size, g); return;
    case COLUMN_gradient_worst_input: if (g->has_worst) put_hex(buf, size, g->worst_input); return;
    case COLUMN_gradient_worst_got: if (g->has_worst) put_hex(buf, size, g->worst_got); return;
    case COLUMN_gradient_worst_want: if (g->has_worst) put_hex(buf, size, g->worst_want); return;
    case COLUMN_gradient_special_failures: put_count(buf, size, g->special_failures); return;
    case COLUMN_param_gradient_max_ulp:
        if (r->has_param_gradient) put_ulp(buf, size, r->param_gradient.max_ulp);
        return;
    case COLUMN_property_failures: put_count(buf, size, property_failures(r)); return;
    case COLUMN_range_violations: put_property(buf, size, r, FAILURE_RANGE); return;
    case COLUMN_symmetry_violations: put_property(buf, size, r, FAILURE_SYMMETRY); return;
    case COLUMN_monotonicity_violations: put_property(buf, size, r, FAILURE_MONOTONICITY); return;
    case COLUMN_nan_propagation_failures: put_property(buf, size, r, FAILURE_NAN_PROPAGATION); return;
    case COLUMN_overflow_nan_failures: put_property(buf, size, r, FAILURE_OVERFLOW_NAN); return;
    case COLUMN_lane_crosstalk_failures: put_property(buf, size, r, FAILURE_LANE_CROSSTALK); return;
    case COLUMN_tail_failures: put_property(buf, size, r, FAILURE_TAIL); return;
    case COLUMN_inplace_failures: put_property(buf, size, r, FAILURE_INPLACE); return;
    case COLUMN_saturation_x: if (r->has_saturation) put_hex(buf, size, r->saturation_x); return;
    case COLUMN_saturation_x_exact: if (r->has_saturation) put_hex(buf, size, r->saturation_x_exact); return;
    case COLUMN_gradient_death_x: if (r->has_gradient_death) put_hex(buf, size, r->gradient_death_x); return;
    case COLUMN_gradient_death_true: if (r->has_gradient_death) put_hex(buf, size, r->gradient_death_true); return;
    case COLUMN_gelu_distance_max_ulp:
        if (r->has_gelu_distance) put_ulp(buf, size, r->gelu_distance.max_ulp);
        return;
    case COLUMN_gelu_distance_worst_input:
        if (r->has_gelu_distance && r->gelu_distance.has_worst) put_hex(buf, size, r->gelu_distance.worst_input);
        return;
    case COLUMN_reference_unresolved: put_count(buf, size, r->reference_unresolved); return;
    case COLUMN_cycles_per_element:
        if (speed && speed->measured) snprintf(buf, size, "%.4f", speed->cycles_per_element);
        return;
    case COLUMN_ratio_to_copy:
        if (speed && speed->measured) snprintf(buf, size, "%.4f", speed->ratio_to_copy);
        return;
    case COLUMN_speed_spread:
        if (speed && speed->measured) snprintf(buf, size, "%.4f", speed->spread);
        return;
    default: return;
    }
}

int accuracy_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count,
                       const struct speed_summary *speed)
{
    fprintf(f, "# actbench accuracy schema %d\n", ACCURACY_SCHEMA_VERSION);
    for (int c = 0; c < ACCURACY_COLUMN_COUNT; c++)
        fprintf(f, "%s%s", c ? "," : "", accuracy_columns[c].name);
    fputc('\n', f);
    char buf[256];
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

static void profile_rows(FILE *f, const struct accuracy_row *r, const char *quantity,
                         const struct error_profile *p)
{
    const char *act = activation_catalog[r->impl->activation].name;
    for (int b = 0; b < PROFILE_X_BINS; b++) {
        if (!p->count[b])
            continue;
        double lo = PROFILE_X_LO + b * PROFILE_X_WIDTH;
        fprintf(f, "%s,%s,%s,%s,x,%g,%g,%u,%.9g\n", act, r->impl->name,
                format_catalog[r->format].name, quantity, lo, lo + PROFILE_X_WIDTH, p->count[b],
                p->max_ulp[b]);
    }
    for (int b = 0; b < PROFILE_BINADE_BINS; b++) {
        if (!p->binade_count[b])
            continue;
        int sign;
        int e = profile_binade_exponent(b, &sign);
        /* signed binade: -3 stands for -[2^-3, 2^-2); bin_hi is the exponent above */
        fprintf(f, "%s,%s,%s,%s,binade,%d,%d,%u,%.9g\n", act, r->impl->name,
                format_catalog[r->format].name, quantity, sign * e, sign * (e + 1),
                p->binade_count[b], p->binade_max_ulp[b]);
    }
}

int profile_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count)
{
    fprintf(f, "# actbench profile schema %d\n", PROFILE_SCHEMA_VERSION);
    fputs("activation,implementation,format,quantity,axis,bin_lo,bin_hi,count,max_ulp\n", f);
    for (size_t i = 0; i < row_count; i++) {
        if (rows[i].skipped || !rows[i].value_profile)
            continue;
        profile_rows(f, &rows[i], "value", rows[i].value_profile);
        profile_rows(f, &rows[i], "gradient", rows[i].gradient_profile);
    }
    return ferror(f) ? -1 : 0;
}

int failures_csv_write(FILE *f, const struct accuracy_row *rows, size_t row_count)
{
    fprintf(f, "# actbench failures schema %d\n", FAILURES_SCHEMA_VERSION);
    fputs("activation,implementation,format,category,input,got,want,detail\n", f);
    for (size_t i = 0; i < row_count; i++) {
        const struct accuracy_row *r = &rows[i];
        for (int c = 0; c < FAILURE_CATEGORY_COUNT; c++) {
            for (uint32_t k = 0; k < r->example_count[c]; k++) {
                const struct failure_example *ex = &r->examples[c][k];
                fprintf(f, "%s,%s,%s,%s,%a,%a,%a,", activation_catalog[r->impl->activation].name,
                        r->impl->name, format_catalog[r->format].name,
                        failure_category_name((enum failure_category)c), (double)ex->input,
                        (double)ex->got, (double)ex->want);
                if (k + 1 == r->example_count[c] && r->failure_total[c] > r->example_count[c])
                    fprintf(f, "example %u of %llu", k + 1,
                            (unsigned long long)r->failure_total[c]);
                fputc('\n', f);
            }
        }
    }
    return ferror(f) ? -1 : 0;
}
