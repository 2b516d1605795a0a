/*
 * The upper tail of the normal distribution in relative terms, table form,
 * over the SIMD layer (include one ISA's impls/simd/f32-*.h first):
 *
 *     Phi(-t) = erfc(t/sqrt 2)/2 = exp(-t^2/2) * V(t),   t >= 0,
 *
 * V(t) = Phi(-t)*exp(t^2/2) the scaled Mills ratio (V(0) = 1/2, V(t) ~
 * 1/(t sqrt(2 pi)) for large t): smooth and slowly varying, unlike Phi(-t)
 * itself, which falls to 2^-149 by t = 14.  The exponential is exp_table.h's
 * (impls/math/gelu.h splits t^2 exactly); this header gives V.
 *
 * Segments: 32, picked by the float t + 1: bits 20..24 are the low two
 * exponent bits and three significand bits, so the segments are 1/8 wide on
 * [0, 1), 1/4 on [1, 3), 1/2 on [3, 7) and 1 on [7, 15), where V changes
 * by at most 14% (impls/math/sollya/erf_table.sollya).  The midpoint m of
 * the segment comes from the same bits (no table): m + 1 = t + 1 with the
 * significand cut to 3 bits and the fourth bit set (an OR), m = that - 1
 * exactly, d = t - m, exact but in the first segment, where d = t - 1/16
 * rounds by at most 2^-29 (six operations, where start = (t + 1 cut) - 1
 * and d = (t - start) - w/2 took eight; d is the same float for every t in
 * [0, 15), checked on all of them).  A t + 1 rounded up into the next
 * segment gives d down to -w/2 - 2^-21, inside the fitted interval.
 *
 * erf_table_accurate: V = V_j * (1 + v), v = c0 + d*(c1 + ... + d*c5),
 *   |v| <= 0.15 with an absolute error of the fit below 2^-29 (c0 holds
 *   what the rounding of V_j misses); v is returned apart, so that the
 *   caller multiplies V_j exactly and adds v's small contribution last.
 *   Seven 32-entry lookups (V_j and c0..c5) and five FMAs (scalar and
 *   AVX-512F: one vpermt2ps a lookup).
 *   On AVX2 (ERF_TABLE_ACCURATE_QUOTIENT) a 32-entry lookup takes seven
 *   operations or a row lookup of 16 loads: V = u*(1 - rel)*(1 + f)
 *   instead, u = c_j/(t + 1) by one division, rel its relative excess over
 *   the exact quotient (from the division's exact residual and the exact
 *   rounding error of t + 1), f of degree 7 in u - u_j on eight segments
 *   picked by t + 1's bits 22..24 (fit error 2^-30.47, |f| <= 0.026,
 *   impls/math/sollya/erf_rational.sollya): eleven 8-entry lookups (one
 *   vpermps each), the division, seven FMAs for f and six operations for
 *   rel and w = u - u_j corrected by rel.  The caller takes 1 - rel into
 *   the exponential's reduced argument.  Not the same floats as the
 *   segments' V_j*(1 + v): the AVX2 kernels' results differ from the
 *   scalar and AVX-512F ones in the last bits.
 * erf_table_fast: V as one float, V_j + V_j*d*(c1 + ... + d*c4) (fit
 *   error below 2^-23.7 absolute, V_j's rounding 2^-25): five lookups;
 *   on AVX2 the quotient form u + u*f, f of degree 5 (fit error 2^-25.69)
 *   less the division's relative residual.
 * Valid for 0 <= t < 15 (callers take t <= 12.5).
 */
#ifndef ACTBENCH_MATH_ERF_TABLE_H
#define ACTBENCH_MATH_ERF_TABLE_H

#include "coefficients.h"
#include "erf_data.h"

struct erf_segment {
    vi32 index; /* table index in the low 5 bits */
    vf32 d;     /* t minus the segment's midpoint */
};

