/* The catalog of activations (see catalog.inc) and the formats measured. */
#ifndef ACTBENCH_CATALOG_H
#define ACTBENCH_CATALOG_H

#include <stddef.h>
#include <stdint.h>

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

/*
 * Parameters an implementation receives.  prelu: element i belongs to channel
 * i % channels and uses channel_alpha[i % channels].  softmax: n is a
 * multiple of row_length.  maxout: n is a multiple of group; the output has
 * n / group elements.
 */
struct act_params {
    float alpha;                /* leaky_relu, elu */
    size_t channels;            /* prelu */
    const float *channel_alpha; /* prelu */
    size_t row_length;          /* softmax */
    size_t group;               /* maxout */
};

/* The parameters every measurement uses unless told otherwise. */
void act_params_default(enum activation_id act, struct act_params *p);
/* Number of outputs for n inputs (n / group for maxout, else n). */
size_t activation_output_count(enum activation_id act, const struct act_params *p, size_t n);
/* Inputs behind one output (maxout's group size, else 1). */
size_t activation_inputs_per_output(enum activation_id act, const struct act_params *p);
/* Whether the PROPERTIES row (range, saturation limit) holds for these
 * parameters: it is stated for the catalog's default parameter. */
int activation_properties_hold(enum activation_id act, const struct act_params *p);
/* Inputs must come in multiples of this (row length, group size, 1). */
size_t activation_input_multiple(enum activation_id act, const struct act_params *p);

/* Target formats.  16-bit values are carried in floats (exactly). */
enum number_format { FMT_F32, FMT_BF16, FMT_F16, FMT_COUNT };

struct format_info {
    const char *name;
    int precision;   /* significand bits including the implicit one */
    int emin;        /* exponent of the smallest normal: 2^emin */
    int emax;        /* exponent of the largest finite binade */
};
extern const struct format_info format_catalog[FMT_COUNT];

/* Round a float to the format, nearest-even, with its range and subnormals. */
float format_round(enum number_format fmt, float x);
/* Decode a 16-bit encoding of bf16 or f16 to float (exact). */
float format_decode16(enum number_format fmt, uint16_t bits);

/*
 * Ulp of the format in the binade of |v| (v finite): for |v| in
 * [2^e, 2^(e+1)) it is 2^(e - precision + 1), never below the subnormal
 * spacing 2^(emin - precision + 1).  For v = 0 it is the subnormal spacing.
 */
double format_ulp(enum number_format fmt, double v);

#endif
