/*
 * The identity of an input set: what a row of accuracy.csv was measured
 * on, so that two runs are compared only where their figures can be
 * compared.  Two rows with the same identity saw the same inputs in the
 * same order with the same parameters; a different seed, number of points,
 * input generator or catalog parameter gives another identity.
 */
#ifndef ACTBENCH_INPUT_IDENTITY_H
#define ACTBENCH_INPUT_IDENTITY_H

#include <stddef.h>
#include <stdint.h>

#include "accuracy.h"
#include "inputs.h"

/*
 * A 64-bit FNV-1a hash of the plan's layout (the size of each part), of
 * every input of its special, binade and [-10, 10] parts and, for vector
 * activations, every upstream gradient (rounded to the format, as
 * measured), and of the parameters (alpha, the
 * channel parameters, row length, group).  The exhaustive part is all
 * encodings in order by definition: its size stands for it.
 */
uint64_t input_set_identity(const struct input_plan *plan, const struct actbench_params *p);

/* Sets seed and input_identity of every measured row, from the options the
 * accuracy driver measured them with.  Returns 0, or -1 when out of
 * memory. */
int accuracy_rows_identify(struct accuracy_row *rows, size_t row_count,
                           const struct accuracy_options *options);

#endif
