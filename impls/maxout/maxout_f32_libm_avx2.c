/*
 * maxout, libm method, AVX2: 8 groups of 4 per step, by shuffles.
 *
 * A group of 4 floats is one 128-bit lane, so 32 inputs (vectors a, b, c,
 * d) hold 8 groups, two per vector.  In-lane shuffles (vshufps) pair the
 * even and odd elements of two vectors: max(x0, x1) and max(x2, x3) of 4
 * groups in one vector, then the same on those results gives each group's
 * maximum, 8 groups in one vector, with no lane idle; one vpermps puts the
 * groups in order.  Each pairing takes the left (earlier) element unless
 * the right one is strictly larger, so the tree finds the first arg-max,
 * as the scalar fold.  Its value, for lanes free of NaN, is max(l, r) AND
 * max(r, l): maxps returns its second operand for two zeros of either
 * sign, so the AND of both orders is +0 unless both are -0 (the IEEE
 * maximum, max(-0, +0) = +0) and is the larger value otherwise.  Per 32
 * inputs: 6 vshufps, 6 vmaxps, 3 vandps, 1 vpermps, 2 compares for NaN.
 *
 * The gradient runs the same tree with a compare per pairing (x_odd >
 * x_even), sends dy down it with and/andnot by the compare masks and
 * vunpcklps/vunpckhps (the inverse of the pairing shuffles), and writes
 * dy_g at the first arg-max of group g and +0 elsewhere: moves only.
 *
 * A block of 8 groups that holds a NaN (the first NaN is the group's
 * value, bits unchanged, and its arg-max) goes to the scalar fold
 * (impls/math/maxout.h), off the fast path; so does a group size other
 * than 4.  Exact: comparisons and moves; bit-identical to
 * maxout_f32_libm_scalar (tests/test_piecewise_simd.c).
 *
 * Loops: one block of 32 inputs (8 outputs) per iteration, then a tail of
 * fewer than 8 groups through vmaskmovps loads and stores that touch
 * nothing past n; the forward works in place (a block is loaded before its
 * 8 outputs, all at or before the block, are stored).
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 9 to 11 on 2 cores), medians of three runs of the command
 * below (cycles per element and ratio to the copy kernel of the same run),
 * L1: forward 0.1664 (1.70x copy), gradient 0.2582 (2.70x copy):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: per 32 inputs six vmaxps and two NaN compares on the two add
 * pipes (4 cycles, at least 1.37x the copy), seven shuffles and three
 * ANDs.  Gradient: the same tree with a compare per pairing and the moves
 * of dy back down it, two loads per block.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.2428
 * (2.05x copy; 70.9 GB/s, the copy 245.6), gradient 0.2986 (1.78x copy2;
 * 118.0 GB/s, copy2 271.3); DRAM (950 to 965 MiB working set): forward 3.2507
 * (0.93x copy; 5.4 GB/s, the copy 8.2), gradient 5.8145 (1.16x copy2; 6.0
 * GB/s, copy2 8.5).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 0, gradient 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   maxout_f32_libm_avx2 f32: value 0 ulp at x = -0x1.d9d96p-3,
 *     gradient 0 ulp at x = nan
 */
#include <immintrin.h>
#include <stdbool.h>

#include "../../include/actbench/kernel.h"
#include "../math/maxout.h"

/* Groups per block, inputs per group, inputs per block. */
#define BLOCK_GROUPS 8
#define GROUP 4
#define BLOCK_INPUTS (BLOCK_GROUPS * GROUP)

void maxout_f32_libm_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void maxout_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                   size_t n, const struct actbench_params *p);

/* Elements 0 and 2 (1 and 3) of each 128-bit lane of a, then of b. */
static inline __m256 even_pairs(__m256 a, __m256 b) { return _mm256_shuffle_ps(a, b, _MM_SHUFFLE(2, 0, 2, 0)); }
static inline __m256 odd_pairs(__m256 a, __m256 b) { return _mm256_shuffle_ps(a, b, _MM_SHUFFLE(3, 1, 3, 1)); }

