/* Machine identity as CSV.  See machine_csv.h. */
#include "machine_csv.h"

#include <errno.h>
#include <string.h>

#include "csv_write.h"

static const char *field(enum machine_column col, const struct machine_entry *entry)
{
    switch (col) {
    case MACHINE_key: return entry->key;
    case MACHINE_value: return entry->value;
    case MACHINE_COLUMN_COUNT: break;
    }
    return NULL;
}

int machine_csv_write(FILE *out, const struct machine_info *info, char *error, size_t error_size)
{
    csv_write_header(out, &machine_schema);
    for (size_t i = 0; i < info->count; i++) {
        for (int c = 0; c < MACHINE_COLUMN_COUNT; c++) {
            if (c)
                fputc(',', out);
            csv_write_field(out, field((enum machine_column)c, &info->entries[i]));
        }
        fputc('\n', out);
    }
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(error, error_size, "write error: %s", strerror(errno));
        return -1;
    }
    return 0;
}
