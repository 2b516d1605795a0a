/*
 * XNNPACK's operators behind the xnnpack kernels (impls/peers/xnnpack.h).
 *
 * xnn_initialize runs once per process; XNNPACK then chooses its
 * microkernels from what cpuinfo reports of the CPU, and offers no way to
 * cap them at an ISA: the rows run whatever XNNPACK takes on the machine
 * (their ISA names the widest it can take here).  Every operator runs
 * with a NULL thread pool, on the calling thread alone.
 *
 * Outside the timed calls.  A thread's first call for an operation and its
 * parameters (alpha, the prelu channels and slopes, the softmax row length)
 * creates the operator (prelu packs its slopes here); a call whose n or
 * arrays differ from the previous one sets it up again (xnn_setup_* binds
 * the batch size and the two pointers).  A call with the same n and arrays
 * only runs the operator (xnn_run_operator): what a timed call costs.
 * Elementwise operators are created with one channel and stride 1 and set
 * up with a batch of n, which XNNPACK runs as one contiguous range;
 * softmax has a channel per row entry and a batch of rows; prelu a channel
 * per catalog channel and a batch of n / channels.
 *
 * As XNNPACK documents (XNN_EXTRA_BYTES), its microkernels may read up to
 * 16 bytes past the end of the input; they never write past the output.
 *
 * A failure is written to stderr once per operation and the call writes
 * NaN, so the figures show it; nothing aborts.
 */
#include "xnnpack.h"
#include "probe.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if ACTBENCH_HAVE_XNNPACK

#include <xnnpack.h>

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static enum xnn_status init_status = xnn_status_uninitialized;

static void initialize(void)
{
    init_status = xnn_initialize(NULL);
}

struct xnnpack_entry {
    const struct xnnpack_op *op;
    xnn_operator_t xop;
    float alpha;
    size_t channels;
    const float *slopes;
    bool failed;
    /* what the operator is set up for */
    size_t n;
    const void *x;
    void *y;
    /* prelu, n not a multiple of the channels: a second operator set up
     * once on one batch of scratch (elements of the op's type), for the
     * last n % channels elements */
    xnn_operator_t tail_op;
    void *tail_in, *tail_out;
    struct xnnpack_entry *next;
};

/* glibc's registration of a function to run when the calling thread exits
 * (what C++ thread_local destructors use). */
int __cxa_thread_atexit_impl(void (*function)(void *), void *object, void *dso);
extern void *__dso_handle;
static _Thread_local struct xnnpack_entry *thread_entries;
static _Thread_local struct xnnpack_entry *thread_last;

static void entry_release(struct xnnpack_entry *e)
{
    if (e->xop)
        xnn_delete_operator(e->xop);
    if (e->tail_op)
        xnn_delete_operator(e->tail_op);
    free(e->tail_in);
    free(e->tail_out);
    e->xop = e->tail_op = NULL;
    e->tail_in = e->tail_out = NULL;
}

static void thread_exit(void *unused)
{
    (void)unused;
    struct xnnpack_entry *head = thread_entries;
    thread_entries = thread_last = NULL;
    for (struct xnnpack_entry *e = head, *next; e; e = next) {
        next = e->next;
        entry_release(e);
        free(e);
    }
}

static const char *status_name(enum xnn_status status)
{
    switch (status) {
    case xnn_status_success: return "xnn_status_success";
    case xnn_status_uninitialized: return "xnn_status_uninitialized";
    case xnn_status_invalid_parameter: return "xnn_status_invalid_parameter";
    case xnn_status_invalid_state: return "xnn_status_invalid_state";
    case xnn_status_unsupported_parameter: return "xnn_status_unsupported_parameter";
    case xnn_status_unsupported_hardware: return "xnn_status_unsupported_hardware";
    case xnn_status_out_of_memory: return "xnn_status_out_of_memory";
    default: return "an unknown xnn_status";
    }
}

/* What failed, once per operation on stderr; during a probe (probe.h) it
 * is the probe's answer instead, and nothing is printed. */
static void report_once(const struct xnnpack_op *op, const char *what, enum xnn_status status)
{
    if (peer_probe_active()) {
        char text[PEER_PROBE_TEXT];
        snprintf(text, sizeof text, "XNNPACK (2022-02-16 snapshot), %s data: %s (%s)",
                 op->f16 ? "f16" : "f32", what, status_name(status));
        peer_probe_fail(text);
        return;
    }
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
    static bool reported[XNNPACK_KIND_COUNT][2];
    pthread_mutex_lock(&lock);
    if (!reported[op->kind][op->f16]) {
        reported[op->kind][op->f16] = true;
        fprintf(stderr, "actbench: XNNPACK operator %d: %s (status %d); its results are NaN\n",
                (int)op->kind, what, (int)status);
    }
    pthread_mutex_unlock(&lock);
}

