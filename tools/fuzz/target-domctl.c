/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz target domctl: __HYPERVISOR_domctl from dom0 (the
 * control domain) and from domU d1 (which must get -EPERM): create,
 * destroy, pause, getdomaininfo, max_mem, unknown commands.
 * Input: one byte for the preemption rate, then up to 16 calls, each
 * an actor byte (of 2: dom0 first) and the call's fields
 * (fuzz-ops.c).  See docs/misc/fuzzing.md.
 */
#include "fuzz-harness.h"
#include "fuzz-ops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer's entry point: one input, one fresh set of domains. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_run(data, size, 1, 16, fz_op_domctl);
}
