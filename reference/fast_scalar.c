/*
 * The fast references and the f32 classification compiled for scalar
 * (reference/meson.build gives this file the ISA's flags of impls/isa.inc;
 * the harness calls it only where the CPU runs scalar).  Every entry point
 * is the ISA's instance of the mathematics in fast_<activation>.h.
 */
#include "fast_f64_scalar.h"

#include "fast_classify.h"
#include "fast_math.h"
#include "fast_tanh.h"

size_t fast_classify_f32_scalar(const struct fast_quantity *q, size_t n, struct fast_points *out);
size_t fast_classify_f32_scalar(const struct fast_quantity *q, size_t n, struct fast_points *out)
{
    return fast_classify_f32_body(q, n, out);
}

void fast_tanh_scalar(const struct fast_request *r);
void fast_tanh_scalar(const struct fast_request *r)
{
    fast_elementwise(r, fast_tanh_point);
}
