/*
 * The SIMD layer for float32 on AVX2 + FMA: 8 lanes in a __m256.
 *
 * impls/simd/f32-scalar.h, f32-avx2.h and f32-avx512f.h define the same
 * identifiers, so an algorithm written once over them (impls/math/,
 * impls/peers/) builds for every ISA; a kernel file includes exactly one of
 * them (with its f64w companion when it needs one) and then the algorithm
 * headers, and is compiled with that ISA's flags.  Everything is a static
 * inline function; nothing builds a name.  This header's list is the
 * reference for all three.
 *
 * Types
 *   vf32          float lanes                    (__m256)
 *   vi32          int32 lanes                    (__m256i)
 *   vmask32       per-lane condition             (__m256, all-ones lanes)
 *   vf32_table8   8-entry table in a register    (one __m256)
 *   vf32_table16  16-entry table in registers    (two __m256)
 *   VF32_LANES    8
 * Memory (unaligned; a tail touches elements 0 .. count-1 only, 0 < count <
 * VF32_LANES, through vmaskmovps, which neither reads nor writes the
 * masked-off lanes and takes no fault there)
 *   vf32_load(p)  vf32_store(p, v)
 *   vf32_load_tail(p, count)       the other lanes are +0
 *   vf32_store_tail(p, v, count)   vf32_tail_mask(count): lanes 0 .. count-1
 * Arithmetic (IEEE, rounded to nearest)
 *   vf32_set1(c)  vf32_zero()  vf32_add  vf32_sub  vf32_mul  vf32_div
 *   vf32_fmadd(a, b, c) = a*b + c, vf32_fmsub = a*b - c,
 *   vf32_fnmadd = c - a*b          fused: one rounding each
 *   vf32_rcp_approx(a)             1/a to 12 bits (|rel. error| <= 1.5*2^-12)
 *   vf32_min  vf32_max             when either operand is NaN the SECOND is
 *                                  returned (minps/maxps): min(c, x) keeps a
 *                                  NaN x, min(x, c) drops it
 *   vf32_abs  vf32_neg  vf32_copysign(magnitude, sign)
 *   vf32_round_nearest(a)          to an integral value, ties to even
 * Compares (ordered: false when a lane is NaN, apart from _unord and isnan)
 *   vf32_lt  vf32_le  vf32_gt  vf32_ge  vf32_eq  vf32_unord(a, b)
 *   vf32_isnan(a)                                          -> vmask32
 *   vmask32_false()  vmask32_and  vmask32_or  vmask32_andnot(a, b) = a & ~b
 *   vmask32_any(m)  vmask32_bits(m) (bit i for lane i)
 *   vf32_select(m, a, b)           a where m is set, else b
 *   vf32_zero_where(m, a)          +0 where m is set, else a
 *   vf32_nan_or(x, d)              x, its bits, where x is NaN, else d
 * Bits and integers (for exponent tricks)
 *   vf32_as_vi32  vi32_as_vf32     bit casts
 *   vf32_to_vi32 (round to nearest)  vi32_to_vf32
 *   vi32_set1  vi32_add  vi32_sub  vi32_and  vi32_or  vi32_xor  (wrapping)
 *   vi32_shl(v, n)  vi32_shr(v, n) logical  vi32_sra(v, n) arithmetic
 *   vi32_gt(a, b)                  signed compare -> vmask32
 *   vi32_none(a, bits)             lanes where a AND bits is 0 (vptestnmd on AVX-512)
 * Bit tests over many vectors (one check per block of vectors, the guard of
 * a special case: cheaper than a vi32_none and a vmask32_or per vector)
 *   vsome32                        what the vectors tested so far had
 *   vsome32_of(a, bits)            starts with a: its lanes with some of bits set
 *   vsome32_add(s, a, bits)        adds a
 *   vsome32_all(s)                 whether every lane of every vector added
 *                                  had some of bits set
 *                                  (AVX2: the running unsigned minimum of
 *                                  a AND bits, one vpand and one vpminud a
 *                                  vector; AVX-512: a k-mask narrowed by a
 *                                  masked vptestmd, one operation a vector)
 * Table lookups (the index lanes' low bits pick the entry; the higher bits
 * are ignored by the 8- and 16-entry lookups)
 *   vf32_table8_load(t)   vf32_table8_lookup(table, index)    one vpermps
 *   vf32_table16_load(t)  vf32_table16_lookup(table, index)   2 vpermps + blend
 *   vf32_table32_load(t)  vf32_table32_lookup(table, index)   4 vpermps + 3 blends
 *                         (one vpermt2ps in f32-avx512f.h; on Zen 5 still
 *                         cheaper than vgatherdps, about 4.4 cycles a ymm
 *                         gather against under 2 for these 7 operations)
 *   vf32_gather(t, index)                                     vgatherdps
 *   (f32-avx512f.h and f32-scalar.h also have vf32_scalef)
 * Horizontal
 *   vf32_reduce_add(v)  vf32_reduce_max(v)     to a float
 *   vf32_add_all(v)  vf32_max_all(v)           to every lane (butterfly:
 *                                  log2(lanes) swaps, the order of the sums
 *                                  differs between ISAs)
 *   vf32_lane0(v)                  lane 0 as a float
 *   vf32_add_across4(a, b, c, d)  vf32_max_across4(a, b, c, d)
 *                                  the four totals packed in one vector
 *                                  (every lane holds one of them: an
 *                                  elementwise operation on the packed
 *                                  vector acts on the four totals);
 *                                  vf32_spread4(packed, i): input i's
 *                                  total in every lane (AVX2 and AVX-512
 *                                  only: four totals need four lanes)
 * Blocks of rows of 16
 *   vf32_load_columns16(p, c[16])  VF32_LANES rows of 16 floats (row r at
 *                                  p + 16r) as 16 column vectors: lane r of
 *                                  c[j] is entry j of row r (a transpose:
 *                                  two 8x8 in 24 shuffles each on AVX2, one
 *                                  16x16 in 64 on AVX-512, plain loads on
 *                                  the scalar ISA)
 *   vf32_store_columns16(p, c[16]) the inverse
 *   vf32_rows16_max(v[16])         VF32_LANES rows of 16 floats in memory
 *   vf32_rows16_add(v[16])         order (v[j] = vector j of the block): lane
 *   vi32_rows16_add(v[16])
 *                                  r of the result is row r's maximum / its
 *                                  sum (float: rounded in the tree's order,
 *                                  which differs between ISAs) / its
 *                                  wrapping int32 sum (unpacks and shuffles
 *                                  pairing the rows, no full transpose)
 *   vf32_rows16_spread(packed, j)  row(j)'s lane of packed in every lane of
 *                                  vector j's shape (one vpermps)
 * Wider companions: impls/simd/f64w-<isa>.h (double lanes, as many as
 * vf32 has: widen, evaluate, narrow once).
 */
