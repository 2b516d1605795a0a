/*
 * Bounded arithmetic (see bounded.h): each operation rounds to nearest in
 * MPFR and adds the propagated error of its operands, bounded by the
 * operation's largest slope on the operands' intervals, to the error of its
 * own rounding.
 */
#include "bounded.h"

#include <math.h>
#include <stdbool.h>

/* See the head comment of bounded.h for why this margin covers the
 * roundings of a bound computed in double. */
double bound_above(double computed)
{
    return computed * (1.0 + 0x1p-40) + 0x1p-1060;
}

/* A lower bound of a positive quantity computed in double; may be <= 0,
 * which callers take as "no positive lower bound". */
double bound_below(double computed)
{
    return computed * (1.0 - 0x1p-40) - 0x1p-1060;
}

/* 2^k, or the smallest double above it when it is out of range. */
static double pow2_above(mpfr_exp_t k)
{
    if (k < -1074)
        return 0x1p-1074;
    if (k > 1023)
        return INFINITY;
    return ldexp(1.0, (int)k);
}

/*
 * Error of one rounding to nearest into r: 0 when MPFR's ternary value says
 * the result is exact, else at most half an ulp, bounded by 2^(EXP(r) - p)
 * where |r| < 2^EXP(r), i.e. up to |r| * 2^(1-p).  A zero or infinite
 * result of an inexact operation means MPFR's exponent range was left,
 * which the activations' saturation thresholds rule out; it gets no
 * finite bound.
 */
static double rounding_error(int ternary, const mpfr_t r)
{
    if (ternary == 0)
        return 0.0;
    if (!mpfr_regular_p(r))
        return INFINITY;
    return pow2_above(mpfr_get_exp(r) - mpfr_get_prec(r));
}

double bd_magnitude_above(const mpfr_t a)
{
    return fabs(mpfr_get_d(a, MPFR_RNDA));
}

double bd_magnitude_below(const mpfr_t a)
{
    return fabs(mpfr_get_d(a, MPFR_RNDZ));
}

/* m * e where e is an error bound: a zero error contributes nothing even
 * when m is infinite. */
static double scaled(double m, double e)
{
    return e == 0.0 ? 0.0 : m * e;
}

/* exp(r) - 1 for an error bound r: for 0 <= r <= 1 the series
 * r + r^2 (1/2! + r/3! + ...) is at most r + r^2 (1/2! + 1/3! + ...)
 * = r + r^2 (e - 2) < r + r^2. */
static double expm1_above(double r)
{
    if (r == 0.0)
        return 0.0;
    if (!(r <= 1.0))
        return INFINITY;
    return bound_above(r + r * r);
}

static void finish(struct bounded *r, double propagated, int ternary)
{
    double rounding = rounding_error(ternary, r->v);
    r->err = propagated == 0.0 && rounding == 0.0 ? 0.0 : bound_above(propagated + rounding);
}

void bd_init(struct bounded *r, mpfr_prec_t precision)
{
    mpfr_init2(r->v, precision);
    mpfr_set_zero(r->v, 1);
    r->err = 0.0;
}

void bd_clear(struct bounded *r)
{
    mpfr_clear(r->v);
}

/* Exact: every float fits the working precision (>= 24 bits). */
void bd_set_float(struct bounded *r, float x)
{
    mpfr_set_flt(r->v, x, MPFR_RNDN);
    r->err = 0.0;
}

void bd_set_si(struct bounded *r, long k)
{
    finish(r, 0.0, mpfr_set_si(r->v, k, MPFR_RNDN));
}

/* The real number in [0, bound] (sign > 0) or [-bound, 0] (sign < 0): the
 * midpoint with radius bound/2.  bound is a power of two here, so both
 * are exact. */
void bd_set_interval(struct bounded *r, double bound, int sign)
{
    mpfr_set_d(r->v, sign < 0 ? -bound / 2 : bound / 2, MPFR_RNDN);
    r->err = bound / 2;
}

/* The float x with the error bound err (a known perturbation of x). */
void bd_set_float_err(struct bounded *r, float x, double err)
{
    mpfr_set_flt(r->v, x, MPFR_RNDN);
    r->err = err;
}

