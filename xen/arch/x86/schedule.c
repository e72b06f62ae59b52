/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running guests: the run queue, the context switch, the idle loop, and
 * what happens when dom0 stops.
 *
 * One physical CPU and one hypervisor stack.  Every entry from ring 3
 * (syscall, exception, interrupt) leaves the guest's registers as a
 * frame at the very top of that stack (struct cpu_user_regs), and every
 * return to ring 3 restores that frame and executes iretq.  A context
 * switch is therefore just: copy the frame into the old vCPU's saved
 * copy, copy the new vCPU's saved copy into the frame, load its CR3.
 * The hypervisor never blocks with work half done on the stack: a long
 * hypercall returns a continuation instead (the guest's rip is rewound
 * onto its syscall), so any vCPU can be switched at any return to ring 3.
 *
 * pv_exit_to_guest() is that switch point, called by entry.S with
 * interrupts off right before the frame is restored.  The policy is
 * round robin over the run queue (the vCPUs of every domain that has
 * one), a time slice being one timer tick (10 ms): the current vCPU goes
 * on unless it cannot (its domain is shut down, paused or dying), it
 * asked to yield, or a tick came.  A tick during a hypercall makes
 * hypercall_preempt_check() true, so a long call returns a continuation
 * and the switch happens on its way out.  With nothing runnable the CPU
 * halts until the next interrupt.  When dom0 has shut down the
 * machine stops: every domain is destroyed, the heap audited, and QEMU
 * told the verdict (hooks.c has the exit codes).
 *
 * The run queue is touched from hypercalls and from the exit path only,
 * never from an interrupt handler; with one CPU that needs no lock.
 */

#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/list.h>
#include <xen/sched.h>

#include <asm/current.h>
#include <asm/domain.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>

#include <public/sched.h>

#define KILL_BATCH              16

static LIST_HEAD(runq);
static struct vcpu *last_run;           /* round-robin position */
static volatile bool need_resched;      /* set by the tick and by yield */
static unsigned long nr_switches;       /* to a different vCPU */

void sched_vcpu_add(struct vcpu *v)
{
    struct arch_vcpu *av = vcpu_arch(v);

    ASSERT(!av->on_runq);
    list_add_tail(&av->runq_elem, &runq);
    av->on_runq = true;
}

void sched_vcpu_remove(struct vcpu *v)
{
    struct arch_vcpu *av = vcpu_arch(v);

    if ( av->on_runq )
    {
        list_del(&av->runq_elem);
        av->on_runq = false;
    }
    if ( last_run == v )
        last_run = NULL;
    if ( current == v )
    {
        set_current(NULL);
        write_cr3(pv_cr3(NULL));
    }
}

void arch_vcpu_yield(struct vcpu *v)
{
    (void)v;
    need_resched = true;
}

void sched_tick(void)
{
    need_resched = true;
}

/*
 * A hypercall running for a vCPU should stop and continue later once its
 * time slice is over: the next return to ring 3 switches vCPUs.  Never
 * outside a vCPU's context (boot, dom0's teardown).
 */
bool arch_hypercall_preempt_check(void)
{
    return current && need_resched;
}

static bool vcpu_runnable(const struct vcpu *v)
{
    const struct domain *d = v->domain;

    return vcpu_arch(v)->on_runq && READ_ONCE(vcpu_arch(v)->online) &&
           !READ_ONCE(d->is_shut_down) &&
           !READ_ONCE(d->is_paused) && !domain_is_dying(d);
}

/*
 * The next runnable vCPU after last_run in queue order, wrapping around
 * (last_run itself comes last), or NULL if none is runnable.
 */
static struct vcpu *pick_next(void)
{
    struct list_head *start = last_run ? &vcpu_arch(last_run)->runq_elem
                                       : &runq;
    struct list_head *p = start;

    do {
        p = p->next;
        if ( p != &runq )
        {
            struct arch_vcpu *av = list_entry(p, struct arch_vcpu,
                                              runq_elem);

            if ( vcpu_runnable(av->vcpu) )
                return av->vcpu;
        }
    } while ( p != start );
    return NULL;
}

