/* The catalog table, built from catalog.inc. */
#include "catalog.h"

#include <math.h>
#include <string.h>

const struct activation_info activation_catalog[ACT_COUNT] = {
#define ACTIVATION(id, nm, kd, pname, pdefault, value, derivative, nt) \
    [ACT_##id] = {.name = nm, .kind = kd, .param_name = pname, .param_default = pdefault, \
                  .value_definition = value, .derivative_definition = derivative, .notes = nt},
#include "catalog.inc"
#undef ACTIVATION
};

const struct activation_properties activation_property_table[ACT_COUNT] = {
#define PROPERTIES(id, lo, hi, sym, mono, sat_dir, sat_limit, flat) \
    [ACT_##id] = {.range_lo = lo, .range_hi = hi, .symmetry = sym, .monotone_from = mono, \
                  .saturation_direction = sat_dir, .saturation_limit = sat_limit, .flat_sides = flat},
#include "catalog.inc"
#undef PROPERTIES
};

enum activation_id activation_by_name(const char *name)
{
    for (int a = 0; a < ACT_COUNT; a++)
        if (strcmp(activation_catalog[a].name, name) == 0)
            return (enum activation_id)a;
    return ACT_COUNT;
}

const char *activation_kind_name(enum activation_kind kind)
{
    switch (kind) {
    case ACT_ELEMENTWISE: return "elementwise";
    case ACT_ELEMENTWISE_PARAM: return "elementwise_param";
    case ACT_VECTOR: return "vector";
    }
    return "?";
}

/* PyTorch initialises PReLU's a to 0.25; the other channels show how the
 * error behaves for slopes that are not powers of two. */
static const float prelu_channel_alpha[] = {0.25f, 0.1f, 0.01f, 0.3f};

void act_params_default(enum activation_id act, struct actbench_params *p)
{
    memset(p, 0, sizeof *p);
    p->alpha = (float)activation_catalog[act].param_default;
    p->channels = sizeof prelu_channel_alpha / sizeof prelu_channel_alpha[0];
    p->channel_alpha = prelu_channel_alpha;
    p->row_length = (size_t)activation_catalog[ACT_SOFTMAX].param_default;
    p->group = (size_t)activation_catalog[ACT_MAXOUT].param_default;
}

size_t activation_output_count(enum activation_id act, const struct actbench_params *p, size_t n)
{
    return act == ACT_MAXOUT ? n / p->group : n;
}

size_t activation_inputs_per_output(enum activation_id act, const struct actbench_params *p)
{
    size_t multiple = activation_input_multiple(act, p);
    return multiple / activation_output_count(act, p, multiple);
}

int activation_properties_hold(enum activation_id act, const struct actbench_params *p)
{
    const struct activation_info *info = &activation_catalog[act];
    return info->kind != ACT_ELEMENTWISE_PARAM || p->alpha == (float)info->param_default;
}

size_t activation_input_multiple(enum activation_id act, const struct actbench_params *p)
{
    if (act == ACT_SOFTMAX)
        return p->row_length;
    if (act == ACT_MAXOUT)
        return p->group;
    return 1;
}
