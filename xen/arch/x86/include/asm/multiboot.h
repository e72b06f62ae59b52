/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Multiboot (version 1) structures: the header the image carries and the
 * information block the loader hands over in %ebx.  All addresses in the
 * information block are physical and below 4 GiB.
 */
#ifndef X86_ASM_MULTIBOOT_H
#define X86_ASM_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC      0x1badb002
#define MULTIBOOT_BOOTLOADER_MAGIC  0x2badb002

/* Header flags: page-align modules, want memory info, have addresses. */
#define MULTIBOOT_PAGE_ALIGN        (1 << 0)
#define MULTIBOOT_MEMORY_INFO       (1 << 1)
#define MULTIBOOT_AOUT_KLUDGE       (1 << 16)

/* Information block flags: which fields are valid. */
#define MBI_MEMLIMITS               (1 << 0)
#define MBI_CMDLINE                 (1 << 2)
#define MBI_MODULES                 (1 << 3)
#define MBI_MEMMAP                  (1 << 6)

/* Memory map entry types (the e820 types). */
#define MULTIBOOT_MEMORY_AVAILABLE  1
#define MULTIBOOT_MEMORY_RESERVED   2
#define MULTIBOOT_MEMORY_ACPI       3
#define MULTIBOOT_MEMORY_NVS        4
#define MULTIBOOT_MEMORY_BADRAM     5

#ifndef __ASSEMBLY__

#include <xen/types.h>

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower;         /* KiB below 1 MiB */
    uint32_t mem_upper;         /* KiB above 1 MiB, up to the first hole */
    uint32_t boot_device;
    uint32_t cmdline;           /* NUL-terminated string */
    uint32_t mods_count;
    uint32_t mods_addr;         /* array of struct multiboot_module */
    uint32_t syms[4];
    uint32_t mmap_length;       /* bytes */
    uint32_t mmap_addr;         /* struct multiboot_mmap_entry, packed */
};

/* 'size' counts the bytes after itself: the next entry is at +size+4. */
struct multiboot_mmap_entry {
    uint32_t size;
    uint64_t addr;
    uint64_t len;
    uint32_t type;
} __packed;

struct multiboot_module {
    uint32_t mod_start;
    uint32_t mod_end;           /* exclusive */
    uint32_t string;            /* the module's command line */
    uint32_t reserved;
};

#endif /* __ASSEMBLY__ */

#endif /* X86_ASM_MULTIBOOT_H */
