/*
 * The loops of a correctly rounded 16-bit elementwise kernel (bf16, f16),
 * written once over the SIMD layer: include one ISA's impls/simd/f32-*.h,
 * then its 16-bit header (impls/simd/bf16-*.h or f16-*.h) first.  A main
 * loop of ELEMENTWISE16_UNROLL vectors, a loop of single vectors, and the
 * last n mod VF32_LANES elements through the layer's tail load and store,
 * which touch nothing past n.  Each vector is loaded before its result is
 * stored, so y may be x (and dx may be x or dy).
 *
 * Forward, Ziv's strategy: a kernel gives
 *   f(x, context, &special)   a float result within k floats of the exact
 *                             value in every lane it does not mark special
 *                             (NaN, infinities, ranges it does not cover)
 *   k                         that bound, in floats (a constant)
 *   special_case(x, h, lanes) the correctly rounded encodings of the given
 *                             lanes, every other lane of h unchanged; called
 *                             only when a lane needs it, off the hot path
 * The loop narrows f's result with vh16_from_f32_checked(y, k): the lanes
 * it does not flag are correctly rounded (no value within k floats of y
 * rounds differently, so the exact one does not), and the flagged lanes
 * (a midpoint of the format within reach of the error) join the special
 * ones.  The main loop tests the lanes of its four vectors at once: one
 * branch per iteration; it stores the four results first and stores a
 * flagged vector again once recomputed, so that nothing stays live across
 * the rare calls.  elementwise16_forward_narrowed takes the rounding test
 * as an argument (vh16_from_f32_checked_normal for the kernels whose
 * results below 2^-14 are f16 values, on f16's AVX-512 layer).
 *
 * Gradient: dx = f'(x) * dy in float, rounded once to the format (the
 * bound of a 16-bit gradient is 1 ulp of the format, which a float
 * derivative within a few float ulps meets with room to spare);
 * derivative and special_case as in impls/math/elementwise.h.
 */
#ifndef ACTBENCH_MATH_ELEMENTWISE16_H
#define ACTBENCH_MATH_ELEMENTWISE16_H

#include <stddef.h>
#include <stdint.h>

#define ELEMENTWISE16_UNROLL 4

typedef vf32 (*elementwise16_fn)(vf32 x, const void *context, vmask32 *special);
typedef vh16 (*elementwise16_special_fn)(vf32 x, vh16 h, vmask32 lanes);
typedef vf32 (*elementwise16_derivative_special_fn)(vf32 x, vf32 g, vmask32 special);
typedef vh16 (*elementwise16_narrow_fn)(vf32 v, int k, vmask32 *ambiguous);

__attribute__((always_inline)) static inline vh16
elementwise16_one(vf32 x, elementwise16_fn f, int k, elementwise16_special_fn special_case, const void *context,
                  elementwise16_narrow_fn narrow)
{
    vmask32 special, ambiguous;
    vh16 h = narrow(f(x, context, &special), k, &ambiguous);
    vmask32 lanes = vmask32_or(special, ambiguous);
    if (vmask32_any(lanes))
        h = special_case(x, h, lanes);
    return h;
}

/* y = f(x), correctly rounded, narrowed by the given rounding test
 * (vh16_from_f32_checked or a layer's cheaper form for the kernels it
 * holds for) */
__attribute__((always_inline)) static inline void
elementwise16_forward_narrowed(const uint16_t *x, uint16_t *y, size_t n, elementwise16_fn f, int k,
                               elementwise16_special_fn special_case, const void *context,
                               elementwise16_narrow_fn narrow)
{
    size_t i = 0;
    for (; i + ELEMENTWISE16_UNROLL * VF32_LANES <= n; i += ELEMENTWISE16_UNROLL * VF32_LANES) {
        vf32 xa = vh16_load_f32(x + i);
        vf32 xb = vh16_load_f32(x + i + VF32_LANES);
        vf32 xc = vh16_load_f32(x + i + 2 * VF32_LANES);
        vf32 xd = vh16_load_f32(x + i + 3 * VF32_LANES);
        vmask32 sa, sb, sc, sd, aa, ab, ac, ad;
        vh16 a = narrow(f(xa, context, &sa), k, &aa);
        vh16 b = narrow(f(xb, context, &sb), k, &ab);
        vh16 c = narrow(f(xc, context, &sc), k, &ac);
        vh16 d = narrow(f(xd, context, &sd), k, &ad);
        sa = vmask32_or(sa, aa);
        sb = vmask32_or(sb, ab);
        sc = vmask32_or(sc, ac);
        sd = vmask32_or(sd, ad);
        /* stored at once (x is in registers), the flagged vectors stored
         * again: nothing is kept live across the rare calls */
        vh16_store(y + i, a);
        vh16_store(y + i + VF32_LANES, b);
        vh16_store(y + i + 2 * VF32_LANES, c);
        vh16_store(y + i + 3 * VF32_LANES, d);
        if (vmask32_any(vmask32_or(vmask32_or(sa, sb), vmask32_or(sc, sd)))) {
            if (vmask32_any(sa))
                vh16_store(y + i, special_case(xa, a, sa));
            if (vmask32_any(sb))
                vh16_store(y + i + VF32_LANES, special_case(xb, b, sb));
            if (vmask32_any(sc))
                vh16_store(y + i + 2 * VF32_LANES, special_case(xc, c, sc));
            if (vmask32_any(sd))
                vh16_store(y + i + 3 * VF32_LANES, special_case(xd, d, sd));
        }
    }
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vh16_store(y + i, elementwise16_one(vh16_load_f32(x + i), f, k, special_case, context, narrow));
    if (i < n)
        vh16_store_tail(y + i, elementwise16_one(vh16_load_f32_tail(x + i, n - i), f, k, special_case, context, narrow),
                        n - i);
}

