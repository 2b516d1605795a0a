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
