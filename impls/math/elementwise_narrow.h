/*
 * The loops of impls/math/elementwise.h with a main loop of two vectors,
 * or of one, instead of four: for kernels whose fast path keeps many
 * values live.  With four vectors per iteration the compiler runs out of
 * registers (sixteen ymm on AVX2) and, since the special case is a call
 * that clobbers every vector register, keeps the four results and the
 * constants in memory around the rare branch: it spills and reloads them
 * on every iteration.  Each kernel that uses these loops says in its head
 * comment what it measured against the four-vector loop.
 * Same contract as elementwise.h: the kernel's f(x, context, &special)
 * and special_case(x, y, special), one branch per iteration for the
 * common case that no lane is rare, the last n mod VF32_LANES elements
 * through a masked load and store that touch nothing past n, and every
 * vector loaded before its result is stored, so y may be x (and dx may be
 * x or dy).
 */
#ifndef ACTBENCH_MATH_ELEMENTWISE_NARROW_H
#define ACTBENCH_MATH_ELEMENTWISE_NARROW_H

#include "elementwise.h"

/* f on the two vectors at x into y[0], y[1] */
__attribute__((always_inline)) static inline void
elementwise_two(const float *x, vf32 y[2], elementwise_fn f, elementwise_special_fn special_case,
                const void *context)
{
    vf32 xa = vf32_load(x);
    vf32 xb = vf32_load(x + VF32_LANES);
    vmask32 sa, sb;
    vf32 a = f(xa, context, &sa);
    vf32 b = f(xb, context, &sb);
    if (vmask32_any(vmask32_or(sa, sb))) {
        if (vmask32_any(sa))
            a = special_case(xa, a, sa);
        if (vmask32_any(sb))
            b = special_case(xb, b, sb);
    }
    y[0] = a;
    y[1] = b;
}

/* y = f(x), one vector per iteration */
__attribute__((always_inline)) static inline void
elementwise_single_forward(const float *x, float *y, size_t n, elementwise_fn f,
                           elementwise_special_fn special_case, const void *context)
{
    elementwise_forward_rest(0, x, y, n, f, special_case, NULL, context);
}

/* dx = f'(x) * dy, one vector per iteration */
__attribute__((always_inline)) static inline void
elementwise_single_gradient(const float *x, const float *dy, float *dx, size_t n, elementwise_fn derivative,
                            elementwise_special_fn special_case, const void *context)
{
    elementwise_gradient_rest(0, x, dy, dx, n, derivative, special_case, NULL, context);
}

/* y = f(x), two vectors per iteration */
__attribute__((always_inline)) static inline void
elementwise_two_forward(const float *x, float *y, size_t n, elementwise_fn f,
                        elementwise_special_fn special_case, const void *context)
{
    size_t i = 0;
    for (; i + 2 * VF32_LANES <= n; i += 2 * VF32_LANES) {
        vf32 v[2];
        elementwise_two(x + i, v, f, special_case, context);
        vf32_store(y + i, v[0]);
        vf32_store(y + i + VF32_LANES, v[1]);
    }
    elementwise_forward_rest(i, x, y, n, f, special_case, NULL, context);
}

/* dx = f'(x) * dy, two vectors per iteration */
__attribute__((always_inline)) static inline void
elementwise_two_gradient(const float *x, const float *dy, float *dx, size_t n, elementwise_fn derivative,
                         elementwise_special_fn special_case, const void *context)
{
    size_t i = 0;
    for (; i + 2 * VF32_LANES <= n; i += 2 * VF32_LANES) {
        vf32 g[2];
        elementwise_two(x + i, g, derivative, special_case, context);
        vf32_store(dx + i, vf32_mul(g[0], vf32_load(dy + i)));
        vf32_store(dx + i + VF32_LANES, vf32_mul(g[1], vf32_load(dy + i + VF32_LANES)));
    }
    elementwise_gradient_rest(i, x, dy, dx, n, derivative, special_case, NULL, context);
}

#endif
