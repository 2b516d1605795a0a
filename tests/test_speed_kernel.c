/*
 * How the speed driver calls a kernel (harness/speed_kernel.h), for each
 * element type and with or without a gradient: a call set up over the
 * buffers in each mode must size its elements by the element size, hand
 * the kernel inputs in its own type, and, run, leave every output the
 * kernel's result for its input (the latency chain changes no value).
 * The 16-bit kernels are stand-ins defined here (bf16 relu and maxout on
 * their encodings), built as subjects by hand.  No speed is measured.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../harness/speed_buffers.h"
#include "../harness/speed_kernel.h"
#include "../reference/format.h"

#include "check.h"

/* The working set every call below is set up for. */
#define WORKING_SET 4096u

static void relu_f32(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = x[i] > 0.0f ? x[i] : 0.0f;
}

static void relu_f32_gradient(const float *x, const float *y, const float *dy, float *dx,
                              float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++)
        dx[i] = x[i] > 0.0f ? dy[i] : 0.0f;
}

/* bf16 encodings: the sign bit says negative (or -0), 0 is +0. */
static int bf16_positive(uint16_t bits)
{
    return !(bits & 0x8000u) && bits != 0;
}

static void relu_bf16(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = bf16_positive(x[i]) ? x[i] : 0;
}

static void relu_bf16_gradient(const uint16_t *x, const uint16_t *y, const uint16_t *dy,
                               uint16_t *dx, uint16_t *dparam, size_t n,
                               const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    for (size_t i = 0; i < n; i++)
        dx[i] = bf16_positive(x[i]) ? dy[i] : 0;
}

static float bf16_value(uint16_t bits)
{
    return format_decode16(FMT_BF16, bits);
}

static void maxout_bf16(const uint16_t *x, uint16_t *y, size_t n, const struct actbench_params *p)
{
    for (size_t g = 0; g < n / p->group; g++) {
        uint16_t m = x[g * p->group];
        for (size_t i = 1; i < p->group; i++)
            if (bf16_value(x[g * p->group + i]) > bf16_value(m))
                m = x[g * p->group + i];
        y[g] = m;
    }
}

static const struct actbench_kernel test_kernels[] = {
    {.name = "test_relu_f32", .activation = "relu", .isa = "scalar", .unroll = 1,
     .forward.f32 = relu_f32, .gradient.f32 = relu_f32_gradient, .description = "x > 0 ? x : 0"},
    {.name = "test_relu_f32_forward_only", .activation = "relu", .isa = "scalar", .unroll = 1,
     .forward.f32 = relu_f32, .description = "x > 0 ? x : 0, no gradient"},
    {.name = "test_maxout_f32", .activation = "maxout", .isa = "scalar", .unroll = 1,
     .description = "only its activation is used"},
};
static struct implementation relu_shape = {
    .name = "test_relu_f32", .kernel = &test_kernels[0]};
static struct implementation relu_forward_only = {
    .name = "test_relu_f32_forward_only", .kernel = &test_kernels[1]};
static struct implementation maxout_shape = {
    .name = "test_maxout_f32", .kernel = &test_kernels[2]};

/* A 16-bit subject with the activation of shape. */
static struct speed_subject subject_u16(const struct implementation *shape, enum actbench_type type,
                                        actbench_forward_u16_fn forward,
                                        actbench_gradient_u16_fn gradient)
{
    struct speed_subject s = speed_subject_of(shape);
    s.type = type;
    s.element_size = sizeof(uint16_t);
    s.forward.u16 = forward;
    s.gradient.u16 = gradient;
    return s;
}

