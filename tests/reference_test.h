/*
 * What the tests of the MPFR reference share: the activations they call,
 * their default parameters, published constants, MPFR's own rounding to a
 * format (independent of the reference's quantum arithmetic) and point
 * comparisons.  Header-only, like check.h: each test is one program.
 */
#ifndef ACTBENCH_TEST_REFERENCE_TEST_H
#define ACTBENCH_TEST_REFERENCE_TEST_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "../harness/catalog.h"

#define WORK_PRECISION 600
#define TAIL_TOLERANCE 1e-8

/* ------------------------------------------------------------------ */
/* Activations                                                         */
/* ------------------------------------------------------------------ */

/* An activation of the catalog, for the tests: its reference function and
 * its default parameters come from harness/catalog.inc. */
struct reference_case {
    const char *name;
    ref_function *reference;
    enum activation_id id;
    float alpha;  /* the catalog's default parameter; 0 when there is none */
    bool vector;  /* rows or groups */
};

static struct reference_case reference_cases[ACT_COUNT];
#define REFERENCE_CASE_COUNT ((size_t)ACT_COUNT)

static inline void reference_cases_fill(void)
{
    for (size_t i = 0; i < REFERENCE_CASE_COUNT; i++) {
        const struct activation_info *info = &activation_catalog[i];
        reference_cases[i] = (struct reference_case){
            .name = info->name,
            .reference = info->reference,
            .id = (enum activation_id)i,
            .alpha = info->kind == ACT_ELEMENTWISE_PARAM ? (float)info->param_default : 0.0f,
            .vector = info->kind == ACT_VECTOR,
        };
    }
}

static inline const struct reference_case *activation(const char *name)
{
    if (!reference_cases[0].name)
        reference_cases_fill();
    for (size_t i = 0; i < REFERENCE_CASE_COUNT; i++)
        if (strcmp(reference_cases[i].name, name) == 0)
            return &reference_cases[i];
    fprintf(stderr, "no reference for %s\n", name);
    exit(2);
}

/* The catalog's defaults (harness/catalog.c). */
static inline struct actbench_params default_params(const struct reference_case *a)
{
    struct actbench_params p;
    act_params_default(a->id, &p);
    return p;
}

/* value and gradient of n inputs (stats may be NULL) */
static inline void evaluate(const struct reference_case *a, const struct actbench_params *p,
                            enum number_format fmt, const float *x, const float *dy, size_t n,
                            struct ref_point *value, struct ref_point *gradient,
                            struct ref_stats *stats)
{
    a->reference(&(struct ref_request){.params = p, .format = fmt, .x = x, .dy = dy, .n = n,
                                       .value = value, .gradient = gradient, .stats = stats});
}

/* one input with the default parameters */
static inline void evaluate_point(const struct reference_case *a, enum number_format fmt, float x,
                                  float dy, struct ref_point *value, struct ref_point *gradient,
                                  struct ref_stats *stats)
{
    struct actbench_params p = default_params(a);
    evaluate(a, &p, fmt, &x, &dy, 1, value, gradient, stats);
}

/* ------------------------------------------------------------------ */
/* Published constants (each checked against MPFR to all its digits)   */
/* ------------------------------------------------------------------ */

/* 1/e, OEIS A068985 */
static const char *const INVERSE_E =
    "0.367879441171442321595523770161460867445811131031767834507836801697461495744899803357147"
    "274345919643746627";

/* ------------------------------------------------------------------ */
/* MPFR numbers                                                        */
/* ------------------------------------------------------------------ */

static inline mpfr_ptr new_number(void)
{
    mpfr_ptr v = malloc(sizeof *v);
    if (!v) {
        fputs("out of memory\n", stderr);
        exit(2);
    }
    mpfr_init2(v, WORK_PRECISION);
    return v;
}

static inline void free_number(mpfr_ptr v)
{
    mpfr_clear(v);
    free(v);
}

static inline mpfr_ptr number_from(const char *decimal)
{
    mpfr_ptr v = new_number();
    mpfr_set_str(v, decimal, 10, MPFR_RNDN);
    return v;
}

