/* The catalog table, built from catalog.inc. */
#include "catalog.h"

#include <math.h>
#include <string.h>


/* Every entry's reference function, declared from the entry itself. */
#define ACTIVATION(reference, ...) ref_function reference;
#include "catalog.inc"
#undef ACTIVATION

const struct activation_info activation_catalog[ACT_COUNT] = {
#define ACTIVATION(ref, ...) {.reference = ref, __VA_ARGS__},
#include "catalog.inc"
#undef ACTIVATION
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

enum activation_id activation_companion(enum activation_id act)
{
    const char *companion = activation_catalog[act].companion;
    return companion ? activation_by_name(companion) : ACT_COUNT;
}

void act_params_default(enum activation_id act, struct actbench_params *p)
{
    const struct activation_info *info = &activation_catalog[act];
    memset(p, 0, sizeof *p);
    if (info->kind == ACT_ELEMENTWISE_PARAM && info->channels == 0)
        p->alpha = (float)info->param_default;
    p->channels = info->channels;
    p->channel_alpha = info->channels ? info->channel_alpha : NULL;
    p->row_length = info->shape == SHAPE_ROWS ? (size_t)info->param_default : 0;
    p->group = info->shape == SHAPE_GROUPS ? (size_t)info->param_default : 0;
}

size_t activation_output_count(enum activation_id act, const struct actbench_params *p, size_t n)
{
    return activation_catalog[act].shape == SHAPE_GROUPS ? n / p->group : n;
}

size_t activation_inputs_per_output(enum activation_id act, const struct actbench_params *p)
{
    return activation_catalog[act].shape == SHAPE_GROUPS ? p->group : 1;
}

int activation_properties_hold(enum activation_id act, const struct actbench_params *p)
{
    const struct activation_info *info = &activation_catalog[act];
    return info->kind != ACT_ELEMENTWISE_PARAM || info->channels ||
           p->alpha == (float)info->param_default;
}

size_t activation_input_multiple(enum activation_id act, const struct actbench_params *p)
{
    switch (activation_catalog[act].shape) {
    case SHAPE_ROWS: return p->row_length;
    case SHAPE_GROUPS: return p->group;
    case SHAPE_ELEMENTWISE: break;
    }
    return 1;
}