static void check_subjects(void)
{
    struct speed_subject s = speed_subject_of(&relu_shape);
    check(s.type == ACTBENCH_F32 && s.element_size == 4 && speed_subject_has_forward(&s) &&
              speed_subject_has_gradient(&s) && strcmp(s.activation_name, "relu") == 0,
          "an f32 implementation is an f32 subject with its forward and gradient");
    s = speed_subject_of(&relu_forward_only);
    check(speed_subject_has_forward(&s) && !speed_subject_has_gradient(&s),
          "a forward-only implementation is a subject without gradient");
    s = subject_u16(&relu_shape, ACTBENCH_BF16, relu_bf16, NULL);
    check(speed_subject_has_forward(&s) && !speed_subject_has_gradient(&s),
          "a forward-only bf16 subject has a forward and no gradient");
    s = speed_subject_copy();
    check(s.is_copy && s.element_size == 4 && speed_subject_has_gradient(&s) &&
              speed_subject_outputs(&s, 10) == 10,
          "the copy kernel is an f32 subject with a gradient");
    s = speed_subject_copy2();
    check(s.is_copy == 2 && s.element_size == 4 && speed_subject_has_gradient(&s) &&
              !speed_subject_has_forward(&s) && strcmp(s.name, "copy2") == 0,
          "the two-input copy is an f32 subject with a gradient and no forward");
    /* dx = x | dy bit for bit over every length through both unrolled
     * loops and the tail, nothing written at or past n */
    enum { LENGTH = 77 };
    float x[LENGTH], dy[LENGTH], dx[LENGTH + 1];
    for (size_t i = 0; i < LENGTH; i++) {
        x[i] = (float)i * -0.375f + 1.0f;
        dy[i] = (float)(i % 7) * 3.0e-3f - 2.5e-3f;
    }
    size_t bad = 0;
    for (size_t n = 0; n <= LENGTH; n++) {
        memset(dx, 0x5a, sizeof dx);
        s.gradient.f32(x, NULL, dy, dx, NULL, n, &s.params);
        for (size_t i = 0; i <= LENGTH; i++) {
            uint32_t a, b, got, want = 0x5a5a5a5au;
            memcpy(&got, &dx[i], sizeof got);
            if (i < n) {
                memcpy(&a, &x[i], sizeof a);
                memcpy(&b, &dy[i], sizeof b);
                want = a | b;
            }
            bad += got != want;
        }
    }
    char detail[64];
    snprintf(detail, sizeof detail, "%zu wrong elements", bad);
    check_detail(bad == 0, "the two-input copy writes x | dy to [0, n) and nothing else", detail);
}

/* A call of s in mode over the working set; a failure is printed. */
static int setup(struct speed_call *k, const struct speed_subject *s, enum speed_mode mode,
                 struct speed_buffers *b, const struct speed_options *o)
{
    char error[256] = "";
    int rc = speed_call_setup(k, s, mode, WORKING_SET, 0, b, o, error, sizeof error);
    if (rc)
        printf("      setting up %s %s: %s\n", s->name, speed_mode_name(mode), error);
    return rc;
}

/* x holds the distribution's values rounded to the format. */
static int inputs_are_rounded(enum number_format format, const uint16_t *x, size_t n,
                              enum input_distribution d, uint64_t seed)
{
    float values[WORKING_SET];
    input_distribution_fill(d, seed, values, n);
    for (size_t i = 0; i < n; i++)
        if (format_decode16(format, x[i]) != format_round(format, values[i]))
            return 0;
    return 1;
}

static void check_u16_throughput_and_chain(struct speed_buffers *b, const struct speed_options *o)
{
    struct speed_subject s = subject_u16(&relu_shape, ACTBENCH_BF16, relu_bf16, relu_bf16_gradient);
    struct speed_call k;
    int rc = setup(&k, &s, SPEED_MODE_THROUGHPUT, b, o);
    check(rc == 0 && k.n == WORKING_SET / 4 && k.bytes == WORKING_SET && k.unit_elements == k.n,
          "bf16 throughput: x and y of 2-byte elements fill the working set (%zu elements, %llu "
          "bytes)", k.n, (unsigned long long)k.bytes);
    check(inputs_are_rounded(FMT_BF16, b->x, k.n, o->distribution, o->seed),
          "bf16 throughput: the inputs are the distribution's values rounded to bf16");
    speed_call_run(&k, 3);
    const uint16_t *x = b->x, *y = b->y;
    size_t wrong = 0;
    for (size_t i = 0; i < k.n; i++)
        wrong += y[i] != (bf16_positive(x[i]) ? x[i] : 0);
    check(wrong == 0, "bf16 throughput: every output is relu of its input (%zu wrong)", wrong);

    rc = setup(&k, &s, SPEED_MODE_LATENCY, b, o);
    check(rc == 0 && k.block == 1 && k.n == WORKING_SET / 6 && k.bytes == k.n * 6,
          "bf16 latency: x, x_work and y of 2-byte elements (%zu elements)", k.n);
    memset(b->y, 0xff, k.n * sizeof(uint16_t));
    speed_call_run(&k, k.n + 5);
    wrong = 0;
    for (size_t i = 0; i < k.n; i++)
        wrong += y[i] != (bf16_positive(x[i]) ? x[i] : 0);
    check(wrong == 0 && k.position == 5,
          "bf16 latency: the chain reaches every element and changes no value (%zu wrong, at %zu)",
          wrong, k.position);

    rc = setup(&k, &s, SPEED_MODE_GRADIENT_THROUGHPUT, b, o);
    check(rc == 0 && k.n == WORKING_SET / 8 && k.bytes == WORKING_SET,
          "bf16 gradient: x, dx, y and dy of 2-byte elements (%zu elements)", k.n);
    check(inputs_are_rounded(FMT_BF16, b->dy, k.n, DIST_NARROW, o->seed + 1),
          "bf16 gradient: dy is narrow uniform rounded to bf16");
    speed_call_run(&k, 2);
    const uint16_t *dy = b->dy, *dx = b->dx;
    wrong = 0;
    for (size_t i = 0; i < k.n; i++)
        wrong += dx[i] != (bf16_positive(x[i]) ? dy[i] : 0) || y[i] != (bf16_positive(x[i]) ? x[i] : 0);
    check(wrong == 0, "bf16 gradient: y is the forward's, dx the gradient's (%zu wrong)", wrong);
}

