/*
 * ulp_error and ref_special_mismatch (reference/reference.h) on cases whose
 * answers are worked out by hand: exactly rounded, one ulp off, subnormal
 * results in f32 and f16, a result rounded up to a power of two (whose
 * tail counts in the ulp below), exact zeros of either sign, NaN against a
 * number, infinities against finite values and the wrong infinity.
 *
 * Reference points come from the reference functions where the exact
 * value is simple (relu and leaky_relu are exact: a product of two floats
 * fits a double) and are built by hand otherwise.  One line per check; the
 * last line counts them.  Exit status 0 only if every check passed.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../harness/catalog.h"
#include "../reference/reference.h"

#include "check.h"

/* An activation's reference function, from the catalog by name. */
static ref_function *reference_of(const char *name)
{
    return activation_catalog[activation_by_name(name)].reference;
}

/* The value of an activation at x (gradient with dy = 1 when want_gradient). */
static struct ref_point reference(ref_function *activation, enum number_format fmt, float x,
                                  float alpha, bool want_gradient)
{
    struct actbench_params p = {.alpha = alpha};
    float dy = 1.0f;
    struct ref_point value, gradient;
    activation(&(struct ref_request){.params = &p, .format = fmt, .x = &x, .dy = &dy, .n = 1,
                                     .value = &value, .gradient = &gradient});
    return want_gradient ? gradient : value;
}

/* ulp_error(ref, got) must be want (exactly: every case is exact in double). */
static void expect_error(const char *what, const struct ref_point *ref, float got, double want)
{
    double e = ulp_error(ref, got);
    check(e == want && !ref_special_mismatch(ref, got),
          "%s: got %a against %a (tail %.17g, ulp 2^%d): error %.17g, want %.17g", what,
          (double)got, (double)ref->rounded, ref->tail, ref->ulp_exponent, e, want);
}

static void expect_mismatch(const char *what, const struct ref_point *ref, float got, bool want)
{
    int m = ref_special_mismatch(ref, got);
    check((m != 0) == want, "%s: got %a against %a (flags %u): mismatch %d, want %d", what,
          (double)got, (double)ref->rounded, ref->flags, m, want);
}

static void rounded_and_one_off(void)
{
    puts("# exactly rounded and one ulp off");
    /* leaky_relu(-3) with a = 0.1f: -3 * 0x1.99999ap-4 = -40265319 2^-27;
     * in ulps of 2^-25 that is -10066329.75, rounded to -10066330:
     * tail +0.25. */
    struct ref_point r = reference(reference_of("leaky_relu"), FMT_F32, -3.0f, 0.1f, false);
    check(r.rounded == -10066330 * 0x1p-25f && r.tail == 0.25 && r.ulp_exponent == -25,
          "leaky_relu(-3; 0.1f) = -10066330 2^-25 tail 0.25: got %a tail %.17g ulp 2^%d",
          (double)r.rounded, r.tail, r.ulp_exponent);
    expect_error("correctly rounded", &r, r.rounded, -0.25);
    expect_error("one ulp toward zero", &r, nextafterf(r.rounded, 0.0f), 0.75);
    expect_error("one ulp away from zero", &r, nextafterf(r.rounded, -1.0f), -1.25);
    expect_error("two ulps away from zero", &r, nextafterf(nextafterf(r.rounded, -1.0f), -1.0f),
                 -2.25);
    /* an exact value: no tail */
    struct ref_point e = reference(reference_of("relu"), FMT_F32, 1.5f, 0.0f, false);
    expect_error("exact value, got exactly", &e, 1.5f, 0.0);
    expect_error("exact value, one ulp up", &e, nextafterf(1.5f, 2.0f), 1.0);
    /* got far from the reference: still a finite, signed figure */
    double far = ulp_error(&e, 3.0f);
    check(far == 1.5 / 0x1p-23, "exact 1.5 against 3.0 is 1.5/2^-23 ulps: %.17g", far);
}

