/*
 * hardswish, libm method, AVX2: PyTorch's formula on 8 lanes.
 *
 * x * min(max(x + 3, 0), 6) / 6 in the order of PyTorch's CPU kernel, as
 * the scalar kernel: p = x * clip(x + 3, 0, 6) rounded, then p / 6
 * correctly rounded, and -0 at -inf.  The lower clip is taken on x,
 * p = RN(xl * min(6, RN(xl + 3))) with xl = max(-3, x), which is the same
 * p for x > -3 and the scalar kernel's -0 for every x <= -3, -inf
 * included, without a test; NaN passes (the constants come first in
 * maxps/minps).  The division without the divider: RN(p*r_hi + RN(p*r_lo))
 * with 1/6 split into two floats, which is RN(p/6) wherever |p| >= 2^-97
 * (see impls/math/piecewise.h); the rare lanes 0 < |x| < 2^-97 go to a
 * special case that divides, found by an integer test of x's exponent
 * taken over each block of 64 inputs before it is computed (one branch a
 * block; a block with such a lane goes vector by vector through the
 * special case).  Derivative as PyTorch's
 * hardswish_backward: 0 below -3, RN(RN(x/3) + 0.5) on [-3, 3] (x/3 by the
 * same split), 1 above, NaN for NaN (the middle piece carries it through
 * the two selects); dx = f'(x) * dy.
 *
 * Kept as PyTorch writes it, with its failure (IMPL_NAIVE, as the scalar
 * kernel): above FLT_MAX / 6 the product x * 6 overflows and the result is
 * +inf where hardswish(x) = x is finite.  Bit-identical to
 * hardswish_f32_libm_scalar on every input (tests/test_piecewise_simd.c;
 * all 2^32 with --exhaustive).
 *
 * Loops (impls/math/piecewise.h): forward and gradient 256 bytes of each
 * stream per iteration, then single vectors,
 * then a vmaskmovps tail that touches nothing past n; in place safe.
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 7.8 to 9.1 on 2 cores), medians of three runs of the
 * command below (cycles per element and ratio to the copy kernels of the
 * same run), L1: forward 0.3057 (3.32x copy; 0.3238, 3.54x, with the test
 * for tiny inputs taken per vector), gradient 0.2696 (2.85x copy, 1.79x
 * copy2, the two-input copy):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm -f f32 --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: per vector max, add and min on the two add pipes and three
 * multiplications on the two multiply pipes (x*c and the two halves of the
 * exact division by 6), 1.5 cycles per 8 elements, plus the test for tiny
 * inputs (vpand and vpminud per vector): 65 vector operations per 64
 * elements, 1.20x the floor of its operations over the four pipes.  The
 * test cannot go: without it (not exact below 2^-97) the same loop ran at
 * 2.25x copy in a standalone loop where this one ran at 3.39x and the
 * test per vector at 3.56x.  Gradient: two loads per vector (see
 * relu_f32_libm_avx2), two multiplications for x/3, the add, two compares,
 * a select, the AND and the multiply by dy: 1.08x its floor.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.3253
 * (2.93x copy; 83.4 GB/s, the copy 245.6), gradient 0.2920 (1.85x copy2;
 * 190.1 GB/s, copy2 271.3); DRAM (950 to 965 MiB working set): forward 4.1126
 * (1.13x copy; 7.3 GB/s, the copy 8.2), gradient 5.3032 (1.14x copy2; 11.0
 * GB/s, copy2 8.5).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 2, gradient
 * 4.4e4 ulp (the scalar kernel's).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   hardswish_f32_libm_avx2 f32: value 1.909 ulp at x = 0x1.5ecc6cp+0,
 *     gradient 4.369e+04 ulp at x = -0x1.800106p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../math/piecewise.h"

void hardswish_f32_libm_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void hardswish_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                      float *dparam, size_t n, const struct actbench_params *p);

void hardswish_f32_libm_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    piecewise_hardswish_forward(x, y, n);
}

void hardswish_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                      float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_gradient(x, dy, dx, NULL, n, piecewise_hardswish_derivative, NULL, &s, false);
}

const struct actbench_kernel hardswish_f32_libm_avx2 = {
    .name = "hardswish_f32_libm_avx2",
    .activation = "hardswish",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = hardswish_f32_libm_avx2_forward,
    .gradient.f32 = hardswish_f32_libm_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.0, .gradient_ulp = 4.4e4},
    .description = "x * min(max(x + 3, 0), 6)/6 as in PyTorch, the division by a split reciprocal; derivative its hardswish_backward",
};