#ifndef ACTBENCH_SIMD_F32_AVX2_H
#define ACTBENCH_SIMD_F32_AVX2_H

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VF32_LANES 8

typedef __m256 vf32;
typedef __m256i vi32;
typedef __m256 vmask32;
typedef __m256i vsome32;
typedef __m256 vf32_table8;
typedef struct {
    __m256 lo, hi;
} vf32_table16;
typedef struct {
    __m256 q0, q1, q2, q3;
} vf32_table32;

/* Lanes 0 .. count-1 set (count <= 8). */
static inline __m256i vf32_tail_bits(size_t count)
{
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), lane);
}

static inline vmask32 vf32_tail_mask(size_t count) { return _mm256_castsi256_ps(vf32_tail_bits(count)); }
static inline vf32 vf32_load(const float *p) { return _mm256_loadu_ps(p); }
static inline void vf32_store(float *p, vf32 v) { _mm256_storeu_ps(p, v); }
static inline vf32 vf32_load_tail(const float *p, size_t count)
{
    return _mm256_maskload_ps(p, vf32_tail_bits(count));
}
static inline void vf32_store_tail(float *p, vf32 v, size_t count)
{
    _mm256_maskstore_ps(p, vf32_tail_bits(count), v);
}

static inline vf32 vf32_set1(float c) { return _mm256_set1_ps(c); }
static inline vf32 vf32_zero(void) { return _mm256_setzero_ps(); }
static inline vf32 vf32_add(vf32 a, vf32 b) { return _mm256_add_ps(a, b); }
static inline vf32 vf32_sub(vf32 a, vf32 b) { return _mm256_sub_ps(a, b); }
static inline vf32 vf32_mul(vf32 a, vf32 b) { return _mm256_mul_ps(a, b); }
static inline vf32 vf32_div(vf32 a, vf32 b) { return _mm256_div_ps(a, b); }
static inline vf32 vf32_fmadd(vf32 a, vf32 b, vf32 c) { return _mm256_fmadd_ps(a, b, c); }
static inline vf32 vf32_fmsub(vf32 a, vf32 b, vf32 c) { return _mm256_fmsub_ps(a, b, c); }
static inline vf32 vf32_fnmadd(vf32 a, vf32 b, vf32 c) { return _mm256_fnmadd_ps(a, b, c); }
static inline vf32 vf32_rcp_approx(vf32 a) { return _mm256_rcp_ps(a); }
static inline vf32 vf32_min(vf32 a, vf32 b) { return _mm256_min_ps(a, b); }
static inline vf32 vf32_max(vf32 a, vf32 b) { return _mm256_max_ps(a, b); }
static inline vf32 vf32_abs(vf32 a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
static inline vf32 vf32_neg(vf32 a) { return _mm256_xor_ps(a, _mm256_set1_ps(-0.0f)); }
static inline vf32 vf32_copysign(vf32 magnitude, vf32 sign)
{
    const __m256 s = _mm256_set1_ps(-0.0f);
    return _mm256_or_ps(_mm256_andnot_ps(s, magnitude), _mm256_and_ps(s, sign));
}
static inline vf32 vf32_round_nearest(vf32 a)
{
    return _mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}

static inline vmask32 vf32_lt(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
static inline vmask32 vf32_le(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_LE_OQ); }
static inline vmask32 vf32_gt(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
static inline vmask32 vf32_ge(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_GE_OQ); }
static inline vmask32 vf32_eq(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
static inline vmask32 vf32_unord(vf32 a, vf32 b) { return _mm256_cmp_ps(a, b, _CMP_UNORD_Q); }
static inline vmask32 vf32_isnan(vf32 a) { return _mm256_cmp_ps(a, a, _CMP_UNORD_Q); }
static inline vmask32 vmask32_false(void) { return _mm256_setzero_ps(); }
static inline vmask32 vmask32_and(vmask32 a, vmask32 b) { return _mm256_and_ps(a, b); }
static inline vmask32 vmask32_or(vmask32 a, vmask32 b) { return _mm256_or_ps(a, b); }
static inline vmask32 vmask32_andnot(vmask32 a, vmask32 b) { return _mm256_andnot_ps(b, a); }
static inline bool vmask32_any(vmask32 m) { return _mm256_movemask_ps(m) != 0; }
static inline unsigned vmask32_bits(vmask32 m) { return (unsigned)_mm256_movemask_ps(m); }
static inline vf32 vf32_select(vmask32 m, vf32 a, vf32 b) { return _mm256_blendv_ps(b, a, m); }

static inline vi32 vf32_as_vi32(vf32 a) { return _mm256_castps_si256(a); }
static inline vf32 vi32_as_vf32(vi32 a) { return _mm256_castsi256_ps(a); }
static inline vi32 vf32_to_vi32(vf32 a) { return _mm256_cvtps_epi32(a); }
static inline vf32 vi32_to_vf32(vi32 a) { return _mm256_cvtepi32_ps(a); }
static inline vi32 vi32_set1(int32_t c) { return _mm256_set1_epi32(c); }
static inline vi32 vi32_add(vi32 a, vi32 b) { return _mm256_add_epi32(a, b); }
static inline vi32 vi32_sub(vi32 a, vi32 b) { return _mm256_sub_epi32(a, b); }
static inline vi32 vi32_and(vi32 a, vi32 b) { return _mm256_and_si256(a, b); }
static inline vi32 vi32_or(vi32 a, vi32 b) { return _mm256_or_si256(a, b); }
static inline vi32 vi32_xor(vi32 a, vi32 b) { return _mm256_xor_si256(a, b); }
static inline vi32 vi32_shl(vi32 a, int n) { return _mm256_slli_epi32(a, n); }
static inline vi32 vi32_shr(vi32 a, int n) { return _mm256_srli_epi32(a, n); }
static inline vi32 vi32_sra(vi32 a, int n) { return _mm256_srai_epi32(a, n); }
static inline vmask32 vi32_gt(vi32 a, vi32 b) { return _mm256_castsi256_ps(_mm256_cmpgt_epi32(a, b)); }
static inline vmask32 vi32_none(vi32 a, vi32 bits)
{
    return _mm256_castsi256_ps(_mm256_cmpeq_epi32(_mm256_and_si256(a, bits), _mm256_setzero_si256()));
}
static inline vsome32 vsome32_of(vi32 a, vi32 bits) { return _mm256_and_si256(a, bits); }
static inline vsome32 vsome32_add(vsome32 s, vi32 a, vi32 bits)
{
    return _mm256_min_epu32(s, _mm256_and_si256(a, bits));
}
static inline bool vsome32_all(vsome32 s)
{
    return _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(s, _mm256_setzero_si256()))) == 0;
}

