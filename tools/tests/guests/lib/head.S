/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest entry.  The hypervisor enters here in ring 3 with rsi = the
 * start info page, rsp = a stack below 1 MiB and interrupts on
 * (docs/misc/domains.md).  The image's .bss is already zero (the ELF
 * loader clears it).  Take our own stack and go to C.
 */

        .section .text.head, "ax", @progbits
        .globl  _start
_start:
        lea     guest_stack_top(%rip), %rsp
        xor     %ebp, %ebp
        mov     %rsi, %rdi
        call    guest_start
        ud2

/*
 * A secondary vCPU's first instruction (smp.c starts it here through
 * VCPUOP_initialise): rsp is its stack, rdi the function, rsi its
 * argument, fs_base its TLS block.
 */
        .text
        .globl  guest_vcpu_entry
guest_vcpu_entry:
        xor     %ebp, %ebp
        call    guest_vcpu_main
        ud2

        .bss
        .align  16
guest_stack:
        .skip   16384
guest_stack_top:
