/*
 * The f32 classification of the fast references (reference/fast_classify.h)
 * gives the same points whatever the vector width: fast_classify_f32 for
 * scalar, avx2 and avx512f (those the CPU runs) on the same synthetic
 * hi + lo +- err must agree bit for bit on the rounded values, tails, tail
 * bounds, inverse ulps, every bit set and the count of uncertain points.
 *
 * The points: values of random binades with random tails, values a hair
 * from rounding midpoints and from binade edges (below and above 2^b, the
 * largest finite binade, the subnormal range), one-sided remainders
 * (|lo| = err), exact values, NaN, infinities and zeros with and without
 * error bounds, mixed within vectors and alone in whole vectors, and a
 * length that is not a multiple of the vector width.  Fixed seed; one line
 * per check.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../impls/isa.h"
#include "../reference/fast_reference.h"
#include "check.h"

enum { POINTS = 8192 + 5, BYTES = POINTS / 8 + 2 };

static uint64_t state = 0x2545f4914f6cdd1dULL;
static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}
static double uniform(void) /* [0, 1) */
{
    return (double)(next() >> 11) * 0x1p-53;
}

/* A point of kind k (0 .. 12). */
static void make_point(int k, double *hi, double *lo, double *err)
{
    const int b = (int)(next() % 280) - 150; /* binades beyond f32's both ways */
    const double sign = next() & 1 ? -1.0 : 1.0;
    const double ulp = ldexp(1.0, (b < -126 ? -126 : b) - 23);
    const double f = (double)(uint32_t)(0x800000u + next() % 0x800000u); /* 24-bit significand */
    const double tiny = ldexp(1.0, -(int)(next() % 60) - 20);
    switch (k) {
    case 0: /* general: a random double with a random error */
        *hi = sign * ldexp(1.0 + uniform(), b);
        *lo = sign * *hi * 0x1p-54 * uniform();
        *err = fabs(*hi) * tiny;
        break;
    case 1: /* a hair from a midpoint, either side, lo carrying the hair */
        *hi = sign * (f + 0.5) * ldexp(1.0, b - 23);
        *lo = (next() & 1 ? 1.0 : -1.0) * ulp * tiny;
        *err = next() & 1 ? fabs(*lo) * 0.5 : fabs(*lo) * 2.0;
        break;
    case 2: /* just below a power of two, or on it with lo pointing below */
        *hi = sign * ldexp(1.0, b);
        *lo = -sign * ulp * tiny * (next() & 1 ? 1.0 : 0.0);
        *err = next() & 1 ? fabs(*lo) : ulp * tiny * 0.25;
        break;
    case 3: /* just above a power of two */
        *hi = sign * ldexp(1.0, b) * (1.0 + 0x1p-50 * uniform());
        *lo = 0.0;
        *err = ulp * tiny;
        break;
    case 4: /* an exact f32 value */
        *hi = sign * f * ldexp(1.0, b - 23);
        *lo = 0.0;
        *err = next() & 1 ? 0.0 : ulp * tiny;
        break;
    case 5: /* NaN */
        *hi = NAN;
        *lo = 0.0;
        *err = 0.0;
        break;
    case 6: /* infinity, exact or not */
        *hi = sign * INFINITY;
        *lo = 0.0;
        *err = next() & 1 ? 0.0 : 1.0;
        break;
    case 7: /* zero, exact or with a bound */
        *hi = sign * 0.0;
        *lo = 0.0;
        *err = next() & 1 ? 0.0 : ldexp(1.0, -(int)(next() % 200) - 120);
        break;
    case 8: /* saturated: 1 - tiny, one-sided */
        *hi = sign;
        *lo = -sign * ldexp(1.0, -(int)(next() % 900) - 30);
        *err = fabs(*lo);
        break;
    case 9: /* the largest finite binade and past it */
        *hi = sign * ldexp(1.0 + uniform(), 127 + (int)(next() % 3));
        *lo = 0.0;
        *err = *hi * tiny;
        break;
    case 10: /* subnormal f32 values, lo in double's subnormal range */
        *hi = sign * ldexp((double)(next() % 0x800000u) + 0.5, -149);
        *lo = sign * 0x1p-1060 * uniform();
        *err = 0x1p-1070;
        break;
    case 11: /* a midpoint exactly with a one-sided remainder, either way */
        *hi = sign * (f + 0.5) * ldexp(1.0, b - 23);
        *lo = (next() & 1 ? 1.0 : -1.0) * ulp * tiny;
        *err = fabs(*lo);
        break;
    default: /* a midpoint exactly, lo zero */
        *hi = sign * (f + 0.5) * ldexp(1.0, b - 23);
        *lo = 0.0;
        *err = next() & 1 ? 0.0 : ulp * tiny;
        break;
    }
}

