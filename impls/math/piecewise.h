/*
 * Piecewise-linear activations over the f32 SIMD layer (include one ISA's
 * impls/simd/f32-*.h first): relu, leaky_relu, prelu, the two hard
 * sigmoids and hardswish, value and derivative per vector, and the loops
 * that map them over a buffer.
 *
 * Every formula gives the scalar kernel's result (impls/<activation>/
 * <activation>_f32_libm_scalar.c) bit for bit: the comparisons become lane
 * masks, the scalar's ?: a select, and each rounding the same rounding,
 * either the same IEEE operation (no contraction) or one shown below to
 * round identically and cheaper on the vector pipes (max(x, a*x) for a
 * select, fma(p, 1, c) for an addition, a split reciprocal for a
 * division).  NaN keeps its lane because every select tests an ordered
 * comparison (false on NaN) and the clips put the constant first in
 * minps/maxps, which return their second operand when either is NaN.
 * tests/test_piecewise_simd.c holds each vector kernel to its scalar one
 * bit for bit (--exhaustive: on all 2^32 inputs).
 *
 * The loops: a main loop of PIECEWISE_UNROLL vectors, a loop of single
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

#include <math.h>
#include <stdbool.h>
#include <stddef.h>

/* Elements per iteration of the main loop: 256 bytes of each stream, 4
 * vectors on AVX-512 and 8 on AVX2.  Each vector is loaded, computed and
 * stored in turn (no register pressure: AVX2's 16 registers spill when 8
 * vectors of x and dy are held at once); an element's loads come before
 * its store, so y may be x and dx may be x or dy.  The loops are bound by
 * loads, stores and the four vector pipes; at 4 vectors per iteration AVX2
 * loses a tenth of its speed to the loop itself (Zen 5, relu: 0.127
 * against 0.109 cycles per element at 8). */
#define PIECEWISE_BLOCK 64
#define PIECEWISE_UNROLL (PIECEWISE_BLOCK / VF32_LANES)

/* ---- formulas ------------------------------------------------------------------ */

/*
 * x in a register.  Left to itself gcc 12 folds the load of x into the
 * first operation that uses it and loads x again for the second
 * (max(x, a*x) became vmulps (mem) and vmovups (mem)): two loads per vector,
 * and the loads, not the arithmetic, bounded leaky_relu's and prelu's AVX2
 * loops (Zen 5 loads two 256-bit vectors per cycle; 0.135 against 0.099
 * cycles per element for leaky_relu).  The empty asm makes x a register
 * operand of both.  Only where x has two uses: a single use keeps its load
 * folded, which is cheaper (hard_sigmoid_keras on AVX2: 0.128 folded,
 * 0.144 with x in a register).
 */
static inline __attribute__((always_inline)) vf32 piecewise_in_register(vf32 v)
{
    __asm__("" : "+v"(v));
    return v;
}

/*
 * AVX-512F: relu and relu' in one vfixupimmps each, which sorts every lane
 * of x into one of eight classes (QNaN, SNaN, +-0, +1, -inf, +inf, other
 * negative, other positive; subnormals by sign, MXCSR.DAZ being off) and
 * puts the class's response from a table of nibbles: 0 keeps the
 * destination (x itself, bit for bit, NaN payloads included), 8 is +0, 0xA
 * is +1.  One operation where the compare into a mask and the masked move
 * took two (relu) or four (relu', with the NaN select); the same bits.
 */
#if VF32_LANES == 16 && defined(__AVX512F__)
#define PIECEWISE_FIXUPIMM 1
/* class:     pos  neg  +inf -inf +1   0    SNaN QNaN */
#define PIECEWISE_RELU_TABLE 0x08080800            /* x    +0   x    +0   x    +0   x    x */
#define PIECEWISE_RELU_DERIVATIVE_TABLE 0xA8A8A800 /* +1   +0   +1   +0   +1   +0   x    x */
#endif

/* relu: x <= 0 ? 0 : x, so NaN (which fails x <= 0) passes and -0 gives +0. */
static inline vf32 piecewise_relu(vf32 x, vf32 slope)
{
    (void)slope;
#ifdef PIECEWISE_FIXUPIMM
    return _mm512_fixupimm_ps(x, x, _mm512_set1_epi32(PIECEWISE_RELU_TABLE), 0);
#else
    return vf32_zero_where(vf32_le(x, vf32_zero()), x);
#endif
}

