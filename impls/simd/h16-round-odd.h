/*
 * Rounding to odd, one value at a time, in portable C: the step that makes
 * two roundings one.  A float rounded to odd (the float nearest the exact
 * value on the side of zero, with its last bit set when the value is not a
 * float) lands on a midpoint of a format with at most 22 bits of precision
 * only when the exact value is that midpoint, so rounding it once more to
 * nearest even in bf16 or f16 gives the exact value's rounding: no double
 * rounding.  Included by impls/simd/bf16-value.h and f16-value.h, which
 * build the format's conversions from double on it; the vector headers
 * (bf16-<isa>.h, f16-<isa>.h) do the same lane by lane, bit for bit.
 *
 *   h16_float_bits(v), h16_bits_float(b)   bit casts
 *   h16_round_odd(hi, lo)       hi + lo rounded to odd, for hi = RN(hi + lo)
 *                               (lo the error of a Fast2Sum or TwoSum, or
 *                               any lo no larger than half an ulp of hi)
 *   h16_round_odd_double(d)     d rounded to odd to float (d itself when it
 *                               is a float; NaN stays NaN, overflow gives
 *                               FLT_MAX, which rounds on to infinity)
 *   h16_round_odd_double2(hi, lo)  hi + lo rounded to odd to float, for
 *                               |lo| <= |hi| (or both 0): a value and a
 *                               correction too small for one double
 */
#ifndef ACTBENCH_SIMD_H16_ROUND_ODD_H
#define ACTBENCH_SIMD_H16_ROUND_ODD_H

#include <stdint.h>
#include <string.h>

static inline uint32_t h16_float_bits(float v)
{
    uint32_t b;
    memcpy(&b, &v, sizeof b);
    return b;
}

static inline float h16_bits_float(uint32_t b)
{
    float v;
    memcpy(&v, &b, sizeof v);
    return v;
}

static inline float h16_round_odd(float hi, float lo)
{
    if (lo == 0.0f)
        return hi;
    uint32_t b = h16_float_bits(hi);
    /* lo of the other sign: hi + lo lies between hi and its neighbour
     * towards zero, which is the truncation */
    if ((h16_float_bits(lo) ^ b) >> 31)
        b -= 1u;
    return h16_bits_float(b | 1u);
}

static inline float h16_round_odd_double(double d)
{
    float f = (float)d;
    double back = f;
    if (back == d || d != d)
        return f;
    uint32_t b = h16_float_bits(f);
    /* f rounded away from zero (to infinity too): its neighbour towards zero */
    if ((back < 0 ? -back : back) > (d < 0 ? -d : d))
        b -= 1u;
    return h16_bits_float(b | 1u);
}

static inline float h16_round_odd_double2(double hi, double lo)
{
    /* Fast2Sum: s + e = hi + lo exactly */
    double s = hi + lo;
    double e = lo - (s - hi);
    float f = (float)s;
    double back = f;
    /* the sign of hi + lo - f: s - back is exact and, when not zero, at
     * least an ulp of s, which |e| is not; NaN for a NaN or infinite s */
    double rest = (s - back) + e;
    if (rest == 0.0 || rest != rest)
        return f;
    uint32_t b;
    if (back == 0.0)
        b = rest < 0 ? 0x80000000u : 0u;
    else
        b = h16_float_bits(f) - ((rest < 0) != (back < 0));
    return h16_bits_float(b | 1u);
}

#endif