struct outcome {
    size_t uncertain;
    float rounded[POINTS];
    double tail[POINTS], tail_error[POINTS], inverse_ulp[POINTS];
    uint8_t bits[6][BYTES];
};

static void classify(int isa, const struct fast_quantity *q, size_t n, struct outcome *o)
{
    memset(o, 0, sizeof *o);
    struct fast_points p = {o->rounded, o->tail, o->tail_error, o->inverse_ulp,
                            o->bits[0], o->bits[1], o->bits[2], o->bits[3], o->bits[4], o->bits[5]};
    o->uncertain = 0;
    /* whole blocks as the exhaustive driver calls it: multiples of 8, then the rest */
    for (size_t i = 0; i < n; i += 4096) {
        const size_t m = n - i < 4096 ? n - i : 4096;
        struct fast_quantity part = {q->hi + i, q->lo + i, q->err + i};
        struct fast_points at = {p.rounded + i, p.tail + i, p.tail_error + i, p.inverse_ulp + i,
                                 p.uncertain + i / 8, p.nan + i / 8, p.infinite + i / 8,
                                 p.exact_zero + i / 8, p.exact + i / 8, p.special + i / 8};
        o->uncertain += fast_classify_f32[isa](&part, m, &at);
    }
}

/*
 * A value on a rounding midpoint with a one-sided remainder (|lo| = err:
 * the exact value lies strictly between hi and hi + 2 lo) is certified and
 * rounds to lo's side, in a binade's middle, for either sign of the value
 * and of lo; with lo's bound a hair wider it is not certified.
 */
static void check_one_sided_midpoints(int isa, const char *name)
{
    enum { N = 16 };
    double hi[N + 8], lo[N + 8], err[N + 8];
    float want[N];
    for (int i = 0; i < N; i++) {
        const double sign = i & 1 ? -1.0 : 1.0, inwards = i & 2 ? -1.0 : 1.0;
        const double below = (double)(0xa00000 + 2 * i) * 0x1p-30; /* an even f32 significand */
        hi[i] = sign * (below + 0x1p-31); /* the midpoint above it */
        /* below half an ulp of 1/2 in ulps of the value: hi + lo rounds
         * onto the midpoint, and so does the tail */
        lo[i] = -sign * inwards * 0x1p-120;
        err[i] = i < N / 2 ? fabs(lo[i]) : fabs(lo[i]) * (1.0 + 0x1p-52);
        want[i] = (float)(sign * (inwards > 0 ? below : below + 0x1p-30));
    }
    for (int i = N; i < N + 8; i++)
        hi[i] = lo[i] = err[i] = 0.0;
    const struct fast_quantity q = {hi, lo, err};
    static struct outcome o;
    classify(isa, &q, N, &o);
    int certified = 0, right_side = 0, wider_uncertain = 0;
    for (int i = 0; i < N; i++) {
        const int uncertain = (o.bits[0][i / 8] >> (i % 8)) & 1;
        if (i < N / 2) {
            certified += !uncertain;
            right_side += !uncertain && o.rounded[i] == want[i] && fabs(o.tail[i]) == 0.5;
        } else {
            wider_uncertain += uncertain;
        }
    }
    check(certified == N / 2 && right_side == N / 2,
          "%s: one-sided remainders on midpoints certified (%d of %d) and rounded to their side "
          "(%d)", name, certified, N / 2, right_side);
    check(wider_uncertain == N / 2, "%s: with a wider bound left to MPFR (%d of %d)", name,
          wider_uncertain, N / 2);
}

/*
 * A value a hair past a rounding midpoint, the hair in lo: hi + lo rounds
 * onto the midpoint in double and round-half-even may take the far
 * integer.  Whether the hair fits in a double beside 1/2 (2^-38 of an ulp:
 * the tail is then 1/2 + hair) or not (2^-60: the hair goes to t_lo), the
 * point is certified and rounds to the hair's side, for either sign of the
 * value and either parity of the integer below.
 */
