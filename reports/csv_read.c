/*
 * RFC 4180 reader for actbench's CSV files (see csv_read.h).  The file is
 * read whole, its first line checked, and the rest decoded in one pass into
 * a single buffer of NUL-terminated fields, so a table is three allocations
 * whatever its size.
 */
#include "csv_read.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char schema_prefix[] = "# actbench ";

void csv_set_error(char *error, size_t error_size, const char *format, ...)
{
    if (error == NULL || error_size == 0)
        return;
    va_list args;
    va_start(args, format);
    vsnprintf(error, error_size, format, args);
    va_end(args);
}

/* Files read once and kept in memory (csv_snapshot): a later read of the
 * same path reads the copy, whatever the file holds by then. */
#define SNAPSHOT_SLOTS 4
static struct {
    char *path, *contents;
    size_t length;
} snapshots[SNAPSHOT_SLOTS];

static enum csv_status read_from_disk(const char *path, char **contents, size_t *length,
                                      char *error, size_t error_size);

/* Reads the whole file.  Returns CSV_MISSING only for a file that does not
 * exist, so a caller can tell "not measured" from "damaged". */
static enum csv_status read_whole_file(const char *path, char **contents, size_t *length,
                                       char *error, size_t error_size)
{
    for (int i = 0; i < SNAPSHOT_SLOTS; i++)
        if (snapshots[i].path && strcmp(snapshots[i].path, path) == 0) {
            char *copy = malloc(snapshots[i].length + 1);
            if (copy == NULL) {
                csv_set_error(error, error_size, "%s: out of memory", path);
                return CSV_INVALID;
            }
            memcpy(copy, snapshots[i].contents, snapshots[i].length);
            *contents = copy;
            *length = snapshots[i].length;
            return CSV_OK;
        }
    return read_from_disk(path, contents, length, error, error_size);
}

enum csv_status csv_snapshot(const char *path, char *error, size_t error_size)
{
    int slot = 0;
    while (slot < SNAPSHOT_SLOTS && snapshots[slot].path &&
           strcmp(snapshots[slot].path, path) != 0)
        slot++;
    if (slot == SNAPSHOT_SLOTS) {
        csv_set_error(error, error_size, "%s: too many files held in memory", path);
        return CSV_INVALID;
    }
    char *contents = NULL;
    size_t length = 0;
    enum csv_status status = read_from_disk(path, &contents, &length, error, error_size);
    if (status != CSV_OK)
        return status;
    size_t path_length = strlen(path) + 1;
    char *copy = malloc(path_length);
    if (copy != NULL)
        memcpy(copy, path, path_length);
    if (copy == NULL) {
        free(contents);
        csv_set_error(error, error_size, "%s: out of memory", path);
        return CSV_INVALID;
    }
    free(snapshots[slot].path);
    free(snapshots[slot].contents);
    snapshots[slot].path = copy;
    snapshots[slot].contents = contents;
    snapshots[slot].length = length;
    return CSV_OK;
}

void csv_snapshots_free(void)
{
    for (int i = 0; i < SNAPSHOT_SLOTS; i++) {
        free(snapshots[i].path);
        free(snapshots[i].contents);
        snapshots[i].path = snapshots[i].contents = NULL;
    }
}

static enum csv_status read_from_disk(const char *path, char **contents, size_t *length,
                                      char *error, size_t error_size)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        int saved = errno;
        csv_set_error(error, error_size, "%s: cannot open: %s", path, strerror(saved));
        return saved == ENOENT ? CSV_MISSING : CSV_INVALID;
    }
    /* sized to the file at once (one more byte to see the end): a large
     * profile.csv is read without growing the buffer step by step */
    size_t capacity = 1 << 16, used = 0;
    if (fseek(file, 0, SEEK_END) == 0) {
        long size = ftell(file);
        if (size > 0 && size <= CSV_MAX_BYTES)
            capacity = (size_t)size + 1;
        rewind(file);
    }
    char *buffer = malloc(capacity);
    if (buffer == NULL) {
        fclose(file);
        csv_set_error(error, error_size, "%s: out of memory", path);
        return CSV_INVALID;
    }
    for (;;) {
        if (used > CSV_MAX_BYTES) {
            free(buffer);
            fclose(file);
            csv_set_error(error, error_size,
                          "%s: larger than %d MiB, not an actbench CSV file", path,
                          CSV_MAX_BYTES >> 20);
            return CSV_INVALID;
        }
        if (used == capacity) {
            size_t bigger = capacity * 2 > (size_t)CSV_MAX_BYTES + 1 ? (size_t)CSV_MAX_BYTES + 1
                                                                     : capacity * 2;
            char *grown = realloc(buffer, bigger);
            if (grown == NULL) {
                free(buffer);
                fclose(file);
                csv_set_error(error, error_size, "%s: out of memory", path);
                return CSV_INVALID;
            }
            buffer = grown;
            capacity = bigger;
        }
        size_t got = fread(buffer + used, 1, capacity - used, file);
        /* a NUL byte is never in a CSV file: stop at once (/dev/zero) */
        if (memchr(buffer + used, '\0', got) != NULL) {
            free(buffer);
            fclose(file);
            csv_set_error(error, error_size, "%s:1: not an actbench CSV file (binary data)",
                          path);
            return CSV_INVALID;
        }
        used += got;
        if (got == 0)
            break;
    }
    if (ferror(file)) {
        int saved = errno;
        free(buffer);
        fclose(file);
        csv_set_error(error, error_size, "%s: read error: %s", path, strerror(saved));
        return CSV_INVALID;
    }
    fclose(file);
    *contents = buffer;
    *length = used;
    return CSV_OK;
}

