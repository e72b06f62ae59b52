/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CPU a vCPU thread runs on, for per-CPU data (the heap's page
 * caches).  Each thread gets an index when it attaches as a vCPU
 * (hosted_vcpu_attach, xen/arch/hosted/api.c) and gives it back when it
 * detaches.  Index 0 is shared: threads that never attached and threads
 * beyond NR_CPUS - 1 attached at once all use it, so per-CPU data must be
 * locked (it is: a per-CPU lock, uncontended when the index is owned).
 */
#ifndef HOSTED_ASM_SMP_H
#define HOSTED_ASM_SMP_H

#include <asm/config.h>

extern __thread unsigned int hosted_cpu_id;

/* This thread's CPU index, 0..NR_CPUS-1. */
static inline unsigned int smp_processor_id(void)
{
    return hosted_cpu_id;
}

#endif /* HOSTED_ASM_SMP_H */
