/*
 * mish, table method of the accurate tier, over the SIMD layer (include
 * one ISA's impls/simd/f32-*.h and f64w-*.h first).  The forms are those
 * of impls/math/mish.h's accurate (f64w) forms, with E = e^x from the
 * double table form exp_table_f64w (impls/math/exp_wide.h: 2^(j/8) from an
 * 8-entry table of doubles, 64 bytes of L1, one vpermpd on AVX-512,
 * gathers on AVX2; degree-4 polynomial, relative error 2^-33.5) in place
 * of the polynomial exp_poly_accurate_f64w (degree 7, 2^-34.3):
 *   mish(x)  = x*N/(N + 2),                  N = E(E + 2)
 *   mish'(x) = (N*D + 4x*E(1 + E))/D^2,     D = N + 2
 * in double, x clamped to [-150, 150] for E (E and E^2 stay far inside
 * double's range), one rounding to float at the end: within 0.5 ulp +
 * 2^-9 ulp wherever nothing cancels; the derivative's root window as in
 * mish.h.  Valid for every float (NaN passes the clamps; the table form's
 * exponent add keeps a NaN a NaN); no lane is special.
 */
#ifndef ACTBENCH_MATH_MISH_TABLE_H
#define ACTBENCH_MATH_MISH_TABLE_H

#include "exp_wide.h"
#include "mish.h"

static inline struct mish_f64w_terms mish_table_f64w_of(vf32 x, vf64w_table8 table)
{
    const vf64w two = vf64w_set1(2.0);
    struct mish_f64w_terms m;
    /* the x86 min/max return their second operand when either is NaN */
    m.x = vf64w_max(vf64w_set1(-150.0), vf64w_widen(x));
    vf64w minus_x = vf64w_sub(vf64w_set1(0.0), vf64w_min(vf64w_set1(150.0), m.x));
    m.e = exp_table_f64w(minus_x, table);
    m.n = vf64w_mul(m.e, vf64w_add(m.e, two));
    m.d = vf64w_add(m.n, two);
    return m;
}

static inline vf32 mish_table_accurate_value(vf32 x, vf64w_table8 table, vmask32 *special)
{
    struct mish_f64w_terms m = mish_table_f64w_of(x, table);
    *special = vmask32_false();
    return vf64w_narrow(vf64w_div(vf64w_mul(m.x, m.n), m.d));
}

static inline vf32 mish_table_accurate_derivative(vf32 x, vf64w_table8 table, vmask32 *special)
{
    struct mish_f64w_terms m = mish_table_f64w_of(x, table);
    vf64w xc = vf64w_min(vf64w_set1(150.0), m.x);
    vf64w b = vf64w_mul(vf64w_mul(vf64w_set1(4.0), xc), vf64w_fmadd(m.e, m.e, m.e));
    *special = vmask32_false();
    return mish_root_fix(x, vf64w_narrow(vf64w_div(vf64w_fmadd(m.n, m.d, b), vf64w_mul(m.d, m.d))));
}

#endif
