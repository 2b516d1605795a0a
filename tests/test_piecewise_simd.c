/*
 * A SIMD kernel of the libm method is its activation's formula vectorised,
 * and so exactly the scalar kernel, bit for bit.  Every built-in libm
 * kernel of an ISA other than scalar (that this CPU runs) is called next to
 * <activation>_f32_libm_scalar on the same inputs: special values (the
 * catalog's too), every binade of both signs, random bit patterns,
 * [-10, 10], the kinks and their neighbours, and for grouped activations
 * (maxout) groups full of ties, signed zeros and NaNs.
 * Forward, gradient and prelu's parameter gradient must give the same bits,
 * with two freedoms for NaNs: which NaN comes out of a multiplication of two
 * NaNs (IEEE leaves it open, and the compiler may order the operands either
 * way), where both must be NaN, and the quiet bit of a NaN that a
 * signalling NaN input became (the compiler folds the scalar kernel's 1*dy
 * into dy).  Every length from 0 to 4 vectors past
 * several start offsets must give the same results and write nothing past
 * n; in place calls must give the out-of-place results.  An activation
 * with a scalar slope (leaky_relu) runs with slopes in (0, 1], at and above
 * 1, zero, negative and non-finite (each a path of the kernels), one with
 * per-channel slopes (prelu) with channel counts below, at and above the
 * vector length and its parameter gradient, a grouped one (maxout) with
 * the catalog's group size (the shuffle path) and others.  16-bit kernels
 * (relu on bf16 and f16 encodings) are compared on all 65536 encodings
 * with the f32 scalar kernel on the decoded values, re-encoded.
 *
 * test_piecewise_simd [--exhaustive] [KERNEL...]: only the kernels named;
 * --exhaustive: every f32 input (and for 16-bit kernels every (x, dy)
 * pair) instead of the sample, and the split-reciprocal divisions of
 * impls/math/piecewise.h checked against division on every float where
 * the kernels use them; minutes, not part of the suite.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/catalog.h"
#include "../harness/inputs.h"
#include "../impls/isa.h"
#include "../impls/registry.h"
#include "../reference/format.h"
#include "check.h"

#define CANARY_BITS 0x7fa5a5a5u /* a signalling NaN no kernel produces */
#define MAX_EXAMPLES 4

