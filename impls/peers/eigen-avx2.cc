// Eigen 3.4's float functions on AVX2 (8 lanes), for the eigen peers
// (impls/peers/eigen-avx2.h): each takes one vector, evaluates the
// Eigen::Array expression TensorFlow's kernels write (x.tanh(),
// x.logistic(), x.erf(), x.exp(), x.expm1(), x.log1p()) on a fixed-size
// array of its lanes, and returns the vector.  Compiled with the avx2 ISA
// row's flags, so Eigen's packet math is that ISA's; EIGEN_FAST_MATH is left
// at its default (1), as a framework builds it.
#include <immintrin.h>

#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>

namespace {

using Lanes = Eigen::Array<float, 8, 1>;

inline Lanes lanes(__m256 x)
{
    Lanes a;
    _mm256_storeu_ps(a.data(), x);
    return a;
}

inline __m256 vector(const Lanes &a)
{
    return _mm256_loadu_ps(a.data());
}

} // namespace

extern "C" {

__m256 actbench_eigen_tanhf_avx2(__m256 x);
__m256 actbench_eigen_logisticf_avx2(__m256 x);
__m256 actbench_eigen_erff_avx2(__m256 x);
__m256 actbench_eigen_expf_avx2(__m256 x);
__m256 actbench_eigen_expm1f_avx2(__m256 x);
__m256 actbench_eigen_log1pf_avx2(__m256 x);

__m256 actbench_eigen_tanhf_avx2(__m256 x)
{
    return vector(lanes(x).tanh());
}

__m256 actbench_eigen_logisticf_avx2(__m256 x)
{
    return vector(lanes(x).logistic());
}

__m256 actbench_eigen_erff_avx2(__m256 x)
{
    return vector(lanes(x).erf());
}

__m256 actbench_eigen_expf_avx2(__m256 x)
{
    return vector(lanes(x).exp());
}

__m256 actbench_eigen_expm1f_avx2(__m256 x)
{
    return vector(lanes(x).expm1());
}

__m256 actbench_eigen_log1pf_avx2(__m256 x)
{
    return vector(lanes(x).log1p());
}

} // extern "C"
