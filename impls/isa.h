/*
 * The ISA table (impls/isa.inc) and what this CPU supports, decided from
 * cpuid and xgetbv: an instruction set counts only when the CPU reports
 * its instructions and the OS saves the registers they use.
 */
#ifndef ACTBENCH_ISA_H
#define ACTBENCH_ISA_H

#include <stdbool.h>
#include <stddef.h>

struct isa_info {
    const char *name;
    int vector_bits;           /* f32 vector width; 0 for scalar */
    int vector_pipes;          /* vector operations issued per cycle (isa.inc) */
    const char *compiler_flags;
    const char *cpu_features;  /* space-separated names of cpu_feature_supported */
    const char *class_part;    /* see isa.inc */
    const char *description;
};

extern const struct isa_info isa_table[];
extern const size_t isa_count;

/* Index of the ISA called name, or -1. */
int isa_by_name(const char *name);
/* Whether this CPU and OS run every feature of the ISA. */
bool isa_supported(int isa);
/* The first feature of the ISA this CPU lacks, or NULL when it has all. */
const char *isa_missing_feature(int isa);

/*
 * The vector pipes of a core: the vector ALU operations it issues per
 * cycle at each width, the divisor of the floors (speed.csv floor_cpe;
 * README.md, "Floors").  Keyed by cpuid's vendor, family and model (the
 * display values: base family plus extended family, extended model bits
 * included), and where a family holds both, by whether the core runs
 * AVX-512F.  A count of 0 leaves that width to the ISA table's
 * vector_pipes (impls/isa.inc), the most any core issues.  Where a family
 * mixes cores (Intel's hybrid parts, AMD's Zen 5c beside Zen 5) the row
 * gives the widest of them, so that the floor stays a lower bound on every
 * core of the part.
 */
struct core_pipes {
    const char *vendor;                 /* cpuid leaf 0: "GenuineIntel", "AuthenticAMD", ... */
    unsigned family;                    /* display family */
    unsigned model_first, model_last;   /* display models, inclusive */
    int avx512;                         /* 1: with AVX-512F only, 0: without only, -1: either */
    int pipes_scalar, pipes_256, pipes_512; /* scalar and 128-bit, 256-bit, 512-bit; 0: isa.inc's */
    const char *cores;                  /* which cores the row describes */
    const char *ports;                  /* which pipes it counts */
};

/* The row of the core table for a core, or NULL when the table does not
 * know it (then the floors divide by the ISA table's vector_pipes). */
const struct core_pipes *core_pipes_lookup(const char *vendor, unsigned family, unsigned model,
                                           int avx512f);
/* This CPU's vendor (13 bytes with the NUL), display family and model. */
void cpu_identity(char vendor[13], unsigned *family, unsigned *model);
/* The row of this CPU (read once), or NULL. */
const struct core_pipes *core_pipes_this_cpu(void);
/* The pipes of the core at the ISA's vector width: the core row's count,
 * or the ISA table's vector_pipes when core is NULL or the row gives 0;
 * 0 for an index outside the ISA table. */
int core_pipes_for_isa(const struct core_pipes *core, int isa);
/*
 * What divides this CPU's floors, for machine.csv floor.pipes: the pipes
 * of the scalar, avx2 and avx512 widths and where they come from, e.g.
 * "scalar 3, avx2 3, avx512 2 (GenuineIntel family 6 model 0xcf: ...)".
 */
const char *core_pipes_describe(char *buf, size_t size);

/*
 * A CPU feature by name ("avx2", "avx512bf16", ...): 1 when the CPU
 * reports it and the OS saves its registers, 0 when not, -1 for a name
 * this table does not know.
 */
int cpu_feature_supported(const char *name);
/* The names cpu_feature_supported knows, in order: name_at(i) for i < count. */
size_t cpu_feature_count(void);
const char *cpu_feature_name(size_t i);

/*
 * The machine class baselines are kept for (tests/baselines/<class>.csv):
 * which ISAs run decides which rows are measured, and glibc picks its libm
 * and libmvec code by the same features.  Built from the class parts of
 * the supported rows of the ISA table, e.g. "x86_64-avx512-bf16".
 */
const char *isa_machine_class(char *buf, size_t size);

#endif
