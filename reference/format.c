/* The number formats; see format.h. */
#include "format.h"

#include <math.h>
#include <string.h>

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

uint16_t format_encode16(enum number_format fmt, float x)
{
    uint32_t u;
    memcpy(&u, &x, sizeof u);
    uint16_t sign = (uint16_t)(u >> 31 << 15);
    if (fmt == FMT_BF16)
        return isnan(x) ? (uint16_t)(sign | 0x7fc0u) : (uint16_t)(u >> 16);
    if (isnan(x))
        return (uint16_t)(sign | 0x7e00u);
    float a = fabsf(x);
    if (isinf(a))
        return (uint16_t)(sign | 0x7c00u);
    if (a < 0x1p-14f) /* subnormal or zero: a multiple of 2^-24 */
        return (uint16_t)(sign | (uint16_t)ldexpf(a, 24));
    int e;
    float m = frexpf(a, &e); /* a = m * 2^e, m in [0.5, 1) */
    uint16_t mant = (uint16_t)(ldexpf(m, 11) - 1024.0f);
    return (uint16_t)(sign | (uint16_t)((e + 14) << 10) | mant);
}
