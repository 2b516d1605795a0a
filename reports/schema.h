/*
 * The CSV files of a run and their schemas.  Every file starts with the
 * line "# actbench <name> schema <N>", then a header line naming its
 * columns, then its rows (RFC 4180, C locale, lines ended by LF).
 *
 * One X-macro list per file, reports/<name>_columns.inc, holds its columns
 * as COLUMN(name, unit, description); it is the only place they are listed:
 * the writers, the baseline comparison, the HTML report and README.md's
 * documentation (scripts/columns-doc.py) all take them from there, and the
 * versions below are the only place the <N> are written.  A version goes up
 * when a column is renamed, removed, moved or changes meaning; readers
 * refuse any version but their own.
 *
 * Units: "" for text, "count", "ulp" (ulps of the row's format, measured
 * before rounding: a correctly rounded result scores <= 0.5), "hexfloat"
 * (C99 %a), "cycles/element", "ns/element", "GHz", "bytes", "ratio",
 * "ops/element" (vector operations), "bytes/element", "GB/s" (10^9 bytes
 * per second).  An empty field means "not applicable" or "not measured in
 * this run".
 */
#ifndef ACTBENCH_SCHEMA_H
#define ACTBENCH_SCHEMA_H

#include <stddef.h>

#define ACCURACY_SCHEMA_VERSION 2
#define PROFILE_SCHEMA_VERSION 1
#define FAILURES_SCHEMA_VERSION 1
#define SPEED_SCHEMA_VERSION 3
#define MACHINE_SCHEMA_VERSION 1

struct csv_column {
    const char *name, *unit, *description;
};

struct csv_schema {
    const char *name; /* <name> of the first line; the file is <name>.csv */
    int version;
    const struct csv_column *columns;
    size_t column_count;
};

/* ---- accuracy.csv ------------------------------------------------------ */

enum accuracy_column {
#define COLUMN(name, unit, description) ACCURACY_##name,
#include "accuracy_columns.inc"
#undef COLUMN
    ACCURACY_COLUMN_COUNT
};
extern const struct csv_column accuracy_columns[ACCURACY_COLUMN_COUNT];
extern const struct csv_schema accuracy_schema;

/* ---- profile.csv ------------------------------------------------------- */

enum profile_column {
#define COLUMN(name, unit, description) PROFILE_##name,
#include "profile_columns.inc"
#undef COLUMN
    PROFILE_COLUMN_COUNT
};
extern const struct csv_column profile_columns[PROFILE_COLUMN_COUNT];
extern const struct csv_schema profile_schema;

/* ---- failures.csv ------------------------------------------------------ */

enum failures_column {
#define COLUMN(name, unit, description) FAILURES_##name,
#include "failures_columns.inc"
#undef COLUMN
    FAILURES_COLUMN_COUNT
};
extern const struct csv_column failures_columns[FAILURES_COLUMN_COUNT];
extern const struct csv_schema failures_schema;

/* ---- speed.csv --------------------------------------------------------- */

enum speed_column {
#define COLUMN(name, unit, description) SPEED_##name,
#include "speed_columns.inc"
#undef COLUMN
    SPEED_COLUMN_COUNT
};
extern const struct csv_column speed_columns[SPEED_COLUMN_COUNT];
extern const struct csv_schema speed_schema;

/* ---- machine.csv ------------------------------------------------------- */

enum machine_column {
#define COLUMN(name, unit, description) MACHINE_##name,
#include "machine_columns.inc"
#undef COLUMN
    MACHINE_COLUMN_COUNT
};
extern const struct csv_column machine_columns[MACHINE_COLUMN_COUNT];
extern const struct csv_schema machine_schema;

#endif