/* After two pairings, lane 4k + j holds group 2j + k of the block. */
static inline __m256i to_group_order(void) { return _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7); }
static inline __m256i from_group_order(void) { return _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7); }

/* The IEEE maximum of l and r, lanes free of NaN. */
static inline __m256 max_without_nan(__m256 l, __m256 r)
{
    return _mm256_and_ps(_mm256_max_ps(l, r), _mm256_max_ps(r, l));
}

static inline bool block_has_nan(__m256 a, __m256 b, __m256 c, __m256 d)
{
    return _mm256_movemask_ps(_mm256_or_ps(_mm256_cmp_ps(a, b, _CMP_UNORD_Q), _mm256_cmp_ps(c, d, _CMP_UNORD_Q))) != 0;
}

/* The 8 group maxima of a block without NaN, in group order. */
static inline __m256 block_max(__m256 a, __m256 b, __m256 c, __m256 d)
{
    __m256 ab = max_without_nan(even_pairs(a, b), odd_pairs(a, b));
    __m256 cd = max_without_nan(even_pairs(c, d), odd_pairs(c, d));
    __m256 m = max_without_nan(even_pairs(ab, cd), odd_pairs(ab, cd));
    return _mm256_permutevar8x32_ps(m, to_group_order());
}

/* dx of a block without NaN: g holds dy of its 8 groups in group order. */
static inline void block_gradient(__m256 a, __m256 b, __m256 c, __m256 d, __m256 g, __m256 *da, __m256 *db,
                                  __m256 *dc, __m256 *dd)
{
    __m256 ab_even = even_pairs(a, b), ab_odd = odd_pairs(a, b);
    __m256 cd_even = even_pairs(c, d), cd_odd = odd_pairs(c, d);
    __m256 ab_right = _mm256_cmp_ps(ab_odd, ab_even, _CMP_GT_OQ);
    __m256 cd_right = _mm256_cmp_ps(cd_odd, cd_even, _CMP_GT_OQ);
    /* the pair maxima, only compared from here on: the sign of a zero
     * does not matter */
    __m256 ab = _mm256_max_ps(ab_even, ab_odd), cd = _mm256_max_ps(cd_even, cd_odd);
    __m256 even = even_pairs(ab, cd), odd = odd_pairs(ab, cd);
    __m256 right = _mm256_cmp_ps(odd, even, _CMP_GT_OQ);
    g = _mm256_permutevar8x32_ps(g, from_group_order());
    __m256 g_even = _mm256_andnot_ps(right, g), g_odd = _mm256_and_ps(right, g);
    __m256 g_ab = _mm256_unpacklo_ps(g_even, g_odd), g_cd = _mm256_unpackhi_ps(g_even, g_odd);
    __m256 ab_e = _mm256_andnot_ps(ab_right, g_ab), ab_o = _mm256_and_ps(ab_right, g_ab);
    __m256 cd_e = _mm256_andnot_ps(cd_right, g_cd), cd_o = _mm256_and_ps(cd_right, g_cd);
    *da = _mm256_unpacklo_ps(ab_e, ab_o);
    *db = _mm256_unpackhi_ps(ab_e, ab_o);
    *dc = _mm256_unpacklo_ps(cd_e, cd_o);
    *dd = _mm256_unpackhi_ps(cd_e, cd_o);
}

/* vmaskmovps mask of lanes 0 .. count-1 (count < 8). */
static inline __m256i lanes_below(size_t count)
{
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)count), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

/* Lanes of vector v (0..3) among the first inputs of a block. */
static inline size_t tail_lanes(size_t inputs, size_t v)
{
    size_t start = v * 8;
    return inputs <= start ? 0 : inputs - start >= 8 ? 8 : inputs - start;
}

/* Masked load that forms no pointer past the end when no lane is read. */
static inline __m256 load_lanes(const float *x, size_t inputs, size_t v)
{
    size_t count = tail_lanes(inputs, v);
    return count ? _mm256_maskload_ps(x + 8 * v, lanes_below(count)) : _mm256_setzero_ps();
}

