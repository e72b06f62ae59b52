/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz target sysctl: __HYPERVISOR_sysctl from dom0 and
 * from domU d1: physinfo and numainfo with fuzzed node counts and
 * output arrays, unknown commands, bad interface versions.
 * Input: one byte for the preemption rate, then up to 16 calls, each
 * an actor byte (of 2: dom0 first) and the call's fields
 * (fuzz-ops.c).  See docs/misc/fuzzing.md.
 */
#include "fuzz-harness.h"
#include "fuzz-ops.h"

#define MAX_CALLS       16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer's entry point: one input, one fresh set of domains. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_input in = { data, size };
    unsigned int n = 0;

    fz_begin(&in, 1);
    while ( fz_more(&in) && n++ < MAX_CALLS )
        fz_op_sysctl(&in, fz_actor(&in, 2));
    fz_end();
    return 0;
}
