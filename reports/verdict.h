/*
 * The verdict of a run, per activation: its implementations with their
 * figures in every format, ranked by accuracy, with the fastest, the Pareto
 * front and the speed against the fastest peer.  The summary on stdout, the
 * HTML report and the JSON results all take their answers from here, so
 * they agree.
 *
 * Accuracy ranking (in one format): least max |error| of the value over
 * [-10, 10] (where ML inputs live; every implementation that flushes the
 * far tail ties on the all-range max), then the least share of inputs over
 * 1 ulp, then the least all-range max, then the faster.
 *
 * Peers are the implementations whose method is libm (the textbook formula
 * over glibc's libm), libmvec or sleef.  An implementation's ratio to the
 * fastest peer compares its cycles per element (L1, throughput) with the
 * fastest peer's of the same activation and ISA; where no peer runs at that
 * ISA, with the fastest peer of any ISA (peer_same_isa false).
 */
#ifndef ACTBENCH_VERDICT_H
#define ACTBENCH_VERDICT_H

#include <stdbool.h>
#include <stddef.h>

#include "html_model.h"

/* The formats a verdict knows, in the order they are shown. */
enum { VERDICT_FORMATS = 3 };
extern const char *const verdict_format_names[VERDICT_FORMATS];
/* Index of a format name, or -1. */
int verdict_format_index(const char *format);

/* What is wrong with an implementation (any format). */
enum verdict_flag {
    FLAG_OVER_BOUND = 1u << 0,        /* an own kernel above its declared bound */
    FLAG_FINDING = 1u << 1,           /* a peer above what its library documents */
    FLAG_SPECIAL_FAILURES = 1u << 2,  /* wrong NaN, infinity or sign of zero */
    FLAG_PROPERTY_FAILURES = 1u << 3, /* range, symmetry, monotonicity, ... */
};

struct implementation_verdict {
    const char *name, *method, *isa;
    bool peer;
    long row[VERDICT_FORMATS]; /* accuracy row of each format, -1 when none */
    bool ok[VERDICT_FORMATS];  /* that row measured */
    bool has_speed;
    double cycles, ratio_to_copy;
    bool has_peer_ratio, peer_same_isa;
    double peer_ratio;
    bool frontier[VERDICT_FORMATS]; /* on the Pareto front of the format */
    unsigned flags;
    double special_failures, property_failures;
};

struct group_verdict {
    const struct activation_group *group;
    struct implementation_verdict *impls; /* ranked in the primary format */
    size_t count;
    int primary;   /* the format ranked first: f32 when measured */
    bool measured[VERDICT_FORMATS];
    /* index into impls of the most accurate and the fastest per format,
     * -1 when none */
    long most_accurate[VERDICT_FORMATS], fastest[VERDICT_FORMATS];
    /* impls indices ranked by accuracy in each format (measured ones only) */
    size_t *ranked[VERDICT_FORMATS];
    size_t ranked_count[VERDICT_FORMATS];
};

/* Builds the verdict of one activation.  Returns 0, or -1 out of memory. */
int group_verdict_build(const struct report *r, const struct activation_group *group,
                        struct group_verdict *v);
void group_verdict_free(struct group_verdict *v);

/* Figures of a row: max ulp over [-10, 10] (falls back on the all-range
 * max when the column is absent) and the share of its points over 1 ulp. */
bool row_range10_ulp(const struct report *r, size_t row, double *ulp);
bool row_share_over_1(const struct report *r, size_t row, double *share);

/* "gelu_tanh differs from exact gelu on N of M bf16 inputs (max U ulp at
 * x = X)" for the row, into buffer; false when the row has no such figure. */
bool gelu_tanh_sentence(const struct report *r, size_t row, char *buffer, size_t size);

/* Method names of the peers. */
bool method_is_peer(const char *method);

#endif
