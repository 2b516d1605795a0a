/* The summary of a run on stdout; see summary_text.h. */
#include "summary_text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "csv_read.h"
#include "verdict.h"

/* ANSI styles, or nothing without colour. */
struct style {
    const char *bold, *dim, *good, *fast, *bad, *warn, *off;
};

static struct style style_for(bool color)
{
    if (!color)
        return (struct style){"", "", "", "", "", "", ""};
    return (struct style){"\033[1m", "\033[2m", "\033[32m", "\033[36m",
                          "\033[31m", "\033[33m", "\033[0m"};
}

const char *compact_number(double value, char buffer[32])
{
    if (isnan(value))
        return "-";
    if (isinf(value))
        return value > 0 ? "inf" : "-inf";
    if (value == 0)
        return "0";
    double magnitude = fabs(value);
    if (magnitude >= 1e5 || magnitude < 1e-3) {
        int exponent = (int)floor(log10(magnitude));
        double mantissa = value / pow(10, exponent);
        if (fabs(mantissa) >= 9.95) { /* 9.96e4 rounds to 10.0 */
            mantissa /= 10;
            exponent++;
        }
        snprintf(buffer, 32, "%.1fe%d", mantissa, exponent);
        return buffer;
    }
    snprintf(buffer, 32, magnitude >= 1000 ? "%.0f" : "%.3g", value);
    return buffer;
}

/* A figure of row's column, or "-". */
static const char *row_figure(const struct report *r, long row, enum accuracy_column col,
                              char buffer[32])
{
    double value;
    if (row < 0 || !acc_number(r, (size_t)row, col, &value))
        return "-";
    return compact_number(value, buffer);
}

static void put_flags(FILE *out, const struct implementation_verdict *im, const struct style *s)
{
    if (im->flags & FLAG_OVER_BOUND)
        fprintf(out, " %sOVER BOUND%s", s->bad, s->off);
    if (im->flags & FLAG_SPECIAL_FAILURES)
        fprintf(out, " %s%.0f special-value failures%s", s->bad, im->special_failures, s->off);
    if (im->flags & FLAG_PROPERTY_FAILURES)
        fprintf(out, " %s%.0f property failures%s", s->bad, im->property_failures, s->off);
    if (im->flags & FLAG_FINDING)
        fprintf(out, " %sfinding: above its documented bound%s", s->warn, s->off);
}

/* Column widths of an activation's lines. */
static int name_width(const struct group_verdict *v)
{
    int width = 14;
    for (size_t i = 0; i < v->count; i++)
        if ((int)strlen(v->impls[i].name) > width)
            width = (int)strlen(v->impls[i].name);
    return width;
}

static void put_line(FILE *out, const struct report *r, const struct group_verdict *v, size_t k,
                     size_t rank, int width, const struct style *s)
{
    const struct implementation_verdict *im = &v->impls[k];
    int f = v->primary;
    long row = im->row[f];
    bool accurate = v->most_accurate[f] == (long)k, fastest = v->fastest[f] == (long)k;
    char a[32], b[32], c[32], d[32], e[32], g[32], h[32];
    double share = NAN;
    if (row >= 0 && row_share_over_1(r, (size_t)row, &share))
        share *= 100;
    char share_text[32] = "-";
    if (!isnan(share))
        snprintf(share_text, sizeof share_text, "%s%%", compact_number(share, a));
    const char *colour = accurate ? s->good : fastest ? s->fast : "";
    fprintf(out, "  %c%c%c %3zu %s%-*s%s", accurate ? 'A' : ' ', fastest ? 'F' : ' ',
            im->frontier[f] ? 'P' : ' ', rank, colour, width, im->name, colour[0] ? s->off : "");
    fprintf(out, " %8s %7s %8s %8s", row_figure(r, row, ACCURACY_value_max_ulp_range10, b),
            share_text, row_figure(r, row, ACCURACY_value_max_ulp, c),
            row >= 0 && !row_has_gradient(r, (size_t)row)
                ? "-"
                : row_figure(r, row, ACCURACY_gradient_max_ulp, d));
    fprintf(out, " %6s %6s", row_figure(r, im->row[1], ACCURACY_value_over_half, e),
            row_figure(r, im->row[2], ACCURACY_value_over_half, g));
    if (im->has_speed)
        fprintf(out, " %7s", compact_number(im->cycles, h));
    else
        fprintf(out, " %7s", "-");
    if (im->has_peer_ratio)
        fprintf(out, " %5.2f%s", im->peer_ratio, im->peer_same_isa ? "" : "*");
    else
        fprintf(out, " %5s", "-");
    put_flags(out, im, s);
    fputc('\n', out);
}

