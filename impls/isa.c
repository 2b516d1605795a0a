/* The ISA table and the CPU's features from cpuid and xgetbv; see isa.h. */
#include "isa.h"

#include <cpuid.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

const struct isa_info isa_table[] = {
#define ISA(nm, bits, pipes, flags, features, class, desc) \
    {.name = #nm, .vector_bits = bits, .vector_pipes = pipes, .compiler_flags = flags, \
     .cpu_features = features, .class_part = class, .description = desc},
#include "isa.inc"
#undef ISA
};

const size_t isa_count = sizeof isa_table / sizeof isa_table[0];

/* Registers whose state the OS must save (XCR0 bits) for a feature. */
enum os_state {
    STATE_NONE = 0,
    STATE_AVX = 0x6,     /* XMM and YMM */
    STATE_AVX512 = 0xe6, /* XMM, YMM, opmask, ZMM_Hi256, Hi16_ZMM */
};

enum cpuid_register { EAX, EBX, ECX, EDX };

struct cpu_feature {
    const char *name;
    unsigned leaf, subleaf;
    enum cpuid_register reg;
    unsigned bit;
    enum os_state state;
};

/* Intel SDM vol. 2A, CPUID: leaf 1 and leaf 7 (subleaves 0 and 1). */
static const struct cpu_feature cpu_features[] = {
    {"sse2", 1, 0, EDX, 26, STATE_NONE},
    {"sse3", 1, 0, ECX, 0, STATE_NONE},
    {"ssse3", 1, 0, ECX, 9, STATE_NONE},
    {"sse4.1", 1, 0, ECX, 19, STATE_NONE},
    {"sse4.2", 1, 0, ECX, 20, STATE_NONE},
    {"avx", 1, 0, ECX, 28, STATE_AVX},
    {"fma", 1, 0, ECX, 12, STATE_AVX},
    {"f16c", 1, 0, ECX, 29, STATE_AVX},
    {"avx2", 7, 0, EBX, 5, STATE_AVX},
    {"avx512f", 7, 0, EBX, 16, STATE_AVX512},
    {"avx512dq", 7, 0, EBX, 17, STATE_AVX512},
    {"avx512cd", 7, 0, EBX, 28, STATE_AVX512},
    {"avx512bw", 7, 0, EBX, 30, STATE_AVX512},
    {"avx512vl", 7, 0, EBX, 31, STATE_AVX512},
    {"avx512vbmi", 7, 0, ECX, 1, STATE_AVX512},
    {"avx512vnni", 7, 0, ECX, 11, STATE_AVX512},
    {"avx512fp16", 7, 0, EDX, 23, STATE_AVX512},
    {"avx_vnni", 7, 1, EAX, 4, STATE_AVX},
    {"avx512bf16", 7, 1, EAX, 5, STATE_AVX512},
};

#define CPU_FEATURE_COUNT (sizeof cpu_features / sizeof cpu_features[0])

size_t cpu_feature_count(void)
{
    return CPU_FEATURE_COUNT;
}

const char *cpu_feature_name(size_t i)
{
    return i < CPU_FEATURE_COUNT ? cpu_features[i].name : NULL;
}

/* XCR0, or 0 when the OS has not enabled XSAVE (OSXSAVE, leaf 1 ECX bit 27). */
static uint64_t os_saved_state(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !((c >> 27) & 1u))
        return 0;
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (uint64_t)hi << 32 | lo;
}

static bool feature_present(const struct cpu_feature *f)
{
    unsigned regs[4];
    if (!__get_cpuid_count(f->leaf, f->subleaf, &regs[EAX], &regs[EBX], &regs[ECX], &regs[EDX]))
        return false;
    if (!((regs[f->reg] >> f->bit) & 1u))
        return false;
    return (os_saved_state() & f->state) == (uint64_t)f->state;
}

/* cpuid traps to the hypervisor on a virtual machine (microseconds each):
 * the features are read once per process. */
static bool feature_cache[CPU_FEATURE_COUNT];
static pthread_once_t feature_cache_once = PTHREAD_ONCE_INIT;

static void feature_cache_fill(void)
{
    for (size_t i = 0; i < CPU_FEATURE_COUNT; i++)
        feature_cache[i] = feature_present(&cpu_features[i]);
}

int cpu_feature_supported(const char *name)
{
    pthread_once(&feature_cache_once, feature_cache_fill);
    for (size_t i = 0; i < CPU_FEATURE_COUNT; i++)
        if (strcmp(cpu_features[i].name, name) == 0)
            return feature_cache[i];
    return -1;
}

int isa_by_name(const char *name)
{
    for (size_t i = 0; i < isa_count; i++)
        if (strcmp(isa_table[i].name, name) == 0)
            return (int)i;
    return -1;
}

