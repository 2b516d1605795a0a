/*
 * Checks of the MPFR reference (reference/), point by point; the rows and
 * groups are in test_reference_rows.c, the sweeps and the points that need
 * more than 64 bits in test_reference_sweeps.c.
 *
 *  1. Published constants: activations at points where they reduce to
 *     exp, expm1, log1p, tanh, erf and erfc (through the normal tail
 *     probabilities), compared with decimal expansions from OEIS, and
 *     mish, selu and hardswish against published closed forms and
 *     constants and hand-checked rationals.  The decimal string is read
 *     into MPFR at 600 bits (algebraic operations on such strings, like
 *     E/(1 + E), are done there too), rounded to the format by MPFR's own
 *     subnormal emulation (mpfr_subnormalize in the format's exponent
 *     range, independent of the reference's quantum arithmetic), and the
 *     reference must give the same value and a tail within 1e-8 ulp.
 *  2. Special inputs (NaN, +-inf, +-0, kinks) of every activation, bit for
 *     bit, with the exactness flags.
 *  3. Exact midpoints that must round half to even without a retry.
 *  4. Rounding to bf16 and f16: range, overflow, subnormals, the ulp below
 *     a power of two.
 *  5. Parameters the reference cannot use.
 *
 * One line per check; the last line counts them.  Exit status 0 only if
 * every check passed.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include <mpfr.h>

#include "check.h"
#include "reference_test.h"

/* An activation's reference function, from the catalog by name. */
static ref_function *reference_of(const char *name)
{
    return activation_catalog[activation_by_name(name)].reference;
}

/* ------------------------------------------------------------------ */
/* Published constants (each checked against MPFR to all its digits)   */
/* ------------------------------------------------------------------ */

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