/* Checks "# actbench NAME schema N" (line holds the first line, without its
 * line ending). */
static enum csv_status check_schema_line(const char *path, const char *line, size_t line_length,
                                         const char *expected_name, int expected_schema,
                                         struct csv_table *table, char *error, size_t error_size)
{
    size_t prefix_length = sizeof schema_prefix - 1;
    if (line_length < prefix_length || memcmp(line, schema_prefix, prefix_length) != 0) {
        csv_set_error(error, error_size,
                  "%s:1: not an actbench CSV file (the first line should be "
                  "'# actbench %s schema %d')",
                  path, expected_name, expected_schema);
        return CSV_INVALID;
    }
    const char *name = line + prefix_length;
    const char *end = line + line_length;
    const char *name_end = name;
    while (name_end < end && *name_end != ' ')
        name_end++;
    static const char schema_word[] = " schema ";
    size_t word_length = sizeof schema_word - 1;
    const char *number = name_end + word_length;
    if (name_end == name || (size_t)(end - name_end) < word_length ||
        memcmp(name_end, schema_word, word_length) != 0 || number == end) {
        csv_set_error(error, error_size,
                  "%s:1: malformed first line (expected '# actbench %s schema %d')", path,
                  expected_name, expected_schema);
        return CSV_INVALID;
    }
    long version = 0;
    for (const char *d = number; d < end; d++) {
        if (*d < '0' || *d > '9' || version > INT_MAX / 10) {
            csv_set_error(error, error_size,
                      "%s:1: malformed schema version '%.*s' (expected '# actbench %s schema %d')",
                      path, (int)(end - number), number, expected_name, expected_schema);
            return CSV_INVALID;
        }
        version = version * 10 + (*d - '0');
    }
    size_t name_length = (size_t)(name_end - name);
    if (strlen(expected_name) != name_length || memcmp(name, expected_name, name_length) != 0) {
        csv_set_error(error, error_size, "%s:1: this is an actbench '%.*s' file, expected '%s'",
                      path, (int)name_length, name, expected_name);
        return CSV_INVALID;
    }
    if (version != expected_schema) {
        csv_set_error(error, error_size,
                  "%s:1: unknown schema version %ld of actbench %s files (this build reads "
                  "version %d)",
                  path, version, expected_name, expected_schema);
        return CSV_INVALID;
    }
    table->name = malloc(name_length + 1);
    if (table->name == NULL) {
        csv_set_error(error, error_size, "%s: out of memory", path);
        return CSV_INVALID;
    }
    memcpy(table->name, name, name_length);
    table->name[name_length] = '\0';
    table->schema = (int)version;
    return CSV_OK;
}

/* Growable arrays of field pointers and of record line numbers. */
struct record_lists {
    char **fields;
    size_t field_count, field_capacity;
    size_t *record_lines;     /* line where each record starts */
    size_t *record_first;     /* index of each record's first field */
    size_t record_count, record_capacity;
};

