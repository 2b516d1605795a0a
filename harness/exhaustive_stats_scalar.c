/*
 * The exhaustive statistics (exhaustive_stats.h) compiled for scalar
 * (harness/meson.build gives this file the ISA's flags of impls/isa.inc;
 * the driver calls it only where the CPU runs scalar).
 */
#include "../reference/fast_f64_scalar.h"

#include "exhaustive_stats_body.h"

stats_block_function exhaustive_stats_scalar;
void exhaustive_stats_scalar(const struct stats_block *b)
{
    stats_block_body(b);
}

stats_expect_function exhaustive_expect_scalar;
void exhaustive_expect_scalar(const struct stats_block *b)
{
    stats_expect_body(b);
}
