/*
 * Tests of the HTML report (reports/html.c).  Generates the report from the
 * fixture CSV files (tests/data, copied into a temporary folder) and checks
 * that it is well-formed (a small tag-balance parser), that it refers to
 * nothing on a network, that every activation has its chart, that the
 * failures section lists the fixture's failures, that CSV text is escaped,
 * and that failures (bad CSV, unwritable folder) leave no file behind.  A
 * run-sized synthetic folder checks that writing stays fast.
 *
 * Usage: test_html [FIXTURE_DIR [REPORT_COPY]]   (default tests/data)
 * REPORT_COPY: where to keep a copy of the fixture's report (for
 * tests/browser_test.sh).  Prints one line per check; exits 0 only when
 * every check passed.
 */
#define _POSIX_C_SOURCE 200809L

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../reports/csv_read.h"
#include "../reports/csv_write.h"
#include "../reports/html.h"
#include "../reports/summary_text.h"

#include "check.h"

static void die(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "test_html: ");
    vfprintf(stderr, format, args);
    fprintf(stderr, "\n");
    va_end(args);
    exit(2);
}

/* ---- files ------------------------------------------------------------ */

static char *read_text(const char *path, size_t *length)
{
    FILE *file = fopen(path, "rb");
    if (file == NULL)
        return NULL;
    size_t capacity = 1 << 16, used = 0;
    char *text = malloc(capacity);
    for (;;) {
        if (text == NULL)
            die("out of memory");
        if (used + 1 >= capacity) {
            capacity *= 2;
            char *grown = realloc(text, capacity);
            if (grown == NULL)
                die("out of memory");
            text = grown;
        }
        size_t got = fread(text + used, 1, capacity - used - 1, file);
        if (got == 0)
            break;
        used += got;
    }
    fclose(file);
    text[used] = '\0';
    if (length)
        *length = used;
    return text;
}

static void write_text(const char *path, const char *text)
{
    FILE *file = fopen(path, "wb");
    if (file == NULL || fputs(text, file) < 0 || fclose(file) != 0)
        die("cannot write %s: %s", path, strerror(errno));
}

static void copy_file(const char *from, const char *to)
{
    char *text = read_text(from, NULL);
    if (text == NULL)
        die("cannot read %s: %s", from, strerror(errno));
    write_text(to, text);
    free(text);
}

static const char *const fixture_names[] = {"accuracy", "speed", "machine", "profile",
                                            "failures"};

/* A fresh folder under /tmp holding the named fixture files. */
static void make_folder(char *dir, size_t size, const char *fixture_dir, const char *const *names,
                        size_t count)
{
    snprintf(dir, size, "/tmp/actbench-test-html-XXXXXX");
    if (mkdtemp(dir) == NULL)
        die("mkdtemp: %s", strerror(errno));
    for (size_t i = 0; i < count; i++) {
        char from[1024], to[1024];
        snprintf(from, sizeof from, "%s/%s.csv", fixture_dir, names[i]);
        snprintf(to, sizeof to, "%s/%s.csv", dir, names[i]);
        copy_file(from, to);
    }
}

/* Removes a folder the test made and the plain files and folders in it. */
static void remove_folder(const char *dir)
{
    DIR *listing = opendir(dir);
    if (listing == NULL)
        return;
    struct dirent *entry;
    while ((entry = readdir(listing)) != NULL) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
        if (unlink(path) != 0)
            remove_folder(path);
    }
    closedir(listing);
    rmdir(dir);
}

/* Number of entries in dir whose name starts with prefix. */
static int count_entries(const char *dir, const char *prefix)
{
    DIR *listing = opendir(dir);
    if (listing == NULL)
        return -1;
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(listing)) != NULL)
        count += strncmp(entry->d_name, prefix, strlen(prefix)) == 0;
    closedir(listing);
    return count;
}

/* ---- well-formedness ---------------------------------------------------- */

