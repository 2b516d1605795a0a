/*
 * exp(-a) in double lanes for the accurate softmax and log_softmax
 * forwards (include one ISA's impls/simd/f32-*.h and f64w-*.h first):
 * the "value" forms of impls/math/exp_wide.h and exp_poly.h with ln2 (or
 * ln2/8) in one double instead of two.  Valid for 0 <= a <= 700 as those.
 *
 * The reduction r' = a + k*c_hi (one FMA, one rounding) leaves out the
 * term k*c_lo of the two-double constant: |ln2 - ln2_hi| < 2^-55.2 and
 * |k| <= 700/ln2 < 1010 (table form: |ln2/8 - hi| < 2^-58.2, |k| < 8080),
 * so |k*c_lo| < 2^-45.2 absolute in r' and exp(-a) moves by under 2^-45.2
 * relative, against the polynomials' 2^-34.3 (poly, degree 7) and 2^-33.5
 * (table, degree 4).  The rounding of r' itself is 2^-53 relative to
 * |r'| <= ln2/2.  A float rounded once from E/S or from (x - m) - L stays
 * within the bounds of impls/math/softmax.h and log_softmax.h: the budget
 * of 2^-33 relative per step grows by 2^-45, about 2^-12 of it.
 *
 * Measured on AVX2 against expl, at every 64th float a of [0, 700] and at
 * as many a * (1 + 2^-30) (a = m - x is a double): poly 2^-34.318 (the
 * two-double reduction 2^-34.319), table 2^-33.534 (2^-33.535), the
 * table's register lookup (impls/math/softmax_wide_staged.h) bit-identical
 * to the gathered one at every point.
 *
 * The "precise" forms of the gradients keep both parts (their budget is
 * 2^-50).
 */
#ifndef ACTBENCH_MATH_SOFTMAX_EXP_H
#define ACTBENCH_MATH_SOFTMAX_EXP_H

#include "exp_wide.h"

/* exp(-a), no table: -a = k*ln2 + r, p of degree 7 (2^-34.3) as
 * exp_poly_accurate_f64w, ln2 in one double */
static inline vf64w softmax_exp_poly_f64w(vf64w a)
{
    const vf64w shift = vf64w_set1(0x1.8p52);
    const vf64w minus_1_over_ln2 = vf64w_set1(-0x1.71547652b82fep0);
    const vf64w ln2 = vf64w_set1(0x1.62e42fefa39efp-1);
    vf64w kd = vf64w_fmadd(a, minus_1_over_ln2, shift);
    vf64w k = vf64w_sub(kd, shift);
    vf64w r = vf64w_fmadd(k, ln2, a);
    return exp_poly_accurate_f64w_finish(r, kd);
}

/* r' for the table form with ln2/8 in one double, kd holding k in its low
 * bits (exp_table_f64w_reduce's shifter) */
static inline vf64w softmax_exp_table_f64w_reduce(vf64w a, vf64w *kd)
{
    const vf64w shift = vf64w_set1(0x1.8p52);
    const vf64w minus_8_over_ln2 = vf64w_set1(-0x1.71547652b82fep+3);
    vf64w k_shifted = vf64w_fmadd(a, minus_8_over_ln2, shift);
    vf64w k = vf64w_sub(k_shifted, shift);
    *kd = k_shifted;
    return vf64w_fmadd(k, vf64w_set1(exp_table_f64w_ln2_over_8_hi), a);
}

/* exp(-a), 2^(j/8) from the 8-entry table, degree 4 (2^-33.5) */
static inline vf64w softmax_exp_table_f64w(vf64w a, vf64w_table8 table)
{
    vf64w kd;
    vf64w r = softmax_exp_table_f64w_reduce(a, &kd);
    return exp_table_f64w_finish(r, exp_table_f64w_scale(kd, table));
}

#endif
