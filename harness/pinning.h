/*
 * Where measurements run: the machine's cores as hwloc sees them, their
 * kinds (performance / efficiency cores on hybrid CPUs), their caches, the
 * --cores and --sizes selections, and binding a thread to one core.
 *
 * Cores are named by their OS index (the core id Linux reports in
 * /sys/devices/system/cpu/cpuN/topology/core_id, as hwloc reads it).  On
 * machines where that index repeats (one numbering per package), cores are
 * named by hwloc's logical index instead, and core_numbering says so.
 */
#ifndef ACTBENCH_PINNING_H
#define ACTBENCH_PINNING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct hwloc_topology; /* hwloc_topology_t is a pointer to this */

struct core_info {
    int index;        /* the number --cores and the reports use */
    int os_index;     /* hwloc's core OS index */
    int logical_index;
    int pu_os_index;  /* the logical CPU (as sched_getcpu counts) threads bind to */
    int pu_count;     /* hardware threads of the core */
    size_t kind;      /* index into machine_topology.kinds */
    bool allowed;     /* in the CPU mask the process inherited (taskset, cgroups) */
    uint64_t l1d_bytes, l2_bytes, l3_bytes; /* 0 when unknown */
};

struct core_kind_info {
    char name[64];        /* hwloc's CoreType info, "kindN", or "default" */
    int efficiency;       /* hwloc's ranking, -1 when unknown */
    char description[256];/* efficiency and hwloc's info pairs */
    size_t core_count;
};

struct machine_topology {
    struct hwloc_topology *hwloc;
    struct core_info *cores;  /* in hwloc's logical order */
    size_t core_count;
    struct core_kind_info *kinds;
    size_t kind_count;
    const char *core_numbering; /* "os" or "logical" */
    uint64_t physical_memory_bytes; /* sysconf, for size limits */
    uint64_t available_memory_bytes; /* MemAvailable (/proc/meminfo), else
                                        sysconf's available pages; 0 unknown */
};

/* Loads the topology of the allowed CPUs.  Returns 0, or -1 with a message. */
int topology_load(struct machine_topology *topology, char *error, size_t error_size);
void topology_free(struct machine_topology *topology);

/* Position in topology->cores of the core named index, or -1. */
int topology_core_position(const struct machine_topology *topology, int index);

/* The core names as a compact list, e.g. "0-3,8-11". */
void topology_core_list(const struct machine_topology *topology, char *text, size_t text_size);

/* A set of cores: positions in topology->cores, in the order given. */
struct core_selection {
    size_t *positions;
    size_t count;
};

/* One core of each kind: the last core of the kind in hwloc's order, since
 * Linux tends to steer housekeeping work (unbound interrupts, unbound
 * kernel threads) to the lowest-numbered CPUs. */
int cores_select_default(const struct machine_topology *topology, struct core_selection *out,
                         char *error, size_t error_size);

/*
 * Parses --cores: "default" (one core of each kind), "all", or a comma
 * list of core indices and ranges ("0,2,4-7").  Errors name the problem
 * and the valid cores.  Returns 0, or -1 with a message.
 */
int cores_parse(const struct machine_topology *topology, const char *text,
                struct core_selection *out, char *error, size_t error_size);
void core_selection_free(struct core_selection *selection);

/*
 * Binds the calling thread strictly to the first hardware thread of the
 * core at position (HWLOC_CPUBIND_THREAD | HWLOC_CPUBIND_STRICT) and checks
 * with sched_getcpu() that it runs there.  Returns 0, or -1 with the reason
 * in note (the thread is then left where it was).
 */
int pin_thread_to_core(const struct machine_topology *topology, size_t position, char *note,
                       size_t note_size);

/* Working-set sizes. */
enum size_label { SIZE_L1, SIZE_L2, SIZE_L3, SIZE_DRAM, SIZE_CUSTOM, SIZE_LABEL_COUNT };

struct size_request {
    enum size_label label;
    uint64_t bytes; /* SIZE_CUSTOM only */
};

#define SIZE_LIST_MAX 16
struct size_list {
    struct size_request items[SIZE_LIST_MAX];
    size_t count;
};

const char *size_label_name(enum size_label label); /* "L1" ... "custom" */

/*
 * Parses --sizes: a comma list of L1, L2, L3, DRAM (any case) and explicit
 * sizes: a number with B, KiB, MiB, GiB, TiB or PiB (no suffix: bytes).
 * An explicit size of 0 or above a quarter of physical_memory_bytes is
 * rejected.  Returns 0, or -1 with a message naming the valid choices.
 */
int sizes_parse(const char *text, uint64_t physical_memory_bytes, struct size_list *out,
                char *error, size_t error_size);

/*
 * The working-set bytes of a request on the core at position: L1 = half
 * the core's L1 data cache, L2 = half its L2, L3 = half its L3 (what one
 * thread can keep there while the code, the stack and the other buffers of
 * the process share it), DRAM = dram_working_set() of the core's largest
 * cache, custom = as given.  Fails when the cache is unknown or the size
 * is above a quarter of physical memory.  When DRAM is capped by the
 * available memory, one line on stderr says so (once per process).
 */
int size_resolve(const struct machine_topology *topology, size_t position,
                 const struct size_request *request, uint64_t *bytes, char *error,
                 size_t error_size);

/*
 * DRAM's working set: max(4 x the largest cache, 256 MiB) (so at most a
 * quarter of it can hit in the cache, and at least well beyond any cache
 * a VM under-reports), capped so that the speed driver's buffers (six of
 * the working set each) take at most a quarter of the available memory
 * (a shared machine runs other jobs): available / 24, rounded down to a
 * MiB.  *capped (may be NULL) tells
 * whether the cap applied; available 0 (unknown) means no cap.
 */
#define DRAM_MIN_BYTES ((uint64_t)256 << 20)
#define DRAM_ARENA_SHARE 24
uint64_t dram_working_set(uint64_t largest_cache_bytes, uint64_t available_bytes, bool *capped);

/* "64KiB", "5.885GiB", "100B": in the largest unit, exact when whole. */
void format_bytes(uint64_t bytes, char *text, size_t text_size);

#endif