static void put_group(FILE *out, const struct report *r, const struct group_verdict *v,
                      const struct summary_options *options, const struct style *s)
{
    int f = v->primary;
    int width = name_width(v);
    fprintf(out, "\n%s%s%s  (%s ranked by max ulp over [-10,10], then share over 1 ulp)\n",
            s->bold, v->group->name, s->off, verdict_format_names[f]);
    fprintf(out, "%s       %-*s %8s %7s %8s %8s %6s %6s %7s %5s%s\n", s->dim, width,
            "implementation", "[-10,10]", ">1ulp", "all x", "grad", "bf16!=", "f16!=", "cyc/el",
            "xpeer", s->off);
    size_t shown = 0;
    for (size_t i = 0; i < v->ranked_count[f]; i++) {
        if (options->top && shown >= options->top)
            break;
        put_line(out, r, v, v->ranked[f][i], i + 1, width, s);
        shown++;
    }
    /* implementations not measured in the primary format (native 16-bit
     * kernels when f32 leads, skipped ones) */
    size_t unranked = 0, skipped = 0;
    for (size_t k = 0; k < v->count; k++) {
        bool any_ok = false;
        for (int g = 0; g < VERDICT_FORMATS; g++)
            any_ok |= v->impls[k].ok[g];
        if (!any_ok) {
            skipped++;
            continue;
        }
        if (v->impls[k].ok[f])
            continue;
        if (options->top && shown >= options->top) {
            unranked++;
            continue;
        }
        put_line(out, r, v, k, 0, width, s);
        shown++;
    }
    size_t hidden = v->ranked_count[f] > shown ? v->ranked_count[f] - shown : 0;
    if (hidden + unranked > 0)
        fprintf(out, "%s  ... and %zu more (--top)%s\n", s->dim, hidden + unranked, s->off);
    if (skipped > 0)
        fprintf(out,
                "%s  %zu skipped: this CPU lacks their ISA, or their library is missing or "
                "cannot run them here (accuracy.csv's status)%s\n",
                s->dim, skipped, s->off);
    for (int g = 0; g < VERDICT_FORMATS; g++) {
        long best = v->most_accurate[g];
        char sentence[256];
        if (best >= 0 && v->impls[best].row[g] >= 0 &&
            gelu_tanh_sentence(r, (size_t)v->impls[best].row[g], sentence, sizeof sentence))
            fprintf(out, "  %s\n", sentence);
    }
}

/* Speed-only runs: the L1 throughput of every implementation timed. */
static void put_speed_only(FILE *out, const struct report *r, const struct style *s)
{
    fprintf(out, "\n%sspeed%s (L1, throughput, median cycles per element)\n", s->bold, s->off);
    for (size_t row = 0; row < r->speed.row_count; row++) {
        double cycles, ratio;
        if (!same_text(speed_text(r, row, SPEED_mode), "throughput") ||
            !same_text(speed_text(r, row, SPEED_size_label), "L1") ||
            !speed_number(r, row, SPEED_cpe_median, &cycles))
            continue;
        char a[32], b[32] = "-";
        if (speed_number(r, row, SPEED_ratio_to_copy, &ratio))
            compact_number(ratio, b);
        fprintf(out, "  %-40s core %-3s %8s cycles/element  x%s copy\n",
                speed_text(r, row, SPEED_implementation), speed_text(r, row, SPEED_core),
                compact_number(cycles, a), b);
    }
}

int print_run_summary(FILE *out, const struct report *r, const struct summary_options *options)
{
    struct style s = style_for(options->color);
    if (r->group_count == 0) {
        if (r->has_speed)
            put_speed_only(out, r, &s);
        return 0;
    }
    size_t implementations = 0, flagged = 0;
    for (size_t g = 0; g < r->group_count; g++) {
        struct group_verdict v;
        if (group_verdict_build(r, &r->groups[g], &v) != 0)
            return -1;
        put_group(out, r, &v, options, &s);
        implementations += v.count;
        for (size_t k = 0; k < v.count; k++)
            flagged += v.impls[k].flags != 0;
        group_verdict_free(&v);
    }
    fprintf(out, "\n%sA%s most accurate  %sF%s fastest  P Pareto front (no other is both faster "
                 "and more accurate)\n"
                 "[-10,10]: max |error| of the value over [-10,10], ulp; >1ulp: share of inputs "
                 "over 1 ulp; all x: max over all inputs;\n"
                 "grad: max |error| of the gradient (- forward only); bf16!=, f16!=: inputs of "
                 "65536 not correctly rounded; cyc/el: cycles per element\n"
                 "(L1, throughput); xpeer: ratio to the fastest peer (libm, libmvec, SLEEF) at the "
                 "same ISA (* none there: any ISA).\n",
            s.good, s.off, s.fast, s.off);
    fprintf(out, "%zu activation%s, %zu implementation%s, %s%zu flagged%s.\n", r->group_count,
            r->group_count == 1 ? "" : "s", implementations, implementations == 1 ? "" : "s",
            flagged ? s.bad : s.good, flagged, s.off);
    return 0;
}
