/* One output set, replaced as a whole; see output_set.h. */
#define _GNU_SOURCE
#include "output_set.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char lock_name[] = ".actbench.lock";
static const char provenance_name[] = "provenance.txt";

/* ---- removal, also from a signal handler ------------------------------- */

/* The unfinished folder a signal removes (async-signal-safe: open,
 * getdents64, unlinkat, rmdir only). */
static char signal_temp_dir[OUTPUT_SET_PATH];
static volatile sig_atomic_t signal_armed;

struct linux_dirent64 {
    unsigned long long d_ino;
    long long d_off;
    unsigned short d_reclen;
    unsigned char d_type;
    char d_name[];
};

/* Removes the files of a folder, then the folder; a subfolder stays (and
 * so does the folder). */
static void remove_folder_safely(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    char buffer[4096] __attribute__((aligned(8)));
    for (;;) {
        long n = syscall(SYS_getdents64, fd, buffer, sizeof buffer);
        if (n <= 0)
            break;
        for (long at = 0; at < n;) {
            struct linux_dirent64 *entry = (struct linux_dirent64 *)(buffer + at);
            at += entry->d_reclen;
            const char *name = entry->d_name;
            if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
                continue;
            unlinkat(fd, name, 0);
        }
    }
    close(fd);
    rmdir(path);
}

static void on_signal(int signal_number)
{
    if (signal_armed)
        remove_folder_safely(signal_temp_dir);
    signal(signal_number, SIG_DFL);
    raise(signal_number);
}

static void arm(const char *temp_dir)
{
    signal_armed = 0;
    snprintf(signal_temp_dir, sizeof signal_temp_dir, "%s", temp_dir);
    signal_armed = 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    sigaction(SIGHUP, &action, NULL);
}

static void disarm(void)
{
    signal_armed = 0;
}

/* ---- locking ------------------------------------------------------------ */

static void split_path(struct output_set *set, const char *out_dir)
{
    char copy[OUTPUT_SET_PATH];
    snprintf(copy, sizeof copy, "%s", out_dir);
    size_t length = strlen(copy);
    while (length > 1 && copy[length - 1] == '/')
        copy[--length] = '\0';
    snprintf(set->final_dir, sizeof set->final_dir, "%s", copy);
    char *slash = strrchr(copy, '/');
    if (slash == NULL) {
        snprintf(set->parent, sizeof set->parent, ".");
        snprintf(set->base, sizeof set->base, "%s", copy);
    } else {
        snprintf(set->base, sizeof set->base, "%s", slash + 1);
        if (slash == copy)
            snprintf(set->parent, sizeof set->parent, "/");
        else {
            *slash = '\0';
            snprintf(set->parent, sizeof set->parent, "%s", copy);
        }
    }
}

/* What interrupted runs left beside the output folder. */
static void remove_leftovers(const struct output_set *set)
{
    DIR *dir = opendir(set->parent);
    if (dir == NULL)
        return;
    char new_prefix[300], old_prefix[300];
    snprintf(new_prefix, sizeof new_prefix, ".%s.new-", set->base);
    snprintf(old_prefix, sizeof old_prefix, ".%s.old-", set->base);
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (strncmp(entry->d_name, new_prefix, strlen(new_prefix)) != 0 &&
            strncmp(entry->d_name, old_prefix, strlen(old_prefix)) != 0)
            continue;
        char path[OUTPUT_SET_PATH + 300];
        snprintf(path, sizeof path, "%s/%s", set->parent, entry->d_name);
        remove_folder_safely(path);
        struct stat st;
        if (stat(path, &st) == 0)
            fprintf(stderr, "actbench: %s, left by an interrupted run, holds a folder; not "
                            "removed\n", path);
        else
            fprintf(stderr, "actbench: removed %s, left by an interrupted run\n", path);
    }
    closedir(dir);
}

/* The PID of the process holding a flock on the folder st describes, as
 * /proc/locks lists it ("1: FLOCK  ADVISORY  WRITE 1234 fe:00:5678 0 EOF"),
 * or "unknown".  The folder itself is the lock: no file in it. */