static uint32_t bits_of(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static float float_of(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

static uint64_t random_state = 0x9e3779b97f4a7c15u;

static uint32_t random_u32(void)
{
    random_state += 0x9e3779b97f4a7c15u;
    return (uint32_t)(input_random_bits(7, random_state) >> 32);
}

static float random_uniform(float lo, float hi)
{
    return lo + (hi - lo) * (float)(random_u32() >> 8) * 0x1p-24f;
}

/* ---- comparison ----------------------------------------------------------------- */

struct comparison {
    const char *what;
    size_t mismatches;
    size_t compared;
};

/* Same bits; NaNs that differ only in the quiet bit (the compiler folds the
 * scalar kernel's 1*dy to dy, which keeps a signalling NaN, where the vector
 * kernel multiplies and quiets it; C compilers do not keep signalling NaNs
 * apart unless asked to); or both NaN where two NaN operands met in a
 * multiplication. */
static void compare_one(struct comparison *c, float got, float want, float input, bool two_nans)
{
    c->compared++;
    if (bits_of(got) == bits_of(want))
        return;
    if (isnan(got) && isnan(want) && ((bits_of(got) | 0x400000u) == (bits_of(want) | 0x400000u) || two_nans))
        return;
    if (c->mismatches++ < MAX_EXAMPLES)
        printf("     %s: x = %a (0x%08x): got 0x%08x, scalar 0x%08x\n", c->what, (double)input,
               bits_of(input), bits_of(got), bits_of(want));
}

static void report(const char *kernel, const char *what, const struct comparison *c)
{
    check(c->mismatches == 0, "%s %s: %zu of %zu results differ from the scalar kernel", kernel, what,
          c->mismatches, c->compared);
}

/* ---- inputs --------------------------------------------------------------------- */

static const float special_values[] = {
    0.0f, -0.0f, INFINITY, -INFINITY, NAN, -NAN, 1.0f, -1.0f, 2.5f, -2.5f, 3.0f, -3.0f,
    FLT_MIN, -FLT_MIN, FLT_MAX, -FLT_MAX, 0x1p-149f, -0x1p-149f, 0x1.fffffcp-127f,
    -0x1.fffffcp-127f, 0.5f, -0.5f, 6.0f, -6.0f, 1e30f, -1e30f, 0.2f, -0.2f,
};

static const uint32_t special_bits[] = {
    0x7f800001u, 0xff800001u, 0x7fbfffffu, 0x7fc12345u, 0xffc54321u, 0x7fffffffu, 0xffffffffu,
};

/* The sample every kernel of the activation sees: returns its length (at
 * most capacity). */
static size_t make_inputs(enum activation_id act, float *x, size_t capacity)
{
    size_t n = 0;
#define PUT(v)                                                                                       \
    do {                                                                                             \
        if (n < capacity)                                                                            \
            x[n++] = (v);                                                                            \
    } while (0)
    for (size_t i = 0; i < sizeof special_values / sizeof special_values[0]; i++)
        PUT(special_values[i]);
    for (size_t i = 0; i < sizeof special_bits / sizeof special_bits[0]; i++)
        PUT(float_of(special_bits[i]));
    for (size_t i = 0; i < activation_catalog[act].special_input_count; i++)
        PUT(activation_catalog[act].special_inputs[i]);
    /* the kinks and 0, with 32 neighbours on each side */
    static const float kinks[] = {0.0f, 2.5f, -2.5f, 3.0f, -3.0f, 1.0f, -1.0f};
    for (size_t k = 0; k < sizeof kinks / sizeof kinks[0]; k++) {
        float up = kinks[k], down = kinks[k];
        for (int j = 0; j < 32; j++) {
            up = nextafterf(up, INFINITY);
            down = nextafterf(down, -INFINITY);
            PUT(up);
            PUT(down);
        }
    }
    /* every binade of both signs, subnormals included (exponent field 0) */
    for (uint32_t e = 0; e < 256; e++)
        for (uint32_t s = 0; s < 2; s++)
            for (int j = 0; j < 48; j++) {
                uint32_t mantissa = j == 0 ? 0 : j == 1 ? 0x7fffff : random_u32() & 0x7fffff;
                PUT(float_of(s << 31 | e << 23 | mantissa));
            }
    /* [-10, 10] and its small-integer points (ties of maxout) */
    for (int j = 0; j < 1 << 16; j++)
        PUT(j % 8 == 0 ? (float)((int)(random_u32() % 7) - 3) : random_uniform(-10.0f, 10.0f));
    /* random bit patterns: NaNs of every payload, about one in 250 */
    while (n < capacity)
        PUT(float_of(random_u32()));
#undef PUT
    return n;
}

/* Upstream gradients: mostly ordinary values, some of every kind. */
static void make_upstream(float *dy, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t r = random_u32();
        dy[i] = r % 16 == 0   ? special_values[(r >> 4) % (sizeof special_values / sizeof special_values[0])]
                : r % 16 == 1 ? float_of(random_u32())
                              : random_uniform(-2.0f, 2.0f);
    }
}

/* maxout groups: values from a small palette, so that groups are full of
 * ties, zeros of both signs, infinities and NaNs of either sign, plus some
 * blocks of ordinary values (the shuffle path) */
static void make_groups(float *x, size_t n)
{
    static const float palette[] = {0.0f, -0.0f, 1.0f, -1.0f, 2.0f, INFINITY, -INFINITY, -FLT_MAX,
                                    0x1p-149f, -0x1p-149f};
    for (size_t i = 0; i < n; i++) {
        uint32_t r = random_u32();
        bool nan_block = (i / 64) % 4 == 1;
        if (nan_block && r % 37 == 0)
            x[i] = float_of(r % 2 ? 0x7fc00000u | (r >> 12) : 0xff800001u | (r >> 12));
        else if ((i / 64) % 4 == 2)
            x[i] = random_uniform(-10.0f, 10.0f);
        else
            x[i] = palette[(r >> 8) % (sizeof palette / sizeof palette[0])];
    }
}

/* ---- f32 kernels ---------------------------------------------------------------- */

struct pair {
    const struct actbench_kernel *simd, *scalar;
    enum activation_id activation;
    size_t lanes;
};

static float *buffer(size_t n)
{
    float *p = malloc((n + 64) * sizeof *p);
    if (!p) {
        fprintf(stderr, "test_piecewise_simd: out of memory\n");
        exit(2);
    }
    return p;
}

static void fill_canary(float *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        p[i] = float_of(CANARY_BITS);
}

/*
 * One configuration (params) of one pair on inputs x[0 .. n) with
 * upstream dy: full-length calls, every short length at several offsets,
 * in place.
 */
static void compare_pair(const struct pair *pr, const struct actbench_params *p, const float *x,
                         const float *dy_in, size_t n, const char *label)
{
    const struct activation_info *info = &activation_catalog[pr->activation];
    size_t group = activation_inputs_per_output(pr->activation, p);
    n -= n % group;
    size_t outputs = n / group;
    float *ys = buffer(n), *yv = buffer(n), *dxs = buffer(n), *dxv = buffer(n);
    float *dps = buffer(n), *dpv = buffer(n), *dy = buffer(n);
    memcpy(dy, dy_in, outputs * sizeof *dy);
    bool prelu = info->param_gradient;
    /* a NaN slope is a third NaN operand of the multiplications */
    bool nan_slope = info->kind == ACT_ELEMENTWISE_PARAM && info->channels == 0 && isnan(p->alpha);
    for (size_t c = 0; info->channels && c < p->channels; c++)
        nan_slope |= isnan(p->channel_alpha[c]);
    char what[160];
    struct comparison value = {"value", 0, 0}, gradient = {"gradient", 0, 0},
                      param = {"parameter gradient", 0, 0}, tails = {"tail", 0, 0},
                      inplace = {"in place", 0, 0};

    pr->scalar->forward.f32(x, ys, n, p);
    fill_canary(yv, outputs + 16);
    pr->simd->forward.f32(x, yv, n, p);
    for (size_t i = 0; i < outputs; i++)
        compare_one(&value, yv[i], ys[i], x[i * group], nan_slope && isnan(x[i]));
    for (size_t i = outputs; i < outputs + 16; i++)
        compare_one(&value, yv[i], float_of(CANARY_BITS), NAN, false);

    pr->scalar->gradient.f32(x, ys, dy, dxs, prelu ? dps : NULL, n, p);
    fill_canary(dxv, n + 16);
    fill_canary(dpv, n + 16);
    pr->simd->gradient.f32(x, yv, dy, dxv, prelu ? dpv : NULL, n, p);
    for (size_t i = 0; i < n; i++) {
        bool two_nans = (isnan(x[i]) || nan_slope) && isnan(dy[i / group]);
        compare_one(&gradient, dxv[i], dxs[i], x[i], two_nans);
        if (prelu)
            compare_one(&param, dpv[i], dps[i], x[i], two_nans);
    }
    if (prelu) {
        /* without dparam: dx alone, the same */
        fill_canary(dxv, n);
        pr->simd->gradient.f32(x, yv, dy, dxv, NULL, n, p);
        for (size_t i = 0; i < n; i++)
            compare_one(&gradient, dxv[i], dxs[i], x[i], (isnan(x[i]) || nan_slope) && isnan(dy[i]));
    }

    /* every length up to 4 vectors and a little more, at offsets that put
     * the channel pattern and the groups at different lanes */
    size_t max_groups = 4 * pr->lanes + 3;
    static const size_t offsets[] = {0, 1, 3, 4 * 16 + 8};
    for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++) {
        size_t start = offsets[o] * group;
        for (size_t g = 0; g <= max_groups && start + (g + 16) * group <= n; g++) {
            size_t len = g * group;
            const float *xs = x + start;
            fill_canary(yv, g + 16);
            pr->simd->forward.f32(xs, yv, len, p);
            pr->scalar->forward.f32(xs, ys, len, p);
            for (size_t i = 0; i < g; i++)
                compare_one(&tails, yv[i], ys[i], xs[i * group], nan_slope && isnan(xs[i]));
            for (size_t i = g; i < g + 16; i++)
                compare_one(&tails, yv[i], float_of(CANARY_BITS), (float)len, false);
            fill_canary(dxv, len + 16);
            fill_canary(dpv, len + 16);
            pr->simd->gradient.f32(xs, yv, dy + start / group, dxv, prelu ? dpv : NULL, len, p);
            pr->scalar->gradient.f32(xs, ys, dy + start / group, dxs, prelu ? dps : NULL, len, p);
            for (size_t i = 0; i < len; i++) {
                bool two_nans = (isnan(xs[i]) || nan_slope) && isnan(dy[(start + i) / group]);
                compare_one(&tails, dxv[i], dxs[i], xs[i], two_nans);
                if (prelu)
                    compare_one(&tails, dpv[i], dps[i], xs[i], two_nans);
            }
            for (size_t i = len; i < len + 16; i++) {
                compare_one(&tails, dxv[i], float_of(CANARY_BITS), (float)len, false);
                if (prelu)
                    compare_one(&tails, dpv[i], float_of(CANARY_BITS), (float)len, false);
            }
        }
    }

    /* in place: y over x (not for groups: their output is shorter), dx over dy */
    bool grouped = info->shape == SHAPE_GROUPS;
    if (!grouped) {
        pr->scalar->forward.f32(x, ys, n, p);
        memcpy(yv, x, n * sizeof *yv);
        pr->simd->forward.f32(yv, yv, n, p);
        for (size_t i = 0; i < n; i++)
            compare_one(&inplace, yv[i], ys[i], x[i], nan_slope && isnan(x[i]));
        pr->scalar->gradient.f32(x, ys, dy, dxs, NULL, n, p);
        memcpy(dxv, dy, n * sizeof *dxv);
        pr->simd->gradient.f32(x, ys, dxv, dxv, NULL, n, p);
        for (size_t i = 0; i < n; i++)
            compare_one(&inplace, dxv[i], dxs[i], x[i], (isnan(x[i]) || nan_slope) && isnan(dy[i]));
    }

    snprintf(what, sizeof what, "%s [%s]", pr->simd->name, label);
    const char *name = what;
    report(name, "forward", &value);
    report(name, "gradient", &gradient);
    if (prelu)
        report(name, "parameter gradient", &param);
    report(name, "lengths 0 .. 4 vectors", &tails);
    if (!grouped)
        report(name, "in place", &inplace);
    free(ys), free(yv), free(dxs), free(dxv), free(dps), free(dpv), free(dy);
}

