/*
 * tanh, value and derivative, written once over the SIMD layer (include
 * one ISA's impls/simd/f32-*.h and f64w-*.h first).  Every function maps
 * one vector of x to one vector of results; the kernels in impls/tanh/ run
 * them through impls/math/elementwise.h.  tanh is odd: every form works on
 * a = |x| and puts the sign of x back on at the end (tanh(-0) = -0).
 *
 * Saturation: tanh(a) rounds to 1 from a = TANH_SATURATION = 0x1.205968p+3
 * on (tanh(0x1.205966p+3) = 1 - 2^-25 - 2^-45.1 rounds to 1 - 2^-24).
 * Every value form returns min(y, 1 - 2^-24) below it and exactly 1 from
 * it on, so the kernels saturate where the correctly rounded value does,
 * whatever the rounding of their last step, and the lanes with huge a,
 * infinities included, need no special case.  NaN passes every step.
 *
 * Table method (tanh_table_value): piecewise polynomials.  a's float bits
 * give its slot, s = max((bits >> 22) - 245, 0): slot 0 is [0, 2^-4),
 * slots 1 .. 15 the halves of the binades from 2^-4 to T (15 from 8 on);
 * in slot s, with t = a - c_s exact (Sterbenz),
 *     tanh(a) ~ fma(t, q(t), c0),  q = c1 + t*(c2 + ... + t*c_d),
 * the coefficients looked up per lane from rows of 16 floats
 * (impls/math/tanh_data.c, impls/math/sollya/tanh_table.sollya), one
 * register each on AVX-512 (vpermps), two on AVX2 (2 vpermps and a blend),
 * plain indexing in C.  c_s is chosen so that tanh(c_s) lies within 2^-8
 * ulp of the float c0: the last FMA rounds a nearly exact sum once, q's
 * rounding scaled by |t*q| <= y/4.  In slot 0 the last step is fma(t, q, t)
 * with q = t*(c2 + ...): tanh(a) = a to the last bit below 2^-12, with
 * relative accuracy down to the subnormals.  From a = 1/2 on, where a step
 * of a moves tanh by less than an ulp, the centers sit at the right end of
 * their slot (t <= 0): q's series then has terms of one sign, Horner's
 * evaluation does not cancel, and t*q rises with t by more than its
 * rounding noise, which makes the kernels monotone (checked on every
 * float).  Accurate: degree 7 (fit 2^-26.9); fast: degree 6 (2^-23.9),
 * Horner's form in the scalar and AVX2 kernels.  The AVX-512F fast kernel
 * has a table of its own (tanh_table_fast32_*): 30 slots, quarters of
 * binades, at 32 positions (two registers a row, one vpermt2ps a lookup),
 * degree 5 (2^-26.25) by Estrin's scheme, slot 0 folded into the table
 * (y = a*(1 + q) there: no compare, no mask).
 *
 * Poly method (tanh_poly_fast_value): tanh(a) = -m/(m + 2) with
 * m = expm1(-2a) = 2^k*(1 + p(r)) - 1, -2a = k*ln2 + r (one-FMA reduction,
 * ln2 rounded to float), p(r) = r + r^2*q(r) of degree 6
 * (impls/math/sollya/tanh_poly.sollya), m = fma(2^k, p, 2^k - 1) with
 * 2^k - 1 exact: m keeps its relative accuracy where k = 0, so the
 * division needs no small-|x| path.  Monotone as m is: within one k, r
 * falls as a rises and p's rounding noise, scaled by r^2, is far below a
 * step of r; -m rises, -2 - m falls, and their quotient's rounding is
 * monotone.
 *
 * Derivative, both methods: sech^2(a) = 4E/(1 + E)^2, E = exp(-2a) in
 * (0, 1] (impls/math/exp_table.h): no cancellation anywhere, where the
 * textbook 1 - y^2 loses everything once y rounds to 1 (a > 9.01) while
 * sech^2 stays a normal number up to a = 44.36.  Accurate: E = hi + lo,
 * 1/(1 + E) = r0*(1 + res) compensated (impls/math/logistic.h),
 * w = E/(1 + E) with one rounding, sech^2 = 4*(w*r0 + w*r0*res).  Fast:
 * E by exp_table_fast or exp_poly_fast, 4E/((1 + E)*(1 + E)).  Lanes with
 * 2a > 87 (where E leaves the normal range), infinities and NaN are
 * special: recomputed in double off the fast path.
 */
#ifndef ACTBENCH_MATH_TANH_H
#define ACTBENCH_MATH_TANH_H

#include "coefficients.h"
#include "exp_poly.h"
#include "exp_table.h"
#include "logistic.h"
#include "tanh_data.h"

