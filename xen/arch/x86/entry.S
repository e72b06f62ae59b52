/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception, interrupt and syscall entry stubs, and the one way out.
 *
 * Each exception stub makes the frame uniform (an error code of 0 where
 * the CPU pushes none, then the vector) and jumps to handle_trap, which
 * saves the general registers as struct cpu_user_regs (asm/traps.h) and
 * calls do_trap(regs).  The syscall stubs build the same frame by hand
 * (syscall pushes nothing and keeps the guest's stack).
 *
 * ret_from_trap: a frame from ring 3 first goes through the scheduler
 * (pv_exit_to_guest, interrupts off), which may replace it with another
 * vCPU's; then the registers are restored and iretq resumes.
 *
 * The CPU aligns %rsp to 16 before pushing its 5-word frame; with the
 * error code, the vector and 15 registers (22 words) %rsp is again
 * 16-byte aligned at the call, as the ABI wants.  Entries from ring 3
 * start at the top of the boot stack (TSS rsp0; the syscall stub loads
 * it itself), so their frame is always the topmost 22 words of it.
 */

#include <asm/config.h>
#include <asm/traps.h>

/* Vectors for which the CPU pushes an error code. */
#define HAS_ERRCODE(v)  ((v) == 8 || ((v) >= 10 && (v) <= 14) || \
                         (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

        .altmacro

        .macro  exception_stub vec
        .align  16
.Lstub_\vec:
        .if     !HAS_ERRCODE(\vec)
        push    $0
        .endif
        push    $\vec
        jmp     handle_trap
        .endm

        .macro  stub_address vec
        .quad   .Lstub_\vec
        .endm

        .text
        .set    v, 0
        .rept   32
        exception_stub %v
        .set    v, v + 1
        .endr

        .globl  timer_interrupt_stub
timer_interrupt_stub:
        push    $0
        push    $0xf0
        jmp     handle_trap

        .globl  spurious_interrupt_stub
spurious_interrupt_stub:
        push    $0
        push    $0xff
        jmp     handle_trap

/*
 * 64-bit syscall from ring 3: a hypercall.  Interrupts are off (FMASK).
 * %rcx holds the guest's rip, %r11 its rflags; the guest's %rsp is
 * still live until it is parked (one CPU, interrupts off: a global does).
 */
        .globl  syscall_entry
syscall_entry:
        mov     %rsp, syscall_guest_rsp(%rip)
        lea     boot_stack_top(%rip), %rsp
        push    $FLAT_USER_DS                   /* ss */
        push    syscall_guest_rsp(%rip)         /* rsp */
        push    %r11                            /* rflags */
        push    $FLAT_USER_CS                   /* cs */
        push    %rcx                            /* rip */
        push    $0                              /* error code */
        push    $SYSCALL_VECTOR
        jmp     handle_trap

/*
 * syscall from compatibility mode.  A guest cannot get there (there is no
 * 32-bit user code segment), but if it did, this is a guest fault.
 */
        .globl  compat_syscall_entry
compat_syscall_entry:
        mov     %rsp, syscall_guest_rsp(%rip)
        lea     boot_stack_top(%rip), %rsp
        push    $FLAT_USER_DS
        push    syscall_guest_rsp(%rip)
        push    %r11
        push    $FLAT_USER_CS
        push    %rcx
        push    $0
        push    $COMPAT_SYSCALL_VECTOR
        jmp     handle_trap

/* Leave the boot context: an empty guest frame for the scheduler. */
        .globl  enter_first_guest
enter_first_guest:
        lea     boot_stack_top - UREGS_size(%rip), %rsp
        mov     %rsp, %rdi
        mov     $UREGS_size / 8, %ecx
        xor     %eax, %eax
        rep stosq
        movq    $FLAT_USER_CS, UREGS_cs(%rsp)
        xor     %ebp, %ebp
        jmp     ret_from_trap

handle_trap:
        cld
        push    %rdi
        push    %rsi
        push    %rdx
        push    %rcx
        push    %rax
        push    %r8
        push    %r9
        push    %r10
        push    %r11
        push    %rbx
        push    %rbp
        push    %r12
        push    %r13
        push    %r14
        push    %r15
        mov     %rsp, %rdi
        call    do_trap

ret_from_trap:
        testb   $3, UREGS_cs(%rsp)
        jz      1f
        cli
        mov     %rsp, %rdi
        call    pv_exit_to_guest
1:      pop     %r15
        pop     %r14
        pop     %r13
        pop     %r12
        pop     %rbp
        pop     %rbx
        pop     %r11
        pop     %r10
        pop     %r9
        pop     %r8
        pop     %rax
        pop     %rcx
        pop     %rdx
        pop     %rsi
        pop     %rdi
        add     $16, %rsp               /* vector, error code */
        iretq

        .data
        .align  8
syscall_guest_rsp:
        .quad   0

        .section .rodata
        .align  8
        .globl  exception_stubs
exception_stubs:
        .set    v, 0
        .rept   32
        stub_address %v
        .set    v, v + 1
        .endr
