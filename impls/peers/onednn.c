/*
 * oneDNN's primitives behind the onednn kernels (impls/peers/onednn.h).
 *
 * One copy of the library per ISA.  dnnl_set_max_cpu_isa takes effect once
 * per copy of libdnnl, before its first JIT kernel, so each ISA gets a copy
 * of its own: the first ISA used opens the installed libdnnl.so.2
 * (RTLD_LOCAL), every other one an identical copy of that file in memory
 * (memfd_create, opened through /proc/self/fd), which the dynamic loader
 * maps as a separate object with its own state; the ceiling is set in each
 * copy before anything else is called, and each copy's engine is created
 * once.  The copies share the process's libc, libstdc++ and OpenMP
 * runtime.
 *
 * One thread.  Debian's libdnnl runs its parallel loops on OpenMP; each
 * thread that calls a kernel sets its OpenMP thread count to 1
 * (omp_set_num_threads(1) of the libgomp libdnnl was linked with, once per
 * thread), so oneDNN's parallel loops run inline on the calling thread, as
 * the other kernels do.  Nothing in the process environment is changed.
 *
 * Outside the timed calls.  A thread's first call for an (operation, n,
 * alpha, row length) creates the operation descriptor, the primitive
 * descriptor, the primitive (JIT code generation happens here), a stream
 * and memory objects with no data of their own; the entry is kept until
 * the thread calls the same operation with another n, alpha or row length,
 * or exits.  Every call after that points the memory objects at its
 * arrays (dnnl_memory_set_data_handle) and executes the primitive: that is
 * what a timed call costs, the per-call overhead a framework pays.
 *
 * A failure (library missing at run time, an unsupported descriptor) is
 * written to stderr once per operation and the call writes NaN, so the
 * figures show it; nothing aborts.
 */
#define _GNU_SOURCE
#include "onednn.h"
#include "probe.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A quiet NaN in the op's type: f32, or the 16-bit encoding. */
static void fill_nan(const struct onednn_op *op, void *y, size_t n)
{
    if (op->type == ONEDNN_F32) {
        float *out = y;
        for (size_t i = 0; i < n; i++)
            out[i] = NAN;
        return;
    }
    uint16_t *out = y, nan = op->type == ONEDNN_BF16 ? 0x7fc0 : 0x7e00;
    for (size_t i = 0; i < n; i++)
        out[i] = nan;
}

#if ACTBENCH_HAVE_ONEDNN

#include <dlfcn.h>
#include <dnnl.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <unistd.h>

/* The entry points used, looked up in each ISA's copy. */
struct onednn_library {
    bool loaded;
    const char *failure;
    char failure_text[256];
    dnnl_engine_t engine;
    void (*omp_set_num_threads)(int);
    dnnl_status_t (*set_max_cpu_isa)(dnnl_cpu_isa_t);
    dnnl_status_t (*engine_create)(dnnl_engine_t *, dnnl_engine_kind_t, size_t);
    dnnl_status_t (*stream_create)(dnnl_stream_t *, dnnl_engine_t, unsigned);
    dnnl_status_t (*stream_destroy)(dnnl_stream_t);
    dnnl_status_t (*memory_desc_init_by_tag)(dnnl_memory_desc_t *, int, const dnnl_dims_t,
                                             dnnl_data_type_t, dnnl_format_tag_t);
    dnnl_status_t (*memory_create)(dnnl_memory_t *, const dnnl_memory_desc_t *, dnnl_engine_t, void *);
    dnnl_status_t (*memory_set_data_handle)(dnnl_memory_t, void *);
    dnnl_status_t (*memory_destroy)(dnnl_memory_t);
    dnnl_status_t (*eltwise_forward_desc_init)(dnnl_eltwise_desc_t *, dnnl_prop_kind_t, dnnl_alg_kind_t,
                                               const dnnl_memory_desc_t *, float, float);
    dnnl_status_t (*eltwise_backward_desc_init)(dnnl_eltwise_desc_t *, dnnl_alg_kind_t,
                                                const dnnl_memory_desc_t *, const dnnl_memory_desc_t *,
                                                float, float);
    dnnl_status_t (*softmax_forward_desc_init)(dnnl_softmax_desc_t *, dnnl_prop_kind_t,
                                               const dnnl_memory_desc_t *, int);
    dnnl_status_t (*softmax_backward_desc_init)(dnnl_softmax_desc_t *, const dnnl_memory_desc_t *,
                                                const dnnl_memory_desc_t *, int);
    dnnl_status_t (*logsoftmax_forward_desc_init)(dnnl_logsoftmax_desc_t *, dnnl_prop_kind_t,
                                                  const dnnl_memory_desc_t *, int);
    dnnl_status_t (*logsoftmax_backward_desc_init)(dnnl_logsoftmax_desc_t *, const dnnl_memory_desc_t *,
                                                   const dnnl_memory_desc_t *, int);
    dnnl_status_t (*primitive_desc_create)(dnnl_primitive_desc_t *, const_dnnl_op_desc_t,
                                           const_dnnl_primitive_attr_t, dnnl_engine_t,
                                           const_dnnl_primitive_desc_t);
    dnnl_status_t (*primitive_desc_destroy)(dnnl_primitive_desc_t);
    dnnl_status_t (*primitive_create)(dnnl_primitive_t *, const_dnnl_primitive_desc_t);
    dnnl_status_t (*primitive_execute)(const_dnnl_primitive_t, dnnl_stream_t, int, const dnnl_exec_arg_t *);
    dnnl_status_t (*primitive_destroy)(dnnl_primitive_t);
};

