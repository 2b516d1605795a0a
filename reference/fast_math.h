/*
 * What the fast references share, over the f64 vector layer (include one
 * ISA's fast_f64_<isa>.h first): the elementwise loop, double-double
 * products, the upstream gradient and error bounds.  Internal to
 * reference/.
 *
 * Bounds: u = 2^-53 is the unit roundoff; a bound written c u |r| with a
 * small integer c for a chain of c roundings is rounded up to a power of
 * two with room to spare (a bound computed in double is itself off by a
 * relative 2^-52 at most, far inside the margin), and FAST_TINY = 2^-900
 * covers a result near or in double's subnormal range: far below every
 * f32 rounding boundary, and large enough that no product of it with a
 * tail or a scale of 2^-53 becomes subnormal (subnormal operands cost
 * microcode assists).  Each call of exp,
 * expm1, log1p, erf or erfc adds FAST_LIBM_EPSILON relative.
 */
#ifndef ACTBENCH_FAST_MATH_H
#define ACTBENCH_FAST_MATH_H

#include <math.h>
#include <stdbool.h>

#include "fast_reference.h"

#define FAST_EPS FAST_LIBM_EPSILON
#define FAST_TINY 0x1p-900
/* Past saturation (an exponential's argument below -617: e^-617 < 2^-890)
 * a remainder keeps only its sign: it is written one-sided as
 * +-FAST_SATURATED with that error, i.e. within (0, 2^-880) in magnitude
 * (for remainders that carry a factor x: x times that), and stays far
 * above FAST_TINY just before saturation, where it is computed. */
#define FAST_EXP_SATURATION 617.0
#define FAST_SATURATED 0x1p-881

/* y = hi + lo with |exact - y| <= err */
struct fast_dd {
    vf64 hi, lo, err;
};

static inline struct fast_dd fast_dd_make(vf64 hi, vf64 lo, vf64 err)
{
    struct fast_dd r = {hi, lo, err};
    return r;
}

/* A value known with relative error rel (and the subnormal floor). */
static inline struct fast_dd fast_dd_relative(vf64 v, double rel)
{
    return fast_dd_make(v, vf64_zero(),
                        vf64_add(vf64_mul(vf64_abs(v), vf64_set1(rel)), vf64_set1(FAST_TINY)));
}

/* An exact value. */
static inline struct fast_dd fast_dd_exact(vf64 v)
{
    return fast_dd_make(v, vf64_zero(), vf64_zero());
}

/*
 * A remainder lo whose sign is known (negative where m is set, else
 * positive) keeps it when it underflows to zero: [-err, 0] becomes the
 * one-sided -err/2 +- err/2 (fast_reference.h), so that the
 * classification sees which side of hi the exact value lies on
 * (1 - 2e^-800 is below 1, in the binade below).
 */
static inline struct fast_dd fast_dd_one_sided(struct fast_dd a, vmask64 negative)
{
    const vf64 zero = vf64_zero();
    const vmask64 lost = vmask64_and(vf64_eq(a.lo, zero), vf64_gt(a.err, zero));
    const vf64 half = vf64_mul(a.err, vf64_set1(0.5));
    const vf64 lo = vf64_select(negative, vf64_neg(half), half);
    return fast_dd_make(a.hi, vf64_select(lost, lo, a.lo), vf64_select(lost, half, a.err));
}

/* Lanes of m from a, the others from b. */
static inline struct fast_dd fast_dd_select(vmask64 m, struct fast_dd a, struct fast_dd b)
{
    return fast_dd_make(vf64_select(m, a.hi, b.hi), vf64_select(m, a.lo, b.lo),
                        vf64_select(m, a.err, b.err));
}

static inline struct fast_dd fast_dd_neg_where(vmask64 m, struct fast_dd a)
{
    return fast_dd_make(vf64_select(m, vf64_neg(a.hi), a.hi), vf64_select(m, vf64_neg(a.lo), a.lo),
                        a.err);
}

/*
 * (hi + lo) * c for a double c: hi*c split exactly with an FMA, lo*c added
 * in one rounding.  Exact (err 0 stays 0) when the product is exact.
 */
