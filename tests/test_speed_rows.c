/*
 * The speed driver's rows, with stand-in implementations defined here: a
 * trivial scalar relu, a scalar maxout (a vector kind: groups of 4, one
 * output per group), a relu that claims an ISA this CPU lacks and a relu
 * without gradient.  Every implementation must get a row in every mode,
 * size and core (measured, skipped_isa, or no_gradient for the gradient of
 * the forward-only relu), copy rows must exist for each of them (and the
 * two-input copy's, copy2, in the gradient mode only; their 512-bit twins
 * in the throughput modes exactly where the CPU runs AVX-512F, and a relu
 * labelled avx512f divides by them), and measured
 * figures, ratios and scaling factors must be positive and finite;
 * ratio_to_copy2 in every gradient row and in no other.  Bytes
 * per element follow the buffers of each mode, GB/s sit next to the copy
 * kernel's, and the floors: none for the stand-ins (not in the build's
 * operation table), and for two built-in kernels the table's count over
 * the pipes this core issues at the ISA's width (the core table of
 * impls/isa.c, checked on known cores too).  Then both CSV writers and the machine
 * identity.  No speed is asserted.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/implementations.h"
#include "../harness/machine.h"
#include "../harness/speed.h"
#include "../impls/isa.h"
#include "../impls/kernel_ops.h"
#include "../reports/machine_csv.h"
#include "../reports/schema.h"
#include "../reports/speed_csv.h"

#include "check.h"

static void standin_relu(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

static void standin_relu_gradient(const float *x, const float *y, const float *dy, float *dx,
                                  float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++)
        dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
}

static void standin_maxout(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    for (size_t g = 0; g < n / p->group; g++) {
        float m = x[g * p->group];
        for (size_t i = 1; i < p->group; i++)
            m = x[g * p->group + i] > m ? x[g * p->group + i] : m;
        y[g] = m;
    }
}

static void standin_maxout_gradient(const float *x, const float *y, const float *dy, float *dx,
                                    float *dparam, size_t n, const struct actbench_params *p)
{
    (void)dparam;
    for (size_t g = 0; g < n / p->group; g++) {
        int taken = 0;
        for (size_t i = 0; i < p->group; i++) {
            int first = !taken && x[g * p->group + i] == y[g];
            dx[g * p->group + i] = first ? dy[g] : 0.0f;
            taken |= first;
        }
    }
}

static const struct actbench_kernel standin_kernels[] = {
    {.name = "standin_relu_scalar", .activation = "relu", .isa = "scalar", .unroll = 1,
     .forward.f32 = standin_relu, .gradient.f32 = standin_relu_gradient,
     .description = "x > 0 ? x : 0"},
    {.name = "standin_maxout_scalar", .activation = "maxout", .isa = "scalar", .unroll = 1,
     .forward.f32 = standin_maxout, .gradient.f32 = standin_maxout_gradient,
     .description = "max over groups of 4"},
    {.name = "standin_relu_unsupported", .activation = "relu", .isa = "scalar", .unroll = 1,
     .forward.f32 = standin_relu, .gradient.f32 = standin_relu_gradient,
     .description = "claims an ISA this CPU lacks"},
    {.name = "standin_relu_forward_only", .activation = "relu", .isa = "scalar", .unroll = 1,
     .forward.f32 = standin_relu, .description = "x > 0 ? x : 0, no gradient"},
    {.name = "standin_relu_avx512f", .activation = "relu", .isa = "avx512f", .unroll = 1,
     .forward.f32 = standin_relu, .gradient.f32 = standin_relu_gradient,
     .description = "labelled avx512f: its ratios divide by the 512-bit copies"},
};

static struct implementation standins[] = {
    {.name = "standin_relu_scalar", .kernel = &standin_kernels[0]},
    {.name = "standin_maxout_scalar", .kernel = &standin_kernels[1]},
    {.name = "standin_relu_unsupported", .kernel = &standin_kernels[2]},
    {.name = "standin_relu_forward_only", .kernel = &standin_kernels[3]},
    {.name = "standin_relu_avx512f", .kernel = &standin_kernels[4]},
};
#define STANDIN_WIDE 4
#define STANDIN_COUNT (sizeof standins / sizeof standins[0])

static const char *const modes[] = {"throughput", "latency", "gradient_throughput",
                                    "all_cores_throughput"};

/* Whether the 512-bit copies run here (the harness's own test). */
static int wide_copies(void)
{
    int isa = isa_by_name("avx512f");
    return isa >= 0 && isa_supported(isa);
}