void bd_copy(struct bounded *r, const struct bounded *a)
{
    double e = a->err;
    finish(r, e, mpfr_set(r->v, a->v, MPFR_RNDN));
}

void bd_neg(struct bounded *r, const struct bounded *a)
{
    double e = a->err;
    finish(r, e, mpfr_neg(r->v, a->v, MPFR_RNDN));
}

/* a * 2^k: exact in MPFR; the bound scales (bound_above() guards underflow). */
void bd_mul_2si(struct bounded *r, const struct bounded *a, long k)
{
    double e = a->err == 0.0 ? 0.0 : bound_above(ldexp(a->err, (int)k));
    finish(r, e, mpfr_mul_2si(r->v, a->v, k, MPFR_RNDN));
}

void bd_add(struct bounded *r, const struct bounded *a, const struct bounded *b)
{
    double e = a->err + b->err;
    finish(r, e, mpfr_add(r->v, a->v, b->v, MPFR_RNDN));
}

void bd_sub(struct bounded *r, const struct bounded *a, const struct bounded *b)
{
    double e = a->err + b->err;
    finish(r, e, mpfr_sub(r->v, a->v, b->v, MPFR_RNDN));
}

/* a + k for an exact integer k */
void bd_add_si(struct bounded *r, const struct bounded *a, long k)
{
    double e = a->err;
    finish(r, e, mpfr_add_si(r->v, a->v, k, MPFR_RNDN));
}

/* a + d for an exact double d */
void bd_add_d(struct bounded *r, const struct bounded *a, double d)
{
    double e = a->err;
    finish(r, e, mpfr_add_d(r->v, a->v, d, MPFR_RNDN));
}

/* |ab - AB| <= |a| e_B + |b| e_A + e_A e_B for A, B within e_A, e_B. */
void bd_mul(struct bounded *r, const struct bounded *a, const struct bounded *b)
{
    double ea = a->err, eb = b->err;
    double e = 0.0;
    if (ea != 0.0 || eb != 0.0)
        e = scaled(eb != 0.0 ? bd_magnitude_above(a->v) : 0.0, eb) +
            scaled(ea != 0.0 ? bd_magnitude_above(b->v) : 0.0, ea) + scaled(ea, eb);
    finish(r, e, mpfr_mul(r->v, a->v, b->v, MPFR_RNDN));
}

/*
 * |A/B - a/b| = |b(A - a) - a(B - b)| / |bB| <= (e_A + |a/b| e_B) / (|b| - e_B)
 * when |b| > e_B; |a/b| <= |r| (1 + 2^(1-p)) for the rounded quotient r.
 */
void bd_div(struct bounded *r, const struct bounded *a, const struct bounded *b)
{
    double ea = a->err, eb = b->err;
    double den = 0.0;
    if (ea != 0.0 || eb != 0.0)
        den = bound_below(bd_magnitude_below(b->v) - eb);
    int ternary = mpfr_div(r->v, a->v, b->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0 || eb != 0.0)
        e = den > 0.0 ? (ea + scaled(bd_magnitude_above(r->v) * (1.0 + 0x1p-50), eb)) / den
                      : INFINITY;
    finish(r, e, ternary);
}

/* k / b for an exact integer k (bd_div with e_A = 0) */
void bd_si_div(struct bounded *r, long k, const struct bounded *b)
{
    double eb = b->err;
    double den = eb != 0.0 ? bound_below(bd_magnitude_below(b->v) - eb) : 0.0;
    int ternary = mpfr_si_div(r->v, k, b->v, MPFR_RNDN);
    double e = 0.0;
    if (eb != 0.0)
        e = den > 0.0 ? bd_magnitude_above(r->v) * (1.0 + 0x1p-50) * eb / den : INFINITY;
    finish(r, e, ternary);
}

/* a / k for an exact nonzero integer k */
void bd_div_si(struct bounded *r, const struct bounded *a, long k)
{
    double e = a->err == 0.0 ? 0.0 : a->err / fabs((double)k);
    finish(r, e, mpfr_div_si(r->v, a->v, k, MPFR_RNDN));
}