static struct onednn_library libraries[ONEDNN_ISA_COUNT];
static pthread_once_t library_once[ONEDNN_ISA_COUNT] = {PTHREAD_ONCE_INIT, PTHREAD_ONCE_INIT,
                                                        PTHREAD_ONCE_INIT};

static const dnnl_cpu_isa_t isa_ceiling[ONEDNN_ISA_COUNT] = {
    dnnl_cpu_isa_avx2, dnnl_cpu_isa_avx512_core, dnnl_cpu_isa_avx512_core_bf16};
static const char *const isa_label[ONEDNN_ISA_COUNT] = {"avx2", "avx512_core", "avx512_core_bf16"};

static const char *status_name(dnnl_status_t status)
{
    switch (status) {
    case dnnl_success: return "dnnl_success";
    case dnnl_out_of_memory: return "dnnl_out_of_memory";
    case dnnl_invalid_arguments: return "dnnl_invalid_arguments";
    case dnnl_unimplemented: return "dnnl_unimplemented";
    case dnnl_iterator_ends: return "dnnl_iterator_ends";
    case dnnl_runtime_error: return "dnnl_runtime_error";
    case dnnl_not_required: return "dnnl_not_required";
    default: return "an unknown dnnl_status_t";
    }
}

static void library_fail(struct onednn_library *lib, const char *what, const char *why)
{
    snprintf(lib->failure_text, sizeof lib->failure_text, "%s: %s", what, why ? why : "failed");
    lib->failure = lib->failure_text;
}

/* A function pointer from dlsym (POSIX: a void * that holds one). */
#define LOOK_UP(field, symbol)                                                                         \
    do {                                                                                               \
        void *address = dlsym(handle, symbol);                                                         \
        if (!address) {                                                                                \
            library_fail(lib, symbol, dlerror());                                                      \
            return;                                                                                    \
        }                                                                                              \
        memcpy(&lib->field, &address, sizeof address);                                                 \
    } while (0)

/* The installed library is opened by the first ISA; the path it was found
 * at, for the copies. */
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;
static char installed_path[4096];

/* A separate copy of the installed library: its bytes in an anonymous
 * memory file, opened by that file's name. */
static void *open_copy(struct onednn_library *lib, const char *label)
{
    int in = open(installed_path, O_RDONLY | O_CLOEXEC);
    if (in < 0) {
        library_fail(lib, "the installed libdnnl.so.2", "cannot be read");
        return NULL;
    }
    int fd = memfd_create(label, MFD_CLOEXEC);
    enum { CHUNK = 1 << 20 };
    char *buffer = malloc(CHUNK);
    bool copied = fd >= 0 && buffer;
    for (ssize_t got; copied && (got = read(in, buffer, CHUNK)) != 0;) {
        copied = got > 0;
        for (ssize_t put = 0, w; copied && put < got; put += w) {
            w = write(fd, buffer + put, (size_t)(got - put));
            copied = w > 0;
        }
    }
    free(buffer);
    close(in);
    if (!copied) {
        if (fd >= 0)
            close(fd);
        library_fail(lib, "a copy of libdnnl.so.2", "could not be made in memory");
        return NULL;
    }
    char name[64];
    snprintf(name, sizeof name, "/proc/self/fd/%d", fd);
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        library_fail(lib, "dlopen of a copy of libdnnl.so.2", dlerror());
    /* The descriptor stays open: the dynamic loader takes a name it has
     * loaded before for that object, so a later copy opened as the same
     * /proc/self/fd/N (a reused descriptor number) would get this copy,
     * its ISA ceiling already fixed. */
    if (!handle)
        close(fd);
    return handle;
}

