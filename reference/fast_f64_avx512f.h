/*
 * The f64 vector layer of the fast references and the exhaustive
 * statistics, AVX-512 F/DQ: 8 double lanes, lane masks in the k registers.
 * Every header of the layer (fast_f64_scalar.h, fast_f64_avx2.h, this one)
 * defines the same identifiers; code written over them is compiled once
 * per ISA with that ISA's flags (reference/meson.build).
 *
 *   vf64, vmask64, VF64_LANES    a vector of doubles, its lane mask
 *   vf64_load/store[_tail]       doubles; the tail forms touch n lanes only
 *   vf64_load_f32[_tail]         floats widened to double (exact)
 *   vf64_store_f32               doubles narrowed to float (round to nearest)
 *   arithmetic, compares, selects, masks: the obvious names
 *   vf64_round_even              to an integer, half to even
 *   vf64_exponent                floor(log2|a|) of a normal double, as a double
 *   vf64_pow2                    2^e for an integral e in [-1022, 1023]
 *   vf64_exp, _expm1, _log1p, _erf, _erfc
 *                                glibc's libmvec functions in double (the
 *                                scalar layer: libm's); their accuracy is the
 *                                assumption the fast references rest on
 *                                (fast_reference.h)
 */
#ifndef ACTBENCH_FAST_F64_AVX512F_H
#define ACTBENCH_FAST_F64_AVX512F_H

#include <immintrin.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VF64_LANES 8

typedef __m512d vf64;
typedef __mmask8 vmask64;

/* libmvec, AVX-512 variants (glibc >= 2.35 for erf, erfc, expm1, log1p) */
__m512d _ZGVeN8v_exp(__m512d x);
__m512d _ZGVeN8v_expm1(__m512d x);
__m512d _ZGVeN8v_log1p(__m512d x);
__m512d _ZGVeN8v_erf(__m512d x);
__m512d _ZGVeN8v_erfc(__m512d x);

static inline vmask64 vf64_tail_mask(size_t n) { return (__mmask8)((1u << n) - 1u); }
static inline vf64 vf64_load(const double *p) { return _mm512_loadu_pd(p); }
static inline void vf64_store(double *p, vf64 v) { _mm512_storeu_pd(p, v); }
static inline vf64 vf64_load_tail(const double *p, size_t n)
{
    return _mm512_maskz_loadu_pd(vf64_tail_mask(n), p);
}
static inline void vf64_store_tail(double *p, vf64 v, size_t n)
{
    _mm512_mask_storeu_pd(p, vf64_tail_mask(n), v);
}
static inline vf64 vf64_load_f32(const float *p) { return _mm512_cvtps_pd(_mm256_loadu_ps(p)); }
static inline vf64 vf64_load_f32_tail(const float *p, size_t n)
{
    return _mm512_cvtps_pd(_mm256_maskz_loadu_ps(vf64_tail_mask(n), p));
}
static inline void vf64_store_f32(float *p, vf64 v) { _mm256_storeu_ps(p, _mm512_cvtpd_ps(v)); }
static inline void vf64_store_f32_tail(float *p, vf64 v, size_t n)
{
    _mm256_mask_storeu_ps(p, vf64_tail_mask(n), _mm512_cvtpd_ps(v));
}

static inline vf64 vf64_set1(double c) { return _mm512_set1_pd(c); }
static inline vf64 vf64_zero(void) { return _mm512_setzero_pd(); }

static inline vf64 vf64_add(vf64 a, vf64 b) { return _mm512_add_pd(a, b); }
static inline vf64 vf64_sub(vf64 a, vf64 b) { return _mm512_sub_pd(a, b); }
static inline vf64 vf64_mul(vf64 a, vf64 b) { return _mm512_mul_pd(a, b); }
static inline vf64 vf64_div(vf64 a, vf64 b) { return _mm512_div_pd(a, b); }
static inline vf64 vf64_fmadd(vf64 a, vf64 b, vf64 c) { return _mm512_fmadd_pd(a, b, c); }
static inline vf64 vf64_fmsub(vf64 a, vf64 b, vf64 c) { return _mm512_fmsub_pd(a, b, c); }
static inline vf64 vf64_min(vf64 a, vf64 b) { return _mm512_min_pd(a, b); }
static inline vf64 vf64_max(vf64 a, vf64 b) { return _mm512_max_pd(a, b); }
/* the largest lane (no NaN lane) */
static inline double vf64_reduce_max(vf64 a) { return _mm512_reduce_max_pd(a); }
static inline vf64 vf64_abs(vf64 a) { return _mm512_abs_pd(a); }
static inline vf64 vf64_neg(vf64 a)
{
    return _mm512_castsi512_pd(
        _mm512_xor_epi64(_mm512_castpd_si512(a), _mm512_set1_epi64((long long)0x8000000000000000ull)));
}
/* |a| with the sign of s */
static inline vf64 vf64_copysign(vf64 a, vf64 s)
{
    const __m512i sign = _mm512_set1_epi64((long long)0x8000000000000000ull);
    return _mm512_castsi512_pd(_mm512_ternarylogic_epi64(sign, _mm512_castpd_si512(s),
                                                         _mm512_castpd_si512(a), 0xe4));
}
static inline vf64 vf64_sqrt(vf64 a) { return _mm512_sqrt_pd(a); }

