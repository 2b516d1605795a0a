/*
 * An independent check of the harness on tanh: the same f32 inputs as
 * `actbench --activation tanh --format f32` (seed 1, 2^20 random points
 * and the special values), but the error of every tanh implementation
 * computed against plain double-precision tanh() instead of MPFR, with its
 * own ulp arithmetic.  Double tanh is within 1 double ulp of the truth, so
 * the two error figures may differ by at most 2^-28 f32 ulps; the test
 * asserts agreement within 1e-6 ulp for the max error and the same worst
 * input (or, on a tie, an input whose error is as large).
 *
 * It prints, for each implementation this CPU can run, the max value error
 * and the worst input as both methods find them: the figures quoted for
 * glibc's tanhf, libmvec's tanhf and SLEEF's tanhf u35.
 * Usage: tanh_double_sweep [POINTS]   (default 1048576, as actbench)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/accuracy.h"
#include "../harness/inputs.h"
#include "../harness/implementations.h"
#include "../impls/isa.h"

/* f32 ulp at the binade of t, in double: 2^(e-23), at least 2^-149 */
static double f32_ulp(double t)
{
    int e;
    frexp(t, &e);
    return ldexp(1.0, (e - 1 < -126 ? -126 : e - 1) - 23);
}

struct sweep {
    double max_ulp;
    float worst_input, worst_got;
};

static struct sweep double_sweep(const struct implementation *im, const float *x, size_t n,
                                 float *y)
{
    enum activation_id tanh_id = activation_by_name("tanh");
    struct actbench_params p;
    act_params_default(tanh_id, &p);
    impl_forward(im, x, y, n, &p);
    struct sweep s = {0};
    for (size_t i = 0; i < n; i++) {
        double t = tanh((double)x[i]);
        if (isnan(t) || isnan(y[i]) || isinf(y[i]))
            continue; /* special values: bit-for-bit checks, not ulps */
        double err = fabs((double)y[i] - t) / f32_ulp(t);
        if (err > s.max_ulp) {
            s.max_ulp = err;
            s.worst_input = x[i];
            s.worst_got = y[i];
        }
    }
    return s;
}

int main(int argc, char **argv)
{
    enum activation_id tanh_id = activation_by_name("tanh");
    uint64_t points = argc > 1 ? strtoull(argv[1], NULL, 10) : UINT64_C(1) << 20;
    struct actbench_params p;
    act_params_default(tanh_id, &p);
    struct input_plan plan;
    input_plan_make(&plan, tanh_id, &p, FMT_F32, 1, points / 2, points - points / 2, false);
    float *x = malloc(plan.total * sizeof *x), *y = malloc(plan.total * sizeof *y);
    if (!x || !y)
        return 2;
    input_generate(&plan, 0, plan.total, x, NULL);

    struct implementation_set set;
    char error[1024];
    if (implementations_load(&set, NULL, 0, error, sizeof error) != 0) {
        printf("FAIL registry: %s\n", error);
        return 1;
    }
    const struct implementation *impls[64];
    size_t count = 0;
    for (size_t i = 0; i < set.count && count < 64; i++)
        if (set.items[i].activation == tanh_id && set.items[i].type == FMT_F32 &&
            impl_runs_here(&set.items[i]))
            impls[count++] = &set.items[i];

    struct accuracy_options opt = {.seed = 1, .binade_points = points / 2,
                                   .range_points = points - points / 2,
                                   .formats = {[FMT_F32] = true}};
    struct accuracy_row *rows;
    size_t row_count;
    if (accuracy_run(&opt, impls, count, &rows, &row_count, error, sizeof error) != 0) {
        printf("FAIL: %s\n", error);
        return 1;
    }
    int failures = 0;
    printf("%llu f32 inputs (seed 1)\n", (unsigned long long)plan.total);
    printf("%-32s %-28s %-28s %s\n", "implementation", "MPFR harness: max ulp at x",
           "double sweep: max ulp at x", "agree");
    for (size_t k = 0; k < count; k++) {
        const struct accuracy_row *r = &rows[k];
        struct sweep s = double_sweep(impls[k], x, (size_t)plan.total, y);
        /* the double figure at the harness's worst input, for ties */
        float at = r->value.worst_input, got_at;
        impl_forward(impls[k], &at, &got_at, 1, &p);
        double t = tanh((double)at);
        double err_at = fabs((double)got_at - t) / f32_ulp(t);
        int agree = fabs(s.max_ulp - r->value.max_ulp) <= 1e-6 &&
                    (s.worst_input == r->value.worst_input || fabs(err_at - s.max_ulp) <= 1e-6);
        failures += !agree;
        printf("%-32s %-10.7f %-17a %-10.7f %-17a %s\n", impls[k]->name, r->value.max_ulp,
               (double)r->value.worst_input, s.max_ulp, (double)s.worst_input,
               agree ? "yes" : "NO");
    }
    for (size_t i = 0; i < set.count; i++)
        if (set.items[i].activation == tanh_id && !impl_runs_here(&set.items[i]))
            printf("%-32s skipped: this CPU lacks %s\n", set.items[i].name,
                   isa_missing_feature(set.items[i].isa));
    accuracy_rows_free(rows, row_count);
    free(x);
    free(y);
    implementations_free(&set);
    printf("tanh_double_sweep: %d disagreements\n", failures);
    return failures ? 1 : 0;
}
