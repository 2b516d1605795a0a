/* Property checks of one implementation in the format it computes in (f32,
 * or a 16-bit kernel's own): symmetry, monotonicity over consecutive values,
 * NaN propagation, overflow to NaN, lane cross-talk, tails (lengths around
 * the kernel's unroll; nothing written past n), in-place operation, the
 * saturation threshold and the gradient-death threshold. */
#ifndef ACTBENCH_PROPERTIES_H
#define ACTBENCH_PROPERTIES_H

#include <stdint.h>

#include "accuracy.h"

/* Fills row->property_count, failure examples and the thresholds.  The
 * row's implementation must be runnable on this CPU. */
void properties_check(struct accuracy_row *row, const struct actbench_params *p, uint64_t seed);

#endif