/* The operator's parameters from p: what the entry is keyed on. */
static void parameters(const struct xnnpack_op *op, const struct actbench_params *p, float *alpha,
                       size_t *channels, const float **slopes)
{
    *alpha = 0.0f;
    *channels = 1;
    *slopes = NULL;
    switch (op->kind) {
    case XNNPACK_ELU:
    case XNNPACK_LEAKY_RELU:
        *alpha = p->alpha;
        break;
    case XNNPACK_PRELU:
        *channels = p->channels;
        *slopes = p->channel_alpha;
        break;
    case XNNPACK_SOFTMAX:
        *channels = p->row_length;
        break;
    default:
        break;
    }
}

static enum xnn_status create(struct xnnpack_entry *e, xnn_operator_t *out)
{
    const size_t c = e->channels;
    if (e->op->f16) /* the f16 operators actbench runs */
        switch (e->op->kind) {
        case XNNPACK_LEAKY_RELU:
            return xnn_create_leaky_relu_nc_f16(c, c, c, e->alpha, 0, out);
        case XNNPACK_HARDSWISH:
            return xnn_create_hardswish_nc_f16(c, c, c, 0, out);
        case XNNPACK_RELU:
            return xnn_create_clamp_nc_f16(c, c, c, 0.0f, INFINITY, 0, out);
        case XNNPACK_PRELU:
            /* f32 slopes, rounded to f16 (to nearest) by XNNPACK as it
             * packs them, once */
            return xnn_create_prelu_nc_f16(c, c, c, e->slopes, XNN_FLAG_FP32_STATIC_WEIGHTS, out);
        default:
            return xnn_status_unsupported_parameter;
        }
    switch (e->op->kind) {
    case XNNPACK_SIGMOID:
        return xnn_create_sigmoid_nc_f32(c, c, c, 0, out);
    case XNNPACK_ELU:
        return xnn_create_elu_nc_f32(c, c, c, e->alpha, 0, out);
    case XNNPACK_LEAKY_RELU:
        return xnn_create_leaky_relu_nc_f32(c, c, c, e->alpha, 0, out);
    case XNNPACK_HARDSWISH:
        return xnn_create_hardswish_nc_f32(c, c, c, 0, out);
    case XNNPACK_PRELU:
        return xnn_create_prelu_nc_f32(c, c, c, e->slopes, 0, out);
    case XNNPACK_RELU:
        return xnn_create_clamp_nc_f32(c, c, c, 0.0f, INFINITY, 0, out);
    case XNNPACK_SOFTMAX:
        return xnn_create_softmax_nc_f32(c, c, c, 0, out);
    default:
        return xnn_status_invalid_parameter;
    }
}

static enum xnn_status setup(struct xnnpack_entry *e, const void *x, void *y, size_t n)
{
    const size_t batch = n / e->channels;
    if (e->op->f16)
        switch (e->op->kind) {
        case XNNPACK_LEAKY_RELU:
            return xnn_setup_leaky_relu_nc_f16(e->xop, batch, x, y, NULL);
        case XNNPACK_HARDSWISH:
            return xnn_setup_hardswish_nc_f16(e->xop, batch, x, y, NULL);
        case XNNPACK_RELU:
            return xnn_setup_clamp_nc_f16(e->xop, batch, x, y, NULL);
        case XNNPACK_PRELU:
            return xnn_setup_prelu_nc_f16(e->xop, batch, x, y, NULL);
        default:
            return xnn_status_unsupported_parameter;
        }
    switch (e->op->kind) {
    case XNNPACK_SIGMOID:
        return xnn_setup_sigmoid_nc_f32(e->xop, batch, x, y, NULL);
    case XNNPACK_ELU:
        return xnn_setup_elu_nc_f32(e->xop, batch, x, y, NULL);
    case XNNPACK_LEAKY_RELU:
        return xnn_setup_leaky_relu_nc_f32(e->xop, batch, x, y, NULL);
    case XNNPACK_HARDSWISH:
        return xnn_setup_hardswish_nc_f32(e->xop, batch, x, y, NULL);
    case XNNPACK_PRELU:
        return xnn_setup_prelu_nc_f32(e->xop, batch, x, y, NULL);
    case XNNPACK_RELU:
        return xnn_setup_clamp_nc_f32(e->xop, batch, x, y, NULL);
    case XNNPACK_SOFTMAX:
        return xnn_setup_softmax_nc_f32(e->xop, batch, x, y, NULL);
    default:
        return xnn_status_invalid_parameter;
    }
}

static size_t element_size(const struct xnnpack_op *op)
{
    return op->f16 ? sizeof(uint16_t) : sizeof(float);
}

/* The prelu tail operator on its one batch of scratch. */
static enum xnn_status setup_tail(struct xnnpack_entry *e)
{
    if (e->op->f16)
        return xnn_setup_prelu_nc_f16(e->tail_op, 1, e->tail_in, e->tail_out, NULL);
    return xnn_setup_prelu_nc_f32(e->tail_op, 1, e->tail_in, e->tail_out, NULL);
}

/* The calling thread's operator for op and p's parameters; NULL (reported)
 * when it could not be created. */
