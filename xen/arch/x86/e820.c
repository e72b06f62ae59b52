/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical memory map.  Multiboot hands us the BIOS e820 table as a
 * packed list whose entries carry their own size (next = this + size +
 * 4); we copy it into a fixed array, sort it and keep it for mm.c, which
 * decides what of each usable range goes to the heap.
 */

#include <xen/lib.h>

#include <asm/e820.h>
#include <asm/multiboot.h>
#include <asm/page.h>

struct e820map e820;

static void e820_add(uint64_t addr, uint64_t size, uint32_t type)
{
    struct e820entry *e;

    if ( !size )
        return;
    if ( e820.nr_map == E820MAX )
    {
        printk("e820: more than %u entries, ignoring [%#lx, +%#lx)\n",
               E820MAX, (unsigned long)addr, (unsigned long)size);
        return;
    }
    e = &e820.map[e820.nr_map++];
    e->addr = addr;
    e->size = size;
    e->type = type;
}

static int e820_cmp(const void *a, const void *b)
{
    const struct e820entry *x = a, *y = b;

    return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static void e820_swap(void *a, void *b, size_t size)
{
    struct e820entry t = *(struct e820entry *)a;

    (void)size;
    *(struct e820entry *)a = *(struct e820entry *)b;
    *(struct e820entry *)b = t;
}

/* Walk the loader's packed list (its entries may be larger than ours). */
static void e820_from_mmap(uint32_t addr, uint32_t length)
{
    const char *p = maddr_to_virt(addr), *end = p + length;

    while ( p + sizeof(struct multiboot_mmap_entry) <= end )
    {
        const struct multiboot_mmap_entry *m = (const void *)p;

        e820_add(m->addr, m->len, m->type);
        p += m->size + sizeof(m->size);
    }
}

void e820_init(const struct multiboot_info *mbi)
{
    e820.nr_map = 0;
    if ( mbi->flags & MBI_MEMMAP )
        e820_from_mmap(mbi->mmap_addr, mbi->mmap_length);
    else if ( mbi->flags & MBI_MEMLIMITS )
    {
        /* No map: what the BIOS said below 1 MiB and above it. */
        e820_add(0, (uint64_t)mbi->mem_lower << 10, E820_RAM);
        e820_add(1UL << 20, (uint64_t)mbi->mem_upper << 10, E820_RAM);
    }
    else
        panic("Multiboot loader gave no memory information\n");

    sort(e820.map, e820.nr_map, sizeof(e820.map[0]), e820_cmp, e820_swap);
}

static const char *e820_type_name(uint32_t type)
{
    switch ( type )
    {
    case E820_RAM:      return "usable";
    case E820_RESERVED: return "reserved";
    case E820_ACPI:     return "ACPI data";
    case E820_NVS:      return "ACPI NVS";
    case E820_UNUSABLE: return "unusable";
    default:            return "UNKNOWN";
    }
}

void e820_print(void)
{
    unsigned int i;

    printk("Multiboot-e820 RAM map:\n");
    for ( i = 0; i < e820.nr_map; i++ )
    {
        const struct e820entry *e = &e820.map[i];

        printk(" [%016lx, %016lx] (%s)\n", (unsigned long)e->addr,
               (unsigned long)(e->addr + e->size - 1),
               e820_type_name(e->type));
    }
}

uint64_t e820_ram_bytes(void)
{
    uint64_t total = 0;
    unsigned int i;

    for ( i = 0; i < e820.nr_map; i++ )
        if ( e820.map[i].type == E820_RAM )
            total += e820.map[i].size;
    return total;
}
