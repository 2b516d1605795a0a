/*
 * leaky_relu, libm method, AVX2: the scalar formula on 8 lanes.
 *
 * x > 0 ? x : a*x with the float parameter a = p->alpha (0.01f by
 * default).  For 0 < a <= 1 (the default and every slope in use) it is
 * max(x, a*x), for a >= 1 min(x, a*x): a multiplication and a max, no
 * compare and no select, equal to the formula on every x (a*x lies on the
 * right side of x for either sign, the zeros are the same zero, and maxps
 * returns its second operand, a*x = quiet(x), for NaN; see
 * impls/math/piecewise.h).  Other slopes (0, negative, infinite, NaN) take
 * the formula itself: a*x, the ordered compare x > 0, a select.
 * Derivative isnan(x) ? x : (x > 0 ? 1 : a): a at the kink, NaN for NaN;
 * dx = f'(x) * dy, one multiplication.
 *
 * Exact where the formula is: the value is x or the one correctly rounded
 * product a*x (<= 0.5 ulp), the gradient dy or a*dy.  No FMA: nothing to
 * contract.  Bit-identical to leaky_relu_f32_libm_scalar on every input
 * and for every kind of slope (tests/test_piecewise_simd.c; all 2^32
 * inputs with --exhaustive).
 *
 * Loops (impls/math/piecewise.h): 8 vectors (64 elements) per iteration,
 * single vectors, then a vmaskmovps tail that touches nothing past n; in
 * place safe.
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 9 to 11 on 2 cores), medians of three runs of the command
 * below (cycles per element and ratio to the copy kernel of the same run),
 * L1: forward 0.0987 (1.01x copy), gradient 0.1880 (1.97x copy):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: a multiply and a max per vector, x loaded once
 * (impls/math/piecewise.h: with the load folded into the multiply gcc
 * loaded x twice and the loop ran at 1.47x).  Gradient: bound by its two
 * loads per vector as relu's (a loop of the two loads, a multiply and a
 * store alone takes 1.75 times the copy loop's time), plus a compare, two
 * selects and the multiply.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1136
 * (1.02x copy; 223.7 GB/s, the copy 245.6), gradient 0.2059 (1.29x copy2;
 * 272.1 GB/s, copy2 271.3); DRAM (950 to 965 MiB working set): forward 3.1601
 * (0.97x copy; 9.0 GB/s, the copy 8.2), gradient 5.0140 (1.00x copy2; 10.4
 * GB/s, copy2 8.5).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 0.5, gradient 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   leaky_relu_f32_libm_avx2 f32: value 0.5 ulp at x = -0x1.4p+1,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../math/piecewise.h"

void leaky_relu_f32_libm_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void leaky_relu_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                       float *dparam, size_t n, const struct actbench_params *p);

void leaky_relu_f32_libm_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    struct piecewise_slope s = piecewise_slope_constant(vf32_set1(p->alpha));
    switch (piecewise_slopes_range(&p->alpha, 1)) {
    case PIECEWISE_SLOPES_AT_MOST_ONE:
        piecewise_forward(x, y, n, piecewise_leaky_at_most_one, &s, false);
        break;
    case PIECEWISE_SLOPES_AT_LEAST_ONE:
        piecewise_forward(x, y, n, piecewise_leaky_at_least_one, &s, false);
        break;
    case PIECEWISE_SLOPES_OTHER:
        piecewise_forward(x, y, n, piecewise_leaky, &s, false);
        break;
    }
}

void leaky_relu_f32_libm_avx2_gradient(const float *x, const float *y, const float *dy, float *dx,
                                       float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam;
    struct piecewise_slope s = piecewise_slope_constant(vf32_set1(p->alpha));
    piecewise_gradient(x, dy, dx, NULL, n, piecewise_leaky_derivative, NULL, &s, false);
}

const struct actbench_kernel leaky_relu_f32_libm_avx2 = {
    .name = "leaky_relu_f32_libm_avx2",
    .activation = "leaky_relu",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = leaky_relu_f32_libm_avx2_forward,
    .gradient.f32 = leaky_relu_f32_libm_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 0.5, .gradient_ulp = 0},
    .description = "x > 0 ? x : a*x as a multiply, a compare and a select; derivative x > 0 ? 1 : a",
};
