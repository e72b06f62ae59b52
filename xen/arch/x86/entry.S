/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exception and interrupt entry stubs.  Each stub makes the frame
 * uniform (an error code of 0 where the CPU pushes none, then the vector)
 * and jumps to handle_trap, which saves the general registers as
 * struct cpu_user_regs (asm/traps.h) and calls do_trap(regs).  If
 * do_trap returns, the registers are restored and iretq resumes.
 *
 * The CPU aligns %rsp to 16 before pushing its 5-word frame; with the
 * error code, the vector and 15 registers (22 words) %rsp is again
 * 16-byte aligned at the call, as the ABI wants.
 */

#include <asm/config.h>

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
        pop     %r15
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

        .section .rodata
        .align  8
        .globl  exception_stubs
exception_stubs:
        .set    v, 0
        .rept   32
        stub_address %v
        .set    v, v + 1
        .endr
