/*
 * The 16-bit layer of one ISA and format (impls/simd/<format>-<isa>.h),
 * checked bit for bit.  meson compiles this file once per (ISA, format)
 * with the ISA's flags and -D H16_CHECK_<ISA>, -D H16_CHECK_<FORMAT> and
 * -D H16_CHECK_FUNCTION=<the entry's name>; tests/test_h16_layer.c calls
 * each entry where the CPU runs its ISA.  What is checked:
 *  - vh16_to_f32 on all 65536 encodings against the format's one-value
 *    conversion (h16_to_float) and, for numbers, the reference decoder
 *    (reference/format.c);
 *  - vh16_from_f32 on every encoding, every midpoint between neighbours
 *    (the overflow threshold included), the three floats on either side of
 *    each midpoint, the floats next to each encoding, both signs, and 2^20
 *    random bit patterns (NaN payloads included): against h16_from_float
 *    bit for bit, and against the reference rounding for numbers;
 *  - vh16_from_f32_checked with k = 1, 2, 3, 8 on the same floats: unset
 *    lanes are vh16_from_f32's, and every lane some float within k of v
 *    rounds away from must be set; the same for f16's
 *    vh16_from_f32_checked_normal on AVX-512 over the floats of f16's
 *    normal range and the f16 values (where its callers use it);
 *  - vh16_from_f64w and h16_from_double on doubles at, one double ulp off,
 *    2^-30 off, and half a float ulp (+- one double ulp) off every
 *    midpoint and encoding; h16_from_double2 and vh16_round_odd on a
 *    midpoint or encoding plus a correction of either sign too small for
 *    the sum: against an exact reference (the neighbours found among the
 *    encodings, the midpoint compared in double, where it is exact);
 *  - vh16_select and vh16_eq lane by lane on every pattern of lanes;
 *  - tails: loads and stores of 1 .. lanes-1 elements at the end of a page
 *    followed by an inaccessible one, and no element written past count.
 */
#define _DEFAULT_SOURCE /* mmap's MAP_ANONYMOUS */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "../reference/format.h"

#if defined(H16_CHECK_SCALAR)
#include "../impls/simd/f32-scalar.h"
#include "../impls/simd/f64w-scalar.h"
#elif defined(H16_CHECK_AVX2)
#include "../impls/simd/f32-avx2.h"
#include "../impls/simd/f64w-avx2.h"
#else
#include "../impls/simd/f32-avx512f.h"
#include "../impls/simd/f64w-avx512f.h"
#endif

#if defined(H16_CHECK_BF16)
#define CHECK_FORMAT FMT_BF16
#if defined(H16_CHECK_SCALAR)
#include "../impls/simd/bf16-scalar.h"
#elif defined(H16_CHECK_AVX2)
#include "../impls/simd/bf16-avx2.h"
#elif defined(H16_CHECK_AVX512BF16)
#include "../impls/simd/bf16-avx512bf16.h"
#else
#include "../impls/simd/bf16-avx512f.h"
#endif
#else
#define CHECK_FORMAT FMT_F16
#if defined(H16_CHECK_SCALAR)
#include "../impls/simd/f16-scalar.h"
#elif defined(H16_CHECK_AVX2)
#include "../impls/simd/f16-avx2.h"
#elif defined(H16_CHECK_AVX512FP16)
#include "../impls/simd/f16-avx512fp16.h"
#else
#include "../impls/simd/f16-avx512f.h"
#endif
#endif

int H16_CHECK_FUNCTION(long *checked);

static int failures;
static long points;

static void fail(const char *what, double input, unsigned got, unsigned want)
{
    if (failures++ < 12)
        printf("FAIL %s %s: input %a (%.9g): got 0x%04x, want 0x%04x\n", H16_FORMAT_NAME, what, input,
               input, got, want);
}

/* ---- references --------------------------------------------------------- */

static bool is_nan_bits(uint16_t h)
{
    return CHECK_FORMAT == FMT_BF16 ? (h & 0x7fffu) > 0x7f80u : (h & 0x7fffu) > 0x7c00u;
}

