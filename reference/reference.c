/*
 * MPFR references of the catalog's activations (see reference.h).
 *
 * Layout of this file:
 *   1. bounded arithmetic: an MPFR value with a rigorous bound on its
 *      absolute error, carried through every operation (running error);
 *   2. rounding to a target format with Ziv's acceptance test;
 *   3. the activations, value and gradient in one pass;
 *   4. the drivers (retry at a doubled precision, rows, groups) and the
 *      comparison helpers.
 *
 * Piecewise-linear activations (relu, leaky_relu, prelu, maxout) are exact
 * in double: the product of two floats has at most 48 significant bits and
 * an exponent within double's range, so they need no MPFR and no Ziv loop.
 *
 * Error bounds are computed in double.  Each bound is a short monotone
 * formula (sums, products, quotients by lower bounds) of at most about ten
 * operations rounded to nearest, each off by at most a relative 2^-53 or,
 * in the subnormal range, an absolute 2^-1075; multiplying the result by
 * 1 + 2^-40 and adding 2^-1060 (above()) covers that with a wide margin.
 * Bounds that overflow become +inf, which only makes Ziv's test fail.
 *
 * Quantities whose exponent would leave MPFR's or double's range are
 * replaced by an interval proved to contain them, written as a midpoint and
 * a radius: exp(-s) for s > 600 (sigmoid, tanh, silu, softplus and elu far
 * out, gelu_tanh for |x| >= 20, softmax entries 600 below the row's
 * maximum) and Phi(x) for |x| >= 30 (gelu); the proofs are next to each
 * threshold.  Such an interval reaches 0, so a result that is a rounding
 * midpoint plus a saturated term (softplus(65520) in f16, where 65520 is
 * not an f16 input) cannot be decided and is flagged REF_UNRESOLVED; with
 * inputs that are values of the target format and the default parameters
 * the main term is representable and this does not happen.
 *
 * Zeros: a result that is exactly zero carries the sign IEEE arithmetic
 * gives the catalog's formula (tanh(-0) = -0, relu(-0) = +0, f'(x) * dy
 * with the sign rule of a product).  A result rounded to zero that is not
 * exact takes the sign of the computed value, which is that of the exact
 * value whenever |v| > err; ref_special_mismatch does not look at it.
 */
#include "reference.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include <mpfr.h>

/* ------------------------------------------------------------------ */
/* 1. Bounded arithmetic                                                */
/* ------------------------------------------------------------------ */

/*
 * v approximates a real number X with |v - X| <= err.  err == 0 means v is
 * X exactly.  Every operation writes a result whose precision is that of
 * its destination; operands may alias the destination.
 */
struct bounded {
    mpfr_t v;
    double err;
};

/* An upper bound of a non-negative quantity computed in double (see the
 * head comment). */
static double above(double computed)
{
    return computed * (1.0 + 0x1p-40) + 0x1p-1060;
}

/* A lower bound of a positive quantity computed in double; may be <= 0,
 * which callers take as "no positive lower bound". */
static double below(double computed)
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
 * which the thresholds below rule out; it gets no finite bound.
 */
static double rounding_error(int ternary, const mpfr_t r)
{
    if (ternary == 0)
        return 0.0;
    if (!mpfr_regular_p(r))
        return INFINITY;
    return pow2_above(mpfr_get_exp(r) - mpfr_get_prec(r));
}

static double magnitude_above(const mpfr_t a)
{
    return fabs(mpfr_get_d(a, MPFR_RNDA));
}

static double magnitude_below(const mpfr_t a)
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
    return above(r + r * r);
}

static void finish(struct bounded *r, double propagated, int ternary)
{
    double rounding = rounding_error(ternary, r->v);
    r->err = propagated == 0.0 && rounding == 0.0 ? 0.0 : above(propagated + rounding);
}

static void bd_init(struct bounded *r, mpfr_prec_t precision)
{
    mpfr_init2(r->v, precision);
    mpfr_set_zero(r->v, 1);
    r->err = 0.0;
}

static void bd_clear(struct bounded *r)
{
    mpfr_clear(r->v);
}

/* Exact: every float fits the working precision (>= 24 bits). */
static void bd_set_float(struct bounded *r, float x)
{
    mpfr_set_flt(r->v, x, MPFR_RNDN);
    r->err = 0.0;
}

static void bd_set_si(struct bounded *r, long k)
{
    finish(r, 0.0, mpfr_set_si(r->v, k, MPFR_RNDN));
}

/* The real number in [0, bound] (sign > 0) or [-bound, 0] (sign < 0): the
 * midpoint with radius bound/2.  bound is a power of two here, so both
 * are exact. */
static void bd_set_interval(struct bounded *r, double bound, int sign)
{
    mpfr_set_d(r->v, sign < 0 ? -bound / 2 : bound / 2, MPFR_RNDN);
    r->err = bound / 2;
}

/* The float x with the error bound err (a known perturbation of x). */
static void bd_set_float_err(struct bounded *r, float x, double err)
{
    mpfr_set_flt(r->v, x, MPFR_RNDN);
    r->err = err;
}

static void bd_copy(struct bounded *r, const struct bounded *a)
{
    double e = a->err;
    finish(r, e, mpfr_set(r->v, a->v, MPFR_RNDN));
}

static void bd_neg(struct bounded *r, const struct bounded *a)
{
    double e = a->err;
    finish(r, e, mpfr_neg(r->v, a->v, MPFR_RNDN));
}

/* a * 2^k: exact in MPFR; the bound scales (above() guards underflow). */
static void bd_mul_2si(struct bounded *r, const struct bounded *a, long k)
{
    double e = a->err == 0.0 ? 0.0 : above(ldexp(a->err, (int)k));
    finish(r, e, mpfr_mul_2si(r->v, a->v, k, MPFR_RNDN));
}

static void bd_add(struct bounded *r, const struct bounded *a, const struct bounded *b)
{
    double e = a->err + b->err;
    finish(r, e, mpfr_add(r->v, a->v, b->v, MPFR_RNDN));
}

static void bd_sub(struct bounded *r, const struct bounded *a, const struct bounded *b)
{
    double e = a->err + b->err;
    finish(r, e, mpfr_sub(r->v, a->v, b->v, MPFR_RNDN));
}

/* a + k for an exact integer k */
static void bd_add_si(struct bounded *r, const struct bounded *a, long k)
{
    double e = a->err;
    finish(r, e, mpfr_add_si(r->v, a->v, k, MPFR_RNDN));
}

/* a + d for an exact double d */
static void bd_add_d(struct bounded *r, const struct bounded *a, double d)
{
    double e = a->err;
    finish(r, e, mpfr_add_d(r->v, a->v, d, MPFR_RNDN));
}

/* |ab - AB| <= |a| e_B + |b| e_A + e_A e_B for A, B within e_A, e_B. */
static void bd_mul(struct bounded *r, const struct bounded *a, const struct bounded *b)
{
    double ea = a->err, eb = b->err;
    double e = 0.0;
    if (ea != 0.0 || eb != 0.0)
        e = scaled(eb != 0.0 ? magnitude_above(a->v) : 0.0, eb) +
            scaled(ea != 0.0 ? magnitude_above(b->v) : 0.0, ea) + scaled(ea, eb);
    finish(r, e, mpfr_mul(r->v, a->v, b->v, MPFR_RNDN));
}

/*
 * |A/B - a/b| = |b(A - a) - a(B - b)| / |bB| <= (e_A + |a/b| e_B) / (|b| - e_B)
 * when |b| > e_B; |a/b| <= |r| (1 + 2^(1-p)) for the rounded quotient r.
 */
static void bd_div(struct bounded *r, const struct bounded *a, const struct bounded *b)
{
    double ea = a->err, eb = b->err;
    double den = 0.0;
    if (ea != 0.0 || eb != 0.0)
        den = below(magnitude_below(b->v) - eb);
    int ternary = mpfr_div(r->v, a->v, b->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0 || eb != 0.0)
        e = den > 0.0 ? (ea + scaled(magnitude_above(r->v) * (1.0 + 0x1p-50), eb)) / den
                      : INFINITY;
    finish(r, e, ternary);
}

