/*
 * gelu = x Phi(x), Phi the standard normal distribution function; see
 * gelu_point.
 */
#include <math.h>

#include "reference.h"

#include "drivers.h"
#include "pointwise.h"

/* The catalog (harness/catalog.inc) points to ref_gelu. */
ref_function ref_gelu;

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

enum { GELU_ONE_OVER_SQRT2, GELU_ONE_OVER_SQRT_2PI };

static void gelu_constants(struct level *w)
{
    struct bounded *pi = &w->tmp[0], *t = &w->tmp[1];
    bd_const_pi(pi);
    /* 1/sqrt(2) = sqrt(1/2) */
    mpfr_set_d(t->v, 0.5, MPFR_RNDN);
    t->err = 0.0;
    bd_sqrt(&w->constant[GELU_ONE_OVER_SQRT2], t);
    /* 1/sqrt(2 pi) */
    bd_mul_2si(t, pi, 1);
    bd_sqrt(t, t);
    bd_si_div(&w->constant[GELU_ONE_OVER_SQRT_2PI], 1, t);
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
    mpfr_t *d = &w->scratch;
    mpfr_set_flt(*d, t, MPFR_RNDN);
    for (long k = n - 1; k >= 1; k--) {
        mpfr_ui_div(*d, (unsigned long)k, *d, MPFR_RNDN);
        mpfr_add_d(*d, *d, td, MPFR_RNDN);
    }
    mpfr_ui_div(r->v, 1, *d, MPFR_RNDN);
    double mu = (2.0 * (double)n - 1.0) * ldexp(1.0, -(int)p);
    double gamma = mu < 0.5 ? bound_above(mu / bound_below(1.0 - mu)) : INFINITY;
    double relative = gamma < 0.5 ? bound_above(gamma / bound_below(1.0 - gamma)) : INFINITY;
    r->err = bound_above(bd_magnitude_above(r->v) * relative + truncation);
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
static void gelu_point(struct level *w, float x, const struct actbench_params *p,
                       const struct bounded *dy, struct bounded *value,
                       struct bounded *gradient)
{
    (void)p;
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
        bd_mul(phi, b, &w->constant[GELU_ONE_OVER_SQRT_2PI]);
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
        bd_mul(a, a, &w->constant[GELU_ONE_OVER_SQRT2]);
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

void ref_gelu(const struct ref_request *request)
{
    run_elementwise(request, gelu_point, gelu_constants);
}
