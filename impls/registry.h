/*
 * The registry of implementations: one entry per (activation, method, ISA,
 * variant).  Adding an implementation is its file in impls/ plus one line in
 * impls/registry.inc; the harness, the tests and the reports pick it up.
 */
#ifndef ACTBENCH_REGISTRY_H
#define ACTBENCH_REGISTRY_H

#include <stddef.h>

#include "../harness/catalog.h"

/* y[0 .. activation_output_count(n)) = f(x[0 .. n)).  x and y may alias
 * (in-place) for elementwise activations and softmax. */
typedef void (*forward_fn)(const float *x, float *y, size_t n, const struct actbench_params *p);

/*
 * dx[0 .. n) = J(x)^T dy, given the forward output y (as the same
 * implementation computed it) and the upstream gradient dy (both of
 * activation_output_count(n) entries).  dparam: prelu only, per-element
 * parameter gradient (dy_i * x_i where x_i <= 0, else 0); may be NULL.
 */
typedef void (*gradient_fn)(const float *x, const float *y, const float *dy, float *dx,
                            float *dparam, size_t n, const struct actbench_params *p);

enum impl_method {
    METHOD_LIBM,    /* textbook formula over the C library's libm */
    METHOD_POLY,    /* polynomial or rational approximation */
    METHOD_TABLE,   /* table lookup plus polynomial */
    METHOD_SIMD,    /* hand-vectorised kernel */
    METHOD_LIBMVEC, /* glibc libmvec vector functions, composed */
    METHOD_SLEEF,   /* SLEEF vector functions, composed */
    METHOD_COUNT
};

enum impl_isa { ISA_SCALAR, ISA_AVX2, ISA_AVX512F, ISA_COUNT };

enum impl_flags {
    /* Known and meant to fail special values (a textbook naive formula kept
     * to show the failure, e.g. softmax without max subtraction). */
    IMPL_NAIVE = 1u << 0,
};

struct implementation {
    const char *name;             /* unique, e.g. "tanh_sleef_u35_avx512f" */
    enum activation_id activation;
    enum impl_method method;
    enum impl_isa isa;
    double value_bound_ulp;       /* declared max |error| of the value, f32 ulps */
    double gradient_bound_ulp;    /* declared max |error| of the gradient, f32 ulps */
    unsigned flags;
    forward_fn forward;
    gradient_fn gradient;
    const char *description;      /* one line: what it computes and how */
};

extern const struct implementation implementation_registry[];
extern const size_t implementation_count;

const char *impl_method_name(enum impl_method m);
const char *impl_isa_name(enum impl_isa isa);

/* Whether this CPU (cpuid + xgetbv, via __builtin_cpu_supports) can run the ISA. */
int isa_supported(enum impl_isa isa);

/*
 * Declared bound for a 16-bit format, derived from the f32 bound: the f32
 * result rounded to nearest-even adds at most half an ulp of the format,
 * and an f32 error of b ulps is b * 2^(p - 24) ulps of a p-bit format.
 */
double impl_bound_for_format(double f32_bound, enum number_format fmt);

#endif
