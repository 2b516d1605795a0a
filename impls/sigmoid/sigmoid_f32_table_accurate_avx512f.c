/*
 * sigmoid, table method, accurate tier, AVX-512F, 16 lanes.
 *
 * Algorithm (impls/math/logistic.h over impls/math/exp_table.h):
 * E = exp(-x) = hi + lo, k = round(-8x/ln2), hi = 2^(k/8) from the
 * 8-entry table of 2^(j/8) (float bits, plus a second table with the part
 * the float misses; 64 bytes, one cache line:
 * both tables held in the low halves of zmm registers, each looked up
 * with one vpermps) and
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
 * Speed: 0.633 cycles/element; fastest peer SLEEF u10 0.780: 0.81x,
 * against the tier's 1.0x, which it meets; the same runs measured the
 * former form (lo rounded before its sum) at 0.658 (0.84x)
 * (`build/actbench -A sigmoid -m libmvec,sleef,poly,table -f f32 -I avx2,avx512f
 * --speed-only --modes throughput,gradient_throughput --budget 0.3`, three runs
 * alternating with the former build, medians; L1-resident, core cycles
 * per element from calibrated TSC ticks, AMD EPYC Zen 5, shared machine at
 * load 7-9: compare within one run).
 *
 * On AVX-512F hi is one vscalefps of 2^(j/8) by k/8 (the reduction's
 * shifter 0x1.8p20 gives k/8 exactly) and both lookups index tables held
 * twice in the register, so no shift, integer add or index mask: 24.25
 * vector operations per 16 elements (scripts/kernel-ops.py --show), 2 fewer
 * than the former form, whose every bit it keeps (every float with
 * |x| <= 87 compared with the former form: 0 differences).
 *
 * Speed on Intel (family 6 model 207, KVM, 2 cores, TSC 2.1 GHz, core
 * about 2.9 GHz), where 512-bit operations issue to ports 0 and 5 only:
 * `build/actbench -A sigmoid,silu -f f32 -I avx512f -m libmvec,sleef,table,poly
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`, three runs
 * alternating with the former build at load 1.0-1.5 (the core clock moved
 * between runs, so compare within a run): 1.192, 1.174, 1.007 against
 * libmvec's 1.215, 1.213, 0.901 in the same runs (0.98x median; SLEEF u10
 * 1.62); the former build 1.248, 1.229, 1.356 against libmvec 1.242, 1.231,
 * 1.331 (1.005x).
 * What bounds it there (the loop body timed alone, 2048 L1-resident
 * elements, TSC ticks per 16 elements, medians of 301 interleaved runs):
 * former form 11.8, without the index mask 11.25, this form 10.9, this
 * form with a multiply for the division 10.0, the division alone 7.3;
 * without the special-lane test (abs and a compare into a mask, port 5)
 * 11.1; Estrin's scheme for p (one multiply more, 4 cycles less latency)
 * 11.3, rejected.  Measured per instruction: FMA, add, min/max, vpaddd,
 * vpandd and vscalefps two a cycle (ports 0 and 5), vpermps and a compare
 * into a mask one (port 5), vpslld one (port 0), vdivps zmm one per 9.6
 * cycles.  So the 24 operations plus the division's two extra micro-ops
 * fill ports 0 and 5 (13 cycles per 16 elements, 9.5 ticks), and the
 * division's latency on the chain costs the rest; the division is 1.8
 * ticks of the 10.9, but a division-free 1/(1 + E) needs a hardware
 * estimate (not used: its bits differ between CPUs) or more operations.
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
 * (just above the exhaustive figures above).  Loops: impls/math/elementwise.h
 * (four vectors per main-loop iteration, then single vectors, then a
 * masked tail that touches nothing past n; in place safe).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   sigmoid_f32_table_accurate_avx512f f32: value 0.5819 ulp at x = -0x1.70ebacp+2,
 *     gradient 1.472 ulp at x = 0x1.35898ap+2
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/logistic.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_accurate_fused_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return sigmoid_table_accurate_derivative(x, *(const struct exp_table_tables *)context, special);
}

void sigmoid_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void sigmoid_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                 size_t n, const struct actbench_params *p);

void sigmoid_f32_table_accurate_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, sigmoid_special_case, &tables);
}

void sigmoid_f32_table_accurate_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                                 size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, sigmoid_derivative_special_case, &tables);
}

const struct actbench_kernel sigmoid_f32_table_accurate_avx512f = {
    .name = "sigmoid_f32_table_accurate_avx512f",
    .activation = "sigmoid",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = sigmoid_f32_table_accurate_avx512f_forward,
    .gradient.f32 = sigmoid_f32_table_accurate_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.63, .gradient_ulp = 1.6},
    .description = "exp(-x) from 2^(j/8) hi/lo table + degree-4 poly, compensated 1/(1 + E); derivative sigmoid*(1 - sigmoid) without cancellation",
};
