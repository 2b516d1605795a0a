/*
 * The parts of the HTML report page (html.c puts them together): charts,
 * tables and sections, each written from the report's model.  The int
 * functions return 0, or -1 when out of memory.
 */
#ifndef ACTBENCH_HTML_PARTS_H
#define ACTBENCH_HTML_PARTS_H

#include <stdbool.h>
#include <stdio.h>

#include "html_model.h"

/* ---- charts of one activation, in one format --------------------------- */

/* Max ulp against cycles per element, log axes, the frontier drawn
 * (html_pareto.c). */
int put_pareto_chart(FILE *out, const struct report *r, const struct activation_group *group,
                     const char *format);
/* Max ulp per implementation, when speed was not measured
 * (html_accuracy_bars.c). */
int put_accuracy_bars(FILE *out, const struct report *r, const struct activation_group *group,
                      const char *format);
/* Max ulp of the value or the gradient (quantity) per bin of x, one line
 * per distinct profile (html_profile.c). */
int put_profile_chart(FILE *out, const struct report *r, const struct activation_group *group,
                      const char *format, const char *quantity);

/* ---- tables (html_tables.c, html_speed.c) ------------------------------ */

/* Every implementation of the activation with its figures. */
void put_implementation_table(FILE *out, const struct report *r,
                              const struct activation_group *group);
/* Worst inputs, saturation and gradient death, folded away. */
void put_worst_case_table(FILE *out, const struct report *r, const struct activation_group *group);
/* Speed per core of the activation's implementations, or of the copy kernel
 * when activation is NULL. */
int put_speed_pivot(FILE *out, const struct report *r, const char *activation);

/* A number cell of an accuracy figure, sortable, with the CSV text as its
 * title; extra_class is appended to "num". */
void put_number_cell(FILE *out, const struct report *r, size_t row, enum accuracy_column col,
                     const char *extra_class);
/* The id of an implementation's failure examples in the failures section. */
void put_failure_anchor(FILE *out, const char *activation, const char *implementation);

/* ---- sections ---------------------------------------------------------- */

int put_machine_section(FILE *out, const struct report *r);   /* html_machine.c */
void put_summary_section(FILE *out, const struct report *r);  /* html_summary.c */
int put_failures_section(FILE *out, const struct report *r);  /* html_failures.c */
int put_findings_section(FILE *out, const struct report *r);  /* html_findings.c */

#endif