/* the first float whose tanh rounds to 1 */
#define TANH_SATURATION 0x1.205968p+3f
/* 1 - 2^-24, the largest float below 1 */
#define TANH_BELOW_ONE 0x1.fffffep-1f
/* every a below 2^-4 (slot 0) finds its slot as 0x1.8p-5 does: bits >> 22
 * is 245 for both */
#define TANH_TABLE_SLOT0_FLOOR 0x1.8p-5f
/* the derivative's fast forms need 2|x| <= 87 (float bits of 43.5) */
#define TANH_DERIVATIVE_LIMIT_BITS 0x422e0000

/* ----------------------------------------------------------------- value */

/* y = min(y, 1 - 2^-24) below the saturation, 1 from it on, with the sign
 * of x (y >= 0 or NaN; a NaN y stays NaN: min(c, y) returns y then) */
static inline vf32 tanh_finish(vf32 x, vf32 a, vf32 y)
{
    y = vf32_min(vf32_set1(TANH_BELOW_ONE), y);
    y = vf32_select(vf32_ge(a, vf32_set1(TANH_SATURATION)), vf32_set1(1.0f), y);
    return vf32_copysign(y, x);
}

/* The rows of a piecewise table held in registers. */
struct tanh_table_registers {
    vf32_table16 center;
    vf32_table16 c[8];
};

static inline struct tanh_table_registers tanh_table_load(const float (*rows)[16], int terms)
{
    struct tanh_table_registers t;
    t.center = vf32_table16_load(tanh_table_center);
    for (int i = 0; i < terms; i++)
        t.c[i] = vf32_table16_load(rows[i]);
    return t;
}

static inline struct tanh_table_registers tanh_table_accurate_load(void)
{
    return tanh_table_load(tanh_table_accurate, 8);
}

static inline struct tanh_table_registers tanh_table_fast_load(void)
{
    return tanh_table_load(tanh_table_fast, 7);
}

/* tanh(x) from the slot polynomials of degree `degree` (constant after
 * inlining: the Horner loop unrolls).  a is clamped to T first (NaN kept:
 * min(c, a) returns a then): infinities and huge |x| take the last slot's
 * value at T, which is 1. */
static inline __attribute__((always_inline)) vf32
tanh_table_value(vf32 x, const struct tanh_table_registers *t, int degree)
{
    vf32 a = vf32_min(vf32_set1(TANH_SATURATION), vf32_abs(x));
    /* position of a's slot: bits >> 22 of max(a, 0x1.8p-5), whose low four
     * bits the lookups use (slot s at position (s + 5) mod 16) */
    vi32 position = vi32_shr(vf32_as_vi32(vf32_max(vf32_set1(TANH_TABLE_SLOT0_FLOOR), a)), 22);
    vf32 u = vf32_sub(a, vf32_table16_lookup(t->center, position));
    vf32 q = vf32_table16_lookup(t->c[degree], position);
    for (int i = degree - 1; i >= 1; i--)
        q = vf32_fmadd(q, u, vf32_table16_lookup(t->c[i], position));
    /* slot 0 (a < 2^-4) adds a itself: its q is a*(c2 + ...) */
    vf32 addend = vf32_select(vf32_lt(a, vf32_set1(0x1p-4f)), u, vf32_table16_lookup(t->c[0], position));
    return vf32_copysign(vf32_fmadd(u, q, addend), x);
}

/* The fast tier's own table on AVX-512F (tanh_table_fast32, from the same
 * sollya script): 30 slots, slot 0 = [0, 2^-4) and the quarters of the
 * binades from 2^-4 to T; h = bits >> 21 of max(a, 0x1.cp-5) is 491 + s
 * in slot s, at position h mod 32 (each row in two registers, one
 * vpermt2ps a lookup); degree 5 (fit 2^-26.25), q = (c1 + c2*u) +
 * u^2*((c3 + c4*u) + u^2*c5) by Estrin's scheme, y = fma(u, q, c0).
 * Slot 0 is folded into the table: its center and c0 are 0 and its c1 is
 * 1, so u = a and y = u*q' with q' = 1 + c2*u + ...  q' rounds once,
 * within 2^-25 of its exact value, and the product once: below 2^-12, q'
 * = 1 and y = a to the last bit, down to the subnormals; up to 2^-4 the
 * exact product rises by at least ulp(a)*q' - a*2^-24 > 0 per step of a
 * while q' falls, so the rounded one never steps back.  No compare, mask
 * or blend for slot 0, and the sign goes back in by one ternary-logic
 * operation that overwrites y (the sign mask stays in its register).  Two
 * stages, so that a loop can start the next vector's first stage before
 * the current one's second (the AVX-512F kernel's forward loop): u and
 * the position, then the lookups of c0 .. c5 and the polynomial. */
