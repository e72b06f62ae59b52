/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz target sequence: a short program of mixed hypercalls
 * (memory, tmem, domctl, sysctl, vcpu/sched/console) from dom0 and two
 * domUs, so that state builds up across calls: domains, claims, pools,
 * pages.
 * Input: one byte for the preemption rate, then up to 64 calls, each
 * an actor byte (of 3: dom0 first) and the call's fields
 * (fuzz-ops.c).  See docs/misc/fuzzing.md.
 */
#include "fuzz-harness.h"
#include "fuzz-ops.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* libFuzzer's entry point: one input, one fresh set of domains. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_run(data, size, 2, 64, fz_op_any);
}
