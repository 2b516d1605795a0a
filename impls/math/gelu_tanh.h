/*
 * gelu_tanh(x) = x/2 (1 + tanh(u)) = x * sigmoid(z), z = 2u = c1 x + c3 x^3,
 * c1 = 2 sqrt(2/pi), c3 = c1 * 0.044715; value and derivative written once
 * over the SIMD layer (include one ISA's impls/simd/f32-*.h and f64w-*.h
 * first, then impls/math/logistic.h).
 *
 * For z < 0, sigmoid(z) ~ e^z inherits the absolute error of z as its
 * relative error: z rounded to float is off by up to |z| 2^-24 (85 * 2^-24
 * at x = -9.9), 85 ulp of the result.  So the accurate forms compute z as
 * zh + zl, a float pair good to about 2^-40 |z|: the slope c1 + c3 x^2 as
 * sh + sl from gelu_tanh_fast_slope (constants gelu_tanh_accurate_argument,
 * B = 1), zh = x sh, zl = fma(x, sh, -zh) + x sl (11 operations, where
 * forming x^2, c3 x^2 and c1 + c3 x^2 each with its error took 16).
 * exp(-zh - zl): zl is added to the reduced argument of the eighth
 * reduction (exp_table_reduce_eighth), E = hi (1 + p).  The fast forms
 * never form z: they reduce exp(-z) from s = (c1 + c3 x^2) B as a float
 * pair sh + sl (gelu_tanh_fast_slope, 10 operations), m = round(-x sh), f = -x sh - m in one FMA whose
 * product is exact, minus x sl (25 operations per vector for the table
 * form's value where the zh + zl form took 35; on AVX-512F 23.25, the
 * reduction in octaves and 2^(m/8) by one vscalefps of the table's 2^(j/8),
 * gelu_tanh_fast_e; the poly form's 2^m by vscalefps: 22.25 where 23.25).
 * The AVX-512F accurate value takes the same reduction in octaves from the
 * slope pair, f = x sh + k/8 + x sl (gelu_tanh_accurate_reduce_octave) and
 * 2^-f by a degree-4 polynomial of f (gelu_tanh_octave_poly_of; 36.25
 * operations per vector where zh + zl and exp_table_reduce_eighth took
 * 40.25; all f32: 0.6277 ulp where 0.6711); its derivative, and the other
 * ISAs, keep zh + zl.  Then x * sigmoid(z) as silu:
 * fast x/(1 + E), one division; accurate by the compensated reciprocal of
 * impls/math/logistic.h, x r0 + r0 (x res), one rounding at the end;
 * below x = -8 with r0 scaled by 2^32 (the result by 2^-32, both exact;
 * on AVX-512F every lane by 2^floor(k/8) with vscalefps, see there),
 * since r0 (x res) falls under FLT_MIN below x = -9.35 and subnormal
 * operands cost a microcode assist per instruction.
 *
 * Range: z is taken of xc = min(5.5, x): z(5.5) = 20.6, so for x >= 5.5
 * 1 - sigmoid(z) < 1.1e-9 and the value x * sigmoid(z(5.5)) rounds to x
 * (exact, +inf included), the derivative to 1; the clamp also keeps E =
 * exp(-z) and its low part away from subnormal numbers.  NaN passes
 * min(5.5, x) and propagates.
 * Lanes with x < -10 (z < -87.3, and -inf) are special: recomputed in
 * double (z, E, 1/(1 + E) and the product in double, x clamped to
 * [-20, ...]: below -20 the result rounds to -0).  At x = -10, E =
 * 2^125.97 and 1/(1 + E) = 2^-125.97 are still normal floats, so the
 * float forms cover all of [-10, 10]: the special case runs for no input
 * of that range.  (With the special lanes from x < -9.9 on, 0.5% of
 * uniform [-10, 10] inputs and one AVX-512F vector in 13 took it: the
 * AVX-512F table kernels ran 1.24 and 1.95 cycles/element instead of
 * 0.97 and 1.71, fast and accurate, in one run at load average 8.)
 *
 * Derivative: sigmoid(z) + x sigmoid(z) (1 - sigmoid(z)) z' =
 * r (1 + x z' w), r = sigmoid(z), w = 1 - r = E r,
 * z' = c1 + 3 c3 x^2.  1 + x z' w cancels at the root x0 ~ -0.7518;
 * within 1/16 of it every form evaluates h q(h), h = x - x0
 * (impls/math/sollya/gelu_tanh_root.sollya), as silu does at its root.
 */
