/*
 * Checks of the MPFR reference (reference/) on rows and groups: softmax
 * and log_softmax against their definitions at 600 bits and published
 * constants, with their special rows (+inf and -inf entries, NaN, rows of
 * -inf), the entries that saturate, and the cancellation when one entry
 * dominates; maxout's groups with their NaN and signed-zero rules.
 *
 * One line per check; the last line counts them.  Exit status 0 only if
 * every check passed.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <mpfr.h>

#include "check.h"
#include "reference_test.h"

#define ROW 16

/* ------------------------------------------------------------------ */
/* softmax                                                             */
/* ------------------------------------------------------------------ */

/* one row of an activation in a format */
static void row_of(const char *name, enum number_format fmt, const float *x, const float *dy,
                   struct ref_point *value, struct ref_point *gradient, struct ref_stats *stats)
{
    const struct reference_case *a = activation(name);
    struct actbench_params p = default_params(a);
    evaluate(a, &p, fmt, x, dy, ROW, value, gradient, stats);
}

static void softmax_row(const float *x, const float *dy, struct ref_point *value,
                        struct ref_point *gradient, struct ref_stats *stats)
{
    row_of("softmax", FMT_F32, x, dy, value, gradient, stats);
}

static void softmax_rows(void)
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
        dy[i] = random_unit(&state);
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
}


/* ------------------------------------------------------------------ */
/* log_softmax                                                         */
/* ------------------------------------------------------------------ */

/* ln 2, OEIS A002162 */
static const char *const LN_2 =
    "0.693147180559945309417232121458176568075500134360255254120680009493393621969694715605863"
    "326996418687";
/* ln 3, OEIS A002391 */
static const char *const LN_3 =
    "1.098612288668109691395245236922525704647490557822749451734694333637494293218608966873615"
    "754813732088787970029";

static void log_softmax_row(enum number_format fmt, const float *x, const float *dy,
                            struct ref_point *value, struct ref_point *gradient,
                            struct ref_stats *stats)
{
    row_of("log_softmax", fmt, x, dy, value, gradient, stats);
}

/*
 * The definition at 600 bits, for rows whose entries are within a few
 * hundred of each other: y_i = x_i - log S, S = sum_j e^(x_j), and
 * dx_i = dy_i - (e^(x_i) / S) sum_j dy_j.
 */
static void naive_log_softmax(const float *x, const float *dy, mpfr_ptr *y, mpfr_ptr *dx)
{
    mpfr_ptr s = new_number(), d = new_number(), t = new_number();
    mpfr_set_ui(s, 0, MPFR_RNDN);
    mpfr_set_ui(d, 0, MPFR_RNDN);
    for (int j = 0; j < ROW; j++) {
        mpfr_set_flt(t, x[j], MPFR_RNDN);
        mpfr_exp(t, t, MPFR_RNDN);
        mpfr_add(s, s, t, MPFR_RNDN);
        mpfr_add_d(d, d, dy[j], MPFR_RNDN);
    }
    mpfr_log(s, s, MPFR_RNDN);
    for (int i = 0; i < ROW; i++) {
        mpfr_set_flt(y[i], x[i], MPFR_RNDN);
        mpfr_sub(y[i], y[i], s, MPFR_RNDN);
        mpfr_exp(t, y[i], MPFR_RNDN);
        mpfr_mul(t, t, d, MPFR_RNDN);
        mpfr_d_sub(dx[i], dy[i], t, MPFR_RNDN);
    }
    free_number(s);
    free_number(d);
    free_number(t);
}

/* rows compared with naive_log_softmax; returns the number that disagree */
static int log_softmax_against_naive(const float *x, const float *dy, struct ref_stats *stats)
{
    struct ref_point value[ROW], gradient[ROW];
    mpfr_ptr y[ROW], dx[ROW];
    for (int i = 0; i < ROW; i++) {
        y[i] = new_number();
        dx[i] = new_number();
    }
    log_softmax_row(FMT_F32, x, dy, value, gradient, stats);
    naive_log_softmax(x, dy, y, dx);
    int disagreed = 0;
    for (int i = 0; i < ROW; i++) {
        if (agrees(&value[i], y[i], FMT_F32) && agrees(&gradient[i], dx[i], FMT_F32))
            continue;
        disagreed++;
        printf("     x %a dy %a: y %a tail %.9g, dx %a tail %.9g\n", (double)x[i],
               (double)dy[i], (double)value[i].rounded, value[i].tail,
               (double)gradient[i].rounded, gradient[i].tail);
    }
    for (int i = 0; i < ROW; i++) {
        free_number(y[i]);
        free_number(dx[i]);
    }
    return disagreed;
}

