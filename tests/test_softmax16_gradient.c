/*
 * The native bf16 and f16 softmax kernels' gradients (rows of 16: the
 * float block of impls/math/softmax16_staged.h and the rows it sends to
 * the f32 accurate form) against a long double reference, on random rows
 * of several scales, with -inf entries, rows of one huge entry, and rows
 * built to cancel (dy_i set to the weighted mean of the others, the case
 * the block's test sends to the accurate form): every result within the
 * kernel's declared gradient bound, and the same bits written apart and in
 * place (dx over dy).  Row counts from 1 to 100 cover the chunks' last
 * blocks, padded with rows of zeros.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../impls/isa.h"
#include "../impls/registry.h"
#include "check.h"

static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static double unit(void) { return (double)(next() >> 11) * 0x1p-53; }

struct format {
    int precision, emin, bias, mantissa;
};

static const struct format bf16 = {8, -126, 127, 7}, f16 = {11, -14, 15, 10};

static double decode(uint16_t h, const struct format *f)
{
    int sign = h >> 15, e = (h >> f->mantissa) & ((0x7fff >> f->mantissa)), m = h & ((1 << f->mantissa) - 1);
    int emax = (0x7fff >> f->mantissa);
    double v;
    if (e == emax)
        v = m ? NAN : INFINITY;
    else if (e == 0)
        v = ldexp(m, f->emin - f->mantissa);
    else
        v = ldexp(m + (1 << f->mantissa), e - f->bias - f->mantissa);
    return sign ? -v : v;
}

/* v rounded toward zero to the format (normal range, else 0): inputs only */
static uint16_t encode(double v, const struct format *f)
{
    uint16_t sign = v < 0 ? 0x8000 : 0;
    double a = fabs(v);
    if (!(a >= ldexp(1, f->emin)))
        return sign;
    int e;
    double fr = frexp(a, &e); /* a = fr 2^e, fr in [0.5, 1) */
    int be = e - 1 + f->bias;
    if (be >= (0x7fff >> f->mantissa))
        return (uint16_t)(sign | ((0x7fff >> f->mantissa) - 1) << f->mantissa);
    uint16_t m = (uint16_t)((long)ldexp(fr, f->mantissa + 1) - (1 << f->mantissa));
    return (uint16_t)(sign | be << f->mantissa | m);
}

static double ulp_of(long double v, const struct format *f)
{
    int e = v == 0 ? f->emin : (int)floorl(log2l(fabsl(v)));
    if (e < f->emin)
        e = f->emin;
    return ldexp(1, e - f->precision + 1);
}

static bool native(const struct builtin_kernel *b)
{
    const struct actbench_kernel *k = b->kernel;
    return b->method == METHOD_TABLE && (k->type == ACTBENCH_BF16 || k->type == ACTBENCH_F16) &&
           strcmp(k->activation, "softmax") == 0 && !strstr(k->name, "widened");
}

/* one row of 16: x at scale s, dy at scale t, some rows cancelling */
static void make_row(uint16_t *x, uint16_t *dy, const struct format *f, double s, double t, int kind)
{
    for (int j = 0; j < 16; j++) {
        x[j] = encode((2 * unit() - 1) * s, f);
        dy[j] = encode((2 * unit() - 1) * t, f);
    }
    if (kind == 1)
        x[next() % 16] = f == &f16 ? 0xfc00 : 0xff80; /* -inf */
    if (kind == 2)
        x[next() % 16] = encode(0.9 * ldexp(1, f == &f16 ? 15 : 100), f);
    if (kind >= 3) {
        /* dy_i = sum_{j != i} p_j dy_j / (1 - p_i): dy_i - <dy, p> near 0 */
        long double xv[16], m = -INFINITY, e[16], sum = 0, w = 0;
        for (int j = 0; j < 16; j++) {
            xv[j] = decode(x[j], f);
            m = xv[j] > m ? xv[j] : m;
        }
        for (int j = 0; j < 16; j++)
            sum += e[j] = expl(xv[j] - m);
        int i = (int)(next() % 16);
        for (int j = 0; j < 16; j++)
            if (j != i)
                w += e[j] / sum * decode(dy[j], f);
        long double pi = e[i] / sum;
        if (pi < 0.999L)
            dy[i] = encode((double)(w / (1 - pi)), f);
    }
}

