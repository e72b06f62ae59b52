/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 'current': the vCPU this physical CPU runs.  One CPU, so one global
 * pointer; it becomes per-CPU (GS-relative) with SMP bring-up.
 */
#ifndef X86_ASM_CURRENT_H
#define X86_ASM_CURRENT_H

struct vcpu;

extern struct vcpu *x86_current_vcpu;

static inline struct vcpu *get_current(void)
{
    return x86_current_vcpu;
}

static inline void set_current(struct vcpu *v)
{
    x86_current_vcpu = v;
}

#define current (get_current())

#endif /* X86_ASM_CURRENT_H */
