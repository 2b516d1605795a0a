/*
 * Fast references with a certified filter, for exhaustive f32 runs.
 *
 * A fast reference evaluates an activation's value and derivative in
 * double or double-double arithmetic and returns, for every output, a
 * double-double y = hi + lo and a bound err with |exact - y| <= err.  The
 * bound is derived from the evaluation: each operation's rounding (unit
 * roundoff 2^-53, with generous margins) and, for every call of glibc's
 * libm or libmvec in double (exp, expm1, log1p, erf, erfc), an assumed
 * relative error of at most FAST_LIBM_EPSILON = 2^-40, about four thousand
 * times the errors glibc documents for them (libm-test-ulps: 1 ulp, 5 for
 * the scalar erfc).  The assumption is audited in every exhaustive run
 * (a fixed share of the points and every special value is also computed
 * with MPFR and must agree) and by the test suite.
 *
 * fast_classify_f32 then rounds y to f32 and decides whether the whole
 * interval [y - err, y + err] rounds to that one value with one ulp (the
 * ulp of the exact value's binade): such a point is certified and carries
 * its tail and a bound on the tail's error; any other point is uncertain
 * and goes to MPFR (reference.h).
 *
 * Where an activation's value lies very near a float over wide ranges
 * (tanh(x) near x or near 1, sigmoid near 1/2 or 1, a derivative near 1),
 * hi is that float-like main term and lo the small remainder, computed with
 * its own relative accuracy: the tail, and every error figure made from it,
 * then stays accurate far below an ulp, where a plain double would only
 * know it to 2^-29 ulp.
 *
 * Every activation's fast reference is a struct fast_reference beside its
 * MPFR reference (reference/fast_<name>.h holds the mathematics, compiled
 * once per ISA by reference/fast_<isa>.c); the catalog points to it.
 */
#ifndef ACTBENCH_FAST_REFERENCE_H
#define ACTBENCH_FAST_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../include/actbench/kernel.h"

/* The relative error assumed of each call of glibc's double functions. */
#define FAST_LIBM_EPSILON 0x1p-40

/*
 * One output quantity: y = hi[i] + lo[i], |exact - y| <= err[i].  When hi
 * and lo are both zero and err > 0, the exact value has the sign of hi (a
 * result that underflowed keeps its sign).  A nonzero lo with err = |lo|
 * is one-sided: the exact value lies strictly between hi and hi + 2 lo
 * (a remainder that underflowed keeps its sign, not its size:
 * fast_dd_one_sided).
 */
struct fast_quantity {
    double *hi, *lo, *err;
};

/*
 * What a fast reference computes, as struct ref_request (reference.h):
 * n inputs x (a multiple of the activation's input multiple), dy (one per
 * output; required for the gradient), the value (one per output), the
 * gradient dx = J(x)^T dy (one per input) and prelu's parameter gradient
 * (one per input).  A quantity whose hi is NULL is not computed.  NaN
 * results have hi NaN; exact results (x = 0, the limits at +-inf, the
 * piecewise-linear activations) have err 0.
 */
struct fast_request {
    const struct actbench_params *params;
    const float *x;
    const float *dy;
    size_t n;
    struct fast_quantity value, gradient, dparam;
};

typedef void fast_function(const struct fast_request *request);

/* The ISAs a fast reference is built for, in order of preference. */
enum fast_isa { FAST_ISA_SCALAR, FAST_ISA_AVX2, FAST_ISA_AVX512F, FAST_ISA_COUNT };

struct fast_reference {
    /* per ISA; NULL where the build left that ISA out */
    fast_function *evaluate[FAST_ISA_COUNT];
    /* the relative error assumed of each libm/libmvec call (0: none used) */
    double epsilon;
    /* how the value and the derivative are evaluated, and what the bound
     * rests on (one line, for --list and the README) */
    const char *method;
    /* the value of a row (rows of the activation's input multiple) is a
     * function of the differences of its entries: it is unchanged when a
     * constant is added to every entry (softmax, log_softmax) */
    bool shift_invariant;
};

/*
 * One quantity of a block rounded to f32 (structure of arrays, n entries
 * each, the bit sets n/8 bytes rounded up, bit i%8 of byte i/8 for point i):
 *   rounded        the correctly rounded value (NaN, +-inf, signed zero)
 *   tail           (exact - rounded) / ulp, to within tail_error
 *   tail_error     bound on |tail - exact tail| in ulps; 0 when exact
 *   inverse_ulp    1 / ulp: 2^-ulp_exponent of struct ref_point
 *   uncertain      not certified: MPFR must give this point
 *   nan, infinite, exact_zero, exact
 *                  the value is NaN; +-inf; an exact (signed) zero; exact
 *   special        nan | infinite | exact_zero, so that the statistics
 *                  test one bit set for the common case of none
 */
struct fast_points {
    float *rounded;
    double *tail, *tail_error, *inverse_ulp;
    uint8_t *uncertain, *nan, *infinite, *exact_zero, *exact, *special;
};

/* Bit i of a fast_points bit set. */
static inline int fast_bit(const uint8_t *set, size_t i)
{
    return (set[i / 8] >> (i % 8)) & 1;
}

/* Round hi + lo +- err to f32 (fast_points above); returns the number of
 * uncertain points.  n must be a multiple of 8 or the last call. */
typedef size_t fast_classify_function(const struct fast_quantity *q, size_t n,
                                      struct fast_points *out);

extern fast_classify_function *const fast_classify_f32[FAST_ISA_COUNT];

/* The fast references of the catalog's activations (reference/fast_references.c). */
extern const struct fast_reference fast_relu, fast_leaky_relu, fast_prelu, fast_elu, fast_selu,
    fast_sigmoid, fast_silu, fast_softplus, fast_tanh, fast_hard_sigmoid_keras,
    fast_hard_sigmoid_torch, fast_hardswish, fast_gelu, fast_gelu_tanh, fast_mish, fast_softmax,
    fast_log_softmax, fast_maxout;

#endif
