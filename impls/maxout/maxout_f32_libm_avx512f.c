/*
 * maxout, libm method, AVX-512F: 16 groups of 4 per step, by shuffles.
 *
 * A group of 4 floats is one 128-bit lane, so 64 inputs (vectors a, b, c,
 * d) hold 16 groups, four per vector.  In-lane shuffles (vshufps) pair the
 * even and odd elements of two vectors: max(x0, x1) and max(x2, x3) of 8
 * groups in one vector, then the same on those results gives each group's
 * maximum, 16 groups in one vector, with no lane idle; one vpermps puts
 * the groups in order (the lanes come out as a 4x4 transpose).  Each
 * pairing takes the left (earlier) element unless the right one is
 * strictly larger, so the tree finds the first arg-max, as the scalar fold.
 * Its value, for lanes free of NaN, is max(l, r) AND max(r, l): maxps
 * returns its second operand for two zeros of either sign, so the AND of
 * both orders is +0 unless both are -0 (the IEEE maximum, max(-0, +0) =
 * +0) and is the larger value otherwise.  Per 64 inputs: 6 vshufps, 6
 * vmaxps, 3 vandps, 1 vpermps, 2 compares for NaN.
 *
 * The gradient runs the same tree with a compare per pairing (x_odd >
 * x_even), sends dy down it with masked moves and vunpcklps/vunpckhps (the
 * inverse of the pairing shuffles), and writes dy_g at the first arg-max
 * of group g and +0 elsewhere: moves only.
 *
 * A block of 16 groups that holds a NaN (the first NaN is the group's
 * value, bits unchanged, and its arg-max) goes to the scalar fold
 * (impls/math/maxout.h), off the fast path; so does a group size other
 * than 4.  Exact: comparisons and moves; bit-identical to
 * maxout_f32_libm_scalar (tests/test_piecewise_simd.c).
 *
 * Loops: one block of 64 inputs (16 outputs) per iteration, then a tail of
 * fewer than 16 groups through k-masked loads and stores that touch
 * nothing past n; the forward works in place (a block is loaded before its
 * 16 outputs, all at or before the block, are stored).
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 17 on 2 cores), medians of three runs of the command below
 * (cycles per element, and ratio to the 512-bit copy kernels of the same
 * run, copy_avx512f and copy2_avx512f, which AVX-512 rows divide by),
 * L1: forward 0.0808 (1.29x copy), gradient 0.1577 (2.38x copy,
 * 1.91x copy2):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm -f f32 --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: the pairing tree on 16 lanes.  Gradient: the same tree with a
 * compare per pairing and the moves of dy back down it.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1140
 * (1.33x copy_avx512f; 146.3 GB/s, the copy 321.5), gradient 0.2109 (2.05x
 * copy2_avx512f; 167.6 GB/s, copy2_avx512f 425.8); DRAM (950 to 965 MiB working
 * set): forward 3.5384 (0.85x copy_avx512f; 5.2 GB/s, the copy 7.1),
 * gradient 5.6039 (1.08x copy2_avx512f; 6.4 GB/s, copy2_avx512f 7.9).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 0, gradient 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   maxout_f32_libm_avx512f f32: value 0 ulp at x = -0x1.d9d96p-3,
 *     gradient 0 ulp at x = nan
 */
#include <immintrin.h>
#include <stdbool.h>

#include "../../include/actbench/kernel.h"
#include "../math/maxout.h"

/* Groups per block, inputs per group, inputs per block. */
#define BLOCK_GROUPS 16
#define GROUP 4
#define BLOCK_INPUTS (BLOCK_GROUPS * GROUP)

void maxout_f32_libm_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void maxout_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                      size_t n, const struct actbench_params *p);

/* Elements 0 and 2 (1 and 3) of each 128-bit lane of a, then of b. */
static inline __m512 even_pairs(__m512 a, __m512 b) { return _mm512_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)); }
static inline __m512 odd_pairs(__m512 a, __m512 b) { return _mm512_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)); }

/* After two pairings, lane 4k + j holds group 4j + k of the block: this
 * index (its own inverse) converts between that order and group order. */
