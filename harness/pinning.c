/*
 * hwloc topology, core kinds, cache sizes, the --cores and --sizes parsers
 * and strict thread binding.  See pinning.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "pinning.h"

#include <ctype.h>
#include <errno.h>
#include <hwloc.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* Larger core numbers are certainly not cores; stops overflow early. */
#define CORE_INDEX_LIMIT 1000000

/* ---- loading ------------------------------------------------------------- */

/* Size of the first cache of this level above obj (data or unified). */
static uint64_t cache_above(hwloc_obj_t obj, hwloc_obj_type_t type)
{
    for (hwloc_obj_t o = obj; o; o = o->parent)
        if (o->type == type && o->attr && o->attr->cache.type != HWLOC_OBJ_CACHE_INSTRUCTION)
            return o->attr->cache.size;
    return 0;
}

/* glibc's view of the caches, for when hwloc has none (some VMs). */
static uint64_t sysconf_bytes(int name)
{
    long v = sysconf(name);
    return v > 0 ? (uint64_t)v : 0;
}

/* MemAvailable of /proc/meminfo (what can be allocated without swapping),
 * else the free pages sysconf reports, else 0 */
static uint64_t available_memory_bytes(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    if (f) {
        char line[256];
        unsigned long long kib;
        while (fgets(line, sizeof line, f))
            if (sscanf(line, "MemAvailable: %llu kB", &kib) == 1) {
                fclose(f);
                return (uint64_t)kib * 1024;
            }
        fclose(f);
    }
    long pages = sysconf(_SC_AVPHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
    return pages > 0 && page_size > 0 ? (uint64_t)pages * (uint64_t)page_size : 0;
}

static void describe_kind(struct hwloc_topology *topo, int kind, struct core_kind_info *info,
                          hwloc_bitmap_t cpuset)
{
    int efficiency = -1;
    unsigned nr_infos = 0;
    struct hwloc_info_s *infos = NULL;
    info->efficiency = -1;
    if (hwloc_cpukinds_get_info(topo, (unsigned)kind, cpuset, &efficiency, &nr_infos, &infos, 0))
        return;
    info->efficiency = efficiency;
    size_t used = (size_t)snprintf(info->description, sizeof info->description, "efficiency=%d",
                                   efficiency);
    for (unsigned i = 0; i < nr_infos && used < sizeof info->description; i++) {
        used += (size_t)snprintf(info->description + used, sizeof info->description - used,
                                 " %s=%s", infos[i].name, infos[i].value);
        if (strcmp(infos[i].name, "CoreType") == 0)
            snprintf(info->name, sizeof info->name, "%s", infos[i].value);
    }
}

static int load_kinds(struct machine_topology *t, char *error, size_t error_size)
{
    struct hwloc_topology *topo = t->hwloc;
    int nr = hwloc_cpukinds_get_nr(topo, 0);
    size_t kinds = nr > 1 ? (size_t)nr : 1;
    /* one spare for cores hwloc puts in no kind */
    t->kinds = calloc(kinds + 1, sizeof *t->kinds);
    hwloc_bitmap_t *sets = calloc(kinds, sizeof *sets);
    if (!t->kinds || !sets) {
        free(sets);
        snprintf(error, error_size, "out of memory listing core kinds");
        return -1;
    }
    for (size_t k = 0; k < kinds; k++)
        sets[k] = hwloc_bitmap_alloc();

    if (nr <= 1) {
        /* Not hybrid (or hwloc cannot tell): all cores are one kind. */
        snprintf(t->kinds[0].name, sizeof t->kinds[0].name, "default");
        t->kinds[0].efficiency = -1;
        snprintf(t->kinds[0].description, sizeof t->kinds[0].description,
                 "hwloc reports %d core kind%s", nr < 0 ? 0 : nr, nr == 1 ? "" : "s");
        if (nr == 1) {
            struct core_kind_info one = {0};
            describe_kind(topo, 0, &one, sets[0]);
            snprintf(t->kinds[0].description, sizeof t->kinds[0].description, "%s",
                     one.description);
        }
        for (size_t c = 0; c < t->core_count; c++)
            t->cores[c].kind = 0;
        t->kinds[0].core_count = t->core_count;
        t->kind_count = 1;
    } else {
        for (size_t k = 0; k < kinds; k++) {
            describe_kind(topo, (int)k, &t->kinds[k], sets[k]);
            if (t->kinds[k].name[0] == '\0')
                snprintf(t->kinds[k].name, sizeof t->kinds[k].name, "kind%zu", k);
        }
        t->kind_count = kinds;
        int unlisted = 0;
        for (size_t c = 0; c < t->core_count; c++) {
            hwloc_obj_t pu = hwloc_get_pu_obj_by_os_index(topo, (unsigned)t->cores[c].pu_os_index);
            size_t k = kinds;
            for (size_t j = 0; j < kinds && pu; j++)
                if (hwloc_bitmap_isset(sets[j], pu->os_index)) {
                    k = j;
                    break;
                }
            if (k == kinds)
                unlisted = 1;
            t->cores[c].kind = k;
            t->kinds[k].core_count++;
        }
        if (unlisted) {
            snprintf(t->kinds[kinds].name, sizeof t->kinds[kinds].name, "unlisted");
            t->kinds[kinds].efficiency = -1;
            snprintf(t->kinds[kinds].description, sizeof t->kinds[kinds].description,
                     "cores in none of hwloc's kinds");
            t->kind_count = kinds + 1;
        }
    }
    for (size_t k = 0; k < kinds; k++)
        hwloc_bitmap_free(sets[k]);
    free(sets);
    return 0;
}

int topology_load(struct machine_topology *t, char *error, size_t error_size)
{
    memset(t, 0, sizeof *t);
    hwloc_topology_t topo;
    if (hwloc_topology_init(&topo)) {
        snprintf(error, error_size, "hwloc_topology_init failed: %s", strerror(errno));
        return -1;
    }
    if (hwloc_topology_load(topo)) {
        snprintf(error, error_size, "hwloc_topology_load failed: %s", strerror(errno));
        hwloc_topology_destroy(topo);
        return -1;
    }
    t->hwloc = topo;

    /* Cores; where hwloc has no core objects, each hardware thread is one. */
    hwloc_obj_type_t core_type = HWLOC_OBJ_CORE;
    int count = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_CORE);
    if (count <= 0) {
        core_type = HWLOC_OBJ_PU;
        count = hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU);
    }
    if (count <= 0) {
        snprintf(error, error_size, "hwloc finds no cores");
        topology_free(t);
        return -1;
    }
    t->cores = calloc((size_t)count, sizeof *t->cores);
    if (!t->cores) {
        snprintf(error, error_size, "out of memory listing %d cores", count);
        topology_free(t);
        return -1;
    }
    int os_unique = 1;
    for (int i = 0; i < count; i++) {
        hwloc_obj_t core = hwloc_get_obj_by_type(topo, core_type, (unsigned)i);
        struct core_info *c = &t->cores[i];
        hwloc_obj_t pu = core_type == HWLOC_OBJ_PU
                             ? core
                             : hwloc_get_next_obj_inside_cpuset_by_type(topo, core->cpuset,
                                                                        HWLOC_OBJ_PU, NULL);
        if (!pu) {
            snprintf(error, error_size, "core L#%d has no hardware thread", i);
            topology_free(t);
            return -1;
        }
        c->logical_index = (int)core->logical_index;
        c->os_index = core->os_index == HWLOC_UNKNOWN_INDEX ? -1 : (int)core->os_index;
        c->pu_os_index = (int)pu->os_index;
        c->pu_count = hwloc_get_nbobjs_inside_cpuset_by_type(topo, core->cpuset, HWLOC_OBJ_PU);
        c->l1d_bytes = cache_above(core, HWLOC_OBJ_L1CACHE);
        c->l2_bytes = cache_above(core, HWLOC_OBJ_L2CACHE);
        c->l3_bytes = cache_above(core, HWLOC_OBJ_L3CACHE);
        if (!c->l1d_bytes)
            c->l1d_bytes = sysconf_bytes(_SC_LEVEL1_DCACHE_SIZE);
        if (!c->l2_bytes)
            c->l2_bytes = sysconf_bytes(_SC_LEVEL2_CACHE_SIZE);
        if (!c->l3_bytes)
            c->l3_bytes = sysconf_bytes(_SC_LEVEL3_CACHE_SIZE);
        if (c->os_index < 0)
            os_unique = 0;
        for (int j = 0; j < i && os_unique; j++)
            if (t->cores[j].os_index == c->os_index)
                os_unique = 0;
    }
    t->core_count = (size_t)count;
    t->core_numbering = os_unique ? "os" : "logical";
    /* only the CPUs of the inherited mask are measured: hwloc's topology
     * has every CPU the cgroup allows, not the ones taskset left */
    cpu_set_t mask;
    bool have_mask = sched_getaffinity(0, sizeof mask, &mask) == 0;
    for (size_t i = 0; i < t->core_count; i++)
        t->cores[i].allowed = !have_mask || (t->cores[i].pu_os_index >= 0 &&
                                             t->cores[i].pu_os_index < CPU_SETSIZE &&
                                             CPU_ISSET(t->cores[i].pu_os_index, &mask));
    for (size_t i = 0; i < t->core_count; i++)
        t->cores[i].index = os_unique ? t->cores[i].os_index : t->cores[i].logical_index;

    long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGESIZE);
    t->physical_memory_bytes = pages > 0 && page_size > 0 ? (uint64_t)pages * (uint64_t)page_size : 0;
    t->available_memory_bytes = available_memory_bytes();

    if (load_kinds(t, error, error_size)) {
        topology_free(t);
        return -1;
    }
    return 0;
}