static inline void store_lanes(float *x, __m256 value, size_t inputs, size_t v)
{
    size_t count = tail_lanes(inputs, v);
    if (count)
        _mm256_maskstore_ps(x + 8 * v, lanes_below(count), value);
}

void maxout_f32_libm_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    if (p->group != GROUP) {
        maxout_groups_forward(x, y, n / p->group, p->group);
        return;
    }
    size_t i = 0;
    for (; i + BLOCK_INPUTS <= n; i += BLOCK_INPUTS) {
        __m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
        __m256 c = _mm256_loadu_ps(x + i + 16), d = _mm256_loadu_ps(x + i + 24);
        if (__builtin_expect(block_has_nan(a, b, c, d), 0))
            maxout_groups_forward(x + i, y + i / GROUP, BLOCK_GROUPS, GROUP);
        else
            _mm256_storeu_ps(y + i / GROUP, block_max(a, b, c, d));
    }
    if (i < n) {
        size_t rest = n - i, groups = rest / GROUP;
        __m256 a = load_lanes(x + i, rest, 0), b = load_lanes(x + i, rest, 1);
        __m256 c = load_lanes(x + i, rest, 2), d = load_lanes(x + i, rest, 3);
        if (block_has_nan(a, b, c, d))
            maxout_groups_forward(x + i, y + i / GROUP, groups, GROUP);
        else
            _mm256_maskstore_ps(y + i / GROUP, lanes_below(groups), block_max(a, b, c, d));
    }
}

void maxout_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                   size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    if (p->group != GROUP) {
        maxout_groups_gradient(x, dy, dx, n / p->group, p->group);
        return;
    }
    size_t i = 0;
    for (; i + BLOCK_INPUTS <= n; i += BLOCK_INPUTS) {
        __m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
        __m256 c = _mm256_loadu_ps(x + i + 16), d = _mm256_loadu_ps(x + i + 24);
        if (__builtin_expect(block_has_nan(a, b, c, d), 0)) {
            maxout_groups_gradient(x + i, dy + i / GROUP, dx + i, BLOCK_GROUPS, GROUP);
            continue;
        }
        __m256 da, db, dc, dd;
        block_gradient(a, b, c, d, _mm256_loadu_ps(dy + i / GROUP), &da, &db, &dc, &dd);
        _mm256_storeu_ps(dx + i, da);
        _mm256_storeu_ps(dx + i + 8, db);
        _mm256_storeu_ps(dx + i + 16, dc);
        _mm256_storeu_ps(dx + i + 24, dd);
    }
    if (i < n) {
        size_t rest = n - i, groups = rest / GROUP;
        __m256 a = load_lanes(x + i, rest, 0), b = load_lanes(x + i, rest, 1);
        __m256 c = load_lanes(x + i, rest, 2), d = load_lanes(x + i, rest, 3);
        if (block_has_nan(a, b, c, d)) {
            maxout_groups_gradient(x + i, dy + i / GROUP, dx + i, groups, GROUP);
            return;
        }
        __m256 g = _mm256_maskload_ps(dy + i / GROUP, lanes_below(groups));
        __m256 da, db, dc, dd;
        block_gradient(a, b, c, d, g, &da, &db, &dc, &dd);
        store_lanes(dx + i, da, rest, 0);
        store_lanes(dx + i, db, rest, 1);
        store_lanes(dx + i, dc, rest, 2);
        store_lanes(dx + i, dd, rest, 3);
    }
}

const struct actbench_kernel maxout_f32_libm_avx2 = {
    .name = "maxout_f32_libm_avx2",
    .activation = "maxout",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = BLOCK_INPUTS,
    .forward.f32 = maxout_f32_libm_avx2_forward,
    .gradient.f32 = maxout_f32_libm_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0, .gradient_ulp = 0},
    .description = "groups of 4 as 128-bit lanes: two rounds of in-lane pairings, first arg-max; NaN blocks by the scalar fold",
};
