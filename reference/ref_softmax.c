/* softmax over rows; see softmax_row. */
#include <math.h>

#include "reference.h"

#include "drivers.h"
#include "pointwise.h"

/* The catalog (harness/catalog.inc) points to ref_softmax. */
ref_function ref_softmax;

/*
 * One softmax row at one precision: y_i = E_i / sum_j E_j with E_i =
 * exp(x_i - m), m the largest entry; for a row with +inf entries E_i = 1 on
 * them and 0 elsewhere (they share 1); -inf entries have E_i = 0.  Then
 * dx_i = y_i (dy_i - s), s = sum_j dy_j y_j.  When the computed dy_i - s
 * cannot be told from 0 it is recomputed as sum_j (dy_i - dy_j) y_j, which
 * is exactly 0 when the dy the row weighs are all equal.
 */
static void softmax_row(struct level *w, const float *x, const float *dy, size_t row,
                        size_t infinities, float m, bool want_gradient)
{
    struct bounded *sum = &w->tmp[0], *arg = &w->tmp[1], *s = &w->tmp[2], *t = &w->tmp[3],
                   *dyb = &w->tmp[4];
    const double exp_floor = nextafter((double)m - (double)EXP_SATURATION, -INFINITY);
    for (size_t i = 0; i < row; i++) {
        struct bounded *e = &w->row_exp[i];
        if (infinities > 0) {
            bd_set_float(e, x[i] == INFINITY ? 1.0f : 0.0f);
        } else if (x[i] == -INFINITY) {
            bd_set_float(e, 0.0f);
        } else if ((double)x[i] < exp_floor) {
            /* x_i - m < -600 (exactly: exp_floor <= m - 600) */
            bd_set_interval(e, EXP_SATURATED_BOUND, 1);
        } else {
            bd_set_float(arg, x[i]);
            bd_set_float(t, m);
            bd_sub(arg, arg, t);
            bd_exp(e, arg);
        }
        if (i == 0)
            bd_copy(sum, e);
        else
            bd_add(sum, sum, e);
    }
    for (size_t i = 0; i < row; i++)
        bd_div(&w->row_value[i], &w->row_exp[i], sum);
    if (!want_gradient)
        return;
    for (size_t j = 0; j < row; j++) {
        bd_set_float(dyb, dy[j]);
        bd_mul(t, dyb, &w->row_value[j]);
        if (j == 0)
            bd_copy(s, t);
        else
            bd_add(s, s, t);
    }
    for (size_t i = 0; i < row; i++) {
        struct bounded *d = &w->row_gradient[i];
        bd_set_float(dyb, dy[i]);
        bd_sub(d, dyb, s);
        if (!(bd_magnitude_below(d->v) > d->err)) {
            for (size_t j = 0; j < row; j++) {
                bd_set_float(t, dy[i]);
                bd_set_float(dyb, dy[j]);
                bd_sub(t, t, dyb);
                bd_mul(t, t, &w->row_value[j]);
                if (j == 0)
                    bd_copy(d, t);
                else
                    bd_add(d, d, t);
            }
        }
        bd_mul(d, &w->row_value[i], d);
    }
}

void ref_softmax(const struct ref_request *request)
{
    run_rows(request, softmax_row);
}
