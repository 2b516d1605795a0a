/*
 * Activations composed from a vector math library's functions (glibc's
 * libmvec, SLEEF, Eigen's and Highway's through their shims): the formulas
 * every peer kernel uses, written once over the f32 SIMD layer (include
 * one ISA's impls/simd/ header first).  The library's function is an
 * argument; each kernel file passes its own (_ZGVdN8v_expf,
 * Sleef_expf16_u10avx512f, ...) and the call is direct once inlined.
 *
 * The formulas are those of the libm method (impls/<activation>/
 * <activation>_f32_libm_scalar.c), so that a peer's figures differ from
 * libm's by the library's functions and by the fused multiply-adds, not by
 * the algebra.  Special values the formula gets wrong (0 * inf at +-inf)
 * are fixed with a per-lane select, so a special value in one lane never
 * changes another.
 */
#ifndef ACTBENCH_PEERS_COMPOSE_F32_H
#define ACTBENCH_PEERS_COMPOSE_F32_H

#include <math.h>
#include <stddef.h>

#include "../../include/actbench/kernel.h"
#include "../softmax/softmax_rows.h"

/* A library's one-argument vector function. */
typedef vf32 (*vf32_function)(vf32 x);

#define PEER_INV_SQRT2 0.70710678118654752440f      /* 1/sqrt(2) */
#define PEER_INV_SQRT_2PI 0.39894228040143267794f   /* 1/sqrt(2*pi) */
#define PEER_SQRT_2_OVER_PI 0.79788456080286535588f /* sqrt(2/pi) */
#define PEER_GELU_CUBIC 0.044715f                   /* the published coefficient */
/* softplus(x) = x in float above 14.6 and expf overflows above 88.7; 20 is
 * PyTorch's default threshold (see softplus_f32_libm_scalar.c). */
#define PEER_SOFTPLUS_THRESHOLD 20.0f
/* Past |x| = 10 gelu_tanh's tanh(u) is +-1 in float and its derivative is
 * at its limits 1 and -0 (see gelu_tanh_f32_libm_scalar.c). */
#define PEER_GELU_TANH_SATURATION 10.0f

/* ---------------------------------------------------------------- exp */

/* 1 / (1 + exp(-x)): +0 at -inf, 1 at +inf, no guard needed. */
static inline vf32 peer_logistic(vf32 x, vf32_function exp)
{
    const vf32 one = vf32_set1(1.0f);
    return vf32_div(one, vf32_add(one, exp(vf32_neg(x))));
}

/* sigmoid's derivative y * (1 - y) from the forward output, as libm's. */
static inline vf32 peer_sigmoid_derivative(vf32 y)
{
    return vf32_mul(y, vf32_sub(vf32_set1(1.0f), y));
}

/* x * s, s = sigmoid(x) however the library computes it; -inf * 0 at -inf
 * is replaced by the limit -0. */
static inline vf32 peer_silu_of_logistic(vf32 x, vf32 s)
{
    vf32 v = vf32_mul(x, s);
    return vf32_select(vf32_eq(x, vf32_set1(-INFINITY)), vf32_set1(-0.0f), v);
}

static inline vf32 peer_silu(vf32 x, vf32_function exp)
{
    return peer_silu_of_logistic(x, peer_logistic(x, exp));
}

/* s * (1 + x*(1 - s)); at +-inf x*(1 - s) is inf * 0, replaced by the
 * limits 1 and -0. */
static inline vf32 peer_silu_derivative_of_logistic(vf32 x, vf32 s)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 d = vf32_mul(s, vf32_fmadd(x, vf32_sub(one, s), one));
    d = vf32_select(vf32_eq(x, vf32_set1(INFINITY)), one, d);
    return vf32_select(vf32_eq(x, vf32_set1(-INFINITY)), vf32_set1(-0.0f), d);
}

static inline vf32 peer_silu_derivative(vf32 x, vf32_function exp)
{
    return peer_silu_derivative_of_logistic(x, peer_logistic(x, exp));
}

