/*
 * The exhaustive statistics give the same figures whatever the vector
 * width: exhaustive_stats_scalar, _avx2 and _avx512f (those the CPU runs)
 * on the same synthetic blocks must agree bit for bit on the counts, the
 * lane sums, the histogram counts, the runs' floors and counts, and the
 * sequence of rare points they hand over (special-value failures, values
 * out of range, points left to MPFR, candidates for a maximum).
 *
 * The blocks mix errors of 0 to 300 ulp, tails and tail bounds from exact
 * to fuzzy (some straddling a histogram bound), NaN, infinities and exact
 * zeros in the reference and in the results, deferred points, and runs of
 * 1 to 600 points that start and end anywhere within a vector.  Three
 * more blocks hold results equal to the rounded reference at all but a
 * share of the points (none, 1 in 1000, 1 in 30), so that most vectors,
 * some, or few match it bit for bit: each ISA measures the blocks both
 * with the figures of matching results computed once per block
 * (exhaustive_expect_<isa>) and without them, and every outcome must equal
 * the scalar one without them.  Every other block also marks repeats
 * (stats_block.repeats: a point with the reference data of the point 16
 * before it, its result mostly the same too): the candidates handed over
 * must then leave out exactly the repeats whose result equals that of
 * a twin in the same run (up to STATS_TWIN_ROWS periods back along a
 * chain of repeats), which the blocks measured without the marks do hand
 * over.  The last block repeats 16 points with the same fuzzy figure of
 * 999.75 ulp over and over (one row in three 1 ulp less), as translated
 * rows of log_softmax do: each is tied with every other point of its run
 * at its place in the row; another does the same with results equal to
 * the rounded reference (figures of 0.25 ulp), whose vectors of twins the
 * statistics skip whole.  Counting the special-value failures instead of
 * handing them over (stats_block.mismatches) must leave the other events
 * as they are.  Fixed seed; one line per check.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness/exhaustive_stats.h"
#include "../impls/isa.h"
#include "check.h"

stats_block_function exhaustive_stats_scalar, exhaustive_stats_avx2, exhaustive_stats_avx512f;
stats_expect_function exhaustive_expect_scalar, exhaustive_expect_avx2, exhaustive_expect_avx512f;

/* blocks [MIXED, BLOCKS) have results equal to the rounded reference at
 * all but 1 in differ[block - MIXED] points (0: at all of them) */
enum {
    POINTS = 4096, MIXED = 6, TIED = 9, TIED_MATCHED = 10, BLOCKS = 11, RUN_IDS = 64,
    MAX_RUNS = 4 * RUN_IDS, MAX_EVENTS = 400000,
    PERIOD = 16
};
static const unsigned differ[TIED - MIXED] = {0, 1000, 30};

struct event {
    int what, block;
    size_t point, run;
    uint32_t got;
    double figure, width;
};

struct outcome {
    uint64_t count, exceed[STATS_BOUNDS], run_counts[MAX_RUNS];
    double lane_sum[STATS_LANES], floors[MAX_RUNS];
    struct event *events;
    size_t event_count;
    int block; /* the block being measured */
    bool count_mismatches;
    uint64_t mismatches; /* counted, when count_mismatches */
};

static uint64_t state = 0x5eed0fa11u;
static uint64_t next_random(void)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}
static double uniform(void)
{
    return (double)(next_random() >> 11) * 0x1p-53;
}

struct block_data {
    float got[POINTS + 16], rounded[POINTS + 16];
    double tail[POINTS + 16], tail_error[POINTS + 16], inverse_ulp[POINTS + 16];
    uint8_t bits[7][POINTS / 8 + 2]; /* uncertain, nan, inf, zero, exact, special, deferred */
    uint8_t repeats[POINTS / 8 + 2];
    bool has_repeats;
    struct stats_run runs[POINTS];
    size_t run_count;
};

static void set_bit(uint8_t *set, size_t i)
{
    set[i / 8] = (uint8_t)(set[i / 8] | (1u << (i % 8)));
}

static bool bit(const uint8_t *set, size_t i)
{
    return (set[i / 8] >> (i % 8)) & 1;
}

/* Point i takes the reference data of point i - PERIOD and, 3 times in
 * 4 (always when tied), its result. */
