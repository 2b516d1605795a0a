/*
 * The speed driver: throughput, latency, gradient and all-cores
 * measurements of every implementation and of a copy kernel, pinned per
 * core, reported as core cycles per element.  See speed.h for the method.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "speed.h"

#include <immintrin.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "../impls/isa.h"

typedef actbench_forward_f32_fn forward_fn;
typedef actbench_gradient_f32_fn gradient_fn;

/* A repetition lasts at least this long: the fenced TSC pair (some 40
 * cycles) is then below 0.1% of it, and a 250 Hz timer tick lands in
 * about one repetition in 200, which the median ignores. */
#define MIN_REPETITION_NS 20000.0
/* ... and at least this many times the clock's own cost (a perf read is a
 * system call of about a microsecond). */
#define MIN_REPETITION_OVERHEADS 1000.0
/* Bounds the per-measurement storage: 0.05 s / 20 us is 2500. */
#define MAX_REPETITIONS 1000000u
#define WARM_UP_FRACTION 0.1
/* The core clock may move this much between the calibrations around a
 * measurement before the row says so. */
#define DRIFT_NOTE_THRESHOLD 0.02
/* Before a core's first measurement: long enough for frequency governors
 * (which react within milliseconds to tens of milliseconds) to ramp up. */
#define CORE_WARM_UP_SECONDS 0.05
/* Buffers are staggered by this many bytes modulo 4 KiB (see speed.h). */
#define BUFFER_STAGGER 192
#define BUFFER_COUNT 6
#define PAGE 4096

/* ---- names --------------------------------------------------------------------- */

static const struct {
    enum speed_mode mode;
    const char *name;
} mode_names[] = {
    {SPEED_MODE_THROUGHPUT, "throughput"},
    {SPEED_MODE_LATENCY, "latency"},
    {SPEED_MODE_GRADIENT_THROUGHPUT, "gradient_throughput"},
    {SPEED_MODE_ALL_CORES_THROUGHPUT, "all_cores_throughput"},
};
#define MODE_COUNT (sizeof mode_names / sizeof mode_names[0])

const char *speed_mode_name(enum speed_mode mode)
{
    for (size_t i = 0; i < MODE_COUNT; i++)
        if (mode_names[i].mode == mode)
            return mode_names[i].name;
    return "?";
}

int speed_modes_parse(const char *text, unsigned *modes, char *error, size_t error_size)
{
    static const char valid[] =
        "valid modes are throughput, latency, gradient_throughput, all_cores_throughput, or all";
    *modes = 0;
    if (strcmp(text, "all") == 0) {
        *modes = SPEED_MODES_ALL;
        return 0;
    }
    const char *item = text;
    for (;;) {
        const char *comma = strchr(item, ',');
        size_t length = comma ? (size_t)(comma - item) : strlen(item);
        unsigned found = 0;
        for (size_t i = 0; i < MODE_COUNT; i++)
            if (strlen(mode_names[i].name) == length && strncmp(item, mode_names[i].name, length) == 0)
                found = mode_names[i].mode;
        if (!found) {
            snprintf(error, error_size, "--modes '%s': '%.*s' is not a mode; %s", text, (int)length,
                     item, valid);
            *modes = 0;
            return -1;
        }
        *modes |= found;
        if (!comma)
            break;
        item = comma + 1;
    }
    return 0;
}

static const char *const distribution_names[DIST_COUNT] = {"uniform", "narrow", "binades"};

const char *input_distribution_name(enum input_distribution d)
{
    return (unsigned)d < DIST_COUNT ? distribution_names[d] : "?";
}

enum input_distribution input_distribution_by_name(const char *name)
{
    for (int d = 0; d < DIST_COUNT; d++)
        if (strcmp(distribution_names[d], name) == 0)
            return (enum input_distribution)d;
    return DIST_COUNT;
}

/* ---- inputs ---------------------------------------------------------------------- */

/* SplitMix64 (Steele, Lea and Flood, 2014): small, fast, and every seed
 * gives a full-period, well-mixed stream. */
static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Uniform in [0, 1) on a grid of 2^-24, exact in float. */
static double unit_interval(uint64_t *state)
{
    return (double)(splitmix64(state) >> 40) * 0x1p-24;
}

/* Finite binades: biased exponents 0 (zero and subnormals) to 254. */
#define FINITE_EXPONENTS 255u

void input_distribution_fill(enum input_distribution d, uint64_t seed, float *x, size_t n)
{
    uint64_t state = seed;
    switch (d) {
    case DIST_NARROW:
        for (size_t i = 0; i < n; i++)
            x[i] = (float)(-1.0 + 2.0 * unit_interval(&state));
        break;
    case DIST_BINADES:
        /* Element i takes stratum i mod 510 (exponent and sign) and a random
         * significand; the shuffle then hides the period from branch
         * predictors. */
        for (size_t i = 0; i < n; i++) {
            uint32_t stratum = (uint32_t)(i % (2 * FINITE_EXPONENTS));
            uint32_t sign = stratum & 1u, exponent = stratum >> 1;
            uint32_t significand = (uint32_t)(splitmix64(&state) >> 41); /* 23 bits */
            uint32_t bits = sign << 31 | exponent << 23 | significand;
            memcpy(&x[i], &bits, sizeof bits);
        }
        for (size_t i = n; i > 1; i--) {
            size_t j = (size_t)(splitmix64(&state) % i);
            float t = x[i - 1];
            x[i - 1] = x[j];
            x[j] = t;
        }
        break;
    case DIST_UNIFORM:
    default:
        for (size_t i = 0; i < n; i++)
            x[i] = (float)(-10.0 + 20.0 * unit_interval(&state));
        break;
    }
}

/* ---- the copy kernel ------------------------------------------------------------- */

/* Plain unaligned moves, unrolled four times; written with intrinsics so
 * the compiler neither removes it nor replaces it by a call to memcpy. */
__attribute__((target("avx"))) static void copy_floats_avx(const float *x, float *y, size_t n)
{
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
        __m256 c = _mm256_loadu_ps(x + i + 16), d = _mm256_loadu_ps(x + i + 24);
        _mm256_storeu_ps(y + i, a);
        _mm256_storeu_ps(y + i + 8, b);
        _mm256_storeu_ps(y + i + 16, c);
        _mm256_storeu_ps(y + i + 24, d);
    }
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_loadu_ps(x + i));
    for (; i < n; i++)
        _mm_store_ss(y + i, _mm_load_ss(x + i));
}

static void copy_floats_sse2(const float *x, float *y, size_t n)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128 a = _mm_loadu_ps(x + i), b = _mm_loadu_ps(x + i + 4);
        __m128 c = _mm_loadu_ps(x + i + 8), d = _mm_loadu_ps(x + i + 12);
        _mm_storeu_ps(y + i, a);
        _mm_storeu_ps(y + i + 4, b);
        _mm_storeu_ps(y + i + 8, c);
        _mm_storeu_ps(y + i + 12, d);
    }
    for (; i + 4 <= n; i += 4)
        _mm_storeu_ps(y + i, _mm_loadu_ps(x + i));
    for (; i < n; i++)
        _mm_store_ss(y + i, _mm_load_ss(x + i));
}

static int copy_uses_avx(void)
{
    return __builtin_cpu_supports("avx");
}

static void copy_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    if (copy_uses_avx())
        copy_floats_avx(x, y, n);
    else
        copy_floats_sse2(x, y, n);
}

