/*
 * The exhaustive statistics (exhaustive_stats.h) compiled for avx512f
 * (harness/meson.build gives this file the ISA's flags of impls/isa.inc;
 * the driver calls it only where the CPU runs avx512f).
 */
#include "../reference/fast_f64_avx512f.h"

#include "exhaustive_stats_body.h"

stats_block_function exhaustive_stats_avx512f;
void exhaustive_stats_avx512f(const struct stats_block *b)
{
    stats_block_body(b);
}

stats_expect_function exhaustive_expect_avx512f;
void exhaustive_expect_avx512f(const struct stats_block *b)
{
    stats_expect_body(b);
}
