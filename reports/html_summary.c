/*
 * The verdict, the report's first screen: per activation and format, the
 * most accurate implementation (least max ulp on [-10, 10], then least
 * share over 1 ulp: implementations that all flush the far tail are told
 * apart), the fastest with its ratio to the fastest peer, the Pareto front,
 * and what is flagged.  One tab per format measured (f32, bf16, f16), each
 * a table whose rows link to the activation's section.
 */
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"
#include "verdict.h"

/* The implementation name without "<activation>_", and without its type
 * when that is the tab's format ("sleef_u10_avx2" in the f32 tab). */
static const char *short_name(const char *name, const char *activation, int f)
{
    size_t length = strlen(activation);
    if (strncmp(name, activation, length) == 0 && name[length] == '_' && name[length + 1])
        name += length + 1;
    size_t type = strlen(verdict_format_names[f]);
    if (strncmp(name, verdict_format_names[f], type) == 0 && name[type] == '_' && name[type + 1])
        name += type + 1;
    return name;
}

static void put_short_name(FILE *out, const struct group_verdict *v, long k, int f,
                           const char *class_name)
{
    putf(out, "<span class=\"%s\" title=\"", class_name);
    put_text(out, v->impls[k].name);
    put(out, "\">");
    put_text(out, short_name(v->impls[k].name, v->group->name, f));
    put(out, "</span>");
}

static void put_verdict_header(FILE *out, int f)
{
    putf(out, "<table class=\"verdict\" data-format=\"%s\">\n<thead><tr>",
         verdict_format_names[f]);
    put(out, "<th>activation</th><th>most accurate</th>"
             "<th title=\"max |error| of the value over [-10,10], in ulps\">max ulp [-10,10]</th>");
    if (f == 0)
        put(out, "<th title=\"share of the inputs with |error| over 1 ulp\">&gt; 1 ulp</th>");
    else
        put(out, "<th title=\"of the 65536 inputs, how many are not the correctly rounded "
                 "result\">not CR</th>");
    put(out, "<th>fastest</th><th title=\"cycles per element, L1-resident, throughput\">"
             "cycles/el.</th><th title=\"its cycles per element over the fastest peer's (libm, "
             "libmvec, sleef) at the same ISA\">x peer</th><th title=\"the fastest one's max "
             "ulp over [-10,10]\">its ulp</th><th title=\"no other implementation is both "
             "faster and more accurate\">Pareto front (most accurate first)</th>"
             "<th>flagged</th></tr></thead>\n<tbody>\n");
}

static void put_figure_cell(FILE *out, bool has, double value, const char *suffix)
{
    char text[32];
    if (!has) {
        put(out, "<td class=\"num\"></td>");
        return;
    }
    putf(out, "<td class=\"num\">%s%s</td>", figure(value, text), suffix);
}

static void put_verdict_row(FILE *out, const struct report *r, const struct group_verdict *v,
                            int f)
{
    put(out, "<tr><th scope=\"row\"><a href=\"#act-");
    put_id_part(out, v->group->name);
    put(out, "\">");
    put_text(out, v->group->name);
    put(out, "</a></th>");
    long best = v->most_accurate[f], fast = v->fastest[f];
    double value;
    if (best >= 0) {
        size_t row = (size_t)v->impls[best].row[f];
        put(out, "<td>");
        put_short_name(out, v, best, f, "best");
        put(out, "</td>");
        bool has = row_range10_ulp(r, row, &value);
        put_figure_cell(out, has, value, "");
        if (f == 0) {
            double share;
            char text[32];
            if (row_share_over_1(r, row, &share))
                putf(out, "<td class=\"num\">%s%%</td>", figure(share * 100, text));
            else
                put(out, "<td class=\"num\"></td>");
        } else {
            has = acc_number(r, row, ACCURACY_value_over_half, &value);
            put_figure_cell(out, has, value, "");
        }
    } else {
        put(out, "<td class=\"note\">none measured</td><td></td><td></td>");
    }
    if (fast >= 0) {
        const struct implementation_verdict *im = &v->impls[fast];
        put(out, "<td>");
        put_short_name(out, v, fast, f, "fast");
        put(out, "</td>");
        put_figure_cell(out, true, im->cycles, "");
        put_figure_cell(out, im->has_peer_ratio, im->peer_ratio, im->peer_same_isa ? "" : "*");
        bool has = row_range10_ulp(r, (size_t)im->row[f], &value);
        put_figure_cell(out, has, value, "");
    } else {
        put(out, "<td class=\"note\" colspan=\"4\">speed not measured</td>");
    }
    put(out, "<td class=\"front\">");
    size_t shown = 0, front = 0;
    for (size_t i = 0; i < v->ranked_count[f]; i++) {
        long k = (long)v->ranked[f][i];
        if (!v->impls[k].frontier[f] || !v->impls[k].has_speed)
            continue;
        front++;
        if (shown < 2) {
            put(out, shown ? ", " : "");
            put_short_name(out, v, k, f, "on-front");
            shown++;
        }
    }
    if (front > shown)
        putf(out, " +%zu", front - shown);
    put(out, "</td><td class=\"flags\">");
    size_t over = 0, findings = 0, failing = 0;
    for (size_t k = 0; k < v->count; k++) {
        if (!v->impls[k].ok[f])
            continue;
        over += (v->impls[k].flags & FLAG_OVER_BOUND) != 0;
        findings += (v->impls[k].flags & FLAG_FINDING) != 0;
        failing += (v->impls[k].flags & (FLAG_SPECIAL_FAILURES | FLAG_PROPERTY_FAILURES)) != 0;
    }
    if (over)
        putf(out, "<span class=\"over\" title=\"own kernels above their declared bound\">%zu over "
                  "bound</span> ",
             over);
    if (failing)
        putf(out, "<span class=\"fail\" title=\"implementations with special-value or property "
                  "failures\">%zu fail</span> ",
             failing);
    if (findings)
        putf(out, "<span class=\"finding\" title=\"peers above the bound their library "
                  "documents\">%zu finding%s</span>",
             findings, findings == 1 ? "" : "s");
    put(out, "</td></tr>\n");
}

