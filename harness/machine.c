/*
 * Machine identity, collected once per run: cpuid, libcpuid, hwloc, the
 * TSC, compiler and build flags, kernel and library versions.  See
 * machine.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "machine.h"

#include <cpuid.h>
#include <gnu/libc-version.h>
#include <hwloc.h>
#include <immintrin.h>
#include <libcpuid/libcpuid.h>
#include <locale.h>
#include <mpfr.h>
#include <sleef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "../impls/isa.h"
#include "timing.h"

#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

/* ---- the list ----------------------------------------------------------------- */

static char *format_value(const char *format, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int length = vsnprintf(NULL, 0, format, copy);
    va_end(copy);
    if (length < 0)
        return NULL;
    char *text = malloc((size_t)length + 1);
    if (text)
        vsnprintf(text, (size_t)length + 1, format, ap);
    return text;
}

int machine_info_set(struct machine_info *info, const char *key, const char *format, ...)
{
    va_list ap;
    va_start(ap, format);
    char *value = format_value(format, ap);
    va_end(ap);
    if (!value)
        return -1;
    for (size_t i = 0; i < info->count; i++)
        if (strcmp(info->entries[i].key, key) == 0) {
            free(info->entries[i].value);
            info->entries[i].value = value;
            return 0;
        }
    if (info->count == info->capacity) {
        size_t capacity = info->capacity ? 2 * info->capacity : 64;
        struct machine_entry *grown = realloc(info->entries, capacity * sizeof *grown);
        if (!grown) {
            free(value);
            return -1;
        }
        info->entries = grown;
        info->capacity = capacity;
    }
    char *key_copy = strdup(key);
    if (!key_copy) {
        free(value);
        return -1;
    }
    info->entries[info->count].key = key_copy;
    info->entries[info->count].value = value;
    info->count++;
    return 0;
}

const char *machine_info_get(const struct machine_info *info, const char *key)
{
    for (size_t i = 0; i < info->count; i++)
        if (strcmp(info->entries[i].key, key) == 0)
            return info->entries[i].value;
    return NULL;
}

void machine_info_free(struct machine_info *info)
{
    for (size_t i = 0; i < info->count; i++) {
        free(info->entries[i].key);
        free(info->entries[i].value);
    }
    free(info->entries);
    memset(info, 0, sizeof *info);
}

/* Collection stops adding after the first allocation failure. */
struct collector {
    struct machine_info *info;
    int failed;
};

static void put(struct collector *c, const char *key, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void put(struct collector *c, const char *key, const char *format, ...)
{
    if (c->failed)
        return;
    va_list ap;
    va_start(ap, format);
    char *value = format_value(format, ap);
    va_end(ap);
    if (!value || machine_info_set(c->info, key, "%s", value))
        c->failed = 1;
    free(value);
}

/* ---- cpuid ---------------------------------------------------------------------- */

struct flag {
    const char *name;
    int supported;
};

/* The flags libcpuid is compared on, with its feature for each (-1: none). */
struct compared_flag {
    const char *name;
    int libcpuid_feature;
};
static const struct compared_flag compared_flags[] = {
    {"avx2", CPU_FEATURE_AVX2},         {"fma", CPU_FEATURE_FMA3},
    {"f16c", CPU_FEATURE_F16C},         {"avx512f", CPU_FEATURE_AVX512F},
    {"avx512bw", CPU_FEATURE_AVX512BW}, {"avx512vl", CPU_FEATURE_AVX512VL},
    {"avx512dq", CPU_FEATURE_AVX512DQ}, {"avx512cd", CPU_FEATURE_AVX512CD},
    {"avx512vnni", CPU_FEATURE_AVX512VNNI},
    /* libcpuid 0.6 decodes neither */
    {"avx512bf16", -1},                 {"avx512fp16", -1},
};

/* The SIMD features libcpuid decodes, for libcpuid.simd_flags. */
static const cpu_feature_t libcpuid_simd[] = {
    CPU_FEATURE_SSE,        CPU_FEATURE_SSE2,       CPU_FEATURE_PNI,      CPU_FEATURE_SSSE3,
    CPU_FEATURE_SSE4_1,     CPU_FEATURE_SSE4_2,     CPU_FEATURE_AVX,      CPU_FEATURE_AVX2,
    CPU_FEATURE_FMA3,       CPU_FEATURE_F16C,       CPU_FEATURE_AVX512F,  CPU_FEATURE_AVX512DQ,
    CPU_FEATURE_AVX512CD,   CPU_FEATURE_AVX512BW,   CPU_FEATURE_AVX512VL, CPU_FEATURE_AVX512VNNI,
    CPU_FEATURE_AVX512VBMI, CPU_FEATURE_AVX512VBMI2,
};

/* The features impls/isa.c reads from cpuid and xgetbv: what decides which
 * ISAs run. */
static void collect_cpuid(struct collector *c, struct flag *flags, size_t *flag_count)
{
    size_t count = cpu_feature_count();
    char list[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < count; i++) {
        flags[i].name = cpu_feature_name(i);
        flags[i].supported = cpu_feature_supported(flags[i].name) == 1;
        if (flags[i].supported && used < sizeof list)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? " " : "",
                                     flags[i].name);
    }
    *flag_count = count;
    put(c, "cpuid.simd_flags", "%s", list);
    put(c, "cpuid.source", "cpuid leaves 1 and 7 with xgetbv (the OS saves the registers); "
                           "decides what runs");

    unsigned a, b, cx, d;
    if (__get_cpuid(1, &a, &b, &cx, &d)) {
        put(c, "cpuid.signature", "0x%08x", a);
        put(c, "cpuid.hypervisor", "%s", (cx >> 31) & 1u ? "yes" : "no");
        if ((cx >> 31) & 1u) {
            unsigned regs[4];
            __cpuid(0x40000000u, regs[0], regs[1], regs[2], regs[3]);
            char vendor[13];
            memcpy(vendor, &regs[1], 4);
            memcpy(vendor + 4, &regs[2], 4);
            memcpy(vendor + 8, &regs[3], 4);
            vendor[12] = '\0';
            for (int i = 0; i < 12; i++)
                if (vendor[i] && (vendor[i] < 0x20 || vendor[i] > 0x7e))
                    vendor[i] = '?';
            put(c, "cpuid.hypervisor_vendor", "%s", vendor);
        }
    }
    unsigned mxcsr = _mm_getcsr();
    /* bit 15 flush-to-zero, bit 6 denormals-are-zero: subnormal inputs
     * (the binades distribution) are slow or not depending on these */
    put(c, "cpu.mxcsr", "0x%04x (ftz=%u daz=%u)", mxcsr, (mxcsr >> 15) & 1u, (mxcsr >> 6) & 1u);
}

