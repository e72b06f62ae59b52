/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercalls from a ring-3 guest: Xen's x86_64 PV convention
 * (docs/guest-guide/hypercall-abi.md).
 *
 *   syscall     rax = number, args in rdi rsi rdx r10 r8, result in rax
 *
 * rcx and r11 are destroyed by syscall itself, and the hypervisor may
 * change (debug builds poison) every argument register, so the asm
 * lists all of them as outputs.  Every other register survives.
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <stdint.h>

#include <public/xen.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/domctl.h>
#include <public/errno.h>
#include <public/tmem.h>

static inline long hypercall5(unsigned long op, unsigned long a1,
                              unsigned long a2, unsigned long a3,
                              unsigned long a4, unsigned long a5)
{
    register unsigned long r10 __asm__ ( "r10" ) = a4;
    register unsigned long r8 __asm__ ( "r8" ) = a5;
    long rax;

    __asm__ __volatile__ ( "syscall"
                           : "=a" (rax), "+D" (a1), "+S" (a2), "+d" (a3),
                             "+r" (r10), "+r" (r8)
                           : "0" (op)
                           : "rcx", "r11", "memory" );
    return rax;
}

#define hypercall1(op, a1)          hypercall5(op, a1, 0, 0, 0, 0)
#define hypercall2(op, a1, a2)      hypercall5(op, a1, a2, 0, 0, 0)
#define hypercall3(op, a1, a2, a3)  hypercall5(op, a1, a2, a3, 0, 0)

static inline long hypercall_console_write(const char *buf,
                                           unsigned long len)
{
    return hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, len,
                      (unsigned long)buf);
}

static inline long hypercall_memory_op(unsigned long cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_memory_op, cmd, (unsigned long)arg);
}

static inline long hypercall_sched_op(unsigned long cmd, void *arg)
{
    return hypercall2(__HYPERVISOR_sched_op, cmd, (unsigned long)arg);
}

static inline long hypercall_sysctl(struct xen_sysctl *op)
{
    return hypercall1(__HYPERVISOR_sysctl, (unsigned long)op);
}

static inline long hypercall_domctl(struct xen_domctl *op)
{
    return hypercall1(__HYPERVISOR_domctl, (unsigned long)op);
}

static inline long hypercall_tmem_op(struct tmem_op *op)
{
    return hypercall1(__HYPERVISOR_tmem_op, (unsigned long)op);
}

static inline long hypercall_yield(void)
{
    return hypercall_sched_op(SCHEDOP_yield, NULL);
}

static inline long hypercall_shutdown(unsigned int reason)
{
    struct sched_shutdown s = { .reason = reason };

    return hypercall_sched_op(SCHEDOP_shutdown, &s);
}

#endif /* GUEST_HYPERCALL_H */