static bool is_void_element(const char *name)
{
    static const char *const names[] = {"area", "base", "br",   "col",   "embed", "hr",  "img",
                                        "input", "link", "meta", "source", "track", "wbr"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static int line_at(const char *text, const char *at)
{
    int line = 1;
    for (const char *p = text; p < at; p++)
        line += *p == '\n';
    return line;
}

/*
 * Checks that every non-void element is closed, in order; that attribute
 * values are quoted; that '<' in text starts a tag and '&' an entity.
 * script and style hold raw text up to their end tag.  "/>" is accepted
 * inside svg only.  Returns NULL or a message with the line.
 */
static const char *check_well_formed(const char *html)
{
    static char message[256];
    char stack[256][32];
    int depth = 0, svg_depth = 0;
    const char *p = html;
    while (*p) {
        if (*p == '&') {
            const char *q = p + 1;
            if (*q == '#')
                q++;
            while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                   (*q >= '0' && *q <= '9'))
                q++;
            if (*q != ';' || q == p + 1) {
                snprintf(message, sizeof message, "line %d: '&' that starts no entity",
                         line_at(html, p));
                return message;
            }
            p = q + 1;
            continue;
        }
        if (*p == '>') {
            snprintf(message, sizeof message, "line %d: stray '>' in text", line_at(html, p));
            return message;
        }
        if (*p != '<') {
            p++;
            continue;
        }
        if (strncmp(p, "<!--", 4) == 0) {
            const char *end = strstr(p, "-->");
            if (end == NULL)
                return "unclosed comment";
            p = end + 3;
            continue;
        }
        if (strncmp(p, "<!", 2) == 0) {
            const char *end = strchr(p, '>');
            if (end == NULL)
                return "unclosed declaration";
            p = end + 1;
            continue;
        }
        bool closing = p[1] == '/';
        const char *name_start = p + (closing ? 2 : 1);
        const char *q = name_start;
        while ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
               *q == '-')
            q++;
        if (q == name_start) {
            snprintf(message, sizeof message, "line %d: stray '<'", line_at(html, p));
            return message;
        }
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(q - name_start), name_start);
        if (closing) {
            if (*q != '>') {
                snprintf(message, sizeof message, "line %d: junk in </%s>", line_at(html, p), name);
                return message;
            }
            if (depth == 0 || strcmp(stack[depth - 1], name) != 0) {
                snprintf(message, sizeof message, "line %d: </%s> closes <%s>", line_at(html, p),
                         name, depth ? stack[depth - 1] : "(nothing)");
                return message;
            }
            depth--;
            if (strcmp(name, "svg") == 0)
                svg_depth--;
            p = q + 1;
            continue;
        }
        /* attributes */
        bool self_closing = false;
        for (;;) {
            while (*q == ' ' || *q == '\n' || *q == '\t')
                q++;
            if (*q == '>') {
                q++;
                break;
            }
            if (q[0] == '/' && q[1] == '>') {
                self_closing = true;
                q += 2;
                break;
            }
            const char *attribute = q;
            while (*q && *q != '=' && *q != ' ' && *q != '>' && *q != '/' && *q != '\n')
                q++;
            if (q == attribute) {
                snprintf(message, sizeof message, "line %d: bad attribute in <%s>",
                         line_at(html, p), name);
                return message;
            }
            if (*q == '=') {
                q++;
                if (*q != '"') {
                    snprintf(message, sizeof message, "line %d: unquoted attribute value in <%s>",
                             line_at(html, p), name);
                    return message;
                }
                const char *end = strchr(q + 1, '"');
                if (end == NULL)
                    return "unterminated attribute value";
                for (const char *v = q + 1; v < end; v++)
                    if (*v == '<') {
                        snprintf(message, sizeof message, "line %d: '<' in an attribute of <%s>",
                                 line_at(html, p), name);
                        return message;
                    }
                q = end + 1;
            }
        }
        if (self_closing) {
            if (svg_depth == 0 && strcmp(name, "svg") != 0 && !is_void_element(name)) {
                snprintf(message, sizeof message, "line %d: <%s/> outside svg", line_at(html, p),
                         name);
                return message;
            }
            p = q;
            continue;
        }
        if (is_void_element(name)) {
            p = q;
            continue;
        }
        if (strcmp(name, "script") == 0 || strcmp(name, "style") == 0) {
            char end_tag[48];
            snprintf(end_tag, sizeof end_tag, "</%s>", name);
            const char *end = strstr(q, end_tag);
            if (end == NULL) {
                snprintf(message, sizeof message, "line %d: <%s> never closed", line_at(html, p),
                         name);
                return message;
            }
            p = end + strlen(end_tag);
            continue;
        }
        if (depth == (int)(sizeof stack / sizeof stack[0]))
            return "elements nested too deep";
        snprintf(stack[depth++], sizeof stack[0], "%s", name);
        if (strcmp(name, "svg") == 0)
            svg_depth++;
        p = q;
    }
    if (depth != 0) {
        snprintf(message, sizeof message, "<%s> never closed (%d open at the end)",
                 stack[depth - 1], depth);
        return message;
    }
    return NULL;
}

static bool contains_case_insensitive(const char *text, const char *needle)
{
    size_t length = strlen(needle);
    for (const char *p = text; *p; p++) {
        size_t i = 0;
        while (i < length && p[i] &&
               (p[i] | 0x20) == (needle[i] | 0x20))
            i++;
        if (i == length)
            return true;
    }
    return false;
}

/* NULL, or what refers to a network resource. */
static const char *network_reference(const char *html)
{
    static const char *const forbidden[] = {
        "http://", "https://", "src=\"//", "href=\"//", "@import", "url(", "<script src",
        "<link",   "ftp://",   "xlink:href",
    };
    for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++)
        if (contains_case_insensitive(html, forbidden[i]))
            return forbidden[i];
    /* Any src attribute at all would load something. */
    if (contains_case_insensitive(html, " src=\""))
        return "src=";
    return NULL;
}

static size_t count_occurrences(const char *text, const char *needle)
{
    size_t count = 0;
    for (const char *p = strstr(text, needle); p; p = strstr(p + 1, needle))
        count++;
    return count;
}

/* HTML-escapes text the way the report must. */
static void escape(const char *text, char *out, size_t size)
{
    size_t used = 0;
    for (const char *p = text; *p && used + 7 < size; p++) {
        const char *entity = NULL;
        switch (*p) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: out[used++] = *p; continue;
        }
        used += (size_t)snprintf(out + used, size - used, "%s", entity);
    }
    out[used] = '\0';
}

/* The section with this id, as a new string (empty when absent). */
static char *section(const char *html, const char *id)
{
    char marker[256];
    snprintf(marker, sizeof marker, "<section id=\"%s\">", id);
    const char *start = strstr(html, marker);
    const char *end = start ? strstr(start, "</section>") : NULL;
    size_t length = start && end ? (size_t)(end - start) : 0;
    char *text = malloc(length + 1);
    if (text == NULL)
        die("out of memory");
    memcpy(text, start ? start : "", length);
    text[length] = '\0';
    return text;
}

static char *generate(const char *dir, struct html_report_info *info)
{
    char error[1024];
    if (html_write_report_info(dir, "report.html", info, error, sizeof error) != 0) {
        check(false, "report written from %s: %s", dir, error);
        return NULL;
    }
    char path[1024];
    snprintf(path, sizeof path, "%s/report.html", dir);
    return read_text(path, NULL);
}

