/*
 * Checks of the MPFR reference (reference/) on many points: Ziv's loop at
 * points that need more than 64 bits, and sweeps of every activation over
 * 100000 f32 inputs (every binade and [-10, 10]) and all bf16 and f16
 * inputs with no unresolved point, with a sample cross-checked against the
 * catalog's formulas written naively in MPFR at 600 bits, rounded
 * independently (reference_test.h).
 *
 * One line per check; the last line counts them.  Exit status 0 only if
 * every check passed.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mpfr.h>

#include "check.h"
#include "reference_test.h"

/* ------------------------------------------------------------------ */
/* Naive formulas at 600 bits, for cross-checks                        */
/* ------------------------------------------------------------------ */

/*
 * The catalog's definitions written as they read, for finite x and
 * moderate |x| (no care for overflow or cancellation: 600 bits absorb it):
 * the value and the derivative at x.
 */
typedef void naive_function(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative);

static void naive_elu(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    if (mpfr_sgn(x) > 0) {
        mpfr_set(value, x, MPFR_RNDN);
        mpfr_set_ui(derivative, 1, MPFR_RNDN);
        return;
    }
    mpfr_exp(derivative, x, MPFR_RNDN);
    mpfr_sub_ui(value, derivative, 1, MPFR_RNDN);
    mpfr_mul_d(value, value, alpha, MPFR_RNDN);
    mpfr_mul_d(derivative, derivative, alpha, MPFR_RNDN);
}

/* 1/(1 + e^-x) */
static void naive_logistic(const mpfr_t x, mpfr_t s)
{
    mpfr_neg(s, x, MPFR_RNDN);
    mpfr_exp(s, s, MPFR_RNDN);
    mpfr_add_ui(s, s, 1, MPFR_RNDN);
    mpfr_ui_div(s, 1, s, MPFR_RNDN);
}

static void naive_sigmoid(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    naive_logistic(x, value);
    mpfr_ui_sub(derivative, 1, value, MPFR_RNDN);
    mpfr_mul(derivative, derivative, value, MPFR_RNDN);
}

static void naive_silu(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    naive_logistic(x, derivative); /* s */
    mpfr_mul(value, x, derivative, MPFR_RNDN);
    /* s (1 + x (1 - s)) = s + x s - x s^2 = s + value - value s */
    mpfr_t t;
    mpfr_init2(t, WORK_PRECISION);
    mpfr_mul(t, value, derivative, MPFR_RNDN);
    mpfr_add(derivative, derivative, value, MPFR_RNDN);
    mpfr_sub(derivative, derivative, t, MPFR_RNDN);
    mpfr_clear(t);
}

static void naive_softplus(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    mpfr_exp(value, x, MPFR_RNDN);
    mpfr_log1p(value, value, MPFR_RNDN);
    naive_logistic(x, derivative);
}

static void naive_tanh(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    mpfr_tanh(value, x, MPFR_RNDN);
    mpfr_sech(derivative, x, MPFR_RNDN);
    mpfr_sqr(derivative, derivative, MPFR_RNDN);
}

/* clip(x/divisor + 0.5, 0, 1), derivative 1/divisor between the kinks
 * -divisor/2 and divisor/2 */
static void naive_hard_sigmoid(const mpfr_t x, unsigned long divisor, mpfr_t value,
                               mpfr_t derivative)
{
    const double kink = (double)divisor / 2;
    mpfr_set_ui(derivative, 1, MPFR_RNDN);
    mpfr_div_ui(derivative, derivative, divisor, MPFR_RNDN); /* 0.2 or 1/6 */
    mpfr_mul(value, x, derivative, MPFR_RNDN);
    mpfr_add_d(value, value, 0.5, MPFR_RNDN);
    if (mpfr_cmp_d(x, -kink) <= 0 || mpfr_cmp_d(x, kink) >= 0)
        mpfr_set_ui(derivative, 0, MPFR_RNDN);
    if (mpfr_cmp_d(x, -kink) <= 0)
        mpfr_set_ui(value, 0, MPFR_RNDN);
    if (mpfr_cmp_d(x, kink) >= 0)
        mpfr_set_ui(value, 1, MPFR_RNDN);
}

