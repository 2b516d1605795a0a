/*
 * Piecewise-linear activations over the f32 SIMD layer (include one ISA's
 * impls/simd/f32-*.h first): relu, leaky_relu, prelu and the two hard
 * sigmoids, value and derivative per vector, and the loops that map them
 * over a buffer.
 *
 * Every formula is the scalar kernel's (impls/<activation>/
 * <activation>_f32_libm_scalar.c) operation for operation, so a vector
 * kernel is bit-identical to its scalar kernel on every input: the
 * comparisons become lane masks, the scalar's ?: a select, and each
 * arithmetic operation the same IEEE operation, no contraction.  NaN keeps
 * its lane because every select tests an ordered comparison (false on NaN)
 * and the clips put the constant first in minps/maxps, which return their
 * second operand when either is NaN.  tests/test_piecewise_simd.c holds
 * each vector kernel to its scalar one bit for bit.
 *
 * The loops: a main loop of PIECEWISE_UNROLL vectors (all loaded before any
 * is stored, so y may be x and dx may be x or dy), a loop of single
 * vectors, then the last n mod VF32_LANES elements through the layer's
 * masked tail load and store, which touch nothing at or past n.  They take
 * a slope source: one vector for every lane (relu, leaky_relu, prelu when
 * the channel pattern repeats within a vector), or prelu's channels, whose
 * slopes are loaded per vector from p->channel_alpha (see
 * piecewise_slope_channels).  The loops are always inlined into each kernel
 * with its formula and a constant per_channel, so neither the function
 * pointers nor the slope source cost anything at run time.
 */
#ifndef ACTBENCH_MATH_PIECEWISE_H
#define ACTBENCH_MATH_PIECEWISE_H

#include <stdbool.h>
#include <stddef.h>

/* Vectors per iteration of the main loop.  The loops are load/store bound;
 * four independent vectors let the loads of the next run ahead of the
 * stores of the last and amortise the loop overhead, like the copy kernel's
 * four moves (harness/speed_copy.c). */
#define PIECEWISE_UNROLL 4

/* ---- formulas ------------------------------------------------------------------ */

/* relu: x <= 0 ? 0 : x, so NaN (which fails x <= 0) passes and -0 gives +0. */
static inline vf32 piecewise_relu(vf32 x, vf32 slope)
{
    (void)slope;
    return vf32_select(vf32_le(x, vf32_zero()), vf32_zero(), x);
}

/* relu': isnan(x) ? x : (x > 0 ? 1 : 0), 0 at the kink. */
static inline vf32 piecewise_relu_derivative(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 d = vf32_select(vf32_gt(x, vf32_zero()), vf32_set1(1.0f), vf32_zero());
    return vf32_select(vf32_isnan(x), x, d);
}

/* leaky_relu and prelu: x > 0 ? x : a*x, one rounding; NaN through a*x. */
static inline vf32 piecewise_leaky(vf32 x, vf32 slope)
{
    return vf32_select(vf32_gt(x, vf32_zero()), x, vf32_mul(slope, x));
}

/* isnan(x) ? x : (x > 0 ? 1 : a): a at the kink. */
static inline vf32 piecewise_leaky_derivative(vf32 x, vf32 slope)
{
    vf32 d = vf32_select(vf32_gt(x, vf32_zero()), vf32_set1(1.0f), slope);
    return vf32_select(vf32_isnan(x), x, d);
}

/* prelu's parameter gradient per element: x > 0 ? 0 : dy*x (NaN through dy*x). */
static inline vf32 piecewise_prelu_param_gradient(vf32 x, vf32 dy)
{
    return vf32_select(vf32_gt(x, vf32_zero()), vf32_zero(), vf32_mul(dy, x));
}

/* hard_sigmoid_keras: clip(0.2f*x + 0.5f, 0, 1), the product and the sum
 * rounded apart as Keras (and the scalar kernel) evaluates them. */
static inline vf32 piecewise_hard_sigmoid_keras(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 t = vf32_add(vf32_mul(vf32_set1(0.2f), x), vf32_set1(0.5f));
    return vf32_min(vf32_set1(1.0f), vf32_max(vf32_zero(), t));
}

/* 0.2f on -2.5 < x < 2.5, 0 outside and at the kinks. */
static inline vf32 piecewise_hard_sigmoid_keras_derivative(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 d = vf32_select(vf32_lt(vf32_abs(x), vf32_set1(2.5f)), vf32_set1(0.2f), vf32_zero());
    return vf32_select(vf32_isnan(x), x, d);
}

