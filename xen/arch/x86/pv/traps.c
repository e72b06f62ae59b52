/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exceptions taken in ring 3.
 *
 * A guest has no exception handlers of its own here (there is no
 * set_trap_table), so an exception in a guest is the guest's end, with
 * one exception: a page fault on a page that is not present but whose
 * gfn the p2m maps is the lazy page-table fill (pv/mm.c), handled and
 * retried.  Everything else (a page fault on an unpopulated gfn or on
 * hypervisor space, #GP from a privileged instruction or a bad
 * selector, #UD, a divide error, int3, ...) crashes the domain: one log
 * line with the domain, vCPU, vector, error code, rip and cr2, the
 * registers at loglvl=all, then SHUTDOWN_crash.  The vCPU never runs
 * again; the hypervisor and the other domains go on.
 */

#include <xen/lib.h>
#include <xen/sched.h>

#include <asm/current.h>
#include <asm/domain.h>
#include <asm/processor.h>
#include <asm/traps.h>

#include <public/sched.h>

#define TRAP_page_fault         14
#define PFEC_present            (1U << 0)

static const char *guest_vector_name(unsigned long vec)
{
    static const char *const names[] = {
        [0] = "divide error", [1] = "debug", [3] = "breakpoint",
        [4] = "overflow", [5] = "bounds", [6] = "invalid opcode",
        [7] = "device not available", [10] = "invalid TSS",
        [11] = "segment not present", [12] = "stack error",
        [13] = "general protection fault", [14] = "page fault",
        [16] = "x87 FPU error", [17] = "alignment check",
        [19] = "SIMD error", [21] = "control protection",
    };

    if ( vec == COMPAT_SYSCALL_VECTOR )
        return "syscall from compatibility mode";
    if ( vec < ARRAY_SIZE(names) && names[vec] )
        return names[vec];
    return "exception";
}

void domain_crash(struct domain *d)
{
    printk("Domain %u crashed: shutting it down (SHUTDOWN_crash)\n",
           d->domain_id);
    domain_shutdown(d, SHUTDOWN_crash);
}

/* The guest's registers, for loglvl=all. */
static void show_guest_registers(const struct cpu_user_regs *r)
{
    printk(XENLOG_INFO "  rax %016lx rbx %016lx rcx %016lx rdx %016lx\n",
           r->rax, r->rbx, r->rcx, r->rdx);
    printk(XENLOG_INFO "  rsi %016lx rdi %016lx rbp %016lx rsp %016lx\n",
           r->rsi, r->rdi, r->rbp, r->rsp);
    printk(XENLOG_INFO "  r8  %016lx r9  %016lx r10 %016lx r11 %016lx\n",
           r->r8, r->r9, r->r10, r->r11);
    printk(XENLOG_INFO "  r12 %016lx r13 %016lx r14 %016lx r15 %016lx\n",
           r->r12, r->r13, r->r14, r->r15);
    printk(XENLOG_INFO "  rflags %016lx cs %04lx ss %04lx\n",
           r->rflags, r->cs, r->ss);
}

void pv_guest_trap(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    unsigned long cr2 = read_cr2();

    ASSERT(v && guest_mode(regs));
    if ( regs->vector == TRAP_page_fault &&
         !(regs->error_code & PFEC_present) &&
         !pv_map_guest_page(v->domain, cr2) )
        return;

    printk("d%uv%u fatal %s: vector %lu, error %04lx, rip %016lx, "
           "cr2 %016lx\n", v->domain->domain_id, v->vcpu_id,
           guest_vector_name(regs->vector), regs->vector,
           regs->error_code, regs->rip, cr2);
    show_guest_registers(regs);
    domain_crash(v->domain);
}
