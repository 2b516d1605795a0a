/*
 * relu on bfloat16 encodings, libm method, AVX2: 16 lanes of 16 bits,
 * integer operations on the encodings (impls/math/relu16.h).
 *
 * relu(x) = x <= 0 ? +0 : x is a select on the bits: x becomes +0 exactly
 * when, as a signed 16-bit integer, it lies at or below -inf (0xff80),
 * i.e. its sign bit is set and it is not a NaN; +0, positives, +inf and
 * every NaN (bits unchanged) pass.  relu(-0) = +0.  Derivative 1 for
 * x > 0, 0 for x <= 0 (PyTorch's convention at the kink), NaN for NaN;
 * dx = f'(x) * dy as IEEE multiplication gives it on the bits (dy, a zero
 * with dy's sign, or a NaN).
 *
 * Correctly rounded (0 ulp) by construction: every result is an input, a
 * zero or a NaN.  Checked on all 65536 encodings against the f32 relu of
 * the decoded value (tests/test_piecewise_simd.c), gradients on all 2^32
 * pairs (x, dy) with --exhaustive.
 *
 * Loops: 4 vectors (64 elements) per iteration, single vectors, then
 * a tail through a 16-element vector on the stack (AVX2 has no 16-bit masked move; memcpy of the last elements in and out); in place safe.
 *
 * Tier: none (libm method).  Declared bounds, bf16: value 0, gradient 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   relu_bf16_libm_avx2 bf16: value 0 ulp at x = 0x0p+0,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/u16-avx2.h"
#include "../math/relu16.h"

void relu_bf16_libm_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void relu_bf16_libm_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                          uint16_t *dparam, size_t n, const struct actbench_params *p);

void relu_bf16_libm_avx2_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    relu16_forward(x, y, n, relu16_bf16);
}

void relu_bf16_libm_avx2_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                          uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    relu16_backward(x, dy, dx, n, relu16_bf16);
}

const struct actbench_kernel relu_bf16_libm_avx2 = {
    .name = "relu_bf16_libm_avx2",
    .activation = "relu",
    .type = ACTBENCH_BF16,
    .isa = "avx2",
    .unroll = RELU16_UNROLL * VU16_LANES,
    .forward.u16 = relu_bf16_libm_avx2_forward,
    .gradient.u16 = relu_bf16_libm_avx2_gradient,
    .bounds[ACTBENCH_BF16] = {.value_ulp = 0, .gradient_ulp = 0},
    .description = "x <= 0 ? +0 : x as an integer select on the bf16 encoding; gradient dy, a signed zero or NaN",
};