/* relu': isnan(x) ? x : (x > 0 ? 1 : 0), 0 at the kink. */
static inline vf32 piecewise_relu_derivative(vf32 x, vf32 slope)
{
    (void)slope;
#ifdef PIECEWISE_FIXUPIMM
    return _mm512_fixupimm_ps(x, x, _mm512_set1_epi32((int)PIECEWISE_RELU_DERIVATIVE_TABLE), 0);
#else
    return vf32_nan_or(x, vf32_zero_where(vf32_le(x, vf32_zero()), vf32_set1(1.0f)));
#endif
}

/* leaky_relu and prelu: x > 0 ? x : a*x, one rounding; NaN through a*x. */
static inline vf32 piecewise_leaky(vf32 x, vf32 slope)
{
    x = piecewise_in_register(x);
    return vf32_select(vf32_gt(x, vf32_zero()), x, vf32_mul(slope, x));
}

/*
 * The same for the slopes used in practice, without a compare and a
 * select (vblendvps issues about once per cycle on Zen 5, vmaxps twice):
 * for 0 < a <= 1, max(x, a*x); for a >= 1 (finite),
 * min(x, a*x).  Equal to x > 0 ? x : a*x on every x: for x > 0, a*x <= x
 * (a <= 1) or >= x (a >= 1), so the max or min is x, or a*x when the two
 * are equal; for x < 0 the other way round; at +-0 both operands are the
 * same zero a*x; at -inf a*x = -inf; at +inf a*x = +inf (a > 0, so no
 * 0*inf); for NaN minps and maxps return their second operand, a*x, the
 * scalar kernel's quiet(x).  piecewise_slopes_range tells which applies.
 */
static inline vf32 piecewise_leaky_at_most_one(vf32 x, vf32 slope)
{
    x = piecewise_in_register(x);
    return vf32_max(x, vf32_mul(slope, x));
}

static inline vf32 piecewise_leaky_at_least_one(vf32 x, vf32 slope)
{
    x = piecewise_in_register(x);
    return vf32_min(x, vf32_mul(slope, x));
}

enum piecewise_slopes {
    PIECEWISE_SLOPES_AT_MOST_ONE,  /* every slope in (0, 1] */
    PIECEWISE_SLOPES_AT_LEAST_ONE, /* every slope in [1, inf) */
    PIECEWISE_SLOPES_OTHER,        /* some slope <= 0, infinite or NaN, or both kinds */
};

static inline enum piecewise_slopes piecewise_slopes_range(const float *slopes, size_t count)
{
    bool at_most_one = true, at_least_one = true;
    for (size_t c = 0; c < count; c++) {
        at_most_one &= slopes[c] > 0.0f && slopes[c] <= 1.0f;
        at_least_one &= slopes[c] >= 1.0f && slopes[c] < INFINITY;
    }
    return at_most_one    ? PIECEWISE_SLOPES_AT_MOST_ONE
           : at_least_one ? PIECEWISE_SLOPES_AT_LEAST_ONE
                          : PIECEWISE_SLOPES_OTHER;
}

/* isnan(x) ? x : (x > 0 ? 1 : a): a at the kink. */
static inline vf32 piecewise_leaky_derivative(vf32 x, vf32 slope)
{
    return vf32_nan_or(x, vf32_select(vf32_gt(x, vf32_zero()), vf32_set1(1.0f), slope));
}

/* prelu's parameter gradient per element: x > 0 ? 0 : dy*x (NaN through dy*x). */
static inline vf32 piecewise_prelu_param_gradient(vf32 x, vf32 dy)
{
    return vf32_zero_where(vf32_gt(x, vf32_zero()), vf32_mul(dy, x));
}

/*
 * hard_sigmoid_keras: clip(0.2f*x + 0.5f, 0, 1), the product and the sum
 * rounded apart as Keras (and the scalar kernel) evaluates them.  The sum
 * is computed as fma(p, 1, 0.5) = RN(p + 0.5), the same single rounding,
 * so that it runs on the multiply pipes while the two clips take the add
 * pipes (on Zen 5 add, min, max and compares share two of the four).
 */