static void test_pair_sample(const struct pair *pr)
{
    enum { N = 1 << 19 };
    float *x = buffer(N), *dy = buffer(N);
    size_t n = make_inputs(pr->activation, x, N);
    make_upstream(dy, n);
    struct actbench_params p;
    act_params_default(pr->activation, &p);
    const struct activation_info *info = &activation_catalog[pr->activation];
    char label[96];
    if (info->kind == ACT_ELEMENTWISE_PARAM && info->channels == 0) {
        static const float slopes[] = {0.01f, 0.2f, 1.0f, 1.5f, 3e38f, 0.0f, -0.0f, -0.3f, -2.0f,
                                       INFINITY, NAN, 0x1p-149f};
        for (size_t s = 0; s < sizeof slopes / sizeof slopes[0]; s++) {
            p.alpha = slopes[s];
            snprintf(label, sizeof label, "a = %a", (double)slopes[s]);
            compare_pair(pr, &p, x, dy, n, label);
        }
    } else if (info->channels > 0) {
        static const size_t channels[] = {1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 33, 100};
        float alpha[100];
        for (int kind = 0; kind < 3; kind++)
            for (size_t c = 0; c < sizeof channels / sizeof channels[0]; c++) {
                for (size_t j = 0; j < channels[c]; j++) {
                    uint32_t r = random_u32();
                    alpha[j] = kind == 0   ? random_uniform(0x1p-20f, 1.0f)
                               : kind == 1 ? random_uniform(1.0f, 8.0f)
                                           : (r % 5 == 0 ? -0.0f : r % 5 == 1 ? 0.0f : random_uniform(-2.0f, 2.0f));
                }
                p.channels = channels[c];
                p.channel_alpha = alpha;
                snprintf(label, sizeof label, "%zu channels, slopes %s", channels[c],
                         kind == 0 ? "in (0, 1]" : kind == 1 ? "in [1, 8)" : "mixed, zeros and negative");
                compare_pair(pr, &p, x, dy, n, label);
            }
    } else if (info->shape == SHAPE_GROUPS) {
        size_t k = p.group;
        compare_pair(pr, &p, x, dy, n, "sample inputs, the catalog's group");
        make_groups(x, n);
        const size_t groups[] = {k, 1, 2, 3, 5, 8};
        for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
            p.group = groups[g];
            snprintf(label, sizeof label, "ties, zeros and NaN groups of %zu", groups[g]);
            compare_pair(pr, &p, x, dy, n, label);
        }
    } else {
        compare_pair(pr, &p, x, dy, n, "default parameters");
    }
    free(x), free(dy);
}