/* ---- the fixture report -------------------------------------------------- */

static void check_fixture_report(const char *fixture_dir, const char *keep_copy)
{
    char dir[256];
    make_folder(dir, sizeof dir, fixture_dir, fixture_names, 5);
    struct html_report_info info;
    char *html = generate(dir, &info);
    if (html == NULL)
        return;
    printf("      fixture report: %zu bytes, written in %.2f ms\n", info.bytes,
           info.seconds * 1e3);
    check(count_entries(dir, ".report.html") == 0, "no temporary file left beside the report");
    const char *problem = check_well_formed(html);
    check(problem == NULL, "the report is well-formed%s%s", problem ? ": " : "",
          problem ? problem : "");
    const char *network = network_reference(html);
    check(network == NULL, "the report refers to no network resource%s%s",
          network ? ": found " : "", network ? network : "");

    /* One accuracy chart and one section per activation of the fixture. */
    struct csv_table accuracy;
    char error[1024], path[1024];
    snprintf(path, sizeof path, "%s/accuracy.csv", fixture_dir);
    if (csv_read_schema(path, &accuracy_schema, &accuracy, error, sizeof error) != CSV_OK)
        die("%s", error);
    int activation_column = csv_column_index(&accuracy, "activation");
    int status_column = csv_column_index(&accuracy, "status");
    int format_column = csv_column_index(&accuracy, "format");
    const char *seen[64];
    size_t seen_count = 0, skipped_rows = 0;
    for (size_t row = 0; row < accuracy.row_count; row++) {
        const char *name = csv_field(&accuracy, row, activation_column);
        /* skipped rows are greyed in the f32 table; the 16-bit table says
         * "skipped" in their cells */
        skipped_rows += strcmp(csv_field(&accuracy, row, status_column), "ok") != 0 &&
                        strcmp(csv_field(&accuracy, row, format_column), "f32") == 0;
        bool known = false;
        for (size_t i = 0; i < seen_count; i++)
            known |= strcmp(seen[i], name) == 0;
        if (!known && seen_count < 64)
            seen[seen_count++] = name;
    }
    size_t charts_ok = 0;
    for (size_t i = 0; i < seen_count; i++) {
        char pareto[256], bars[256], id[256];
        snprintf(pareto, sizeof pareto,
                 "<svg class=\"chart\" data-activation=\"%s\" data-kind=\"pareto\"", seen[i]);
        snprintf(bars, sizeof bars,
                 "<svg class=\"chart\" data-activation=\"%s\" data-kind=\"accuracy-bars\"",
                 seen[i]);
        snprintf(id, sizeof id, "<section id=\"act-%s\">", seen[i]);
        size_t charts = count_occurrences(html, pareto) + count_occurrences(html, bars);
        bool ok = charts == 1 && strstr(html, id) != NULL;
        if (!ok)
            printf("      activation %s: %zu accuracy charts, section %s\n", seen[i], charts,
                   strstr(html, id) ? "present" : "missing");
        charts_ok += ok;
    }
    check(seen_count == 6 && charts_ok == seen_count,
          "one section and one svg.chart (pareto or accuracy-bars) for each of the %zu "
          "activations",
          seen_count);
    size_t profiles = count_occurrences(html, "data-kind=\"profile-value\"") +
                      count_occurrences(html, "data-kind=\"profile-gradient\"");
    check(count_occurrences(html, "<svg class=\"chart\"") == seen_count + profiles &&
              count_occurrences(html, "data-kind=\"profile-gradient\"") > 0,
          "every other chart is a value or gradient profile chart (%zu profile charts)",
          profiles);
    /* the verdict comes first, with a tab per format and a row per
     * activation */
    const char *verdict = strstr(html, "<section id=\"verdict\">");
    const char *first_activation = strstr(html, "<section id=\"act-");
    const char *machine = strstr(html, "<section id=\"machine\">");
    check(verdict != NULL && first_activation != NULL && machine != NULL &&
              verdict < first_activation && first_activation < machine,
          "the verdict comes first, the machine after the activations");
    char *verdict_text = section(html, "verdict");
    check(count_occurrences(verdict_text, "<input type=\"radio\" name=\"verdict-format\"") == 3 &&
              count_occurrences(verdict_text, "<table class=\"verdict\"") == 3 &&
              count_occurrences(verdict_text, "<th scope=\"row\">") >= seen_count,
          "the verdict has an f32, a bf16 and an f16 tab, each a row per activation");
    free(verdict_text);
    char *softmax = section(html, "act-softmax");
    check(strstr(softmax, "data-kind=\"accuracy-bars\"") != NULL &&
              strstr(softmax, "Speed was not measured for this activation") != NULL,
          "softmax, not timed in the fixture, says so and still has a bar chart");
    free(softmax);
    check(count_occurrences(html, "<tr class=\"skipped\">") == skipped_rows,
          "the %zu skipped rows are greyed", skipped_rows);
    char *tanh = section(html, "act-tanh");
    check(strstr(tanh, "class=\"num over\" title=\"above its declared bound of 4 ulp\">5.25<") != NULL,
          "tanh_poly_avx2's 5.25 ulp over its contract bound of 4 is highlighted");
    check(strstr(tanh, "class=\"num finding\" title=\"a finding: beyond the documented bound of "
                       "2.5 ulp\"><a href=\"#findings\">2.7<") != NULL,
          "tanh_libmvec_avx2's 2.7 ulp beyond its documented 2.5 has the finding colour");
    free(tanh);
    char *findings = section(html, "findings");
    check(strstr(findings, "<li class=\"finding\"><b>tanh_libmvec_avx2</b> (f32, value): 2.7 ulp "
                           "at x = <code>-0x1.dcp+1</code> (-3.71875): got") != NULL,
          "the findings section says the finding with its worst input");
    free(findings);
    char *gelu_tanh = section(html, "act-gelu_tanh");
    check(strstr(gelu_tanh, "distance from exact gelu") != NULL &&
              strstr(gelu_tanh, "-0x1.89p+1") != NULL &&
              strstr(gelu_tanh, "-0x1.89p+1 <i>(-3.07031)</i>") != NULL,
          "gelu_tanh shows its distance from exact gelu and where it is largest, in decimal "
          "too");
    free(gelu_tanh);
    csv_free(&accuracy);

    /* Every failure of the fixture is listed, up to the cap per
     * implementation, and the rest counted. */
    struct csv_table failures;
    snprintf(path, sizeof path, "%s/failures.csv", fixture_dir);
    if (csv_read_schema(path, &failures_schema, &failures, error, sizeof error) != CSV_OK)
        die("%s", error);
    char *listed = section(html, "failures");
    int implementation_column = csv_column_index(&failures, "implementation");
    size_t found = 0, expected = 0, capped = 0;
    const char *last_implementation = "";
    size_t shown_of_implementation = 0;
    for (size_t row = 0; row < failures.row_count; row++) {
        const char *implementation = csv_field(&failures, row, implementation_column);
        if (strcmp(implementation, last_implementation) != 0)
            shown_of_implementation = 0;
        last_implementation = implementation;
        if (++shown_of_implementation > 8) {
            capped++;
            continue;
        }
        expected++;
        char cells[2048], input[256], got[256], want[256], detail[512];
        escape(csv_field(&failures, row, csv_column_index(&failures, "input")), input,
               sizeof input);
        escape(csv_field(&failures, row, csv_column_index(&failures, "got")), got, sizeof got);
        escape(csv_field(&failures, row, csv_column_index(&failures, "want")), want, sizeof want);
        escape(csv_field(&failures, row, csv_column_index(&failures, "detail")), detail,
               sizeof detail);
        snprintf(cells, sizeof cells,
                 "<td class=\"hex\">%s</td><td class=\"hex\">%s</td><td class=\"hex\">%s</td><td>%s</td>",
                 input, got, want, detail);
        if (strstr(listed, cells) != NULL)
            found++;
        else
            printf("      not listed: %s\n", cells);
    }
    check(found == expected && expected > 0,
          "the failures section lists the fixture's failures with input, got and want (%zu of "
          "%zu)",
          found, expected);
    char more[128];
    snprintf(more, sizeof more, "... and %zu more failures of this implementation", capped);
    check(capped > 0 && strstr(listed, more) != NULL,
          "past 8 examples per implementation the rest are counted (%zu more)", capped);
    check(strstr(listed, "&lt;no max subtraction&gt;") != NULL &&
              strstr(listed, "&quot;inf/inf&quot;") != NULL && strstr(html, "<no max") == NULL,
          "text from the CSV files is HTML-escaped");
    free(listed);
    csv_free(&failures);
    check(strstr(html, "x copy2 (reads two arrays, writes one)") != NULL &&
              strstr(html, "<small>1.098x copy2</small>") != NULL,
          "gradient cells show their ratio to the two-input copy, the speed.csv column "
          "ratio_to_copy2");
    check(strstr(html, "libcpuid and cpuid disagree (2)") != NULL &&
              strstr(html, "cores=4 &quot;big&quot; cores &lt;from CPUKind&gt;") != NULL,
          "the machine block lists the 2 disagreements, escaped");

    if (keep_copy != NULL) {
        char report[1024];
        snprintf(report, sizeof report, "%s/report.html", dir);
        copy_file(report, keep_copy);
        printf("      report copied to %s\n", keep_copy);
    }
    free(html);
    remove_folder(dir);
}