static int row_measured(const struct speed_row *r)
{
    return strcmp(r->status, "ok") == 0 || strcmp(r->status, "not_pinned") == 0;
}

static int positive_finite(double v)
{
    return isfinite(v) && v > 0.0;
}

static size_t count_lines(FILE *f)
{
    rewind(f);
    size_t lines = 0;
    int ch;
    while ((ch = fgetc(f)) != EOF)
        lines += ch == '\n';
    return lines;
}

static void first_lines(FILE *f, char *first, char *second, size_t size)
{
    rewind(f);
    first[0] = second[0] = '\0';
    if (fgets(first, (int)size, f))
        first[strcspn(first, "\n")] = '\0';
    if (fgets(second, (int)size, f))
        second[strcspn(second, "\n")] = '\0';
}

static void check_rows(const struct speed_report *r, const struct speed_options *o,
                       const struct machine_topology *t, int have_unsupported)
{
    char detail[640];
    for (size_t i = 0; i < STANDIN_COUNT; i++) {
        const struct implementation *impl = &standins[i];
        int unsupported = i == 2;
        if ((unsupported && !have_unsupported) || (i == STANDIN_WIDE && !wide_copies()))
            continue;
        for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
            int no_gradient = impl->kernel->gradient.f32 == NULL && m == 2;
            size_t rows = 0, measured = 0, skipped = 0;
            for (size_t j = 0; j < r->count; j++) {
                const struct speed_row *row = &r->rows[j];
                if (strcmp(row->implementation, impl->name) || strcmp(row->mode, modes[m]))
                    continue;
                rows++;
                measured += row_measured(row);
                skipped += strcmp(row->status, unsupported ? "skipped_isa" : "no_gradient") == 0;
            }
            /* measured and no_gradient: one row per size and selected core,
             * all_cores one per size and machine core; skipped_isa: one per
             * size (and core) */
            size_t cores = m == 3 ? t->core_count : o->cores->count;
            size_t expected = unsupported ? (m == 3 ? 1 : o->cores->count) * o->sizes->count
                                          : cores * o->sizes->count;
            snprintf(detail, sizeof detail, "%zu rows (%zu measured, %zu %s), expected %zu", rows,
                     measured, skipped, unsupported ? "skipped_isa" : "no_gradient", expected);
            char what[160];
            snprintf(what, sizeof what, "%s has its %s rows, %s", impl->name, modes[m],
                     unsupported ? "all skipped_isa" : no_gradient ? "all no_gradient" : "all measured");
            size_t as_expected = unsupported || no_gradient ? skipped : measured;
            check_detail(rows == expected && as_expected == expected, what, detail);
        }
    }

    /* copy rows: each mode, size and core; latency at call sizes 1 and 4 */
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        size_t rows = 0;
        for (size_t j = 0; j < r->count; j++)
            rows += strcmp(r->rows[j].implementation, "copy") == 0 &&
                    strcmp(r->rows[j].mode, modes[m]) == 0 && row_measured(&r->rows[j]);
        size_t cores = m == 3 ? t->core_count : o->cores->count;
        size_t expected = cores * o->sizes->count * (m == 1 ? 2 : 1);
        snprintf(detail, sizeof detail, "%zu rows, expected %zu", rows, expected);
        char what[96];
        snprintf(what, sizeof what, "copy rows exist for %s", modes[m]);
        check_detail(rows == expected, what, detail);
        size_t rows2 = 0;
        for (size_t j = 0; j < r->count; j++)
            rows2 += strcmp(r->rows[j].implementation, "copy2") == 0 &&
                     strcmp(r->rows[j].mode, modes[m]) == 0 && row_measured(&r->rows[j]);
        size_t expected2 = m == 2 ? o->cores->count * o->sizes->count : 0;
        snprintf(detail, sizeof detail, "%zu rows, expected %zu", rows2, expected2);
        snprintf(what, sizeof what, "copy2 rows exist for %s only in the gradient mode", modes[m]);
        check_detail(rows2 == expected2, what, detail);
    }

    /* every measured row: ordered, positive, finite figures and ratios */
    size_t bad = 0;
    char first_bad[512] = "";
    for (size_t j = 0; j < r->count; j++) {
        const struct speed_row *row = &r->rows[j];
        if (!row_measured(row))
            continue;
        int ok = positive_finite(row->cpe_min) && row->cpe_min <= row->cpe_median &&
                 row->cpe_median <= row->cpe_max && isfinite(row->cpe_max) &&
                 positive_finite(row->ns_per_element_median) && positive_finite(row->core_ghz) &&
                 positive_finite(row->ratio_to_copy) && row->repetitions >= SPEED_MIN_REPETITIONS &&
                 row->elements > 0 && row->call_elements > 0 && row->bytes > 0;
        if (strcmp(row->mode, "all_cores_throughput") == 0)
            ok &= positive_finite(row->all_cores_scaling);
        if (strcmp(row->mode, "gradient_throughput") == 0)
            ok &= positive_finite(row->ratio_to_copy2) &&
                  (strcmp(row->implementation, "copy2") != 0 || row->ratio_to_copy2 == 1.0);
        else
            ok &= isnan(row->ratio_to_copy2);
        if (strcmp(row->activation, "maxout") == 0)
            ok &= row->elements % 4 == 0 && row->call_elements % 4 == 0;
        if (!ok && !bad++)
            snprintf(first_bad, sizeof first_bad,
                     "%s %s %s core %d: cpe %g/%g/%g ns %g GHz %g ratio %g, %g to copy2 "
                     "scaling %g reps %llu elements %llu/%llu",
                     row->implementation, row->mode, row->size_label, row->core, row->cpe_min,
                     row->cpe_median, row->cpe_max, row->ns_per_element_median, row->core_ghz,
                     row->ratio_to_copy, row->ratio_to_copy2, row->all_cores_scaling,
                     (unsigned long long)row->repetitions, (unsigned long long)row->elements,
                     (unsigned long long)row->call_elements);
    }
    snprintf(detail, sizeof detail, "%zu bad rows%s%s", bad, bad ? "; first: " : "", first_bad);
    check_detail(bad == 0, "measured rows have positive, finite, ordered figures and ratios", detail);

    double cpe, ratio;
    int rc = speed_report_l1_summary(r, "standin_relu_scalar", &cpe, &ratio);
    snprintf(detail, sizeof detail, "rc %d, %.4g cycles per element, %.4g x copy", rc, cpe, ratio);
    check_detail(rc == 0 && positive_finite(cpe) && positive_finite(ratio),
          "the L1 summary of the scalar relu is found", detail);
    if (have_unsupported) {
        rc = speed_report_l1_summary(r, "standin_relu_unsupported", &cpe, &ratio);
        check_detail(rc != 0 && isnan(cpe), "the skipped implementation has no L1 summary", "");
    }
}

