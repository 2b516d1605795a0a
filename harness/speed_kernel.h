/*
 * How the speed driver calls what it measures.
 *
 * Everything the driver knows about a kernel is a struct speed_subject:
 * its identity for the rows, its element type (f32, or a 16-bit format
 * carried as uint16_t encodings, as in include/actbench/kernel.h), its
 * forward call and its optional gradient call, and what its activation
 * asks of the buffers (input multiple, outputs per input, a parameter
 * gradient).  speed_subject_of() is the one place that reads the
 * registry and the catalog; the rest of the driver sees subjects only.
 *
 * A struct speed_call is a subject prepared over buffers in one mode;
 * speed_call_run() is the timed loop.  Buffers are sized in bytes and
 * indexed by element_size, and inputs are generated as floats and
 * encoded to the element type (speed_subject_fill), so an element type
 * is handled in this file's .c and nowhere else.
 */
#ifndef ACTBENCH_SPEED_KERNEL_H
#define ACTBENCH_SPEED_KERNEL_H

#include <stddef.h>
#include <stdint.h>

#include "implementations.h"
#include "../include/actbench/kernel.h"
#include "speed.h"

struct speed_subject {
    const char *name;                 /* "copy" or "copy2" for the copy kernels */
    const char *activation_name;      /* "" for copy */
    const char *method;               /* "" for copy */
    const char *isa;                  /* copy: the ISA of its moves */
    int is_copy;                      /* 0 for an implementation; a copy kernel: the
                                         arrays its gradient call reads (copy 1, copy2 2) */
    int runnable;                     /* this CPU has the ISA, the build its library */
    const char *skip_status;          /* when not runnable: "skipped_isa" or "skipped_library" */
    const char *skip_note;            /* when not runnable: why */
    struct actbench_params params;    /* the catalog's defaults */
    size_t input_multiple;            /* inputs per call come in multiples of this */
    int gradient_dparam;              /* the gradient writes a parameter gradient */
    enum actbench_type type;
    size_t element_size;              /* bytes per element: 4 (f32) or 2 */
    union actbench_forward forward;   /* the member of type; NULL: none */
    union actbench_gradient gradient; /* the member of type; NULL: forward only */
    enum activation_id activation;    /* for speed_subject_outputs */
};

struct speed_subject speed_subject_of(const struct implementation *impl);
struct speed_subject speed_subject_copy(void);
/* The two-input copy of the gradient mode (see speed_copy.h); no forward. */
struct speed_subject speed_subject_copy2(void);
/* copy and copy2 with 512-bit moves, named copy_avx512f and copy2_avx512f
 * (run them only where speed_copy512_available()). */
struct speed_subject speed_subject_copy512(void);
struct speed_subject speed_subject_copy2_512(void);
/* The baselines a throughput mode times before its implementations: copy,
 * copy2 in the gradient mode, and their 512-bit twins where the CPU runs
 * them.  Fills out (room for SPEED_COPY_SUBJECTS_MAX) and returns the count. */
#define SPEED_COPY_SUBJECTS_MAX 4
size_t speed_copy_subjects(int gradient, struct speed_subject *out);
/* Whether an implementation name is one of those baselines. */
int speed_is_copy_name(const char *name);

int speed_subject_has_forward(const struct speed_subject *s);
int speed_subject_has_gradient(const struct speed_subject *s);
/* Outputs of a call over n inputs (n / group for maxout, else n). */
size_t speed_subject_outputs(const struct speed_subject *s, size_t n);

/* dst[0 .. n) in the subject's element type: the distribution's values
 * (from seed), rounded to the format.  Returns 0, or -1 with a message. */
int speed_subject_fill(const struct speed_subject *s, enum input_distribution d, uint64_t seed,
                       void *dst, size_t n, char *error, size_t error_size);
/* One untimed forward call (the gradient's y). */
void speed_subject_forward(const struct speed_subject *s, const void *x, void *y, size_t n);
/* Whether the gradient's dx depends on y, the forward output y[] of x[]
 * (n inputs, dparam as the timed call gets it): dx over the first inputs
 * (at most 256, whole blocks), once with y and once with every y's sign
 * and last bit flipped.  1 where the probe's buffers cannot be had. */
int speed_subject_gradient_depends_on_y(const struct speed_subject *s, const void *x, const void *y,
                                        const void *dy, void *dparam, size_t n);

enum speed_call_kind {
    SPEED_CALL_FORWARD,  /* forward over n inputs, again and again */
    SPEED_CALL_GRADIENT, /* the gradient over n inputs */
    SPEED_CALL_CHAIN,    /* forward calls of block inputs, each waiting for the last */
};

struct speed_call {
    enum speed_call_kind kind;
    enum actbench_type type;
    size_t element_size;
    union actbench_forward forward;
    union actbench_gradient gradient;
    struct actbench_params params;
    const void *x, *dy;
    void *x_work, *y, *dx, *dparam; /* dparam NULL unless the gradient writes it */
    size_t n;                       /* inputs per pass */
    size_t block, out_block, blocks, position; /* chain */
    uint32_t carry;                 /* chain: the last output's bits, masked to 0 */
    size_t unit_elements;           /* inputs per speed_call_run unit */
    uint64_t bytes;                 /* working set */
    uint64_t moved_bytes;           /* bytes a pass reads and writes: the working
                                       set less y where the gradient's dx does
                                       not depend on it (speed_buffers.c) */
};

/* units calls (forward, gradient), or units chained calls. */
void speed_call_run(struct speed_call *k, uint64_t units);

#endif