static inline struct fast_dd fast_dd_scale(struct fast_dd a, vf64 c)
{
    const vf64 p = vf64_mul(a.hi, c);
    const vf64 pe = vf64_fmsub(a.hi, c, p); /* exact unless p underflowed */
    const vf64 lo = vf64_fmadd(a.lo, c, pe);
    const vf64 zero = vf64_zero();
    vf64 err = vf64_mul(a.err, vf64_abs(c));
    err = vf64_add(err, vf64_select(vf64_ne(lo, zero),
                                    vf64_add(vf64_mul(vf64_abs(lo), vf64_set1(0x1p-52)),
                                             vf64_set1(FAST_TINY)),
                                    zero));
    const vmask64 underflow = vmask64_and(vf64_ne(a.hi, zero),
                                          vf64_lt(vf64_abs(p), vf64_set1(FAST_TINY)));
    err = vf64_add(err, vf64_select(underflow, vf64_set1(FAST_TINY), zero));
    /* A one-sided remainder (fast_dd_one_sided: the exact value strictly
     * between hi and hi + 2 lo) stays one-sided when hi*c is exact: the
     * exact product lies strictly between p and p + 2 lo c, and lo*c
     * rounded once and then enlarged by 2^-51 (rounded again) is at least
     * |lo c| in magnitude with its sign.  Without this, a derivative of
     * 1 + tiny (gelu's beyond 35) times dy = 1 could not be told from
     * 1 - tiny, which rounds with the binade below's ulp. */
    const vmask64 one_sided = vmask64_and(vf64_ne(a.lo, zero), vf64_eq(vf64_abs(a.lo), a.err));
    const vmask64 keep = vmask64_and(
        vmask64_andnot(vmask64_and(one_sided, vf64_eq(pe, zero)), underflow),
        vf64_ge(vf64_abs(lo), vf64_set1(0x1p-1000)));
    const vf64 lo_up = vf64_mul(lo, vf64_set1(1.0 + 0x1p-51));
    return fast_dd_make(p, vf64_select(keep, lo_up, lo),
                        vf64_select(keep, vf64_abs(lo_up), err));
}

/*
 * The elementwise loop: point(x, p, want_gradient, &value, &derivative) per
 * vector, the gradient derivative * dy.  Inlined with its point function
 * into each ISA's entry point.
 */
typedef void fast_point_vector(vf64 x, const struct actbench_params *p, bool want_gradient,
                               struct fast_dd *value, struct fast_dd *derivative);

static inline void fast_store_dd(const struct fast_quantity *q, size_t i, size_t lanes,
                                 struct fast_dd v)
{
    if (lanes == VF64_LANES) {
        vf64_store(q->hi + i, v.hi);
        vf64_store(q->lo + i, v.lo);
        vf64_store(q->err + i, v.err);
    } else {
        vf64_store_tail(q->hi + i, v.hi, lanes);
        vf64_store_tail(q->lo + i, v.lo, lanes);
        vf64_store_tail(q->err + i, v.err, lanes);
    }
}

static inline __attribute__((always_inline)) void
fast_elementwise(const struct fast_request *r, fast_point_vector *point)
{
    const bool want_value = r->value.hi != NULL;
    const bool want_gradient = r->gradient.hi != NULL && r->dy != NULL;
    for (size_t i = 0; i < r->n; i += VF64_LANES) {
        const size_t lanes = r->n - i < VF64_LANES ? r->n - i : VF64_LANES;
        const vf64 x = lanes == VF64_LANES ? vf64_load_f32(r->x + i)
                                           : vf64_load_f32_tail(r->x + i, lanes);
        struct fast_dd value, derivative;
        point(x, r->params, want_gradient, &value, &derivative);
        /* NaN in, NaN out, whatever the formulas did with it */
        const vmask64 nan = vf64_isnan(x);
        value.hi = vf64_select(nan, x, value.hi);
        derivative.hi = vf64_select(nan, x, derivative.hi);
        if (want_value)
            fast_store_dd(&r->value, i, lanes, value);
        if (want_gradient) {
            const vf64 dy = lanes == VF64_LANES ? vf64_load_f32(r->dy + i)
                                                : vf64_load_f32_tail(r->dy + i, lanes);
            fast_store_dd(&r->gradient, i, lanes, fast_dd_scale(derivative, dy));
        }
    }
}

#endif
