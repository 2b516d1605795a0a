/*
 * One IEEE binary16 (f16) value at a time, in portable C: the conversions
 * that every f16 header of the 16-bit layer (impls/simd/f16-<isa>.h) is
 * defined by and tested against bit for bit (tests/test_h16_layer.c).
 * The same identifiers as impls/simd/bf16-value.h (see there); here:
 *
 *   H16_FORMAT_NAME       "f16"
 *   H16_PRECISION         11
 *   H16_MIN_NORMAL        2^-14
 *   h16_to_float(h)       exact; a signalling NaN comes back quiet, as
 *                         F16C's vcvtph2ps gives it
 *   h16_from_float(v)     nearest even, overflow to infinity from 65520 up,
 *                         subnormals down to 2^-24; a NaN becomes the quiet
 *                         NaN with v's sign and the top 10 bits of its
 *                         payload (vcvtps2ph)
 *   h16_from_double(d), h16_from_double2(hi, lo)   correctly rounded
 */
#ifndef ACTBENCH_SIMD_F16_VALUE_H
#define ACTBENCH_SIMD_F16_VALUE_H

#include <stdint.h>

#include "h16-round-odd.h"

#define H16_FORMAT_NAME "f16"
#define H16_PRECISION 11
#define H16_MIN_NORMAL 0x1p-14f

static inline float h16_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16;
    uint32_t exponent = (h >> 10) & 0x1fu, significand = h & 0x3ffu;
    if (exponent == 31)
        return h16_bits_float(sign | 0x7f800000u | (significand ? 0x00400000u : 0u) | significand << 13);
    if (exponent == 0) {
        float f = (float)significand * 0x1p-24f;
        return sign ? -f : f;
    }
    return h16_bits_float(sign | (exponent + 112u) << 23 | significand << 13);
}

static inline uint16_t h16_from_float(float v)
{
    uint32_t b = h16_float_bits(v);
    uint16_t sign = (uint16_t)((b >> 16) & 0x8000u);
    uint32_t a = b & 0x7fffffffu;
    if (a > 0x7f800000u)
        return (uint16_t)(sign | 0x7e00u | ((a >> 13) & 0x3ffu));
    if (a >= 0x477ff000u) /* 65520 = 65504 + half an ulp, ties to even: infinity */
        return (uint16_t)(sign | 0x7c00u);
    if (a >= 0x38800000u) { /* 2^-14: normal; rebias the exponent and round 13 bits off */
        a -= (127u - 15u) << 23;
        return (uint16_t)(sign | ((a + 0xfffu + ((a >> 13) & 1u)) >> 13));
    }
    if (a < 0x33000000u) /* below 2^-25, half the smallest subnormal */
        return sign;
    /* subnormal: the significand in units of 2^-24, rounded to nearest even */
    uint32_t shift = 126u - (a >> 23);
    uint32_t significand = (a & 0x7fffffu) | 0x800000u;
    uint32_t q = significand >> shift, rest = significand & ((1u << shift) - 1u), half = 1u << (shift - 1u);
    q += rest > half || (rest == half && (q & 1u));
    return (uint16_t)(sign | q);
}

static inline uint16_t h16_from_double(double d) { return h16_from_float(h16_round_odd_double(d)); }

static inline uint16_t h16_from_double2(double hi, double lo)
{
    return h16_from_float(h16_round_odd_double2(hi, lo));
}

#endif
