/*
 * tanh and gelu_tanh for the 16-bit kernels (bf16, f16): the value
 * correctly rounded to the format, the derivative within a few float ulps;
 * over the SIMD layer (include one ISA's impls/simd/f32-*.h, f64w-*.h and
 * 16-bit header first), run by the loops of impls/math/elementwise16.h.
 *
 * Value, Ziv's strategy in two steps:
 *  1. float, every lane: the fast forms of the f32 kernels.
 *     tanh: the piecewise polynomials of degree 6 of impls/math/tanh.h
 *     (tanh_table_value with the fast rows, one final FMA), within
 *     TANH16_ERROR_FLOATS floats of the exact value over every bf16 and
 *     f16 input.  gelu_tanh: impls/math/gelu_tanh.h's fast table form,
 *     x/(1 + E), E = exp(-z) with z = c1 x + c3 x^3 carried as a float pair
 *     (x < -10 and -inf special), within GELU_TANH16_ERROR_FLOATS floats.
 *     tanh on f16 with AVX2 (tanh16_f16_value): eight slots of whole
 *     binades up to 4.5078125 and degree 7 (impls/math/sollya/
 *     tanh16_table.sollya), one vpermps per coefficient where the sixteen
 *     slots take two and a blend; within 1.61 floats over every f16 input.
 *     tanh on f16 with AVX-512 (tanh16_f16_avx512_value): 32 slots of
 *     quarter binades up to 4.5078125 and degree 5 (the same script), one
 *     vpermt2ps per coefficient; within 1.29 floats over every f16 input.
 *     The loop narrows with vh16_from_f32_checked(y, k): a lane is
 *     correctly rounded unless a midpoint of the format lies within k
 *     floats of y, and those lanes are flagged; tanh16_f16_avx512_value's
 *     kernels with vh16_from_f32_checked_normal, the same test on the
 *     float's dropped bits (its every y below 2^-14 is an f16 value).
 *  2. double, one flagged or special lane at a time (off the hot path):
 *     tanh(x) from glibc's double tanh; gelu_tanh(x) = x/2 + (x/2) tanh(u),
 *     u = sqrt(2/pi) (x + 0.044715 x^3), as a double pair for x >= -1 (for
 *     tiny x the correction (x/2) tanh(u) ~ 0.4 x^2 lies far below the last
 *     bit of x/2, and x/2 is a bf16 or f16 midpoint for every odd multiple
 *     of the smallest subnormal), x/(1 + exp(-2u)) below -1 (no
 *     cancellation; -2u's rounding costs |2u| 2^-53 relative, 2^-45 at the
 *     bf16 underflow near x = -13.4); rounded once to the format through
 *     rounding to odd (h16_from_double, h16_from_double2), so no value is
 *     rounded twice.
 * That every one of the 65536 encodings of each format rounds correctly is
 * checked bit for bit against MPFR (tests/test_h16_rounding.c); the
 * kernels' head comments give the measured distances.
 *
 * Derivative (1 ulp of the format): the f32 fast forms (tanh: 4E/(1 + E)^2,
 * E = exp(-2|x|) from the fast exp table, |x| > 43.5 and NaN in double;
 * gelu_tanh: r (1 + x z' E r), the root's polynomial within 1/16 of
 * x0 = -0.7518, x < -9.9 in double), times dy in float and rounded once to
 * the format.
 */
#ifndef ACTBENCH_MATH_TANH16_H
#define ACTBENCH_MATH_TANH16_H

#include <math.h>
#include <stdint.h>

#include "gelu_tanh.h"
#include "tanh.h"
#include "tanh16_data.h"

/* The float result of step 1 is within this many floats of the exact
 * value over every bf16 and f16 input it is not special for (measured
 * against MPFR: tanh 1.48 (bf16) and 1.56 (f16), gelu_tanh 1.92 and
 * 2.02; the kernels' head comments; the f16 forms of tanh against glibc's
 * double tanh: 1.61 on AVX2, 1.29 on AVX-512) */
#define TANH16_ERROR_FLOATS 3
#define GELU_TANH16_ERROR_FLOATS 3

static inline __attribute__((always_inline)) vf32 tanh16_value(vf32 x, const void *context, vmask32 *special)
{
    *special = vmask32_false();
    return tanh_table_value(x, (const struct tanh_table_registers *)context, 6);
}