static inline vf32 piecewise_hard_sigmoid_keras(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 product = vf32_mul(vf32_set1(0.2f), x);
    vf32 t = vf32_fmadd(product, vf32_set1(1.0f), vf32_set1(0.5f));
    return vf32_min(vf32_set1(1.0f), vf32_max(vf32_zero(), t));
}

/* 0.2f on -2.5 < x < 2.5, 0 outside and at the kinks. */
static inline vf32 piecewise_hard_sigmoid_keras_derivative(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 inside = vf32_zero_where(vf32_ge(vf32_abs(x), vf32_set1(2.5f)), vf32_set1(0.2f));
    return vf32_nan_or(x, inside);
}

/*
 * hard_sigmoid_torch: min(max(x + 3, 0), 6) / 6 with a correctly rounded
 * division, computed without the divider (a vdivps per vector would bound
 * the loop at several times the copy's cycles).  With 1/6 split as
 * r_hi + r_lo (r_hi = RN(1/6) = 0x1.555556p-3, r_lo = RN(1/6 - r_hi) =
 * -0x1.555556p-28, |1/6 - r_hi - r_lo| < 2^-52), RN(c*r_hi + RN(c*r_lo)),
 * one multiplication and one FMA, is within 2^-40 ulp of c/6 for c in
 * [0, 6].  c/6 is never near a midpoint: c is an integer m times its ulp,
 * and c/6 in ulps of c/6 is m*2^k/3 with k = 1 or 2, whose fraction is 0,
 * 1/3 or 2/3 (no subnormal: every nonzero c = x + 3 is at least 2^-22).
 * So the result is c/6 correctly rounded, as the scalar kernel's division;
 * test_piecewise_simd --exhaustive checks every float of [2^-97, 6] (below
 * 2^-97 the correction c*r_lo is subnormal and the split is not exact).
 */
static inline vf32 piecewise_hard_sigmoid_torch(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 c = vf32_min(vf32_set1(6.0f), vf32_max(vf32_zero(), vf32_add(x, vf32_set1(3.0f))));
    return vf32_fmadd(c, vf32_set1(0x1.555556p-3f), vf32_mul(c, vf32_set1(-0x1.555556p-28f)));
}

/* 1.0f/6.0f on -3 < x < 3, 0 outside and at the kinks. */
static inline vf32 piecewise_hard_sigmoid_torch_derivative(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 inside = vf32_zero_where(vf32_ge(vf32_abs(x), vf32_set1(3.0f)), vf32_set1(1.0f / 6.0f));
    return vf32_nan_or(x, inside);
}

/*
 * hardswish: x * min(max(x + 3, 0), 6) / 6, as PyTorch and the scalar
 * kernel compute it: p = RN(x * clip(x + 3, 0, 6)), then RN(p / 6), and
 * -0 at -inf (where the formula gives -inf * 0).
 *
 * The lower clip is taken on x instead: with xl = max(-3, x),
 * p = RN(xl * min(6, RN(xl + 3))).  For x > -3 nothing changes (x + 3 is
 * then at least 2^-22, so the clip at 0 never acts); for every x <= -3,
 * -inf included, xl = -3 and p = -3 * +0 = -0, the scalar kernel's x * 0
 * and its -0 at -inf, without a test.  NaN passes both (the constants come
 * first in maxps/minps) and p = RN(xl * c) is x's NaN, quiet.  Two
 * min/max and one addition on the add pipes, where the clip on x + 3 and
 * the -inf test needed four and two compares.
 *
 * The division without the divider, as hard_sigmoid_torch's but with 1/6
 * split downwards (r_hi = RD(1/6) = 0x1.555554p-3, r_lo = RN(1/6 - r_hi) =
 * 0x1.555556p-27, both positive, so that an infinite p gives inf + inf,
 * not NaN): RN(p*r_hi + RN(p*r_lo)) is within 2^-40 ulp of p/6 and, p/6
 * being never near a midpoint (its fraction in ulps is 0, 1/3 or 2/3), is
 * RN(p/6), for every p with |p| >= 2^-97 or p infinite, zero or NaN.  Below
 * that the correction p*r_lo is subnormal and the result can be an ulp
 * off: lanes with 0 < |x| < 2^-97 go to piecewise_hardswish_special_case,
 * off the fast path, which divides.  The fast path finds them with one
 * integer test: the top three bits of x's exponent are clear exactly when
 * |x| < 2^-95 (zeros included; the special case sorts out the lanes that
 * need the division).
 */