/* Compare value (or gradient, with dy = 1) of act at x with v in every format. */
static void check_published(const struct reference_case *act, float x, bool gradient,
                            const mpfr_t v, const char *what)
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
              format_catalog[fmt].name, act->name, gradient ? "'" : "",
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
    check_published(activation("elu"), -1.0f, false, v, "-(1 - 1/e) [A068996]");
    check_published(activation("elu"), -1.0f, true, e, "1/e [A068985]");
    free_number(one_minus);

    /* tanh(+-1) and tanh'(1) = 1 - tanh(1)^2 */
    mpfr_ptr th = number_from(TANH_1);
    check_published(activation("tanh"), 1.0f, false, th, "tanh(1) [A073744]");
    mpfr_neg(v, th, MPFR_RNDN);
    check_published(activation("tanh"), -1.0f, false, v, "-tanh(1) [A073744]");
    mpfr_sqr(v, th, MPFR_RNDN);
    mpfr_ui_sub(v, 1, v, MPFR_RNDN);
    check_published(activation("tanh"), 1.0f, true, v, "1 - tanh(1)^2 [A073744]");
    free_number(th);

    /* tanh(1/2) = (1 - 1/e)/(1 + 1/e): the expm1 branch of the reference */
    mpfr_ui_sub(t, 1, e, MPFR_RNDN);
    mpfr_add_ui(u, e, 1, MPFR_RNDN);
    mpfr_div(v, t, u, MPFR_RNDN);
    check_published(activation("tanh"), 0.5f, false, v, "(1 - 1/e)/(1 + 1/e) [A068985]");
    mpfr_sqr(v, v, MPFR_RNDN);
    mpfr_ui_sub(v, 1, v, MPFR_RNDN);
    check_published(activation("tanh"), 0.5f, true, v, "1 - tanh(1/2)^2 [A068985]");

    /* sigmoid(1) = 1/(1 + 1/e), sigmoid(-1) = (1/e)/(1 + 1/e),
     * sigmoid'(+-1) = (1/e)/(1 + 1/e)^2 */
    mpfr_add_ui(u, e, 1, MPFR_RNDN);
    mpfr_ui_div(v, 1, u, MPFR_RNDN);
    check_published(activation("sigmoid"), 1.0f, false, v, "1/(1 + 1/e) [A068985]");
    check_published(activation("silu"), 1.0f, false, v, "silu(1) = 1/(1 + 1/e) [A068985]");
    mpfr_div(v, e, u, MPFR_RNDN);
    check_published(activation("sigmoid"), -1.0f, false, v, "(1/e)/(1 + 1/e) [A068985]");
    mpfr_neg(t, v, MPFR_RNDN);
    check_published(activation("silu"), -1.0f, false, t, "silu(-1) = -(1/e)/(1 + 1/e) [A068985]");
    mpfr_div(t, v, u, MPFR_RNDN); /* (1/e)/(1 + 1/e)^2 */
    check_published(activation("sigmoid"), 1.0f, true, t, "(1/e)/(1 + 1/e)^2 [A068985]");
    check_published(activation("sigmoid"), -1.0f, true, t, "(1/e)/(1 + 1/e)^2 [A068985]");
    /* silu'(x) = s + x s (1 - s): at 1, 1/(1+E) + E/(1+E)^2; at -1, E/(1+E) - E/(1+E)^2 */
    mpfr_ui_div(v, 1, u, MPFR_RNDN);
    mpfr_add(v, v, t, MPFR_RNDN);
    check_published(activation("silu"), 1.0f, true, v, "1/(1 + 1/e) + (1/e)/(1 + 1/e)^2 [A068985]");
    mpfr_div(v, e, u, MPFR_RNDN);
    mpfr_sub(v, v, t, MPFR_RNDN);
    check_published(activation("silu"), -1.0f, true, v, "(1/e)/(1 + 1/e) - (1/e)/(1 + 1/e)^2 [A068985]");

    /* softplus(0) = log1p(1) = ln 2 */
    mpfr_ptr ln2 = number_from(LN_2);
    check_published(activation("softplus"), 0.0f, false, ln2, "ln 2 [A002162]");
    check_published(activation("softplus"), -0.0f, false, ln2, "ln 2 [A002162]");
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
        check_published(activation("gelu"), (float)-n, false, v, what);
        mpfr_mul_ui(v, phi, (unsigned long)n, MPFR_RNDN);
        mpfr_sub(v, tail, v, MPFR_RNDN);
        snprintf(what, sizeof what, "Phi(-%d) - %d phi(%d) [A23938%d, A068985, A002161]", n, n,
                 n, n + 1);
        check_published(activation("gelu"), (float)-n, true, v, what);
        /* x = n: Phi = 1 - tail */
        mpfr_ui_sub(cdf, 1, tail, MPFR_RNDN);
        mpfr_mul_ui(v, cdf, (unsigned long)n, MPFR_RNDN);
        snprintf(what, sizeof what, "%d (1 - Phi(-%d)) [A23938%d]", n, n, n + 1);
        check_published(activation("gelu"), (float)n, false, v, what);
        mpfr_mul_ui(v, phi, (unsigned long)n, MPFR_RNDN);
        mpfr_add(v, cdf, v, MPFR_RNDN);
        snprintf(what, sizeof what, "1 - Phi(-%d) + %d phi(%d) [A23938%d, A068985, A002161]", n,
                 n, n, n + 1);
        check_published(activation("gelu"), (float)n, true, v, what);
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
/* mish, selu and hardswish                                            */
/* ------------------------------------------------------------------ */

/*
 * mish at integers x from 1/e (A068985), E = e^x = (1/e)^-x: the value
 * from the catalog's definition through tanh(log u) = (u^2 - 1)/(u^2 + 1),
 * u = 1 + E, and the derivative from the closed form Misra publishes
 * (Mish: A Self Regularized Non-Monotonic Activation Function, BMVC 2020,
 * arXiv:1908.08681): f'(x) = E w / d^2 with w = 4(x + 1) + 4E^2 + E^3 +
 * E (4x + 6) and d = 2E + E^2 + 2, which the reference does not use (see
 * reference/reference_of("mish").c).  x = -20 and -100 are on the far negative tail,
 * where mish(x) ~ x e^x (-100: subnormal in f32 and bf16, -0 in f16).
 * mish'(0) = tanh(ln 2) = 3/5.
 */
