/*
 * The exhaustive statistics (exhaustive_stats.h) compiled for avx2
 * (harness/meson.build gives this file the ISA's flags of impls/isa.inc;
 * the driver calls it only where the CPU runs avx2).
 */
#include "../reference/fast_f64_avx2.h"

#include "exhaustive_stats_body.h"

stats_block_function exhaustive_stats_avx2;
void exhaustive_stats_avx2(const struct stats_block *b)
{
    stats_block_body(b);
}

stats_expect_function exhaustive_expect_avx2;
void exhaustive_expect_avx2(const struct stats_block *b)
{
    stats_expect_body(b);
}