static inline __m512i transpose_index(void)
{
    return _mm512_setr_epi32(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
}

/* The IEEE maximum of l and r, lanes free of NaN. */
static inline __m512 max_without_nan(__m512 l, __m512 r)
{
    return _mm512_and_ps(_mm512_max_ps(l, r), _mm512_max_ps(r, l));
}

static inline bool block_has_nan(__m512 a, __m512 b, __m512 c, __m512 d)
{
    return (_mm512_cmp_ps_mask(a, b, _CMP_UNORD_Q) | _mm512_cmp_ps_mask(c, d, _CMP_UNORD_Q)) != 0;
}

/* The 16 group maxima of a block without NaN, in group order. */
static inline __m512 block_max(__m512 a, __m512 b, __m512 c, __m512 d)
{
    __m512 ab = max_without_nan(even_pairs(a, b), odd_pairs(a, b));
    __m512 cd = max_without_nan(even_pairs(c, d), odd_pairs(c, d));
    __m512 m = max_without_nan(even_pairs(ab, cd), odd_pairs(ab, cd));
    return _mm512_permutexvar_ps(transpose_index(), m);
}

/* dx of a block without NaN: g holds dy of its 16 groups in group order. */
static inline void block_gradient(__m512 a, __m512 b, __m512 c, __m512 d, __m512 g, __m512 *da, __m512 *db,
                                  __m512 *dc, __m512 *dd)
{
    __m512 ab_even = even_pairs(a, b), ab_odd = odd_pairs(a, b);
    __m512 cd_even = even_pairs(c, d), cd_odd = odd_pairs(c, d);
    __mmask16 ab_right = _mm512_cmp_ps_mask(ab_odd, ab_even, _CMP_GT_OQ);
    __mmask16 cd_right = _mm512_cmp_ps_mask(cd_odd, cd_even, _CMP_GT_OQ);
    /* the pair maxima, only compared from here on: the sign of a zero
     * does not matter */
    __m512 ab = _mm512_max_ps(ab_even, ab_odd), cd = _mm512_max_ps(cd_even, cd_odd);
    __m512 even = even_pairs(ab, cd), odd = odd_pairs(ab, cd);
    __mmask16 right = _mm512_cmp_ps_mask(odd, even, _CMP_GT_OQ);
    g = _mm512_permutexvar_ps(transpose_index(), g);
    __m512 g_even = _mm512_maskz_mov_ps((__mmask16)~right, g), g_odd = _mm512_maskz_mov_ps(right, g);
    __m512 g_ab = _mm512_unpacklo_ps(g_even, g_odd), g_cd = _mm512_unpackhi_ps(g_even, g_odd);
    __m512 ab_e = _mm512_maskz_mov_ps((__mmask16)~ab_right, g_ab), ab_o = _mm512_maskz_mov_ps(ab_right, g_ab);
    __m512 cd_e = _mm512_maskz_mov_ps((__mmask16)~cd_right, g_cd), cd_o = _mm512_maskz_mov_ps(cd_right, g_cd);
    *da = _mm512_unpacklo_ps(ab_e, ab_o);
    *db = _mm512_unpackhi_ps(ab_e, ab_o);
    *dc = _mm512_unpacklo_ps(cd_e, cd_o);
    *dd = _mm512_unpackhi_ps(cd_e, cd_o);
}

/* Lanes of vector v (0..3) among the first inputs of a block, as a mask. */
static inline __mmask16 tail_lanes(size_t inputs, size_t v)
{
    size_t start = v * 16;
    if (inputs <= start)
        return 0;
    size_t count = inputs - start;
    return count >= 16 ? (__mmask16)0xffff : (__mmask16)((1u << count) - 1u);
}

/* Masked load that forms no pointer past the end when no lane is read. */
static inline __m512 load_lanes(const float *x, size_t inputs, size_t v)
{
    __mmask16 m = tail_lanes(inputs, v);
    return m ? _mm512_maskz_loadu_ps(m, x + 16 * v) : _mm512_setzero_ps();
}

static inline void store_lanes(float *x, __m512 value, size_t inputs, size_t v)
{
    __mmask16 m = tail_lanes(inputs, v);
    if (m)
        _mm512_mask_storeu_ps(x + 16 * v, m, value);
}

void maxout_f32_libm_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    if (p->group != GROUP) {
        maxout_groups_forward(x, y, n / p->group, p->group);
        return;
    }
    size_t i = 0;
    for (; i + BLOCK_INPUTS <= n; i += BLOCK_INPUTS) {
        __m512 a = _mm512_loadu_ps(x + i), b = _mm512_loadu_ps(x + i + 16);
        __m512 c = _mm512_loadu_ps(x + i + 32), d = _mm512_loadu_ps(x + i + 48);
        if (__builtin_expect(block_has_nan(a, b, c, d), 0))
            maxout_groups_forward(x + i, y + i / GROUP, BLOCK_GROUPS, GROUP);
        else
            _mm512_storeu_ps(y + i / GROUP, block_max(a, b, c, d));
    }
    if (i < n) {
        size_t rest = n - i, groups = rest / GROUP;
        __m512 a = load_lanes(x + i, rest, 0), b = load_lanes(x + i, rest, 1);
        __m512 c = load_lanes(x + i, rest, 2), d = load_lanes(x + i, rest, 3);
        if (block_has_nan(a, b, c, d))
            maxout_groups_forward(x + i, y + i / GROUP, groups, GROUP);
        else
            _mm512_mask_storeu_ps(y + i / GROUP, (__mmask16)((1u << groups) - 1u), block_max(a, b, c, d));
    }
}