/*
 * One rare input among ordinary ones, at every position of three blocks of
 * 64 and a remainder: a kernel that tests for rare lanes once per block of
 * vectors must find it wherever it is.  The rare values include inputs
 * where hardswish's split division is an ulp off (0x1.8p-148 and
 * 0x1.000002p-126, both signs), which only the special case gets right.
 */
static void test_rare_lane(const struct pair *pr)
{
    enum { N = 3 * 64 + 13 };
    static const float rare[] = {0x1.8p-148f,  -0x1.8p-148f, 0x1.000002p-126f, -0x1.000002p-126f,
                                 0.0f,         -0.0f,        -INFINITY,        NAN};
    struct actbench_params p;
    act_params_default(pr->activation, &p);
    bool prelu = activation_catalog[pr->activation].param_gradient;
    float *x = buffer(N), *dy = buffer(N), *ys = buffer(N), *yv = buffer(N);
    float *dxs = buffer(N), *dxv = buffer(N), *dps = buffer(N), *dpv = buffer(N);
    struct comparison value = {"value", 0, 0}, gradient = {"gradient", 0, 0};
    for (size_t r = 0; r < sizeof rare / sizeof rare[0]; r++)
        for (size_t k = 0; k < N; k++) {
            for (size_t i = 0; i < N; i++) {
                x[i] = random_uniform(-10.0f, 10.0f);
                dy[i] = random_uniform(-1.0f, 1.0f);
            }
            x[k] = rare[r];
            pr->scalar->forward.f32(x, ys, N, &p);
            pr->simd->forward.f32(x, yv, N, &p);
            pr->scalar->gradient.f32(x, ys, dy, dxs, prelu ? dps : NULL, N, &p);
            pr->simd->gradient.f32(x, yv, dy, dxv, prelu ? dpv : NULL, N, &p);
            for (size_t i = 0; i < N; i++) {
                compare_one(&value, yv[i], ys[i], x[i], false);
                compare_one(&gradient, dxv[i], dxs[i], x[i], false);
            }
        }
    report(pr->simd->name, "forward, one rare input at every position of 205", &value);
    report(pr->simd->name, "gradient, one rare input at every position of 205", &gradient);
    free(x), free(dy), free(ys), free(yv), free(dxs), free(dxv), free(dps), free(dpv);
}