void topology_free(struct machine_topology *t)
{
    if (t->hwloc)
        hwloc_topology_destroy(t->hwloc);
    free(t->cores);
    free(t->kinds);
    memset(t, 0, sizeof *t);
}

int topology_core_position(const struct machine_topology *t, int index)
{
    for (size_t i = 0; i < t->core_count; i++)
        if (t->cores[i].index == index)
            return (int)i;
    return -1;
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* The cores (allowed_only: those of the process's CPU mask) as "0-3,6". */
static void core_list(const struct machine_topology *t, bool allowed_only, char *text,
                      size_t text_size)
{
    if (text_size == 0)
        return;
    text[0] = '\0';
    int *sorted = malloc((t->core_count ? t->core_count : 1) * sizeof *sorted);
    if (!sorted)
        return;
    size_t count = 0;
    for (size_t i = 0; i < t->core_count; i++)
        if (!allowed_only || t->cores[i].allowed)
            sorted[count++] = t->cores[i].index;
    qsort(sorted, count, sizeof *sorted, compare_ints);
    size_t used = 0;
    for (size_t i = 0; i < count && used < text_size;) {
        size_t j = i;
        while (j + 1 < count && sorted[j + 1] == sorted[j] + 1)
            j++;
        const char *comma = i ? "," : "";
        if (j == i)
            used += (size_t)snprintf(text + used, text_size - used, "%s%d", comma, sorted[i]);
        else
            used += (size_t)snprintf(text + used, text_size - used, "%s%d-%d", comma, sorted[i],
                                     sorted[j]);
        i = j + 1;
    }
    free(sorted);
}

void topology_core_list(const struct machine_topology *t, char *text, size_t text_size)
{
    core_list(t, false, text, text_size);
}

/* ---- selections ---------------------------------------------------------- */

void core_selection_free(struct core_selection *s)
{
    free(s->positions);
    s->positions = NULL;
    s->count = 0;
}

int cores_select_default(const struct machine_topology *t, struct core_selection *out,
                         char *error, size_t error_size)
{
    out->count = 0;
    out->positions = calloc(t->kind_count, sizeof *out->positions);
    if (!out->positions) {
        snprintf(error, error_size, "out of memory selecting cores");
        return -1;
    }
    for (size_t k = 0; k < t->kind_count; k++) {
        int last = -1;
        for (size_t c = 0; c < t->core_count; c++)
            if (t->cores[c].kind == k && t->cores[c].allowed)
                last = (int)c;
        if (last >= 0)
            out->positions[out->count++] = (size_t)last;
    }
    return 0;
}

static int select_all(const struct machine_topology *t, struct core_selection *out,
                      char *error, size_t error_size)
{
    out->positions = calloc(t->core_count, sizeof *out->positions);
    if (!out->positions) {
        snprintf(error, error_size, "out of memory selecting cores");
        return -1;
    }
    out->count = 0;
    for (size_t c = 0; c < t->core_count; c++)
        if (t->cores[c].allowed)
            out->positions[out->count++] = c;
    return 0;
}

/* Reads a decimal number that must fill [begin, end). */
static int parse_index(const char *begin, const char *end, long *value)
{
    if (begin == end)
        return -1;
    long v = 0;
    for (const char *p = begin; p < end; p++) {
        if (!isdigit((unsigned char)*p))
            return -1;
        if (v < CORE_INDEX_LIMIT)
            v = v * 10 + (*p - '0');
    }
    *value = v;
    return 0;
}

static void trim(const char **begin, const char **end)
{
    while (*begin < *end && isspace((unsigned char)**begin))
        (*begin)++;
    while (*end > *begin && isspace((unsigned char)(*end)[-1]))
        (*end)--;
}

static int add_core(const struct machine_topology *t, struct core_selection *out, long index,
                    char *problem, size_t problem_size)
{
    int position = index < CORE_INDEX_LIMIT ? topology_core_position(t, (int)index) : -1;
    if (position < 0) {
        snprintf(problem, problem_size, "core %ld does not exist", index);
        return -1;
    }
    if (!t->cores[position].allowed) {
        snprintf(problem, problem_size,
                 "core %ld is outside this process's CPU mask (taskset, cgroup cpuset)", index);
        return -1;
    }
    for (size_t i = 0; i < out->count; i++)
        if (out->positions[i] == (size_t)position) {
            snprintf(problem, problem_size, "core %ld is listed twice", index);
            return -1;
        }
    out->positions[out->count++] = (size_t)position;
    return 0;
}

static int parse_core_list(const struct machine_topology *t, const char *text,
                           struct core_selection *out, char *problem, size_t problem_size)
{
    out->positions = calloc(t->core_count, sizeof *out->positions);
    if (!out->positions) {
        snprintf(problem, problem_size, "out of memory");
        return -1;
    }
    const char *item = text;
    for (int number = 1;; number++) {
        const char *comma = strchr(item, ',');
        const char *end = comma ? comma : item + strlen(item);
        const char *b = item, *e = end;
        trim(&b, &e);
        if (b == e) {
            snprintf(problem, problem_size, "item %d of the list is empty", number);
            return -1;
        }
        const char *dash = memchr(b, '-', (size_t)(e - b));
        long first, last;
        if (dash) {
            const char *fb = b, *fe = dash, *lb = dash + 1, *le = e;
            trim(&fb, &fe);
            trim(&lb, &le);
            if (parse_index(fb, fe, &first) || parse_index(lb, le, &last)) {
                snprintf(problem, problem_size, "'%.*s' is not a core index or a range like 0-3",
                         (int)(e - b), b);
                return -1;
            }
            if (last < first) {
                snprintf(problem, problem_size, "range %ld-%ld runs backwards", first, last);
                return -1;
            }
        } else {
            if (parse_index(b, e, &first)) {
                snprintf(problem, problem_size, "'%.*s' is not a core index or a range like 0-3",
                         (int)(e - b), b);
                return -1;
            }
            last = first;
        }
        for (long i = first; i <= last; i++) {
            if (add_core(t, out, i, problem, problem_size))
                return -1;
        }
        if (!comma)
            break;
        item = comma + 1;
    }
    return 0;
}

int cores_parse(const struct machine_topology *t, const char *text, struct core_selection *out,
                char *error, size_t error_size)
{
    out->positions = NULL;
    out->count = 0;
    if (!text || strcmp(text, "default") == 0)
        return cores_select_default(t, out, error, error_size);
    if (strcmp(text, "all") == 0)
        return select_all(t, out, error, error_size);

    char problem[160];
    const char *b = text, *e = text + strlen(text);
    trim(&b, &e);
    if (b == e)
        snprintf(problem, sizeof problem, "the core list is empty");
    else if (parse_core_list(t, text, out, problem, sizeof problem) == 0)
        return 0;
    core_selection_free(out);
    /* the cores this process may run on (taskset, cgroup cpuset), and the
     * machine's when some are outside the mask */
    char valid[256], every[256];
    core_list(t, true, valid, sizeof valid);
    core_list(t, false, every, sizeof every);
    if (strcmp(valid, every) == 0)
        snprintf(error, error_size,
                 "--cores '%s': %s; valid cores are %s (%s numbering), or 'all' or 'default'",
                 text, problem, valid, t->core_numbering);
    else
        snprintf(error, error_size,
                 "--cores '%s': %s; valid cores are %s (this process's CPU mask; the machine "
                 "has %s; %s numbering), or 'all' or 'default'",
                 text, problem, valid[0] ? valid : "none", every, t->core_numbering);
    return -1;
}

/* ---- binding --------------------------------------------------------------- */

int pin_thread_to_core(const struct machine_topology *t, size_t position, char *note,
                       size_t note_size)
{
    if (position >= t->core_count) {
        snprintf(note, note_size, "no core at position %zu", position);
        return -1;
    }
    const struct core_info *core = &t->cores[position];
    hwloc_bitmap_t set = hwloc_bitmap_alloc();
    if (!set) {
        snprintf(note, note_size, "out of memory binding to core %d", core->index);
        return -1;
    }
    hwloc_bitmap_only(set, (unsigned)core->pu_os_index);
    int rc = hwloc_set_cpubind(t->hwloc, set, HWLOC_CPUBIND_THREAD | HWLOC_CPUBIND_STRICT);
    int saved = errno;
    hwloc_bitmap_free(set);
    if (rc) {
        snprintf(note, note_size, "binding to core %d (cpu %d) refused: %s", core->index,
                 core->pu_os_index, strerror(saved));
        return -1;
    }
    /* The scheduler moves a thread off a CPU outside its mask at once, but
     * give it a few chances before calling the binding ineffective. */
    int cpu = -1;
    for (int attempt = 0; attempt < 100; attempt++) {
        cpu = sched_getcpu();
        if (cpu == core->pu_os_index)
            return 0;
        sched_yield();
    }
    snprintf(note, note_size, "bound to core %d (cpu %d) but runs on cpu %d", core->index,
             core->pu_os_index, cpu);
    return -1;
}

/* ---- sizes ------------------------------------------------------------------- */

static const char *const size_label_names[SIZE_LABEL_COUNT] = {"L1", "L2", "L3", "DRAM", "custom"};

const char *size_label_name(enum size_label label)
{
    return (unsigned)label < SIZE_LABEL_COUNT ? size_label_names[label] : "?";
}

void format_bytes(uint64_t bytes, char *text, size_t text_size)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = 0;
    while (unit < 6 && bytes >> (10 * (unit + 1)) != 0)
        unit++;
    uint64_t scale = (uint64_t)1 << (10 * unit);
    if (bytes % scale == 0)
        snprintf(text, text_size, "%llu%s", (unsigned long long)(bytes / scale), units[unit]);
    else
        snprintf(text, text_size, "%.4g%s", (double)bytes / (double)scale, units[unit]);
}

static const char size_choices[] =
    "valid sizes are L1, L2, L3, DRAM or a whole number of B, KiB, MiB or GiB (e.g. 64KiB, 8MiB)";

/* One explicit size item: digits then an optional IEC suffix. */
static int parse_explicit_size(const char *b, const char *e, uint64_t *bytes)
{
    static const struct {
        const char *suffix;
        int shift;
    } suffixes[] = {{"", 0},     {"B", 0},     {"KiB", 10}, {"MiB", 20},
                    {"GiB", 30}, {"TiB", 40}, {"PiB", 50}};
    const char *p = b;
    uint64_t v = 0;
    int overflow = 0;
    while (p < e && isdigit((unsigned char)*p)) {
        if (v > (UINT64_MAX - 9) / 10)
            overflow = 1;
        else
            v = v * 10 + (uint64_t)(*p - '0');
        p++;
    }
    if (p == b)
        return -1;
    size_t suffix_length = (size_t)(e - p);
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        if (strlen(suffixes[i].suffix) != suffix_length ||
            strncasecmp(p, suffixes[i].suffix, suffix_length) != 0)
            continue;
        if (overflow || (suffixes[i].shift && v > (UINT64_MAX >> suffixes[i].shift)))
            *bytes = UINT64_MAX;
        else
            *bytes = v << suffixes[i].shift;
        return 0;
    }
    return -1;
}