/* ---- partial and damaged folders ----------------------------------------- */

/* Empties the named columns of a CSV file without quoted fields (as an
 * accuracy-only run leaves its speed columns). */
static void blank_columns(const char *path, const char *const *names, size_t name_count)
{
    char *text = read_text(path, NULL);
    if (text == NULL || strchr(text, '"') != NULL)
        die("%s: cannot edit (missing, or quoted fields)", path);
    size_t size = strlen(text) + 1;
    char *edited = malloc(size);
    if (edited == NULL)
        die("out of memory");
    bool blank[256] = {false};
    size_t used = 0, line = 1, column = 0;
    const char *field = text;
    for (const char *p = text;; p++) {
        if (*p != ',' && *p != '\n' && *p != '\0')
            continue;
        size_t length = (size_t)(p - field);
        if (line == 2 && column < 256)
            for (size_t n = 0; n < name_count; n++)
                if (strlen(names[n]) == length && strncmp(field, names[n], length) == 0)
                    blank[column] = true;
        bool keep = line <= 2 || column >= 256 || !blank[column];
        if (keep) {
            memcpy(edited + used, field, length);
            used += length;
        }
        if (*p == '\0')
            break;
        edited[used++] = *p;
        if (*p == '\n') {
            line++;
            column = 0;
        } else {
            column++;
        }
        field = p + 1;
    }
    edited[used] = '\0';
    write_text(path, edited);
    free(edited);
    free(text);
}

