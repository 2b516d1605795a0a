/* Machine identity as CSV.  See machine_csv.h. */
#include "machine_csv.h"

#include <string.h>

/* A field, quoted (with inner quotes doubled) when it holds a comma, a
 * quote or a line break. */
static void write_field(FILE *out, const char *text)
{
    if (!text)
        text = "";
    if (strpbrk(text, ",\"\r\n") == NULL) {
        fputs(text, out);
        return;
    }
    fputc('"', out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

int machine_csv_write(FILE *out, const struct machine_info *info, char *error, size_t error_size)
{
    fputs("# actbench machine schema 1\n", out);
    fputs("key,value\n", out);
    for (size_t i = 0; i < info->count; i++) {
        write_field(out, info->entries[i].key);
        fputc(',', out);
        write_field(out, info->entries[i].value);
        fputc('\n', out);
    }
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(error, error_size, "writing the machine CSV failed");
        return -1;
    }
    return 0;
}
