/*
 * A small reader for the CSV files actbench writes (RFC 4180: fields
 * separated by commas, optionally quoted with '"', a quote inside a quoted
 * field doubled, records ended by LF or CRLF).  Every file starts with one
 * line "# actbench <name> schema <N>"; the reader checks it against the
 * name and version the caller expects, then reads the header line and the
 * rows.  Every error message names the file and, where there is one, the
 * line, so a damaged baseline can be found and fixed by hand.
 *
 * The whole file is held in memory: the largest file of a full run
 * (profile.csv) is about a megabyte.
 */
#ifndef ACTBENCH_CSV_READ_H
#define ACTBENCH_CSV_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "schema.h"

enum csv_status {
    CSV_OK = 0,
    CSV_MISSING = 1, /* the file does not exist (callers may treat it as "not measured") */
    CSV_INVALID = 2, /* unreadable, foreign, wrong name or version, or damaged */
};

struct csv_table {
    char *path;           /* as given, for messages */
    char *name;           /* <name> of the first line */
    int schema;           /* <N> of the first line */
    size_t header_line;   /* line of the header (2 unless empty lines precede it) */
    size_t column_count;
    char **columns;       /* header names, column_count of them */
    size_t row_count;
    char **fields;        /* row r, column c at fields[r * column_count + c] */
    size_t *row_lines;    /* line in the file where row r starts (1-based) */
    char *storage;        /* the decoded text all the pointers above point into */
};

/*
 * Reads path into table.  The first line must be exactly
 * "# actbench <expected_name> schema <expected_schema>".  Every row must have
 * as many fields as the header.  Empty lines are skipped.  On failure the
 * table is left empty (safe to csv_free) and error holds "path:line: why".
 */
enum csv_status csv_read_file(const char *path, const char *expected_name, int expected_schema,
                              struct csv_table *table, char *error, size_t error_size);

/* csv_read_file with the name and version of the schema (schema.h). */
enum csv_status csv_read_schema(const char *path, const struct csv_schema *schema,
                                struct csv_table *table, char *error, size_t error_size);

void csv_free(struct csv_table *table);

/* The largest file the reader accepts (a full run's profile.csv is about a
 * megabyte): past it, an error naming the file, never unbounded memory. */
#define CSV_MAX_BYTES (256 << 20)

/*
 * Reads path into memory now; every later read of the same path (the same
 * string) reads this copy, whatever the file holds by then.  A run reads
 * its baseline so before writing anything, so a baseline inside the output
 * folder is compared as it was.  Returns CSV_OK, CSV_MISSING or
 * CSV_INVALID with "path: why".
 */
enum csv_status csv_snapshot(const char *path, char *error, size_t error_size);
void csv_snapshots_free(void);

/* Index of the column with this header name, or -1. */
int csv_column_index(const struct csv_table *table, const char *name);

/*
 * index[c] = csv_column_index of the schema's column c, for every column of
 * the schema.  required (NULL: none) marks the columns the caller cannot do
 * without: the first of them absent is an error "path:line: missing column
 * 'NAME'" (line of the header).  Returns 0 or -1.
 */
int csv_find_columns(const struct csv_table *table, const struct csv_schema *schema, int *index,
                     const bool *required, char *error, size_t error_size);

/* The field at (row, column); "" when column is -1 (an absent column reads
 * as "not measured", like an empty field). */
const char *csv_field(const struct csv_table *table, size_t row, int column);

/*
 * Parses a whole field as a number (decimal, exponent or C99 hexfloat, "inf"
 * and "nan" included).  Returns 1 on success, 0 for an empty field, -1 when
 * the field is not a number.  The CSV files are written in the C locale and
 * actbench never changes LC_NUMERIC, so strtod reads '.' as the decimal point.
 */
int csv_parse_number(const char *text, double *value);

/*
 * Parses one field of (row, column) as a number, with an error message
 * "path:line: bad number 'TEXT' in column NAME" on failure.  Returns 1 when
 * a number was read, 0 for an empty field (value untouched), -1 on error.
 */
int csv_field_number(const struct csv_table *table, size_t row, int column, double *value,
                     char *error, size_t error_size);

/* printf into error (when error is not NULL): the message reports' and
 * comparisons' functions return. */
void csv_set_error(char *error, size_t error_size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

#endif
