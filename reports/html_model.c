/* Questions the charts, tables and sections ask of the report's model
 * (html_model.h). */
#include <math.h>

#include "html_model.h"

const char *chart_format(const struct report *r, const struct activation_group *group)
{
    const char *first_ok = NULL;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        if (!row_is_ok(r, row))
            continue;
        if (same_text(acc_text(r, row, ACCURACY_format), "f32"))
            return "f32";
        if (first_ok == NULL)
            first_ok = acc_text(r, row, ACCURACY_format);
    }
    return first_ok ? first_ok : "f32";
}

/* The speed.csv row stands for the same measurement as accuracy.csv's
 * columns: L1-resident, throughput, first measured core. */
bool row_speed(const struct report *r, size_t row, double *cycles, double *ratio)
{
    *ratio = NAN;
    if (acc_number(r, row, ACCURACY_cycles_per_element, cycles)) {
        if (!acc_number(r, row, ACCURACY_ratio_to_copy, ratio))
            *ratio = NAN;
        return true;
    }
    if (!r->has_speed)
        return false;
    /* A row measured unpinned ("not_pinned") still has figures; an "ok"
     * row is preferred when there is one. */
    const char *implementation = acc_text(r, row, ACCURACY_implementation);
    for (int pass = 0; pass < 2; pass++)
        for (size_t s = 0; s < r->speed.row_count; s++) {
            if (!same_text(speed_text(r, s, SPEED_implementation), implementation) ||
                !same_text(speed_text(r, s, SPEED_mode), "throughput") ||
                !same_text(speed_text(r, s, SPEED_size_label), "L1") ||
                (pass == 0 && !same_text(speed_text(r, s, SPEED_status), "ok")))
                continue;
            if (!speed_number(r, s, SPEED_cpe_median, cycles))
                continue;
            if (!speed_number(r, s, SPEED_ratio_to_copy, ratio))
                *ratio = NAN;
            return true;
        }
    return false;
}

bool most_accurate(const struct report *r, const struct activation_group *group,
                   const char *format, size_t *best_row)
{
    bool found = false;
    double best_ulp = 0, best_cycles = INFINITY;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        double ulp, cycles, ratio;
        if (!row_is_ok(r, row) || !same_text(acc_text(r, row, ACCURACY_format), format) ||
            !acc_number(r, row, ACCURACY_value_max_ulp, &ulp))
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

bool fastest(const struct report *r, const struct activation_group *group, const char *format,
             size_t *best_row)
{
    bool found = false;
    double best_cycles = INFINITY;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        double cycles, ratio;
        if (!row_is_ok(r, row) || !same_text(acc_text(r, row, ACCURACY_format), format) ||
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

bool group_has_column(const struct report *r, const struct activation_group *group,
                      enum accuracy_column col)
{
    for (size_t i = 0; i < group->row_count; i++)
        if (acc_text(r, group->rows[i], col)[0] != '\0')
            return true;
    return false;
}

bool has_failure_examples(const struct report *r, const char *activation,
                          const char *implementation)
{
    if (!r->has_failures)
        return false;
    for (size_t f = 0; f < r->failures.row_count; f++)
        if (same_text(failure_text(r, f, FAILURES_implementation), implementation) &&
            same_text(failure_text(r, f, FAILURES_activation), activation))
            return true;
    return false;
}

const char *machine_value(const struct report *r, const char *const *keys, size_t count)
{
    if (!r->has_machine)
        return NULL;
    for (size_t k = 0; k < count; k++)
        for (size_t row = 0; row < r->machine.row_count; row++)
            if (same_text(machine_key_at(r, row), keys[k]))
                return machine_value_at(r, row);
    return NULL;
}