static void library_load(enum onednn_isa isa)
{
    struct onednn_library *lib = &libraries[isa];
    pthread_mutex_lock(&open_lock);
    void *handle;
    if (!installed_path[0]) {
        handle = dlopen("libdnnl.so.2", RTLD_NOW | RTLD_LOCAL);
        struct link_map *map = NULL;
        if (handle && dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map && map->l_name[0])
            snprintf(installed_path, sizeof installed_path, "%s", map->l_name);
        else if (!handle)
            library_fail(lib, "dlopen libdnnl.so.2", dlerror());
    } else {
        handle = open_copy(lib, isa_label[isa]);
    }
    pthread_mutex_unlock(&open_lock);
    if (!handle)
        return;
    /* the OpenMP runtime libdnnl was linked with (absent if it was built
     * with another threading runtime) */
    void *set_threads = dlsym(handle, "omp_set_num_threads");
    if (set_threads)
        memcpy(&lib->omp_set_num_threads, &set_threads, sizeof set_threads);
    LOOK_UP(set_max_cpu_isa, "dnnl_set_max_cpu_isa");
    LOOK_UP(engine_create, "dnnl_engine_create");
    LOOK_UP(stream_create, "dnnl_stream_create");
    LOOK_UP(stream_destroy, "dnnl_stream_destroy");
    LOOK_UP(memory_desc_init_by_tag, "dnnl_memory_desc_init_by_tag");
    LOOK_UP(memory_create, "dnnl_memory_create");
    LOOK_UP(memory_set_data_handle, "dnnl_memory_set_data_handle");
    LOOK_UP(memory_destroy, "dnnl_memory_destroy");
    LOOK_UP(eltwise_forward_desc_init, "dnnl_eltwise_forward_desc_init");
    LOOK_UP(eltwise_backward_desc_init, "dnnl_eltwise_backward_desc_init");
    LOOK_UP(softmax_forward_desc_init, "dnnl_softmax_forward_desc_init");
    LOOK_UP(softmax_backward_desc_init, "dnnl_softmax_backward_desc_init");
    LOOK_UP(logsoftmax_forward_desc_init, "dnnl_logsoftmax_forward_desc_init");
    LOOK_UP(logsoftmax_backward_desc_init, "dnnl_logsoftmax_backward_desc_init");
    LOOK_UP(primitive_desc_create, "dnnl_primitive_desc_create");
    LOOK_UP(primitive_desc_destroy, "dnnl_primitive_desc_destroy");
    LOOK_UP(primitive_create, "dnnl_primitive_create");
    LOOK_UP(primitive_execute, "dnnl_primitive_execute");
    LOOK_UP(primitive_destroy, "dnnl_primitive_destroy");
    dnnl_status_t status = lib->set_max_cpu_isa(isa_ceiling[isa]);
    if (status != dnnl_success) {
        char why[96];
        snprintf(why, sizeof why, "%s returned %s", isa_label[isa], status_name(status));
        library_fail(lib, "dnnl_set_max_cpu_isa", why);
        return;
    }
    if (lib->engine_create(&lib->engine, dnnl_cpu, 0) != dnnl_success) {
        library_fail(lib, "dnnl_engine_create", NULL);
        return;
    }
    lib->loaded = true;
}

static void load_avx2(void) { library_load(ONEDNN_ISA_AVX2); }
static void load_avx512_core(void) { library_load(ONEDNN_ISA_AVX512_CORE); }
static void load_avx512_core_bf16(void) { library_load(ONEDNN_ISA_AVX512_CORE_BF16); }
static void (*const library_loaders[ONEDNN_ISA_COUNT])(void) = {load_avx2, load_avx512_core,
                                                                load_avx512_core_bf16};

