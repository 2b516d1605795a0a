/*
 * The loops of an elementwise kernel, written once over the SIMD layer
 * (include one ISA's impls/simd/f32-*.h first): a main loop of
 * ELEMENTWISE_UNROLL vectors, a loop of single vectors, and the last
 * n mod VF32_LANES elements through a masked load and store that touch
 * nothing past n.  Each output element depends on its own input only and
 * every vector is loaded before its result is stored, so y may be x.
 *
 * A kernel gives two functions:
 *   f(x, context, &special)  the fast path for every lane, and the lanes it
 *                            does not cover (NaN, infinities, the ranges
 *                            where over- or underflow needs care)
 *   special_case(x, y, special)  the right result for those lanes, every
 *                            other lane of y unchanged; called only when a
 *                            lane is special, off the hot path, like the
 *                            special_case() of ARM's optimized-routines
 * The main loop tests the special lanes of its four vectors at once (one
 * branch per iteration).  The drivers are always inlined, so the function
 * pointers are constants that the compiler inlines in turn; the context
 * holds what the kernel keeps in registers (its tables).
 */
#ifndef ACTBENCH_MATH_ELEMENTWISE_H
#define ACTBENCH_MATH_ELEMENTWISE_H

#include <stddef.h>

/* vectors per iteration of the main loop: four independent chains keep
 * the FMA pipes busy through the polynomials' latency */
#define ELEMENTWISE_UNROLL 4

typedef vf32 (*elementwise_fn)(vf32 x, const void *context, vmask32 *special);
typedef vf32 (*elementwise_special_fn)(vf32 x, vf32 y, vmask32 special);
/* for kernels whose special case needs the context too (a parameter of the
 * activation, such as elu's a, that the rare lanes' result depends on) */
typedef vf32 (*elementwise_special_context_fn)(vf32 x, vf32 y, vmask32 special, const void *context);

/*
 * The one mechanism under every loop below: f on one vector, its rare lanes
 * patched by special_case(x, y, special) or, when that is NULL,
 * special_case_context(x, y, special, context).  The loops are inlined with
 * constant function pointers, so the NULL test costs nothing.
 */
__attribute__((always_inline)) static inline vf32
elementwise_patch(vf32 x, vf32 y, vmask32 special, elementwise_special_fn special_case,
                  elementwise_special_context_fn special_case_context, const void *context)
{
    return special_case ? special_case(x, y, special) : special_case_context(x, y, special, context);
}

__attribute__((always_inline)) static inline vf32
elementwise_one_either(vf32 x, elementwise_fn f, elementwise_special_fn special_case,
                       elementwise_special_context_fn special_case_context, const void *context)
{
    vmask32 special;
    vf32 y = f(x, context, &special);
    if (vmask32_any(special))
        y = elementwise_patch(x, y, special, special_case, special_case_context, context);
    return y;
}

/* f on the ELEMENTWISE_UNROLL vectors at x into y[], one branch for the
 * common case that no lane is rare */
__attribute__((always_inline)) static inline void
elementwise_four(const float *x, vf32 y[ELEMENTWISE_UNROLL], elementwise_fn f,
                 elementwise_special_fn special_case,
                 elementwise_special_context_fn special_case_context, const void *context)
{
    vf32 xa = vf32_load(x);
    vf32 xb = vf32_load(x + VF32_LANES);
    vf32 xc = vf32_load(x + 2 * VF32_LANES);
    vf32 xd = vf32_load(x + 3 * VF32_LANES);
    vmask32 sa, sb, sc, sd;
    vf32 a = f(xa, context, &sa);
    vf32 b = f(xb, context, &sb);
    vf32 c = f(xc, context, &sc);
    vf32 d = f(xd, context, &sd);
    if (vmask32_any(vmask32_or(vmask32_or(sa, sb), vmask32_or(sc, sd)))) {
        if (vmask32_any(sa))
            a = elementwise_patch(xa, a, sa, special_case, special_case_context, context);
        if (vmask32_any(sb))
            b = elementwise_patch(xb, b, sb, special_case, special_case_context, context);
        if (vmask32_any(sc))
            c = elementwise_patch(xc, c, sc, special_case, special_case_context, context);
        if (vmask32_any(sd))
            d = elementwise_patch(xd, d, sd, special_case, special_case_context, context);
    }
    y[0] = a;
    y[1] = b;
    y[2] = c;
    y[3] = d;
}

/* The loops' ends, from element i on: single vectors, then the last
 * n mod VF32_LANES elements through a masked load and store.  y = f(x): */
