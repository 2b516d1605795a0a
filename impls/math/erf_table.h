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
 *   Seven 32-entry lookups (V_j and c0..c5) and five FMAs; on AVX2 one
 *   lookup of the segment's row of 8 floats (erf_table_accurate_rows,
 *   1 KiB, erf_data.c) gives all seven, the same floats.
 * erf_table_fast: V as one float, V_j + V_j*d*(c1 + ... + d*c4) (fit
 *   error below 2^-23.7 absolute, V_j's rounding 2^-25): five lookups
 *   (on AVX2 one row of erf_table_fast_rows).
 * Valid for 0 <= t < 15 (callers take t <= 12.5).
 */
#ifndef ACTBENCH_MATH_ERF_TABLE_H
#define ACTBENCH_MATH_ERF_TABLE_H

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

#ifdef VF32_HAS_ROWS8_LOOKUP
/* AVX2: one row lookup gives all seven entries (erf_table_accurate_rows),
 * where seven vf32_table32_lookup took 28 vpermps and 21 vblendvps */
struct erf_table_accurate_tables {
    const float *rows;
};

static inline struct erf_table_accurate_tables erf_table_accurate_load(void)
{
    struct erf_table_accurate_tables t = {&erf_table_accurate_rows[0][0]};
    return t;
}

/* V(t) = *mills * (1 + v); returns v */
static inline vf32 erf_table_accurate(vf32 t, const struct erf_table_accurate_tables *tab, vf32 *mills)
{
    struct erf_segment s = erf_table_segment(t);
    vf32 c[8]; /* mills, c0 .. c5 */
    vf32_rows8_lookup(tab->rows, s.index, ERF_TABLE_SEGMENTS - 1, c);
    vf32 p = vf32_fmadd(c[6], s.d, c[5]);
    p = vf32_fmadd(p, s.d, c[4]);
    p = vf32_fmadd(p, s.d, c[3]);
    p = vf32_fmadd(p, s.d, c[2]);
    *mills = c[0];
    return vf32_fmadd(p, s.d, c[1]);
}
#else
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

/* V(t) = *mills * (1 + v); returns v */
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

#ifdef VF32_HAS_ROWS8_LOOKUP
/* AVX2: one row lookup gives all five entries (erf_table_fast_rows) */
struct erf_table_fast_tables {
    const float *rows;
};

static inline struct erf_table_fast_tables erf_table_fast_load(void)
{
    struct erf_table_fast_tables t = {&erf_table_fast_rows[0][0]};
    return t;
}

static inline vf32 erf_table_fast(vf32 t, const struct erf_table_fast_tables *tab)
{
    struct erf_segment s = erf_table_segment(t);
    vf32 c[8]; /* mills, c1 .. c4 */
    vf32_rows8_lookup(tab->rows, s.index, ERF_TABLE_SEGMENTS - 1, c);
    vf32 p = vf32_fmadd(c[4], s.d, c[3]);
    p = vf32_fmadd(p, s.d, c[2]);
    p = vf32_fmadd(p, s.d, c[1]);
    vf32 v = c[0];
    return vf32_fmadd(v, vf32_mul(p, s.d), v);
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