/* The row named name in a row's mode, size and core (latency: call size). */
static const struct speed_row *row_named(const struct speed_report *r, const struct speed_row *row,
                                         const char *name)
{
    for (size_t j = 0; j < r->count; j++) {
        const struct speed_row *c = &r->rows[j];
        if (strcmp(c->implementation, name) == 0 && strcmp(c->mode, row->mode) == 0 &&
            strcmp(c->size_label, row->size_label) == 0 && c->size_bytes == row->size_bytes &&
            c->core == row->core && c->threads == row->threads &&
            (strcmp(row->mode, "latency") != 0 || c->call_elements == row->call_elements))
            return c;
    }
    return NULL;
}

/* The copy row a row divides by: copy_avx512f for a row of a 512-bit ISA
 * where that cell has one, else copy. */
static const struct speed_row *copy_row_of(const struct speed_report *r, const struct speed_row *row)
{
    int isa = isa_by_name(row->isa);
    const struct speed_row *wide =
        isa >= 0 && isa_table[isa].vector_bits == 512 ? row_named(r, row, "copy_avx512f") : NULL;
    return wide ? wide : row_named(r, row, "copy");
}

/* Bytes a mode moves per element: relu x and y (8), its gradient x, dy
 * and dx (12: relu's dx, the stand-in's and the built-in scalar one's,
 * does not depend on y), tanh_f32_libm_scalar's gradient x, y, dy and dx
 * (16: it takes 1 - y^2); maxout x and a quarter of y (5), its gradient x
 * and dx and a quarter of y and dy (10: it finds each group's maximum by
 * comparing x with y); copy 8 in both; copy2 x, dy and dx (12). */
