/*
 * The fast references and the f32 classification compiled for scalar
 * (reference/meson.build gives this file the ISA's flags of impls/isa.inc;
 * the harness calls it only where the CPU runs scalar).  Every entry point
 * is the ISA's instance of the mathematics in fast_<activation>.h.
 */
#include "fast_f64_scalar.h"

#include "fast_classify.h"
#include "fast_elu.h"
#include "fast_gelu.h"
#include "fast_logistic.h"
#include "fast_math.h"
#include "fast_mish.h"
#include "fast_piecewise.h"
#include "fast_rows.h"
#include "fast_tanh.h"

size_t fast_classify_f32_scalar(const struct fast_quantity *q, size_t n, struct fast_points *out);
size_t fast_classify_f32_scalar(const struct fast_quantity *q, size_t n, struct fast_points *out)
{
    return fast_classify_f32_body(q, n, out);
}

fast_function fast_relu_scalar;
void fast_relu_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_relu_point);
}

fast_function fast_leaky_relu_scalar;
void fast_leaky_relu_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_leaky_relu_point);
}

fast_function fast_elu_scalar;
void fast_elu_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_elu_point);
}

fast_function fast_selu_scalar;
void fast_selu_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_selu_point);
}

fast_function fast_sigmoid_scalar;
void fast_sigmoid_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_sigmoid_point);
}

fast_function fast_silu_scalar;
void fast_silu_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_silu_point);
}

fast_function fast_softplus_scalar;
void fast_softplus_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_softplus_point);
}

fast_function fast_tanh_scalar;
void fast_tanh_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_tanh_point);
}

fast_function fast_hard_sigmoid_keras_scalar;
void fast_hard_sigmoid_keras_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_hard_sigmoid_keras_point);
}

fast_function fast_hard_sigmoid_torch_scalar;
void fast_hard_sigmoid_torch_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_hard_sigmoid_torch_point);
}

fast_function fast_hardswish_scalar;
void fast_hardswish_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_hardswish_point);
}

fast_function fast_gelu_scalar;
void fast_gelu_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_gelu_point);
}

fast_function fast_gelu_tanh_scalar;
void fast_gelu_tanh_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_gelu_tanh_point);
}

fast_function fast_mish_scalar;
void fast_mish_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_mish_point);
}

fast_function fast_prelu_scalar;
void fast_prelu_scalar(const struct fast_request *r)
{
    fast_prelu_body(r);
}

fast_function fast_softmax_scalar;
void fast_softmax_scalar(const struct fast_request *r)
{
    fast_rows_body(r, false);
}

fast_function fast_log_softmax_scalar;
void fast_log_softmax_scalar(const struct fast_request *r)
{
    fast_rows_body(r, true);
}

fast_function fast_maxout_scalar;
void fast_maxout_scalar(const struct fast_request *r)
{
    fast_maxout_body(r);
}
