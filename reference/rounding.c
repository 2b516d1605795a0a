/*
 * Ziv rounding (see rounding.h): rounding a bounded value to a format with
 * its tail, the precision levels and their working storage, and the
 * comparison of a computed value with a reference point.
 */
#include "rounding.h"

#include <math.h>
#include <stdlib.h>

/* ------------------------------------------------------------------ */
/* Working storage: one set per precision level                        */
/* ------------------------------------------------------------------ */

/* Every struct bounded of a level but the rows. */
#define LEVEL_BOUNDED_COUNT (TEMPORARY_COUNT + 3 + CONSTANT_COUNT)
static void level_bounded(struct level *w, struct bounded *all[LEVEL_BOUNDED_COUNT])
{
    int k = 0;
    for (int i = 0; i < TEMPORARY_COUNT; i++)
        all[k++] = &w->tmp[i];
    all[k++] = &w->dy;
    all[k++] = &w->value;
    all[k++] = &w->gradient;
    for (int i = 0; i < CONSTANT_COUNT; i++)
        all[k++] = &w->constant[i];
}

static struct bounded *row_new(size_t length, mpfr_prec_t precision)
{
    struct bounded *row = malloc(length * sizeof *row);
    if (row)
        for (size_t i = 0; i < length; i++)
            bd_init(&row[i], precision);
    return row;
}

static void row_free(struct bounded *row, size_t length)
{
    if (!row)
        return;
    for (size_t i = 0; i < length; i++)
        bd_clear(&row[i]);
    free(row);
}

static int level_init(struct level *w, mpfr_prec_t precision, size_t row_length,
                      level_constants_fn *constants)
{
    w->precision = precision;
    w->row_length = row_length;
    w->row_exp = w->row_value = w->row_gradient = NULL;
    if (row_length > 0) {
        w->row_exp = row_new(row_length, precision);
        w->row_value = row_new(row_length, precision);
        w->row_gradient = row_new(row_length, precision);
        if (!w->row_exp || !w->row_value || !w->row_gradient) {
            row_free(w->row_exp, row_length);
            row_free(w->row_value, row_length);
            row_free(w->row_gradient, row_length);
            return -1;
        }
    }
    struct bounded *all[LEVEL_BOUNDED_COUNT];
    level_bounded(w, all);
    for (int i = 0; i < LEVEL_BOUNDED_COUNT; i++)
        bd_init(all[i], precision);
    mpfr_inits2(precision, w->scaled, w->nearest, w->fraction, w->check, w->scratch, (mpfr_ptr)0);
    if (constants)
        constants(w);
    w->ready = true;
    return 0;
}

static void level_clear(struct level *w)
{
    if (!w->ready)
        return;
    row_free(w->row_exp, w->row_length);
    row_free(w->row_value, w->row_length);
    row_free(w->row_gradient, w->row_length);
    struct bounded *all[LEVEL_BOUNDED_COUNT];
    level_bounded(w, all);
    for (int i = 0; i < LEVEL_BOUNDED_COUNT; i++)
        bd_clear(all[i]);
    mpfr_clears(w->scaled, w->nearest, w->fraction, w->check, w->scratch, (mpfr_ptr)0);
    w->ready = false;
}

struct level *level_get(struct workspace *ws, int k)
{
    struct level *w = &ws->level[k];
    if (!w->ready &&
        level_init(w, (mpfr_prec_t)REF_START_PRECISION << k, ws->row_length, ws->constants) != 0)
        return NULL;
    return w;
}

void workspace_clear(struct workspace *ws)
{
    for (int k = 0; k < LEVEL_COUNT; k++)
        level_clear(&ws->level[k]);
}

/* ------------------------------------------------------------------ */
/* Rounding to the target format                                       */
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

void point_nan(struct ref_point *out, enum number_format fmt)
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
 * v / q is exact (q a power of two, the quotient below 2^P),
 * and nearbyint rounds half to even in the default rounding mode.
 */
void round_exact_double(double v, enum number_format fmt, struct ref_point *out)
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
 * For |v| in [2^(e-1), 2^e) the quantum is q = 2^max(e-P, emin-P+1);
 * n = v/q rounded half to even is the candidate, and f = v/q - n (exact)
 * its signed distance in quanta.  In magnitude the rounding boundaries are
 * n + 1/2 above and n - 1/2 below, except below a power of two 2^(e-1) of a
 * normal binade above the smallest: the quantum there halves and the
 * boundary is n - 1/4.  An infinite candidate (|v| past the largest finite
 * value plus half its ulp) needs |v| - err beyond that boundary.
 */
bool round_bounded(struct level *w, const struct bounded *b, enum number_format fmt,
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