static void make_repeat(struct block_data *d, size_t i, bool tied)
{
    const size_t t = i - PERIOD;
    d->rounded[i] = d->rounded[t];
    d->tail[i] = d->tail[t];
    d->tail_error[i] = d->tail_error[t];
    d->inverse_ulp[i] = d->inverse_ulp[t];
    for (int b = 0; b < 6; b++) {
        d->bits[b][i / 8] = (uint8_t)(d->bits[b][i / 8] & ~(1u << (i % 8)));
        if (bit(d->bits[b], t))
            set_bit(d->bits[b], i);
    }
    if (tied || next_random() % 4 != 0)
        d->got[i] = d->got[t];
    set_bit(d->repeats, i);
}

static void make_block(struct block_data *d, unsigned differ_one_in, bool repeats)
{
    memset(d, 0, sizeof *d);
    for (size_t i = 0; i < POINTS; i++) {
        const int e = (int)(next_random() % 40) - 20;
        const float r = ldexpf((float)(1.0 + uniform()), e) * (next_random() & 1 ? -1.0f : 1.0f);
        const double ulp = ldexp(1.0, ilogbf(r) - 23);
        d->rounded[i] = r;
        d->inverse_ulp[i] = 1.0 / ulp;
        d->tail[i] = uniform() - 0.5;
        const unsigned kind = (unsigned)(next_random() % 8);
        d->tail_error[i] = kind < 2 ? 0.0 : kind < 4 ? 0x1p-60 : kind < 6 ? 0x1p-45 : 0x1p-36 * uniform();
        const unsigned k = (unsigned)(next_random() % 64);
        const int steps = k < 30 ? 0 : k < 50 ? 1 : k < 58 ? -1 : k < 61 ? 2 : k < 63 ? -5 : 300;
        d->got[i] = r + (float)(steps * ulp);
        /* a figure a hair from 1/2 or 1 ulp: on a bound once fuzzy */
        if (k == 29)
            d->tail[i] = 0.5 - 0x1p-44;
        /* a tail past 1/2 ulp: a figure above the first bound even where
         * the result is the rounded reference */
        if (k == 28)
            d->tail[i] = (0.5 + 0x1p-20 + 0x1p-4 * uniform()) * (next_random() & 1 ? -1.0 : 1.0);
        const unsigned special = (unsigned)(next_random() % 200);
        if (special == 0) {
            d->rounded[i] = NAN;
            d->tail[i] = 0.0;
            d->tail_error[i] = 0.0;
            set_bit(d->bits[1], i);
            set_bit(d->bits[5], i);
            d->got[i] = next_random() & 1 ? NAN : 1.0f;
        } else if (special == 1) {
            d->rounded[i] = INFINITY;
            d->tail[i] = 0.0;
            d->tail_error[i] = 0.0;
            set_bit(d->bits[2], i);
            set_bit(d->bits[5], i);
            d->got[i] = next_random() & 1 ? INFINITY : 3.0f;
        } else if (special == 2) {
            d->rounded[i] = next_random() & 1 ? 0.0f : -0.0f;
            d->tail[i] = 0.0;
            d->tail_error[i] = 0.0;
            d->inverse_ulp[i] = 0x1p149;
            set_bit(d->bits[3], i);
            set_bit(d->bits[5], i);
            d->got[i] = next_random() & 1 ? 0.0f : -0.0f;
        } else if (special == 3) {
            d->got[i] = next_random() & 1 ? NAN : -INFINITY;
        }
        if (differ_one_in != (unsigned)-1 && special > 3 &&
            (differ_one_in == 0 || next_random() % differ_one_in != 0))
            d->got[i] = d->rounded[i];
        if (next_random() % 64 == 0)
            set_bit(d->bits[6], i);
    }
    const bool tied = differ_one_in == TIED || differ_one_in == TIED_MATCHED;
    d->has_repeats = repeats || tied;
    for (size_t i = PERIOD; i < POINTS && repeats; i++)
        if (next_random() % 3 != 0)
            make_repeat(d, i, false);
    if (tied) {
        for (size_t i = 0; i < PERIOD; i++) {
            for (int b = 0; b < 7; b++)
                d->bits[b][i / 8] = (uint8_t)(d->bits[b][i / 8] & ~(1u << (i % 8)));
            d->rounded[i] = ldexpf((float)(1.0 + 0.5 * uniform()), 3);
            d->inverse_ulp[i] = 0x1p20;
            d->tail[i] = 0.25; /* every point's figure 999.75 ulp */
            d->tail_error[i] = 0x1p-30;
            d->got[i] = d->rounded[i] + (float)((differ_one_in == TIED ? 1000 : 0) * 0x1p-20);
        }
        for (size_t i = PERIOD; i < POINTS; i++) {
            for (int b = 0; b < 7; b++)
                d->bits[b][i / 8] = (uint8_t)(d->bits[b][i / 8] & ~(1u << (i % 8)));
            make_repeat(d, i, true);
            /* one row in three a smaller error: the twin of the next one
             * lies two rows back */
            if (differ_one_in == TIED && i / PERIOD % 3 == 1)
                d->got[i] = d->rounded[i] + (float)(999 * 0x1p-20);
        }
    }
    /* the matching and the tied blocks' runs start from no floor (ids of their own) */
    const size_t first_id = differ_one_in == (unsigned)-1 ? 0
                            : differ_one_in == TIED          ? 2 * RUN_IDS
                            : differ_one_in == TIED_MATCHED  ? 3 * RUN_IDS
                                                             : RUN_IDS;
    size_t begin = 0, id = first_id;
    d->run_count = 0;
    while (begin < POINTS) {
        size_t length = 1 + (size_t)(next_random() % 600);
        if (next_random() % 4 == 0)
            length = 1 + (size_t)(next_random() % 9);
        const size_t end = begin + length < POINTS ? begin + length : POINTS;
        d->runs[d->run_count++] = (struct stats_run){begin, end, id};
        id = first_id + (id - first_id + 1 + (size_t)(next_random() % 3)) % RUN_IDS;
        begin = end;
    }
}