/* All 2^32 inputs, forward and gradient (dy from the sample's kinds), in chunks. */
static void test_pair_exhaustive(const struct pair *pr)
{
    enum { CHUNK = 1 << 22 };
    struct actbench_params p;
    act_params_default(pr->activation, &p);
    if (activation_catalog[pr->activation].shape != SHAPE_ELEMENTWISE)
        return; /* groups, not inputs: the sample covers them */
    bool prelu = activation_catalog[pr->activation].param_gradient;
    float *x = buffer(CHUNK), *dy = buffer(CHUNK), *ys = buffer(CHUNK), *yv = buffer(CHUNK);
    float *dxs = buffer(CHUNK), *dxv = buffer(CHUNK), *dps = buffer(CHUNK), *dpv = buffer(CHUNK);
    struct comparison value = {"value", 0, 0}, gradient = {"gradient", 0, 0}, param = {"parameter gradient", 0, 0};
    for (uint64_t start = 0; start < (uint64_t)1 << 32; start += CHUNK) {
        for (uint32_t i = 0; i < CHUNK; i++)
            x[i] = float_of((uint32_t)(start + i));
        make_upstream(dy, CHUNK);
        pr->scalar->forward.f32(x, ys, CHUNK, &p);
        pr->simd->forward.f32(x, yv, CHUNK, &p);
        pr->scalar->gradient.f32(x, ys, dy, dxs, prelu ? dps : NULL, CHUNK, &p);
        pr->simd->gradient.f32(x, yv, dy, dxv, prelu ? dpv : NULL, CHUNK, &p);
        for (uint32_t i = 0; i < CHUNK; i++) {
            bool two_nans = isnan(x[i]) && isnan(dy[i]);
            compare_one(&value, yv[i], ys[i], x[i], false);
            compare_one(&gradient, dxv[i], dxs[i], x[i], two_nans);
            if (prelu)
                compare_one(&param, dpv[i], dps[i], x[i], two_nans);
        }
    }
    report(pr->simd->name, "forward, all 2^32 inputs", &value);
    report(pr->simd->name, "gradient, all 2^32 inputs", &gradient);
    if (prelu)
        report(pr->simd->name, "parameter gradient, all 2^32 inputs", &param);
    free(x), free(dy), free(ys), free(yv), free(dxs), free(dxv), free(dps), free(dpv);
}

