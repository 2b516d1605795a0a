/*
 * The vector operations of every built-in kernel's main loop, counted in
 * its compiled code at build time (scripts/kernel-ops.py over objdump of
 * the per-ISA kernel libraries; README.md, "Floors"), for the floor the
 * speed rows put next to each measured cycles per element.
 */
#ifndef ACTBENCH_KERNEL_OPS_H
#define ACTBENCH_KERNEL_OPS_H

#include <stddef.h>

/* One function's main loop: per iteration, its vector operations and the
 * elements it processes.  No floor (elements 0) when no_floor says why:
 * the loop calls a math library, runs inside a loop over rows, branches
 * on each element's value, or was not found. */
struct kernel_loop_ops {
    unsigned ops;          /* vector operations on the loop's path */
    unsigned elements;     /* elements (inputs) per iteration; 0: no floor */
    unsigned gathers;      /* gathered loads on the path (not operations) */
    const char *no_floor;  /* "" when there is a floor */
};

struct kernel_ops {
    const char *name; /* the registry name */
    struct kernel_loop_ops forward, gradient;
};

/* Generated into the build (kernel_ops_table.c): one entry per built-in
 * kernel whose ISA was built. */
extern const struct kernel_ops kernel_ops_table[];
extern const size_t kernel_ops_count;

/* The entry of a built-in kernel, or NULL. */
const struct kernel_ops *kernel_ops_find(const char *name);

/* Vector operations per element, or NaN when the loop has no floor. */
double kernel_loop_ops_per_element(const struct kernel_loop_ops *loop);

#endif
