/*
 * XNNPACK's operators as peers (impls/peers/xnnpack.c): sigmoid, elu,
 * leaky_relu, hardswish, prelu, clamp (as relu) and softmax, f32 (and f16
 * for clamp as relu, leaky_relu, hardswish and prelu), forward only, one thread
 * (no pthreadpool).  A kernel file names its operation in
 * a constant struct xnnpack_op and calls xnnpack_forward; the operator is
 * created on a thread's first call for its parameters and set up again only
 * when n or the arrays change.  Without XNNPACK at build time the function
 * writes NaN; the harness skips the xnnpack rows (skipped_library) before
 * anything calls it.
 */
#ifndef ACTBENCH_PEERS_XNNPACK_H
#define ACTBENCH_PEERS_XNNPACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../../include/actbench/kernel.h"

enum xnnpack_kind {
    XNNPACK_SIGMOID,    /* xnn_create_sigmoid_nc_f32 */
    XNNPACK_ELU,        /* xnn_create_elu_nc_f32, alpha */
    XNNPACK_LEAKY_RELU, /* xnn_create_leaky_relu_nc_f32, negative_slope = alpha */
    XNNPACK_HARDSWISH,  /* xnn_create_hardswish_nc_f32 */
    XNNPACK_PRELU,      /* xnn_create_prelu_nc_f32, channels and their slopes */
    XNNPACK_RELU,       /* xnn_create_clamp_nc_f32, [0, +inf] */
    XNNPACK_SOFTMAX,    /* xnn_create_softmax_nc_f32, channels = row_length */
    XNNPACK_KIND_COUNT
};

struct xnnpack_op {
    enum xnnpack_kind kind;
    /* f16 data, the _nc_f16 operator (relu as clamp, leaky_relu,
     * hardswish and prelu, whose f32 slopes XNNPACK rounds to f16 when it
     * packs them); f32 when false */
    bool f16;
};

/* y[0 .. n) from x[0 .. n) with the parameters the kind reads from p. */
void xnnpack_forward(const struct xnnpack_op *op, const float *x, float *y, size_t n,
                     const struct actbench_params *p);

/* The same on f16 encodings (op->f16). */
void xnnpack_forward_u16(const struct xnnpack_op *op, const uint16_t *x, uint16_t *y, size_t n,
                         const struct actbench_params *p);

#endif
