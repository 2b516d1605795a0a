/* CSV fields; see csv_write.h. */
#include "csv_write.h"

#include <string.h>

void csv_write_header(FILE *out, const struct csv_schema *schema)
{
    fprintf(out, "# actbench %s schema %d\n", schema->name, schema->version);
    for (size_t c = 0; c < schema->column_count; c++)
        fprintf(out, "%s%s", c ? "," : "", schema->columns[c].name);
    fputc('\n', out);
}

void csv_write_field(FILE *out, const char *text)
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