static inline __attribute__((always_inline)) vf32 tanh16_derivative(vf32 x, const void *context, vmask32 *special)
{
    return tanh_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

static inline __attribute__((always_inline)) vf32 gelu_tanh16_value(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_fast_value(x, *(const struct exp_table_tables *)context, special);
}

static inline __attribute__((always_inline)) vf32 gelu_tanh16_derivative(vf32 x, const void *context,
                                                                         vmask32 *special)
{
    return gelu_tanh_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

/* f16's float step: |x| clamped to T16 = 4.5078125 (every |x| >= T16
 * rounds to 1 in f16: tanh(T16) = 1 - 2.42e-4 lies above the midpoint
 * 1 - 2^-12, so the clamped lanes' float, within a few floats of
 * tanh(T16), is far from every midpoint and rounds to 1 as their exact
 * values do), eight slots (slot 0 = [0, 2^-4), then one per binade) from
 * the exponent of max(a, 2^-5), one vpermps per coefficient, degree 7,
 * 2^-23.78 relative (impls/math/sollya/tanh16_table.sollya).  NaN flows
 * through (min(c, a) keeps it) and stays NaN. */
#define TANH16_F16_SATURATION 0x1.208p+2f

struct tanh16_f16_registers {
    vf32_table8 center;
    vf32_table8 c[8];
};

static inline struct tanh16_f16_registers tanh16_f16_load(void)
{
    struct tanh16_f16_registers t;
    t.center = vf32_table8_load(tanh16_table_center);
    for (int i = 0; i < 8; i++)
        t.c[i] = vf32_table8_load(tanh16_table[i]);
    return t;
}

static inline __attribute__((always_inline)) vf32 tanh16_f16_value(vf32 x, const void *context, vmask32 *special)
{
    const struct tanh16_f16_registers *t = (const struct tanh16_f16_registers *)context;
    *special = vmask32_false();
    vf32 a = vf32_min(vf32_set1(TANH16_F16_SATURATION), vf32_abs(x));
    /* the slot's position: the exponent bits of max(a, 2^-5), whose low
     * three bits the lookups use (slot s at (s + 2) mod 8) */
    vi32 position = vi32_shr(vf32_as_vi32(vf32_max(vf32_set1(0x1p-5f), a)), 23);
    vf32 u = vf32_sub(a, vf32_table8_lookup(t->center, position));
    vf32 q = vf32_table8_lookup(t->c[7], position);
    for (int i = 6; i >= 1; i--)
        q = vf32_fmadd(q, u, vf32_table8_lookup(t->c[i], position));
    return vf32_copysign(vf32_fmadd(u, q, vf32_table8_lookup(t->c[0], position)), x);
}

/* f16's float step on AVX-512: |x| clamped to T16 (as tanh16_f16_value),
 * 32 slots (slot 0 = [0, 2^-4), then the quarter binades up to T16) from
 * max(bits >> 21, 491) of a = min(T16, |x|), whose low five bits the
 * lookups use; a polynomial of degree 5 in u = a - c per slot, 2^-24.16
 * relative (impls/math/sollya/tanh16_table.sollya), each coefficient
 * looked up from two registers by one vpermt2ps (one shuffle, as a
 * vpermps of the sixteen slots, and one coefficient fewer than their
 * degree 6).  Slot 0: c = c0 = 0 and c1 = 1, so y = u*q with q = 1 + ...,
 * which rounds to 1 below 2^-12: y = |x| exactly there, and every y below
 * f16's smallest normal is an f16 value, so the loop may narrow it with
 * vh16_from_f32_checked_normal.  NaN flows through (min(c, a) keeps it);
 * the sign of x goes back by one ternary-logic operation. */
#if VF32_LANES == 16 && defined(__AVX512F__)
struct tanh16_f16_avx512_registers {
    __m512 center[2];
    __m512 c[6][2];
};

static inline struct tanh16_f16_avx512_registers tanh16_f16_avx512_load(void)
{
    struct tanh16_f16_avx512_registers t;
    for (int h = 0; h < 2; h++) {
        t.center[h] = _mm512_loadu_ps(tanh16_table32_center + 16 * h);
        for (int i = 0; i < 6; i++)
            t.c[i][h] = _mm512_loadu_ps(tanh16_table32[i] + 16 * h);
    }
    return t;
}

static inline __attribute__((always_inline)) vf32 tanh16_f16_avx512_value(vf32 x, const void *context,
                                                                         vmask32 *special)
{
    const struct tanh16_f16_avx512_registers *t = (const struct tanh16_f16_avx512_registers *)context;
    *special = vmask32_false();
    vf32 a = vf32_min(vf32_set1(TANH16_F16_SATURATION), vf32_abs(x));
    __m512i position = _mm512_max_epi32(_mm512_srli_epi32(_mm512_castps_si512(a), 21), _mm512_set1_epi32(491));
    vf32 u = vf32_sub(a, _mm512_permutex2var_ps(t->center[0], position, t->center[1]));
    vf32 q = _mm512_permutex2var_ps(t->c[5][0], position, t->c[5][1]);
    for (int i = 4; i >= 1; i--)
        q = vf32_fmadd(q, u, _mm512_permutex2var_ps(t->c[i][0], position, t->c[i][1]));
    vf32 y = vf32_fmadd(u, q, _mm512_permutex2var_ps(t->c[0][0], position, t->c[0][1]));
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_castps_si512(y), _mm512_set1_epi32(INT32_MIN),
                                                         _mm512_castps_si512(x), 0xb8));
}
#endif

