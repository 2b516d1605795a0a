/*
 * The own softmax and log_softmax kernels (f32, every ISA this CPU runs)
 * give a row of 16 the same bits wherever it lies in the call, as the
 * kernel contract says (results never depend on n, on an element's
 * position or on the other rows): the whole call apart from its inputs,
 * the same call in place, each row alone, and the call split in two at a
 * row boundary, for the value and the gradient.  The paths differ inside
 * the kernels -- the transposed blocks, groups of rows, a row alone at the
 * end of a call or beside a row that needs the exact path, and on AVX2 the
 * pipelined memory-order forward, used apart but not in place -- and a
 * row's sum taken in another order changes a result only where the exact
 * value lies within about 2^-25 ulp of a rounding boundary, or where
 * dy_i - <dy, p> cancels: so besides random rows (entries of several
 * scales, with NaN, +-inf and huge entries) the test takes rows where
 * log_softmax's gradient at the largest entry cancels, and places rows
 * where sums in different orders were seen to give different outputs
 * (found by searching 10^8 random rows) at the start, the middle and the
 * end of a block.
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

static float uniform(double scale)
{
    return (float)(((double)(next() >> 11) * 0x1p-53 * 2.0 - 1.0) * scale);
}

static float entry(double scale)
{
    switch (next() % 2000) {
    case 0: return -INFINITY;
    case 1: return NAN;
    case 2: return INFINITY;
    case 3: return 0x1p127f;
    default: return uniform(scale);
    }
}

/* Rows whose outputs depended on the path: the first four the value (the
 * AVX2 pipelined forward against the blocks, in place), the last the
 * gradient (a row alone against the blocks, dy_i - <dy, p> cancelling to
 * 2^-34 of dy); dy is used with the last only. */
static const float hard_rows[][16] = {
    {0x1.249a9p+1f, -0x1.dd9b2p-1f, 0x1.a7fe8p+1f, 0x1.bc2f78p+0f, 0x1.525378p+0f, 0x1.1bace4p+1f, 0x1.9116ep-2f,
     -0x1.72e5b4p+1f, 0x1.ca465p+0f, 0x1.7de048p+0f, 0x1.4f09f8p+0f, -0x1.36f7bp-1f, -0x1.17dep+1f, 0x1.fd905p-1f,
     -0x1.d9cb6p+1f, -0x1.45cfdp+0f},
    {-0x1.3e0dep+1f, -0x1.d49908p+1f, 0x1.f89db4p+1f, -0x1.f5bf6p-2f, -0x1.ca7018p+0f, 0x1.2c54bp+1f, 0x1.2837b8p+1f,
     0x1.cd6be8p+1f, 0x1.ce6264p+1f, 0x1.74fecp-1f, -0x1.eb956p-1f, -0x1.bcf5p+1f, -0x1.f2a58p-2f, 0x1.961d5p-1f,
     -0x1.c22cp-2f, 0x1.0719b4p+1f},
    {0x1.366554p+1f, -0x1.161d6p+0f, 0x1.1086f8p+1f, -0x1.30680cp+1f, 0x1.cbe774p+1f, -0x1.002fcp-1f, 0x1.04b228p+0f,
     -0x1.6a335cp+1f, 0x1.af3c4p+0f, -0x1.b078bp-1f, 0x1.696068p+1f, -0x1.83c5e8p+1f, 0x1.3b62ep+0f, -0x1.e372p-2f,
     0x1.ba94d8p+1f, -0x1.09802p-2f},
    {0x1.7dad4p-3f, -0x1.2ebc88p+0f, -0x1.3c4ae4p+1f, 0x1.6956ecp+1f, -0x1.3aa1ap+0f, -0x1.9cep-4f, 0x1.068e3p+0f,
     0x1.d81fe8p+0f, -0x1.d383bp-1f, 0x1.5bcb1p+0f, -0x1.28292p+1f, -0x1.315588p+1f, 0x1.5e09d8p+0f, 0x1.23d1fcp+1f,
     -0x1.d620bcp+1f, 0x1.371638p+0f},
    {0x1.7ea9fp-1f, -0x1.7bd874p+0f, -0x1.10289p+0f, -0x1.1bc02cp+1f, 0x1.a9c6cp+0f, 0x1.06a76p+0f, 0x1.625fa4p+1f,
     -0x1.65eaa2p+0f, 0x1.3c8d8p+1f, -0x1.569e8p-3f, 0x1.2c9354p+1f, 0x1.2f450cp+1f, 0x1.7a1adp-2f, 0x1.4f4158p+0f,
     -0x1.bd1cp-7f, 0x1.532368p+0f},
};
static const float hard_dy[16] = {0x1.fffff4p-1f, 0x1.00003cp+0f, 0x1p+0f,       0x1.fffffp-1f,
                                  0x1.00003p+0f,  0x1.000002p+0f, 0x1.000004p+0f, 0x1.ffff9cp-1f,
                                  0x1.ffffc2p-1f, 0x1.ffffbp-1f,  0x1.ffffc4p-1f, 0x1.fffffp-1f,
                                  0x1.fffffp-1f,  0x1.ffffe8p-1f, 0x1.00001ap+0f, 0x1.ffffe8p-1f};