/* The library of an ISA, loaded on first use; its OpenMP thread count set
 * to 1 for the calling thread. */
static struct onednn_library *library(enum onednn_isa isa)
{
    static _Thread_local bool single_thread[ONEDNN_ISA_COUNT];
    pthread_once(&library_once[isa], library_loaders[isa]);
    struct onednn_library *lib = &libraries[isa];
    if (lib->loaded && !single_thread[isa]) {
        if (lib->omp_set_num_threads)
            lib->omp_set_num_threads(1);
        single_thread[isa] = true;
    }
    return lib;
}

/* One thread's primitives for one operation. */
struct onednn_entry {
    const struct onednn_op *op;
    size_t n, row_length;
    float alpha;
    bool failed;           /* creation failed: calls write NaN */
    bool backward_tried;   /* the backward primitive was attempted */
    bool backward_failed;
    struct onednn_library *lib;
    dnnl_stream_t stream;
    dnnl_primitive_desc_t forward_pd;
    dnnl_primitive_t forward, backward;
    /* no data of their own: each call points them at its arrays */
    dnnl_memory_t src, dst, diff_dst, diff_src;
    struct onednn_entry *next;
};

/* glibc's registration of a function to run when the calling thread exits
 * (what C++ thread_local destructors use). */
int __cxa_thread_atexit_impl(void (*function)(void *), void *object, void *dso);
extern void *__dso_handle;
static _Thread_local struct onednn_entry *thread_entries;
static _Thread_local struct onednn_entry *thread_last;

static void entry_release(struct onednn_entry *e)
{
    struct onednn_library *lib = e->lib;
    dnnl_memory_t *memories[] = {&e->src, &e->dst, &e->diff_dst, &e->diff_src};
    for (size_t i = 0; i < sizeof memories / sizeof memories[0]; i++)
        if (*memories[i]) {
            lib->memory_destroy(*memories[i]);
            *memories[i] = NULL;
        }
    if (e->forward)
        lib->primitive_destroy(e->forward);
    if (e->backward)
        lib->primitive_destroy(e->backward);
    if (e->forward_pd)
        lib->primitive_desc_destroy(e->forward_pd);
    if (e->stream)
        lib->stream_destroy(e->stream);
    e->forward = e->backward = NULL;
    e->forward_pd = NULL;
    e->stream = NULL;
}

static void thread_exit(void *unused)
{
    (void)unused;
    struct onednn_entry *head = thread_entries;
    thread_entries = thread_last = NULL;
    for (struct onednn_entry *e = head, *next; e; e = next) {
        next = e->next;
        if (e->lib)
            entry_release(e);
        free(e);
    }
}

static const char *const type_label[ONEDNN_TYPE_COUNT] = {"f32", "bf16", "f16"};

/* What failed, once per operation on stderr; during a probe (probe.h) it
 * is the probe's answer instead, and nothing is printed. */
static void report_once(const struct onednn_op *op, const char *what)
{
    char text[PEER_PROBE_TEXT];
    snprintf(text, sizeof text, "oneDNN 2.6 capped at %s, %s data: %s", isa_label[op->isa],
             type_label[op->type], what);
    if (peer_probe_active()) {
        peer_probe_fail(text);
        return;
    }
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static bool reported[ONEDNN_ISA_COUNT][ONEDNN_ALG_COUNT][ONEDNN_TYPE_COUNT][2];
    pthread_mutex_lock(&lock);
    if (!reported[op->isa][op->alg][op->type][op->use_dst]) {
        reported[op->isa][op->alg][op->type][op->use_dst] = true;
        fprintf(stderr, "actbench: %s (algorithm %d); its results are NaN\n", text,
                (int)op->alg);
    }
    pthread_mutex_unlock(&lock);
}