static double expected_bytes_per_element(const struct speed_row *row)
{
    int gradient = strcmp(row->mode, "gradient_throughput") == 0;
    if (strcmp(row->implementation, "copy") == 0 || strcmp(row->implementation, "copy_avx512f") == 0)
        return 8.0;
    if (strcmp(row->implementation, "copy2") == 0 || strcmp(row->implementation, "copy2_avx512f") == 0)
        return 12.0;
    if (strcmp(row->activation, "maxout") == 0)
        return gradient ? 10.0 : 5.0;
    if (strcmp(row->implementation, "tanh_f32_libm_scalar") == 0)
        return gradient ? 16.0 : 8.0;
    return gradient ? 12.0 : 8.0;
}

/* The 512-bit copies: rows in the throughput, gradient and all-cores modes
 * exactly where the CPU runs AVX-512F (copy2_avx512f in the gradient mode
 * only, none in latency); the avx512f-labelled relu's ratios divide by
 * them and the scalar relu's by the 256-bit copies. */
static void check_wide_copies(const struct speed_report *r, const struct speed_options *o,
                              const struct machine_topology *t)
{
    char detail[512], what[160];
    const int wide = wide_copies();
    for (size_t m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        size_t rows = 0, rows2 = 0;
        for (size_t j = 0; j < r->count; j++) {
            const struct speed_row *row = &r->rows[j];
            if (strcmp(row->mode, modes[m]) != 0 || !row_measured(row))
                continue;
            rows += strcmp(row->implementation, "copy_avx512f") == 0;
            rows2 += strcmp(row->implementation, "copy2_avx512f") == 0;
        }
        size_t cores = m == 3 ? t->core_count : o->cores->count;
        size_t expected = wide && m != 1 ? cores * o->sizes->count : 0;
        size_t expected2 = wide && m == 2 ? cores * o->sizes->count : 0;
        snprintf(detail, sizeof detail, "%zu and %zu rows, expected %zu and %zu (AVX-512F %s)", rows,
                 rows2, expected, expected2, wide ? "runs" : "does not run");
        snprintf(what, sizeof what, "512-bit copy rows for %s exactly where the CPU runs AVX-512F",
                 modes[m]);
        check_detail(rows == expected && rows2 == expected2, what, detail);
    }
    size_t checked = 0, bad = 0;
    char first_bad[256] = "";
    for (size_t j = 0; j < r->count; j++) {
        const struct speed_row *row = &r->rows[j];
        int scalar = strcmp(row->implementation, "standin_relu_scalar") == 0;
        if ((!scalar && strcmp(row->implementation, "standin_relu_avx512f") != 0) ||
            !row_measured(row))
            continue;
        int latency = strcmp(row->mode, "latency") == 0;
        int gradient = strcmp(row->mode, "gradient_throughput") == 0;
        const char *base = scalar || latency ? "copy" : "copy_avx512f";
        const char *base2 = scalar ? "copy2" : "copy2_avx512f";
        const struct speed_row *c = row_named(r, row, base);
        const struct speed_row *c2 = gradient ? row_named(r, row, base2) : NULL;
        int ok = c && row->ratio_to_copy == row->cpe_median / c->cpe_median &&
                 (!gradient || (c2 && row->ratio_to_copy2 == row->cpe_median / c2->cpe_median));
        checked++;
        if (!ok && !bad++)
            snprintf(first_bad, sizeof first_bad, "%s %s %s core %d: ratio %g, %g to copy2",
                     row->implementation, row->mode, row->size_label, row->core,
                     row->ratio_to_copy, row->ratio_to_copy2);
    }
    snprintf(detail, sizeof detail, "%zu rows checked, %zu bad%s%s", checked, bad,
             bad ? "; first: " : "", first_bad);
    check_detail(checked > 0 && bad == 0,
                 "ratios divide by the copy of the row's width (512-bit for avx512f rows)", detail);
}