static void naive_hard_sigmoid_keras(const mpfr_t x, float alpha, mpfr_t value,
                                     mpfr_t derivative)
{
    (void)alpha;
    naive_hard_sigmoid(x, 5, value, derivative);
}

static void naive_hard_sigmoid_torch(const mpfr_t x, float alpha, mpfr_t value,
                                     mpfr_t derivative)
{
    (void)alpha;
    naive_hard_sigmoid(x, 6, value, derivative);
}

static void naive_gelu(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    mpfr_t t, u, c;
    mpfr_inits2(WORK_PRECISION, t, u, c, (mpfr_ptr)0);
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
    mpfr_clears(t, u, c, (mpfr_ptr)0);
}

static void naive_gelu_tanh(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    mpfr_t t, u, c, k, s;
    mpfr_inits2(WORK_PRECISION, t, u, c, k, s, (mpfr_ptr)0);
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
    mpfr_clears(t, u, c, k, s, (mpfr_ptr)0);
}

/* x tanh(sp), tanh(sp) + x sech(sp)^2 sigmoid(x), sp = log1p(e^x) */
static void naive_mish(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    mpfr_t sp, t, s;
    mpfr_inits2(WORK_PRECISION, sp, t, s, (mpfr_ptr)0);
    mpfr_exp(sp, x, MPFR_RNDN);
    mpfr_log1p(sp, sp, MPFR_RNDN);
    mpfr_tanh(t, sp, MPFR_RNDN);
    mpfr_mul(value, x, t, MPFR_RNDN);
    mpfr_sech(sp, sp, MPFR_RNDN);
    mpfr_sqr(sp, sp, MPFR_RNDN);
    naive_logistic(x, s);
    mpfr_mul(sp, sp, s, MPFR_RNDN);
    mpfr_mul(sp, sp, x, MPFR_RNDN);
    mpfr_add(derivative, t, sp, MPFR_RNDN);
    mpfr_clears(sp, t, s, (mpfr_ptr)0);
}

/* lambda (x > 0 ? x : alpha (e^x - 1)) with the catalog's decimals */
static void naive_selu(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    mpfr_t lambda, a;
    mpfr_inits2(WORK_PRECISION, lambda, a, (mpfr_ptr)0);
    mpfr_set_str(lambda, "1.0507009873554805", 10, MPFR_RNDN);
    mpfr_set_str(a, "1.6732632423543772", 10, MPFR_RNDN);
    if (mpfr_sgn(x) > 0) {
        mpfr_mul(value, lambda, x, MPFR_RNDN);
        mpfr_set(derivative, lambda, MPFR_RNDN);
    } else {
        mpfr_mul(a, a, lambda, MPFR_RNDN);
        mpfr_exp(derivative, x, MPFR_RNDN);
        mpfr_sub_ui(value, derivative, 1, MPFR_RNDN);
        mpfr_mul(value, value, a, MPFR_RNDN);
        mpfr_mul(derivative, derivative, a, MPFR_RNDN);
    }
    mpfr_clears(lambda, a, (mpfr_ptr)0);
}

/* x min(max(x + 3, 0), 6) / 6; derivative x < -3 ? 0 : x <= 3 ? x/3 + 1/2 : 1 */
static void naive_hardswish(const mpfr_t x, float alpha, mpfr_t value, mpfr_t derivative)
{
    (void)alpha;
    mpfr_add_ui(value, x, 3, MPFR_RNDN);
    if (mpfr_sgn(value) < 0)
        mpfr_set_ui(value, 0, MPFR_RNDN);
    if (mpfr_cmp_ui(value, 6) > 0)
        mpfr_set_ui(value, 6, MPFR_RNDN);
    mpfr_mul(value, value, x, MPFR_RNDN);
    mpfr_div_ui(value, value, 6, MPFR_RNDN);
    if (mpfr_cmp_si(x, -3) < 0) {
        mpfr_set_ui(derivative, 0, MPFR_RNDN);
    } else if (mpfr_cmp_ui(x, 3) <= 0) {
        mpfr_div_ui(derivative, x, 3, MPFR_RNDN);
        mpfr_add_d(derivative, derivative, 0.5, MPFR_RNDN);
    } else {
        mpfr_set_ui(derivative, 1, MPFR_RNDN);
    }
}

