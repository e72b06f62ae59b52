/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot-time memory: from the e820 map to a running heap.
 *
 *   1. Reserve what the arch keeps: MFN 0, the image (with its boot page
 *      tables and stacks), the multiboot structures and modules.
 *   2. Map every usable (and ACPI) e820 range in the direct map with
 *      2 MiB pages.  The first GiB is already mapped by boot/head.S; the
 *      page directories for the rest come from the boot allocator, which
 *      carves reserved pages out of usable RAM below 1 GiB (all that is
 *      reachable before the direct map is complete).
 *   3. Place the frame table (one struct page_info per frame up to the
 *      end of RAM, zeroed: node 0, state unmanaged) at the top of RAM;
 *      acpi.c then gives each frame its node from the ACPI SRAT.
 *   4. Hand every usable page that is not reserved to init_heap_pages(),
 *      to be scrubbed on first use (RAM contents are unknown).
 *
 * The boot allocator is only valid until step 4; later page-table pages
 * (ioremap_nocache) come from the xenheap.  Boot time, one CPU: no locks.
 */

#include <xen/lib.h>
#include <xen/mm.h>

#include <asm/acpi.h>
#include <asm/e820.h>
#include <asm/multiboot.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>

#define MAX_RESERVED            32
#define BOOT_MAP_LIMIT          (1UL << L3_PAGETABLE_SHIFT)   /* head.S */

struct range {
    paddr_t s, e;               /* [s, e), page aligned */
    const char *what;
};

static struct range reserved[MAX_RESERVED];
static unsigned int nr_reserved;
static bool heap_ready;

static unsigned long heap_pages_given, heap_ranges_given;

/*
 * Keep [s, e) (rounded out to pages) away from the heap.  A range that
 * continues the previous one for the same purpose (page tables come one
 * page at a time, top down) extends it.
 */
static void reserve(paddr_t s, paddr_t e, const char *what)
{
    struct range *last = nr_reserved ? &reserved[nr_reserved - 1] : NULL;

    if ( last && last->what == what && ROUNDUP(e, PAGE_SIZE) == last->s )
    {
        last->s = s & PAGE_MASK;
        return;
    }
    if ( nr_reserved == MAX_RESERVED )
        panic("boot: too many reserved ranges (%s)\n", what);
    reserved[nr_reserved].s = s & PAGE_MASK;
    reserved[nr_reserved].e = ROUNDUP(e, PAGE_SIZE);
    reserved[nr_reserved].what = what;
    nr_reserved++;
}

static const struct range *reserved_overlap(paddr_t s, paddr_t e)
{
    unsigned int i;

    for ( i = 0; i < nr_reserved; i++ )
        if ( reserved[i].s < e && s < reserved[i].e )
            return &reserved[i];
    return NULL;
}

/*
 * Boot allocator: the highest 'size' bytes, 'align'-aligned, of usable
 * RAM below 'limit' that overlap nothing reserved; the result is then
 * reserved.  Panics when nothing fits.
 */
static paddr_t boot_alloc(unsigned long size, unsigned long align,
                          paddr_t limit, const char *what)
{
    unsigned int i;

    ASSERT(!heap_ready);
    for ( i = e820.nr_map; i-- > 0; )
    {
        const struct e820entry *m = &e820.map[i];
        paddr_t lo = ROUNDUP(m->addr, PAGE_SIZE);
        paddr_t hi = min(m->addr + m->size, limit) & PAGE_MASK;

        if ( m->type != E820_RAM )
            continue;
        while ( hi >= lo + size )
        {
            paddr_t s = (hi - size) & ~(paddr_t)(align - 1);
            const struct range *r;

            if ( s < lo )
                break;
            r = reserved_overlap(s, s + size);
            if ( !r )
            {
                reserve(s, s + size, what);
                return s;
            }
            hi = r->s;
        }
    }
    panic("boot: no memory for the %s (%lu bytes)\n", what, size);
}

