/*
 * Checks of the MPFR reference (reference/reference.c).
 *
 *  1. Published constants: activations at points where they reduce to
 *     exp, expm1, log1p, tanh, erf and erfc (through the normal tail
 *     probabilities), compared with decimal expansions from OEIS.  The
 *     decimal string is read into MPFR at 600 bits (algebraic operations on
 *     such strings, like E/(1 + E), are done there too), rounded to the
 *     format by MPFR's own subnormal emulation (mpfr_subnormalize in the
 *     format's exponent range, independent of the reference's quantum
 *     arithmetic), and the reference must give the same value and a tail
 *     within 1e-8 ulp.
 *  2. Special inputs (NaN, +-inf, +-0) of every activation, bit for bit,
 *     with the exactness flags.
 *  3. Ziv's loop: points that need a retry, exact midpoints that must
 *     round half to even without one, and sweeps with no unresolved point.
 *  4. Rounding to bf16 and f16: range, overflow, subnormals, the ulp below
 *     a power of two.
 *  5. softmax rows and maxout groups, with their special rules.
 *  6. A cross-check on a sample against the catalog's formulas written
 *     naively in MPFR at 600 bits.
 *
 * One line per check; the last line counts them.  Exit status 0 only if
 * every check passed.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "../reference/reference.h"

#define WORK_PRECISION 600
#define TAIL_TOLERANCE 1e-8

#include "check.h"

static bool same_bits(float a, float b)
{
    return memcmp(&a, &b, sizeof a) == 0 || (isnan(a) && isnan(b));
}

/* ------------------------------------------------------------------ */
/* Published constants (each checked against MPFR to all its digits)   */
/* ------------------------------------------------------------------ */

/* 1/e, OEIS A068985 */
static const char *const INVERSE_E =
    "0.367879441171442321595523770161460867445811131031767834507836801697461495744899803357147"
    "274345919643746627";
/* 1 - 1/e, OEIS A068996 */
static const char *const ONE_MINUS_INVERSE_E =
    "0.632120558828557678404476229838539132554188868968232165492163198302538504255100196642852"
    "725654080356";
/* tanh(1), OEIS A073744 */
static const char *const TANH_1 =
    "0.761594155955764888119458282604793590412768597257936551596810500121953244576638483458947"
    "52167367671442190";
/* ln 2, OEIS A002162 */
static const char *const LN_2 =
    "0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863"
    "326996418687";
/* sqrt(pi), OEIS A002161 */
static const char *const SQRT_PI =
    "1.772453850905516027298167483341145182797549456122387128213807789852911284591032181374950"
    "656738544665";
/* Phi(-n) = erfc(n/sqrt 2)/2, the probability that a standard normal
 * variable exceeds n: OEIS A239383 (n = 2), A239384 (n = 3), A239385 (n = 4) */
static const char *const NORMAL_TAIL[5] = {
    NULL,
    NULL,
    "0.0227501319481792072002826371665334374717762237016784339836660",
    "0.0013498980316300945266518147675949773778293681583806493642",
    "0.0000316712418331199212537707567221512984438333754802765085493317220785851",
};

/* ------------------------------------------------------------------ */
/* Independent rounding                                                */
/* ------------------------------------------------------------------ */

/*
 * v rounded to the format by MPFR itself: in the format's exponent range
 * (MPFR's exponents are one above IEEE's) with mpfr_subnormalize, which
 * rounds once, correctly, to the subnormal grid.  The tail is
 * (v - rounded) / ulp with the ulp of v's own binade.
 */
static float independent_round(const mpfr_t v, enum number_format fmt, double *tail)
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
static bool matches(const struct ref_point *ref, const mpfr_t v, enum number_format fmt,
                    float *want, double *want_tail)
{
    *want = independent_round(v, fmt, want_tail);
    if (!same_bits(ref->rounded, *want) || (ref->flags & REF_UNRESOLVED))
        return false;
    if (isnan(*want) || isinf(*want))
        return true;
    return fabs(ref->tail - *want_tail) <= TAIL_TOLERANCE;
}

/* ------------------------------------------------------------------ */
/* Evaluation helpers                                                  */
/* ------------------------------------------------------------------ */

static void evaluate_point(enum activation_id act, enum number_format fmt, float x, float dy,
                           struct ref_point *value, struct ref_point *gradient,
                           struct ref_stats *stats)
{
    struct actbench_params p;
    act_params_default(act, &p);
    ref_evaluate(act, &p, fmt, &x, &dy, 1, value, gradient, NULL, stats);
}

static mpfr_ptr new_number(void)
{
    mpfr_ptr v = malloc(sizeof *v);
    if (!v) {
        fputs("out of memory\n", stderr);
        exit(2);
    }
    mpfr_init2(v, WORK_PRECISION);
    return v;
}

static void free_number(mpfr_ptr v)
{
    mpfr_clear(v);
    free(v);
}

static mpfr_ptr number_from(const char *decimal)
{
    mpfr_ptr v = new_number();
    mpfr_set_str(v, decimal, 10, MPFR_RNDN);
    return v;
}

/* Compare value (or gradient, with dy = 1) of act at x with v in every format. */
static void check_published(enum activation_id act, float x, bool gradient, const mpfr_t v,
                            const char *what)
{
    for (int f = 0; f < FMT_COUNT; f++) {
        enum number_format fmt = (enum number_format)f;
        float xin = format_round(fmt, x);
        if (xin != x)
            continue; /* x is not an input of this format */
        struct ref_point value, grad;
        evaluate_point(act, fmt, x, 1.0f, &value, &grad, NULL);
        const struct ref_point *ref = gradient ? &grad : &value;
        float want;
        double want_tail;
        bool ok = matches(ref, v, fmt, &want, &want_tail);
        check(ok, "%s %s%s(%a) = %s: got %a tail %.12g, want %a tail %.12g",
              format_catalog[fmt].name, activation_catalog[act].name, gradient ? "'" : "",
              (double)x, what, (double)ref->rounded, ref->tail, (double)want, want_tail);
    }
}

