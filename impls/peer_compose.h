/*
 * The activations composed from a vector math library's functions, written
 * once for every peer (libmvec and SLEEF, AVX2 and AVX-512F).
 *
 * A peer file defines the vector layer and the library's functions, then
 * includes this file, which defines the kernels
 * <activation><PEER_SUFFIX>_forward and _gradient (e.g.
 * sigmoid_libmvec_avx2_forward) for every activation whose function the
 * peer supplies:
 *
 *   PEER_EXP           sigmoid, silu, softmax (max-subtracted); the
 *                      derivatives of elu, softplus and gelu
 *   PEER_EXPM1 + EXP   elu
 *   PEER_LOG1P + EXP   softplus
 *   PEER_ERF + EXP     gelu
 *   PEER_TANH          tanh, gelu_tanh
 *
 * The formulas are those of the libm method (see impls/<activation>_libm.c)
 * so that a peer's figures differ from libm's by the library's functions
 * and by the fused multiply-adds, not by the algebra.  Special values that
 * the formula gets wrong (0 * inf at +-inf) are fixed with a per-lane
 * select, so a special value in one lane never changes another.  Every
 * kernel runs over full vectors, then the last n mod PEER_WIDTH elements
 * through a masked load and store that touch nothing past n.
 *
 * What the peer file defines before including this file:
 *   PEER_SUFFIX        pasted into the kernel names: _libmvec_avx2
 *   PEER_VEC, PEER_WIDTH              vector type, lanes
 *   PEER_LOAD(p), PEER_STORE(p, v)    unaligned, full vector
 *   PEER_TAIL_MASK(k)                 mask of lanes 0 .. k-1 (0 < k < WIDTH)
 *   PEER_LOAD_TAIL(p, k)              lanes 0 .. k-1 from p, the others 0,
 *   PEER_STORE_TAIL(p, v, k)          lanes 0 .. k-1 to p; nothing else read
 *                                     or written
 *   PEER_SET1(c), PEER_ADD, PEER_SUB, PEER_MUL, PEER_DIV, PEER_NEG,
 *   PEER_ABS, PEER_MAX
 *   PEER_FMADD(a, b, c) = a*b + c, PEER_FNMADD(a, b, c) = c - a*b, fused
 *   PEER_GT, PEER_GE, PEER_EQ         ordered compares (false on NaN)
 *   PEER_SELECT(mask, a, b)           a where mask is set, else b
 *   PEER_REDUCE_ADD(v), PEER_REDUCE_MAX(v)   horizontal, to a float
 * and any of PEER_EXP, PEER_EXPM1, PEER_LOG1P, PEER_ERF, PEER_TANH.
 *
 * The file may be included more than once in one translation unit with a
 * different PEER_SUFFIX and set of functions (SLEEF's two tanh accuracies);
 * its shared part is defined once.
 */
#ifndef ACTBENCH_PEER_COMPOSE_SHARED
#define ACTBENCH_PEER_COMPOSE_SHARED

#include <math.h>

#include "kernels.h" /* softmax_libm_row_with_infinity */

#define PEER_PASTE(a, b, c) a##b##c
#define PEER_EXPAND_PASTE(a, b, c) PEER_PASTE(a, b, c)
/* PEER_NAME(tanh, _forward) -> tanh_sleef_u35_avx2_forward */
#define PEER_NAME(activation, part) PEER_EXPAND_PASTE(activation, PEER_SUFFIX, part)

/*
 * The forward and gradient kernels of an elementwise activation from its
 * per-vector value <activation>..._value(x, p) and derivative
 * <activation>..._derivative(x, y, p); the gradient is f'(x) * dy.
 */
