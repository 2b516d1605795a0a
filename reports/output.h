/*
 * Output files written atomically: each file is written under a temporary
 * name in its final folder and renamed into place only when the whole run
 * has succeeded, so an interrupted or failed run leaves no half-written
 * report and keeps the previous one.
 */
#ifndef ACTBENCH_OUTPUT_H
#define ACTBENCH_OUTPUT_H

#include <stddef.h>
#include <stdio.h>

struct output_file {
    FILE *stream;
    char *final_path;
    char *temporary_path;
};

/* Create dir if needed (one level) and open a temporary file for dir/name.
 * Returns 0, or -1 with a message naming the path and the reason. */
int output_open(struct output_file *out, const char *dir, const char *name, char *error,
                size_t error_size);
/* Flush and close, then rename into place.  Returns 0 or -1 with a message. */
int output_commit(struct output_file *out, char *error, size_t error_size);
/* Close and remove the temporary file (safe on a file never opened). */
void output_abort(struct output_file *out);

/* Check that dir exists or can be created and that a file can be written in
 * it, before any long measurement starts. */
int output_check_folder(const char *dir, char *error, size_t error_size);

#endif
