/*
 * The buffers a core measures in, and a subject's call set up over them
 * for one mode (see speed.h: 64-byte aligned, first touched by the
 * measuring thread, staggered against 4K aliasing).
 */
#ifndef ACTBENCH_SPEED_BUFFERS_H
#define ACTBENCH_SPEED_BUFFERS_H

#include <stddef.h>
#include <stdint.h>

#include "speed.h"
#include "speed_kernel.h"

struct speed_buffers {
    void *arena;
    size_t arena_bytes;
    size_t capacity_bytes; /* per buffer */
    void *x, *x_work, *y, *dy, *dx, *dparam;
    /* what x and dy hold (elements and type), to refill only when needed */
    size_t x_filled, dy_filled;
    enum actbench_type x_type, dy_type;
};

/* The bytes speed_buffers_open allocates for a working set. */
size_t speed_buffers_arena_bytes(uint64_t bytes);
/* Buffers for any subject and mode at a working set of bytes, touched by
 * the calling thread.  Returns 0, or -1 with a message. */
int speed_buffers_open(struct speed_buffers *b, uint64_t bytes, char *error, size_t error_size);
void speed_buffers_close(struct speed_buffers *b);

/*
 * Sets up a call of a subject in a mode over the buffers: sizes n so that
 * the mode's buffers fill the working set, fills the inputs (and, for the
 * gradient, y as the subject computes it).  block: the chain's call size
 * (latency; 0 = the subject's input multiple).  Returns 0, or -1 with a
 * message.
 */
int speed_call_setup(struct speed_call *k, const struct speed_subject *s, enum speed_mode mode,
                     uint64_t bytes, size_t block, struct speed_buffers *b,
                     const struct speed_options *o, char *error, size_t error_size);

#endif