/* the reference gradient of one row, long double */
static void reference(const uint16_t *x, const uint16_t *dy, long double *dx, const struct format *f)
{
    long double m = -INFINITY, e[16], sum = 0, c = 0;
    int a = 0;
    for (int j = 0; j < 16; j++)
        if (decode(x[j], f) > m) {
            m = decode(x[j], f);
            a = j;
        }
    for (int j = 0; j < 16; j++)
        sum += e[j] = expl((long double)decode(x[j], f) - m);
    long double dya = decode(dy[a], f);
    for (int j = 0; j < 16; j++)
        c += e[j] / sum * (dya - decode(dy[j], f));
    for (int j = 0; j < 16; j++)
        dx[j] = e[j] / sum * ((decode(dy[j], f) - dya) + c);
}

int main(void)
{
    static const double xs[] = {1.0, 10.0, 30.0}, ts[] = {1.0, 100.0, 0x1p-10};
    struct actbench_params params;
    memset(&params, 0, sizeof params);
    params.row_length = 16;
    for (size_t b = 0; b < builtin_kernel_count; b++) {
        const struct builtin_kernel *bk = &builtin_kernels[b];
        if (!bk->kernel || !native(bk))
            continue;
        const struct actbench_kernel *k = bk->kernel;
        int isa = isa_by_name(k->isa);
        if (isa < 0 || !isa_supported(isa)) {
            printf("skip: %s (this CPU lacks %s)\n", k->name, k->isa);
            continue;
        }
        const struct format *f = k->type == ACTBENCH_F16 ? &f16 : &bf16;
        const double bound = k->bounds[k->type].gradient_ulp;
        double worst = 0;
        size_t entries = 0, over = 0, differ = 0;
        for (int trial = 0; trial < 300; trial++) {
            const size_t rows = 1 + next() % 100, n = rows * 16;
            uint16_t *x = malloc(n * 2), *dy = malloc(n * 2), *dx = malloc(n * 2), *z = malloc(n * 2);
            long double want[16];
            if (!x || !dy || !dx || !z) {
                check(false, "%s: memory for %zu entries", k->name, n);
                return check_summary("softmax16 gradient");
            }
            for (size_t r = 0; r < rows; r++)
                make_row(x + 16 * r, dy + 16 * r, f, xs[trial % 3], ts[(trial / 3) % 3], (int)(next() % 8));
            memcpy(z, dy, n * 2);
            k->gradient.u16(x, x, dy, dx, NULL, n, &params);
            k->gradient.u16(x, x, z, z, NULL, n, &params);
            differ += memcmp(dx, z, n * 2) != 0;
            for (size_t r = 0; r < rows; r++) {
                reference(x + 16 * r, dy + 16 * r, want, f);
                for (int j = 0; j < 16; j++) {
                    double got = decode(dx[16 * r + j], f);
                    double err = (double)(fabsl(got - want[j]) / ulp_of(want[j], f));
                    if (!(err <= bound) && over++ == 0)
                        printf("%s: row %zu entry %d: got %a, want %La (%.4f ulp)\n", k->name, r, j, got,
                               want[j], err);
                    if (err > worst)
                        worst = err;
                }
            }
            entries += n;
            free(x);
            free(dy);
            free(dx);
            free(z);
        }
        check(over == 0, "%s: %zu gradients, max %.4f ulp (bound %.4f), %zu over", k->name, entries, worst, bound,
              over);
        check(differ == 0, "%s: apart and in place the same bits (%zu trials differ)", k->name, differ);
    }
    return check_summary("softmax16 gradient");
}