/*
 * Max-subtracted softmax per row of p->row_length (any length): the row
 * maximum, then exp(x - max) stored and summed, then divided by the sum.
 * The last row_length mod VF32_LANES entries of a row go through the tail
 * load and store; their unused lanes are -inf for the maximum and 0 for
 * the sum.  NaN: the vector maximum may or may not keep it, and either way
 * it reaches every entry (through x - max or through the sum).
 */
static inline __attribute__((always_inline)) void
peer_softmax_forward(const float *x, float *y, size_t n, const struct actbench_params *p,
                     vf32_function exp)
{
    const size_t row = p->row_length;
    const size_t rest = row % VF32_LANES;
    const size_t full = row - rest;
    const vf32 minus_infinity = vf32_set1(-INFINITY);
    const vf32 zero = vf32_set1(0.0f);

    for (size_t r = 0; r < n; r += row) {
        const float *xr = x + r;
        float *yr = y + r;

        vf32 vmax = minus_infinity;
        for (size_t i = 0; i < full; i += VF32_LANES)
            vmax = vf32_max(vmax, vf32_load(xr + i));
        if (rest)
            vmax = vf32_max(vmax, vf32_select(vf32_tail_mask(rest), vf32_load_tail(xr + full, rest),
                                              minus_infinity));
        const float m = vf32_reduce_max(vmax);
        if (m == INFINITY) {
            softmax_row_with_infinity(xr, yr, row);
            continue;
        }

        const vf32 vm = vf32_set1(m);
        vf32 vsum = zero;
        for (size_t i = 0; i < full; i += VF32_LANES) {
            vf32 e = exp(vf32_sub(vf32_load(xr + i), vm));
            vf32_store(yr + i, e);
            vsum = vf32_add(vsum, e);
        }
        if (rest) {
            vf32 e = exp(vf32_sub(vf32_load_tail(xr + full, rest), vm));
            vf32_store_tail(yr + full, e, rest);
            vsum = vf32_add(vsum, vf32_select(vf32_tail_mask(rest), e, zero));
        }

        const vf32 total = vf32_set1(vf32_reduce_add(vsum));
        for (size_t i = 0; i < full; i += VF32_LANES)
            vf32_store(yr + i, vf32_div(vf32_load(yr + i), total));
        if (rest)
            vf32_store_tail(yr + full, vf32_div(vf32_load_tail(yr + full, rest), total), rest);
    }
}

/* dx = y * (dy - <dy, y>) per row; the unused lanes of the tail loads are
 * 0 and add 0 to the dot product. */
static inline __attribute__((always_inline)) void
peer_softmax_gradient(const float *y, const float *dy, float *dx, size_t n,
                      const struct actbench_params *p)
{
    const size_t row = p->row_length;
    const size_t rest = row % VF32_LANES;
    const size_t full = row - rest;

    for (size_t r = 0; r < n; r += row) {
        vf32 vdot = vf32_set1(0.0f);
        for (size_t i = 0; i < full; i += VF32_LANES)
            vdot = vf32_fmadd(vf32_load(dy + r + i), vf32_load(y + r + i), vdot);
        if (rest)
            vdot = vf32_fmadd(vf32_load_tail(dy + r + full, rest),
                              vf32_load_tail(y + r + full, rest), vdot);
        const vf32 dot = vf32_set1(vf32_reduce_add(vdot));

        for (size_t i = 0; i < full; i += VF32_LANES) {
            vf32 yi = vf32_load(y + r + i);
            vf32_store(dx + r + i, vf32_mul(yi, vf32_sub(vf32_load(dy + r + i), dot)));
        }
        if (rest) {
            vf32 yi = vf32_load_tail(y + r + full, rest);
            vf32 g = vf32_load_tail(dy + r + full, rest);
            vf32_store_tail(dx + r + full, vf32_mul(yi, vf32_sub(g, dot)), rest);
        }
    }
}

