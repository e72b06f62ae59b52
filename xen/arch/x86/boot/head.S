/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The image's first bytes: the multiboot header, the 32-bit entry the
 * loader jumps to, and the climb into long mode.
 *
 * The loader enters 'start' in 32-bit protected mode, paging off, with
 * %eax = 0x2badb002 and %ebx = the physical address of the multiboot
 * information block.  We then:
 *   1. stash %eax/%ebx in .data (the .bss is cleared later);
 *   2. check CPUID for long mode (else print a line on COM1 and stop);
 *   3. load the static boot page tables below: the first 1 GiB of
 *      physical memory mapped three times with 2 MiB pages, at 0
 *      (identity, for the instructions that switch paging on), at
 *      DIRECTMAP_VIRT_START and at XEN_VIRT_START (where we are linked);
 *   4. PAE, EFER.LME, CR0.PG: compatibility mode; a far jump to a 64-bit
 *      code segment: long mode, still at the physical address;
 *   5. jump to the linked (high) address, reload the GDT and segments,
 *      take the boot stack, clear .bss and call __start_xen(magic, mbi).
 *
 * The a.out-kludge fields of the header give the load addresses, so the
 * loader need not understand the ELF headers around the payload.
 */

#include <asm/config.h>
#include <asm/multiboot.h>
#include <asm/page.h>

#define sym_phys(s)     ((s) - XEN_VIRT_START)

#define MB_FLAGS        (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO | \
                         MULTIBOOT_AOUT_KLUDGE)

#define X86_CR0_PE      0x00000001
#define X86_CR0_NE      0x00000020
#define X86_CR0_WP      0x00010000
#define X86_CR0_PG      0x80000000
#define X86_CR4_PAE     0x00000020
#define MSR_EFER_NR     0xc0000080
#define EFER_LME        8               /* bit number */
#define CPUID_LM        29              /* 0x80000001 %edx bit */

        .section .text.head, "ax", @progbits
        .code32

        .globl  multiboot_header
        .align  4
multiboot_header:
        .long   MULTIBOOT_HEADER_MAGIC
        .long   MB_FLAGS
        .long   -(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)
        .long   sym_phys(multiboot_header)      /* header_addr */
        .long   sym_phys(__image_start)         /* load_addr */
        .long   sym_phys(__load_end)            /* load_end_addr */
        .long   sym_phys(__image_end)           /* bss_end_addr */
        .long   sym_phys(start)                 /* entry_addr */

        .globl  start
start:
        cli
        cld
        mov     %eax, sym_phys(boot_mb_magic)
        mov     %ebx, sym_phys(boot_mb_info)

        /* Long mode?  CPUID leaf 0x80000001 must exist and say so. */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        jb      .Lno_long_mode
        mov     $0x80000001, %eax
        cpuid
        bt      $CPUID_LM, %edx
        jnc     .Lno_long_mode

        mov     $X86_CR4_PAE, %eax
        mov     %eax, %cr4
        mov     $sym_phys(boot_l4), %eax
        mov     %eax, %cr3
        mov     $MSR_EFER_NR, %ecx
        rdmsr
        bts     $EFER_LME, %eax
        wrmsr
        mov     $(X86_CR0_PE | X86_CR0_NE | X86_CR0_WP | X86_CR0_PG), %eax
        mov     %eax, %cr0

        lgdt    sym_phys(boot_gdtr32)
        ljmp    $__HYPERVISOR_CS, $sym_phys(start64)

        /* No long mode: say so on COM1 (the loader left it usable). */
.Lno_long_mode:
        mov     $sym_phys(.Lmsg_no_lm), %esi
        mov     $0x3f8, %dx
1:      lodsb
        test    %al, %al
        jz      2f
        out     %al, %dx
        jmp     1b
2:      hlt
        jmp     2b

.Lmsg_no_lm:
        .asciz  "ERROR: this CPU has no long mode (x86_64); cannot boot.\r\n"

        .code64
start64:
        /* Still at the physical address: go to the linked one. */
        movabs  $high_start, %rax
        jmp     *%rax

        .text