static void on_event(void *context, enum stats_event what, size_t point, size_t run, float got,
                     double figure, double width)
{
    struct outcome *o = context;
    if (o->event_count < MAX_EVENTS) {
        uint32_t bits;
        memcpy(&bits, &got, sizeof bits);
        o->events[o->event_count++] =
            (struct event){(int)what, o->block, point, run, bits, figure, width};
    }
    if (what == STATS_CANDIDATE) {
        const double low = figure - (width > STATS_DETERMINED ? width : 0.0);
        if (low > o->floors[run])
            o->floors[run] = low;
    }
}

static void run_blocks(stats_block_function *stats, stats_expect_function *expect,
                       const struct block_data *blocks, bool use_repeats, struct outcome *o)
{
    static _Alignas(64) unsigned char matched[(POINTS + 8) * STATS_MATCHED_BYTES_PER_POINT];
    memset(o->exceed, 0, sizeof o->exceed);
    memset(o->run_counts, 0, sizeof o->run_counts);
    memset(o->lane_sum, 0, sizeof o->lane_sum);
    o->count = 0;
    o->event_count = 0;
    o->mismatches = 0;
    for (int r = 0; r < MAX_RUNS; r++)
        o->floors[r] = -1.0;
    static double figures[POINTS + 16], widths[POINTS + 16];
    static uint64_t pending[POINTS + 2]; /* n + 2 entries of 8 bytes */
    for (int k = 0; k < BLOCKS; k++) {
        const struct block_data *d = &blocks[k];
        o->block = k;
        struct fast_points ref = {
            .rounded = (float *)d->rounded, .tail = (double *)d->tail,
            .tail_error = (double *)d->tail_error, .inverse_ulp = (double *)d->inverse_ulp,
            .uncertain = (uint8_t *)d->bits[0], .nan = (uint8_t *)d->bits[1],
            .infinite = (uint8_t *)d->bits[2], .exact_zero = (uint8_t *)d->bits[3],
            .exact = (uint8_t *)d->bits[4], .special = (uint8_t *)d->bits[5]};
        if (expect)
            expect(&(struct stats_block){
                .ref = &ref, .deferred = d->bits[6], .n = POINTS, .check_range = k % 2 == 0,
                .range_lo = -1000.0, .range_hi = 1000.0,
                .matched = (struct stats_matched *)(void *)matched});
        stats(&(struct stats_block){
            .got = d->got, .ref = &ref, .deferred = d->bits[6], .n = POINTS, .runs = d->runs,
            .run_count = d->run_count, .check_range = k % 2 == 0, .range_lo = -1000.0,
            .range_hi = 1000.0, .repeats = use_repeats && d->has_repeats ? d->repeats : NULL,
            .period = PERIOD, .mismatches = o->count_mismatches ? &o->mismatches : NULL,
            .matched = expect ? (struct stats_matched *)(void *)matched : NULL,
            .count = &o->count, .lane_sum = o->lane_sum,
            .exceed = o->exceed, .floors = o->floors, .figure_scratch = figures,
            .width_scratch = widths, .pending = (struct stats_pending *)(void *)pending,
            .run_counts = o->run_counts, .event = on_event, .context = o});
    }
}

