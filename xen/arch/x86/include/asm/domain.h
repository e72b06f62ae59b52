/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86's part of domains and vCPUs: the per-domain page tables that give
 * a ring-3 guest its memory, the saved register frame of a vCPU that is
 * not running, and the interfaces between the pieces that run guests
 * (docs/misc/domains.md has the model):
 *
 *   pv/mm.c          page tables: built at domain creation, filled on
 *                    first touch from the p2m, entries dropped when the
 *                    p2m drops a gfn, freed when the domain dies
 *   pv/domain.c      arch state of domains and vCPUs, arch_* hooks
 *   pv/elf.c         loading an ELF64 image into a domain's memory
 *   pv/build.c       building a runnable domain: image, start info,
 *                    vCPU 0; dom0 from boot module 0
 *   pv/domctl.c      XEN_DOMCTL_load_module: the toolstack's builds
 *   pv/vcpu.c        secondary vCPUs (VCPUOP_*), set_segment_base
 *   pv/hypercall.c   the syscall MSRs and the hypercall entry
 *   pv/traps.c       guest exceptions: demand paging, or crash
 *   schedule.c       the run queue, context switch, idle, dom0's end
 */
#ifndef X86_ASM_DOMAIN_H
#define X86_ASM_DOMAIN_H

#include <xen/list.h>
#include <xen/sched.h>
#include <xen/types.h>

#include <asm/traps.h>

/* v->arch.  Owned by the vCPU; the run queue link by schedule.c. */
struct arch_vcpu {
    /*
     * The guest's registers while it is not running.  While it runs,
     * the live copy is the frame at the top of the hypervisor stack.
     */
    struct cpu_user_regs regs;
    struct vcpu *vcpu;                  /* the vCPU this belongs to */
    struct list_head runq_elem;         /* on the run queue */
    bool on_runq;
    bool online;                        /* VCPUOP_up'd (vCPU 0: built) */
    uint64_t fs_base, gs_base;          /* loaded while it runs */
};

/* d->arch.  Page tables are protected by d->p2m.lock. */
struct arch_domain {
    uint64_t *l4;                       /* page-table root (direct map) */
    unsigned long nr_pt_pages;          /* page-table frames, root too */
};

static inline struct arch_vcpu *vcpu_arch(const struct vcpu *v)
{
    return v->arch;
}

static inline struct arch_domain *domain_arch(const struct domain *d)
{
    return d->arch;
}

/* --- pv/mm.c ------------------------------------------------------------ */

/*
 * Give d its arch state and a page-table root that maps the hypervisor
 * (supervisor-only) and nothing of the guest yet.  Returns 0, or -ENOMEM.
 * Idempotent: 0 if d already has them.
 */
int pv_domain_init(struct domain *d);

/*
 * Map the guest frame behind guest virtual address va into d's page
 * tables, as a user page.  Takes d->p2m.lock.  Returns 0, -EFAULT (va
 * is not in the guest linear map or its gfn is not populated), -ENOMEM
 * (no frame for a page table).
 */
int pv_map_guest_page(struct domain *d, unsigned long va);

/* Free d's page tables (none may be loaded in CR3).  Takes d->p2m.lock. */
void pv_domain_free_pt(struct domain *d);

/* The CR3 value that runs d, or that of the idle page tables (d NULL). */
paddr_t pv_cr3(const struct domain *d);

/* --- pv/domain.c -------------------------------------------------------- */

/*
 * Add vCPU 'id' to d (pv_domain_init done) that will enter ring 3 at
 * rip with the stack rsp and rsi = 'rsi', interrupts on, offline.  It
 * is not on the run queue yet.  Returns it, or NULL (-ENOMEM, or slot
 * id taken or out of range).
 */
struct vcpu *pv_vcpu_create(struct domain *d, unsigned int id, uint64_t rip,
                            uint64_t rsp, uint64_t rsi);

/* --- pv/elf.c ----------------------------------------------------------- */

/*
 * Load the ELF64 executable image[0, len) into d's memory (which must
 * be populated where its segments go) and return its entry point in
 * *entry.  Nothing is trusted: on a malformed image returns -ENOEXEC
 * (not ELF64 x86-64 ET_EXEC), -EINVAL (a header or segment out of
 * bounds, an entry outside executable code) or -EFAULT (a segment on
 * unpopulated gfns), with a reason in *why.  d's memory may have been
 * partly written on failure.
 */
int pv_elf_load(struct domain *d, const void *image, unsigned long len,
                uint64_t *entry, const char **why);

/* --- pv/build.c --------------------------------------------------------- */

/*
 * Make d, whose memory is populated from gfn 0, runnable: load the image,
 * write the start info page (command line 'cmdline', SIF_* 'flags') and
 * create vCPU 0 at the image's entry point; put it on the run queue.
 * Returns 0 or an error from pv_elf_load() (with *why), -E2BIG (command
 * line too long) or -ENOMEM.
 */
int pv_build(struct domain *d, const void *image, unsigned long len,
             const char *cmdline, uint32_t flags, const char **why);

/*
 * Boot time: build dom0 (already populated by dom0_create()) from boot
 * module 0.  Panics when the image cannot be loaded.
 */
void pv_dom0_build(struct domain *d);

/* --- pv/hypercall.c ----------------------------------------------------- */

/* Program the syscall MSRs (EFER.SCE, STAR, LSTAR, CSTAR, FMASK). */
void pv_syscall_init(void);

/*
 * SYSCALL_VECTOR frame: run the hypercall in regs->rax for current and
 * put its result in the frame (or rewind rip for a continuation).
 */
void pv_hypercall(struct cpu_user_regs *regs);

/* --- pv/traps.c --------------------------------------------------------- */

/*
 * An exception taken in ring 3: a page fault on a populated but not yet
 * mapped gfn is mapped and retried; anything else crashes the domain
 * with one log line.  Interrupts off.
 */
void pv_guest_trap(struct cpu_user_regs *regs);

/* Crash d: log it and shut it down with SHUTDOWN_crash. */
void domain_crash(struct domain *d);

/* --- schedule.c --------------------------------------------------------- */

/* Put v on / take it off the round-robin run queue.  Not from IRQs. */
void sched_vcpu_add(struct vcpu *v);
void sched_vcpu_remove(struct vcpu *v);

/*
 * Called by entry.S, interrupts off, before every return to ring 3 with
 * the frame about to be restored: switch the frame to another vCPU if
 * the current one cannot or should not go on.  May idle; halts the
 * machine when dom0 has shut down.
 */
void pv_exit_to_guest(struct cpu_user_regs *regs);

/* Leave the boot context for good and run the first vCPU. */
void __noreturn sched_start(void);

/*
 * The timer tick (interrupt context): the running vCPU's slice is over.
 * It is switched at its next return to ring 3, and a long hypercall
 * sees hypercall_preempt_check() true until then.
 */
void sched_tick(void);

/* pv/hypercall.c: hypercalls that returned a continuation, so far. */
extern unsigned long pv_nr_continuations;

#endif /* X86_ASM_DOMAIN_H */
