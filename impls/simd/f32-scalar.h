/*
 * The SIMD layer for float32, scalar: one lane, plain C.  Same identifiers
 * and semantics as impls/simd/f32-avx2.h (see there for the full list), so
 * an algorithm of impls/math/ compiled with this header is the portable
 * reference of its vector versions: the same operations in the same order,
 * lane by lane.  What differs:
 *
 *   vf32 float, vi32 int32_t, vmask32 bool; VF32_LANES 1 (a tail never
 *   happens; the tail functions still touch only count elements)
 *   vf32_fmadd & co.   fmaf (one rounding, as the vector FMA): a libm
 *                      call on the x86-64 baseline, one vfmadd in the
 *                      FMA clone of a scalar own kernel (impls/
 *                      scalar_fma_clones.h.in), the same bits either way
 *   vf32_rcp_approx    1.0f / a (exact rounding: better than the vector
 *                      estimates, so use it only where the algorithm
 *                      refines the estimate anyway)
 *   vf32_min/_max      the x86 rule (second operand when either is NaN)
 *   table lookups      plain indexing (the index is masked to the size);
 *                      vf32_scalef as in f32-avx512f.h
 */
#ifndef ACTBENCH_SIMD_F32_SCALAR_H
#define ACTBENCH_SIMD_F32_SCALAR_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define VF32_LANES 1

typedef float vf32;
typedef int32_t vi32;
typedef bool vmask32;
typedef bool vsome32;
typedef const float *vf32_table8;
typedef const float *vf32_table16;
typedef const float *vf32_table32;

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
static inline vf32 vf32_fmadd(vf32 a, vf32 b, vf32 c) { return fmaf(a, b, c); }
static inline vf32 vf32_fmsub(vf32 a, vf32 b, vf32 c) { return fmaf(a, b, -c); }
static inline vf32 vf32_fnmadd(vf32 a, vf32 b, vf32 c) { return fmaf(-a, b, c); }
static inline vf32 vf32_rcp_approx(vf32 a) { return 1.0f / a; }
static inline vf32 vf32_min(vf32 a, vf32 b) { return a < b ? a : b; }
static inline vf32 vf32_max(vf32 a, vf32 b) { return a > b ? a : b; }
static inline vf32 vf32_abs(vf32 a) { return fabsf(a); }
static inline vf32 vf32_neg(vf32 a) { return -a; }
static inline vf32 vf32_copysign(vf32 magnitude, vf32 sign) { return copysignf(magnitude, sign); }
static inline vf32 vf32_round_nearest(vf32 a) { return nearbyintf(a); }
static inline vf32 vf32_scalef(vf32 a, vf32 n) { return ldexpf(a, (int)floorf(n)); }

static inline vmask32 vf32_lt(vf32 a, vf32 b) { return a < b; }
static inline vmask32 vf32_le(vf32 a, vf32 b) { return a <= b; }
static inline vmask32 vf32_gt(vf32 a, vf32 b) { return a > b; }
static inline vmask32 vf32_ge(vf32 a, vf32 b) { return a >= b; }
static inline vmask32 vf32_eq(vf32 a, vf32 b) { return a == b; }
static inline vmask32 vf32_unord(vf32 a, vf32 b) { return isnan(a) || isnan(b); }
static inline vmask32 vf32_isnan(vf32 a) { return isnan(a); }
static inline vmask32 vmask32_false(void) { return false; }
static inline vmask32 vmask32_and(vmask32 a, vmask32 b) { return a && b; }
static inline vmask32 vmask32_or(vmask32 a, vmask32 b) { return a || b; }
static inline vmask32 vmask32_andnot(vmask32 a, vmask32 b) { return a && !b; }
static inline bool vmask32_any(vmask32 m) { return m; }
static inline unsigned vmask32_bits(vmask32 m) { return m ? 1u : 0u; }
static inline vf32 vf32_select(vmask32 m, vf32 a, vf32 b) { return m ? a : b; }

