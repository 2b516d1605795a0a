/*
 * Machine identity: what a reader needs to know about the machine, the
 * build and the libraries to interpret or reproduce a run, as an ordered
 * key/value list collected once.
 *
 * Keys (dotted, lower case): cpuid.* (what the CPU reports through
 * __builtin_cpu_supports, which also checks that the OS saves the vector
 * state, and is what decides which implementations run), libcpuid.*
 * (identity: vendor, brand, family/model, codename, caches, and the SIMD
 * flags it decodes), flags.disagreement (where the two differ),
 * machine.class, floor.pipes (the vector pipes per width the floors of
 * speed.csv divide by, and the core model they come from), hwloc.*
 * (topology, core kinds, caches), tsc.*, clock.source, compiler.*,
 * kernel.*, and the versions of glibc, MPFR, SLEEF, hwloc and libcpuid.
 * A library call that fails leaves its error under its key and the rest
 * is collected anyway.
 */
#ifndef ACTBENCH_MACHINE_H
#define ACTBENCH_MACHINE_H

#include <stddef.h>

#include "pinning.h"

struct machine_entry {
    char *key;
    char *value;
};

struct machine_info {
    struct machine_entry *entries;
    size_t count, capacity;
};

/*
 * Collects the identity.  topology: may be NULL (then loaded here).
 * clock_source: the clock the speed run used ("perf_cycles",
 * "tsc_calibrated"), or NULL when no speed run was made.  Returns 0, or -1
 * with a message when out of memory (what was collected stays; free it).
 */
int machine_collect(struct machine_info *info, const struct machine_topology *topology,
                    const char *clock_source, char *error, size_t error_size);

/* Appends (or replaces) a key.  Returns 0, or -1 when out of memory. */
int machine_info_set(struct machine_info *info, const char *key, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* The value of key, or NULL. */
const char *machine_info_get(const struct machine_info *info, const char *key);

void machine_info_free(struct machine_info *info);

#endif