static void check_bandwidth(const struct speed_report *r)
{
    size_t bad = 0;
    char first_bad[384] = "", detail[512];
    for (size_t j = 0; j < r->count; j++) {
        const struct speed_row *row = &r->rows[j];
        if (!row_measured(row))
            continue;
        int ok;
        if (strcmp(row->mode, "latency") == 0) {
            ok = isnan(row->bytes_per_element) && isnan(row->gb_per_s) &&
                 isnan(row->copy_gb_per_s);
        } else {
            const struct speed_row *copy = copy_row_of(r, row);
            ok = row->bytes_per_element == expected_bytes_per_element(row) &&
                 positive_finite(row->gb_per_s) &&
                 fabs(row->gb_per_s - row->bytes_per_element / row->ns_per_element_median) <=
                     1e-9 * row->gb_per_s &&
                 copy != NULL && row->copy_gb_per_s == copy->gb_per_s;
        }
        if (!ok && !bad++)
            snprintf(first_bad, sizeof first_bad, "%s %s %s: %g bytes/element, %g GB/s, copy %g GB/s",
                     row->implementation, row->mode, row->size_label, row->bytes_per_element,
                     row->gb_per_s, row->copy_gb_per_s);
    }
    snprintf(detail, sizeof detail, "%zu bad rows%s%s", bad, bad ? "; first: " : "", first_bad);
    check_detail(bad == 0,
                 "bytes per element follow the mode's buffers, GB/s next to the copy's (none in latency rows)",
                 detail);
}

/* Floors: measured throughput, all-cores and gradient rows of a built-in
 * kernel carry its table's count over the pipes this core issues at its
 * ISA's width (the core table, else the ISA's vector_pipes), or the
 * table's reason; the stand-ins (not built in) and latency and copy rows
 * have none. */
static void check_floors(const struct speed_report *r)
{
    size_t bad = 0, with_floor = 0;
    char first_bad[384] = "", detail[512];
    for (size_t j = 0; j < r->count; j++) {
        const struct speed_row *row = &r->rows[j];
        if (!row_measured(row))
            continue;
        int gradient = strcmp(row->mode, "gradient_throughput") == 0;
        int applies = strncmp(row->implementation, "copy", 4) != 0 &&
                      strcmp(row->mode, "latency") != 0;
        const struct kernel_ops *k = kernel_ops_find(row->implementation);
        int ok;
        if (!applies) {
            ok = isnan(row->floor_cpe) && isnan(row->ops_per_element) && row->floor_note[0] == '\0';
        } else if (!k) {
            ok = isnan(row->floor_cpe) && isnan(row->ratio_to_floor) && row->floor_note[0] != '\0';
        } else {
            const struct kernel_loop_ops *loop = gradient ? &k->gradient : &k->forward;
            double ops = kernel_loop_ops_per_element(loop);
            int isa = isa_by_name(row->isa);
            if (isnan(ops)) {
                ok = isnan(row->floor_cpe) && strcmp(row->floor_note, loop->no_floor) == 0;
            } else {
                with_floor++;
                ok = isa >= 0 && row->ops_per_element == ops &&
                     row->floor_cpe == ops / core_pipes_for_isa(core_pipes_this_cpu(), isa) &&
                     row->ratio_to_floor == row->cpe_median / row->floor_cpe &&
                     row->floor_note[0] == '\0';
            }
        }
        if (!ok && !bad++)
            snprintf(first_bad, sizeof first_bad, "%s %s: %g ops/element, floor %g, ratio %g, '%s'",
                     row->implementation, row->mode, row->ops_per_element, row->floor_cpe,
                     row->ratio_to_floor, row->floor_note);
    }
    snprintf(detail, sizeof detail, "%zu bad rows, %zu with a floor%s%s", bad, with_floor,
             bad ? "; first: " : "", first_bad);
    const struct kernel_ops *relu = kernel_ops_find("relu_f32_libm_scalar");
    int counted = relu && !isnan(kernel_loop_ops_per_element(&relu->forward));
    check_detail(bad == 0 && (with_floor > 0 || !counted),
                 "floors: the table's operations over the core's pipes, or why there is none", detail);
}

/* The core table: the pipes a core model gives at each width, and the ISA
 * table's bound for a core it does not know. */