static const dnnl_alg_kind_t eltwise_kind[ONEDNN_ALG_COUNT] = {
    [ONEDNN_RELU] = dnnl_eltwise_relu,
    [ONEDNN_ELU] = dnnl_eltwise_elu,
    [ONEDNN_LOGISTIC] = dnnl_eltwise_logistic,
    [ONEDNN_TANH] = dnnl_eltwise_tanh,
    [ONEDNN_GELU_ERF] = dnnl_eltwise_gelu_erf,
    [ONEDNN_GELU_TANH] = dnnl_eltwise_gelu_tanh,
    [ONEDNN_SWISH] = dnnl_eltwise_swish,
    [ONEDNN_SOFT_RELU] = dnnl_eltwise_soft_relu,
    [ONEDNN_HARDSWISH] = dnnl_eltwise_hardswish,
    [ONEDNN_MISH] = dnnl_eltwise_mish,
};

/* The *_use_dst_for_bwd algorithms oneDNN 2.6 has for the catalog's
 * activations (dnnl_types.h); 0 where there is none. */
static const dnnl_alg_kind_t eltwise_dst_kind[ONEDNN_ALG_COUNT] = {
    [ONEDNN_RELU] = dnnl_eltwise_relu_use_dst_for_bwd,
    [ONEDNN_ELU] = dnnl_eltwise_elu_use_dst_for_bwd,
    [ONEDNN_LOGISTIC] = dnnl_eltwise_logistic_use_dst_for_bwd,
    [ONEDNN_TANH] = dnnl_eltwise_tanh_use_dst_for_bwd,
};

static dnnl_alg_kind_t eltwise_algorithm(const struct onednn_op *op)
{
    return op->use_dst ? eltwise_dst_kind[op->alg] : eltwise_kind[op->alg];
}

static const dnnl_data_type_t data_type[ONEDNN_TYPE_COUNT] = {dnnl_f32, dnnl_bf16, dnnl_f16};

static bool is_row_alg(enum onednn_alg alg)
{
    return alg == ONEDNN_SOFTMAX || alg == ONEDNN_LOGSOFTMAX;
}

/* The data descriptor: n elements (eltwise) or rows x row_length, dense. */
static bool data_desc(struct onednn_entry *e, dnnl_memory_desc_t *md)
{
    if (is_row_alg(e->op->alg)) {
        dnnl_dims_t dims = {(dnnl_dim_t)(e->n / e->row_length), (dnnl_dim_t)e->row_length};
        return e->lib->memory_desc_init_by_tag(md, 2, dims, data_type[e->op->type], dnnl_ab) ==
               dnnl_success;
    }
    dnnl_dims_t dims = {(dnnl_dim_t)e->n};
    return e->lib->memory_desc_init_by_tag(md, 1, dims, data_type[e->op->type], dnnl_a) ==
           dnnl_success;
}

/* Why the last creation failed, for the report: the call and its status. */
static _Thread_local char creation_failure[128];

static bool create_primitive(struct onednn_entry *e, const void *op_desc, const_dnnl_primitive_desc_t hint,
                             dnnl_primitive_desc_t *pd_out, dnnl_primitive_t *out)
{
    dnnl_primitive_desc_t pd;
    dnnl_status_t status = e->lib->primitive_desc_create(&pd, op_desc, NULL, e->lib->engine, hint);
    if (status != dnnl_success) {
        snprintf(creation_failure, sizeof creation_failure, "dnnl_primitive_desc_create returned %s",
                 status_name(status));
        return false;
    }
    status = e->lib->primitive_create(out, pd);
    bool ok = status == dnnl_success;
    if (!ok)
        snprintf(creation_failure, sizeof creation_failure, "dnnl_primitive_create returned %s",
                 status_name(status));
    if (ok && pd_out)
        *pd_out = pd;
    else
        e->lib->primitive_desc_destroy(pd);
    return ok;
}

static bool desc_status(dnnl_status_t status, const char *call)
{
    if (status != dnnl_success)
        snprintf(creation_failure, sizeof creation_failure, "%s returned %s", call,
                 status_name(status));
    return status == dnnl_success;
}