/* the rounding of a number by the harness's reference (format.c) */
static uint16_t reference_from_float(float v)
{
    return format_encode16(CHECK_FORMAT, format_round(CHECK_FORMAT, v));
}

static uint16_t max_finite_encoding(void) { return CHECK_FORMAT == FMT_BF16 ? 0x7f7fu : 0x7bffu; }

static double value_of(uint16_t h) { return format_decode16(CHECK_FORMAT, h); }

/* d rounded to nearest even, decided exactly: the neighbours are found
 * among the encodings, and their midpoint is exact in double */
static uint16_t reference_from_double(double d)
{
    if (d != d)
        return 0;
    uint16_t sign = signbit(d) ? 0x8000u : 0u;
    double a = fabs(d);
    uint16_t top = max_finite_encoding();
    double max = value_of(top), max_ulp = max - value_of((uint16_t)(top - 1));
    if (a >= max + max_ulp / 2)
        return (uint16_t)(sign | (top + 1)); /* the infinity (ties go to the even side) */
    uint16_t lo = 0, hi = top; /* value_of(lo) <= a < value_of(hi + 1) */
    while (lo < hi) {
        uint16_t mid = (uint16_t)((lo + hi + 1) / 2);
        if (value_of(mid) <= a)
            lo = mid;
        else
            hi = (uint16_t)(mid - 1);
    }
    if (lo == top)
        return (uint16_t)(sign | top);
    double below = value_of(lo), above = value_of((uint16_t)(lo + 1)), midpoint = (below + above) / 2;
    uint16_t r = a < midpoint ? lo : a > midpoint ? (uint16_t)(lo + 1) : (lo & 1u) ? (uint16_t)(lo + 1) : lo;
    return (uint16_t)(sign | r);
}

/* ---- vector drivers: every element through whole vectors and a tail ---- */

static void vector_from_f32(const float *v, uint16_t *h, size_t n)
{
    size_t i = 0;
    for (; i + VF32_LANES <= n; i += VF32_LANES)
        vh16_store_f32(h + i, vf32_load(v + i));
    if (i < n)
        vh16_store_f32_tail(h + i, vf32_load_tail(v + i, n - i), n - i);
}

typedef vh16 (*narrow_fn)(vf32 v, int k, vmask32 *ambiguous);

static void vector_from_f32_checked_by(const float *v, uint16_t *h, bool *ambiguous, size_t n, int k,
                                       narrow_fn narrow)
{
    float flags[VF32_LANES];
    for (size_t i = 0; i < n; i += VF32_LANES) {
        size_t lanes = n - i < VF32_LANES ? n - i : VF32_LANES;
        vmask32 m;
        vh16 r = narrow(lanes == VF32_LANES ? vf32_load(v + i) : vf32_load_tail(v + i, lanes), k, &m);
        if (lanes == VF32_LANES)
            vh16_store(h + i, r);
        else
            vh16_store_tail(h + i, r, lanes);
        vf32_store(flags, vf32_select(m, vf32_set1(1.0f), vf32_zero()));
        for (size_t j = 0; j < lanes; j++)
            ambiguous[i + j] = flags[j] != 0.0f;
    }
}

static void vector_from_f32_checked(const float *v, uint16_t *h, bool *ambiguous, size_t n, int k)
{
    vector_from_f32_checked_by(v, h, ambiguous, n, k, vh16_from_f32_checked);
}

static void vector_from_f64w(const double *d, uint16_t *h, size_t n)
{
    double lanes[VF32_LANES];
    for (size_t i = 0; i < n; i += VF32_LANES) {
        size_t count = n - i < VF32_LANES ? n - i : VF32_LANES;
        for (size_t j = 0; j < VF32_LANES; j++)
            lanes[j] = j < count ? d[i + j] : 0.0;
#if defined(H16_CHECK_SCALAR)
        vf64w w = lanes[0];
#elif defined(H16_CHECK_AVX2)
        vf64w w = {_mm256_loadu_pd(lanes), _mm256_loadu_pd(lanes + 4)};
#else
        vf64w w = {_mm512_loadu_pd(lanes), _mm512_loadu_pd(lanes + 8)};
#endif
        vh16 r = vh16_from_f64w(w);
        if (count == VF32_LANES)
            vh16_store(h + i, r);
        else
            vh16_store_tail(h + i, r, count);
    }
}