static inline vi32 vf32_as_vi32(vf32 a)
{
    vi32 r;
    memcpy(&r, &a, sizeof r);
    return r;
}
static inline vf32 vi32_as_vf32(vi32 a)
{
    vf32 r;
    memcpy(&r, &a, sizeof r);
    return r;
}
static inline vi32 vf32_to_vi32(vf32 a) { return (vi32)lrintf(a); }
static inline vf32 vi32_to_vf32(vi32 a) { return (vf32)a; }
static inline vi32 vi32_set1(int32_t c) { return c; }
/* wrapping, as the vector instructions */
static inline vi32 vi32_add(vi32 a, vi32 b) { return (vi32)((uint32_t)a + (uint32_t)b); }
static inline vi32 vi32_sub(vi32 a, vi32 b) { return (vi32)((uint32_t)a - (uint32_t)b); }
static inline vi32 vi32_and(vi32 a, vi32 b) { return a & b; }
static inline vi32 vi32_or(vi32 a, vi32 b) { return a | b; }
static inline vi32 vi32_xor(vi32 a, vi32 b) { return a ^ b; }
static inline vi32 vi32_shl(vi32 a, int n) { return (vi32)((uint32_t)a << n); }
static inline vi32 vi32_shr(vi32 a, int n) { return (vi32)((uint32_t)a >> n); }
static inline vi32 vi32_sra(vi32 a, int n)
{
    /* arithmetic shift spelled out (>> of a negative int is
     * implementation-defined in C11) */
    uint32_t u = (uint32_t)a >> n;
    if (a < 0)
        u |= ~(UINT32_MAX >> n);
    return (vi32)u;
}
static inline vmask32 vi32_gt(vi32 a, vi32 b) { return a > b; }
static inline vmask32 vi32_none(vi32 a, vi32 bits) { return (a & bits) == 0; }
static inline vsome32 vsome32_of(vi32 a, vi32 bits) { return (a & bits) != 0; }
static inline vsome32 vsome32_add(vsome32 s, vi32 a, vi32 bits) { return s && (a & bits) != 0; }
static inline bool vsome32_all(vsome32 s) { return s; }

static inline vf32_table8 vf32_table8_load(const float *table) { return table; }
static inline vf32 vf32_table8_lookup(vf32_table8 table, vi32 index) { return table[index & 7]; }
static inline vf32_table16 vf32_table16_load(const float *table) { return table; }
static inline vf32 vf32_table16_lookup(vf32_table16 table, vi32 index) { return table[index & 15]; }
static inline vf32_table32 vf32_table32_load(const float *table) { return table; }
static inline vf32 vf32_table32_lookup(vf32_table32 table, vi32 index) { return table[index & 31]; }
static inline vf32 vf32_gather(const float *table, vi32 index) { return table[index]; }

static inline float vf32_reduce_add(vf32 v) { return v; }
static inline float vf32_reduce_max(vf32 v) { return v; }
static inline vf32 vf32_add_all(vf32 v) { return v; }
static inline vf32 vf32_max_all(vf32 v) { return v; }
static inline float vf32_lane0(vf32 v) { return v; }
/* a block of one row of 16: its entries */
static inline void vf32_load_columns16(const float *p, vf32 c[16])
{
    for (int j = 0; j < 16; j++)
        c[j] = p[j];
}
static inline void vf32_store_columns16(float *p, const vf32 c[16])
{
    for (int j = 0; j < 16; j++)
        p[j] = c[j];
}

static inline vf32 vf32_zero_where(vmask32 m, vf32 a) { return m ? 0.0f : a; }
static inline vf32 vf32_nan_or(vf32 x, vf32 d) { return isnan(x) ? x : d; }


/* a block is one row of 16 */
static inline vf32 vf32_rows16_max(const vf32 v[16])
{
    vf32 m = v[0];
    for (int j = 1; j < 16; j++)
        m = v[j] > m ? v[j] : m;
    return m;
}
/* in the AVX2 tree's order: entries j and j + 8, then 2 apart, 1 apart
 * and 4 apart */
static inline vf32 vf32_rows16_add(const vf32 v[16])
{
    vf32 h[8];
    for (int j = 0; j < 8; j++)
        h[j] = v[j] + v[j + 8];
    vf32 t0 = h[0] + h[2], t1 = h[1] + h[3], t4 = h[4] + h[6], t5 = h[5] + h[7];
    return (t0 + t1) + (t4 + t5);
}
static inline vi32 vi32_rows16_add(const vi32 v[16])
{
    uint32_t s = 0;
    for (int j = 0; j < 16; j++)
        s += (uint32_t)v[j];
    return (vi32)s;
}
static inline vf32 vf32_rows16_spread(vf32 packed, int j)
{
    (void)j;
    return packed;
}

#endif