static void lock_holder(const struct stat *st, char *pid, size_t pid_size)
{
    snprintf(pid, pid_size, "unknown");
    FILE *f = fopen("/proc/locks", "r");
    if (f == NULL)
        return;
    char line[256];
    while (fgets(line, sizeof line, f) != NULL) {
        char kind[16];
        long holder;
        unsigned int dev_major, dev_minor;
        unsigned long inode;
        if (sscanf(line, "%*d: %15s %*s %*s %ld %x:%x:%lu", kind, &holder, &dev_major, &dev_minor,
                   &inode) != 5 ||
            strcmp(kind, "FLOCK") != 0)
            continue;
        if (dev_major == major(st->st_dev) && dev_minor == minor(st->st_dev) &&
            inode == (unsigned long)st->st_ino) {
            snprintf(pid, pid_size, "%ld", holder);
            break;
        }
    }
    fclose(f);
}

int output_set_lock(struct output_set *set, const char *out_dir, char *error, size_t error_size)
{
    memset(set, 0, sizeof *set);
    set->lock_fd = set->temp_lock_fd = -1;
    split_path(set, out_dir);
    time_t now = time(NULL);
    struct tm utc;
    gmtime_r(&now, &utc);
    char stamp[32];
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    snprintf(set->run_id, sizeof set->run_id, "%s pid %ld", stamp, (long)getpid());
    for (int attempt = 0; attempt < 10; attempt++) {
        struct stat st;
        if (stat(set->final_dir, &st) == 0) {
            if (!S_ISDIR(st.st_mode)) {
                snprintf(error, error_size, "output folder '%s' exists and is not a folder",
                         set->final_dir);
                return -1;
            }
        } else if (mkdir(set->final_dir, 0777) == 0) {
            set->created = true;
        } else if (errno != EEXIST) {
            snprintf(error, error_size, "cannot create output folder '%s': %s", set->final_dir,
                     strerror(errno));
            return -1;
        }
        int fd = open(set->final_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) {
            snprintf(error, error_size, "cannot open output folder '%s': %s", set->final_dir,
                     strerror(errno));
            return -1;
        }
        if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
            int saved = errno;
            close(fd);
            if (saved != EWOULDBLOCK) {
                snprintf(error, error_size, "cannot lock output folder '%s': %s",
                         set->final_dir, strerror(saved));
                return -1;
            }
            char pid[32];
            lock_holder(&st, pid, sizeof pid);
            snprintf(error, error_size,
                     "output folder '%s' is in use by another actbench run (pid %s); wait for "
                     "it to finish or choose another --out",
                     set->final_dir, pid);
            return 1;
        }
        /* the folder locked must still be the output folder: another run
         * may have swapped in its set meanwhile */
        struct stat locked;
        if (fstat(fd, &locked) == 0 && stat(set->final_dir, &st) == 0 &&
            locked.st_dev == st.st_dev && locked.st_ino == st.st_ino) {
            set->lock_fd = fd;
            break;
        }
        close(fd);
    }
    if (set->lock_fd < 0) {
        snprintf(error, error_size, "cannot lock output folder '%s': it keeps being replaced",
                 set->final_dir);
        return -1;
    }
    /* a lock file an earlier version of actbench left: unused, and no
     * other run can be using it while this one holds the folder */
    char stale[OUTPUT_SET_PATH + 32];
    snprintf(stale, sizeof stale, "%s/%s", set->final_dir, lock_name);
    unlink(stale);
    remove_leftovers(set);
    return output_set_begin(set, error, error_size);
}

/* ---- writing the new set ------------------------------------------------ */

int output_set_begin(struct output_set *set, char *error, size_t error_size)
{
    if (set->temp_dir[0])
        return 0;
    char path[OUTPUT_SET_PATH];
    if (snprintf(path, sizeof path, "%s/.%s.new-XXXXXX", set->parent, set->base) >=
        (int)sizeof path) {
        snprintf(error, error_size, "output folder '%s': path too long", set->final_dir);
        return -1;
    }
    if (mkdtemp(path) == NULL) {
        snprintf(error, error_size, "cannot write beside output folder '%s' (in '%s'): %s",
                 set->final_dir, set->parent, strerror(errno));
        return -1;
    }
    /* mkdtemp makes it private; the set is as readable as the umask says */
    mode_t mask = umask(0);
    umask(mask);
    chmod(path, 0777 & ~mask);
    snprintf(set->temp_dir, sizeof set->temp_dir, "%s", path);
    arm(set->temp_dir);
    set->temp_lock_fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (set->temp_lock_fd < 0 || flock(set->temp_lock_fd, LOCK_EX | LOCK_NB) != 0) {
        snprintf(error, error_size, "cannot lock '%s': %s", path, strerror(errno));
        output_set_abort(set);
        return -1;
    }
    return 0;
}

