/*
 * Bounded arithmetic: an MPFR value with a rigorous bound on its absolute
 * error, carried through every operation (running error).  Internal to
 * reference/.
 *
 * Error bounds are computed in double.  Each bound is a short monotone
 * formula (sums, products, quotients by lower bounds) of at most about ten
 * operations rounded to nearest, each off by at most a relative 2^-53 or,
 * in the subnormal range, an absolute 2^-1075; multiplying the result by
 * 1 + 2^-40 and adding 2^-1060 (bound_above()) covers that with a wide
 * margin.  Bounds that overflow become +inf, which only makes Ziv's test
 * fail.
 */
#ifndef ACTBENCH_REFERENCE_BOUNDED_H
#define ACTBENCH_REFERENCE_BOUNDED_H

#include <mpfr.h>

/*
 * v approximates a real number X with |v - X| <= err.  err == 0 means v is
 * X exactly.  Every operation writes a result whose precision is that of
 * its destination; operands may alias the destination.
 */
struct bounded {
    mpfr_t v;
    double err;
};

/* An upper bound of a non-negative quantity computed in double. */
double bound_above(double computed);
/* A lower bound of a positive quantity computed in double; may be <= 0,
 * which callers take as "no positive lower bound". */
double bound_below(double computed);
/* |a| rounded up and down to double */
double bd_magnitude_above(const mpfr_t a);
double bd_magnitude_below(const mpfr_t a);

void bd_init(struct bounded *r, mpfr_prec_t precision);
void bd_clear(struct bounded *r);

/* Exact: every float fits the working precision (>= 24 bits). */
void bd_set_float(struct bounded *r, float x);
/* The float x with the error bound err (a known perturbation of x). */
void bd_set_float_err(struct bounded *r, float x, double err);
void bd_set_si(struct bounded *r, long k);
/* The real number in [0, bound] (sign > 0) or [-bound, 0] (sign < 0): the
 * midpoint with radius bound/2; bound is a power of two. */
void bd_set_interval(struct bounded *r, double bound, int sign);
void bd_copy(struct bounded *r, const struct bounded *a);
void bd_neg(struct bounded *r, const struct bounded *a);
/* a * 2^k */
void bd_mul_2si(struct bounded *r, const struct bounded *a, long k);
void bd_add(struct bounded *r, const struct bounded *a, const struct bounded *b);
void bd_sub(struct bounded *r, const struct bounded *a, const struct bounded *b);
/* a + k for an exact integer k */
void bd_add_si(struct bounded *r, const struct bounded *a, long k);
/* a + d for an exact double d */
void bd_add_d(struct bounded *r, const struct bounded *a, double d);
void bd_mul(struct bounded *r, const struct bounded *a, const struct bounded *b);
void bd_div(struct bounded *r, const struct bounded *a, const struct bounded *b);
/* k / b for an exact integer k */
void bd_si_div(struct bounded *r, long k, const struct bounded *b);
/* a / k for an exact nonzero integer k */
void bd_div_si(struct bounded *r, const struct bounded *a, long k);
void bd_exp(struct bounded *r, const struct bounded *a);
void bd_expm1(struct bounded *r, const struct bounded *a);
void bd_log1p(struct bounded *r, const struct bounded *a);
void bd_erf(struct bounded *r, const struct bounded *a);
void bd_erfc(struct bounded *r, const struct bounded *a);
void bd_sqrt(struct bounded *r, const struct bounded *a);
void bd_const_pi(struct bounded *r);

#endif
