/*
 * prelu, libm method, AVX-512F: the scalar formula on 16 lanes.
 *
 * x > 0 ? x : a_c*x where element i belongs to channel c = i mod C
 * (C = p->channels, a_c = p->channel_alpha[c]).  When every slope is in
 * (0, 1] (PyTorch initialises them to 0.25) it is max(x, a_c*x), when every
 * one is >= 1 min(x, a_c*x), as leaky_relu's: a multiplication and a max,
 * equal to the formula on every x; otherwise the formula itself (a_c*x,
 * the ordered compare x > 0, a select).  Input gradient
 * isnan(x) ? x : (x > 0 ? 1 : a_c), times dy; parameter gradient per
 * element x > 0 ? 0 : dy*x (NaN for NaN, through dy*x), written when
 * dparam is not NULL.
 *
 * The slopes of a vector: when C divides 16 (1, 2, 4, 8 or 16 channels) every
 * vector has the same ones, kept in a register; otherwise one unaligned
 * load per vector, from alpha + c where the vector does not cross the end
 * of alpha and from a 30-slope seam around that end where it does (see
 * piecewise_slope_channels in impls/math/piecewise.h), with the channel
 * of the next vector stepped, not divided: no permute for any C.
 *
 * Exact where the formula is: the value is x or the one correctly rounded
 * product a_c*x (<= 0.5 ulp), the gradients dy, a_c*dy and dy*x one
 * rounding each.  Bit-identical to prelu_f32_libm_scalar on every input,
 * for channel counts below, at and above the lane count
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
 * L1: forward 0.0780 (1.24x copy), gradient 0.1894 (2.86x copy,
 * 2.30x copy2):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm -f f32 --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: as leaky_relu's.  Gradient: stores dx and the per-element
 * parameter gradient, two 512-bit stores per vector (one per cycle)
 * against copy2's one: twice copy2's store cycles at least.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1131
 * (1.33x copy_avx512f; 241.3 GB/s, the copy 321.5), gradient 0.2671 (2.54x
 * copy2_avx512f; 263.1 GB/s, copy2_avx512f 425.8); DRAM (950 to 965 MiB working
 * set): forward 3.6507 (0.84x copy_avx512f; 8.1 GB/s, the copy 7.1),
 * gradient 6.8889 (1.32x copy2_avx512f; 10.5 GB/s, copy2_avx512f 7.9).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 0.5, gradient 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   prelu_f32_libm_avx512f f32: value 0.5 ulp at x = -0x1p-126,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../math/piecewise.h"

void prelu_f32_libm_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void prelu_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                  size_t n, const struct actbench_params *p);

void prelu_f32_libm_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    struct piecewise_slope s;
    float seam[2 * VF32_LANES];
    bool per_channel = piecewise_slope_channels(&s, p->channel_alpha, p->channels, seam);
    switch (piecewise_slopes_range(p->channel_alpha, p->channels)) {
    case PIECEWISE_SLOPES_AT_MOST_ONE:
        if (per_channel)
            piecewise_forward(x, y, n, piecewise_leaky_at_most_one, &s, true);
        else
            piecewise_forward(x, y, n, piecewise_leaky_at_most_one, &s, false);
        break;
    case PIECEWISE_SLOPES_AT_LEAST_ONE:
        if (per_channel)
            piecewise_forward(x, y, n, piecewise_leaky_at_least_one, &s, true);
        else
            piecewise_forward(x, y, n, piecewise_leaky_at_least_one, &s, false);
        break;
    case PIECEWISE_SLOPES_OTHER:
        if (per_channel)
            piecewise_forward(x, y, n, piecewise_leaky, &s, true);
        else
            piecewise_forward(x, y, n, piecewise_leaky, &s, false);
        break;
    }
}

void prelu_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                  size_t n, const struct actbench_params *p)
{
    (void)y;
    struct piecewise_slope s;
    float seam[2 * VF32_LANES];
    bool per_channel = piecewise_slope_channels(&s, p->channel_alpha, p->channels, seam);
    if (dparam && per_channel)
        piecewise_gradient(x, dy, dx, dparam, n, piecewise_leaky_derivative, piecewise_prelu_param_gradient,
                           &s, true);
    else if (dparam)
        piecewise_gradient(x, dy, dx, dparam, n, piecewise_leaky_derivative, piecewise_prelu_param_gradient,
                           &s, false);
    else if (per_channel)
        piecewise_gradient(x, dy, dx, NULL, n, piecewise_leaky_derivative, NULL, &s, true);
    else
        piecewise_gradient(x, dy, dx, NULL, n, piecewise_leaky_derivative, NULL, &s, false);
}

const struct actbench_kernel prelu_f32_libm_avx512f = {
    .name = "prelu_f32_libm_avx512f",
    .activation = "prelu",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = prelu_f32_libm_avx512f_forward,
    .gradient.f32 = prelu_f32_libm_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.5, .gradient_ulp = 0},
    .description = "x > 0 ? x : a_c*x, per-channel slopes loaded per vector; input and per-element parameter gradients",
};
