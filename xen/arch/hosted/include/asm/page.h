/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page size and the machine-address <-> hypervisor-virtual conversions.
 * On the hosted arch the direct map is the arena mapping.
 */
#ifndef HOSTED_ASM_PAGE_H
#define HOSTED_ASM_PAGE_H

#include <xen/types.h>

#define PAGE_SHIFT              12
#define PAGE_SIZE               (1UL << PAGE_SHIFT)
#define PAGE_MASK               (~(PAGE_SIZE - 1))
#define PAGE_OFFSET(a)          ((unsigned long)(a) & (PAGE_SIZE - 1))
#define PAGETABLE_ORDER         9

/* Start of the arena in the process; set once by the hosted boot. */
extern char *hosted_arena_base;
extern unsigned long hosted_arena_pages;

static inline void *maddr_to_virt(paddr_t ma)
{
    return hosted_arena_base + ma;
}

static inline paddr_t virt_to_maddr(const void *va)
{
    return (paddr_t)((const char *)va - hosted_arena_base);
}

#endif /* HOSTED_ASM_PAGE_H */