static void check_core_pipes(void)
{
    int scalar = isa_by_name("scalar"), avx2 = isa_by_name("avx2"),
        avx512 = isa_by_name("avx512f"), fp16 = isa_by_name("avx512fp16");
    static const struct {
        const char *vendor;
        unsigned family, model;
        int avx512f;
        int scalar, avx2, avx512; /* -1: the ISA table's vector_pipes */
    } cases[] = {
        {"GenuineIntel", 6, 0xcf, 1, 3, 3, 2},  /* Emerald Rapids */
        {"GenuineIntel", 6, 0x8f, 1, 3, 3, 2},  /* Sapphire Rapids */
        {"GenuineIntel", 6, 0x55, 1, 3, 3, 2},  /* Skylake-SP */
        {"GenuineIntel", 6, 0x3c, 0, 3, 3, 2},  /* Haswell */
        {"GenuineIntel", 6, 0xc6, 0, 4, 4, -1}, /* Arrow Lake */
        {"GenuineIntel", 0x13, 0x01, 1, -1, -1, -1}, /* a family the table does not know */
        {"AuthenticAMD", 0x17, 0x01, 0, 4, 2, -1}, /* Zen */
        {"AuthenticAMD", 0x17, 0x31, 0, 4, 4, -1}, /* Zen 2 */
        {"AuthenticAMD", 0x19, 0x21, 0, 4, 4, -1}, /* Zen 3 */
        {"AuthenticAMD", 0x19, 0x61, 1, 4, 4, 2},  /* Zen 4 */
        {"AuthenticAMD", 0x1a, 0x02, 1, 4, 4, 4},  /* Zen 5 server */
        {"AuthenticAMD", 0x1a, 0x44, 1, 4, 4, 4},  /* Zen 5 desktop */
        {"AuthenticAMD", 0x1a, 0x24, 1, 4, 4, 2},  /* Zen 5 laptop */
        {"AuthenticAMD", 0x15, 0x02, 0, -1, -1, -1}, /* before Zen */
        {"CentaurHauls", 6, 0x0f, 0, -1, -1, -1},    /* a vendor the table does not know */
    };
    size_t bad = 0;
    char first_bad[256] = "", detail[640];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct core_pipes *core =
            core_pipes_lookup(cases[i].vendor, cases[i].family, cases[i].model, cases[i].avx512f);
        int want[3] = {cases[i].scalar, cases[i].avx2, cases[i].avx512};
        int isas[3] = {scalar, avx2, avx512};
        int ok = (core == NULL) == (want[0] < 0 && want[1] < 0 && want[2] < 0);
        for (int w = 0; w < 3; w++) {
            int expected = want[w] > 0 ? want[w] : isa_table[isas[w]].vector_pipes;
            ok = ok && core_pipes_for_isa(core, isas[w]) == expected;
        }
        /* every 512-bit ISA divides as avx512f does */
        ok = ok && core_pipes_for_isa(core, fp16) == core_pipes_for_isa(core, avx512);
        if (!ok && !bad++)
            snprintf(first_bad, sizeof first_bad, "%s family 0x%x model 0x%x: %s, %d %d %d",
                     cases[i].vendor, cases[i].family, cases[i].model, core ? core->cores : "unknown",
                     core_pipes_for_isa(core, scalar), core_pipes_for_isa(core, avx2),
                     core_pipes_for_isa(core, avx512));
    }
    snprintf(detail, sizeof detail, "%zu of %zu cores wrong%s%s", bad, sizeof cases / sizeof cases[0],
             bad ? "; first: " : "", first_bad);
    check_detail(scalar >= 0 && avx2 >= 0 && avx512 >= 0 && fp16 >= 0 && bad == 0,
                 "core table: Intel family 6 issues 3 (2 at 512 bits), AMD family 0x1a 4, an "
                 "unknown core the ISA table's vector_pipes",
                 detail);
    check_detail(core_pipes_for_isa(NULL, -1) == 0 && core_pipes_for_isa(NULL, (int)isa_count) == 0,
                 "core table: no pipes outside the ISA table", "");

    /* this CPU: its identity finds its row, and machine.csv says so */
    char vendor[13];
    unsigned family, model;
    cpu_identity(vendor, &family, &model);
    int has512 = cpu_feature_supported("avx512f") == 1;
    const struct core_pipes *here = core_pipes_this_cpu();
    char described[512];
    core_pipes_describe(described, sizeof described);
    snprintf(detail, sizeof detail, "%s family 0x%x model 0x%x: %s", vendor, family, model,
             described);
    check_detail(here == core_pipes_lookup(vendor, family, model, has512) &&
                     strncmp(described, "scalar ", 7) == 0 &&
                     strstr(described, here ? here->cores : "lower bounds") != NULL,
                 "core table: this CPU's row and its description", detail);
}

/* Field column (0-based) of a CSV line without quoted commas before it,
 * copied into out; false when the line is shorter. */
static bool csv_field(const char *line, size_t column, char *out, size_t size)
{
    for (size_t c = 0; c < column; c++) {
        line = strchr(line, ',');
        if (!line)
            return false;
        line++;
    }
    size_t length = strcspn(line, ",\n");
    if (length >= size)
        return false;
    memcpy(out, line, length);
    out[length] = '\0';
    return true;
}

