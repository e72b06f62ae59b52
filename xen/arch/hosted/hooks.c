/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arch hooks common code calls, for the hosted arch: console, halt,
 * time, CPU facts, lock back-off, preemption and guest-copy fault
 * injection.
 */

#include <xen/console.h>
#include <xen/cpu.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>

#include <asm/host.h>
#include <asm/processor.h>

#include "hosted-api.h"

#define SPIN_BEFORE_YIELD       16

extern unsigned int opt_hosted_preempt;

__thread struct vcpu *hosted_current_vcpu;

/* Test overrides.  forced_preempt is read racily by design. */
static unsigned int forced_preempt;
static bool forced_preempt_set;
static __thread unsigned int copy_fault_countdown;

/* Set while the hosted transport moves buffer data: not injected. */
__thread bool hosted_in_buf_copy;

void arch_console_write(const char *s, unsigned int len)
{
    host_write_stderr(s, len);
}

void arch_halt(int code)
{
    host_exit(code);
}

s_time_t arch_now(void)
{
    static int64_t boot_ns;

    if ( !boot_ns )
        boot_ns = host_monotonic_ns();
    return host_monotonic_ns() - boot_ns;
}

unsigned int arch_nr_cpus(void)
{
    return host_nr_cpus();
}

unsigned int arch_cpu_khz(void)
{
    return 0;
}

void arch_spin_relax(unsigned int spins)
{
    /*
     * vCPUs are host threads, often more than host CPUs.  With a FIFO
     * ticket lock, a waiter whose turn has come may be descheduled and
     * stall everyone queued behind it, so after a short spin every poll
     * gives the host CPU away to let the holder or the next in line run.
     */
    if ( spins > SPIN_BEFORE_YIELD )
        host_yield();
}

bool arch_hypercall_preempt_check(void)
{
    struct vcpu *v = current;
    unsigned int every = READ_ONCE(forced_preempt_set) ?
                         READ_ONCE(forced_preempt) : opt_hosted_preempt;

    return v && every && !(++v->preempt_checks % every);
}

bool arch_guest_copy_fault(const struct domain *d, uint64_t gva)
{
    (void)d;
    (void)gva;
    if ( !copy_fault_countdown || hosted_in_buf_copy )
        return false;
    return --copy_fault_countdown == 0;
}

void hosted_inject_copy_fault(unsigned int nth)
{
    copy_fault_countdown = nth;
}

void hosted_force_preempt(unsigned int every)
{
    WRITE_ONCE(forced_preempt, every);
    WRITE_ONCE(forced_preempt_set, true);
}

/* The hosted arch keeps no page tables or vCPU contexts of its own. */
void arch_domain_destroy(struct domain *d)
{
    (void)d;
}

/* Guest memory is reached only through the p2m: nothing to drop. */
void arch_p2m_removed(struct domain *d, gfn_t gfn)
{
    (void)d;
    (void)gfn;
}

/* vCPUs are host threads: yielding is the host's yield. */
void arch_vcpu_yield(struct vcpu *v)
{
    (void)v;
    host_yield();
}

/* No arch domctls: the hosted arch builds no guest images. */
long arch_do_domctl(struct xen_domctl *op, struct domain *d,
                    bool *copyback)
{
    (void)op;
    (void)d;
    (void)copyback;
    return -ENOSYS;
}

/*
 * vcpu_op: a hosted vCPU is a host thread that attaches itself
 * (hosted_vcpu_attach()); there is no register state to give it, so
 * VCPUOP_initialise, _up and _down are refused.  A slot is "up" while a
 * thread is attached to it.
 */
long arch_vcpu_initialise(struct domain *d, unsigned int id,
                          XEN_GUEST_HANDLE_PARAM(void) ctx)
{
    (void)d;
    (void)id;
    (void)ctx;
    return -EOPNOTSUPP;
}

long arch_vcpu_up(struct domain *d, unsigned int id)
{
    (void)d;
    (void)id;
    return -EOPNOTSUPP;
}

long arch_vcpu_down(struct vcpu *v)
{
    (void)v;
    return -EOPNOTSUPP;
}

long arch_vcpu_is_up(struct domain *d, unsigned int id)
{
    return READ_ONCE(d->vcpu[id]) != NULL;
}

/* Host threads' segment bases belong to the host's C library. */
long arch_set_segment_base(unsigned int which, unsigned long base)
{
    (void)which;
    (void)base;
    return -EOPNOTSUPP;
}

/* Guest memory needs no arch structures here: only the p2m. */
unsigned long arch_meta_pages_for(unsigned long nr)
{
    (void)nr;
    return 0;
}
