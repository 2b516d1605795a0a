/* How the speed driver calls what it measures (see speed_kernel.h). */
#include "speed_kernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../impls/isa.h"
#include "../reference/format.h"
#include "speed_copy.h"

/* ---- subjects: the driver's one view of the registry and the catalog ---------- */

static size_t element_size_of(enum actbench_type type)
{
    return type == ACTBENCH_F32 ? sizeof(float) : sizeof(uint16_t);
}

struct speed_subject speed_subject_of(const struct implementation *impl)
{
    struct speed_subject s = {
        .name = impl->name,
        .activation_name = activation_catalog[impl->activation].name,
        .method = impl_method_name(impl->method),
        .isa = isa_table[impl->isa].name,
        .runnable = impl_runs_here(impl),
        .skip_status = impl_skip_status(impl),
        .skip_note = impl_skip_note(impl),
        .gradient_dparam = activation_catalog[impl->activation].param_gradient,
        .type = impl->kernel->type,
        .forward = impl->kernel->forward,
        .gradient = impl->kernel->gradient,
        .activation = impl->activation,
    };
    s.element_size = element_size_of(s.type);
    act_params_default(impl->activation, &s.params);
    s.input_multiple = activation_input_multiple(impl->activation, &s.params);
    return s;
}

struct speed_subject speed_subject_copy(void)
{
    struct speed_subject s = {
        .name = "copy",
        .activation_name = "",
        .method = "",
        .isa = speed_copy_isa_name(),
        .is_copy = 1,
        .runnable = 1,
        .input_multiple = 1,
        .type = ACTBENCH_F32,
        .element_size = sizeof(float),
        .forward.f32 = speed_copy_forward,
        .gradient.f32 = speed_copy_gradient,
        .activation = ACT_COUNT, /* none: copy reads no parameter */
    };
    return s;
}

struct speed_subject speed_subject_copy2(void)
{
    struct speed_subject s = speed_subject_copy();
    s.name = "copy2";
    s.is_copy = 2;
    s.forward.f32 = NULL;
    s.gradient.f32 = speed_copy2_gradient;
    return s;
}

struct speed_subject speed_subject_copy512(void)
{
    struct speed_subject s = speed_subject_copy();
    s.name = "copy_avx512f";
    s.isa = "avx512f";
    s.forward.f32 = speed_copy512_forward;
    s.gradient.f32 = speed_copy512_gradient;
    return s;
}

struct speed_subject speed_subject_copy2_512(void)
{
    struct speed_subject s = speed_subject_copy2();
    s.name = "copy2_avx512f";
    s.isa = "avx512f";
    s.gradient.f32 = speed_copy2_512_gradient;
    return s;
}

size_t speed_copy_subjects(int gradient, struct speed_subject *out)
{
    size_t n = 0;
    int wide = speed_copy512_available();
    out[n++] = speed_subject_copy();
    if (gradient)
        out[n++] = speed_subject_copy2();
    if (wide)
        out[n++] = speed_subject_copy512();
    if (wide && gradient)
        out[n++] = speed_subject_copy2_512();
    return n;
}

int speed_is_copy_name(const char *name)
{
    return strcmp(name, "copy") == 0 || strcmp(name, "copy2") == 0 ||
           strcmp(name, "copy_avx512f") == 0 || strcmp(name, "copy2_avx512f") == 0;
}

int speed_subject_has_forward(const struct speed_subject *s)
{
    return s->type == ACTBENCH_F32 ? s->forward.f32 != NULL : s->forward.u16 != NULL;
}

int speed_subject_has_gradient(const struct speed_subject *s)
{
    return s->type == ACTBENCH_F32 ? s->gradient.f32 != NULL : s->gradient.u16 != NULL;
}

size_t speed_subject_outputs(const struct speed_subject *s, size_t n)
{
    return s->is_copy ? n : activation_output_count(s->activation, &s->params, n);
}

/* ---- element types ------------------------------------------------------------- */

int speed_subject_fill(const struct speed_subject *s, enum input_distribution d, uint64_t seed,
                       void *dst, size_t n, char *error, size_t error_size)
{
    if (s->type == ACTBENCH_F32) {
        input_distribution_fill(d, seed, dst, n);
        return 0;
    }
    /* 16-bit: the same values as f32 inputs, rounded to the format */
    float *values = malloc((n ? n : 1) * sizeof *values);
    if (!values) {
        snprintf(error, error_size, "out of memory for %zu timing inputs", n);
        return -1;
    }
    input_distribution_fill(d, seed, values, n);
    enum number_format format = (enum number_format)s->type;
    uint16_t *encoded = dst;
    for (size_t i = 0; i < n; i++)
        encoded[i] = format_encode16(format, format_round(format, values[i]));
    free(values);
    return 0;
}

void speed_subject_forward(const struct speed_subject *s, const void *x, void *y, size_t n)
{
    if (s->type == ACTBENCH_F32)
        s->forward.f32(x, y, n, &s->params);
    else
        s->forward.u16(x, y, n, &s->params);
}

static void subject_gradient(const struct speed_subject *s, const void *x, const void *y,
                             const void *dy, void *dx, void *dparam, size_t n)
{
    if (s->type == ACTBENCH_F32)
        s->gradient.f32(x, y, dy, dx, dparam, n, &s->params);
    else
        s->gradient.u16(x, y, dy, dx, dparam, n, &s->params);
}