/*
 * hard_sigmoid_torch: min(max(x + 3, 0), 6) / 6 with a correctly rounded
 * division, computed without the divider (a vdivps per vector would be the
 * kernel's bottleneck, several times the copy's cycles).  For c in [0, 6]:
 * q = RN(c*r) with r = RN(1/6) is within an ulp of c/6, the remainder
 * e = c - 6q is exact in one FMA, and RN(q + e*r) is the correctly rounded
 * c/6 (Markstein's theorem: r is 1/6 correctly rounded and q faithful; no
 * underflow since every nonzero c = x + 3 is at least 2^-22).  Checked on
 * every float in [0, 6] against c/6 by test_piecewise_simd --exhaustive.
 */
static inline vf32 piecewise_hard_sigmoid_torch(vf32 x, vf32 slope)
{
    (void)slope;
    const vf32 six = vf32_set1(6.0f), sixth = vf32_set1(1.0f / 6.0f);
    vf32 c = vf32_min(six, vf32_max(vf32_zero(), vf32_add(x, vf32_set1(3.0f))));
    vf32 q = vf32_mul(c, sixth);
    vf32 e = vf32_fnmadd(q, six, c);
    return vf32_fmadd(e, sixth, q);
}

/* 1.0f/6.0f on -3 < x < 3, 0 outside and at the kinks. */
static inline vf32 piecewise_hard_sigmoid_torch_derivative(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 d = vf32_select(vf32_lt(vf32_abs(x), vf32_set1(3.0f)), vf32_set1(1.0f / 6.0f), vf32_zero());
    return vf32_select(vf32_isnan(x), x, d);
}

/* ---- slopes ---------------------------------------------------------------------- */

/*
 * Where each vector's slopes come from.  prelu's element i has the slope
 * alpha[i mod channels]; a vector starting at channel c needs
 * alpha[c], alpha[c+1 mod C], ... .  When the vector does not cross the end
 * of alpha (c + lanes <= C) that is a load at alpha + c; when it does, it
 * is a load from the seam: the last lanes-1 slopes followed by the first
 * lanes-1 (cyclically, so the seam also serves C < lanes), where
 * seam[j] = alpha[(j + C - (lanes-1)) mod C] and the vector starting at c
 * is seam + c + lanes-1 - C.  Either way one unaligned load from a few
 * cache lines that stay in L1, and no permute.  When C divides the lane
 * count (1, 2, 4, 8, 16 channels) every vector has the same slopes and the
 * loops keep them in a register.
 */
struct piecewise_slope {
    vf32 constant;       /* the slopes of every vector, when they do not vary */
    const float *alpha;  /* prelu: a_c per channel */
    const float *seam;   /* 2*lanes - 2 slopes around the end of alpha */
    size_t channels;
    size_t channel;      /* channel of the next vector's first lane */
    size_t step;         /* lanes mod channels */
};

static inline struct piecewise_slope piecewise_slope_constant(vf32 slope)
{
    struct piecewise_slope s = {.constant = slope};
    return s;
}

/* prelu's slopes; returns whether they vary from vector to vector (then
 * the loops need per_channel = true).  seam must outlive the loops. */
static inline bool piecewise_slope_channels(struct piecewise_slope *s, const float *alpha,
                                            size_t channels, float seam[2 * VF32_LANES])
{
    s->alpha = alpha;
    s->channels = channels;
    s->channel = 0;
    s->step = VF32_LANES % channels;
    size_t c = (channels - (VF32_LANES - 1) % channels) % channels;
    for (size_t j = 0; j < 2 * VF32_LANES - 2; j++) {
        seam[j] = alpha[c];
        c = c + 1 == channels ? 0 : c + 1;
    }
    s->seam = seam;
    if (s->step != 0)
        return true;
    /* the same slopes in every vector: alpha[l mod C] for lane l */
    float lanes[VF32_LANES];
    for (size_t l = 0; l < VF32_LANES; l++)
        lanes[l] = alpha[l % channels];
    s->constant = vf32_load(lanes);
    return false;
}

/* The next vector's slopes. */
static inline __attribute__((always_inline)) vf32 piecewise_slope_next(struct piecewise_slope *s,
                                                                     bool per_channel)
{
    if (!per_channel)
        return s->constant;
    size_t c = s->channel, channels = s->channels;
    const float *p = c + VF32_LANES <= channels ? s->alpha + c : s->seam + (c + VF32_LANES - 1 - channels);
    c += s->step;
    s->channel = c >= channels ? c - channels : c;
    return vf32_load(p);
}

/* ---- loops ------------------------------------------------------------------------ */

typedef vf32 (*piecewise_value_fn)(vf32 x, vf32 slope);
typedef vf32 (*piecewise_param_gradient_fn)(vf32 x, vf32 dy);

