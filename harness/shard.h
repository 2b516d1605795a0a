/*
 * Sharding of exhaustive runs across processes and machines with MPI
 * (meson feature `mpi`).  Under `mpirun -n N actbench --exhaustive ...`
 * every rank measures a contiguous share of the exhaustive chunks of each
 * activation; rank 0 measures everything else (the special values, the
 * 16-bit formats, speed), receives the other ranks' partial rows in rank
 * order, merges them as the chunks of one process are merged, and alone
 * prints and writes.  Built without MPI, or run without mpirun, there is
 * one rank and nothing changes.
 */
#ifndef ACTBENCH_SHARD_H
#define ACTBENCH_SHARD_H

#include <stddef.h>

/* Join the ranks (MPI_Init when built with MPI); 0 on success. */
int shard_init(int *argc, char ***argv);
/* Leave them (MPI_Finalize); a non-zero status aborts every rank (MPI_Abort). */
void shard_finish(int status);
/* This process's rank and the number of ranks (0 and 1 without MPI). */
int shard_rank(void);
int shard_count(void);
/* Send size bytes to rank 0 / receive size bytes from rank from; 0 on
 * success. */
int shard_send(const void *data, size_t size);
int shard_receive(int from, void *data, size_t size);

#endif