static void check_without_speed(const char *fixture_dir)
{
    static const char *const names[] = {"accuracy", "machine", "profile", "failures"};
    static const char *const speed_figures[] = {"cycles_per_element", "ratio_to_copy",
                                                "speed_spread"};
    char dir[256], path[1024];
    make_folder(dir, sizeof dir, fixture_dir, names, 4);
    snprintf(path, sizeof path, "%s/accuracy.csv", dir);
    blank_columns(path, speed_figures, 3);
    char *html = generate(dir, NULL);
    if (html != NULL) {
        check(strstr(html, "speed was not measured") != NULL &&
                  count_occurrences(html, "data-kind=\"accuracy-bars\"") == 6 &&
                  count_occurrences(html, "data-kind=\"pareto\"") == 0,
              "without speed.csv the report says so and every activation has a bar chart");
        check(check_well_formed(html) == NULL, "... and is well-formed");
    }
    free(html);
    remove_folder(dir);

    static const char *const only_accuracy[] = {"accuracy"};
    make_folder(dir, sizeof dir, fixture_dir, only_accuracy, 1);
    html = generate(dir, NULL);
    if (html != NULL)
        check(check_well_formed(html) == NULL &&
                  strstr(html, "machine.csv was not found") != NULL &&
                  strstr(html, "failures.csv was not found") != NULL,
              "with accuracy.csv alone the report is written and names what is missing");
    free(html);
    remove_folder(dir);
}

static void check_bad_input(const char *fixture_dir)
{
    char dir[256], path[1024], error[1024];
    make_folder(dir, sizeof dir, fixture_dir, fixture_names, 5);
    /* A good report first: a failed run must leave it as it was. */
    char *before = generate(dir, NULL);
    snprintf(path, sizeof path, "%s/profile.csv", dir);
    char damaged[512];
    snprintf(damaged, sizeof damaged,
             "# actbench profile schema %d\n"
             "activation,implementation,format,quantity,axis,bin_lo,bin_hi,count,max_ulp\n"
             "tanh,tanh_libm_scalar,f32,value,x,-10,-9.75,100,0.5\n"
             "tanh,tanh_libm_scalar,f32,value,x,-9.75,-9.5,1OO,0.5\n",
             PROFILE_SCHEMA_VERSION);
    write_text(path, damaged);
    int result = html_write_report(dir, "report.html", error, sizeof error);
    char where[1100];
    snprintf(where, sizeof where, "%s:4: bad number '1OO' in column count", path);
    check(result != 0 && strstr(error, where) != NULL, "a bad number is an error naming file and "
                                                       "line: \"%s\"", error);
    snprintf(path, sizeof path, "%s/report.html", dir);
    char *after = read_text(path, NULL);
    check(before != NULL && after != NULL && strcmp(before, after) == 0 &&
              count_entries(dir, ".report.html") == 0,
          "... and the previous report is left as it was, with no temporary file");
    free(before);
    free(after);

    snprintf(path, sizeof path, "%s/accuracy.csv", dir);
    unlink(path);
    result = html_write_report(dir, "report.html", error, sizeof error);
    check(result != 0 && strstr(error, "accuracy.csv") != NULL,
          "a folder without accuracy.csv is an error: \"%s\"", error);
    remove_folder(dir);

    result = html_write_report("/tmp/actbench-no-such-folder/x", "report.html", error,
                               sizeof error);
    check(result != 0, "a nonexistent folder is an error: \"%s\"", error);
}

static void check_unwritable(const char *fixture_dir)
{
    char dir[256], path[1024], error[1024];
    make_folder(dir, sizeof dir, fixture_dir, fixture_names, 5);
    /* report.html taken by a folder: the finished report cannot be put in
     * place, and its temporary file must go. */
    snprintf(path, sizeof path, "%s/report.html", dir);
    mkdir(path, 0755);
    int result = html_write_report(dir, "report.html", error, sizeof error);
    check(result != 0 && count_entries(dir, ".report.html") == 0,
          "a report path that cannot be replaced is an error and leaves no file: \"%s\"", error);
    rmdir(path);

    /* A folder without write permission.  Permissions do not bind root, so
     * root runs this part in a child that has become the unprivileged user
     * "nobody" (65534). */
    chmod(dir, 0555);
    if (geteuid() != 0) {
        result = html_write_report(dir, "report.html", error, sizeof error);
        check(result != 0 && count_entries(dir, "report.html") == 0 &&
                  count_entries(dir, ".report.html") == 0,
              "an unwritable folder is an error and leaves no file: \"%s\"", error);
    } else {
        fflush(stdout);
        pid_t child = fork();
        if (child == 0) {
            if (setgid(65534) != 0 || setuid(65534) != 0)
                _exit(77);
            result = html_write_report(dir, "report.html", error, sizeof error);
            printf("      as nobody: \"%s\"\n", result != 0 ? error : "(no error)");
            fflush(stdout);
            _exit(result != 0 ? 0 : 1);
        }
        int status = 0;
        if (child < 0 || waitpid(child, &status, 0) != child || !WIFEXITED(status)) {
            check(false, "the unwritable-folder child ran");
        } else if (WEXITSTATUS(status) == 77) {
            printf("skip: cannot become nobody to test an unwritable folder\n");
        } else {
            check(WEXITSTATUS(status) == 0 && count_entries(dir, "report.html") == 0 &&
                      count_entries(dir, ".report.html") == 0,
                  "an unwritable folder is an error and leaves no file (as user nobody)");
        }
    }
    chmod(dir, 0755);
    remove_folder(dir);
}

/* ---- run-sized input ------------------------------------------------------ */

/* Writes CSV files the size of a full run with every kernel planned: 18
 * activations with 11 implementations each (198; one skipped per
 * activation), 3 formats, speed in 3 modes and 2 sizes, value and gradient
 * profiles over 80 x bins in every format and 300 binades in f32, and
 * failure examples. */
