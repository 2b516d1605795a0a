/* Accumulation of ulp errors; see error_stats.h. */
#include "error_stats.h"

#include <math.h>

const double error_histogram_upper[ERROR_HISTOGRAM_BINS - 1] = {
    0.5, 1.0, 2.0, 4.0, 16.0, 256.0, 65536.0, 0x1p24,
};

void error_stats_add(struct error_stats *s, double abs_ulp, float input, float got, float want)
{
    s->count++;
    s->sum_ulp += abs_ulp;
    if (!s->has_worst || abs_ulp > s->max_ulp) {
        s->max_ulp = abs_ulp;
        s->has_worst = true;
        s->worst_input = input;
        s->worst_got = got;
        s->worst_want = want;
    }
    if (fabsf(input) <= 10.0f && abs_ulp > s->max_ulp_range10)
        s->max_ulp_range10 = abs_ulp;
    s->over_half += abs_ulp > 0.5;
    s->over_1 += abs_ulp > 1.0;
    s->over_2 += abs_ulp > 2.0;
    int bin = 0;
    while (bin < ERROR_HISTOGRAM_BINS - 1 && abs_ulp > error_histogram_upper[bin])
        bin++;
    s->histogram[bin]++;
}

void error_stats_merge(struct error_stats *a, const struct error_stats *b)
{
    if (b->has_worst && (!a->has_worst || b->max_ulp > a->max_ulp)) {
        a->max_ulp = b->max_ulp;
        a->has_worst = true;
        a->worst_input = b->worst_input;
        a->worst_got = b->worst_got;
        a->worst_want = b->worst_want;
    }
    if (b->max_ulp_range10 > a->max_ulp_range10)
        a->max_ulp_range10 = b->max_ulp_range10;
    a->count += b->count;
    a->sum_ulp += b->sum_ulp;
    a->over_half += b->over_half;
    a->over_1 += b->over_1;
    a->over_2 += b->over_2;
    for (int i = 0; i < ERROR_HISTOGRAM_BINS; i++)
        a->histogram[i] += b->histogram[i];
    a->special_failures += b->special_failures;
}
