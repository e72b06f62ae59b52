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

#include <xen/types.h>

struct cpu_user_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    uint64_t rax, rcx, rdx, rsi, rdi;
    uint64_t vector, error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};

/* Called by entry.S with interrupts off; returns to the interrupted code. */
void do_trap(struct cpu_user_regs *regs);

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

#endif /* X86_ASM_TRAPS_H */