static bool listed(const char *name, const char *const *names)
{
    for (size_t i = 0; names[i]; i++)
        if (strcmp(name, names[i]) == 0)
            return true;
    return false;
}

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return -1;
    int out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (out < 0) {
        close(in);
        return -1;
    }
    char buffer[65536];
    ssize_t n;
    int status = 0;
    while ((n = read(in, buffer, sizeof buffer)) > 0)
        if (write(out, buffer, (size_t)n) != n) {
            status = -1;
            break;
        }
    if (n < 0)
        status = -1;
    int saved = errno;
    close(in);
    if (close(out) != 0)
        status = -1;
    errno = saved;
    return status;
}

/* The run that wrote name in the previous set, from its provenance.txt. */
static void earlier_run(const char *old_dir, const char *name, char *run, size_t run_size)
{
    snprintf(run, run_size, "an earlier run");
    char path[OUTPUT_SET_PATH + 32];
    snprintf(path, sizeof path, "%s/%s", old_dir, provenance_name);
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return;
    char line[512];
    size_t length = strlen(name);
    while (fgets(line, sizeof line, f) != NULL)
        if (strncmp(line, name, length) == 0 && line[length] == '\t') {
            line[strcspn(line, "\n")] = '\0';
            snprintf(run, run_size, "%s", line + length + 1);
            break;
        }
    fclose(f);
}

int output_set_carry(struct output_set *set, const char *const *written, char *error,
                     size_t error_size)
{
    /* files built from a whole set: never kept from another one */
    static const char *const rebuilt[] = {"report.html", "results.json", NULL};
    char provenance[OUTPUT_SET_PATH + 32];
    snprintf(provenance, sizeof provenance, "%s/%s", set->temp_dir, provenance_name);
    FILE *out = fopen(provenance, "w");
    if (out == NULL) {
        snprintf(error, error_size, "cannot write %s: %s", provenance, strerror(errno));
        return -1;
    }
    fprintf(out, "# which run wrote each file of this set (UTC time and process id)\n");
    for (size_t i = 0; written[i]; i++)
        fprintf(out, "%s\t%s\n", written[i], set->run_id);
    fprintf(out, "%s\t%s\n", provenance_name, set->run_id);
    DIR *dir = opendir(set->final_dir);
    int status = 0;
    struct dirent *entry;
    while (dir != NULL && (entry = readdir(dir)) != NULL) {
        const char *name = entry->d_name;
        if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || strcmp(name, lock_name) == 0 ||
            strcmp(name, provenance_name) == 0 || listed(name, written))
            continue;
        char from[OUTPUT_SET_PATH + 300], to[OUTPUT_SET_PATH + 300];
        snprintf(from, sizeof from, "%s/%s", set->final_dir, name);
        snprintf(to, sizeof to, "%s/%s", set->temp_dir, name);
        struct stat st;
        if (lstat(from, &st) != 0)
            continue;
        if (name[0] == '.') {
            fprintf(stderr, "actbench: not kept in %s: %s (a temporary file)\n", set->final_dir,
                    name);
            continue;
        }
        if (listed(name, rebuilt)) {
            fprintf(stderr, "actbench: not kept in %s: %s (built from files this set does not "
                            "have)\n", set->final_dir, name);
            continue;
        }
        char run[160];
        earlier_run(set->final_dir, name, run, sizeof run);
        if (S_ISDIR(st.st_mode)) {
            /* a folder of the user's moves with the set */
            if (rename(from, to) != 0) {
                snprintf(error, error_size, "cannot keep the folder %s in the new set: %s", from,
                         strerror(errno));
                status = -1;
                break;
            }
        } else if (link(from, to) != 0 && copy_file(from, to) != 0) {
            snprintf(error, error_size, "cannot keep %s in the new set: %s", from,
                     strerror(errno));
            status = -1;
            break;
        }
        fprintf(out, "%s\t%s\n", name, run);
        fprintf(stderr, "actbench: kept %s/%s from the previous set (%s)\n", set->final_dir, name,
                run);
    }
    if (dir != NULL)
        closedir(dir);
    if (fflush(out) != 0 || fsync(fileno(out)) != 0) {
        if (status == 0)
            snprintf(error, error_size, "cannot write %s: %s", provenance, strerror(errno));
        status = -1;
    }
    fclose(out);
    if (status == 0)
        output_set_test_point("provenance.txt written, earlier files kept");
    return status;
}

