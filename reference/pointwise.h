/*
 * What the elementwise point functions share: the saturation of exp far
 * out, the logistic function from e^-|x|, the limits of the gated
 * activations and constant slopes.  Internal to reference/.
 */
#ifndef ACTBENCH_REFERENCE_POINTWISE_H
#define ACTBENCH_REFERENCE_POINTWISE_H

#include <stdbool.h>

#include "rounding.h"

/*
 * exp(-s) for s > 600 is replaced by the interval [0, 2^-865]:
 * e^-600 = 2^-865.6.  Any result it enters is then far below half the
 * smallest subnormal times any float, or lost next to a term near 1.
 */
#define EXP_SATURATION 600.0f
#define EXP_SATURATED_BOUND 0x1p-865

/* gradient = c * dy for a constant float c (a limit or a piece's slope);
 * uses w->tmp[TEMPORARY_COUNT - 1] */
void gradient_times_float(struct level *w, float c, const struct bounded *dy,
                          struct bounded *gradient);

/* e = exp(-t) for t = |x| >= 0, or its saturation interval for t > 600;
 * uses w->tmp[TEMPORARY_COUNT - 1] */
void exp_minus(struct level *w, float t, struct bounded *e);

/*
 * The logistic function from E = e^-|x|: Q = 1 + E, R = E/Q, and
 * S = sigmoid(x) = R for x < 0, 1/Q otherwise: neither form cancels.
 */
void logistic_from_exp(const struct bounded *e, bool negative, struct bounded *q,
                       struct bounded *r, struct bounded *s);

/*
 * x times a gate that goes from 0 to 1 (gelu, gelu_tanh, silu, mish) at
 * x = +-inf: the value is +inf or -0 (the limit from below), the
 * derivative 1 or -0.
 */
void gated_limits(struct level *w, float x, const struct bounded *dy, struct bounded *value,
                  struct bounded *gradient);

#endif