static void mish_values(void)
{
    const struct reference_case *mish = activation("mish");
    mpfr_ptr inverse_e = number_from(INVERSE_E), e = new_number(), u = new_number(),
             v = new_number(), w = new_number(), t = new_number();
    const int xs[] = {1, -1, 2, -2, 5, -20, -100};
    for (size_t k = 0; k < sizeof xs / sizeof xs[0]; k++) {
        const long x = xs[k];
        char what[96];
        mpfr_pow_si(e, inverse_e, -x, MPFR_RNDN);
        mpfr_add_ui(u, e, 1, MPFR_RNDN);
        mpfr_sqr(u, u, MPFR_RNDN);
        mpfr_sub_ui(v, u, 1, MPFR_RNDN);
        mpfr_add_ui(u, u, 1, MPFR_RNDN);
        mpfr_div(v, v, u, MPFR_RNDN);
        mpfr_mul_si(v, v, x, MPFR_RNDN);
        snprintf(what, sizeof what, "%ld tanh(log(1 + e^%ld)) [A068985]", x, x);
        check_published(mish, (float)x, false, v, what);
        /* w = 4(x + 1) + 4E^2 + E^3 + E(4x + 6) */
        mpfr_set_si(w, 4 * (x + 1), MPFR_RNDN);
        mpfr_sqr(t, e, MPFR_RNDN);
        mpfr_mul_ui(u, t, 4, MPFR_RNDN);
        mpfr_add(w, w, u, MPFR_RNDN);
        mpfr_mul(u, t, e, MPFR_RNDN);
        mpfr_add(w, w, u, MPFR_RNDN);
        mpfr_mul_si(u, e, 4 * x + 6, MPFR_RNDN);
        mpfr_add(w, w, u, MPFR_RNDN);
        /* d = 2E + E^2 + 2 */
        mpfr_mul_ui(u, e, 2, MPFR_RNDN);
        mpfr_add(u, u, t, MPFR_RNDN);
        mpfr_add_ui(u, u, 2, MPFR_RNDN);
        mpfr_sqr(u, u, MPFR_RNDN);
        mpfr_mul(v, e, w, MPFR_RNDN);
        mpfr_div(v, v, u, MPFR_RNDN);
        snprintf(what, sizeof what, "e^%ld w / d^2 [Misra 2020, A068985]", x);
        check_published(mish, (float)x, true, v, what);
    }
    mpfr_set_ui(v, 3, MPFR_RNDN);
    mpfr_div_ui(v, v, 5, MPFR_RNDN);
    check_published(mish, 0.0f, true, v, "tanh(ln 2) = 3/5");
    check_published(mish, -0.0f, true, v, "tanh(ln 2) = 3/5");
    free_number(inverse_e);
    free_number(e);
    free_number(u);
    free_number(v);
    free_number(w);
    free_number(t);
}

/* selu's constants as the catalog writes them (the real numbers) and as
 * PyTorch's documentation gives them to 32 digits (Klambauer et al.,
 * Self-Normalizing Neural Networks, 2017) */
static const char *const SELU_LAMBDA = "1.0507009873554805";
static const char *const SELU_ALPHA = "1.6732632423543772";
static const char *const SELU_LAMBDA_32 = "1.0507009873554804934193349852946";
static const char *const SELU_ALPHA_32 = "1.6732632423543772848170429916717";

static void selu_values(void)
{
    const struct reference_case *selu = activation("selu");
    mpfr_ptr lambda = number_from(SELU_LAMBDA), alpha = number_from(SELU_ALPHA),
             lambda_alpha = new_number(), v = new_number(), t = new_number();
    mpfr_mul(lambda_alpha, lambda, alpha, MPFR_RNDN);
    /* the catalog's 17 digits are the 32-digit constants to 1e-16 */
    mpfr_ptr lambda_32 = number_from(SELU_LAMBDA_32), alpha_32 = number_from(SELU_ALPHA_32);
    mpfr_sub(t, lambda, lambda_32, MPFR_RNDN);
    mpfr_sub(v, alpha, alpha_32, MPFR_RNDN);
    check(mpfr_cmp_d(t, 1e-16) < 0 && mpfr_cmp_d(t, -1e-16) > 0 && mpfr_cmp_d(v, 1e-16) < 0 &&
              mpfr_cmp_d(v, -1e-16) > 0,
          "selu: lambda %s and alpha %s are the published constants to 1e-16", SELU_LAMBDA,
          SELU_ALPHA);
    free_number(lambda_32);
    free_number(alpha_32);

    check_published(selu, 1.0f, false, lambda, "lambda");
    check_published(selu, 1.0f, true, lambda, "lambda");
    mpfr_mul_ui(v, lambda, 3, MPFR_RNDN);
    check_published(selu, 3.0f, false, v, "3 lambda");
    check_published(selu, INFINITY, true, lambda, "lambda");
    /* selu(-1) = -lambda alpha (1 - 1/e), selu'(-1) = lambda alpha / e */
    mpfr_ptr one_minus = number_from(ONE_MINUS_INVERSE_E), inverse_e = number_from(INVERSE_E);
    mpfr_mul(v, lambda_alpha, one_minus, MPFR_RNDN);
    mpfr_neg(v, v, MPFR_RNDN);
    check_published(selu, -1.0f, false, v, "-lambda alpha (1 - 1/e) [A068996]");
    mpfr_mul(v, lambda_alpha, inverse_e, MPFR_RNDN);
    check_published(selu, -1.0f, true, v, "lambda alpha / e [A068985]");
    /* selu(-2) = lambda alpha (1/e^2 - 1) */
    mpfr_sqr(t, inverse_e, MPFR_RNDN);
    mpfr_sub_ui(t, t, 1, MPFR_RNDN);
    mpfr_mul(v, lambda_alpha, t, MPFR_RNDN);
    check_published(selu, -2.0f, false, v, "lambda alpha (1/e^2 - 1) [A068985]");
    /* the derivative at 0 is the left piece's, lambda alpha; the limit at -inf */
    check_published(selu, 0.0f, true, lambda_alpha, "lambda alpha");
    check_published(selu, -0.0f, true, lambda_alpha, "lambda alpha");
    mpfr_neg(v, lambda_alpha, MPFR_RNDN);
    check_published(selu, -INFINITY, false, v, "-lambda alpha");
    free_number(one_minus);
    free_number(inverse_e);
    free_number(lambda);
    free_number(alpha);
    free_number(lambda_alpha);
    free_number(v);
    free_number(t);
}