#define PEER_ELEMENTWISE_KERNELS(activation)                                                     \
    void PEER_NAME(activation, _forward)(const float *x, float *y, size_t n,                     \
                                         const struct actbench_params *p)                             \
    {                                                                                            \
        size_t i = 0;                                                                            \
        for (; i + PEER_WIDTH <= n; i += PEER_WIDTH)                                             \
            PEER_STORE(y + i, PEER_NAME(activation, _value)(PEER_LOAD(x + i), p));               \
        if (i < n) {                                                                             \
            size_t rest = n - i;                                                                 \
            PEER_VEC v = PEER_NAME(activation, _value)(PEER_LOAD_TAIL(x + i, rest), p);          \
            PEER_STORE_TAIL(y + i, v, rest);                                                     \
        }                                                                                        \
    }                                                                                            \
                                                                                                 \
    void PEER_NAME(activation, _gradient)(const float *x, const float *y, const float *dy,       \
                                          float *dx, float *dparam, size_t n,                    \
                                          const struct actbench_params *p)                            \
    {                                                                                            \
        (void)dparam;                                                                            \
        size_t i = 0;                                                                            \
        for (; i + PEER_WIDTH <= n; i += PEER_WIDTH) {                                           \
            PEER_VEC xi = PEER_LOAD(x + i), yi = PEER_LOAD(y + i);                              \
            PEER_VEC d = PEER_NAME(activation, _derivative)(xi, yi, p);                          \
            PEER_STORE(dx + i, PEER_MUL(d, PEER_LOAD(dy + i)));                                  \
        }                                                                                        \
        if (i < n) {                                                                             \
            size_t rest = n - i;                                                                 \
            PEER_VEC d = PEER_NAME(activation, _derivative)(PEER_LOAD_TAIL(x + i, rest),         \
                                                            PEER_LOAD_TAIL(y + i, rest), p);     \
            PEER_STORE_TAIL(dx + i, PEER_MUL(d, PEER_LOAD_TAIL(dy + i, rest)), rest);            \
        }                                                                                        \
    }

/* Constants of the formulas, rounded to float by the compiler. */
#define PEER_INV_SQRT2 0.70710678118654752440f      /* 1/sqrt(2) */
#define PEER_INV_SQRT_2PI 0.39894228040143267794f   /* 1/sqrt(2*pi) */
#define PEER_SQRT_2_OVER_PI 0.79788456080286535588f /* sqrt(2/pi) */
#define PEER_GELU_CUBIC 0.044715f                   /* the published coefficient */
/* softplus(x) = x in float above 14.6 and expf overflows above 88.7; 20 is
 * PyTorch's default threshold (see softplus_libm.c). */
#define PEER_SOFTPLUS_THRESHOLD 20.0f
/* Past |x| = 10 gelu_tanh's tanh(u) is +-1 in float and its derivative is
 * at its limits 1 and -0 (see gelu_tanh_libm.c). */
#define PEER_GELU_TANH_SATURATION 10.0f

#endif /* ACTBENCH_PEER_COMPOSE_SHARED */

/* ------------------------------------------------------------------ exp */
#ifdef PEER_EXP

/* 1 / (1 + exp(-x)): +0 at -inf, 1 at +inf, no guard needed. */
static inline PEER_VEC PEER_NAME(logistic, _of)(PEER_VEC x)
{
    const PEER_VEC one = PEER_SET1(1.0f);
    return PEER_DIV(one, PEER_ADD(one, PEER_EXP(PEER_NEG(x))));
}

static inline PEER_VEC PEER_NAME(sigmoid, _value)(PEER_VEC x, const struct actbench_params *p)
{
    (void)p;
    return PEER_NAME(logistic, _of)(x);
}

/* y * (1 - y) from the forward output, as the libm method. */
static inline PEER_VEC PEER_NAME(sigmoid, _derivative)(PEER_VEC x, PEER_VEC y,
                                                       const struct actbench_params *p)
{
    (void)x, (void)p;
    return PEER_MUL(y, PEER_SUB(PEER_SET1(1.0f), y));
}

PEER_ELEMENTWISE_KERNELS(sigmoid)

/* x * s, s = sigmoid(x); -inf * 0 at -inf is replaced by the limit -0. */
static inline PEER_VEC PEER_NAME(silu, _value)(PEER_VEC x, const struct actbench_params *p)
{
    (void)p;
    PEER_VEC v = PEER_MUL(x, PEER_NAME(logistic, _of)(x));
    return PEER_SELECT(PEER_EQ(x, PEER_SET1(-INFINITY)), PEER_SET1(-0.0f), v);
}

/* s * (1 + x*(1 - s)); at +-inf x*(1 - s) is inf * 0, replaced by the
 * limits 1 and -0. */
