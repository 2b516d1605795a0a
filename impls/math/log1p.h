/*
 * log1p(E) for E in (0, 1], over the SIMD layer (include one ISA's
 * impls/simd/f32-*.h first): the core of softplus (impls/math/softplus.h),
 * whose E = exp(-|x|) comes from impls/math/exp_table.h or exp_poly.h.
 * Relative accuracy holds as E -> 0 (softplus's negative tail, where
 * log1p(E) = E(1 - E/2 + ...)), because the rounding error of 1 + E is
 * kept and added back.
 *
 * Table forms: u = 1 + E rounded, c = (1 - u) + E its error (exact:
 * Fast2Sum, 1 >= E); bin i = round(8(u - 1)), at most 7, gives c_i ~ 1/u
 * and -log(c_i) from three 8-entry tables (impls/math/log1p_data.c, 96
 * bytes; one vpermps each on AVX2 and AVX-512); r = u*c_i - 1 is exact in
 * one FMA (c_i has few bits, impls/math/sollya/log1p.sollya) and lies in
 * [-0.094, 0.066]; bin 0 has c_0 = 1, so r = u - 1 and nothing cancels as
 * E -> 0.  Then
 *     log1p(E) = -log(c_i) + log1p(r) + log1p(c/u),
 * log1p(r) ~ r + r^2*q(r), c/u = c*c_i/(1 + r).
 *
 * log1p_table_accurate: E = e.hi + e.lo as exp_table_accurate gives it,
 *   first renormalised (Fast2Sum: eh + el, |el| <= 2^-24 eh) so that c is
 *   below 2^-23; in bin 0 (E < 1/16, c_0 = 1) r = eh and c = el instead
 *   (both exact; u - 1 and its error c would be of the same size for E
 *   near 2^-24, measured 0.95 ulp at x = -16.46 in softplus); q of degree 5 (2^-33.75); -log(c_i) as hi + lo;
 *   c/u ~ c*c_i*(1 - r + r^2) (the next term is below 2^-33 of the
 *   result).  The result is an unevaluated sum hi + tail with hi =
 *   -log(c_i)_hi + r and its rounding error exact (Fast2Sum: |log c_i| >=
 *   0.13 > |r| for i > 0, log c_0 = 0), the tail below 2^-4 of hi; the
 *   caller rounds hi + tail once.  Relative error of hi + tail: E's
 *   (2^-28 from exp_table_accurate) plus about 2^-30.
 * log1p_table_fast: E one float; q of degree 3 (2^-24.4), -log(c_i)'s hi
 *   part only, c/u ~ c*c_i; one float result.  The square takes the whole
 *   reduced argument r + c*c_i (rounded once, the sum that is needed
 *   anyway): with r alone, r^2 missed 2*r*c*c_i, up to about 2^-24 of the
 *   result near E = 1/16, and softplus reached 4.10 ulp on [-10, 10] (x =
 *   -0x1.62a15cp+1, over every float there); with it 3.79 ulp on [-10,
 *   -0.5] (every float, the scalar kernel against a long double
 *   reference), same operation count.
 * log1p_poly_fast (no table): log1p(E) = 2*atanh(s), s = E/(2 + E) in
 *   (0, 1/3] by one division, 2*atanh(s) ~ 2s + s^3*p(s^2), p of degree 3
 *   (2^-27.9): s carries E's relative error and one rounding of 2 + E,
 *   nothing cancels.
 * NaN propagates (through r, s).  E = 0 gives +0.
 */
#ifndef ACTBENCH_MATH_LOG1P_H
#define ACTBENCH_MATH_LOG1P_H

#include "coefficients.h"
#include "exp_table.h"
#include "log1p_data.h"

struct log1p_tables {
    vf32_table8 invc;   /* log1p_invc */
    vf32_table8 log_hi; /* log1p_log_hi */
    vf32_table8 log_lo; /* log1p_log_lo */
};