static bool same_outcome(const struct outcome *a, const struct outcome *b, char *why, size_t size)
{
    if (a->count != b->count)
        return snprintf(why, size, "count %llu against %llu", (unsigned long long)a->count,
                        (unsigned long long)b->count), false;
    if (memcmp(a->lane_sum, b->lane_sum, sizeof a->lane_sum) != 0)
        return snprintf(why, size, "lane sums differ"), false;
    if (memcmp(a->exceed, b->exceed, sizeof a->exceed) != 0)
        return snprintf(why, size, "histogram counts differ"), false;
    if (memcmp(a->run_counts, b->run_counts, sizeof a->run_counts) != 0)
        return snprintf(why, size, "run counts differ"), false;
    if (memcmp(a->floors, b->floors, sizeof a->floors) != 0)
        return snprintf(why, size, "floors differ"), false;
    if (a->event_count != b->event_count)
        return snprintf(why, size, "%zu events against %zu", a->event_count, b->event_count),
               false;
    for (size_t i = 0; i < a->event_count; i++) {
        const struct event *x = &a->events[i], *y = &b->events[i];
        if (x->what != y->what || x->block != y->block || x->point != y->point || x->run != y->run || x->got != y->got ||
            memcmp(&x->figure, &y->figure, sizeof x->figure) != 0 ||
            memcmp(&x->width, &y->width, sizeof x->width) != 0)
            return snprintf(why, size, "event %zu differs (point %zu against %zu)", i, x->point,
                            y->point),
                   false;
    }
    return true;
}

/* Whether point i of block d is a repeat whose result is that of a twin
 * in its run: a point up to STATS_TWIN_ROWS periods before it along a
 * chain of repeats. */
static bool twin_in_run(const struct block_data *d, size_t i)
{
    if (!d->has_repeats)
        return false;
    size_t begin = 0;
    for (size_t r = 0; r < d->run_count; r++)
        if (d->runs[r].begin <= i && i < d->runs[r].end)
            begin = d->runs[r].begin;
    for (size_t k = 1; k <= STATS_TWIN_ROWS && i >= begin + k * PERIOD; k++) {
        if (!bit(d->repeats, i - (k - 1) * PERIOD))
            return false;
        if (memcmp(&d->got[i], &d->got[i - k * PERIOD], sizeof(float)) == 0)
            return true;
    }
    return false;
}

/* The candidates of an outcome that are twins in their run. */
static size_t twin_candidates(const struct block_data *blocks, const struct outcome *o,
                              size_t *candidates)
{
    size_t n = 0;
    *candidates = 0;
    for (size_t e = 0; e < o->event_count; e++)
        if (o->events[e].what == STATS_CANDIDATE) {
            ++*candidates;
            n += twin_in_run(&blocks[o->events[e].block], o->events[e].point);
        }
    return n;
}

/* Vectors of 8 points whose results equal the rounded reference bit for bit. */
static size_t matching_vectors(const struct block_data *blocks)
{
    size_t n = 0;
    for (int k = 0; k < BLOCKS; k++)
        for (size_t i = 0; i < POINTS; i += 8)
            n += memcmp(blocks[k].got + i, blocks[k].rounded + i, 8 * sizeof(float)) == 0;
    return n;
}

