/*
 * gelu_tanh, table method, fast tier, avx2.
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx2.h"
#include "../simd/f64w-avx2.h"
#include "../math/elementwise.h"
#include "../math/gelu_tanh.h"

static vf32 value(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_fast_value(x, *(const struct exp_table_tables *)context, special);
}

static vf32 derivative(vf32 x, const void *context, vmask32 *special)
{
    return gelu_tanh_table_fast_derivative(x, *(const struct exp_table_tables *)context, special);
}

void gelu_tanh_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void gelu_tanh_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                            size_t n, const struct actbench_params *p);

void gelu_tanh_f32_table_fast_avx2_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_forward(x, y, n, value, gelu_tanh_special_case, &tables);
}

void gelu_tanh_f32_table_fast_avx2_gradient(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                            size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    const struct exp_table_tables tables = exp_table_load();
    elementwise_gradient(x, dy, dx, n, derivative, gelu_tanh_derivative_special_case, &tables);
}

const struct actbench_kernel gelu_tanh_f32_table_fast_avx2 = {
    .name = "gelu_tanh_f32_table_fast_avx2",
    .activation = "gelu_tanh",
    .type = ACTBENCH_F32,
    .isa = "avx2",
    .unroll = ELEMENTWISE_UNROLL * VF32_LANES,
    .forward.f32 = gelu_tanh_f32_table_fast_avx2_forward,
    .gradient.f32 = gelu_tanh_f32_table_fast_avx2_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 2.24, .gradient_ulp = 26.8},
    .description = "x/(1 + exp(-z)), z = 2u as a float pair, exp(-z) from the 2^(j/8) table + degree-3 poly, one division",
};