static inline vf32_table8 vf32_table8_load(const float *table) { return _mm256_loadu_ps(table); }
static inline vf32 vf32_table8_lookup(vf32_table8 table, vi32 index)
{
    return _mm256_permutevar8x32_ps(table, index);
}
static inline vf32_table16 vf32_table16_load(const float *table)
{
    vf32_table16 t = {_mm256_loadu_ps(table), _mm256_loadu_ps(table + 8)};
    return t;
}
static inline vf32 vf32_table16_lookup(vf32_table16 table, vi32 index)
{
    /* bit 3 of the index picks the half: shifted into the sign bit it
     * drives blendv directly */
    __m256 lo = _mm256_permutevar8x32_ps(table.lo, index);
    __m256 hi = _mm256_permutevar8x32_ps(table.hi, index);
    return _mm256_blendv_ps(lo, hi, _mm256_castsi256_ps(_mm256_slli_epi32(index, 28)));
}
static inline vf32_table32 vf32_table32_load(const float *table)
{
    vf32_table32 t = {_mm256_loadu_ps(table), _mm256_loadu_ps(table + 8), _mm256_loadu_ps(table + 16),
                      _mm256_loadu_ps(table + 24)};
    return t;
}
static inline vf32 vf32_table32_lookup(vf32_table32 table, vi32 index)
{
    /* bits 3 and 4 of the index pick the quarter, each shifted into the
     * sign bit for blendv (the shifts are shared by lookups of one index) */
    __m256 bit3 = _mm256_castsi256_ps(_mm256_slli_epi32(index, 28));
    __m256 bit4 = _mm256_castsi256_ps(_mm256_slli_epi32(index, 27));
    __m256 lo = _mm256_blendv_ps(_mm256_permutevar8x32_ps(table.q0, index),
                                 _mm256_permutevar8x32_ps(table.q1, index), bit3);
    __m256 hi = _mm256_blendv_ps(_mm256_permutevar8x32_ps(table.q2, index),
                                 _mm256_permutevar8x32_ps(table.q3, index), bit3);
    return _mm256_blendv_ps(lo, hi, bit4);
}
static inline vf32 vf32_gather(const float *table, vi32 index)
{
    return _mm256_i32gather_ps(table, index, 4);
}

