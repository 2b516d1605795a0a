/*
 * sigmoid, table method, accurate tier, AVX2 + FMA, 8 lanes.
 *
 * Algorithm (impls/math/logistic.h over impls/math/exp_table.h):
 * E = exp(-x) = hi + lo, k = round(-8x/ln2), hi = 2^(k/8) from the
 * 8-entry table of 2^(j/8) (float bits, plus a second table with the part
 * the float misses; 64 bytes, one cache line:
 * both 32-byte tables held in ymm registers, each looked up with one
 * vpermps) and
 * lo = hi*P, P = p(r) + lo[j] with p of degree 4 on |r| <= ln2/16; then
 * 1 + hi = s + sl exactly (Fast2Sum), sl += hi*P in one FMA (the value
 * never rounds lo on its own), r0 = 1/(s + sl) by a division,
 * res = 1 - r0*(s + sl) by FMAs and sigmoid = r0 + r0*res with one final
 * rounding.  No |x|: for x < 0, sigmoid ~ 1/E inherits E's relative error,
 * which the hi/lo form keeps below 2^-28.
 * Derivative: sigmoid*(1 - sigmoid) = (r0 + r0*res)*(w + w_lo), where
 * 1 - sigmoid is 1 - r0 - r0*res by Fast2Sum for x < 0 and E*sigmoid for
 * x >= 0: no cancellation as sigmoid rounds to 1, so no gradient death
 * before the true gradient leaves the normal range.
 * Special lanes (|x| > 87: over- and underflow, infinities, NaN) are
 * recomputed in double (widen, exp, one rounding), which is exact to the
 * last subnormal: sigmoid(-inf) = +0, sigmoid(+inf) = 1, NaN propagates.
 * Coefficients and tables: impls/math/sollya/exp_table.sollya, written by
 * scripts/fit-coefficients into impls/math/coefficients.h and exp_data.c.
 *
 * Why table for the accurate tier: the table's hi part is exact and the
 * degree-4 polynomial on |r| <= ln2/16 is cheap and accurate (2^-32.4); a
 * table-free E would need a double evaluation (see impls/math/logistic.h:
 * 2.1x slower on AVX2, 2.0x on AVX-512) or a longer polynomial with the
 * same hi/lo bookkeeping.  The poly method of the accurate tier is not
 * built: its double form is the special-case path here and loses to this
 * one everywhere.  The fast tier has both methods (sigmoid_f32_poly_fast_*,
 * sigmoid_f32_table_fast_*).
 *
 * Speed: 1.230 cycles/element; fastest peer libmvec 1.159: 1.06x, against
 * the tier's 1.0x, which it misses; the same run measured the former form
 * (lo rounded before its sum, four vectors per iteration) at 1.293 against
 * libmvec's 1.150 (1.12x)
 * (`build/actbench -A sigmoid -m libmvec,sleef,poly,table -f f32 -I avx2,avx512f
 * --speed-only --modes throughput,gradient_throughput --budget 0.3`, three runs
 * alternating with the four-vector build, medians; L1-resident, core cycles
 * per element from calibrated TSC ticks, AMD EPYC Zen 5, shared machine at
 * load 7-9: compare within one run).
 * Measured again at 1.228 cycles/element against libmvec's 1.154
 * (1.06x; three runs of `build/actbench -A sigmoid,silu -f f32 -I avx2
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`,
 * medians, load 34-37).
 * The loop holds 26 vector operations per vector (its floor, 0.81
 * cycles/element, is 1.5x below the measured figure), but on this Zen 5
 * the two FMA pipes bound it, not the four-operation floor: the
 * division holds one of them for about 2.5 cycles, and each vpermps
 * takes a slot on an FMA pipe and one on an add pipe.  Variants of this
 * loop timed side by side (a standalone driver over the same 3072-element
 * buffer, rdtsc, minimum of 3000 calls; load 13-16) put the cost of one
 * more FMA at +7.8%, one more add, max or min at +4%, one more integer
 * add at +1.6%; the division against a multiplication at +13%; vrcpps
 * with one more FMA (1 - res + res^2) as fast as the division.  Taken
 * away one at a time: both vpermps -1 to -2%, the special-lane test -3%
 * (-10% on four vectors), the max/min of the Fast2Sum -3% (exact only while
 * 1 + hi < 2^24, x > -16.6), a degree-3 polynomial -7% (its fit is
 * 2^-25.2, Sollya: up to 0.43 ulp more at x < 0, too near the 1-ulp
 * contract).  Two, four or one vector per iteration, and a main loop
 * that leaves it for the special case instead of calling it inside, are
 * within 4% of each other.  The exact 1 + hi and the compensated
 * reciprocal (the division and three FMAs) are what the tier's 0.63 ulp
 * needs; no change that keeps them reached the peer.
 *
 * Checked over all 2^32 inputs (`build/actbench --exhaustive -A sigmoid
 * --filter 'sigmoid_f32_table_accurate_(avx2|avx512f)' --accuracy-only
 * -f f32`: double reference, MPFR where it cannot decide; the AVX2 and
 * AVX-512F kernels give the same figures, and the scalar one agrees with
 * them bit for bit on the 1M-point sample): value at most 0.6218 ulp
 * (x = -0x1.d3b15cp+4), none above 1 ulp; gradient at most 1.5596 ulp
 * (x = 0x1.b61c26p+1) wherever it is a normal number, no gradient death;
 * actbench counts no monotonicity violation (an earlier check of the
 * former form, with lo rounded before its sum, reported one backward step
 * of one ulp at x = 0x1.b63f02p-5; actbench's count on the floats around
 * it is 0 for both forms).
 *
 * Tier: accurate.  Declared bounds, f32: value 0.63 ulp, gradient 1.6 ulp
 * (just above the exhaustive figures above).  Loops:
 * impls/math/elementwise_narrow.h (two vectors per main-loop iteration,
 * then single vectors, then a masked tail that touches nothing past n; in
 * place safe): with four, as the AVX-512F kernel runs, gcc keeps constants
 * and results on the stack around the special-case call on every
 * iteration.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   sigmoid_f32_table_accurate_avx2 f32: value 0.5819 ulp at x = -0x1.70ebacp+2,
 *     gradient 1.472 ulp at x = 0x1.35898ap+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise_narrow.h"
#include "../math/logistic.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_accurate_fused_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_accurate_derivative(x, *(const struct exp_table_tables *)context, special);
}

void sigmoid_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void sigmoid_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p);

void sigmoid_f32_table_accurate_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_two_forward(x, y, n, value, sigmoid_special_case, &tables);
}

void sigmoid_f32_table_accurate_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                              size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_two_gradient(x, dy, dx, n, derivative, sigmoid_derivative_special_case, &tables);
}

const struct actbench_kernel sigmoid_f32_table_accurate_avx2 = {
    .name = "sigmoid_f32_table_accurate_avx2",
    .activation = "sigmoid",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = 2 * VF32_LANES,
    .forward.f32 = sigmoid_f32_table_accurate_avx2_forward,
    .gradient.f32 = sigmoid_f32_table_accurate_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.63, .gradient_ulp = 1.6},
    .description = "exp(-x) from 2^(j/8) hi/lo table + degree-4 poly, compensated 1/(1 + E); derivative sigmoid*(1 - sigmoid) without cancellation",
};