#ifndef ACTBENCH_MATH_GELU_TANH_H
#define ACTBENCH_MATH_GELU_TANH_H

#include "logistic.h"

/* 2 sqrt(2/pi), 2 sqrt(2/pi) * 0.044715 and 3 times that, each as float
 * hi + lo (rounded to nearest from a 300-bit MPFR evaluation) */
#define GELU_TANH_C1_HI 0x1.988454p+0f
#define GELU_TANH_C3_HI 0x1.2444f2p-4f
#define GELU_TANH_D3_HI 0x1.b6676cp-3f
#define GELU_TANH_LIMIT 10.0f
#define GELU_TANH_CLAMP 5.5f
/* below it the accurate forms scale r0 by 2^32 (no subnormal operands) */
#define GELU_TANH_SCALED_BELOW -8.0f

/* min(5.5, x), NaN kept */
static inline __attribute__((always_inline)) vf32 gelu_tanh_clamp(vf32 x)
{
    return vf32_min(vf32_set1(GELU_TANH_CLAMP), x);
}

/* x < -10 (and -inf): the lanes the float forms do not cover */
static inline __attribute__((always_inline)) vmask32 gelu_tanh_special_lanes(vf32 x)
{
    return vf32_lt(x, vf32_set1(-GELU_TANH_LIMIT));
}

/* z = c1 x + c3 x^3 as zh + zl (x = xc, |x| <= 10 or NaN), defined after
 * gelu_tanh_fast_slope: z = x (sh + sl), s = c1 + c3 x^2 from the slope
 * pair with B = 1 (gelu_tanh_accurate_argument), zh = x sh rounded, zl =
 * its exact error (an FMA) plus x sl */
static inline __attribute__((always_inline)) vf32 gelu_tanh_argument(vf32 x, vf32 *zl);

/* z' = c1 + 3 c3 x^2 in float (the derivative's factor x z' w is near 1
 * only at the root, where its own error is what counts) */
static inline __attribute__((always_inline)) vf32 gelu_tanh_argument_derivative(vf32 x)
{
    return vf32_fmadd(vf32_set1(GELU_TANH_D3_HI), vf32_mul(x, x), vf32_set1(GELU_TANH_C1_HI));
}

/* ------------------------------------------------------- the root of ' */

/* gelu_tanh'(x) for |x - x0_hi| <= 1/16: h*q(h), h = (x - x0_hi) - x0_lo
 * (impls/math/sollya/gelu_tanh_root.sollya) */
static inline __attribute__((always_inline)) vf32 gelu_tanh_root_derivative(vf32 x)
{
    vf32 h = vf32_sub(vf32_sub(x, vf32_set1(gelu_tanh_root_hi)), vf32_set1(gelu_tanh_root_lo));
    const float *c = gelu_tanh_root_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[4]), h, vf32_set1(c[3]));
    q = vf32_fmadd(q, h, vf32_set1(c[2]));
    q = vf32_fmadd(q, h, vf32_set1(c[1]));
    q = vf32_fmadd(q, h, vf32_set1(c[0]));
    return vf32_mul(q, h);
}

/* g outside the root's window, the root form inside (run only when a lane
 * is there) */
static inline __attribute__((always_inline)) vf32 gelu_tanh_root_fix(vf32 x, vf32 g)
{
    vmask32 near = vf32_le(vf32_abs(vf32_sub(x, vf32_set1(gelu_tanh_root_hi))), vf32_set1(gelu_tanh_root_window));
    if (vmask32_any(near))
        g = vf32_select(near, gelu_tanh_root_derivative(x), g);
    return g;
}

