/*
 * MPFR references: the value and the derivative of every catalog activation,
 * correctly rounded to a target format, with the exact remainder (tail).
 *
 * Every operation is carried out in MPFR together with a rigorous running
 * bound on its absolute error; the result is accepted only when the whole
 * interval [v - err, v + err] rounds to one value of the target format
 * (Ziv's strategy).  Otherwise the working precision is doubled and the
 * evaluation repeated, up to REF_MAX_PRECISION bits.
 *
 * Each activation has one reference function of type ref_function, in
 * reference/ref_<name>.c (or the file of its family); its catalog entry
 * names it (harness/catalog.inc), which declares it for the harness.  This header holds
 * what they share: the request, the points they write, the statistics and
 * the comparison of a computed value with a point.
 */
#ifndef ACTBENCH_REFERENCE_H
#define ACTBENCH_REFERENCE_H

#include <stddef.h>
#include <stdint.h>

#include "../include/actbench/kernel.h"
#include "format.h"

#define REF_START_PRECISION 64
#define REF_MAX_PRECISION 2048

enum ref_flags {
    REF_EXACT = 1u << 0,      /* the exact value is representable: tail 0 */
    REF_UNRESOLVED = 1u << 1, /* Ziv's check failed at REF_MAX_PRECISION */
    REF_NAN = 1u << 2,        /* the value is NaN */
};

/*
 * One reference value.  rounded: the correctly rounded value in the target
 * format (carried in a float; +-inf when the exact value overflows, NaN
 * when it is undefined).  tail = (exact - rounded) / ulp, where ulp is
 * format_ulp(fmt, exact) (the ulp in the binade of the exact value), so
 * |tail| <= 0.5 except where rounding crossed into the binade above
 * (then |tail| <= 1).  The error of a computed g is then
 * (g - rounded) / ulp - tail, and a correctly rounded g scores <= 0.5.
 */
struct ref_point {
    double tail;
    float rounded;
    uint8_t flags;
    /* log2 of the ulp used for tail, so harness code needs not recompute it */
    int16_t ulp_exponent;
};

/* Statistics of one reference computation (for tests and reports). */
struct ref_stats {
    uint64_t evaluations;   /* points computed */
    uint64_t retries;       /* evaluations repeated at a higher precision */
    uint64_t unresolved;    /* points flagged REF_UNRESOLVED */
    int max_precision_used; /* bits */
};

/*
 * What a reference function computes: value and gradient of its activation
 * for n inputs x, in one pass so that value and derivative share their
 * subexpressions (erf, exp, tanh are computed once).
 *
 * n is a multiple of the activation's input multiple (params->row_length
 * for softmax and log_softmax, params->group for maxout, else 1); the
 * parameters are the kernel contract's (alpha, channels and channel_alpha,
 * row_length, group), read where the activation uses them.
 *
 * value (may be NULL): one entry per output (n, or n / group for maxout),
 *   the activation's value rounded to format.
 * gradient (may be NULL): n entries, dx = J(x)^T dy computed exactly and
 *   rounded once: for elementwise activations dx_i = f'(x_i) * dy_i; for
 *   softmax and log_softmax the Jacobian-vector product with the exact y;
 *   for maxout the selector (dy_g at the first arg-max of group g, else 0).
 *   dy has one entry per output and is required when gradient is set.
 * dparam (may be NULL): prelu only, n entries, the per-element parameter
 *   gradient dy_i * x_i where x_i <= 0, else 0.
 * stats (may be NULL) is accumulated into.
 *
 * Whatever cannot be computed (parameters the activation cannot use, a
 * gradient without dy, dparam of an activation without a parameter
 * gradient, memory exhausted) is written as NaN flagged REF_UNRESOLVED.
 * Thread-safe (MPFR keeps its caches per thread).
 */
struct ref_request {
    const struct actbench_params *params;
    enum number_format format;
    const float *x;
    const float *dy;
    size_t n;
    struct ref_point *value;
    struct ref_point *gradient;
    struct ref_point *dparam;
    struct ref_stats *stats;
};

typedef void ref_function(const struct ref_request *request);

/*
 * Error of a computed value against a reference point, in ulps of the
 * target format, signed (got - exact) / ulp.  Only meaningful when both are
 * finite and the reference is not NaN; see ref_special_mismatch.
 */
double ulp_error(const struct ref_point *ref, float got);

/*
 * Nonzero when got differs from the reference in a way that is a failure of
 * its own, not an ulp figure: NaN where a number is due or a number where
 * NaN is due, an infinity where a finite value is due or the wrong
 * infinity, a finite value where an infinity is due, or the wrong sign of an
 * exact zero.
 */
int ref_special_mismatch(const struct ref_point *ref, float got);

/* Free the MPFR caches of the calling thread (constants, pools): call it
 * before a thread that evaluated references exits, and once more from the
 * main thread at the end of the program. */
void ref_release_thread_caches(void);

/* Version string of the MPFR library in use. */
const char *ref_mpfr_version(void);

#endif
