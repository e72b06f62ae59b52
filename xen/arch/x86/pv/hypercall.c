/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercall entry from ring 3: Xen's x86_64 PV convention.
 *
 *   syscall      rax = hypercall number, args rdi rsi rdx r10 r8;
 *                result in rax (docs/guest-guide/hypercall-abi.md)
 *
 * The syscall MSRs send a 64-bit syscall to entry.S's syscall_entry
 * with interrupts, single-stepping, DF and AC masked.  syscall does not
 * switch stacks: the stub moves to the top of the hypervisor stack and
 * builds the same frame an interrupt from ring 3 would (pseudo-vector
 * SYSCALL_VECTOR), so hypercalls, faults and interrupts share one exit
 * path, which always leaves with iretq.  sysretq is never used: on
 * Intel it raises #GP in ring 0, on the guest's stack, when the return
 * address is not canonical (CVE-2012-0217), and iretq has no such trap.
 *
 * Handlers run with interrupts on.  A continuation rewinds the guest's
 * rip by the length of syscall (2 bytes) and loads the new arguments,
 * so the guest re-issues the call.  Debug builds overwrite the argument
 * registers of a finished call with a poison value, as Xen does, so a
 * guest cannot come to depend on them surviving.
 */

#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

#include <asm/config.h>
#include <asm/current.h>
#include <asm/domain.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define SYSCALL_INSN_LEN        2               /* 0f 05 */
#define HYPERCALL_POISON        0xdeadbeefdeadf00dUL

/* RFLAGS bits syscall clears on entry. */
#define SYSCALL_FMASK           (X86_EFLAGS_TF | X86_EFLAGS_IF |        \
                                 X86_EFLAGS_DF | X86_EFLAGS_IOPL |      \
                                 X86_EFLAGS_NT | X86_EFLAGS_AC)

unsigned long pv_nr_continuations;

void pv_syscall_init(void)
{
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
    /* syscall: CS = STAR[47:32], SS = +8; sysret: CS = STAR[63:48] + 16. */
    wrmsr(MSR_STAR, ((uint64_t)SYSRET_BASE_SELECTOR << 48) |
                    ((uint64_t)__HYPERVISOR_CS << 32));
    wrmsr(MSR_LSTAR, (uint64_t)syscall_entry);
    wrmsr(MSR_CSTAR, (uint64_t)compat_syscall_entry);
    wrmsr(MSR_SYSCALL_MASK, SYSCALL_FMASK);
    /* A zero SYSENTER_CS makes sysenter fault (#GP) instead of entering. */
    wrmsr(MSR_IA32_SYSENTER_CS, 0);
}

void pv_hypercall(struct cpu_user_regs *regs)
{
    struct vcpu *v = current;
    unsigned long args[5] = { regs->rdi, regs->rsi, regs->rdx, regs->r10,
                              regs->r8 };
    long rc = -ENOSYS;

    ASSERT(v && guest_mode(regs));
    v->cont.pending = false;
    /* The number is all of rax: 2^32 + 12 is not memory_op. */
    if ( regs->rax <= UINT_MAX )
    {
        local_irq_enable();
        rc = hypercall_dispatch((unsigned int)regs->rax, args);
        local_irq_disable();
    }

    if ( v->cont.pending )
    {
        v->cont.pending = false;
        regs->rax = v->cont.op;
        regs->rdi = v->cont.args[0];
        regs->rsi = v->cont.args[1];
        regs->rdx = v->cont.args[2];
        regs->r10 = v->cont.args[3];
        regs->r8 = v->cont.args[4];
        regs->rip -= SYSCALL_INSN_LEN;
        pv_nr_continuations++;
        return;
    }

    regs->rax = (unsigned long)rc;
#ifndef NDEBUG
    regs->rdi = HYPERCALL_POISON;
    regs->rsi = HYPERCALL_POISON;
    regs->rdx = HYPERCALL_POISON;
    regs->r10 = HYPERCALL_POISON;
    regs->r8 = HYPERCALL_POISON;
#endif
}
