/* Exact sums of doubles; see exact_sum.h. */
#include "exact_sum.h"

#include <math.h>
#include <mpfr.h>

#define EXACT_SUM_BIAS 1130

/* Propagate carries: every limb back into [0, 2^32) but the top one. */
static void normalize(struct exact_sum *s)
{
    for (int i = 0; i + 1 < EXACT_SUM_LIMBS; i++) {
        int64_t carry = s->limb[i] >> 32; /* arithmetic: floor division */
        s->limb[i] -= carry * (INT64_C(1) << 32);
        s->limb[i + 1] += carry;
    }
    s->pending = 0;
}

void exact_sum_add(struct exact_sum *s, double v)
{
    if (v == 0.0)
        return;
    if (!isfinite(v)) {
        s->special += v;
        return;
    }
    int e;
    double f = frexp(v, &e); /* v = f 2^e, |f| in [1/2, 1) */
    int64_t m = (int64_t)ldexp(f, 53);
    int p = e - 53 + EXACT_SUM_BIAS; /* v = m 2^(p - BIAS), p >= 1130 - 1073 - 53 > 0 */
    int i = p / 32, shift = p % 32;
    /* m 2^shift in three 32-bit digits, signed */
    uint64_t a = (uint64_t)(m < 0 ? -m : m);
    uint64_t low = (a << shift) & 0xffffffffu;
    uint64_t mid = shift ? (a >> (32 - shift)) & 0xffffffffu : (a >> 32) & 0xffffffffu;
    uint64_t high = shift ? a >> (64 - shift) : 0;
    int64_t sign = m < 0 ? -1 : 1;
    s->limb[i] += sign * (int64_t)low;
    s->limb[i + 1] += sign * (int64_t)mid;
    s->limb[i + 2] += sign * (int64_t)high;
    if (++s->pending >= (1u << 28))
        normalize(s);
}

void exact_sum_merge(struct exact_sum *s, const struct exact_sum *t)
{
    struct exact_sum u = *t;
    normalize(&u);
    normalize(s);
    for (int i = 0; i < EXACT_SUM_LIMBS; i++)
        s->limb[i] += u.limb[i];
    s->special += u.special;
    normalize(s);
}

double exact_sum_value(const struct exact_sum *s)
{
    if (s->special != 0.0 || isnan(s->special))
        return s->special;
    struct exact_sum u = *s;
    normalize(&u);
    /* the digits exactly, then one rounding */
    mpfr_t sum, digit;
    mpfr_init2(sum, 32 * EXACT_SUM_LIMBS + 64);
    mpfr_init2(digit, 64);
    mpfr_set_zero(sum, 1);
    for (int i = 0; i < EXACT_SUM_LIMBS; i++) {
        if (u.limb[i] == 0)
            continue;
        mpfr_set_si_2exp(digit, (long)u.limb[i], 32 * i - EXACT_SUM_BIAS, MPFR_RNDN);
        mpfr_add(sum, sum, digit, MPFR_RNDN); /* exact at this precision */
    }
    double r = mpfr_get_d(sum, MPFR_RNDN);
    mpfr_clear(sum);
    mpfr_clear(digit);
    return r;
}
