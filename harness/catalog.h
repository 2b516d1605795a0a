/* The catalog of activations (see catalog.inc). */
#ifndef ACTBENCH_CATALOG_H
#define ACTBENCH_CATALOG_H

#include <stddef.h>
#include <stdint.h>

#include "../include/actbench/kernel.h"
#include "../reference/format.h"

enum activation_kind {
    ACT_ELEMENTWISE,       /* y_i = f(x_i) */
    ACT_ELEMENTWISE_PARAM, /* y_i = f(x_i; a) with a parameter */
    ACT_VECTOR,            /* y depends on a row or group of x */
};

enum activation_id {
#define ACTIVATION(id, name, kind, pname, pdefault, value, derivative, notes) ACT_##id,
#include "catalog.inc"
#undef ACTIVATION
    ACT_COUNT
};

struct activation_info {
    const char *name;
    enum activation_kind kind;
    const char *param_name;   /* "" when none */
    double param_default;
    const char *value_definition;
    const char *derivative_definition;
    const char *notes;
};

extern const struct activation_info activation_catalog[ACT_COUNT];

enum activation_symmetry {
    SYMMETRY_NONE,
    SYMMETRY_ODD,         /* f(-x) = -f(x) */
    SYMMETRY_COMPLEMENT,  /* f(-x) = 1 - f(x) */
    SYMMETRY_SHIFTED_ODD, /* f(x) - f(-x) = x */
};

/* The properties the harness checks (PROPERTIES rows of catalog.inc). */
struct activation_properties {
    double range_lo, range_hi;
    enum activation_symmetry symmetry;
    double monotone_from;     /* NAN: not checked */
    int saturation_direction; /* +1, -1 or 0 */
    double saturation_limit;
    int flat_sides;           /* -1, +1, 2 (both) or 0 */
};

extern const struct activation_properties activation_property_table[ACT_COUNT];

/* Returns ACT_COUNT when the name is unknown. */
enum activation_id activation_by_name(const char *name);
const char *activation_kind_name(enum activation_kind kind);

/* Parameters an implementation receives: struct actbench_params of the
 * kernel contract (include/actbench/kernel.h). */

/* The parameters every measurement uses unless told otherwise. */
void act_params_default(enum activation_id act, struct actbench_params *p);
/* Number of outputs for n inputs (n / group for maxout, else n). */
size_t activation_output_count(enum activation_id act, const struct actbench_params *p, size_t n);
/* Inputs behind one output (maxout's group size, else 1). */
size_t activation_inputs_per_output(enum activation_id act, const struct actbench_params *p);
/* Whether the PROPERTIES row (range, saturation limit) holds for these
 * parameters: it is stated for the catalog's default parameter. */
int activation_properties_hold(enum activation_id act, const struct actbench_params *p);
/* Inputs must come in multiples of this (row length, group size, 1). */
size_t activation_input_multiple(enum activation_id act, const struct actbench_params *p);


#endif