/* A gradient computed from x alone (most own kernels) gives the same dx,
 * and its pass moves x, dy and dx only; one that uses y (1 - y^2) gives
 * another. */
#define GRADIENT_PROBE 256
int speed_subject_gradient_depends_on_y(const struct speed_subject *s, const void *x, const void *y,
                                        const void *dy, void *dparam, size_t n)
{
    size_t multiple = s->input_multiple ? s->input_multiple : 1;
    size_t m = GRADIENT_PROBE / multiple * multiple;
    if (m == 0)
        m = multiple;
    if (m > n)
        m = n;
    size_t out = speed_subject_outputs(s, m), size = s->element_size;
    unsigned char *flipped = malloc(out * size), *dx0 = malloc(m * size), *dx1 = malloc(m * size);
    int depends = 1;
    if (flipped && dx0 && dx1) {
        memcpy(flipped, y, out * size);
        for (size_t i = 0; i < out; i++) {
            /* little-endian: the sign is the top bit of the last byte */
            flipped[i * size] ^= 1u;
            flipped[i * size + size - 1] ^= 0x80u;
        }
        subject_gradient(s, x, y, dy, dx0, dparam, m);
        subject_gradient(s, x, flipped, dy, dx1, dparam, m);
        depends = memcmp(dx0, dx1, m * size) != 0;
    }
    free(flipped);
    free(dx0);
    free(dx1);
    return depends;
}

/* ---- the timed calls ------------------------------------------------------------- */

/* Always 0; volatile so the compiler cannot know it and drop the chain. */
static volatile uint32_t chain_mask_source = 0;

/*
 * The latency chain: before each call, the call's inputs are the base
 * inputs with the previous call's last output folded in as
 * bits(x) ^ (bits(y_last) & 0).  The value is unchanged, but the CPU must
 * wait for y_last before the call can start.  Done on the bits rather than
 * as x + y*0 so that an infinite or NaN output cannot turn every later
 * input into NaN.  The cost of this (a store-forwarded load, an and, a
 * xor, a store) is in every latency row, and the copy latency row
 * measures it alone.
 *
 * Written once for every element size: size is a constant where it is
 * inlined, so each copy moves whole elements with plain loads and stores
 * (x86 is little-endian: a 16-bit element is the low half of bits).
 */
static inline __attribute__((always_inline)) void
chain_calls(struct speed_call *k, uint64_t calls, size_t size, union actbench_forward forward)
{
    uint32_t mask = chain_mask_source;
    uint32_t carry = k->carry;
    size_t position = k->position;
    for (uint64_t c = 0; c < calls; c++) {
        const unsigned char *base = (const unsigned char *)k->x + position * k->block * size;
        unsigned char *work = (unsigned char *)k->x_work + position * k->block * size;
        for (size_t j = 0; j < k->block; j++) {
            uint32_t bits = 0;
            memcpy(&bits, base + j * size, size);
            bits ^= carry;
            memcpy(work + j * size, &bits, size);
        }
        unsigned char *out = (unsigned char *)k->y + position * k->out_block * size;
        if (size == sizeof(float))
            forward.f32((const float *)work, (float *)out, k->block, &k->params);
        else
            forward.u16((const uint16_t *)work, (uint16_t *)out, k->block, &k->params);
        uint32_t last = 0;
        memcpy(&last, out + (k->out_block - 1) * size, size);
        carry = last & mask;
        if (++position == k->blocks)
            position = 0;
    }
    k->carry = carry;
    k->position = position;
}

static void run_f32(struct speed_call *k, uint64_t units)
{
    union actbench_forward forward = k->forward;
    actbench_gradient_f32_fn gradient = k->gradient.f32;
    /* Hide which functions these are, so the compiler cannot inline the
     * copy kernel into the loop and find stores it could drop. */
    __asm__ volatile("" : "+r"(forward.f32), "+r"(gradient));
    switch (k->kind) {
    case SPEED_CALL_FORWARD:
        for (uint64_t u = 0; u < units; u++)
            forward.f32(k->x, k->y, k->n, &k->params);
        break;
    case SPEED_CALL_GRADIENT:
        for (uint64_t u = 0; u < units; u++)
            gradient(k->x, k->y, k->dy, k->dx, k->dparam, k->n, &k->params);
        break;
    case SPEED_CALL_CHAIN:
        chain_calls(k, units, sizeof(float), forward);
        break;
    }
}

static void run_u16(struct speed_call *k, uint64_t units)
{
    union actbench_forward forward = k->forward;
    actbench_gradient_u16_fn gradient = k->gradient.u16;
    __asm__ volatile("" : "+r"(forward.u16), "+r"(gradient));
    switch (k->kind) {
    case SPEED_CALL_FORWARD:
        for (uint64_t u = 0; u < units; u++)
            forward.u16(k->x, k->y, k->n, &k->params);
        break;
    case SPEED_CALL_GRADIENT:
        for (uint64_t u = 0; u < units; u++)
            gradient(k->x, k->y, k->dy, k->dx, k->dparam, k->n, &k->params);
        break;
    case SPEED_CALL_CHAIN:
        chain_calls(k, units, sizeof(uint16_t), forward);
        break;
    }
}

void speed_call_run(struct speed_call *k, uint64_t units)
{
    if (k->type == ACTBENCH_F32)
        run_f32(k, units);
    else
        run_u16(k, units);
}