static inline PEER_VEC PEER_NAME(silu, _derivative)(PEER_VEC x, PEER_VEC y,
                                                    const struct actbench_params *p)
{
    (void)y, (void)p;
    const PEER_VEC one = PEER_SET1(1.0f);
    PEER_VEC s = PEER_NAME(logistic, _of)(x);
    PEER_VEC d = PEER_MUL(s, PEER_FMADD(x, PEER_SUB(one, s), one));
    d = PEER_SELECT(PEER_EQ(x, PEER_SET1(INFINITY)), one, d);
    return PEER_SELECT(PEER_EQ(x, PEER_SET1(-INFINITY)), PEER_SET1(-0.0f), d);
}

PEER_ELEMENTWISE_KERNELS(silu)

/*
 * Max-subtracted softmax per row of p->row_length (any length): the row
 * maximum, then exp(x - max) stored and summed, then divided by the sum.
 * The last row_length mod PEER_WIDTH entries of a row go through the masked
 * load and store; their unused lanes are -inf for the maximum and 0 for the
 * sum.  NaN: the vector maximum may or may not keep it, and either way it
 * reaches every entry (through x - max or through the sum).
 */
void PEER_NAME(softmax, _forward)(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    const size_t row = p->row_length;
    const size_t rest = row % PEER_WIDTH;
    const size_t full = row - rest;
    const PEER_VEC minus_infinity = PEER_SET1(-INFINITY);
    const PEER_VEC zero = PEER_SET1(0.0f);

    for (size_t r = 0; r < n; r += row) {
        const float *xr = x + r;
        float *yr = y + r;

        PEER_VEC vmax = minus_infinity;
        for (size_t i = 0; i < full; i += PEER_WIDTH)
            vmax = PEER_MAX(vmax, PEER_LOAD(xr + i));
        if (rest)
            vmax = PEER_MAX(vmax, PEER_SELECT(PEER_TAIL_MASK(rest), PEER_LOAD_TAIL(xr + full, rest),
                                              minus_infinity));
        const float m = PEER_REDUCE_MAX(vmax);
        if (m == INFINITY) {
            softmax_libm_row_with_infinity(xr, yr, row);
            continue;
        }

        const PEER_VEC vm = PEER_SET1(m);
        PEER_VEC vsum = zero;
        for (size_t i = 0; i < full; i += PEER_WIDTH) {
            PEER_VEC e = PEER_EXP(PEER_SUB(PEER_LOAD(xr + i), vm));
            PEER_STORE(yr + i, e);
            vsum = PEER_ADD(vsum, e);
        }
        if (rest) {
            PEER_VEC e = PEER_EXP(PEER_SUB(PEER_LOAD_TAIL(xr + full, rest), vm));
            PEER_STORE_TAIL(yr + full, e, rest);
            vsum = PEER_ADD(vsum, PEER_SELECT(PEER_TAIL_MASK(rest), e, zero));
        }

        const PEER_VEC total = PEER_SET1(PEER_REDUCE_ADD(vsum));
        for (size_t i = 0; i < full; i += PEER_WIDTH)
            PEER_STORE(yr + i, PEER_DIV(PEER_LOAD(yr + i), total));
        if (rest)
            PEER_STORE_TAIL(yr + full, PEER_DIV(PEER_LOAD_TAIL(yr + full, rest), total), rest);
    }
}

/* dx = y * (dy - <dy, y>) per row; the unused lanes of the masked loads
 * are 0 and add 0 to the dot product. */
void PEER_NAME(softmax, _gradient)(const float *x, const float *y, const float *dy, float *dx,
                                   float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)dparam;
    const size_t row = p->row_length;
    const size_t rest = row % PEER_WIDTH;
    const size_t full = row - rest;

    for (size_t r = 0; r < n; r += row) {
        PEER_VEC vdot = PEER_SET1(0.0f);
        for (size_t i = 0; i < full; i += PEER_WIDTH)
            vdot = PEER_FMADD(PEER_LOAD(dy + r + i), PEER_LOAD(y + r + i), vdot);
        if (rest)
            vdot = PEER_FMADD(PEER_LOAD_TAIL(dy + r + full, rest),
                              PEER_LOAD_TAIL(y + r + full, rest), vdot);
        const PEER_VEC dot = PEER_SET1(PEER_REDUCE_ADD(vdot));

        for (size_t i = 0; i < full; i += PEER_WIDTH) {
            PEER_VEC yi = PEER_LOAD(y + r + i);
            PEER_STORE(dx + r + i, PEER_MUL(yi, PEER_SUB(PEER_LOAD(dy + r + i), dot)));
        }
        if (rest) {
            PEER_VEC yi = PEER_LOAD_TAIL(y + r + full, rest);
            PEER_VEC g = PEER_LOAD_TAIL(dy + r + full, rest);
            PEER_STORE_TAIL(dx + r + full, PEER_MUL(yi, PEER_SUB(g, dot)), rest);
        }
    }
}