int output_sync_path(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int status = fsync(fd);
    int saved = errno;
    close(fd);
    errno = saved;
    return status;
}

/* Test-only hooks, to check that a run stopped anywhere leaves the old
 * set or the new one: ACTBENCH_TEST_STOP_BEFORE_SWAP=1 stops the run (as a
 * SIGKILL would) with the new set written and not yet swapped in;
 * ACTBENCH_TEST_KILL_AT=K stops it at the K-th commit point (1-based),
 * after saying on stderr which one. */
static void test_stop_point(void)
{
    const char *stop = getenv("ACTBENCH_TEST_STOP_BEFORE_SWAP");
    if (stop != NULL && strcmp(stop, "1") == 0)
        raise(SIGKILL);
}

void output_set_test_point(const char *what)
{
    static long reached;
    const char *at = getenv("ACTBENCH_TEST_KILL_AT");
    reached++;
    if (at == NULL || strtol(at, NULL, 10) != reached)
        return;
    fprintf(stderr, "actbench: stopped by ACTBENCH_TEST_KILL_AT=%ld: %s\n", reached, what);
    fflush(stderr);
    raise(SIGKILL);
}

int output_set_commit(struct output_set *set, char *error, size_t error_size)
{
    DIR *dir = opendir(set->temp_dir);
    if (dir == NULL) {
        snprintf(error, error_size, "cannot read %s: %s", set->temp_dir, strerror(errno));
        return -1;
    }
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' && strcmp(entry->d_name, lock_name) != 0)
            continue;
        char path[OUTPUT_SET_PATH + 300];
        snprintf(path, sizeof path, "%s/%s", set->temp_dir, entry->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && output_sync_path(path) != 0) {
            snprintf(error, error_size, "cannot sync %s: %s", path, strerror(errno));
            closedir(dir);
            return -1;
        }
    }
    closedir(dir);
    if (output_sync_path(set->temp_dir) != 0) {
        snprintf(error, error_size, "cannot sync %s: %s", set->temp_dir, strerror(errno));
        return -1;
    }
    test_stop_point();
    output_set_test_point("new set synced, before the swap");
    if (renameat2(AT_FDCWD, set->temp_dir, AT_FDCWD, set->final_dir, RENAME_EXCHANGE) != 0) {
        if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
            snprintf(error, error_size, "cannot swap %s into %s: %s", set->temp_dir,
                     set->final_dir, strerror(errno));
            return -1;
        }
        /* no exchange on this file system: two renames */
        char old[OUTPUT_SET_PATH];
        if (snprintf(old, sizeof old, "%.3800s/.%.200s.old-XXXXXX", set->parent, set->base) < 0 ||
            mkdtemp(old) == NULL || rmdir(old) != 0 || rename(set->final_dir, old) != 0) {
            snprintf(error, error_size, "cannot move the previous set %s aside: %s",
                     set->final_dir, strerror(errno));
            return -1;
        }
        output_set_test_point("previous set moved aside, before the new one is moved in");
        if (rename(set->temp_dir, set->final_dir) != 0) {
            snprintf(error, error_size, "cannot move %s to %s: %s", set->temp_dir,
                     set->final_dir, strerror(errno));
            rename(old, set->final_dir);
            return -1;
        }
        snprintf(set->temp_dir, sizeof set->temp_dir, "%s", old);
        arm(set->temp_dir);
    }
    output_sync_path(set->parent);
    output_set_test_point("sets swapped, before the previous set is removed");
    /* the previous set, now at the temporary name */
    remove_folder_safely(set->temp_dir);
    output_set_test_point("previous set removed");
    disarm();
    set->temp_dir[0] = '\0';
    set->committed = true;
    return 0;
}

void output_set_abort(struct output_set *set)
{
    if (set->temp_dir[0]) {
        remove_folder_safely(set->temp_dir);
        set->temp_dir[0] = '\0';
    }
    disarm();
    if (set->created && !set->committed) {
        /* a folder this run made and never filled goes again */
        char path[OUTPUT_SET_PATH + 32];
        snprintf(path, sizeof path, "%s/%s", set->final_dir, lock_name);
        unlink(path);
        rmdir(set->final_dir);
        set->created = false;
    }
}