static void vector_round_odd(const float *hi, const float *lo, uint16_t *h, size_t n)
{
    for (size_t i = 0; i < n; i += VF32_LANES) {
        size_t count = n - i < VF32_LANES ? n - i : VF32_LANES;
        vf32 a = count == VF32_LANES ? vf32_load(hi + i) : vf32_load_tail(hi + i, count);
        vf32 b = count == VF32_LANES ? vf32_load(lo + i) : vf32_load_tail(lo + i, count);
        vh16 r = vh16_from_f32(vh16_round_odd(a, b));
        if (count == VF32_LANES)
            vh16_store(h + i, r);
        else
            vh16_store_tail(h + i, r, count);
    }
}

/* ---- checks -------------------------------------------------------------- */

static void check_widen(void)
{
    static uint16_t h[65536];
    static float v[65536];
    for (uint32_t i = 0; i < 65536; i++)
        h[i] = (uint16_t)i;
    size_t i = 0;
    for (; i + VF32_LANES <= 65536; i += VF32_LANES)
        vf32_store(v + i, vh16_load_f32(h + i));
    for (uint32_t e = 0; e < 65536; e++) {
        float want = h16_to_float((uint16_t)e);
        bool ok = h16_float_bits(v[e]) == h16_float_bits(want);
        if (!is_nan_bits((uint16_t)e))
            ok = ok && h16_float_bits(want) == h16_float_bits(format_decode16(CHECK_FORMAT, (uint16_t)e));
        else
            ok = ok && isnan(v[e]);
        if (!ok)
            fail("vh16_to_f32", (double)e, h16_float_bits(v[e]) >> 16, h16_float_bits(want) >> 16);
    }
    points += 65536;
}

/* floats at and around every encoding and midpoint, both signs */
static float *around_midpoints(size_t *count)
{
    size_t cap = 65536 * 24, n = 0;
    float *v = malloc(cap * sizeof *v);
    if (!v)
        return NULL;
    uint16_t top = max_finite_encoding();
    for (uint32_t e = 0; e <= top; e++) {
        double a = value_of((uint16_t)e);
        double b = e < top ? value_of((uint16_t)(e + 1)) : a + (a - value_of((uint16_t)(e - 1)));
        float m = (float)((a + b) / 2); /* exact: one bit more than the format */
        uint32_t mb = h16_float_bits(m), ab = h16_float_bits((float)a);
        for (int s = 0; s < 2; s++) {
            uint32_t sign = s ? 0x80000000u : 0u;
            for (int j = -3; j <= 3; j++)
                v[n++] = h16_bits_float(sign | (uint32_t)((int64_t)mb + j));
            for (int j = -1; j <= 1; j++)
                if ((int64_t)ab + j >= 0)
                    v[n++] = h16_bits_float(sign | (uint32_t)((int64_t)ab + j));
        }
    }
    const float extra[] = {INFINITY, -INFINITY, NAN, -NAN, 0x1p-149f, -0x1p-149f, 0x1p-127f, 0x1.fffffcp-127f,
                           0x1.fffffep-127f, 0x1p+127f, 0x1.fffffep+127f};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        v[n++] = extra[i];
    /* random bit patterns, NaN payloads among them */
    uint64_t state = 0x9e3779b97f4a7c15u;
    for (int i = 0; i < (1 << 20) && n < cap; i++) {
        state = state * 6364136223846793005u + 1442695040888963407u;
        v[n++] = h16_bits_float((uint32_t)(state >> 32));
    }
    *count = n;
    return v;
}