/* The split-reciprocal divisions of impls/math/piecewise.h:
 * RN(c*hi + RN(c*lo)) = RN(c/6) on every float c of [2^-97, 6] and 0
 * (hard_sigmoid_torch: every nonzero c = x + 3 is at least 2^-22), and with
 * the downward split on every float of [2^-97, FLT_MAX] and inf
 * (hardswish's p, whose sign does not matter).  Below 2^-97 the split is
 * not exact, and neither kernel takes it there. */
static void test_split_division(void)
{
    struct comparison torch = {"c/6", 0, 0}, hardswish = {"p/6", 0, 0};
    compare_one(&torch, fmaf(0.0f, 0x1.555556p-3f, 0.0f * -0x1.555556p-28f), 0.0f, 0.0f, false);
    for (uint32_t u = bits_of(0x1p-97f); u <= bits_of(INFINITY); u++) {
        volatile float v = float_of(u);
        float want = v / 6.0f;
        if (v <= 6.0f)
            compare_one(&torch, fmaf(v, 0x1.555556p-3f, v * -0x1.555556p-28f), want, v, false);
        compare_one(&hardswish, fmaf(v, 0x1.555554p-3f, v * 0x1.555556p-27f), want, v, false);
    }
    report("split division by 6 (hard_sigmoid_torch)", "on every float of [2^-97, 6] and 0", &torch);
    report("split division by 6 (hardswish)", "on every float of [2^-97, inf]", &hardswish);
}

/* ---- 16-bit kernels --------------------------------------------------------------- */

/* relu of a 16-bit encoding through the f32 scalar kernel */
static uint16_t scalar_value16(const struct actbench_kernel *scalar, enum number_format fmt, uint16_t x)
{
    float v = format_decode16(fmt, x), y;
    struct actbench_params p;
    act_params_default(activation_by_name(scalar->activation), &p);
    scalar->forward.f32(&v, &y, 1, &p);
    return format_encode16(fmt, y);
}

