/* The catalog of activations (see catalog.inc). */
#ifndef ACTBENCH_CATALOG_H
#define ACTBENCH_CATALOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../include/actbench/kernel.h"
#include "../reference/fast_reference.h"
#include "../reference/format.h"
#include "../reference/reference.h"

enum activation_kind {
    ACT_ELEMENTWISE,       /* y_i = f(x_i) */
    ACT_ELEMENTWISE_PARAM, /* y_i = f(x_i; a) with a parameter */
    ACT_VECTOR,            /* y depends on a row or group of x */
};

/* How an activation's inputs map to its outputs. */
enum activation_shape {
    SHAPE_ELEMENTWISE, /* one output per input */
    SHAPE_ROWS,        /* rows of param_default inputs, one output per input */
    SHAPE_GROUPS,      /* groups of param_default inputs, one output per group */
};

enum activation_symmetry {
    SYMMETRY_NONE,
    SYMMETRY_ODD,         /* f(-x) = -f(x) */
    SYMMETRY_COMPLEMENT,  /* f(-x) = 1 - f(x) */
    SYMMETRY_SHIFTED_ODD, /* f(x) - f(-x) = x */
};

/* What the property checks hold an activation to (see catalog.inc). */
struct activation_properties {
    double range_lo, range_hi;
    enum activation_symmetry symmetry;
    double monotone_from;     /* NAN: not checked */
    int saturation_direction; /* +1, -1 or 0 */
    double saturation_limit;
    int flat_sides;           /* -1, +1, 2 (both) or 0 */
};

#define ACTIVATION_MAX_CHANNELS 8
#define ACTIVATION_MAX_SPECIAL_INPUTS 16
#define ACTIVATION_MAX_MONOTONE_WINDOWS 8

/* One entry of catalog.inc; catalog.inc says what each field means. */
struct activation_info {
    const char *name;
    enum activation_kind kind;
    enum activation_shape shape;
    const char *param_name; /* NULL when none */
    double param_default;
    float channel_alpha[ACTIVATION_MAX_CHANNELS];
    size_t channels; /* 0: no per-channel parameter */
    bool param_gradient;
    const char *companion; /* NULL when none */
    const char *value_definition;
    const char *derivative_definition;
    const char *notes;
    ref_function *reference;
    const struct fast_reference *fast_reference; /* NULL: none (exhaustive runs use MPFR) */
    float special_inputs[ACTIVATION_MAX_SPECIAL_INPUTS];
    size_t special_input_count;
    float monotone_windows[ACTIVATION_MAX_MONOTONE_WINDOWS];
    size_t monotone_window_count;
    struct activation_properties properties;
};

/* An activation is its index in the catalog, 0 .. ACT_COUNT - 1. */
enum activation_id {
    ACT_COUNT = 0
#define ACTIVATION(reference, ...) +1
#include "catalog.inc"
#undef ACTIVATION
};

extern const struct activation_info activation_catalog[ACT_COUNT];

/* Returns ACT_COUNT when the name is unknown. */
enum activation_id activation_by_name(const char *name);
const char *activation_kind_name(enum activation_kind kind);
/* The activation a computed value is also compared with, or ACT_COUNT. */
enum activation_id activation_companion(enum activation_id act);

/* The parameters every measurement uses unless told otherwise: the
 * catalog's defaults (struct actbench_params of the kernel contract). */
void act_params_default(enum activation_id act, struct actbench_params *p);
/* Number of outputs for n inputs (n / group for groups, else n). */
size_t activation_output_count(enum activation_id act, const struct actbench_params *p, size_t n);
/* Inputs behind one output (the group size, else 1). */
size_t activation_inputs_per_output(enum activation_id act, const struct actbench_params *p);
/* Whether the properties (range, saturation limit) hold for these
 * parameters: they are stated for the catalog's default parameter. */
int activation_properties_hold(enum activation_id act, const struct actbench_params *p);
/* Inputs must come in multiples of this (row length, group size, 1). */
size_t activation_input_multiple(enum activation_id act, const struct actbench_params *p);

#endif
