/*
 * oneDNN's primitives as peers (impls/peers/onednn.c): eltwise forward and
 * backward, softmax and logsoftmax forward and backward, f32, each with its
 * JIT code capped at one ISA, in f32 or natively on bf16 or f16 data.  A
 * kernel file names its operation in a constant struct onednn_op and calls
 * onednn_forward / onednn_backward (or their _u16 forms); the
 * primitives are created on a thread's first call for an (operation, n,
 * alpha, row length) and only executed after that.  Without oneDNN at build
 * time the functions write NaN; the harness skips the onednn rows
 * (skipped_library) before anything calls them.
 */
#ifndef ACTBENCH_PEERS_ONEDNN_H
#define ACTBENCH_PEERS_ONEDNN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The ceiling passed to dnnl_set_max_cpu_isa in each ISA's copy of the
 * library. */
enum onednn_isa {
    ONEDNN_ISA_AVX2,             /* dnnl_cpu_isa_avx2 (the avx2 rows) */
    ONEDNN_ISA_AVX512_CORE,      /* dnnl_cpu_isa_avx512_core (avx512f) */
    ONEDNN_ISA_AVX512_CORE_BF16, /* dnnl_cpu_isa_avx512_core_bf16 (avx512bf16) */
    ONEDNN_ISA_COUNT
};

/* The algorithm: an eltwise algorithm kind (its src form: backward from
 * src, dnnl_eltwise_<alg>), or softmax / logsoftmax over rows. */
enum onednn_alg {
    ONEDNN_RELU,       /* dnnl_eltwise_relu, alpha = the negative slope */
    ONEDNN_ELU,        /* dnnl_eltwise_elu, alpha */
    ONEDNN_LOGISTIC,   /* dnnl_eltwise_logistic */
    ONEDNN_TANH,       /* dnnl_eltwise_tanh */
    ONEDNN_GELU_ERF,   /* dnnl_eltwise_gelu_erf */
    ONEDNN_GELU_TANH,  /* dnnl_eltwise_gelu_tanh */
    ONEDNN_SWISH,      /* dnnl_eltwise_swish, alpha = beta of x*sigmoid(beta*x) */
    ONEDNN_SOFT_RELU,  /* dnnl_eltwise_soft_relu: log(1 + exp(x)) */
    ONEDNN_HARDSWISH,  /* dnnl_eltwise_hardswish: x*relu6(x + 3)/6 */
    ONEDNN_MISH,       /* dnnl_eltwise_mish */
    ONEDNN_SOFTMAX,    /* softmax primitive over rows of row_length */
    ONEDNN_LOGSOFTMAX, /* logsoftmax primitive over rows of row_length */
    ONEDNN_ALG_COUNT
};

/* The data type of src, dst and their diffs. */
enum onednn_type {
    ONEDNN_F32,  /* dnnl_f32 */
    ONEDNN_BF16, /* dnnl_bf16 (bfloat16 encodings) */
    ONEDNN_F16,  /* dnnl_f16 (IEEE binary16 encodings) */
    ONEDNN_TYPE_COUNT
};

struct onednn_op {
    enum onednn_isa isa;
    enum onednn_alg alg;
    enum onednn_type type; /* f32 when left out */
    /* the backward from dst: the dnnl_eltwise_<alg>_use_dst_for_bwd
     * algorithm (relu, elu, logistic, tanh), forward and backward, the
     * backward reading y instead of x */
    bool use_dst;
};

/* y[0 .. n) = the forward primitive on x[0 .. n); alpha is the eltwise
 * algorithm's alpha (ignored where oneDNN ignores it), row_length the
 * softmax rows' length (ignored by eltwise).  x == y is allowed. */
void onednn_forward(const struct onednn_op *op, const float *x, float *y, size_t n, float alpha,
                    size_t row_length);

/* dx[0 .. n) = the backward primitive: eltwise from src (x) and diff_dst
 * (dy), or from dst (y) and dy for op->use_dst; softmax and logsoftmax
 * from dst (y) and diff_dst (dy).  A failure to create a primitive is
 * written to stderr once per operation (with the call and its
 * dnnl_status_t), or, inside a probe (probe.h), recorded as its answer. */
void onednn_backward(const struct onednn_op *op, const float *x, const float *y, const float *dy,
                     float *dx, size_t n, float alpha, size_t row_length);

/* The same on 16-bit encodings (op->type bf16 or f16). */
void onednn_forward_u16(const struct onednn_op *op, const uint16_t *x, uint16_t *y, size_t n,
                        float alpha, size_t row_length);
void onednn_backward_u16(const struct onednn_op *op, const uint16_t *x, const uint16_t *y,
                         const uint16_t *dy, uint16_t *dx, size_t n, float alpha,
                         size_t row_length);

#endif
