/*
 * Whether a framework peer can run a kernel here, asked before it is
 * measured.  Some of a library's operations exist only on some CPUs or
 * data types (oneDNN 2.6 has no f16 eltwise without AVX512-FP16, no bf16
 * below avx512_core; XNNPACK's f16 operators need its f16 kernels for the
 * CPU), and the library says so only when the operation is created.  The
 * harness makes one trial call of such a kernel between peer_probe_begin
 * and peer_probe_end on its thread; a peer that fails to create the
 * operation inside a probe records what its library answered with
 * peer_probe_fail (instead of writing to stderr), and the row is skipped
 * with that text.
 */
#ifndef ACTBENCH_PEERS_PROBE_H
#define ACTBENCH_PEERS_PROBE_H

#include <stdbool.h>

enum { PEER_PROBE_TEXT = 256 };

/* Starts a probe on the calling thread (clears what a previous one found). */
void peer_probe_begin(void);
/* Ends it: NULL when nothing failed, else the first failure's text (valid
 * until the thread's next probe). */
const char *peer_probe_end(void);
/* Whether the calling thread is inside a probe. */
bool peer_probe_active(void);
/* Records a failure during a probe (the first one is kept). */
void peer_probe_fail(const char *text);

#endif