static inline float vf32_reduce_add(vf32 v)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
static inline float vf32_reduce_max(vf32 v)
{
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

/* one vandnps */
static inline vf32 vf32_zero_where(vmask32 m, vf32 a) { return _mm256_andnot_ps(m, a); }
static inline vf32 vf32_nan_or(vf32 x, vf32 d)
{
    return _mm256_blendv_ps(d, x, _mm256_cmp_ps(x, x, _CMP_UNORD_Q));
}

static inline vf32 vf32_add_all(vf32 v)
{
    v = _mm256_add_ps(v, _mm256_permute2f128_ps(v, v, 1));
    v = _mm256_add_ps(v, _mm256_permute_ps(v, 0x4e));
    return _mm256_add_ps(v, _mm256_permute_ps(v, 0xb1));
}
static inline vf32 vf32_max_all(vf32 v)
{
    v = _mm256_max_ps(v, _mm256_permute2f128_ps(v, v, 1));
    v = _mm256_max_ps(v, _mm256_permute_ps(v, 0x4e));
    return _mm256_max_ps(v, _mm256_permute_ps(v, 0xb1));
}
static inline float vf32_lane0(vf32 v) { return _mm256_cvtss_f32(v); }

/* lanes 0-1: a's total, 2-3: c's, 4-5: b's, 6-7: d's */
static inline vf32 vf32_add_across4(vf32 a, vf32 b, vf32 c, vf32 d)
{
    __m256 ab = _mm256_add_ps(_mm256_permute2f128_ps(a, b, 0x20), _mm256_permute2f128_ps(a, b, 0x31));
    __m256 cd = _mm256_add_ps(_mm256_permute2f128_ps(c, d, 0x20), _mm256_permute2f128_ps(c, d, 0x31));
    __m256 u = _mm256_add_ps(_mm256_shuffle_ps(ab, cd, _MM_SHUFFLE(1, 0, 1, 0)),
                             _mm256_shuffle_ps(ab, cd, _MM_SHUFFLE(3, 2, 3, 2)));
    return _mm256_add_ps(u, _mm256_permute_ps(u, 0xb1));
}
static inline vf32 vf32_max_across4(vf32 a, vf32 b, vf32 c, vf32 d)
{
    __m256 ab = _mm256_max_ps(_mm256_permute2f128_ps(a, b, 0x20), _mm256_permute2f128_ps(a, b, 0x31));
    __m256 cd = _mm256_max_ps(_mm256_permute2f128_ps(c, d, 0x20), _mm256_permute2f128_ps(c, d, 0x31));
    __m256 u = _mm256_max_ps(_mm256_shuffle_ps(ab, cd, _MM_SHUFFLE(1, 0, 1, 0)),
                             _mm256_shuffle_ps(ab, cd, _MM_SHUFFLE(3, 2, 3, 2)));
    return _mm256_max_ps(u, _mm256_permute_ps(u, 0xb1));
}
/* 8x8 transpose of r[0], r[step], ..., r[7*step] into c[0..7] */
static inline void vf32_transpose8(const __m256 *r, int step, __m256 *c)
{
    __m256 t[8], u[8];
    for (int i = 0; i < 4; i++) {
        t[2 * i] = _mm256_unpacklo_ps(r[2 * i * step], r[(2 * i + 1) * step]);
        t[2 * i + 1] = _mm256_unpackhi_ps(r[2 * i * step], r[(2 * i + 1) * step]);
    }
    for (int i = 0; i < 2; i++) {
        u[4 * i] = _mm256_shuffle_ps(t[4 * i], t[4 * i + 2], _MM_SHUFFLE(1, 0, 1, 0));
        u[4 * i + 1] = _mm256_shuffle_ps(t[4 * i], t[4 * i + 2], _MM_SHUFFLE(3, 2, 3, 2));
        u[4 * i + 2] = _mm256_shuffle_ps(t[4 * i + 1], t[4 * i + 3], _MM_SHUFFLE(1, 0, 1, 0));
        u[4 * i + 3] = _mm256_shuffle_ps(t[4 * i + 1], t[4 * i + 3], _MM_SHUFFLE(3, 2, 3, 2));
    }
    for (int q = 0; q < 4; q++) {
        c[q] = _mm256_permute2f128_ps(u[q], u[4 + q], 0x20);
        c[4 + q] = _mm256_permute2f128_ps(u[q], u[4 + q], 0x31);
    }
}
static inline void vf32_load_columns16(const float *p, vf32 c[16])
{
    __m256 r[16];
    for (int i = 0; i < 8; i++) {
        r[2 * i] = _mm256_loadu_ps(p + 16 * i);
        r[2 * i + 1] = _mm256_loadu_ps(p + 16 * i + 8);
    }
    vf32_transpose8(r, 2, c);
    vf32_transpose8(r + 1, 2, c + 8);
}
static inline void vf32_store_columns16(float *p, const vf32 c[16])
{
    __m256 lo[8], hi[8];
    vf32_transpose8(c, 1, lo);
    vf32_transpose8(c + 8, 1, hi);
    for (int i = 0; i < 8; i++) {
        _mm256_storeu_ps(p + 16 * i, lo[i]);
        _mm256_storeu_ps(p + 16 * i + 8, hi[i]);
    }
}

static inline vf32 vf32_spread4(vf32 packed, int i)
{
    static const int lane[4] = {0, 4, 2, 6};
    return _mm256_permutevar8x32_ps(packed, _mm256_set1_epi32(lane[i & 3]));
}


/* the rows of a block of 8 rows of 16 (v[2r], v[2r + 1] = row r): halves
 * combined, then pairs of rows by unpacks, pairs of pairs by shufps, the
 * two 128-bit halves last; lane r = row r */
/* the max and the sum share one body: OP combines */
#define VF32_ROWS16_REDUCE(name, OP)                                                                     \
    static inline vf32 name(const vf32 v[16])                                                            \
    {                                                                                                    \
        __m256 h[8], t[4];                                                                               \
        for (int i = 0; i < 8; i++)                                                                      \
            h[i] = OP(v[2 * i], v[2 * i + 1]);                                                           \
        for (int i = 0; i < 4; i++)                                                                      \
            t[i] = OP(_mm256_unpacklo_ps(h[2 * i], h[2 * i + 1]), _mm256_unpackhi_ps(h[2 * i], h[2 * i + 1])); \
        __m256 u0 = OP(_mm256_shuffle_ps(t[0], t[1], 0x44), _mm256_shuffle_ps(t[0], t[1], 0xee));        \
        __m256 u1 = OP(_mm256_shuffle_ps(t[2], t[3], 0x44), _mm256_shuffle_ps(t[2], t[3], 0xee));        \
        return OP(_mm256_permute2f128_ps(u0, u1, 0x20), _mm256_permute2f128_ps(u0, u1, 0x31));          \
    }
VF32_ROWS16_REDUCE(vf32_rows16_max, _mm256_max_ps)
VF32_ROWS16_REDUCE(vf32_rows16_add, _mm256_add_ps)
#undef VF32_ROWS16_REDUCE
static inline vi32 vi32_rows16_add(const vi32 v[16])
{
    __m256i h[8], t[4];
    for (int i = 0; i < 8; i++)
        h[i] = _mm256_add_epi32(v[2 * i], v[2 * i + 1]);
    for (int i = 0; i < 4; i++)
        t[i] = _mm256_add_epi32(_mm256_unpacklo_epi32(h[2 * i], h[2 * i + 1]),
                                _mm256_unpackhi_epi32(h[2 * i], h[2 * i + 1]));
    __m256i u0 = _mm256_add_epi32(_mm256_unpacklo_epi64(t[0], t[1]), _mm256_unpackhi_epi64(t[0], t[1]));
    __m256i u1 = _mm256_add_epi32(_mm256_unpacklo_epi64(t[2], t[3]), _mm256_unpackhi_epi64(t[2], t[3]));
    return _mm256_add_epi32(_mm256_permute2x128_si256(u0, u1, 0x20), _mm256_permute2x128_si256(u0, u1, 0x31));
}
static inline vf32 vf32_rows16_spread(vf32 packed, int j)
{
    return _mm256_permutevar8x32_ps(packed, _mm256_set1_epi32(j >> 1));
}

#endif