static bool create_forward(struct onednn_entry *e)
{
    struct onednn_library *lib = e->lib;
    dnnl_memory_desc_t md;
    if (!data_desc(e, &md))
        return false;
    bool ok;
    switch (e->op->alg) {
    case ONEDNN_SOFTMAX: {
        dnnl_softmax_desc_t d;
        ok = lib->softmax_forward_desc_init(&d, dnnl_forward_training, &md, 1) == dnnl_success &&
             create_primitive(e, &d, NULL, &e->forward_pd, &e->forward);
        break;
    }
    case ONEDNN_LOGSOFTMAX: {
        dnnl_logsoftmax_desc_t d;
        ok = lib->logsoftmax_forward_desc_init(&d, dnnl_forward_training, &md, 1) == dnnl_success &&
             create_primitive(e, &d, NULL, &e->forward_pd, &e->forward);
        break;
    }
    default: {
        dnnl_eltwise_desc_t d;
        ok = desc_status(lib->eltwise_forward_desc_init(&d, dnnl_forward_training,
                                                        eltwise_algorithm(e->op), &md, e->alpha, 0.0f),
                         "dnnl_eltwise_forward_desc_init") &&
             create_primitive(e, &d, NULL, &e->forward_pd, &e->forward);
        break;
    }
    }
    return ok && lib->stream_create(&e->stream, lib->engine, dnnl_stream_default_flags) == dnnl_success &&
           lib->memory_create(&e->src, &md, lib->engine, DNNL_MEMORY_NONE) == dnnl_success &&
           lib->memory_create(&e->dst, &md, lib->engine, DNNL_MEMORY_NONE) == dnnl_success &&
           lib->memory_create(&e->diff_dst, &md, lib->engine, DNNL_MEMORY_NONE) == dnnl_success &&
           lib->memory_create(&e->diff_src, &md, lib->engine, DNNL_MEMORY_NONE) == dnnl_success;
}

static bool create_backward(struct onednn_entry *e)
{
    struct onednn_library *lib = e->lib;
    dnnl_memory_desc_t md;
    if (!data_desc(e, &md))
        return false;
    switch (e->op->alg) {
    case ONEDNN_SOFTMAX: {
        dnnl_softmax_desc_t d;
        return lib->softmax_backward_desc_init(&d, &md, &md, 1) == dnnl_success &&
               create_primitive(e, &d, e->forward_pd, NULL, &e->backward);
    }
    case ONEDNN_LOGSOFTMAX: {
        dnnl_logsoftmax_desc_t d;
        return lib->logsoftmax_backward_desc_init(&d, &md, &md, 1) == dnnl_success &&
               create_primitive(e, &d, e->forward_pd, NULL, &e->backward);
    }
    default: {
        dnnl_eltwise_desc_t d;
        return desc_status(lib->eltwise_backward_desc_init(&d, eltwise_algorithm(e->op), &md, &md,
                                                           e->alpha, 0.0f),
                           "dnnl_eltwise_backward_desc_init") &&
               create_primitive(e, &d, e->forward_pd, NULL, &e->backward);
    }
    }
}

/* The calling thread's entry for (op, n, alpha, row_length), its forward
 * primitive created; NULL (reported) when that failed. */
static struct onednn_entry *entry(const struct onednn_op *op, size_t n, float alpha, size_t row_length)
{
    struct onednn_entry *e = thread_last;
    if (e && e->op == op && e->n == n && e->alpha == alpha && e->row_length == row_length)
        return e->failed ? NULL : e;
    for (e = thread_entries; e && e->op != op; e = e->next)
        ;
    if (!e) {
        e = calloc(1, sizeof *e);
        if (!e) {
            report_once(op, "out of memory");
            return NULL;
        }
        if (!thread_entries && __cxa_thread_atexit_impl(thread_exit, NULL, &__dso_handle) != 0) {
            free(e);
            report_once(op, "cannot register the thread's clean-up");
            return NULL;
        }
        e->op = op;
        e->next = thread_entries;
        thread_entries = e;
    } else if (e->lib) {
        entry_release(e);
    }
    thread_last = e;
    e->n = n;
    e->alpha = alpha;
    e->row_length = row_length;
    e->failed = false;
    e->backward_tried = e->backward_failed = false;
    e->lib = library(op->isa);
    if (!e->lib->loaded) {
        e->failed = true;
        report_once(op, e->lib->failure);
        e->lib = NULL;
        return NULL;
    }
    creation_failure[0] = '\0';
    if (!create_forward(e)) {
        e->failed = true;
        char what[192];
        snprintf(what, sizeof what, "the forward primitive could not be created (%s)",
                 creation_failure[0] ? creation_failure : "memory or stream creation failed");
        report_once(op, what);
        if (peer_probe_active()) /* try again when called outside the probe */
            entry_release(e), e->lib = NULL, e->n = 0;
        return NULL;
    }
    return e;
}