/* k / b for an exact integer k (bd_div with e_A = 0) */
static void bd_si_div(struct bounded *r, long k, const struct bounded *b)
{
    double eb = b->err;
    double den = eb != 0.0 ? below(magnitude_below(b->v) - eb) : 0.0;
    int ternary = mpfr_si_div(r->v, k, b->v, MPFR_RNDN);
    double e = 0.0;
    if (eb != 0.0)
        e = den > 0.0 ? magnitude_above(r->v) * (1.0 + 0x1p-50) * eb / den : INFINITY;
    finish(r, e, ternary);
}

/* a / k for an exact nonzero integer k */
static void bd_div_si(struct bounded *r, const struct bounded *a, long k)
{
    double e = a->err == 0.0 ? 0.0 : a->err / fabs((double)k);
    finish(r, e, mpfr_div_si(r->v, a->v, k, MPFR_RNDN));
}

/* |e^A - e^a| = e^a |e^(A-a) - 1| <= e^a (e^(e_A) - 1), e^a <= |r|(1 + 2^(1-p)) */
static void bd_exp(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    int ternary = mpfr_exp(r->v, a->v, MPFR_RNDN);
    double e = ea == 0.0 ? 0.0 : magnitude_above(r->v) * (1.0 + 0x1p-50) * expm1_above(ea);
    finish(r, e, ternary);
}

/*
 * |expm1(A) - expm1(a)| = e^a |e^(A-a) - 1| <= e^a (e^(e_A) - 1) with
 * e^a = 1 + expm1(a) <= 1 + r + (rounding error of r): near a << 0 the
 * computed r may round to -1 while e^a > 0, hence the rounding term.
 */
static void bd_expm1(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    int ternary = mpfr_expm1(r->v, a->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0) {
        double exp_a = 1.0 + mpfr_get_d(r->v, MPFR_RNDU) + rounding_error(ternary, r->v);
        e = above(exp_a) * expm1_above(ea);
    }
    finish(r, e, ternary);
}

/* |log1p(A) - log1p(a)| <= e_A / (1 + a - e_A) when 1 + a - e_A > 0 */
static void bd_log1p(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    double den = 0.0;
    if (ea != 0.0)
        den = below(below(1.0 + mpfr_get_d(a->v, MPFR_RNDD)) - ea);
    int ternary = mpfr_log1p(r->v, a->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0)
        e = den > 0.0 ? ea / den : INFINITY;
    finish(r, e, ternary);
}

/* 2/sqrt(pi) = 1.12837916709551257..., the largest slope of erf and erfc;
 * this literal is the double above it (1.12837916709551278...). */
#define TWO_OVER_SQRT_PI_ABOVE 1.1283791670955127