#define HARD_ROWS (sizeof hard_rows / sizeof hard_rows[0])

static bool own(const struct builtin_kernel *b)
{
    return (b->method == METHOD_POLY || b->method == METHOD_TABLE) && b->kernel->type == ACTBENCH_F32 &&
           (strcmp(b->kernel->activation, "softmax") == 0 || strcmp(b->kernel->activation, "log_softmax") == 0);
}

struct tally {
    size_t differ, entries;
    const char *how;
    float x, want, got;
};

/* got against want over n entries (NaN equal to NaN) */
static void compare(struct tally *t, const char *how, const float *x, const float *want, const float *got, size_t n)
{
    for (size_t j = 0; j < n; j++) {
        uint32_t a, b;
        memcpy(&a, &want[j], sizeof a);
        memcpy(&b, &got[j], sizeof b);
        if (a != b && !(isnan(want[j]) && isnan(got[j])) && t->differ++ == 0) {
            t->how = how;
            t->x = x[j];
            t->want = want[j];
            t->got = got[j];
        }
    }
    t->entries += n;
}

/* rows of x (and dy): every way of calling the kernel against the whole
 * call apart */
static void measure(const struct actbench_kernel *k, const struct actbench_params *params, const float *x,
                    const float *dy, size_t rows, struct tally *value, struct tally *gradient, float *work)
{
    const size_t n = rows * 16;
    float *y = work, *dx = work + n, *z = work + 2 * n, *dz = work + 3 * n;
    k->forward.f32(x, y, n, params);
    k->gradient.f32(x, y, dy, dx, NULL, n, params);

    memcpy(z, x, n * sizeof *z);
    k->forward.f32(z, z, n, params);
    compare(value, "in place", x, y, z, n);
    memcpy(dz, dy, n * sizeof *dz);
    k->gradient.f32(x, y, dz, dz, NULL, n, params);
    compare(gradient, "in place (dx over dy)", x, dx, dz, n);

    for (size_t r = 0; r < rows; r++) {
        k->forward.f32(x + 16 * r, z + 16 * r, 16, params);
        k->gradient.f32(x + 16 * r, y + 16 * r, dy + 16 * r, dz + 16 * r, NULL, 16, params);
    }
    compare(value, "each row alone", x, y, z, n);
    compare(gradient, "each row alone", x, dx, dz, n);

    const size_t split = 16 * (1 + next() % (rows - 1));
    k->forward.f32(x, z, split, params);
    k->forward.f32(x + split, z + split, n - split, params);
    k->gradient.f32(x, y, dy, dz, NULL, split, params);
    k->gradient.f32(x + split, y + split, dy + split, dz + split, NULL, n - split, params);
    compare(value, "split in two", x, y, z, n);
    compare(gradient, "split in two", x, dx, dz, n);
}