static inline vf32 piecewise_hardswish_product(vf32 x)
{
    vf32 xl = vf32_max(vf32_set1(-3.0f), x);
    vf32 c = vf32_min(vf32_set1(6.0f), vf32_add(xl, vf32_set1(3.0f)));
    return vf32_mul(xl, c);
}

static inline vf32 piecewise_hardswish_divide(vf32 p)
{
    return vf32_fmadd(p, vf32_set1(0x1.555554p-3f), vf32_mul(p, vf32_set1(0x1.555556p-27f)));
}

/* |x| < 2^-95 or x = +-0: the lanes piecewise_hardswish_special_case looks at */
static inline vmask32 piecewise_hardswish_maybe_tiny(vf32 x)
{
    return vi32_none(vf32_as_vi32(x), vi32_set1(0x70000000));
}

static __attribute__((unused, noinline, cold)) vf32 piecewise_hardswish_special_case(vf32 x, vf32 y)
{
    vmask32 tiny = vmask32_andnot(vf32_lt(vf32_abs(x), vf32_set1(0x1p-97f)), vf32_eq(x, vf32_zero()));
    return vf32_select(tiny, vf32_div(piecewise_hardswish_product(x), vf32_set1(6.0f)), y);
}

static inline vf32 piecewise_hardswish(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 y = piecewise_hardswish_divide(piecewise_hardswish_product(x));
    if (__builtin_expect(vmask32_any(piecewise_hardswish_maybe_tiny(x)), 0))
        y = piecewise_hardswish_special_case(x, y);
    return y;
}

/*
 * hardswish' as PyTorch's hardswish_backward: 0 for x < -3, RN(RN(x/3) + 0.5)
 * on [-3, 3], 1 above, NaN for NaN.  x/3 is correctly rounded by the split
 * 1/3 = 0x1.555556p-2 - 0x1.555556p-27 (+ under 2^-51), as above, wherever
 * x/3 is normal; where it is not, |x/3| < 2^-99 and RN(x/3 + 0.5) = 0.5
 * whichever way x/3 rounded.  No special case, and no NaN test: the middle
 * piece of a NaN is that NaN (quiet), and both selects keep it (x > 3 and
 * x < -3 are false for NaN).
 */
