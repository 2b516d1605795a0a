/*
 * oneDNN's primitives as peers (impls/peers/onednn.c): eltwise forward and
 * backward, softmax and logsoftmax forward and backward, f32, each with its
 * JIT code capped at one ISA.  A kernel file names its operation in a
 * constant struct onednn_op and calls onednn_forward / onednn_backward; the
 * primitives are created on a thread's first call for an (operation, n,
 * alpha, row length) and only executed after that.  Without oneDNN at build
 * time the functions write NaN; the harness skips the onednn rows
 * (skipped_library) before anything calls them.
 */
#ifndef ACTBENCH_PEERS_ONEDNN_H
#define ACTBENCH_PEERS_ONEDNN_H

#include <stddef.h>

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

struct onednn_op {
    enum onednn_isa isa;
    enum onednn_alg alg;
};

/* y[0 .. n) = the forward primitive on x[0 .. n); alpha is the eltwise
 * algorithm's alpha (ignored where oneDNN ignores it), row_length the
 * softmax rows' length (ignored by eltwise).  x == y is allowed. */
void onednn_forward(const struct onednn_op *op, const float *x, float *y, size_t n, float alpha,
                    size_t row_length);

/* dx[0 .. n) = the backward primitive: eltwise from src (x) and diff_dst
 * (dy); softmax and logsoftmax from dst (y) and diff_dst (dy). */
void onednn_backward(const struct onednn_op *op, const float *x, const float *y, const float *dy,
                     float *dx, size_t n, float alpha, size_t row_length);

#endif