static inline vmask64 vf64_lt(vf64 a, vf64 b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
static inline vmask64 vf64_le(vf64 a, vf64 b) { return _mm512_cmp_pd_mask(a, b, _CMP_LE_OQ); }
static inline vmask64 vf64_gt(vf64 a, vf64 b) { return _mm512_cmp_pd_mask(a, b, _CMP_GT_OQ); }
static inline vmask64 vf64_ge(vf64 a, vf64 b) { return _mm512_cmp_pd_mask(a, b, _CMP_GE_OQ); }
static inline vmask64 vf64_eq(vf64 a, vf64 b) { return _mm512_cmp_pd_mask(a, b, _CMP_EQ_OQ); }
static inline vmask64 vf64_ne(vf64 a, vf64 b) { return _mm512_cmp_pd_mask(a, b, _CMP_NEQ_UQ); }
static inline vmask64 vf64_isnan(vf64 a) { return _mm512_cmp_pd_mask(a, a, _CMP_UNORD_Q); }
/* the sign bit is set (-0, negative numbers, NaNs with the bit) */
static inline vmask64 vf64_signbit(vf64 a)
{
    return _mm512_movepi64_mask(_mm512_castpd_si512(a));
}

static inline vmask64 vf64_not_finite(vf64 a)
{
    return _mm512_cmp_pd_mask(_mm512_abs_pd(a), _mm512_set1_pd(INFINITY), _CMP_NLT_UQ);
}

static inline vf64 vf64_select(vmask64 m, vf64 a, vf64 b) { return _mm512_mask_blend_pd(m, b, a); }
static inline vmask64 vmask64_and(vmask64 a, vmask64 b) { return (vmask64)(a & b); }
static inline vmask64 vmask64_or(vmask64 a, vmask64 b) { return (vmask64)(a | b); }
static inline vmask64 vmask64_xor(vmask64 a, vmask64 b) { return (vmask64)(a ^ b); }
static inline vmask64 vmask64_andnot(vmask64 a, vmask64 b) { return (vmask64)(a & ~b); }
static inline vmask64 vmask64_none(void) { return 0; }
static inline vmask64 vmask64_select(vmask64 m, vmask64 a, vmask64 b) { return (vmask64)((a & m) | (b & ~m)); }
static inline bool vmask64_any(vmask64 m) { return m != 0; }
/* lane i is bit i */
static inline unsigned vmask64_bits(vmask64 m) { return m; }
static inline vmask64 vmask64_from_bits(unsigned bits) { return (vmask64)bits; }

static inline vf64 vf64_round_even(vf64 a)
{
    return _mm512_roundscale_pd(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
}
static inline vf64 vf64_exponent(vf64 a) { return _mm512_getexp_pd(a); }
static inline vf64 vf64_pow2(vf64 e) { return _mm512_scalef_pd(_mm512_set1_pd(1.0), e); }

static inline vf64 vf64_exp(vf64 x) { return _ZGVeN8v_exp(x); }
static inline vf64 vf64_expm1(vf64 x) { return _ZGVeN8v_expm1(x); }
static inline vf64 vf64_log1p(vf64 x) { return _ZGVeN8v_log1p(x); }
static inline vf64 vf64_erf(vf64 x) { return _ZGVeN8v_erf(x); }
static inline vf64 vf64_erfc(vf64 x) { return _ZGVeN8v_erfc(x); }

/* per-lane counters of mask bits */
typedef __m512i vcount64;
static inline vcount64 vcount64_zero(void) { return _mm512_setzero_si512(); }
static inline vcount64 vcount64_add(vcount64 c, vmask64 m)
{
    return _mm512_mask_sub_epi64(c, m, c, _mm512_set1_epi64(-1));
}
static inline uint64_t vcount64_total(vcount64 c) { return (uint64_t)_mm512_reduce_add_epi64(c); }

#endif
