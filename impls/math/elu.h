/*
 * elu and selu, value and derivative, written once over the SIMD layer
 * (include one ISA's impls/simd/f32-*.h and f64w-*.h first); the kernels in
 * impls/elu/ and impls/selu/ run them through impls/math/elementwise.h.
 *
 *   elu(x)   = x >= 0 ? x : a*expm1(x)             elu'(x)  = x > 0 ? 1 : a*e^x
 *   selu(x)  = x >= 0 ? lambda*x : la*expm1(x)     selu'(x) = x > 0 ? lambda : la*e^x
 * with a = p->alpha (elu's parameter, 1 by default) and la = lambda*alpha,
 * lambda and alpha the real constants of the catalog.  The first piece
 * takes x = +-0, which keeps its sign (elu(-0) = -0 = a*expm1(-0) for
 * a > 0, selu(-0) = lambda*(-0)); the derivative takes the left piece at 0.
 * NaN fails x >= 0 and propagates through the exponential.
 *
 * Value, accurate (table): a*(v + tail) from expm1_table_accurate
 *   (impls/math/expm1.h) rounded once: fma(a, v, a*tail), the second
 *   product 2^-4 of the first at most, so within 0.5 ulp + 2^-20 of the
 *   exact product.  selu's la and lambda are float pairs hi + lo (the
 *   real constants to 2^-49): fma(la_hi, v, la_lo*v + la_hi*tail), and
 *   lambda*x = fma(x, lambda - 1, x).  x is clamped to -87 first
 *   (NaN kept); there the result is -a exactly, as the correctly rounded
 *   value is from x = -17.33 (elu, a = 1) or -16.87 (selu) down: since
 *   the last rounding is of the nearly exact value, both saturate where
 *   the correctly rounded value does.  No lane is special.
 * Value, fast (poly, table): fma(a, m, (a*t)*p) from expm1_poly_fast or
 *   expm1_table_fast (one rounding of a*m + a*t*p, a*t*p rounded); selu
 *   with la and lambda rounded to float.  Lanes below -16 (where m would
 *   round and the saturation would move) are special: recomputed in
 *   double (f64w: a*(e^x - 1), one rounding), which saturates where the
 *   correctly rounded value does.
 * Derivative: a*e^x with e^x from exp_table_accurate (hi + lo, 2^-28):
 *   fma(a, hi, a*lo) (selu: la as a pair); fast: a*E with E = t + t*p
 *   from expm1_poly_fast's parts or exp_table_fast.  The float forms are valid down to -87; lower lanes
 *   are special (double: a*e^x rounded once, exact to the last subnormal,
 *   so no gradient death).
 */
#ifndef ACTBENCH_MATH_ELU_H
#define ACTBENCH_MATH_ELU_H

#include "exp_poly.h"
#include "exp_table.h"
#include "expm1.h"

/* lambda and lambda*alpha rounded to float (the fast forms; lambda is the
 * derivative for x > 0), lambda - 1 rounded to float (lambda*x =
 * fma(x, lambda - 1, x): one rounding, the constant within 2^-29.6 of
 * lambda relative, no underflow of a small part for tiny x, and
 * lambda*(-0) = -0), lambda*alpha as a float pair hi + lo (within 2^-53 of
 * the real product), and as a double */
#define SELU_LAMBDA 0x1.0cfabep+0f
#define SELU_LAMBDA_MINUS_1 0x1.9f57aep-5f
#define SELU_LA 0x1.c212ccp+0f
#define SELU_LA_HI 0x1.c212ccp+0f
#define SELU_LA_LO 0x1.903c0cp-26f
#define SELU_LA_F64 (1.0507009873554805 * 1.6732632423543772)

/* gradient lanes below this are special: a*e^x leaves the normal range
 * at -87.34 (a = 1); exp_table_accurate's lo part (4.5% of hi) nears the
 * subnormal range below -80 and the fast forms' reach is -87 */
#define ELU_DERIVATIVE_LIMIT -80.0f

/* what the elu kernels keep in registers: the exp tables and a */
struct elu_context {
    struct exp_table_tables tables;
    vf32 alpha;
};

static inline struct elu_context elu_context_of(const struct actbench_params *p)
{
    struct elu_context c = {exp_table_load(), vf32_set1(p->alpha)};
    return c;
}

static inline vmask32 elu_left(vf32 x) { return vf32_lt(x, vf32_zero()); }

/* ------------------------------------------------------------------ f64w */

/* e^x in double for x widened, x clamped to -150 below (NaN kept) */
static inline vf64w elu_f64w_exp(vf32 x)
{
    vf64w xd = vf64w_max(vf64w_set1(-150.0), vf64w_widen(x));
    return exp_poly_accurate_f64w(vf64w_sub(vf64w_set1(0.0), vf64w_min(vf64w_set1(0.0), xd)));
}