/* A zeroed page for a page table: boot allocator, or xenheap later. */
static uint64_t *pt_alloc(void)
{
    uint64_t *pt;

    if ( heap_ready )
        pt = alloc_xenheap_page();
    else
        pt = maddr_to_virt(boot_alloc(PAGE_SIZE, PAGE_SIZE, BOOT_MAP_LIMIT,
                                      "page tables"));
    if ( !pt )
        panic("boot: no memory for a page table\n");
    memset(pt, 0, PAGE_SIZE);
    return pt;
}

/*
 * Map the 2 MiB page holding pa in the direct map with 'flags' (leaf
 * bits beyond PRESENT|RW|PSE).  The first GiB shares its L2 with the
 * image's mapping (head.S): it is mapped already and never changed.
 */
static void dmap_map_2m(paddr_t pa, uint64_t flags)
{
    unsigned int i3 = pa >> L3_PAGETABLE_SHIFT;
    uint64_t *l2;

    if ( !i3 )
        return;
    if ( !(boot_l3_dmap[i3] & _PAGE_PRESENT) )
        boot_l3_dmap[i3] = virt_to_maddr(pt_alloc()) |
                           __PAGE_HYPERVISOR_TABLE;
    l2 = maddr_to_virt(boot_l3_dmap[i3] & PTE_ADDR_MASK);
    l2[l2_table_offset(pa)] = (pa & ~(L2_PAGE_SIZE - 1)) |
                              __PAGE_HYPERVISOR_LARGE | flags;
}

/* Direct-map RAM and ACPI tables, 2 MiB at a time. */
static void dmap_build(void)
{
    unsigned int i;

    BUILD_BUG_ON(l4_table_offset(DIRECTMAP_VIRT_START) != 262);
    for ( i = 0; i < e820.nr_map; i++ )
    {
        const struct e820entry *m = &e820.map[i];
        paddr_t pa, end = min(m->addr + m->size, (paddr_t)DIRECTMAP_SIZE);

        if ( m->type != E820_RAM && m->type != E820_ACPI )
            continue;
        for ( pa = m->addr & ~(L2_PAGE_SIZE - 1); pa < end;
              pa += L2_PAGE_SIZE )
            dmap_map_2m(pa, 0);
    }
    write_cr3(read_cr3());
}

void *ioremap_nocache(paddr_t pa, unsigned long size)
{
    paddr_t p;

    if ( pa < BOOT_MAP_LIMIT || pa + size > DIRECTMAP_SIZE )
        panic("ioremap: %#lx cannot be remapped\n", (unsigned long)pa);
    for ( p = pa & ~(L2_PAGE_SIZE - 1); p < pa + size; p += L2_PAGE_SIZE )
        dmap_map_2m(p, _PAGE_PCD | _PAGE_PWT);
    write_cr3(read_cr3());
    return maddr_to_virt(pa);
}

void zap_low_mappings(void)
{
    boot_l4[0] = 0;
    write_cr3(read_cr3());
}

/* Reserve the multiboot information block and everything it points to. */
static void reserve_multiboot(const struct multiboot_info *mbi)
{
    const struct multiboot_module *mod;
    unsigned int i;

    reserve(virt_to_maddr(mbi), virt_to_maddr(mbi + 1), "multiboot info");
    if ( mbi->flags & MBI_CMDLINE )
        reserve(mbi->cmdline,
                mbi->cmdline + strlen(maddr_to_virt(mbi->cmdline)) + 1,
                "command line");
    if ( mbi->flags & MBI_MEMMAP )
        reserve(mbi->mmap_addr, mbi->mmap_addr + mbi->mmap_length,
                "memory map");
    if ( !(mbi->flags & MBI_MODULES) || !mbi->mods_count )
        return;
    reserve(mbi->mods_addr, mbi->mods_addr + mbi->mods_count * sizeof(*mod),
            "module list");
    mod = maddr_to_virt(mbi->mods_addr);
    for ( i = 0; i < mbi->mods_count; i++ )
    {
        reserve(mod[i].mod_start, mod[i].mod_end, "module");
        if ( mod[i].string )
            reserve(mod[i].string,
                    mod[i].string + strlen(maddr_to_virt(mod[i].string)) + 1,
                    "module string");
    }
}

