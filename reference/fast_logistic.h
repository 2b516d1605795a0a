/*
 * The fast references of the logistic family (see fast_reference.h):
 * sigmoid, silu = x sigmoid(x) and softplus, whose derivative is sigmoid,
 * all from E = exp(-t), t = |x|, relative error eps (the argument is exact)
 * and Q = 1 + E:
 *   sigmoid = 1/Q = 1 - E/Q for x >= 0, E/Q for x < 0, sigmoid' = E/Q^2;
 *   near 0 (t < 2^-4) sigmoid = 1/2 + tanh(x/2)/2 and sigmoid' =
 *   (1 - tanh^2(x/2))/4, with tanh by its series (fast_tanh.h): hi = 1/2 or
 *   1/4 and the small remainder exact to 2^-47 of itself;
 *   past t = 617, E < 2^-890 keeps only its sign (FAST_SATURATED).
 * Each quotient or product of these adds a rounding or two, each bound
 * below counts them with room (2^-50 for three, 2^-49 for six).
 */
#ifndef ACTBENCH_FAST_LOGISTIC_H
#define ACTBENCH_FAST_LOGISTIC_H

#include "fast_tanh.h"

#define FAST_LOGISTIC_SMALL 0x1p-4

/* tanh(u) for |u| < 2^-4 from its series: u + u^3 P(u^2) within 2^-47 of
 * the remainder; returned as one double (relative 2^-52 besides). */
static inline vf64 fast_tanh_small(vf64 u)
{
    const vf64 s = vf64_mul(u, u);
    return vf64_add(u, vf64_mul(vf64_mul(u, s), fast_tanh_series(s)));
}

/* What sigmoid, silu and softplus share at one vector of x. */
struct fast_logistic {
    vf64 t, e, q;       /* |x|, E = exp(-t) (0 past saturation), 1 + E */
    vmask64 small, negative, saturated, finite_mid;
    vf64 th;            /* tanh(x/2) where small */
};

static inline struct fast_logistic fast_logistic_at(vf64 x)
{
    struct fast_logistic l;
    l.t = vf64_abs(x);
    l.small = vf64_lt(l.t, vf64_set1(FAST_LOGISTIC_SMALL));
    l.negative = vf64_signbit(x);
    l.saturated = vf64_gt(l.t, vf64_set1(FAST_EXP_SATURATION));
    l.finite_mid = vmask64_andnot(vmask64_andnot(vf64_eq(l.t, l.t), l.small), l.saturated);
    l.e = vf64_zero();
    if (vmask64_any(l.finite_mid))
        l.e = vf64_select(l.finite_mid, vf64_exp(vf64_neg(l.t)), vf64_zero());
    l.q = vf64_add(vf64_set1(1.0), l.e);
    l.th = vf64_zero();
    if (vmask64_any(l.small))
        l.th = fast_tanh_small(vf64_mul(x, vf64_set1(0.5)));
    return l;
}

/* sigmoid(x) */
static inline struct fast_dd fast_sigmoid_value(const struct fast_logistic *l)
{
    const vf64 zero = vf64_zero(), one = vf64_set1(1.0), tiny = vf64_set1(FAST_TINY);
    const vf64 r = vf64_div(l->e, l->q); /* E/Q */
    const vf64 r_err = vf64_add(vf64_mul(r, vf64_set1(FAST_EPS + 0x1p-51)), tiny);
    /* x > 0: 1 - E/Q; x < 0: E/Q */
    struct fast_dd pos = fast_dd_make(one, vf64_neg(r), r_err);
    const vf64 sat = vf64_set1(FAST_SATURATED);
    pos = fast_dd_select(l->saturated, fast_dd_make(one, vf64_neg(sat), sat), pos);
    struct fast_dd neg = fast_dd_make(r, zero, r_err);
    neg = fast_dd_select(l->saturated, fast_dd_make(zero, zero, vf64_add(sat, sat)), neg);
    struct fast_dd v = fast_dd_select(l->negative, neg, pos);
    /* near 0: 1/2 + tanh(x/2)/2 */
    const vf64 lo = vf64_mul(l->th, vf64_set1(0.5));
    struct fast_dd small = fast_dd_make(vf64_set1(0.5), lo, vf64_mul(vf64_abs(lo), vf64_set1(0x1p-46)));
    v = fast_dd_select(l->small, small, v);
    /* the limits: 1 and +0 exactly */
    const vmask64 inf = vf64_eq(l->t, vf64_set1(INFINITY));
    v = fast_dd_select(inf, fast_dd_exact(vf64_select(l->negative, zero, one)), v);
    return v;
}