/* a*(e^x - 1), one rounding; for the special lanes x < -16 (and -inf) */
static inline vf32 elu_f64w_negative(vf32 x, vf64w a)
{
    return vf64w_narrow(vf64w_mul(a, vf64w_sub(elu_f64w_exp(x), vf64w_set1(1.0))));
}

static inline vf32 elu_f64w_derivative_negative(vf32 x, vf64w a)
{
    return vf64w_narrow(vf64w_mul(a, elu_f64w_exp(x)));
}

/* The special lanes (all with x < 0) recomputed in double; the other lanes
 * keep their value.  Not inlined: off the fast path. */
static __attribute__((noinline, unused)) vf32 elu_special_case(vf32 x, vf32 y, vmask32 special,
                                                              const void *context)
{
    const struct elu_context *c = context;
    return vf32_select(special, elu_f64w_negative(x, vf64w_widen(c->alpha)), y);
}
static __attribute__((noinline, unused)) vf32 elu_derivative_special_case(vf32 x, vf32 g, vmask32 special,
                                                                         const void *context)
{
    const struct elu_context *c = context;
    return vf32_select(special, elu_f64w_derivative_negative(x, vf64w_widen(c->alpha)), g);
}
static __attribute__((noinline, unused)) vf32 selu_special_case(vf32 x, vf32 y, vmask32 special)
{
    return vf32_select(special, elu_f64w_negative(x, vf64w_set1(SELU_LA_F64)), y);
}
static __attribute__((noinline, unused)) vf32 selu_derivative_special_case(vf32 x, vf32 g, vmask32 special)
{
    return vf32_select(special, elu_f64w_derivative_negative(x, vf64w_set1(SELU_LA_F64)), g);
}

/* ------------------------------------------------------- table, accurate */

/* expm1_table_accurate of max(-87, x).  On AVX-512F the same bits with
 * the reduction in k/8 (shifter 0x1.8p20, the constants times 1/8 and 8:
 * every product and rounding moves by a power of two only, as in
 * exp_table_reduce_eighth), hi = 2^(j/8) 2^floor(k/8) by one vscalefps of
 * the table's value, and both lookups of the doubled tables unmasked:
 * three operations fewer (an and, a shift and an add for one vscalefps). */
static inline struct expm1_hilo elu_expm1_accurate(vf32 x, struct exp_table_tables t)
{
#if EXP_TABLE_SCALEF
    const vf32 shift = vf32_set1(0x1.8p20f);
    const vf32 one_over_ln2 = vf32_set1(0x1.715476p+0f);
    const vf32 ln2_hi = vf32_set1(0x1.62e4p-1f);         /* 8 * ln2/8's 15 bits */
    const vf32 minus_ln2_lo = vf32_set1(-0x1.7f7d1cp-20f); /* -8 * (ln2/8 - hi) */
    x = vf32_max(vf32_set1(EXPM1_CLAMP), x);
    vf32 kd = vf32_fmadd(x, one_over_ln2, shift);
    vf32 k8 = vf32_sub(kd, shift);
    vf32 r = vf32_fnmadd(k8, ln2_hi, x);
    vi32 ki = vf32_as_vi32(kd);
    vf32 hi = vf32_scalef(vf32_table16_lookup(t.value, ki), k8);
    vf32 lo = vf32_fmadd(k8, minus_ln2_lo, vf32_table16_lookup(t.lo_relative, ki));
    return expm1_hilo_of_reduced(r, hi, lo);
#else
    return expm1_table_accurate(vf32_max(vf32_set1(EXPM1_CLAMP), x), t);
#endif
}

static inline vf32 elu_table_accurate_value(vf32 x, const struct elu_context *c, vmask32 *special)
{
    struct expm1_hilo m = elu_expm1_accurate(x, c->tables);
    vf32 negative = vf32_fmadd(c->alpha, m.v, vf32_mul(c->alpha, m.tail));
    *special = vmask32_false();
    return vf32_select(elu_left(x), negative, x);
}

static inline vf32 selu_table_accurate_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    const vf32 la_hi = vf32_set1(SELU_LA_HI);
    struct expm1_hilo m = elu_expm1_accurate(x, t);
    vf32 negative = vf32_fmadd(la_hi, m.v, vf32_fmadd(vf32_set1(SELU_LA_LO), m.v, vf32_mul(la_hi, m.tail)));
    vf32 positive = vf32_fmadd(x, vf32_set1(SELU_LAMBDA_MINUS_1), x);
    *special = vmask32_false();
    return vf32_select(elu_left(x), negative, positive);
}

/* e^x = e.hi + e.lo, scaled by a once (exp_table_accurate_eighth: the
 * bits of exp_table_accurate, on AVX-512F with vscalefps and unmasked
 * lookups) */
