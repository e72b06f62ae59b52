/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arch state of ring-3 domains and their vCPUs, and the arch_domain
 * hooks common code calls.
 *
 * A vCPU's arch part is its saved register frame and its run-queue link
 * (asm/domain.h).  A new vCPU starts with a frame that iretq turns into
 * ring 3 at the entry point: user code and stack selectors, interrupts
 * on, IOPL 0 (so in/out, cli and friends fault), every other register
 * zero except rsi.
 *
 * vCPUs live as long as their domain's memory: arch_domain_destroy(),
 * called by domain_kill() before the p2m and the frames go, takes them
 * off the run queue, frees them and the page tables.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>

#include <asm/config.h>
#include <asm/current.h>
#include <asm/domain.h>
#include <asm/processor.h>

struct vcpu *pv_vcpu_create(struct domain *d, unsigned int id, uint64_t rip,
                            uint64_t rsp, uint64_t rsi)
{
    struct arch_vcpu *av = xzalloc(struct arch_vcpu);
    struct vcpu *v;

    if ( !av )
        return NULL;
    v = vcpu_create_id(d, id);
    if ( !v )
    {
        xfree(av);
        return NULL;
    }
    av->regs.rip = rip;
    av->regs.cs = FLAT_USER_CS;
    av->regs.rflags = X86_EFLAGS_MBS | X86_EFLAGS_IF;
    av->regs.rsp = rsp;
    av->regs.ss = FLAT_USER_DS;
    av->regs.rsi = rsi;
    av->vcpu = v;
    INIT_LIST_HEAD(&av->runq_elem);
    v->arch = av;
    return v;
}

/*
 * Release everything x86 holds for d: vCPUs (off the run queue first;
 * if one of them is current, the CPU moves to the idle page tables) and
 * the page tables.  Safe to call again on a domain already done.
 */
void arch_domain_destroy(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(d->vcpu); i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v || !v->arch )
            continue;
        sched_vcpu_remove(v);
        xfree(v->arch);
        v->arch = NULL;
        vcpu_destroy(v);
    }
    if ( read_cr3() == pv_cr3(d) )
        write_cr3(pv_cr3(NULL));
    pv_domain_free_pt(d);
}
