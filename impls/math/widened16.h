/*
 * The loops of a 16-bit kernel composed of an f32 kernel and the two
 * conversions (bf16 or f16 encodings in memory): widen a block of
 * WIDENED16_BLOCK encodings into a float buffer on the stack (L1), run the
 * f32 kernel on it, narrow its results to the format (nearest even), the
 * next block.  This is what a framework runs when it has only an f32
 * kernel; the kernels built on it (impls/<activation>/
 * <activation>_<type>_<method>_widened_<isa>.c) are the measured
 * comparison for the native 16-bit kernels of the same ISA.  Include one
 * ISA's impls/simd/f32-*.h and its 16-bit header first.  The result is the
 * f32 kernel's float rounded a second time, so it is not correctly rounded
 * where the float lies near a midpoint of the format; its bounds are the
 * f32 kernel's, carried to the format: 0.5 + b * 2^(p - 24) ulp.
 *
 * y may be x (a block is read before its results are written), dx may be
 * x or dy.  The gradient passes no y to the f32 kernel: the f32 kernels
 * composed here (sigmoid, silu, gelu, tanh, gelu_tanh, relu) do not read it.
 */
#ifndef ACTBENCH_MATH_WIDENED16_H
#define ACTBENCH_MATH_WIDENED16_H

#include <stddef.h>
#include <stdint.h>

#include "../../include/actbench/kernel.h"

/* elements per block: three float buffers of 1 KiB */
#define WIDENED16_BLOCK 256

typedef void (*widened16_forward_fn)(const float *x, float *y, size_t n, const struct actbench_params *p);
typedef void (*widened16_gradient_fn)(const float *x, const float *y, const float *dy, float *dx, float *dparam,
                                      size_t n, const struct actbench_params *p);

/* n <= WIDENED16_BLOCK encodings to floats and back; the tails touch
 * elements below n only */
static inline void widened16_widen(const uint16_t *h, float *f, size_t n)
{
    size_t i = 0;
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vf32_store(f + i, vh16_load_f32(h + i));
    if (i < n)
        vf32_store_tail(f + i, vh16_load_f32_tail(h + i, n - i), n - i);
}

static inline void widened16_narrow(const float *f, uint16_t *h, size_t n)
{
    size_t i = 0;
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vh16_store_f32(h + i, vf32_load(f + i));
    if (i < n)
        vh16_store_f32_tail(h + i, vf32_load_tail(f + i, n - i), n - i);
}

static inline __attribute__((always_inline)) void widened16_forward(const uint16_t *x, uint16_t *y, size_t n,
                                                                    const struct actbench_params *p,
                                                                    widened16_forward_fn f)
{
    float buffer[WIDENED16_BLOCK];
    for (size_t i = 0; i < n; i += WIDENED16_BLOCK) {
        size_t m = n - i < WIDENED16_BLOCK ? n - i : WIDENED16_BLOCK;
        widened16_widen(x + i, buffer, m);
        f(buffer, buffer, m, p);
        widened16_narrow(buffer, y + i, m);
    }
}

static inline __attribute__((always_inline)) void widened16_gradient(const uint16_t *x, const uint16_t *dy,
                                                                     uint16_t *dx, size_t n,
                                                                     const struct actbench_params *p,
                                                                     widened16_gradient_fn g)
{
    float bx[WIDENED16_BLOCK], bdy[WIDENED16_BLOCK], bdx[WIDENED16_BLOCK];
    for (size_t i = 0; i < n; i += WIDENED16_BLOCK) {
        size_t m = n - i < WIDENED16_BLOCK ? n - i : WIDENED16_BLOCK;
        widened16_widen(x + i, bx, m);
        widened16_widen(dy + i, bdy, m);
        g(bx, NULL, bdy, bdx, NULL, m, p);
        widened16_narrow(bdx, dx + i, m);
    }
}

#endif