static inline vf32 elu_table_accurate_derivative(vf32 x, const struct elu_context *c, vmask32 *special)
{
    struct exp_hilo e = exp_table_accurate_eighth(vf32_neg(x), c->tables);
    vf32 negative = vf32_fmadd(c->alpha, e.hi, vf32_mul(c->alpha, e.lo));
    *special = vf32_lt(x, vf32_set1(ELU_DERIVATIVE_LIMIT));
    return vf32_select(vf32_gt(x, vf32_zero()), vf32_set1(1.0f), negative);
}

static inline vf32 selu_table_accurate_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    const vf32 la_hi = vf32_set1(SELU_LA_HI);
    struct exp_hilo e = exp_table_accurate_eighth(vf32_neg(x), t);
    vf32 negative = vf32_fmadd(la_hi, e.hi, vf32_fmadd(vf32_set1(SELU_LA_LO), e.hi, vf32_mul(la_hi, e.lo)));
    *special = vf32_lt(x, vf32_set1(ELU_DERIVATIVE_LIMIT));
    return vf32_select(vf32_gt(x, vf32_zero()), vf32_set1(SELU_LAMBDA), negative);
}

/* ------------------------------------------------- fast: poly and table */

/* a*(m + t*p) with one rounding of a*m + (a*t)*p */
static inline vf32 elu_fast_of(vf32 x, struct expm1_fast m, vf32 a)
{
    vf32 negative = vf32_fmadd(a, m.m, vf32_mul(vf32_mul(a, m.t), m.p));
    return vf32_select(elu_left(x), negative, x);
}

static inline vf32 selu_fast_of(vf32 x, struct expm1_fast m)
{
    const vf32 la = vf32_set1(SELU_LA);
    vf32 negative = vf32_fmadd(la, m.m, vf32_mul(vf32_mul(la, m.t), m.p));
    return vf32_select(elu_left(x), negative, vf32_fmadd(x, vf32_set1(SELU_LAMBDA_MINUS_1), x));
}

static inline vmask32 elu_fast_special_lanes(vf32 x) { return vf32_lt(x, vf32_set1(EXPM1_FAST_LIMIT)); }

static inline vf32 elu_poly_fast_value(vf32 x, const struct elu_context *c, vmask32 *special)
{
    *special = elu_fast_special_lanes(x);
    return elu_fast_of(x, expm1_poly_fast(x), c->alpha);
}

static inline vf32 elu_table_fast_value(vf32 x, const struct elu_context *c, vmask32 *special)
{
    *special = elu_fast_special_lanes(x);
    return elu_fast_of(x, expm1_table_fast(x, c->tables), c->alpha);
}

static inline vf32 selu_poly_fast_value(vf32 x, vmask32 *special)
{
    *special = elu_fast_special_lanes(x);
    return selu_fast_of(x, expm1_poly_fast(x));
}

static inline vf32 selu_table_fast_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = elu_fast_special_lanes(x);
    return selu_fast_of(x, expm1_table_fast(x, t));
}

/* x > 0 ? one : a*E, E = e^x */
static inline vf32 elu_fast_derivative_of(vf32 x, vf32 e, vf32 a, vf32 one, vmask32 *special)
{
    *special = vf32_lt(x, vf32_set1(ELU_DERIVATIVE_LIMIT));
    return vf32_select(vf32_gt(x, vf32_zero()), one, vf32_mul(a, e));
}

/* e^x = t + t*p from expm1_poly_fast's parts (valid down to -87: t stays
 * normal); unlike exp_poly_fast, whose last step adds to the bits of p,
 * the FMA keeps every NaN a NaN */
static inline vf32 elu_exp_poly_fast(vf32 x)
{
    struct expm1_fast m = expm1_poly_fast(x);
    return vf32_fmadd(m.t, m.p, m.t);
}

static inline vf32 elu_poly_fast_derivative(vf32 x, const struct elu_context *c, vmask32 *special)
{
    return elu_fast_derivative_of(x, elu_exp_poly_fast(x), c->alpha, vf32_set1(1.0f), special);
}

static inline vf32 elu_table_fast_derivative(vf32 x, const struct elu_context *c, vmask32 *special)
{
    vf32 e = exp_table_fast(vf32_neg(x), c->tables.scale, c->tables.lo_relative);
    return elu_fast_derivative_of(x, e, c->alpha, vf32_set1(1.0f), special);
}

static inline vf32 selu_poly_fast_derivative(vf32 x, vmask32 *special)
{
    return elu_fast_derivative_of(x, elu_exp_poly_fast(x), vf32_set1(SELU_LA), vf32_set1(SELU_LAMBDA),
                                  special);
}

static inline vf32 selu_table_fast_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    vf32 e = exp_table_fast(vf32_neg(x), t.scale, t.lo_relative);
    return elu_fast_derivative_of(x, e, vf32_set1(SELU_LA), vf32_set1(SELU_LAMBDA), special);
}

#endif
