/*
 * The SIMD layer for float32 on AVX-512F (+DQ/BW/VL): 16 lanes in a __m512.
 * Same identifiers and semantics as impls/simd/f32-avx2.h (see there for
 * the full list); what differs:
 *
 *   vmask32        __mmask16 (one bit per lane)
 *   VF32_LANES     16
 *   tails          k-masked loads and stores (no fault on masked lanes)
 *   vf32_rcp_approx  vrcp14ps, |relative error| <= 2^-14
 *   vf32_table8_lookup   vpermps on a 16-lane register: the load puts the
 *                  8 entries in both halves, so a vpermps of any index without
 *                  masking it to 0-7 gives the same entry (vf32_table16_lookup
 *                  on a vf32_table8 is that lookup in one operation)
 *   vf32_table16_lookup  one vpermps over the 16-entry table
 *   vf32_table32_load/_lookup  32-entry table in two registers, vpermt2ps
 *                  (f32-avx2.h: four registers, 4 vpermps + 3 blends)
 *   vf32_scalef(a, n)  a * 2^floor(n) in one instruction, with gradual
 *                  underflow (only in this header and f32-scalar.h)
 */
#ifndef ACTBENCH_SIMD_F32_AVX512F_H
#define ACTBENCH_SIMD_F32_AVX512F_H

#include <immintrin.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VF32_LANES 16

typedef __m512 vf32;
typedef __m512i vi32;
typedef __mmask16 vmask32;
typedef __mmask16 vsome32;
typedef __m512 vf32_table8;
typedef __m512 vf32_table16;
typedef struct {
    __m512 lo, hi;
} vf32_table32;

static inline __mmask16 vf32_tail_bits(size_t count)
{
    return (__mmask16)((1u << count) - 1u);
}

static inline vmask32 vf32_tail_mask(size_t count) { return vf32_tail_bits(count); }
static inline vf32 vf32_load(const float *p) { return _mm512_loadu_ps(p); }
static inline void vf32_store(float *p, vf32 v) { _mm512_storeu_ps(p, v); }
static inline vf32 vf32_load_tail(const float *p, size_t count)
{
    return _mm512_maskz_loadu_ps(vf32_tail_bits(count), p);
}
static inline void vf32_store_tail(float *p, vf32 v, size_t count)
{
    _mm512_mask_storeu_ps(p, vf32_tail_bits(count), v);
}

