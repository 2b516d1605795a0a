/* The catalog table, built from catalog.inc, and the number formats. */
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

void act_params_default(enum activation_id act, struct act_params *p)
{
    memset(p, 0, sizeof *p);
    p->alpha = (float)activation_catalog[act].param_default;
    p->channels = sizeof prelu_channel_alpha / sizeof prelu_channel_alpha[0];
    p->channel_alpha = prelu_channel_alpha;
    p->row_length = (size_t)activation_catalog[ACT_SOFTMAX].param_default;
    p->group = (size_t)activation_catalog[ACT_MAXOUT].param_default;
}

size_t activation_output_count(enum activation_id act, const struct act_params *p, size_t n)
{
    return act == ACT_MAXOUT ? n / p->group : n;
}

size_t activation_inputs_per_output(enum activation_id act, const struct act_params *p)
{
    size_t multiple = activation_input_multiple(act, p);
    return multiple / activation_output_count(act, p, multiple);
}

int activation_properties_hold(enum activation_id act, const struct act_params *p)
{
    const struct activation_info *info = &activation_catalog[act];
    return info->kind != ACT_ELEMENTWISE_PARAM || p->alpha == (float)info->param_default;
}

size_t activation_input_multiple(enum activation_id act, const struct act_params *p)
{
    if (act == ACT_SOFTMAX)
        return p->row_length;
    if (act == ACT_MAXOUT)
        return p->group;
    return 1;
}

const struct format_info format_catalog[FMT_COUNT] = {
    [FMT_F32] = {"f32", 24, -126, 127},
    [FMT_BF16] = {"bf16", 8, -126, 127},
    [FMT_F16] = {"f16", 11, -14, 15},
};

double format_ulp(enum number_format fmt, double v)
{
    const struct format_info *fi = &format_catalog[fmt];
    int e = fi->emin;
    if (v != 0.0) {
        int ex;
        frexp(v, &ex); /* |v| in [2^(ex-1), 2^ex) */
        if (ex - 1 > e)
            e = ex - 1;
    }
    return ldexp(1.0, e - fi->precision + 1);
}

float format_round(enum number_format fmt, float x)
{
    if (fmt == FMT_F32 || isnan(x) || isinf(x) || x == 0.0f)
        return x;
    const struct format_info *fi = &format_catalog[fmt];
    double v = x;
    double q = format_ulp(fmt, v);
    /* v / q is exact in double; nearbyint rounds half to even in the
     * default rounding mode. */
    double r = nearbyint(v / q) * q;
    double max_finite = ldexp(2.0 - ldexp(1.0, 1 - fi->precision), fi->emax);
    if (fabs(r) > max_finite)
        return copysignf(INFINITY, x);
    return copysignf((float)r, x);
}

float format_decode16(enum number_format fmt, uint16_t bits)
{
    if (fmt == FMT_BF16) {
        uint32_t u = (uint32_t)bits << 16;
        float f;
        memcpy(&f, &u, sizeof f);
        return f;
    }
    /* IEEE binary16 */
    int sign = bits >> 15, exp = (bits >> 10) & 0x1f, mant = bits & 0x3ff;
    float f;
    if (exp == 0)
        f = ldexpf((float)mant, -24);
    else if (exp == 31)
        f = mant ? NAN : INFINITY;
    else
        f = ldexpf((float)(mant | 0x400), exp - 25);
    return sign ? -f : f;
}