/* speed.csv as written: a ratio_to_copy2 column, positive in every
 * measured gradient row, empty in every other row. */
static void check_csv_copy2(FILE *f, const struct speed_report *r)
{
    char line[4096], field[64], detail[256] = "";
    rewind(f);
    if (!fgets(line, sizeof line, f) || !fgets(line, sizeof line, f)) {
        check_detail(0, "speed CSV has ratio_to_copy2", "no header");
        return;
    }
    size_t ratio = 0, mode = 0, status = 0;
    bool found = false;
    for (size_t c = 0; csv_field(line, c, field, sizeof field); c++) {
        if (strcmp(field, "ratio_to_copy2") == 0)
            ratio = c, found = true;
        mode = strcmp(field, "mode") == 0 ? c : mode;
        status = strcmp(field, "status") == 0 ? c : status;
    }
    check_detail(found, "speed CSV has a ratio_to_copy2 column", "");
    size_t gradient_rows = 0, bad = 0;
    for (size_t row = 0; found && row < r->count && fgets(line, sizeof line, f); row++) {
        char m[64], s[64];
        if (!csv_field(line, mode, m, sizeof m) || !csv_field(line, status, s, sizeof s) ||
            !csv_field(line, ratio, field, sizeof field)) {
            bad++;
            continue;
        }
        bool measured = strcmp(s, "ok") == 0 || strcmp(s, "not_pinned") == 0;
        if (strcmp(m, "gradient_throughput") == 0 && measured) {
            gradient_rows++;
            bad += !(field[0] != '\0' && strtod(field, NULL) > 0.0);
        } else {
            bad += field[0] != '\0';
        }
        if (bad && !detail[0])
            snprintf(detail, sizeof detail, "first bad line: %.200s", line);
    }
    char what[160];
    snprintf(what, sizeof what,
             "speed CSV: ratio_to_copy2 positive in the %zu measured gradient rows, empty elsewhere",
             gradient_rows);
    check_detail(found && bad == 0 && gradient_rows > 0, what, detail);
}

static void check_writers(const struct speed_report *r, const struct machine_topology *t)
{
    char first[256], second[1024], detail[2048];
    FILE *f = tmpfile();
    char error[512] = "";
    if (!f) {
        check_detail(0, "open a temporary file", "");
        return;
    }
    int rc = speed_csv_write(f, r, error, sizeof error);
    size_t lines = count_lines(f);
    first_lines(f, first, second, sizeof second);
    char schema_line[64];
    snprintf(schema_line, sizeof schema_line, "# actbench speed schema %d", SPEED_SCHEMA_VERSION);
    snprintf(detail, sizeof detail, "rc %d %s; %zu lines for %zu rows; first '%s'; header '%.80s...'",
             rc, error, lines, r->count, first, second);
    check_detail(rc == 0 && lines == r->count + 2 && strcmp(first, schema_line) == 0 &&
              strncmp(second, "implementation,activation,method,isa,status,mode,", 49) == 0,
          "speed CSV: schema line, header, one line per row", detail);
    check_csv_copy2(f, r);
    fclose(f);

    struct machine_info info;
    rc = machine_collect(&info, t, r->clock_source, error, sizeof error);
    static const char *const keys[] = {"cpuid.simd_flags", "hwloc.cores", "hwloc.core_kinds",
                                       "compiler.version", "compiler.build_flags", "kernel.release",
                                       "glibc.version", "mpfr.version", "sleef.version",
                                       "hwloc.api_version", "libcpuid.version", "clock.source",
                                       "tsc.invariant", "floor.pipes"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const char *v = machine_info_get(&info, keys[i]);
        char what[96];
        snprintf(what, sizeof what, "machine identity has %s", keys[i]);
        check_detail(v != NULL && v[0] != '\0', what, v ? v : "missing");
    }
    const char *disagreement = machine_info_get(&info, "flags.disagreement");
    const char *libcpuid_error = machine_info_get(&info, "libcpuid.error");
    check_detail(disagreement || libcpuid_error, "machine identity compares libcpuid with cpuid",
          disagreement ? disagreement : libcpuid_error ? libcpuid_error : "neither key present");
    printf("      flags.disagreement = %s\n", disagreement ? disagreement : "(none: libcpuid failed)");
    const char *not_in = machine_info_get(&info, "flags.not_in_libcpuid");
    if (not_in)
        printf("      flags.not_in_libcpuid = %s\n", not_in);

    f = tmpfile();
    if (!f) {
        check_detail(0, "open a temporary file", "");
        machine_info_free(&info);
        return;
    }
    rc = machine_csv_write(f, &info, error, sizeof error);
    lines = count_lines(f);
    first_lines(f, first, second, sizeof second);
    snprintf(detail, sizeof detail, "rc %d %s; %zu lines for %zu keys; first '%s', header '%s'", rc,
             error, lines, info.count, first, second);
    /* values may hold quoted line breaks, so at least one line per key */
    check_detail(rc == 0 && lines >= info.count + 2 && strcmp(first, "# actbench machine schema 1") == 0 &&
              strcmp(second, "key,value") == 0,
          "machine CSV: schema line, header, one line per key", detail);
    fclose(f);
    machine_info_free(&info);
}

