/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86_64 configuration and memory layout.  Included from assembly too,
 * so only #defines outside the __ASSEMBLY__ guard.
 *
 * Physical memory, as the boot leaves it (see docs/misc/boot.md):
 *
 *   0x0000000000000000 +--------------------------------+
 *                      | low memory: BIOS data, EBDA,   |  MFN 0 kept back;
 *                      | VGA                            |  usable e820 -> heap
 *   XEN_LOAD_ADDR (2M) +--------------------------------+
 *                      | the image: text, rodata,       |  reserved
 *                      | params, data, boot page tables,|
 *                      | bss, stacks                    |
 *                      +--------------------------------+
 *                      | multiboot info, mmap, command  |  reserved (wherever
 *                      | line, modules (loader's choice)|  the loader put them)
 *                      +--------------------------------+
 *                      | usable RAM             -> heap |
 *                      | direct-map page directories at |  boot allocator:
 *                      | the top of RAM below 1 GiB     |  reserved
 *                      | ...                            |
 *                      | frame table at the top of RAM  |  reserved
 *                      +--------------------------------+
 *
 * Virtual memory (48-bit canonical addresses, 4-level paging):
 *
 *   0x0000000000000000 +--------------------------------+  PML4[0..255]
 *                      | unmapped (early boot identity- |  user half:
 *                      | maps the first GiB here; it is |  per-domain
 *                      | removed at setup)              |  page tables
 *   GUEST_LINEAR_BASE  +--------------------------------+
 *   0x0000000040000000 | the running domain's gfn g at  |
 *                      | GUEST_LINEAR_BASE + g * 4K,    |
 *                      | user pages, mapped on first    |
 *                      | touch (xen/arch/x86/pv/mm.c)   |
 *   + GUEST_LINEAR_SIZE+--------------------------------+
 *   0x0000008040000000 | unmapped                       |
 *   0x00007fffffffffff +--------------------------------+
 *                        ... non-canonical hole ...
 *   DIRECTMAP_VIRT_START +------------------------------+  PML4[262]
 *   0xffff830000000000 | direct map of RAM, 2 MiB pages |
 *                      | (maddr_to_virt: start + maddr) |  512 GiB
 *   DIRECTMAP_VIRT_END +--------------------------------+
 *                        ... unused ...
 *   XEN_VIRT_START     +--------------------------------+  PML4[511],
 *   0xffffffff80000000 | physical [0, 1 GiB), 2 MiB     |  PDPT[510]
 *                      | pages: the image runs here     |
 *                      | (-mcmodel=kernel: top 2 GiB)   |
 *   0xffffffffc0000000 +--------------------------------+
 */
#ifndef X86_ASM_CONFIG_H
#define X86_ASM_CONFIG_H

#define PADDR_BITS              52
#define MAX_NUMNODES            8
#define NR_CPUS                 1       /* no SMP bring-up yet */
#define MAX_VIRT_CPUS           32      /* per domain */

/* Where the loader puts the image, and where it runs. */
#define XEN_LOAD_ADDR           0x200000
#define XEN_VIRT_START          0xffffffff80000000
#define XEN_VIRT_SIZE           0x40000000              /* 1 GiB */

#define DIRECTMAP_VIRT_START    0xffff830000000000
#define DIRECTMAP_SIZE          0x0000008000000000      /* 512 GiB */
#define DIRECTMAP_VIRT_END      (DIRECTMAP_VIRT_START + DIRECTMAP_SIZE)

/* Boot stack, in .bss; per-trap stacks (IST) for #DF, NMI and #MC. */
#define STACK_SIZE              0x8000
#define IST_STACK_SIZE          0x2000

/*
 * GDT selectors (boot/head.S builds the table, traps.c adds the TSS).
 * 0x28 stays null: it is where a 32-bit user code segment would go
 * (STAR's SYSRET layout), and leaving it out means a guest cannot enter
 * compatibility mode at all.  Guests run on the DPL-3 pair below.
 */
#define __HYPERVISOR_CS         0x08
#define __HYPERVISOR_DS         0x10
#define TSS_SELECTOR            0x18
#define SYSRET_BASE_SELECTOR    0x28
#define FLAT_USER_DS            0x33    /* 0x30 | RPL 3 */
#define FLAT_USER_CS            0x3b    /* 0x38 | RPL 3 */

/* Guest linear map of pseudo-physical memory: 1 GiB up, 512 GiB long. */
#define GUEST_LINEAR_BASE       0x0000000040000000UL
#define GUEST_LINEAR_SIZE       0x0000008000000000UL

/*
 * A new domain's layout (docs/misc/domains.md): the start info page in
 * gfn 0, the initial stack below 1 MiB, the image linked above it.
 */
#define GUEST_START_INFO_GFN    0
#define GUEST_STACK_TOP         (GUEST_LINEAR_BASE + 0x100000UL)

#endif /* X86_ASM_CONFIG_H */
