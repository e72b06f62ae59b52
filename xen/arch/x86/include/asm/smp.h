/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The CPU we run on, for per-CPU data.  One CPU until SMP bring-up; then
 * this becomes a per-CPU (GS-relative) read, like 'current'.
 */
#ifndef X86_ASM_SMP_H
#define X86_ASM_SMP_H

#include <asm/config.h>

/* This CPU's index, 0..NR_CPUS-1. */
static inline unsigned int smp_processor_id(void)
{
    return 0;
}

#endif /* X86_ASM_SMP_H */
