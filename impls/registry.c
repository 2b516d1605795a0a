/*
 * The built-in kernels, from impls/registry.inc.  A kernel whose ISA the
 * build left out (the compiler lacks its flags, or -Ddisable_isa) is not
 * linked: its descriptor is declared weak, so its address is NULL and the
 * harness skips the entry.
 */
#include "registry.h"

#include <string.h>

#define KERNEL(name, method, tier, flags, bound_source) \
    extern const struct actbench_kernel name __attribute__((weak));
#include "registry.inc"
#undef KERNEL

const struct builtin_kernel builtin_kernels[] = {
#define KERNEL(name, mth, tr, fl, source) \
    {.symbol = #name, .kernel = &name, .method = mth, .tier = tr, .flags = fl, .bound_source = source},
#include "registry.inc"
#undef KERNEL
};

const size_t builtin_kernel_count = sizeof builtin_kernels / sizeof builtin_kernels[0];

static const char *const method_names[METHOD_COUNT] = {
    [METHOD_LIBM] = "libm",       [METHOD_POLY] = "poly",   [METHOD_TABLE] = "table",
    [METHOD_LIBMVEC] = "libmvec", [METHOD_SLEEF] = "sleef",   [METHOD_ONEDNN] = "onednn",
    [METHOD_XNNPACK] = "xnnpack", [METHOD_EIGEN] = "eigen",   [METHOD_HIGHWAY] = "highway",
    [METHOD_EXTERNAL] = "external",
};

/* The framework libraries meson found (actbench_config.h: ACTBENCH_HAVE_*;
 * features onednn, xnnpack, eigen, highway). */
static const char *const method_missing[METHOD_COUNT] = {
    [METHOD_LIBM] = NULL,
#if !ACTBENCH_HAVE_ONEDNN
    [METHOD_ONEDNN] = "built without oneDNN (Debian: libdnnl-dev)",
#endif
#if !ACTBENCH_HAVE_XNNPACK
    [METHOD_XNNPACK] = "built without XNNPACK (Debian: libxnnpack-dev, libpthreadpool-dev)",
#endif
#if !ACTBENCH_HAVE_EIGEN
    [METHOD_EIGEN] = "built without Eigen 3 or a C++ compiler (Debian: libeigen3-dev, g++)",
#endif
#if !ACTBENCH_HAVE_HIGHWAY
    [METHOD_HIGHWAY] = "built without Highway or a C++ compiler (Debian: libhwy-dev, g++)",
#endif
};

const char *impl_method_missing(enum impl_method m)
{
    return (unsigned)m < METHOD_COUNT ? method_missing[m] : NULL;
}

static const char *const tier_names[TIER_COUNT] = {
    [TIER_NONE] = "",
    [TIER_ACCURATE] = "accurate",
    [TIER_FAST] = "fast",
};

const char *impl_method_name(enum impl_method m)
{
    return (unsigned)m < METHOD_COUNT ? method_names[m] : "?";
}

enum impl_method impl_method_by_name(const char *name)
{
    for (int m = 0; m < METHOD_COUNT; m++)
        if (strcmp(method_names[m], name) == 0)
            return (enum impl_method)m;
    return METHOD_COUNT;
}

const char *impl_tier_name(enum impl_tier t)
{
    return (unsigned)t < TIER_COUNT ? tier_names[t] : "?";
}
