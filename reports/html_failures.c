/*
 * The failures section: failures.csv's special-value and property failure
 * examples, a table per (activation, implementation) in the order the file
 * meets them, with input, got and want in C99 hexfloat.
 */
#include <stdlib.h>

#include "html_parts.h"
#include "html_put.h"

/* A naive implementation fails thousands of special values; a few examples
 * per implementation tell the story, the counts are in the tables. */
#define FAILURES_SHOWN_PER_IMPLEMENTATION 8

static bool failure_of(const struct report *r, size_t row, const char *activation,
                       const char *implementation)
{
    return same_text(failure_text(r, row, FAILURES_activation), activation) &&
           same_text(failure_text(r, row, FAILURES_implementation), implementation);
}

/* The first row of each (activation, implementation) in file order.
 * Returns how many, or (size_t)-1 when out of memory; free *firsts. */
static size_t group_failures(const struct report *r, size_t **firsts)
{
    size_t rows = r->failures.row_count;
    *firsts = malloc(rows * sizeof **firsts);
    if (*firsts == NULL)
        return (size_t)-1;
    size_t group_count = 0;
    for (size_t f = 0; f < rows; f++) {
        bool known = false;
        for (size_t g = 0; g < group_count && !known; g++)
            known = failure_of(r, f, failure_text(r, (*firsts)[g], FAILURES_activation),
                               failure_text(r, (*firsts)[g], FAILURES_implementation));
        if (!known)
            (*firsts)[group_count++] = f;
    }
    return group_count;
}

static void put_failure_header(FILE *out)
{
    put(out, "<div class=\"scroll\"><table class=\"sortable failures\">\n<thead><tr>");
    put_header_cell(out, "format", "format of the row", false);
    put_header_cell(out, "category", "the check that failed", false);
    put_header_cell(out, "input", "x (hexfloat)", false);
    put_header_cell(out, "got", "value computed (hexfloat)", false);
    put_header_cell(out, "want", "value expected (hexfloat)", false);
    put_header_cell(out, "detail", "what the check saw", false);
    put(out, "</tr></thead>\n<tbody>\n");
}

static void put_failure_row(FILE *out, const struct report *r, size_t row)
{
    static const enum failures_column cells[] = {FAILURES_format, FAILURES_category,
                                                 FAILURES_input,  FAILURES_got,
                                                 FAILURES_want,   FAILURES_detail};
    put(out, "<tr>");
    for (size_t c = 0; c < COUNT_OF(cells); c++) {
        bool hex = cells[c] == FAILURES_input || cells[c] == FAILURES_got ||
                   cells[c] == FAILURES_want;
        put(out, hex ? "<td class=\"hex\">" : "<td>");
        put_text(out, failure_text(r, row, cells[c]));
        put(out, "</td>");
    }
    put(out, "</tr>\n");
}

/* The examples of the implementation whose first row is first. */
static void put_failure_group(FILE *out, const struct report *r, size_t first)
{
    size_t rows = r->failures.row_count;
    const char *activation = failure_text(r, first, FAILURES_activation);
    const char *implementation = failure_text(r, first, FAILURES_implementation);
    size_t total = 0;
    for (size_t f = first; f < rows; f++)
        total += failure_of(r, f, activation, implementation);
    put(out, "<h3 id=\"");
    put_failure_anchor(out, activation, implementation);
    put(out, "\">");
    put_text(out, activation);
    put(out, ": ");
    put_text(out, implementation);
    putf(out, " <small>(%zu)</small></h3>\n", total);
    put_failure_header(out);
    size_t shown = 0;
    for (size_t f = first; f < rows && shown < FAILURES_SHOWN_PER_IMPLEMENTATION; f++) {
        if (!failure_of(r, f, activation, implementation))
            continue;
        put_failure_row(out, r, f);
        shown++;
    }
    put(out, "</tbody></table></div>\n");
    if (total > shown)
        putf(out, "<p class=\"note\">... and %zu more failures of this implementation in "
                  "failures.csv.</p>\n",
             total - shown);
}

int put_failures_section(FILE *out, const struct report *r)
{
    put(out, "<section id=\"failures\">\n<h2>Special-value and property failures</h2>\n");
    if (!r->has_failures) {
        put(out, "<p class=\"note\">failures.csv was not found: no failure examples to "
                 "list.</p>\n</section>\n");
        return 0;
    }
    size_t rows = r->failures.row_count;
    if (rows == 0) {
        put(out, "<p>No failures: every implementation passed every special-value and property "
                 "check.</p>\n</section>\n");
        return 0;
    }
    putf(out, "<p class=\"note\">%zu examples in failures.csv; inputs, results and expected values "
              "in C99 hexfloat. At most %d are listed per implementation.</p>\n",
         rows, FAILURES_SHOWN_PER_IMPLEMENTATION);
    size_t *firsts;
    size_t group_count = group_failures(r, &firsts);
    if (group_count == (size_t)-1)
        return -1;
    for (size_t g = 0; g < group_count; g++)
        put_failure_group(out, r, firsts[g]);
    free(firsts);
    put(out, "</section>\n");
    return 0;
}
