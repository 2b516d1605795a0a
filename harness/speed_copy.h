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
 *
 * Where the CPU runs AVX-512F, both also come with 512-bit moves
 * (copy_avx512f, copy2_avx512f): an AVX-512 kernel moves 64 bytes per load
 * and store, so its ratios to copy divide by the copy of its own width
 * (harness/speed_rows.c); every other row divides by the 256-bit copy.
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
/* Whether this CPU and OS run the 512-bit copies (AVX-512F). */
int speed_copy512_available(void);
/* The same three with 512-bit moves; call only when available. */
void speed_copy512_forward(const float *x, float *y, size_t n, const struct actbench_params *p);
void speed_copy512_gradient(const float *x, const float *y, const float *dy, float *dx,
                            float *dparam, size_t n, const struct actbench_params *p);
void speed_copy2_512_gradient(const float *x, const float *y, const float *dy, float *dx,
                              float *dparam, size_t n, const struct actbench_params *p);
/* The ISA of its moves: "avx" or "sse2". */
const char *speed_copy_isa_name(void);

#endif