/* hardswish x (x + 3)/6 on [-3, 3] and its derivative (2x + 3)/6, by hand */
static void hardswish_values(void)
{
    const struct reference_case *hardswish = activation("hardswish");
    static const struct {
        float x;
        long value_numerator, value_denominator;
        long derivative_numerator, derivative_denominator;
    } cases[] = {
        {1.0f, 2, 3, 5, 6},     {-1.0f, -1, 3, 1, 6},  {2.0f, 5, 3, 7, 6},
        {-2.0f, -1, 3, -1, 6},  {0.5f, 7, 24, 2, 3},   {-0.5f, -5, 24, 1, 3},
        {2.5f, 55, 24, 4, 3},   {-2.5f, -5, 24, -1, 3},
    };
    mpfr_ptr v = new_number();
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const float x = cases[k].x;
        char what[64];
        mpfr_set_si(v, cases[k].value_numerator, MPFR_RNDN);
        mpfr_div_si(v, v, cases[k].value_denominator, MPFR_RNDN);
        snprintf(what, sizeof what, "%ld/%ld", cases[k].value_numerator,
                 cases[k].value_denominator);
        check_published(hardswish, x, false, v, what);
        mpfr_set_si(v, cases[k].derivative_numerator, MPFR_RNDN);
        mpfr_div_si(v, v, cases[k].derivative_denominator, MPFR_RNDN);
        snprintf(what, sizeof what, "%ld/%ld", cases[k].derivative_numerator,
                 cases[k].derivative_denominator);
        check_published(hardswish, x, true, v, what);
    }
    /* x = 0.1f = 13421773 2^-27, not a decimal: from the float itself */
    const float x = 0.1f;
    mpfr_set_flt(v, x, MPFR_RNDN);
    mpfr_add_ui(v, v, 3, MPFR_RNDN);
    mpfr_mul_d(v, v, (double)x, MPFR_RNDN);
    mpfr_div_ui(v, v, 6, MPFR_RNDN);
    check_published(hardswish, x, false, v, "0.1f (0.1f + 3)/6");
    mpfr_set_flt(v, x, MPFR_RNDN);
    mpfr_mul_2ui(v, v, 1, MPFR_RNDN);
    mpfr_add_ui(v, v, 3, MPFR_RNDN);
    mpfr_div_ui(v, v, 6, MPFR_RNDN);
    check_published(hardswish, x, true, v, "(2 0.1f + 3)/6");
    free_number(v);
}

/* ------------------------------------------------------------------ */
/* Special inputs                                                      */
/* ------------------------------------------------------------------ */

struct special_case {
    const char *activation;
    float x;
    float value;
    bool value_exact; /* REF_EXACT expected (and a NaN needs REF_NAN) */
    float derivative; /* gradient with dy = 1 */
    bool derivative_exact;
};

/* 0.01f, 0.25f: the default leaky_relu slope and prelu's first channel;
 * 0x1.99999ap-3 = 0.2 and 0x1.555556p-3 = 1/6 rounded to f32;
 * 0x1.62e43p-1 = ln 2 and 0x1.333334p-1 = 3/5 (mish'(0) = tanh(ln 2))
 * rounded to f32; 0x1.0cfabep+0 = lambda and 0x1.c212ccp+0 = lambda alpha
 * of selu rounded to f32; hardswish's kinks at -3 and 3 with the
 * derivative of PyTorch's hardswish_backward there. */
