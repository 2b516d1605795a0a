/*
 * log_softmax over rows: y_i = x_i - log sum_j e^(x_j), gradient
 * dx_i = dy_i - softmax_i(x) sum_j dy_j.  The special rows follow from
 * log_softmax = log(softmax) with softmax's conventions (run_rows makes a
 * row holding a NaN, or only -inf, NaN): +inf entries share softmax's 1,
 * so each of k of them gets -log k (+0 for a single one) and every other
 * entry -inf, with gradient dy_i - sum_j dy_j / k on the +inf entries and
 * dy_i elsewhere; a -inf entry in a finite row gets -inf and dy_i.
 *
 * With m the largest entry, a the first index where it occurs,
 * E_i = e^(x_i - m) (E_a = 1) and T = sum over j != a of E_j:
 *   y_i = (x_i - m) - log1p(T),
 * where both terms are <= 0, so nothing cancels, and log1p keeps the
 * relative accuracy of y_a = -log1p(T) when one entry dominates (T tiny).
 * With S = 1 + T, D = sum_j dy_j and p_i = E_i / S:
 *   dx_i = dy_i - p_i D                  (i != a, p_i <= 1/2),
 *   dx_a = (T/S) D - sum over j != a of dy_j,
 * the second from 1 - p_a = T/S: the form dy_a - p_a D would cancel when
 * p_a is near 1.  (For T = 0 both forms are -sum over j != a of dy_j; the
 * first is used then, for the sign of an exact zero.)
 *
 * Entries 600 below the maximum have E_i in [0, 2^-865] (saturation, as in
 * softmax).  Their gradient dx_i = dy_i - p_i D, and every output of a
 * row in which no other entry but a has E_j > 0 outside saturation (T made
 * of saturated terms only), is a number g on the grid of 2^-149 (x_i - m,
 * dy_i, 0 or -sum of dy_j) moved by a perturbation of known sign and
 * magnitude below 2^-700.  Every rounding boundary of every format is a
 * multiple of 2^-150, so no boundary lies strictly between g and g moved
 * by any such perturbation: the rounding, and the tail to 2^-500 ulp, are
 * the same for every perturbation of that sign and size.  These entries
 * therefore use the interval's midpoint 2^-866 as an exact E_i, which
 * decides them even where g itself is a rounding boundary (where the
 * interval, which reaches 0, never would).
 */
#include <math.h>

#include "activations.h"
#include "drivers.h"
#include "pointwise.h"

static void log_softmax_row(struct level *w, const float *x, const float *dy, size_t row,
                            size_t infinities, float m, bool want_gradient)
{
    struct bounded *rest = &w->tmp[0], *lse = &w->tmp[1], *arg = &w->tmp[2], *t = &w->tmp[3],
                   *sum = &w->tmp[4], *dy_sum = &w->tmp[5], *dy_rest = &w->tmp[6],
                   *q = &w->tmp[7];
    const double exp_floor = nextafter((double)m - (double)EXP_SATURATION, -INFINITY);
    size_t a = 0;
    while (x[a] != m)
        a++;
    /* E_i, and whether T is made of saturated terms only */
    bool dominated = true;
    for (size_t i = 0; i < row; i++) {
        struct bounded *e = &w->row_exp[i];
        if (infinities > 0) {
            bd_set_float(e, x[i] == INFINITY ? 1.0f : 0.0f);
        } else if (x[i] == -INFINITY) {
            bd_set_float(e, 0.0f);
        } else if ((double)x[i] < exp_floor) {
            /* x_i - m < -600 (exactly: exp_floor <= m - 600) */
            bd_set_interval(e, EXP_SATURATED_BOUND, 1);
            continue;
        } else {
            bd_set_float(arg, x[i]);
            bd_set_float(t, m);
            bd_sub(arg, arg, t);
            bd_exp(e, arg);
        }
        if (i != a && !mpfr_zero_p(e->v))
            dominated = false;
    }
    /* saturated E_i: exact 2^-866 where the head comment allows it */
    for (size_t i = 0; i < row && dominated; i++)
        if (infinities == 0 && x[i] != -INFINITY && (double)x[i] < exp_floor)
            w->row_exp[i].err = 0.0;
    bd_set_float(rest, 0.0f);
    for (size_t j = 0; j < row; j++)
        if (j != a)
            bd_add(rest, rest, &w->row_exp[j]);
    bd_log1p(lse, rest);
    for (size_t i = 0; i < row; i++) {
        struct bounded *y = &w->row_value[i];
        if (infinities > 0 ? x[i] != INFINITY : x[i] == -INFINITY) {
            bd_set_float(y, -INFINITY);
            continue;
        }
        if (infinities > 0) {
            bd_set_float(arg, 0.0f);
        } else {
            bd_set_float(arg, x[i]);
            bd_set_float(t, m);
            bd_sub(arg, arg, t);
        }
        bd_sub(y, arg, lse);
    }
    if (!want_gradient)
        return;
    /* the gradient of every saturated entry: exact 2^-866 */
    for (size_t i = 0; i < row; i++)
        if (infinities == 0 && x[i] != -INFINITY && (double)x[i] < exp_floor)
            w->row_exp[i].err = 0.0;
    bd_add_si(sum, rest, 1);
    bd_set_float(dy_sum, 0.0f);
    bd_set_float(dy_rest, 0.0f);
    for (size_t j = 0; j < row; j++) {
        bd_set_float(t, dy[j]);
        bd_add(dy_sum, dy_sum, t);
        if (j != a)
            bd_add(dy_rest, dy_rest, t);
    }
    for (size_t i = 0; i < row; i++) {
        struct bounded *d = &w->row_gradient[i];
        if (i == a && !mpfr_zero_p(rest->v)) {
            bd_div(q, rest, sum);
            bd_mul(q, q, dy_sum);
            bd_sub(d, q, dy_rest);
        } else {
            bd_div(q, &w->row_exp[i], sum);
            bd_mul(q, q, dy_sum);
            bd_set_float(t, dy[i]);
            bd_sub(d, t, q);
        }
    }
}

void ref_log_softmax(const struct ref_request *request)
{
    run_rows(request, log_softmax_row);
}