/* y = f(x), correctly rounded, by the layer's vh16_from_f32_checked */
__attribute__((always_inline)) static inline void
elementwise16_forward(const uint16_t *x, uint16_t *y, size_t n, elementwise16_fn f, int k,
                      elementwise16_special_fn special_case, const void *context)
{
    elementwise16_forward_narrowed(x, y, n, f, k, special_case, context, vh16_from_f32_checked);
}

__attribute__((always_inline)) static inline vf32
elementwise16_derivative_one(vf32 x, elementwise16_fn derivative, elementwise16_derivative_special_fn special_case,
                             const void *context)
{
    vmask32 special;
    vf32 g = derivative(x, context, &special);
    if (vmask32_any(special))
        g = special_case(x, g, special);
    return g;
}

/* dx = f'(x) * dy */
__attribute__((always_inline)) static inline void
elementwise16_gradient(const uint16_t *x, const uint16_t *dy, uint16_t *dx, size_t n, elementwise16_fn derivative,
                       elementwise16_derivative_special_fn special_case, const void *context)
{
    size_t i = 0;
    for (; i + ELEMENTWISE16_UNROLL * VF32_LANES <= n; i += ELEMENTWISE16_UNROLL * VF32_LANES) {
        vf32 xa = vh16_load_f32(x + i);
        vf32 xb = vh16_load_f32(x + i + VF32_LANES);
        vf32 xc = vh16_load_f32(x + i + 2 * VF32_LANES);
        vf32 xd = vh16_load_f32(x + i + 3 * VF32_LANES);
        vmask32 sa, sb, sc, sd;
        vf32 a = derivative(xa, context, &sa);
        vf32 b = derivative(xb, context, &sb);
        vf32 c = derivative(xc, context, &sc);
        vf32 d = derivative(xd, context, &sd);
        if (vmask32_any(vmask32_or(vmask32_or(sa, sb), vmask32_or(sc, sd)))) {
            if (vmask32_any(sa))
                a = special_case(xa, a, sa);
            if (vmask32_any(sb))
                b = special_case(xb, b, sb);
            if (vmask32_any(sc))
                c = special_case(xc, c, sc);
            if (vmask32_any(sd))
                d = special_case(xd, d, sd);
        }
        vh16_store_f32(dx + i, vf32_mul(a, vh16_load_f32(dy + i)));
        vh16_store_f32(dx + i + VF32_LANES, vf32_mul(b, vh16_load_f32(dy + i + VF32_LANES)));
        vh16_store_f32(dx + i + 2 * VF32_LANES, vf32_mul(c, vh16_load_f32(dy + i + 2 * VF32_LANES)));
        vh16_store_f32(dx + i + 3 * VF32_LANES, vf32_mul(d, vh16_load_f32(dy + i + 3 * VF32_LANES)));
    }
    for (; i + VF32_LANES <= n; i += VF32_LANES) {
        vf32 g = elementwise16_derivative_one(vh16_load_f32(x + i), derivative, special_case, context);
        vh16_store_f32(dx + i, vf32_mul(g, vh16_load_f32(dy + i)));
    }
    if (i < n) {
        size_t rest = n - i;
        vf32 g = elementwise16_derivative_one(vh16_load_f32_tail(x + i, rest), derivative, special_case, context);
        vh16_store_f32_tail(dx + i, vf32_mul(g, vh16_load_f32_tail(dy + i, rest)), rest);
    }
}

#endif