/* value and derivative of the naive formula at the float x */
static void naive_at(naive_function *naive, float x, float alpha, mpfr_t value,
                     mpfr_t derivative)
{
    mpfr_t xm;
    mpfr_init2(xm, WORK_PRECISION);
    mpfr_set_flt(xm, x, MPFR_RNDN);
    naive(xm, alpha, value, derivative);
    mpfr_clear(xm);
}

/* ------------------------------------------------------------------ */
/* Ziv's loop                                                          */
/* ------------------------------------------------------------------ */

/* Value and gradient at x need a retry (more than 64 bits), are resolved
 * and agree with the naive formula. */
static void check_retry(const char *name, naive_function *naive, float x, bool gradient,
                        const char *why)
{
    const struct reference_case *a = activation(name);
    mpfr_ptr v = new_number(), d = new_number();
    struct ref_point value, grad;
    struct ref_stats stats = {0};
    evaluate_point(a, FMT_F32, x, 1.0f, &value, &grad, &stats);
    naive_at(naive, x, a->alpha, v, d);
    const struct ref_point *r = gradient ? &grad : &value;
    check(stats.retries >= 1 && stats.max_precision_used >= 128 && stats.unresolved == 0 &&
              agrees(r, gradient ? d : v, FMT_F32),
          "%s%s(%a) needs a retry (%s; retries %llu, %d bits) and is right: %a tail %.6g", name,
          gradient ? "'" : "", (double)x, why, (unsigned long long)stats.retries,
          stats.max_precision_used, (double)r->rounded, r->tail);
    free_number(v);
    free_number(d);
}

/* The 17 floats around a zero x0 of the derivative, where its two terms
 * cancel: retries, nothing unresolved, all agree with the naive formula. */
static void check_derivative_zero(const char *name, naive_function *naive, float x0)
{
    const struct reference_case *a = activation(name);
    mpfr_ptr v = new_number(), d = new_number();
    uint64_t retries = 0, unresolved = 0;
    bool all_agree = true;
    for (int k = -8; k <= 8; k++) {
        float x = x0;
        for (int s = 0; s < abs(k); s++)
            x = nextafterf(x, k > 0 ? 0.0f : -INFINITY);
        struct ref_point value, gradient;
        struct ref_stats stats = {0};
        evaluate_point(a, FMT_F32, x, 1.0f, &value, &gradient, &stats);
        naive_at(naive, x, a->alpha, v, d);
        retries += stats.retries;
        unresolved += stats.unresolved;
        if (!agrees(&gradient, d, FMT_F32) || !agrees(&value, v, FMT_F32)) {
            all_agree = false;
            printf("     %s'(%a): got %a tail %.9g\n", name, (double)x,
                   (double)gradient.rounded, gradient.tail);
        }
    }
    check(retries > 0 && unresolved == 0 && all_agree,
          "%s' at the 17 floats around its zero %a: retries %llu, unresolved %llu, all right",
          name, (double)x0, (unsigned long long)retries, (unsigned long long)unresolved);
    free_number(v);
    free_number(d);
}