/*
 * Max-subtracted log_softmax per row: the row maximum m, the sum of
 * exp(x - m), then y_i = (x_i - m) - log(sum), the log taken once per row
 * with the library's log on a vector of the sum.  Special rows as the libm
 * method (log_softmax_f32_libm_maxsub_scalar.c); a row whose maximum is
 * +inf goes to the scalar helper.
 */
static inline __attribute__((always_inline)) void
peer_log_softmax_forward(const float *x, float *y, size_t n, const struct actbench_params *p,
                         vf32_function exp, vf32_function log)
{
    const size_t row = p->row_length;
    const size_t rest = row % VF32_LANES;
    const size_t full = row - rest;
    const vf32 minus_infinity = vf32_set1(-INFINITY);
    const vf32 zero = vf32_set1(0.0f);

    for (size_t r = 0; r < n; r += row) {
        const float *xr = x + r;
        float *yr = y + r;

        vf32 vmax = minus_infinity;
        for (size_t i = 0; i < full; i += VF32_LANES)
            vmax = vf32_max(vmax, vf32_load(xr + i));
        if (rest)
            vmax = vf32_max(vmax, vf32_select(vf32_tail_mask(rest), vf32_load_tail(xr + full, rest),
                                              minus_infinity));
        const float m = vf32_reduce_max(vmax);
        if (m == INFINITY) {
            log_softmax_row_with_infinity(xr, yr, row);
            continue;
        }

        const vf32 vm = vf32_set1(m);
        vf32 vsum = zero;
        for (size_t i = 0; i < full; i += VF32_LANES)
            vsum = vf32_add(vsum, exp(vf32_sub(vf32_load(xr + i), vm)));
        if (rest) {
            vf32 e = exp(vf32_sub(vf32_load_tail(xr + full, rest), vm));
            vsum = vf32_add(vsum, vf32_select(vf32_tail_mask(rest), e, zero));
        }
        const vf32 log_sum = log(vf32_set1(vf32_reduce_add(vsum)));

        for (size_t i = 0; i < full; i += VF32_LANES)
            vf32_store(yr + i, vf32_sub(vf32_sub(vf32_load(xr + i), vm), log_sum));
        if (rest)
            vf32_store_tail(yr + full,
                            vf32_sub(vf32_sub(vf32_load_tail(xr + full, rest), vm), log_sum),
                            rest);
    }
}

/* dx = dy - exp(y) * sum(dy) per row, with the library's exp; the unused
 * lanes of the tail loads are 0 and add 0 to the sum. */
static inline __attribute__((always_inline)) void
peer_log_softmax_gradient(const float *y, const float *dy, float *dx, size_t n,
                          const struct actbench_params *p, vf32_function exp)
{
    const size_t row = p->row_length;
    const size_t rest = row % VF32_LANES;
    const size_t full = row - rest;

    for (size_t r = 0; r < n; r += row) {
        vf32 vsum = vf32_set1(0.0f);
        for (size_t i = 0; i < full; i += VF32_LANES)
            vsum = vf32_add(vsum, vf32_load(dy + r + i));
        if (rest)
            vsum = vf32_add(vsum, vf32_load_tail(dy + r + full, rest));
        const vf32 sum = vf32_set1(vf32_reduce_add(vsum));

        for (size_t i = 0; i < full; i += VF32_LANES) {
            vf32 e = exp(vf32_load(y + r + i));
            vf32_store(dx + r + i, vf32_fnmadd(e, sum, vf32_load(dy + r + i)));
        }
        if (rest) {
            vf32 e = exp(vf32_load_tail(y + r + full, rest));
            vf32_store_tail(dx + r + full, vf32_fnmadd(e, sum, vf32_load_tail(dy + r + full, rest)),
                            rest);
        }
    }
}

/* ---------------------------------------------------------- expm1: elu */

/* x > 0 ? x : a*expm1(x); NaN fails x > 0 and goes through expm1. */
static inline vf32 peer_elu(vf32 x, float alpha, vf32_function expm1)
{
    vf32 negative = vf32_mul(vf32_set1(alpha), expm1(x));
    return vf32_select(vf32_gt(x, vf32_set1(0.0f)), x, negative);
}