static void check_narrow(const float *v, size_t n)
{
    uint16_t *h = malloc(n * sizeof *h);
    bool *ambiguous = malloc(n * sizeof *ambiguous);
    uint16_t *checked = malloc(n * sizeof *checked);
    if (!h || !ambiguous || !checked) {
        fail("allocation", 0, 0, 0);
        return;
    }
    vector_from_f32(v, h, n);
    for (size_t i = 0; i < n; i++) {
        uint16_t want = h16_from_float(v[i]);
        if (h[i] != want)
            fail("vh16_from_f32 against h16_from_float", v[i], h[i], want);
        if (!isnan(v[i]) && want != reference_from_float(v[i]))
            fail("h16_from_float against the reference", v[i], want, reference_from_float(v[i]));
        if (isnan(v[i]) && !is_nan_bits(h[i]))
            fail("vh16_from_f32 of a NaN", v[i], h[i], want);
    }
    const int ks[] = {1, 2, 3, 8};
    for (size_t q = 0; q < sizeof ks / sizeof ks[0]; q++) {
        int k = ks[q];
        vector_from_f32_checked(v, checked, ambiguous, n, k);
        for (size_t i = 0; i < n; i++) {
            uint16_t want = h16_from_float(v[i]);
            if (isnan(v[i])) {
                /* a NaN is not flagged; it stays a NaN at least when the
                 * float's low 16 bits are 0 (every NaN of bf16 operands) */
                if (!ambiguous[i] && (h16_float_bits(v[i]) & 0xffffu) == 0 && !is_nan_bits(checked[i]))
                    fail("vh16_from_f32_checked of a NaN", v[i], checked[i], want);
                continue;
            }
            if (!ambiguous[i] && checked[i] != want)
                fail("vh16_from_f32_checked, a lane not flagged", v[i], checked[i], want);
            if (ambiguous[i])
                continue;
            /* every float within k of v on its side of zero rounds alike */
            uint32_t b = h16_float_bits(v[i]), magnitude = b & 0x7fffffffu, sign = b & 0x80000000u;
            for (int j = -k; j <= k; j++) {
                int64_t m = (int64_t)magnitude + j;
                if (m < 0 || m > 0x7f800000)
                    continue;
                uint16_t r = h16_from_float(h16_bits_float(sign | (uint32_t)m));
                if (r != want) {
                    fail("vh16_from_f32_checked, a lane not flagged whose neighbour rounds away", v[i], r, want);
                    break;
                }
            }
        }
    }
#if !defined(H16_CHECK_BF16) && !defined(H16_CHECK_SCALAR) && !defined(H16_CHECK_AVX2)
    /* the test on the dropped bits, for floats in f16's normal range and
     * for f16 values (exact conversions) */
    for (size_t q = 0; q < sizeof ks / sizeof ks[0]; q++) {
        int k = ks[q];
        vector_from_f32_checked_by(v, checked, ambiguous, n, k, vh16_from_f32_checked_normal);
        for (size_t i = 0; i < n; i++) {
            float a = fabsf(v[i]);
            uint16_t want = h16_from_float(v[i]);
            bool normal = a >= 0x1p-14f && a <= 65504.0f;
            if (isnan(v[i]) || !(normal || h16_to_float(want) == v[i]) || ambiguous[i])
                continue;
            if (checked[i] != want)
                fail("vh16_from_f32_checked_normal, a lane not flagged", v[i], checked[i], want);
            uint32_t b = h16_float_bits(v[i]), magnitude = b & 0x7fffffffu, sign = b & 0x80000000u;
            for (int j = -k; j <= k && normal; j++) {
                uint16_t r = h16_from_float(h16_bits_float(sign | (uint32_t)((int64_t)magnitude + j)));
                if (r != want) {
                    fail("vh16_from_f32_checked_normal, a lane not flagged whose neighbour rounds away", v[i], r,
                         want);
                    break;
                }
            }
        }
    }
    points += (long)n * 4;
#endif
    points += (long)n * 5;
    free(h);
    free(ambiguous);
    free(checked);
}

