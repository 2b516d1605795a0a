/* The rows of the speed report: adding, identity, figures, ratios to copy,
 * floors and bandwidth. */
#ifndef ACTBENCH_SPEED_ROWS_H
#define ACTBENCH_SPEED_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "speed_context.h"
#include "speed_measure.h"

/* A new row with no figure (NaN), status "ok", one thread, no core; NULL
 * with a message when out of memory. */
struct speed_row *speed_report_add(struct speed_report *r, char *error, size_t error_size);

/* Identity columns: the subject, mode, size and timing inputs. */
void speed_row_identity(struct speed_row *row, const struct speed_subject *s, enum speed_mode mode,
                        const struct size_request *size, uint64_t size_bytes,
                        const struct speed_options *o);
/* Core columns of the core at position; cpu only when pinned. */
void speed_row_core(struct speed_row *row, const struct machine_topology *t, size_t position,
                    int pinned);
/* Figures of a measurement of a call. */
void speed_row_measurement(struct speed_row *row, const struct speed_call *k,
                           const struct speed_measurement *m, const char *clock_name);

/* A row for a subject not measured in this mode (status and note), on the
 * core at core_position (-1: none).  NULL with a message when out of memory. */
struct speed_row *speed_row_unmeasured(struct speed_context *c, const struct speed_subject *s,
                                       enum speed_mode mode, const struct size_request *size,
                                       uint64_t size_bytes, int core_position, const char *status,
                                       const char *note, char *error, size_t error_size);

/* The in-run figures of every measured row: ratio_to_copy, the floor
 * (ops_per_element, floor_cpe, ratio_to_floor or floor_note) and the
 * bandwidth (bytes_per_element, gb_per_s, copy_gb_per_s). */
void speed_report_fill_ratios(struct speed_report *r);

#endif
