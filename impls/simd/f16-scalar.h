/*
 * The 16-bit layer for IEEE binary16 (f16), scalar: one lane, plain C over
 * impls/simd/f16-value.h.  The same identifiers and semantics as
 * impls/simd/f16-avx2.h (see bf16-avx2.h for the list), the checked
 * conversion's test included; include after impls/simd/f32-scalar.h (and
 * f64w-scalar.h for vh16_from_f64w).
 */
#ifndef ACTBENCH_SIMD_F16_SCALAR_H
#define ACTBENCH_SIMD_F16_SCALAR_H

#include <stddef.h>
#include <stdint.h>

#include "f16-value.h"

typedef uint16_t vh16;

static inline vh16 vh16_load(const uint16_t *p) { return *p; }
static inline void vh16_store(uint16_t *p, vh16 h) { *p = h; }
static inline vh16 vh16_load_tail(const uint16_t *p, size_t count) { return count ? *p : 0; }
static inline void vh16_store_tail(uint16_t *p, vh16 h, size_t count)
{
    if (count)
        *p = h;
}

static inline vh16 vh16_select(vmask32 m, vh16 a, vh16 b) { return m ? a : b; }
static inline vmask32 vh16_eq(vh16 a, vh16 b) { return a == b; }

static inline vf32 vh16_to_f32(vh16 h) { return h16_to_float(h); }
static inline vh16 vh16_from_f32(vf32 v) { return h16_from_float(v); }

static inline vh16 vh16_from_f32_checked(vf32 v, int k, vmask32 *ambiguous)
{
    vh16 up = h16_from_float(v * (1.0f + (float)k * 0x1p-23f));
    vh16 down = h16_from_float(v * (1.0f - (float)k * 0x1p-23f));
    *ambiguous = up != down;
    return up;
}

#ifdef ACTBENCH_SIMD_F64W
static inline vh16 vh16_from_f64w(vf64w d) { return h16_from_double(d); }
#endif

#include "h16-common.h"

#endif
