/*
 * relu, libm method, AVX-512F: the scalar formula on 16 lanes.
 *
 * max(0, x) as x <= 0 ? 0 : x: NaN fails x <= 0 and passes with its bits;
 * -0 <= 0 gives +0.  maxps is no shortcut: it returns its second operand
 * when either is NaN and when both are zeros, so max(x, 0) loses NaN and
 * max(0, x) keeps -0.  Here one vfixupimmps per vector does it (every lane
 * sorted into QNaN, SNaN, +-0, +1, -inf, +inf, negative, positive; x kept
 * or +0 by a table of responses, impls/math/piecewise.h), where an ordered
 * compare into a mask and a masked move took two operations.  Derivative
 * isnan(x) ? x : (x > 0 ? 1 : 0): 0 at the kink (PyTorch's convention), NaN
 * for NaN, also one vfixupimmps (x, +0 or +1); dx = f'(x) * dy, one
 * multiplication.
 *
 * Exact (0 ulp): the value is a selection and the gradient dy or 0*dy.
 * Bit-identical to relu_f32_libm_scalar on every input
 * (tests/test_piecewise_simd.c; all 2^32 with --exhaustive).
 *
 * Loops (impls/math/piecewise.h): 4 vectors (64 elements) per iteration,
 * single vectors, then a k-masked tail that touches nothing past n; in
 * place safe.
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 17 on 2 cores), medians of three runs of the command below
 * (cycles per element, and ratio to the 512-bit copy kernels of the same
 * run, copy_avx512f and copy2_avx512f, which AVX-512 rows divide by),
 * L1: forward 0.0641 (1.02x copy), gradient 0.0950 (1.42x copy,
 * 1.15x copy2):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm -f f32 --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: bound by the store (one 512-bit store per cycle), as the
 * 512-bit copy is (the 256-bit copy moves 8 elements in 0.73 cycles).
 * Intel Xeon family 6 model 207 (2 cores, KVM; 512-bit operations on
 * ports 0 and 5 only), the compare and select against one vfixupimmps,
 * two alternating runs each while other work loaded the machine (load
 * 2.7): forward 1.32-1.34x -> 1.26-1.27x copy, gradient 2.16-2.21x ->
 * 1.51x copy (1.70-1.73x -> 1.19-1.26x copy2):
 *   build/actbench -A relu -f f32 -I avx512f -m libm --speed-only
 *     --modes throughput,gradient_throughput --sizes L1 --budget 0.1
 * Gradient: two 512-bit loads and a store per vector.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1072
 * (1.25x copy_avx512f; 251.0 GB/s, the copy 321.5), gradient 0.1383 (1.32x
 * copy2_avx512f; 412.6 GB/s, copy2_avx512f 425.8); DRAM (950 to 965 MiB working
 * set): forward 3.3973 (0.95x copy_avx512f; 8.5 GB/s, the copy 7.1),
 * gradient 5.2246 (0.99x copy2_avx512f; 11.1 GB/s, copy2_avx512f 7.9).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 0, gradient 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   relu_f32_libm_avx512f f32: value 0 ulp at x = 0x0p+0,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../math/piecewise.h"

void relu_f32_libm_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void relu_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                 size_t n, const struct actbench_params *p);

void relu_f32_libm_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_forward(x, y, n, piecewise_relu, &s, false);
}

void relu_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                 size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_gradient(x, dy, dx, NULL, n, piecewise_relu_derivative, NULL, &s, false);
}

const struct actbench_kernel relu_f32_libm_avx512f = {
    .name = "relu_f32_libm_avx512f",
    .activation = "relu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = relu_f32_libm_avx512f_forward,
    .gradient.f32 = relu_f32_libm_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0, .gradient_ulp = 0},
    .description = "x <= 0 ? 0 : x as a compare and a select; derivative x > 0",
};
