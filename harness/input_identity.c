/* Identities of input sets; see input_identity.h. */
#include "input_identity.h"

#include <stdlib.h>
#include <string.h>

#define FNV_OFFSET UINT64_C(0xcbf29ce484222325)
#define FNV_PRIME UINT64_C(0x100000001b3)
/* Inputs generated and hashed at a time. */
#define CHUNK 4096

static uint64_t hash_bytes(uint64_t h, const void *data, size_t size)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < size; i++) {
        h ^= b[i];
        h *= FNV_PRIME;
    }
    return h;
}

/* Little-endian, whatever the host, so the identity is the same on every
 * machine. */
static uint64_t hash_u64(uint64_t h, uint64_t v)
{
    unsigned char b[8];
    for (int i = 0; i < 8; i++)
        b[i] = (unsigned char)(v >> (8 * i));
    return hash_bytes(h, b, sizeof b);
}

static uint64_t hash_float(uint64_t h, float v)
{
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    return hash_u64(h, bits);
}

uint64_t input_set_identity(const struct input_plan *plan, const struct actbench_params *p)
{
    uint64_t h = FNV_OFFSET;
    h = hash_u64(h, (uint64_t)plan->format);
    for (int part = 0; part < PART_COUNT; part++)
        h = hash_u64(h, plan->part_count[part]);
    h = hash_float(h, p->alpha);
    h = hash_u64(h, p->channels);
    for (size_t c = 0; p->channel_alpha && c < p->channels; c++)
        h = hash_float(h, p->channel_alpha[c]);
    h = hash_u64(h, p->row_length);
    h = hash_u64(h, p->group);

    float x[CHUNK];
    uint64_t end = plan->part_start[PART_EXHAUSTIVE];
    for (uint64_t start = 0; start < end; start += CHUNK) {
        size_t count = end - start < CHUNK ? (size_t)(end - start) : CHUNK;
        input_generate(plan, start, count, x, NULL);
        for (size_t i = 0; i < count; i++)
            h = hash_float(h, x[i]);
    }
    if (activation_catalog[plan->activation].kind == ACT_VECTOR) {
        uint64_t outputs = activation_output_count(plan->activation, p, (size_t)plan->total);
        for (uint64_t i = 0; i < outputs; i++) {
            float dy = input_upstream_gradient(plan->activation, plan->seed, i);
            h = hash_float(h, format_round(plan->format, dy));
        }
    }
    return h;
}

int accuracy_rows_identify(struct accuracy_row *rows, size_t row_count,
                           const struct accuracy_options *options)
{
    /* one identity per activation and format, shared by its rows */
    uint64_t *known = calloc(ACT_COUNT * FMT_COUNT, sizeof *known);
    unsigned char *have = calloc(ACT_COUNT * FMT_COUNT, 1);
    if (!known || !have) {
        free(known);
        free(have);
        return -1;
    }
    for (size_t r = 0; r < row_count; r++) {
        struct accuracy_row *row = &rows[r];
        size_t slot = (size_t)row->impl->activation * FMT_COUNT + (size_t)row->format;
        if (!have[slot]) {
            struct actbench_params params;
            struct input_plan plan;
            act_params_default(row->impl->activation, &params);
            input_plan_make(&plan, row->impl->activation, &params, row->format, options->seed,
                            options->binade_points, options->range_points,
                            options->exhaustive32);
            known[slot] = input_set_identity(&plan, &params);
            have[slot] = 1;
        }
        row->seed = options->seed;
        row->input_identity = known[slot];
        row->has_input_identity = true;
    }
    free(known);
    free(have);
    return 0;
}
