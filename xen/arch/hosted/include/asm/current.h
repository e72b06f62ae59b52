/* SPDX-License-Identifier: GPL-2.0 */
/* 'current': the vCPU a host thread is running, held in a thread local. */
#ifndef HOSTED_ASM_CURRENT_H
#define HOSTED_ASM_CURRENT_H

struct vcpu;

extern __thread struct vcpu *hosted_current_vcpu;

static inline struct vcpu *get_current(void)
{
    return hosted_current_vcpu;
}

static inline void set_current(struct vcpu *v)
{
    hosted_current_vcpu = v;
}

#define current (get_current())

#endif /* HOSTED_ASM_CURRENT_H */