static size_t full_size_rows[3]; /* accuracy, speed, profile rows written */

enum { FULL_ACTIVATIONS = 18, FULL_IMPLEMENTATIONS = 11 };

static void write_full_size_run(const char *dir)
{
    static const char *const activations[FULL_ACTIVATIONS] = {
        "relu", "leaky_relu", "prelu", "elu", "sigmoid", "tanh", "hard_sigmoid_keras",
        "hard_sigmoid_torch", "gelu", "gelu_tanh", "silu", "softplus", "softmax", "maxout",
        "mish", "selu", "hardswish", "log_softmax",
    };
    static const char *const methods[FULL_IMPLEMENTATIONS] = {
        "libm", "libmvec", "libmvec", "sleef", "sleef", "sleef", "poly", "poly", "table",
        "table", "poly"};
    static const char *const variants[FULL_IMPLEMENTATIONS] = {
        "f32_libm", "f32_libmvec", "f32_libmvec", "f32_sleef_u10", "f32_sleef_u35",
        "f32_sleef_u10", "f32_poly_fast", "f32_poly_fast", "f32_table_accurate",
        "f32_table_accurate", "bf16_poly"};
    static const char *const isas[FULL_IMPLEMENTATIONS] = {
        "scalar", "avx2", "avx512f", "avx2", "avx2", "avx512f", "avx2", "avx512f", "avx2",
        "avx512f", "avx512fp16"};
    static const char *const formats[] = {"f32", "bf16", "f16"};
    char path[1024];
    snprintf(path, sizeof path, "%s/accuracy.csv", dir);
    FILE *accuracy = fopen(path, "w");
    snprintf(path, sizeof path, "%s/speed.csv", dir);
    FILE *speed = fopen(path, "w");
    snprintf(path, sizeof path, "%s/profile.csv", dir);
    FILE *profile = fopen(path, "w");
    snprintf(path, sizeof path, "%s/failures.csv", dir);
    FILE *failures = fopen(path, "w");
    if (!accuracy || !speed || !profile || !failures)
        die("cannot write the full-size run in %s", dir);
    csv_write_header(accuracy, &accuracy_schema);
    csv_write_header(profile, &profile_schema);
    csv_write_header(failures, &failures_schema);
    /* Fewer columns than reports/speed_csv.c writes (no size_bytes, cpu,
     * core_ghz, note ...): the report looks columns up by name and must
     * cope with absent ones. */
    fprintf(speed, "# actbench speed schema %d\nimplementation,activation,method,isa,status,mode,"
                   "size_label,bytes,elements,core,core_kind,distribution,clock,repetitions,"
                   "cpe_min,cpe_median,cpe_max,ns_per_element_median,ratio_to_copy,"
                   "all_cores_scaling\n",
            SPEED_SCHEMA_VERSION);
    for (size_t a = 0; a < FULL_ACTIVATIONS; a++)
        for (size_t m = 0; m < FULL_IMPLEMENTATIONS; m++) {
            char implementation[128];
            snprintf(implementation, sizeof implementation, "%s_%s_%s", activations[a],
                     variants[m], isas[m]);
            bool native = m == FULL_IMPLEMENTATIONS - 1; /* a bf16 kernel */
            bool skipped = native;                      /* no avx512fp16 here */
            double cycles = 1.0 + (double)((a * 7 + m * 3) % 23) * 0.7;
            for (size_t f = native ? 1 : 0; f < (native ? 2u : 3u); f++) {
                for (size_t c = 0; c < ACCURACY_COLUMN_COUNT; c++) {
                    const char *name = accuracy_columns[c].name;
                    char value[128] = "";
                    if (strcmp(name, "activation") == 0)
                        snprintf(value, sizeof value, "%s", activations[a]);
                    else if (strcmp(name, "implementation") == 0)
                        snprintf(value, sizeof value, "%s", implementation);
                    else if (strcmp(name, "method") == 0)
                        snprintf(value, sizeof value, "%s", methods[m]);
                    else if (strcmp(name, "isa") == 0)
                        snprintf(value, sizeof value, "%s", isas[m]);
                    else if (strcmp(name, "format") == 0)
                        snprintf(value, sizeof value, "%s", formats[f]);
                    else if (strcmp(name, "status") == 0)
                        snprintf(value, sizeof value, "%s", skipped ? "skipped_isa" : "ok");
                    else if (skipped)
                        value[0] = '\0'; /* skipped: nothing measured */
                    else if (strstr(name, "histogram") != NULL)
                        snprintf(value, sizeof value, "%zu;%zu;%zu;3;0;0;0;0;0", 60000 + m,
                                 4000 + a, 1530 - m);
                    else if (strstr(name, "_ulp") != NULL)
                        snprintf(value, sizeof value, "%.9g", 0.5 + (double)(a + m + f) * 0.37);
                    else if (strcmp(name, "points") == 0)
                        snprintf(value, sizeof value, "%d", f ? 65536 : 1048576);
                    else if (strstr(name, "failures") != NULL || strstr(name, "violations") ||
                             strstr(name, "over_") || strstr(name, "differs"))
                        snprintf(value, sizeof value, "%zu", (a + m) % 4 == 0 ? (size_t)3 : 0);
                    else if (strcmp(name, "cycles_per_element") == 0)
                        snprintf(value, sizeof value, "%.4f", cycles);
                    else if (strcmp(name, "ratio_to_copy") == 0)
                        snprintf(value, sizeof value, "%.4f", cycles / 0.12);
                    else if (strcmp(name, "speed_spread") == 0)
                        snprintf(value, sizeof value, "1.02");
                    else if (strstr(name, "worst") != NULL || strstr(name, "_x") != NULL)
                        snprintf(value, sizeof value, "%a", 1.5 + (double)a);
                    fprintf(accuracy, "%s%s", c ? "," : "", value);
                }
                fprintf(accuracy, "\n");
                full_size_rows[0]++;
            }
            if (skipped) {
                fprintf(speed, "%s,%s,%s,%s,skipped_isa,throughput,L1,,,,,,,,,,,,,\n",
                        implementation, activations[a], methods[m], isas[m]);
                continue;
            }
            static const char *const modes[] = {"throughput", "latency", "gradient_throughput"};
            static const char *const sizes[] = {"L1", "L2"};
            for (size_t s2 = 0; s2 < 2; s2++)
                for (size_t mode = 0; mode < 3; mode++) {
                    double median = cycles * (1.0 + (double)s2 * 0.2 + (double)mode);
                    fprintf(speed, "%s,%s,%s,%s,ok,%s,%s,%d,%d,0,default,uniform,perf_cycles,"
                                   "15,%.4f,%.4f,%.4f,%.4f,%.4f,\n",
                            implementation, activations[a], methods[m], isas[m], modes[mode],
                            sizes[s2], 16384 << (4 * s2), 4096 << (4 * s2), median * 0.98,
                            median, median * 1.05, median / 3.0, median / 0.12);
                    full_size_rows[1]++;
                }
            for (size_t f = 0; f < 3; f++)
                for (int q = 0; q < 2; q++) {
                    const char *quantity = q ? "gradient" : "value";
                    /* the ISAs of one method share their profile, as they do */
                    for (int b = 0; b < 80; b++)
                        fprintf(profile, "%s,%s,%s,%s,x,%g,%g,%d,%.9g\n", activations[a],
                                implementation, formats[f], quantity, -10 + b * 0.25,
                                -10 + (b + 1) * 0.25, 13107,
                                0.3 + (double)((b * 7 + (int)(m / 2)) % 11) * 0.1);
                    full_size_rows[2] += 80;
                    if (f > 0)
                        continue;
                    full_size_rows[2] += 300;
                    for (int e = -150; e < 150; e++)
                        fprintf(profile, "%s,%s,f32,%s,binade,%d,%d,%d,%.9g\n", activations[a],
                                implementation, quantity, e, e + (e < 0 ? -1 : 1), 4096, 0.4);
                }
            if ((a + m) % 4 == 0)
                for (int k = 0; k < 12; k++)
                    fprintf(failures, "%s,%s,f32,value_special,%a,nan,%a,example %d\n",
                            activations[a], implementation, (double)k, (double)k, k + 1);
        }
    fclose(accuracy);
    fclose(speed);
    fclose(profile);
    fclose(failures);
}

