/*
 * Included first by a kernel whose main loop is a few long dependency
 * chains per vector (gelu's AVX2 kernels: square, exponential, division,
 * Mills ratio polynomial, compensated product, 60-odd operations a
 * vector): GCC's first instruction scheduling pass, off by default on
 * x86, with register pressure taken into account, for every function of
 * the file.  Without it the four vectors of elementwise.h's main loop are
 * emitted one after the other, each a chain of about 90 cycles, and the
 * core's schedulers fill with operations waiting on the first before
 * those of the others arrive; scheduled, the chains are interleaved.
 * Scheduling moves instructions only: the results are the same bits
 * (checked on all 2^32 f32 inputs for the gelu kernels; -ffp-contract=off
 * stays in force).  Other compilers keep their own scheduling.
 */
#ifndef ACTBENCH_MATH_INTERLEAVE_H
#define ACTBENCH_MATH_INTERLEAVE_H

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("schedule-insns,sched-pressure")
#endif

#endif
