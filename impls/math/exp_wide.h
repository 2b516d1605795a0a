/*
 * exp(-a) in double lanes for the kernels that widen floats to double and
 * round once at the end (include one ISA's impls/simd/f32-*.h and
 * f64w-*.h first).  Valid for 0 <= a <= 700 (results normal doubles, k in
 * range); callers clamp a to 700, and a NaN argument gives NaN (the
 * exponent adds take bits that are zero in every NaN widened from a
 * float: its low 29 bits).
 *
 * Table form: -a = k*ln2/8 + r, k = round(-8a/ln2) (the 0x1.8p52 shifter
 * leaves k in the low bits of kd), r computed negated, r' = a + k*ln2/8
 * with ln2/8 in two doubles (two FMAs, each rounding once, within 2^-54
 * of the exact r' for |k| < 2^13), |r'| <= ln2/16; then
 *     exp(-a) = 2^e * 2^(j/8) * (1 + p(r')),  k = 8e + j,
 * 2^(j/8) from an 8-entry table of doubles (impls/math/exp_data.c) stored
 * as bits minus j << 49, so that one integer add of k << 49 gives the
 * bits of 2^e * 2^(j/8) (one vpermpd on AVX-512, gathers on AVX2).
 * Poly form: -a = k*ln2 + r, |r'| <= ln2/2, 2^k by an integer add to the
 * exponent of 1 + p(r') (no table).
 *
 * Accuracies (impls/math/sollya/exp_wide.sollya, exp_poly.sollya):
 *   exp_table_f64w           p of degree 4, relative error 2^-33.5
 *   exp_poly_accurate_f64w   (impls/math/exp_poly.h) degree 7, 2^-34.3
 *     -- the "value" forms: a float result rounded once from them is
 *     within 0.5 + 2^-9 ulp;
 *   exp_table_f64w_precise   degree 6, 2^-50.0
 *   exp_poly_f64w_precise    degree 10, 2^-52.0
 *     -- the "precise" forms, for softmax gradients whose cancelling
 *     differences amplify the errors of the weights (impls/math/softmax.h).
 * The double roundings of the evaluation add about 2^-52 to each.
 */
#ifndef ACTBENCH_MATH_EXP_WIDE_H
#define ACTBENCH_MATH_EXP_WIDE_H

#include "coefficients.h"
#include "exp_data.h"
#include "exp_poly.h"

/* the largest argument the forms take; exp(-700) = 2^-1009.9 is below
 * every float result's half ulp, so callers clamp a to it */
#define EXP_WIDE_LIMIT 700.0

/* r' for the table form, kd holding k in its low bits */
static inline vf64w exp_table_f64w_reduce(vf64w a, vf64w *kd)
{
    const vf64w shift = vf64w_set1(0x1.8p52);
    const vf64w minus_8_over_ln2 = vf64w_set1(-0x1.71547652b82fep+3);
    vf64w k_shifted = vf64w_fmadd(a, minus_8_over_ln2, shift);
    vf64w k = vf64w_sub(k_shifted, shift);
    vf64w r = vf64w_fmadd(k, vf64w_set1(exp_table_f64w_ln2_over_8_hi), a);
    r = vf64w_fmadd(k, vf64w_set1(exp_table_f64w_ln2_over_8_lo), r);
    *kd = k_shifted;
    return r;
}

/* 2^e * 2^(j/8) for k = 8e + j in the low bits of kd */
static inline vf64w exp_table_f64w_scale(vf64w kd, vf64w_table8 table)
{
    vi64w ki = vf64w_as_vi64w(kd);
    vi64w bits = vf64w_as_vi64w(vf64w_table8_lookup(table, ki));
    return vi64w_as_vf64w(vi64w_add(vi64w_shl(ki, 49), bits));
}

static inline vf64w_table8 exp_table_f64w_load(void)
{
    return vf64w_table8_load(exp_wide_scale.value);
}

/* s + (s*r)*q(r), q of degree 3, from the reduced r and s = 2^(k/8) */
static inline vf64w exp_table_f64w_finish(vf64w r, vf64w s)
{
    const double *c = exp_table_f64w_poly;
    vf64w q = vf64w_fmadd(vf64w_set1(c[3]), r, vf64w_set1(c[2]));
    q = vf64w_fmadd(q, r, vf64w_set1(c[1]));
    q = vf64w_fmadd(q, r, vf64w_set1(c[0]));
    return vf64w_fmadd(vf64w_mul(s, r), q, s);
}

/* exp(-a), degree 4 (2^-33.5): s + (s*r)*q(r), one rounding of each term */
static inline vf64w exp_table_f64w(vf64w a, vf64w_table8 table)
{
    vf64w kd;
    vf64w r = exp_table_f64w_reduce(a, &kd);
    return exp_table_f64w_finish(r, exp_table_f64w_scale(kd, table));
}

/* exp(-a), degree 6 (2^-50.0) */
static inline vf64w exp_table_f64w_precise(vf64w a, vf64w_table8 table)
{
    vf64w kd;
    vf64w r = exp_table_f64w_reduce(a, &kd);
    vf64w s = exp_table_f64w_scale(kd, table);
    const double *c = exp_table_f64w_precise_poly;
    vf64w r2 = vf64w_mul(r, r);
    /* Estrin's pairs: the chain is three FMAs deep instead of six */
    vf64w q01 = vf64w_fmadd(vf64w_set1(c[1]), r, vf64w_set1(c[0]));
    vf64w q23 = vf64w_fmadd(vf64w_set1(c[3]), r, vf64w_set1(c[2]));
    vf64w q45 = vf64w_fmadd(vf64w_set1(c[5]), r, vf64w_set1(c[4]));
    vf64w q = vf64w_fmadd(vf64w_fmadd(q45, r2, q23), r2, q01);
    return vf64w_fmadd(vf64w_mul(s, r), q, s);
}

/* exp(-a), no table, degree 10 on |r'| <= ln2/2 (2^-52.0) */
static inline vf64w exp_poly_f64w_precise(vf64w a)
{
    vf64w kd;
    vf64w r = exp_poly_f64w_reduce(a, &kd);
    const double *c = exp_poly_f64w_precise_poly;
    vf64w r2 = vf64w_mul(r, r);
    vf64w r4 = vf64w_mul(r2, r2);
    vf64w q01 = vf64w_fmadd(vf64w_set1(c[1]), r, vf64w_set1(c[0]));
    vf64w q23 = vf64w_fmadd(vf64w_set1(c[3]), r, vf64w_set1(c[2]));
    vf64w q45 = vf64w_fmadd(vf64w_set1(c[5]), r, vf64w_set1(c[4]));
    vf64w q67 = vf64w_fmadd(vf64w_set1(c[7]), r, vf64w_set1(c[6]));
    vf64w q89 = vf64w_fmadd(vf64w_set1(c[9]), r, vf64w_set1(c[8]));
    vf64w q03 = vf64w_fmadd(q23, r2, q01);
    vf64w q47 = vf64w_fmadd(q67, r2, q45);
    vf64w q = vf64w_fmadd(vf64w_fmadd(q89, r4, q47), r4, q03);
    vf64w p = vf64w_fmadd(q, r, vf64w_set1(1.0));
    return vi64w_as_vf64w(vi64w_add(vf64w_as_vi64w(p), vi64w_shl(vf64w_as_vi64w(kd), 52)));
}

#endif