static void log_softmax_published(void)
{
    puts("# log_softmax: published values and naive formula");
    float x[ROW], dy[ROW];
    struct ref_point value[ROW], gradient[ROW];
    struct ref_stats stats = {0};
    mpfr_ptr ln2 = number_from(LN_2), ln3 = number_from(LN_3), v = new_number();

    /* 16 equal entries: -log 16 = -4 ln 2; equal dy: dx = dy - 16 dy / 16 = +0 */
    for (int i = 0; i < ROW; i++) {
        x[i] = 3.0f;
        dy[i] = 0.375f;
    }
    mpfr_mul_si(v, ln2, -4, MPFR_RNDN);
    for (int f = 0; f < FMT_COUNT; f++) {
        enum number_format fmt = (enum number_format)f;
        stats = (struct ref_stats){0};
        log_softmax_row(fmt, x, dy, value, gradient, &stats);
        bool ok = stats.unresolved == 0;
        for (int i = 0; i < ROW; i++)
            ok = ok && agrees(&value[i], v, fmt) && point_is(&gradient[i], 0.0f, true);
        check(ok, "%s log_softmax of 16 equal entries is -4 ln 2 [A002162] (%a tail %.9g), "
                  "gradient +0 for equal dy",
              format_catalog[fmt].name, (double)value[0].rounded, value[0].tail);
    }

    /* +inf entries: k of them get -log k, the others -inf; the gradient is
     * dy_i - sum dy / k on them and dy_i elsewhere (here sum dy = 6) */
    for (int i = 0; i < ROW; i++) {
        x[i] = (float)i;
        dy[i] = 0.25f * (float)(i % 4);
    }
    x[2] = x[11] = INFINITY;
    x[5] = -INFINITY;
    log_softmax_row(FMT_F32, x, dy, value, gradient, NULL);
    mpfr_neg(v, ln2, MPFR_RNDN);
    bool ok = true;
    for (int i = 0; i < ROW; i++) {
        bool inf_entry = i == 2 || i == 11;
        ok = ok && (inf_entry ? agrees(&value[i], v, FMT_F32) : point_is(&value[i], -INFINITY, true)) &&
             point_is(&gradient[i], inf_entry ? dy[i] - 3.0f : dy[i], true);
    }
    check(ok, "log_softmax: two +inf entries get -ln 2 [A002162] (%a), the rest -inf; gradient "
              "dy - sum dy/2 there, dy elsewhere",
          (double)value[2].rounded);
    x[7] = INFINITY;
    log_softmax_row(FMT_F32, x, dy, value, gradient, NULL);
    mpfr_neg(v, ln3, MPFR_RNDN);
    /* dy_7 - 6/3 is exact, but reached through 1/3: its tail is 0, without
     * REF_EXACT */
    ok = agrees(&value[2], v, FMT_F32) && agrees(&value[7], v, FMT_F32) &&
         point_is(&value[0], -INFINITY, true) && same_bits(gradient[7].rounded, dy[7] - 2.0f) &&
         fabs(gradient[7].tail) < TAIL_TOLERANCE && point_is(&gradient[0], dy[0], true);
    check(ok, "log_softmax: three +inf entries get -ln 3 [A002391] (%a tail %.9g), the rest -inf",
          (double)value[2].rounded, value[2].tail);
    x[7] = x[11] = 7.0f;
    log_softmax_row(FMT_F32, x, dy, value, gradient, NULL);
    ok = point_is(&value[2], 0.0f, true) && point_is(&value[3], -INFINITY, true) &&
         point_is(&gradient[2], dy[2] - 6.0f, true) && point_is(&gradient[3], dy[3], true);
    check(ok, "log_softmax: one +inf entry gets +0 (log 1), the rest -inf; gradient dy - sum dy "
              "there, dy elsewhere");

    /* a -inf entry gets -inf and dy; NaN rows, rows of -inf */
    for (int i = 0; i < ROW; i++)
        x[i] = (float)i * 0.5f;
    x[6] = -INFINITY;
    stats = (struct ref_stats){0};
    int disagreed = log_softmax_against_naive(x, dy, &stats);
    check(disagreed == 0 && stats.unresolved == 0,
          "log_softmax: a -inf entry gets -inf and gradient dy, the others agree with the "
          "definition");
    x[9] = NAN;
    log_softmax_row(FMT_F32, x, dy, value, gradient, NULL);
    ok = true;
    for (int i = 0; i < ROW; i++)
        ok = ok && point_is(&value[i], NAN, true) && point_is(&gradient[i], NAN, true);
    check(ok, "log_softmax: a NaN (with a -inf beside it) makes the row NaN, gradient too");
    for (int i = 0; i < ROW; i++)
        x[i] = -INFINITY;
    log_softmax_row(FMT_F32, x, dy, value, gradient, NULL);
    ok = true;
    for (int i = 0; i < ROW; i++)
        ok = ok && point_is(&value[i], NAN, true) && point_is(&gradient[i], NAN, true);
    check(ok, "log_softmax: a row of -inf is NaN");

    /* ramps and random rows against the definition; the exact values sum
     * to 1 under exp */
    uint64_t state = 11;
    for (int i = 0; i < ROW; i++) {
        x[i] = (float)i * 0.75f - 4.0f;
        dy[i] = random_unit(&state);
    }
    stats = (struct ref_stats){0};
    disagreed = log_softmax_against_naive(x, dy, &stats);
    log_softmax_row(FMT_F32, x, dy, value, gradient, NULL);
    double total = 0.0;
    for (int i = 0; i < ROW; i++)
        total += exp((double)value[i].rounded + ldexp(value[i].tail, value[i].ulp_exponent));
    check(disagreed == 0 && stats.unresolved == 0 && fabs(total - 1.0) < 1e-14,
          "log_softmax of a ramp agrees with the definition; exp of rounded + tail sums to 1 "
          "(%.17g)",
          total);
    disagreed = 0;
    stats = (struct ref_stats){0};
    for (int r = 0; r < 300; r++) {
        /* spreads from 1 to 300: from flat rows to rows one entry dominates */
        float spread = 1.0f + (float)r;
        for (int i = 0; i < ROW; i++) {
            x[i] = spread * random_unit(&state);
            dy[i] = random_unit(&state);
        }
        disagreed += log_softmax_against_naive(x, dy, &stats);
    }
    check(disagreed == 0 && stats.unresolved == 0,
          "log_softmax: 300 random rows of spread 1 to 300 agree with the definition "
          "(retries %llu, up to %d bits)",
          (unsigned long long)stats.retries, stats.max_precision_used);
    free_number(ln2);
    free_number(ln3);
    free_number(v);
}