static int builtin_flag(const struct flag *flags, size_t count, const char *name)
{
    for (size_t i = 0; i < count; i++)
        if (strcmp(flags[i].name, name) == 0)
            return flags[i].supported;
    return -1; /* the builtin does not know it */
}

/* ---- libcpuid --------------------------------------------------------------------- */

static void collect_libcpuid(struct collector *c, const struct flag *flags, size_t flag_count)
{
    put(c, "libcpuid.version", "%s", cpuid_lib_version());
    struct cpu_raw_data_t raw;
    struct cpu_id_t id;
    if (cpuid_get_raw_data(&raw) != 0) {
        put(c, "libcpuid.error", "cpuid_get_raw_data: %s", cpuid_error());
        return;
    }
    if (cpu_identify(&raw, &id) != 0) {
        put(c, "libcpuid.error", "cpu_identify: %s", cpuid_error());
        return;
    }
    put(c, "libcpuid.vendor", "%s", id.vendor_str);
    put(c, "libcpuid.brand", "%s", id.brand_str);
    put(c, "libcpuid.family", "%d", id.family);
    put(c, "libcpuid.model", "%d", id.model);
    put(c, "libcpuid.stepping", "%d", id.stepping);
    put(c, "libcpuid.ext_family", "%d", id.ext_family);
    put(c, "libcpuid.ext_model", "%d", id.ext_model);
    put(c, "libcpuid.codename", "%s", id.cpu_codename);
    put(c, "libcpuid.cores", "%d", id.num_cores);
    put(c, "libcpuid.logical_cpus", "%d", id.num_logical_cpus);
    /* libcpuid reports cache sizes in KiB, -1 when unknown */
    put(c, "libcpuid.l1d_bytes", "%lld", id.l1_data_cache > 0 ? 1024LL * id.l1_data_cache : -1LL);
    put(c, "libcpuid.l2_bytes", "%lld", id.l2_cache > 0 ? 1024LL * id.l2_cache : -1LL);
    put(c, "libcpuid.l3_bytes", "%lld", id.l3_cache > 0 ? 1024LL * id.l3_cache : -1LL);

    char list[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < sizeof libcpuid_simd / sizeof libcpuid_simd[0]; i++)
        if (id.flags[libcpuid_simd[i]] && used < sizeof list)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? " " : "",
                                     cpu_feature_str(libcpuid_simd[i]));
    put(c, "libcpuid.simd_flags", "%s", list);

    char disagree[512] = "", unknown[256] = "";
    size_t du = 0, uu = 0;
    for (size_t i = 0; i < sizeof compared_flags / sizeof compared_flags[0]; i++) {
        const struct compared_flag *f = &compared_flags[i];
        int builtin = builtin_flag(flags, flag_count, f->name);
        if (builtin < 0)
            continue; /* not read from cpuid: nothing to compare */
        if (f->libcpuid_feature < 0) {
            if (uu < sizeof unknown)
                uu += (size_t)snprintf(unknown + uu, sizeof unknown - uu, "%s%s (cpuid %s)",
                                       uu ? "; " : "", f->name, builtin ? "yes" : "no");
            continue;
        }
        int lib = id.flags[f->libcpuid_feature] != 0;
        if (lib != builtin && du < sizeof disagree)
            du += (size_t)snprintf(disagree + du, sizeof disagree - du,
                                   "%s%s: cpuid %s, libcpuid %s", du ? "; " : "", f->name,
                                   builtin ? "yes" : "no", lib ? "yes" : "no");
    }
    put(c, "flags.disagreement", "%s", du ? disagree : "none");
    if (uu)
        put(c, "flags.not_in_libcpuid", "%s", unknown);
}

