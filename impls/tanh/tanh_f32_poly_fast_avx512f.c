/*
 * tanh, poly method, fast tier, avx512f.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_poly_fast_avx512f f32: value 2.489 ulp at x = 0x1.2003dap+2,
 *     gradient 4.823 ulp at x = 0x1.5bb544p+5
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../simd/f64w-avx512f.h"
#include "../math/elementwise.h"
#include "../math/tanh.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    *special = vmask32_false();
    return tanh_poly_fast_value(x);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    (void)context;
    return tanh_poly_fast_derivative(x, special);
}

void tanh_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p);

void tanh_f32_poly_fast_avx512f_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    elementwise_forward(x, y, n, value, tanh_no_special_case, NULL);
}

void tanh_f32_poly_fast_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    elementwise_gradient(x, dy, dx, n, derivative, tanh_derivative_special_case, NULL);
}

const struct actbench_kernel tanh_f32_poly_fast_avx512f = {
    .name = "tanh_f32_poly_fast_avx512f",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = tanh_f32_poly_fast_avx512f_forward,
    .gradient.f32 = tanh_f32_poly_fast_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.5, .gradient_ulp = 5.1},
    .description = "-m/(m + 2), m = expm1(-2|x|) = fma(2^k, p(r), 2^k - 1) with a degree-6 minimax p, one division; derivative 4E/(1 + E)^2, E by the fast exp poly",
};