/* One past the highest usable frame the direct map can reach. */
static unsigned long ram_end_pfn(void)
{
    paddr_t end = 0;
    unsigned int i;

    for ( i = 0; i < e820.nr_map; i++ )
        if ( e820.map[i].type == E820_RAM )
            end = max(end, (paddr_t)(e820.map[i].addr + e820.map[i].size));
    if ( end > DIRECTMAP_SIZE )
    {
        printk("RAM above %lu GiB ignored\n", DIRECTMAP_SIZE >> 30);
        end = DIRECTMAP_SIZE;
    }
    return end >> PAGE_SHIFT;
}

/* Allocate and zero the frame table: every frame node 0, unmanaged. */
static void frame_table_init(void)
{
    unsigned long bytes;
    paddr_t pa;

    max_page = ram_end_pfn();
    bytes = ROUNDUP(max_page * sizeof(struct page_info), PAGE_SIZE);
    pa = boot_alloc(bytes, PAGE_SIZE, DIRECTMAP_SIZE, "frame table");
    frame_table = maddr_to_virt(pa);
    memset(frame_table, 0, bytes);
    printk("Frame table: %lu frames, %lu KiB at %#lx\n", max_page,
           bytes >> 10, (unsigned long)pa);
}

/* Give [s, e) minus the reserved ranges to the heap. */
static void heap_add_range(paddr_t s, paddr_t e)
{
    const struct range *r;

    if ( s >= e )
        return;
    r = reserved_overlap(s, e);
    if ( r )
    {
        heap_add_range(s, r->s);
        heap_add_range(r->e, e);
        return;
    }
    init_heap_pages(_mfn(s >> PAGE_SHIFT), (e - s) >> PAGE_SHIFT, true);
    heap_pages_given += (e - s) >> PAGE_SHIFT;
    heap_ranges_given++;
}

static void heap_init(void)
{
    unsigned int i;

    for ( i = 0; i < e820.nr_map; i++ )
    {
        const struct e820entry *m = &e820.map[i];
        paddr_t s = ROUNDUP(m->addr, PAGE_SIZE);
        paddr_t e = min(m->addr + m->size,
                        (paddr_t)max_page << PAGE_SHIFT) & PAGE_MASK;

        if ( m->type == E820_RAM )
            heap_add_range(s, e);
    }
    heap_ready = true;
}

static void reserved_print(void)
{
    unsigned long kib = 0;
    unsigned int i;

    for ( i = 0; i < nr_reserved; i++ )
    {
        printk(" reserved [%016lx, %016lx) %s\n",
               (unsigned long)reserved[i].s, (unsigned long)reserved[i].e,
               reserved[i].what);
        kib += (reserved[i].e - reserved[i].s) >> 10;
    }
    printk("Heap: %lu MiB in %lu ranges; the arch keeps %lu KiB\n",
           heap_pages_given >> (20 - PAGE_SHIFT), heap_ranges_given, kib);
}

void memory_init(const struct multiboot_info *mbi)
{
    uint64_t ram;

    e820_init(mbi);
    e820_print();
    ram = e820_ram_bytes();
    if ( ram < (16UL << 20) )
        panic("Only %lu KiB of RAM: need at least 16 MiB\n",
              (unsigned long)(ram >> 10));

    reserve(0, PAGE_SIZE, "MFN 0");
    reserve(virt_to_maddr(__image_start), virt_to_maddr(__image_end),
            "image");
    reserve_multiboot(mbi);

    dmap_build();
    frame_table_init();
    acpi_numa_init();           /* each frame's node, before the heap */
    heap_init();
    reserved_print();
    printk("System RAM: %luMB (%lukB)\n", (unsigned long)(ram >> 20),
           (unsigned long)(ram >> 10));
}