/*
 * One entry dominating: T = sum of e^(x_j - m) over the others is tiny,
 * y_max = -log1p(T) ~ -T and its gradient (T/S) sum dy - sum of the other
 * dy; both keep their relative accuracy at 64 bits (no retry), where
 * log(S) and dy - p sum dy would have cancelled.
 */
static void log_softmax_dominated(void)
{
    puts("# log_softmax: one entry dominates");
    float x[ROW], dy[ROW];
    static const float gaps[] = {20.0f, 30.0f, 60.0f, 100.0f};
    for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
        uint64_t state = 5 + g;
        for (int i = 0; i < ROW; i++) {
            x[i] = -gaps[g] + random_unit(&state);
            dy[i] = 0.0f;
        }
        x[3] = 0.5f;
        dy[3] = 0.75f;
        struct ref_stats stats = {0};
        int disagreed = log_softmax_against_naive(x, dy, &stats);
        check(disagreed == 0 && stats.retries == 0 && stats.unresolved == 0,
              "log_softmax with the others %g below: y_max, its gradient and the rest agree "
              "with the definition without a retry (retries %llu)",
              (double)gaps[g], (unsigned long long)stats.retries);
    }
}

/*
 * Entries more than 600 below the maximum (saturated: e^(x_i - m) is only
 * known to lie in (0, 2^-865]).  The values x_i - m - log1p(T) and the
 * gradients dy_i - p_i sum dy are then a number of the grid of 2^-149
 * moved by less than 2^-700 in a known direction: where that number is a
 * rounding midpoint the result rounds away from it, not half to even.
 */