static void check_doubles(void)
{
    size_t cap = 65536 * 32, n = 0;
    double *d = malloc(cap * sizeof *d);
    uint16_t *h = malloc(cap * sizeof *h);
    if (!d || !h) {
        fail("allocation", 0, 0, 0);
        return;
    }
    uint16_t top = max_finite_encoding();
    for (uint32_t e = 0; e <= top; e++) {
        double a = value_of((uint16_t)e);
        double b = e < top ? value_of((uint16_t)(e + 1)) : a + (a - value_of((uint16_t)(e - 1)));
        double m = (a + b) / 2;
        double half_float_ulp = m == 0 ? 0x1p-150 : ldexp(1.0, ilogb(m) - 24);
        const double around[] = {m, nextafter(m, 0), nextafter(m, INFINITY), m * (1 - 0x1p-30), m * (1 + 0x1p-30),
                                 m + half_float_ulp, m - half_float_ulp, nextafter(m + half_float_ulp, 0),
                                 nextafter(m - half_float_ulp, INFINITY), a, nextafter(a, 0), nextafter(a, INFINITY)};
        for (size_t j = 0; j < sizeof around / sizeof around[0]; j++) {
            d[n++] = around[j];
            d[n++] = -around[j];
        }
    }
    const double extra[] = {0x1p-1074, -0x1p-1074, 0x1p-200, 0x1p-150, 0x1.0000000000001p-150, 0x1p+128, 0x1p+200,
                            INFINITY, -INFINITY, 0x1.fffffefffffffp+127, 0x1.ffffffp+127, -0x1p+300};
    for (size_t j = 0; j < sizeof extra / sizeof extra[0]; j++)
        d[n++] = extra[j];
    vector_from_f64w(d, h, n);
    for (size_t i = 0; i < n; i++) {
        uint16_t want = reference_from_double(d[i]);
        if (h16_from_double(d[i]) != want)
            fail("h16_from_double", d[i], h16_from_double(d[i]), want);
        if (h[i] != want)
            fail("vh16_from_f64w", d[i], h[i], want);
    }
    uint16_t nan_lane;
    vector_from_f64w((const double[]){NAN}, &nan_lane, 1);
    if (!is_nan_bits(nan_lane))
        fail("vh16_from_f64w of a NaN", NAN, nan_lane, 0x7fff);
    points += (long)n * 2;

    /* a value and a correction that the sum cannot hold: the rounding goes
     * by the correction's sign where the value is a midpoint */
    size_t m_count = 0;
    float *hi = malloc(65536 * 16 * sizeof *hi), *lo = malloc(65536 * 16 * sizeof *lo);
    uint16_t *r = malloc(65536 * 16 * sizeof *r);
    if (!hi || !lo || !r) {
        fail("allocation", 0, 0, 0);
        return;
    }
    for (uint32_t e = 0; e < top; e++) {
        double a = value_of((uint16_t)e), b = value_of((uint16_t)(e + 1)), m = (a + b) / 2;
        const double bases[] = {m, a};
        for (size_t j = 0; j < 2; j++)
            for (int s = -1; s <= 1; s += 2) {
                double base = bases[j] * s;
                const double tiny[] = {0x1p-1074, 0x1p-600, fabs(base) * 0x1p-60};
                for (size_t t = 0; t < 3; t++)
                    for (int ls = -1; ls <= 1; ls += 2) {
                        double correction = tiny[t] * ls;
                        uint16_t want = reference_from_double(base + correction != base
                                                                  ? base + correction
                                                                  : nextafter(base, correction > 0 ? INFINITY : -INFINITY));
                        if (base == 0)
                            continue;
                        uint16_t got = h16_from_double2(base, correction);
                        if (got != want)
                            fail("h16_from_double2", base, got, want);
                        points++;
                    }
                /* the float version: corrections of at most half a float ulp */
                float fbase = (float)base;
                if (fbase == 0)
                    continue;
                float ulp = (float)ldexp(1.0, (ilogb(fbase) > -126 ? ilogb(fbase) : -126) - 23);
                const float flo[] = {ulp / 2, ulp / 4, ulp * 0x1p-20f, 0x1p-149f};
                for (size_t t = 0; t < 4; t++)
                    for (int ls = -1; ls <= 1; ls += 2) {
                        hi[m_count] = fbase;
                        lo[m_count++] = flo[t] * (float)ls;
                    }
            }
    }
    vector_round_odd(hi, lo, r, m_count);
    for (size_t i = 0; i < m_count; i++) {
        double sum = (double)hi[i] + (double)lo[i];
        uint16_t want = reference_from_double(sum != hi[i] ? sum : nextafter(hi[i], lo[i] > 0 ? INFINITY : -INFINITY));
        if (lo[i] == 0)
            want = reference_from_double(hi[i]);
        if (r[i] != want)
            fail("vh16_round_odd", hi[i], r[i], want);
    }
    points += (long)m_count;
    free(hi);
    free(lo);
    free(r);
    free(d);
    free(h);
}

