/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz target vcpu_sched: __HYPERVISOR_vcpu_op, sched_op
 * (yield, shutdown, remote_shutdown ...), console_io and
 * set_segment_base from dom0 and domU d1, and unknown hypercall numbers.
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
    return fz_run(data, size, 1, 16, fz_op_misc);
}
