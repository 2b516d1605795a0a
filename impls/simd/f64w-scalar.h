/*
 * The SIMD layer's "wide" float64 companion, scalar: one double lane.
 * Same identifiers and semantics as impls/simd/f64w-avx2.h; the fused
 * forms are fma().  Include after f32-scalar.h.
 */
#ifndef ACTBENCH_SIMD_F64W_SCALAR_H
#define ACTBENCH_SIMD_F64W_SCALAR_H
#define ACTBENCH_SIMD_F64W 1

#include <math.h>
#include <stdint.h>
#include <string.h>

typedef double vf64w;
typedef int64_t vi64w;

static inline vf64w vf64w_widen(vf32 a) { return (double)a; }
static inline vf32 vf64w_narrow(vf64w a) { return (float)a; }
static inline vf64w vf64w_set1(double c) { return c; }
static inline vf64w vf64w_add(vf64w a, vf64w b) { return a + b; }
static inline vf64w vf64w_sub(vf64w a, vf64w b) { return a - b; }
static inline vf64w vf64w_mul(vf64w a, vf64w b) { return a * b; }
static inline vf64w vf64w_div(vf64w a, vf64w b) { return a / b; }
static inline vf64w vf64w_fmadd(vf64w a, vf64w b, vf64w c) { return fma(a, b, c); }
static inline vf64w vf64w_fnmadd(vf64w a, vf64w b, vf64w c) { return fma(-a, b, c); }
static inline vf64w vf64w_min(vf64w a, vf64w b) { return a < b ? a : b; }
static inline vf64w vf64w_max(vf64w a, vf64w b) { return a > b ? a : b; }
static inline vi64w vf64w_as_vi64w(vf64w a)
{
    vi64w r;
    memcpy(&r, &a, sizeof r);
    return r;
}
static inline vf64w vi64w_as_vf64w(vi64w a)
{
    vf64w r;
    memcpy(&r, &a, sizeof r);
    return r;
}
static inline vi64w vi64w_shl(vi64w a, int n) { return (vi64w)((uint64_t)a << n); }
static inline vi64w vi64w_add(vi64w a, vi64w b) { return (vi64w)((uint64_t)a + (uint64_t)b); }

static inline vf32 vf64w_narrow_round_odd(vf64w a)
{
    float f = (float)a;
    double back = f;
    if (back == a || a != a)
        return f;
    uint32_t bits;
    memcpy(&bits, &f, sizeof bits);
    if (fabs(back) > fabs(a))
        bits -= 1u;
    bits |= 1u;
    memcpy(&f, &bits, sizeof f);
    return f;
}

#endif