/* vh16_eq and vh16_select against the lane-by-lane rule, for masks and
 * equalities in every pattern the lanes allow (all of them up to 16 lanes) */
static void check_lanes(void)
{
    uint16_t a[VF32_LANES], b[VF32_LANES], c[VF32_LANES], r[VF32_LANES];
    float ones[VF32_LANES], mask_lanes[VF32_LANES];
    for (uint32_t pattern = 0; pattern < (1u << VF32_LANES); pattern++) {
        for (unsigned i = 0; i < VF32_LANES; i++) {
            a[i] = (uint16_t)(0x3f80u + i);
            b[i] = pattern >> i & 1u ? a[i] : (uint16_t)(0xbf80u + 3 * i);
            c[i] = (uint16_t)(0x4000u + i);
            ones[i] = (float)i;
            mask_lanes[i] = pattern >> i & 1u ? (float)i : -1.0f;
        }
        vmask32 eq = vh16_eq(vh16_load(a), vh16_load(b));
        vmask32 m = vf32_eq(vf32_load(mask_lanes), vf32_load(ones));
        vh16_store(r, vh16_select(m, vh16_load(a), vh16_load(c)));
        unsigned eq_bits = vmask32_bits(eq);
        for (unsigned i = 0; i < VF32_LANES; i++) {
            if ((eq_bits >> i & 1u) != (pattern >> i & 1u))
                fail("vh16_eq", (double)pattern, eq_bits, pattern);
            uint16_t want = pattern >> i & 1u ? a[i] : c[i];
            if (r[i] != want)
                fail("vh16_select", (double)pattern, r[i], want);
        }
        points++;
    }
}

/* Loads and stores of count elements ending at an inaccessible page: a
 * read or write past count faults; untouched elements keep their guard. */
static void check_tails(void)
{
    long page = sysconf(_SC_PAGESIZE);
    unsigned char *map = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED || mprotect(map + page, (size_t)page, PROT_NONE) != 0) {
        fail("mmap", 0, 0, 0);
        return;
    }
    for (size_t count = 1; count < VF32_LANES; count++) {
        uint16_t *end = (uint16_t *)(void *)(map + page);
        uint16_t *p = end - count;
        for (size_t j = 0; j < count; j++)
            p[j] = (uint16_t)(0x3f80u + j);
        float back[VF32_LANES];
        vf32_store(back, vh16_load_f32_tail(p, count));
        for (size_t j = 0; j < VF32_LANES; j++) {
            float want = j < count ? h16_to_float(p[j]) : 0.0f;
            if (h16_float_bits(back[j]) != h16_float_bits(want))
                fail("vh16_load_f32_tail", (double)count, h16_float_bits(back[j]) >> 16, h16_float_bits(want) >> 16);
        }
        uint16_t *q = end - VF32_LANES;
        for (size_t j = 0; j < VF32_LANES; j++)
            q[j] = 0xdeadu;
        float values[VF32_LANES];
        for (size_t j = 0; j < VF32_LANES; j++)
            values[j] = (float)(j + 1);
        vh16_store_f32_tail(q, vf32_load(values), count);
        for (size_t j = 0; j < VF32_LANES; j++) {
            uint16_t want = j < count ? h16_from_float(values[j]) : 0xdeadu;
            if (q[j] != want)
                fail("vh16_store_f32_tail", (double)count, q[j], want);
        }
        points++;
    }
    munmap(map, (size_t)page * 2);
}

int H16_CHECK_FUNCTION(long *checked)
{
    failures = 0;
    points = 0;
    check_widen();
    size_t n;
    float *v = around_midpoints(&n);
    if (v) {
        check_narrow(v, n);
        free(v);
    } else {
        fail("allocation", 0, 0, 0);
    }
    check_doubles();
    check_lanes();
    check_tails();
    *checked = points;
    return failures;
}
