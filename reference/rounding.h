/*
 * Ziv rounding: a bounded value rounded to a target format with its tail,
 * accepted only when its whole error interval rounds to one value; the
 * precision levels the evaluation climbs (64, 128, ..., 2048 bits) and the
 * working storage of each level.  Internal to reference/.
 */
#ifndef ACTBENCH_REFERENCE_ROUNDING_H
#define ACTBENCH_REFERENCE_ROUNDING_H

#include <stdbool.h>
#include <stddef.h>

#include "bounded.h"
#include "reference.h"

#define LEVEL_COUNT 6 /* 64, 128, ..., 2048 bits */
_Static_assert((REF_START_PRECISION << (LEVEL_COUNT - 1)) == REF_MAX_PRECISION,
               "precision levels double from REF_START_PRECISION to REF_MAX_PRECISION");

/* The tail is reported within this many ulps of the exact tail: a rounding
 * is accepted only when err is at most this fraction of the ulp. */
#define TAIL_ACCURACY 0x1p-30

/* Scratch values of a level, for the point and row functions. */
#define TEMPORARY_COUNT 12
/* Constants of an activation, computed once per level. */
#define CONSTANT_COUNT 3

struct level;
/* Sets the activation's constants w->constant[...] (w->tmp is free). */
typedef void level_constants_fn(struct level *w);

/* The working storage of one precision level, every value at its precision. */
struct level {
    bool ready;
    mpfr_prec_t precision;
    struct bounded tmp[TEMPORARY_COUNT];
    struct bounded dy, value, gradient;
    struct bounded constant[CONSTANT_COUNT];
    /* rounding scratch */
    mpfr_t scaled, nearest, fraction, check;
    /* an activation's own loops (the Mills ratio's continued fraction) */
    mpfr_t scratch;
    /* rows (softmax, log_softmax): row_length entries each, else NULL */
    size_t row_length;
    struct bounded *row_exp, *row_value, *row_gradient;
};

/* All levels of one evaluation; set up on first use.  Initialise with
 * {.row_length = ..., .constants = ...} and release with workspace_clear. */
struct workspace {
    size_t row_length;
    level_constants_fn *constants; /* NULL when the activation has none */
    struct level level[LEVEL_COUNT];
};

/* The level of index k (precision REF_START_PRECISION * 2^k), set up on
 * first use; NULL when memory ran out. */
struct level *level_get(struct workspace *ws, int k);
void workspace_clear(struct workspace *ws);

/* The NaN point of the format. */
void point_nan(struct ref_point *out, enum number_format fmt);

/*
 * Round a value known exactly as a double (a float, or a product of two
 * floats) to the format, nearest-even, with the format's range and
 * subnormals.
 */
void round_exact_double(double v, enum number_format fmt, struct ref_point *out);

/*
 * Round b to the format and decide whether the rounding is certain (Ziv).
 * out always receives the rounding of b->v; the return value says whether
 * every real number within b->err of b->v rounds to the same value and the
 * tail is known to TAIL_ACCURACY ulp.
 */
bool round_bounded(struct level *w, const struct bounded *b, enum number_format fmt,
                   struct ref_point *out);

#endif
