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
