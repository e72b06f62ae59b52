/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz target tmem_op: __HYPERVISOR_tmem_op from dom0 and
 * two domUs (so shared pools have two sharers): pool creation flags and
 * uuids, oids, indices, cmfns, and the control ops from dom0.
 * Input: one byte for the preemption rate, then up to 24 calls, each
 * an actor byte (of 3: dom0 first) and the call's fields
 * (fuzz-ops.c).  See docs/misc/fuzzing.md.
 */
#include "fuzz-harness.h"
#include "fuzz-ops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer's entry point: one input, one fresh set of domains. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_run(data, size, 2, 24, fz_op_tmem);
}