static void bd_erf(struct bounded *r, const struct bounded *a)
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
static void bd_erfc(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    double z = ea != 0.0 ? mpfr_get_d(a->v, MPFR_RNDZ) : 0.0;
    int ternary = mpfr_erfc(r->v, a->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0) {
        if (z > 1.0 && ea < z / 2) {
            double za = magnitude_above(a->v);
            double slope = magnitude_above(r->v) * (1.0 + 0x1p-50) * (za + sqrt(za * za + 2.0)) *
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
static void bd_sqrt(struct bounded *r, const struct bounded *a)
{
    double ea = a->err;
    int ternary = mpfr_sqrt(r->v, a->v, MPFR_RNDN);
    double e = 0.0;
    if (ea != 0.0) {
        double root = below(magnitude_below(r->v) * (1.0 - 0x1p-50));
        bool nonnegative = below(magnitude_below(a->v)) > ea && mpfr_sgn(a->v) > 0;
        e = nonnegative && root > 0.0 ? ea / root : INFINITY;
    }
    finish(r, e, ternary);
}

static void bd_const_pi(struct bounded *r)
{
    finish(r, 0.0, mpfr_const_pi(r->v, MPFR_RNDN));
}

/* ------------------------------------------------------------------ */
/* Saturation thresholds                                                */
/* ------------------------------------------------------------------ */

/*
 * exp(-s) for s > 600 is replaced by the interval [0, 2^-865]:
 * e^-600 = 2^-865.6.  Any result it enters is then far below half the
 * smallest subnormal times any float, or lost next to a term near 1.
 */
#define EXP_SATURATION 600.0f
#define EXP_SATURATED_BOUND 0x1p-865

/*
 * gelu for |x| >= 30.  With Gordon's inequality Phi(-t) < phi(t)/t
 * (Ann. Math. Statist. 12 (1941) 364) and phi(30) = e^-450 / sqrt(2 pi)
 * = 2^-650.5, and t phi(t) decreasing for t > 1:
 *   x >= 30:  1 - Phi(x) <= phi(30)/30 < 2^-655, x phi(x) <= 30 phi(30) < 2^-645,
 *             so Phi(x) is within 2^-655 of 1 and gelu'(x) within 2^-644 of 1;
 *   x <= -30: gelu(x) = -t Phi(-t) is in [-phi(30), 0] within [-2^-650, 0];
 *             gelu'(x) = Phi(-t) - t phi(t) in [-t phi(t), 0] within [-2^-645, 0].
 */
#define GELU_SATURATION 30.0f
#define GELU_PHI_TAIL 0x1p-655
#define GELU_DERIVATIVE_TAIL 0x1p-644
#define GELU_NEGATIVE_VALUE_BOUND 0x1p-650
#define GELU_NEGATIVE_DERIVATIVE_BOUND 0x1p-645

/*
 * gelu for 3 <= |x| < 30 goes through Phi(-t) = phi(t) R(t) with the Mills
 * ratio R by its continued fraction: cheaper there than MPFR's erf and erfc,
 * whose cost grows with the cancellation they absorb (mpfr_erfc at 64 bits
 * takes about 20 us at z = 2 and 50 us at z = 3, x = z sqrt 2).  Measured
 * whole gelu points, value and gradient, at 64 bits: about 38 us at
 * x = -2.9 through erfc against 20 us at x = -3 through the fraction, whose
 * depth and cost then fall with |x| (12 us at 4, 7 us at 20).
 */
#define GELU_CONTINUED_FRACTION 3.0f

/*
 * gelu_tanh for |x| >= 20: |u| = sqrt(2/pi) |x| (1 + 0.044715 x^2)
 * >= 0.7978 * 20 * 18.886 = 301.3, so e^(-2|u|) < e^-600.
 */
#define GELU_TANH_SATURATION 20.0f

/* ------------------------------------------------------------------ */
/* Working storage: one set per precision level                        */
/* ------------------------------------------------------------------ */

#define LEVEL_COUNT 6 /* 64, 128, ..., 2048 bits */
_Static_assert((REF_START_PRECISION << (LEVEL_COUNT - 1)) == REF_MAX_PRECISION,
               "precision levels double from REF_START_PRECISION to REF_MAX_PRECISION");

/* The tail is reported within this many ulps of the exact tail: a rounding
 * is accepted only when err is at most this fraction of the ulp. */
#define TAIL_ACCURACY 0x1p-30

#define TEMPORARY_COUNT 12

struct level {
    bool ready;
    mpfr_prec_t precision;
    struct bounded tmp[TEMPORARY_COUNT];
    struct bounded dy, value, gradient;
    /* constants, each with its own error bound */
    struct bounded one_over_sqrt2, one_over_sqrt_2pi, sqrt_2_over_pi;
    struct bounded gelu_tanh_cubic;  /* sqrt(2/pi) * 0.044715 */
    struct bounded gelu_tanh_cubic3; /* sqrt(2/pi) * 3 * 0.044715 */
    /* rounding and continued-fraction scratch */
    mpfr_t scaled, nearest, fraction, check, fraction_denominator;
    /* softmax rows */
    size_t row_length;
    struct bounded *row_exp, *row_y;
};

struct workspace {
    size_t row_length;
    struct level level[LEVEL_COUNT];
};

/* Every struct bounded of a level but the softmax rows. */
#define LEVEL_BOUNDED_COUNT (TEMPORARY_COUNT + 8)
static void level_bounded(struct level *w, struct bounded *all[LEVEL_BOUNDED_COUNT])
{
    for (int i = 0; i < TEMPORARY_COUNT; i++)
        all[i] = &w->tmp[i];
    struct bounded *named[] = {&w->dy,
                               &w->value,
                               &w->gradient,
                               &w->one_over_sqrt2,
                               &w->one_over_sqrt_2pi,
                               &w->sqrt_2_over_pi,
                               &w->gelu_tanh_cubic,
                               &w->gelu_tanh_cubic3};
    _Static_assert(sizeof named / sizeof named[0] == LEVEL_BOUNDED_COUNT - TEMPORARY_COUNT,
                   "LEVEL_BOUNDED_COUNT counts the named members");
    for (int i = 0; i < LEVEL_BOUNDED_COUNT - TEMPORARY_COUNT; i++)
        all[TEMPORARY_COUNT + i] = named[i];
}

static void constants_init(struct level *w)
{
    struct bounded *pi = &w->tmp[0], *t = &w->tmp[1], *k = &w->tmp[2];
    bd_const_pi(pi);
    /* 1/sqrt(2) = sqrt(1/2) */
    mpfr_set_d(t->v, 0.5, MPFR_RNDN);
    t->err = 0.0;
    bd_sqrt(&w->one_over_sqrt2, t);
    /* 1/sqrt(2 pi) */
    bd_mul_2si(t, pi, 1);
    bd_sqrt(t, t);
    bd_si_div(&w->one_over_sqrt_2pi, 1, t);
    /* sqrt(2/pi) */
    bd_si_div(t, 2, pi);
    bd_sqrt(&w->sqrt_2_over_pi, t);
    /* 0.044715 = 8943/200000 and 3 * 0.044715 = 26829/200000 */
    bd_set_si(k, 8943);
    bd_div_si(k, k, 200000);
    bd_mul(&w->gelu_tanh_cubic, &w->sqrt_2_over_pi, k);
    bd_set_si(k, 26829);
    bd_div_si(k, k, 200000);
    bd_mul(&w->gelu_tanh_cubic3, &w->sqrt_2_over_pi, k);
}

static int level_init(struct level *w, mpfr_prec_t precision, size_t row_length)
{
    w->precision = precision;
    w->row_length = row_length;
    w->row_exp = NULL;
    w->row_y = NULL;
    if (row_length > 0) {
        w->row_exp = malloc(row_length * sizeof *w->row_exp);
        w->row_y = malloc(row_length * sizeof *w->row_y);
        if (!w->row_exp || !w->row_y) {
            free(w->row_exp);
            free(w->row_y);
            return -1;
        }
        for (size_t i = 0; i < row_length; i++) {
            bd_init(&w->row_exp[i], precision);
            bd_init(&w->row_y[i], precision);
        }
    }
    struct bounded *all[LEVEL_BOUNDED_COUNT];
    level_bounded(w, all);
    for (int i = 0; i < LEVEL_BOUNDED_COUNT; i++)
        bd_init(all[i], precision);
    mpfr_inits2(precision, w->scaled, w->nearest, w->fraction, w->check, w->fraction_denominator,
                (mpfr_ptr)0);
    constants_init(w);
    w->ready = true;
    return 0;
}

static void level_clear(struct level *w)
{
    if (!w->ready)
        return;
    for (size_t i = 0; i < w->row_length; i++) {
        bd_clear(&w->row_exp[i]);
        bd_clear(&w->row_y[i]);
    }
    free(w->row_exp);
    free(w->row_y);
    struct bounded *all[LEVEL_BOUNDED_COUNT];
    level_bounded(w, all);
    for (int i = 0; i < LEVEL_BOUNDED_COUNT; i++)
        bd_clear(all[i]);
    mpfr_clears(w->scaled, w->nearest, w->fraction, w->check, w->fraction_denominator,
                (mpfr_ptr)0);
    w->ready = false;
}

/* The level of index k (precision REF_START_PRECISION * 2^k), set up on
 * first use; NULL when memory ran out. */
static struct level *level_get(struct workspace *ws, int k)
{
    struct level *w = &ws->level[k];
    if (!w->ready && level_init(w, (mpfr_prec_t)REF_START_PRECISION << k, ws->row_length) != 0)
        return NULL;
    return w;
}

static void workspace_clear(struct workspace *ws)
{
    for (int k = 0; k < LEVEL_COUNT; k++)
        level_clear(&ws->level[k]);
}

/* ------------------------------------------------------------------ */
/* 2. Rounding to the target format                                     */
/* ------------------------------------------------------------------ */

static double format_max_finite(enum number_format fmt)
{
    const struct format_info *fi = &format_catalog[fmt];
    return ldexp(2.0 - ldexp(1.0, 1 - fi->precision), fi->emax);
}

static int16_t clamp_exponent(long e)
{
    return (int16_t)(e > INT16_MAX ? INT16_MAX : e < INT16_MIN ? INT16_MIN : e);
}

static void point_nan(struct ref_point *out, enum number_format fmt)
{
    const struct format_info *fi = &format_catalog[fmt];
    out->rounded = NAN;
    out->tail = 0.0;
    out->flags = REF_NAN;
    out->ulp_exponent = (int16_t)(fi->emin - fi->precision + 1);
}

static void point_infinite(struct ref_point *out, enum number_format fmt, bool negative, bool exact)
{
    const struct format_info *fi = &format_catalog[fmt];
    out->rounded = negative ? -INFINITY : INFINITY;
    out->tail = 0.0;
    out->flags = exact ? REF_EXACT : 0;
    out->ulp_exponent = (int16_t)(fi->emax - fi->precision + 1);
}

/*
 * Round a value known exactly as a double (a float, or a product of two
 * floats) to the format, nearest-even, with the format's range and
 * subnormals.  v / q is exact (q a power of two, the quotient below 2^P),
 * and nearbyint rounds half to even in the default rounding mode.
 */
static void round_exact_double(double v, enum number_format fmt, struct ref_point *out)
{
    if (isnan(v)) {
        point_nan(out, fmt);
        return;
    }
    if (isinf(v)) {
        point_infinite(out, fmt, v < 0, true);
        return;
    }
    double q = format_ulp(fmt, v);
    double scaled_v = v / q;
    double nearest_n = nearbyint(scaled_v);
    double r = nearest_n * q;
    if (fabs(r) > format_max_finite(fmt)) {
        point_infinite(out, fmt, v < 0, false);
        out->ulp_exponent = clamp_exponent(ilogb(q));
        return;
    }
    out->rounded = (float)r;
    out->tail = scaled_v - nearest_n; /* exact: both within 2^53 and close */
    out->flags = out->tail == 0.0 ? REF_EXACT : 0;
    out->ulp_exponent = (int16_t)ilogb(q);
}

/* err / 2^qexp, rounded up when it leaves double's normal range. */
static double error_in_quanta(double err, long qexp)
{
    double e = ldexp(err, (int)-qexp);
    if (err > 0.0 && e < 0x1p-1022)
        e = 0x1p-1022;
    return e;
}

/*
 * Round b to the format and decide whether the rounding is certain (Ziv).
 * out always receives the rounding of b->v; the return value says whether
 * every real number within b->err of b->v rounds to the same value and the
 * tail is known to TAIL_ACCURACY ulp.
 *
 * For |v| in [2^(e-1), 2^e) the quantum is q = 2^max(e-P, emin-P+1);
 * n = v/q rounded half to even is the candidate, and f = v/q - n (exact)
 * its signed distance in quanta.  In magnitude the rounding boundaries are
 * n + 1/2 above and n - 1/2 below, except below a power of two 2^(e-1) of a
 * normal binade above the smallest: the quantum there halves and the
 * boundary is n - 1/4.  An infinite candidate (|v| past the largest finite
 * value plus half its ulp) needs |v| - err beyond that boundary.
 */
static bool round_bounded(struct level *w, const struct bounded *b, enum number_format fmt,
                          struct ref_point *out)
{
    const struct format_info *fi = &format_catalog[fmt];
    const int P = fi->precision;
    const double err = b->err;
    if (mpfr_nan_p(b->v)) {
        point_nan(out, fmt);
        return true;
    }
    if (mpfr_inf_p(b->v)) {
        point_infinite(out, fmt, mpfr_signbit(b->v), err == 0.0);
        return true;
    }
    if (mpfr_zero_p(b->v)) {
        long qexp = fi->emin - P + 1;
        out->rounded = mpfr_signbit(b->v) ? -0.0f : 0.0f;
        out->tail = 0.0;
        out->flags = err == 0.0 ? REF_EXACT : 0;
        out->ulp_exponent = (int16_t)qexp;
        return err == 0.0 || error_in_quanta(err, qexp) <= TAIL_ACCURACY;
    }
    const bool negative = mpfr_signbit(b->v);
    const long binade = (long)mpfr_get_exp(b->v) - 1;
    const long qexp = (binade > fi->emin ? binade : fi->emin) - P + 1;
    if (binade > fi->emax) {
        /* |v| >= 2^(emax+1): overflow; boundary 2^(emax+1) - 2^(emax-P) */
        point_infinite(out, fmt, negative, false);
        out->ulp_exponent = clamp_exponent(qexp);
        if (err == 0.0)
            return true;
        mpfr_abs(w->check, b->v, MPFR_RNDN);
        mpfr_sub_d(w->check, w->check, err, MPFR_RNDD);
        return mpfr_cmp_d(w->check, ldexp(2.0 - ldexp(1.0, -P), fi->emax)) > 0;
    }
    mpfr_mul_2si(w->scaled, b->v, -qexp, MPFR_RNDN);   /* exact */
    mpfr_roundeven(w->nearest, w->scaled);              /* |n| <= 2^P: exact */
    mpfr_sub(w->fraction, w->scaled, w->nearest, MPFR_RNDN); /* exact */
    double n = mpfr_get_d(w->nearest, MPFR_RNDN);
    double candidate = ldexp(n, (int)qexp);
    double err_q = error_in_quanta(err, qexp);
    if (fabs(candidate) > format_max_finite(fmt)) {
        point_infinite(out, fmt, negative, false);
        out->ulp_exponent = (int16_t)qexp;
        if (err == 0.0)
            return true;
        /* n = 2^P in magnitude and |v|/q = 2^P + f with f in [-1/2, 0):
         * |v| - err is past the boundary (2^P - 1/2) q when
         * f + 1/2 - err_q > 0 (f + 1/2 is exact) */
        if (negative)
            mpfr_neg(w->fraction, w->fraction, MPFR_RNDN);
        mpfr_add_d(w->check, w->fraction, 0.5, MPFR_RNDN);
        mpfr_sub_d(w->check, w->check, err_q, MPFR_RNDD);
        return mpfr_sgn(w->check) > 0;
    }
    out->rounded = (float)candidate;
    out->tail = mpfr_get_d(w->fraction, MPFR_RNDN);
    out->flags = err == 0.0 && mpfr_zero_p(w->fraction) ? REF_EXACT : 0;
    out->ulp_exponent = (int16_t)qexp;
    if (err == 0.0)
        return true;
    if (!(err_q <= TAIL_ACCURACY))
        return false;
    const double low_half = (fabs(n) == ldexp(1.0, P - 1) && binade > fi->emin) ? 0.25 : 0.5;
    /* f in magnitude, positive away from zero.  First in double: the tail
     * is f rounded to nearest (off by at most 2^-54) and each sum below
     * rounds by at most 2^-53, so a margin of 2^-50 decides the clear
     * cases; the others are decided exactly in MPFR. */
    const double f_magnitude = negative ? -out->tail : out->tail;
    if (f_magnitude + err_q < 0.5 - 0x1p-50 && f_magnitude - err_q > -low_half + 0x1p-50)
        return true;
    if (negative)
        mpfr_neg(w->fraction, w->fraction, MPFR_RNDN);
    mpfr_add_d(w->check, w->fraction, err_q, MPFR_RNDU);
    if (!(mpfr_cmp_d(w->check, 0.5) < 0))
        return false;
    mpfr_sub_d(w->check, w->fraction, err_q, MPFR_RNDD);
    return mpfr_cmp_d(w->check, -low_half) > 0;
}

/* ------------------------------------------------------------------ */
/* 3. Activations                                                      */
/* ------------------------------------------------------------------ */

/*
 * One elementwise activation at x (never NaN: the driver handles NaN): the
 * value f(x) into value and, when gradient is not NULL, f'(x) * dy into
 * gradient.  alpha is the activation's parameter where it has one.
 */
typedef void elementwise_fn(struct level *w, float x, float alpha, const struct bounded *dy,
                            struct bounded *value, struct bounded *gradient);

/* gradient = c * dy for a constant float c (a limit or a piece's slope) */
static void gradient_times_float(struct level *w, float c, const struct bounded *dy,
                                 struct bounded *gradient)
{
    struct bounded *f = &w->tmp[TEMPORARY_COUNT - 1];
    bd_set_float(f, c);
    bd_mul(gradient, f, dy);
}

/* e = exp(-t) for t = |x| >= 0, or its saturation interval for t > 600 */
static void exp_minus(struct level *w, float t, struct bounded *e)
{
    if (t > EXP_SATURATION) {
        bd_set_interval(e, EXP_SATURATED_BOUND, 1);
        return;
    }
    struct bounded *arg = &w->tmp[TEMPORARY_COUNT - 1];
    bd_set_float(arg, -t);
    bd_exp(e, arg);
}

/*
 * elu: x > 0 ? x : a (e^x - 1), derivative x > 0 ? 1 : a e^x.  One of
 * expm1 and exp gives both without cancellation: on [-1, 0] expm1(x) is
 * in [-0.64, 0] and e^x = 1 + expm1(x) in [0.36, 1]; below -1, e^x < 0.37
 * and e^x - 1 is in [-1, -0.63].
 */
static void elu_point(struct level *w, float x, float alpha, const struct bounded *dy,
                      struct bounded *value, struct bounded *gradient)
{
    struct bounded *a = &w->tmp[0], *xb = &w->tmp[1], *m = &w->tmp[2], *e = &w->tmp[3],
                   *d = &w->tmp[4];
    bd_set_float(a, alpha);
    if (x > 0.0f) {
        bd_set_float(value, x);
        if (gradient)
            gradient_times_float(w, 1.0f, dy, gradient);
        return;
    }
    if (isinf(x)) {
        /* elu(-inf) = -a; derivative a e^-inf = a * (+0) */
        bd_set_float(value, -alpha);
        if (gradient) {
            bd_set_float(e, 0.0f);
            bd_mul(d, a, e);
            bd_mul(gradient, d, dy);
        }
        return;
    }
    bd_set_float(xb, x);
    if (x >= -1.0f) {
        bd_expm1(m, xb); /* expm1(-0) = -0: elu(-0) = -0 */
        if (gradient)
            bd_add_si(e, m, 1);
    } else {
        exp_minus(w, -x, e);
        bd_add_si(m, e, -1);
    }
    bd_mul(value, a, m);
    if (gradient) {
        bd_mul(d, a, e);
        bd_mul(gradient, d, dy);
    }
}


/*
 * The logistic function from E = e^-|x|: Q = 1 + E, R = E/Q, and
 * sigmoid(x) = R for x < 0, 1/Q otherwise: neither form cancels.  sigmoid,
 * silu and gelu_tanh (whose (1 + tanh u)/2 is sigmoid(2u)) share it.
 */
static void logistic_from_exp(const struct bounded *e, bool negative, struct bounded *q,
                              struct bounded *r, struct bounded *s)
{
    bd_add_si(q, e, 1);
    bd_div(r, e, q);
    if (negative)
        bd_copy(s, r);
    else
        bd_si_div(s, 1, q);
}
/*
 * sigmoid with E = e^-|x|, Q = 1 + E: sigmoid(x) = 1/Q for x >= 0 and
 * E/Q for x < 0, derivative E/Q^2; no cancellation anywhere.
 */
static void sigmoid_point(struct level *w, float x, float alpha, const struct bounded *dy,
                          struct bounded *value, struct bounded *gradient)
{
    (void)alpha;
    struct bounded *e = &w->tmp[0], *q = &w->tmp[1], *r = &w->tmp[2], *d = &w->tmp[3];
    if (isinf(x)) {
        bd_set_float(value, x > 0 ? 1.0f : 0.0f);
        if (gradient)
            gradient_times_float(w, 0.0f, dy, gradient);
        return;
    }
    exp_minus(w, fabsf(x), e);
    logistic_from_exp(e, x < 0.0f, q, r, value);
    if (gradient) {
        bd_div(d, r, q);
        bd_mul(gradient, d, dy);
    }
}

/*
 * tanh(a) for a = |x|, sign restored at the end (tanh(-0) = -0), and
 * sech^2 = 1 - tanh^2.  For a <= 1/2: M = expm1(-2a), tanh a = -M/(2 + M),
 * sech^2 = 1 - tanh^2 >= 0.78 (no cancellation).  For a > 1/2:
 * E = e^-2a < 0.37, tanh a = (1 - E)/(1 + E), sech^2 = 4E/(1 + E)^2, which
 * keeps its relative accuracy as tanh a approaches 1.
 */
static void tanh_point(struct level *w, float x, float alpha, const struct bounded *dy,
                       struct bounded *value, struct bounded *gradient)
{
    (void)alpha;
    struct bounded *t = &w->tmp[0], *m = &w->tmp[1], *den = &w->tmp[2], *d = &w->tmp[3],
                   *arg = &w->tmp[4];
    if (isinf(x)) {
        bd_set_float(value, x > 0 ? 1.0f : -1.0f);
        if (gradient)
            gradient_times_float(w, 0.0f, dy, gradient);
        return;
    }
    float a = fabsf(x);
    if (a <= 0.5f) {
        bd_set_float(arg, -2.0f * a); /* exact */
        bd_expm1(m, arg);
        bd_add_si(den, m, 2);
        bd_div(t, m, den);
        bd_neg(t, t);
        if (gradient) {
            bd_mul(d, t, t);
            bd_neg(d, d);
            bd_add_si(d, d, 1);
        }
    } else {
        exp_minus(w, 2.0f * a, m); /* 2a is exact or +inf: both fine */
        bd_add_si(den, m, 1);
        bd_neg(t, m);
        bd_add_si(t, t, 1);
        bd_div(t, t, den);
        if (gradient) {
            bd_div(d, m, den);
            bd_div(d, d, den);
            bd_mul_2si(d, d, 2);
        }
    }
    if (signbit(x))
        bd_neg(value, t);
    else
        bd_copy(value, t);
    if (gradient)
        bd_mul(gradient, d, dy);
}

/*
 * clip((x + shift) / divisor, 0, 1) with slope 1/divisor on the open
 * interval between the kinks: keras (0.2 x + 0.5 = (x + 2.5)/5) and torch
 * (x/6 + 0.5 = (x + 3)/6).  The sum is exact once the precision covers the
 * exponent span of x and shift, so exact midpoints (x + shift divisible
 * by the divisor) come out with err 0 and round half to even.  The
 * gradient is dy / divisor with a single rounding.
 */
static void hard_sigmoid(struct level *w, float x, double shift, long divisor,
                         const struct bounded *dy, struct bounded *value,
                         struct bounded *gradient)
{
    struct bounded *s = &w->tmp[0];
    if (x <= -shift || x >= shift) {
        bd_set_float(value, x <= -shift ? 0.0f : 1.0f);
        if (gradient)
            gradient_times_float(w, 0.0f, dy, gradient);
        return;
    }
    bd_set_float(s, x);
    bd_add_d(s, s, shift);
    bd_div_si(value, s, divisor);
    if (gradient)
        bd_div_si(gradient, dy, divisor);
}

static void hard_sigmoid_keras_point(struct level *w, float x, float alpha,
                                     const struct bounded *dy, struct bounded *value,
                                     struct bounded *gradient)
{
    (void)alpha;
    hard_sigmoid(w, x, 2.5, 5, dy, value, gradient);
}

static void hard_sigmoid_torch_point(struct level *w, float x, float alpha,
                                     const struct bounded *dy, struct bounded *value,
                                     struct bounded *gradient)
{
    (void)alpha;
    hard_sigmoid(w, x, 3.0, 6, dy, value, gradient);
}

/*
 * The Mills ratio R(t) = Phi(-t) / phi(t), t >= 2, by Laplace's continued
 * fraction R(t) = 1/(t + 1/(t + 2/(t + 3/(t + ...)))) (Abramowitz & Stegun
 * 26.2.14; DLMF 7.9.2 for erfc).
 *
 * Truncation: the fraction has positive elements, so consecutive
 * convergents C_k bracket R and |R - C_n| <= |C_(n+1) - C_n| = n!/(B_n B_(n+1))
 * with the denominators B_0 = 1, B_1 = t, B_k = t B_(k-1) + (k-1) B_(k-2).
 * With rho_k = B_k / B_(k-1) (rho_1 = t, rho_(k+1) = t + k/rho_k) that bound
 * is T_0 = 1/t, T_k = T_(k-1) k / (rho_k rho_(k+1)); it is run in double with
 * an interval for rho to pick the depth n that makes T_n small against
 * R >= t/(t^2 + 1) (Gordon 1941) and to bound the truncation rigorously.
 *
 * Rounding: C_n is evaluated backwards, D_n = t, D_k = t + k/D_(k+1),
 * C_n = 1/D_1, two roundings to nearest per level.  Each level keeps the
 * relative error of D below that of D_(k+1) plus its two roundings (the
 * term k/D_(k+1) is a fraction w < 1 of D_k, so its relative error enters
 * with weight w), so |C_n^ - C_n| <= gamma_(2n-1) C_n, gamma_m = m u/(1 - m u),
 * u = 2^-p (Higham, Accuracy and Stability, lemma 3.1 for the products).
 */
static void mills_ratio(struct level *w, float t, struct bounded *r)
{
    const double td = t;
    const mpfr_prec_t p = w->precision;
    const double target = ldexp(td / (td * td + 1.0), -(int)p - 2);
    double rho_lo = td, rho_hi = td;
    double truncation = 1.0 / td * (1.0 + 0x1p-50);
    long depth = 0;
    while (truncation > target && depth < 100000000L) {
        depth++;
        double k = (double)depth;
        double next_lo = (td + k / rho_hi) * (1.0 - 0x1p-50);
        double next_hi = (td + k / rho_lo) * (1.0 + 0x1p-50);
        truncation = truncation * k / (rho_lo * next_lo) * (1.0 + 0x1p-50);
        rho_lo = next_lo;
        rho_hi = next_hi;
    }
    /* C_n with |R - C_n| <= T_n; T_0 = 1/t is never small enough, so n >= 1 */
    const long n = depth > 0 ? depth : 1;
    mpfr_t *d = &w->fraction_denominator;
    mpfr_set_flt(*d, t, MPFR_RNDN);
    for (long k = n - 1; k >= 1; k--) {
        mpfr_ui_div(*d, (unsigned long)k, *d, MPFR_RNDN);
        mpfr_add_d(*d, *d, td, MPFR_RNDN);
    }
    mpfr_ui_div(r->v, 1, *d, MPFR_RNDN);
    double mu = (2.0 * (double)n - 1.0) * ldexp(1.0, -(int)p);
    double gamma = mu < 0.5 ? above(mu / below(1.0 - mu)) : INFINITY;
    double relative = gamma < 0.5 ? above(gamma / below(1.0 - gamma)) : INFINITY;
    r->err = above(magnitude_above(r->v) * relative + truncation);
}

/*
 * x times a gate that goes from 0 to 1 (gelu, gelu_tanh, silu) at x = +-inf:
 * the value is +inf or -0 (the limit from below), the derivative 1 or -0.
 */
static void gated_limits(struct level *w, float x, const struct bounded *dy,
                         struct bounded *value, struct bounded *gradient)
{
    bd_set_float(value, x > 0 ? x : -0.0f);
    if (gradient)
        gradient_times_float(w, x > 0 ? 1.0f : -0.0f, dy, gradient);
}

/*
 * gelu = x Phi(x), derivative Phi(x) + x phi(x), phi(x) = e^(-x^2/2)/sqrt(2 pi).
 *   |x| < 3:       Phi from erf(x/sqrt 2) for x >= 0 and erfc(|x|/sqrt 2)/2
 *                  for x < 0, which keeps the relative accuracy of a small
 *                  Phi that 1 + erf would cancel away;
 *   3 <= |x| < 30: Phi(-t) = phi(t) R(t) by the continued fraction, with
 *                  gelu'(x) = phi(t) (R(t) - t) for x < 0;
 *   |x| >= 30:     the saturation intervals (see GELU_SATURATION).
 */
static void gelu_point(struct level *w, float x, float alpha, const struct bounded *dy,
                       struct bounded *value, struct bounded *gradient)
{
    (void)alpha;
    struct bounded *xb = &w->tmp[0], *phi = &w->tmp[1], *cdf = &w->tmp[2], *a = &w->tmp[3],
                   *b = &w->tmp[4], *d = &w->tmp[5];
    if (isinf(x)) {
        gated_limits(w, x, dy, value, gradient);
        return;
    }
    const float t = fabsf(x);
    bd_set_float(xb, x);
    if (x <= -GELU_SATURATION) {
        bd_set_interval(value, GELU_NEGATIVE_VALUE_BOUND, -1);
        if (gradient) {
            bd_set_interval(d, GELU_NEGATIVE_DERIVATIVE_BOUND, -1);
            bd_mul(gradient, d, dy);
        }
        return;
    }
    if (x >= GELU_SATURATION) {
        bd_set_float_err(cdf, 1.0f, GELU_PHI_TAIL);
        bd_mul(value, xb, cdf);
        if (gradient) {
            bd_set_float_err(d, 1.0f, GELU_DERIVATIVE_TAIL);
            bd_mul(gradient, d, dy);
        }
        return;
    }
    const bool continued_fraction = t >= GELU_CONTINUED_FRACTION;
    if (gradient || continued_fraction) {
        bd_mul(a, xb, xb); /* exact: 48 bits */
        bd_mul_2si(a, a, -1);
        bd_neg(a, a);
        bd_exp(b, a);
        bd_mul(phi, b, &w->one_over_sqrt_2pi);
    }
    if (continued_fraction) {
        mills_ratio(w, t, a);
        bd_mul(b, phi, a); /* Phi(-t) */
        if (x < 0.0f) {
            bd_mul(value, xb, b);
            if (gradient) {
                bd_set_float(d, t);
                bd_sub(d, a, d); /* R(t) - t */
                bd_mul(d, phi, d);
                bd_mul(gradient, d, dy);
            }
            return;
        }
        bd_neg(b, b);
        bd_add_si(cdf, b, 1);
    } else {
        bd_set_float(a, t);
        bd_mul(a, a, &w->one_over_sqrt2);
        if (x < 0.0f) {
            bd_erfc(b, a);
            bd_mul_2si(cdf, b, -1);
        } else {
            bd_erf(b, a); /* erf(+0) = +0 at x = -0: Phi = 1/2, gelu(-0) = -0 */
            bd_add_si(b, b, 1);
            bd_mul_2si(cdf, b, -1);
        }
    }
    bd_mul(value, xb, cdf);
    if (gradient) {
        bd_mul(d, xb, phi);
        bd_add(d, cdf, d);
        bd_mul(gradient, d, dy);
    }
}

/*
 * gelu_tanh = x (1 + tanh u)/2 with u = sqrt(2/pi) (x + 0.044715 x^3).
 * (1 + tanh u)/2 = sigmoid(2u), so with E = e^(-2|u|), Q = 1 + E it is
 * 1/Q for u >= 0 and E/Q for u < 0 (u has the sign of x), free of the
 * cancellation of 1 + tanh u for u << 0.  The derivative
 * (1 + tanh u)/2 + x/2 sech^2(u) u' with sech^2 u = 4E/Q^2 and
 * u' = sqrt(2/pi) (1 + 3 * 0.044715 x^2) is S + 2x (E/Q^2) u'.
 */
static void gelu_tanh_point(struct level *w, float x, float alpha, const struct bounded *dy,
                            struct bounded *value, struct bounded *gradient)
{
    (void)alpha;
    struct bounded *xb = &w->tmp[0], *sq = &w->tmp[1], *m = &w->tmp[2], *e = &w->tmp[3],
                   *q = &w->tmp[4], *r = &w->tmp[5], *s = &w->tmp[6], *d = &w->tmp[7],
                   *k = &w->tmp[8];
    if (isinf(x)) {
        gated_limits(w, x, dy, value, gradient);
        return;
    }
    const float t = fabsf(x);
    bd_set_float(xb, x);
    bd_mul(sq, xb, xb); /* exact */
    if (t >= GELU_TANH_SATURATION) {
        bd_set_interval(e, EXP_SATURATED_BOUND, 1);
    } else {
        bd_mul(m, &w->gelu_tanh_cubic, sq);
        bd_add(m, m, &w->sqrt_2_over_pi);
        bd_set_float(k, t);
        bd_mul(m, k, m); /* |u| */
        bd_mul_2si(m, m, 1);
        bd_neg(m, m);
        bd_exp(e, m);
    }
    logistic_from_exp(e, x < 0.0f, q, r, s);
    bd_mul(value, xb, s);
    if (gradient) {
        bd_div(d, r, q); /* E/Q^2 */
        bd_mul(m, &w->gelu_tanh_cubic3, sq);
        bd_add(m, m, &w->sqrt_2_over_pi); /* u' */
        bd_mul(d, d, m);
        bd_mul(d, d, xb);
        bd_mul_2si(d, d, 1);
        bd_add(d, s, d);
        bd_mul(gradient, d, dy);
    }
}

/*
 * silu = x sigmoid(x), derivative sigmoid(x) (1 + x (1 - sigmoid(x)))
 * = S + x E/Q^2 with E = e^-|x|, Q = 1 + E, S = sigmoid(x) as in sigmoid.
 */
static void silu_point(struct level *w, float x, float alpha, const struct bounded *dy,
                       struct bounded *value, struct bounded *gradient)
{
    (void)alpha;
    struct bounded *xb = &w->tmp[0], *e = &w->tmp[1], *q = &w->tmp[2], *r = &w->tmp[3],
                   *s = &w->tmp[4], *d = &w->tmp[5];
    if (isinf(x)) {
        gated_limits(w, x, dy, value, gradient);
        return;
    }
    bd_set_float(xb, x);
    exp_minus(w, fabsf(x), e);
    logistic_from_exp(e, x < 0.0f, q, r, s);
    bd_mul(value, xb, s);
    if (gradient) {
        bd_div(d, r, q);
        bd_mul(d, xb, d);
        bd_add(d, s, d);
        bd_mul(gradient, d, dy);
    }
}

/*
 * softplus = log(1 + e^x) = max(x, 0) + log1p(e^-|x|), derivative
 * sigmoid(x).  For |x| > 600, log1p(E) <= E is in [0, 2^-865] too.
 */
static void softplus_point(struct level *w, float x, float alpha, const struct bounded *dy,
                           struct bounded *value, struct bounded *gradient)
{
    (void)alpha;
    struct bounded *xb = &w->tmp[0], *e = &w->tmp[1], *l = &w->tmp[2], *q = &w->tmp[3],
                   *d = &w->tmp[4];
    if (isinf(x)) {
        bd_set_float(value, x > 0 ? x : 0.0f);
        if (gradient)
            gradient_times_float(w, x > 0 ? 1.0f : 0.0f, dy, gradient);
        return;
    }
    const float t = fabsf(x);
    exp_minus(w, t, e);
    if (t > EXP_SATURATION)
        bd_set_interval(l, EXP_SATURATED_BOUND, 1);
    else
        bd_log1p(l, e);
    if (x > 0.0f) {
        bd_set_float(xb, x);
        bd_add(value, xb, l);
    } else {
        bd_copy(value, l);
    }
    if (gradient) {
        bd_add_si(q, e, 1);
        if (x < 0.0f)
            bd_div(d, e, q);
        else
            bd_si_div(d, 1, q);
        bd_mul(gradient, d, dy);
    }
}

/* ------------------------------------------------------------------ */
/* 4. Drivers                                                          */
/* ------------------------------------------------------------------ */

static elementwise_fn *elementwise_function(enum activation_id act)
{
    switch (act) {
    case ACT_ELU: return elu_point;
    case ACT_SIGMOID: return sigmoid_point;
    case ACT_TANH: return tanh_point;
    case ACT_HARD_SIGMOID_KERAS: return hard_sigmoid_keras_point;
    case ACT_HARD_SIGMOID_TORCH: return hard_sigmoid_torch_point;
    case ACT_GELU: return gelu_point;
    case ACT_GELU_TANH: return gelu_tanh_point;
    case ACT_SILU: return silu_point;
    case ACT_SOFTPLUS: return softplus_point;
    default: return NULL;
    }
}

static void stats_level(struct ref_stats *stats, int k)
{
    if (!stats)
        return;
    int bits = REF_START_PRECISION << k;
    if (bits > stats->max_precision_used)
        stats->max_precision_used = bits;
}

static void mark_unresolved(struct ref_point *out, struct ref_stats *stats)
{
    out->flags |= REF_UNRESOLVED;
    if (stats)
        stats->unresolved++;
}

/* What an evaluation that could not run gives: NaN, flagged unresolved. */
static void fail_points(struct ref_point *out, size_t count, enum number_format fmt,
                        struct ref_stats *stats)
{
    if (!out)
        return;
    for (size_t i = 0; i < count; i++) {
        point_nan(&out[i], fmt);
        out[i].flags = REF_UNRESOLVED;
        if (stats)
            stats->unresolved++;
    }
}

/* MPFR's exponent range left (never expected, see the thresholds): no
 * result of this attempt can be trusted. */
static bool range_left(void)
{
    return mpfr_underflow_p() || mpfr_overflow_p();
}

static int evaluate_elementwise(struct workspace *ws, enum activation_id act,
                                const struct actbench_params *p, enum number_format fmt,
                                const float *x, const float *dy, size_t n,
                                struct ref_point *value, struct ref_point *gradient,
                                struct ref_stats *stats)
{
    elementwise_fn *f = elementwise_function(act);
    for (size_t i = 0; i < n; i++) {
        const float xi = x[i];
        if (stats)
            stats->evaluations++;
        if (isnan(xi)) {
            if (value)
                point_nan(&value[i], fmt);
            if (gradient)
                point_nan(&gradient[i], fmt);
            stats_level(stats, 0);
            continue;
        }
        bool value_due = value != NULL, gradient_due = gradient != NULL;
        for (int k = 0; k < LEVEL_COUNT; k++) {
            struct level *w = level_get(ws, k);
            if (!w)
                return -1;
            const bool last = k == LEVEL_COUNT - 1;
            if (gradient)
                bd_set_float(&w->dy, dy[i]);
            mpfr_clear_underflow();
            mpfr_clear_overflow();
            f(w, xi, p->alpha, &w->dy, &w->value, gradient ? &w->gradient : NULL);
            const bool trusted = !range_left();
            if (value_due) {
                bool ok = round_bounded(w, &w->value, fmt, &value[i]) && trusted;
                if (ok || last) {
                    value_due = false;
                    if (!ok)
                        mark_unresolved(&value[i], stats);
                }
            }
            if (gradient_due) {
                bool ok = round_bounded(w, &w->gradient, fmt, &gradient[i]) && trusted;
                if (ok || last) {
                    gradient_due = false;
                    if (!ok)
                        mark_unresolved(&gradient[i], stats);
                }
            }
            if (!value_due && !gradient_due) {
                stats_level(stats, k);
                break;
            }
            if (stats)
                stats->retries++;
        }
    }
    return 0;
}

/*
 * relu, leaky_relu, prelu: exact in double.  Value x > 0 ? x : s x with
 * s = 0 for relu (relu gives +0 for x <= 0: max(0, x), relu(-0) = +0), a
 * or a_c; gradient (x > 0 ? 1 : s) * dy; prelu's parameter gradient
 * x > 0 ? +0 : dy x.  NaN x gives NaN everywhere.
 */
static void evaluate_piecewise_linear(enum activation_id act, const struct actbench_params *p,
                                      enum number_format fmt, const float *x, const float *dy,
                                      size_t n, struct ref_point *value,
                                      struct ref_point *gradient, struct ref_point *dparam,
                                      struct ref_stats *stats)
{
    for (size_t i = 0; i < n; i++) {
        const double xi = x[i];
        double slope = act == ACT_RELU    ? 0.0
                       : act == ACT_PRELU ? (double)p->channel_alpha[i % p->channels]
                                          : (double)p->alpha;
        bool nan_in = isnan(xi);
        if (stats) {
            stats->evaluations++;
            stats_level(stats, 0);
        }
        if (value) {
            double v = nan_in ? xi : xi > 0 ? xi : act == ACT_RELU ? 0.0 : slope * xi;
            round_exact_double(v, fmt, &value[i]);
        }
        if (gradient) {
            double g = nan_in ? xi : (xi > 0 ? 1.0 : slope) * (double)dy[i];
            round_exact_double(g, fmt, &gradient[i]);
        }
        if (dparam && act == ACT_PRELU) {
            double g = nan_in ? xi : xi > 0 ? 0.0 : (double)dy[i] * xi;
            round_exact_double(g, fmt, &dparam[i]);
        }
    }
}

/*
 * maxout: y_g is the IEEE maximum of the group (as mpfr_max: the maximum of
 * -0 and +0 is +0), NaN when the group holds a NaN; the gradient sends dy_g
 * to the first arg-max (the first element equal to the maximum) and +0 to
 * the others; in a group that holds a NaN the first NaN is the arg-max (as
 * torch.max: the NaN is what propagates, so it takes the gradient).  Exact.
 */
static void evaluate_maxout(const struct actbench_params *p, enum number_format fmt, const float *x,
                            const float *dy, size_t n, struct ref_point *value,
                            struct ref_point *gradient, struct ref_stats *stats)
{
    const size_t k = p->group;
    for (size_t g = 0; g < n / k; g++) {
        const float *group = x + g * k;
        bool has_nan = false;
        float best = -INFINITY;
        size_t arg = 0;
        for (size_t j = 0; j < k; j++) {
            if (isnan(group[j])) {
                if (!has_nan)
                    arg = j;
                has_nan = true;
            } else if (has_nan) {
                continue;
            } else if (group[j] > best || j == 0) {
                best = group[j];
                arg = j;
            } else if (group[j] == 0.0f && best == 0.0f && !signbit(group[j])) {
                best = 0.0f; /* max(-0, +0) = +0; the arg-max stays the first */
            }
        }
        if (stats) {
            stats->evaluations += k;
            stats_level(stats, 0);
        }
        if (value)
            round_exact_double(has_nan ? NAN : best, fmt, &value[g]);
        if (gradient)
            for (size_t j = 0; j < k; j++)
                round_exact_double(j == arg ? (double)dy[g] : 0.0, fmt, &gradient[g * k + j]);
    }
}

/*
 * One softmax row at one precision: y_i = E_i / sum_j E_j with E_i =
 * exp(x_i - m), m the largest entry; for a row with +inf entries E_i = 1 on
 * them and 0 elsewhere (they share 1); -inf entries have E_i = 0.  Then
 * dx_i = y_i (dy_i - s), s = sum_j dy_j y_j.  When the computed dy_i - s
 * cannot be told from 0 it is recomputed as sum_j (dy_i - dy_j) y_j, which
 * is exactly 0 when the dy the row weighs are all equal.
 */
static void softmax_row_at(struct level *w, const float *x, const float *dy, size_t row,
                           size_t infinities, float m, bool want_gradient)
{
    struct bounded *sum = &w->tmp[0], *arg = &w->tmp[1], *s = &w->tmp[2], *t = &w->tmp[3],
                   *dyb = &w->tmp[4];
    const double exp_floor = nextafter((double)m - (double)EXP_SATURATION, -INFINITY);
    for (size_t i = 0; i < row; i++) {
        struct bounded *e = &w->row_exp[i];
        if (infinities > 0) {
            bd_set_float(e, x[i] == INFINITY ? 1.0f : 0.0f);
        } else if (x[i] == -INFINITY) {
            bd_set_float(e, 0.0f);
        } else if ((double)x[i] < exp_floor) {
            /* x_i - m < -600 (exactly: exp_floor <= m - 600) */
            bd_set_interval(e, EXP_SATURATED_BOUND, 1);
        } else {
            bd_set_float(arg, x[i]);
            bd_set_float(t, m);
            bd_sub(arg, arg, t);
            bd_exp(e, arg);
        }
        if (i == 0)
            bd_copy(sum, e);
        else
            bd_add(sum, sum, e);
    }
    for (size_t i = 0; i < row; i++)
        bd_div(&w->row_y[i], &w->row_exp[i], sum);
    if (!want_gradient)
        return;
    for (size_t j = 0; j < row; j++) {
        bd_set_float(dyb, dy[j]);
        bd_mul(t, dyb, &w->row_y[j]);
        if (j == 0)
            bd_copy(s, t);
        else
            bd_add(s, s, t);
    }
    /* w->row_exp is free now: it receives the gradient */
    for (size_t i = 0; i < row; i++) {
        struct bounded *d = &w->row_exp[i];
        bd_set_float(dyb, dy[i]);
        bd_sub(d, dyb, s);
        if (!(magnitude_below(d->v) > d->err)) {
            for (size_t j = 0; j < row; j++) {
                bd_set_float(t, dy[i]);
                bd_set_float(dyb, dy[j]);
                bd_sub(t, t, dyb);
                bd_mul(t, t, &w->row_y[j]);
                if (j == 0)
                    bd_copy(d, t);
                else
                    bd_add(d, d, t);
            }
        }
        bd_mul(d, &w->row_y[i], d);
    }
}

static int evaluate_softmax(struct workspace *ws, const struct actbench_params *p,
                            enum number_format fmt, const float *x, const float *dy, size_t n,
                            struct ref_point *value, struct ref_point *gradient,
                            struct ref_stats *stats)
{
    const size_t row = p->row_length;
    bool *value_due = malloc(row * sizeof *value_due);
    bool *gradient_due = malloc(row * sizeof *gradient_due);
    if (!value_due || !gradient_due) {
        free(value_due);
        free(gradient_due);
        return -1;
    }
    int status = 0;
    for (size_t r = 0; r + row <= n && status == 0; r += row) {
        const float *xr = x + r;
        const float *dyr = gradient ? dy + r : NULL;
        bool has_nan = false;
        size_t infinities = 0, minus_infinities = 0;
        float m = -INFINITY;
        for (size_t i = 0; i < row; i++) {
            has_nan |= isnan(xr[i]);
            infinities += xr[i] == INFINITY;
            minus_infinities += xr[i] == -INFINITY;
            if (xr[i] > m)
                m = xr[i];
        }
        if (stats)
            stats->evaluations += row;
        if (has_nan || minus_infinities == row) {
            for (size_t i = 0; i < row; i++) {
                if (value)
                    point_nan(&value[r + i], fmt);
                if (gradient)
                    point_nan(&gradient[r + i], fmt);
            }
            stats_level(stats, 0);
            continue;
        }
        size_t due = 0;
        for (size_t i = 0; i < row; i++) {
            value_due[i] = value != NULL;
            gradient_due[i] = gradient != NULL;
            due += value_due[i] + gradient_due[i];
        }
        for (int k = 0; k < LEVEL_COUNT && due > 0; k++) {
            struct level *w = level_get(ws, k);
            if (!w) {
                status = -1;
                break;
            }
            const bool last = k == LEVEL_COUNT - 1;
            mpfr_clear_underflow();
            mpfr_clear_overflow();
            softmax_row_at(w, xr, dyr, row, infinities, m, gradient != NULL);
            const bool trusted = !range_left();
            for (size_t i = 0; i < row; i++) {
                if (value_due[i]) {
                    bool ok = round_bounded(w, &w->row_y[i], fmt, &value[r + i]) && trusted;
                    if (ok || last) {
                        value_due[i] = false;
                        due--;
                        if (!ok)
                            mark_unresolved(&value[r + i], stats);
                    }
                }
                if (gradient_due[i]) {
                    bool ok = round_bounded(w, &w->row_exp[i], fmt, &gradient[r + i]) && trusted;
                    if (ok || last) {
                        gradient_due[i] = false;
                        due--;
                        if (!ok)
                            mark_unresolved(&gradient[r + i], stats);
                    }
                }
            }
            stats_level(stats, k);
            if (due > 0 && stats)
                stats->retries++;
        }
    }
    free(value_due);
    free(gradient_due);
    return status;
}

/* Parameters the drivers divide by or index with must be usable. */
static bool parameters_usable(enum activation_id act, const struct actbench_params *p, size_t n)
{
    switch (act) {
    case ACT_PRELU: return p->channels > 0 && p->channel_alpha != NULL;
    case ACT_SOFTMAX: return p->row_length > 0 && n % p->row_length == 0;
    case ACT_MAXOUT: return p->group > 0 && n % p->group == 0;
    default: return true;
    }
}

void ref_evaluate(enum activation_id act, const struct actbench_params *p, enum number_format fmt,
                  const float *x, const float *dy, size_t n, struct ref_point *value,
                  struct ref_point *gradient, struct ref_point *dparam, struct ref_stats *stats)
{
    if (!parameters_usable(act, p, n)) {
        /* nothing sound to compute: every output is reported unresolved */
        size_t groups = act == ACT_MAXOUT && p->group > 0 ? n / p->group : n;
        fail_points(value, groups, fmt, stats);
        fail_points(gradient, n, fmt, stats);
        fail_points(dparam, n, fmt, stats);
        return;
    }
    const size_t outputs = activation_output_count(act, p, n);
    if (gradient && !dy) {
        /* the gradient needs dy: nothing to compute it from */
        fail_points(gradient, n, fmt, stats);
        gradient = NULL;
    }
    if (dparam && (act != ACT_PRELU || !dy)) {
        fail_points(dparam, n, fmt, stats);
        dparam = NULL;
    }
    switch (act) {
    case ACT_RELU:
    case ACT_LEAKY_RELU:
    case ACT_PRELU:
        evaluate_piecewise_linear(act, p, fmt, x, dy, n, value, gradient, dparam, stats);
        return;
    case ACT_MAXOUT:
        evaluate_maxout(p, fmt, x, dy, n, value, gradient, stats);
        return;
    default:
        break;
    }
    struct workspace ws = {.row_length = act == ACT_SOFTMAX ? p->row_length : 0};
    int status = act == ACT_SOFTMAX
                     ? evaluate_softmax(&ws, p, fmt, x, dy, n, value, gradient, stats)
                     : evaluate_elementwise(&ws, act, p, fmt, x, dy, n, value, gradient, stats);
    workspace_clear(&ws);
    if (status != 0) {
        /* out of memory: every point is reported unresolved rather than
         * half-computed */
        fail_points(value, outputs, fmt, stats);
        fail_points(gradient, n, fmt, stats);
    }
}

/* ------------------------------------------------------------------ */
/* Comparisons                                                         */
/* ------------------------------------------------------------------ */

double ulp_error(const struct ref_point *ref, float got)
{
    if (isinf(got))
        return got > 0 ? INFINITY : -INFINITY;
    /* got - rounded is exact in double whenever it matters: both are
     * floats, so it is exact when their exponents differ by at most 29 */
    double difference = (double)got - (double)ref->rounded;
    return ldexp(difference, -ref->ulp_exponent) - ref->tail;
}

int ref_special_mismatch(const struct ref_point *ref, float got)
{
    const float want = ref->rounded;
    if (isnan(want) || (ref->flags & REF_NAN))
        return !isnan(got);
    if (isnan(got))
        return 1;
    if (isinf(want))
        return got != want;
    if (isinf(got))
        return 1;
    if ((ref->flags & REF_EXACT) && want == 0.0f && got == 0.0f)
        return signbit(got) != signbit(want);
    return 0;
}

void ref_release_thread_caches(void)
{
    mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE);
}

const char *ref_mpfr_version(void)
{
    return mpfr_get_version();
}
