/* Writing HTML text; see html_put.h. */
#include "html_put.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

void putf(FILE *out, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vfprintf(out, format, args);
    va_end(args);
}

void put_text(FILE *out, const char *text)
{
    const char *run = text;
    for (const char *p = text; *p; p++) {
        const char *entity = NULL;
        switch (*p) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        case '\'': entity = "&#39;"; break;
        default: continue;
        }
        fwrite(run, 1, (size_t)(p - run), out);
        fputs(entity, out);
        run = p + 1;
    }
    fputs(run, out);
}

void put_id_part(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        char c = *p;
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
        fputc(keep ? c : '_', out);
    }
}

const char *figure(double value, char buffer[32])
{
    if (isinf(value))
        return value > 0 ? "inf" : "-inf";
    if (value == 0)
        return "0";
    double magnitude = fabs(value);
    snprintf(buffer, 32, magnitude >= 1e6 || magnitude < 1e-3 ? "%.3g" : "%.4g", value);
    return buffer;
}

void put_sort_key(FILE *out, double value)
{
    if (isinf(value))
        put(out, value > 0 ? "Infinity" : "-Infinity");
    else
        putf(out, "%.9g", value);
}

void put_header_cell(FILE *out, const char *label, const char *title, bool numeric)
{
    putf(out, "<th tabindex=\"0\"%s title=\"", numeric ? " data-type=\"num\"" : "");
    put_text(out, title);
    put(out, "\">");
    put_text(out, label);
    put(out, "</th>");
}