static void published_values(void)
{
    puts("# published constants");
    mpfr_ptr e = number_from(INVERSE_E), v = new_number(), t = new_number(), u = new_number();

    /* elu(-1) = expm1(-1) = -(1 - 1/e); elu'(-1) = exp(-1) = 1/e */
    mpfr_ptr one_minus = number_from(ONE_MINUS_INVERSE_E);
    mpfr_neg(v, one_minus, MPFR_RNDN);
    check_published(ACT_ELU, -1.0f, false, v, "-(1 - 1/e) [A068996]");
    check_published(ACT_ELU, -1.0f, true, e, "1/e [A068985]");
    free_number(one_minus);

    /* tanh(+-1) and tanh'(1) = 1 - tanh(1)^2 */
    mpfr_ptr th = number_from(TANH_1);
    check_published(ACT_TANH, 1.0f, false, th, "tanh(1) [A073744]");
    mpfr_neg(v, th, MPFR_RNDN);
    check_published(ACT_TANH, -1.0f, false, v, "-tanh(1) [A073744]");
    mpfr_sqr(v, th, MPFR_RNDN);
    mpfr_ui_sub(v, 1, v, MPFR_RNDN);
    check_published(ACT_TANH, 1.0f, true, v, "1 - tanh(1)^2 [A073744]");
    free_number(th);

    /* tanh(1/2) = (1 - 1/e)/(1 + 1/e): the expm1 branch of the reference */
    mpfr_ui_sub(t, 1, e, MPFR_RNDN);
    mpfr_add_ui(u, e, 1, MPFR_RNDN);
    mpfr_div(v, t, u, MPFR_RNDN);
    check_published(ACT_TANH, 0.5f, false, v, "(1 - 1/e)/(1 + 1/e) [A068985]");
    mpfr_sqr(v, v, MPFR_RNDN);
    mpfr_ui_sub(v, 1, v, MPFR_RNDN);
    check_published(ACT_TANH, 0.5f, true, v, "1 - tanh(1/2)^2 [A068985]");

    /* sigmoid(1) = 1/(1 + 1/e), sigmoid(-1) = (1/e)/(1 + 1/e),
     * sigmoid'(+-1) = (1/e)/(1 + 1/e)^2 */
    mpfr_add_ui(u, e, 1, MPFR_RNDN);
    mpfr_ui_div(v, 1, u, MPFR_RNDN);
    check_published(ACT_SIGMOID, 1.0f, false, v, "1/(1 + 1/e) [A068985]");
    check_published(ACT_SILU, 1.0f, false, v, "silu(1) = 1/(1 + 1/e) [A068985]");
    mpfr_div(v, e, u, MPFR_RNDN);
    check_published(ACT_SIGMOID, -1.0f, false, v, "(1/e)/(1 + 1/e) [A068985]");
    mpfr_neg(t, v, MPFR_RNDN);
    check_published(ACT_SILU, -1.0f, false, t, "silu(-1) = -(1/e)/(1 + 1/e) [A068985]");
    mpfr_div(t, v, u, MPFR_RNDN); /* (1/e)/(1 + 1/e)^2 */
    check_published(ACT_SIGMOID, 1.0f, true, t, "(1/e)/(1 + 1/e)^2 [A068985]");
    check_published(ACT_SIGMOID, -1.0f, true, t, "(1/e)/(1 + 1/e)^2 [A068985]");
    /* silu'(x) = s + x s (1 - s): at 1, 1/(1+E) + E/(1+E)^2; at -1, E/(1+E) - E/(1+E)^2 */
    mpfr_ui_div(v, 1, u, MPFR_RNDN);
    mpfr_add(v, v, t, MPFR_RNDN);
    check_published(ACT_SILU, 1.0f, true, v, "1/(1 + 1/e) + (1/e)/(1 + 1/e)^2 [A068985]");
    mpfr_div(v, e, u, MPFR_RNDN);
    mpfr_sub(v, v, t, MPFR_RNDN);
    check_published(ACT_SILU, -1.0f, true, v, "(1/e)/(1 + 1/e) - (1/e)/(1 + 1/e)^2 [A068985]");

    /* softplus(0) = log1p(1) = ln 2 */
    mpfr_ptr ln2 = number_from(LN_2);
    check_published(ACT_SOFTPLUS, 0.0f, false, ln2, "ln 2 [A002162]");
    check_published(ACT_SOFTPLUS, -0.0f, false, ln2, "ln 2 [A002162]");
    free_number(ln2);

    /* gelu(+-n) = +-n Phi(+-n) and gelu'(+-n) = Phi(+-n) +- n phi(n) with
     * phi(n) = e^(-n^2/2) / (sqrt 2 sqrt pi), e^(-n^2/2) = (1/e)^(n^2/2) */
    mpfr_ptr sqrt_pi = number_from(SQRT_PI), phi = new_number(), cdf = new_number();
    for (int n = 2; n <= 4; n++) {
        mpfr_ptr tail = number_from(NORMAL_TAIL[n]);
        char what[96];
        mpfr_pow_ui(phi, e, (unsigned long)(n * n / 2), MPFR_RNDN);
        if (n % 2) {
            mpfr_sqrt(t, e, MPFR_RNDN); /* the half of n^2/2 */
            mpfr_mul(phi, phi, t, MPFR_RNDN);
        }
        mpfr_sqrt_ui(t, 2, MPFR_RNDN);
        mpfr_mul(t, t, sqrt_pi, MPFR_RNDN);
        mpfr_div(phi, phi, t, MPFR_RNDN);
        /* x = -n: Phi = tail */
        mpfr_mul_si(v, tail, -n, MPFR_RNDN);
        snprintf(what, sizeof what, "-%d Phi(-%d) [A23938%d]", n, n, n + 1);
        check_published(ACT_GELU, (float)-n, false, v, what);
        mpfr_mul_ui(v, phi, (unsigned long)n, MPFR_RNDN);
        mpfr_sub(v, tail, v, MPFR_RNDN);
        snprintf(what, sizeof what, "Phi(-%d) - %d phi(%d) [A23938%d, A068985, A002161]", n, n,
                 n, n + 1);
        check_published(ACT_GELU, (float)-n, true, v, what);
        /* x = n: Phi = 1 - tail */
        mpfr_ui_sub(cdf, 1, tail, MPFR_RNDN);
        mpfr_mul_ui(v, cdf, (unsigned long)n, MPFR_RNDN);
        snprintf(what, sizeof what, "%d (1 - Phi(-%d)) [A23938%d]", n, n, n + 1);
        check_published(ACT_GELU, (float)n, false, v, what);
        mpfr_mul_ui(v, phi, (unsigned long)n, MPFR_RNDN);
        mpfr_add(v, cdf, v, MPFR_RNDN);
        snprintf(what, sizeof what, "1 - Phi(-%d) + %d phi(%d) [A23938%d, A068985, A002161]", n,
                 n, n, n + 1);
        check_published(ACT_GELU, (float)n, true, v, what);
        free_number(tail);
    }
    free_number(sqrt_pi);
    free_number(phi);
    free_number(cdf);
    free_number(e);
    free_number(v);
    free_number(t);
    free_number(u);
}

/* ------------------------------------------------------------------ */
/* Special inputs                                                      */
/* ------------------------------------------------------------------ */

struct special_case {
    enum activation_id act;
    float x;
    float value;
    bool value_exact; /* REF_EXACT expected (and a NaN needs REF_NAN) */
    float derivative; /* gradient with dy = 1 */
    bool derivative_exact;
};

/* 0.01f, 0.25f: the default leaky_relu slope and prelu's first channel;
 * 0x1.99999ap-3 = 0.2 and 0x1.555556p-3 = 1/6 rounded to f32;
 * 0x1.62e43p-1 = ln 2 rounded to f32. */
