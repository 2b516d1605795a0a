/* Atomic output files; see output.h. */
#define _GNU_SOURCE
#include "output.h"
#include "output_set.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int ensure_folder(const char *dir, char *error, size_t error_size)
{
    struct stat st;
    if (stat(dir, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            snprintf(error, error_size, "output folder '%s' exists and is not a folder", dir);
            return -1;
        }
        return 0;
    }
    /* another process (an MPI rank, a concurrent run) may create it first */
    if (mkdir(dir, 0777) != 0 && !(errno == EEXIST && stat(dir, &st) == 0 && S_ISDIR(st.st_mode))) {
        snprintf(error, error_size, "cannot create output folder '%s': %s", dir, strerror(errno));
        return -1;
    }
    return 0;
}

int output_open(struct output_file *out, const char *dir, const char *name, char *error,
                size_t error_size)
{
    memset(out, 0, sizeof *out);
    if (ensure_folder(dir, error, error_size) != 0)
        return -1;
    if (asprintf(&out->final_path, "%s/%s", dir, name) < 0 ||
        asprintf(&out->temporary_path, "%s/.%s.XXXXXX", dir, name) < 0) {
        snprintf(error, error_size, "out of memory");
        free(out->final_path);
        out->final_path = NULL;
        return -1;
    }
    int fd = mkstemp(out->temporary_path);
    if (fd < 0) {
        snprintf(error, error_size, "cannot write in output folder '%s': %s", dir, strerror(errno));
        output_abort(out);
        return -1;
    }
    /* mkstemp creates 0600; a report is as readable as any file the user
     * writes (the umask decides) */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    out->stream = fdopen(fd, "w");
    if (!out->stream) {
        snprintf(error, error_size, "cannot open '%s': %s", out->temporary_path, strerror(errno));
        close(fd);
        output_abort(out);
        return -1;
    }
    return 0;
}

int output_commit(struct output_file *out, char *error, size_t error_size)
{
    /* on disk before it is renamed into place: a crash after the rename
     * never leaves an empty or partial file under the final name */
    int failed = ferror(out->stream) || fflush(out->stream) != 0 || fsync(fileno(out->stream)) != 0;
    int saved = failed ? (errno ? errno : EIO) : 0;
    if (fclose(out->stream) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    out->stream = NULL;
    if (failed) {
        snprintf(error, error_size, "error writing '%s': %s", out->final_path, strerror(saved));
        output_abort(out);
        return -1;
    }
    if (rename(out->temporary_path, out->final_path) != 0) {
        snprintf(error, error_size, "cannot rename '%s' to '%s': %s", out->temporary_path,
                 out->final_path, strerror(errno));
        output_abort(out);
        return -1;
    }
    output_set_test_point(out->final_path);
    free(out->temporary_path);
    free(out->final_path);
    memset(out, 0, sizeof *out);
    return 0;
}

void output_abort(struct output_file *out)
{
    if (out->stream)
        fclose(out->stream);
    if (out->temporary_path)
        unlink(out->temporary_path);
    free(out->temporary_path);
    free(out->final_path);
    memset(out, 0, sizeof *out);
}

int output_check_folder(const char *dir, char *error, size_t error_size)
{
    struct output_file probe;
    if (output_open(&probe, dir, "write-check", error, error_size) != 0)
        return -1;
    output_abort(&probe);
    return 0;
}