static void hard_cases(void)
{
    puts("# Ziv's loop: points that need more than 64 bits");
    /* silu(x) = x/2 + x^2/4 - ... for a tiny x lies within about 2^-250 of a
     * rounding boundary of f32 (x/2 is a midpoint of the subnormal grid),
     * so 64 and 128 bits cannot decide it. */
    const float tiny[] = {-0x1.b65132p-126f, 0x1.bf3f4p-131f, 0x1.aa4476p-126f};
    for (size_t k = 0; k < sizeof tiny / sizeof tiny[0]; k++)
        check_retry("silu", naive_silu, tiny[k], false, "x/2 is a subnormal midpoint");
    /* hardswish(x) = x/2 + x^2/6 likewise, 2^-298/6 from the midpoint at
     * x = 2^-149, and x + 3 is exact only from 256 bits on: it rounds away
     * from the midpoint for x > 0 and toward zero for x < 0 */
    const float tiny_hardswish[] = {0x1p-149f, -0x1p-149f, 5 * 0x1p-149f, -0x1.000002p-126f};
    for (size_t k = 0; k < sizeof tiny_hardswish / sizeof tiny_hardswish[0]; k++)
        check_retry("hardswish", naive_hardswish, tiny_hardswish[k], false,
                    "x/2 is a subnormal midpoint");
    /* gelu'(x) = Phi(x) + x phi(x) cancels near its zero -0.7517916... and
     * mish'(x) = tanh(sp) + x sech^2(sp) sigmoid(x) near -1.1924312..., the
     * minimum of mish: the 64-bit error bound is too wide for the tail
     * there. */
    check_derivative_zero("gelu", naive_gelu, -0.75179166f);
    check_derivative_zero("mish", naive_mish, -1.1924312f);
}

/*
 * mish on its negative tail, where mish(x) ~ x e^x goes through the
 * subnormals of f32 (from about -87) to below half the smallest (about
 * -107): 4000 inputs in [-110, -10] must agree with the naive formula in
 * value and derivative, relative accuracy included.
 */
static void mish_tail(void)
{
    puts("# mish's negative tail");
    const struct reference_case *a = activation("mish");
    enum { N = 4000 };
    float x[N], dy[N];
    struct ref_point value[N], gradient[N];
    for (int i = 0; i < N; i++) {
        x[i] = (float)(-10.0 - 100.0 * i / N);
        dy[i] = 1.0f;
    }
    struct actbench_params p = default_params(a);
    struct ref_stats stats = {0};
    evaluate(a, &p, FMT_F32, x, dy, N, value, gradient, &stats);
    mpfr_ptr v = new_number(), d = new_number();
    size_t disagreed = 0, subnormal = 0;
    for (int i = 0; i < N; i++) {
        naive_at(naive_mish, x[i], 0.0f, v, d);
        if (!agrees(&value[i], v, FMT_F32) || !agrees(&gradient[i], d, FMT_F32)) {
            disagreed++;
            printf("     mish(%a): value %a tail %.9g, gradient %a tail %.9g\n", (double)x[i],
                   (double)value[i].rounded, value[i].tail, (double)gradient[i].rounded,
                   gradient[i].tail);
        }
        subnormal += value[i].rounded != 0.0f && fabsf(value[i].rounded) < 0x1p-126f;
    }
    check(disagreed == 0 && stats.unresolved == 0 && subnormal > 100,
          "mish on [-110, -10]: %d points agree with the naive formula (%zu subnormal values), "
          "unresolved %llu",
          N, subnormal, (unsigned long long)stats.unresolved);
    free_number(v);
    free_number(d);
}

/* ------------------------------------------------------------------ */
/* Sweeps                                                              */
/* ------------------------------------------------------------------ */

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

struct sweep_case {
    const char *name;
    naive_function *naive; /* NULL for rows (test_reference_rows.c checks them) */
    uint64_t seed;
};

static const struct sweep_case sweep_cases[] = {
    {"elu", naive_elu, 1003},
    {"sigmoid", naive_sigmoid, 1004},
    {"tanh", naive_tanh, 1005},
    {"hard_sigmoid_keras", naive_hard_sigmoid_keras, 1006},
    {"hard_sigmoid_torch", naive_hard_sigmoid_torch, 1007},
    {"gelu", naive_gelu, 1008},
    {"gelu_tanh", naive_gelu_tanh, 1009},
    {"silu", naive_silu, 1010},
    {"softplus", naive_softplus, 1011},
    {"softmax", NULL, 1012},
    {"mish", naive_mish, 1014},
    {"selu", naive_selu, 1015},
    {"hardswish", naive_hardswish, 1016},
    {"log_softmax", NULL, 1017},
};

