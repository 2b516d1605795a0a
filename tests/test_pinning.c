/*
 * Pinning and selection parsers: a thread bound to each core runs there
 * (sched_getcpu() from inside the thread), and bad --cores and --sizes
 * values are refused with messages that name the valid choices.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>

#include "../harness/pinning.h"

#include "check.h"

struct pin_probe {
    const struct machine_topology *topology;
    size_t position;
    int rc;
    int cpus_seen[8];
    char note[256];
};

/* Binds itself, then samples where it runs across a few yields. */
static void *pin_probe_main(void *argument)
{
    struct pin_probe *p = argument;
    p->rc = pin_thread_to_core(p->topology, p->position, p->note, sizeof p->note);
    for (int i = 0; i < 8; i++) {
        p->cpus_seen[i] = sched_getcpu();
        sched_yield();
    }
    return NULL;
}

static void test_binding(const struct machine_topology *t)
{
    for (size_t c = 0; c < t->core_count; c++) {
        struct pin_probe p = {.topology = t, .position = c};
        pthread_t id;
        if (pthread_create(&id, NULL, pin_probe_main, &p)) {
            check_detail(0, "start a probe thread", "pthread_create failed");
            continue;
        }
        pthread_join(id, NULL);
        char what[96], detail[512];
        snprintf(what, sizeof what, "thread pinned to core %d runs on cpu %d", t->cores[c].index,
                 t->cores[c].pu_os_index);
        int all_there = p.rc == 0;
        size_t used = (size_t)snprintf(detail, sizeof detail, "pin rc %d%s%s; sched_getcpu:", p.rc,
                                       p.note[0] ? ", " : "", p.note);
        for (int i = 0; i < 8; i++) {
            all_there &= p.cpus_seen[i] == t->cores[c].pu_os_index;
            used += (size_t)snprintf(detail + used, sizeof detail - used, " %d", p.cpus_seen[i]);
        }
        check_detail(all_there, what, all_there ? "" : detail);
    }
}

static void test_cores_parser(const struct machine_topology *t)
{
    char valid[256];
    topology_core_list(t, valid, sizeof valid);
    char valid_phrase[300];
    snprintf(valid_phrase, sizeof valid_phrase, "valid cores are %s", valid);

    static const char *const bad[] = {"", "99", "a", "1-0", "0,,1", "0,0", "-1", "0-"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct core_selection s;
        char error[512] = "";
        int rc = cores_parse(t, bad[i], &s, error, sizeof error);
        char what[96];
        snprintf(what, sizeof what, "--cores '%s' is refused, naming the valid cores", bad[i]);
        check_detail(rc != 0 && strstr(error, valid_phrase) != NULL, what, error);
        if (rc == 0)
            core_selection_free(&s);
    }

    struct core_selection s;
    char error[512] = "";
    int rc = cores_parse(t, "all", &s, error, sizeof error);
    check_detail(rc == 0 && s.count == t->core_count, "--cores all selects every core", error);
    if (rc == 0)
        core_selection_free(&s);

    rc = cores_parse(t, "default", &s, error, sizeof error);
    check_detail(rc == 0 && s.count == t->kind_count, "--cores default selects one core per kind", error);
    if (rc == 0)
        core_selection_free(&s);

    char list[64];
    int first = t->cores[0].index, last = t->cores[t->core_count - 1].index;
    snprintf(list, sizeof list, "%d", last);
    rc = cores_parse(t, list, &s, error, sizeof error);
    check_detail(rc == 0 && s.count == 1 && t->cores[s.positions[0]].index == last,
          "--cores with one index selects that core", error);
    if (rc == 0)
        core_selection_free(&s);
    if (t->core_count > 1 && last > first) {
        snprintf(list, sizeof list, "%d-%d", first, first + 1);
        if (topology_core_position(t, first + 1) >= 0) {
            rc = cores_parse(t, list, &s, error, sizeof error);
            check_detail(rc == 0 && s.count == 2, "--cores with a range selects both ends", error);
            if (rc == 0)
                core_selection_free(&s);
        }
    }
}

