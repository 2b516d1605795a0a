/*
 * A measured row against its declared bounds.  Whether exceeding a bound
 * is a failure depends on where the bound comes from: actbench's own
 * kernels (and kernels loaded with --kernel) declare a contract, and a
 * figure over it fails the tests and the gate; a peer's bounds derive from
 * what its library documents (impls/registry.inc), and a figure over them
 * is a finding about the peer, reported and compared with the baseline like
 * any figure, never a failure of actbench's own tests.
 */
#ifndef ACTBENCH_BOUNDS_H
#define ACTBENCH_BOUNDS_H

#include <stdbool.h>

#include "accuracy_row.h"

enum bound_status {
    BOUND_NOT_MEASURED, /* a skipped row */
    BOUND_WITHIN,       /* every figure within its bound */
    BOUND_EXCEEDED,     /* a contract bound exceeded: a failure */
    BOUND_FINDING,      /* a documented bound exceeded: a finding about the peer */
};

struct bound_check {
    enum bound_status status;
    bool value_over, gradient_over;
};

struct bound_check bound_check_row(const struct accuracy_row *row);
/* "within", "exceeded", "finding", or "" when not measured (accuracy.csv's
 * bound_status column). */
const char *bound_status_name(enum bound_status status);
/* "contract", or the documentation a peer's bounds derive from
 * (accuracy.csv's bound_source column). */
const char *bound_source_text(const struct implementation *im);

#endif
