/*
 * Every registered implementation of one activation (argv[1]) is held to
 * its declared error bounds, value and gradient, in f32, bf16 and f16,
 * against the MPFR reference on a fixed sample (seed 1: the special values,
 * 2^14 binade-stratified and uniform [-10, 10] f32 inputs, every bf16 and
 * f16 input).  Special values must match bit for bit and the structural
 * properties (tails, in-place, lane cross-talk, NaN propagation, range, no
 * overflow to NaN) must hold, and so must monotonicity for our own kernels
 * (accurate and fast tier), except for implementations flagged IMPL_NAIVE,
 * which exist to show those failures, and the framework peers (eigen,
 * highway), whose misses are findings about their library.  An own kernel's bounds are a
 * contract: exceeding one fails the test.  A composition over a library
 * (the libm method, libmvec, SLEEF) has bounds derived from what the
 * library documents: exceeding one is printed as a FINDING, with its worst
 * input, and does not fail actbench's own test; its registry line must cite
 * the source and end with the bounds it derives ("...; value V; gradient
 * G"), the ones its descriptor declares.  Implementations whose ISA this
 * CPU lacks are reported as skipped; the test exits 77 when none of the
 * activation's implementations runs here.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/accuracy.h"
#include "../harness/bounds.h"
#include "../harness/implementations.h"
#include "../impls/isa.h"

static int failures, findings;

static void check(int ok, const struct accuracy_row *r, const char *what, double got, double limit)
{
    if (ok)
        return;
    failures++;
    printf("FAIL %s %s: %s = %.6g, allowed %.6g\n", r->impl->name, format_catalog[r->format].name,
           what, got, limit);
}

/* A bound exceeded: a failure for a contract, a finding otherwise. */
static void report_bound(const struct accuracy_row *r, const char *what,
                         const struct error_stats *e, double bound)
{
    if (impl_bound_is_contract(r->impl)) {
        check(0, r, what, e->max_ulp, bound);
        return;
    }
    findings++;
    printf("FINDING %s %s: %s = %.6g at x = %a (%.9g): got %a, want %a; beyond the documented "
           "%.6g (%s)\n",
           r->impl->name, format_catalog[r->format].name, what, e->max_ulp,
           (double)e->worst_input, (double)e->worst_input, (double)e->worst_got,
           (double)e->worst_want, bound, r->impl->bound_source);
}

/* A documented bound cites its source and ends with the bounds it derives,
 * "...; value V; gradient G" (forward-only: "...; value V"), which must be
 * the descriptor's f32 bounds; no bound is an unmeasured guess. */
static void check_citation(const struct implementation *im)
{
    if (impl_bound_is_contract(im) || im->type != FMT_F32)
        return;
    const char *source = im->bound_source;
    const char *value = strstr(source, "; value ");
    const char *gradient = strstr(source, "; gradient ");
    double v = value ? strtod(value + 8, NULL) : NAN;
    double g = gradient ? strtod(gradient + 11, NULL) : NAN;
    bool ok = value && v == im->kernel->bounds[FMT_F32].value_ulp &&
              (impl_has_gradient(im) ? gradient && g == im->kernel->bounds[FMT_F32].gradient_ulp
                                     : gradient == NULL) &&
              !strstr(source, "estimate") && !strstr(source, "guess");
    if (!ok) {
        failures++;
        printf("FAIL %s: its registry line's source \"%s\" does not end with the descriptor's "
               "bounds \"; value %g; gradient %g\"\n",
               im->name, source, im->kernel->bounds[FMT_F32].value_ulp,
               im->kernel->bounds[FMT_F32].gradient_ulp);
    }
}

static void check_row(const struct accuracy_row *r)
{
    const struct implementation *im = r->impl;
    double vb = im->value_bound[r->format];
    double gb = impl_has_gradient(im) ? im->gradient_bound[r->format] : INFINITY;
    printf("%-34s %-4s value %-10.4g (bound %-10.4g worst x=%a) gradient %-10.4g (bound %-10.4g "
           "worst x=%a)\n",
           im->name, format_catalog[r->format].name, r->value.max_ulp, vb,
           (double)r->value.worst_input, r->gradient.max_ulp, gb, (double)r->gradient.worst_input);
    struct bound_check bounds = bound_check_row(r);
    if (bounds.value_over)
        report_bound(r, "value max ulp", &r->value, vb);
    if (bounds.gradient_over)
        report_bound(r, "gradient max ulp", &r->gradient, gb);
    if (r->has_param_gradient)
        check(r->param_gradient.max_ulp <= 0.5, r, "parameter gradient max ulp",
              r->param_gradient.max_ulp, 0.5);
    check(r->reference_unresolved == 0, r, "unresolved reference points",
          (double)r->reference_unresolved, 0);
    if (im->flags & IMPL_NAIVE)
        return;
    static const enum failure_category strict[] = {
        FAILURE_VALUE_SPECIAL,   FAILURE_GRADIENT_SPECIAL, FAILURE_RANGE,
        FAILURE_NAN_PROPAGATION, FAILURE_OVERFLOW_NAN,     FAILURE_LANE_CROSSTALK,
        FAILURE_TAIL,            FAILURE_INPLACE,
    };
    /* The frameworks' functions are theirs to get right: a special value
     * or property they miss (Highway's Exp of a NaN, beyond its documented
     * range) is a finding about the library, as a bound exceeded is. */
    bool framework = im->method == METHOD_EIGEN || im->method == METHOD_HIGHWAY ||
                     im->method == METHOD_ONEDNN || im->method == METHOD_XNNPACK;
    for (size_t k = 0; k <= sizeof strict / sizeof strict[0]; k++) {
        /* monotonicity: a goal of both tiers of our own kernels, so a
         * strict property for them; a peer's violations (SLEEF tanhf u35
         * near x = -1) are shown in the report, not failed here */
        bool own = impl_bound_is_contract(im) && im->tier != TIER_NONE;
        if (k == sizeof strict / sizeof strict[0] && !own)
            continue;
        enum failure_category c = k < sizeof strict / sizeof strict[0] ? strict[k] : FAILURE_MONOTONICITY;
        if (r->failure_total[c] == 0)
            continue;
        if (framework) {
            findings++;
            printf("FINDING %s %s: %s = %u (the library's own behaviour)\n", im->name,
                   format_catalog[r->format].name, failure_category_name(c),
                   (unsigned)r->failure_total[c]);
        } else {
            check(0, r, failure_category_name(c), (double)r->failure_total[c], 0);
        }
        for (uint32_t e = 0; e < r->example_count[c]; e++)
            printf("     input %a got %a want %a\n", (double)r->examples[c][e].input,
                   (double)r->examples[c][e].got, (double)r->examples[c][e].want);
    }
}

int main(int argc, char **argv)
{
    if (argc != 2 || activation_by_name(argv[1]) == ACT_COUNT) {
        fprintf(stderr, "usage: test_bounds ACTIVATION\n");
        return 2;
    }
    enum activation_id act = activation_by_name(argv[1]);
    struct implementation_set set;
    char error[1024];
    if (implementations_load(&set, NULL, 0, error, sizeof error) != 0) {
        printf("FAIL registry: %s\n", error);
        return 1;
    }
    const struct implementation **impls = calloc(set.count + 1, sizeof *impls);
    if (!impls)
        return 2;
    size_t count = 0, runnable = 0;
    for (size_t i = 0; i < set.count; i++)
        if (set.items[i].activation == act) {
            check_citation(&set.items[i]);
            impls[count++] = &set.items[i];
            runnable += impl_runs_here(&set.items[i]);
        }
    struct accuracy_options opt = {
        .seed = 1,
        .binade_points = 1 << 13,
        .range_points = 1 << 13,
        .formats = {true, true, true},
        .threads = 1, /* meson runs tests side by side */
    };
    struct accuracy_row *rows;
    size_t row_count;
    if (accuracy_run(&opt, impls, count, &rows, &row_count, error, sizeof error) != 0) {
        printf("FAIL accuracy_run: %s\n", error);
        return 1;
    }
    for (size_t i = 0; i < row_count; i++) {
        if (rows[i].skipped)
            printf("%-34s %-4s skipped: ISA %s not supported by this CPU\n", rows[i].impl->name,
                   format_catalog[rows[i].format].name, isa_table[rows[i].impl->isa].name);
        else
            check_row(&rows[i]);
    }
    accuracy_rows_free(rows, row_count);
    free(impls);
    implementations_free(&set);
    printf("%s: %zu implementations, %zu runnable, %d failures, %d findings (documented bounds "
           "exceeded)\n",
           argv[1], count, runnable, failures, findings);
    return failures ? 1 : runnable ? 0 : 77;
}
