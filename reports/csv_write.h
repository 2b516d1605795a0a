/* Writing CSV fields the way every actbench CSV file has them (RFC 4180). */
#ifndef ACTBENCH_CSV_WRITE_H
#define ACTBENCH_CSV_WRITE_H

#include <stdio.h>

#include "schema.h"

/* The first line "# actbench <name> schema <N>" and the header line of the
 * schema's columns. */
void csv_write_header(FILE *out, const struct csv_schema *schema);

/* One field, quoted (inner quotes doubled) when it holds a comma, a quote
 * or a line break; NULL writes an empty field. */
void csv_write_field(FILE *out, const char *text);

#endif
