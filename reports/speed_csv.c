/* Speed rows as CSV.  See speed_csv.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "speed_csv.h"

#include <locale.h>
#include <math.h>
#include <errno.h>
#include <string.h>

#include "csv_write.h"

/* Six significant digits: cycle counts are not known better than that.  A
 * figure not measured (NaN) is an empty field. */
static const char *number_text(char *buf, size_t size, double v)
{
    if (!isfinite(v))
        return NULL;
    snprintf(buf, size, "%.6g", v);
    return buf;
}

static const char *count_text(char *buf, size_t size, uint64_t v)
{
    snprintf(buf, size, "%llu", (unsigned long long)v);
    return buf;
}

static const char *int_text(char *buf, size_t size, int v)
{
    snprintf(buf, size, "%d", v);
    return buf;
}

/* The text of a field: one of the row's strings, or a number printed into
 * buf (NULL: empty). */
static const char *field(enum speed_column col, const struct speed_row *r, char *buf,
                         size_t size)
{
    switch (col) {
    case SPEED_implementation: return r->implementation;
    case SPEED_activation: return r->activation;
    case SPEED_method: return r->method;
    case SPEED_isa: return r->isa;
    case SPEED_status: return r->status;
    case SPEED_mode: return r->mode;
    case SPEED_size_label: return r->size_label;
    case SPEED_size_bytes: return count_text(buf, size, r->size_bytes);
    case SPEED_bytes: return count_text(buf, size, r->bytes);
    case SPEED_elements: return count_text(buf, size, r->elements);
    case SPEED_call_elements: return count_text(buf, size, r->call_elements);
    case SPEED_threads: return count_text(buf, size, r->threads);
    case SPEED_core: return int_text(buf, size, r->core);
    case SPEED_cpu: return int_text(buf, size, r->cpu);
    case SPEED_core_kind: return r->core_kind;
    case SPEED_distribution: return r->distribution;
    case SPEED_seed: return count_text(buf, size, r->seed);
    case SPEED_clock: return r->clock;
    case SPEED_repetitions: return count_text(buf, size, r->repetitions);
    case SPEED_cpe_min: return number_text(buf, size, r->cpe_min);
    case SPEED_cpe_median: return number_text(buf, size, r->cpe_median);
    case SPEED_cpe_max: return number_text(buf, size, r->cpe_max);
    case SPEED_ns_per_element_median: return number_text(buf, size, r->ns_per_element_median);
    case SPEED_core_ghz: return number_text(buf, size, r->core_ghz);
    case SPEED_ratio_to_copy: return number_text(buf, size, r->ratio_to_copy);
    case SPEED_ratio_to_copy2: return number_text(buf, size, r->ratio_to_copy2);
    case SPEED_ops_per_element: return number_text(buf, size, r->ops_per_element);
    case SPEED_floor_cpe: return number_text(buf, size, r->floor_cpe);
    case SPEED_ratio_to_floor: return number_text(buf, size, r->ratio_to_floor);
    case SPEED_floor_note: return r->floor_note;
    case SPEED_bytes_per_element: return number_text(buf, size, r->bytes_per_element);
    case SPEED_gb_per_s: return number_text(buf, size, r->gb_per_s);
    case SPEED_copy_gb_per_s: return number_text(buf, size, r->copy_gb_per_s);
    case SPEED_round_spread: return number_text(buf, size, r->round_spread);
    case SPEED_all_cores_scaling: return number_text(buf, size, r->all_cores_scaling);
    case SPEED_note: return r->note;
    case SPEED_COLUMN_COUNT: break;
    }
    return NULL;
}

static void write_row(FILE *out, const struct speed_row *r)
{
    char buf[64];
    for (int c = 0; c < SPEED_COLUMN_COUNT; c++) {
        if (c)
            fputc(',', out);
        csv_write_field(out, field((enum speed_column)c, r, buf, sizeof buf));
    }
    fputc('\n', out);
}

int speed_csv_write(FILE *out, const struct speed_report *report, char *error, size_t error_size)
{
    /* the decimal point must be '.', whatever locale the program set */
    locale_t c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (!c_locale) {
        snprintf(error, error_size, "cannot create the C locale for writing numbers");
        return -1;
    }
    locale_t previous = uselocale(c_locale);
    csv_write_header(out, &speed_schema);
    for (size_t i = 0; i < report->count; i++)
        write_row(out, &report->rows[i]);
    int failed = fflush(out) != 0 || ferror(out);
    uselocale(previous);
    freelocale(c_locale);
    if (failed) {
        snprintf(error, error_size, "write error: %s", strerror(errno));
        return -1;
    }
    return 0;
}