static void log_softmax_saturated(void)
{
    puts("# log_softmax: entries 600 below the maximum");
    float x[ROW], dy[ROW];
    struct ref_point value[ROW], gradient[ROW];
    struct ref_stats stats = {0};
    uint64_t state = 3;
    for (int i = 0; i < ROW; i++) {
        x[i] = -1000.0f;
        dy[i] = random_unit(&state);
    }
    x[4] = 0.0f;
    log_softmax_row(FMT_F32, x, dy, value, gradient, &stats);
    bool ok = stats.unresolved == 0 && value[4].rounded == 0.0f && signbit(value[4].rounded) &&
              !(value[4].flags & REF_EXACT);
    for (int i = 0; i < ROW; i++)
        ok = ok && (i == 4 || (value[i].rounded == -1000.0f && !(value[i].flags & REF_EXACT))) &&
             (i == 4 || (same_bits(gradient[i].rounded, dy[i]) && !(gradient[i].flags & REF_EXACT)));
    check(ok, "log_softmax: the maximum 1000 above the rest gets -0 (not exact), the rest -1000 "
              "and gradient dy (not exact)");

    /* x_i - m = -1000 - 5 2^-15 = -16384002.5 2^-14, a midpoint of f32:
     * half to even would give -16384002 2^-14; the true value, a little
     * further from zero, rounds to -16384003 2^-14 */
    x[4] = 5 * 0x1p-15f;
    stats = (struct ref_stats){0};
    log_softmax_row(FMT_F32, x, dy, value, gradient, &stats);
    check(stats.unresolved == 0 && same_bits(value[0].rounded, -16384003 * 0x1p-14f) &&
              fabs(value[0].tail - 0.5) < TAIL_TOLERANCE,
          "log_softmax: -1000 - 5 2^-15 - tiny rounds away from the midpoint to %a: got %a tail "
          "%.9g (%d bits)",
          -16384003 * 0x1p-14, (double)value[0].rounded, value[0].tail,
          stats.max_precision_used);

    /* bf16 gradient: dy_1 = 1 + 3 2^-8 is a midpoint of bf16 (half to even:
     * 1 + 2^-6); dx_1 = dy_1 - p_1 sum dy with p_1 in (0, 2^-865] rounds
     * below it for sum dy > 0 and above it for sum dy < 0 */
    for (int s = 0; s < 2; s++) {
        for (int i = 0; i < ROW; i++) {
            x[i] = -1000.0f;
            dy[i] = s ? -0.5f : 0.5f;
        }
        x[0] = 0.0f;
        dy[1] = 1.0f + 3 * 0x1p-8f;
        stats = (struct ref_stats){0};
        log_softmax_row(FMT_BF16, x, dy, value, gradient, &stats);
        float want = s ? 1.0f + 0x1p-6f : 1.0f + 0x1p-7f;
        check(stats.unresolved == 0 && same_bits(gradient[1].rounded, want),
              "bf16 log_softmax gradient dy - tiny sum dy with dy a midpoint, sum dy %s 0: %a, "
              "got %a tail %.9g",
              s ? "<" : ">", (double)want, (double)gradient[1].rounded, gradient[1].tail);
    }
}

/* ------------------------------------------------------------------ */
/* maxout                                                              */
/* ------------------------------------------------------------------ */

static void maxout_groups(void)
{
    puts("# maxout");
    const struct reference_case *maxout = activation("maxout");
    struct actbench_params mp = default_params(maxout);
    bool ok;
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
        evaluate(maxout, &mp, FMT_F32, groups[g].x, &group_dy, 4, &gv, gg, NULL);
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
    evaluate(maxout, &mp, FMT_BF16, group, &group_dy, 4, &gv, gg, NULL);
    check(same_bits(gv.rounded, 0x1.02p+0f) && gv.tail == -0.5 + 0x1p-9,
          "bf16 maxout rounds the maximum 0x1.0101p+0 to 0x1.02p+0: got %a tail %.9g",
          (double)gv.rounded, gv.tail);
}


int main(void)
{
    softmax_rows();
    log_softmax_published();
    log_softmax_dominated();
    log_softmax_saturated();
    maxout_groups();
    return check_summary("test_reference_rows");
}
