/*
 * hard_sigmoid_keras, libm method, AVX-512F: the scalar formula on 16 lanes.
 *
 * Keras: clip(0.2*x + 0.5, 0, 1) evaluated as written, 0.2f*x + 0.5f: a
 * multiplication and an addition, each rounded as in the scalar kernel
 * (which -ffp-contract=off keeps from fusing them); the addition is done
 * as fma(p, 1, 0.5f) = RN(p + 0.5f), the same one rounding, on the
 * multiply pipes, so that the two clips have the add pipes to themselves.
 * Then min(1, max(0, t)) with the constants first, so that minps/maxps,
 * which return their second operand when either is NaN, keep a NaN t.  Near the
 * lower kink x = -2.5 the sum cancels and the rounding of 0.2f*x (and 0.2f
 * being 0.2 * (1 + 1.5e-8)) is large relative to the small true value: the
 * formula's accuracy, which is what this measures.  Derivative 0.2f on
 * -2.5 < x < 2.5 (|x| < 2.5), 0 outside and at the kinks, NaN for NaN;
 * dx = f'(x) * dy.
 *
 * Bit-identical to hard_sigmoid_keras_f32_libm_scalar on every input
 * (tests/test_piecewise_simd.c; all 2^32 with --exhaustive).
 *
 * Loops (impls/math/piecewise.h): 4 vectors (64 elements) per iteration,
 * single vectors, then a k-masked tail that touches nothing past n; in
 * place safe.
 *
 * Speed, measured on a Zen 5-class virtual machine shared with other work
 * (load average 17 on 2 cores), medians of three runs of the command below
 * (cycles per element, and ratio to the 512-bit copy kernels of the same
 * run, copy_avx512f and copy2_avx512f, which AVX-512 rows divide by),
 * L1: forward 0.0936 (1.48x copy), gradient 0.1126 (1.68x
 * copy, 1.36x copy2):
 *   build/actbench -A relu,leaky_relu,prelu,hard_sigmoid_keras,
 *     hard_sigmoid_torch,maxout,hardswish -m libm -f f32 --speed-only
 *     --modes throughput,gradient_throughput --budget 0.3
 * Forward: four vector operations per 16 elements (two on the add pipes).
 * Traced as far as this: the main loop is the four operations (objdump:
 * vmulps with the load folded, vfmadd132ps, vmaxps, vminps and vmovups
 * per 16 elements, five scalar instructions per 64), and the L1 size
 * (3072 elements) has no tail.  A standalone loop over 3072 elements, the
 * output 384 bytes after the input modulo 4 KiB as in the harness (best
 * of 3000 x 4 calls, TSC ticks, same machine, load average 13), ran this
 * formula at 1.36-1.43x a 512-bit copy and a multiplication followed by
 * an FMA alone at 1.32-1.43x, while other two-operation chains
 * (multiply-multiply, multiply-add, multiply-max, max-min, add-add,
 * compare and masked move) ran at 1.00-1.05x; writing the addition as
 * vaddps instead of the FMA gave 1.27-1.31x against 1.27-1.31x in a later
 * run (where the multiply-add and multiply-FMA chains ran at 1.13-1.24x
 * and relu's loop at 1.20-1.24x).  Putting every
 * output buffer below its inputs modulo 4 KiB in the harness changed
 * neither this kernel's nor the copies' cycles.  So the gap to the copy is
 * not 4K aliasing, loop overhead or the tail, and not the add pipes
 * (max-min alone ran at the copy's speed); it comes with the multiply
 * and the rounded sum in one chain, whichever instruction does the sum,
 * and the machine's noise (other work on the same 2 cores) did not allow
 * telling more apart.  No exact form with one operation fewer was found:
 * a single fma(0.2f, x, 0.5f) differs from the scalar kernel's two
 * roundings on 12294552 of the 2151677952 floats with |x| < 2.5.
 * Gradient: two loads per vector plus abs, compare, masked move, NaN fixup
 * and multiply.
 *
 * L1 and DRAM sizes in one run (same machine, load average 13 on 2 cores,
 * medians of three runs of the command above with --sizes L1,DRAM and
 * --filter '_f32_libm_(avx2|avx512f)$'; at DRAM size the memory traffic of
 * the other work on the machine scatters the ratios of these 14 kernels by
 * 0.04 to 0.73 between the three runs, median 0.19): L1: forward 0.1102
 * (1.30x copy_avx512f; 248.4 GB/s, the copy 321.5), gradient 0.1516 (1.49x
 * copy2_avx512f; 362.0 GB/s, copy2_avx512f 425.8); DRAM (950 to 965 MiB working
 * set): forward 3.8973 (0.91x copy_avx512f; 7.7 GB/s, the copy 7.1),
 * gradient 5.3523 (0.94x copy2_avx512f; 10.7 GB/s, copy2_avx512f 7.9).
 *
 * Tier: none (libm method).  Declared bounds, f32: value 5.1e6, gradient
 * 0.21 ulp (the scalar kernel's).
 *
 * Measured max error against MPFR, in ulps
 * (x86_64-avx512-bf16, 1049148 f32 points):
 *   hard_sigmoid_keras_f32_libm_avx512f f32: value 5.033e+06 ulp at x = -0x1.3ffffep+1,
 *     gradient 0.2 ulp at x = 0x0p+0
 */
#include "../../include/actbench/kernel.h"
#include "../simd/f32-avx512f.h"
#include "../math/piecewise.h"

void hard_sigmoid_keras_f32_libm_avx512f_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p);
void hard_sigmoid_keras_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
                                               float *dparam, size_t n, const struct actbench_params *p);

void hard_sigmoid_keras_f32_libm_avx512f_forward(const float *x, float *y, size_t n,
                                              const struct actbench_params *p)
{
    (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_forward(x, y, n, piecewise_hard_sigmoid_keras, &s, false);
}

void hard_sigmoid_keras_f32_libm_avx512f_gradient(const float *x, const float *y, const float *dy, float *dx,
                                               float *dparam, size_t n, const struct actbench_params *p)
{
    (void)y, (void)dparam, (void)p;
    struct piecewise_slope s = piecewise_slope_constant(vf32_zero());
    piecewise_gradient(x, dy, dx, NULL, n, piecewise_hard_sigmoid_keras_derivative, NULL, &s, false);
}

const struct actbench_kernel hard_sigmoid_keras_f32_libm_avx512f = {
    .name = "hard_sigmoid_keras_f32_libm_avx512f",
    .activation = "hard_sigmoid_keras",
    .type = ACTBENCH_F32,
    .isa = "avx512f",
    .unroll = PIECEWISE_UNROLL * VF32_LANES,
    .forward.f32 = hard_sigmoid_keras_f32_libm_avx512f_forward,
    .gradient.f32 = hard_sigmoid_keras_f32_libm_avx512f_gradient,
    .bounds[ACTBENCH_F32] = {.value_ulp = 5.1e6, .gradient_ulp = 0.21},
    .description = "clip(0.2f*x + 0.5f, 0, 1) as written by Keras, product and sum rounded apart",
};
