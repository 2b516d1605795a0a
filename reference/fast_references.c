/*
 * The fast references of the catalog's activations: each ISA's entry
 * point (reference/fast_<isa>.c; weak, so an ISA the build left out reads
 * NULL), the error assumption and the method in one line.
 */
#include "fast_reference.h"


size_t fast_classify_f32_scalar(const struct fast_quantity *q, size_t n, struct fast_points *out)
    __attribute__((weak));
size_t fast_classify_f32_avx2(const struct fast_quantity *q, size_t n, struct fast_points *out)
    __attribute__((weak));
size_t fast_classify_f32_avx512f(const struct fast_quantity *q, size_t n, struct fast_points *out)
    __attribute__((weak));

fast_classify_function *const fast_classify_f32[FAST_ISA_COUNT] = {
    fast_classify_f32_scalar, fast_classify_f32_avx2, fast_classify_f32_avx512f};

fast_function fast_tanh_scalar __attribute__((weak));
fast_function fast_tanh_avx2 __attribute__((weak));
fast_function fast_tanh_avx512f __attribute__((weak));

const struct fast_reference fast_tanh = {
    .evaluate = {fast_tanh_scalar, fast_tanh_avx2, fast_tanh_avx512f},
    .epsilon = FAST_LIBM_EPSILON,
    .method = "t + t^3 P(t^2) below 2^-4, -m/(2+m) with m = expm1(-2t) to 0.55, 1 - 2E/(1+E) "
              "with E = exp(-2t) above; sech^2 = 1 - tanh^2 or 4E/(1+E)^2",
};
