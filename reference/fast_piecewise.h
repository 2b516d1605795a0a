/*
 * The fast references of the piecewise activations (see fast_reference.h;
 * their MPFR references: reference/ref_piecewise_linear.c,
 * ref_hard_sigmoid.c).  relu, leaky_relu and prelu are exact in double;
 * the hard sigmoids and hardswish are double-doubles whose low part is
 * known within 2^-51 of itself (a sum and a product split exactly by
 * two_sum and an FMA, one division by 5 or 6 with its remainder), exact
 * where they are (err 0 when the remainder is 0).
 */
#ifndef ACTBENCH_FAST_PIECEWISE_H
#define ACTBENCH_FAST_PIECEWISE_H

#include "fast_math.h"

/* a + b = s + e exactly (Knuth's two-sum) */
static inline void fast_two_sum(vf64 a, vf64 b, vf64 *s, vf64 *e)
{
    *s = vf64_add(a, b);
    const vf64 bb = vf64_sub(*s, a);
    *e = vf64_add(vf64_sub(a, vf64_sub(*s, bb)), vf64_sub(b, bb));
}

/* (hi + lo)/k for a small integer k (hi + lo exact), as a double-double:
 * q = hi/k rounded, its remainder hi - q k exact by FMA, and l = (r + lo)/k
 * in two roundings, within 2^-51 |l| (plus 2^-900 should l underflow).
 * The bound scales with l, not with q: where l is tiny (x + 2.5 with
 * |x| < 2^-103) a bound of 2^-104 |q| would hide which side of q the
 * value lies on, and the point would go to MPFR. */
static inline struct fast_dd fast_dd_divide(vf64 hi, vf64 lo, double k)
{
    const vf64 kv = vf64_set1(k);
    const vf64 q = vf64_div(hi, kv);
    const vf64 r = vf64_fmadd(vf64_neg(q), kv, hi); /* hi - q k, exact */
    const vf64 l = vf64_div(vf64_add(r, lo), kv);
    const vf64 zero = vf64_zero();
    const vmask64 exact = vmask64_and(vf64_eq(r, zero), vf64_eq(lo, zero));
    const vf64 err = vf64_add(vf64_mul(vf64_abs(l), vf64_set1(0x1p-51)), vf64_set1(FAST_TINY));
    return fast_dd_make(q, l, vf64_select(exact, zero, err));
}

static inline __attribute__((always_inline)) void
fast_relu_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    (void)want_gradient;
    const vf64 zero = vf64_zero();
    const vmask64 positive = vf64_gt(x, zero);
    *value = fast_dd_exact(vf64_select(positive, x, zero));
    *derivative = fast_dd_exact(vf64_select(positive, vf64_set1(1.0), zero));
}

static inline __attribute__((always_inline)) void
fast_leaky_relu_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                      struct fast_dd *value, struct fast_dd *derivative)
{
    (void)want_gradient;
    const vf64 a = vf64_set1((double)p->alpha);
    const vmask64 positive = vf64_gt(x, vf64_zero());
    *value = fast_dd_exact(vf64_select(positive, x, vf64_mul(a, x)));
    *derivative = fast_dd_exact(vf64_select(positive, vf64_set1(1.0), a));
}

/*
 * clip((x + shift)/k, 0, 1), derivative 1/k strictly between the kinks:
 * x + shift exactly as two doubles, then divided by k.
 */
static inline void fast_hard_sigmoid(vf64 x, double shift, double k, struct fast_dd *value,
                                     struct fast_dd *derivative)
{
    const vf64 zero = vf64_zero(), one = vf64_set1(1.0);
    vf64 s, e;
    fast_two_sum(x, vf64_set1(shift), &s, &e);
    struct fast_dd v = fast_dd_divide(s, e, k);
    const vmask64 low = vf64_le(x, vf64_set1(-shift)), high = vf64_ge(x, vf64_set1(shift));
    v = fast_dd_select(low, fast_dd_exact(zero), v);
    v = fast_dd_select(high, fast_dd_exact(one), v);
    *value = v;
    struct fast_dd d = fast_dd_divide(one, zero, k);
    *derivative = fast_dd_select(vmask64_or(low, high), fast_dd_exact(zero), d);
}

static inline __attribute__((always_inline)) void
fast_hard_sigmoid_keras_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                              struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    (void)want_gradient;
    fast_hard_sigmoid(x, 2.5, 5.0, value, derivative);
}

static inline __attribute__((always_inline)) void
fast_hard_sigmoid_torch_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                              struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    (void)want_gradient;
    fast_hard_sigmoid(x, 3.0, 6.0, value, derivative);
}

/*
 * hardswish: x (x + 3)/6 on [-3, 3] (x + 3 = s + e exactly, x s split by
 * an FMA, x e one more rounding below 2^-53 of it), x above, x * +0 = -0
 * below; derivative (2x + 3)/6 on [-3, 3] (2x + 3 exactly as two
 * doubles), 1 above, 0 below.
 */
static inline __attribute__((always_inline)) void
fast_hardswish_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                     struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    (void)want_gradient;
    const vf64 zero = vf64_zero(), three = vf64_set1(3.0);
    vf64 s, e;
    fast_two_sum(x, three, &s, &e);
    const vf64 ph = vf64_mul(x, s);
    const vf64 pe = vf64_fmsub(x, s, ph);
    const vf64 xe = vf64_mul(x, e);
    struct fast_dd v = fast_dd_divide(ph, vf64_add(pe, xe), 6.0);
    /* the one rounding of pe + x e, then /6 */
    v.err = vf64_add(v.err, vf64_mul(vf64_add(vf64_abs(pe), vf64_abs(xe)), vf64_set1(0x1p-52)));
    const vmask64 below = vf64_lt(x, vf64_set1(-3.0)), above = vf64_gt(x, three);
    v = fast_dd_select(below, fast_dd_exact(vf64_set1(-0.0)), v);
    v = fast_dd_select(above, fast_dd_exact(x), v);
    *value = v;
    vf64 ds, de;
    fast_two_sum(vf64_add(x, x), three, &ds, &de);
    struct fast_dd d = fast_dd_divide(ds, de, 6.0);
    d = fast_dd_select(below, fast_dd_exact(zero), d);
    d = fast_dd_select(above, fast_dd_exact(vf64_set1(1.0)), d);
    *derivative = d;
}

/* prelu: as leaky_relu with the slope of element i's channel, i % C of the
 * request; the parameter gradient x > 0 ? +0 : dy x (exact). */
static inline void fast_prelu_body(const struct fast_request *r)
{
    const struct actbench_params *p = r->params;
    for (size_t i = 0; i < r->n; i++) {
        const double x = r->x[i];
        const double a = p->channels ? p->channel_alpha[i % p->channels] : NAN;
        const double dy = r->dy ? r->dy[i] : 0.0;
        const bool nan = isnan(x);
        if (r->value.hi) {
            r->value.hi[i] = nan ? x : x > 0 ? x : a * x;
            r->value.lo[i] = r->value.err[i] = 0.0;
        }
        if (r->gradient.hi && r->dy) {
            r->gradient.hi[i] = nan ? x : (x > 0 ? 1.0 : a) * dy;
            r->gradient.lo[i] = r->gradient.err[i] = 0.0;
        }
        if (r->dparam.hi && r->dy) {
            r->dparam.hi[i] = nan ? x : x > 0 ? 0.0 : dy * x;
            r->dparam.lo[i] = r->dparam.err[i] = 0.0;
        }
    }
}

#endif
