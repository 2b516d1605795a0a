/*
 * hard_sigmoid_torch, libm method, AVX2: the scalar formula on 8 lanes.
 *
 * PyTorch: min(max(x + 3, 0), 6) / 6, in the order of PyTorch's CPU kernel.
 * x + 3 is rounded as in the scalar kernel (exact near x = -3, Sterbenz),
 * the clip puts its constants first so that minps/maxps, which return
 * their second operand when either is NaN, keep a NaN.  The division is
 * correctly rounded, as the scalar kernel's, but without the divider
 * (vdivps would bound the loop at several times the copy's cycles): with
 * r = RN(1/6), q = RN(c*r), the exact remainder e = c - 6q (one FMA), and
 * RN(q + e*r) (one FMA) is c/6 correctly rounded for every c in [0, 6]
 * (Markstein; checked on every float of [0, 6] by test_piecewise_simd
 * --exhaustive).  Derivative 1.0f/6.0f on -3 < x < 3 (|x| < 3), 0 outside
 * and at the kinks, NaN for NaN; dx = f'(x) * dy.
 *
 * Bit-identical to hard_sigmoid_torch_f32_libm_scalar on every input
 * (tests/test_piecewise_simd.c; all 2^32 with --exhaustive).
 *
 * Loops (impls/math/piecewise.h): 8 vectors (64 elements) per iteration,
 * single vectors, then a vmaskmovps tail that touches nothing past n; in
 * place safe.
 *
 * Tier: none (libm method).  Declared bounds, f32: value 1.1, gradient
 * 0.34 ulp (the scalar kernel's).
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
