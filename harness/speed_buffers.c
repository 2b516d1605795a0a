/* Buffers and call setup of the speed driver (see speed_buffers.h). */
#include "speed_buffers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Buffers are staggered by this many bytes modulo 4 KiB (see speed.h). */
#define BUFFER_STAGGER 192
#define BUFFER_COUNT 6
#define PAGE 4096

static size_t round_up(size_t v, size_t to)
{
    return (v + to - 1) / to * to;
}

/* Bytes of one buffer at this working set.  The largest need is maxout's
 * throughput input, 4/5 of the set (n inputs and n/4 outputs), so a
 * buffer of the whole set covers every mode and element type; 64 floats
 * cover one softmax row or maxout group at tiny sizes. */
static size_t buffer_capacity_bytes(uint64_t bytes)
{
    size_t floats = (size_t)(bytes / sizeof(float));
    return (floats < 64 ? 64 : floats) * sizeof(float);
}

static size_t buffer_region_bytes(uint64_t bytes)
{
    return round_up(buffer_capacity_bytes(bytes), PAGE) + PAGE;
}

size_t speed_buffers_arena_bytes(uint64_t bytes)
{
    return buffer_region_bytes(bytes) * BUFFER_COUNT;
}

int speed_buffers_open(struct speed_buffers *b, uint64_t bytes, char *error, size_t error_size)
{
    memset(b, 0, sizeof *b);
    b->capacity_bytes = buffer_capacity_bytes(bytes);
    size_t region = buffer_region_bytes(bytes);
    b->arena_bytes = region * BUFFER_COUNT;
    b->arena = aligned_alloc(PAGE, b->arena_bytes);
    if (!b->arena) {
        snprintf(error, error_size, "out of memory allocating %zu bytes of buffers", b->arena_bytes);
        return -1;
    }
    /* First touch by the measuring thread: pages on its NUMA node. */
    memset(b->arena, 0, b->arena_bytes);
    void **slots[BUFFER_COUNT] = {&b->x, &b->x_work, &b->y, &b->dy, &b->dx, &b->dparam};
    for (size_t k = 0; k < BUFFER_COUNT; k++)
        *slots[k] = (char *)b->arena + k * region + k * BUFFER_STAGGER % PAGE;
    return 0;
}

void speed_buffers_close(struct speed_buffers *b)
{
    free(b->arena);
    memset(b, 0, sizeof *b);
}

/* Largest count of whole blocks (multiple inputs, out_per_block outputs
 * each) whose buffers fit in bytes; at least one block. */
static size_t elements_for(uint64_t bytes, size_t element_size, size_t multiple,
                           size_t out_per_block, unsigned input_buffers, unsigned output_buffers,
                           uint64_t *used)
{
    uint64_t block_bytes = element_size * ((uint64_t)input_buffers * multiple +
                                           (uint64_t)output_buffers * out_per_block);
    uint64_t blocks = bytes / block_bytes;
    if (blocks == 0)
        blocks = 1;
    *used = blocks * block_bytes;
    return (size_t)(blocks * multiple);
}

static int fill_x(struct speed_buffers *b, const struct speed_subject *s,
                  const struct speed_options *o, size_t n, char *error, size_t error_size)
{
    if (b->x_filled == n && b->x_type == s->type)
        return 0;
    b->x_filled = 0;
    if (speed_subject_fill(s, o->distribution, o->seed, b->x, n, error, error_size))
        return -1;
    b->x_filled = n;
    b->x_type = s->type;
    return 0;
}

/* The upstream gradient: narrow uniform, from the next seed. */
static int fill_dy(struct speed_buffers *b, const struct speed_subject *s,
                   const struct speed_options *o, size_t n, char *error, size_t error_size)
{
    if (b->dy_filled == n && b->dy_type == s->type)
        return 0;
    b->dy_filled = 0;
    if (speed_subject_fill(s, DIST_NARROW, o->seed + 1, b->dy, n, error, error_size))
        return -1;
    b->dy_filled = n;
    b->dy_type = s->type;
    return 0;
}

/* Latency: a chain of calls of block inputs; x (base), x_work, y. */
static int setup_chain(struct speed_call *k, const struct speed_subject *s, uint64_t bytes,
                       size_t block, struct speed_buffers *b, const struct speed_options *o,
                       char *error, size_t error_size)
{
    if (block == 0)
        block = s->input_multiple;
    size_t out_per_block = speed_subject_outputs(s, block);
    k->n = elements_for(bytes, s->element_size, block, out_per_block, 2, 1, &k->bytes);
    k->kind = SPEED_CALL_CHAIN;
    k->block = block;
    k->out_block = out_per_block;
    k->blocks = k->n / block;
    k->unit_elements = block;
    k->moved_bytes = k->bytes;
    return fill_x(b, s, o, k->n, error, error_size);
}

/* Gradient: x, dx (, dparam) in, y, dy out-sized. */
static int setup_gradient(struct speed_call *k, const struct speed_subject *s, uint64_t bytes,
                          struct speed_buffers *b, const struct speed_options *o, char *error,
                          size_t error_size)
{
    size_t multiple = s->input_multiple;
    k->n = elements_for(bytes, s->element_size, multiple, speed_subject_outputs(s, multiple),
                        k->dparam ? 3 : 2, 2, &k->bytes);
    if (s->is_copy) /* copy reads dy, copy2 x and dy; both write dx */
        k->bytes = k->n * (uint64_t)(s->is_copy + 1) * s->element_size;
    k->moved_bytes = k->bytes;
    k->kind = SPEED_CALL_GRADIENT;
    k->unit_elements = k->n;
    size_t out = speed_subject_outputs(s, k->n);
    if (fill_x(b, s, o, k->n, error, error_size) || fill_dy(b, s, o, out, error, error_size))
        return -1;
    /* y as this subject computes it, the gradient's input */
    if (speed_subject_has_forward(s))
        speed_subject_forward(s, b->x, b->y, k->n);
    else
        memcpy(b->y, b->x, out * s->element_size);
    if (!s->is_copy && speed_subject_has_gradient(s) &&
        !speed_subject_gradient_depends_on_y(s, b->x, b->y, b->dy,
                                             s->gradient_dparam ? b->dparam : NULL, k->n))
        k->moved_bytes -= (uint64_t)out * s->element_size;
    return 0;
}

int speed_call_setup(struct speed_call *k, const struct speed_subject *s, enum speed_mode mode,
                     uint64_t bytes, size_t block, struct speed_buffers *b,
                     const struct speed_options *o, char *error, size_t error_size)
{
    memset(k, 0, sizeof *k);
    k->type = s->type;
    k->element_size = s->element_size;
    k->forward = s->forward;
    k->gradient = s->gradient;
    k->params = s->params;
    k->x = b->x;
    k->x_work = b->x_work;
    k->y = b->y;
    k->dy = b->dy;
    k->dx = b->dx;
    k->dparam = s->gradient_dparam ? b->dparam : NULL;
    switch (mode) {
    case SPEED_MODE_LATENCY:
        return setup_chain(k, s, bytes, block, b, o, error, error_size);
    case SPEED_MODE_GRADIENT_THROUGHPUT:
        return setup_gradient(k, s, bytes, b, o, error, error_size);
    default: {
        size_t multiple = s->input_multiple;
        k->n = elements_for(bytes, s->element_size, multiple, speed_subject_outputs(s, multiple),
                            1, 1, &k->bytes);
        k->moved_bytes = k->bytes;
        k->kind = SPEED_CALL_FORWARD;
        k->unit_elements = k->n;
        return fill_x(b, s, o, k->n, error, error_size);
    }
    }
}
