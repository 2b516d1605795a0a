/*
 * Checks of the MPFR reference (reference/) on rows and groups: softmax
 * against its definition at 600 bits, with its special rows (+inf and -inf
 * entries, NaN, rows of -inf) and the entries that saturate; maxout's
 * groups with their NaN and signed-zero rules.
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
    maxout_groups();
    return check_summary("test_reference_rows");
}
