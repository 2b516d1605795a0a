/* Machine identity as CSV.  See machine_csv.h. */
#include "machine_csv.h"

#include <string.h>

#include "csv_write.h"

int machine_csv_write(FILE *out, const struct machine_info *info, char *error, size_t error_size)
{
    fputs("# actbench machine schema 1\n", out);
    fputs("key,value\n", out);
    for (size_t i = 0; i < info->count; i++) {
        csv_write_field(out, info->entries[i].key);
        fputc(',', out);
        csv_write_field(out, info->entries[i].value);
        fputc('\n', out);
    }
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(error, error_size, "writing the machine CSV failed");
        return -1;
    }
    return 0;
}