/* every bf16 or f16 input, with dy rounded to the format */
static void sweep_16(const struct reference_case *a, const struct actbench_params *p,
                     enum number_format fmt, const float *dy)
{
    const size_t n = 65536;
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
    evaluate(a, p, fmt, xs, dys, n, vs, gs, &s16);
    check(s16.unresolved == 0, "every %s input of %s: unresolved %llu, retries %llu",
          format_catalog[fmt].name, a->name, (unsigned long long)s16.unresolved,
          (unsigned long long)s16.retries);
    free(xs);
    free(dys);
    free(vs);
    free(gs);
}

static void sweeps(void)
{
    puts("# sweeps: no unresolved point");
    enum { SWEEP = 100000, CROSS_CHECK_EVERY = 97 };
    float *x = malloc(SWEEP * sizeof *x), *dy = malloc(SWEEP * sizeof *dy);
    struct ref_point *value = malloc(SWEEP * sizeof *value),
                     *gradient = malloc(SWEEP * sizeof *gradient);
    if (!x || !dy || !value || !gradient) {
        fputs("out of memory\n", stderr);
        exit(2);
    }
    mpfr_ptr v = new_number(), d = new_number();
    for (size_t c = 0; c < sizeof sweep_cases / sizeof sweep_cases[0]; c++) {
        const struct sweep_case *sc = &sweep_cases[c];
        const struct reference_case *a = activation(sc->name);
        struct actbench_params p = default_params(a);
        uint64_t state = sc->seed;
        for (size_t i = 0; i < SWEEP; i++) {
            x[i] = sweep_input(&state, i);
            dy[i] = random_unit(&state);
        }
        /* f32 sweep (SWEEP is a multiple of the row length) */
        struct ref_stats stats = {0};
        evaluate(a, &p, FMT_F32, x, dy, SWEEP, value, gradient, &stats);
        check(stats.unresolved == 0 && stats.evaluations == SWEEP,
              "f32 %s over %d inputs: unresolved %llu, retries %llu, up to %d bits", a->name,
              SWEEP, (unsigned long long)stats.unresolved, (unsigned long long)stats.retries,
              stats.max_precision_used);
        /* cross-check a sample against the naive formulas (moderate |x|
         * where those formulas neither overflow nor crawl) */
        if (sc->naive) {
            size_t compared = 0, disagreed = 0;
            for (size_t i = 0; i < SWEEP; i += CROSS_CHECK_EVERY) {
                if (!(fabsf(x[i]) <= 40.0f))
                    continue;
                naive_at(sc->naive, x[i], p.alpha, v, d);
                mpfr_mul_d(d, d, dy[i], MPFR_RNDN);
                compared++;
                if (!agrees(&value[i], v, FMT_F32) || !agrees(&gradient[i], d, FMT_F32)) {
                    disagreed++;
                    printf("     %s(%a), dy %a: value %a tail %.9g, gradient %a tail %.9g\n",
                           a->name, (double)x[i], (double)dy[i], (double)value[i].rounded,
                           value[i].tail, (double)gradient[i].rounded, gradient[i].tail);
                }
            }
            check(disagreed == 0,
                  "f32 %s: %zu sampled points agree with the naive formula at %d bits", a->name,
                  compared, WORK_PRECISION);
        }
        sweep_16(a, &p, FMT_BF16, dy);
        sweep_16(a, &p, FMT_F16, dy);
    }
    free_number(v);
    free_number(d);
    free(x);
    free(dy);
    free(value);
    free(gradient);
}

int main(void)
{
    hard_cases();
    mish_tail();
    sweeps();
    return check_summary("test_reference_sweeps");
}
