/*
 * Speed CSV: the schema line and header of speed_columns.inc (schema.h),
 * then one line per speed row.  Fields with commas, quotes or line breaks
 * are quoted as RFC 4180 says; lines end in LF.  Numbers are printed in the
 * C locale with %.6g; figures that were not measured (NaN) are empty fields.
 */
#ifndef ACTBENCH_SPEED_CSV_H
#define ACTBENCH_SPEED_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "../harness/speed.h"

/* Writes the report to out (opened by the caller).  Returns 0, or -1 with
 * a message when the stream reports an error. */
int speed_csv_write(FILE *out, const struct speed_report *report, char *error, size_t error_size);

#endif