static const struct special_case special_cases[] = {
    {"relu", INFINITY, INFINITY, true, 1.0f, true},
    {"relu", -INFINITY, 0.0f, true, 0.0f, true},
    {"relu", 0.0f, 0.0f, true, 0.0f, true},
    {"relu", -0.0f, 0.0f, true, 0.0f, true},
    {"leaky_relu", INFINITY, INFINITY, true, 1.0f, true},
    {"leaky_relu", -INFINITY, -INFINITY, true, 0.01f, true},
    {"leaky_relu", 0.0f, 0.0f, true, 0.01f, true},
    {"leaky_relu", -0.0f, -0.0f, true, 0.01f, true},
    {"prelu", INFINITY, INFINITY, true, 1.0f, true},
    {"prelu", -INFINITY, -INFINITY, true, 0.25f, true},
    {"prelu", 0.0f, 0.0f, true, 0.25f, true},
    {"prelu", -0.0f, -0.0f, true, 0.25f, true},
    {"elu", INFINITY, INFINITY, true, 1.0f, true},
    {"elu", -INFINITY, -1.0f, true, 0.0f, true},
    {"elu", 0.0f, 0.0f, true, 1.0f, true},
    {"elu", -0.0f, -0.0f, true, 1.0f, true},
    {"sigmoid", INFINITY, 1.0f, true, 0.0f, true},
    {"sigmoid", -INFINITY, 0.0f, true, 0.0f, true},
    {"sigmoid", 0.0f, 0.5f, true, 0.25f, true},
    {"sigmoid", -0.0f, 0.5f, true, 0.25f, true},
    {"tanh", INFINITY, 1.0f, true, 0.0f, true},
    {"tanh", -INFINITY, -1.0f, true, 0.0f, true},
    {"tanh", 0.0f, 0.0f, true, 1.0f, true},
    {"tanh", -0.0f, -0.0f, true, 1.0f, true},
    {"hard_sigmoid_keras", INFINITY, 1.0f, true, 0.0f, true},
    {"hard_sigmoid_keras", -INFINITY, 0.0f, true, 0.0f, true},
    {"hard_sigmoid_keras", 0.0f, 0.5f, true, 0x1.99999ap-3f, false},
    {"hard_sigmoid_keras", -0.0f, 0.5f, true, 0x1.99999ap-3f, false},
    {"hard_sigmoid_torch", INFINITY, 1.0f, true, 0.0f, true},
    {"hard_sigmoid_torch", -INFINITY, 0.0f, true, 0.0f, true},
    {"hard_sigmoid_torch", 0.0f, 0.5f, true, 0x1.555556p-3f, false},
    {"hard_sigmoid_torch", -0.0f, 0.5f, true, 0x1.555556p-3f, false},
    {"gelu", INFINITY, INFINITY, true, 1.0f, true},
    {"gelu", -INFINITY, -0.0f, true, -0.0f, true},
    {"gelu", 0.0f, 0.0f, true, 0.5f, true},
    {"gelu", -0.0f, -0.0f, true, 0.5f, true},
    {"gelu_tanh", INFINITY, INFINITY, true, 1.0f, true},
    {"gelu_tanh", -INFINITY, -0.0f, true, -0.0f, true},
    {"gelu_tanh", 0.0f, 0.0f, true, 0.5f, true},
    {"gelu_tanh", -0.0f, -0.0f, true, 0.5f, true},
    {"silu", INFINITY, INFINITY, true, 1.0f, true},
    {"silu", -INFINITY, -0.0f, true, -0.0f, true},
    {"silu", 0.0f, 0.0f, true, 0.5f, true},
    {"silu", -0.0f, -0.0f, true, 0.5f, true},
    {"softplus", INFINITY, INFINITY, true, 1.0f, true},
    {"softplus", -INFINITY, 0.0f, true, 0.0f, true},
    {"softplus", 0.0f, 0x1.62e43p-1f, false, 0.5f, true},
    {"softplus", -0.0f, 0x1.62e43p-1f, false, 0.5f, true},
    {"mish", INFINITY, INFINITY, true, 1.0f, true},
    {"mish", -INFINITY, -0.0f, true, -0.0f, true},
    {"mish", 0.0f, 0.0f, true, 0x1.333334p-1f, false},
    {"mish", -0.0f, -0.0f, true, 0x1.333334p-1f, false},
    {"selu", INFINITY, INFINITY, true, 0x1.0cfabep+0f, false},
    {"selu", -INFINITY, -0x1.c212ccp+0f, false, 0.0f, true},
    {"selu", 0.0f, 0.0f, true, 0x1.c212ccp+0f, false},
    {"selu", -0.0f, -0.0f, true, 0x1.c212ccp+0f, false},
    {"hardswish", INFINITY, INFINITY, true, 1.0f, true},
    {"hardswish", -INFINITY, -0.0f, true, 0.0f, true},
    {"hardswish", 0.0f, 0.0f, true, 0.5f, true},
    {"hardswish", -0.0f, -0.0f, true, 0.5f, true},
    {"hardswish", -3.0f, -0.0f, true, -0.5f, true},
    {"hardswish", -0x1.7ffffep+1f, -0x1.fffffep-24f, false, -0x1.fffffap-2f, false},
    {"hardswish", -0x1.800002p+1f, -0.0f, true, 0.0f, true},
    {"hardswish", 3.0f, 3.0f, true, 1.5f, true},
    {"hardswish", 0x1.800002p+1f, 0x1.800002p+1f, true, 1.0f, true},
    {"hardswish", -1.5f, -0.375f, true, 0.0f, true},
};