static uint16_t scalar_gradient16(const struct actbench_kernel *scalar, enum number_format fmt, uint16_t x,
                                  uint16_t dy)
{
    float v = format_decode16(fmt, x), g = format_decode16(fmt, dy), y, d;
    struct actbench_params p;
    act_params_default(activation_by_name(scalar->activation), &p);
    scalar->forward.f32(&v, &y, 1, &p);
    scalar->gradient.f32(&v, &y, &g, &d, NULL, 1, &p);
    return format_encode16(fmt, d);
}

static bool nan16(enum number_format fmt, uint16_t u)
{
    return isnan(format_decode16(fmt, u));
}

/* 16-bit results: the same bits, or NaN for NaN (the f32 route re-encodes
 * NaN as the format's canonical quiet NaN; the kernel keeps payloads) */
static void compare16(struct comparison *c, enum number_format fmt, uint16_t got, uint16_t want, uint16_t x)
{
    c->compared++;
    if (got == want || (nan16(fmt, got) && nan16(fmt, want) && (got & 0x8000) == (want & 0x8000)) ||
        (nan16(fmt, got) && nan16(fmt, want) && nan16(fmt, x)))
        return;
    if (c->mismatches++ < MAX_EXAMPLES)
        printf("     %s: x = 0x%04x: got 0x%04x, scalar 0x%04x\n", c->what, x, got, want);
}

static void test_kernel16(const struct actbench_kernel *k, const struct actbench_kernel *scalar, size_t lanes,
                          bool exhaustive)
{
    enum number_format fmt = (enum number_format)k->type;
    enum { ALL = 65536 };
    uint16_t *x = malloc((ALL + 64) * sizeof *x), *y = malloc((ALL + 64) * sizeof *y);
    uint16_t *dy = malloc((ALL + 64) * sizeof *dy), *dx = malloc((ALL + 64) * sizeof *dx);
    uint16_t *want = malloc(ALL * sizeof *want);
    if (!x || !y || !dy || !dx || !want)
        exit(2);
    struct actbench_params p;
    act_params_default(activation_by_name(k->activation), &p);
    struct comparison value = {"value", 0, 0}, gradient = {"gradient", 0, 0}, tails = {"tail", 0, 0},
                      inplace = {"in place", 0, 0};
    for (uint32_t i = 0; i < ALL; i++) {
        x[i] = (uint16_t)i;
        want[i] = scalar_value16(scalar, fmt, (uint16_t)i);
    }
    for (uint32_t i = ALL; i < ALL + 64; i++)
        y[i] = 0xa5a5;
    k->forward.u16(x, y, ALL, &p);
    for (uint32_t i = 0; i < ALL; i++)
        compare16(&value, fmt, y[i], want[i], x[i]);
    for (uint32_t i = ALL; i < ALL + 64; i++)
        compare16(&value, fmt, y[i], 0xa5a5, 0);
    memcpy(y, x, ALL * sizeof *y);
    k->forward.u16(y, y, ALL, &p);
    for (uint32_t i = 0; i < ALL; i++)
        compare16(&inplace, fmt, y[i], want[i], x[i]);

    /* gradients: every x against rotating dy, every dy against rotating x;
     * with --exhaustive every pair */
    uint32_t rounds = exhaustive ? ALL : 64;
    for (uint32_t r = 0; r < rounds; r++) {
        for (uint32_t i = 0; i < ALL; i++)
            dy[i] = exhaustive ? (uint16_t)r : (uint16_t)(i * 40503u + r * 2654435761u);
        k->gradient.u16(x, x, dy, dx, NULL, ALL, &p);
        for (uint32_t i = 0; i < ALL; i++)
            compare16(&gradient, fmt, dx[i], scalar_gradient16(scalar, fmt, x[i], dy[i]), x[i]);
    }

    /* lengths 0 .. 4 vectors at a few offsets, and dx over dy */
    static const size_t offsets[] = {0, 1, 7, 0x7f70, 0xfc00 - 3};
    for (size_t o = 0; o < sizeof offsets / sizeof offsets[0]; o++)
        for (size_t len = 0; len <= 4 * lanes + 3; len++) {
            const uint16_t *xs = x + offsets[o];
            for (size_t i = 0; i < len + 16; i++)
                y[i] = dx[i] = 0xa5a5;
            k->forward.u16(xs, y, len, &p);
            for (size_t i = 0; i < len; i++)
                dy[i] = (uint16_t)(random_u32() >> 16);
            k->gradient.u16(xs, y, dy, dx, NULL, len, &p);
            for (size_t i = 0; i < len; i++) {
                compare16(&tails, fmt, y[i], want[xs[i]], xs[i]);
                compare16(&tails, fmt, dx[i], scalar_gradient16(scalar, fmt, xs[i], dy[i]), xs[i]);
            }
            for (size_t i = len; i < len + 16; i++) {
                compare16(&tails, fmt, y[i], 0xa5a5, 0);
                compare16(&tails, fmt, dx[i], 0xa5a5, 0);
            }
            uint16_t dy_copy[512];
            memcpy(dy_copy, dy, len * sizeof *dy);
            k->gradient.u16(xs, y, dy, dy, NULL, len, &p);
            for (size_t i = 0; i < len; i++)
                compare16(&inplace, fmt, dy[i], scalar_gradient16(scalar, fmt, xs[i], dy_copy[i]), xs[i]);
        }
    report(k->name, exhaustive ? "forward, all 65536 encodings" : "forward, all 65536 encodings", &value);
    report(k->name, exhaustive ? "gradient, all 2^32 (x, dy)" : "gradient, every x and every dy", &gradient);
    report(k->name, "lengths 0 .. 4 vectors", &tails);
    report(k->name, "in place", &inplace);
    free(x), free(y), free(dy), free(dx), free(want);
}