static void progress(void *context, size_t done, size_t total, const char *what)
{
    size_t *calls = context;
    (*calls)++;
    (void)done, (void)total, (void)what;
}

int main(void)
{
    /* the stand-ins' activations, from the catalog by name */
    for (size_t i = 0; i < STANDIN_COUNT; i++)
        standins[i].activation = activation_by_name(standins[i].kernel->activation);
    int have_unsupported = 0;
    for (int isa = 0; (size_t)isa < isa_count; isa++)
        if (!isa_supported(isa)) {
            standins[2].isa = isa;
            have_unsupported = 1;
            break;
        }
    /* two built-in kernels: a vectorised scalar loop with a floor in both
     * modes, and a forward around a libm call without one */
    struct implementation_set builtins;
    char error[512];
    if (implementations_load(&builtins, NULL, 0, error, sizeof error)) {
        printf("FAIL: implementations_load: %s\n", error);
        return 1;
    }
    const struct implementation *list[STANDIN_COUNT + 2];
    size_t count = 0;
    standins[STANDIN_WIDE].isa = isa_by_name("avx512f");
    for (size_t i = 0; i < STANDIN_COUNT; i++)
        if ((i != 2 || have_unsupported) && (i != STANDIN_WIDE || wide_copies()))
            list[count++] = &standins[i];
    for (size_t i = 0; i < builtins.count; i++)
        if (strcmp(builtins.items[i].name, "relu_f32_libm_scalar") == 0 ||
            strcmp(builtins.items[i].name, "tanh_f32_libm_scalar") == 0)
            list[count++] = &builtins.items[i];
    if (have_unsupported)
        printf("the unsupported stand-in claims ISA %s\n", isa_table[standins[2].isa].name);
    else
        printf("note: this CPU supports every ISA; the skipped_isa check is left out\n");

    struct machine_topology t;
    if (topology_load(&t, error, sizeof error)) {
        printf("FAIL: topology_load: %s\n", error);
        return 1;
    }
    struct size_list sizes;
    if (sizes_parse("L1,64KiB", t.physical_memory_bytes, &sizes, error, sizeof error)) {
        printf("FAIL: sizes_parse: %s\n", error);
        topology_free(&t);
        return 1;
    }
    struct core_selection cores;
    if (cores_parse(&t, "default", &cores, error, sizeof error)) {
        printf("FAIL: cores_parse: %s\n", error);
        topology_free(&t);
        return 1;
    }

    struct speed_options o;
    speed_options_default(&o);
    o.topology = &t;
    o.sizes = &sizes;
    o.cores = &cores;
    o.budget_seconds = 0.003; /* the rows are checked, not the speeds */
    size_t progress_calls = 0;
    o.progress = progress;
    o.progress_context = &progress_calls;

    struct speed_report r;
    int rc = speed_run(&o, list, count, &r, error, sizeof error);
    char detail[1400];
    snprintf(detail, sizeof detail, "rc %d%s%s; %zu rows in %.2f s; clock %s (%s)", rc,
             rc ? ": " : "", rc ? error : "", r.count, r.seconds, r.clock_source, r.clock_note);
    check_detail(rc == 0, "speed_run succeeds", detail);
    check_detail(progress_calls > 0, "the progress callback is called", "");
    if (rc == 0) {
        check_rows(&r, &o, &t, have_unsupported);
        check_wide_copies(&r, &o, &t);
        check_bandwidth(&r);
        check_floors(&r);
        check_writers(&r, &t);
    }
    check_core_pipes();
    speed_report_free(&r);
    core_selection_free(&cores);
    topology_free(&t);
    implementations_free(&builtins);
    return check_summary("test_speed_rows");
}