const char *isa_missing_feature(int isa)
{
    if (isa < 0 || (size_t)isa >= isa_count)
        return "an ISA of the table";
    const char *p = isa_table[isa].cpu_features;
    while (*p) {
        size_t len = strcspn(p, " ");
        size_t i = 0;
        while (i < CPU_FEATURE_COUNT &&
               !(strlen(cpu_features[i].name) == len && strncmp(cpu_features[i].name, p, len) == 0))
            i++;
        if (len > 0 && i == CPU_FEATURE_COUNT)
            return "a feature impls/isa.c does not know";
        if (len > 0 && cpu_feature_supported(cpu_features[i].name) != 1)
            return cpu_features[i].name;
        p += len;
        p += strspn(p, " ");
    }
    return NULL;
}

bool isa_supported(int isa)
{
    return isa_missing_feature(isa) == NULL;
}

const char *isa_machine_class(char *buf, size_t size)
{
    char level[64] = "", extensions[128] = "";
    for (size_t i = 0; i < isa_count; i++) {
        if (!isa_supported((int)i) || !isa_table[i].class_part[0])
            continue;
        if (strncmp(isa_table[i].class_part, "-avx", 4) == 0) {
            snprintf(level, sizeof level, "%s", isa_table[i].class_part);
            extensions[0] = '\0';
        } else {
            size_t used = strlen(extensions);
            snprintf(extensions + used, sizeof extensions - used, "%s", isa_table[i].class_part);
        }
    }
    snprintf(buf, size, "x86_64%s%s", level, extensions);
    return buf;
}

/*
 * The core table: the vector ALU operations a core issues per cycle at each
 * width (scalar SSE and 128-bit, 256-bit, 512-bit).  The first matching
 * row wins.  Sources: Intel's and AMD's optimization manuals (execution
 * ports and pipes), uops.info's port assignments and Agner Fog's
 * microarchitecture guide.  Families and models not listed (other vendors,
 * Intel's families after 6, AMD's before 0x17) keep the ISA table's
 * vector_pipes.
 */
static const struct core_pipes core_table[] = {
    /* Lion Cove and Cougar Cove issue vector operations to four ports (V0
     * to V3), Skymont and Darkmont to four 128-bit ones: the ISA table's
     * count, given here so that these models do not take the row below. */
    {"GenuineIntel", 6, 0xbd, 0xbd, -1, 4, 4, 0, "Intel Lunar Lake (Lion Cove, Skymont)",
     "four vector ports V0 to V3"},
    {"GenuineIntel", 6, 0xc5, 0xc6, -1, 4, 4, 0, "Intel Arrow Lake (Lion Cove, Skymont)",
     "four vector ports V0 to V3"},
    {"GenuineIntel", 6, 0xcc, 0xcc, -1, 4, 4, 0, "Intel Panther Lake (Cougar Cove, Darkmont)",
     "four vector ports V0 to V3"},
    {"GenuineIntel", 6, 0xdd, 0xdd, -1, 4, 4, 0, "Intel Clearwater Forest (Darkmont)",
     "four 128-bit vector ports"},
    /* Sandy Bridge to Raptor Cove, Redwood Cove (Granite Rapids) and the
     * Xeon Phi and Atom cores of family 6: vector operations go to ports 0,
     * 1 and 5; a 512-bit one to ports 0 and 1 fused into one pipe or to
     * port 5.  The Atom cores (Gracemont, Crestmont: three 128-bit ports,
     * a 256-bit operation in two halves) and Knights Landing (two 512-bit
     * pipes) issue no more, so the row bounds them too. */
    {"GenuineIntel", 6, 0x00, 0xff, -1, 3, 3, 2, "Intel family 6 (Sandy Bridge to Raptor Cove and Redwood Cove)",
     "ports 0, 1, 5; 512-bit: ports 0+1 fused and 5"},
    /* Zen and Zen+ (and Hygon's Dhyana): four 128-bit pipes, a 256-bit
     * operation in two halves. */
    {"AuthenticAMD", 0x17, 0x00, 0x2f, -1, 4, 2, 0, "AMD Zen, Zen+ (family 0x17 models 0x00-0x2f)",
     "FP0-FP3 at 128 bits; 256-bit: two halves"},
    {"HygonGenuine", 0x18, 0x00, 0xff, -1, 4, 2, 0, "Hygon Dhyana (Zen)",
     "FP0-FP3 at 128 bits; 256-bit: two halves"},
    {"AuthenticAMD", 0x17, 0x30, 0xff, -1, 4, 4, 0, "AMD Zen 2 (family 0x17 models 0x30-0xff)",
     "FP0-FP3 at 256 bits"},
    /* Zen 4 is the family's only core with AVX-512: four 256-bit pipes, a
     * 512-bit operation in two halves on one of them. */
    {"AuthenticAMD", 0x19, 0x00, 0xff, 1, 4, 4, 2, "AMD Zen 4 (family 0x19 with AVX-512F)",
     "FP0-FP3 at 256 bits; 512-bit: two halves"},
    {"AuthenticAMD", 0x19, 0x00, 0xff, 0, 4, 4, 0, "AMD Zen 3 (family 0x19 without AVX-512F)",
     "FP0-FP3 at 256 bits"},
    /* Zen 5 in Strix Point (models 0x20-0x2f) and Krackan Point (0x60-0x6f)
     * keeps 256-bit datapaths; Granite Ridge, Turin and Strix Halo have four
     * full 512-bit pipes. */
    {"AuthenticAMD", 0x1a, 0x20, 0x2f, -1, 4, 4, 2, "AMD Zen 5 laptop (Strix Point)",
     "FP0-FP3 at 256 bits; 512-bit: two halves"},
    {"AuthenticAMD", 0x1a, 0x60, 0x6f, -1, 4, 4, 2, "AMD Zen 5 laptop (Krackan Point)",
     "FP0-FP3 at 256 bits; 512-bit: two halves"},
    {"AuthenticAMD", 0x1a, 0x00, 0xff, -1, 4, 4, 4, "AMD Zen 5 desktop and server (family 0x1a)",
     "FP0-FP3 at 512 bits"},
};