static void check_u16_maxout(struct speed_buffers *b, const struct speed_options *o)
{
    struct speed_subject s = subject_u16(&maxout_shape, ACTBENCH_BF16, maxout_bf16, NULL);
    size_t group = s.params.group;
    struct speed_call k;
    int rc = setup(&k, &s, SPEED_MODE_THROUGHPUT, b, o);
    /* group inputs and one output per block, 2 bytes each */
    size_t blocks = WORKING_SET / (2 * (group + 1));
    check(rc == 0 && k.n == blocks * group && k.bytes == blocks * 2 * (group + 1),
          "bf16 maxout throughput: whole groups of 2-byte elements (%zu elements)", k.n);
    speed_call_run(&k, 1);
    const uint16_t *y = b->y;
    uint16_t want[WORKING_SET];
    maxout_bf16(b->x, want, k.n, &s.params);
    check(memcmp(y, want, k.n / group * sizeof *y) == 0, "bf16 maxout throughput: one output per group");

    rc = setup(&k, &s, SPEED_MODE_LATENCY, b, o);
    blocks = WORKING_SET / (2 * (2 * group + 1));
    check(rc == 0 && k.block == group && k.out_block == 1 && k.n == blocks * group,
          "bf16 maxout latency: calls of one group (%zu elements)", k.n);
    speed_call_run(&k, blocks);
    check(memcmp(y, want, blocks * sizeof *y) == 0 && k.position == 0,
          "bf16 maxout latency: the chain computes every group's maximum");
}

static void check_f32_after_u16(struct speed_buffers *b, const struct speed_options *o)
{
    struct speed_subject s = speed_subject_of(&relu_shape);
    struct speed_call k;
    int rc = setup(&k, &s, SPEED_MODE_THROUGHPUT, b, o);
    float values[WORKING_SET];
    input_distribution_fill(o->distribution, o->seed, values, k.n);
    check(rc == 0 && k.n == WORKING_SET / 8 && memcmp(b->x, values, k.n * sizeof(float)) == 0,
          "f32 after bf16: x is refilled with the f32 inputs (%zu elements)", k.n);
    speed_call_run(&k, 1);
    const float *y = b->y;
    size_t wrong = 0;
    for (size_t i = 0; i < k.n; i++)
        wrong += y[i] != (values[i] > 0.0f ? values[i] : 0.0f);
    check(wrong == 0, "f32 throughput: every output is relu of its input (%zu wrong)", wrong);
}

static void check_f16_inputs(struct speed_buffers *b, const struct speed_options *o)
{
    struct speed_subject s = subject_u16(&relu_shape, ACTBENCH_F16, relu_bf16, NULL);
    struct speed_call k;
    int rc = setup(&k, &s, SPEED_MODE_THROUGHPUT, b, o);
    check(rc == 0 && inputs_are_rounded(FMT_F16, b->x, k.n, o->distribution, o->seed),
          "f16 throughput: the inputs are the distribution's values rounded to f16");
}

int main(void)
{
    struct implementation *shapes[] = {&relu_shape, &relu_forward_only, &maxout_shape};
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++)
        shapes[i]->activation = activation_by_name(shapes[i]->kernel->activation);
    check_subjects();
    struct speed_options o;
    speed_options_default(&o);
    struct speed_buffers b;
    char error[256];
    if (speed_buffers_open(&b, WORKING_SET, error, sizeof error)) {
        check(0, "open the buffers: %s", error);
        return check_summary("test_speed_kernel");
    }
    check_u16_throughput_and_chain(&b, &o);
    check_u16_maxout(&b, &o);
    check_f32_after_u16(&b, &o);
    check_f16_inputs(&b, &o);
    speed_buffers_close(&b);
    return check_summary("test_speed_kernel");
}
