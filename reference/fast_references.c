/*
 * The fast references of the catalog's activations: each ISA's entry
 * point (reference/fast_<isa>.c; weak, so an ISA the build left out reads
 * NULL), the error assumption and the method in one line.
 */
#include "fast_reference.h"


size_t fast_classify_f32_scalar(const struct fast_quantity *q, size_t n, struct fast_points *out)
    __attribute__((weak));
size_t fast_classify_f32_avx2(const struct fast_quantity *q, size_t n, struct fast_points *out)
    __attribute__((weak));
size_t fast_classify_f32_avx512f(const struct fast_quantity *q, size_t n, struct fast_points *out)
    __attribute__((weak));

fast_classify_function *const fast_classify_f32[FAST_ISA_COUNT] = {
    fast_classify_f32_scalar, fast_classify_f32_avx2, fast_classify_f32_avx512f};

/* Each activation's entry points, one per ISA (reference/fast_<isa>.c). */
fast_function fast_relu_scalar, fast_relu_avx2, fast_relu_avx512f;
fast_function fast_leaky_relu_scalar, fast_leaky_relu_avx2, fast_leaky_relu_avx512f;
fast_function fast_prelu_scalar, fast_prelu_avx2, fast_prelu_avx512f;
fast_function fast_elu_scalar, fast_elu_avx2, fast_elu_avx512f;
fast_function fast_selu_scalar, fast_selu_avx2, fast_selu_avx512f;
fast_function fast_sigmoid_scalar, fast_sigmoid_avx2, fast_sigmoid_avx512f;
fast_function fast_silu_scalar, fast_silu_avx2, fast_silu_avx512f;
fast_function fast_softplus_scalar, fast_softplus_avx2, fast_softplus_avx512f;
fast_function fast_tanh_scalar, fast_tanh_avx2, fast_tanh_avx512f;
fast_function fast_hard_sigmoid_keras_scalar, fast_hard_sigmoid_keras_avx2,
    fast_hard_sigmoid_keras_avx512f;
fast_function fast_hard_sigmoid_torch_scalar, fast_hard_sigmoid_torch_avx2,
    fast_hard_sigmoid_torch_avx512f;
fast_function fast_hardswish_scalar, fast_hardswish_avx2, fast_hardswish_avx512f;
fast_function fast_gelu_scalar, fast_gelu_avx2, fast_gelu_avx512f;
fast_function fast_gelu_tanh_scalar, fast_gelu_tanh_avx2, fast_gelu_tanh_avx512f;
fast_function fast_mish_scalar, fast_mish_avx2, fast_mish_avx512f;
fast_function fast_softmax_scalar, fast_softmax_avx2, fast_softmax_avx512f;
fast_function fast_log_softmax_scalar, fast_log_softmax_avx2, fast_log_softmax_avx512f;
fast_function fast_maxout_scalar, fast_maxout_avx2, fast_maxout_avx512f;
#pragma weak fast_relu_scalar
#pragma weak fast_relu_avx2
#pragma weak fast_relu_avx512f
#pragma weak fast_leaky_relu_scalar
#pragma weak fast_leaky_relu_avx2
#pragma weak fast_leaky_relu_avx512f
#pragma weak fast_prelu_scalar
#pragma weak fast_prelu_avx2
#pragma weak fast_prelu_avx512f
#pragma weak fast_elu_scalar
#pragma weak fast_elu_avx2
#pragma weak fast_elu_avx512f
#pragma weak fast_selu_scalar
#pragma weak fast_selu_avx2
#pragma weak fast_selu_avx512f
#pragma weak fast_sigmoid_scalar
#pragma weak fast_sigmoid_avx2
#pragma weak fast_sigmoid_avx512f
#pragma weak fast_silu_scalar
#pragma weak fast_silu_avx2
#pragma weak fast_silu_avx512f
#pragma weak fast_softplus_scalar
#pragma weak fast_softplus_avx2
#pragma weak fast_softplus_avx512f
#pragma weak fast_tanh_scalar
#pragma weak fast_tanh_avx2
#pragma weak fast_tanh_avx512f
#pragma weak fast_hard_sigmoid_keras_scalar
#pragma weak fast_hard_sigmoid_keras_avx2
#pragma weak fast_hard_sigmoid_keras_avx512f
#pragma weak fast_hard_sigmoid_torch_scalar
#pragma weak fast_hard_sigmoid_torch_avx2
#pragma weak fast_hard_sigmoid_torch_avx512f
#pragma weak fast_hardswish_scalar
#pragma weak fast_hardswish_avx2
#pragma weak fast_hardswish_avx512f
#pragma weak fast_gelu_scalar
#pragma weak fast_gelu_avx2
#pragma weak fast_gelu_avx512f
#pragma weak fast_gelu_tanh_scalar
#pragma weak fast_gelu_tanh_avx2
#pragma weak fast_gelu_tanh_avx512f
#pragma weak fast_mish_scalar
#pragma weak fast_mish_avx2
#pragma weak fast_mish_avx512f
#pragma weak fast_softmax_scalar
#pragma weak fast_softmax_avx2
#pragma weak fast_softmax_avx512f
#pragma weak fast_log_softmax_scalar
#pragma weak fast_log_softmax_avx2
#pragma weak fast_log_softmax_avx512f
#pragma weak fast_maxout_scalar
#pragma weak fast_maxout_avx2
#pragma weak fast_maxout_avx512f

/* exact in double or double-double: no assumption */
#define EXACT 0.0

