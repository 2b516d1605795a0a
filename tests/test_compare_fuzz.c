/*
 * A deterministic mutation fuzzer for the CSV reader and the gate: the
 * fixture tests/data/accuracy.csv mutated (bytes flipped, removed,
 * inserted; fields replaced by empty, non-numeric, negative, huge, hex or
 * unknown-status text; lines duplicated, dropped or truncated), each
 * mutant compared with the fixture both ways.  Every comparison must end
 * in pass, regression or input error, and an input error must name a file
 * (that an emptied count or figure is a regression, never 0, test_compare.c
 * checks field by field).  Fixed seed: the same cases every run.
 *
 * Usage: test_compare_fuzz FIXTURE_DIR [CASES]   (default 1000 cases; 100000
 * when the environment has ACTBENCH_FUZZ_LONG=1, as `scripts/test --long`
 * sets it)
 */
#define _POSIX_C_SOURCE 200809L

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../reports/compare.h"

#include "check.h"

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

static size_t below(size_t n)
{
    return n ? (size_t)(next() % n) : 0;
}

static char *read_all(const char *path, size_t *length)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    rewind(f);
    char *text = malloc((size_t)size + 1);
    if (text == NULL || fread(text, 1, (size_t)size, f) != (size_t)size) {
        free(text);
        fclose(f);
        return NULL;
    }
    fclose(f);
    text[size] = '\0';
    *length = (size_t)size;
    return text;
}

/* Replaces bytes [at, at + removed) of buf by insert. */
static size_t splice(char *buf, size_t length, size_t capacity, size_t at, size_t removed,
                     const char *insert)
{
    size_t added = strlen(insert);
    if (at > length)
        at = length;
    if (at + removed > length)
        removed = length - at;
    if (length - removed + added >= capacity)
        return length;
    memmove(buf + at + added, buf + at + removed, length - at - removed);
    memcpy(buf + at, insert, added);
    return length - removed + added;
}

/* One field-sized mutation at a random comma. */
static size_t mutate(char *buf, size_t length, size_t capacity)
{
    static const char *const tokens[] = {
        "",      "abc",  "-1",   "nan",     "inf",   "1e999", "0x1p3", " 5",     "+5",
        "ok",    "garbage", "skipped_isa", "contract", "\"", "\"\"", ",", "\n", "\r\n",
        "1.5",   "999999999999999999999", "0",  "-0", "1e-320", "tanh", "f32",
    };
    size_t at = below(length);
    switch (below(7)) {
    case 0: /* flip a byte */
        buf[at] = (char)(buf[at] ^ (1u << below(8)));
        if (buf[at] == '\0')
            buf[at] = 'x';
        return length;
    case 1: /* remove a few bytes */
        return splice(buf, length, capacity, at, 1 + below(8), "");
    case 2: /* insert a token */
        return splice(buf, length, capacity, at, 0, tokens[below(sizeof tokens / sizeof *tokens)]);
    case 3: { /* replace a field */
        const char *comma = memchr(buf + at, ',', length - at);
        if (comma == NULL)
            return length;
        size_t start = (size_t)(comma - buf) + 1;
        size_t end = start;
        while (end < length && buf[end] != ',' && buf[end] != '\n')
            end++;
        return splice(buf, length, capacity, start, end - start,
                      tokens[below(sizeof tokens / sizeof *tokens)]);
    }
    case 4: { /* duplicate a line */
        const char *newline = memchr(buf + at, '\n', length - at);
        if (newline == NULL)
            return length;
        size_t start = (size_t)(newline - buf) + 1;
        const char *end = memchr(buf + start, '\n', length - start);
        if (end == NULL)
            return length;
        size_t line = (size_t)(end - buf) + 1 - start;
        char copy[8192];
        if (line >= sizeof copy)
            return length;
        memcpy(copy, buf + start, line);
        copy[line] = '\0';
        return splice(buf, length, capacity, start, 0, copy);
    }
    case 5: /* truncate */
        return at;
    default: { /* drop a line */
        const char *newline = memchr(buf + at, '\n', length - at);
        if (newline == NULL)
            return length;
        size_t start = (size_t)(newline - buf) + 1;
        const char *end = memchr(buf + start, '\n', length - start);
        return end ? splice(buf, length, capacity, start, (size_t)(end - buf) + 1 - start, "")
                   : length;
    }
    }
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "tests/data";
    const char *long_run = getenv("ACTBENCH_FUZZ_LONG");
    long cases = argc > 2 ? atol(argv[2])
                 : long_run != NULL && strcmp(long_run, "1") == 0 ? 100000
                                                                  : 1000;
    struct timespec started;
    clock_gettime(CLOCK_MONOTONIC, &started);
    char base_path[4096];
    snprintf(base_path, sizeof base_path, "%s/accuracy.csv", dir);
    size_t base_length;
    char *base = read_all(base_path, &base_length);
    if (base == NULL) {
        fprintf(stderr, "test_compare_fuzz: cannot read %s\n", base_path);
        return 2;
    }
    char work[] = "/tmp/actbench-fuzz-XXXXXX";
    if (mkdtemp(work) == NULL) {
        perror("mkdtemp");
        return 2;
    }
    char mutant_path[4200];
    snprintf(mutant_path, sizeof mutant_path, "%s/mutant.csv", work);
    size_t capacity = base_length * 2 + 65536;
    char *buf = malloc(capacity);
    FILE *sink = fopen("/dev/null", "w");
    long outcomes[3] = {0, 0, 0}, bad = 0;
    for (long k = 0; k < cases; k++) {
        memcpy(buf, base, base_length);
        size_t length = base_length;
        for (size_t m = 1 + below(4); m > 0; m--)
            length = mutate(buf, length, capacity);
        FILE *f = fopen(mutant_path, "wb");
        if (f == NULL || fwrite(buf, 1, length, f) != length || fclose(f) != 0) {
            perror(mutant_path);
            return 2;
        }
        for (int way = 0; way < 2; way++) {
            char error[1024] = "";
            struct compare_summary summary;
            const char *old_path = way ? mutant_path : base_path;
            const char *new_path = way ? base_path : mutant_path;
            int result = compare_accuracy(old_path, new_path, NULL, sink, &summary, error,
                                          sizeof error);
            if (result < 0 || result > 2) {
                bad++;
                check(0, "case %ld: result %d", k, result);
                continue;
            }
            outcomes[result]++;
            if (result == COMPARE_INPUT_ERROR && strstr(error, mutant_path) == NULL &&
                strstr(error, base_path) == NULL) {
                bad++;
                check(0, "case %ld: an input error that names no file: %s", k, error);
            }
        }
    }
    struct timespec ended;
    clock_gettime(CLOCK_MONOTONIC, &ended);
    double seconds = (double)(ended.tv_sec - started.tv_sec) +
                     1e-9 * (double)(ended.tv_nsec - started.tv_nsec);
    check(bad == 0,
          "%ld mutants compared both ways in %.1f s: %ld pass, %ld regression, %ld input error",
          cases, seconds, outcomes[0], outcomes[1], outcomes[2]);
    fclose(sink);
    unlink(mutant_path);
    rmdir(work);
    free(buf);
    free(base);
    return check_summary("test_compare_fuzz");
}
