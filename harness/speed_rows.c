/* The rows of the speed report (see speed_rows.h and speed.h). */
#include "speed_rows.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../impls/isa.h"
#include "../impls/kernel_ops.h"
#include "speed_kernel.h"

struct speed_row *speed_report_add(struct speed_report *r, char *error, size_t error_size)
{
    if (r->count == r->capacity) {
        size_t capacity = r->capacity ? 2 * r->capacity : 256;
        struct speed_row *grown = realloc(r->rows, capacity * sizeof *grown);
        if (!grown) {
            snprintf(error, error_size, "out of memory growing the report to %zu rows", capacity);
            return NULL;
        }
        r->rows = grown;
        r->capacity = capacity;
    }
    struct speed_row *row = &r->rows[r->count++];
    memset(row, 0, sizeof *row);
    row->cpe_min = row->cpe_median = row->cpe_max = NAN;
    row->ns_per_element_median = row->core_ghz = NAN;
    row->ratio_to_copy = row->ratio_to_copy2 = row->all_cores_scaling = row->round_spread = NAN;
    row->ops_per_element = row->floor_cpe = row->ratio_to_floor = NAN;
    row->bytes_per_element = row->gb_per_s = row->copy_gb_per_s = NAN;
    row->floor_note = "";
    row->core = row->cpu = -1;
    row->threads = 1;
    row->clock = "";
    row->status = "ok";
    return row;
}

void speed_report_free(struct speed_report *r)
{
    free(r->rows);
    memset(r, 0, sizeof *r);
    r->first_core = -1;
}

void speed_row_identity(struct speed_row *row, const struct speed_subject *s, enum speed_mode mode,
                        const struct size_request *size, uint64_t size_bytes,
                        const struct speed_options *o)
{
    row->implementation = s->name;
    row->activation = s->activation_name;
    row->method = s->method;
    row->isa = s->isa;
    row->mode = speed_mode_name(mode);
    row->size_label = size_label_name(size->label);
    row->size_bytes = size_bytes;
    row->distribution = input_distribution_name(o->distribution);
    row->seed = o->seed;
}

void speed_row_core(struct speed_row *row, const struct machine_topology *t, size_t position,
                    int pinned)
{
    const struct core_info *core = &t->cores[position];
    row->core = core->index;
    row->cpu = pinned ? core->pu_os_index : -1;
    snprintf(row->core_kind, sizeof row->core_kind, "%s", t->kinds[core->kind].name);
}

void speed_row_measurement(struct speed_row *row, const struct speed_call *k,
                           const struct speed_measurement *m, const char *clock_name)
{
    row->bytes = k->bytes;
    row->moved_bytes = k->moved_bytes;
    row->elements = k->n;
    row->call_elements = k->kind == SPEED_CALL_CHAIN ? k->block : k->n;
    row->clock = clock_name;
    row->repetitions = m->repetitions;
    row->cpe_min = m->cpe_min;
    row->cpe_median = m->cpe_median;
    row->cpe_max = m->cpe_max;
    row->ns_per_element_median = m->ns_median;
    row->core_ghz = m->core_ghz;
    speed_note_append(row->note, sizeof row->note, m->note);
}

struct speed_row *speed_row_unmeasured(struct speed_context *c, const struct speed_subject *s,
                                       enum speed_mode mode, const struct size_request *size,
                                       uint64_t size_bytes, int core_position, const char *status,
                                       const char *note, char *error, size_t error_size)
{
    struct speed_row *row = speed_report_add(c->report, error, error_size);
    if (!row)
        return NULL;
    speed_row_identity(row, s, mode, size, size_bytes, c->options);
    if (core_position >= 0)
        speed_row_core(row, c->topology, (size_t)core_position, 0);
    row->status = status;
    snprintf(row->note, sizeof row->note, "%s", note);
    return row;
}

/* The copy row a row is divided by: same mode, size, core, threads and
 * (latency) call size. */
static int same_cell(const struct speed_row *a, const struct speed_row *b)
{
    return strcmp(a->mode, b->mode) == 0 && strcmp(a->size_label, b->size_label) == 0 &&
           a->size_bytes == b->size_bytes && a->core == b->core && a->threads == b->threads &&
           (strcmp(a->mode, "latency") != 0 || a->call_elements == b->call_elements);
}

/* The floor of a measured row: the main loop its mode runs (the forward
 * in throughput and all-cores rows, the gradient in gradient rows), its
 * operations over the pipes the measuring core issues at the ISA's width
 * (impls/isa.c's core table, machine.csv floor.pipes; the ISA table's
 * vector_pipes for a core the table does not know). */
