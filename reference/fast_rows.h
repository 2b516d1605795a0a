/*
 * The fast references of the activations over rows and groups (see
 * fast_reference.h; reference/ref_softmax.c, ref_log_softmax.c and
 * ref_maxout.c have the definitions and conventions).  Rows holding a NaN
 * (or only -inf) are NaN; rows holding an infinity otherwise are left to
 * MPFR (err = inf): they only occur among the special values and next to
 * the NaN encodings.
 *
 * A finite row of length k, m its largest entry (a the first place),
 * d_j = x_j - m as two doubles (d_hi exact up to the rounding that
 * two_sum returns):
 *
 * Near-uniform rows (every |d_j| <= 1, k a power of two: the exhaustive
 * rows of consecutive floats), with m_j = expm1(d_j) (eps, plus |d_j| u
 * for the rounding of d) and sigma = sum m_j:
 *   softmax_i = 1/k + (m_i - sigma/k)/(k + sigma)       (hi = 1/k exact),
 *   log_softmax_i = d_i - log2(k) ln 2 - log1p(sigma/k)   (ln 2 split so
 *   that log2(k) ln2_hi is exact); the remainders carry the absolute
 *   errors of m and sigma, so rows whose values all sit next to 1/k keep
 *   the differences between them.
 * Other rows, with E_j = exp(d_j) (E_a = 1; below -745 an underflow that
 * keeps its sign) and T = sum over j != a of E_j, S = 1 + T:
 *   softmax_i = E_i/S, softmax_a = 1 - T/S (hi = 1);
 *   log_softmax_i = d_i - log1p(T)                      (hi = d_hi).
 * Past saturation (d_j < -617) E_j only keeps its sign: y_j = 0 within
 * 2^-881.
 * Gradients (dy one per entry): softmax dx_i = y_i (dy_i - P),
 * P = sum dy_j y_j; log_softmax dx_i = dy_i - y_i D, D = sum dy_j (two
 * doubles, exact for the exhaustive dy), with y the softmax split as
 * yh_i + yl_i: yh = 1/k on near-uniform rows, else 1 at a and 0 elsewhere.
 * The main terms (yh_i (dy_i - sum dy_j yh_j), dy_i - yh_i D) are exact
 * double-doubles, short dyadic numbers that are often an f32 or a rounding
 * midpoint; the remainders carry yl with its absolute bound, so such a
 * gradient is certified on the side its remainder puts it.  For softmax
 * P - sum dy_j yh_j = sum (dy_j - sum dy_l yh_l) yl_j (the yl sum to 0),
 * which leaves out the dominant entry's remainder; a row whose entries
 * past a saturate gives dx_a within 2^-870 of 0, and log_softmax's
 * dx_a = dy_a - D - (y_a - 1) D then keeps the one-sided sign of y_a - 1.
 *
 * maxout is exact (the group's maximum and the selector).
 */
#ifndef ACTBENCH_FAST_ROWS_H
#define ACTBENCH_FAST_ROWS_H

#include "fast_math.h"

/* ln 2 = LN2_HI + LN2_LO, LN2_HI with 11 trailing zero bits */
#define FAST_LN2_HI 0x1.62e42fefa3800p-1
#define FAST_LN2_LO 0x1.ef35793c76730p-45

/* Longest row the fast references take (longer rows: MPFR). */
#define FAST_ROW_MAX 256

/* out[j] = exp(in[j]) and expm1(in[j]) over an array, a vector at a time */
static inline void fast_map_exp(const double *in, double *out, size_t n)
{
    for (size_t j = 0; j < n; j += VF64_LANES) {
        size_t lanes = n - j < VF64_LANES ? n - j : VF64_LANES;
        vf64 v = lanes == VF64_LANES ? vf64_load(in + j) : vf64_load_tail(in + j, lanes);
        v = vf64_exp(v);
        if (lanes == VF64_LANES)
            vf64_store(out + j, v);
        else
            vf64_store_tail(out + j, v, lanes);
    }
}

static inline void fast_map_expm1(const double *in, double *out, size_t n)
{
    for (size_t j = 0; j < n; j += VF64_LANES) {
        size_t lanes = n - j < VF64_LANES ? n - j : VF64_LANES;
        vf64 v = lanes == VF64_LANES ? vf64_load(in + j) : vf64_load_tail(in + j, lanes);
        v = vf64_expm1(v);
        if (lanes == VF64_LANES)
            vf64_store(out + j, v);
        else
            vf64_store_tail(out + j, v, lanes);
    }
}

