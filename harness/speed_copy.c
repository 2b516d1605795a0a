/* The copy kernel (see speed_copy.h). */
#include "speed_copy.h"

#include <immintrin.h>

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

const char *speed_copy_isa_name(void)
{
    return copy_uses_avx() ? "avx" : "sse2";
}
