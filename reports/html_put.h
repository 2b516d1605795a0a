/*
 * Writing HTML: every string taken from a CSV file goes through put_text
 * (escaped for text and quoted attribute values); the numbers the report
 * computes are written with printf formats, in the C locale actbench never
 * changes.
 */
#ifndef ACTBENCH_HTML_PUT_H
#define ACTBENCH_HTML_PUT_H

#include <stdbool.h>
#include <stdio.h>

static inline void put(FILE *out, const char *text)
{
    fputs(text, out);
}

/* Lets the compiler check every putf format against its arguments. */
void putf(FILE *out, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* Escaped for both text and quoted attribute values. */
void put_text(FILE *out, const char *text);

/* Letters, digits, '-' and '_' kept; anything else (which could break an
 * id or a fragment link) becomes '_'. */
void put_id_part(FILE *out, const char *text);

/* A figure as shown: four significant digits (three far from 1), "0",
 * "inf".  Returns buffer or a constant. */
const char *figure(double value, char buffer[32]);

/* A sort key for the table script: parseFloat reads these. */
void put_sort_key(FILE *out, double value);

/* A header cell of a sortable table; numeric columns sort by data-v. */
void put_header_cell(FILE *out, const char *label, const char *title, bool numeric);

#endif
