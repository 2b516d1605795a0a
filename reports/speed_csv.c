/* Speed rows as CSV.  See speed_csv.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "speed_csv.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "csv_write.h"

static const char header[] =
    "implementation,activation,method,isa,status,mode,size_label,size_bytes,bytes,elements,"
    "call_elements,threads,core,cpu,core_kind,distribution,seed,clock,repetitions,cpe_min,"
    "cpe_median,cpe_max,ns_per_element_median,core_ghz,ratio_to_copy,round_spread,all_cores_scaling,"
    "note";

/* Six significant digits: cycle counts are not known better than that. */
static void write_number(FILE *out, double v)
{
    if (isfinite(v))
        fprintf(out, "%.6g", v);
}

static void write_row(FILE *out, const struct speed_row *r)
{
    const char *const texts[] = {r->implementation, r->activation, r->method, r->isa,
                                 r->status,         r->mode,       r->size_label};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (i)
            fputc(',', out);
        csv_write_field(out, texts[i]);
    }
    fprintf(out, ",%llu,%llu,%llu,%llu,%u,%d,%d,", (unsigned long long)r->size_bytes,
            (unsigned long long)r->bytes, (unsigned long long)r->elements,
            (unsigned long long)r->call_elements, r->threads, r->core, r->cpu);
    csv_write_field(out, r->core_kind);
    fputc(',', out);
    csv_write_field(out, r->distribution);
    fprintf(out, ",%llu,", (unsigned long long)r->seed);
    csv_write_field(out, r->clock);
    fprintf(out, ",%llu,", (unsigned long long)r->repetitions);
    const double numbers[] = {r->cpe_min, r->cpe_median, r->cpe_max, r->ns_per_element_median,
                              r->core_ghz, r->ratio_to_copy, r->round_spread,
                              r->all_cores_scaling};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        write_number(out, numbers[i]);
        fputc(',', out);
    }
    csv_write_field(out, r->note);
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
    fputs("# actbench speed schema 1\n", out);
    fputs(header, out);
    fputc('\n', out);
    for (size_t i = 0; i < report->count; i++)
        write_row(out, &report->rows[i]);
    int failed = fflush(out) != 0 || ferror(out);
    uselocale(previous);
    freelocale(c_locale);
    if (failed) {
        snprintf(error, error_size, "writing the speed CSV failed");
        return -1;
    }
    return 0;
}
