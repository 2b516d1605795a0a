/*
 * The machine section: where libcpuid and cpuid disagree, a summary of the
 * entries a reader looks for first, every entry of machine.csv folded away,
 * and the copy kernel's speed that every ratio to copy divides by.
 */
#include "html_parts.h"
#include "html_put.h"

/* machine.csv states what libcpuid and cpuid disagree on under keys
 * holding "disagreement"; the value "none" says they agree. */
static bool is_disagreement_key(const char *key)
{
    return strstr(key, "disagreement") != NULL;
}

static bool is_real_disagreement(const char *key, const char *value)
{
    return is_disagreement_key(key) && value[0] != '\0' && !same_text(value, "none");
}

/* The part of a key before its first '.', to group "cpuid.*", "hwloc.*". */
static size_t key_prefix_length(const char *key)
{
    const char *dot = strchr(key, '.');
    return dot ? (size_t)(dot - key) : strlen(key);
}

/* The entries a reader looks for first, by key prefix.  The keys are
 * harness/machine.c's (libcpuid.brand, hwloc.l2_caches, ...); a key
 * matches a prefix ending in '.' by its start, any other prefix exactly or
 * as the start of the key. */
static const struct {
    const char *label;
    const char *prefixes[6];
} machine_summary[] = {
    {"CPU", {"libcpuid.brand", "libcpuid.codename", "cpu_model", "cpuid.hypervisor_vendor"}},
    {"ISA", {"cpuid.simd_flags"}},
    {"core kinds", {"hwloc.core_kinds", "hwloc.core_kind.", "core_kinds", "hwloc.cores"}},
    {"caches", {"hwloc.l1_caches", "hwloc.l2_caches", "hwloc.l3_caches", "cache_"}},
    {"compiler", {"compiler.version", "compiler.build_flags", "compiler"}},
    {"libraries", {"glibc.", "mpfr.", "sleef.", "libcpuid.version", "hwloc.api_version"}},
    {"clock", {"clock.", "clock", "tsc."}},
};

static bool in_summary_line(size_t line, const char *key)
{
    bool match = false;
    for (size_t p = 0; p < COUNT_OF(machine_summary[line].prefixes) && !match; p++) {
        const char *prefix = machine_summary[line].prefixes[p];
        match = prefix != NULL && strncmp(key, prefix, strlen(prefix)) == 0;
    }
    return match;
}

static void put_machine_summary(FILE *out, const struct report *r)
{
    put(out, "<table class=\"machine-summary\">\n<tbody>\n");
    for (size_t c = 0; c < COUNT_OF(machine_summary); c++) {
        bool any = false;
        for (size_t row = 0; row < r->machine.row_count; row++) {
            const char *key = machine_key_at(r, row);
            if (is_disagreement_key(key) || !in_summary_line(c, key))
                continue;
            if (!any) {
                putf(out, "<tr><th>%s</th><td>", machine_summary[c].label);
                any = true;
            } else {
                put(out, "<br>");
            }
            put(out, "<span class=\"key\">");
            put_text(out, key);
            put(out, "</span> ");
            put_text(out, machine_value_at(r, row));
        }
        if (any)
            put(out, "</td></tr>\n");
    }
    put(out, "</tbody></table>\n");
}

static void put_disagreements(FILE *out, const struct report *r)
{
    size_t disagreements = 0;
    for (size_t row = 0; row < r->machine.row_count; row++)
        disagreements += is_real_disagreement(machine_key_at(r, row), machine_value_at(r, row));
    if (disagreements == 0) {
        put(out, "<p class=\"note\">libcpuid and cpuid agree on everything compared.</p>\n");
        return;
    }
    putf(out, "<div class=\"warn\"><p><strong>libcpuid and cpuid disagree (%zu):</strong> "
              "what runs is decided by cpuid.</p>\n<ul>\n",
         disagreements);
    for (size_t row = 0; row < r->machine.row_count; row++) {
        const char *key = machine_key_at(r, row);
        const char *value = machine_value_at(r, row);
        if (!is_real_disagreement(key, value))
            continue;
        put(out, "<li><strong>");
        put_text(out, key);
        put(out, "</strong>: ");
        put_text(out, value);
        put(out, "</li>\n");
    }
    put(out, "</ul></div>\n");
}

/* Every entry, a gap before each new key prefix. */
static void put_all_entries(FILE *out, const struct report *r)
{
    putf(out, "<details><summary>All %zu entries of machine.csv</summary>\n"
              "<dl class=\"machine\">\n",
         r->machine.row_count);
    const char *previous = "";
    for (size_t row = 0; row < r->machine.row_count; row++) {
        const char *key = machine_key_at(r, row);
        size_t length = key_prefix_length(key);
        bool new_group = row > 0 && (length != key_prefix_length(previous) ||
                                     strncmp(key, previous, length) != 0);
        put(out, new_group ? "<dt class=\"group\">" : "<dt>");
        put_text(out, key);
        put(out, new_group ? "</dt><dd class=\"group\">" : "</dt><dd>");
        put_text(out, machine_value_at(r, row));
        put(out, "</dd>\n");
        previous = key;
    }
    put(out, "</dl></details>\n");
}

int put_machine_section(FILE *out, const struct report *r)
{
    put(out, "<section id=\"machine\">\n<h2>Machine</h2>\n");
    if (!r->has_machine) {
        put(out, "<p class=\"note\">machine.csv was not found: nothing is known about the machine "
                 "of this run.</p>\n");
    } else {
        put_disagreements(out, r);
        put_machine_summary(out, r);
        put_all_entries(out, r);
    }
    if (r->has_speed) {
        put(out, "<h3>Copy kernel: the speed baseline</h3>\n");
        put(out, "<p class=\"note\">Ratios to copy divide an implementation's cycles per element "
                 "by these, at the same mode, size and core; an AVX-512 kernel's by the 512-bit "
                 "copies (copy_avx512f, copy2_avx512f) where the CPU runs them.</p>\n");
        if (put_speed_pivot(out, r, NULL) != 0)
            return -1;
    }
    put(out, "</section>\n");
    return 0;
}