__attribute__((always_inline)) static inline void
elementwise_forward_rest(size_t i, const float *x, float *y, size_t n, elementwise_fn f,
                         elementwise_special_fn special_case,
                         elementwise_special_context_fn special_case_context, const void *context)
{
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vf32_store(y + i, elementwise_one_either(vf32_load(x + i), f, special_case,
                                                 special_case_context, context));
    if (i < n)
        vf32_store_tail(y + i,
                        elementwise_one_either(vf32_load_tail(x + i, n - i), f, special_case,
                                               special_case_context, context),
                        n - i);
}

/* ... and dx = f'(x) * dy */
__attribute__((always_inline)) static inline void
elementwise_gradient_rest(size_t i, const float *x, const float *dy, float *dx, size_t n,
                          elementwise_fn derivative, elementwise_special_fn special_case,
                          elementwise_special_context_fn special_case_context, const void *context)
{
    for (; i + VF32_LANES <= n; i += VF32_LANES) {
        vf32 g = elementwise_one_either(vf32_load(x + i), derivative, special_case,
                                        special_case_context, context);
        vf32_store(dx + i, vf32_mul(g, vf32_load(dy + i)));
    }
    if (i < n) {
        size_t rest = n - i;
        vf32 g = elementwise_one_either(vf32_load_tail(x + i, rest), derivative, special_case,
                                        special_case_context, context);
        vf32_store_tail(dx + i, vf32_mul(g, vf32_load_tail(dy + i, rest)), rest);
    }
}

/* y = f(x) */
__attribute__((always_inline)) static inline void
elementwise_forward_either(const float *x, float *y, size_t n, elementwise_fn f,
                           elementwise_special_fn special_case,
                           elementwise_special_context_fn special_case_context, const void *context)
{
    size_t i = 0;
    for (; i + ELEMENTWISE_UNROLL * VF32_LANES <= n; i += ELEMENTWISE_UNROLL * VF32_LANES) {
        vf32 v[ELEMENTWISE_UNROLL];
        elementwise_four(x + i, v, f, special_case, special_case_context, context);
        for (int k = 0; k < ELEMENTWISE_UNROLL; k++)
            vf32_store(y + i + k * VF32_LANES, v[k]);
    }
    elementwise_forward_rest(i, x, y, n, f, special_case, special_case_context, context);
}

/* dx = f'(x) * dy (dx may be x or dy) */
__attribute__((always_inline)) static inline void
elementwise_gradient_either(const float *x, const float *dy, float *dx, size_t n,
                            elementwise_fn derivative, elementwise_special_fn special_case,
                            elementwise_special_context_fn special_case_context, const void *context)
{
    size_t i = 0;
    for (; i + ELEMENTWISE_UNROLL * VF32_LANES <= n; i += ELEMENTWISE_UNROLL * VF32_LANES) {
        vf32 g[ELEMENTWISE_UNROLL];
        elementwise_four(x + i, g, derivative, special_case, special_case_context, context);
        for (int k = 0; k < ELEMENTWISE_UNROLL; k++)
            vf32_store(dx + i + k * VF32_LANES, vf32_mul(g[k], vf32_load(dy + i + k * VF32_LANES)));
    }
    elementwise_gradient_rest(i, x, dy, dx, n, derivative, special_case, special_case_context,
                              context);
}

/* The entry points the kernels call: special_case(x, y, special) ... */
__attribute__((always_inline)) static inline vf32
elementwise_one(vf32 x, elementwise_fn f, elementwise_special_fn special_case, const void *context)
{
    return elementwise_one_either(x, f, special_case, NULL, context);
}

__attribute__((always_inline)) static inline void
elementwise_forward(const float *x, float *y, size_t n, elementwise_fn f,
                    elementwise_special_fn special_case, const void *context)
{
    elementwise_forward_either(x, y, n, f, special_case, NULL, context);
}

__attribute__((always_inline)) static inline void
elementwise_gradient(const float *x, const float *dy, float *dx, size_t n, elementwise_fn derivative,
                     elementwise_special_fn special_case, const void *context)
{
    elementwise_gradient_either(x, dy, dx, n, derivative, special_case, NULL, context);
}

/* ... or special_case(x, y, special, context) */
__attribute__((always_inline)) static inline vf32
elementwise_one_context(vf32 x, elementwise_fn f, elementwise_special_context_fn special_case,
                        const void *context)
{
    return elementwise_one_either(x, f, NULL, special_case, context);
}

__attribute__((always_inline)) static inline void
elementwise_forward_context(const float *x, float *y, size_t n, elementwise_fn f,
                            elementwise_special_context_fn special_case, const void *context)
{
    elementwise_forward_either(x, y, n, f, NULL, special_case, context);
}

__attribute__((always_inline)) static inline void
elementwise_gradient_context(const float *x, const float *dy, float *dx, size_t n,
                             elementwise_fn derivative, elementwise_special_context_fn special_case,
                             const void *context)
{
    elementwise_gradient_either(x, dy, dx, n, derivative, NULL, special_case, context);
}

#endif
