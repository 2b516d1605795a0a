// Eigen 3.4's float functions on AVX-512 (16 lanes), for the eigen peers
// (impls/peers/eigen-avx512f.h): each takes one vector, evaluates the
// Eigen::Array expression TensorFlow's kernels write (x.tanh(),
// x.logistic(), x.erf(), x.exp(), x.expm1(), x.log1p()) on a fixed-size
// array of its lanes, and returns the vector.  Compiled with the avx512f ISA
// row's flags, so Eigen's packet math is that ISA's; EIGEN_FAST_MATH is left
// at its default (1), as a framework builds it.
#include <immintrin.h>

#include <Eigen/Core>
#include <unsupported/Eigen/SpecialFunctions>

namespace {

using Lanes = Eigen::Array<float, 16, 1>;

inline Lanes lanes(__m512 x)
{
    Lanes a;
    _mm512_storeu_ps(a.data(), x);
    return a;
}

inline __m512 vector(const Lanes &a)
{
    return _mm512_loadu_ps(a.data());
}

} // namespace

extern "C" {

__m512 actbench_eigen_tanhf_avx512f(__m512 x);
__m512 actbench_eigen_logisticf_avx512f(__m512 x);
__m512 actbench_eigen_erff_avx512f(__m512 x);
__m512 actbench_eigen_expf_avx512f(__m512 x);
__m512 actbench_eigen_expm1f_avx512f(__m512 x);
__m512 actbench_eigen_log1pf_avx512f(__m512 x);

__m512 actbench_eigen_tanhf_avx512f(__m512 x)
{
    return vector(lanes(x).tanh());
}

__m512 actbench_eigen_logisticf_avx512f(__m512 x)
{
    return vector(lanes(x).logistic());
}

__m512 actbench_eigen_erff_avx512f(__m512 x)
{
    return vector(lanes(x).erf());
}

__m512 actbench_eigen_expf_avx512f(__m512 x)
{
    return vector(lanes(x).exp());
}

__m512 actbench_eigen_expm1f_avx512f(__m512 x)
{
    return vector(lanes(x).expm1());
}

__m512 actbench_eigen_log1pf_avx512f(__m512 x)
{
    return vector(lanes(x).log1p());
}

} // extern "C"