static void subnormals(void)
{
    puts("# subnormal results");
    /* f32: leaky_relu(-2^-140) = -0.01f 2^-140 = -5.12000012... 2^-149,
     * rounded to -5 2^-149 with tail -(0.01f 512 - 5) */
    struct ref_point r = reference(reference_of("leaky_relu"), FMT_F32, -0x1p-140f, 0.01f, false);
    const double tail = 5.0 - 0.01f * 512.0;
    check(r.rounded == -5 * 0x1p-149f && r.tail == tail && r.ulp_exponent == -149,
          "f32 leaky_relu(-2^-140) = -5 2^-149 tail %.17g: got %a tail %.17g ulp 2^%d", tail,
          (double)r.rounded, r.tail, r.ulp_exponent);
    expect_error("f32 subnormal, correctly rounded", &r, -5 * 0x1p-149f, -tail);
    expect_error("f32 subnormal, one ulp away", &r, -6 * 0x1p-149f, -1.0 - tail);
    expect_error("f32 subnormal, one ulp toward zero", &r, -4 * 0x1p-149f, 1.0 - tail);
    /* f16: relu(0.75 2^-24) rounds to the smallest subnormal 2^-24, tail -0.25 */
    struct ref_point h = reference(reference_of("relu"), FMT_F16, 0x1.8p-25f, 0.0f, false);
    check(h.rounded == 0x1p-24f && h.tail == -0.25 && h.ulp_exponent == -24,
          "f16 relu(0.75 2^-24) = 2^-24 tail -0.25: got %a tail %.17g ulp 2^%d",
          (double)h.rounded, h.tail, h.ulp_exponent);
    expect_error("f16 subnormal, correctly rounded", &h, 0x1p-24f, 0.25);
    expect_error("f16 subnormal, flushed to zero", &h, 0.0f, -0.75);
    expect_error("f16 subnormal, one ulp up", &h, 0x1p-23f, 1.25);
}

static void power_of_two(void)
{
    puts("# a result rounded up to a power of two");
    /* bf16 leaky_relu(-1) with a = 1 - 2^-24: exact -(1 - 2^-24) rounds to
     * -1; its binade is [1/2, 1) with ulp 2^-8, so tail = 2^-24/2^-8 = 2^-16.
     * Its neighbour toward zero, -(1 - 2^-8), is one of those ulps away; the
     * one away from zero, -(1 + 2^-7), is two of them. */
    struct ref_point r = reference(reference_of("leaky_relu"), FMT_BF16, -1.0f, 0x1.fffffep-1f, false);
    check(r.rounded == -1.0f && r.tail == 0x1p-16 && r.ulp_exponent == -8,
          "bf16 leaky_relu(-1; 1 - 2^-24) = -1 tail 2^-16 in ulps of 2^-8: got %a tail %.17g ulp 2^%d",
          (double)r.rounded, r.tail, r.ulp_exponent);
    expect_error("bf16 at -1, correctly rounded", &r, -1.0f, -0x1p-16);
    expect_error("bf16 at -1, one ulp toward zero", &r, -(1.0f - 0x1p-8f), 1.0 - 0x1p-16);
    expect_error("bf16 at -1, one ulp of the binade above", &r, -(1.0f + 0x1p-7f),
                 -2.0 - 0x1p-16);
    /* f32 sigmoid(17.5) = 1 - 2.5e-8 rounds to 1; got = 1 - 2^-24 is one
     * ulp below (ulp 2^-24) minus the tail */
    struct ref_point s = reference(reference_of("sigmoid"), FMT_F32, 17.5f, 0.0f, false);
    double e = ulp_error(&s, nextafterf(1.0f, 0.0f));
    check(s.rounded == 1.0f && s.ulp_exponent == -24 && s.tail < -0.4 && s.tail > -0.45 &&
              e == -1.0 - s.tail,
          "f32 sigmoid(17.5) = 1, tail %.9g in ulps of 2^-24; 1 - 2^-24 scores %.9g",
          s.tail, e);
    /* by hand: exact just below 1.0, rounded to 1.0 */
    struct ref_point h = {.rounded = 1.0f, .tail = -0.3, .flags = 0, .ulp_exponent = -24};
    expect_error("hand-built 1.0 with tail -0.3, got 1", &h, 1.0f, 0.3);
    expect_error("hand-built 1.0 with tail -0.3, got 1 - 2^-24", &h, 1.0f - 0x1p-24f, -0.7);
    expect_error("hand-built 1.0 with tail -0.3, got 1 + 2^-23", &h, 1.0f + 0x1p-23f, 2.3);
}