static inline struct log1p_tables log1p_load(void)
{
    struct log1p_tables t = {vf32_table8_load(log1p_invc.value), vf32_table8_load(log1p_log_hi.value),
                             vf32_table8_load(log1p_log_lo.value)};
    return t;
}

/* log1p(E) ~ hi + tail */
struct log1p_hilo {
    vf32 hi, tail;
};

/* the bin of u in [1, 2]: round(8(u - 1)), at most 7 (NaN gives 7), in
 * the low bits of the float 0x1.8p23 + bin: the FMA rounds 8u - 8 (exact)
 * plus the shifter to an integer as the conversion to int did (to
 * nearest, ties to even: 0x1.8p23 is even), and the table lookups read the
 * index's low three bits only.  One conversion fewer than converting
 * min(8u - 8, 7); the same bins. */
static inline vi32 log1p_bin(vf32 u)
{
    const float shift = 0x1.8p23f;
    return vf32_as_vi32(vf32_min(vf32_fmadd(u, vf32_set1(8.0f), vf32_set1(shift - 8.0f)), vf32_set1(shift + 7.0f)));
}

/* m as it is, hidden from the compiler: GCC 12 gives two AVX2 blends on
 * one compare mask a shared vpcmpgtd (0 > m), an operation the blends do
 * not need (vblendvps reads the sign bit); a mask that went through an
 * empty volatile asm is used as it is */
static inline vmask32 log1p_opaque_mask(vmask32 m)
{
#if VF32_LANES == 8 && defined(__AVX2__)
    __asm__ volatile("" : "+x"(m));
#endif
    return m;
}

/* 1 + eh + el (|el| tiny against eh) reduced by its bin: 1/c_i and
 * log(c_i) = log_hi + log_lo from the tables, r = u/c_i - 1 with u = 1 + eh
 * rounded, and c, what u misses of 1 + eh + el */
struct log1p_reduced {
    vf32 r, c, invc, log_hi, log_lo;
};

static inline struct log1p_reduced log1p_table_reduce(vf32 eh, vf32 el, struct log1p_tables t)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 u = vf32_add(one, eh);
    vf32 c = vf32_add(vf32_add(vf32_sub(one, u), eh), el);
    vi32 i = log1p_bin(u);
    struct log1p_reduced d;
    d.invc = vf32_table8_lookup(t.invc, i);
    d.log_hi = vf32_table8_lookup(t.log_hi, i);
    d.log_lo = vf32_table8_lookup(t.log_lo, i);
    /* bin 0 (u < 1 + 1/16, so c_0 = 1): r = eh and c = el, exact, instead
     * of u - 1 and 1 + E's rounding error, which for E near 2^-24 is as
     * large as r and would leave the tail no longer small */
    vmask32 bin0 = vf32_lt(u, vf32_set1(0x1.1p0f));
    d.r = vf32_select(log1p_opaque_mask(bin0), eh, vf32_fmsub(u, d.invc, one));
    d.c = vf32_select(log1p_opaque_mask(bin0), el, c);
    return d;
}

static inline struct log1p_hilo log1p_table_accurate(struct exp_hilo e, struct log1p_tables t)
{
    vf32 eh = vf32_add(e.hi, e.lo);
    vf32 el = vf32_sub(e.lo, vf32_sub(eh, e.hi));
    struct log1p_reduced d = log1p_table_reduce(eh, el, t);
    vf32 r = d.r, c = d.c, invc = d.invc, log_hi = d.log_hi, log_lo = d.log_lo;
    vf32 r2 = vf32_mul(r, r);
    const float *q = log1p_table_accurate_poly;
    vf32 p = vf32_fmadd(vf32_set1(q[5]), r, vf32_set1(q[4]));
    p = vf32_fmadd(p, r, vf32_set1(q[3]));
    p = vf32_fmadd(p, r, vf32_set1(q[2]));
    p = vf32_fmadd(p, r, vf32_set1(q[1]));
    p = vf32_fmadd(p, r, vf32_set1(q[0]));
    vf32 delta = vf32_mul(c, invc);
    delta = vf32_fmadd(delta, vf32_sub(r2, r), delta);
    vf32 s = vf32_add(log_hi, r);
    vf32 s_err = vf32_sub(r, vf32_sub(s, log_hi));
    vf32 tail = vf32_fmadd(r2, p, vf32_add(vf32_add(s_err, log_lo), delta));
    struct log1p_hilo l = {s, tail};
    return l;
}