static const struct special_case special_cases[] = {
    {ACT_RELU, INFINITY, INFINITY, true, 1.0f, true},
    {ACT_RELU, -INFINITY, 0.0f, true, 0.0f, true},
    {ACT_RELU, 0.0f, 0.0f, true, 0.0f, true},
    {ACT_RELU, -0.0f, 0.0f, true, 0.0f, true},
    {ACT_LEAKY_RELU, INFINITY, INFINITY, true, 1.0f, true},
    {ACT_LEAKY_RELU, -INFINITY, -INFINITY, true, 0.01f, true},
    {ACT_LEAKY_RELU, 0.0f, 0.0f, true, 0.01f, true},
    {ACT_LEAKY_RELU, -0.0f, -0.0f, true, 0.01f, true},
    {ACT_PRELU, INFINITY, INFINITY, true, 1.0f, true},
    {ACT_PRELU, -INFINITY, -INFINITY, true, 0.25f, true},
    {ACT_PRELU, 0.0f, 0.0f, true, 0.25f, true},
    {ACT_PRELU, -0.0f, -0.0f, true, 0.25f, true},
    {ACT_ELU, INFINITY, INFINITY, true, 1.0f, true},
    {ACT_ELU, -INFINITY, -1.0f, true, 0.0f, true},
    {ACT_ELU, 0.0f, 0.0f, true, 1.0f, true},
    {ACT_ELU, -0.0f, -0.0f, true, 1.0f, true},
    {ACT_SIGMOID, INFINITY, 1.0f, true, 0.0f, true},
    {ACT_SIGMOID, -INFINITY, 0.0f, true, 0.0f, true},
    {ACT_SIGMOID, 0.0f, 0.5f, true, 0.25f, true},
    {ACT_SIGMOID, -0.0f, 0.5f, true, 0.25f, true},
    {ACT_TANH, INFINITY, 1.0f, true, 0.0f, true},
    {ACT_TANH, -INFINITY, -1.0f, true, 0.0f, true},
    {ACT_TANH, 0.0f, 0.0f, true, 1.0f, true},
    {ACT_TANH, -0.0f, -0.0f, true, 1.0f, true},
    {ACT_HARD_SIGMOID_KERAS, INFINITY, 1.0f, true, 0.0f, true},
    {ACT_HARD_SIGMOID_KERAS, -INFINITY, 0.0f, true, 0.0f, true},
    {ACT_HARD_SIGMOID_KERAS, 0.0f, 0.5f, true, 0x1.99999ap-3f, false},
    {ACT_HARD_SIGMOID_KERAS, -0.0f, 0.5f, true, 0x1.99999ap-3f, false},
    {ACT_HARD_SIGMOID_TORCH, INFINITY, 1.0f, true, 0.0f, true},
    {ACT_HARD_SIGMOID_TORCH, -INFINITY, 0.0f, true, 0.0f, true},
    {ACT_HARD_SIGMOID_TORCH, 0.0f, 0.5f, true, 0x1.555556p-3f, false},
    {ACT_HARD_SIGMOID_TORCH, -0.0f, 0.5f, true, 0x1.555556p-3f, false},
    {ACT_GELU, INFINITY, INFINITY, true, 1.0f, true},
    {ACT_GELU, -INFINITY, -0.0f, true, -0.0f, true},
    {ACT_GELU, 0.0f, 0.0f, true, 0.5f, true},
    {ACT_GELU, -0.0f, -0.0f, true, 0.5f, true},
    {ACT_GELU_TANH, INFINITY, INFINITY, true, 1.0f, true},
    {ACT_GELU_TANH, -INFINITY, -0.0f, true, -0.0f, true},
    {ACT_GELU_TANH, 0.0f, 0.0f, true, 0.5f, true},
    {ACT_GELU_TANH, -0.0f, -0.0f, true, 0.5f, true},
    {ACT_SILU, INFINITY, INFINITY, true, 1.0f, true},
    {ACT_SILU, -INFINITY, -0.0f, true, -0.0f, true},
    {ACT_SILU, 0.0f, 0.0f, true, 0.5f, true},
    {ACT_SILU, -0.0f, -0.0f, true, 0.5f, true},
    {ACT_SOFTPLUS, INFINITY, INFINITY, true, 1.0f, true},
    {ACT_SOFTPLUS, -INFINITY, 0.0f, true, 0.0f, true},
    {ACT_SOFTPLUS, 0.0f, 0x1.62e43p-1f, false, 0.5f, true},
    {ACT_SOFTPLUS, -0.0f, 0x1.62e43p-1f, false, 0.5f, true},
};

static bool point_is(const struct ref_point *r, float want, bool exact)
{
    if (!same_bits(r->rounded, want) || (r->flags & REF_UNRESOLVED))
        return false;
    if (isnan(want))
        return (r->flags & REF_NAN) != 0;
    return exact ? (r->flags & REF_EXACT) && r->tail == 0.0 : !(r->flags & REF_EXACT);
}

static void special_inputs(void)
{
    puts("# special inputs");
    for (size_t k = 0; k < sizeof special_cases / sizeof special_cases[0]; k++) {
        const struct special_case *c = &special_cases[k];
        struct ref_point value, gradient;
        evaluate_point(c->act, FMT_F32, c->x, 1.0f, &value, &gradient, NULL);
        check(point_is(&value, c->value, c->value_exact) &&
                  point_is(&gradient, c->derivative, c->derivative_exact),
              "%s(%a) = %a%s, gradient %a%s: got %a (flags %u), %a (flags %u)",
              activation_catalog[c->act].name, (double)c->x, (double)c->value,
              c->value_exact ? " exact" : "", (double)c->derivative,
              c->derivative_exact ? " exact" : "", (double)value.rounded, value.flags,
              (double)gradient.rounded, gradient.flags);
    }
    /* NaN in, NaN out, for every elementwise activation, both signs of NaN */
    for (int a = 0; a < ACT_COUNT; a++) {
        if (activation_catalog[a].kind == ACT_VECTOR)
            continue;
        for (int s = 0; s < 2; s++) {
            float x = s ? -NAN : NAN;
            struct ref_point value, gradient;
            evaluate_point((enum activation_id)a, FMT_F32, x, 1.0f, &value, &gradient, NULL);
            check(point_is(&value, NAN, true) && point_is(&gradient, NAN, true),
                  "%s(%a) is NaN, gradient NaN", activation_catalog[a].name, (double)x);
        }
    }
    /* prelu's parameter gradient dy x where x <= 0, +0 where x > 0 */
    struct actbench_params p;
    act_params_default(ACT_PRELU, &p);
    const float xs[] = {INFINITY, -INFINITY, 0.0f, -0.0f, NAN, 2.0f, -3.0f};
    const float want[] = {0.0f, -INFINITY, 0.0f, -0.0f, NAN, 0.0f, -1.5f};
    for (size_t k = 0; k < sizeof xs / sizeof xs[0]; k++) {
        float dy = 0.5f;
        struct ref_point dparam;
        ref_evaluate(ACT_PRELU, &p, FMT_F32, &xs[k], &dy, 1, NULL, NULL, &dparam, NULL);
        check(point_is(&dparam, want[k], true), "prelu parameter gradient at x = %a, dy = %a: %a, got %a",
              (double)xs[k], (double)dy, (double)want[k], (double)dparam.rounded);
    }
}

/* ------------------------------------------------------------------ */
/* Naive formulas at 600 bits, for cross-checks                        */
/* ------------------------------------------------------------------ */

/* The catalog's definitions written as they read, for finite x and
 * moderate |x| (no care for overflow or cancellation: 600 bits absorb it). */