static inline vf32 vf32_set1(float c) { return _mm512_set1_ps(c); }
static inline vf32 vf32_zero(void) { return _mm512_setzero_ps(); }
static inline vf32 vf32_add(vf32 a, vf32 b) { return _mm512_add_ps(a, b); }
static inline vf32 vf32_sub(vf32 a, vf32 b) { return _mm512_sub_ps(a, b); }
static inline vf32 vf32_mul(vf32 a, vf32 b) { return _mm512_mul_ps(a, b); }
static inline vf32 vf32_div(vf32 a, vf32 b) { return _mm512_div_ps(a, b); }
static inline vf32 vf32_fmadd(vf32 a, vf32 b, vf32 c) { return _mm512_fmadd_ps(a, b, c); }
static inline vf32 vf32_fmsub(vf32 a, vf32 b, vf32 c) { return _mm512_fmsub_ps(a, b, c); }
static inline vf32 vf32_fnmadd(vf32 a, vf32 b, vf32 c) { return _mm512_fnmadd_ps(a, b, c); }
static inline vf32 vf32_rcp_approx(vf32 a) { return _mm512_rcp14_ps(a); }
static inline vf32 vf32_min(vf32 a, vf32 b) { return _mm512_min_ps(a, b); }
static inline vf32 vf32_max(vf32 a, vf32 b) { return _mm512_max_ps(a, b); }
static inline vf32 vf32_abs(vf32 a) { return _mm512_abs_ps(a); }
static inline vf32 vf32_neg(vf32 a)
{
    return _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(a), _mm512_set1_epi32(INT32_MIN)));
}
static inline vf32 vf32_copysign(vf32 magnitude, vf32 sign)
{
    /* bitwise select: sign bit from sign, the rest from magnitude */
    return _mm512_castsi512_ps(_mm512_ternarylogic_epi32(_mm512_set1_epi32(INT32_MIN),
                                                         _mm512_castps_si512(sign),
                                                         _mm512_castps_si512(magnitude), 0xca));
}
static inline vf32 vf32_round_nearest(vf32 a)
{
    return _mm512_roundscale_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
static inline vf32 vf32_scalef(vf32 a, vf32 n) { return _mm512_scalef_ps(a, n); }

static inline vmask32 vf32_lt(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_LT_OQ); }
static inline vmask32 vf32_le(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_LE_OQ); }
static inline vmask32 vf32_gt(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_GT_OQ); }
static inline vmask32 vf32_ge(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_GE_OQ); }
static inline vmask32 vf32_eq(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_EQ_OQ); }
static inline vmask32 vf32_unord(vf32 a, vf32 b) { return _mm512_cmp_ps_mask(a, b, _CMP_UNORD_Q); }
static inline vmask32 vf32_isnan(vf32 a) { return _mm512_cmp_ps_mask(a, a, _CMP_UNORD_Q); }
static inline vmask32 vmask32_false(void) { return 0; }
static inline vmask32 vmask32_and(vmask32 a, vmask32 b) { return (vmask32)(a & b); }
static inline vmask32 vmask32_or(vmask32 a, vmask32 b) { return (vmask32)(a | b); }
static inline vmask32 vmask32_andnot(vmask32 a, vmask32 b) { return (vmask32)(a & ~b); }
static inline bool vmask32_any(vmask32 m) { return m != 0; }
static inline unsigned vmask32_bits(vmask32 m) { return (unsigned)m; }
static inline vf32 vf32_select(vmask32 m, vf32 a, vf32 b) { return _mm512_mask_blend_ps(m, b, a); }

static inline vi32 vf32_as_vi32(vf32 a) { return _mm512_castps_si512(a); }
static inline vf32 vi32_as_vf32(vi32 a) { return _mm512_castsi512_ps(a); }
static inline vi32 vf32_to_vi32(vf32 a) { return _mm512_cvtps_epi32(a); }
static inline vf32 vi32_to_vf32(vi32 a) { return _mm512_cvtepi32_ps(a); }
static inline vi32 vi32_set1(int32_t c) { return _mm512_set1_epi32(c); }
static inline vi32 vi32_add(vi32 a, vi32 b) { return _mm512_add_epi32(a, b); }
static inline vi32 vi32_sub(vi32 a, vi32 b) { return _mm512_sub_epi32(a, b); }
static inline vi32 vi32_and(vi32 a, vi32 b) { return _mm512_and_si512(a, b); }
static inline vi32 vi32_or(vi32 a, vi32 b) { return _mm512_or_si512(a, b); }
static inline vi32 vi32_xor(vi32 a, vi32 b) { return _mm512_xor_si512(a, b); }
static inline vi32 vi32_shl(vi32 a, int n) { return _mm512_slli_epi32(a, (unsigned)n); }
static inline vi32 vi32_shr(vi32 a, int n) { return _mm512_srli_epi32(a, (unsigned)n); }
static inline vi32 vi32_sra(vi32 a, int n) { return _mm512_srai_epi32(a, (unsigned)n); }
static inline vmask32 vi32_gt(vi32 a, vi32 b) { return _mm512_cmpgt_epi32_mask(a, b); }
static inline vmask32 vi32_none(vi32 a, vi32 bits) { return _mm512_testn_epi32_mask(a, bits); }
static inline vsome32 vsome32_of(vi32 a, vi32 bits) { return _mm512_test_epi32_mask(a, bits); }
static inline vsome32 vsome32_add(vsome32 s, vi32 a, vi32 bits)
{
    return _mm512_mask_test_epi32_mask(s, a, bits);
}
static inline bool vsome32_all(vsome32 s) { return s == 0xffff; }