static inline struct erf_segment erf_table_segment(vf32 t)
{
    const vf32 one = vf32_set1(1.0f);
    vi32 bits = vf32_as_vi32(vf32_add(t, one));
    /* the segment's midpoint in t + 1: the significand cut to 3 bits and
     * its fourth bit set; minus 1 exactly (5 significant bits, below 16) */
    vi32 mid_bits = vi32_or(vi32_and(bits, vi32_set1((int32_t)0xfff00000)), vi32_set1(0x00080000));
    vf32 mid = vf32_sub(vi32_as_vf32(mid_bits), one);
    struct erf_segment s = {vi32_shr(bits, 20), vf32_sub(t, mid)};
    return s;
}

#if VF32_LANES == 8
/* AVX2: the quotient form (impls/math/sollya/erf_rational.sollya), V(t) =
 * u*(1 + f_j(u - u_j)), u = c_j/(t + 1), j from bits 22..24 of s = t + 1:
 * eight segments, each coefficient one vpermps, where the 32 segments took
 * a row lookup of 16 loads, 8 vinsertf128 and 15 shuffles */
#define ERF_TABLE_ACCURATE_QUOTIENT 1
struct erf_table_accurate_tables {
    vf32_table8 scale, inverse, center, c[8];
};

static inline struct erf_table_accurate_tables erf_table_accurate_load(void)
{
    struct erf_table_accurate_tables t;
    t.scale = vf32_table8_load(erf_rational_scale);
    t.inverse = vf32_table8_load(erf_rational_inverse);
    t.center = vf32_table8_load(erf_rational_center);
    for (int i = 0; i < 8; i++)
        t.c[i] = vf32_table8_load(erf_rational_poly[i]);
    return t;
}

/* V(t) = u*(1 - *rel)*(1 + f): returns f; *u = c_j/s rounded, *rel its
 * relative excess over c_j/(t + 1) (u*(t + 1) - c_j, from the division's
 * exact residual and the exact rounding error of s, times 1/c_j) */
static inline vf32 erf_table_accurate(vf32 t, const struct erf_table_accurate_tables *tab, vf32 *u, vf32 *rel)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 s = vf32_add(t, one);
    vi32 j = vi32_shr(vf32_as_vi32(s), 22);
    vf32 c = vf32_table8_lookup(tab->scale, j);
    vf32 q = vf32_div(c, s);
    /* t + 1 - s exactly: s - 1 is exact (s >= 1), and so is the error */
    vf32 s_err = vf32_sub(t, vf32_sub(s, one));
    vf32 r = vf32_mul(vf32_fmadd(q, s_err, vf32_fmsub(q, s, c)), vf32_table8_lookup(tab->inverse, j));
    /* c_j/(t + 1) - u_j = (q - u_j) - q*r, q - u_j exact */
    vf32 w = vf32_fnmadd(q, r, vf32_sub(q, vf32_table8_lookup(tab->center, j)));
    vf32 f = vf32_fmadd(vf32_table8_lookup(tab->c[7], j), w, vf32_table8_lookup(tab->c[6], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[5], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[4], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[3], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[2], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[1], j));
    *u = q;
    *rel = r;
    return vf32_fmadd(f, w, vf32_table8_lookup(tab->c[0], j));
}
#else
/* V(t) = *mills * (1 + v), v = c0 + d*(c1 + ... + d*c5) in the 32 segments
 * of erf_table_segment: seven 32-entry lookups; returns v */
struct erf_table_accurate_tables {
    vf32_table32 mills, c0, c1, c2, c3, c4, c5;
};

static inline struct erf_table_accurate_tables erf_table_accurate_load(void)
{
    struct erf_table_accurate_tables t = {
        vf32_table32_load(erf_table_mills),       vf32_table32_load(erf_table_accurate_c0),
        vf32_table32_load(erf_table_accurate_c1), vf32_table32_load(erf_table_accurate_c2),
        vf32_table32_load(erf_table_accurate_c3), vf32_table32_load(erf_table_accurate_c4),
        vf32_table32_load(erf_table_accurate_c5)};
    return t;
}