/* The gradient-mode copy moves dy to dx, as many elements as a gradient. */
static void copy_gradient(const float *x, const float *y, const float *dy, float *dx,
                          float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)y, (void)dparam;
    copy_forward(dy, dx, n, p);
}

static const char *copy_isa_name(void)
{
    return copy_uses_avx() ? "avx" : "sse2";
}

/* ---- buffers ------------------------------------------------------------------------ */

struct buffers {
    void *arena;
    size_t arena_bytes;
    size_t capacity; /* floats per buffer */
    float *x, *x_work, *y, *dy, *dx, *dparam;
    /* what x and dy hold, to refill only when needed */
    size_t x_filled, dy_filled;
};

static size_t round_up(size_t v, size_t to)
{
    return (v + to - 1) / to * to;
}

/* Capacity: the most floats one buffer needs at this working set.  The
 * largest is maxout's throughput input, 4/5 of the set (n inputs and n/4
 * outputs); a quarter of the bytes in floats covers every mode, and 64
 * covers one softmax row or maxout group at tiny sizes. */
static size_t buffer_capacity(uint64_t bytes)
{
    size_t c = (size_t)(bytes / 4);
    return c < 64 ? 64 : c;
}

static size_t buffers_arena_bytes(uint64_t bytes)
{
    size_t region = round_up(buffer_capacity(bytes) * sizeof(float), PAGE) + PAGE;
    return region * BUFFER_COUNT;
}

static int buffers_open(struct buffers *b, uint64_t bytes, char *error, size_t error_size)
{
    memset(b, 0, sizeof *b);
    b->capacity = buffer_capacity(bytes);
    size_t region = round_up(b->capacity * sizeof(float), PAGE) + PAGE;
    b->arena_bytes = region * BUFFER_COUNT;
    b->arena = aligned_alloc(PAGE, b->arena_bytes);
    if (!b->arena) {
        snprintf(error, error_size, "out of memory allocating %zu bytes of buffers", b->arena_bytes);
        return -1;
    }
    /* First touch by the measuring thread: pages on its NUMA node. */
    memset(b->arena, 0, b->arena_bytes);
    float **slots[BUFFER_COUNT] = {&b->x, &b->x_work, &b->y, &b->dy, &b->dx, &b->dparam};
    for (size_t k = 0; k < BUFFER_COUNT; k++)
        *slots[k] = (float *)((char *)b->arena + k * region + k * BUFFER_STAGGER % PAGE);
    return 0;
}

static void buffers_close(struct buffers *b)
{
    free(b->arena);
    memset(b, 0, sizeof *b);
}

/* ---- kernels --------------------------------------------------------------------------- */

enum kernel_kind { KERNEL_FORWARD, KERNEL_GRADIENT, KERNEL_CHAIN };

struct kernel {
    enum kernel_kind kind;
    forward_fn forward;
    gradient_fn gradient;
    struct actbench_params params;
    const float *x;
    float *x_work, *y, *dx, *dparam;
    const float *dy;
    size_t n;              /* inputs per pass */
    size_t block, out_block, blocks, position; /* chain */
    uint32_t carry;
    size_t unit_elements;  /* inputs per kernel_run unit */
    uint64_t bytes;        /* working set */
};

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
 */
static void chain_run(struct kernel *k, uint64_t calls, forward_fn forward)
{
    uint32_t mask = chain_mask_source;
    uint32_t carry = k->carry;
    size_t position = k->position;
    for (uint64_t c = 0; c < calls; c++) {
        const float *base = k->x + position * k->block;
        float *work = k->x_work + position * k->block;
        for (size_t j = 0; j < k->block; j++) {
            uint32_t bits;
            memcpy(&bits, &base[j], sizeof bits);
            bits ^= carry;
            memcpy(&work[j], &bits, sizeof bits);
        }
        float *out = k->y + position * k->out_block;
        forward(work, out, k->block, &k->params);
        uint32_t last;
        memcpy(&last, &out[k->out_block - 1], sizeof last);
        carry = last & mask;
        if (++position == k->blocks)
            position = 0;
    }
    k->carry = carry;
    k->position = position;
}

static void kernel_run(struct kernel *k, uint64_t units)
{
    forward_fn forward = k->forward;
    gradient_fn gradient = k->gradient;
    /* Hide which functions these are, so the compiler cannot inline the
     * copy kernel into the loop and find stores it could drop. */
    __asm__ volatile("" : "+r"(forward), "+r"(gradient));
    switch (k->kind) {
    case KERNEL_FORWARD:
        for (uint64_t u = 0; u < units; u++)
            forward(k->x, k->y, k->n, &k->params);
        break;
    case KERNEL_GRADIENT:
        for (uint64_t u = 0; u < units; u++)
            gradient(k->x, k->y, k->dy, k->dx, k->dparam, k->n, &k->params);
        break;
    case KERNEL_CHAIN:
        chain_run(k, units, forward);
        break;
    }
}

/* Largest count of whole blocks (multiple inputs, out_per_block outputs
 * each) whose buffers fit in bytes; at least one block. */
static size_t elements_for(uint64_t bytes, size_t multiple, size_t out_per_block,
                           unsigned input_buffers, unsigned output_buffers, uint64_t *used)
{
    uint64_t block_bytes = sizeof(float) * ((uint64_t)input_buffers * multiple +
                                            (uint64_t)output_buffers * out_per_block);
    uint64_t blocks = bytes / block_bytes;
    if (blocks == 0)
        blocks = 1;
    *used = blocks * block_bytes;
    return (size_t)(blocks * multiple);
}

/* What a measurement runs: an implementation, or copy (impl NULL). */
struct subject {
    const struct implementation *impl;
    const char *name;
    enum activation_id activation;
    forward_fn forward;
    gradient_fn gradient;
};

static struct subject subject_copy(void)
{
    return (struct subject){NULL, "copy", ACT_RELU, copy_forward, copy_gradient};
}

/* 16-bit kernels are not timed yet: their subject has no functions. */
static struct subject subject_of(const struct implementation *impl)
{
    const struct actbench_kernel *k = impl->kernel;
    bool f32 = impl->type == FMT_F32;
    return (struct subject){impl, impl->name, impl->activation, f32 ? k->forward.f32 : NULL,
                            f32 ? k->gradient.f32 : NULL};
}

static void fill_x(struct buffers *b, const struct speed_options *o, size_t n)
{
    if (b->x_filled != n) {
        input_distribution_fill(o->distribution, o->seed, b->x, n);
        b->x_filled = n;
    }
}

/* The upstream gradient: narrow uniform, from the next seed. */
static void fill_dy(struct buffers *b, const struct speed_options *o, size_t n)
{
    if (b->dy_filled != n) {
        input_distribution_fill(DIST_NARROW, o->seed + 1, b->dy, n);
        b->dy_filled = n;
    }
}

/*
 * Sets up a kernel for a subject in a mode over the buffers: sizes n for
 * the mode's buffers in the working set, fills the inputs.  block: the
 * chain's call size (latency; 0 = the activation's input multiple).
 */