static void zeros(void)
{
    puts("# zeros");
    struct ref_point plus = reference(reference_of("relu"), FMT_F32, -1.0f, 0.0f, false);
    check(plus.rounded == 0.0f && !signbit(plus.rounded) && (plus.flags & REF_EXACT),
          "relu(-1) is an exact +0");
    expect_mismatch("exact +0, got +0", &plus, 0.0f, false);
    expect_mismatch("exact +0, got -0", &plus, -0.0f, true);
    expect_mismatch("exact +0, got the smallest subnormal (an ulp figure)", &plus, 0x1p-149f,
                    false);
    check(ulp_error(&plus, 0x1p-149f) == 1.0, "exact +0 against 2^-149: 1 ulp");
    struct ref_point minus = reference(reference_of("tanh"), FMT_F32, -0.0f, 0.0f, false);
    check(minus.rounded == 0.0f && signbit(minus.rounded) && (minus.flags & REF_EXACT),
          "tanh(-0) is an exact -0");
    expect_mismatch("exact -0, got -0", &minus, -0.0f, false);
    expect_mismatch("exact -0, got +0", &minus, 0.0f, true);
    /* a value that only rounds to zero: its sign is not checked */
    struct ref_point tiny = reference(reference_of("sigmoid"), FMT_F32, -200.0f, 0.0f, false);
    check(tiny.rounded == 0.0f && !(tiny.flags & REF_EXACT),
          "sigmoid(-200) rounds to 0 and is not exact (flags %u)", tiny.flags);
    expect_mismatch("inexact zero, got -0", &tiny, -0.0f, false);
    /* by hand */
    struct ref_point h = {.rounded = -0.0f, .tail = 0.0, .flags = REF_EXACT, .ulp_exponent = -24};
    expect_mismatch("hand-built exact -0 (f16), got +0", &h, 0.0f, true);
    h.flags = 0;
    expect_mismatch("hand-built inexact -0 (f16), got +0", &h, 0.0f, false);
}

static void specials(void)
{
    puts("# NaN and infinities");
    struct ref_point nan_ref = reference(reference_of("relu"), FMT_F32, NAN, 0.0f, false);
    check(isnan(nan_ref.rounded) && (nan_ref.flags & REF_NAN), "relu(NaN) is NaN");
    expect_mismatch("NaN due, got NaN", &nan_ref, NAN, false);
    expect_mismatch("NaN due, got -NaN", &nan_ref, -NAN, false);
    expect_mismatch("NaN due, got 0", &nan_ref, 0.0f, true);
    expect_mismatch("NaN due, got inf", &nan_ref, INFINITY, true);
    struct ref_point one = reference(reference_of("relu"), FMT_F32, 1.0f, 0.0f, false);
    expect_mismatch("1 due, got NaN", &one, NAN, true);
    expect_mismatch("1 due, got inf", &one, INFINITY, true);
    expect_mismatch("1 due, got -inf", &one, -INFINITY, true);
    expect_mismatch("1 due, got FLT_MAX (an ulp figure)", &one, FLT_MAX, false);
    double e = ulp_error(&one, INFINITY), f = ulp_error(&one, -INFINITY);
    check(e == INFINITY && f == -INFINITY, "ulp_error against +-inf is +-inf: %g, %g", e, f);

    struct ref_point inf_ref = reference(reference_of("relu"), FMT_F32, INFINITY, 0.0f, false);
    check(inf_ref.rounded == INFINITY && (inf_ref.flags & REF_EXACT), "relu(inf) is an exact inf");
    expect_mismatch("inf due, got inf", &inf_ref, INFINITY, false);
    expect_mismatch("inf due, got -inf", &inf_ref, -INFINITY, true);
    expect_mismatch("inf due, got FLT_MAX", &inf_ref, FLT_MAX, true);
    expect_mismatch("inf due, got NaN", &inf_ref, NAN, true);
    struct ref_point minus_inf = reference(reference_of("leaky_relu"), FMT_F32, -INFINITY, 0.01f, false);
    expect_mismatch("-inf due, got -inf", &minus_inf, -INFINITY, false);
    expect_mismatch("-inf due, got inf", &minus_inf, INFINITY, true);
    /* overflow: relu(70000) in f16 is inf (not exact); 65504 is a failure */
    struct ref_point over = reference(reference_of("relu"), FMT_F16, 70000.0f, 0.0f, false);
    check(over.rounded == INFINITY && !(over.flags & REF_EXACT),
          "f16 relu(70000) overflows to inf (not exact)");
    expect_mismatch("f16 overflow due, got 65504", &over, 65504.0f, true);
    expect_mismatch("f16 overflow due, got inf", &over, INFINITY, false);
    /* gradient points follow the same rules */
    struct ref_point g = reference(reference_of("gelu"), FMT_F32, -INFINITY, 0.0f, true);
    check(g.rounded == 0.0f && signbit(g.rounded) && (g.flags & REF_EXACT),
          "gelu'(-inf) is an exact -0");
    expect_mismatch("gelu'(-inf) due -0, got +0", &g, 0.0f, true);
}

int main(void)
{
    rounded_and_one_off();
    subnormals();
    power_of_two();
    zeros();
    specials();
    
    return check_summary("test_ulp");
}
