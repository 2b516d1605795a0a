/* The copy kernel (see speed_copy.h). */
#include "speed_copy.h"

#include <immintrin.h>

#include "../impls/isa.h"

/* Plain unaligned moves, unrolled four times; written with intrinsics so
 * the compiler neither removes it nor replaces it by a call to memcpy. */
__attribute__((target("avx"))) static void copy_floats_avx(const float *x, float *y, size_t n)
{
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256 a = _mm256_loadu_ps(x + i), b = _mm256_loadu_ps(x + i + 8);
        __m256 c = _mm256_loadu_ps(x + i + 16), d = _mm256_loadu_ps(x + i + 24);
        _mm256_storeu_ps(y + i, a);
        _mm256_storeu_ps(y + i + 8, b);
        _mm256_storeu_ps(y + i + 16, c);
        _mm256_storeu_ps(y + i + 24, d);
    }
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(y + i, _mm256_loadu_ps(x + i));
    for (; i < n; i++)
        _mm_store_ss(y + i, _mm_load_ss(x + i));
}

static void copy_floats_sse2(const float *x, float *y, size_t n)
{
    size_t i = 0;
    for (; i + 16 <= n; i += 16) {
        __m128 a = _mm_loadu_ps(x + i), b = _mm_loadu_ps(x + i + 4);
        __m128 c = _mm_loadu_ps(x + i + 8), d = _mm_loadu_ps(x + i + 12);
        _mm_storeu_ps(y + i, a);
        _mm_storeu_ps(y + i + 4, b);
        _mm_storeu_ps(y + i + 8, c);
        _mm_storeu_ps(y + i + 12, d);
    }
    for (; i + 4 <= n; i += 4)
        _mm_storeu_ps(y + i, _mm_loadu_ps(x + i));
    for (; i < n; i++)
        _mm_store_ss(y + i, _mm_load_ss(x + i));
}

/* dst = a | b bit for bit: two loads, one vorps and one store per vector.
 * The OR takes any vector pipe (Zen 5 has four), so the loop is bound by
 * its loads and stores as the copy is; the compiler cannot fold it, since
 * it knows neither array.  Same unrolling and tail as the copy. */
__attribute__((target("avx"))) static void or_floats_avx(const float *a, const float *b, float *dst,
                                                         size_t n)
{
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        __m256 p = _mm256_or_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i));
        __m256 q = _mm256_or_ps(_mm256_loadu_ps(a + i + 8), _mm256_loadu_ps(b + i + 8));
        __m256 r = _mm256_or_ps(_mm256_loadu_ps(a + i + 16), _mm256_loadu_ps(b + i + 16));
        __m256 s = _mm256_or_ps(_mm256_loadu_ps(a + i + 24), _mm256_loadu_ps(b + i + 24));
        _mm256_storeu_ps(dst + i, p);
        _mm256_storeu_ps(dst + i + 8, q);
        _mm256_storeu_ps(dst + i + 16, r);
        _mm256_storeu_ps(dst + i + 24, s);
    }
    for (; i + 8 <= n; i += 8)
        _mm256_storeu_ps(dst + i, _mm256_or_ps(_mm256_loadu_ps(a + i), _mm256_loadu_ps(b + i)));
    for (; i < n; i++)
        _mm_store_ss(dst + i, _mm_or_ps(_mm_load_ss(a + i), _mm_load_ss(b + i)));
}

/* The 512-bit copy and two-input copy: the same loops with zmm moves, for
 * the rows of AVX-512 kernels, which move 64 bytes per instruction. */