/* sigmoid'(x) = E/Q^2 */
static inline struct fast_dd fast_sigmoid_derivative(const struct fast_logistic *l)
{
    const vf64 g = vf64_div(l->e, vf64_mul(l->q, l->q));
    struct fast_dd d = fast_dd_relative(g, FAST_EPS + 0x1p-50);
    d = fast_dd_select(l->saturated, fast_dd_make(vf64_zero(), vf64_zero(), vf64_set1(2 * FAST_SATURATED)), d);
    const vf64 th2 = vf64_mul(l->th, l->th);
    const vf64 lo = vf64_mul(th2, vf64_set1(-0.25));
    struct fast_dd small = fast_dd_make(vf64_set1(0.25), lo, vf64_mul(vf64_abs(lo), vf64_set1(0x1p-45)));
    d = fast_dd_select(l->small, small, d);
    return fast_dd_select(vf64_eq(l->t, vf64_set1(INFINITY)), fast_dd_exact(vf64_zero()), d);
}

static inline __attribute__((always_inline)) void
fast_sigmoid_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                   struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    const struct fast_logistic l = fast_logistic_at(x);
    *value = fast_sigmoid_value(&l);
    *derivative = want_gradient ? fast_sigmoid_derivative(&l) : fast_dd_exact(vf64_zero());
}

/*
 * silu = x sigmoid(x): near 0 x/2 + x tanh(x/2)/2 (hi = x/2 exact); above
 * x - x E/Q; below x E/Q.  silu' = sigmoid + x sigmoid (1 - sigmoid):
 * near 0 1/2 + (tanh(x/2)/2 + x (1 - tanh^2)/4), both terms of x's sign;
 * above 1 + (E/Q^2)(x - 1 - E); below (E/Q^2)(1 + x + E), which cancels
 * at the derivative's zero x = -1.2785 (an absolute bound there: MPFR
 * takes the points it cannot decide).  The limits at +-inf are +inf and
 * -0, 1 and -0, exact.
 */
static inline __attribute__((always_inline)) void
fast_silu_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    const struct fast_logistic l = fast_logistic_at(x);
    const vf64 zero = vf64_zero(), one = vf64_set1(1.0), tiny = vf64_set1(FAST_TINY);
    const vf64 r = vf64_div(l.e, l.q);
    const vf64 xr = vf64_mul(x, r);
    const vf64 xr_err = vf64_add(vf64_mul(vf64_abs(xr), vf64_set1(FAST_EPS + 0x1p-50)), tiny);
    /* x > 0: x - xE/Q (past saturation xE/Q < x 2^-890) */
    struct fast_dd pos = fast_dd_make(x, vf64_neg(xr), xr_err);
    const vf64 bound = vf64_mul(x, vf64_set1(FAST_SATURATED));
    pos = fast_dd_select(l.saturated, fast_dd_make(x, vf64_neg(bound), bound), pos);
    struct fast_dd neg = fast_dd_make(xr, zero, xr_err);
    neg = fast_dd_select(l.saturated, fast_dd_make(vf64_mul(x, zero), zero,
                                                   vf64_mul(vf64_abs(x), vf64_set1(2 * FAST_SATURATED))), neg);
    struct fast_dd v = fast_dd_select(l.negative, neg, pos);
    const vf64 half_x = vf64_mul(x, vf64_set1(0.5));
    const vf64 lo = vf64_mul(half_x, l.th);
    v = fast_dd_select(l.small, fast_dd_make(half_x, lo, vf64_mul(vf64_abs(lo), vf64_set1(0x1p-46))), v);
    const vmask64 inf = vf64_eq(l.t, vf64_set1(INFINITY));
    v = fast_dd_select(inf, fast_dd_exact(vf64_select(l.negative, vf64_set1(-0.0), x)), v);
    *value = v;
    if (!want_gradient) {
        *derivative = fast_dd_exact(zero);
        return;
    }
    const vf64 w = vf64_div(l.e, vf64_mul(l.q, l.q)); /* E/Q^2 */
    const vf64 w_rel = vf64_set1(FAST_EPS + 0x1p-49);
    /* above: 1 + w (x - 1 - E) */
    const vf64 a = vf64_sub(vf64_sub(x, one), l.e);
    const vf64 a_mag = vf64_add(vf64_abs(vf64_sub(x, one)), l.e);
    const vf64 lo_pos = vf64_mul(w, a);
    struct fast_dd dpos = fast_dd_make(one, lo_pos, vf64_add(vf64_mul(vf64_mul(w, a_mag), w_rel), tiny));
    const vf64 sat_bound = vf64_mul(x, vf64_set1(FAST_SATURATED));
    dpos = fast_dd_select(l.saturated, fast_dd_make(one, sat_bound, sat_bound), dpos);
    /* below: w (1 + x + E) */
    const vf64 b = vf64_add(vf64_add(one, x), l.e);
    const vf64 b_mag = vf64_add(vf64_add(one, vf64_abs(x)), l.e);
    struct fast_dd dneg = fast_dd_make(vf64_mul(w, b), zero,
                                       vf64_add(vf64_mul(vf64_mul(w, b_mag), w_rel), tiny));
    dneg = fast_dd_select(l.saturated,
                          fast_dd_make(vf64_set1(-0.0), zero,
                                       vf64_mul(vf64_abs(x), vf64_set1(2 * FAST_SATURATED))),
                          dneg);
    struct fast_dd d = fast_dd_select(l.negative, dneg, dpos);
    /* near 0: 1/2 + tanh(x/2)/2 + x (1 - tanh^2(x/2))/4 */
    const vf64 th2 = vf64_mul(l.th, l.th);
    const vf64 lo_small = vf64_add(vf64_mul(l.th, vf64_set1(0.5)),
                                   vf64_mul(vf64_mul(x, vf64_sub(one, th2)), vf64_set1(0.25)));
    d = fast_dd_select(l.small, fast_dd_make(vf64_set1(0.5), lo_small,
                                             vf64_mul(vf64_abs(lo_small), vf64_set1(0x1p-45))), d);
    d = fast_dd_select(inf, fast_dd_exact(vf64_select(l.negative, vf64_set1(-0.0), one)), d);
    *derivative = d;
}

