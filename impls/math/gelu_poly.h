/*
 * gelu and its derivative, polynomial method of the accurate tier (no
 * table), over the SIMD layer (include one ISA's impls/simd/f32-*.h and
 * f64w-*.h first).  As impls/math/gelu.h, from t = |x| and
 *     Phi(-t) = E * V,  E = exp(-t^2/2),  V(t) = u * F(u),  u = 1/(t + 3),
 * but in double, one rounding to float at the end:
 *   t^2 is exact in double (t a float), E by exp_poly_accurate_f64w
 *   (impls/math/exp_poly.h, 2^-34.3), F of degree 12 in u - u0 with double
 *   coefficients (impls/math/sollya/erf_poly_accurate.sollya, 2^-33.8),
 *   Q = E*V = Phi(-t) to about 2^-33;
 *   Phi(x) = H + s*Q (H = 0, s = 1 for x < 0; H = 1, s = -1 otherwise),
 *   gelu = x*Phi, gelu' = Phi + x*E/sqrt(2 pi);
 * within 0.5 ulp + 2^-8 wherever nothing cancels; gelu' cancels at its
 * root x0 = -0.7518, where gelu.h's float root window takes over.  gelu
 * has the sign of x (x*Phi with Phi >= 0: gelu(-0) = -0, and negative
 * values that round to zero give -0).  Lanes with |x| > 12.5 and NaN are
 * gelu.h's special lanes (the asymptotic series in double).
 */
#ifndef ACTBENCH_MATH_GELU_POLY_H
#define ACTBENCH_MATH_GELU_POLY_H

#include "gelu.h"

/* Phi(-t) = E*V in double for t in [0, 12.5]; E returned in *e */
static inline vf64w gelu_poly_accurate_tail(vf64w t, vf64w *e)
{
    const double *c = erf_poly_accurate_mills;
    vf64w u = vf64w_div(vf64w_set1(1.0), vf64w_add(t, vf64w_set1(erf_poly_accurate_offset)));
    vf64w w = vf64w_sub(u, vf64w_set1(erf_poly_accurate_center));
    vf64w f = vf64w_fmadd(vf64w_set1(c[12]), w, vf64w_set1(c[11]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[10]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[9]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[8]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[7]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[6]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[5]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[4]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[3]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[2]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[1]));
    f = vf64w_fmadd(f, w, vf64w_set1(c[0]));
    *e = exp_poly_accurate_f64w(vf64w_mul(vf64w_set1(0.5), vf64w_mul(t, t)));
    return vf64w_mul(*e, vf64w_mul(u, f));
}

/* Phi(x) = H + s*Q in double */
static inline vf64w gelu_poly_accurate_phi(vf32 x, vf64w q)
{
    vmask32 negative = vf32_lt(x, vf32_zero());
    vf64w h = vf64w_widen(vf32_select(negative, vf32_zero(), vf32_set1(1.0f)));
    vf64w s = vf64w_widen(vf32_select(negative, vf32_set1(1.0f), vf32_set1(-1.0f)));
    return vf64w_fmadd(s, q, h);
}

static inline vf32 gelu_poly_accurate_value(vf32 x, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    vf64w e;
    vf64w q = gelu_poly_accurate_tail(vf64w_widen(t), &e);
    *special = gelu_special_lanes(t);
    return vf64w_narrow(vf64w_mul(vf64w_widen(x), gelu_poly_accurate_phi(x, q)));
}

static inline vf32 gelu_poly_accurate_derivative(vf32 x, vmask32 *special)
{
    vf32 t = vf32_abs(x);
    vf64w e;
    vf64w q = gelu_poly_accurate_tail(vf64w_widen(t), &e);
    vf64w xc = vf64w_mul(vf64w_widen(x), vf64w_set1(GELU_INV_SQRT_2PI_F64));
    *special = gelu_special_lanes(t);
    return gelu_root_fix(x, vf64w_narrow(vf64w_fmadd(xc, e, gelu_poly_accurate_phi(x, q))));
}

#endif
