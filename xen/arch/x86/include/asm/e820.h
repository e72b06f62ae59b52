/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The machine's physical memory map, e820-style, as the multiboot loader
 * reported it (e820.c): sorted by address, types as the BIOS gives them.
 */
#ifndef X86_ASM_E820_H
#define X86_ASM_E820_H

#include <xen/types.h>

#define E820MAX                 128

#define E820_RAM                1
#define E820_RESERVED           2
#define E820_ACPI               3
#define E820_NVS                4
#define E820_UNUSABLE           5

struct e820entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
};

struct e820map {
    unsigned int nr_map;
    struct e820entry map[E820MAX];
};

struct multiboot_info;

extern struct e820map e820;

/*
 * Fill 'e820' from the multiboot information block: its memory map when
 * present, else the two mem_lower/mem_upper ranges.  Sorted by address;
 * empty entries dropped.  Panics when the loader gave neither.
 */
void e820_init(const struct multiboot_info *mbi);

/* Print the map as Xen does ("[start, end] (type)" per entry). */
void e820_print(void);

/* Bytes of E820_RAM in the map. */
uint64_t e820_ram_bytes(void);

#endif /* X86_ASM_E820_H */
