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
 * Entries more than 600 below the maximum have E_i in (0, 2^-865], known
 * only as the interval [0, 2^-865] (saturation, as in softmax).  Two kinds
 * of output are a number g of the grid of 2^-149 plus a term of magnitude
 * below 2^-700 whose sign is the same (or which is 0) for every choice of
 * the saturated E_j in (0, 2^-865]: the gradient dx_i = dy_i - p_i D of a
 * saturated entry (g = dy_i, the term's sign that of -D), and every output
 * of a row in which each entry but a is saturated or -inf (T made of
 * saturated terms only): y_i (g = x_i - m, or 0 at a; the term -log1p(T))
 * and dx_a (g = -sum over j != a of dy_j).  Every rounding boundary of
 * every format is a multiple of 2^-150, so none lies strictly between g
 * and g plus such a term: every choice of the saturated E_j gives the same
 * rounding and, to 2^-500 ulp, the same tail.  These outputs therefore take
 * E_j = 2^-866, the interval's midpoint, as exact, which decides them even
 * where g is a rounding boundary (the interval, which reaches 0, never
 * would).
 */
#include <math.h>

#include "reference.h"

#include "drivers.h"
#include "pointwise.h"

/* The catalog (harness/catalog.inc) points to ref_log_softmax. */
ref_function ref_log_softmax;

/* A row being evaluated: its entries, maximum m at a, and the saturation
 * floor (x_i < floor means x_i - m < -600 exactly: floor <= m - 600). */
struct row {
    const float *x;
    size_t length, infinities, a;
    float m;
    double floor;
};

static bool saturated(const struct row *r, size_t i)
{
    return r->infinities == 0 && r->x[i] != -INFINITY && (double)r->x[i] < r->floor;
}

/* x_i - m, where it is finite: 0 for the +inf entries of a row with +inf */
static void shifted(struct level *w, const struct row *r, size_t i, struct bounded *out)
{
    struct bounded *m = &w->tmp[TEMPORARY_COUNT - 1];
    if (r->infinities > 0) {
        bd_set_float(out, 0.0f);
        return;
    }
    bd_set_float(out, r->x[i]);
    bd_set_float(m, r->m);
    bd_sub(out, out, m);
}

/* E_i into w->row_exp and T = sum over j != a of E_j into rest, saturated
 * E_i exact where the head comment allows it */
static void exponentials(struct level *w, const struct row *r, struct bounded *rest)
{
    bool dominated = true; /* T is made of saturated terms only */
    for (size_t i = 0; i < r->length; i++) {
        struct bounded *e = &w->row_exp[i];
        if (r->infinities > 0) {
            bd_set_float(e, r->x[i] == INFINITY ? 1.0f : 0.0f);
        } else if (r->x[i] == -INFINITY) {
            bd_set_float(e, 0.0f);
        } else if (saturated(r, i)) {
            bd_set_interval(e, EXP_SATURATED_BOUND, 1);
            continue;
        } else {
            shifted(w, r, i, e);
            bd_exp(e, e);
        }
        if (i != r->a && !mpfr_zero_p(e->v))
            dominated = false;
    }
    for (size_t i = 0; i < r->length && dominated; i++)
        if (saturated(r, i))
            w->row_exp[i].err = 0.0; /* the interval's midpoint, 2^-866 */
    bd_set_float(rest, 0.0f);
    for (size_t j = 0; j < r->length; j++)
        if (j != r->a)
            bd_add(rest, rest, &w->row_exp[j]);
}

/* dx = dy - p sum dy, p_i = E_i / (1 + T), with 1 - p_a = T / (1 + T) */
static void gradient(struct level *w, const struct row *r, const float *dy,
                     const struct bounded *rest)
{
    struct bounded *sum = &w->tmp[2], *dy_sum = &w->tmp[3], *dy_rest = &w->tmp[4],
                   *q = &w->tmp[5], *t = &w->tmp[6];
    for (size_t i = 0; i < r->length; i++)
        if (saturated(r, i))
            w->row_exp[i].err = 0.0; /* the interval's midpoint, 2^-866 */
    bd_add_si(sum, rest, 1);
    bd_set_float(dy_sum, 0.0f);
    bd_set_float(dy_rest, 0.0f);
    for (size_t j = 0; j < r->length; j++) {
        bd_set_float(t, dy[j]);
        bd_add(dy_sum, dy_sum, t);
        if (j != r->a)
            bd_add(dy_rest, dy_rest, t);
    }
    for (size_t i = 0; i < r->length; i++) {
        struct bounded *d = &w->row_gradient[i];
        if (i == r->a && !mpfr_zero_p(rest->v)) {
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

static void log_softmax_row(struct level *w, const float *x, const float *dy, size_t length,
                            size_t infinities, float m, bool want_gradient)
{
    struct bounded *rest = &w->tmp[0], *lse = &w->tmp[1], *y = &w->tmp[2];
    struct row r = {.x = x, .length = length, .infinities = infinities, .a = 0, .m = m,
                    .floor = nextafter((double)m - (double)EXP_SATURATION, -INFINITY)};
    while (x[r.a] != m)
        r.a++;
    exponentials(w, &r, rest);
    bd_log1p(lse, rest);
    for (size_t i = 0; i < length; i++) {
        if (infinities > 0 ? x[i] != INFINITY : x[i] == -INFINITY) {
            bd_set_float(&w->row_value[i], -INFINITY);
            continue;
        }
        shifted(w, &r, i, y);
        bd_sub(&w->row_value[i], y, lse);
    }
    if (want_gradient)
        gradient(w, &r, dy, rest);
}

void ref_log_softmax(const struct ref_request *request)
{
    run_rows(request, log_softmax_row);
}