static inline vf32 erf_table_accurate(vf32 t, const struct erf_table_accurate_tables *tab, vf32 *mills)
{
    struct erf_segment s = erf_table_segment(t);
    vf32 p = vf32_fmadd(vf32_table32_lookup(tab->c5, s.index), s.d, vf32_table32_lookup(tab->c4, s.index));
    p = vf32_fmadd(p, s.d, vf32_table32_lookup(tab->c3, s.index));
    p = vf32_fmadd(p, s.d, vf32_table32_lookup(tab->c2, s.index));
    p = vf32_fmadd(p, s.d, vf32_table32_lookup(tab->c1, s.index));
    *mills = vf32_table32_lookup(tab->mills, s.index);
    return vf32_fmadd(p, s.d, vf32_table32_lookup(tab->c0, s.index));
}

#endif

#ifdef ERF_TABLE_ACCURATE_QUOTIENT
/* AVX2: V = u*(1 + f), u = c_j/(t + 1) rounded, f of degree 5 in u - u_j
 * (erf_rational_fast_poly): the accurate form's segments and quotient
 * corrected by the division's relative residual (1/c_j taken as 0x1.1p1,
 * within 11%), eight 8-entry lookups and the division, where the 32
 * segments took a row lookup of 16 loads, 8 vinsertf128 and a transpose */
struct erf_table_fast_tables {
    vf32_table8 scale, center, c[6];
};

static inline struct erf_table_fast_tables erf_table_fast_load(void)
{
    struct erf_table_fast_tables t;
    t.scale = vf32_table8_load(erf_rational_scale);
    t.center = vf32_table8_load(erf_rational_center);
    for (int i = 0; i < 6; i++)
        t.c[i] = vf32_table8_load(erf_rational_fast_poly[i]);
    return t;
}

static inline vf32 erf_table_fast(vf32 t, const struct erf_table_fast_tables *tab)
{
    const vf32 one = vf32_set1(1.0f);
    vf32 s = vf32_add(t, one);
    vi32 j = vi32_shr(vf32_as_vi32(s), 22);
    vf32 c = vf32_table8_lookup(tab->scale, j);
    vf32 u = vf32_div(c, s);
    vf32 res = vf32_fmadd(u, vf32_sub(t, vf32_sub(s, one)), vf32_fmsub(u, s, c));
    vf32 w = vf32_sub(u, vf32_table8_lookup(tab->center, j));
    vf32 f = vf32_fmadd(vf32_table8_lookup(tab->c[5], j), w, vf32_table8_lookup(tab->c[4], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[3], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[2], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[1], j));
    f = vf32_fmadd(f, w, vf32_table8_lookup(tab->c[0], j));
    f = vf32_fnmadd(res, vf32_set1(0x1.1p1f), f);
    return vf32_fmadd(u, f, u);
}
#else
struct erf_table_fast_tables {
    vf32_table32 mills, c1, c2, c3, c4;
};

static inline struct erf_table_fast_tables erf_table_fast_load(void)
{
    struct erf_table_fast_tables t = {vf32_table32_load(erf_table_mills), vf32_table32_load(erf_table_fast_c1),
                                      vf32_table32_load(erf_table_fast_c2), vf32_table32_load(erf_table_fast_c3),
                                      vf32_table32_load(erf_table_fast_c4)};
    return t;
}

static inline vf32 erf_table_fast(vf32 t, const struct erf_table_fast_tables *tab)
{
    struct erf_segment s = erf_table_segment(t);
    vf32 p = vf32_fmadd(vf32_table32_lookup(tab->c4, s.index), s.d, vf32_table32_lookup(tab->c3, s.index));
    p = vf32_fmadd(p, s.d, vf32_table32_lookup(tab->c2, s.index));
    p = vf32_fmadd(p, s.d, vf32_table32_lookup(tab->c1, s.index));
    vf32 v = vf32_table32_lookup(tab->mills, s.index);
    return vf32_fmadd(v, vf32_mul(p, s.d), v);
}

#endif

#endif