static void fill_floor(struct speed_row *row)
{
    int gradient = strcmp(row->mode, "gradient_throughput") == 0;
    if (speed_is_copy_name(row->implementation) ||
        (!gradient && strcmp(row->mode, "throughput") != 0 &&
         strcmp(row->mode, "all_cores_throughput") != 0))
        return; /* latency: bound by the chain, not by operations */
    const struct kernel_ops *ops = kernel_ops_find(row->implementation);
    if (!ops) {
        row->floor_note = strcmp(row->method, "external") == 0
                              ? "loaded with --kernel: its code is not counted"
                              : "not counted in this build";
        return;
    }
    const struct kernel_loop_ops *loop = gradient ? &ops->gradient : &ops->forward;
    row->ops_per_element = kernel_loop_ops_per_element(loop);
    if (isnan(row->ops_per_element)) {
        row->floor_note = loop->no_floor;
        return;
    }
    int pipes = core_pipes_for_isa(core_pipes_this_cpu(), isa_by_name(row->isa));
    if (pipes <= 0) {
        row->floor_note = "its ISA has no vector_pipes in impls/isa.inc";
        return;
    }
    row->floor_cpe = row->ops_per_element / pipes;
    if (row->floor_cpe > 0.0)
        row->ratio_to_floor = row->cpe_median / row->floor_cpe;
}

/* Bytes per element: the buffers a pass reads and writes (inputs,
 * outputs, and for the gradient x, dy, dx, a parameter gradient and y
 * where dx depends on it) over the elements. */
static void fill_bandwidth(struct speed_row *row)
{
    if (strcmp(row->mode, "latency") == 0 || row->elements == 0)
        return;
    row->bytes_per_element = (double)row->moved_bytes / (double)row->elements;
    if (row->ns_per_element_median > 0.0)
        row->gb_per_s = row->bytes_per_element / row->ns_per_element_median;
}

/* The measured row of the baseline kernel named (copy, copy2) in a row's
 * cell, or NULL. */
static const struct speed_row *baseline_of(const struct speed_report *r, const struct speed_row *row,
                                           const char *name)
{
    for (size_t j = 0; j < r->count; j++) {
        const struct speed_row *b = &r->rows[j];
        if (strcmp(b->implementation, name) == 0 && same_cell(row, b) && b->cpe_median > 0.0)
            return b;
    }
    return NULL;
}

/* The copy (or copy2) a row divides by: the 512-bit one for a row of a
 * 512-bit ISA where it was measured in the row's cell, else the 256-bit
 * one.  The copy rows divide by themselves. */
static const struct speed_row *copy_of(const struct speed_report *r, const struct speed_row *row,
                                       int two_input)
{
    int isa = isa_by_name(row->isa);
    if (isa >= 0 && isa_table[isa].vector_bits == 512) {
        const struct speed_row *wide = baseline_of(r, row, two_input ? "copy2_avx512f" : "copy_avx512f");
        if (wide)
            return wide;
    }
    return baseline_of(r, row, two_input ? "copy2" : "copy");
}

void speed_report_fill_ratios(struct speed_report *r)
{
    for (size_t i = 0; i < r->count; i++) {
        struct speed_row *row = &r->rows[i];
        if (!isfinite(row->cpe_median))
            continue;
        fill_floor(row);
        fill_bandwidth(row);
    }
    for (size_t i = 0; i < r->count; i++) {
        struct speed_row *row = &r->rows[i];
        if (!isfinite(row->cpe_median))
            continue;
        /* copy2 divides by the copy of its width, as every row does */
        const struct speed_row *copy = copy_of(r, row, 0);
        if (copy) {
            row->ratio_to_copy = row->cpe_median / copy->cpe_median;
            row->copy_gb_per_s = copy->gb_per_s;
        }
    }
    /* ratio_to_copy2: every gradient row, the copies' own included */
    for (size_t i = 0; i < r->count; i++) {
        struct speed_row *row = &r->rows[i];
        if (!isfinite(row->cpe_median) || strcmp(row->mode, "gradient_throughput") != 0)
            continue;
        const struct speed_row *copy2 = copy_of(r, row, 1);
        if (copy2)
            row->ratio_to_copy2 = row->cpe_median / copy2->cpe_median;
    }
}

const struct speed_row *speed_report_l1_row(const struct speed_report *r,
                                            const char *implementation)
{
    for (size_t i = 0; i < r->count; i++) {
        const struct speed_row *row = &r->rows[i];
        if (row->threads == 1 && row->core == r->first_core &&
            strcmp(row->implementation, implementation) == 0 &&
            strcmp(row->mode, "throughput") == 0 && strcmp(row->size_label, "L1") == 0 &&
            isfinite(row->cpe_median))
            return row;
    }
    return NULL;
}

int speed_report_l1_summary(const struct speed_report *r, const char *implementation,
                            double *cpe_median, double *ratio_to_copy)
{
    const struct speed_row *row = speed_report_l1_row(r, implementation);
    *cpe_median = row ? row->cpe_median : NAN;
    *ratio_to_copy = row ? row->ratio_to_copy : NAN;
    return row ? 0 : -1;
}
