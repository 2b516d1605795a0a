/*
 * The accurate f32 softmax and log_softmax kernels' gradients on
 * near-uniform rows (every ISA this CPU runs), against the MPFR reference: rows of consecutive
 * floats around 2^-79, 2^-40, 2^-20, 1 and 100 (spreads from 2^-98 to
 * 2^-13), and one dy_i the exact mean of the row's dy, so that dy_i -
 * <dy, y> (softmax) or dy_i - y_i sum dy (log_softmax, y its softmax) is
 * only the rows' spread at work: the float-sized terms of the
 * usual form cancel exactly and its 2^-50 errors were all that was left
 * (a gradient of 2^-107 given as 0).  Rows of 16 (the blocks) and of 24
 * and 5 (the row path); every result within the kernel's declared
 * gradient bound.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/catalog.h"
#include "../impls/isa.h"
#include "../impls/registry.h"
#include "check.h"

static uint64_t state = 0x243f6a8885a308d3ull;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

enum { MAX_LENGTH = 24, ROWS = 64 };

/* a row of consecutive floats from base (shuffled), dy in multiples of
 * 2^-23 in (-1, 1) with dy_i = the mean of the row's dy */
static void make_row(float *x, float *dy, size_t k, float base)
{
    float v = base;
    for (size_t j = 0; j < k; j++) {
        x[j] = v;
        v = nextafterf(v, INFINITY);
    }
    for (size_t j = k - 1; j > 0; j--) {
        size_t r = next() % (j + 1);
        float t = x[j];
        x[j] = x[r];
        x[r] = t;
    }
    const size_t i = next() % k, fix = (i + 1) % k;
    long units[MAX_LENGTH], sum = 0;
    for (size_t j = 0; j < k; j++) {
        units[j] = j == i ? 0 : (long)(next() % (1u << 22)) - (1l << 21);
        sum += units[j];
    }
    /* k dy_i = sum dy: dy_i = sum_{j != i} dy_j / (k - 1), made exact */
    const long rest = sum % (long)(k - 1);
    units[fix] -= rest;
    units[i] = (sum - rest) / (long)(k - 1);
    for (size_t j = 0; j < k; j++)
        dy[j] = (float)ldexp((double)units[j], -22);
}

int main(void)
{
    static const float bases[] = {0x1.fd1baep-79f, 0x1p-40f, -0x1.8p-20f, 1.0f, -100.0f};
    static const size_t lengths[] = {16, 24, 5};
    static float x[ROWS * MAX_LENGTH], y[ROWS * MAX_LENGTH], dy[ROWS * MAX_LENGTH], dx[ROWS * MAX_LENGTH];
    static struct ref_point want[ROWS * MAX_LENGTH];
    for (size_t b = 0; b < builtin_kernel_count; b++) {
        const struct builtin_kernel *bk = &builtin_kernels[b];
        const struct actbench_kernel *k = bk->kernel;
        if (!k || bk->tier != TIER_ACCURATE || k->type != ACTBENCH_F32 ||
            (strcmp(k->activation, "softmax") != 0 && strcmp(k->activation, "log_softmax") != 0))
            continue;
        const enum activation_id act = activation_by_name(k->activation);
        const struct activation_info *info = &activation_catalog[act];
        const int isa = isa_by_name(k->isa);
        if (isa < 0 || !isa_supported(isa)) {
            printf("skip: %s (this CPU lacks %s)\n", k->name, k->isa);
            continue;
        }
        const double bound = k->bounds[ACTBENCH_F32].gradient_ulp;
        double worst = 0.0;
        size_t entries = 0, over = 0, zeros = 0;
        for (size_t l = 0; l < sizeof lengths / sizeof lengths[0]; l++)
            for (size_t c = 0; c < sizeof bases / sizeof bases[0]; c++) {
                const size_t length = lengths[l], n = ROWS * length;
                struct actbench_params params;
                act_params_default(act, &params);
                params.row_length = length;
                for (size_t r = 0; r < ROWS; r++)
                    make_row(x + r * length, dy + r * length, length, bases[c]);
                k->forward.f32(x, y, n, &params);
                k->gradient.f32(x, y, dy, dx, NULL, n, &params);
                info->reference(&(struct ref_request){.params = &params, .format = FMT_F32, .x = x, .dy = dy,
                                                      .n = n, .gradient = want});
                for (size_t e = 0; e < n; e++) {
                    const double err = fabs(ulp_error(&want[e], dx[e]));
                    zeros += dx[e] == 0.0f && want[e].rounded != 0.0f;
                    if (!(err <= bound) && over++ < 3)
                        printf("%s: length %zu, x %a, dy %a: got %a, want %a (%.4g ulp)\n", k->name, length,
                               (double)x[e], (double)dy[e], (double)dx[e], (double)want[e].rounded, err);
                    if (err > worst)
                        worst = err;
                }
                entries += n;
            }
        check(over == 0, "%s: %zu near-uniform gradients, max %.4f ulp (bound %.4g), %zu over, %zu lost to 0",
              k->name, entries, worst, bound, over, zeros);
    }
    return check_summary("softmax and log_softmax uniform gradients");
}
