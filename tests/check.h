/*
 * The check of the test programs: one line per check ("ok  " or "FAIL"
 * and a printf-style message), counted; check_summary() prints the count
 * and gives the exit status.  Header-only: each test is one program.
 */
#ifndef ACTBENCH_TEST_CHECK_H
#define ACTBENCH_TEST_CHECK_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>

static int checks_run, checks_failed;

__attribute__((format(printf, 2, 3))) static void check(bool ok, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs(ok ? "ok  : " : "FAIL: ", stdout);
    vprintf(format, args);
    putchar('\n');
    va_end(args);
    checks_run++;
    checks_failed += !ok;
}

/* A check whose message is what was checked and, when there is one, a
 * detail (the figures behind it, or the error). */
static inline void check_detail(bool ok, const char *what, const char *detail)
{
    check(ok, "%s%s%s", what, detail && detail[0] ? " -- " : "", detail ? detail : "");
}

/* "<name>: N checks, M failures"; returns the exit status (0 or 1). */
static int check_summary(const char *name)
{
    printf("%s: %d checks, %d failures\n", name, checks_run, checks_failed);
    return checks_failed ? 1 : 0;
}

#endif