static inline vf32 log1p_table_fast(vf32 e, struct log1p_tables t)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 u = vf32_add(one, e);
    vf32 c = vf32_add(vf32_sub(one, u), e);
    vi32 i = log1p_bin(u);
    vf32 invc = vf32_table8_lookup(t.invc, i);
    vf32 r = vf32_fmsub(u, invc, one);
    const float *q = log1p_table_fast_poly;
    vf32 p = vf32_fmadd(vf32_set1(q[3]), r, vf32_set1(q[2]));
    p = vf32_fmadd(p, r, vf32_set1(q[1]));
    p = vf32_fmadd(p, r, vf32_set1(q[0]));
    /* the whole reduced argument r + c*c_i, also inside the square */
    vf32 rc = vf32_fmadd(c, invc, r);
    vf32 l = vf32_fmadd(vf32_mul(rc, rc), p, rc);
    return vf32_add(vf32_table8_lookup(t.log_hi, i), l);
}

static inline vf32 log1p_poly_fast(vf32 e)
{
    vf32 s = vf32_div(e, vf32_add(vf32_set1(2.0f), e));
    vf32 s2 = vf32_mul(s, s);
    const float *c = log1p_poly_fast_poly;
    vf32 p = vf32_fmadd(vf32_set1(c[3]), s2, vf32_set1(c[2]));
    p = vf32_fmadd(p, s2, vf32_set1(c[1]));
    p = vf32_fmadd(p, s2, vf32_set1(c[0]));
    return vf32_fmadd(vf32_mul(s, s2), p, vf32_add(s, s));
}

/* log1p_poly_fast with s compensated: s0 = E/d rounded, d = 2 + E
 * rounded, de = (2 - d) + E (exact: Fast2Sum, 2 > E) and the division's
 * residual E - s0*d (exact, FMA) give s = s0 + (E - s0*d - s0*de)/(d + de)
 * with 1/(2 + E) = (1 - s0)/2.  The roundings of d and s0 moved the plain
 * form's s by up to 0.8 ulp of s, back and forth as E grows, and softplus
 * stepped backwards where one step of x moves it by half an ulp (64 steps
 * near x = -1 in actbench's windows); s is now a rounding of a value within
 * 2^-40 of E/(2 + E), and every operation after it is monotone in s.
 * Five more operations than log1p_poly_fast. */
static inline vf32 log1p_poly_fast_monotone(vf32 e)
{
    const vf32 two = vf32_set1(2.0f);
    const vf32 half = vf32_set1(0.5f);
    vf32 d = vf32_add(two, e);
    vf32 de = vf32_add(vf32_sub(two, d), e);
    vf32 s0 = vf32_div(e, d);
    vf32 residual = vf32_fnmadd(s0, d, e);
    vf32 s = vf32_fmadd(vf32_fnmadd(s0, de, residual), vf32_fnmadd(s0, half, half), s0);
    vf32 s2 = vf32_mul(s, s);
    const float *c = log1p_poly_fast_poly;
    vf32 p = vf32_fmadd(vf32_set1(c[3]), s2, vf32_set1(c[2]));
    p = vf32_fmadd(p, s2, vf32_set1(c[1]));
    p = vf32_fmadd(p, s2, vf32_set1(c[0]));
    return vf32_fmadd(vf32_mul(s, s2), p, vf32_add(s, s));
}

#endif
