/* Looking up the generated operation counts; see kernel_ops.h. */
#include "kernel_ops.h"

#include <math.h>
#include <string.h>

const struct kernel_ops *kernel_ops_find(const char *name)
{
    for (size_t i = 0; i < kernel_ops_count; i++)
        if (strcmp(kernel_ops_table[i].name, name) == 0)
            return &kernel_ops_table[i];
    return NULL;
}

double kernel_loop_ops_per_element(const struct kernel_loop_ops *loop)
{
    if (loop->elements == 0 || loop->no_floor[0] != '\0')
        return NAN;
    return (double)loop->ops / loop->elements;
}
