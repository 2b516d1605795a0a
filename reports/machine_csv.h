/*
 * Machine CSV: the schema line and header of machine_columns.inc
 * (schema.h), then one line per identity entry in collection order.
 * Fields with commas, quotes or line breaks are quoted as RFC 4180 says;
 * lines end in LF.
 */
#ifndef ACTBENCH_MACHINE_CSV_H
#define ACTBENCH_MACHINE_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "../harness/machine.h"

/* Writes the identity to out (opened by the caller).  Returns 0, or -1
 * with a message when the stream reports an error. */
int machine_csv_write(FILE *out, const struct machine_info *info, char *error, size_t error_size);

#endif