static void special_inputs(void)
{
    puts("# special inputs");
    for (size_t k = 0; k < sizeof special_cases / sizeof special_cases[0]; k++) {
        const struct special_case *c = &special_cases[k];
        struct ref_point value, gradient;
        evaluate_point(activation(c->activation), FMT_F32, c->x, 1.0f, &value, &gradient, NULL);
        check(point_is(&value, c->value, c->value_exact) &&
                  point_is(&gradient, c->derivative, c->derivative_exact),
              "%s(%a) = %a%s, gradient %a%s: got %a (flags %u), %a (flags %u)",
              c->activation, (double)c->x, (double)c->value,
              c->value_exact ? " exact" : "", (double)c->derivative,
              c->derivative_exact ? " exact" : "", (double)value.rounded, value.flags,
              (double)gradient.rounded, gradient.flags);
    }
    /* NaN in, NaN out, for every elementwise activation, both signs of NaN */
    reference_cases_fill();
    for (size_t a = 0; a < REFERENCE_CASE_COUNT; a++) {
        if (reference_cases[a].vector)
            continue;
        for (int s = 0; s < 2; s++) {
            float x = s ? -NAN : NAN;
            struct ref_point value, gradient;
            evaluate_point(&reference_cases[a], FMT_F32, x, 1.0f, &value, &gradient, NULL);
            check(point_is(&value, NAN, true) && point_is(&gradient, NAN, true),
                  "%s(%a) is NaN, gradient NaN", reference_cases[a].name, (double)x);
        }
    }
    /* prelu's parameter gradient dy x where x <= 0, +0 where x > 0 */
    struct actbench_params p = default_params(activation("prelu"));
    const float xs[] = {INFINITY, -INFINITY, 0.0f, -0.0f, NAN, 2.0f, -3.0f};
    const float want[] = {0.0f, -INFINITY, 0.0f, -0.0f, NAN, 0.0f, -1.5f};
    for (size_t k = 0; k < sizeof xs / sizeof xs[0]; k++) {
        float dy = 0.5f;
        struct ref_point dparam;
        reference_of("prelu")(&(struct ref_request){.params = &p, .format = FMT_F32, .x = &xs[k], .dy = &dy,
                                        .n = 1, .dparam = &dparam});
        check(point_is(&dparam, want[k], true), "prelu parameter gradient at x = %a, dy = %a: %a, got %a",
              (double)xs[k], (double)dy, (double)want[k], (double)dparam.rounded);
    }
}

/*
 * hard sigmoids and hardswish at inputs whose exact value is a midpoint of
 * f16: computed exactly (err 0), they must round half to even at once.  In
 * [0.5, 1) the f16 spacing is 2^-11: 0.5 + 2^-12 rounds down to 0.5
 * (even), 0.5 + 3 2^-12 up to 0.5 + 2^-10.  In [0.25, 0.5) it is 2^-12:
 * 0.5 - 2^-13 rounds up to 0.5, and its tail counts in the ulp of its own
 * binade, 2^-12.  hardswish(0.515625) = 0.515625 * 3.515625 / 6 =
 * 1237.5 2^-12 rounds up to 1238 2^-12, hardswish(-0.796875) =
 * -1198.5 2^-12 toward zero to -1198 2^-12 (both even).
 */