static void kernel_setup(struct kernel *k, const struct subject *s, enum speed_mode mode,
                         uint64_t bytes, size_t block, struct buffers *b,
                         const struct speed_options *o)
{
    memset(k, 0, sizeof *k);
    act_params_default(s->activation, &k->params);
    size_t multiple = s->impl ? activation_input_multiple(s->activation, &k->params) : 1;
    size_t out_per_block = s->impl ? activation_output_count(s->activation, &k->params, multiple) : 1;
    int with_dparam = s->impl && s->activation == ACT_PRELU;
    k->forward = s->forward;
    k->gradient = s->gradient;
    k->x = b->x;
    k->x_work = b->x_work;
    k->y = b->y;
    k->dy = b->dy;
    k->dx = b->dx;
    k->dparam = with_dparam ? b->dparam : NULL;
    size_t out;
    switch (mode) {
    case SPEED_MODE_LATENCY:
        if (block == 0)
            block = multiple;
        out_per_block = s->impl ? activation_output_count(s->activation, &k->params, block) : block;
        /* x (base), x_work, y */
        k->n = elements_for(bytes, block, out_per_block, 2, 1, &k->bytes);
        k->kind = KERNEL_CHAIN;
        k->block = block;
        k->out_block = out_per_block;
        k->blocks = k->n / block;
        k->unit_elements = block;
        fill_x(b, o, k->n);
        break;
    case SPEED_MODE_GRADIENT_THROUGHPUT:
        /* x, dx (, dparam) in; y, dy out-sized */
        k->n = elements_for(bytes, multiple, out_per_block, with_dparam ? 3 : 2, 2, &k->bytes);
        if (!s->impl) /* copy touches dy and dx only */
            k->bytes = k->n * 2 * sizeof(float);
        k->kind = KERNEL_GRADIENT;
        k->unit_elements = k->n;
        out = s->impl ? activation_output_count(s->activation, &k->params, k->n) : k->n;
        fill_x(b, o, k->n);
        fill_dy(b, o, out);
        /* y as this implementation computes it, the gradient's input */
        if (s->forward)
            s->forward(b->x, b->y, k->n, &k->params);
        else
            memcpy(b->y, b->x, out * sizeof(float));
        break;
    default:
        k->n = elements_for(bytes, multiple, out_per_block, 1, 1, &k->bytes);
        k->kind = KERNEL_FORWARD;
        k->unit_elements = k->n;
        fill_x(b, o, k->n);
        break;
    }
}

/* ---- one measurement ----------------------------------------------------------------------- */

struct samples {
    double *raw; /* clock units per repetition */
    double *ns;
    size_t count, capacity;
};

static int samples_push(struct samples *s, double raw, double ns)
{
    if (s->count == s->capacity) {
        size_t capacity = s->capacity ? 2 * s->capacity : 1024;
        double *raw_grown = realloc(s->raw, capacity * sizeof *raw_grown);
        if (!raw_grown)
            return -1;
        s->raw = raw_grown;
        double *ns_grown = realloc(s->ns, capacity * sizeof *ns_grown);
        if (!ns_grown)
            return -1;
        s->ns = ns_grown;
        s->capacity = capacity;
    }
    s->raw[s->count] = raw;
    s->ns[s->count] = ns;
    s->count++;
    return 0;
}

static void samples_free(struct samples *s)
{
    free(s->raw);
    free(s->ns);
    memset(s, 0, sizeof *s);
}

