// Highway 1.0.3's hwy/contrib/math float functions on AVX2 (8 lanes), for the
// highway peers (impls/peers/highway-avx2.h): Tanh, Exp, Expm1 and Log1p
// on one vector.  Static dispatch: compiled with the avx2 ISA row's flags,
// Highway's static target is HWY_AVX2 (checked below), the one namespace
// HWY_NAMESPACE this file uses.
#include <immintrin.h>

#include "hwy/highway.h"
#include "hwy/contrib/math/math-inl.h"

namespace hn = hwy::HWY_NAMESPACE;

static_assert(HWY_STATIC_TARGET == HWY_AVX2, "the avx2 flags must select Highway's HWY_AVX2 target");

namespace {

using Tag = hn::ScalableTag<float>;
static_assert(hn::MaxLanes(Tag()) == sizeof(__m256) / sizeof(float), "one Highway vector per __m256");

inline hn::Vec<Tag> vector(__m256 x)
{
    hn::Vec<Tag> v;
    v.raw = x;
    return v;
}

} // namespace

extern "C" {

__m256 actbench_highway_tanhf_avx2(__m256 x);
__m256 actbench_highway_expf_avx2(__m256 x);
__m256 actbench_highway_expm1f_avx2(__m256 x);
__m256 actbench_highway_log1pf_avx2(__m256 x);

__m256 actbench_highway_tanhf_avx2(__m256 x)
{
    return hn::Tanh(Tag(), vector(x)).raw;
}

__m256 actbench_highway_expf_avx2(__m256 x)
{
    return hn::Exp(Tag(), vector(x)).raw;
}

__m256 actbench_highway_expm1f_avx2(__m256 x)
{
    return hn::Expm1(Tag(), vector(x)).raw;
}

__m256 actbench_highway_log1pf_avx2(__m256 x)
{
    return hn::Log1p(Tag(), vector(x)).raw;
}

} // extern "C"
