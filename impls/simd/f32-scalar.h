/*
 * The f32 SIMD layer for the scalar ISA: one lane, plain C on the x86-64
 * baseline.  The same identifiers as every header of the layer; see
 * f32-avx2.h for the list and their meaning.  With one lane there is no
 * tail: vf32_load_tail and vf32_store_tail are never called with 0 < k < 1.
 * The FMA forms call fmaf, which is exact but a library call where the
 * baseline has no FMA instruction.
 */
#ifndef ACTBENCH_SIMD_F32_SCALAR_H
#define ACTBENCH_SIMD_F32_SCALAR_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#define VF32_LANES 1

typedef float vf32;
typedef bool vmask32;

static inline vmask32 vf32_tail_mask(size_t count) { return count > 0; }
static inline vf32 vf32_load(const float *p) { return *p; }
static inline void vf32_store(float *p, vf32 v) { *p = v; }
static inline vf32 vf32_load_tail(const float *p, size_t count) { return count ? *p : 0.0f; }
static inline void vf32_store_tail(float *p, vf32 v, size_t count)
{
    if (count)
        *p = v;
}

static inline vf32 vf32_set1(float c) { return c; }
static inline vf32 vf32_zero(void) { return 0.0f; }

static inline vf32 vf32_add(vf32 a, vf32 b) { return a + b; }
static inline vf32 vf32_sub(vf32 a, vf32 b) { return a - b; }
static inline vf32 vf32_mul(vf32 a, vf32 b) { return a * b; }
static inline vf32 vf32_div(vf32 a, vf32 b) { return a / b; }
/* minps/maxps semantics: the second operand unless a < b (a > b) */
static inline vf32 vf32_min(vf32 a, vf32 b) { return a < b ? a : b; }
static inline vf32 vf32_max(vf32 a, vf32 b) { return a > b ? a : b; }
static inline vf32 vf32_neg(vf32 a) { return -a; }
static inline vf32 vf32_abs(vf32 a) { return fabsf(a); }

static inline vf32 vf32_fmadd(vf32 a, vf32 b, vf32 c) { return fmaf(a, b, c); }
static inline vf32 vf32_fmsub(vf32 a, vf32 b, vf32 c) { return fmaf(a, b, -c); }
static inline vf32 vf32_fnmadd(vf32 a, vf32 b, vf32 c) { return fmaf(-a, b, c); }

static inline vmask32 vf32_gt(vf32 a, vf32 b) { return a > b; }
static inline vmask32 vf32_ge(vf32 a, vf32 b) { return a >= b; }
static inline vmask32 vf32_lt(vf32 a, vf32 b) { return a < b; }
static inline vmask32 vf32_le(vf32 a, vf32 b) { return a <= b; }
static inline vmask32 vf32_eq(vf32 a, vf32 b) { return a == b; }
static inline vmask32 vf32_isnan(vf32 a) { return isnan(a); }

static inline vf32 vf32_select(vmask32 m, vf32 a, vf32 b) { return m ? a : b; }
static inline vmask32 vmask32_and(vmask32 a, vmask32 b) { return a && b; }
static inline vmask32 vmask32_or(vmask32 a, vmask32 b) { return a || b; }
static inline vmask32 vmask32_andnot(vmask32 a, vmask32 b) { return a && !b; }
static inline bool vmask32_any(vmask32 m) { return m; }

static inline float vf32_reduce_add(vf32 v) { return v; }
static inline float vf32_reduce_max(vf32 v) { return v; }

#endif
