/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arch hooks common code calls that have no better home: halting
 * the machine, CPU facts, lock back-off, guest-copy fault injection, and
 * 'current'.  (Preemption and yielding are schedule.c's.)
 *
 * Halting: QEMU's isa-debug-exit device (-device isa-debug-exit,
 * iobase=0xf4,iosize=4) turns a write of value v to port 0xf4 into a
 * QEMU exit with status (v << 1) | 1.  Value 0 cannot be told apart from
 * a QEMU error (status 1), so every code is offset by 0x10:
 *
 *   arch_halt(code)                          port value   QEMU exit status
 *   0: clean shutdown (HALT_CLEAN; also      0x10         33
 *      dom0 shut down with poweroff)
 *   1: panic, ASSERT, BUG, fatal trap        0x11         35
 *   2: dom0 shut down for another reason     0x12         37
 *      (crash, reboot, ...: HALT_DOM0_FAILED)
 *   n: 3..15 (unused so far)                 0x10 + n     (0x10 + n) * 2 + 1
 *
 * (QEMU exits 0 on a triple fault with -no-reboot; docs/misc/boot.md.)
 * Without the device the write is ignored and the CPU halts for good.
 */

#include <xen/console.h>
#include <xen/cpu.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>

#include <asm/current.h>
#include <asm/io.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define DEBUG_EXIT_PORT         0xf4
#define DEBUG_EXIT_BASE         0x10
#define DEBUG_EXIT_MAX_CODE     15

struct vcpu *x86_current_vcpu;

/*
 * Stop the machine.  A non-zero code first prints the call trace of the
 * caller (panic, ASSERT) unless a fatal trap already printed one.  Never
 * returns; interrupts are off from here on.
 */
void arch_halt(int code)
{
    unsigned int v;

    local_irq_disable();
    if ( code && !x86_trace_printed )
    {
        x86_trace_printed = true;
        show_stack_trace(0, (unsigned long)__builtin_frame_address(0));
    }
    if ( code < 0 || code > DEBUG_EXIT_MAX_CODE )
        code = 1;
    v = DEBUG_EXIT_BASE + code;
    outl(v, DEBUG_EXIT_PORT);
    for ( ;; )
        halt();
}

unsigned int arch_nr_cpus(void)
{
    return 1;
}

void arch_spin_relax(unsigned int spins)
{
    (void)spins;
}

/* Fault injection is a hosted-test facility: never on real hardware. */
bool arch_guest_copy_fault(const struct domain *d, uint64_t gva)
{
    (void)d;
    (void)gva;
    return false;
}