#if VF32_LANES == 16 && defined(__AVX512F__)
struct tanh_table32_registers {
    __m512 lo[7], hi[7]; /* row 0 the centers, rows 1 .. 6 c0 .. c5 */
};

static inline struct tanh_table32_registers tanh_table_fast32_load(void)
{
    struct tanh_table32_registers t;
    t.lo[0] = _mm512_loadu_ps(tanh_table_fast32_center);
    t.hi[0] = _mm512_loadu_ps(tanh_table_fast32_center + 16);
    for (int i = 0; i < 6; i++) {
        t.lo[i + 1] = _mm512_loadu_ps(tanh_table_fast32[i]);
        t.hi[i + 1] = _mm512_loadu_ps(tanh_table_fast32[i] + 16);
    }
    return t;
}

/* row `row` at each lane's position (its low five bits) */
static inline __attribute__((always_inline)) vf32
tanh_table32_lookup(const struct tanh_table32_registers *t, int row, vi32 position)
{
    return _mm512_permutex2var_ps(t->lo[row], position, t->hi[row]);
}

#define TANH_TABLE32_SLOT0_POSITION_BITS 491 /* 0x1.cp-5's bits >> 21 */

/* the first stage: u = min(|x|, T) - c_s and the position of slot s (NaN
 * kept: min(c, a) returns a then) */
static inline __attribute__((always_inline)) vf32
tanh_table_fast32_reduce(vf32 x, const struct tanh_table32_registers *t, vi32 *position)
{
    vf32 a = vf32_min(vf32_set1(TANH_SATURATION), vf32_abs(x));
    *position = _mm512_max_epi32(vi32_shr(vf32_as_vi32(a), 21), vi32_set1(TANH_TABLE32_SLOT0_POSITION_BITS));
    return vf32_sub(a, tanh_table32_lookup(t, 0, *position));
}

/* the second stage: y = c0 + u*q, the sign of x put back by one ternary
 * logic operation, x its last operand (read from memory where the
 * compiler can) */
static inline __attribute__((always_inline)) vf32
tanh_table_fast32_finish(vf32 x, vf32 u, vi32 position, const struct tanh_table32_registers *t)
{
    vf32 u2 = vf32_mul(u, u);
    vf32 q12 = vf32_fmadd(tanh_table32_lookup(t, 3, position), u, tanh_table32_lookup(t, 2, position));
    vf32 q34 = vf32_fmadd(tanh_table32_lookup(t, 5, position), u, tanh_table32_lookup(t, 4, position));
    vf32 q = vf32_fmadd(vf32_fmadd(tanh_table32_lookup(t, 6, position), u2, q34), u2, q12);
    vf32 y = vf32_fmadd(u, q, tanh_table32_lookup(t, 1, position));
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(y), _mm512_set1_epi32(INT32_MIN),
                                                         _mm512_castps_si512(x), 0xb8));
}

static inline __attribute__((always_inline)) vf32
tanh_table_fast32_value(vf32 x, const struct tanh_table32_registers *t)
{
    vi32 position;
    vf32 u = tanh_table_fast32_reduce(x, t, &position);
    return tanh_table_fast32_finish(x, u, position, t);
}

#endif

/* --------------------------------------------------------- value, poly */

static inline vf32 tanh_poly_fast_value(vf32 x)
{
    const vf32 shift = vf32_set1(0x1.8p23f);
    vf32 a = vf32_abs(x);
    /* z = -2a, k = round(z/ln2), r = z - k*ln2 (|k| < 2^7 where it matters:
     * a < T; beyond, the lanes are replaced by 1) */
    vf32 z = vf32_mul(a, vf32_set1(-2.0f));
    vf32 kd = vf32_fmadd(z, vf32_set1(0x1.715476p+0f), shift);
    vf32 k = vf32_sub(kd, shift);
    vf32 r = vf32_fmadd(k, vf32_set1(-0x1.62e43p-1f), z);
    const float *c = tanh_poly_expm1;
    vf32 q = vf32_fmadd(vf32_set1(c[4]), r, vf32_set1(c[3]));
    q = vf32_fmadd(q, r, vf32_set1(c[2]));
    q = vf32_fmadd(q, r, vf32_set1(c[1]));
    q = vf32_fmadd(q, r, vf32_set1(c[0]));
    vf32 p = vf32_fmadd(vf32_mul(r, r), q, r);
    /* 2^k from k's bits in kd: (bits(kd) << 23) is k << 23 */
    vf32 s = vi32_as_vf32(vi32_add(vi32_shl(vf32_as_vi32(kd), 23), vi32_set1(0x3f800000)));
    vf32 m = vf32_fmadd(s, p, vf32_sub(s, vf32_set1(1.0f)));
    vf32 y = vf32_div(m, vf32_sub(vf32_set1(-2.0f), m));
    return tanh_finish(x, a, y);
}