static void forward_any(const struct onednn_op *op, const void *x, void *y, size_t n, float alpha,
                        size_t row_length)
{
    if (n == 0)
        return;
    struct onednn_entry *e = entry(op, n, alpha, row_length);
    if (!e) {
        fill_nan(op, y, n);
        return;
    }
    struct onednn_library *lib = e->lib;
    lib->memory_set_data_handle(e->src, (void *)x);
    lib->memory_set_data_handle(e->dst, y);
    const dnnl_exec_arg_t args[] = {{DNNL_ARG_SRC, e->src}, {DNNL_ARG_DST, e->dst}};
    if (lib->primitive_execute(e->forward, e->stream, 2, args) != dnnl_success) {
        report_once(op, "the forward primitive failed");
        fill_nan(op, y, n);
    }
}

static void backward_any(const struct onednn_op *op, const void *x, const void *y, const void *dy,
                         void *dx, size_t n, float alpha, size_t row_length)
{
    if (n == 0)
        return;
    struct onednn_entry *e = entry(op, n, alpha, row_length);
    if (e && !e->backward_tried) {
        e->backward_tried = true;
        creation_failure[0] = '\0';
        e->backward_failed = !create_backward(e);
        if (e->backward_failed) {
            char what[192];
            snprintf(what, sizeof what, "the backward primitive could not be created (%s)",
                     creation_failure[0] ? creation_failure : "failed");
            report_once(op, what);
        }
    }
    if (!e || e->backward_failed) {
        fill_nan(op, dx, n);
        return;
    }
    struct onednn_library *lib = e->lib;
    /* eltwise backward reads src, its use_dst_for_bwd form dst; softmax
     * and logsoftmax read dst */
    bool from_dst = is_row_alg(op->alg) || op->use_dst;
    dnnl_memory_t data = from_dst ? e->dst : e->src;
    lib->memory_set_data_handle(data, (void *)(from_dst ? y : x));
    lib->memory_set_data_handle(e->diff_dst, (void *)dy);
    lib->memory_set_data_handle(e->diff_src, dx);
    const dnnl_exec_arg_t args[] = {{from_dst ? DNNL_ARG_DST : DNNL_ARG_SRC, data},
                                    {DNNL_ARG_DIFF_DST, e->diff_dst},
                                    {DNNL_ARG_DIFF_SRC, e->diff_src}};
    if (lib->primitive_execute(e->backward, e->stream, 3, args) != dnnl_success) {
        report_once(op, "the backward primitive failed");
        fill_nan(op, dx, n);
    }
}

#else /* !ACTBENCH_HAVE_ONEDNN: the rows are skipped_library; never called */

static void forward_any(const struct onednn_op *op, const void *x, void *y, size_t n, float alpha,
                        size_t row_length)
{
    (void)x, (void)alpha, (void)row_length;
    fill_nan(op, y, n);
}

static void backward_any(const struct onednn_op *op, const void *x, const void *y, const void *dy,
                         void *dx, size_t n, float alpha, size_t row_length)
{
    (void)x, (void)y, (void)dy, (void)alpha, (void)row_length;
    fill_nan(op, dx, n);
}

#endif

void onednn_forward(const struct onednn_op *op, const float *x, float *y, size_t n, float alpha,
                    size_t row_length)
{
    forward_any(op, x, y, n, alpha, row_length);
}

void onednn_backward(const struct onednn_op *op, const float *x, const float *y, const float *dy,
                     float *dx, size_t n, float alpha, size_t row_length)
{
    backward_any(op, x, y, dy, dx, n, alpha, row_length);
}

void onednn_forward_u16(const struct onednn_op *op, const uint16_t *x, uint16_t *y, size_t n,
                        float alpha, size_t row_length)
{
    forward_any(op, x, y, n, alpha, row_length);
}

void onednn_backward_u16(const struct onednn_op *op, const uint16_t *x, const uint16_t *y,
                         const uint16_t *dy, uint16_t *dx, size_t n, float alpha,
                         size_t row_length)
{
    backward_any(op, x, y, dy, dx, n, alpha, row_length);
}