static struct xnnpack_entry *entry(const struct xnnpack_op *op, const struct actbench_params *p)
{
    float alpha;
    size_t channels;
    const float *slopes;
    parameters(op, p, &alpha, &channels, &slopes);
    struct xnnpack_entry *e = thread_last;
    if (!(e && e->op == op))
        for (e = thread_entries; e && e->op != op; e = e->next)
            ;
    if (e && e->alpha == alpha && e->channels == channels && e->slopes == slopes) {
        thread_last = e;
        return e->failed ? NULL : e;
    }
    pthread_once(&init_once, initialize);
    if (init_status != xnn_status_success) {
        report_once(op, "xnn_initialize failed", init_status);
        return NULL;
    }
    if (!e) {
        e = calloc(1, sizeof *e);
        if (!e) {
            report_once(op, "out of memory", xnn_status_out_of_memory);
            return NULL;
        }
        if (!thread_entries && __cxa_thread_atexit_impl(thread_exit, NULL, &__dso_handle) != 0) {
            free(e);
            report_once(op, "cannot register the thread's clean-up", xnn_status_out_of_memory);
            return NULL;
        }
        e->op = op;
        e->next = thread_entries;
        thread_entries = e;
    } else {
        entry_release(e);
    }
    thread_last = e;
    e->alpha = alpha;
    e->channels = channels;
    e->slopes = slopes;
    e->n = 0;
    e->x = NULL;
    e->y = NULL;
    enum xnn_status status = channels ? create(e, &e->xop) : xnn_status_invalid_parameter;
    if (status == xnn_status_success && op->kind == XNNPACK_PRELU && channels > 1) {
        const size_t size = element_size(op);
        /* XNNPACK may read XNN_EXTRA_BYTES past an input's end */
        e->tail_in = calloc(1, channels * size + XNN_EXTRA_BYTES);
        e->tail_out = calloc(channels, size);
        status = !e->tail_in || !e->tail_out ? xnn_status_out_of_memory : create(e, &e->tail_op);
        if (status == xnn_status_success)
            status = setup_tail(e);
    }
    e->failed = status != xnn_status_success;
    if (e->failed) {
        entry_release(e);
        report_once(op, "the operator could not be created", status);
        return NULL;
    }
    return e;
}

/* A quiet NaN in the op's type: f32, or the f16 encoding. */
static void fill_nan(const struct xnnpack_op *op, void *y, size_t n)
{
    if (op->f16) {
        uint16_t *out = y;
        for (size_t i = 0; i < n; i++)
            out[i] = 0x7e00;
        return;
    }
    float *out = y;
    for (size_t i = 0; i < n; i++)
        out[i] = NAN;
}

static void forward_any(const struct xnnpack_op *op, const void *x, void *y, size_t n,
                        const struct actbench_params *p)
{
    if (n == 0)
        return;
    struct xnnpack_entry *e = entry(op, p);
    if (!e) {
        fill_nan(op, y, n);
        return;
    }
    const size_t whole = n - n % e->channels;
    if (whole && (e->n != whole || e->x != x || e->y != y)) {
        enum xnn_status status = setup(e, x, y, whole);
        if (status != xnn_status_success) {
            report_once(op, "the operator could not be set up", status);
            e->n = 0;
            fill_nan(op, y, n);
            return;
        }
        e->n = whole;
        e->x = x;
        e->y = y;
    }
    enum xnn_status status = xnn_status_success;
    /* the tail (prelu only: the other operators have one channel) is
     * read before the whole batches run, for x == y */
    const size_t rest = n - whole, size = element_size(op);
    if (rest)
        memcpy(e->tail_in, (const char *)x + whole * size, rest * size);
    if (whole)
        status = xnn_run_operator(e->xop, NULL);
    if (rest && status == xnn_status_success) {
        status = xnn_run_operator(e->tail_op, NULL);
        memcpy((char *)y + whole * size, e->tail_out, rest * size);
    }
    if (status != xnn_status_success) {
        report_once(op, "the operator failed", status);
        fill_nan(op, y, n);
    }
}

void xnnpack_forward(const struct xnnpack_op *op, const float *x, float *y, size_t n,
                     const struct actbench_params *p)
{
    forward_any(op, x, y, n, p);
}

void xnnpack_forward_u16(const struct xnnpack_op *op, const uint16_t *x, uint16_t *y, size_t n,
                         const struct actbench_params *p)
{
    forward_any(op, x, y, n, p);
}

#else /* !ACTBENCH_HAVE_XNNPACK: the rows are skipped_library; never called */

void xnnpack_forward(const struct xnnpack_op *op, const float *x, float *y, size_t n,
                     const struct actbench_params *p)
{
    (void)op, (void)x, (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = NAN;
}

void xnnpack_forward_u16(const struct xnnpack_op *op, const uint16_t *x, uint16_t *y, size_t n,
                         const struct actbench_params *p)
{
    (void)op, (void)x, (void)p;
    for (size_t i = 0; i < n; i++)
        y[i] = 0x7e00;
}

#endif