/* ---- driver ------------------------------------------------------------------------- */

static const struct actbench_kernel *builtin_by_name(const char *name)
{
    for (size_t i = 0; i < builtin_kernel_count; i++)
        if (builtin_kernels[i].kernel && strcmp(builtin_kernels[i].symbol, name) == 0)
            return builtin_kernels[i].kernel;
    return NULL;
}

static bool selected(const char *name, char **names, int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return count == 0;
}

int main(int argc, char **argv)
{
    bool exhaustive = argc > 1 && strcmp(argv[1], "--exhaustive") == 0;
    char **names = argv + 1 + exhaustive;
    int name_count = argc - 1 - exhaustive;
    if (exhaustive)
        test_split_division();
    size_t tested = 0;
    for (size_t i = 0; i < builtin_kernel_count; i++) {
        const struct builtin_kernel *b = &builtin_kernels[i];
        const struct actbench_kernel *k = b->kernel;
        if (!k || b->method != METHOD_LIBM || strcmp(k->isa, "scalar") == 0 ||
            !selected(k->name, names, name_count))
            continue;
        enum activation_id act = activation_by_name(k->activation);
        char scalar_name[128];
        snprintf(scalar_name, sizeof scalar_name, "%s_f32_libm_scalar", k->activation);
        const struct actbench_kernel *scalar = builtin_by_name(scalar_name);
        check(act != ACT_COUNT && scalar != NULL, "%s: its activation has the scalar kernel %s", k->name,
              scalar_name);
        if (act == ACT_COUNT || !scalar)
            continue;
        int isa = isa_by_name(k->isa);
        if (isa < 0 || !isa_supported(isa)) {
            printf("skip: %s (this CPU lacks %s)\n", k->name, k->isa);
            continue;
        }
        size_t bits = (size_t)isa_table[isa].vector_bits;
        tested++;
        if (k->type != ACTBENCH_F32) {
            test_kernel16(k, scalar, bits / 16, exhaustive);
            continue;
        }
        struct pair pr = {.simd = k, .scalar = scalar, .activation = act, .lanes = bits / 32};
        if (exhaustive) {
            test_pair_exhaustive(&pr);
        } else {
            test_pair_sample(&pr);
            if (activation_catalog[act].shape == SHAPE_ELEMENTWISE)
                test_rare_lane(&pr);
        }
    }
    int status = check_summary("test_piecewise_simd");
    return status ? status : tested ? 0 : 77;
}