static void check_hairs_past_midpoints(int isa, const char *name)
{
    enum { N = 16 };
    double hi[N + 8], lo[N + 8], err[N + 8];
    float want[N];
    for (int i = 0; i < N; i++) {
        const double sign = i & 1 ? -1.0 : 1.0, up = i & 2 ? -1.0 : 1.0;
        const double hair = i & 4 ? 0x1p-38 : 0x1p-60;
        const double below = (double)(0xa00000 + (i & 8 ? 1 : 0) + 2 * i) * 0x1p-30;
        hi[i] = sign * (below + 0x1p-31);
        lo[i] = sign * up * hair * 0x1p-30;
        err[i] = fabs(lo[i]) * 0.25;
        want[i] = (float)(sign * (up > 0 ? below + 0x1p-30 : below));
    }
    for (int i = N; i < N + 8; i++)
        hi[i] = lo[i] = err[i] = 0.0;
    const struct fast_quantity q = {hi, lo, err};
    static struct outcome o;
    classify(isa, &q, N, &o);
    int certified = 0, right_side = 0;
    for (int i = 0; i < N; i++) {
        const int uncertain = (o.bits[0][i / 8] >> (i % 8)) & 1;
        certified += !uncertain;
        right_side += o.rounded[i] == want[i] && fabs(o.tail[i]) <= 0.5;
    }
    check(certified == N && right_side == N,
          "%s: hairs past midpoints certified (%d of %d) and rounded to their side (%d)", name,
          certified, N, right_side);
}

int main(void)
{
    static double hi[POINTS + 8], lo[POINTS + 8], err[POINTS + 8];
    for (size_t i = 0; i < POINTS; i++) {
        /* the first quarter: one kind per whole vector; then mixed */
        const int k = i < POINTS / 4 ? (int)((i / 8) % 13) : (int)(next() % 13);
        make_point(k, &hi[i], &lo[i], &err[i]);
    }
    const struct fast_quantity q = {hi, lo, err};
    static struct outcome reference, outcome;
    classify(FAST_ISA_SCALAR, &q, POINTS, &reference);
    check(reference.uncertain > 0 && reference.uncertain < POINTS,
          "scalar: %zu of %d points uncertain (some, not all)", reference.uncertain, POINTS);
    check_one_sided_midpoints(FAST_ISA_SCALAR, "scalar");
    check_hairs_past_midpoints(FAST_ISA_SCALAR, "scalar");
    static const char *const names[] = {"avx2", "avx512f"};
    static const int fast_isas[] = {FAST_ISA_AVX2, FAST_ISA_AVX512F};
    for (int k = 0; k < 2; k++) {
        const int isa = isa_by_name(names[k]);
        if (isa < 0 || !isa_supported(isa) || !fast_classify_f32[fast_isas[k]]) {
            printf("skip: %s (not run by this CPU)\n", names[k]);
            continue;
        }
        check_one_sided_midpoints(fast_isas[k], names[k]);
        check_hairs_past_midpoints(fast_isas[k], names[k]);
        classify(fast_isas[k], &q, POINTS, &outcome);
        size_t first = POINTS;
        for (size_t i = 0; i < POINTS && first == POINTS; i++)
            if (memcmp(&outcome.rounded[i], &reference.rounded[i], sizeof(float)) ||
                memcmp(&outcome.tail[i], &reference.tail[i], sizeof(double)) ||
                memcmp(&outcome.tail_error[i], &reference.tail_error[i], sizeof(double)) ||
                memcmp(&outcome.inverse_ulp[i], &reference.inverse_ulp[i], sizeof(double)))
                first = i;
        check(first == POINTS, "%s: rounded, tail, tail bound, inverse ulp as scalar's%s", names[k],
              first == POINTS ? "" : " (not at the first point printed)");
        if (first < POINTS)
            printf("      point %zu: hi %a lo %a err %a\n", first, hi[first], lo[first], err[first]);
        check(memcmp(outcome.bits, reference.bits, sizeof reference.bits) == 0,
              "%s: uncertain, NaN, infinite, exact zero, exact, special bits as scalar's", names[k]);
        check(outcome.uncertain == reference.uncertain, "%s: %zu uncertain points (scalar %zu)",
              names[k], outcome.uncertain, reference.uncertain);
    }
    return check_summary("test_fast_classify");
}
