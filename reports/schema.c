/* The schemas of the CSV files; see schema.h. */
#include "schema.h"

#define COLUMN(column, unit_text, description_text) \
    {.name = #column, .unit = unit_text, .description = description_text},

const struct csv_column accuracy_columns[ACCURACY_COLUMN_COUNT] = {
#include "accuracy_columns.inc"
};
const struct csv_column profile_columns[PROFILE_COLUMN_COUNT] = {
#include "profile_columns.inc"
};
const struct csv_column failures_columns[FAILURES_COLUMN_COUNT] = {
#include "failures_columns.inc"
};
const struct csv_column speed_columns[SPEED_COLUMN_COUNT] = {
#include "speed_columns.inc"
};
const struct csv_column machine_columns[MACHINE_COLUMN_COUNT] = {
#include "machine_columns.inc"
};

#undef COLUMN

const struct csv_schema accuracy_schema = {"accuracy", ACCURACY_SCHEMA_VERSION, accuracy_columns,
                                           ACCURACY_COLUMN_COUNT};
const struct csv_schema profile_schema = {"profile", PROFILE_SCHEMA_VERSION, profile_columns,
                                          PROFILE_COLUMN_COUNT};
const struct csv_schema failures_schema = {"failures", FAILURES_SCHEMA_VERSION, failures_columns,
                                           FAILURES_COLUMN_COUNT};
const struct csv_schema speed_schema = {"speed", SPEED_SCHEMA_VERSION, speed_columns,
                                        SPEED_COLUMN_COUNT};
const struct csv_schema machine_schema = {"machine", MACHINE_SCHEMA_VERSION, machine_columns,
                                          MACHINE_COLUMN_COUNT};