static inline vf32 piecewise_hardswish_derivative(vf32 x, vf32 slope)
{
    (void)slope;
    vf32 third = vf32_fmadd(x, vf32_set1(0x1.555556p-2f), vf32_mul(x, vf32_set1(-0x1.555556p-27f)));
    vf32 middle = vf32_add(third, vf32_set1(0.5f));
    vf32 d = vf32_select(vf32_gt(x, vf32_set1(3.0f)), vf32_set1(1.0f), middle);
    return vf32_zero_where(vf32_lt(x, vf32_set1(-3.0f)), d);
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

/* v mod m for v < 2 * VF32_LANES, without a division (m >= 1) */
static inline size_t piecewise_small_mod(size_t v, size_t m)
{
    while (v >= m)
        v -= m;
    return v;
}

/* prelu's slopes; returns whether they vary from vector to vector (then
 * the loops need per_channel = true).  seam must outlive the loops.  The
 * set-up is a few dozen scalar moves, no division. */
static inline bool piecewise_slope_channels(struct piecewise_slope *s, const float *alpha,
                                            size_t channels, float seam[2 * VF32_LANES])
{
    s->alpha = alpha;
    s->channels = channels;
    s->channel = 0;
    s->step = piecewise_small_mod(VF32_LANES, channels);
    if (s->step == 0) {
        /* the same slopes in every vector: alpha[l mod C] for lane l */
        float lanes[VF32_LANES];
        for (size_t l = 0, c = 0; l < VF32_LANES; l++, c = c + 1 == channels ? 0 : c + 1)
            lanes[l] = alpha[c];
        s->constant = vf32_load(lanes);
        return false;
    }
    size_t c = channels - piecewise_small_mod(VF32_LANES - 1, channels);
    c = c == channels ? 0 : c;
    for (size_t j = 0; j < 2 * VF32_LANES - 2; j++, c = c + 1 == channels ? 0 : c + 1)
        seam[j] = alpha[c];
    s->seam = seam;
    s->constant = vf32_zero();
    return true;
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
    for (; i + PIECEWISE_BLOCK <= n; i += PIECEWISE_BLOCK) {
#pragma GCC unroll 16
        for (size_t k = 0; k < PIECEWISE_UNROLL; k++) {
            size_t j = i + k * VF32_LANES;
            vf32_store(y + j, value(vf32_load(x + j), piecewise_slope_next(s, per_channel)));
        }
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
    for (; i + PIECEWISE_BLOCK <= n; i += PIECEWISE_BLOCK) {
#pragma GCC unroll 16
        for (size_t k = 0; k < PIECEWISE_UNROLL; k++) {
            size_t j = i + k * VF32_LANES;
            vf32 xv = vf32_load(x + j), g = vf32_load(dy + j);
            vf32 a = piecewise_slope_next(s, per_channel);
            if (param_gradient)
                vf32_store(dparam + j, param_gradient(xv, g));
            vf32_store(dx + j, vf32_mul(derivative(xv, a), g));
        }
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

/*
 * hardswish's forward: the loops above with the test for tiny lanes taken
 * once per PIECEWISE_BLOCK elements, before the block is computed.  A
 * first pass over the block's inputs (loads only, which the loop has to
 * spare) narrows one vsome32 over its vectors: one operation a vector on
 * AVX-512 (a masked vptestmd), two on AVX2 (vpand, vpminud), against three
 * with a mask per vector (the integer test, its compare and an OR of
 * masks), and no mask held across the block.  Every vector operation
 * counts here: the loop is bound by the four vector pipes (six operations
 * a vector for the formula), not by its loads and stores.  Measured on
 * Zen 5 (load average 7.6 on 2 cores), a standalone loop over 3072
 * elements, best of 200 rounds, TSC ticks per element over a 256-bit copy
 * loop's: AVX-512 1.45x with this test, 1.60x with a mask per vector,
 * 1.11x with no test at all; AVX2 3.39x, 3.56x and 2.25x.  A block that
 * holds a lane which may be tiny (|x| < 2^-95 or a zero) goes through
 * piecewise_hardswish vector by vector, off the fast path.  Each vector
 * is loaded again before its result is stored, so y may be x.
 */
static inline __attribute__((always_inline)) bool piecewise_hardswish_block_ordinary(const float *x)
{
    vi32 exponent_top = vi32_set1(0x70000000);
    vsome32 some = vsome32_of(vf32_as_vi32(vf32_load(x)), exponent_top);
#pragma GCC unroll 16
    for (size_t k = 1; k < PIECEWISE_UNROLL; k++)
        some = vsome32_add(some, vf32_as_vi32(vf32_load(x + k * VF32_LANES)), exponent_top);
    return vsome32_all(some);
}

static inline __attribute__((always_inline)) void piecewise_hardswish_forward(const float *x, float *y, size_t n)
{
    size_t i = 0;
    for (; i + PIECEWISE_BLOCK <= n; i += PIECEWISE_BLOCK) {
        if (__builtin_expect(!piecewise_hardswish_block_ordinary(x + i), 0)) {
            for (size_t k = 0; k < PIECEWISE_UNROLL; k++) {
                size_t j = i + k * VF32_LANES;
                vf32_store(y + j, piecewise_hardswish(vf32_load(x + j), vf32_zero()));
            }
            continue;
        }
#pragma GCC unroll 16
        for (size_t k = 0; k < PIECEWISE_UNROLL; k++) {
            size_t j = i + k * VF32_LANES;
            vf32_store(y + j, piecewise_hardswish_divide(piecewise_hardswish_product(vf32_load(x + j))));
        }
    }
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vf32_store(y + i, piecewise_hardswish(vf32_load(x + i), vf32_zero()));
    if (i < n) {
        size_t rest = n - i;
        vf32_store_tail(y + i, piecewise_hardswish(vf32_load_tail(x + i, rest), vf32_zero()), rest);
    }
}

#endif
