/* Rows against their declared bounds; see bounds.h. */
#include "bounds.h"

#include <math.h>

static bool over(double figure, double bound)
{
    return !isnan(bound) && figure > bound;
}

struct bound_check bound_check_row(const struct accuracy_row *row)
{
    struct bound_check check = {BOUND_NOT_MEASURED, false, false};
    if (row->skipped)
        return check;
    const struct implementation *im = row->impl;
    check.value_over = over(row->value.max_ulp, im->value_bound[row->format]);
    check.gradient_over =
        impl_has_gradient(im) && over(row->gradient.max_ulp, im->gradient_bound[row->format]);
    if (!check.value_over && !check.gradient_over)
        check.status = BOUND_WITHIN;
    else
        check.status = impl_bound_is_contract(im) ? BOUND_EXCEEDED : BOUND_FINDING;
    return check;
}

const char *bound_status_name(enum bound_status status)
{
    switch (status) {
    case BOUND_WITHIN: return "within";
    case BOUND_EXCEEDED: return "exceeded";
    case BOUND_FINDING: return "finding";
    default: return "";
    }
}

const char *bound_source_text(const struct implementation *im)
{
    return impl_bound_is_contract(im) ? "contract" : im->bound_source;
}
