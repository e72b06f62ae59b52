/* SPDX-License-Identifier: GPL-2.0 */
/* CPU primitives for the hosted arch (an x86_64 Linux process). */
#ifndef HOSTED_ASM_PROCESSOR_H
#define HOSTED_ASM_PROCESSOR_H

#include <xen/types.h>

static inline void cpu_relax(void)
{
    __asm__ __volatile__ ( "pause" ::: "memory" );
}

/*
 * Called by spinning lock waiters after 'spins' failed polls.  A vCPU
 * thread may be descheduled by the host while it holds a lock, so after a
 * while a waiter gives its host CPU away instead of burning it.
 */
void arch_spin_relax(unsigned int spins);

/* Interrupts do not exist on the hosted arch. */
static inline unsigned long arch_local_irq_save(void) { return 0; }
static inline void arch_local_irq_restore(unsigned long flags)
{
    (void)flags;
}

#endif /* HOSTED_ASM_PROCESSOR_H */