static inline bool same_bits(float a, float b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

/* ------------------------------------------------------------------ */
/* Independent rounding                                                */
/* ------------------------------------------------------------------ */

/*
 * v rounded to the format by MPFR itself: in the format's exponent range
 * (MPFR's exponents are one above IEEE's) with mpfr_subnormalize, which
 * rounds once, correctly, to the subnormal grid.  The tail is
 * (v - rounded) / ulp with the ulp of v's own binade.
 */
static inline float independent_round(const mpfr_t v, enum number_format fmt, double *tail)
{
    const struct format_info *fi = &format_catalog[fmt];
    const mpfr_exp_t low = fi->emin - fi->precision + 2, high = fi->emax + 1;
    *tail = 0.0;
    if (mpfr_nan_p(v))
        return NAN;
    if (mpfr_inf_p(v) || (mpfr_regular_p(v) && mpfr_get_exp(v) > high))
        return mpfr_signbit(v) ? -INFINITY : INFINITY;
    float rounded;
    if (mpfr_zero_p(v) || mpfr_get_exp(v) < low - 1) {
        /* |v| < 2^(low-2), half the smallest subnormal 2^(low-1): to zero */
        rounded = mpfr_signbit(v) ? -0.0f : 0.0f;
    } else if (mpfr_get_exp(v) == low - 1) {
        /* |v| in [2^(low-2), 2^(low-1)): outside MPFR's reduced range, so by
         * hand: the midpoint 2^(low-2) goes to 0 (even), the rest up */
        bool midpoint = mpfr_cmp_ui_2exp(v, 1, low - 2) == 0 ||
                        mpfr_cmp_si_2exp(v, -1, low - 2) == 0;
        float smallest = ldexpf(1.0f, (int)low - 1);
        rounded = midpoint ? 0.0f : smallest;
        if (mpfr_signbit(v))
            rounded = -rounded;
    } else {
        const mpfr_exp_t saved_min = mpfr_get_emin(), saved_max = mpfr_get_emax();
        mpfr_t r;
        mpfr_init2(r, fi->precision);
        mpfr_set_emin(low);
        mpfr_set_emax(high);
        int ternary = mpfr_set(r, v, MPFR_RNDN);
        ternary = mpfr_check_range(r, ternary, MPFR_RNDN);
        mpfr_subnormalize(r, ternary, MPFR_RNDN);
        mpfr_set_emin(saved_min);
        mpfr_set_emax(saved_max);
        rounded = mpfr_get_flt(r, MPFR_RNDN);
        mpfr_clear(r);
    }
    if (isinf(rounded) || mpfr_zero_p(v))
        return rounded;
    long binade = (long)mpfr_get_exp(v) - 1;
    long qexp = (binade > fi->emin ? binade : fi->emin) - fi->precision + 1;
    mpfr_t d;
    mpfr_init2(d, WORK_PRECISION);
    mpfr_sub_d(d, v, rounded, MPFR_RNDN);
    mpfr_mul_2si(d, d, -qexp, MPFR_RNDN);
    *tail = mpfr_get_d(d, MPFR_RNDN);
    mpfr_clear(d);
    return rounded;
}

/* The reference point must round like v and carry its tail. */
static inline bool matches(const struct ref_point *ref, const mpfr_t v, enum number_format fmt,
                           float *want, double *want_tail)
{
    *want = independent_round(v, fmt, want_tail);
    if (!same_bits(ref->rounded, *want) || (ref->flags & REF_UNRESOLVED))
        return false;
    if (isnan(*want) || isinf(*want))
        return true;
    return fabs(ref->tail - *want_tail) <= TAIL_TOLERANCE;
}

static inline bool agrees(const struct ref_point *ref, const mpfr_t v, enum number_format fmt)
{
    float want;
    double want_tail;
    return matches(ref, v, fmt, &want, &want_tail);
}

/* The point is want, with REF_EXACT and a zero tail when exact (REF_NAN for
 * a NaN), else without REF_EXACT; never unresolved. */
static inline bool point_is(const struct ref_point *r, float want, bool exact)
{
    if (!same_bits(r->rounded, want) || (r->flags & REF_UNRESOLVED))
        return false;
    if (isnan(want))
        return (r->flags & REF_NAN) != 0;
    return exact ? (r->flags & REF_EXACT) && r->tail == 0.0 : !(r->flags & REF_EXACT);
}

/* ------------------------------------------------------------------ */
/* Pseudo-random inputs                                                */
/* ------------------------------------------------------------------ */

static inline uint64_t splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* uniform in [-1, 1), 24 random bits */
static inline float random_unit(uint64_t *state)
{
    return (float)(-1.0 + 2.0 * (double)(splitmix(state) >> 40) * 0x1p-24);
}

#endif