static void exact_midpoints(void)
{
    puts("# exact midpoints round half to even without a retry");
    struct {
        const char *activation;
        float x;
        float want;
        double tail;
    } cases[] = {
        {"hard_sigmoid_torch", 3 * 0x1p-11f, 0.5f, 0.5},             /* 0.5 + 2^-12 */
        {"hard_sigmoid_torch", 9 * 0x1p-11f, 0.5f + 0x1p-10f, -0.5}, /* 0.5 + 3 2^-12 */
        {"hard_sigmoid_torch", -3 * 0x1p-12f, 0.5f, -0.5},           /* 0.5 - 2^-13 */
        {"hard_sigmoid_keras", 5 * 0x1p-12f, 0.5f, 0.5},             /* 0.5 + 2^-12 */
        {"hard_sigmoid_keras", 15 * 0x1p-12f, 0.5f + 0x1p-10f, -0.5}, /* 0.5 + 3 2^-12 */
        {"hard_sigmoid_keras", -5 * 0x1p-13f, 0.5f, -0.5},           /* 0.5 - 2^-13 */
        {"hardswish", 0.515625f, 1238 * 0x1p-12f, -0.5},
        {"hardswish", -0.796875f, -1198 * 0x1p-12f, -0.5},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        struct ref_point value, gradient;
        struct ref_stats stats = {0};
        evaluate_point(activation(cases[k].activation), FMT_F16, cases[k].x, 1.0f, &value, &gradient, &stats);
        check(same_bits(value.rounded, cases[k].want) && value.tail == cases[k].tail &&
                  stats.retries == 0 && stats.unresolved == 0 && !(value.flags & REF_EXACT),
              "f16 %s(%a) = %a tail %g: got %a tail %.17g, retries %llu",
              cases[k].activation, (double)cases[k].x,
              (double)cases[k].want, cases[k].tail, (double)value.rounded, value.tail,
              (unsigned long long)stats.retries);
    }
    /* 0.5 - 2^-12, in the binade below 0.5, is representable in f16 */
    struct ref_point value, gradient;
    evaluate_point(activation("hard_sigmoid_torch"), FMT_F16, -3 * 0x1p-11f, 1.0f, &value, &gradient,
                   NULL);
    check(same_bits(value.rounded, 0.5f - 0x1p-12f) && (value.flags & REF_EXACT),
          "f16 hard_sigmoid_torch(%a) = 0.5 - 2^-12 exactly: got %a", -3 * 0x1p-11,
          (double)value.rounded);
}

/* ------------------------------------------------------------------ */
/* Formats                                                             */
/* ------------------------------------------------------------------ */

