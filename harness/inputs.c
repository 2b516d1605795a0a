/* Input sets: special values, binade-stratified random, uniform [-10, 10],
 * exhaustive 16-bit and 32-bit encodings.  See inputs.h. */
#include "inputs.h"

#include <float.h>
#include <math.h>
#include <string.h>

uint64_t input_random_bits(uint64_t seed, uint64_t index)
{
    /* splitmix64's finaliser over a Weyl sequence: a bijective mix of the
     * counter, good enough for test inputs and random-access by index. */
    uint64_t z = seed * 0x9e3779b97f4a7c15u + (index + 1) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

static float float_from_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/*
 * Values where activations and the libm functions they use change regime,
 * each with both signs: the float limits, the expf overflow and underflow
 * thresholds, where sigmoid and tanh round to 1 in f32, the hard-sigmoid
 * kinks with their neighbours, and ordinary points.
 */
static const float special_magnitudes[] = {
    0.0f,
    INFINITY,
    0x1p-149f,                   /* smallest subnormal */
    0x1.fffffcp-127f,            /* largest subnormal */
    FLT_MIN,
    0x1.000002p-126f,            /* FLT_MIN's successor */
    FLT_MAX,
    0x1p-60f, 1e-30f, 0x1p-24f, 0x1p-12f, 0.5f, 1.0f, 2.0f,
    0x1.62e42ep+6f,              /* 88.7228: largest x with expf(x) finite */
    0x1.62e430p+6f,              /* 88.7228: expf overflows above */
    89.0f,
    0x1.9fe368p+6f,              /* 103.972: expf(-x) underflows to 0 below -x */
    0x1.0a2b24p+4f,              /* 16.6355: sigmoid(x) rounds to 1 in f32 */
    0x1.205966p+3f,              /* 9.01091: tanh(x) rounds to 1 in f32 */
    0x1.3ffffep+1f, 2.5f, 0x1.400002p+1f, /* keras hard sigmoid kink and neighbours */
    0x1.7ffffep+1f, 3.0f, 0x1.800002p+1f,  /* torch hard sigmoid kink and neighbours */
    5.0f, 10.0f, 20.0f, 30.0f, 50.0f, 100.0f, 1e4f, 1e30f,
};

#define SPECIAL_MAGNITUDE_COUNT (sizeof special_magnitudes / sizeof special_magnitudes[0])
/* two NaNs (+NaN, -NaN) and each magnitude with both signs */
#define SPECIAL_VALUE_COUNT (2 + 2 * SPECIAL_MAGNITUDE_COUNT)

/* Special value i: +NaN, -NaN, then each magnitude with both signs. */
static float special_value(uint64_t i)
{
    if (i < 2)
        return i == 0 ? NAN : -NAN;
    float m = special_magnitudes[(i - 2) / 2];
    return (i - 2) % 2 ? -m : m;
}

/*
 * Vector activations get every special value placed into a row (or group)
 * of ordinary values, at a position that moves from row to row, and then
 * whole rows of one kind: all NaN, all +inf, all -inf, all huge (the naive
 * softmax overflows), all equal (maxout ties), signed-zero ties.
 */
static const float whole_row_values[] = {NAN, INFINITY, -INFINITY, 1e30f, -1e30f, FLT_MAX,
                                         100.0f, 0.0f, -0.0f, 1.0f};
#define WHOLE_ROW_COUNT (sizeof whole_row_values / sizeof whole_row_values[0])

/* The shared special values, then the activation's own (catalog.inc's
 * special_inputs, as written). */
static uint64_t special_value_count(enum activation_id act)
{
    return SPECIAL_VALUE_COUNT + activation_catalog[act].special_input_count;
}

static float activation_special_value(enum activation_id act, uint64_t i)
{
    return i < SPECIAL_VALUE_COUNT ? special_value(i)
                                   : activation_catalog[act].special_inputs[i - SPECIAL_VALUE_COUNT];
}

static uint64_t special_part_count(enum activation_id act, size_t multiple)
{
    if (activation_catalog[act].kind != ACT_VECTOR) {
        uint64_t n = special_value_count(act);
        return (n + multiple - 1) / multiple * multiple;
    }
    /* one row per special value, the whole rows, and two mixed rows */
    return (special_value_count(act) + WHOLE_ROW_COUNT + 2) * (uint64_t)multiple;
}

static float ordinary_value(uint64_t seed, uint64_t index)
{
    /* in [-3, 3): moderate values so that a row's softmax is not one-hot */
    uint64_t r = input_random_bits(seed ^ 0x5eed0f0bu, index);
    return (float)(-3.0 + 6.0 * (double)(r >> 40) * 0x1p-24);
}

static float special_input(enum activation_id act, size_t multiple, uint64_t seed, uint64_t i)
{
    uint64_t specials = special_value_count(act);
    if (activation_catalog[act].kind != ACT_VECTOR) {
        if (i < specials)
            return activation_special_value(act, i);
        /* padding up to the multiple: ordinary values */
        return ordinary_value(seed, i);
    }
    uint64_t row = i / multiple, pos = i % multiple;
    if (row < specials)
        return pos == row % multiple ? activation_special_value(act, row) : ordinary_value(seed, i);
    row -= specials;
    if (row < WHOLE_ROW_COUNT)
        return whole_row_values[row];
    row -= WHOLE_ROW_COUNT;
    if (row == 0) /* two +inf and the rest finite: the infinities share 1 */
        return pos < 2 ? INFINITY : ordinary_value(seed, i);
    /* +inf, -inf and finite together */
    return pos == 0 ? INFINITY : pos == 1 ? -INFINITY : ordinary_value(seed, i);
}

static uint64_t round_up(uint64_t n, uint64_t m)
{
    return (n + m - 1) / m * m;
}

void input_plan_make(struct input_plan *plan, enum activation_id act, const struct actbench_params *p,
                     enum number_format fmt, uint64_t seed, uint64_t binade_points,
                     uint64_t range_points, bool exhaustive32)
{
    memset(plan, 0, sizeof *plan);
    plan->activation = act;
    plan->format = fmt;
    plan->seed = seed;
    size_t multiple = activation_input_multiple(act, p);
    plan->multiple = multiple;
    if (fmt != FMT_F32) {
        plan->part_count[PART_EXHAUSTIVE] = 65536; /* a multiple of every row length used */
    } else if (exhaustive32) {
        plan->part_count[PART_SPECIAL] = round_up(special_part_count(act, multiple), 16);
        plan->part_count[PART_EXHAUSTIVE] = round_up(UINT64_C(1) << 32, multiple);
    } else {
        plan->part_count[PART_SPECIAL] = special_part_count(act, multiple);
        uint64_t stride = INPUT_BINADE_STRATA * (uint64_t)multiple;
        plan->part_count[PART_BINADES] = round_up(binade_points, stride);
        plan->part_count[PART_RANGE10] = round_up(range_points, multiple);
    }
    uint64_t start = 0;
    for (int part = 0; part < PART_COUNT; part++) {
        plan->part_start[part] = start;
        start += plan->part_count[part];
    }
    plan->total = start;
}

int64_t input_ordered_key(uint32_t bits)
{
    return bits >> 31 ? -(int64_t)(bits & 0x7fffffffu) - 1 : (int64_t)bits;
}

uint32_t input_bits_of_key(int64_t key)
{
    return key < 0 ? 0x80000000u | (uint32_t)(-(key + 1)) : (uint32_t)key;
}

static uint32_t float_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

void input_plan_restrict(struct input_plan *plan, float lo, float hi)
{
    /* both zeros belong to an interval that holds 0 */
    int64_t first = lo == 0.0f ? -1 : input_ordered_key(float_bits(lo));
    int64_t last = hi == 0.0f ? 0 : input_ordered_key(float_bits(hi));
    uint64_t count;
    if (plan->format == FMT_F32) {
        count = (uint64_t)(last - first + 1);
    } else {
        /* the format's values in [lo, hi]: consecutive in key order, but
         * their keys as floats are not; keys of the format's own order */
        int64_t first16 = INT64_MAX, last16 = INT64_MIN;
        for (uint32_t b = 0; b < 65536; b++) {
            float v = format_decode16(plan->format, (uint16_t)b);
            if (isnan(v) || v < lo || v > hi)
                continue;
            int64_t k = (b >> 15) ? -(int64_t)(b & 0x7fffu) - 1 : (int64_t)b;
            if (k < first16)
                first16 = k;
            if (k > last16)
                last16 = k;
        }
        first = first16;
        count = first16 <= last16 ? (uint64_t)(last16 - first16 + 1) : 0;
    }
    count -= count % plan->multiple;
    for (int part = 0; part < PART_COUNT; part++)
        plan->part_start[part] = plan->part_count[part] = 0;
    plan->part_count[PART_EXHAUSTIVE] = count;
    plan->total = count;
    plan->ranged = true;
    plan->range_first = first;
}

static float binade_input(uint64_t seed, uint64_t k)
{
    uint64_t stratum = k % INPUT_BINADE_STRATA;
    uint32_t sign = (uint32_t)(stratum & 1) << 31;
    uint32_t exponent_field = (uint32_t)(stratum >> 1); /* 0 (subnormal) .. 254 */
    uint32_t mantissa = (uint32_t)(input_random_bits(seed, k) >> 41); /* 23 bits */
    if (exponent_field == 0 && mantissa == 0)
        mantissa = 1; /* zeros are in the special part */
    return float_from_bits(sign | exponent_field << 23 | mantissa);
}

static float range10_input(uint64_t seed, uint64_t k)
{
    double u = (double)(input_random_bits(seed ^ 0x10u, k) >> 11) * 0x1p-53;
    return (float)(-10.0 + 20.0 * u);
}

void input_generate(const struct input_plan *plan, uint64_t start, size_t count, float *x,
                    uint8_t *part_out)
{
    /* every activation and implementation sees the same inputs for a seed:
     * figures of different activations are comparable point for point */
    uint64_t seed = plan->seed;
    size_t multiple = plan->multiple;
    const uint64_t exhaustive = plan->part_start[PART_EXHAUSTIVE];
    if (plan->format == FMT_F32 && count > 0 && start >= exhaustive &&
        start + count <= exhaustive + plan->part_count[PART_EXHAUSTIVE]) {
        /* consecutive encodings (or, ranged, consecutive floats) */
        for (size_t j = 0; j < count; j++) {
            uint64_t k = start + j - exhaustive;
            x[j] = float_from_bits(plan->ranged ? input_bits_of_key(plan->range_first + (int64_t)k)
                                                : (uint32_t)k);
            if (part_out)
                part_out[j] = PART_EXHAUSTIVE;
        }
        return;
    }
    for (size_t j = 0; j < count; j++) {
        uint64_t i = start + j;
        int part = PART_SPECIAL;
        while (part + 1 < PART_COUNT && i >= plan->part_start[part + 1])
            part++;
        uint64_t k = i - plan->part_start[part];
        float v;
        switch (part) {
        case PART_SPECIAL: v = special_input(plan->activation, multiple, seed, k); break;
        case PART_BINADES: v = binade_input(seed, k); break;
        case PART_RANGE10: v = range10_input(seed, k); break;
        default:
            if (plan->ranged && plan->format == FMT_F32) {
                v = float_from_bits(input_bits_of_key(plan->range_first + (int64_t)k));
            } else if (plan->ranged) {
                int64_t key = plan->range_first + (int64_t)k;
                uint16_t b = key < 0 ? (uint16_t)(0x8000u | (uint32_t)(-(key + 1))) : (uint16_t)key;
                v = format_decode16(plan->format, b);
            } else if (plan->format == FMT_F32) {
                v = float_from_bits((uint32_t)k);
            } else {
                v = format_decode16(plan->format, (uint16_t)k);
            }
            break;
        }
        x[j] = v;
        if (part_out)
            part_out[j] = (uint8_t)part;
    }
}

float input_upstream_gradient(enum activation_id act, uint64_t seed, uint64_t index)
{
    if (activation_catalog[act].kind != ACT_VECTOR)
        return 1.0f;
    uint64_t r = input_random_bits(seed ^ 0xd1d1u, index);
    return (float)(-1.0 + 2.0 * (double)(r >> 40) * 0x1p-24);
}