/* x > 0 ? 1 : a*exp(x), from x (y + a would cancel for very negative x). */
static inline vf32 peer_elu_derivative(vf32 x, float alpha, vf32_function exp)
{
    vf32 negative = vf32_mul(vf32_set1(alpha), exp(x));
    return vf32_select(vf32_gt(x, vf32_set1(0.0f)), vf32_set1(1.0f), negative);
}

/* ----------------------------------------------------- log1p: softplus */

/* x > 20 ? x : log1p(exp(x)); the lanes above 20 may hold log1p(inf),
 * which the select drops. */
static inline vf32 peer_softplus(vf32 x, vf32_function exp, vf32_function log1p)
{
    vf32 v = log1p(exp(x));
    return vf32_select(vf32_gt(x, vf32_set1(PEER_SOFTPLUS_THRESHOLD)), x, v);
}

/* ------------------------------------------------------------ erf: gelu */

/* Phi(x) = (1 + erf(x/sqrt(2))) / 2 */
static inline vf32 peer_normal_cdf(vf32 x, vf32_function erf)
{
    vf32 e = erf(vf32_mul(x, vf32_set1(PEER_INV_SQRT2)));
    return vf32_mul(vf32_set1(0.5f), vf32_add(vf32_set1(1.0f), e));
}

/* x * Phi(x), as 0.5*x*(1 + erf) in the libm method; -inf * 0 at -inf is
 * replaced by the limit -0. */
static inline vf32 peer_gelu(vf32 x, vf32_function erf)
{
    vf32 e = erf(vf32_mul(x, vf32_set1(PEER_INV_SQRT2)));
    vf32 v = vf32_mul(vf32_mul(vf32_set1(0.5f), x), vf32_add(vf32_set1(1.0f), e));
    return vf32_select(vf32_eq(x, vf32_set1(-INFINITY)), vf32_set1(-0.0f), v);
}

/* Phi(x) + x*phi(x), phi = exp(-x*x/2)/sqrt(2*pi) with the library's exp;
 * at +-inf x*phi is inf * 0, replaced by the limits 1 and -0. */
static inline vf32 peer_gelu_derivative(vf32 x, vf32_function erf, vf32_function exp)
{
    vf32 half_square = vf32_mul(vf32_set1(-0.5f), vf32_mul(x, x));
    vf32 pdf = vf32_mul(vf32_set1(PEER_INV_SQRT_2PI), exp(half_square));
    vf32 d = vf32_fmadd(x, pdf, peer_normal_cdf(x, erf));
    d = vf32_select(vf32_eq(x, vf32_set1(INFINITY)), vf32_set1(1.0f), d);
    return vf32_select(vf32_eq(x, vf32_set1(-INFINITY)), vf32_set1(-0.0f), d);
}

/* ------------------------------------------------ expm1 and exp: selu */

/* PyTorch's constants, rounded to float; the negative side's factor is the
 * product lambda*alpha rounded once (see selu_f32_libm_scalar.c). */
#define PEER_SELU_LAMBDA 1.0507009873554805f
#define PEER_SELU_LAMBDA_ALPHA ((float)(1.0507009873554805 * 1.6732632423543772))

/* x > 0 ? lambda*x : lambda*alpha*expm1(x); NaN goes through expm1. */
static inline vf32 peer_selu(vf32 x, vf32_function expm1)
{
    vf32 negative = vf32_mul(vf32_set1(PEER_SELU_LAMBDA_ALPHA), expm1(x));
    return vf32_select(vf32_gt(x, vf32_set1(0.0f)), vf32_mul(vf32_set1(PEER_SELU_LAMBDA), x),
                       negative);
}

/* x > 0 ? lambda : lambda*alpha*exp(x), from x. */
static inline vf32 peer_selu_derivative(vf32 x, vf32_function exp)
{
    vf32 negative = vf32_mul(vf32_set1(PEER_SELU_LAMBDA_ALPHA), exp(x));
    return vf32_select(vf32_gt(x, vf32_set1(0.0f)), vf32_set1(PEER_SELU_LAMBDA), negative);
}

