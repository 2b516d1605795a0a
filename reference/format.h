/*
 * The number formats results are measured in: f32, bf16 and f16.  Their
 * order is the kernel contract's enum actbench_type, so a kernel's type is
 * the format it is measured in natively.  16-bit values are carried in
 * floats, which hold every one of them exactly.
 */
#ifndef ACTBENCH_FORMAT_H
#define ACTBENCH_FORMAT_H

#include <stdint.h>

#include "../include/actbench/kernel.h"

enum number_format {
    FMT_F32 = ACTBENCH_F32,
    FMT_BF16 = ACTBENCH_BF16,
    FMT_F16 = ACTBENCH_F16,
    FMT_COUNT = ACTBENCH_TYPE_COUNT
};

struct format_info {
    const char *name;
    int precision;   /* significand bits including the implicit one */
    int emin;        /* exponent of the smallest normal: 2^emin */
    int emax;        /* exponent of the largest finite binade */
};
extern const struct format_info format_catalog[FMT_COUNT];

/* Round a float to the format, nearest-even, with its range and subnormals. */
float format_round(enum number_format fmt, float x);
/* Decode a 16-bit encoding of bf16 or f16 to float (exact). */
float format_decode16(enum number_format fmt, uint16_t bits);
/* Encode a float that the 16-bit format represents exactly (a value of
 * format_round or format_decode16) as its 16-bit encoding; NaN becomes the
 * format's quiet NaN with the sign of x. */
uint16_t format_encode16(enum number_format fmt, float x);

/*
 * Ulp of the format in the binade of |v| (v finite): for |v| in
 * [2^e, 2^(e+1)) it is 2^(e - precision + 1), never below the subnormal
 * spacing 2^(emin - precision + 1).  For v = 0 it is the subnormal spacing.
 */
double format_ulp(enum number_format fmt, double v);

#endif