struct measurement {
    uint64_t repetitions;
    double cpe_min, cpe_median, cpe_max, ns_median, core_ghz;
    char note[192];
};

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median_sorted(const double *v, size_t n)
{
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* Median of n values (n > 0), leaving them in place. */
static double median_of(const double *v, size_t n)
{
    double *copy = malloc(n * sizeof *copy);
    if (!copy)
        return NAN;
    memcpy(copy, v, n * sizeof *copy);
    qsort(copy, n, sizeof *copy, compare_doubles);
    double m = median_sorted(copy, n);
    free(copy);
    return m;
}

/* Warm-up, then the units per repetition that make it long enough. */
static uint64_t prepare_repetition(struct kernel *k, struct cycle_clock *clock, double budget)
{
    double warm_end = monotonic_seconds() + WARM_UP_FRACTION * budget;
    kernel_run(k, 1);
    while (monotonic_seconds() < warm_end)
        kernel_run(k, 1);

    double overhead_ns = clock->source == CLOCK_SOURCE_PERF_CYCLES
                             ? clock->overhead_raw / clock->core_cycles_per_tsc_tick * clock->ns_per_tsc_tick
                             : clock->overhead_raw * clock->ns_per_tsc_tick;
    double target = fmax(MIN_REPETITION_NS, MIN_REPETITION_OVERHEADS * overhead_ns);
    uint64_t units = 1;
    for (;;) {
        struct clock_stamp b, e;
        clock_stamp_begin(clock, &b);
        kernel_run(k, units);
        clock_stamp_end(clock, &e);
        double ns = clock_ns_between(clock, &b, &e);
        if (ns >= target || units >= (UINT64_C(1) << 40))
            break;
        double grow = ns > 0.0 ? 1.25 * target / ns : 1024.0;
        if (grow > 1024.0)
            grow = 1024.0;
        if (grow < 2.0)
            grow = 2.0;
        units = (uint64_t)ceil((double)units * grow);
    }
    return units;
}

/* Turns repetition samples into a measurement.  Returns 0, or -1 when
 * out of memory. */
static int summarise(const struct samples *s, const struct cycle_clock *clock, uint64_t units,
                     size_t unit_elements, struct measurement *m)
/* clock NULL: the samples' raw values are core cycles already */
{
    double *cpe = malloc(s->count * sizeof *cpe);
    double *nspe = malloc(s->count * sizeof *nspe);
    if (!cpe || !nspe || s->count == 0) {
        free(cpe);
        free(nspe);
        return -1;
    }
    double elements = (double)units * (double)unit_elements;
    double cycles_total = 0.0, ns_total = 0.0;
    for (size_t i = 0; i < s->count; i++) {
        double cycles = clock ? clock_raw_to_cycles(clock, s->raw[i]) : s->raw[i];
        cycles_total += cycles;
        ns_total += s->ns[i];
        cpe[i] = cycles / elements;
        nspe[i] = s->ns[i] / elements;
    }
    qsort(cpe, s->count, sizeof *cpe, compare_doubles);
    qsort(nspe, s->count, sizeof *nspe, compare_doubles);
    m->repetitions = s->count;
    m->cpe_min = cpe[0];
    m->cpe_median = median_sorted(cpe, s->count);
    m->cpe_max = cpe[s->count - 1];
    m->ns_median = median_sorted(nspe, s->count);
    m->core_ghz = ns_total > 0.0 ? cycles_total / ns_total : NAN;
    free(cpe);
    free(nspe);
    return 0;
}

static void note_append(char *note, size_t size, const char *text)
{
    if (!text[0])
        return;
    size_t used = strlen(note);
    snprintf(note + used, size - used, "%s%s", used ? "; " : "", text);
}

/* Calibrates (TSC clocks) and records the ratio; perf clocks need none. */
static int calibrate_if_needed(struct cycle_clock *clock, double *ratio, char *error, size_t error_size)
{
    if (clock->source == CLOCK_SOURCE_PERF_CYCLES) {
        *ratio = NAN;
        return 0;
    }
    return cycle_clock_calibrate(clock, ratio, error, error_size);
}

/* Uses the mean of the calibrations before and after, notes drift. */
static void settle_calibration(struct cycle_clock *clock, double before, double after, char *note,
                               size_t note_size)
{
    if (clock->source == CLOCK_SOURCE_PERF_CYCLES)
        return;
    double mean = 0.5 * (before + after);
    clock->core_cycles_per_tsc_tick = mean;
    double drift = fabs(after - before) / mean;
    if (drift > DRIFT_NOTE_THRESHOLD) {
        char text[128];
        snprintf(text, sizeof text, "core clock moved %.1f%% during the measurement (%.3f to %.3f GHz)",
                 100.0 * drift, before / clock->ns_per_tsc_tick, after / clock->ns_per_tsc_tick);
        note_append(note, note_size, text);
    }
}

/* Involuntary context switches of the calling thread so far: another
 * task took the core, which the repetitions it hit will show. */
static long preemptions(void)
{
    struct rusage u;
    return getrusage(RUSAGE_THREAD, &u) == 0 ? u.ru_nivcsw : 0;
}

static void note_preemptions(char *note, size_t note_size, long count)
{
    if (count > 0) {
        char text[96];
        snprintf(text, sizeof text, "preempted %ld time%s during the repetitions", count,
                 count == 1 ? "" : "s");
        note_append(note, note_size, text);
    }
}

/* The repetitions of a prepared kernel: calibration, repetitions until the
 * budget is spent and SPEED_MIN_REPETITIONS are taken, calibration. */
static int measure_prepared(struct kernel *k, struct cycle_clock *clock, uint64_t units,
                            double budget, struct measurement *m, char *error, size_t error_size)
{
    memset(m, 0, sizeof *m);
    struct samples s = {0};
    unsigned failures = clock->read_failures;
    double before, after;
    if (calibrate_if_needed(clock, &before, error, error_size))
        return -1;
    long switches = preemptions();
    double start = monotonic_seconds();
    while (s.count < SPEED_MIN_REPETITIONS ||
           (monotonic_seconds() - start < budget && s.count < MAX_REPETITIONS)) {
        struct clock_stamp b, e;
        clock_stamp_begin(clock, &b);
        kernel_run(k, units);
        clock_stamp_end(clock, &e);
        if (samples_push(&s, clock_raw_between(clock, &b, &e), clock_ns_between(clock, &b, &e))) {
            snprintf(error, error_size, "out of memory storing %zu repetitions", s.count);
            samples_free(&s);
            return -1;
        }
    }
    switches = preemptions() - switches;
    if (calibrate_if_needed(clock, &after, error, error_size)) {
        samples_free(&s);
        return -1;
    }
    settle_calibration(clock, before, after, m->note, sizeof m->note);
    note_preemptions(m->note, sizeof m->note, switches);
    int rc = summarise(&s, clock, units, k->unit_elements, m);
    samples_free(&s);
    if (rc)
        snprintf(error, error_size, "out of memory summarising repetitions");
    if (clock->read_failures != failures) {
        /* some stamps hold no count: no cycle figure can be trusted */
        note_append(m->note, sizeof m->note, "perf counter reads failed during the measurement");
        m->cpe_min = m->cpe_median = m->cpe_max = m->core_ghz = NAN;
    }
    return rc;
}

/*
 * One round of a prepared kernel, appended to cycles as core cycles and
 * ns per repetition: calibration, repetitions until the round's budget is
 * spent and SPEED_MIN_REPETITIONS are taken, calibration; the round's
 * samples are converted with the mean of its two calibrations.  Notes go
 * to note; *clock_failed is set when a perf counter read failed.
 */
static int collect_round(struct kernel *k, struct cycle_clock *clock, uint64_t units,
                         double budget, struct samples *cycles, char *note, size_t note_size,
                         int *clock_failed, char *error, size_t error_size)
{
    unsigned failures = clock->read_failures;
    double before, after;
    if (calibrate_if_needed(clock, &before, error, error_size))
        return -1;
    size_t first = cycles->count;
    long switches = preemptions();
    double start = monotonic_seconds();
    while (cycles->count - first < SPEED_MIN_REPETITIONS ||
           (monotonic_seconds() - start < budget && cycles->count - first < MAX_REPETITIONS)) {
        struct clock_stamp b, e;
        clock_stamp_begin(clock, &b);
        kernel_run(k, units);
        clock_stamp_end(clock, &e);
        if (samples_push(cycles, clock_raw_between(clock, &b, &e), clock_ns_between(clock, &b, &e))) {
            snprintf(error, error_size, "out of memory storing %zu repetitions", cycles->count);
            return -1;
        }
    }
    switches = preemptions() - switches;
    if (calibrate_if_needed(clock, &after, error, error_size))
        return -1;
    char round_note[192] = "";
    settle_calibration(clock, before, after, round_note, sizeof round_note);
    note_preemptions(round_note, sizeof round_note, switches);
    if (round_note[0] && !strstr(note, round_note))
        note_append(note, note_size, round_note);
    for (size_t i = first; i < cycles->count; i++)
        cycles->raw[i] = clock_raw_to_cycles(clock, cycles->raw[i]);
    if (clock->read_failures != failures)
        *clock_failed = 1;
    return 0;
}

/* ---- the report ---------------------------------------------------------------------------- */

static struct speed_row *report_add(struct speed_report *r, char *error, size_t error_size)
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
    row->ratio_to_copy = row->all_cores_scaling = row->round_spread = NAN;
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

/* Identity columns of a row. */
static void row_identity(struct speed_row *row, const struct subject *s, enum speed_mode mode,
                         const struct size_request *size, uint64_t size_bytes,
                         const struct speed_options *o)
{
    row->implementation = s->name;
    row->activation = s->impl ? activation_catalog[s->impl->activation].name : "";
    row->method = s->impl ? impl_method_name(s->impl->method) : "";
    row->isa = s->impl ? isa_table[s->impl->isa].name : copy_isa_name();
    row->mode = speed_mode_name(mode);
    row->size_label = size_label_name(size->label);
    row->size_bytes = size_bytes;
    row->distribution = input_distribution_name(o->distribution);
    row->seed = o->seed;
}

static void row_core(struct speed_row *row, const struct machine_topology *t, size_t position,
                     int pinned)
{
    const struct core_info *core = &t->cores[position];
    row->core = core->index;
    row->cpu = pinned ? core->pu_os_index : -1;
    snprintf(row->core_kind, sizeof row->core_kind, "%s", t->kinds[core->kind].name);
}

static void row_measurement(struct speed_row *row, const struct kernel *k,
                            const struct measurement *m, const char *clock_name)
{
    row->bytes = k->bytes;
    row->elements = k->n;
    row->call_elements = k->kind == KERNEL_CHAIN ? k->block : k->n;
    row->clock = clock_name;
    row->repetitions = m->repetitions;
    row->cpe_min = m->cpe_min;
    row->cpe_median = m->cpe_median;
    row->cpe_max = m->cpe_max;
    row->ns_per_element_median = m->ns_median;
    row->core_ghz = m->core_ghz;
    note_append(row->note, sizeof row->note, m->note);
}

/* ---- progress ----------------------------------------------------------------------------------- */

struct progress {
    const struct speed_options *options;
    size_t done, total;
};

static void progress_report(struct progress *p, const char *what)
{
    if (p->options->progress)
        p->options->progress(p->options->progress_context, p->done, p->total, what);
}

/* ---- single-core measurements ---------------------------------------------------------------------- */

struct run_context {
    const struct speed_options *options;
    const struct machine_topology *topology;
    const struct implementation *const *impls;
    size_t count;
    struct speed_report *report;
    struct progress progress;
    size_t latency_blocks[4]; /* distinct call sizes of the latency chains */
    size_t latency_block_count;
};

static int impl_runnable(const struct implementation *impl)
{
    return impl_runs_here(impl);
}

/* A row for an implementation that is not measured in this mode. */
static int add_unmeasured_row(struct run_context *c, const struct implementation *impl,
                              enum speed_mode mode, const struct size_request *size,
                              uint64_t size_bytes, int core_position, const char *status,
                              const char *note, char *error, size_t error_size)
{
    struct speed_row *row = report_add(c->report, error, error_size);
    if (!row)
        return -1;
    struct subject s = subject_of(impl);
    row_identity(row, &s, mode, size, size_bytes, c->options);
    if (core_position >= 0)
        row_core(row, c->topology, (size_t)core_position, 0);
    row->status = status;
    snprintf(row->note, sizeof row->note, "%s", note);
    return 0;
}

struct core_worker {
    struct run_context *context;
    size_t position;
    int rc;
    char error[512];
};

/*
 * One cell of a single-core mode: a subject (an implementation, or the
 * copy kernel at a call size) measured over the rounds, or a row that is
 * not measured (status).
 */
struct cell {
    struct subject subject;
    size_t block;          /* latency call size; 0 = the activation's multiple */
    const char *status;    /* NULL: measured; else the unmeasured row's status */
    const char *unmeasured_note;
    struct kernel kernel;
    uint64_t units;        /* kernel_run units per repetition, fixed in round 0 */
    struct samples cycles; /* core cycles and ns per repetition, all rounds */
    double round_median[SPEED_ROUNDS]; /* core cycles per repetition */
    int clock_failed;
    char note[192];
};

static const enum speed_mode single_core_modes[] = {SPEED_MODE_THROUGHPUT, SPEED_MODE_LATENCY,
                                                    SPEED_MODE_GRADIENT_THROUGHPUT};

/* The cells of a mode: copy first (the mode's baseline; one per latency
 * call size), then every implementation in the order given. */
static size_t mode_cells(const struct run_context *c, enum speed_mode mode, struct cell *cells)
{
    size_t n = 0;
    struct subject copy = subject_copy();
    if (mode == SPEED_MODE_LATENCY) {
        for (size_t i = 0; i < c->latency_block_count; i++)
            cells[n++] = (struct cell){.subject = copy, .block = c->latency_blocks[i]};
    } else {
        cells[n++] = (struct cell){.subject = copy};
    }
    for (size_t i = 0; i < c->count; i++) {
        const struct implementation *impl = c->impls[i];
        struct cell *cell = &cells[n++];
        *cell = (struct cell){.subject = subject_of(impl)};
        int has = mode == SPEED_MODE_GRADIENT_THROUGHPUT ? cell->subject.gradient != NULL
                                                         : cell->subject.forward != NULL;
        if (!impl_runnable(impl)) {
            cell->status = "skipped_isa";
            cell->unmeasured_note = "this CPU lacks the ISA";
        } else if (!has) {
            cell->status = mode == SPEED_MODE_GRADIENT_THROUGHPUT ? "no_gradient" : "no_forward";
            cell->unmeasured_note = "";
        }
    }
    return n;
}

/*
 * A mode at one size on one core, in SPEED_ROUNDS interleaved rounds: each
 * round measures every cell for budget / SPEED_ROUNDS.  On a machine whose
 * speed drifts (other tenants, a shared core's sibling thread), every cell
 * and the copy kernel then sample the same stretch of time, so their
 * ratios hold, and each cell's median spreads over the whole run instead
 * of one moment of it.
 */
static int run_mode(struct run_context *c, struct core_worker *w, enum speed_mode mode,
                    const struct size_request *size, uint64_t bytes, struct buffers *b,
                    struct cycle_clock *clock, int pinned, const char *pin_note)
{
    const struct core_info *core = &c->topology->cores[w->position];
    struct cell *cells = calloc(c->count + 4, sizeof *cells);
    if (!cells) {
        snprintf(w->error, sizeof w->error, "out of memory for %zu measurements", c->count + 4);
        return -1;
    }
    size_t n = mode_cells(c, mode, cells);
    double round_budget = c->options->budget_seconds / SPEED_ROUNDS;
    int rc = 0;
    for (unsigned round = 0; round < SPEED_ROUNDS && !rc; round++) {
        for (size_t i = 0; i < n && !rc; i++) {
            struct cell *cell = &cells[i];
            if (cell->status)
                continue;
            char what[256];
            snprintf(what, sizeof what, "%s %s %s core %d", cell->subject.name,
                     speed_mode_name(mode), size_label_name(size->label), core->index);
            progress_report(&c->progress, what);
            /* the buffers are shared: every round sets its cell's inputs again */
            kernel_setup(&cell->kernel, &cell->subject, mode, bytes, cell->block, b, c->options);
            if (round == 0)
                cell->units = prepare_repetition(&cell->kernel, clock, round_budget);
            else
                kernel_run(&cell->kernel, cell->units); /* warm caches and predictors */
            size_t first = cell->cycles.count;
            rc = collect_round(&cell->kernel, clock, cell->units, round_budget, &cell->cycles,
                               cell->note, sizeof cell->note, &cell->clock_failed, w->error,
                               sizeof w->error);
            if (!rc)
                cell->round_median[round] = median_of(cell->cycles.raw + first,
                                                      cell->cycles.count - first);
            c->progress.done++;
        }
    }
    for (size_t i = 0; i < n && !rc; i++) {
        struct cell *cell = &cells[i];
        if (cell->status) {
            rc = add_unmeasured_row(c, cell->subject.impl, mode, size, bytes, (int)w->position,
                                    cell->status, cell->unmeasured_note, w->error, sizeof w->error);
            continue;
        }
        struct measurement m;
        memset(&m, 0, sizeof m);
        if (summarise(&cell->cycles, NULL, cell->units, cell->kernel.unit_elements, &m)) {
            snprintf(w->error, sizeof w->error, "out of memory summarising repetitions");
            rc = -1;
            break;
        }
        snprintf(m.note, sizeof m.note, "%s", cell->note);
        if (cell->clock_failed) {
            /* some stamps hold no count: no cycle figure can be trusted */
            note_append(m.note, sizeof m.note, "perf counter reads failed during the measurement");
            m.cpe_min = m.cpe_median = m.cpe_max = m.core_ghz = NAN;
        }
        struct speed_row *row = report_add(c->report, w->error, sizeof w->error);
        if (!row) {
            rc = -1;
            break;
        }
        row_identity(row, &cell->subject, mode, size, bytes, c->options);
        row_core(row, c->topology, w->position, pinned);
        if (!pinned) {
            row->status = "not_pinned";
            snprintf(row->note, sizeof row->note, "%s", pin_note);
        }
        row_measurement(row, &cell->kernel, &m, clock_source_name(clock->source));
        double lo = cell->round_median[0], hi = lo;
        for (unsigned r = 1; r < SPEED_ROUNDS; r++) {
            lo = fmin(lo, cell->round_median[r]);
            hi = fmax(hi, cell->round_median[r]);
        }
        row->round_spread = lo > 0.0 && !cell->clock_failed ? hi / lo : NAN;
    }
    for (size_t i = 0; i < n; i++)
        samples_free(&cells[i].cycles);
    free(cells);
    return rc;
}

static int run_core_size(struct run_context *c, struct core_worker *w, const struct size_request *size,
                         struct cycle_clock *clock, int pinned, const char *pin_note)
{
    uint64_t bytes;
    if (size_resolve(c->topology, w->position, size, &bytes, w->error, sizeof w->error))
        return -1;
    struct buffers b;
    if (buffers_open(&b, bytes, w->error, sizeof w->error))
        return -1;
    int rc = 0;
    for (size_t mi = 0; mi < sizeof single_core_modes / sizeof single_core_modes[0] && !rc; mi++) {
        enum speed_mode mode = single_core_modes[mi];
        if (c->options->modes & mode)
            rc = run_mode(c, w, mode, size, bytes, &b, clock, pinned, pin_note);
    }
    buffers_close(&b);
    return rc;
}

static void *core_worker_main(void *argument)
{
    struct core_worker *w = argument;
    struct run_context *c = w->context;
    char pin_note[160] = "";
    int pinned = pin_thread_to_core(c->topology, w->position, pin_note, sizeof pin_note) == 0;

    struct cycle_clock clock;
    if (cycle_clock_open(&clock, c->options->clock, w->error, sizeof w->error)) {
        w->rc = -1;
        return NULL;
    }
    if (c->report->first_core < 0) {
        c->report->first_core = c->topology->cores[w->position].index;
        snprintf(c->report->clock_source, sizeof c->report->clock_source, "%s",
                 clock_source_name(clock.source));
        snprintf(c->report->clock_note, sizeof c->report->clock_note, "%s", clock.note);
    }
    clock_busy_warm_up(CORE_WARM_UP_SECONDS);
    w->rc = 0;
    for (size_t si = 0; si < c->options->sizes->count && !w->rc; si++)
        w->rc = run_core_size(c, w, &c->options->sizes->items[si], &clock, pinned, pin_note);
    cycle_clock_close(&clock);
    return NULL;
}

/* ---- all cores at once ---------------------------------------------------------------------------- */

/*
 * For each subject: every thread sets up its kernel and warms up; then
 * thread 0 measures alone while the others sleep in the barrier (the
 * single-core baseline, taken minutes closer in time and on the same
 * buffers than the single-core rows); then all threads measure together.
 * scaling = (sum over threads of elements/s together) / (thread 0's
 * elements/s alone), from wall time (TSC), so a clock that drops when
 * every core is busy shows up as lost scaling.
 */

struct all_cores_result {
    struct measurement m;
    struct kernel k; /* sizes only, for the row */
    int measured;
    const char *clock;
};

struct all_cores_shared {
    struct run_context *context;
    const struct size_request *size;
    struct subject *subjects;
    size_t subject_count;
    size_t threads;
    pthread_barrier_t barrier;
    /* Threads wait here until all are created (go = 1) or the start
     * failed (go = -1), so no thread reaches the barrier unless every
     * thread exists. */
    pthread_mutex_t gate_lock;
    pthread_cond_t gate;
    int go;
    atomic_int stop;
    atomic_size_t ready;
    struct all_cores_result *results; /* [subject * threads + thread] */
    struct measurement *alone;        /* [subject]: thread 0 by itself */
    int *alone_measured;
};

struct all_cores_thread {
    struct all_cores_shared *shared;
    size_t index;    /* thread number; 0 leads */
    size_t position; /* core */
    int pinned;
    char note[160];
    int failed;
    char error[256];
};

/* All threads at once, until the budget is spent and every thread has
 * SPEED_MIN_REPETITIONS.  Returns 0 with samples, or -1. */
static int all_cores_together(struct all_cores_thread *t, struct kernel *k, uint64_t units,
                              struct cycle_clock *clock, struct samples *s, long *switches)
{
    struct all_cores_shared *sh = t->shared;
    double budget = sh->context->options->budget_seconds;
    int ok = !t->failed;
    int counted = 0; /* this thread has added itself to ready */
    *switches = preemptions();
    double start = monotonic_seconds();
    while (ok) {
        struct clock_stamp b, e;
        clock_stamp_begin(clock, &b);
        kernel_run(k, units);
        clock_stamp_end(clock, &e);
        if (samples_push(s, clock_raw_between(clock, &b, &e), clock_ns_between(clock, &b, &e))) {
            snprintf(t->error, sizeof t->error, "out of memory storing repetitions");
            ok = 0;
            break;
        }
        if (s->count == SPEED_MIN_REPETITIONS) {
            atomic_fetch_add(&sh->ready, 1);
            counted = 1;
        }
        /* Any running thread may end the round, so one failed thread
         * cannot leave the others running. */
        if (monotonic_seconds() - start >= budget && atomic_load(&sh->ready) >= sh->threads)
            atomic_store(&sh->stop, 1);
        if (atomic_load(&sh->stop) || s->count >= MAX_REPETITIONS)
            break;
    }
    *switches = preemptions() - *switches;
    if (!counted)
        atomic_fetch_add(&sh->ready, 1);
    return ok ? 0 : -1;
}

static void all_cores_subject(struct all_cores_thread *t, size_t subject_index, struct buffers *b,
                              uint64_t bytes, struct cycle_clock *clock)
{
    struct all_cores_shared *sh = t->shared;
    const struct speed_options *o = sh->context->options;
    struct all_cores_result *result = &sh->results[subject_index * sh->threads + t->index];
    struct kernel k;
    uint64_t units = 0;
    if (!t->failed) {
        kernel_setup(&k, &sh->subjects[subject_index], SPEED_MODE_THROUGHPUT, bytes, 0, b, o);
        units = prepare_repetition(&k, clock, o->budget_seconds);
    }
    if (t->index == 0) {
        atomic_store(&sh->stop, 0);
        atomic_store(&sh->ready, 0);
        char what[256];
        snprintf(what, sizeof what, "%s %s %s %zu cores", sh->subjects[subject_index].name,
                 speed_mode_name(SPEED_MODE_ALL_CORES_THROUGHPUT), size_label_name(sh->size->label),
                 sh->threads);
        progress_report(&sh->context->progress, what);
    }
    pthread_barrier_wait(&sh->barrier);
    if (t->index == 0 && !t->failed) {
        char ignored[256];
        sh->alone_measured[subject_index] =
            measure_prepared(&k, clock, units, o->budget_seconds, &sh->alone[subject_index],
                             ignored, sizeof ignored) == 0;
    }
    pthread_barrier_wait(&sh->barrier);

    struct samples s = {0};
    double before = NAN, after = NAN;
    long switches = 0;
    int ok = !t->failed && calibrate_if_needed(clock, &before, t->error, sizeof t->error) == 0;
    if (!ok)
        atomic_fetch_add(&sh->ready, 1);
    else
        ok = all_cores_together(t, &k, units, clock, &s, &switches) == 0;
    pthread_barrier_wait(&sh->barrier);

    if (ok && calibrate_if_needed(clock, &after, t->error, sizeof t->error) == 0) {
        memset(&result->m, 0, sizeof result->m);
        settle_calibration(clock, before, after, result->m.note, sizeof result->m.note);
        note_preemptions(result->m.note, sizeof result->m.note, switches);
        if (summarise(&s, clock, units, k.unit_elements, &result->m) == 0) {
            result->k = k;
            result->measured = 1;
            result->clock = clock_source_name(clock->source);
        } else {
            snprintf(t->error, sizeof t->error, "out of memory summarising repetitions");
        }
    }
    if (!result->measured && !t->failed) {
        t->failed = 1;
        if (!t->error[0])
            snprintf(t->error, sizeof t->error, "no repetitions");
    }
    samples_free(&s);
    if (t->index == 0)
        sh->context->progress.done++;
}

static void *all_cores_thread_main(void *argument)
{
    struct all_cores_thread *t = argument;
    struct all_cores_shared *sh = t->shared;
    struct run_context *c = sh->context;
    pthread_mutex_lock(&sh->gate_lock);
    while (sh->go == 0)
        pthread_cond_wait(&sh->gate, &sh->gate_lock);
    int go = sh->go;
    pthread_mutex_unlock(&sh->gate_lock);
    if (go < 0)
        return NULL;
    t->pinned = pin_thread_to_core(c->topology, t->position, t->note, sizeof t->note) == 0;

    struct cycle_clock clock;
    struct buffers b = {0};
    uint64_t bytes = 0;
    int clock_open = 0;
    if (cycle_clock_open(&clock, c->options->clock, t->error, sizeof t->error))
        t->failed = 1;
    else
        clock_open = 1;
    if (!t->failed && size_resolve(c->topology, t->position, sh->size, &bytes, t->error, sizeof t->error))
        t->failed = 1;
    if (!t->failed && buffers_open(&b, bytes, t->error, sizeof t->error))
        t->failed = 1;
    pthread_barrier_wait(&sh->barrier);
    if (!t->failed)
        clock_busy_warm_up(CORE_WARM_UP_SECONDS);
    for (size_t i = 0; i < sh->subject_count; i++)
        all_cores_subject(t, i, &b, bytes, &clock);
    buffers_close(&b);
    if (clock_open)
        cycle_clock_close(&clock);
    return NULL;
}

static int all_cores_rows(struct run_context *c, struct all_cores_shared *sh,
                          struct all_cores_thread *threads, char *error, size_t error_size)
{
    const struct machine_topology *t = c->topology;
    for (size_t si = 0; si < sh->subject_count; si++) {
        const struct subject *s = &sh->subjects[si];
        double elements_per_ns = 0.0;
        int complete = 1;
        for (size_t i = 0; i < sh->threads; i++) {
            const struct all_cores_result *result = &sh->results[si * sh->threads + i];
            if (result->measured && result->m.ns_median > 0.0)
                elements_per_ns += 1.0 / result->m.ns_median;
            else
                complete = 0;
        }
        const struct measurement *alone = sh->alone_measured[si] ? &sh->alone[si] : NULL;
        double scaling = complete && alone && alone->ns_median > 0.0
                             ? elements_per_ns * alone->ns_median : NAN;
        char baseline[160];
        if (alone)
            snprintf(baseline, sizeof baseline,
                     "scaling baseline: core %d alone, %.4g ns and %.4g cycles per element",
                     t->cores[threads[0].position].index, alone->ns_median, alone->cpe_median);
        else
            snprintf(baseline, sizeof baseline, "no baseline: core %d alone was not measured",
                     t->cores[threads[0].position].index);
        for (size_t i = 0; i < sh->threads; i++) {
            const struct all_cores_result *result = &sh->results[si * sh->threads + i];
            struct speed_row *row = report_add(c->report, error, error_size);
            if (!row)
                return -1;
            uint64_t size_bytes = 0;
            char ignored[256];
            size_resolve(t, threads[i].position, sh->size, &size_bytes, ignored, sizeof ignored);
            row_identity(row, s, SPEED_MODE_ALL_CORES_THROUGHPUT, sh->size, size_bytes, c->options);
            row_core(row, t, threads[i].position, threads[i].pinned);
            row->threads = (unsigned)sh->threads;
            if (!threads[i].pinned) {
                row->status = "not_pinned";
                snprintf(row->note, sizeof row->note, "%s", threads[i].note);
            }
            if (result->measured) {
                row_measurement(row, &result->k, &result->m, result->clock);
                row->all_cores_scaling = scaling;
            } else {
                row->status = "error";
                note_append(row->note, sizeof row->note, threads[i].error);
            }
            note_append(row->note, sizeof row->note, baseline);
        }
    }
    return 0;
}

static int run_all_cores_size(struct run_context *c, const struct size_request *size, char *error,
                              size_t error_size)
{
    const struct machine_topology *t = c->topology;
    size_t threads = t->core_count;
    /* every thread has its own buffers: keep them within half the memory */
    uint64_t arena_total = 0;
    for (size_t p = 0; p < threads; p++) {
        uint64_t bytes;
        if (size_resolve(t, p, size, &bytes, error, error_size))
            return -1;
        arena_total += buffers_arena_bytes(bytes);
    }
    if (t->physical_memory_bytes && arena_total > t->physical_memory_bytes / 2) {
        char total[32];
        format_bytes(arena_total, total, sizeof total);
        char note[192];
        snprintf(note, sizeof note, "buffers for %zu threads (%s) exceed half of physical memory",
                 threads, total);
        struct subject copy = subject_copy();
        struct speed_row *row = report_add(c->report, error, error_size);
        if (!row)
            return -1;
        row_identity(row, &copy, SPEED_MODE_ALL_CORES_THROUGHPUT, size, 0, c->options);
        row->status = "skipped_memory";
        row->threads = (unsigned)threads;
        snprintf(row->note, sizeof row->note, "%s", note);
        for (size_t i = 0; i < c->count; i++)
            if (add_unmeasured_row(c, c->impls[i], SPEED_MODE_ALL_CORES_THROUGHPUT, size, 0, -1,
                                   "skipped_memory", note, error, error_size))
                return -1;
        return 0;
    }

    struct all_cores_shared sh = {0};
    sh.context = c;
    sh.size = size;
    sh.threads = threads;
    sh.subjects = calloc(c->count + 1, sizeof *sh.subjects);
    struct all_cores_thread *ts = calloc(threads, sizeof *ts);
    pthread_t *ids = calloc(threads, sizeof *ids);
    if (!sh.subjects || !ts || !ids) {
        snprintf(error, error_size, "out of memory for %zu all-cores threads", threads);
        free(sh.subjects), free(ts), free(ids);
        return -1;
    }
    sh.subjects[sh.subject_count++] = subject_copy();
    int rc = 0;
    for (size_t i = 0; i < c->count && !rc; i++) {
        const struct implementation *impl = c->impls[i];
        if (!impl_runnable(impl))
            rc = add_unmeasured_row(c, impl, SPEED_MODE_ALL_CORES_THROUGHPUT, size, 0, -1,
                                    "skipped_isa", "this CPU lacks the ISA", error, error_size);
        else if (!subject_of(impl).forward)
            rc = add_unmeasured_row(c, impl, SPEED_MODE_ALL_CORES_THROUGHPUT, size, 0, -1,
                                    "no_forward", "", error, error_size);
        else
            sh.subjects[sh.subject_count++] = subject_of(impl);
    }
    sh.results = rc ? NULL : calloc(sh.subject_count * threads, sizeof *sh.results);
    sh.alone = rc ? NULL : calloc(sh.subject_count, sizeof *sh.alone);
    sh.alone_measured = rc ? NULL : calloc(sh.subject_count, sizeof *sh.alone_measured);
    if (!rc && (!sh.results || !sh.alone || !sh.alone_measured)) {
        snprintf(error, error_size, "out of memory for all-cores results");
        rc = -1;
    }
    if (!rc && pthread_barrier_init(&sh.barrier, NULL, (unsigned)threads)) {
        snprintf(error, error_size, "pthread_barrier_init failed for %zu threads", threads);
        rc = -1;
    }
    if (!rc) {
        pthread_mutex_init(&sh.gate_lock, NULL);
        pthread_cond_init(&sh.gate, NULL);
        size_t started = 0;
        for (size_t i = 0; i < threads; i++) {
            ts[i].shared = &sh;
            ts[i].index = i;
            ts[i].position = i;
        }
        int e = 0;
        for (; started < threads; started++)
            if ((e = pthread_create(&ids[started], NULL, all_cores_thread_main, &ts[started])))
                break;
        pthread_mutex_lock(&sh.gate_lock);
        sh.go = started == threads ? 1 : -1;
        pthread_cond_broadcast(&sh.gate);
        pthread_mutex_unlock(&sh.gate_lock);
        for (size_t i = 0; i < started; i++)
            pthread_join(ids[i], NULL);
        pthread_barrier_destroy(&sh.barrier);
        pthread_cond_destroy(&sh.gate);
        pthread_mutex_destroy(&sh.gate_lock);
        if (started < threads) {
            snprintf(error, error_size, "could not start thread %zu of %zu for the all-cores run: %s",
                     started, threads, strerror(e));
            rc = -1;
        } else {
            rc = all_cores_rows(c, &sh, ts, error, error_size);
        }
    }
    free(sh.subjects);
    free(sh.results);
    free(sh.alone);
    free(sh.alone_measured);
    free(ts);
    free(ids);
    return rc;
}

/* ---- ratios and the driver ----------------------------------------------------------------------------- */

static int same_cell(const struct speed_row *a, const struct speed_row *b)
{
    return strcmp(a->mode, b->mode) == 0 && strcmp(a->size_label, b->size_label) == 0 &&
           a->size_bytes == b->size_bytes && a->core == b->core && a->threads == b->threads &&
           (strcmp(a->mode, "latency") != 0 || a->call_elements == b->call_elements);
}

static void fill_ratios(struct speed_report *r)
{
    for (size_t i = 0; i < r->count; i++) {
        struct speed_row *row = &r->rows[i];
        if (!isfinite(row->cpe_median))
            continue;
        if (strcmp(row->implementation, "copy") == 0) {
            row->ratio_to_copy = 1.0;
            continue;
        }
        for (size_t j = 0; j < r->count; j++) {
            const struct speed_row *copy = &r->rows[j];
            if (strcmp(copy->implementation, "copy") == 0 && same_cell(row, copy) &&
                copy->cpe_median > 0.0) {
                row->ratio_to_copy = row->cpe_median / copy->cpe_median;
                break;
            }
        }
    }
}

void speed_options_default(struct speed_options *o)
{
    memset(o, 0, sizeof *o);
    o->distribution = DIST_UNIFORM;
    o->budget_seconds = SPEED_DEFAULT_BUDGET_SECONDS;
    o->modes = SPEED_MODES_ALL;
    o->seed = SPEED_DEFAULT_SEED;
    o->clock = CLOCK_REQUEST_AUTO;
}

static void collect_latency_blocks(struct run_context *c)
{
    c->latency_blocks[0] = 1;
    c->latency_block_count = 1;
    for (size_t i = 0; i < c->count; i++) {
        if (!impl_runnable(c->impls[i]))
            continue;
        struct actbench_params p;
        act_params_default(c->impls[i]->activation, &p);
        size_t m = activation_input_multiple(c->impls[i]->activation, &p);
        int known = 0;
        for (size_t j = 0; j < c->latency_block_count; j++)
            known |= c->latency_blocks[j] == m;
        if (!known && c->latency_block_count < sizeof c->latency_blocks / sizeof c->latency_blocks[0])
            c->latency_blocks[c->latency_block_count++] = m;
    }
}

static size_t planned_measurements(const struct run_context *c, size_t cores, size_t sizes)
{
    size_t forward = 0, gradient = 0;
    for (size_t i = 0; i < c->count; i++)
        if (impl_runnable(c->impls[i])) {
            forward += subject_of(c->impls[i]).forward != NULL;
            gradient += subject_of(c->impls[i]).gradient != NULL;
        }
    unsigned modes = c->options->modes;
    size_t per_size = 0;
    if (modes & SPEED_MODE_THROUGHPUT)
        per_size += 1 + forward;
    if (modes & SPEED_MODE_LATENCY)
        per_size += c->latency_block_count + forward;
    if (modes & SPEED_MODE_GRADIENT_THROUGHPUT)
        per_size += 1 + gradient;
    size_t total = cores * sizes * per_size * SPEED_ROUNDS;
    if (modes & SPEED_MODE_ALL_CORES_THROUGHPUT)
        total += sizes * (1 + forward);
    return total;
}

int speed_run(const struct speed_options *options, const struct implementation *const *impls,
              size_t count, struct speed_report *out, char *error, size_t error_size)
{
    memset(out, 0, sizeof *out);
    out->first_core = -1;
    double started = monotonic_seconds();

    struct speed_options o = *options;
    if (!(o.budget_seconds > 0.0) || !isfinite(o.budget_seconds))
        o.budget_seconds = SPEED_DEFAULT_BUDGET_SECONDS;
    if (o.modes == 0)
        o.modes = SPEED_MODES_ALL;
    if ((unsigned)o.distribution >= DIST_COUNT) {
        snprintf(error, error_size, "unknown input distribution %d; valid are uniform, narrow, binades",
                 (int)o.distribution);
        return -1;
    }
    struct size_list default_sizes = {.items = {{SIZE_L1, 0}}, .count = 1};
    if (!o.sizes || o.sizes->count == 0)
        o.sizes = &default_sizes;

    struct machine_topology own_topology;
    int own = 0;
    if (!o.topology) {
        if (topology_load(&own_topology, error, error_size))
            return -1;
        o.topology = &own_topology;
        own = 1;
    }
    struct core_selection own_cores = {0};
    if (!o.cores) {
        if (cores_select_default(o.topology, &own_cores, error, error_size)) {
            if (own)
                topology_free(&own_topology);
            return -1;
        }
        o.cores = &own_cores;
    }

    struct run_context c = {.options = &o, .topology = o.topology, .impls = impls, .count = count,
                            .report = out};
    c.progress.options = &o;
    collect_latency_blocks(&c);
    c.progress.total = planned_measurements(&c, o.cores->count, o.sizes->count);

    int rc = 0;
    /* One worker thread per core, one after the other: the caller's own
     * thread keeps its affinity. */
    for (size_t i = 0; i < o.cores->count && !rc; i++) {
        struct core_worker w = {.context = &c, .position = o.cores->positions[i]};
        pthread_t id;
        int e = pthread_create(&id, NULL, core_worker_main, &w);
        if (e) {
            snprintf(error, error_size, "could not start the measuring thread: %s", strerror(e));
            rc = -1;
            break;
        }
        pthread_join(id, NULL);
        if (w.rc) {
            snprintf(error, error_size, "core %d: %s", o.topology->cores[w.position].index, w.error);
            rc = -1;
        }
    }
    if (!rc && (o.modes & SPEED_MODE_ALL_CORES_THROUGHPUT))
        for (size_t si = 0; si < o.sizes->count && !rc; si++)
            rc = run_all_cores_size(&c, &o.sizes->items[si], error, error_size);

    fill_ratios(out);
    out->seconds = monotonic_seconds() - started;
    core_selection_free(&own_cores);
    if (own)
        topology_free(&own_topology);
    return rc;
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