const struct core_pipes *core_pipes_lookup(const char *vendor, unsigned family, unsigned model,
                                           int avx512f)
{
    for (size_t i = 0; i < sizeof core_table / sizeof core_table[0]; i++) {
        const struct core_pipes *row = &core_table[i];
        if (strcmp(row->vendor, vendor) == 0 && row->family == family &&
            model >= row->model_first && model <= row->model_last &&
            (row->avx512 < 0 || row->avx512 == (avx512f != 0)))
            return row;
    }
    return NULL;
}

/* Intel SDM vol. 2A, CPUID leaf 1 EAX: the display family adds the
 * extended family to base family 0xf; the display model takes the extended
 * model bits for families 6 and 0xf. */
void cpu_identity(char vendor[13], unsigned *family, unsigned *model)
{
    unsigned a = 0, b = 0, c = 0, d = 0;
    memset(vendor, 0, 13);
    if (__get_cpuid(0, &a, &b, &c, &d)) {
        memcpy(vendor, &b, 4);
        memcpy(vendor + 4, &d, 4);
        memcpy(vendor + 8, &c, 4);
    }
    *family = *model = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return;
    unsigned base_family = (a >> 8) & 0xfu, base_model = (a >> 4) & 0xfu;
    *family = base_family == 0xfu ? base_family + ((a >> 20) & 0xffu) : base_family;
    *model = base_family == 6u || base_family == 0xfu ? ((a >> 12) & 0xf0u) | base_model
                                                        : base_model;
}

static const struct core_pipes *this_core;
static char this_vendor[13];
static unsigned this_family, this_model;
static pthread_once_t this_core_once = PTHREAD_ONCE_INIT;

static void this_core_fill(void)
{
    cpu_identity(this_vendor, &this_family, &this_model);
    this_core = core_pipes_lookup(this_vendor, this_family, this_model,
                                  cpu_feature_supported("avx512f") == 1);
}

const struct core_pipes *core_pipes_this_cpu(void)
{
    pthread_once(&this_core_once, this_core_fill);
    return this_core;
}

int core_pipes_for_isa(const struct core_pipes *core, int isa)
{
    if (isa < 0 || (size_t)isa >= isa_count)
        return 0;
    int pipes = 0;
    if (core) {
        int bits = isa_table[isa].vector_bits;
        pipes = bits > 256 ? core->pipes_512 : bits > 128 ? core->pipes_256 : core->pipes_scalar;
    }
    return pipes > 0 ? pipes : isa_table[isa].vector_pipes;
}

const char *core_pipes_describe(char *buf, size_t size)
{
    const struct core_pipes *core = core_pipes_this_cpu();
    static const char *const widths[] = {"scalar", "avx2", "avx512f"};
    static const char *const labels[] = {"scalar", "avx2", "avx512"};
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof widths / sizeof widths[0] && used < size; i++) {
        int isa = isa_by_name(widths[i]);
        if (isa >= 0)
            used += (size_t)snprintf(buf + used, size - used, "%s%s %d", used ? ", " : "", labels[i],
                                     core_pipes_for_isa(core, isa));
    }
    if (used < size) {
        if (core)
            snprintf(buf + used, size - used, " (%s family 0x%x model 0x%x: %s; %s)", this_vendor,
                     this_family, this_model, core->cores, core->ports);
        else
            snprintf(buf + used, size - used,
                     " (%s family 0x%x model 0x%x is not in impls/isa.c's core table: impls/isa.inc's "
                     "vector_pipes, the most any core issues, so the floors are lower bounds)",
                     this_vendor[0] ? this_vendor : "unknown vendor", this_family, this_model);
    }
    return buf;
}