int sizes_parse(const char *text, uint64_t physical_memory_bytes, struct size_list *out,
                char *error, size_t error_size)
{
    out->count = 0;
    int problem_length = 0;
    char problem[192];
    if (!text) {
        out->items[out->count++] = (struct size_request){SIZE_L1, 0};
        return 0;
    }
    const char *item = text;
    for (int number = 1;; number++) {
        const char *comma = strchr(item, ',');
        const char *end = comma ? comma : item + strlen(item);
        const char *b = item, *e = end;
        trim(&b, &e);
        problem_length = (int)(e - b);
        struct size_request request = {SIZE_CUSTOM, 0};
        if (b == e) {
            snprintf(problem, sizeof problem, "item %d of the list is empty", number);
            goto fail;
        }
        int labelled = 0;
        for (int l = 0; l < SIZE_CUSTOM; l++)
            if ((size_t)(e - b) == strlen(size_label_names[l]) &&
                strncasecmp(b, size_label_names[l], (size_t)(e - b)) == 0) {
                request.label = (enum size_label)l;
                labelled = 1;
            }
        if (!labelled) {
            if (parse_explicit_size(b, e, &request.bytes)) {
                snprintf(problem, sizeof problem, "'%.*s' is not a size", problem_length, b);
                goto fail;
            }
            if (request.bytes == 0) {
                snprintf(problem, sizeof problem, "'%.*s' is zero bytes", problem_length, b);
                goto fail;
            }
            if (physical_memory_bytes && request.bytes > physical_memory_bytes / 4) {
                char limit[32];
                format_bytes(physical_memory_bytes / 4, limit, sizeof limit);
                snprintf(problem, sizeof problem,
                         "'%.*s' is above a quarter of physical memory (%s)", problem_length, b,
                         limit);
                goto fail;
            }
        }
        for (size_t i = 0; i < out->count; i++)
            if (out->items[i].label == request.label &&
                (request.label != SIZE_CUSTOM || out->items[i].bytes == request.bytes)) {
                snprintf(problem, sizeof problem, "'%.*s' is listed twice", problem_length, b);
                goto fail;
            }
        if (out->count == SIZE_LIST_MAX) {
            snprintf(problem, sizeof problem, "more than %d sizes", SIZE_LIST_MAX);
            goto fail;
        }
        out->items[out->count++] = request;
        if (!comma)
            break;
        item = comma + 1;
    }
    return 0;
fail:
    out->count = 0;
    snprintf(error, error_size, "--sizes '%s': %s; %s", text, problem, size_choices);
    return -1;
}

