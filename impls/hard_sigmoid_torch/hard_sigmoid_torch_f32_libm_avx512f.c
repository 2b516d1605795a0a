/*
 * hard_sigmoid_torch, libm method, AVX-512F: the scalar formula on 16 lanes.
 *
 * PyTorch: min(max(x + 3, 0), 6) / 6, in the order of PyTorch's CPU kernel.
 * x + 3 is rounded as in the scalar kernel (exact near x = -3, Sterbenz),
 * the clip puts its constants first so that minps/maxps, which return
 * their second operand when either is NaN, keep a NaN.  The division is
 * correctly rounded, as the scalar kernel's, but without the divider
 * (vdivps would bound the loop at several times the copy's cycles): with
 * 1/6 split into r_hi + r_lo, RN(c*r_hi + RN(c*r_lo)) (a multiplication
 * and an FMA) is within 2^-40 ulp of c/6, which is never near a midpoint
 * (its fraction in ulps is 0, 1/3 or 2/3), so it is c/6 correctly rounded
 * for c = 0 and every c >= 2^-97, and every nonzero c = x + 3 is at least
 * 2^-22 (impls/math/piecewise.h; checked on every float of [2^-97, 6] by
 * test_piecewise_simd --exhaustive).  Derivative 1.0f/6.0f on -3 < x < 3 (|x| < 3), 0 outside
 * and at the kinks, NaN for NaN; dx = f'(x) * dy.
 *
 * Bit-identical to hard_sigmoid_torch_f32_libm_scalar on every input
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
 * L1: forward 0.0942 (1.50x copy), gradient 0.1127 (1.68x
 * copy, 1.37x copy2):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm -f f32 --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: the add and both clips on the two add pipes, 1.5 cycles per 16
 * elements.  Gradient: as hard_sigmoid_keras's.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1190
 * (1.47x copy_avx512f; 223.3 GB/s, the copy 321.5), gradient 0.1555 (1.48x
 * copy2_avx512f; 367.7 GB/s, copy2_avx512f 425.8); DRAM (950 to 965 MiB working
 * set): forward 3.5538 (0.93x copy_avx512f; 8.2 GB/s, the copy 7.1),
 * gradient 5.3073 (0.94x copy2_avx512f; 10.6 GB/s, copy2_avx512f 7.9).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 1.1, gradient
 * 0.34 ulp (the scalar kernel's).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   hard_sigmoid_torch_f32_libm_avx512f f32: value 1 ulp at x = 0x1.3ffffep+1,
 *     gradient 0.3333 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../math/piecewise.h"

void hard_sigmoid_torch_f32_libm_avx512f_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p);
void hard_sigmoid_torch_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
                                               float *dparam, size_t n, const struct actbench_params *p);

void hard_sigmoid_torch_f32_libm_avx512f_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p)
{
    (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_forward(x, y, n, piecewise_hard_sigmoid_torch, &s, false);
}

void hard_sigmoid_torch_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
                                               float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_gradient(x, dy, dx, NULL, n, piecewise_hard_sigmoid_torch_derivative, NULL, &s, false);
}

const struct actbench_kernel hard_sigmoid_torch_f32_libm_avx512f = {
    .name = "hard_sigmoid_torch_f32_libm_avx512f",
    .activation = "hard_sigmoid_torch",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = hard_sigmoid_torch_f32_libm_avx512f_forward,
    .gradient.f32 = hard_sigmoid_torch_f32_libm_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.1, .gradient_ulp = 0.34},
    .description = "min(max(x + 3, 0), 6)/6 as in PyTorch, the division correctly rounded by two FMAs",
};