void put_summary_section(FILE *out, const struct report *r)
{
    put(out, "<section id=\"verdict\">\n<h2>Verdict</h2>\n");
    if (r->group_count == 0) {
        put(out, "<p class=\"note\">accuracy.csv has no rows.</p>\n</section>\n");
        return;
    }
    struct group_verdict *verdicts = calloc(r->group_count, sizeof *verdicts);
    if (verdicts == NULL) {
        put(out, "</section>\n");
        return;
    }
    bool measured[VERDICT_FORMATS] = {false};
    size_t built = 0;
    for (; built < r->group_count; built++) {
        if (group_verdict_build(r, &r->groups[built], &verdicts[built]) != 0)
            break;
        for (int f = 0; f < VERDICT_FORMATS; f++)
            measured[f] |= verdicts[built].measured[f];
    }
    put(out, "<div class=\"tabs\">\n");
    bool first = true;
    for (int f = 0; f < VERDICT_FORMATS; f++) {
        if (!measured[f])
            continue;
        putf(out, "<input type=\"radio\" name=\"verdict-format\" id=\"verdict-%s\"%s>"
                  "<label for=\"verdict-%s\">%s</label>\n",
             verdict_format_names[f], first ? " checked" : "", verdict_format_names[f],
             verdict_format_names[f]);
        first = false;
    }
    put(out, "<span class=\"note tab-note\">format of the figures; names without the "
             "activation (and the tab's type)</span>\n");
    for (int f = 0; f < VERDICT_FORMATS; f++) {
        if (!measured[f])
            continue;
        putf(out, "<div class=\"panel\" id=\"panel-%s\">\n", verdict_format_names[f]);
        put_verdict_header(out, f);
        for (size_t g = 0; g < built; g++)
            if (verdicts[g].measured[f])
                put_verdict_row(out, r, &verdicts[g], f);
        put(out, "</tbody></table>\n");
        for (size_t g = 0; g < built; g++) {
            long best = verdicts[g].most_accurate[f];
            char sentence[256];
            if (f > 0 && best >= 0 &&
                gelu_tanh_sentence(r, (size_t)verdicts[g].impls[best].row[f], sentence,
                                   sizeof sentence)) {
                put(out, "<p class=\"answer\">");
                put_text(out, sentence);
                put(out, ".</p>\n");
            }
        }
        put(out, "</div>\n");
    }
    put(out, "</div>\n<p class=\"note small\">Most accurate: least max |error| of the value on "
             "[-10,10], then least share of inputs over 1 ulp (implementations that all flush the "
             "far tail tie on the max over all inputs). Fastest: fewest cycles per element, "
             "L1-resident, throughput; x peer: against the fastest libm, libmvec or SLEEF "
             "implementation of the activation at the same ISA (* none there: any ISA). Pareto "
             "front: no other implementation is both faster and more accurate.</p>\n"
             "</section>\n");
    for (size_t g = 0; g < built; g++)
        group_verdict_free(&verdicts[g]);
    free(verdicts);
}