/* ------------------------------------------------------------------ f64w */

static inline vf64w gelu_tanh_f64w_low(vf32 x)
{
    return vf64w_max(vf64w_set1(-20.0), vf64w_widen(x));
}

static inline vf64w gelu_tanh_f64w_e(vf64w xd, vf64w *zp)
{
    const double c1 = 1.5957691216057307;            /* 2 sqrt(2/pi) */
    const double c3 = 1.5957691216057307 * 0.044715; /* its cubic term */
    vf64w x2 = vf64w_mul(xd, xd);
    vf64w z = vf64w_mul(xd, vf64w_fmadd(vf64w_set1(c3), x2, vf64w_set1(c1)));
    if (zp)
        *zp = vf64w_fmadd(vf64w_set1(3.0 * c3), x2, vf64w_set1(c1));
    z = vf64w_min(vf64w_set1(150.0), vf64w_max(vf64w_set1(-150.0), z));
    return exp_poly_accurate_f64w(z);
}

static inline __attribute__((always_inline)) vf32 gelu_tanh_f64w_value(vf32 x)
{
    vf64w low = gelu_tanh_f64w_low(x);
    vf64w e = gelu_tanh_f64w_e(low, 0);
    return vf64w_narrow(vf64w_div(low, vf64w_add(vf64w_set1(1.0), e)));
}

static inline __attribute__((always_inline)) vf32 gelu_tanh_f64w_derivative(vf32 x)
{
    vf64w low = gelu_tanh_f64w_low(x);
    vf64w zd;
    vf64w e = gelu_tanh_f64w_e(low, &zd);
    vf64w r = vf64w_div(vf64w_set1(1.0), vf64w_add(vf64w_set1(1.0), e));
    vf64w v = vf64w_fmadd(vf64w_mul(low, zd), vf64w_mul(e, r), vf64w_set1(1.0));
    return vf64w_narrow(vf64w_mul(r, v));
}

static __attribute__((noinline, unused)) vf32 gelu_tanh_special_case(vf32 x, vf32 y, vmask32 special)
{
    return vf32_select(special, gelu_tanh_f64w_value(x), y);
}
static __attribute__((noinline, unused)) vf32 gelu_tanh_derivative_special_case(vf32 x, vf32 g, vmask32 special)
{
    return vf32_select(special, gelu_tanh_f64w_derivative(x), g);
}

/* ------------------------------------------------------------------ fast */

/* s = (c1 + c3 x^2) B as sh + sl for the fast forms (a: c1 B and c3 B as
 * float pairs, impls/math/sollya/gelu_tanh_exp.sollya; x = xc, |x| <= 10
 * or NaN).  t = x^2 exactly as t + tl; sh = c1_hi + c3_hi t rounded once;
 * c1_hi is a multiple of the ulp of every sh of the range, so
 * d = c1_hi - sh is exact and c3_hi t + d, one FMA, is the rounding error
 * of sh to 2^-24 of itself; sl adds c3_hi tl, c3_lo t and c1_lo.
 * |s - sh - sl| < 2^-40 s: 10 operations where the float pair for z of
 * gelu_tanh_argument and its product with x take 16 */
static inline __attribute__((always_inline)) vf32 gelu_tanh_fast_slope(vf32 x, const float *a, vf32 *sl)
{
    const vf32 c1h = vf32_set1(a[0]);
    const vf32 c3h = vf32_set1(a[2]);
    vf32 t = vf32_mul(x, x);
    vf32 tl = vf32_fmsub(x, x, t);
    vf32 sh = vf32_fmadd(c3h, t, c1h);
    vf32 e = vf32_fmadd(c3h, t, vf32_sub(c1h, sh));
    vf32 w = vf32_fmadd(vf32_set1(a[3]), t, vf32_set1(a[1]));
    w = vf32_fmadd(c3h, tl, w);
    *sl = vf32_add(e, w);
    return sh;
}