static inline vf32_table8 vf32_table8_load(const float *table)
{
    __m512 low = _mm512_castps256_ps512(_mm256_loadu_ps(table));
    return _mm512_shuffle_f32x4(low, low, 0x44);
}
static inline vf32 vf32_table8_lookup(vf32_table8 table, vi32 index)
{
    return _mm512_permutexvar_ps(_mm512_and_si512(index, _mm512_set1_epi32(7)), table);
}
static inline vf32_table16 vf32_table16_load(const float *table) { return _mm512_loadu_ps(table); }
static inline vf32 vf32_table16_lookup(vf32_table16 table, vi32 index)
{
    return _mm512_permutexvar_ps(index, table);
}
static inline vf32_table32 vf32_table32_load(const float *table)
{
    vf32_table32 t = {_mm512_loadu_ps(table), _mm512_loadu_ps(table + 16)};
    return t;
}
static inline vf32 vf32_table32_lookup(vf32_table32 table, vi32 index)
{
    return _mm512_permutex2var_ps(table.lo, index, table.hi);
}
static inline vf32 vf32_gather(const float *table, vi32 index)
{
    return _mm512_i32gather_ps(index, table, 4);
}

static inline float vf32_reduce_add(vf32 v) { return _mm512_reduce_add_ps(v); }
static inline float vf32_reduce_max(vf32 v) { return _mm512_reduce_max_ps(v); }

/* one zero-masked move */
static inline vf32 vf32_zero_where(vmask32 m, vf32 a) { return _mm512_maskz_mov_ps((__mmask16)~m, a); }
/* one vfixupimmps: its table maps the classes QNaN and SNaN of x to x
 * (token 1) and every other class to the first operand d (token 0) */
static inline vf32 vf32_nan_or(vf32 x, vf32 d) { return _mm512_fixupimm_ps(d, x, _mm512_set1_epi32(0x11), 0); }

static inline vf32 vf32_add_all(vf32 v)
{
    v = _mm512_add_ps(v, _mm512_shuffle_f32x4(v, v, _MM_SHUFFLE(1, 0, 3, 2)));
    v = _mm512_add_ps(v, _mm512_shuffle_f32x4(v, v, _MM_SHUFFLE(2, 3, 0, 1)));
    v = _mm512_add_ps(v, _mm512_permute_ps(v, 0x4e));
    return _mm512_add_ps(v, _mm512_permute_ps(v, 0xb1));
}
static inline vf32 vf32_max_all(vf32 v)
{
    v = _mm512_max_ps(v, _mm512_shuffle_f32x4(v, v, _MM_SHUFFLE(1, 0, 3, 2)));
    v = _mm512_max_ps(v, _mm512_shuffle_f32x4(v, v, _MM_SHUFFLE(2, 3, 0, 1)));
    v = _mm512_max_ps(v, _mm512_permute_ps(v, 0x4e));
    return _mm512_max_ps(v, _mm512_permute_ps(v, 0xb1));
}
static inline float vf32_lane0(vf32 v) { return _mm512_cvtss_f32(v); }