/* ------------------------------------------------ step 2, one lane in double */

static inline uint16_t tanh16_correctly_rounded(float x) { return h16_from_double(tanh((double)x)); }

static inline uint16_t gelu_tanh16_correctly_rounded(float x)
{
    const double k = 0.79788456080286535588; /* sqrt(2/pi) */
    double xd = x;
    if (xd == -INFINITY)
        return h16_from_double(-0.0);
    if (xd == INFINITY || xd != xd)
        return h16_from_double(xd);
    double u = k * (xd + 0.044715 * xd * xd * xd);
    if (xd >= -1.0)
        return h16_from_double2(0.5 * xd, 0.5 * xd * tanh(u));
    /* below -1: x/(1 + e^(-2u)), -2u clamped where the result rounds to -0 */
    return h16_from_double(xd / (1.0 + exp(fmin(-2.0 * u, 700.0))));
}

/* The given lanes of h from one-value double evaluations, the others kept.
 * Off the hot path. */
static inline __attribute__((always_inline)) vh16 tanh16_lanes(vf32 x, vh16 h, vmask32 lanes,
                                                               uint16_t (*correctly_rounded)(float))
{
    float xs[VF32_LANES];
    uint16_t hs[VF32_LANES];
    vf32_store(xs, x);
    vh16_store(hs, h);
    unsigned bits = vmask32_bits(lanes);
    for (unsigned i = 0; i < VF32_LANES; i++)
        if (bits >> i & 1u)
            hs[i] = correctly_rounded(xs[i]);
    return vh16_load(hs);
}

static __attribute__((noinline, unused)) vh16 tanh16_special_case(vf32 x, vh16 h, vmask32 lanes)
{
    return tanh16_lanes(x, h, lanes, tanh16_correctly_rounded);
}

/* x < -10 (and -inf), gelu_tanh.h's special lanes, for the whole vector
 * in double (x/(1 + E), x clamped to -20, below which the value rounds to
 * -0 in both formats), rounded to odd to a float and then once to the
 * format; the flagged lanes above -10 one at a time. */
static __attribute__((noinline, unused)) vh16 gelu_tanh16_special_case(vf32 x, vh16 h, vmask32 lanes)
{
    vmask32 tail = vmask32_and(lanes, gelu_tanh_special_lanes(x));
    if (vmask32_any(tail)) {
        vf64w low = gelu_tanh_f64w_low(x);
        vf64w e = gelu_tanh_f64w_e(low, 0);
        vf32 y = vf64w_narrow_round_odd(vf64w_div(low, vf64w_add(vf64w_set1(1.0), e)));
        h = vh16_select(tail, vh16_from_f32(y), h);
        lanes = vmask32_andnot(lanes, tail);
    }
    if (vmask32_any(lanes))
        h = tanh16_lanes(x, h, lanes, gelu_tanh16_correctly_rounded);
    return h;
}

#endif