static void naive_elementwise(enum activation_id act, float xf, float alpha, mpfr_t value,
                              mpfr_t derivative)
{
    mpfr_t x, t, u, c;
    mpfr_inits2(WORK_PRECISION, x, t, u, c, (mpfr_ptr)0);
    mpfr_set_flt(x, xf, MPFR_RNDN);
    switch (act) {
    case ACT_ELU:
        if (xf > 0) {
            mpfr_set(value, x, MPFR_RNDN);
            mpfr_set_ui(derivative, 1, MPFR_RNDN);
        } else {
            mpfr_exp(t, x, MPFR_RNDN);
            mpfr_sub_ui(u, t, 1, MPFR_RNDN);
            mpfr_mul_d(value, u, alpha, MPFR_RNDN);
            mpfr_mul_d(derivative, t, alpha, MPFR_RNDN);
        }
        break;
    case ACT_SIGMOID:
    case ACT_SILU:
    case ACT_SOFTPLUS:
        mpfr_neg(t, x, MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_ui_div(u, 1, t, MPFR_RNDN); /* sigmoid */
        if (act == ACT_SIGMOID) {
            mpfr_set(value, u, MPFR_RNDN);
            mpfr_ui_sub(t, 1, u, MPFR_RNDN);
            mpfr_mul(derivative, u, t, MPFR_RNDN);
        } else if (act == ACT_SILU) {
            mpfr_mul(value, x, u, MPFR_RNDN);
            mpfr_ui_sub(t, 1, u, MPFR_RNDN);
            mpfr_mul(t, t, x, MPFR_RNDN);
            mpfr_add_ui(t, t, 1, MPFR_RNDN);
            mpfr_mul(derivative, u, t, MPFR_RNDN);
        } else {
            mpfr_exp(t, x, MPFR_RNDN);
            mpfr_log1p(value, t, MPFR_RNDN);
            mpfr_set(derivative, u, MPFR_RNDN);
        }
        break;
    case ACT_TANH:
        mpfr_tanh(value, x, MPFR_RNDN);
        mpfr_sech(t, x, MPFR_RNDN);
        mpfr_sqr(derivative, t, MPFR_RNDN);
        break;
    case ACT_HARD_SIGMOID_KERAS:
    case ACT_HARD_SIGMOID_TORCH: {
        const bool keras = act == ACT_HARD_SIGMOID_KERAS;
        const float kink = keras ? 2.5f : 3.0f;
        mpfr_set_ui(c, 1, MPFR_RNDN);
        mpfr_div_ui(c, c, keras ? 5 : 6, MPFR_RNDN); /* 0.2 or 1/6 */
        mpfr_mul(t, x, c, MPFR_RNDN);
        mpfr_add_d(t, t, 0.5, MPFR_RNDN);
        if (mpfr_cmp_ui(t, 0) < 0)
            mpfr_set_ui(t, 0, MPFR_RNDN);
        if (mpfr_cmp_ui(t, 1) > 0)
            mpfr_set_ui(t, 1, MPFR_RNDN);
        mpfr_set(value, t, MPFR_RNDN);
        if (xf > -kink && xf < kink)
            mpfr_set(derivative, c, MPFR_RNDN);
        else
            mpfr_set_ui(derivative, 0, MPFR_RNDN);
        break;
    }
    case ACT_GELU:
        mpfr_sqrt_ui(c, 2, MPFR_RNDN);
        mpfr_div(t, x, c, MPFR_RNDN);
        mpfr_erf(t, t, MPFR_RNDN);
        mpfr_add_ui(t, t, 1, MPFR_RNDN);
        mpfr_div_ui(u, t, 2, MPFR_RNDN); /* Phi */
        mpfr_mul(value, x, u, MPFR_RNDN);
        mpfr_sqr(t, x, MPFR_RNDN);
        mpfr_div_si(t, t, -2, MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_const_pi(c, MPFR_RNDN);
        mpfr_mul_ui(c, c, 2, MPFR_RNDN);
        mpfr_sqrt(c, c, MPFR_RNDN);
        mpfr_div(t, t, c, MPFR_RNDN); /* phi */
        mpfr_mul(t, t, x, MPFR_RNDN);
        mpfr_add(derivative, u, t, MPFR_RNDN);
        break;
    case ACT_GELU_TANH: {
        mpfr_t k, s;
        mpfr_inits2(WORK_PRECISION, k, s, (mpfr_ptr)0);
        mpfr_set_ui(k, 44715, MPFR_RNDN);
        mpfr_div_ui(k, k, 1000000, MPFR_RNDN);
        mpfr_const_pi(c, MPFR_RNDN);
        mpfr_ui_div(c, 2, c, MPFR_RNDN);
        mpfr_sqrt(c, c, MPFR_RNDN); /* sqrt(2/pi) */
        mpfr_pow_ui(t, x, 3, MPFR_RNDN);
        mpfr_mul(t, t, k, MPFR_RNDN);
        mpfr_add(t, t, x, MPFR_RNDN);
        mpfr_mul(u, t, c, MPFR_RNDN); /* u */
        mpfr_tanh(t, u, MPFR_RNDN);
        mpfr_add_ui(s, t, 1, MPFR_RNDN);
        mpfr_div_ui(s, s, 2, MPFR_RNDN);
        mpfr_mul(value, x, s, MPFR_RNDN);
        mpfr_sech(t, u, MPFR_RNDN);
        mpfr_sqr(t, t, MPFR_RNDN);
        mpfr_sqr(u, x, MPFR_RNDN);
        mpfr_mul(u, u, k, MPFR_RNDN);
        mpfr_mul_ui(u, u, 3, MPFR_RNDN);
        mpfr_add_ui(u, u, 1, MPFR_RNDN);
        mpfr_mul(u, u, c, MPFR_RNDN);
        mpfr_mul(t, t, u, MPFR_RNDN);
        mpfr_mul(t, t, x, MPFR_RNDN);
        mpfr_div_ui(t, t, 2, MPFR_RNDN);
        mpfr_add(derivative, s, t, MPFR_RNDN);
        mpfr_clears(k, s, (mpfr_ptr)0);
        break;
    }
    default:
        mpfr_set_nan(value);
        mpfr_set_nan(derivative);
        break;
    }
    mpfr_clears(x, t, u, c, (mpfr_ptr)0);
}

/* ------------------------------------------------------------------ */
/* Ziv's loop                                                          */
/* ------------------------------------------------------------------ */

static uint64_t splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15u);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

/* Half the inputs spread over every binade (both signs), half uniform in
 * [-10, 10], like the harness's f32 inputs. */
static float sweep_input(uint64_t *state, size_t i)
{
    uint64_t r = splitmix(state);
    if (i % 2)
        return (float)(-10.0 + 20.0 * (double)(r >> 40) * 0x1p-24);
    uint32_t bits = (uint32_t)(((r >> 8) & 1u) << 31 | (uint32_t)(r % 255u) << 23 |
                               ((uint32_t)(r >> 9) & 0x7fffffu));
    float x;
    memcpy(&x, &bits, sizeof x);
    return x;
}

/* Compare a point with the naive formula's value, rounded independently. */
static bool agrees(const struct ref_point *ref, const mpfr_t v, enum number_format fmt)
{
    float want;
    double want_tail;
    return matches(ref, v, fmt, &want, &want_tail);
}

static void hard_cases(void)
{
    puts("# Ziv's loop: points that need more than 64 bits");
    /* silu(x) = x/2 + x^2/4 - ... for a tiny x lies within about 2^-250 of a
     * rounding boundary of f32 (x/2 is a midpoint of the subnormal grid),
     * so 64 and 128 bits cannot decide it. */
    const float tiny[] = {-0x1.b65132p-126f, 0x1.bf3f4p-131f, 0x1.aa4476p-126f};
    mpfr_ptr v = new_number(), d = new_number();
    for (size_t k = 0; k < sizeof tiny / sizeof tiny[0]; k++) {
        struct ref_point value, gradient;
        struct ref_stats stats = {0};
        evaluate_point(ACT_SILU, FMT_F32, tiny[k], 1.0f, &value, &gradient, &stats);
        naive_elementwise(ACT_SILU, tiny[k], 0.0f, v, d);
        check(stats.retries >= 1 && stats.max_precision_used >= 128 && stats.unresolved == 0 &&
                  agrees(&value, v, FMT_F32),
              "silu(%a) needs a retry (retries %llu, %d bits) and is right: %a tail %.6g",
              (double)tiny[k], (unsigned long long)stats.retries, stats.max_precision_used,
              (double)value.rounded, value.tail);
    }
    /* gelu'(x) = Phi(x) + x phi(x) cancels near its zero x0 = -0.7517916...:
     * the 64-bit error bound is too wide for the tail there. */
    float x0 = -0.75179166f;
    uint64_t retries = 0, unresolved = 0;
    bool all_agree = true;
    for (int k = -8; k <= 8; k++) {
        float x = x0;
        for (int s = 0; s < abs(k); s++)
            x = nextafterf(x, k > 0 ? 0.0f : -1.0f);
        struct ref_point value, gradient;
        struct ref_stats stats = {0};
        evaluate_point(ACT_GELU, FMT_F32, x, 1.0f, &value, &gradient, &stats);
        naive_elementwise(ACT_GELU, x, 0.0f, v, d);
        retries += stats.retries;
        unresolved += stats.unresolved;
        if (!agrees(&gradient, d, FMT_F32)) {
            all_agree = false;
            printf("     gelu'(%a): got %a tail %.9g\n", (double)x, (double)gradient.rounded,
                   gradient.tail);
        }
    }
    check(retries > 0 && unresolved == 0 && all_agree,
          "gelu' at the 17 floats around its zero %a: retries %llu, unresolved %llu, all right",
          (double)x0, (unsigned long long)retries, (unsigned long long)unresolved);
    free_number(v);
    free_number(d);
}

/*
 * hard sigmoids at inputs whose exact value is a midpoint of f16: computed
 * exactly (err 0), they must round half to even at once.  In [0.5, 1) the
 * f16 spacing is 2^-11: 0.5 + 2^-12 rounds down to 0.5 (even), 0.5 + 3 2^-12
 * up to 0.5 + 2^-10.  In [0.25, 0.5) it is 2^-12: 0.5 - 2^-13 rounds up to
 * 0.5, and its tail counts in the ulp of its own binade, 2^-12.
 */
static void exact_midpoints(void)
{
    puts("# exact midpoints round half to even without a retry");
    struct {
        enum activation_id act;
        float x;
        float want;
        double tail;
    } cases[] = {
        {ACT_HARD_SIGMOID_TORCH, 3 * 0x1p-11f, 0.5f, 0.5},             /* 0.5 + 2^-12 */
        {ACT_HARD_SIGMOID_TORCH, 9 * 0x1p-11f, 0.5f + 0x1p-10f, -0.5}, /* 0.5 + 3 2^-12 */
        {ACT_HARD_SIGMOID_TORCH, -3 * 0x1p-12f, 0.5f, -0.5},           /* 0.5 - 2^-13 */
        {ACT_HARD_SIGMOID_KERAS, 5 * 0x1p-12f, 0.5f, 0.5},             /* 0.5 + 2^-12 */
        {ACT_HARD_SIGMOID_KERAS, 15 * 0x1p-12f, 0.5f + 0x1p-10f, -0.5}, /* 0.5 + 3 2^-12 */
        {ACT_HARD_SIGMOID_KERAS, -5 * 0x1p-13f, 0.5f, -0.5},           /* 0.5 - 2^-13 */
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct ref_point value, gradient;
        struct ref_stats stats = {0};
        evaluate_point(cases[k].act, FMT_F16, cases[k].x, 1.0f, &value, &gradient, &stats);
        check(same_bits(value.rounded, cases[k].want) && value.tail == cases[k].tail &&
                  stats.retries == 0 && stats.unresolved == 0 && !(value.flags & REF_EXACT),
              "f16 %s(%a) = %a tail %g: got %a tail %.17g, retries %llu",
              activation_catalog[cases[k].act].name, (double)cases[k].x,
              (double)cases[k].want, cases[k].tail, (double)value.rounded, value.tail,
              (unsigned long long)stats.retries);
    }
    /* 0.5 - 2^-12, in the binade below 0.5, is representable in f16 */
    struct ref_point value, gradient;
    evaluate_point(ACT_HARD_SIGMOID_TORCH, FMT_F16, -3 * 0x1p-11f, 1.0f, &value, &gradient,
                   NULL);
    check(same_bits(value.rounded, 0.5f - 0x1p-12f) && (value.flags & REF_EXACT),
          "f16 hard_sigmoid_torch(%a) = 0.5 - 2^-12 exactly: got %a", -3 * 0x1p-11,
          (double)value.rounded);
}

static void sweeps(void)
{
    puts("# sweeps: no unresolved point");
    static const enum activation_id acts[] = {
        ACT_ELU,  ACT_SIGMOID,   ACT_TANH, ACT_HARD_SIGMOID_KERAS, ACT_HARD_SIGMOID_TORCH,
        ACT_GELU, ACT_GELU_TANH, ACT_SILU, ACT_SOFTPLUS,           ACT_SOFTMAX,
    };
    enum { SWEEP = 100000, CROSS_CHECK_EVERY = 97 };
    float *x = malloc(SWEEP * sizeof *x), *dy = malloc(SWEEP * sizeof *dy);
    struct ref_point *value = malloc(SWEEP * sizeof *value),
                     *gradient = malloc(SWEEP * sizeof *gradient);
    if (!x || !dy || !value || !gradient) {
        fputs("out of memory\n", stderr);
        exit(2);
    }
    mpfr_ptr v = new_number(), d = new_number();
    for (size_t a = 0; a < sizeof acts / sizeof acts[0]; a++) {
        const enum activation_id act = acts[a];
        struct actbench_params p;
        act_params_default(act, &p);
        uint64_t state = 1000 + (uint64_t)act;
        for (size_t i = 0; i < SWEEP; i++) {
            x[i] = sweep_input(&state, i);
            dy[i] = (float)(-1.0 + 2.0 * (double)(splitmix(&state) >> 40) * 0x1p-24);
        }
        /* f32 sweep */
        struct ref_stats stats = {0};
        ref_evaluate(act, &p, FMT_F32, x, dy, SWEEP, value, gradient, NULL, &stats);
        check(stats.unresolved == 0 && stats.evaluations == SWEEP,
              "f32 %s over %d inputs: unresolved %llu, retries %llu, up to %d bits",
              activation_catalog[act].name, SWEEP, (unsigned long long)stats.unresolved,
              (unsigned long long)stats.retries, stats.max_precision_used);
        /* cross-check a sample against the naive formulas (elementwise,
         * moderate |x| where those formulas neither overflow nor crawl) */
        if (act != ACT_SOFTMAX) {
            size_t compared = 0, disagreed = 0;
            for (size_t i = 0; i < SWEEP; i += CROSS_CHECK_EVERY) {
                if (!(fabsf(x[i]) <= 40.0f))
                    continue;
                naive_elementwise(act, x[i], p.alpha, v, d);
                mpfr_mul_d(d, d, dy[i], MPFR_RNDN);
                compared++;
                if (!agrees(&value[i], v, FMT_F32) || !agrees(&gradient[i], d, FMT_F32)) {
                    disagreed++;
                    printf("     %s(%a), dy %a: value %a tail %.9g, gradient %a tail %.9g\n",
                           activation_catalog[act].name, (double)x[i], (double)dy[i],
                           (double)value[i].rounded, value[i].tail,
                           (double)gradient[i].rounded, gradient[i].tail);
                }
            }
            check(disagreed == 0, "f32 %s: %zu sampled points agree with the naive formula at %d bits",
                  activation_catalog[act].name, compared, WORK_PRECISION);
        }
        /* every bf16 and f16 input */
        for (int f = FMT_BF16; f <= FMT_F16; f++) {
            enum number_format fmt = (enum number_format)f;
            size_t n = 65536;
            float *xs = malloc(n * sizeof *xs), *dys = malloc(n * sizeof *dys);
            struct ref_point *vs = malloc(n * sizeof *vs), *gs = malloc(n * sizeof *gs);
            if (!xs || !dys || !vs || !gs) {
                fputs("out of memory\n", stderr);
                exit(2);
            }
            for (size_t i = 0; i < n; i++) {
                xs[i] = format_decode16(fmt, (uint16_t)i);
                dys[i] = format_round(fmt, dy[i]);
            }
            struct ref_stats s16 = {0};
            ref_evaluate(act, &p, fmt, xs, dys, n, vs, gs, NULL, &s16);
            check(s16.unresolved == 0, "every %s input of %s: unresolved %llu, retries %llu",
                  format_catalog[fmt].name, activation_catalog[act].name,
                  (unsigned long long)s16.unresolved, (unsigned long long)s16.retries);
            free(xs);
            free(dys);
            free(vs);
            free(gs);
        }
    }
    free_number(v);
    free_number(d);
    free(x);
    free(dy);
    free(value);
    free(gradient);
}

/* ------------------------------------------------------------------ */
/* Formats                                                             */
/* ------------------------------------------------------------------ */

static void format_case(enum activation_id act, enum number_format fmt, float x, float want,
                        double tail, bool exact)
{
    struct ref_point value, gradient;
    evaluate_point(act, fmt, x, 1.0f, &value, &gradient, NULL);
    bool ok = same_bits(value.rounded, want) && value.tail == tail &&
              ((value.flags & REF_EXACT) != 0) == exact && !(value.flags & REF_UNRESOLVED);
    check(ok, "%s %s(%a) = %a tail %g%s: got %a tail %.17g flags %u", format_catalog[fmt].name,
          activation_catalog[act].name, (double)x, (double)want, tail, exact ? " exact" : "",
          (double)value.rounded, value.tail, value.flags);
}

/* v = (1/e)^k / (1 + (1/e)^k), sigmoid(-k) from A068985; k may be a half */
static void sigmoid_of_minus(double k, mpfr_t v)
{
    mpfr_ptr e = number_from(INVERSE_E), t = new_number();
    mpfr_set_d(t, k, MPFR_RNDN);
    mpfr_pow(t, e, t, MPFR_RNDN); /* a power of a published constant */
    mpfr_add_ui(v, t, 1, MPFR_RNDN);
    mpfr_div(v, t, v, MPFR_RNDN);
    free_number(e);
    free_number(t);
}

static void formats(void)
{
    puts("# rounding to the formats");
    /* f16: largest finite 65504, its ulp 32; 65520 is the midpoint to
     * 2^16 and rounds to inf (even); below it to 65504 */
    format_case(ACT_RELU, FMT_F16, 65504.0f, 65504.0f, 0.0, true);
    format_case(ACT_RELU, FMT_F16, 65519.0f, 65504.0f, 15.0 / 32, false);
    format_case(ACT_RELU, FMT_F16, 65520.0f, INFINITY, 0.0, false);
    format_case(ACT_LEAKY_RELU, FMT_F16, -1e9f, -INFINITY, 0.0, false);
    format_case(ACT_ELU, FMT_F16, 65519.0f, 65504.0f, 15.0 / 32, false); /* MPFR path, exact */
    format_case(ACT_ELU, FMT_F16, 65520.0f, INFINITY, 0.0, false);
    /* softplus(x) = x + log1p(e^-x), err > 0: past the overflow boundary
     * 65520 of f16 it is inf, below it 65504.  (Exactly at 65520 the
     * saturated term's interval [0, 2^-865] touches the boundary and the
     * point is unresolved; no f16 input lands there.) */
    format_case(ACT_SOFTPLUS, FMT_F16, 65521.0f, INFINITY, 0.0, false);
    format_case(ACT_SOFTPLUS, FMT_F16, 70000.0f, INFINITY, 0.0, false);
    format_case(ACT_SOFTPLUS, FMT_F16, 65519.0f, 65504.0f, 15.0 / 32, false);
    format_case(ACT_SOFTPLUS, FMT_F16, 65504.0f, 65504.0f, 0.0, false);
    /* bf16: largest finite 0x1.fep127, midpoint to 2^128 0x1.ffp127 */
    format_case(ACT_RELU, FMT_BF16, 0x1.fep127f, 0x1.fep127f, 0.0, true);
    format_case(ACT_RELU, FMT_BF16, 0x1.ffp127f, INFINITY, 0.0, false);
    format_case(ACT_RELU, FMT_BF16, 0x1.fefffep127f, 0x1.fep127f, 0.5 - 0x1p-16, false);
    /* subnormals: f16 spacing 2^-24, bf16 2^-133, f32 2^-149 */
    format_case(ACT_RELU, FMT_F16, 0x1p-25f, 0.0f, 0.5, false);     /* tie to 0 */
    format_case(ACT_RELU, FMT_F16, 0x1.8p-24f, 0x1p-23f, -0.5, false); /* tie to 2 */
    format_case(ACT_RELU, FMT_F16, 0x1.8p-25f, 0x1p-24f, -0.25, false);
    format_case(ACT_RELU, FMT_F16, 0x1.ff8p-15f, 0x1.ff8p-15f, 0.0, true); /* largest subnormal */
    format_case(ACT_RELU, FMT_F16, 0x1.ffcp-15f, 0x1p-14f, -0.5, false);   /* tie to 2^-14 */
    format_case(ACT_RELU, FMT_F16, 0x1.ffep-15f, 0x1p-14f, -0.25, false);
    format_case(ACT_RELU, FMT_BF16, 0x1p-134f, 0.0f, 0.5, false);
    format_case(ACT_RELU, FMT_BF16, 0x1.8p-133f, 0x1p-132f, -0.5, false);
    /* leaky_relu(-2^-140) = -0.01f 2^-140 = -5.12... 2^-149 */
    format_case(ACT_LEAKY_RELU, FMT_F32, -0x1p-140f, -0x1.4p-147f, 5.0 - 0.01f * 512.0, false);
    /* -0.01f = -0x1.47ae14p-7 in bf16 (spacing 2^-14 there) */
    format_case(ACT_LEAKY_RELU, FMT_BF16, -1.0f, -0x1.48p-7f,
                (0x1.48p-7 - (double)0.01f) / 0x1p-14, false);

    /* the MPFR path into the subnormals: sigmoid(-x) = e^-x/(1 + e^-x) */
    struct {
        enum number_format fmt;
        float x;
        double k;
    } tiny[] = {{FMT_F32, -100.0f, 100.0}, {FMT_F32, -103.5f, 103.5}, {FMT_F16, -12.0f, 12.0},
                {FMT_F16, -17.0f, 17.0},   {FMT_BF16, -95.0f, 95.0}};
    mpfr_ptr v = new_number();
    for (size_t k = 0; k < sizeof tiny / sizeof tiny[0]; k++) {
        struct ref_point value, gradient;
        evaluate_point(ACT_SIGMOID, tiny[k].fmt, tiny[k].x, 1.0f, &value, &gradient, NULL);
        sigmoid_of_minus(tiny[k].k, v);
        float want;
        double want_tail;
        bool ok = matches(&value, v, tiny[k].fmt, &want, &want_tail);
        check(ok,
              "%s sigmoid(%a) = e^x/(1 + e^x) [A068985]: got %a tail %.9g, want %a tail %.9g",
              format_catalog[tiny[k].fmt].name, (double)tiny[k].x, (double)value.rounded,
              value.tail, (double)want, want_tail);
    }
    /* at a power of two: sigmoid(17.5) = 1 - 2.5e-8 rounds to 1 in f32 and
     * its tail is counted in the ulp below 1, 2^-24 */
    {
        struct ref_point value, gradient;
        evaluate_point(ACT_SIGMOID, FMT_F32, 17.5f, 1.0f, &value, &gradient, NULL);
        sigmoid_of_minus(-17.5, v); /* 1/(1 + e^-17.5) */
        mpfr_ptr d = new_number();
        mpfr_sub_ui(d, v, 1, MPFR_RNDN);
        mpfr_mul_2si(d, d, 24, MPFR_RNDN);
        double want_tail = mpfr_get_d(d, MPFR_RNDN);
        check(value.rounded == 1.0f && value.ulp_exponent == -24 &&
                  fabs(value.tail - want_tail) <= TAIL_TOLERANCE,
              "f32 sigmoid(17.5) = 1 with tail %.9g in ulps of 2^-24: got %a tail %.9g ulp 2^%d",
              want_tail, (double)value.rounded, value.tail, value.ulp_exponent);
        free_number(d);
    }
    free_number(v);
}

/* ------------------------------------------------------------------ */
/* softmax and maxout                                                  */
/* ------------------------------------------------------------------ */

#define ROW 16

static void softmax_row(const float *x, const float *dy, struct ref_point *value,
                        struct ref_point *gradient, struct ref_stats *stats)
{
    struct actbench_params p;
    act_params_default(ACT_SOFTMAX, &p);
    ref_evaluate(ACT_SOFTMAX, &p, FMT_F32, x, dy, ROW, value, gradient, NULL, stats);
}

static void vector_activations(void)
{
    puts("# softmax");
    float x[ROW], dy[ROW];
    struct ref_point value[ROW], gradient[ROW];
    struct ref_stats stats = {0};

    /* equal entries: y = 1/16 exactly; equal dy: the gradient is exactly 0 */
    for (int i = 0; i < ROW; i++) {
        x[i] = 3.0f;
        dy[i] = 0.375f;
    }
    softmax_row(x, dy, value, gradient, &stats);
    bool ok = true;
    for (int i = 0; i < ROW; i++)
        ok = ok && point_is(&value[i], 0.0625f, true) && point_is(&gradient[i], 0.0f, true);
    check(ok && stats.unresolved == 0, "softmax of 16 equal entries is 1/16, gradient +0 for equal dy");

    /* x_i = i: compare with the naive formula, and the exact values sum to 1 */
    uint64_t state = 7;
    for (int i = 0; i < ROW; i++) {
        x[i] = (float)i * 0.75f - 4.0f;
        dy[i] = (float)(-1.0 + 2.0 * (double)(splitmix(&state) >> 40) * 0x1p-24);
    }
    stats = (struct ref_stats){0};
    softmax_row(x, dy, value, gradient, &stats);
    mpfr_ptr sum = new_number(), e[ROW], s = new_number(), t = new_number();
    mpfr_set_ui(sum, 0, MPFR_RNDN);
    for (int i = 0; i < ROW; i++) {
        e[i] = new_number();
        mpfr_set_flt(t, x[i], MPFR_RNDN);
        mpfr_exp(e[i], t, MPFR_RNDN);
        mpfr_add(sum, sum, e[i], MPFR_RNDN);
    }
    mpfr_set_ui(s, 0, MPFR_RNDN);
    for (int i = 0; i < ROW; i++) {
        mpfr_div(e[i], e[i], sum, MPFR_RNDN); /* y_i */
        mpfr_mul_d(t, e[i], dy[i], MPFR_RNDN);
        mpfr_add(s, s, t, MPFR_RNDN);
    }
    double total = 0.0;
    ok = true;
    for (int i = 0; i < ROW; i++) {
        mpfr_d_sub(t, dy[i], s, MPFR_RNDN);
        mpfr_mul(t, t, e[i], MPFR_RNDN); /* dx_i */
        bool good = agrees(&value[i], e[i], FMT_F32) && agrees(&gradient[i], t, FMT_F32);
        if (!good)
            printf("     x %a dy %a: y %a tail %.9g, dx %a tail %.9g\n", (double)x[i],
                   (double)dy[i], (double)value[i].rounded, value[i].tail,
                   (double)gradient[i].rounded, gradient[i].tail);
        ok = ok && good;
        total += (double)value[i].rounded + ldexp(value[i].tail, value[i].ulp_exponent);
    }
    check(ok && stats.unresolved == 0, "softmax of a ramp and its gradient agree with the naive formula");
    check(fabs(total - 1.0) < 1e-14, "softmax of a ramp: rounded + tail sums to 1 (%.17g)", total);
    for (int i = 0; i < ROW; i++)
        free_number(e[i]);
    free_number(sum);
    free_number(s);
    free_number(t);

    /* a NaN anywhere: the whole row is NaN, value and gradient */
    for (int i = 0; i < ROW; i++)
        x[i] = (float)i;
    x[9] = NAN;
    x[3] = INFINITY;
    softmax_row(x, dy, value, gradient, NULL);
    ok = true;
    for (int i = 0; i < ROW; i++)
        ok = ok && point_is(&value[i], NAN, true) && point_is(&gradient[i], NAN, true);
    check(ok, "softmax: a NaN (with a +inf beside it) makes the row NaN, gradient too");

    /* +inf entries share 1, the others get +0; the gradient is
     * y (dy - <dy, y>) with that y */
    for (int i = 0; i < ROW; i++)
        x[i] = (float)i;
    x[2] = x[11] = INFINITY;
    x[5] = -INFINITY;
    for (int i = 0; i < ROW; i++)
        dy[i] = 0.25f * (float)(i % 4);
    softmax_row(x, dy, value, gradient, NULL);
    ok = true;
    /* <dy, y> = (dy_2 + dy_11)/2 = (0.5 + 0.75)/2 = 0.625 */
    for (int i = 0; i < ROW; i++) {
        bool inf_entry = i == 2 || i == 11;
        float want_dx = inf_entry ? 0.5f * (dy[i] - 0.625f) : 0.0f * (dy[i] - 0.625f);
        ok = ok && point_is(&value[i], inf_entry ? 0.5f : 0.0f, true) &&
             point_is(&gradient[i], want_dx, true);
    }
    check(ok, "softmax: two +inf entries get 1/2 each, the rest +0, gradient y (dy - <dy, y>)");
    x[7] = INFINITY; /* three: 1/3 each, rounded */
    softmax_row(x, dy, value, gradient, NULL);
    check(same_bits(value[2].rounded, 0x1.555556p-2f) &&
              fabs(value[2].tail + 1.0 / 3) < TAIL_TOLERANCE &&
              point_is(&value[0], 0.0f, true),
          "softmax: three +inf entries get 1/3 (%a tail %.9g), the rest +0",
          (double)value[2].rounded, value[2].tail);

    /* -inf entries are 0; the rest share 1 */
    for (int i = 0; i < ROW; i++)
        x[i] = 0.0f;
    x[0] = -INFINITY;
    softmax_row(x, dy, value, gradient, NULL);
    check(point_is(&value[0], 0.0f, true) && same_bits(value[1].rounded, 0x1.111112p-4f) &&
              fabs(value[1].tail - (1.0 / 15 - 0x1.111112p-4) / 0x1p-27) < TAIL_TOLERANCE,
          "softmax: a -inf entry is +0, the other 15 get 1/15 (%a tail %.9g)",
          (double)value[1].rounded, value[1].tail);
    for (int i = 0; i < ROW; i++)
        x[i] = -INFINITY;
    softmax_row(x, dy, value, gradient, NULL);
    ok = true;
    for (int i = 0; i < ROW; i++)
        ok = ok && point_is(&value[i], NAN, true) && point_is(&gradient[i], NAN, true);
    check(ok, "softmax: a row of -inf is NaN");

    /* a wide row: exp(-1000) leaves every format, the maximum takes 1 */
    for (int i = 0; i < ROW; i++) {
        x[i] = -1000.0f;
        dy[i] = (float)(i + 1) / 16.0f;
    }
    x[4] = 0.0f;
    stats = (struct ref_stats){0};
    softmax_row(x, dy, value, gradient, &stats);
    ok = value[4].rounded == 1.0f && stats.unresolved == 0;
    for (int i = 0; i < ROW; i++)
        ok = ok && (i == 4 || (value[i].rounded == 0.0f && !(value[i].flags & REF_EXACT))) &&
             gradient[i].rounded == 0.0f;
    check(ok, "softmax: entries 1000 below the maximum round to 0 (not exact), the maximum to 1");

    puts("# maxout");
    struct actbench_params mp;
    act_params_default(ACT_MAXOUT, &mp);
    struct {
        float x[4];
        float want;
        int arg; /* the element that takes dy: the first arg-max, or the first NaN */
    } groups[] = {
        {{1.0f, 3.0f, 3.0f, 2.0f}, 3.0f, 1},
        {{-0.0f, 0.0f, -1.0f, -2.0f}, 0.0f, 0},
        {{0.0f, -0.0f, -1.0f, -2.0f}, 0.0f, 0},
        {{-0.0f, -0.0f, -1.0f, -INFINITY}, -0.0f, 0},
        {{-INFINITY, -INFINITY, -INFINITY, -INFINITY}, -INFINITY, 0},
        {{-5.0f, -4.0f, INFINITY, INFINITY}, INFINITY, 2},
        {{1.0f, NAN, 2.0f, 3.0f}, NAN, 1},
        {{INFINITY, 2.0f, NAN, NAN}, NAN, 2},
    };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        float group_dy = -0.75f;
        struct ref_point gv, gg[4];
        ref_evaluate(ACT_MAXOUT, &mp, FMT_F32, groups[g].x, &group_dy, 4, &gv, gg, NULL, NULL);
        ok = point_is(&gv, groups[g].want, true);
        for (int j = 0; j < 4; j++) {
            float want = j == groups[g].arg ? group_dy : 0.0f;
            ok = ok && point_is(&gg[j], want, true);
        }
        check(ok, "maxout {%a, %a, %a, %a} = %a, dy to element %d: got %a, gradient %a %a %a %a",
              (double)groups[g].x[0], (double)groups[g].x[1], (double)groups[g].x[2],
              (double)groups[g].x[3], (double)groups[g].want, groups[g].arg, (double)gv.rounded,
              (double)gg[0].rounded, (double)gg[1].rounded, (double)gg[2].rounded,
              (double)gg[3].rounded);
    }
    /* the maximum is rounded to the format like any value */
    float group[4] = {1.0f, 0x1.0101p+0f, -3.0f, 0.5f}, group_dy = 1.0f;
    struct ref_point gv, gg[4];
    ref_evaluate(ACT_MAXOUT, &mp, FMT_BF16, group, &group_dy, 4, &gv, gg, NULL, NULL);
    check(same_bits(gv.rounded, 0x1.02p+0f) && gv.tail == -0.5 + 0x1p-9,
          "bf16 maxout rounds the maximum 0x1.0101p+0 to 0x1.02p+0: got %a tail %.9g",
          (double)gv.rounded, gv.tail);
}