high_start:
        lgdt    boot_gdtr64(%rip)
        mov     $__HYPERVISOR_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        lea     boot_stack_top(%rip), %rsp

        /* Reload %cs from the new GDT. */
        lea     1f(%rip), %rax
        push    $__HYPERVISOR_CS
        push    %rax
        lretq
1:
        /* Clear .bss; the stack is in it but holds nothing live yet. */
        lea     __bss_start(%rip), %rdi
        lea     __bss_end(%rip), %rcx
        sub     %rdi, %rcx
        xor     %eax, %eax
        rep stosb

        xor     %ebp, %ebp              /* end of the frame-pointer chain */
        mov     boot_mb_magic(%rip), %edi
        mov     boot_mb_info(%rip), %esi
        call    __start_xen
        ud2

/*
 * Boot page tables.  L4 slots: 0 (identity, dropped once setup runs
 * high), 262 (DIRECTMAP_VIRT_START), 511 (XEN_VIRT_START, with L3 slot
 * 510).  All three reach the same L2, which maps [0, 1 GiB) with 2 MiB
 * pages.  mm.c extends the direct map's L3 for the rest of RAM.
 */
#define L4_DIRECTMAP    262
#define L4_XEN          511
#define L3_XEN          510

        .section .data.page_aligned, "aw", @progbits
        .align  4096
        .globl  boot_l4, boot_l3_dmap, boot_l2
boot_l4:
        .quad   sym_phys(boot_l3_ident) + __PAGE_HYPERVISOR_TABLE
        .fill   L4_DIRECTMAP - 1, 8, 0
        .quad   sym_phys(boot_l3_dmap) + __PAGE_HYPERVISOR_TABLE
        .fill   L4_XEN - L4_DIRECTMAP - 1, 8, 0
        .quad   sym_phys(boot_l3_xen) + __PAGE_HYPERVISOR_TABLE
boot_l3_ident:
        .quad   sym_phys(boot_l2) + __PAGE_HYPERVISOR_TABLE
        .fill   511, 8, 0
boot_l3_dmap:
        .quad   sym_phys(boot_l2) + __PAGE_HYPERVISOR_TABLE
        .fill   511, 8, 0
boot_l3_xen:
        .fill   L3_XEN, 8, 0
        .quad   sym_phys(boot_l2) + __PAGE_HYPERVISOR_TABLE
        .quad   0
boot_l2:
        .set    i, 0
        .rept   512
        .quad   (i << L2_PAGETABLE_SHIFT) + __PAGE_HYPERVISOR_LARGE
        .set    i, i + 1
        .endr

/*
 * GDT: null, ring-0 64-bit code, ring-0 data, two slots for the TSS
 * descriptor that traps.c fills in, then the guests' segments: a null
 * slot where a 32-bit user code segment would be (asm/config.h says
 * why), ring-3 data and ring-3 64-bit code.
 */
        .data
        .align  16
        .globl  boot_gdt
boot_gdt:
        .quad   0
        .quad   0x00af9a000000ffff      /* 0x08: code, L=1, DPL 0 */
        .quad   0x00cf92000000ffff      /* 0x10: data, DPL 0 */
        .quad   0, 0                    /* 0x18: TSS (16 bytes) */
        .quad   0                       /* 0x28: no 32-bit user code */
        .quad   0x00cff2000000ffff      /* 0x30: data, DPL 3 */
        .quad   0x00affa000000ffff      /* 0x38: code, L=1, DPL 3 */
.Lgdt_end:

boot_gdtr32:
        .word   .Lgdt_end - boot_gdt - 1
        .long   sym_phys(boot_gdt)

        .align  8
        .word   0                       /* align the 64-bit base */
boot_gdtr64:
        .word   .Lgdt_end - boot_gdt - 1
        .quad   boot_gdt

boot_mb_magic:
        .long   0
boot_mb_info:
        .long   0

        .section .bss.page_aligned, "aw", @nobits
        .align  4096
        .globl  boot_stack, boot_stack_top
boot_stack:
        .skip   STACK_SIZE
boot_stack_top:
