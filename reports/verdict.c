/* The verdict of each activation; see verdict.h. */
#include "verdict.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "csv_read.h"

const char *const verdict_format_names[VERDICT_FORMATS] = {"f32", "bf16", "f16"};

int verdict_format_index(const char *format)
{
    for (int f = 0; f < VERDICT_FORMATS; f++)
        if (same_text(format, verdict_format_names[f]))
            return f;
    return -1;
}

bool method_is_peer(const char *method)
{
    return same_text(method, "libm") || same_text(method, "libmvec") ||
           same_text(method, "sleef");
}

bool row_range10_ulp(const struct report *r, size_t row, double *ulp)
{
    return acc_number(r, row, ACCURACY_value_max_ulp_range10, ulp) ||
           acc_number(r, row, ACCURACY_value_max_ulp, ulp);
}

bool row_share_over_1(const struct report *r, size_t row, double *share)
{
    double over, points;
    if (!acc_number(r, row, ACCURACY_value_over_1, &over) ||
        !acc_number(r, row, ACCURACY_points, &points) || !(points > 0))
        return false;
    *share = over / points;
    return true;
}

/* The ranking keys of an implementation's row in a format; missing
 * figures rank last. */
struct rank_key {
    double range10, share, all, cycles;
};

static struct rank_key rank_key_of(const struct report *r, const struct implementation_verdict *im,
                                   int f)
{
    struct rank_key k = {INFINITY, INFINITY, INFINITY, INFINITY};
    size_t row = (size_t)im->row[f];
    if (!row_range10_ulp(r, row, &k.range10))
        k.range10 = INFINITY;
    if (!row_share_over_1(r, row, &k.share))
        k.share = INFINITY;
    if (!acc_number(r, row, ACCURACY_value_max_ulp, &k.all))
        k.all = INFINITY;
    if (im->has_speed)
        k.cycles = im->cycles;
    return k;
}

static bool ranks_before(const struct rank_key *a, const struct rank_key *b)
{
    if (a->range10 != b->range10)
        return a->range10 < b->range10;
    if (a->share != b->share)
        return a->share < b->share;
    if (a->all != b->all)
        return a->all < b->all;
    return a->cycles < b->cycles;
}

/* Adds the row's failures and bound excesses to the implementation's flags:
 * accuracy.csv's bound_status says whether a bound exceeded is a contract
 * (over bound) or documented (a finding). */
static void note_row_flags(const struct report *r, size_t row, struct implementation_verdict *im)
{
    const char *bound_status = acc_text(r, row, ACCURACY_bound_status);
    if (same_text(bound_status, "finding"))
        im->flags |= FLAG_FINDING;
    else if (same_text(bound_status, "exceeded"))
        im->flags |= FLAG_OVER_BOUND;
    double count;
    if (acc_number(r, row, ACCURACY_value_special_failures, &count) && count > 0) {
        im->flags |= FLAG_SPECIAL_FAILURES;
        im->special_failures += count;
    }
    if (acc_number(r, row, ACCURACY_gradient_special_failures, &count) && count > 0) {
        im->flags |= FLAG_SPECIAL_FAILURES;
        im->special_failures += count;
    }
    if (acc_number(r, row, ACCURACY_property_failures, &count) && count > 0) {
        im->flags |= FLAG_PROPERTY_FAILURES;
        im->property_failures += count;
    }
}

/* One entry per implementation of the group, rows by format. */
static int collect_implementations(const struct report *r, const struct activation_group *group,
                                   struct group_verdict *v)
{
    v->impls = calloc(group->row_count ? group->row_count : 1, sizeof *v->impls);
    if (v->impls == NULL)
        return -1;
    for (size_t i = 0; i < group->row_count; i++) {
        size_t row = group->rows[i];
        int f = verdict_format_index(acc_text(r, row, ACCURACY_format));
        if (f < 0)
            continue;
        const char *name = acc_text(r, row, ACCURACY_implementation);
        size_t k = 0;
        while (k < v->count && !same_text(v->impls[k].name, name))
            k++;
        struct implementation_verdict *im = &v->impls[k];
        if (k == v->count) {
            v->count++;
            *im = (struct implementation_verdict){
                .name = name,
                .method = acc_text(r, row, ACCURACY_method),
                .isa = acc_text(r, row, ACCURACY_isa),
                .row = {-1, -1, -1},
            };
            im->peer = method_is_peer(im->method);
        }
        im->row[f] = (long)row;
        im->ok[f] = row_is_ok(r, row);
        if (!im->ok[f])
            continue;
        v->measured[f] = true;
        note_row_flags(r, row, im);
        double cycles, ratio;
        if (!im->has_speed && row_speed(r, row, &cycles, &ratio)) {
            im->has_speed = true;
            im->cycles = cycles;
            im->ratio_to_copy = ratio;
        }
    }
    return 0;
}

/* The fastest peer at the implementation's ISA, else at any ISA. */
static void peer_ratios(struct group_verdict *v)
{
    for (size_t i = 0; i < v->count; i++) {
        struct implementation_verdict *im = &v->impls[i];
        if (!im->has_speed)
            continue;
        double same = INFINITY, any = INFINITY;
        for (size_t k = 0; k < v->count; k++) {
            const struct implementation_verdict *p = &v->impls[k];
            if (!p->peer || !p->has_speed || !(p->cycles > 0))
                continue;
            any = fmin(any, p->cycles);
            if (same_text(p->isa, im->isa))
                same = fmin(same, p->cycles);
        }
        if (isfinite(same) || isfinite(any)) {
            im->has_peer_ratio = true;
            im->peer_same_isa = isfinite(same);
            im->peer_ratio = im->cycles / (isfinite(same) ? same : any);
        }
    }
}

/* Ranking, most accurate, fastest and Pareto front of format f. */
static int rank_format(const struct report *r, struct group_verdict *v, int f)
{
    size_t *ranked = malloc((v->count ? v->count : 1) * sizeof *ranked);
    struct rank_key *keys = malloc((v->count ? v->count : 1) * sizeof *keys);
    if (ranked == NULL || keys == NULL) {
        free(ranked);
        free(keys);
        return -1;
    }
    size_t n = 0;
    for (size_t i = 0; i < v->count; i++) {
        if (!v->impls[i].ok[f])
            continue;
        struct rank_key key = rank_key_of(r, &v->impls[i], f);
        size_t at = n++;
        while (at > 0 && ranks_before(&key, &keys[at - 1])) { /* stable insertion */
            ranked[at] = ranked[at - 1];
            keys[at] = keys[at - 1];
            at--;
        }
        ranked[at] = i;
        keys[at] = key;
    }
    v->ranked[f] = ranked;
    v->ranked_count[f] = n;
    v->most_accurate[f] = n > 0 ? (long)ranked[0] : -1;
    /* Fastest, and the Pareto front: walking from the fastest, a point is
     * on the front when it is more accurate than every faster one. */
    v->fastest[f] = -1;
    for (size_t a = 0; a < n; a++) {
        const struct implementation_verdict *im = &v->impls[ranked[a]];
        if (!im->has_speed)
            continue;
        if (v->fastest[f] < 0 || im->cycles < v->impls[v->fastest[f]].cycles)
            v->fastest[f] = (long)ranked[a];
        bool dominated = false;
        for (size_t b = 0; b < n && !dominated; b++) {
            const struct implementation_verdict *other = &v->impls[ranked[b]];
            if (b == a || !other->has_speed)
                continue;
            bool no_slower = other->cycles <= im->cycles, no_worse = b < a;
            /* b < a: ranked before, so at least as accurate */
            dominated = no_slower && no_worse &&
                        (other->cycles < im->cycles || ranks_before(&keys[b], &keys[a]));
        }
        v->impls[ranked[a]].frontier[f] = !dominated;
    }
    free(keys);
    return 0;
}

int group_verdict_build(const struct report *r, const struct activation_group *group,
                        struct group_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->group = group;
    if (collect_implementations(r, group, v) != 0)
        return -1;
    peer_ratios(v);
    v->primary = -1;
    for (int f = 0; f < VERDICT_FORMATS; f++) {
        if (rank_format(r, v, f) != 0) {
            group_verdict_free(v);
            return -1;
        }
        if (v->primary < 0 && v->measured[f])
            v->primary = f;
    }
    if (v->primary < 0)
        v->primary = 0;
    return 0;
}

void group_verdict_free(struct group_verdict *v)
{
    free(v->impls);
    for (int f = 0; f < VERDICT_FORMATS; f++)
        free(v->ranked[f]);
    memset(v, 0, sizeof *v);
}

bool gelu_tanh_sentence(const struct report *r, size_t row, char *buffer, size_t size)
{
    double differs, points, max_ulp, worst;
    if (!acc_number(r, row, ACCURACY_approximation_differs, &differs) ||
        !acc_number(r, row, ACCURACY_points, &points) ||
        !acc_number(r, row, ACCURACY_approximation_max_ulp, &max_ulp))
        return false;
    const char *worst_text = acc_text(r, row, ACCURACY_approximation_worst_input);
    char at[64] = "";
    if (csv_parse_number(worst_text, &worst) > 0)
        snprintf(at, sizeof at, " at x = %.3g", worst);
    snprintf(buffer, size, "%s differs from exact gelu on %.0f of %.0f %s inputs (max %.4g ulp%s)",
             acc_text(r, row, ACCURACY_activation), differs, points,
             acc_text(r, row, ACCURACY_format), max_ulp, at);
    return true;
}

