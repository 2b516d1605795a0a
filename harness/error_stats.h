/* Accumulated ulp errors of one quantity (value, gradient, ...) of one
 * implementation in one format. */
#ifndef ACTBENCH_ERROR_STATS_H
#define ACTBENCH_ERROR_STATS_H

#include <stdbool.h>
#include <stdint.h>

/* |error| bins: [0,0.5] (0.5,1] (1,2] (2,4] (4,16] (16,256] (256,65536]
 * (65536,2^24] >2^24 */
#define ERROR_HISTOGRAM_BINS 9
extern const double error_histogram_upper[ERROR_HISTOGRAM_BINS - 1];

struct error_stats {
    uint64_t count;            /* finite comparisons */
    double max_ulp;
    double sum_ulp;
    double max_ulp_range10;    /* over inputs in [-10, 10] */
    uint64_t over_half, over_1, over_2;
    uint64_t histogram[ERROR_HISTOGRAM_BINS];
    bool has_worst;
    float worst_input, worst_got, worst_want;
    uint64_t special_failures; /* NaN, infinity, signed-zero failures */
};

void error_stats_add(struct error_stats *s, double abs_ulp, float input, float got, float want);
/* Merge b into a; a's points come first (ties keep a's worst input). */
void error_stats_merge(struct error_stats *a, const struct error_stats *b);

#endif
