/*
 * The copy kernel every speed figure is divided by: a float copy loop of
 * unaligned 256-bit AVX moves, or 128-bit SSE2 moves where the CPU lacks
 * AVX.  Its signatures are the f32 kernel contract's, so the driver times
 * it exactly as it times an implementation.
 */
#ifndef ACTBENCH_SPEED_COPY_H
#define ACTBENCH_SPEED_COPY_H

#include <stddef.h>

#include "../include/actbench/kernel.h"

/* y[0 .. n) = x[0 .. n). */
void speed_copy_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
/* The gradient-mode copy: dx[0 .. n) = dy[0 .. n), as many elements as a
 * gradient moves. */
void speed_copy_gradient(const float *x, const float *y, const float *dy, float *dx,
                         float *dparam, size_t n, const struct actbench_params *p);
/* The ISA of its moves: "avx" or "sse2". */
const char *speed_copy_isa_name(void);

#endif