static void check_full_size(const char *fixture_dir)
{
    static const char *const names[] = {"machine"};
    char dir[256];
    make_folder(dir, sizeof dir, fixture_dir, names, 1);
    write_full_size_run(dir);
    struct html_report_info info;
    char *html = generate(dir, &info);
    if (html != NULL) {
        printf("      full-size run (%d implementations, %zu accuracy rows, %zu speed rows, %zu "
               "profile rows): %zu bytes in %.1f ms\n",
               FULL_ACTIVATIONS * FULL_IMPLEMENTATIONS, full_size_rows[0], full_size_rows[1],
               full_size_rows[2], info.bytes, info.seconds * 1e3);
        check(info.bytes <= 1000000, "a full-size report stays within 1 MB (%zu bytes)",
              info.bytes);
        /* about 0.4 s of CPU for these 194400 profile rows (a real run of
         * this size writes half as many); the bound only catches a report
         * that has become pathologically slow on a shared CI machine */
        check(info.seconds < 5.0, "a full-size report is read and written in under 5 s (%.3f s)",
              info.seconds);
        const char *problem = check_well_formed(html);
        /* pareto, value and gradient profiles in f32, the value profile in bf16 */
        size_t charts = count_occurrences(html, "<svg class=\"chart\"");
        check(problem == NULL && charts == 4 * FULL_ACTIVATIONS,
              "... is well-formed with 4 charts for each of the %d activations (%zu)%s%s",
              FULL_ACTIVATIONS, charts, problem ? ": " : "", problem ? problem : "");
    }
    free(html);
    if (getenv("ACTBENCH_KEEP_FULL_SIZE") != NULL)
        printf("      kept %s\n", dir);
    else
        remove_folder(dir);
}

/* ---- forward-only implementations ------------------------------------- */

/* One sigmoid row in the way accuracy.csv writes it: with a gradient
 * (bound and figures), or forward only (no gradient bound; its gradient
 * statistics are counts over nothing, 0). */