/* y = value(x) */
static inline __attribute__((always_inline)) void
piecewise_forward(const float *x, float *y, size_t n, piecewise_value_fn value,
                  struct piecewise_slope *s, bool per_channel)
{
    size_t i = 0;
    for (; i + PIECEWISE_UNROLL * VF32_LANES <= n; i += PIECEWISE_UNROLL * VF32_LANES) {
        vf32 x0 = vf32_load(x + i);
        vf32 x1 = vf32_load(x + i + VF32_LANES);
        vf32 x2 = vf32_load(x + i + 2 * VF32_LANES);
        vf32 x3 = vf32_load(x + i + 3 * VF32_LANES);
        vf32 a0 = piecewise_slope_next(s, per_channel);
        vf32 a1 = piecewise_slope_next(s, per_channel);
        vf32 a2 = piecewise_slope_next(s, per_channel);
        vf32 a3 = piecewise_slope_next(s, per_channel);
        vf32_store(y + i, value(x0, a0));
        vf32_store(y + i + VF32_LANES, value(x1, a1));
        vf32_store(y + i + 2 * VF32_LANES, value(x2, a2));
        vf32_store(y + i + 3 * VF32_LANES, value(x3, a3));
    }
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vf32_store(y + i, value(vf32_load(x + i), piecewise_slope_next(s, per_channel)));
    if (i < n) {
        size_t rest = n - i;
        vf32 v = value(vf32_load_tail(x + i, rest), piecewise_slope_next(s, per_channel));
        vf32_store_tail(y + i, v, rest);
    }
}

/* dx = derivative(x) * dy and, with a param_gradient, dparam = param_gradient(x, dy) */
static inline __attribute__((always_inline)) void
piecewise_gradient(const float *x, const float *dy, float *dx, float *dparam, size_t n,
                   piecewise_value_fn derivative, piecewise_param_gradient_fn param_gradient,
                   struct piecewise_slope *s, bool per_channel)
{
    size_t i = 0;
    for (; i + PIECEWISE_UNROLL * VF32_LANES <= n; i += PIECEWISE_UNROLL * VF32_LANES) {
        vf32 x0 = vf32_load(x + i);
        vf32 x1 = vf32_load(x + i + VF32_LANES);
        vf32 x2 = vf32_load(x + i + 2 * VF32_LANES);
        vf32 x3 = vf32_load(x + i + 3 * VF32_LANES);
        vf32 g0 = vf32_load(dy + i);
        vf32 g1 = vf32_load(dy + i + VF32_LANES);
        vf32 g2 = vf32_load(dy + i + 2 * VF32_LANES);
        vf32 g3 = vf32_load(dy + i + 3 * VF32_LANES);
        vf32 a0 = piecewise_slope_next(s, per_channel);
        vf32 a1 = piecewise_slope_next(s, per_channel);
        vf32 a2 = piecewise_slope_next(s, per_channel);
        vf32 a3 = piecewise_slope_next(s, per_channel);
        if (param_gradient) {
            vf32_store(dparam + i, param_gradient(x0, g0));
            vf32_store(dparam + i + VF32_LANES, param_gradient(x1, g1));
            vf32_store(dparam + i + 2 * VF32_LANES, param_gradient(x2, g2));
            vf32_store(dparam + i + 3 * VF32_LANES, param_gradient(x3, g3));
        }
        vf32_store(dx + i, vf32_mul(derivative(x0, a0), g0));
        vf32_store(dx + i + VF32_LANES, vf32_mul(derivative(x1, a1), g1));
        vf32_store(dx + i + 2 * VF32_LANES, vf32_mul(derivative(x2, a2), g2));
        vf32_store(dx + i + 3 * VF32_LANES, vf32_mul(derivative(x3, a3), g3));
    }
    for (; i + VF32_LANES <= n; i += VF32_LANES) {
        vf32 xv = vf32_load(x + i), g = vf32_load(dy + i);
        vf32 a = piecewise_slope_next(s, per_channel);
        if (param_gradient)
            vf32_store(dparam + i, param_gradient(xv, g));
        vf32_store(dx + i, vf32_mul(derivative(xv, a), g));
    }
    if (i < n) {
        size_t rest = n - i;
        vf32 xv = vf32_load_tail(x + i, rest), g = vf32_load_tail(dy + i, rest);
        vf32 a = piecewise_slope_next(s, per_channel);
        if (param_gradient)
            vf32_store_tail(dparam + i, param_gradient(xv, g), rest);
        vf32_store_tail(dx + i, vf32_mul(derivative(xv, a), g), rest);
    }
}

#endif