static int push_field(struct record_lists *lists, char *field)
{
    if (lists->field_count == lists->field_capacity) {
        size_t capacity = lists->field_capacity ? lists->field_capacity * 2 : 1024;
        char **grown = realloc(lists->fields, capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        lists->fields = grown;
        lists->field_capacity = capacity;
    }
    lists->fields[lists->field_count++] = field;
    return 0;
}

static int push_record(struct record_lists *lists, size_t line)
{
    if (lists->record_count == lists->record_capacity) {
        size_t capacity = lists->record_capacity ? lists->record_capacity * 2 : 256;
        size_t *lines = realloc(lists->record_lines, capacity * sizeof *lines);
        if (lines == NULL)
            return -1;
        lists->record_lines = lines;
        size_t *first = realloc(lists->record_first, capacity * sizeof *first);
        if (first == NULL)
            return -1;
        lists->record_first = first;
        lists->record_capacity = capacity;
    }
    lists->record_lines[lists->record_count] = line;
    lists->record_first[lists->record_count] = lists->field_count;
    lists->record_count++;
    return 0;
}

static int is_line_end(const char *p, const char *end)
{
    return *p == '\n' || (*p == '\r' && p + 1 < end && p[1] == '\n');
}

/* A quoted field from *p (at its opening quote) to its closing quote,
 * decoded into *w; *line counts the line breaks inside it. */
static enum csv_status decode_quoted(const char *path, const char **p, const char *end, char **w,
                                     size_t *line, size_t record_line, char *error,
                                     size_t error_size)
{
    const char *in = *p + 1;
    char *to = *w;
    for (;;) {
        if (in == end) {
            csv_set_error(error, error_size,
                          "%s:%zu: quoted field not closed before the end of the file "
                          "(truncated file?)",
                          path, record_line);
            return CSV_INVALID;
        }
        if (*in == '"') {
            if (in + 1 < end && in[1] == '"') {
                *to++ = '"';
                in += 2;
                continue;
            }
            in++;
            break;
        }
        if (*in == '\n')
            (*line)++;
        *to++ = *in++;
    }
    if (in < end && *in != ',' && !is_line_end(in, end)) {
        csv_set_error(error, error_size, "%s:%zu: text after the closing quote of a field", path,
                      *line);
        return CSV_INVALID;
    }
    *p = in;
    *w = to;
    return CSV_OK;
}

/* An unquoted field from *p to the next comma or line end, copied to *w. */
static enum csv_status decode_plain(const char *path, const char **p, const char *end, char **w,
                                    size_t line, char *error, size_t error_size)
{
    const char *in = *p;
    char *to = *w;
    while (in < end && *in != ',' && *in != '\n') {
        if (*in == '"') {
            csv_set_error(error, error_size,
                          "%s:%zu: '\"' inside an unquoted field (such a field must be quoted)",
                          path, line);
            return CSV_INVALID;
        }
        if (*in == '\r') {
            if (is_line_end(in, end))
                break;
            csv_set_error(error, error_size, "%s:%zu: carriage return inside an unquoted field",
                          path, line);
            return CSV_INVALID;
        }
        *to++ = *in++;
    }
    *p = in;
    *w = to;
    return CSV_OK;
}

/*
 * Decodes the records in [p, end) into out (which must hold end - p + 2
 * bytes).  first_line is the line number of p.
 */
static enum csv_status decode_records(const char *path, const char *p, const char *end,
                                      size_t first_line, char *out, struct record_lists *lists,
                                      char *error, size_t error_size)
{
    size_t line = first_line;
    char *w = out;
    while (p < end) {
        if (is_line_end(p, end)) { /* empty line: no record */
            p += *p == '\r' ? 2 : 1;
            line++;
            continue;
        }
        if (push_record(lists, line) != 0)
            goto out_of_memory;
        size_t record_line = line;
        for (;;) {
            char *field = w;
            enum csv_status status =
                p < end && *p == '"'
                    ? decode_quoted(path, &p, end, &w, &line, record_line, error, error_size)
                    : decode_plain(path, &p, end, &w, line, error, error_size);
            if (status != CSV_OK)
                return status;
            *w++ = '\0';
            if (push_field(lists, field) != 0)
                goto out_of_memory;
            if (p < end && *p == ',') {
                p++;
                continue;
            }
            if (p < end) { /* line end */
                p += *p == '\r' ? 2 : 1;
                line++;
            }
            break;
        }
    }
    return CSV_OK;

out_of_memory:
    csv_set_error(error, error_size, "%s: out of memory", path);
    return CSV_INVALID;
}

/* The header names hashed once (open addressing, FNV-1a), so finding a
 * column or a repeated name costs the same whatever the number of columns. */
#define NO_DUPLICATE ((size_t)-1)

struct name_index {
    char *const *names;
    size_t *slots; /* column + 1, 0 for a free slot */
    size_t mask;
    size_t duplicate; /* the first column whose name an earlier one has, or NO_DUPLICATE */
};

static size_t name_hash(const char *name)
{
    uint64_t hash = 0xcbf29ce484222325u;
    for (const unsigned char *c = (const unsigned char *)name; *c; c++)
        hash = (hash ^ *c) * 0x100000001b3u;
    return (size_t)(hash ^ (hash >> 32));
}

static int name_index_build(struct name_index *index, char *const *names, size_t count)
{
    size_t size = 16;
    while (size < 2 * count)
        size *= 2;
    index->names = names;
    index->mask = size - 1;
    index->duplicate = NO_DUPLICATE;
    index->slots = calloc(size, sizeof *index->slots);
    if (index->slots == NULL)
        return -1;
    for (size_t c = 0; c < count; c++) {
        size_t at = name_hash(names[c]) & index->mask;
        while (index->slots[at] != 0 && strcmp(names[index->slots[at] - 1], names[c]) != 0)
            at = (at + 1) & index->mask;
        if (index->slots[at] != 0) {
            if (index->duplicate == NO_DUPLICATE)
                index->duplicate = c;
            continue;
        }
        index->slots[at] = c + 1;
    }
    return 0;
}

/* Index of the first column with this name, or -1. */
static int name_index_find(const struct name_index *index, const char *name)
{
    size_t at = name_hash(name) & index->mask;
    while (index->slots[at] != 0) {
        size_t column = index->slots[at] - 1;
        if (strcmp(index->names[column], name) == 0)
            return column > INT_MAX ? -1 : (int)column;
        at = (at + 1) & index->mask;
    }
    return -1;
}

static void name_index_free(struct name_index *index)
{
    free(index->slots);
    index->slots = NULL;
}

/* Moves the decoded records into the table: the first is the header. */
static enum csv_status build_table(const char *path, struct record_lists *lists,
                                   struct csv_table *table, char *error, size_t error_size)
{
    if (lists->record_count == 0) {
        csv_set_error(error, error_size, "%s:2: no header line after the schema line", path);
        return CSV_INVALID;
    }
    size_t columns = (lists->record_count > 1 ? lists->record_first[1] : lists->field_count);
    table->header_line = lists->record_lines[0];
    for (size_t c = 0; c < columns; c++)
        if (lists->fields[c][0] == '\0') {
            csv_set_error(error, error_size, "%s:%zu: column %zu of the header has no name", path,
                      table->header_line, c + 1);
            return CSV_INVALID;
        }
    struct name_index names;
    if (name_index_build(&names, lists->fields, columns) != 0) {
        csv_set_error(error, error_size, "%s: out of memory", path);
        return CSV_INVALID;
    }
    size_t twice = names.duplicate;
    name_index_free(&names);
    if (twice != NO_DUPLICATE) {
        csv_set_error(error, error_size, "%s:%zu: column '%s' appears twice in the header", path,
                      table->header_line, lists->fields[twice]);
        return CSV_INVALID;
    }
    for (size_t r = 1; r < lists->record_count; r++) {
        size_t first = lists->record_first[r];
        size_t next = r + 1 < lists->record_count ? lists->record_first[r + 1] : lists->field_count;
        if (next - first != columns) {
            csv_set_error(error, error_size,
                      "%s:%zu: %zu fields where the header has %zu (%s row)", path,
                      lists->record_lines[r], next - first, columns,
                      next - first < columns ? "truncated" : "damaged");
            return CSV_INVALID;
        }
    }
    table->column_count = columns;
    table->columns = lists->fields;
    table->fields = lists->fields + columns;
    table->row_count = lists->record_count - 1;
    /* Row r's line is record r + 1's; shift in place rather than copy. */
    memmove(lists->record_lines, lists->record_lines + 1, table->row_count * sizeof(size_t));
    table->row_lines = lists->record_lines;
    lists->fields = NULL;
    lists->record_lines = NULL;
    return CSV_OK;
}

enum csv_status csv_read_file(const char *path, const char *expected_name, int expected_schema,
                              struct csv_table *table, char *error, size_t error_size)
{
    memset(table, 0, sizeof *table);
    char *contents = NULL;
    size_t length = 0;
    enum csv_status status = read_whole_file(path, &contents, &length, error, error_size);
    if (status != CSV_OK)
        return status;
    struct record_lists lists = {0};

    if (length == 0) {
        csv_set_error(error, error_size,
                  "%s:1: empty file (expected a first line '# actbench %s schema %d')", path,
                  expected_name, expected_schema);
        status = CSV_INVALID;
        goto done;
    }
    if (memchr(contents, '\0', length) != NULL) {
        csv_set_error(error, error_size, "%s:1: not an actbench CSV file (binary data)", path);
        status = CSV_INVALID;
        goto done;
    }
    const char *end = contents + length;
    const char *newline = memchr(contents, '\n', length);
    const char *first_end = newline ? newline : end;
    size_t first_length = (size_t)(first_end - contents);
    if (first_length > 0 && contents[first_length - 1] == '\r')
        first_length--;
    status = check_schema_line(path, contents, first_length, expected_name, expected_schema, table,
                               error, error_size);
    if (status != CSV_OK)
        goto done;

    const char *rest = newline ? newline + 1 : end;
    table->storage = malloc((size_t)(end - rest) + 2);
    if (table->storage == NULL) {
        csv_set_error(error, error_size, "%s: out of memory", path);
        status = CSV_INVALID;
        goto done;
    }
    /* room for every field and record at once: one pass counting the
     * separators costs less than growing the lists step by step */
    size_t separators = 1, line_ends = 1;
    for (const char *c = rest; c < end; c++) {
        separators += *c == ',' || *c == '\n';
        line_ends += *c == '\n';
    }
    lists.fields = malloc(separators * sizeof *lists.fields);
    lists.record_lines = malloc(line_ends * sizeof *lists.record_lines);
    lists.record_first = malloc(line_ends * sizeof *lists.record_first);
    if (lists.fields == NULL || lists.record_lines == NULL || lists.record_first == NULL) {
        csv_set_error(error, error_size, "%s: out of memory", path);
        status = CSV_INVALID;
        goto done;
    }
    lists.field_capacity = separators;
    lists.record_capacity = line_ends;
    status = decode_records(path, rest, end, 2, table->storage, &lists, error, error_size);
    if (status == CSV_OK)
        status = build_table(path, &lists, table, error, error_size);
    if (status == CSV_OK) {
        table->path = malloc(strlen(path) + 1);
        if (table->path == NULL) {
            csv_set_error(error, error_size, "%s: out of memory", path);
            status = CSV_INVALID;
        } else {
            strcpy(table->path, path);
        }
    }

done:
    free(contents);
    free(lists.fields);
    free(lists.record_lines);
    free(lists.record_first);
    if (status != CSV_OK)
        csv_free(table);
    return status;
}

enum csv_status csv_read_schema(const char *path, const struct csv_schema *schema,
                                struct csv_table *table, char *error, size_t error_size)
{
    return csv_read_file(path, schema->name, schema->version, table, error, error_size);
}

void csv_free(struct csv_table *table)
{
    free(table->path);
    free(table->name);
    free(table->columns); /* the fields array starts there */
    free(table->row_lines);
    free(table->storage);
    memset(table, 0, sizeof *table);
}

int csv_column_index(const struct csv_table *table, const char *name)
{
    for (size_t c = 0; c < table->column_count; c++)
        if (strcmp(table->columns[c], name) == 0)
            return (int)c;
    return -1;
}

int csv_find_columns(const struct csv_table *table, const struct csv_schema *schema, int *index,
                     const bool *required, char *error, size_t error_size)
{
    struct name_index names;
    if (name_index_build(&names, table->columns, table->column_count) != 0) {
        csv_set_error(error, error_size, "%s: out of memory", table->path);
        return -1;
    }
    for (size_t c = 0; c < schema->column_count; c++) {
        index[c] = name_index_find(&names, schema->columns[c].name);
        if (index[c] < 0 && required != NULL && required[c]) {
            csv_set_error(error, error_size, "%s:%zu: missing column '%s'", table->path,
                          table->header_line, schema->columns[c].name);
            name_index_free(&names);
            return -1;
        }
    }
    name_index_free(&names);
    return 0;
}

const char *csv_field(const struct csv_table *table, size_t row, int column)
{
    if (column < 0 || (size_t)column >= table->column_count || row >= table->row_count)
        return "";
    return table->fields[row * table->column_count + (size_t)column];
}

int csv_parse_number(const char *text, double *value)
{
    if (text[0] == '\0')
        return 0;
    /* strtod skips leading blanks; a field with blanks is not one the
     * writer makes, so it counts as damaged. */
    if (text[0] == ' ' || text[0] == '\t')
        return -1;
    char *end;
    errno = 0;
    double parsed = strtod(text, &end);
    if (end == text || *end != '\0')
        return -1;
    /* ERANGE on underflow still gives the nearest value; on overflow the
     * text named a finite number beyond double, which no writer prints. */
    if (errno == ERANGE && (parsed == HUGE_VAL || parsed == -HUGE_VAL))
        return -1;
    *value = parsed;
    return 1;
}

int csv_field_number(const struct csv_table *table, size_t row, int column, double *value,
                     char *error, size_t error_size)
{
    const char *text = csv_field(table, row, column);
    int parsed = csv_parse_number(text, value);
    if (parsed < 0)
        csv_set_error(error, error_size, "%s:%zu: bad number '%s' in column %s", table->path,
                  table->row_lines[row], text, table->columns[column]);
    return parsed;
}
