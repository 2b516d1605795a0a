/*
 * hard_sigmoid_keras, libm method, AVX2: the scalar formula on 8 lanes.
 *
 * Keras: clip(0.2*x + 0.5, 0, 1) evaluated as written, 0.2f*x + 0.5f: a
 * multiplication and an addition, each rounded as in the scalar kernel
 * (which -ffp-contract=off keeps from fusing them); the addition is done
 * as fma(p, 1, 0.5f) = RN(p + 0.5f), the same one rounding, on the
 * multiply pipes, so that the two clips have the add pipes to themselves.
 * Then min(1, max(0, t)) with the constants first, so that minps/maxps,
 * which return their second operand when either is NaN, keep a NaN t.  Near the
 * lower kink x = -2.5 the sum cancels and the rounding of 0.2f*x (and 0.2f
 * being 0.2 * (1 + 1.5e-8)) is large relative to the small true value: the
 * formula's accuracy, which is what this measures.  Derivative 0.2f on
 * -2.5 < x < 2.5 (|x| < 2.5), 0 outside and at the kinks, NaN for NaN;
 * dx = f'(x) * dy.
 *
 * Bit-identical to hard_sigmoid_keras_f32_libm_scalar on every input
 * (tests/test_piecewise_simd.c; all 2^32 with --exhaustive).
 *
 * Loops (impls/math/piecewise.h): 8 vectors (64 elements) per iteration,
 * single vectors, then a vmaskmovps tail that touches nothing past n; in
 * place safe.
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 9 to 11 on 2 cores), medians of three runs of the command
 * below (cycles per element and ratio to the copy kernel of the same run),
 * L1: forward 0.1281 (1.31x copy), gradient 0.2106 (2.20x copy):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: four vector operations per vector (the product and the sum,
 * which Keras rounds apart, on the multiply pipes; the two clips on the
 * two add pipes): at least 1 cycle per 8 elements against the copy's 0.73,
 * so at least 1.37x.  Gradient: bound by its two loads per vector (see
 * relu_f32_libm_avx2) plus the abs, compare, NaN select and multiply.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1512
 * (1.36x copy; 168.1 GB/s, the copy 245.6), gradient 0.2296 (1.45x copy2;
 * 243.7 GB/s, copy2 271.3); DRAM (950 to 965 MiB working set): forward 3.3309
 * (0.94x copy; 8.5 GB/s, the copy 8.2), gradient 5.2687 (1.08x copy2; 10.9
 * GB/s, copy2 8.5).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 5.1e6, gradient
 * 0.21 ulp (the scalar kernel's).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   hard_sigmoid_keras_f32_libm_avx2 f32: value 5.033e+06 ulp at x = -0x1.3ffffep+1,
 *     gradient 0.2 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../math/piecewise.h"

void hard_sigmoid_keras_f32_libm_avx2_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p);
void hard_sigmoid_keras_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                               float *dparam, size_t n, const struct actbench_params *p);

void hard_sigmoid_keras_f32_libm_avx2_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p)
{
    (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_forward(x, y, n, piecewise_hard_sigmoid_keras, &s, false);
}

void hard_sigmoid_keras_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                               float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_gradient(x, dy, dx, NULL, n, piecewise_hard_sigmoid_keras_derivative, NULL, &s, false);
}

const struct actbench_kernel hard_sigmoid_keras_f32_libm_avx2 = {
    .name = "hard_sigmoid_keras_f32_libm_avx2",
    .activation = "hard_sigmoid_keras",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = hard_sigmoid_keras_f32_libm_avx2_forward,
    .gradient.f32 = hard_sigmoid_keras_f32_libm_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.1e6, .gradient_ulp = 0.21},
    .description = "clip(0.2f*x + 0.5f, 0, 1) as written by Keras, product and sum rounded apart",
};
