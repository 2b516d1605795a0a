/*
 * The reference function of every catalog activation (see reference.h for
 * the request they take).  Their definitions and conventions are the
 * catalog's (harness/catalog.inc); each file's head comment says how the
 * value and the derivative are evaluated without losing accuracy.
 */
#ifndef ACTBENCH_REFERENCE_ACTIVATIONS_H
#define ACTBENCH_REFERENCE_ACTIVATIONS_H

#include "reference.h"

/* exact in double: ref_piecewise_linear.c, ref_maxout.c */
ref_function ref_relu, ref_leaky_relu, ref_prelu, ref_maxout;
/* ref_elu.c */
ref_function ref_elu, ref_selu;
/* ref_sigmoid.c: the logistic family */
ref_function ref_sigmoid, ref_silu, ref_softplus;
/* ref_tanh.c */
ref_function ref_tanh;
/* ref_hard_sigmoid.c */
ref_function ref_hard_sigmoid_keras, ref_hard_sigmoid_torch, ref_hardswish;
/* ref_gelu.c, ref_gelu_tanh.c */
ref_function ref_gelu, ref_gelu_tanh;
/* ref_mish.c */
ref_function ref_mish;
/* over rows: ref_softmax.c, ref_log_softmax.c */
ref_function ref_softmax, ref_log_softmax;

#endif
