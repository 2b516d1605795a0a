/*
 * The SIMD layer's "wide" float64 companion, scalar: one double lane.
 * Same identifiers and semantics as impls/simd/f64w-avx2.h; the fused
 * forms are fma(), one vfmadd in the FMA clone of a scalar own kernel (as
 * fmaf in f32-scalar.h).  Include after f32-scalar.h.
 */
#ifndef ACTBENCH_SIMD_F64W_SCALAR_H
#define ACTBENCH_SIMD_F64W_SCALAR_H
#define ACTBENCH_SIMD_F64W 1

#include <math.h>
#include <stdbool.h>
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

typedef bool vmask64w;
static inline vmask64w vf64w_eq(vf64w a, vf64w b) { return a == b; }
static inline vmask64w vf64w_lt(vf64w a, vf64w b) { return a < b; }
static inline vmask64w vf64w_le(vf64w a, vf64w b) { return a <= b; }
static inline vmask64w vf64w_gt(vf64w a, vf64w b) { return a > b; }
static inline vf64w vf64w_select(vmask64w m, vf64w a, vf64w b) { return m ? a : b; }
static inline vmask64w vf64w_isnan(vf64w a) { return isnan(a); }
static inline bool vmask64w_any(vmask64w m) { return m; }
static inline vmask64w vmask64w_and(vmask64w a, vmask64w b) { return a && b; }
static inline vmask64w vmask64w_or(vmask64w a, vmask64w b) { return a || b; }
static inline unsigned vmask64w_bits(vmask64w m) { return m ? 1u : 0u; }

static inline vf64w vf64w_add_all(vf64w v) { return v; }
static inline double vf64w_lane0(vf64w v) { return v; }

static inline vf64w vf64w_split_exponent(vf64w a, vf64w *e)
{
    uint64_t bits;
    memcpy(&bits, &a, sizeof bits);
    int exponent = (int)(bits >> 52) - 1023;
    bits = (bits & 0x000fffffffffffffu) | 0x3ff0000000000000u;
    double z;
    memcpy(&z, &bits, sizeof z);
    if (z >= 1.5) {
        z *= 0.5;
        exponent++;
    }
    *e = (double)exponent;
    return z;
}

typedef const double *vf64w_table8;
static inline vf64w_table8 vf64w_table8_load(const double *table) { return table; }
static inline vf64w vf64w_table8_lookup(vf64w_table8 table, vi64w index) { return table[index & 7]; }

#endif
