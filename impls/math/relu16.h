/*
 * relu on 16-bit encodings (bf16, f16) over the 16-bit layer (include one
 * ISA's impls/simd/u16-*.h first): integer compares and selects on the
 * bits, no conversion to float.
 *
 * Value: relu(x) = x <= 0 ? +0 : x is a select on the encoding.  x is
 * zeroed exactly when its sign bit is set and it is not a NaN: as a signed
 * 16-bit integer, from 0x8000 (-0) up to the negative infinity (bf16 0xff80,
 * f16 0xfc00); the negative NaNs above it and everything with a clear sign
 * bit (+0, positives, +inf, positive NaNs) pass unchanged.  One compare
 * and one masked zeroing per vector; exact (0 ulp) and the same bits as
 * the f32 relu of the decoded value, encoded.
 *
 * Gradient: dx = f'(x) * dy with f'(x) = 1 for x > 0, 0 for x <= 0 and x
 * (NaN) for NaN, the product done on the bits as IEEE multiplication gives
 * it: 1*dy is dy (a signalling NaN quieted); 0*dy is a zero with dy's sign,
 * the default NaN for an infinite dy (x86's 0*inf, negative, as the float
 * product rounds to the format) and dy quieted for a NaN dy; NaN*dy is x
 * quieted.  Exact: every result is dy, a zero or a NaN.  When no lane of
 * a vector has a NaN x or a non-finite dy (one test per vector), that is
 * dy AND (x > 0 ? all bits : the sign bit), three operations; the full
 * selection runs only for vectors that need it.
 *
 * Loops: a main loop of RELU16_UNROLL vectors, single vectors, and the last
 * n mod VU16_LANES elements through the layer's tail load and store, which
 * touch nothing past n; each vector is loaded before its result is stored,
 * so y may be x and dx may be x or dy.
 */
#ifndef ACTBENCH_MATH_RELU16_H
#define ACTBENCH_MATH_RELU16_H

#include <stddef.h>
#include <stdint.h>

#define RELU16_UNROLL 4

/* What relu needs to know of a 16-bit format. */
struct relu16_format {
    uint16_t infinity;    /* +inf: exponent all ones, significand 0 */
    uint16_t quiet;       /* the quiet bit of a NaN (top significand bit) */
    uint16_t default_nan; /* x86's default NaN (0xffc00000) in the format */
};

static const struct relu16_format relu16_bf16 = {.infinity = 0x7f80, .quiet = 0x0040, .default_nan = 0xffc0};
static const struct relu16_format relu16_f16 = {.infinity = 0x7c00, .quiet = 0x0200, .default_nan = 0xfe00};

/* x <= 0 ? +0 : x: zero where the signed encoding is at or below -inf */
static inline vu16 relu16_value(vu16 x, struct relu16_format f)
{
    vu16 above_negative_infinity = vu16_set1((uint16_t)((0x8000u | f.infinity) + 1u));
    return vu16_zero_where(vu16_gt(above_negative_infinity, x), x);
}

/* dx for every input, NaN and infinite dy included */
static inline vu16 relu16_gradient(vu16 x, vu16 dy, struct relu16_format f)
{
    const vu16 magnitude = vu16_set1(0x7fff), sign = vu16_set1(0x8000);
    const vu16 infinity = vu16_set1(f.infinity), quiet = vu16_set1(f.quiet);
    vmask16 x_nan = vu16_gt(vu16_and(x, magnitude), infinity);
    vmask16 x_positive = vu16_gt(x, vu16_set1(0)); /* and the positive NaNs, taken above */
    vu16 dy_magnitude = vu16_and(dy, magnitude);
    vmask16 dy_nan = vu16_gt(dy_magnitude, infinity);
    vmask16 dy_infinite = vu16_eq(dy_magnitude, infinity);
    vu16 dy_quiet = vu16_select(dy_nan, vu16_or(dy, quiet), dy);
    /* 0 * dy */
    vu16 zero_times = vu16_select(dy_nan, dy_quiet, vu16_and(dy, sign));
    zero_times = vu16_select(dy_infinite, vu16_set1(f.default_nan), zero_times);
    vu16 dx = vu16_select(x_positive, dy_quiet, zero_times);
    return vu16_select(x_nan, vu16_or(x, quiet), dx);
}

