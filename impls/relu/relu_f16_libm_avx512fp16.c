/*
 * relu on IEEE binary16 encodings, libm method, AVX-512 with FP16: 32
 * f16 lanes, the FP16 arithmetic itself (loops impls/math/relu16.h).
 *
 * Value: relu(x) = max(x, +0) by vmaxph on the lanes that are not NaN
 * (a vcmpph into a k mask), the NaN lanes merged unchanged: two operations
 * per 32 lanes.  vmaxph returns its second operand when both are zeros,
 * so relu(-0) = +0, and -inf gives +0; the FP16 instructions handle
 * subnormals whatever MXCSR's DAZ and FTZ say, so every positive x,
 * subnormal or not, is returned as it is.  Every NaN keeps its bits
 * (signalling ones too), as relu_f16_libm_avx512f's integer select does.
 *
 * Gradient: dx = s * dy by vmulph, s = 1 for x > 0, +0 for x <= 0 and x
 * itself where x is NaN: s = min(1, t), t = x * +inf on the lanes where
 * x > 0 or x is NaN (one vcmpph) and +0 elsewhere; vminph returns its
 * second operand t when t is NaN.  The product then gives on the bits what
 * the catalog's f'(x) * dy gives: 1*dy = dy (a signalling NaN quieted),
 * 0*dy a zero with dy's sign, 0*inf the default NaN 0xfe00, 0*NaN dy
 * quieted, and for a NaN x, x quieted (s is vmulph's first operand, the
 * NaN it returns when both are NaN).  Four operations
 * per 32 lanes, no test for special lanes (relu_f16_libm_avx512f: three
 * integer operations, plus a test per vector and a slower path for NaN
 * x or non-finite dy).
 *
 * Exact (0 ulp) by construction: every result is an input, a zero or a
 * NaN.  The same bits as relu_f16_libm_avx512f, NaN payloads included,
 * on all 65536 encodings and on the gradients of all 2^32 pairs (x, dy)
 * (the two kernels compared on Intel family 6 model 207).
 * tests/test_piecewise_simd.c checks it against the f32 relu on all 65536
 * encodings and on the gradients of every x against 64 dy and every dy
 * against 64 x, 2^32 pairs with --exhaustive.
 *
 * Speed, cycles per element (L1, uniform [-10, 10] rounded to f16, median
 * core cycles from calibrated TSC ticks; Intel Xeon, family 6 model 207, 2
 * cores under KVM, load average 2.1-2.6; the second of two runs, which
 * agree within 1%): `build/actbench -A
 * sigmoid,tanh,silu,gelu,gelu_tanh,relu,softmax -f f16,f32 -I
 * avx512fp16,avx512f --filter
 * '(_f16_(table|libm)(_widened)?_avx512fp?1?6?$|_f32_(table_accurate|libm)_avx512f$)'
 * --speed-only --modes throughput,gradient_throughput --budget 0.2`.
 * Forward 0.042 against 0.051 for relu_f16_libm_avx512f (0.81x; the 512-bit
 * copy copy_avx512f 0.063), 0.216 for relu_f16_libm_widened_avx512fp16
 * (0.19x) and 0.084 for relu_f32_libm_avx512f alone; gradient 0.068 against
 * 0.142 (0.48x), 0.354 (0.19x) and 0.138 (the two-input copy copy2_avx512f
 * 0.079).
 *
 * Tier: none (libm method).  Declared bounds, f16: value 0, gradient 0 ulp.
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16-fp16, all 65536 f16 inputs):
 *   relu_f16_libm_avx512fp16 f16: value 0 ulp at x = 0x0p+0,
 *     gradient 0 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/u16-avx512f.h"
#include "../math/relu16.h"

static vu16 value(vu16 x, struct relu16_format f)
{
    (void)f;
    __m512h h = _mm512_castsi512_ph(x);
    __mmask32 ordered = _mm512_cmp_ph_mask(h, h, _CMP_ORD_Q);
    return _mm512_castph_si512(_mm512_mask_max_ph(h, ordered, h, _mm512_setzero_ph()));
}

static vu16 gradient(vu16 x, vu16 dy, struct relu16_format f)
{
    (void)f;
    __m512h h = _mm512_castsi512_ph(x);
    __mmask32 positive_or_nan = _mm512_cmp_ph_mask(h, _mm512_setzero_ph(), _CMP_NLE_UQ);
    const __m512h infinity = _mm512_castsi512_ph(_mm512_set1_epi16(0x7c00));
    const __m512h one = _mm512_castsi512_ph(_mm512_set1_epi16(0x3c00));
    __m512h t = _mm512_maskz_mul_ph(positive_or_nan, h, infinity);
    __m512h s = _mm512_min_ph(one, t);
    return _mm512_castph_si512(_mm512_mul_ph(s, _mm512_castsi512_ph(dy)));
}

void relu_f16_libm_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p);
void relu_f16_libm_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                       uint16_t *dparam, size_t n, const struct actbench_params *p);

void relu_f16_libm_avx512fp16_forward(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    relu16_forward_with(x, y, n, relu16_f16, value);
}

void relu_f16_libm_avx512fp16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy, uint16_t *dx,
                                       uint16_t *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    relu16_backward_with(x, dy, dx, n, relu16_f16, gradient);
}

const struct actbench_kernel relu_f16_libm_avx512fp16 = {
    .name = "relu_f16_libm_avx512fp16",
    .activation = "relu",
    .type = ACTBENCH_F16,
    .isa = "avx512fp16",
    .unroll = RELU16_UNROLL * VU16_LANES,
    .forward.u16 = relu_f16_libm_avx512fp16_forward,
    .gradient.u16 = relu_f16_libm_avx512fp16_gradient,
    .bounds[ACTBENCH_F16] = {.value_ulp = 0, .gradient_ulp = 0},
    .description = "max(x, +0) by vmaxph on the lanes that are not NaN, NaN kept; gradient min(1, x*inf)*dy by vmulph (x > 0 or NaN, else +0)",
};
