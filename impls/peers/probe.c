/* Trial calls of the framework peers; see probe.h. */
#include "probe.h"

#include <stdio.h>

static _Thread_local bool active;
static _Thread_local bool failed;
static _Thread_local char failure[PEER_PROBE_TEXT];

void peer_probe_begin(void)
{
    active = true;
    failed = false;
    failure[0] = '\0';
}

const char *peer_probe_end(void)
{
    active = false;
    return failed ? failure : NULL;
}

bool peer_probe_active(void)
{
    return active;
}

void peer_probe_fail(const char *text)
{
    if (!active || failed)
        return;
    failed = true;
    snprintf(failure, sizeof failure, "%s", text);
}