int main(void)
{
    struct block_data *blocks = calloc(BLOCKS, sizeof *blocks);
    struct outcome reference = {0}, outcome = {0};
    reference.events = calloc(MAX_EVENTS, sizeof(struct event));
    outcome.events = calloc(MAX_EVENTS, sizeof(struct event));
    if (!blocks || !reference.events || !outcome.events) {
        puts("out of memory");
        return 1;
    }
    for (int k = 0; k < BLOCKS; k++)
        make_block(&blocks[k],
                   k < MIXED ? (unsigned)-1 : k < TIED ? differ[k - MIXED] : (unsigned)k,
                   k < MIXED && k % 2 == 1);
    /* without the marks the twins are handed over; with them, none */
    run_blocks(exhaustive_stats_scalar, NULL, blocks, false, &reference);
    size_t all_candidates, kept_candidates;
    const size_t twins = twin_candidates(blocks, &reference, &all_candidates);
    run_blocks(exhaustive_stats_scalar, NULL, blocks, true, &reference);
    const size_t twins_left = twin_candidates(blocks, &reference, &kept_candidates);
    check(twins > 1000 && twins_left == 0 && kept_candidates + twins == all_candidates,
          "scalar: repeats whose result is their twin's, the twin in their run: %zu of %zu "
          "candidates without the marks, %zu of %zu with them",
          twins, all_candidates, twins_left, kept_candidates);
    size_t kinds[4] = {0};
    for (size_t i = 0; i < reference.event_count; i++)
        kinds[reference.events[i].what]++;
    check(reference.count > 0 && kinds[STATS_MISMATCH] && kinds[STATS_OUT_OF_RANGE] &&
              kinds[STATS_DEFERRED] && kinds[STATS_CANDIDATE] && reference.exceed[2] > 0 &&
              reference.event_count < MAX_EVENTS,
          "scalar: %llu figures, events: %zu mismatches, %zu out of range, %zu deferred, "
          "%zu candidates; %llu above 2 ulp",
          (unsigned long long)reference.count, kinds[STATS_MISMATCH], kinds[STATS_OUT_OF_RANGE],
          kinds[STATS_DEFERRED], kinds[STATS_CANDIDATE], (unsigned long long)reference.exceed[2]);
    /* the reference's events but the special-value failures */
    struct outcome without_mismatches = reference;
    without_mismatches.events = calloc(MAX_EVENTS, sizeof(struct event));
    if (!without_mismatches.events) {
        puts("out of memory");
        return 1;
    }
    without_mismatches.event_count = 0;
    for (size_t i = 0; i < reference.event_count; i++)
        if (reference.events[i].what != STATS_MISMATCH)
            without_mismatches.events[without_mismatches.event_count++] = reference.events[i];
    const size_t matching = matching_vectors(blocks);
    check(matching > 1000 && matching < BLOCKS * POINTS / 8 / 2,
          "%zu of %d vectors of 8 results equal the rounded reference bit for bit", matching,
          BLOCKS * POINTS / 8);
    const char *names[3] = {"scalar", "avx2", "avx512f"};
    stats_block_function *functions[3] = {exhaustive_stats_scalar, exhaustive_stats_avx2,
                                          exhaustive_stats_avx512f};
    stats_expect_function *expects[3] = {exhaustive_expect_scalar, exhaustive_expect_avx2,
                                         exhaustive_expect_avx512f};
    for (int k = 0; k < 3; k++) {
        const int isa = isa_by_name(names[k]);
        if (isa < 0 || !isa_supported(isa)) {
            printf("skip: %s (not run by this CPU)\n", names[k]);
            continue;
        }
        for (int with = k == 0; with < 2; with++) {
            run_blocks(functions[k], with ? expects[k] : NULL, blocks, true, &outcome);
            char why[160] = "", what[120];
            snprintf(what, sizeof what, "%s statistics%s equal the scalar ones bit for bit",
                     names[k], with ? " with the matching results' figures" : "");
            check_detail(same_outcome(&reference, &outcome, why, sizeof why), what, why);
        }
        /* the special-value failures counted instead of handed over: the
         * other events the same, and as many failures */
        outcome.count_mismatches = true;
        run_blocks(functions[k], expects[k], blocks, true, &outcome);
        outcome.count_mismatches = false;
        const uint64_t counted = outcome.mismatches;
        char why[160] = "", what[120];
        snprintf(what, sizeof what,
                 "%s statistics with the special-value failures counted: %llu of them, the "
                 "rest as handed over",
                 names[k], (unsigned long long)counted);
        check_detail(counted == kinds[STATS_MISMATCH] &&
                         same_outcome(&without_mismatches, &outcome, why, sizeof why),
                     what, why);
    }
    free(without_mismatches.events);
    free(reference.events);
    free(outcome.events);
    free(blocks);
    return check_summary("test_exhaustive_stats");
}
