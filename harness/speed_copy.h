/*
 * The copy kernel every speed figure is divided by: a float copy loop of
 * unaligned 256-bit AVX moves, or 128-bit SSE2 moves where the CPU lacks
 * AVX.  Its signatures are the f32 kernel contract's, so the driver times
 * it exactly as it times an implementation.
 *
 * Beside it, for the gradient mode, the two-input copy (copy2): a gradient
 * reads two arrays (x and dy) and writes one, where the copy reads one, so
 * a gradient at the speed of its memory traffic is copy2's speed, not
 * copy's.  copy2 writes dx = x | dy, bit for bit (vorps): one operation per
 * vector that any vector pipe takes and no compiler can fold, so its loop
 * is bound by the loads and stores, as the copy's is.
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
/* The two-input copy: dx[i] = bits(x[i]) | bits(dy[i]) for i in [0, n). */
void speed_copy2_gradient(const float *x, const float *y, const float *dy, float *dx,
                          float *dparam, size_t n, const struct actbench_params *p);
/* The ISA of its moves: "avx" or "sse2". */
const char *speed_copy_isa_name(void);

#endif
