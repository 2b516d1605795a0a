/*
 * One bfloat16 value at a time, in portable C: the conversions that every
 * bf16 header of the 16-bit layer (impls/simd/bf16-<isa>.h) is defined by
 * and tested against bit for bit (tests/test_h16_layer.c).  f16-value.h
 * defines the same identifiers for IEEE binary16, so code written over
 * them builds for either format.  The rounding to odd they use is
 * impls/simd/h16-round-odd.h.
 *
 *   H16_FORMAT_NAME       "bf16"
 *   H16_PRECISION         8: significand bits, the implicit one included
 *   H16_MIN_NORMAL        2^-126, the smallest normal value
 *   h16_to_float(h)       exact
 *   h16_from_float(v)     rounded to nearest, ties to even, with the
 *                         format's range (overflow to infinity) and
 *                         subnormals; a NaN becomes the quiet NaN with v's
 *                         sign and the top of its payload (the high half
 *                         with the quiet bit set, as vcvtneps2bf16 gives)
 *   h16_from_double(d)    d correctly rounded (to odd to float, then to
 *                         nearest even: one rounding)
 *   h16_from_double2(hi, lo)  hi + lo correctly rounded (|lo| <= |hi|):
 *                         a value and a correction too small for one double
 */
#ifndef ACTBENCH_SIMD_BF16_VALUE_H
#define ACTBENCH_SIMD_BF16_VALUE_H

#include <stdint.h>

#include "h16-round-odd.h"

#define H16_FORMAT_NAME "bf16"
#define H16_PRECISION 8
#define H16_MIN_NORMAL 0x1p-126f

static inline float h16_to_float(uint16_t h) { return h16_bits_float((uint32_t)h << 16); }

static inline uint16_t h16_from_float(float v)
{
    uint32_t b = h16_float_bits(v);
    if ((b & 0x7fffffffu) > 0x7f800000u)
        return (uint16_t)((b >> 16) | 0x0040u);
    /* a carry out of the low half rounds up, into the exponent when the
     * significand is all ones (to infinity above the largest bf16) */
    return (uint16_t)((b + 0x7fffu + ((b >> 16) & 1u)) >> 16);
}

static inline uint16_t h16_from_double(double d) { return h16_from_float(h16_round_odd_double(d)); }

static inline uint16_t h16_from_double2(double hi, double lo)
{
    return h16_from_float(h16_round_odd_double2(hi, lo));
}

#endif