static void report(const struct actbench_kernel *k, const char *what, const struct tally *t)
{
    if (t->differ)
        check(false, "%s %s: %zu of %zu entries differ (first %s, at x = %a: %a, whole call apart %a)", k->name,
              what, t->differ, t->entries, t->how, t->x, t->got, t->want);
    else
        check(true, "%s %s: %zu entries, the same bits on every path", k->name, what, t->entries);
}

int main(void)
{
    static const double scales[] = {1.0, 10.0, 100.0, 3000.0};
    enum { MAX_ROWS = 116 };
    struct actbench_params params;
    memset(&params, 0, sizeof params);
    params.row_length = 16;
    float *x = malloc(MAX_ROWS * 16 * sizeof *x), *dy = malloc(MAX_ROWS * 16 * sizeof *dy);
    float *work = malloc(4 * MAX_ROWS * 16 * sizeof *work);
    if (!x || !dy || !work) {
        check(false, "memory for %d rows", MAX_ROWS);
        return check_summary("softmax rows of 16");
    }
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
        struct tally value = {0}, gradient = {0};
        state = 0x2545f4914f6cdd1dull;
        for (int trial = 0; trial < 200; trial++) {
            const size_t rows = 16 + next() % (MAX_ROWS - 16);
            for (size_t j = 0; j < rows * 16; j++) {
                x[j] = entry(scales[trial % 4]);
                dy[j] = uniform(1.0);
            }
            measure(k, &params, x, dy, rows, &value, &gradient, work);
        }
        /* rows where log_softmax's largest entry cancels: dy_a chosen so
         * that dy_a - p_a sum dy is within dy's rounding of 0, where two
         * formulas of it that agree but in their last double bits show */
        for (int trial = 0; trial < 40; trial++) {
            const size_t rows = 16 + next() % (MAX_ROWS - 16);
            for (size_t r = 0; r < rows; r++) {
                float *xr = x + 16 * r, *g = dy + 16 * r;
                size_t a = 0;
                for (size_t j = 0; j < 16; j++) {
                    xr[j] = uniform(2.0);
                    g[j] = 1.0f + uniform(0x1p-8);
                    if (xr[j] > xr[a])
                        a = j;
                }
                double sum = 0.0, rest = 0.0;
                for (size_t j = 0; j < 16; j++) {
                    sum += exp((double)xr[j] - (double)xr[a]);
                    rest += j == a ? 0.0 : (double)g[j];
                }
                const double p = 1.0 / sum;
                g[a] = (float)(p * rest / (1.0 - p));
            }
            measure(k, &params, x, dy, rows, &value, &gradient, work);
        }
        /* the hard rows at the start, in the middle and at the end of the
         * first block of 16 rows (the blocks hold 8 rows on AVX2, 16 on
         * AVX-512), then alone past the blocks */
        for (size_t h = 0; h < HARD_ROWS; h++) {
            static const size_t places[] = {0, 7, 8, 15, 16, 18};
            const size_t rows = 19;
            for (size_t j = 0; j < rows * 16; j++) {
                x[j] = uniform(4.0);
                dy[j] = uniform(1.0);
            }
            for (size_t p = 0; p < sizeof places / sizeof places[0]; p++) {
                memcpy(x + 16 * places[p], hard_rows[h], sizeof hard_rows[h]);
                if (h == HARD_ROWS - 1)
                    memcpy(dy + 16 * places[p], hard_dy, sizeof hard_dy);
            }
            measure(k, &params, x, dy, rows, &value, &gradient, work);
        }
        report(k, "value", &value);
        report(k, "gradient", &gradient);
    }
    free(x);
    free(dy);
    free(work);
    return check_summary("softmax rows of 16");
}