/* ---- hwloc ---------------------------------------------------------------------- */

static void collect_hwloc(struct collector *c, const struct machine_topology *t)
{
    unsigned runtime = hwloc_get_api_version();
    put(c, "hwloc.api_version", "header 0x%x, library 0x%x", (unsigned)HWLOC_API_VERSION, runtime);
    struct hwloc_topology *topo = t->hwloc;
    put(c, "hwloc.packages", "%d", hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PACKAGE));
    put(c, "hwloc.cores", "%zu", t->core_count);
    put(c, "hwloc.pus", "%d", hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_PU));
    put(c, "hwloc.numa_nodes", "%d", hwloc_get_nbobjs_by_type(topo, HWLOC_OBJ_NUMANODE));
    put(c, "hwloc.memory_bytes", "%llu",
        (unsigned long long)hwloc_get_root_obj(topo)->total_memory);
    put(c, "hwloc.core_numbering", "%s", t->core_numbering);
    char cores[256];
    topology_core_list(t, cores, sizeof cores);
    put(c, "hwloc.core_indices", "%s", cores);

    hwloc_obj_t package = hwloc_get_obj_by_type(topo, HWLOC_OBJ_PACKAGE, 0);
    if (package)
        for (unsigned i = 0; i < package->infos_count; i++) {
            char key[96];
            snprintf(key, sizeof key, "hwloc.package.%s", package->infos[i].name);
            put(c, key, "%s", package->infos[i].value);
        }

    put(c, "hwloc.core_kinds", "%zu", t->kind_count);
    for (size_t k = 0; k < t->kind_count; k++) {
        const struct core_kind_info *kind = &t->kinds[k];
        /* caches of the first core of the kind */
        const struct core_info *first = NULL;
        for (size_t i = 0; i < t->core_count && !first; i++)
            if (t->cores[i].kind == k)
                first = &t->cores[i];
        char key[64];
        snprintf(key, sizeof key, "hwloc.core_kind.%zu", k);
        put(c, key, "name=%s cores=%zu %s", kind->name, kind->core_count, kind->description);
        if (first) {
            snprintf(key, sizeof key, "hwloc.core_kind.%zu.caches", k);
            put(c, key, "l1d_bytes=%llu l2_bytes=%llu l3_bytes=%llu (core %d)",
                (unsigned long long)first->l1d_bytes, (unsigned long long)first->l2_bytes,
                (unsigned long long)first->l3_bytes, first->index);
        }
    }
    static const struct {
        hwloc_obj_type_t type;
        const char *key;
    } levels[] = {{HWLOC_OBJ_L1CACHE, "hwloc.l1_caches"},
                  {HWLOC_OBJ_L2CACHE, "hwloc.l2_caches"},
                  {HWLOC_OBJ_L3CACHE, "hwloc.l3_caches"}};
    for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++) {
        int n = hwloc_get_nbobjs_by_type(topo, levels[i].type);
        hwloc_obj_t first = hwloc_get_obj_by_type(topo, levels[i].type, 0);
        if (n > 0 && first && first->attr)
            put(c, levels[i].key, "%d x %llu bytes (%d-way, %u-byte lines)", n,
                (unsigned long long)first->attr->cache.size, first->attr->cache.associativity,
                first->attr->cache.linesize);
        else
            put(c, levels[i].key, "none reported");
    }
    put(c, "memory.physical_bytes", "%llu", (unsigned long long)t->physical_memory_bytes);
}

/* ---- the rest -------------------------------------------------------------------------- */

/* The first line of a small file; -1 when it cannot be read. */
static int read_line(const char *path, char *line, size_t size)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    int ok = fgets(line, (int)size, f) != NULL;
    fclose(f);
    if (!ok)
        return -1;
    line[strcspn(line, "\n")] = '\0';
    return 0;
}

static void put_file(struct collector *c, const char *key, const char *path)
{
    char line[256];
    if (read_line(path, line, sizeof line) == 0)
        put(c, key, "%s", line);
    else
        put(c, key, "unavailable (%s)", path);
}