static inline __attribute__((always_inline)) vf32 gelu_tanh_argument(vf32 x, vf32 *zl)
{
    vf32 sl;
    vf32 sh = gelu_tanh_fast_slope(x, gelu_tanh_accurate_argument, &sl);
    vf32 zh = vf32_mul(x, sh);
    *zl = vf32_fmadd(x, sl, vf32_fmsub(x, sh, zh));
    return zh;
}

/* exp(-z) for the table form, reduced in steps of ln2/8: with s = (c1 +
 * c3 x^2) 8/ln2 = sh + sl, m = round(-x sh) (kd holds m in its low bits,
 * as exp_table_reduce's), f = -x sh - m by one FMA (the product is exact
 * inside it and |f| <= 1/2, so it rounds to 2^-26) minus x sl:
 * exp(-z) = 2^(m/8) 2^(f/8), 2^(m/8) = 2^e hi[j] from the table,
 * 2^(f/8) = 1 + f q(f) (gelu_tanh_table_exp_poly, 2^-25.2), and the
 * table's lo[j]: hi + hi (f q(f) + lo[j]).  z is never rounded to a float:
 * a float z is off by up to |z| 2^-24, 85 ulp of the result at x = -10 */
/* m = round(-x sh) (kd holds m in its low bits) and f = -x sh - m - x sl,
 * from the slope pair s = sh + sl of gelu_tanh_fast_slope with the
 * constants c (the table's steps or the polynomial's octaves) */
static inline __attribute__((always_inline)) vf32 gelu_tanh_fast_reduce(vf32 xc, const float *c, vf32 *kd)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    vf32 sl;
    vf32 sh = gelu_tanh_fast_slope(xc, c, &sl);
    *kd = vf32_fnmadd(xc, sh, shift);
    vf32 f = vf32_fnmadd(xc, sh, vf32_sub(shift, *kd));
    return vf32_fnmadd(xc, sl, f);
}

#if EXP_TABLE_SCALEF
/* -x sh - m in one FMA (AVX-512F), m = kd - shift: the same value and
 * rounding as the FMA with shift - kd = -m, and m is at hand for vscalefps */
static inline __attribute__((always_inline)) vf32 gelu_tanh_fast_reduce_m(vf32 xc, const float *c, vf32 shift, vf32 *kd,
                                                                          vf32 *m)
{
    vf32 sl;
    vf32 sh = gelu_tanh_fast_slope(xc, c, &sl);
    *kd = vf32_fnmadd(xc, sh, shift);
    *m = vf32_sub(*kd, shift);
    vf32 f = _mm512_fnmsub_ps(xc, sh, *m);
    return vf32_fnmadd(xc, sl, f);
}

/* AVX-512F: the same reduction in octaves (s = (c1 + c3 x^2)/ln2, the
 * shifter 0x1.8p20 rounds to a multiple of 1/8: k8 = m/8 and f' = f/8,
 * every product and rounding moved by a power of two), hi = 2^(j/8) from
 * the 16-lane table by one vpermps and scaled by 2^floor(k8) with one
 * vscalefps, where the integer exponent add took three operations; the
 * coefficients times 8^(i+1) for f' (exact): E bit for bit as below */
static inline __attribute__((always_inline)) vf32 gelu_tanh_fast_e(vf32 xc, struct exp_table_tables t)
{
    vf32 kd, k8;
    vf32 f = gelu_tanh_fast_reduce_m(xc, gelu_tanh_poly_argument, vf32_set1(0x1.8p20f), &kd, &k8);
    vi32 ki = vf32_as_vi32(kd);
    vf32 hi = vf32_scalef(vf32_table16_lookup(t.value, ki), k8);
    const float *c = gelu_tanh_table_exp_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[2] * 512.0f), f, vf32_set1(c[1] * 64.0f));
    q = vf32_fmadd(q, f, vf32_set1(c[0] * 8.0f));
    vf32 u = vf32_fmadd(f, q, vf32_table16_lookup(t.lo_relative, ki));
    return vf32_fmadd(hi, u, hi);
}
#else
static inline __attribute__((always_inline)) vf32 gelu_tanh_fast_e(vf32 xc, struct exp_table_tables t)
{
    vf32 kd;
    vf32 f = gelu_tanh_fast_reduce(xc, gelu_tanh_table_argument, &kd);
    vf32 hi = exp_table_scale_of(kd, t.scale);
    const float *c = gelu_tanh_table_exp_poly;
    vf32 q = vf32_fmadd(vf32_set1(c[2]), f, vf32_set1(c[1]));
    q = vf32_fmadd(q, f, vf32_set1(c[0]));
    vf32 u = vf32_fmadd(f, q, vf32_table8_lookup(t.lo_relative, vf32_as_vi32(kd)));
    return vf32_fmadd(hi, u, hi);
}
#endif

