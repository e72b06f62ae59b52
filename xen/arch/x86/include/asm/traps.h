/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The register frame entry.S builds on every exception and interrupt,
 * and the C handlers it calls.
 *
 * Stack at the call into C, from %rsp upwards (lower addresses first):
 *
 *   +0x00  r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi
 *   +0x78  vector          pushed by the stub
 *   +0x80  error_code      by the CPU, or 0 pushed by the stub
 *   +0x88  rip cs rflags rsp ss     the CPU's interrupt frame
 */
#ifndef X86_ASM_TRAPS_H
#define X86_ASM_TRAPS_H

/*
 * Pseudo-vectors for the frames the syscall entry builds (entry.S): not
 * IDT vectors, so they cannot collide with one.
 */
#define SYSCALL_VECTOR          0x100   /* 64-bit syscall: a hypercall */
#define COMPAT_SYSCALL_VECTOR   0x101   /* syscall from compat mode */

/* Frame offsets entry.S needs (checked against the struct in traps.c). */
#define UREGS_rip               0x88
#define UREGS_cs                0x90
#define UREGS_size              0xb0

#ifndef __ASSEMBLY__

#include <xen/types.h>

struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};

/*
 * Called by entry.S with interrupts off for every exception, interrupt
 * and syscall; returns to the interrupted code (or, for a frame from
 * ring 3, to whichever vCPU the scheduler puts in the frame).
 */
void do_trap(struct cpu_user_regs *regs);

/* entry.S: the syscall entry points (MSR_LSTAR, MSR_CSTAR). */
void syscall_entry(void);
void compat_syscall_entry(void);

/*
 * entry.S: abandon the boot context: put an empty ring-3 frame at the
 * top of the stack and take the return path, which asks the scheduler
 * (pv_exit_to_guest) to fill it.  Call with interrupts off.
 */
void __noreturn enter_first_guest(void);

/* The stubs' addresses, one per vector 0..31 (entry.S). */
extern const uint64_t exception_stubs[32];
void timer_interrupt_stub(void);
void spurious_interrupt_stub(void);

/* time.c: the timer interrupt's work (count, EOI). */
void timer_interrupt(void);

/*
 * Print 'rip' (unless 0) and the frame-pointer call chain starting at
 * 'rbp' (at most 16 frames), one "[<address>]" line per frame.  Safe on a corrupt chain:
 * it stops at the first frame outside a known stack.
 */
void show_stack_trace(unsigned long rip, unsigned long rbp);

/*
 * printk for the fatal paths: formats and writes straight to the console
 * without console_lock (which the failing code may hold), each line
 * prefixed "(XEN) ".  Not serialised: use only once the machine is dying.
 */
void raw_printk(const char *fmt, ...) __printf(1, 2);

/* Set once a fatal trap has printed its trace (arch_halt skips its own). */
extern bool x86_trace_printed;

/* Print a register frame (raw_printk, one line per few registers). */
void show_registers(const struct cpu_user_regs *r);

/* Was the frame taken in ring 3, i.e. in a guest? */
static inline bool guest_mode(const struct cpu_user_regs *r)
{
    return (r->cs & 3) == 3;
}

#endif /* !__ASSEMBLY__ */

#endif /* X86_ASM_TRAPS_H */