/* a's total in lanes 0-3, b's in 4-7, c's in 8-11, d's in 12-15 */
static inline vf32 vf32_add_across4(vf32 a, vf32 b, vf32 c, vf32 d)
{
    __m512 ab = _mm512_add_ps(_mm512_shuffle_f32x4(a, b, _MM_SHUFFLE(1, 0, 1, 0)),
                              _mm512_shuffle_f32x4(a, b, _MM_SHUFFLE(3, 2, 3, 2)));
    __m512 cd = _mm512_add_ps(_mm512_shuffle_f32x4(c, d, _MM_SHUFFLE(1, 0, 1, 0)),
                              _mm512_shuffle_f32x4(c, d, _MM_SHUFFLE(3, 2, 3, 2)));
    __m512 u = _mm512_add_ps(_mm512_shuffle_f32x4(ab, cd, _MM_SHUFFLE(2, 0, 2, 0)),
                             _mm512_shuffle_f32x4(ab, cd, _MM_SHUFFLE(3, 1, 3, 1)));
    u = _mm512_add_ps(u, _mm512_permute_ps(u, 0x4e));
    return _mm512_add_ps(u, _mm512_permute_ps(u, 0xb1));
}
static inline vf32 vf32_max_across4(vf32 a, vf32 b, vf32 c, vf32 d)
{
    __m512 ab = _mm512_max_ps(_mm512_shuffle_f32x4(a, b, _MM_SHUFFLE(1, 0, 1, 0)),
                              _mm512_shuffle_f32x4(a, b, _MM_SHUFFLE(3, 2, 3, 2)));
    __m512 cd = _mm512_max_ps(_mm512_shuffle_f32x4(c, d, _MM_SHUFFLE(1, 0, 1, 0)),
                              _mm512_shuffle_f32x4(c, d, _MM_SHUFFLE(3, 2, 3, 2)));
    __m512 u = _mm512_max_ps(_mm512_shuffle_f32x4(ab, cd, _MM_SHUFFLE(2, 0, 2, 0)),
                             _mm512_shuffle_f32x4(ab, cd, _MM_SHUFFLE(3, 1, 3, 1)));
    u = _mm512_max_ps(u, _mm512_permute_ps(u, 0x4e));
    return _mm512_max_ps(u, _mm512_permute_ps(u, 0xb1));
}
/* A block of 16 rows of 16 floats (row r at p + 16r) as 16 column vectors,
 * lane r of column j holding entry j of row r: a 16x16 transpose in 64
 * shuffles (unpcklps/unpckhps, unpcklpd/unpckhpd, then two rounds of
 * vshuff32x4); storing columns is the same transpose back. */
static inline void vf32_transpose16(__m512 v[16])
{
    __m512 t[16], u[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(v[2 * i], v[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(v[2 * i], v[2 * i + 1]);
    }
    for (int i = 0; i < 4; i++) {
        __m512d a = _mm512_castps_pd(t[4 * i]), b = _mm512_castps_pd(t[4 * i + 1]);
        __m512d c = _mm512_castps_pd(t[4 * i + 2]), d = _mm512_castps_pd(t[4 * i + 3]);
        u[4 * i] = _mm512_castpd_ps(_mm512_unpacklo_pd(a, c));
        u[4 * i + 1] = _mm512_castpd_ps(_mm512_unpackhi_pd(a, c));
        u[4 * i + 2] = _mm512_castpd_ps(_mm512_unpacklo_pd(b, d));
        u[4 * i + 3] = _mm512_castpd_ps(_mm512_unpackhi_pd(b, d));
    }
    /* u[4i + q], block k: rows 4i .. 4i+3 at column 4k + q */
    for (int q = 0; q < 4; q++) {
        __m512 v0 = _mm512_shuffle_f32x4(u[q], u[4 + q], _MM_SHUFFLE(2, 0, 2, 0));
        __m512 w0 = _mm512_shuffle_f32x4(u[q], u[4 + q], _MM_SHUFFLE(3, 1, 3, 1));
        __m512 v1 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], _MM_SHUFFLE(2, 0, 2, 0));
        __m512 w1 = _mm512_shuffle_f32x4(u[8 + q], u[12 + q], _MM_SHUFFLE(3, 1, 3, 1));
        v[q] = _mm512_shuffle_f32x4(v0, v1, _MM_SHUFFLE(2, 0, 2, 0));
        v[8 + q] = _mm512_shuffle_f32x4(v0, v1, _MM_SHUFFLE(3, 1, 3, 1));
        v[4 + q] = _mm512_shuffle_f32x4(w0, w1, _MM_SHUFFLE(2, 0, 2, 0));
        v[12 + q] = _mm512_shuffle_f32x4(w0, w1, _MM_SHUFFLE(3, 1, 3, 1));
    }
}
static inline void vf32_load_columns16(const float *p, vf32 c[16])
{
    for (int r = 0; r < 16; r++)
        c[r] = _mm512_loadu_ps(p + 16 * r);
    vf32_transpose16(c);
}
static inline void vf32_store_columns16(float *p, const vf32 c[16])
{
    __m512 v[16];
    for (int j = 0; j < 16; j++)
        v[j] = c[j];
    vf32_transpose16(v);
    for (int r = 0; r < 16; r++)
        _mm512_storeu_ps(p + 16 * r, v[r]);
}

