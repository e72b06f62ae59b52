/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page size, page-table entry bits and the machine-address <-> virtual
 * conversions through the direct map (asm/config.h has the layout).
 *
 * A 4-level x86_64 page-table entry, as this port uses it:
 *
 *   63  62      52 51                    12 11  9 8 7 6 5 4 3 2 1 0
 *  +--+----------+--------------------------+-----+-+-+-+-+-+-+-+-+-+
 *  |NX| ignored  | frame address (4K, or    | ign |G|S|D|A|C|W|U|W|P|
 *  |  |          | 2M-aligned when PS = 1)  |     | |Z| | |D|T|S| | |
 *  +--+----------+--------------------------+-----+-+-+-+-+-+-+-+-+-+
 *   P present, W writable, US user, WT write-through, CD cache disable,
 *   A accessed, D dirty, SZ (PS) 2 MiB/1 GiB leaf at L2/L3, G global.
 *
 * Levels: L4 (PML4) -> L3 (PDPT) -> L2 (PD) -> L1 (PT), 9 bits each,
 * indexed by virtual address bits 47-39, 38-30, 29-21, 20-12.
 */
#ifndef X86_ASM_PAGE_H
#define X86_ASM_PAGE_H

#include <asm/config.h>

#define PAGE_SHIFT              12
#define PAGETABLE_ORDER         9
#define L2_PAGETABLE_SHIFT      21
#define L3_PAGETABLE_SHIFT      30
#define L4_PAGETABLE_SHIFT      39
#define L2_PAGE_SIZE            (1UL << L2_PAGETABLE_SHIFT)
#define PTES_PER_TABLE          512

#define _PAGE_PRESENT           0x001
#define _PAGE_RW                0x002
#define _PAGE_USER              0x004
#define _PAGE_PWT               0x008
#define _PAGE_PCD               0x010
#define _PAGE_ACCESSED          0x020
#define _PAGE_DIRTY             0x040
#define _PAGE_PSE               0x080
#define _PAGE_GLOBAL            0x100

/* Hypervisor table link and 2 MiB leaf, as boot/head.S writes them. */
#define __PAGE_HYPERVISOR_TABLE (_PAGE_PRESENT | _PAGE_RW)
#define __PAGE_HYPERVISOR_LARGE (_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)

#ifndef __ASSEMBLY__

#include <xen/types.h>

#define PAGE_SIZE               (1UL << PAGE_SHIFT)
#define PAGE_MASK               (~(PAGE_SIZE - 1))
#define PAGE_OFFSET(a)          ((unsigned long)(a) & (PAGE_SIZE - 1))
#define PTE_ADDR_MASK           0x000ffffffffff000UL

#define l4_table_offset(va)     (((va) >> L4_PAGETABLE_SHIFT) & 511)
#define l3_table_offset(va)     (((va) >> L3_PAGETABLE_SHIFT) & 511)
#define l2_table_offset(va)     (((va) >> L2_PAGETABLE_SHIFT) & 511)

/* RAM is reachable at DIRECTMAP_VIRT_START + maddr once setup maps it. */
static inline void *maddr_to_virt(paddr_t ma)
{
    return (void *)(DIRECTMAP_VIRT_START + ma);
}

/*
 * The inverse, for direct-map addresses and for addresses inside the
 * image (which runs at XEN_VIRT_START + maddr).
 */
static inline paddr_t virt_to_maddr(const void *va)
{
    unsigned long v = (unsigned long)va;

    if ( v >= XEN_VIRT_START )
        return v - XEN_VIRT_START;
    return v - DIRECTMAP_VIRT_START;
}

#endif /* __ASSEMBLY__ */

#endif /* X86_ASM_PAGE_H */