void maxout_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                      size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    if (p->group != GROUP) {
        maxout_groups_gradient(x, dy, dx, n / p->group, p->group);
        return;
    }
    size_t i = 0;
    for (; i + BLOCK_INPUTS <= n; i += BLOCK_INPUTS) {
        __m512 a = _mm512_loadu_ps(x + i), b = _mm512_loadu_ps(x + i + 16);
        __m512 c = _mm512_loadu_ps(x + i + 32), d = _mm512_loadu_ps(x + i + 48);
        if (__builtin_expect(block_has_nan(a, b, c, d), 0)) {
            maxout_groups_gradient(x + i, dy + i / GROUP, dx + i, BLOCK_GROUPS, GROUP);
            continue;
        }
        __m512 da, db, dc, dd;
        block_gradient(a, b, c, d, _mm512_loadu_ps(dy + i / GROUP), &da, &db, &dc, &dd);
        _mm512_storeu_ps(dx + i, da);
        _mm512_storeu_ps(dx + i + 16, db);
        _mm512_storeu_ps(dx + i + 32, dc);
        _mm512_storeu_ps(dx + i + 48, dd);
    }
    if (i < n) {
        size_t rest = n - i, groups = rest / GROUP;
        __m512 a = load_lanes(x + i, rest, 0), b = load_lanes(x + i, rest, 1);
        __m512 c = load_lanes(x + i, rest, 2), d = load_lanes(x + i, rest, 3);
        if (block_has_nan(a, b, c, d)) {
            maxout_groups_gradient(x + i, dy + i / GROUP, dx + i, groups, GROUP);
            return;
        }
        __m512 g = _mm512_maskz_loadu_ps((__mmask16)((1u << groups) - 1u), dy + i / GROUP);
        __m512 da, db, dc, dd;
        block_gradient(a, b, c, d, g, &da, &db, &dc, &dd);
        store_lanes(dx + i, da, rest, 0);
        store_lanes(dx + i, db, rest, 1);
        store_lanes(dx + i, dc, rest, 2);
        store_lanes(dx + i, dd, rest, 3);
    }
}

const struct actbench_kernel maxout_f32_libm_avx512f = {
    .name = "maxout_f32_libm_avx512f",
    .activation = "maxout",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = BLOCK_INPUTS,
    .forward.f32 = maxout_f32_libm_avx512f_forward,
    .gradient.f32 = maxout_f32_libm_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0, .gradient_ulp = 0},
    .description = "groups of 4 as 128-bit lanes: two rounds of in-lane pairings, first arg-max; NaN blocks by the scalar fold",
};