static inline vf32 vf32_spread4(vf32 packed, int i)
{
    switch (i) {
    case 0: return _mm512_shuffle_f32x4(packed, packed, 0x00);
    case 1: return _mm512_shuffle_f32x4(packed, packed, 0x55);
    case 2: return _mm512_shuffle_f32x4(packed, packed, 0xaa);
    default: return _mm512_shuffle_f32x4(packed, packed, 0xff);
    }
}


/* the rows of a block of 16 rows of 16 (v[r] = row r): pairs of rows by
 * unpacks, pairs of pairs by shufps, then the 128-bit quarters by
 * shuf_f32x4 twice; lane r = row r */
/* the max and the sum share one body: OP combines */
#define VF32_ROWS16_REDUCE(name, OP)                                                                     \
    static inline vf32 name(const vf32 v[16])                                                            \
    {                                                                                                    \
        __m512 t[8], u[4];                                                                               \
        for (int i = 0; i < 8; i++)                                                                      \
            t[i] = OP(_mm512_unpacklo_ps(v[2 * i], v[2 * i + 1]), _mm512_unpackhi_ps(v[2 * i], v[2 * i + 1])); \
        for (int i = 0; i < 4; i++)                                                                      \
            u[i] = OP(_mm512_shuffle_ps(t[2 * i], t[2 * i + 1], 0x44),                                   \
                      _mm512_shuffle_ps(t[2 * i], t[2 * i + 1], 0xee));                                  \
        __m512 w0 = OP(_mm512_shuffle_f32x4(u[0], u[1], 0x88), _mm512_shuffle_f32x4(u[0], u[1], 0xdd)); \
        __m512 w1 = OP(_mm512_shuffle_f32x4(u[2], u[3], 0x88), _mm512_shuffle_f32x4(u[2], u[3], 0xdd)); \
        return OP(_mm512_shuffle_f32x4(w0, w1, 0x88), _mm512_shuffle_f32x4(w0, w1, 0xdd));               \
    }
VF32_ROWS16_REDUCE(vf32_rows16_max, _mm512_max_ps)
VF32_ROWS16_REDUCE(vf32_rows16_add, _mm512_add_ps)
#undef VF32_ROWS16_REDUCE
static inline vi32 vi32_rows16_add(const vi32 v[16])
{
    __m512i t[8], u[4];
    for (int i = 0; i < 8; i++)
        t[i] = _mm512_add_epi32(_mm512_unpacklo_epi32(v[2 * i], v[2 * i + 1]),
                                _mm512_unpackhi_epi32(v[2 * i], v[2 * i + 1]));
    for (int i = 0; i < 4; i++)
        u[i] = _mm512_add_epi32(_mm512_unpacklo_epi64(t[2 * i], t[2 * i + 1]),
                                _mm512_unpackhi_epi64(t[2 * i], t[2 * i + 1]));
    __m512i w0 = _mm512_add_epi32(_mm512_shuffle_i32x4(u[0], u[1], 0x88), _mm512_shuffle_i32x4(u[0], u[1], 0xdd));
    __m512i w1 = _mm512_add_epi32(_mm512_shuffle_i32x4(u[2], u[3], 0x88), _mm512_shuffle_i32x4(u[2], u[3], 0xdd));
    return _mm512_add_epi32(_mm512_shuffle_i32x4(w0, w1, 0x88), _mm512_shuffle_i32x4(w0, w1, 0xdd));
}
static inline vf32 vf32_rows16_spread(vf32 packed, int j)
{
    return _mm512_permutexvar_ps(_mm512_set1_epi32(j), packed);
}

#endif
