/*
 * The f64 vector layer with one lane: plain C on the x86-64 baseline, for
 * machines without AVX2.  The identifiers of fast_f64_avx512f.h; the
 * functions are libm's (glibc: exp, expm1, log1p, erf 1 ulp, erfc 5 ulp in
 * libm-test-ulps).
 */
#ifndef ACTBENCH_FAST_F64_SCALAR_H
#define ACTBENCH_FAST_F64_SCALAR_H

#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VF64_LANES 1

typedef double vf64;
typedef bool vmask64;

static inline vf64 vf64_load(const double *p) { return *p; }
static inline void vf64_store(double *p, vf64 v) { *p = v; }
static inline vf64 vf64_load_tail(const double *p, size_t n) { return n ? *p : 0.0; }
static inline void vf64_store_tail(double *p, vf64 v, size_t n)
{
    if (n)
        *p = v;
}
static inline vf64 vf64_load_f32(const float *p) { return *p; }
static inline vf64 vf64_load_f32_tail(const float *p, size_t n) { return n ? *p : 0.0; }
static inline void vf64_store_f32(float *p, vf64 v) { *p = (float)v; }
static inline void vf64_store_f32_tail(float *p, vf64 v, size_t n)
{
    if (n)
        *p = (float)v;
}

static inline vf64 vf64_set1(double c) { return c; }
static inline vf64 vf64_zero(void) { return 0.0; }

static inline vf64 vf64_add(vf64 a, vf64 b) { return a + b; }
static inline vf64 vf64_sub(vf64 a, vf64 b) { return a - b; }
static inline vf64 vf64_mul(vf64 a, vf64 b) { return a * b; }
static inline vf64 vf64_div(vf64 a, vf64 b) { return a / b; }
static inline vf64 vf64_fmadd(vf64 a, vf64 b, vf64 c) { return fma(a, b, c); }
static inline vf64 vf64_fmsub(vf64 a, vf64 b, vf64 c) { return fma(a, b, -c); }
/* as the vector instructions: the second operand when either is NaN */
static inline vf64 vf64_min(vf64 a, vf64 b) { return a < b ? a : b; }
static inline vf64 vf64_max(vf64 a, vf64 b) { return a > b ? a : b; }
/* the largest lane (no NaN lane) */
static inline double vf64_reduce_max(vf64 a) { return a; }
static inline vf64 vf64_abs(vf64 a) { return fabs(a); }
static inline vf64 vf64_neg(vf64 a) { return -a; }
static inline vf64 vf64_copysign(vf64 a, vf64 s) { return copysign(a, s); }
static inline vf64 vf64_sqrt(vf64 a) { return sqrt(a); }

static inline vmask64 vf64_lt(vf64 a, vf64 b) { return a < b; }
static inline vmask64 vf64_le(vf64 a, vf64 b) { return a <= b; }
static inline vmask64 vf64_gt(vf64 a, vf64 b) { return a > b; }
static inline vmask64 vf64_ge(vf64 a, vf64 b) { return a >= b; }
static inline vmask64 vf64_eq(vf64 a, vf64 b) { return a == b; }
static inline vmask64 vf64_ne(vf64 a, vf64 b) { return !(a == b); }
static inline vmask64 vf64_isnan(vf64 a) { return isnan(a); }
static inline vmask64 vf64_signbit(vf64 a) { return signbit(a) != 0; }

static inline vmask64 vf64_not_finite(vf64 a) { return !(fabs(a) < INFINITY); }

static inline vf64 vf64_select(vmask64 m, vf64 a, vf64 b) { return m ? a : b; }
static inline vmask64 vmask64_and(vmask64 a, vmask64 b) { return a && b; }
static inline vmask64 vmask64_or(vmask64 a, vmask64 b) { return a || b; }
static inline vmask64 vmask64_xor(vmask64 a, vmask64 b) { return a != b; }
static inline vmask64 vmask64_andnot(vmask64 a, vmask64 b) { return a && !b; }
static inline vmask64 vmask64_none(void) { return false; }
static inline vmask64 vmask64_select(vmask64 m, vmask64 a, vmask64 b) { return m ? a : b; }
static inline bool vmask64_any(vmask64 m) { return m; }
static inline unsigned vmask64_bits(vmask64 m) { return m ? 1u : 0u; }
static inline vmask64 vmask64_from_bits(unsigned bits) { return (bits & 1u) != 0; }

static inline vf64 vf64_round_even(vf64 a) { return nearbyint(a); }
static inline vf64 vf64_exponent(vf64 a) { return (double)ilogb(a); }
static inline vf64 vf64_pow2(vf64 e) { return ldexp(1.0, (int)e); }

static inline vf64 vf64_exp(vf64 x) { return exp(x); }
static inline vf64 vf64_expm1(vf64 x) { return expm1(x); }
static inline vf64 vf64_log1p(vf64 x) { return log1p(x); }
static inline vf64 vf64_erf(vf64 x) { return erf(x); }
static inline vf64 vf64_erfc(vf64 x) { return erfc(x); }

/* per-lane counters of mask bits */
typedef uint64_t vcount64;
static inline vcount64 vcount64_zero(void) { return 0; }
static inline vcount64 vcount64_add(vcount64 c, vmask64 m) { return c + (m ? 1u : 0u); }
static inline uint64_t vcount64_total(vcount64 c) { return c; }

#endif
