/*
 * The 16-bit layer (impls/simd/bf16-*.h, f16-*.h) bit for bit, for every
 * ISA and format built here that this CPU runs: tests/h16_layer_check.c,
 * compiled once per (ISA, format) with the ISA's flags, says what is
 * checked.  meson passes -D H16_CHECK_HAVE_<ISA> for the ISAs it built.
 */
#include <stdio.h>

#include "../impls/isa.h"

struct layer_check {
    const char *isa, *format;
    int (*run)(long *checked);
};

int h16_layer_check_bf16_scalar(long *checked);
int h16_layer_check_f16_scalar(long *checked);
#ifdef H16_CHECK_HAVE_AVX2
int h16_layer_check_bf16_avx2(long *checked);
int h16_layer_check_f16_avx2(long *checked);
#endif
#ifdef H16_CHECK_HAVE_AVX512F
int h16_layer_check_bf16_avx512f(long *checked);
int h16_layer_check_f16_avx512f(long *checked);
#endif
#ifdef H16_CHECK_HAVE_AVX512BF16
int h16_layer_check_bf16_avx512bf16(long *checked);
#endif
#ifdef H16_CHECK_HAVE_AVX512FP16
int h16_layer_check_f16_avx512fp16(long *checked);
#endif

static const struct layer_check checks[] = {
    {"scalar", "bf16", h16_layer_check_bf16_scalar},
    {"scalar", "f16", h16_layer_check_f16_scalar},
#ifdef H16_CHECK_HAVE_AVX2
    {"avx2", "bf16", h16_layer_check_bf16_avx2},
    {"avx2", "f16", h16_layer_check_f16_avx2},
#endif
#ifdef H16_CHECK_HAVE_AVX512F
    {"avx512f", "bf16", h16_layer_check_bf16_avx512f},
    {"avx512f", "f16", h16_layer_check_f16_avx512f},
#endif
#ifdef H16_CHECK_HAVE_AVX512BF16
    {"avx512bf16", "bf16", h16_layer_check_bf16_avx512bf16},
#endif
#ifdef H16_CHECK_HAVE_AVX512FP16
    {"avx512fp16", "f16", h16_layer_check_f16_avx512fp16},
#endif
};

int main(void)
{
    int failed = 0;
    for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
        const struct layer_check *c = &checks[i];
        int isa = isa_by_name(c->isa);
        if (isa < 0 || !isa_supported(isa)) {
            printf("%-10s %-4s skipped: this CPU lacks the ISA\n", c->isa, c->format);
            continue;
        }
        long checked = 0;
        int failures = c->run(&checked);
        printf("%-10s %-4s %ld conversions checked, %d failures\n", c->isa, c->format, checked, failures);
        failed += failures != 0;
    }
    return failed ? 1 : 0;
}