/* Lanes where x is NaN or dy is infinite or NaN: the rare inputs that
 * relu16_gradient handles and relu16_gradient_finite does not. */
static inline vmask16 relu16_gradient_special(vu16 x, vu16 dy, struct relu16_format f)
{
    const vu16 magnitude = vu16_set1(0x7fff), infinity = vu16_set1(f.infinity);
    return vmask16_or(vu16_gt(vu16_and(x, magnitude), infinity),
                      vu16_gt(vu16_and(dy, magnitude), vu16_set1((uint16_t)(f.infinity - 1u))));
}

/* dx where x is not NaN and dy is finite: dy for x > 0, else a zero with
 * dy's sign, i.e. dy AND (x > 0 ? all bits : the sign bit).  Three
 * operations. */
static inline vu16 relu16_gradient_finite(vu16 x, vu16 dy)
{
    return vu16_and(dy, vu16_or(vu16_mask_bits(vu16_gt(x, vu16_set1(0))), vu16_set1(0x8000)));
}

/* The gradient of one vector: the three-operation form, and the full one
 * when a lane needs it (off the fast path). */
static inline vu16 relu16_gradient_vector(vu16 x, vu16 dy, struct relu16_format f)
{
    if (__builtin_expect(vmask16_any(relu16_gradient_special(x, dy, f)), 0))
        return relu16_gradient(x, dy, f);
    return relu16_gradient_finite(x, dy);
}

/* The vector functions the loops apply: relu16_value and
 * relu16_gradient_vector here, or an ISA's own forms with the same
 * results (relu_f16_libm_avx512fp16: the FP16 arithmetic). */
typedef vu16 (*relu16_value_fn)(vu16 x, struct relu16_format f);
typedef vu16 (*relu16_gradient_fn)(vu16 x, vu16 dy, struct relu16_format f);

/* y = relu(x), each vector by value */
static inline __attribute__((always_inline)) void
relu16_forward_with(const uint16_t *x, uint16_t *y, size_t n, struct relu16_format f, relu16_value_fn value)
{
    size_t i = 0;
    for (; i + RELU16_UNROLL * VU16_LANES <= n; i += RELU16_UNROLL * VU16_LANES) {
#pragma GCC unroll 8
        for (size_t k = 0; k < RELU16_UNROLL; k++) {
            size_t j = i + k * VU16_LANES;
            vu16_store(y + j, value(vu16_load(x + j), f));
        }
    }
    for (; i + VU16_LANES <= n; i += VU16_LANES)
        vu16_store(y + i, value(vu16_load(x + i), f));
    if (i < n)
        vu16_store_tail(y + i, value(vu16_load_tail(x + i, n - i), f), n - i);
}

/* y = relu(x) */
static inline __attribute__((always_inline)) void
relu16_forward(const uint16_t *x, uint16_t *y, size_t n, struct relu16_format f)
{
    relu16_forward_with(x, y, n, f, relu16_value);
}

/* dx = relu'(x) * dy, each vector by gradient */
static inline __attribute__((always_inline)) void
relu16_backward_with(const uint16_t *x, const uint16_t *dy, uint16_t *dx, size_t n, struct relu16_format f,
                     relu16_gradient_fn gradient)
{
    size_t i = 0;
    for (; i + RELU16_UNROLL * VU16_LANES <= n; i += RELU16_UNROLL * VU16_LANES) {
#pragma GCC unroll 8
        for (size_t k = 0; k < RELU16_UNROLL; k++) {
            size_t j = i + k * VU16_LANES;
            vu16_store(dx + j, gradient(vu16_load(x + j), vu16_load(dy + j), f));
        }
    }
    for (; i + VU16_LANES <= n; i += VU16_LANES)
        vu16_store(dx + i, gradient(vu16_load(x + i), vu16_load(dy + i), f));
    if (i < n) {
        size_t rest = n - i;
        vu16 d = gradient(vu16_load_tail(x + i, rest), vu16_load_tail(dy + i, rest), f);
        vu16_store_tail(dx + i, d, rest);
    }
}

/* dx = relu'(x) * dy */
static inline __attribute__((always_inline)) void
relu16_backward(const uint16_t *x, const uint16_t *dy, uint16_t *dx, size_t n, struct relu16_format f)
{
    relu16_backward_with(x, dy, dx, n, f, relu16_gradient_vector);
}

#endif
