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
    [METHOD_LIBMVEC] = "libmvec", [METHOD_SLEEF] = "sleef", [METHOD_EXTERNAL] = "external",
};

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
