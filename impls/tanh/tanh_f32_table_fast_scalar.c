/*
 * tanh, table method, fast tier, scalar.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   tanh_f32_table_fast_scalar f32: value 1.579 ulp at x = 0x1.0670fcp+2,
 *     gradient 4.551 ulp at x = -0x1.57e738p+5
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-scalar.h"
#include "../simd/f64w-scalar.h"
#include "../math/elementwise.h"
#include "../math/tanh.h"

static inline __attribute__((always_inline)) vf32 value(vf32 x, const void *context, vmask32 *special)
{
    *special = vmask32_false();
    return tanh_table_value(x, context, 6);
}

static inline __attribute__((always_inline)) vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return tanh_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

void tanh_f32_table_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void tanh_f32_table_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p);

void tanh_f32_table_fast_scalar_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct tanh_table_registers tables = tanh_table_fast_load();
    elementwise_forward(x, y, n, value, tanh_no_special_case, &tables);
}

void tanh_f32_table_fast_scalar_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                         size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, tanh_derivative_special_case, &tables);
}

const struct actbench_kernel tanh_f32_table_fast_scalar = {
    .name = "tanh_f32_table_fast_scalar",
    .activation = "tanh",
    .type = ACTBENCH_F32,
    .isa = "scalar",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = tanh_f32_table_fast_scalar_forward,
    .gradient.f32 = tanh_f32_table_fast_scalar_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 1.6, .gradient_ulp = 4.9},
    .description = "piecewise polynomials of degree 6 in 16 slots from register tables, one final FMA; derivative 4E/(1 + E)^2, E from the fast exp table",
};