/* -------------------------------------------------------- expm1: elu */
#ifdef PEER_EXPM1

/* x > 0 ? x : a*expm1(x); NaN fails x > 0 and goes through expm1. */
static inline PEER_VEC PEER_NAME(elu, _value)(PEER_VEC x, const struct actbench_params *p)
{
    PEER_VEC negative = PEER_MUL(PEER_SET1(p->alpha), PEER_EXPM1(x));
    return PEER_SELECT(PEER_GT(x, PEER_SET1(0.0f)), x, negative);
}

/* x > 0 ? 1 : a*exp(x), from x (y + a would cancel for very negative x). */
static inline PEER_VEC PEER_NAME(elu, _derivative)(PEER_VEC x, PEER_VEC y,
                                                   const struct actbench_params *p)
{
    (void)y;
    PEER_VEC negative = PEER_MUL(PEER_SET1(p->alpha), PEER_EXP(x));
    return PEER_SELECT(PEER_GT(x, PEER_SET1(0.0f)), PEER_SET1(1.0f), negative);
}

PEER_ELEMENTWISE_KERNELS(elu)

#endif /* PEER_EXPM1 */

/* ---------------------------------------------- log1p: softplus */
#ifdef PEER_LOG1P

/* x > 20 ? x : log1p(exp(x)); the lanes above 20 may hold log1p(inf),
 * which the select drops. */
static inline PEER_VEC PEER_NAME(softplus, _value)(PEER_VEC x, const struct actbench_params *p)
{
    (void)p;
    PEER_VEC v = PEER_LOG1P(PEER_EXP(x));
    return PEER_SELECT(PEER_GT(x, PEER_SET1(PEER_SOFTPLUS_THRESHOLD)), x, v);
}

static inline PEER_VEC PEER_NAME(softplus, _derivative)(PEER_VEC x, PEER_VEC y,
                                                        const struct actbench_params *p)
{
    (void)y, (void)p;
    return PEER_NAME(logistic, _of)(x);
}

PEER_ELEMENTWISE_KERNELS(softplus)

#endif /* PEER_LOG1P */

/* ------------------------------------------------------ erf: gelu */
#ifdef PEER_ERF

/* Phi(x) = (1 + erf(x/sqrt(2))) / 2 */
static inline PEER_VEC PEER_NAME(normal_cdf, _of)(PEER_VEC x)
{
    PEER_VEC e = PEER_ERF(PEER_MUL(x, PEER_SET1(PEER_INV_SQRT2)));
    return PEER_MUL(PEER_SET1(0.5f), PEER_ADD(PEER_SET1(1.0f), e));
}

/* x * Phi(x), as 0.5*x*(1 + erf) in the libm method; -inf * 0 at -inf is
 * replaced by the limit -0. */
static inline PEER_VEC PEER_NAME(gelu, _value)(PEER_VEC x, const struct actbench_params *p)
{
    (void)p;
    PEER_VEC e = PEER_ERF(PEER_MUL(x, PEER_SET1(PEER_INV_SQRT2)));
    PEER_VEC v = PEER_MUL(PEER_MUL(PEER_SET1(0.5f), x), PEER_ADD(PEER_SET1(1.0f), e));
    return PEER_SELECT(PEER_EQ(x, PEER_SET1(-INFINITY)), PEER_SET1(-0.0f), v);
}

/* Phi(x) + x*phi(x), phi = exp(-x*x/2)/sqrt(2*pi) with the peer's exp;
 * at +-inf x*phi is inf * 0, replaced by the limits 1 and -0. */