__attribute__((target("avx512f"))) static void copy_floats_avx512f(const float *x, float *y,
                                                                   size_t n)
{
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        __m512 a = _mm512_loadu_ps(x + i), b = _mm512_loadu_ps(x + i + 16);
        __m512 c = _mm512_loadu_ps(x + i + 32), d = _mm512_loadu_ps(x + i + 48);
        _mm512_storeu_ps(y + i, a);
        _mm512_storeu_ps(y + i + 16, b);
        _mm512_storeu_ps(y + i + 32, c);
        _mm512_storeu_ps(y + i + 48, d);
    }
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_ps(y + i, _mm512_loadu_ps(x + i));
    if (i < n) {
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);
        _mm512_mask_storeu_ps(y + i, m, _mm512_maskz_loadu_ps(m, x + i));
    }
}

__attribute__((target("avx512f"))) static void or_floats_avx512f(const float *a, const float *b,
                                                                 float *dst, size_t n)
{
    size_t i = 0;
    for (; i + 64 <= n; i += 64) {
        __m512i p = _mm512_or_si512(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i));
        __m512i q = _mm512_or_si512(_mm512_loadu_si512(a + i + 16), _mm512_loadu_si512(b + i + 16));
        __m512i r = _mm512_or_si512(_mm512_loadu_si512(a + i + 32), _mm512_loadu_si512(b + i + 32));
        __m512i s = _mm512_or_si512(_mm512_loadu_si512(a + i + 48), _mm512_loadu_si512(b + i + 48));
        _mm512_storeu_si512(dst + i, p);
        _mm512_storeu_si512(dst + i + 16, q);
        _mm512_storeu_si512(dst + i + 32, r);
        _mm512_storeu_si512(dst + i + 48, s);
    }
    for (; i + 16 <= n; i += 16)
        _mm512_storeu_si512(dst + i,
                            _mm512_or_si512(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i)));
    if (i < n) {
        __mmask16 m = (__mmask16)((1u << (n - i)) - 1u);
        __m512i v = _mm512_or_si512(_mm512_maskz_loadu_epi32(m, a + i), _mm512_maskz_loadu_epi32(m, b + i));
        _mm512_mask_storeu_epi32(dst + i, m, v);
    }
}

/* Without AVX (no CPU this suite targets): one 128-bit vector at a time. */
static void or_floats_sse2(const float *a, const float *b, float *dst, size_t n)
{
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        _mm_storeu_ps(dst + i, _mm_or_ps(_mm_loadu_ps(a + i), _mm_loadu_ps(b + i)));
    for (; i < n; i++)
        _mm_store_ss(dst + i, _mm_or_ps(_mm_load_ss(a + i), _mm_load_ss(b + i)));
}

static int copy_uses_avx(void)
{
    return __builtin_cpu_supports("avx");
}

void speed_copy_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    if (copy_uses_avx())
        copy_floats_avx(x, y, n);
    else
        copy_floats_sse2(x, y, n);
}

void speed_copy_gradient(const float *x, const float *y, const float *dy, float *dx,
                         float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)y, (void)dparam;
    speed_copy_forward(dy, dx, n, p);
}

void speed_copy2_gradient(const float *x, const float *y, const float *dy, float *dx,
                          float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    if (copy_uses_avx())
        or_floats_avx(x, dy, dx, n);
    else
        or_floats_sse2(x, dy, dx, n);
}

int speed_copy512_available(void)
{
    int isa = isa_by_name("avx512f");
    return isa >= 0 && isa_supported(isa);
}

void speed_copy512_forward(const float *x, float *y, size_t n, const struct actbench_params *p)
{
    (void)p;
    copy_floats_avx512f(x, y, n);
}

void speed_copy512_gradient(const float *x, const float *y, const float *dy, float *dx,
                            float *dparam, size_t n, const struct actbench_params *p)
{
    (void)x, (void)y, (void)dparam, (void)p;
    copy_floats_avx512f(dy, dx, n);
}

void speed_copy2_512_gradient(const float *x, const float *y, const float *dy, float *dx,
                              float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    or_floats_avx512f(x, dy, dx, n);
}

const char *speed_copy_isa_name(void)
{
    return copy_uses_avx() ? "avx" : "sse2";
}