static inline __attribute__((always_inline)) vf32 gelu_tanh_table_fast_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = gelu_tanh_special_lanes(x);
    return silu_fast_of(x, gelu_tanh_fast_e(gelu_tanh_clamp(x), t));
}

static inline __attribute__((always_inline)) vf32 gelu_tanh_table_fast_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    *special = gelu_tanh_special_lanes(x);
    vf32 xc = gelu_tanh_clamp(x);
    vf32 e = gelu_tanh_fast_e(xc, t);
    vf32 r = sigmoid_fast_of(e);
    vf32 xz = vf32_mul(xc, gelu_tanh_argument_derivative(xc));
    return gelu_tanh_root_fix(x, vf32_mul(r, vf32_fmadd(xz, vf32_mul(e, r), vf32_set1(1.0f))));
}

/* -------------------------------------------------------------- accurate */

/* exp(-z) = hi (1 + p) for z = zh + zl: exp_table_reduce_eighth of zh
 * gives r' = zh + k ln2/8, and zl (|zl| <= 2^-16) is added to it, so the
 * polynomial takes exp(-(r' + zl)) in place of a product by (1 - zl)
 * (the sum's rounding is 2^-24 of |r'| <= ln2/16, 2^-28 of the result).
 * On AVX-512F hi is one vscalefps of the table's 2^(j/8) by k/8 and both
 * lookups index the doubled tables unmasked (exp_table.h); elsewhere hi is
 * exp_table_scale_of.  k8 = k/8 (for the scaling of the results below). */
static inline __attribute__((always_inline)) vf32 gelu_tanh_accurate_e(vf32 xc, struct exp_table_tables t, vf32 *zh, vf32 *zl,
                                                                       vf32 *hi, vf32 *k8)
{
    vf32 kd;
    *zh = gelu_tanh_argument(xc, zl);
    vf32 r = vf32_add(exp_table_reduce_eighth(*zh, &kd, k8), *zl);
    return exp_table_eighth_of_reduced(r, kd, *k8, t, hi);
}

/* r0 = 1/(1 + E) and res = 1 - r0 (1 + E), E = hi (1 + p), as
 * sigmoid_table_accurate_fused_value (logistic.h) */
static inline __attribute__((always_inline)) struct logistic_reciprocal gelu_tanh_reciprocal(vf32 hi, vf32 p)
{
    return logistic_reciprocal_of_sum(vf32_set1(1.0f), hi, p);
}

/* The small terms r0 (x res) fall under FLT_MIN below x = -9.35 (r0 =
 * e^-85 at x = -9.9), and every instruction with a subnormal operand takes
 * a microcode assist.  On AVX-512F r0 is scaled by 2^floor(k/8), about 1/E
 * (one vscalefps; the lanes of E < 1 by at least 2^-30, the clamp's), and
 * the result back by 2^-floor(k/8) = 2^floor(7/8 - k/8), both exact while
 * normal; elsewhere below x = -8 by 2^32 and 2^-32 with two selects. */
#if EXP_TABLE_SCALEF
#define GELU_TANH_SCALE_R0(x, r0, k8) vf32_scalef((r0), (k8))
#define GELU_TANH_UNSCALE(x, y, k8) vf32_scalef((y), vf32_sub(vf32_set1(0.875f), (k8)))
#else
#define GELU_TANH_SCALE_R0(x, r0, k8)                                                                                  \
    vf32_select(vf32_lt((x), vf32_set1(GELU_TANH_SCALED_BELOW)), vf32_mul((r0), vf32_set1(0x1p32f)), (r0))