/*
 * softplus = max(x, 0) + log1p(E): above hi = x, lo = log1p(E) (relative
 * 2 eps + u: an error d of E moves log1p by E d/(1 + E) <= log1p(E) d);
 * below log1p(E); near 0 (|x| < 2^-4) ln 2 + its Taylor series, ln 2 in
 * two parts (hi has 11 trailing zero bits), so the values next to ln 2
 * keep the differences between them.  Past saturation log1p(E) < 2^-1010 keeps its sign.
 * softplus' = sigmoid.  The limits: +inf and +0, 1 and +0, exact.
 */
static inline __attribute__((always_inline)) void
fast_softplus_point(vf64 x, const struct actbench_params *p, bool want_gradient,
                    struct fast_dd *value, struct fast_dd *derivative)
{
    (void)p;
    struct fast_logistic l = fast_logistic_at(x);
    const vf64 zero = vf64_zero(), tiny = vf64_set1(FAST_TINY);
    /* softplus needs E near 0 as well: log1p(E) is not a small remainder */
    if (vmask64_any(l.small)) {
        const vmask64 mid = vmask64_andnot(vf64_eq(l.t, l.t), l.saturated);
        l.e = vf64_select(mid, vf64_exp(vf64_neg(l.t)), zero);
        l.q = vf64_add(vf64_set1(1.0), l.e);
    }
    const vf64 lp = vf64_log1p(l.e);
    const vf64 lp_err = vf64_add(vf64_mul(lp, vf64_set1(2 * FAST_EPS + 0x1p-51)), tiny);
    struct fast_dd pos = fast_dd_make(x, lp, lp_err);
    const vf64 sat = vf64_set1(FAST_SATURATED);
    pos = fast_dd_select(l.saturated, fast_dd_make(x, sat, sat), pos);
    struct fast_dd neg = fast_dd_make(lp, zero, lp_err);
    neg = fast_dd_select(l.saturated, fast_dd_make(zero, zero, vf64_add(sat, sat)), neg);
    struct fast_dd v = fast_dd_select(l.negative, neg, pos);
    if (vmask64_any(l.small)) {
        /* near 0: ln 2 + x/2 + x^2 (1/8 - x^2/192 + x^4/2880 - 17 x^6/645120
         * + 31 x^8/14515200) (the next term is below 2^-60 of the value),
         * with ln 2 split: the value sits next to ln 2 */
        const vf64 s = vf64_mul(x, x);
        vf64 q = vf64_set1(31.0 / 14515200.0);
        q = vf64_fmadd(q, s, vf64_set1(-17.0 / 645120.0));
        q = vf64_fmadd(q, s, vf64_set1(1.0 / 2880.0));
        q = vf64_fmadd(q, s, vf64_set1(-1.0 / 192.0));
        q = vf64_fmadd(q, s, vf64_set1(1.0 / 8.0));
        const vf64 poly = vf64_mul(s, q);
        const vf64 lo = vf64_add(vf64_add(vf64_set1(0x1.ef35793c7673p-45), vf64_mul(x, vf64_set1(0.5))), poly);
        const vf64 err = vf64_add(vf64_mul(vf64_abs(poly), vf64_set1(0x1p-47)),
                                  vf64_mul(vf64_abs(lo), vf64_set1(0x1p-51)));
        v = fast_dd_select(l.small, fast_dd_make(vf64_set1(0x1.62e42fefa3800p-1), lo, err), v);
    }
    const vmask64 inf = vf64_eq(l.t, vf64_set1(INFINITY));
    v = fast_dd_select(inf, fast_dd_exact(vf64_select(l.negative, zero, x)), v);
    *value = v;
    /* sigmoid with the small-x series where it applies */
    if (want_gradient) {
        *derivative = fast_sigmoid_value(&l);
    } else {
        *derivative = fast_dd_exact(zero);
    }
}

#endif
