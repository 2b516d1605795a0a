/*
 * relu, libm method, AVX2: the scalar formula on 8 lanes.
 *
 * max(0, x) computed as x <= 0 ? 0 : x: an ordered compare and a select
 * per vector.  NaN fails x <= 0 and passes with its bits; -0 <= 0 gives
 * +0.  maxps is no shortcut: it returns its second operand when either is
 * NaN and when both are zeros, so max(x, 0) loses NaN and max(0, x) keeps
 * -0.  Derivative isnan(x) ? x : (x > 0 ? 1 : 0): 0 at the kink (PyTorch's
 * convention), NaN for NaN; dx = f'(x) * dy, one multiplication.
 *
 * Exact (0 ulp): the value is a selection and the gradient dy or 0*dy.
 * Bit-identical to relu_f32_libm_scalar on every input
 * (tests/test_piecewise_simd.c; all 2^32 with --exhaustive).
 *
 * Loops (impls/math/piecewise.h): 8 vectors (64 elements) per iteration,
 * single vectors, then a vmaskmovps tail that touches nothing past n; in
 * place safe.
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 9 to 11 on 2 cores), medians of three runs of the command
 * below (cycles per element and ratio to the copy kernel of the same run),
 * L1: forward 0.0981 (1.00x copy), gradient 0.1747 (1.83x copy):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: a compare and an AND per vector, as fast as the copy.
 * Gradient: x and dy are loaded and dx stored per vector, where the
 * gradient mode's copy kernel moves dy alone; on this machine a loop of
 * nothing but two 256-bit loads, a multiply and a store takes 1.75 times
 * as long as the copy loop (rdtsc, L1-resident arrays), so no AVX2
 * gradient that reads two arrays gets below about 1.7x the copy.  The
 * derivative's five vector operations (two compares, an AND, the NaN
 * select, the multiply by dy) add the rest.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1169
 * (1.05x copy; 222.4 GB/s, the copy 245.6), gradient 0.2023 (1.23x copy2;
 * 281.3 GB/s, copy2 271.3); DRAM (950 to 965 MiB working set): forward 3.2691
 * (0.97x copy; 8.7 GB/s, the copy 8.2), gradient 5.4830 (1.09x copy2; 10.5
 * GB/s, copy2 8.5).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 0, gradient 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   relu_f32_libm_avx2 f32: value 0 ulp at x = 0x0p+0,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../math/piecewise.h"

void relu_f32_libm_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void relu_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                 size_t n, const struct actbench_params *p);

void relu_f32_libm_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_forward(x, y, n, piecewise_relu, &s, false);
}

void relu_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                 size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_gradient(x, dy, dx, NULL, n, piecewise_relu_derivative, NULL, &s, false);
}

const struct actbench_kernel relu_f32_libm_avx2 = {
    .name = "relu_f32_libm_avx2",
    .activation = "relu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = relu_f32_libm_avx2_forward,
    .gradient.f32 = relu_f32_libm_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0, .gradient_ulp = 0},
    .description = "x <= 0 ? 0 : x as a compare and a select; derivative x > 0",
};
