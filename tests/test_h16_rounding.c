/*
 * Every built-in 16-bit kernel (bf16, f16) of an elementwise activation
 * that declares a value bound of at most 0.5 ulp, i.e. promises correct
 * rounding, is checked bit for bit against the MPFR reference's correctly
 * rounded value on all 65536 encodings: the same encoding (the sign of a
 * zero included), or a NaN where the value is NaN.  The accuracy rows
 * measure the same inputs in ulps, but an error is held in a double there:
 * silu(x) = x/2 + x^2/4 at a subnormal bf16 x scores exactly 0.5 ulp
 * whichever way it is rounded, and only the bits tell.  Kernels whose ISA
 * this CPU lacks are reported as skipped; the test exits 77 when none runs.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/implementations.h"
#include "../impls/isa.h"
#include "../reference/reference.h"

static int is_nan_encoding(enum number_format fmt, uint16_t h)
{
    return fmt == FMT_BF16 ? (h & 0x7fffu) > 0x7f80u : (h & 0x7fffu) > 0x7c00u;
}

int main(void)
{
    struct implementation_set set;
    char error[1024];
    if (implementations_load(&set, NULL, 0, error, sizeof error) != 0) {
        printf("FAIL registry: %s\n", error);
        return 1;
    }
    static uint16_t x[65536], y[65536];
    static float xf[65536];
    static struct ref_point want[65536];
    for (uint32_t i = 0; i < 65536; i++)
        x[i] = (uint16_t)i;
    int failures = 0, ran = 0;
    /* the reference of the last (activation, format), reused while the
     * registry lists that pair's kernels in a row */
    enum activation_id last_act = ACT_COUNT;
    enum number_format last_fmt = FMT_F32;
    for (size_t k = 0; k < set.count; k++) {
        const struct implementation *im = &set.items[k];
        struct actbench_params p;
        act_params_default(im->activation, &p);
        /* a peer's bound is a finding, not a contract (XNNPACK's f16 clamp
         * declares its test's exactness, and its NaN is a finding) */
        if (im->library || !impl_bound_is_contract(im) || im->type == FMT_F32 ||
            im->value_bound[im->type] > 0.5 ||
            activation_input_multiple(im->activation, &p) != 1)
            continue;
        if (!impl_runs_here(im)) {
            printf("%-34s skipped: ISA %s not supported by this CPU\n", im->name, isa_table[im->isa].name);
            continue;
        }
        enum number_format fmt = im->type;
        if (im->activation != last_act || fmt != last_fmt) {
            for (uint32_t i = 0; i < 65536; i++)
                xf[i] = format_decode16(fmt, (uint16_t)i);
            activation_catalog[im->activation].reference(
                &(struct ref_request){.params = &p, .format = fmt, .x = xf, .n = 65536, .value = want});
            last_act = im->activation;
            last_fmt = fmt;
        }
        im->kernel->forward.u16(x, y, 65536, &p);
        int wrong = 0;
        for (uint32_t i = 0; i < 65536; i++) {
            bool ok = isnan(want[i].rounded) ? is_nan_encoding(fmt, y[i])
                                             : y[i] == format_encode16(fmt, want[i].rounded);
            if (!ok && wrong++ < 4)
                printf("FAIL %s: x = %a: got 0x%04x (%a), want 0x%04x (%a)\n", im->name, (double)xf[i], y[i],
                       (double)format_decode16(fmt, y[i]), format_encode16(fmt, want[i].rounded),
                       (double)want[i].rounded);
        }
        printf("%-34s %d of 65536 encodings not correctly rounded\n", im->name, wrong);
        failures += wrong != 0;
        ran++;
    }
    implementations_free(&set);
    printf("%d kernels checked, %d failed\n", ran, failures);
    return failures ? 1 : ran ? 0 : 77;
}