/* ------------------------------------------------------------ derivative */

static inline vmask32 tanh_derivative_special_lanes(vf32 x)
{
    return vi32_gt(vf32_as_vi32(vf32_abs(x)), vi32_set1(TANH_DERIVATIVE_LIMIT_BITS));
}

/* sech^2 from E = exp(-2a) = e.hi + e.lo, to about half an ulp before the
 * last rounding */
static inline vf32 tanh_table_accurate_derivative(vf32 x, struct exp_table_tables tables, vmask32 *special)
{
    vf32 a2 = vf32_add(vf32_abs(x), vf32_abs(x));
    struct exp_hilo e = exp_table_accurate(a2, tables);
    struct logistic_reciprocal r = logistic_reciprocal_compensated(e);
    /* w = E/(1 + E) = (hi + lo)*(r0 + r0*res), rounded once */
    vf32 corr = vf32_mul(r.r0, r.res);
    vf32 w = vf32_fmadd(e.hi, r.r0, vf32_fmadd(e.lo, r.r0, vf32_mul(e.hi, corr)));
    /* 4*w/(1 + E) = 4*(w*r0 + w*r0*res) */
    vf32 g = vf32_fmadd(w, r.r0, vf32_mul(w, corr));
    *special = tanh_derivative_special_lanes(x);
    return vf32_mul(g, vf32_set1(4.0f));
}

static inline vf32 tanh_fast_derivative_of(vf32 e)
{
    vf32 s = vf32_add(vf32_set1(1.0f), e);
    return vf32_div(vf32_mul(e, vf32_set1(4.0f)), vf32_mul(s, s));
}

static inline vf32 tanh_table_fast_derivative(vf32 x, struct exp_table_tables tables, vmask32 *special)
{
    vf32 a2 = vf32_add(vf32_abs(x), vf32_abs(x));
    *special = tanh_derivative_special_lanes(x);
    return tanh_fast_derivative_of(exp_table_fast(a2, tables.scale, tables.lo_relative));
}

static inline vf32 tanh_poly_fast_derivative(vf32 x, vmask32 *special)
{
    vf32 a2 = vf32_add(vf32_abs(x), vf32_abs(x));
    *special = tanh_derivative_special_lanes(x);
    return tanh_fast_derivative_of(exp_poly_fast(a2));
}

/* ------------------------------------------------------------------ f64w */

/* sech^2 in double: 2|x| clamped to 300 (sech^2 rounds to +0 from |x| = 52
 * on), NaN kept (the x86 min returns its second operand then) */
static inline vf32 tanh_f64w_derivative(vf32 x)
{
    vf64w a2 = vf64w_widen(vf32_add(vf32_abs(x), vf32_abs(x)));
    vf64w e = exp_poly_accurate_f64w(vf64w_min(vf64w_set1(300.0), a2));
    vf64w s = vf64w_add(vf64w_set1(1.0), e);
    return vf64w_narrow(vf64w_div(vf64w_mul(vf64w_set1(4.0), e), vf64w_mul(s, s)));
}

/* the first float from which tanh_f64w_derivative gives +0: 4E/(1 + E)^2
 * falls to half the smallest subnormal (2^-150, which rounds to +0) between
 * 0x1.a56ef8p+5 (still 2^-149) and this float; checked on every float from
 * 43.5 to +inf, both signs */
#define TANH_DERIVATIVE_ZERO_BITS 0x4252b77d /* 0x1.a56efap+5 */

/* Not inlined: off the fast path.  Lanes from TANH_DERIVATIVE_ZERO on,
 * infinities included, are +0 as the double form gives them; the double
 * form runs only when a lane between 43.5 and that float, or a NaN, is
 * there (a scalar kernel spends 2^31 of all f32 inputs here). */
static __attribute__((noinline, unused)) vf32 tanh_derivative_special_case(vf32 x, vf32 g, vmask32 special)
{
    vi32 bits = vf32_as_vi32(vf32_abs(x));
    vmask32 zero = vmask32_andnot(vi32_gt(bits, vi32_set1(TANH_DERIVATIVE_ZERO_BITS - 1)),
                                  vi32_gt(bits, vi32_set1(0x7f800000)));
    vmask32 rest = vmask32_andnot(special, zero);
    g = vf32_select(zero, vf32_zero(), g);
    if (vmask32_any(rest))
        g = vf32_select(rest, tanh_f64w_derivative(x), g);
    return g;
}

/* The value forms have no special lanes; elementwise.h still takes a
 * special case, which is never called. */
static __attribute__((noinline, unused)) vf32 tanh_no_special_case(vf32 x, vf32 y, vmask32 special)
{
    (void)x, (void)special;
    return y;
}

#endif