static inline double fast_log1p_one(double v)
{
    double in[VF64_LANES] = {v}, out[VF64_LANES];
    vf64_store(out, vf64_log1p(vf64_load(in)));
    return out[0];
}

static inline void fast_put(const struct fast_quantity *q, size_t i, double hi, double lo, double err)
{
    if (!q->hi)
        return;
    q->hi[i] = hi;
    q->lo[i] = lo;
    q->err[i] = err;
}

static inline bool fast_power_of_two(size_t k)
{
    return k && (k & (k - 1)) == 0;
}

/* A finite row without infinities (the other rows: fast_row). */
static inline void fast_row_finite(const float *x, const float *dy, size_t k, bool logarithmic,
                                   const struct fast_quantity *value,
                                   const struct fast_quantity *gradient, size_t base)
{
    const double u = 0x1p-53, eps = FAST_EPS;
    double d_hi[FAST_ROW_MAX], d_lo[FAST_ROW_MAX], t[FAST_ROW_MAX];
    /* the softmax as y_j = yh_j + yl_j within ye_j, for the gradients */
    double yh[FAST_ROW_MAX], yl[FAST_ROW_MAX], ye[FAST_ROW_MAX];
    size_t a = 0;
    for (size_t j = 1; j < k; j++)
        if (x[j] > x[a])
            a = j;
    const double m = x[a];
    double spread = 0.0;
    for (size_t j = 0; j < k; j++) {
        d_hi[j] = (double)x[j] - m;
        /* the rounding of x_j - m (two-sum with m): exact below 2^29 apart */
        const double bb = d_hi[j] - (double)x[j];
        d_lo[j] = ((double)x[j] - (d_hi[j] - bb)) + (-m - bb);
        if (-d_hi[j] > spread)
            spread = -d_hi[j];
    }
    const bool uniform = spread <= 1.0 && fast_power_of_two(k);
    if (uniform) {
        const double kd = (double)k;
        fast_map_expm1(d_hi, t, k);
        double sigma = 0.0, sigma_abs = 0.0;
        for (size_t j = 0; j < k; j++) {
            sigma += t[j];
            sigma_abs += fabs(t[j]);
        }
        /* |m_j| (eps + |d_j| 2u) each, (k - 1) u of the sum */
        const double sigma_err = sigma_abs * (eps + 2 * spread * u + (double)k * u) + FAST_TINY;
        const double s = kd + sigma;
        for (size_t i = 0; i < k; i++) {
            const double m_err = fabs(t[i]) * (eps + 2 * fabs(d_hi[i]) * u) + FAST_TINY;
            const double num = t[i] - sigma / kd;
            const double lo = num / s;
            const double lo_err = (m_err + sigma_err / kd) / (s - sigma_err) * (1.0 + 0x1p-40) +
                                  fabs(lo) * (4 * u + sigma_err / s) + FAST_TINY;
            yh[i] = 1.0 / kd;
            yl[i] = lo;
            ye[i] = lo_err;
            if (!logarithmic)
                fast_put(value, base + i, 1.0 / kd, lo, lo_err);
        }
        if (logarithmic) {
            const double e2 = (double)__builtin_ctzll((unsigned long long)k); /* log2 k */
            const double arg = sigma / kd;
            const double l1 = fast_log1p_one(arg);
            /* log1p's argument error sigma_err/k moves it by at most
             * 2 sigma_err/k (|arg| <= 0.63) */
            const double l1_err = fabs(l1) * (eps + u) + 2 * sigma_err / kd + FAST_TINY;
            const double l0 = e2 * FAST_LN2_HI; /* exact */
            for (size_t i = 0; i < k; i++) {
                /* (d_hi - l0) exactly, then the small parts */
                const double h = d_hi[i] - l0;
                const double bb = h - d_hi[i];
                const double he = (d_hi[i] - (h - bb)) + (-l0 - bb);
                const double lo = he + d_lo[i] - e2 * FAST_LN2_LO - l1;
                const double err = l1_err + (fabs(he) + fabs(d_lo[i]) + fabs(e2 * FAST_LN2_LO) + fabs(l1)) * 4 * u +
                                   e2 * 0x1p-100 + FAST_TINY;
                fast_put(value, base + i, h, lo, err);
            }
        }
    } else {
        /* past saturation the exponential (< 2^-890) only keeps its sign */
        double clamped[FAST_ROW_MAX];
        for (size_t j = 0; j < k; j++)
            clamped[j] = d_hi[j] < -FAST_EXP_SATURATION ? -FAST_EXP_SATURATION : d_hi[j];
        fast_map_exp(clamped, t, k);
        double tsum = 0.0, tsum_abs = 0.0;
        bool underflow = false;
        for (size_t j = 0; j < k; j++) {
            if (d_hi[j] < -FAST_EXP_SATURATION) {
                t[j] = 0.0;
                underflow = true;
            }
            if (j == a)
                continue;
            /* exp of the rounded d: |d_j| u more */
            tsum += t[j];
            tsum_abs += t[j];
        }
        const double t_err = tsum_abs * (eps + 2 * spread * u + (double)k * u) + (double)k * FAST_TINY;
        const double s = 1.0 + tsum;
        for (size_t i = 0; i < k; i++) {
            double hi, lo, err;
            if (i == a) {
                hi = 1.0;
                lo = -tsum / s;
                err = t_err / s * 1.01 + fabs(lo) * 3 * u + FAST_TINY;
                if (lo == 0.0 && underflow) {
                    lo = -FAST_SATURATED;
                    err = FAST_SATURATED; /* one-sided: fast_reference.h */
                }
            } else {
                hi = t[i] / s;
                lo = 0.0;
                /* an exponential past saturation (t = 0) is below 2^-890 */
                err = d_hi[i] < -FAST_EXP_SATURATION
                          ? FAST_SATURATED
                          : hi * (eps + 2 * fabs(d_hi[i]) * u + 3 * u) + t_err / s * hi + FAST_TINY;
            }
            /* y_a = 1 + lo, the others hi + 0 */
            yh[i] = i == a ? 1.0 : 0.0;
            yl[i] = i == a ? lo : hi;
            ye[i] = err;
            if (!logarithmic)
                fast_put(value, base + i, hi, lo, err);
        }
        if (logarithmic) {
            const double l = fast_log1p_one(tsum);
            const double l_err = l * (eps + u) + t_err * 1.01 + FAST_TINY;
            for (size_t i = 0; i < k; i++) {
                double lo = d_lo[i] - l;
                double err = l_err + (fabs(d_lo[i]) + l) * 2 * u;
                if (lo == 0.0 && l == 0.0 && underflow) {
                    lo = -FAST_SATURATED;
                    err = FAST_SATURATED;
                }
                fast_put(value, base + i, d_hi[i], lo, err);
            }
        }
    }
    if (!gradient->hi || !dy)
        return;
    /* D = sum dy_j = dsum_hi + dsum_lo within dsum_err (two-sums) */
    double dsum_hi = 0.0, dsum_lo = 0.0, dsum_lo_abs = 0.0;
    for (size_t j = 0; j < k; j++) {
        const double v = (double)dy[j], sum = dsum_hi + v;
        const double bb = sum - dsum_hi;
        const double e = (dsum_hi - (sum - bb)) + (v - bb);
        dsum_hi = sum;
        dsum_lo += e;
        dsum_lo_abs += fabs(e);
    }
    const double dsum_err = dsum_lo_abs * 2 * (double)k * u;
    if (logarithmic) {
        /* dx_i = dy_i - y_i D = (dy_i - yh_i D) - yl_i D: yh_i D_hi is
         * exact (yh a power of two or 0), the first difference exact by a
         * two-sum, the rest small where the row is near-uniform or one
         * entry dominates */
        const double dsum = dsum_hi + dsum_lo;
        for (size_t i = 0; i < k; i++) {
            const double v = (double)dy[i], w = -yh[i] * dsum_hi;
            const double hi = v + w;
            const double bb = hi - v;
            const double e = (v - (hi - bb)) + (w - bb);
            const double f = e - yh[i] * dsum_lo;
            const double g = yl[i] * dsum;
            double lo = f - g;
            double err = yh[i] * dsum_err + fabs(yl[i]) * (fabs(dsum) * 2 * u + dsum_err) +
                         ye[i] * (fabs(dsum) * (1.0 + 2 * u) + dsum_err) +
                         (fabs(f) + fabs(g) + fabs(lo)) * 2 * u + FAST_TINY;
            /* y_a - 1 known only in sign past saturation (one-sided:
             * fast_reference.h), D and dy_a - D exact: so is the
             * remainder's sign */
            if (!uniform && i == a && yl[i] != 0.0 && fabs(yl[i]) == ye[i] && e == 0.0 &&
                dsum_lo_abs == 0.0) {
                lo = -yl[i] * dsum_hi; /* exact: yl is a power of two */
                err = fabs(lo);
            }
            fast_put(gradient, base + i, hi, lo, err);
        }
        return;
    }
    /* softmax: dx_i = y_i (dy_i - P), P = sum dy_j y_j.  With P0 =
     * sum dy_j yh_j (D/k near-uniform, dy_a otherwise) and c_j = dy_j - P0
     * = ch_j + cl_j (two-sum, within c_err_j), P - P0 = sum c_j yl_j
     * (the yl sum to 0), which drops the dominant entry a (c_a = 0) and
     * keeps its one-sided remainder out.  Then
     *   dx_i = yh_i ch_i + yh_i g_i + yl_i (ch_i + g_i),  g_i = cl_i - P1,
     * the first term exact. */
    double ch[FAST_ROW_MAX], cl[FAST_ROW_MAX], c_err[FAST_ROW_MAX];
    const double p0 = uniform ? dsum_hi / (double)k : (double)dy[a];
    for (size_t j = 0; j < k; j++) {
        const double v = (double)dy[j], w = -p0;
        ch[j] = v + w;
        const double bb = ch[j] - v;
        const double e = (v - (ch[j] - bb)) + (w - bb);
        if (uniform) {
            cl[j] = e - dsum_lo / (double)k;
            c_err[j] = dsum_err / (double)k + fabs(cl[j]) * u;
        } else {
            cl[j] = e;
            c_err[j] = 0.0;
        }
    }
    double p1 = 0.0, p1_abs = 0.0, p1_err = 0.0;
    for (size_t j = 0; j < k; j++) {
        const double term = ch[j] * yl[j];
        p1 += term;
        p1_abs += fabs(term);
        p1_err += fabs(ch[j]) * ye[j] + (fabs(cl[j]) + c_err[j]) * (fabs(yl[j]) + ye[j]);
    }
    p1_err += p1_abs * 2 * (double)k * u;
    for (size_t i = 0; i < k; i++) {
        const double g = cl[i] - p1;
        const double g_err = c_err[i] + p1_err + fabs(g) * 2 * u;
        const double hi = yh[i] * ch[i]; /* exact */
        const double q = ch[i] + g;
        const double r = yl[i] * q;
        const double lo = yh[i] * g + r;
        const double err = yh[i] * g_err + fabs(yl[i]) * (g_err + fabs(q) * 2 * u) +
                           ye[i] * (fabs(q) * (1.0 + 2 * u) + g_err) + (fabs(r) + fabs(lo)) * 2 * u +
                           FAST_TINY;
        fast_put(gradient, base + i, hi, lo, err);
    }
}

