/*
 * hard_sigmoid_torch, libm method, AVX2: the scalar formula on 8 lanes.
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
 * Loops (impls/math/piecewise.h): 8 vectors (64 elements) per iteration,
 * single vectors, then a vmaskmovps tail that touches nothing past n; in
 * place safe.
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 9 to 11 on 2 cores), medians of three runs of the command
 * below (cycles per element and ratio to the copy kernel of the same run),
 * L1: forward 0.1877 (1.91x copy), gradient 0.2105 (2.20x copy):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: the addition and both clips use the two add pipes (minps,
 * maxps, addps and compares share them on Zen 5): 1.5 cycles per 8
 * elements, at least 2.05x the copy's 0.73; a clip by integer min/max
 * would run on any pipe but lose NaN, whose sign decides which way it
 * compares.  Gradient: two loads per vector (see relu_f32_libm_avx2) plus
 * abs, compare, NaN select and multiply.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1971
 * (1.78x copy; 134.2 GB/s, the copy 245.6), gradient 0.2173 (1.40x copy2;
 * 247.9 GB/s, copy2 271.3); DRAM (950 to 965 MiB working set): forward 3.3304
 * (0.93x copy; 8.7 GB/s, the copy 8.2), gradient 5.3497 (1.07x copy2; 10.8
 * GB/s, copy2 8.5).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 1.1, gradient
 * 0.34 ulp (the scalar kernel's).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   hard_sigmoid_torch_f32_libm_avx2 f32: value 1 ulp at x = 0x1.3ffffep+1,
 *     gradient 0.3333 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../math/piecewise.h"

void hard_sigmoid_torch_f32_libm_avx2_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p);
void hard_sigmoid_torch_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                               float *dparam, size_t n, const struct actbench_params *p);

void hard_sigmoid_torch_f32_libm_avx2_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p)
{
    (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_forward(x, y, n, piecewise_hard_sigmoid_torch, &s, false);
}

void hard_sigmoid_torch_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                               float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_gradient(x, dy, dx, NULL, n, piecewise_hard_sigmoid_torch_derivative, NULL, &s, false);
}

const struct actbench_kernel hard_sigmoid_torch_f32_libm_avx2 = {
    .name = "hard_sigmoid_torch_f32_libm_avx2",
    .activation = "hard_sigmoid_torch",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = hard_sigmoid_torch_f32_libm_avx2_forward,
    .gradient.f32 = hard_sigmoid_torch_f32_libm_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.1, .gradient_ulp = 0.34},
    .description = "min(max(x + 3, 0), 6)/6 as in PyTorch, the division correctly rounded by two FMAs",
};
