/*
 * The built-in kernels: one line each in impls/registry.inc naming the
 * kernel's descriptor (const struct actbench_kernel <name>, defined in
 * impls/<activation>/<name>.c) and what only the built-in ones declare:
 * the method, the tier, flags and where the bounds come from.  The harness
 * resolves and validates them exactly as it does kernels loaded from a
 * library (harness/implementations.c).
 */
#ifndef ACTBENCH_REGISTRY_H
#define ACTBENCH_REGISTRY_H

#include <stddef.h>

#include "../include/actbench/kernel.h"

/* The algorithm.  Vectorisation is the ISA's business: a poly kernel is
 * poly on every ISA. */
enum impl_method {
    METHOD_LIBM,     /* the textbook formula over the C library's libm */
    METHOD_POLY,     /* minimax polynomial or rational approximation */
    METHOD_TABLE,    /* table-driven: a table plus a short polynomial */
    METHOD_LIBMVEC,  /* glibc libmvec's vector functions, composed */
    METHOD_SLEEF,    /* SLEEF's vector functions, composed */
    METHOD_ONEDNN,   /* oneDNN's eltwise primitives (libdnnl) */
    METHOD_XNNPACK,  /* XNNPACK's operators */
    METHOD_EIGEN,    /* Eigen's Array functions, through a C++ shim per ISA */
    METHOD_HIGHWAY,  /* Highway's hwy/contrib/math, through a C++ shim per ISA */
    METHOD_EXTERNAL, /* loaded from a library with --kernel */
    METHOD_COUNT
};

/* Which goals an own kernel is held to (README, "Tiers"). */
enum impl_tier {
    TIER_NONE,     /* the libm formulas and the peers */
    TIER_ACCURATE, /* <= 1 ulp over all of f32, gradients <= 4 ulp */
    TIER_FAST,     /* <= 4 ulp on [-10, 10], monotone, exact limits */
    TIER_COUNT
};

enum impl_flags {
    /* Known and meant to fail special values (a textbook naive formula kept
     * to show the failure, e.g. softmax without max subtraction). */
    IMPL_NAIVE = 1u << 0,
};

/* Where a kernel's bounds come from: BOUND_CONTRACT for actbench's own
 * kernels (exceeding one fails the tests and the gate); for a peer, the
 * library's documentation the bound is derived from (exceeding it is a
 * finding about the peer). */
#define BOUND_CONTRACT NULL
#define BOUND_DOCUMENTED(source) (source)
/* The documents cited (impls/registry.inc's head comment says how a bound
 * derives from them): glibc's table of the largest errors its tests
 * measured, sysdeps/x86_64/fpu/libm-test-ulps of glibc 2.36 (Debian 12's
 * libc6), and the accuracy SLEEF 3.5.1 (Debian 12's libsleef3) documents
 * for each function in doc/html/purec.xhtml. */
#define GLIBC_2_36_ULPS "glibc 2.36 libm-test-ulps x86_64: "
#define SLEEF_3_5_1_DOCS "SLEEF 3.5.1 documentation: "
/* Eigen 3.4.0 and Highway 1.0.3 (Debian 12's libeigen3-dev, libhwy-dev)
 * state no ulp bound for their float tanh, logistic, erf, exp, expm1 or
 * log1p; what their sources and tests say is cited per kernel. */
#define EIGEN_3_4_0_DOCS "Eigen 3.4.0: "
#define HIGHWAY_1_0_3_DOCS "Highway 1.0.3 hwy/contrib/math: "

struct builtin_kernel {
    const char *symbol;                   /* the registry line's name */
    const struct actbench_kernel *kernel; /* NULL when its ISA was left out of the build */
    enum impl_method method;
    enum impl_tier tier;
    unsigned flags;
    const char *bound_source; /* NULL: contract */
};

extern const struct builtin_kernel builtin_kernels[];
extern const size_t builtin_kernel_count;

const char *impl_method_name(enum impl_method m);
/* METHOD_COUNT when the name is unknown. */
enum impl_method impl_method_by_name(const char *name);
const char *impl_tier_name(enum impl_tier t);
/* NULL when the method's library was found at build time; otherwise why
 * its kernels are skipped (their rows say so; nothing of theirs runs). */
const char *impl_method_missing(enum impl_method m);

#endif