/* Parameters the reference cannot use give unresolved NaN, not a crash. */
static void unusable_parameters(void)
{
    puts("# unusable parameters");
    struct actbench_params p;
    act_params_default(ACT_SOFTMAX, &p);
    p.row_length = 0;
    float x[4] = {1.0f, 2.0f, 3.0f, 4.0f}, dy[4] = {1.0f, 1.0f, 1.0f, 1.0f};
    struct ref_point value[4], gradient[4];
    struct ref_stats stats = {0};
    ref_evaluate(ACT_SOFTMAX, &p, FMT_F32, x, dy, 4, value, gradient, NULL, &stats);
    bool ok = stats.unresolved == 8;
    for (int i = 0; i < 4; i++)
        ok = ok && isnan(value[i].rounded) && (value[i].flags & REF_UNRESOLVED) &&
             isnan(gradient[i].rounded) && (gradient[i].flags & REF_UNRESOLVED);
    check(ok, "softmax with rows of 0 entries: every point NaN and unresolved (%llu)",
          (unsigned long long)stats.unresolved);
    act_params_default(ACT_MAXOUT, &p);
    p.group = 3; /* 4 inputs are not whole groups of 3 */
    stats = (struct ref_stats){0};
    ref_evaluate(ACT_MAXOUT, &p, FMT_F32, x, dy, 4, value, gradient, NULL, &stats);
    check(stats.unresolved == 5 && (value[0].flags & REF_UNRESOLVED),
          "maxout of 4 inputs in groups of 3: unresolved (%llu)",
          (unsigned long long)stats.unresolved);
}

int main(void)
{
    printf("MPFR %s\n", ref_mpfr_version());
    /* ref_evaluate is documented thread-safe because MPFR keeps its flags,
     * exponent range and constant caches per thread in such a build */
    check(mpfr_buildopt_tls_p() != 0, "MPFR is built with thread-local storage");
    unusable_parameters();
    published_values();
    special_inputs();
    hard_cases();
    exact_midpoints();
    formats();
    vector_activations();
    sweeps();
    return check_summary("test_reference");
}
