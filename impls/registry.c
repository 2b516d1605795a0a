/*
 * The registry of implementations, built from impls/registry.inc, and the
 * names and checks that go with it.
 */
#include "kernels.h"
#include "registry.h"

#include <math.h>
#include <string.h>

const struct implementation implementation_registry[] = {
#define IMPLEMENTATION(nm, act, mth, is, value_bound, gradient_bound, fl, fwd, grad, desc) \
    {.name = nm, .activation = act, .method = mth, .isa = is,                             \
     .value_bound_ulp = value_bound, .gradient_bound_ulp = gradient_bound, .flags = fl,   \
     .forward = fwd, .gradient = grad, .description = desc},
#include "registry.inc"
#undef IMPLEMENTATION
};

const size_t implementation_count =
    sizeof implementation_registry / sizeof implementation_registry[0];

static const char *const method_names[METHOD_COUNT] = {
    [METHOD_LIBM] = "libm",       [METHOD_POLY] = "poly",
    [METHOD_TABLE] = "table",     [METHOD_SIMD] = "simd",
    [METHOD_LIBMVEC] = "libmvec", [METHOD_SLEEF] = "sleef",
};

static const char *const isa_names[ISA_COUNT] = {
    [ISA_SCALAR] = "scalar",
    [ISA_AVX2] = "avx2",
    [ISA_AVX512F] = "avx512f",
};

const char *impl_method_name(enum impl_method m)
{
    return (unsigned)m < METHOD_COUNT ? method_names[m] : "?";
}

const char *impl_isa_name(enum impl_isa isa)
{
    return (unsigned)isa < ISA_COUNT ? isa_names[isa] : "?";
}

/*
 * The features the build lets the compiler use for each ISA's files:
 * *_avx2.c get -mavx2 -mfma -mf16c, *_avx512f.c get -mavx512f -mavx512dq
 * -mavx2 -mfma.  libgcc's __builtin_cpu_supports reports the AVX and
 * AVX-512 features only when the OS saves their registers (xgetbv).
 */
int isa_supported(enum impl_isa isa)
{
    __builtin_cpu_init();
    switch (isa) {
    case ISA_SCALAR:
        return 1;
    case ISA_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") &&
               __builtin_cpu_supports("f16c");
    case ISA_AVX512F:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case ISA_COUNT:
        break;
    }
    return 0;
}

double impl_bound_for_format(double f32_bound, enum number_format fmt)
{
    if (fmt == FMT_F32)
        return f32_bound;
    return 0.5 + ldexp(f32_bound, format_catalog[fmt].precision - 24);
}
