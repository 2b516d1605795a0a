/* Sharding across MPI ranks; see shard.h. */
#include "shard.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>

#ifdef ACTBENCH_HAVE_MPI
#include <mpi.h>

/* the tag of the partial results sent to rank 0 */
#define SHARD_TAG 17

static int rank, ranks = 1, initialized;

/* Whether a launcher (mpirun, mpiexec, srun) started this process: run
 * alone, actbench stays one process and never pays for MPI_Init. */
static int launched_by_mpi(void)
{
    static const char *const variables[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"};
    for (size_t i = 0; i < sizeof variables / sizeof *variables; i++)
        if (getenv(variables[i]))
            return 1;
    return 0;
}

int shard_init(int *argc, char ***argv)
{
    if (!launched_by_mpi())
        return 0;
    int already = 0;
    MPI_Initialized(&already);
    if (!already && MPI_Init(argc, argv) != MPI_SUCCESS)
        return -1;
    initialized = !already;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    return 0;
}

void shard_finish(int status)
{
    /* a rank that fails ends the whole job: the others would wait for its
     * results forever */
    if (status != 0 && ranks > 1)
        MPI_Abort(MPI_COMM_WORLD, status);
    if (initialized)
        MPI_Finalize();
    initialized = 0;
}

int shard_rank(void) { return rank; }
int shard_count(void) { return ranks; }

int shard_send(const void *data, size_t size)
{
    const char *p = data;
    do {
        const int piece = size > INT_MAX ? INT_MAX : (int)size;
        if (MPI_Send(p, piece, MPI_BYTE, 0, SHARD_TAG, MPI_COMM_WORLD) != MPI_SUCCESS)
            return -1;
        p += piece;
        size -= (size_t)piece;
    } while (size > 0);
    return 0;
}

int shard_receive(int from, void *data, size_t size)
{
    char *p = data;
    do {
        const int piece = size > INT_MAX ? INT_MAX : (int)size;
        if (MPI_Recv(p, piece, MPI_BYTE, from, SHARD_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE) !=
            MPI_SUCCESS)
            return -1;
        p += piece;
        size -= (size_t)piece;
    } while (size > 0);
    return 0;
}

#else

int shard_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

void shard_finish(int status) { (void)status; }
int shard_rank(void) { return 0; }
int shard_count(void) { return 1; }

int shard_send(const void *data, size_t size)
{
    (void)data;
    (void)size;
    return -1;
}

int shard_receive(int from, void *data, size_t size)
{
    (void)from;
    (void)data;
    (void)size;
    return -1;
}

#endif
