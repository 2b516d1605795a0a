/*
 * Elementwise loops over the f32 SIMD layer: include one ISA's header of
 * impls/simd/ first.  An elementwise kernel is a per-vector value function
 * (and derivative) mapped over the buffer: full vectors, then the last
 * n mod VF32_LANES elements through the layer's tail load and store, which
 * touch nothing past n.  The loops are inlined into each kernel with its
 * value function, so the function pointer costs no call.
 */
#ifndef ACTBENCH_SIMD_F32_MAP_H
#define ACTBENCH_SIMD_F32_MAP_H

#include <stddef.h>

#include "../../include/actbench/kernel.h"

/* f(x) per vector */
typedef vf32 (*vf32_value_fn)(vf32 x, const struct actbench_params *p);
/* f'(x) per vector, given the forward output y */
typedef vf32 (*vf32_derivative_fn)(vf32 x, vf32 y, const struct actbench_params *p);

/* y = f(x) */
static inline __attribute__((always_inline)) void
vf32_map_forward(const float *x, float *y, size_t n, const struct actbench_params *p,
                 vf32_value_fn value)
{
    size_t i = 0;
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vf32_store(y + i, value(vf32_load(x + i), p));
    if (i < n) {
        size_t rest = n - i;
        vf32_store_tail(y + i, value(vf32_load_tail(x + i, rest), p), rest);
    }
}

/* dx = f'(x) * dy */
static inline __attribute__((always_inline)) void
vf32_map_gradient(const float *x, const float *y, const float *dy, float *dx, size_t n,
                  const struct actbench_params *p, vf32_derivative_fn derivative)
{
    size_t i = 0;
    for (; i + VF32_LANES <= n; i += VF32_LANES) {
        vf32 d = derivative(vf32_load(x + i), vf32_load(y + i), p);
        vf32_store(dx + i, vf32_mul(d, vf32_load(dy + i)));
    }
    if (i < n) {
        size_t rest = n - i;
        vf32 d = derivative(vf32_load_tail(x + i, rest), vf32_load_tail(y + i, rest), p);
        vf32_store_tail(dx + i, vf32_mul(d, vf32_load_tail(dy + i, rest)), rest);
    }
}

#endif
