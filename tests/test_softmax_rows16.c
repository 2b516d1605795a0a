/*
 * The own softmax and log_softmax kernels (f32, every ISA this CPU runs)
 * give the same bits whether rows of 16 are written apart from their
 * inputs or over them.  Apart, the AVX2 kernels run rows of 16 through
 * their pipelined memory-order forms (impls/math/softmax_wide_staged.h,
 * log_softmax_wide_staged.h and the fast tier's staged blocks), in place
 * through the transposed blocks and the row path; a row's sum taken in
 * another order may change a result only where the exact value lies
 * within 2^-25 ulp of a rounding boundary, so the outputs are compared
 * bit for bit on random rows: whole blocks and a tail of rows, entries of
 * several scales, with NaN, +-inf and huge entries.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../impls/isa.h"
#include "../impls/registry.h"
#include "check.h"

static uint64_t state = 0x2545f4914f6cdd1dull;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static float entry(double scale)
{
    switch (next() % 2000) {
    case 0: return -INFINITY;
    case 1: return NAN;
    case 2: return INFINITY;
    case 3: return 0x1p127f;
    default: return (float)(((double)(next() >> 11) * 0x1p-53 * 2.0 - 1.0) * scale);
    }
}

static bool own(const struct builtin_kernel *b)
{
    return (b->method == METHOD_POLY || b->method == METHOD_TABLE) && b->kernel->type == ACTBENCH_F32 &&
           (strcmp(b->kernel->activation, "softmax") == 0 || strcmp(b->kernel->activation, "log_softmax") == 0);
}

int main(void)
{
    static const double scales[] = {1.0, 10.0, 100.0, 3000.0};
    struct actbench_params params;
    memset(&params, 0, sizeof params);
    params.row_length = 16;
    for (size_t i = 0; i < builtin_kernel_count; i++) {
        const struct builtin_kernel *b = &builtin_kernels[i];
        if (!b->kernel || !own(b))
            continue;
        const struct actbench_kernel *k = b->kernel;
        int isa = isa_by_name(k->isa);
        if (isa < 0 || !isa_supported(isa)) {
            printf("skip: %s (this CPU lacks %s)\n", k->name, k->isa);
            continue;
        }
        size_t differ = 0, entries = 0;
        float first_x = 0, first_apart = 0, first_in_place = 0;
        for (int trial = 0; trial < 200; trial++) {
            const size_t rows = 16 + next() % 100, n = rows * 16;
            float *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y), *z = malloc(n * sizeof *z);
            if (!x || !y || !z) {
                check(false, "%s: memory for %zu entries", k->name, n);
                return check_summary("softmax rows of 16");
            }
            for (size_t j = 0; j < n; j++)
                x[j] = entry(scales[trial % 4]);
            memcpy(z, x, n * sizeof *z);
            k->forward.f32(x, y, n, &params);
            k->forward.f32(z, z, n, &params);
            for (size_t j = 0; j < n; j++) {
                uint32_t a, c;
                memcpy(&a, &y[j], sizeof a);
                memcpy(&c, &z[j], sizeof c);
                if (a != c && !(isnan(y[j]) && isnan(z[j])) && differ++ == 0) {
                    first_x = x[j];
                    first_apart = y[j];
                    first_in_place = z[j];
                }
            }
            entries += n;
            free(x);
            free(y);
            free(z);
        }
        if (differ)
            check(false, "%s: %zu of %zu entries differ apart and in place (first at x = %a: %a, %a)", k->name,
                  differ, entries, first_x, first_apart, first_in_place);
        else
            check(true, "%s: %zu entries, the same bits apart and in place", k->name, entries);
    }
    return check_summary("softmax rows of 16");
}