static inline void fast_rows_body(const struct fast_request *r, bool logarithmic)
{
    const size_t k = r->params->row_length;
    for (size_t start = 0; k > 0 && start + k <= r->n; start += k) {
        const float *x = r->x + start;
        bool nan = false, any_inf = false;
        size_t minus_inf = 0;
        for (size_t j = 0; j < k; j++) {
            nan |= isnan(x[j]);
            any_inf |= isinf(x[j]);
            minus_inf += x[j] == -INFINITY;
        }
        if (nan || minus_inf == k || k > FAST_ROW_MAX || (any_inf && !nan)) {
            /* NaN rows are NaN; rows with an infinity go to MPFR */
            const double h = nan || minus_inf == k ? NAN : 0.0;
            const double e = nan || minus_inf == k ? 0.0 : INFINITY;
            for (size_t j = 0; j < k; j++) {
                fast_put(&r->value, start + j, h, 0.0, e);
                fast_put(&r->gradient, start + j, h, 0.0, e);
            }
            continue;
        }
        fast_row_finite(x, r->dy ? r->dy + start : NULL, k, logarithmic, &r->value, &r->gradient,
                        start);
    }
}

/* maxout over groups: the IEEE maximum (NaN wins, max(-0, +0) = +0) and
 * dy_g at the first arg-max, exact. */
static inline void fast_maxout_body(const struct fast_request *r)
{
    const size_t k = r->params->group;
    for (size_t g = 0; k > 0 && (g + 1) * k <= r->n; g++) {
        const float *x = r->x + g * k;
        bool has_nan = false;
        float best = -INFINITY;
        size_t arg = 0;
        for (size_t j = 0; j < k; j++) {
            if (isnan(x[j])) {
                if (!has_nan)
                    arg = j;
                has_nan = true;
            } else if (has_nan) {
                continue;
            } else if (x[j] > best || j == 0) {
                best = x[j];
                arg = j;
            } else if (x[j] == 0.0f && best == 0.0f && !signbit(x[j])) {
                best = 0.0f;
            }
        }
        fast_put(&r->value, g, has_nan ? NAN : (double)best, 0.0, 0.0);
        if (r->gradient.hi && r->dy)
            for (size_t j = 0; j < k; j++)
                fast_put(&r->gradient, g * k + j, j == arg ? (double)r->dy[g] : 0.0, 0.0, 0.0);
    }
}

#endif