static inline PEER_VEC PEER_NAME(gelu, _derivative)(PEER_VEC x, PEER_VEC y,
                                                    const struct actbench_params *p)
{
    (void)y, (void)p;
    PEER_VEC half_square = PEER_MUL(PEER_SET1(-0.5f), PEER_MUL(x, x));
    PEER_VEC pdf = PEER_MUL(PEER_SET1(PEER_INV_SQRT_2PI), PEER_EXP(half_square));
    PEER_VEC d = PEER_FMADD(x, pdf, PEER_NAME(normal_cdf, _of)(x));
    d = PEER_SELECT(PEER_EQ(x, PEER_SET1(INFINITY)), PEER_SET1(1.0f), d);
    return PEER_SELECT(PEER_EQ(x, PEER_SET1(-INFINITY)), PEER_SET1(-0.0f), d);
}

PEER_ELEMENTWISE_KERNELS(gelu)

#endif /* PEER_ERF */

#endif /* PEER_EXP */

/* ------------------------------------------ tanh: tanh, gelu_tanh */
#ifdef PEER_TANH

static inline PEER_VEC PEER_NAME(tanh, _value)(PEER_VEC x, const struct actbench_params *p)
{
    (void)p;
    return PEER_TANH(x);
}

/* 1 - y*y from the forward output, fused into one rounding. */
static inline PEER_VEC PEER_NAME(tanh, _derivative)(PEER_VEC x, PEER_VEC y,
                                                    const struct actbench_params *p)
{
    (void)x, (void)p;
    return PEER_FNMADD(y, y, PEER_SET1(1.0f));
}

PEER_ELEMENTWISE_KERNELS(tanh)

/* u = sqrt(2/pi) * (x + 0.044715*x^3), the inner sum fused. */
static inline PEER_VEC PEER_NAME(gelu_tanh, _argument)(PEER_VEC x, PEER_VEC x2)
{
    PEER_VEC inner = PEER_FMADD(PEER_MUL(PEER_SET1(PEER_GELU_CUBIC), x2), x, x);
    return PEER_MUL(PEER_SET1(PEER_SQRT_2_OVER_PI), inner);
}

/* 0.5*x*(1 + tanh(u)); -inf * 0 at -inf is replaced by the limit -0. */
static inline PEER_VEC PEER_NAME(gelu_tanh, _value)(PEER_VEC x, const struct actbench_params *p)
{
    (void)p;
    PEER_VEC t = PEER_TANH(PEER_NAME(gelu_tanh, _argument)(x, PEER_MUL(x, x)));
    PEER_VEC v = PEER_MUL(PEER_MUL(PEER_SET1(0.5f), x), PEER_ADD(PEER_SET1(1.0f), t));
    return PEER_SELECT(PEER_EQ(x, PEER_SET1(-INFINITY)), PEER_SET1(-0.0f), v);
}

/* (1 + t)/2 + x/2 * (1 - t*t) * sqrt(2/pi)*(1 + 3*0.044715*x^2); past
 * |x| = 10 the limits 1 and -0 (there 0 * inf would give NaN for huge x). */
static inline PEER_VEC PEER_NAME(gelu_tanh, _derivative)(PEER_VEC x, PEER_VEC y,
                                                         const struct actbench_params *p)
{
    (void)y, (void)p;
    const PEER_VEC half = PEER_SET1(0.5f), one = PEER_SET1(1.0f);
    PEER_VEC x2 = PEER_MUL(x, x);
    PEER_VEC t = PEER_TANH(PEER_NAME(gelu_tanh, _argument)(x, x2));
    PEER_VEC sech2 = PEER_FNMADD(t, t, one);
    PEER_VEC du = PEER_FMADD(PEER_SET1(3.0f * PEER_GELU_CUBIC * PEER_SQRT_2_OVER_PI), x2,
                             PEER_SET1(PEER_SQRT_2_OVER_PI));
    PEER_VEC d = PEER_FMADD(PEER_MUL(PEER_MUL(half, x), sech2), du,
                            PEER_MUL(half, PEER_ADD(one, t)));
    PEER_VEC limit = PEER_SELECT(PEER_GT(x, PEER_SET1(0.0f)), one, PEER_SET1(-0.0f));
    return PEER_SELECT(PEER_GE(PEER_ABS(x), PEER_SET1(PEER_GELU_TANH_SATURATION)), limit, d);
}

PEER_ELEMENTWISE_KERNELS(gelu_tanh)

#endif /* PEER_TANH */
