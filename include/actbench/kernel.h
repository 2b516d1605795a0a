/*
 * actbench kernel contract, ABI version ACTBENCH_KERNEL_ABI.
 *
 * One contract for every kernel actbench measures, built into actbench or
 * loaded from a shared library with `actbench --kernel PATH.so`.  A kernel
 * is a constant struct actbench_kernel: which activation it computes, in
 * which element type, for which ISA, its forward function, an optional
 * gradient function, the error bounds it declares and one line saying what
 * it is.  actbench measures it against MPFR, checks its special values and
 * properties, times it, and holds it to its declared bounds (a kernel over
 * its bound fails the tests and the regression gate).
 *
 * An external library exports one table:
 *
 *     #include <actbench/kernel.h>
 *     static void my_tanh(const float *x, float *y, size_t n,
 *                         const struct actbench_params *p) { ... }
 *     static const struct actbench_kernel kernels[] = {{
 *         .name = "tanh_f32_mine_avx2", .activation = "tanh",
 *         .type = ACTBENCH_F32, .isa = "avx2", .unroll = 32,
 *         .forward.f32 = my_tanh,
 *         .bounds[ACTBENCH_F32] = {.value_ulp = 2.0},
 *         .description = "tanh as 1 - 2/(exp(2x) + 1), degree-5 exp",
 *     }};
 *     ACTBENCH_EXPORT const struct actbench_kernel_table actbench_kernels = {
 *         .abi = ACTBENCH_KERNEL_ABI, .count = 1, .kernels = kernels};
 *
 * actbench validates the table before it measures or writes anything (ABI
 * version, activation and ISA names, forward present, bounds numbers) and
 * refuses the library, naming it and the entry, with exit status 2.
 *
 * Semantics every kernel keeps:
 *  - forward computes y[0 .. outputs) from x[0 .. n): outputs = n for
 *    elementwise activations and softmax-like rows, n / group for maxout.
 *    n is a multiple of the activation's input multiple (the row length or
 *    group size; 1 for elementwise activations) and may be any such value,
 *    including 0 and values that are not a multiple of the unroll: the
 *    kernel reads no x and writes no y past n.
 *  - x and y may be the same pointer (in place) for elementwise and row
 *    activations.
 *  - gradient computes dx[0 .. n) = J(x)^T dy from x, the y that the same
 *    kernel's forward computed, and dy (outputs entries).  For prelu,
 *    dparam (when not NULL) receives the per-element parameter gradient
 *    dy_i * x_i where x_i <= 0, else 0.
 *  - results never depend on n, on the position of an element in the
 *    call, or on other elements (apart from the row or group an element
 *    belongs to).
 * actbench checks each of these (tails, lane cross-talk, in place).
 */
#ifndef ACTBENCH_KERNEL_H
#define ACTBENCH_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Incremented on every change to the structures below. */
#define ACTBENCH_KERNEL_ABI 2

/*
 * Element types.  bf16 and f16 data are their 16-bit encodings
 * (bfloat16: the high half of an IEEE binary32; f16: IEEE binary16) in
 * uint16_t; a 16-bit kernel reads and writes them natively and is
 * measured on all 65536 encodings, its errors in ulps of its own format.
 */
enum actbench_type {
    ACTBENCH_F32 = 0,
    ACTBENCH_BF16 = 1,
    ACTBENCH_F16 = 2,
    ACTBENCH_TYPE_COUNT = 3
};

/*
 * Parameters of a call.  The harness fills every field from the catalog's
 * defaults (`actbench --list`); a kernel reads the ones its activation
 * uses.
 */
struct actbench_params {
    float alpha;                /* leaky_relu and elu: the slope or scale a */
    size_t channels;            /* prelu: element i belongs to channel i % channels */
    const float *channel_alpha; /* prelu: a_c per channel (channels entries) */
    size_t row_length;          /* softmax, log_softmax: n is a multiple of it */
    size_t group;               /* maxout: n is a multiple of it; n / group outputs */
};

typedef void (*actbench_forward_f32_fn)(const float *x, float *y, size_t n,
                                        const struct actbench_params *p);
typedef void (*actbench_gradient_f32_fn)(const float *x, const float *y, const float *dy,
                                         float *dx, float *dparam, size_t n,
                                         const struct actbench_params *p);
typedef void (*actbench_forward_u16_fn)(const uint16_t *x, uint16_t *y, size_t n,
                                        const struct actbench_params *p);
typedef void (*actbench_gradient_u16_fn)(const uint16_t *x, const uint16_t *y, const uint16_t *dy,
                                         uint16_t *dx, uint16_t *dparam, size_t n,
                                         const struct actbench_params *p);

/* The forward function: .f32 for ACTBENCH_F32 kernels, .u16 for bf16 and f16. */
union actbench_forward {
    actbench_forward_f32_fn f32;
    actbench_forward_u16_fn u16;
};

/* The gradient function, as the forward; NULL (both members) for a
 * forward-only kernel. */
union actbench_gradient {
    actbench_gradient_f32_fn f32;
    actbench_gradient_u16_fn u16;
};

/*
 * Declared bounds: max |error| in ulps of the format, measured before
 * rounding against the correctly rounded MPFR value (a correctly rounded
 * result scores <= 0.5), of the value and of the gradient (dy = 1 for
 * elementwise activations), indexed by format.  The kernel's own type
 * needs its value bound, and its gradient bound when it has a gradient;
 * each is a finite number >= 0.  An f32 kernel is also measured in bf16
 * and f16 (its f32 result rounded to the format): an entry left 0 there is
 * derived from the f32 bound b as 0.5 + b * 2^(p - 24) for a p-bit format
 * (the rounding adds at most half an ulp).  A 16-bit kernel is measured in
 * its own format only.
 */
struct actbench_bound {
    double value_ulp;
    double gradient_ulp;
};

struct actbench_kernel {
    /* <activation>_<type>_<method>[_<variant>]_<isa>, unique among all
     * kernels measured together (e.g. "tanh_f32_poly_fast_avx2") */
    const char *name;
    /* the catalog's name of the activation ("tanh"; `actbench --list`) */
    const char *activation;
    enum actbench_type type;
    /* the ISA table's name ("scalar", "avx2", "avx512f", "avx512bf16",
     * "avx512fp16"; `actbench --list`): it names the CPU features the
     * kernel needs, and actbench runs it only where cpuid and xgetbv
     * report them */
    const char *isa;
    /* elements per iteration of the main loop (1 for a plain loop): the
     * tail and lane checks use lengths around its multiples */
    unsigned unroll;
    union actbench_forward forward;
    union actbench_gradient gradient;
    struct actbench_bound bounds[ACTBENCH_TYPE_COUNT];
    /* one line: the algorithm */
    const char *description;
};

/* What an external library exports under the name "actbench_kernels". */
struct actbench_kernel_table {
    unsigned abi; /* ACTBENCH_KERNEL_ABI of the header it was built with */
    size_t count;
    const struct actbench_kernel *kernels;
};

#define ACTBENCH_KERNEL_TABLE_SYMBOL "actbench_kernels"

#if defined(__GNUC__)
#define ACTBENCH_EXPORT __attribute__((visibility("default")))
#else
#define ACTBENCH_EXPORT
#endif

#ifdef __cplusplus
}
#endif

#endif
