/*
 * The implementations a run can measure: the built-in kernels
 * (impls/registry.inc) and those of every library given with --kernel,
 * each resolved against the catalog and the ISA table and validated by the
 * same rules (include/actbench/kernel.h), before anything is measured.
 */
#ifndef ACTBENCH_IMPLEMENTATIONS_H
#define ACTBENCH_IMPLEMENTATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "../impls/registry.h"
#include "catalog.h"

struct implementation {
    const char *name;
    const struct actbench_kernel *kernel; /* the contract */
    enum activation_id activation;
    enum number_format type;              /* the kernel's element type */
    int isa;                              /* row of the ISA table */
    enum impl_method method;
    enum impl_tier tier;
    unsigned flags;                       /* enum impl_flags */
    const char *bound_source;             /* NULL: the bounds are a contract */
    const char *library;                  /* NULL: built in; else the --kernel path */
    /* declared bounds in ulps of each format it is measured in (derived
     * for the 16-bit formats of an f32 kernel); NAN where not measured */
    double value_bound[FMT_COUNT];
    double gradient_bound[FMT_COUNT];
};

struct implementation_set {
    struct implementation *items;
    size_t count;
    void **libraries; /* dlopen handles, kept open while items are used */
    size_t library_count;
};

/*
 * The built-in kernels, then each library's in the order given.  A library
 * that cannot be loaded, has no actbench_kernels table, was built for
 * another ABI, or has an entry that breaks the contract (unknown
 * activation or ISA, a name not of the form
 * <activation>_<type>_<method>[_<variant>]_<isa>, a name already taken, no
 * forward function, a bound that is not a finite number >= 0) is refused:
 * returns -1 with the library, the entry and the reason in error.
 */
int implementations_load(struct implementation_set *set, const char *const *libraries,
                         size_t library_count, char *error, size_t error_size);
void implementations_free(struct implementation_set *set);

/* Whether this CPU and OS run the implementation's ISA. */
bool impl_runs_here(const struct implementation *im);
/* Why it does not run here: NULL when it runs; "skipped_isa" (this CPU
 * lacks its ISA), "skipped_library" (the build found no copy of its
 * library) or "skipped_unsupported" (a framework peer's library cannot
 * create the 16-bit operation on this CPU: a trial call, once per kernel),
 * with a sentence for the row's note (for skipped_unsupported, what the
 * library answered). */
const char *impl_skip_status(const struct implementation *im);
const char *impl_skip_note(const struct implementation *im);
bool impl_has_gradient(const struct implementation *im);
/* f32 kernels are measured in every format (the result rounded to it);
 * 16-bit kernels in their own. */
bool impl_measures_format(const struct implementation *im, enum number_format fmt);
/* Whether exceeding a bound is a failure (actbench's own kernels and
 * external ones) or a finding about a peer. */
bool impl_bound_is_contract(const struct implementation *im);

/*
 * Forward and gradient through float buffers, whatever the kernel's type:
 * a 16-bit kernel gets its inputs encoded (they must be values of its
 * format) and its outputs decoded.  In place (y == x, dx == dy ...) calls
 * stay in place for the kernel.  Arguments as in kernel.h; dparam may be
 * NULL.  Returns 0, or -1 when out of memory (nothing called).
 */
int impl_forward(const struct implementation *im, const float *x, float *y, size_t n,
                 const struct actbench_params *p);
int impl_gradient(const struct implementation *im, const float *x, const float *y,
                  const float *dy, float *dx, float *dparam, size_t n,
                  const struct actbench_params *p);

#endif