static void write_sigmoid_row(FILE *accuracy, const char *implementation, bool has_gradient)
{
    for (size_t c = 0; c < ACCURACY_COLUMN_COUNT; c++) {
        const char *name = accuracy_columns[c].name;
        char value[128] = "";
        if (strcmp(name, "activation") == 0)
            snprintf(value, sizeof value, "sigmoid");
        else if (strcmp(name, "implementation") == 0)
            snprintf(value, sizeof value, "%s", implementation);
        else if (strcmp(name, "method") == 0)
            snprintf(value, sizeof value, has_gradient ? "libm" : "xnnpack");
        else if (strcmp(name, "isa") == 0)
            snprintf(value, sizeof value, has_gradient ? "scalar" : "avx512f");
        else if (strcmp(name, "format") == 0)
            snprintf(value, sizeof value, "f32");
        else if (strcmp(name, "status") == 0)
            snprintf(value, sizeof value, "ok");
        else if (strcmp(name, "gradient_bound_ulp") == 0 && !has_gradient)
            value[0] = '\0';
        else if (strstr(name, "histogram") != NULL)
            snprintf(value, sizeof value, "%s", strstr(name, "gradient") && !has_gradient
                                                    ? "0;0;0;0;0;0;0;0;0"
                                                    : "1000;20;4;0;0;0;0;0;0");
        else if (strncmp(name, "gradient_", 9) == 0 && strstr(name, "_ulp") != NULL)
            snprintf(value, sizeof value, "%s", has_gradient ? "3.25" : "0");
        else if (strstr(name, "_ulp") != NULL)
            snprintf(value, sizeof value, "1.75");
        else if (strcmp(name, "points") == 0)
            snprintf(value, sizeof value, "1024");
        else if (strstr(name, "failures") != NULL || strstr(name, "violations") ||
                 strstr(name, "over_") || strstr(name, "differs"))
            snprintf(value, sizeof value, "0");
        fprintf(accuracy, "%s%s", c ? "," : "", value);
    }
    fprintf(accuracy, "\n");
}

/* The text of the <tr> that names an implementation. */
static char *table_row_of(const char *html, const char *implementation)
{
    const char *at = strstr(html, implementation);
    if (at == NULL)
        return NULL;
    const char *start = at, *end = strstr(at, "</tr>");
    while (start > html && strncmp(start, "<tr", 3) != 0)
        start--;
    if (end == NULL)
        return NULL;
    size_t length = (size_t)(end - start);
    char *row = malloc(length + 1);
    if (row == NULL)
        die("out of memory");
    memcpy(row, start, length);
    row[length] = '\0';
    return row;
}

/* A forward-only implementation (XNNPACK has no backward) shows no
 * gradient figure, in the HTML table and in the text summary, while one
 * with a gradient shows its figure. */
static void check_forward_only(const char *fixture_dir)
{
    static const char *const names[] = {"machine"};
    char dir[256], path[1024];
    make_folder(dir, sizeof dir, fixture_dir, names, 1);
    snprintf(path, sizeof path, "%s/accuracy.csv", dir);
    FILE *accuracy = fopen(path, "w");
    if (accuracy == NULL)
        die("cannot write %s", path);
    csv_write_header(accuracy, &accuracy_schema);
    write_sigmoid_row(accuracy, "sigmoid_f32_libm_scalar", true);
    write_sigmoid_row(accuracy, "sigmoid_f32_xnnpack_avx512f", false);
    fclose(accuracy);

    char *html = generate(dir, NULL);
    if (html != NULL) {
        /* the table names an implementation without its activation */
        char *with = table_row_of(html, ">f32_libm_scalar<");
        char *without = table_row_of(html, ">f32_xnnpack_avx512f<");
        /* the cells: ..., max ulp all x (1.75), gradient max ulp, ... */
        check(with != NULL &&
                  strstr(with, ">1.75</td><td class=\"num\">3.25</td>") != NULL,
              "a row with a gradient shows its gradient max ulp");
        check(without != NULL &&
                  strstr(without, ">1.75</td><td class=\"num\" title=\"forward only: no "
                                  "gradient\">&mdash;</td>") != NULL &&
                  strstr(without, ">1.75</td><td class=\"num\">0</td>") == NULL,
              "a forward-only row shows no gradient (a dash), never a number");
        free(with);
        free(without);
    }
    free(html);

    struct report report = {.dir = dir, .accuracy_optional = false};
    char error[1024];
    char *text = NULL;
    size_t text_size = 0;
    if (report_load(&report, error, sizeof error) != 0) {
        check(false, "the forward-only run loads: %s", error);
    } else {
        FILE *out = open_memstream(&text, &text_size);
        struct summary_options options = {.top = 0, .color = false};
        if (out == NULL || print_run_summary(out, &report, &options) != 0)
            die("cannot print the summary");
        fclose(out);
        /* the line: marks, rank, name, [-10,10], >1ulp, all x, grad, ... */
        const char *line = strstr(text, "sigmoid_f32_xnnpack_avx512f");
        char fields[5][64] = {{0}};
        int got = line ? sscanf(line, "%*s %63s %63s %63s %63s", fields[0], fields[1],
                                fields[2], fields[3])
                       : 0;
        check(got == 4 && strcmp(fields[3], "-") == 0,
              "the text summary shows '-' as a forward-only row's gradient (%s)",
              got == 4 ? fields[3] : "no line");
        const char *other = strstr(text, "sigmoid_f32_libm_scalar");
        got = other ? sscanf(other, "%*s %63s %63s %63s %63s", fields[0], fields[1], fields[2],
                             fields[3])
                    : 0;
        check(got == 4 && strcmp(fields[3], "3.25") == 0,
              "... and the figure of a row with a gradient (%s)", got == 4 ? fields[3] : "no line");
    }
    report_free(&report);
    free(text);
    remove_folder(dir);
}

int main(int argc, char **argv)
{
    const char *fixture_dir = argc > 1 ? argv[1] : "tests/data";
    const char *keep_copy = argc > 2 ? argv[2] : NULL;
    printf("test_html: fixtures from %s\n", fixture_dir);
    check_fixture_report(fixture_dir, keep_copy);
    check_without_speed(fixture_dir);
    check_bad_input(fixture_dir);
    check_unwritable(fixture_dir);
    check_full_size(fixture_dir);
    check_forward_only(fixture_dir);
    return check_summary("test_html");
}
