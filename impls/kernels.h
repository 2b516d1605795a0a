/*
 * Prototypes of every implementation's kernels, declared from the registry's
 * own list (registry.inc), and of the few helpers implementation files
 * share.  Each implementation file includes it, so a kernel whose signature
 * drifts from the registry's fails to compile.
 */
#ifndef ACTBENCH_KERNELS_H
#define ACTBENCH_KERNELS_H

#include <stddef.h>

#include "registry.h"

/* A build that leaves out the peer files defines neither (or defines 0). */
#ifndef ACTBENCH_HAVE_AVX2_BUILD
#define ACTBENCH_HAVE_AVX2_BUILD 0
#endif
#ifndef ACTBENCH_HAVE_AVX512F_BUILD
#define ACTBENCH_HAVE_AVX512F_BUILD 0
#endif

#define IMPLEMENTATION(name, activation, method, isa, value_bound, gradient_bound, flags, \
                       forward, gradient, description)                                    \
    void forward(const float *x, float *y, size_t n, const struct actbench_params *p);          \
    void gradient(const float *x, const float *y, const float *dy, float *dx,              \
                  float *dparam, size_t n, const struct actbench_params *p);
#include "registry.inc"
#undef IMPLEMENTATION

/* softmax_libm.c: one row that holds +inf (the +inf entries share 1, the
 * rest are 0), for the scalar and the peer softmax kernels alike. */
void softmax_libm_row_with_infinity(const float *x, float *y, size_t row);

#endif