/* |e^A - e^a| = e^a |e^(A-a) - 1| <= e^a (e^(e_A) - 1), e^a <= |r|(1 + 2^(1-p)) */
void bd_exp(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    int ternary = mpfr_exp(r->v, a->v, MPFR_RNDN);
    double e = ea == 0.0 ? 0.0 : bd_magnitude_above(r->v) * (1.0 + 0x1p-50) * expm1_above(ea);
    finish(r, e, ternary);
}

/*
 * |expm1(A) - expm1(a)| = e^a |e^(A-a) - 1| <= e^a (e^(e_A) - 1) with
 * e^a = 1 + expm1(a) <= 1 + r + (rounding error of r): near a << 0 the
 * computed r may round to -1 while e^a > 0, hence the rounding term.
 */
void bd_expm1(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    int ternary = mpfr_expm1(r->v, a->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0) {
        double exp_a = 1.0 + mpfr_get_d(r->v, MPFR_RNDU) + rounding_error(ternary, r->v);
        e = bound_above(exp_a) * expm1_above(ea);
    }
    finish(r, e, ternary);
}

/* |log1p(A) - log1p(a)| <= e_A / (1 + a - e_A) when 1 + a - e_A > 0 */
void bd_log1p(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    double den = 0.0;
    if (ea != 0.0)
        den = bound_below(bound_below(1.0 + mpfr_get_d(a->v, MPFR_RNDD)) - ea);
    int ternary = mpfr_log1p(r->v, a->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0)
        e = den > 0.0 ? ea / den : INFINITY;
    finish(r, e, ternary);
}

/* 2/sqrt(pi) = 1.12837916709551257..., the largest slope of erf and erfc;
 * this literal is the double above it (1.12837916709551278...). */
#define TWO_OVER_SQRT_PI_ABOVE 1.1283791670955127

void bd_erf(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    double e = scaled(TWO_OVER_SQRT_PI_ABOVE, ea);
    finish(r, e, mpfr_erf(r->v, a->v, MPFR_RNDN));
}

/*
 * erfc at a > 1 decays like e^(-a^2), so the plain slope bound 2/sqrt(pi)
 * would swamp the value.  On [a - e_A, a + e_A] with e_A < a/2 the slope is
 * at most (2/sqrt(pi)) e^(-(a - e_A)^2) <= (2/sqrt(pi)) e^(-a^2) e^(2 a e_A),
 * and Abramowitz & Stegun 7.1.13 gives (2/sqrt(pi)) e^(-a^2) <
 * erfc(a) (a + sqrt(a^2 + 2)) with erfc(a) <= |r| (1 + 2^(1-p)).
 */
void bd_erfc(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    double z = ea != 0.0 ? mpfr_get_d(a->v, MPFR_RNDZ) : 0.0;
    int ternary = mpfr_erfc(r->v, a->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0) {
        if (z > 1.0 && ea < z / 2) {
            double za = bd_magnitude_above(a->v);
            double slope = bd_magnitude_above(r->v) * (1.0 + 0x1p-50) * (za + sqrt(za * za + 2.0)) *
                           (1.0 + expm1_above(2.0 * za * ea));
            e = slope * ea;
        } else {
            e = TWO_OVER_SQRT_PI_ABOVE * ea;
        }
    }
    finish(r, e, ternary);
}

/* |sqrt(A) - sqrt(a)| = |A - a| / (sqrt(A) + sqrt(a)) <= e_A / sqrt(a) for
 * A >= 0, with sqrt(a) >= |r| (1 - 2^(1-p)). */
void bd_sqrt(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    int ternary = mpfr_sqrt(r->v, a->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0) {
        double root = bound_below(bd_magnitude_below(r->v) * (1.0 - 0x1p-50));
        bool nonnegative = bound_below(bd_magnitude_below(a->v)) > ea && mpfr_sgn(a->v) > 0;
        e = nonnegative && root > 0.0 ? ea / root : INFINITY;
    }
    finish(r, e, ternary);
}

void bd_const_pi(struct bounded *r)
{
    finish(r, 0.0, mpfr_const_pi(r->v, MPFR_RNDN));
}