#define GELU_TANH_UNSCALE(x, y, k8)                                                                                    \
    vf32_select(vf32_lt((x), vf32_set1(GELU_TANH_SCALED_BELOW)), vf32_mul((y), vf32_set1(0x1p-32f)), (y))
#endif

#if EXP_TABLE_SCALEF
/* The value's reduction on AVX-512F: r = z + k ln2/8 (the reduced argument
 * of exp_table_reduce_eighth for z) from the slope pair s = (c1 + c3 x^2)/ln2
 * = sh + sl (gelu_tanh_fast_slope with gelu_tanh_poly_argument) without
 * forming z: kd = 0x1.8p20 - x sh rounds -z/ln2 to a multiple of 1/8
 * (k in its low bits, as exp_table_reduce_eighth's), k8 = kd - 0x1.8p20 =
 * k/8 exactly, f = x sh + k8 in one FMA (exact product, |f| <= 1/16 + 2^-20,
 * rounded to 2^-29), f + x sl (2^-29): 3 operations after the slope where
 * zh + zl and the reduction took 8.  Returns f, in octaves: r = z +
 * k ln2/8 = f ln2, and exp(-r) = 2^-f is taken of f itself
 * (gelu_tanh_octave_poly_of), r never rounded */
static inline __attribute__((always_inline)) vf32 gelu_tanh_accurate_reduce_octave(vf32 xc, vf32 *kd, vf32 *k8)
{
    const vf32 shift = vf32_set1(0x1.8p20f);
    vf32 sl;
    vf32 sh = gelu_tanh_fast_slope(xc, gelu_tanh_poly_argument, &sl);
    *kd = vf32_fnmadd(xc, sh, shift);
    *k8 = vf32_sub(*kd, shift);
    vf32 f = vf32_fmadd(xc, sh, *k8);
    return vf32_fmadd(xc, sl, f);
}

/* p = lo_j + f q(f), 2^(j/8) 2^-f = hi (1 + p): q of degree 3
 * (gelu_tanh_octave_exp_poly, impls/math/sollya/gelu_tanh_exp.sollya,
 * 2^-32.1 on |f| <= 1/16 + 2^-12), as exp_table_accurate_poly_of for
 * exp(-r) with r = f ln2 but without rounding r */
static inline __attribute__((always_inline)) vf32 gelu_tanh_octave_poly_of(vf32 f, vf32 lo_j)
{
    return exp_table_poly_of(gelu_tanh_octave_exp_poly, f, lo_j);
}

/* AVX-512F: the reciprocal of the scaled denominator 2^-e (1 + E), e =
 * floor(k/8), E = 2^(k/8) (1 + p) = 2^e hi (1 + p), hi = 2^(j/8) from the
 * table unscaled: u = 2^-e is one vscalefps of 1 by n = 7/8 - k/8
 * (floor(n) = -e), u + hi = s + sl by Fast2Sum and sl + hi p in one FMA,
 * r0 = 1/(s + sl) = 2^e/(1 + E), and the result x r0 + r0 (xc res) is
 * scaled back by vscalefps with n.  Every term stays near 1 (r0 in
 * [2^-31, 1]), so no subnormal operand costs a microcode assist, and on
 * [-10, 10] the bits are those of the unscaled form (every step moves by
 * a power of two only): one operation fewer than scaling r0 afterwards.
 * The special lanes stay x < -10: taken down to x = -20 this form gave
 * 0.791 ulp at x = -0x1.438e64p+3 (a subnormal result, rounded at scale
 * 2^e and again by vscalefps) for no measurable gain. */