static atomic_flag dram_cap_stated = ATOMIC_FLAG_INIT;

uint64_t dram_working_set(uint64_t largest_cache_bytes, uint64_t available_bytes, bool *capped)
{
    uint64_t v = largest_cache_bytes > UINT64_MAX / 4 ? UINT64_MAX : largest_cache_bytes * 4;
    if (v < DRAM_MIN_BYTES)
        v = DRAM_MIN_BYTES;
    uint64_t cap = available_bytes / DRAM_ARENA_SHARE / (1u << 20) * (1u << 20);
    bool c = available_bytes != 0 && v > cap;
    if (c)
        v = cap ? cap : 1u << 20;
    if (capped)
        *capped = c;
    return v;
}

int size_resolve(const struct machine_topology *t, size_t position,
                 const struct size_request *request, uint64_t *bytes, char *error,
                 size_t error_size)
{
    const struct core_info *core = &t->cores[position];
    uint64_t cache = 0, v = 0;
    const char *cache_name = "";
    switch (request->label) {
    case SIZE_L1: cache = core->l1d_bytes, cache_name = "L1 data", v = cache / 2; break;
    case SIZE_L2: cache = core->l2_bytes, cache_name = "L2", v = cache / 2; break;
    case SIZE_L3: cache = core->l3_bytes, cache_name = "L3", v = cache / 2; break;
    case SIZE_DRAM: {
        cache = core->l3_bytes, cache_name = "L3";
        if (core->l2_bytes > cache)
            cache = core->l2_bytes, cache_name = "L2";
        if (core->l1d_bytes > cache)
            cache = core->l1d_bytes, cache_name = "L1 data";
        bool capped;
        v = dram_working_set(cache, t->available_memory_bytes, &capped);
        if (capped && cache && !atomic_flag_test_and_set(&dram_cap_stated)) {
            char want[32], have[32], avail[32];
            format_bytes(cache * 4 > DRAM_MIN_BYTES ? cache * 4 : DRAM_MIN_BYTES, want, sizeof want);
            format_bytes(v, have, sizeof have);
            format_bytes(t->available_memory_bytes, avail, sizeof avail);
            fprintf(stderr,
                    "actbench: DRAM working set %s, capped from %s (4 x the %s cache of core %d) "
                    "by the available memory (%s: buffers take at most a quarter of it)\n",
                    have, want, cache_name, core->index, avail);
        }
        break;
    }
    case SIZE_CUSTOM: cache = 1, v = request->bytes; break;
    default:
        snprintf(error, error_size, "unknown size label %d", (int)request->label);
        return -1;
    }
    if (cache == 0) {
        snprintf(error, error_size,
                 "size %s: the %s cache size of core %d is unknown; give an explicit size "
                 "such as 64KiB", size_label_name(request->label), cache_name, core->index);
        return -1;
    }
    if (t->physical_memory_bytes && v > t->physical_memory_bytes / 4) {
        char have[32], limit[32];
        format_bytes(v, have, sizeof have);
        format_bytes(t->physical_memory_bytes / 4, limit, sizeof limit);
        snprintf(error, error_size, "size %s is %s on core %d, above a quarter of physical memory (%s)",
                 size_label_name(request->label), have, core->index, limit);
        return -1;
    }
    *bytes = v;
    return 0;
}