/* Take a reference on each domain (up to KILL_BATCH) into arg. */
struct kill_batch {
    struct domain *d[KILL_BATCH];
    unsigned int nr;
};

static void collect_domain(struct domain *d, void *arg)
{
    struct kill_batch *b = arg;

    if ( b->nr < KILL_BATCH && get_domain(d) )
        b->d[b->nr++] = d;
}

/* Destroy every domain, batch by batch.  Idle context, interrupts on. */
static void destroy_all_domains(void)
{
    struct kill_batch b;
    unsigned int i;

    do {
        b.nr = 0;
        for_each_domain_locked(collect_domain, &b);
        for ( i = 0; i < b.nr; i++ )
        {
            while ( domain_kill(b.d[i]) == -ERESTART )
                continue;
            put_domain(b.d[i]);
        }
    } while ( b.nr );
    hardware_domain = NULL;
}

/*
 * dom0 has shut down: as Xen, the machine goes with it.  Everything is
 * torn down first so that the heap audit at the end proves every page
 * came back.  Exit code 0 for poweroff, a machine reset for reboot,
 * HALT_DOM0_FAILED otherwise.
 */
static void __noreturn dom0_stopped(void)
{
    unsigned int reason = hardware_domain->shutdown_code;

    set_current(NULL);
    write_cr3(pv_cr3(NULL));
    printk("Hardware Dom0 shut down: %s: destroying all domains, %s the "
           "machine\n", shutdown_reason_name(reason),
           reason == SHUTDOWN_reboot ? "resetting" : "halting");
    printk("Scheduler: %lu context switches, %lu hypercall continuations\n",
           nr_switches, pv_nr_continuations);
    local_irq_enable();
    destroy_all_domains();
    if ( reason == SHUTDOWN_reboot )
        machine_reboot();
    machine_halt(reason == SHUTDOWN_poweroff ? HALT_CLEAN
                                             : HALT_DOM0_FAILED);
}

/* Nothing to run: halt until an interrupt (the tick) comes. */
static void idle_wait(void)
{
    set_current(NULL);
    if ( read_cr3() != pv_cr3(NULL) )
        write_cr3(pv_cr3(NULL));
    /* sti's one-instruction shadow: no wakeup is lost before hlt. */
    __asm__ __volatile__ ( "sti; hlt; cli" ::: "memory" );
}

/*
 * The guest's fs and gs bases follow their vCPU.  prev's are read back
 * first: a guest may also change them by loading a selector.  The
 * hypervisor itself never uses fs or gs.
 */
static void switch_segment_bases(struct vcpu *prev, struct vcpu *next)
{
    struct arch_vcpu *n = vcpu_arch(next);

    if ( prev )
    {
        vcpu_arch(prev)->fs_base = rdmsr(MSR_FS_BASE);
        vcpu_arch(prev)->gs_base = rdmsr(MSR_GS_BASE);
    }
    wrmsr(MSR_FS_BASE, n->fs_base);
    wrmsr(MSR_GS_BASE, n->gs_base);
}

void pv_exit_to_guest(struct cpu_user_regs *regs)
{
    struct vcpu *prev = current, *next;

    ASSERT(!local_irq_is_enabled());
    ASSERT((unsigned long)regs ==
           (unsigned long)boot_stack_top - sizeof(*regs));
    if ( prev && !need_resched && vcpu_runnable(prev) )
        return;
    need_resched = false;
    if ( prev )
        vcpu_arch(prev)->regs = *regs;

    for ( ;; )
    {
        if ( hardware_domain && READ_ONCE(hardware_domain->is_shut_down) )
            dom0_stopped();
        next = pick_next();
        if ( next )
            break;
        idle_wait();
    }

    *regs = vcpu_arch(next)->regs;
    if ( read_cr3() != pv_cr3(next->domain) )
        write_cr3(pv_cr3(next->domain));
    if ( next != prev )
    {
        switch_segment_bases(prev, next);
        nr_switches++;
    }
    set_current(next);
    last_run = next;
}

void sched_start(void)
{
    local_irq_disable();
    set_current(NULL);
    enter_first_guest();
}