/* ------------------------------------------- exp, log1p and tanh: mish */

/* x * tanh(log1p(exp(x))); -inf * 0 at -inf is replaced by the limit -0. */
static inline vf32 peer_mish(vf32 x, vf32_function exp, vf32_function log1p, vf32_function tanh)
{
    vf32 v = vf32_mul(x, tanh(log1p(exp(x))));
    return vf32_select(vf32_eq(x, vf32_set1(-INFINITY)), vf32_set1(-0.0f), v);
}

/* t + x*(1 - t*t)*sigmoid(x), t = tanh(log1p(exp(x))), as the libm
 * method; at +-inf the product is inf * 0, replaced by the limits 1 and -0. */
static inline vf32 peer_mish_derivative(vf32 x, vf32_function exp, vf32_function log1p,
                                        vf32_function tanh)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 t = tanh(log1p(exp(x)));
    vf32 s = peer_logistic(x, exp);
    vf32 d = vf32_fmadd(vf32_mul(x, vf32_fnmadd(t, t, one)), s, t);
    d = vf32_select(vf32_eq(x, vf32_set1(INFINITY)), one, d);
    return vf32_select(vf32_eq(x, vf32_set1(-INFINITY)), vf32_set1(-0.0f), d);
}

/* ------------------------------------------------ tanh: tanh, gelu_tanh */

/* tanh's derivative 1 - y*y from the forward output, fused into one rounding. */
static inline vf32 peer_tanh_derivative(vf32 y)
{
    return vf32_fnmadd(y, y, vf32_set1(1.0f));
}

/* u = sqrt(2/pi) * (x + 0.044715*x^3), the inner sum fused. */
static inline vf32 peer_gelu_tanh_argument(vf32 x, vf32 x2)
{
    vf32 inner = vf32_fmadd(vf32_mul(vf32_set1(PEER_GELU_CUBIC), x2), x, x);
    return vf32_mul(vf32_set1(PEER_SQRT_2_OVER_PI), inner);
}

/* 0.5*x*(1 + tanh(u)); -inf * 0 at -inf is replaced by the limit -0. */
static inline vf32 peer_gelu_tanh(vf32 x, vf32_function tanh)
{
    vf32 t = tanh(peer_gelu_tanh_argument(x, vf32_mul(x, x)));
    vf32 v = vf32_mul(vf32_mul(vf32_set1(0.5f), x), vf32_add(vf32_set1(1.0f), t));
    return vf32_select(vf32_eq(x, vf32_set1(-INFINITY)), vf32_set1(-0.0f), v);
}

/* (1 + t)/2 + x/2 * (1 - t*t) * sqrt(2/pi)*(1 + 3*0.044715*x^2); past
 * |x| = 10 the limits 1 and -0 (there 0 * inf would give NaN for huge x). */
static inline vf32 peer_gelu_tanh_derivative(vf32 x, vf32_function tanh)
{
    const vf32 half = vf32_set1(0.5f), one = vf32_set1(1.0f);
    vf32 x2 = vf32_mul(x, x);
    vf32 t = tanh(peer_gelu_tanh_argument(x, x2));
    vf32 sech2 = vf32_fnmadd(t, t, one);
    vf32 du = vf32_fmadd(vf32_set1(3.0f * PEER_GELU_CUBIC * PEER_SQRT_2_OVER_PI), x2,
                         vf32_set1(PEER_SQRT_2_OVER_PI));
    vf32 d = vf32_fmadd(vf32_mul(vf32_mul(half, x), sech2), du, vf32_mul(half, vf32_add(one, t)));
    vf32 limit = vf32_select(vf32_gt(x, vf32_set1(0.0f)), one, vf32_set1(-0.0f));
    return vf32_select(vf32_ge(vf32_abs(x), vf32_set1(PEER_GELU_TANH_SATURATION)), limit, d);
}

#endif