static inline __attribute__((always_inline)) vf32 gelu_tanh_table_accurate_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 xc = gelu_tanh_clamp(x);
    vf32 r, kd, k8;
    r = gelu_tanh_accurate_reduce_octave(xc, &kd, &k8);
    vi32 ki = vf32_as_vi32(kd);
    vf32 hi = vf32_table16_lookup(t.value, ki);
    vf32 p = gelu_tanh_octave_poly_of(r, vf32_table16_lookup(t.lo_relative, ki));
    vf32 n = vf32_sub(vf32_set1(0.875f), k8);
    struct logistic_reciprocal rr = logistic_reciprocal_of_sum(vf32_scalef(one, n), hi, p);
    vf32 r0 = rr.r0, res = rr.res;
    *special = gelu_tanh_special_lanes(x);
    /* xc keeps x = +inf from inf * res */
    vf32 y = vf32_fmadd(x, r0, vf32_mul(r0, vf32_mul(xc, res)));
    return vf32_scalef(y, n);
}
#else
static inline __attribute__((always_inline)) vf32 gelu_tanh_table_accurate_value(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    vf32 xc = gelu_tanh_clamp(x), zh, zl, hi, k8;
    vf32 p = gelu_tanh_accurate_e(xc, t, &zh, &zl, &hi, &k8);
    struct logistic_reciprocal r = gelu_tanh_reciprocal(hi, p);
    *special = gelu_tanh_special_lanes(x);
    /* x r0 + r0 (xc res), one rounding: xc keeps x = +inf from inf * res */
    (void)k8;
    vf32 r0 = GELU_TANH_SCALE_R0(x, r.r0, k8);
    vf32 y = vf32_fmadd(x, r0, vf32_mul(r0, vf32_mul(xc, r.res)));
    return GELU_TANH_UNSCALE(x, y, k8);
}

#endif

/* (r0 + r0 res) v, v = 1 + (x z')(w + w_lo), with x z' = z + 2 c3 x^3 =
 * p + pl: z is known as zh + zl, and 2 c3 x^3 is at most 1/18 of x z'
 * for |x| < 1 (near the root, where v cancels), so its float rounding
 * costs 2^-28 there; p = zh + 2 c3 x^3 with its rounding error (exact by
 * Fast2Sum for |x| < 4.7, where |zh| is the larger; beyond, v does not
 * cancel).  A float x z' instead: 13.8 ulp just outside the root window. */
static inline __attribute__((always_inline)) vf32 gelu_tanh_table_accurate_derivative(vf32 x, struct exp_table_tables t, vmask32 *special)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 xc = gelu_tanh_clamp(x), zh, zl, hi, k8;
    vf32 p = gelu_tanh_accurate_e(xc, t, &zh, &zl, &hi, &k8);
    struct logistic_reciprocal r = gelu_tanh_reciprocal(hi, p);
    struct exp_hilo e = {hi, vf32_mul(hi, p)};
    /* below x = -8 (r0 < e^-60) r0*res is under FLT_MIN: the complement
     * takes res = 0 there (w = 1 - r0 to 2^-80), and r0 is scaled in the
     * last products, as in the value */
    vmask32 tail = vf32_lt(x, vf32_set1(GELU_TANH_SCALED_BELOW));
    struct logistic_reciprocal r_complement = {r.r0, vf32_select(tail, vf32_zero(), r.res)};
    vf32 w, w_lo;
    logistic_complement(zh, e, r_complement, &w, &w_lo);
    (void)k8;
    vf32 r0 = GELU_TANH_SCALE_R0(x, r.r0, k8);
    vf32 a = vf32_mul(vf32_mul(vf32_set1(2.0f * GELU_TANH_C3_HI), vf32_mul(xc, xc)), xc);
    vf32 pz = vf32_add(zh, a);
    vf32 pl = vf32_add(vf32_add(vf32_sub(zh, pz), a), zl);
    vf32 v = vf32_fmadd(pz, w, one);
    v = vf32_fmadd(pz, w_lo, v);
    v = vf32_fmadd(pl, w, v);
    vf32 g = vf32_fmadd(r0, v, vf32_mul(vf32_mul(r.res, v), r0));
    g = GELU_TANH_UNSCALE(x, g, k8);
    g = gelu_tanh_root_fix(x, g);
    *special = gelu_tanh_special_lanes(x);
    return g;
}

#endif
