/*
 * One output set, replaced as a whole.  A run writes every file of its set
 * into a fresh folder beside the output folder (<parent>/.<name>.new-XXXXXX),
 * syncs each file and the folder, then swaps the two folders in one step
 * (renameat2 RENAME_EXCHANGE; where the file system lacks it, two renames,
 * between which the output folder is briefly absent but never mixed), and
 * removes the previous set.  A reader sees the old set or the new one.
 *
 * The output folder is locked (flock on the folder itself) from before the
 * measurement until the end: a second run into it stops at once, naming the
 * holder's PID as /proc/locks gives it; no lock file is left in the folder.
 * SIGINT and SIGTERM remove the
 * unfinished folder; what a SIGKILL left is removed by the next run.
 *
 * Files of the previous set that this run does not write (the accuracy
 * files of a speed-only run, speed.csv of an accuracy-only one, files of
 * the user) are kept: hard-linked into the new set.  provenance.txt says
 * which run wrote each file of the set.
 */
#ifndef ACTBENCH_OUTPUT_SET_H
#define ACTBENCH_OUTPUT_SET_H

#include <stdbool.h>
#include <stddef.h>

#define OUTPUT_SET_PATH 4096

struct output_set {
    char final_dir[OUTPUT_SET_PATH]; /* the output folder, as given */
    char parent[OUTPUT_SET_PATH];
    char base[256];
    char temp_dir[OUTPUT_SET_PATH]; /* the new set while it is written, or "" */
    int lock_fd, temp_lock_fd;
    char run_id[96]; /* "2026-11-30T02:40:12Z pid 1234" */
    bool created;    /* the output folder was made by this run */
    bool committed;
};

/* Creates the output folder when needed (one level), locks it, and removes
 * what interrupted runs left beside it.  Returns 0; 1 when another run
 * holds the lock (message names its PID); -1 with a message naming the
 * folder and the reason. */
int output_set_lock(struct output_set *set, const char *out_dir, char *error, size_t error_size);

/* Makes the fresh folder the run writes into (set->temp_dir). */
int output_set_begin(struct output_set *set, char *error, size_t error_size);

/* Keeps in the new set every file of the previous one whose name is not in
 * written (NULL-terminated), and writes provenance.txt: this run for the
 * written names present in the new set, the earlier run for the kept ones.
 * Prints one line per file kept or not kept.  Returns 0 or -1. */
int output_set_carry(struct output_set *set, const char *const *written, char *error,
                     size_t error_size);

/* Syncs the new set and swaps it in; removes the previous set. */
int output_set_commit(struct output_set *set, char *error, size_t error_size);

/* Removes an unfinished new set (safe when none was begun). */
void output_set_abort(struct output_set *set);

/* A point where a file of the new set is complete, or a step of the
 * swap: with ACTBENCH_TEST_KILL_AT=K in the environment the K-th such point
 * of the run stops it with SIGKILL (tests of crash consistency). */
void output_set_test_point(const char *what);

/* fsync of a file or folder by path: 0 or -1 with errno. */
int output_sync_path(const char *path);

#endif