static void test_sizes_parser(const struct machine_topology *t)
{
    uint64_t memory = t->physical_memory_bytes;
    static const char *const bad[] = {"0", "1PiB", "L7", "", "64KB", "L1,,L2", "L1,L1", "0KiB"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct size_list l;
        char error[512] = "";
        int rc = sizes_parse(bad[i], memory, &l, error, sizeof error);
        char what[96];
        snprintf(what, sizeof what, "--sizes '%s' is refused, naming the valid sizes", bad[i]);
        check_detail(rc != 0 && strstr(error, "valid sizes are L1, L2, L3, DRAM") != NULL, what, error);
    }

    struct size_list l;
    char error[512] = "";
    int rc = sizes_parse("L1,l2,L3,dram,64KiB,8MiB,4096", memory, &l, error, sizeof error);
    check_detail(rc == 0 && l.count == 7 && l.items[0].label == SIZE_L1 && l.items[3].label == SIZE_DRAM &&
              l.items[4].label == SIZE_CUSTOM && l.items[4].bytes == 65536 &&
              l.items[5].bytes == 8u << 20 && l.items[6].bytes == 4096,
          "--sizes L1,l2,L3,dram,64KiB,8MiB,4096 parses", error);

    /* Labels resolve from the caches of the core. */
    uint64_t bytes = 0;
    struct size_request l1 = {SIZE_L1, 0};
    rc = size_resolve(t, 0, &l1, &bytes, error, sizeof error);
    char detail[128];
    snprintf(detail, sizeof detail, "L1d %llu bytes, L1 working set %llu bytes",
             (unsigned long long)t->cores[0].l1d_bytes, (unsigned long long)bytes);
    check_detail(rc == 0 && bytes == t->cores[0].l1d_bytes / 2, "L1 is half the core's L1 data cache",
          rc ? error : detail);
}

/* DRAM: max(4 x the largest cache, 256 MiB), capped at 1/24 of the
 * available memory (six buffers of the working set take at most a
 * quarter). */
static void test_dram_size(const struct machine_topology *t)
{
    const uint64_t mib = (uint64_t)1 << 20;
    bool capped = true;
    uint64_t v = dram_working_set(508 * mib, 0, &capped);
    check_detail(v == 2032 * mib && !capped, "DRAM is 4 x a 508 MiB cache when the available memory is unknown", "");
    v = dram_working_set(32 * mib, 24 * 1024 * mib, &capped);
    check_detail(v == 256 * mib && !capped, "DRAM is at least 256 MiB (4 x 32 MiB is less)", "");
    v = dram_working_set(508 * mib, 22 * 1024 * mib, &capped);
    check_detail(v == 938 * mib && capped, "DRAM of a 508 MiB cache is capped at 22 GiB / 24 = 938 MiB", "");
    v = dram_working_set(1 * mib, 1024 * mib, &capped);
    check_detail(v == 42 * mib && capped, "the 256 MiB floor yields to the cap too (1 GiB / 24 = 42 MiB)", "");
    v = dram_working_set(0, 1000, &capped);
    check_detail(v == mib && capped, "a cap below a MiB still leaves one MiB", "");

    struct size_request dram = {SIZE_DRAM, 0};
    char error[512] = "", detail[256];
    uint64_t bytes = 0;
    int rc = size_resolve(t, 0, &dram, &bytes, error, sizeof error);
    snprintf(detail, sizeof detail, "L3 %llu, DRAM %llu bytes, available %llu",
             (unsigned long long)t->cores[0].l3_bytes, (unsigned long long)bytes,
             (unsigned long long)t->available_memory_bytes);
    check_detail(rc == 0 && bytes >= mib &&
                     (t->available_memory_bytes == 0 || bytes * DRAM_ARENA_SHARE <= t->available_memory_bytes),
                 "DRAM resolves on this machine within its share of the available memory", rc ? error : detail);
    printf("  %s\n", detail);
}

int main(void)
{
    struct machine_topology t;
    char error[512];
    if (topology_load(&t, error, sizeof error)) {
        printf("FAIL: topology_load: %s\n", error);
        return 1;
    }
    char cores[256];
    topology_core_list(&t, cores, sizeof cores);
    printf("topology: %zu cores (%s, %s numbering), %zu kind(s)\n", t.core_count, cores,
           t.core_numbering, t.kind_count);
    for (size_t k = 0; k < t.kind_count; k++)
        printf("  kind %zu: %s, %zu cores, %s\n", k, t.kinds[k].name, t.kinds[k].core_count,
               t.kinds[k].description);

    test_binding(&t);
    test_cores_parser(&t);
    test_sizes_parser(&t);
    test_dram_size(&t);
    topology_free(&t);
    return check_summary("test_pinning");
}