static void collect_build(struct collector *c)
{
    put(c, "compiler.version", "%s", __VERSION__);
#ifdef ACTBENCH_BUILD_FLAGS
    put(c, "compiler.build_flags", "%s", ACTBENCH_BUILD_FLAGS);
#else
    put(c, "compiler.build_flags", "not recorded (ACTBENCH_BUILD_FLAGS undefined)");
#endif
#ifdef __OPTIMIZE__
    put(c, "compiler.optimize", "yes");
#else
    put(c, "compiler.optimize", "no");
#endif
    /* What the compiler may use without a target attribute: decides what
     * the scalar (libm) implementations were vectorised or contracted to. */
    static const char baseline[] = ""
#ifdef __SSE2__
                                   " sse2"
#endif
#ifdef __AVX__
                                   " avx"
#endif
#ifdef __AVX2__
                                   " avx2"
#endif
#ifdef __FMA__
                                   " fma"
#endif
#ifdef __AVX512F__
                                   " avx512f"
#endif
        ;
    put(c, "compiler.baseline_isa", "%s", baseline[0] ? baseline + 1 : "none");
#ifdef __FP_FAST_FMAF
    put(c, "compiler.fast_fmaf", "yes");
#endif
}

static void collect_system(struct collector *c, const struct machine_topology *t)
{
    struct utsname u;
    if (uname(&u) == 0) {
        put(c, "kernel.sysname", "%s", u.sysname);
        put(c, "kernel.release", "%s", u.release);
        put(c, "kernel.version", "%s", u.version);
        put(c, "kernel.machine", "%s", u.machine);
    } else {
        put(c, "kernel.error", "uname failed");
    }
    put_file(c, "kernel.perf_event_paranoid", "/proc/sys/kernel/perf_event_paranoid");
    /* other runnable work when the run started: a busy machine shows as
     * preempted repetitions and wide min-max spreads */
    put_file(c, "kernel.loadavg", "/proc/loadavg");
    put_file(c, "kernel.smt_active", "/sys/devices/system/cpu/smt/active");
    int cpu = t->core_count ? t->cores[t->core_count - 1].pu_os_index : 0;
    char path[128];
    snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu%d/cpufreq/scaling_governor", cpu);
    put_file(c, "kernel.cpufreq_governor", path);
    put_file(c, "kernel.cpufreq_boost", "/sys/devices/system/cpu/cpufreq/boost");
    put_file(c, "kernel.intel_pstate_no_turbo", "/sys/devices/system/cpu/intel_pstate/no_turbo");

    put(c, "glibc.version", "%s", gnu_get_libc_version());
    put(c, "mpfr.version", "library %s, header %s", mpfr_get_version(), MPFR_VERSION_STRING);
    put(c, "sleef.version", "%d.%d.%d (header)", SLEEF_VERSION_MAJOR, SLEEF_VERSION_MINOR,
        SLEEF_VERSION_PATCHLEVEL);

    double ns = tsc_ns_per_tick();
    put(c, "tsc.invariant", "%s", tsc_is_invariant() ? "yes" : "no");
    put(c, "tsc.ghz", "%.6f", 1.0 / ns);
}

int machine_collect(struct machine_info *info, const struct machine_topology *topology,
                    const char *clock_source, char *error, size_t error_size)
{
    memset(info, 0, sizeof *info);
    /* %f must print a '.', whatever locale the program set */
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    locale_t previous = c_locale ? uselocale(c_locale) : (locale_t)0;

    struct collector c = {info, 0};
    struct machine_topology own;
    int have_topology = 1;
    if (!topology) {
        char why[256];
        if (topology_load(&own, why, sizeof why) == 0) {
            topology = &own;
        } else {
            have_topology = 0;
            put(&c, "hwloc.error", "%s", why);
        }
    }
    struct flag flags[64]; /* cpu_feature_count() entries */
    size_t flag_count = 0;
    collect_cpuid(&c, flags, &flag_count);
    char class[128];
    put(&c, "machine.class", "%s", isa_machine_class(class, sizeof class));
    char pipes[512];
    put(&c, "floor.pipes", "%s", core_pipes_describe(pipes, sizeof pipes));
    collect_libcpuid(&c, flags, flag_count);
    if (have_topology)
        collect_hwloc(&c, topology);
    collect_build(&c);
    collect_system(&c, have_topology ? topology : &(struct machine_topology){0});
    put(&c, "clock.source", "%s", clock_source ? clock_source : "none (no speed run)");

    if (have_topology && topology == &own)
        topology_free(&own);
    if (c_locale) {
        uselocale(previous);
        freelocale(c_locale);
    }
    if (c.failed) {
        snprintf(error, error_size, "out of memory collecting the machine identity (%zu keys kept)",
                 info->count);
        return -1;
    }
    return 0;
}
