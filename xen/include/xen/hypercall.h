/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercall dispatch, continuations and the handlers' prototypes
 * (xen/common/hypercall.c).
 *
 * A long-running handler checks hypercall_preempt_check() between units
 * of work.  When it says yes, the handler records its progress in its
 * own arguments and returns hypercall_create_continuation(...); the arch
 * entry then re-issues the same hypercall with those arguments instead
 * of returning to the guest (x86: by rewinding the guest's rip to the
 * syscall instruction; hosted: by looping).  The guest sees one call.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <xen/types.h>

#include <public/xen.h>

/* memory_op: low 6 bits of cmd are the op, the rest the start extent. */
#define MEMOP_EXTENT_SHIFT      6
#define MEMOP_CMD_MASK          ((1UL << MEMOP_EXTENT_SHIFT) - 1)

/*
 * Run hypercall 'op' for the current vCPU.  Returns the handler's result
 * (-ENOSYS for an unknown op).  If the handler asked to be continued,
 * current->cont.pending is set and the caller must re-issue
 * current->cont.op with current->cont.args.
 */
long hypercall_dispatch(unsigned int op, const unsigned long args[5]);

/*
 * Ask for hypercall 'op' to be re-issued with nr_args new arguments
 * (unsigned long each).  Returns a value the handler passes back as its
 * result; it never reaches the guest.
 */
long hypercall_create_continuation(unsigned int op, unsigned int nr_args,
                                   ...);

/* Should a long hypercall stop here and continue later? */
bool hypercall_preempt_check(void);

/* Arch hook behind hypercall_preempt_check (timer tick, forced tests). */
bool arch_hypercall_preempt_check(void);

long do_memory_op(unsigned long cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_domctl(XEN_GUEST_HANDLE_PARAM(void) arg);
long do_sysctl(XEN_GUEST_HANDLE_PARAM(void) arg);
long do_tmem_op(XEN_GUEST_HANDLE_PARAM(void) uops);
long do_console_io(unsigned int cmd, unsigned int count,
                   XEN_GUEST_HANDLE_PARAM(char) buffer);
long do_sched_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg);
long do_vcpu_op(int cmd, unsigned int vcpuid,
                XEN_GUEST_HANDLE_PARAM(void) arg);

/*
 * __HYPERVISOR_set_segment_base for the calling vCPU (the arch's:
 * public/arch-x86/xen-x86_64.h has the ABI).  0 or -E*.
 */
long arch_set_segment_base(unsigned int which, unsigned long base);

struct domain;
struct xen_domctl;

/*
 * Arch hook for the domctls common code does not know, on domain d
 * (referenced by the caller; op already copied in and checked for
 * version, privilege and padding).  Set *copyback to have op copied
 * back to the caller.  Returns the result, -ENOSYS for an unknown cmd.
 */
long arch_do_domctl(struct xen_domctl *op, struct domain *d,
                    bool *copyback);

#endif /* XEN_HYPERCALL_H */