static void format_case(const struct reference_case *act, enum number_format fmt, float x, float want,
                        double tail, bool exact)
{
    struct ref_point value, gradient;
    evaluate_point(act, fmt, x, 1.0f, &value, &gradient, NULL);
    bool ok = same_bits(value.rounded, want) && value.tail == tail &&
              ((value.flags & REF_EXACT) != 0) == exact && !(value.flags & REF_UNRESOLVED);
    check(ok, "%s %s(%a) = %a tail %g%s: got %a tail %.17g flags %u", format_catalog[fmt].name,
          act->name, (double)x, (double)want, tail, exact ? " exact" : "",
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
    format_case(activation("relu"), FMT_F16, 65504.0f, 65504.0f, 0.0, true);
    format_case(activation("relu"), FMT_F16, 65519.0f, 65504.0f, 15.0 / 32, false);
    format_case(activation("relu"), FMT_F16, 65520.0f, INFINITY, 0.0, false);
    format_case(activation("leaky_relu"), FMT_F16, -1e9f, -INFINITY, 0.0, false);
    format_case(activation("elu"), FMT_F16, 65519.0f, 65504.0f, 15.0 / 32, false); /* MPFR path, exact */
    format_case(activation("elu"), FMT_F16, 65520.0f, INFINITY, 0.0, false);
    /* softplus(x) = x + log1p(e^-x), err > 0: past the overflow boundary
     * 65520 of f16 it is inf, below it 65504.  (Exactly at 65520 the
     * saturated term's interval [0, 2^-865] touches the boundary and the
     * point is unresolved; no f16 input lands there.) */
    format_case(activation("softplus"), FMT_F16, 65521.0f, INFINITY, 0.0, false);
    format_case(activation("softplus"), FMT_F16, 70000.0f, INFINITY, 0.0, false);
    format_case(activation("softplus"), FMT_F16, 65519.0f, 65504.0f, 15.0 / 32, false);
    format_case(activation("softplus"), FMT_F16, 65504.0f, 65504.0f, 0.0, false);
    /* bf16: largest finite 0x1.fep127, midpoint to 2^128 0x1.ffp127 */
    format_case(activation("relu"), FMT_BF16, 0x1.fep127f, 0x1.fep127f, 0.0, true);
    format_case(activation("relu"), FMT_BF16, 0x1.ffp127f, INFINITY, 0.0, false);
    format_case(activation("relu"), FMT_BF16, 0x1.fefffep127f, 0x1.fep127f, 0.5 - 0x1p-16, false);
    /* subnormals: f16 spacing 2^-24, bf16 2^-133, f32 2^-149 */
    format_case(activation("relu"), FMT_F16, 0x1p-25f, 0.0f, 0.5, false);     /* tie to 0 */
    format_case(activation("relu"), FMT_F16, 0x1.8p-24f, 0x1p-23f, -0.5, false); /* tie to 2 */
    format_case(activation("relu"), FMT_F16, 0x1.8p-25f, 0x1p-24f, -0.25, false);
    format_case(activation("relu"), FMT_F16, 0x1.ff8p-15f, 0x1.ff8p-15f, 0.0, true); /* largest subnormal */
    format_case(activation("relu"), FMT_F16, 0x1.ffcp-15f, 0x1p-14f, -0.5, false);   /* tie to 2^-14 */
    format_case(activation("relu"), FMT_F16, 0x1.ffep-15f, 0x1p-14f, -0.25, false);
    format_case(activation("relu"), FMT_BF16, 0x1p-134f, 0.0f, 0.5, false);
    format_case(activation("relu"), FMT_BF16, 0x1.8p-133f, 0x1p-132f, -0.5, false);
    /* leaky_relu(-2^-140) = -0.01f 2^-140 = -5.12... 2^-149 */
    format_case(activation("leaky_relu"), FMT_F32, -0x1p-140f, -0x1.4p-147f, 5.0 - 0.01f * 512.0, false);
    /* -0.01f = -0x1.47ae14p-7 in bf16 (spacing 2^-14 there) */
    format_case(activation("leaky_relu"), FMT_BF16, -1.0f, -0x1.48p-7f,
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
        evaluate_point(activation("sigmoid"), tiny[k].fmt, tiny[k].x, 1.0f, &value, &gradient, NULL);
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
        evaluate_point(activation("sigmoid"), FMT_F32, 17.5f, 1.0f, &value, &gradient, NULL);
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

/* Parameters the reference cannot use give unresolved NaN, not a crash. */
static void unusable_parameters(void)
{
    puts("# unusable parameters");
    struct actbench_params p = default_params(activation("softmax"));
    p.row_length = 0;
    float x[4] = {1.0f, 2.0f, 3.0f, 4.0f}, dy[4] = {1.0f, 1.0f, 1.0f, 1.0f};
    struct ref_point value[4], gradient[4];
    struct ref_stats stats = {0};
    evaluate(activation("softmax"), &p, FMT_F32, x, dy, 4, value, gradient, &stats);
    bool ok = stats.unresolved == 8;
    for (int i = 0; i < 4; i++)
        ok = ok && isnan(value[i].rounded) && (value[i].flags & REF_UNRESOLVED) &&
             isnan(gradient[i].rounded) && (gradient[i].flags & REF_UNRESOLVED);
    check(ok, "softmax with rows of 0 entries: every point NaN and unresolved (%llu)",
          (unsigned long long)stats.unresolved);
    p = default_params(activation("maxout"));
    p.group = 3; /* 4 inputs are not whole groups of 3 */
    stats = (struct ref_stats){0};
    evaluate(activation("maxout"), &p, FMT_F32, x, dy, 4, value, gradient, &stats);
    check(stats.unresolved == 5 && (value[0].flags & REF_UNRESOLVED),
          "maxout of 4 inputs in groups of 3: unresolved (%llu)",
          (unsigned long long)stats.unresolved);
}

int main(void)
{
    printf("MPFR %s\n", ref_mpfr_version());
    /* the reference is documented thread-safe because MPFR keeps its
     * flags, exponent range and constant caches per thread in such a build */
    check(mpfr_buildopt_tls_p() != 0, "MPFR is built with thread-local storage");
    unusable_parameters();
    published_values();
    mish_values();
    selu_values();
    hardswish_values();
    special_inputs();
    exact_midpoints();
    formats();
    return check_summary("test_reference");
}
