/*
 * The operation table of the built-in kernels (impls/kernel_ops.h,
 * generated at build time by scripts/kernel-ops.py from the compiled
 * kernels).  Every built kernel has an entry; a loop with a floor
 * processes what its descriptor says (a SIMD kernel: its unroll; a scalar
 * kernel: a multiple of it, since the compiler may vectorise its loop);
 * the peers' loops that only compose a derivative from y have the
 * operations their source writes (tanh: 1 - y*y, times dy; sigmoid:
 * y*(1 - y), times dy), and the loops around a library call have no
 * floor.  Prints the table.  Exits 77 when the build had no objdump.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../impls/isa.h"
#include "../impls/kernel_ops.h"
#include "../impls/registry.h"

#include "check.h"

static void print_loop(const char *part, const struct kernel_loop_ops *loop)
{
    if (loop->no_floor[0])
        printf("  %-8s no floor: %s\n", part, loop->no_floor);
    else
        printf("  %-8s %u operations / %u elements = %.4g per element%s\n", part, loop->ops,
               loop->elements, kernel_loop_ops_per_element(loop), loop->gathers ? " (+gathers)" : "");
}

/* A loop's figures, or its reason for no floor, as expected. */
static void expect(const char *name, int gradient, unsigned ops, unsigned elements,
                   const char *reason_start)
{
    const struct kernel_ops *k = kernel_ops_find(name);
    char what[160], detail[256];
    snprintf(what, sizeof what, "%s %s: %s", name, gradient ? "gradient" : "forward",
             reason_start ? reason_start : "counted");
    if (!k) {
        /* its ISA was not built */
        int isa = isa_by_name(strrchr(name, '_') + 1);
        check_detail(isa >= 0, what, "not in the table (ISA not built)");
        return;
    }
    const struct kernel_loop_ops *loop = gradient ? &k->gradient : &k->forward;
    snprintf(detail, sizeof detail, "%u operations / %u elements, '%s'", loop->ops, loop->elements,
             loop->no_floor);
    if (reason_start)
        check_detail(strncmp(loop->no_floor, reason_start, strlen(reason_start)) == 0 &&
                         isnan(kernel_loop_ops_per_element(loop)),
                     what, detail);
    else
        check_detail(loop->no_floor[0] == '\0' && loop->ops == ops && loop->elements == elements,
                     what, detail);
}

int main(void)
{
#if defined(__SANITIZE_ADDRESS__)
    /* the table counts the instructions of the kernels' loops: built with
     * the sanitizers, they are instrumented and the counts mean nothing */
    printf("skipped: kernels built with AddressSanitizer (scripts/test --sanitize)\n");
    return 77;
#endif
    if (kernel_ops_count > 0 && strncmp(kernel_ops_table[0].forward.no_floor, "not counted: objdump",
                                        20) == 0) {
        printf("skipped: %s\n", kernel_ops_table[0].forward.no_floor);
        return 77;
    }

    size_t built = 0, floors = 0;
    for (size_t i = 0; i < builtin_kernel_count; i++) {
        const struct actbench_kernel *d = builtin_kernels[i].kernel;
        if (!d)
            continue;
        built++;
        const struct kernel_ops *k = kernel_ops_find(d->name);
        char what[160];
        snprintf(what, sizeof what, "%s has an entry", d->name);
        check_detail(k != NULL, what, "");
        if (!k)
            continue;
        printf("%s (%s, unroll %u)\n", d->name, d->isa, d->unroll);
        print_loop("forward", &k->forward);
        if (d->gradient.f32)
            print_loop("gradient", &k->gradient);
        const struct kernel_loop_ops *loops[] = {&k->forward, d->gradient.f32 ? &k->gradient : NULL};
        for (size_t j = 0; j < 2; j++) {
            if (!loops[j] || loops[j]->no_floor[0])
                continue;
            floors++;
            int scalar = strcmp(d->isa, "scalar") == 0;
            /* a scalar loop the compiler vectorised processes whole
             * vectors of 4 (SSE) or 8 (the AVX encoding of a scalar
             * kernel's FMA clone) elements, which may divide the unroll
             * (a row-gradient loop of a kernel working in blocks of 16) */
            const unsigned e = loops[j]->elements;
            int fits = loops[j]->ops > 0 &&
                       (scalar ? e > 0 && (e % d->unroll == 0 || (e % 4 == 0 && d->unroll % e == 0))
                               : e == d->unroll);
            char detail[160];
            snprintf(detail, sizeof detail, "%u operations / %u elements, unroll %u",
                     loops[j]->ops, loops[j]->elements, d->unroll);
            snprintf(what, sizeof what, "%s %s: its main loop processes %s", d->name,
                     j ? "gradient" : "forward",
                     scalar ? "a multiple of its unroll or whole compiler vectors" : "its unroll");
            check_detail(fits, what, detail);
        }
    }
    printf("%zu built kernels, %zu loops with a floor\n", built, floors);
    check_detail(kernel_ops_count == built, "one entry per built kernel", "");

    /* the peers' derivatives from y: a vector FNMADD (or a subtraction and
     * a multiplication) and the multiplication by dy */
    expect("tanh_f32_sleef_u10_avx2", 1, 2, 8, NULL);
    expect("tanh_f32_libmvec_avx512f", 1, 2, 16, NULL);
    expect("sigmoid_f32_sleef_u10_avx2", 1, 3, 8, NULL);
    expect("sigmoid_f32_libmvec_avx512f", 1, 3, 16, NULL);
    /* a library call per vector or element */
    expect("tanh_f32_sleef_u10_avx2", 0, 0, 0, "main loop calls Sleef_tanhf8_u10avx2");
    expect("tanh_f32_libmvec_avx512f", 0, 0, 0, "main loop calls _ZGVeN16v_tanhf");
    expect("tanh_f32_libm_scalar", 0, 0, 0, "main loop calls tanhf");
    /* softmax's gradient: two passes per row */
    expect("softmax_f32_sleef_u10_avx2", 1, 0, 0, "main loop runs inside another loop");
    return check_summary("test_kernel_ops");
}