const struct fast_reference fast_relu = {
    {fast_relu_scalar, fast_relu_avx2, fast_relu_avx512f}, EXACT,
    "max(0, x) and the step, exact in double", false};
const struct fast_reference fast_leaky_relu = {
    {fast_leaky_relu_scalar, fast_leaky_relu_avx2, fast_leaky_relu_avx512f}, EXACT,
    "x or a x (two floats: exact in double)", false};
const struct fast_reference fast_prelu = {
    {fast_prelu_scalar, fast_prelu_avx2, fast_prelu_avx512f}, EXACT,
    "x or a_c x and dy x, exact in double", false};
const struct fast_reference fast_elu = {
    {fast_elu_scalar, fast_elu_avx2, fast_elu_avx512f}, FAST_LIBM_EPSILON,
    "x + x^2 P(x) near 0, a expm1(x) to -1, -a + a exp(x) below; a exp(x) as a + a expm1(x)", false};
const struct fast_reference fast_selu = {
    {fast_selu_scalar, fast_selu_avx2, fast_selu_avx512f}, FAST_LIBM_EPSILON,
    "elu's forms scaled by lambda alpha, lambda x above 0 (constants within 2^-51)", false};
const struct fast_reference fast_sigmoid = {
    {fast_sigmoid_scalar, fast_sigmoid_avx2, fast_sigmoid_avx512f}, FAST_LIBM_EPSILON,
    "1/2 + tanh(x/2)/2 near 0, 1 - E/(1+E) or E/(1+E) with E = exp(-|x|); E/(1+E)^2", false};
const struct fast_reference fast_silu = {
    {fast_silu_scalar, fast_silu_avx2, fast_silu_avx512f}, FAST_LIBM_EPSILON,
    "x/2 + x tanh(x/2)/2 near 0, x - x E/(1+E) or x E/(1+E); 1 + (E/(1+E)^2)(x-1-E) or "
    "(E/(1+E)^2)(1+x+E)", false};
const struct fast_reference fast_softplus = {
    {fast_softplus_scalar, fast_softplus_avx2, fast_softplus_avx512f}, FAST_LIBM_EPSILON,
    "max(x, 0) + log1p(exp(-|x|)); sigmoid as above", false};
const struct fast_reference fast_tanh = {
    {fast_tanh_scalar, fast_tanh_avx2, fast_tanh_avx512f}, FAST_LIBM_EPSILON,
    "t + t^3 P(t^2) below 2^-4, -m/(2+m) with m = expm1(-2t) to 0.55, 1 - 2E/(1+E) "
    "with E = exp(-2t) above; sech^2 = 1 - tanh^2 or 4E/(1+E)^2", false};
const struct fast_reference fast_hard_sigmoid_keras = {
    {fast_hard_sigmoid_keras_scalar, fast_hard_sigmoid_keras_avx2, fast_hard_sigmoid_keras_avx512f},
    EXACT, "(x + 2.5)/5 in double-double (within 2^-100)", false};
const struct fast_reference fast_hard_sigmoid_torch = {
    {fast_hard_sigmoid_torch_scalar, fast_hard_sigmoid_torch_avx2, fast_hard_sigmoid_torch_avx512f},
    EXACT, "(x + 3)/6 in double-double (within 2^-100)", false};
const struct fast_reference fast_hardswish = {
    {fast_hardswish_scalar, fast_hardswish_avx2, fast_hardswish_avx512f}, EXACT,
    "x (x + 3)/6 and (2x + 3)/6 in double-double (within 2^-100)", false};
const struct fast_reference fast_gelu = {
    {fast_gelu_scalar, fast_gelu_avx2, fast_gelu_avx512f}, FAST_LIBM_EPSILON,
    "x/2 + x erf(z)/2 near 0, x - x erfc(z)/2 or x erfc(|z|)/2, z = x/sqrt 2; "
    "Phi + x exp(-x^2/2)/sqrt(2 pi) likewise", false};
const struct fast_reference fast_gelu_tanh = {
    {fast_gelu_tanh_scalar, fast_gelu_tanh_avx2, fast_gelu_tanh_avx512f}, FAST_LIBM_EPSILON,
    "x/2 + x tanh(u)/2 near 0, x - x E/(1+E) or x E/(1+E) with E = exp(-2|u|)", false};
const struct fast_reference fast_mish = {
    {fast_mish_scalar, fast_mish_avx2, fast_mish_avx512f}, FAST_LIBM_EPSILON,
    "x N/(N+2), N = E(E+2), E = exp(x) below 0; x - x 2G^2/D, G = exp(-x) above", false};
const struct fast_reference fast_softmax = {
    {fast_softmax_scalar, fast_softmax_avx2, fast_softmax_avx512f}, FAST_LIBM_EPSILON,
    "1/k + (m_i - sigma/k)/(k + sigma) with m = expm1(x - max) for near-uniform rows, "
    "exp(x_i - max)/S otherwise", true};
const struct fast_reference fast_log_softmax = {
    {fast_log_softmax_scalar, fast_log_softmax_avx2, fast_log_softmax_avx512f}, FAST_LIBM_EPSILON,
    "(x_i - max) - log k - log1p(sigma/k) for near-uniform rows, (x_i - max) - log1p(T) otherwise",
    true};
const struct fast_reference fast_maxout = {
    {fast_maxout_scalar, fast_maxout_avx2, fast_maxout_avx512f}, EXACT,
    "the group's maximum and the selector, exact", false};
