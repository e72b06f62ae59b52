/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ACPI at boot, only as far as NUMA needs it: find the RSDP, walk the
 * RSDT (or XSDT) to the SRAT, and turn the SRAT's affinity entries into
 * the NUMA node of every frame before the heap sees any (acpi_numa_init,
 * called from memory_init in mm.c).
 *
 *   - Multiboot1 passes no ACPI pointer, so the RSDP is searched for as
 *     the specification says: the first KiB of the EBDA, then the BIOS
 *     area 0xe0000-0xfffff, on 16-byte boundaries.  Every table must
 *     pass its checksum; a bad one is skipped with a message.
 *   - Proximity domains (PXMs) become node ids in the order the SRAT
 *     first names them, CPU entries included (as Xen's setup_node does),
 *     so QEMU's "-numa node" n is node n.  More than MAX_NUMNODES
 *     domains, too many ranges, or ranges of two nodes overlapping make
 *     the SRAT unusable: one node, as without an SRAT.
 *   - Tables live in RAM the firmware reserved, usually in a 2 MiB page
 *     the direct map already covers; any other 2 MiB page is mapped
 *     uncached through ioremap_nocache() (page tables from the boot
 *     allocator, since the heap is not up yet).
 *
 * Boot time, one CPU: no locks.  Nothing here can fail the boot.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>

#include <asm/acpi.h>
#include <asm/e820.h>
#include <asm/page.h>
#include <asm/setup.h>

/*
 * numa=<boolean> | noacpi (Xen's spelling; "fake=" is not supported):
 * off or noacpi ignore the SRAT and leave every frame on node 0.
 */
static bool opt_numa = true;
static int parse_numa_param(const char *s);
custom_param("numa", parse_numa_param);

#define EBDA_SEG_PTR            0x40e   /* BIOS data area: EBDA >> 4 */
#define EBDA_SCAN_SIZE          1024
#define BIOS_ROM_START          0xe0000
#define BIOS_ROM_END            0x100000
#define ACPI_MAX_TABLE_SIZE     (1UL << 20)     /* sanity bound */
#define NR_NODE_MEMBLKS         (MAX_NUMNODES * 4)

/* An enabled SRAT memory range: [start, end) on node 'node'. */
struct node_memblk {
    paddr_t start, end;
    unsigned int node;
};

static struct node_memblk memblks[NR_NODE_MEMBLKS];
static unsigned int nr_memblks;
static uint32_t node_to_pxm[MAX_NUMNODES];
static unsigned int nr_nodes;
static bool srat_bad;

static int parse_numa_param(const char *s)
{
    int b = parse_bool(s, NULL);

    if ( !*s )
        b = 1;
    if ( b >= 0 )
        opt_numa = b;
    else if ( !strcmp(s, "noacpi") )
        opt_numa = false;
    else
        return -EINVAL;
    return 0;
}

/*
 * Make [pa, pa + len) readable through the direct map and return its
 * address there, or NULL when it lies beyond the direct map.  2 MiB
 * pages the direct map lacks are mapped uncached: ACPI tables are not
 * RAM the heap owns, so no cached alias of them exists.
 */
static const void *acpi_map(paddr_t pa, unsigned long len)
{
    paddr_t p;

    if ( !len || pa + len < pa || pa + len > DIRECTMAP_SIZE )
        return NULL;
    for ( p = pa & ~(L2_PAGE_SIZE - 1); p < pa + len; p += L2_PAGE_SIZE )
    {
        unsigned int i3 = p >> L3_PAGETABLE_SHIFT;
        const uint64_t *l2;

        if ( !i3 )
            continue;           /* the first GiB: mapped by head.S */
        if ( boot_l3_dmap[i3] & _PAGE_PRESENT )
        {
            l2 = maddr_to_virt(boot_l3_dmap[i3] & PTE_ADDR_MASK);
            if ( l2[l2_table_offset(p)] & _PAGE_PRESENT )
                continue;
        }
        ioremap_nocache(p, L2_PAGE_SIZE);
    }
    return maddr_to_virt(pa);
}

/* Do the len bytes at p sum to 0 (mod 256)? */
static bool acpi_checksum_ok(const void *p, unsigned long len)
{
    const uint8_t *b = p;
    uint8_t sum = 0;

    while ( len-- )
        sum += *b++;
    return !sum;
}

/* Is this a valid RSDP?  Both checksums apply from revision 2 on. */
static bool rsdp_valid(const struct acpi_rsdp *rsdp)
{
    if ( memcmp(rsdp->signature, "RSD PTR ", 8) ||
         !acpi_checksum_ok(rsdp, ACPI_RSDP_V1_SIZE) )
        return false;
    if ( rsdp->revision < 2 )
        return true;
    return rsdp->length >= sizeof(*rsdp) && rsdp->length <= PAGE_SIZE &&
           acpi_checksum_ok(rsdp, rsdp->length);
}

/* The first valid RSDP in [start, start + len), 16-byte aligned, or 0. */
static paddr_t rsdp_scan(paddr_t start, unsigned long len)
{
    paddr_t pa;

    for ( pa = start; pa + sizeof(struct acpi_rsdp) <= start + len;
          pa += 16 )
        if ( rsdp_valid(maddr_to_virt(pa)) )
            return pa;
    return 0;
}

/* The RSDP's address: the EBDA's first KiB, then the BIOS area; or 0. */
static paddr_t rsdp_find(void)
{
    paddr_t ebda = (paddr_t)*(const uint16_t *)maddr_to_virt(EBDA_SEG_PTR)
                   << 4;
    paddr_t pa = 0;

    /* The first GiB is mapped (head.S), so low memory needs no acpi_map. */
    if ( ebda >= 0x400 && ebda + EBDA_SCAN_SIZE <= BIOS_ROM_START )
        pa = rsdp_scan(ebda, EBDA_SCAN_SIZE);
    if ( !pa )
        pa = rsdp_scan(BIOS_ROM_START, BIOS_ROM_END - BIOS_ROM_START);
    return pa;
}

/*
 * Map the table at pa and check its length and checksum.  Returns it,
 * or NULL (with a message) when it is unreachable or corrupt.
 */
static const struct acpi_table_header *acpi_table_map(paddr_t pa)
{
    const struct acpi_table_header *h = acpi_map(pa, sizeof(*h));

    if ( h && h->length >= sizeof(*h) && h->length <= ACPI_MAX_TABLE_SIZE &&
         (h = acpi_map(pa, h->length)) != NULL &&
         acpi_checksum_ok(h, h->length) )
    {
        printk("ACPI: %.4s %08lx, %04x (r%u %.6s %.8s %8x %.4s %8x)\n",
               h->signature, (unsigned long)pa, h->length, h->revision,
               h->oem_id, h->oem_table_id, h->oem_revision,
               h->asl_compiler_id, h->asl_compiler_revision);
        return h;
    }
    printk(XENLOG_WARNING "ACPI: bad table at %#lx: ignored\n",
           (unsigned long)pa);
    return NULL;
}

/*
 * Walk the XSDT (ACPI 2.0+ with one) or the RSDT, printing each table
 * as Xen does.  Returns the SRAT, or NULL when there is none.
 */
static const struct acpi_table_srat *srat_find(const struct acpi_rsdp *rsdp)
{
    bool x = rsdp->revision >= 2 && rsdp->xsdt_address;
    const struct acpi_table_header *root, *h, *srat = NULL;
    unsigned int i, n, esize = x ? 8 : 4;

    root = acpi_table_map(x ? rsdp->xsdt_address : rsdp->rsdt_address);
    if ( !root || memcmp(root->signature, x ? "XSDT" : "RSDT", 4) )
        return NULL;
    n = (root->length - sizeof(*root)) / esize;
    for ( i = 0; i < n; i++ )
    {
        const uint8_t *e = (const uint8_t *)(root + 1) + i * esize;
        uint64_t pa = 0;

        memcpy(&pa, e, esize);          /* unaligned in the XSDT */
        h = acpi_table_map(pa);
        if ( h && !srat && !memcmp(h->signature, "SRAT", 4) &&
             h->length >= sizeof(struct acpi_table_srat) )
            srat = h;
    }
    return (const struct acpi_table_srat *)srat;
}

/* The node of proximity domain pxm, given one if new; -1 when full. */
static int pxm_to_node(uint32_t pxm)
{
    unsigned int n;

    for ( n = 0; n < nr_nodes; n++ )
        if ( node_to_pxm[n] == pxm )
            return n;
    if ( nr_nodes == MAX_NUMNODES )
    {
        printk(XENLOG_WARNING "SRAT: too many proximity domains (PXM %u; "
               "at most %u nodes)\n", pxm, MAX_NUMNODES);
        srat_bad = true;
        return -1;
    }
    node_to_pxm[nr_nodes] = pxm;
    return nr_nodes++;
}

static void srat_cpu(uint32_t pxm, uint32_t apic_id, uint32_t flags)
{
    int node;

    if ( !(flags & ACPI_SRAT_ENABLED) )
        return;
    node = pxm_to_node(pxm);
    if ( node >= 0 )
        printk("SRAT: PXM %u -> APIC %#x -> Node %d\n", pxm, apic_id, node);
}

static void srat_memory(const struct acpi_srat_mem_affinity *ma,
                        unsigned int srat_rev)
{
    uint32_t pxm = ma->proximity_domain;
    paddr_t start = ma->base_address, end = start + ma->length;
    int node;

    if ( !(ma->flags & ACPI_SRAT_ENABLED) || !ma->length )
        return;
    if ( srat_rev < 2 )
        pxm &= 0xff;
    if ( end < start || nr_memblks == NR_NODE_MEMBLKS )
    {
        printk(XENLOG_WARNING "SRAT: %s memory range [%016lx, +%lx)\n",
               end < start ? "bad" : "too many ranges at",
               (unsigned long)start, (unsigned long)ma->length);
        srat_bad = true;
        return;
    }
    node = pxm_to_node(pxm);
    if ( node < 0 )
        return;
    memblks[nr_memblks++] = (struct node_memblk){ start, end, node };
    printk("SRAT: Node %d PXM %u [%016lx, %016lx]%s\n", node, pxm,
           (unsigned long)start, (unsigned long)end - 1,
           ma->flags & ACPI_SRAT_MEM_HOTPLUGGABLE ? " (hotplug)" : "");
}

/* Apply one SRAT entry of at least sizeof(*e) bytes (and e->length). */
static void srat_entry(const struct acpi_srat_entry *e, unsigned int rev)
{
    const struct acpi_srat_cpu_affinity *c = (const void *)e;
    const struct acpi_srat_x2apic_affinity *x = (const void *)e;
    uint32_t pxm;

    switch ( e->type )
    {
    case ACPI_SRAT_CPU_AFFINITY:
        if ( e->length < sizeof(*c) )
            break;
        pxm = c->proximity_domain_lo;
        if ( rev >= 2 )
            pxm |= c->proximity_domain_hi[0] << 8 |
                   c->proximity_domain_hi[1] << 16 |
                   (uint32_t)c->proximity_domain_hi[2] << 24;
        srat_cpu(pxm, c->apic_id, c->flags);
        break;

    case ACPI_SRAT_MEMORY_AFFINITY:
        if ( e->length >= sizeof(struct acpi_srat_mem_affinity) )
            srat_memory((const void *)e, rev);
        break;

    case ACPI_SRAT_X2APIC_AFFINITY:
        if ( e->length >= sizeof(*x) )
            srat_cpu(x->proximity_domain, x->apic_id, x->flags);
        break;
    }
}

/* Do ranges of two different nodes overlap? */
static bool memblks_overlap(void)
{
    unsigned int i, j;

    for ( i = 0; i < nr_memblks; i++ )
        for ( j = i + 1; j < nr_memblks; j++ )
            if ( memblks[i].node != memblks[j].node &&
                 memblks[i].start < memblks[j].end &&
                 memblks[j].start < memblks[i].end )
            {
                printk(XENLOG_WARNING "SRAT: PXMs %u and %u overlap\n",
                       node_to_pxm[memblks[i].node],
                       node_to_pxm[memblks[j].node]);
                return true;
            }
    return false;
}

/*
 * Read every entry of the SRAT into memblks[] and the PXM table.
 * Returns true when the result is usable: no bad entry, at least one
 * memory range, no overlap between nodes.
 */
static bool srat_parse(const struct acpi_table_srat *srat)
{
    const uint8_t *p = (const uint8_t *)(srat + 1);
    const uint8_t *end = (const uint8_t *)srat + srat->header.length;

    while ( p + sizeof(struct acpi_srat_entry) <= end )
    {
        const struct acpi_srat_entry *e = (const void *)p;

        if ( e->length < sizeof(*e) || p + e->length > end )
        {
            printk(XENLOG_WARNING "SRAT: bad entry length %u\n", e->length);
            return false;
        }
        srat_entry(e, srat->header.revision);
        p += e->length;
    }
    if ( !nr_memblks && !srat_bad )
        printk(XENLOG_WARNING "SRAT: no memory ranges\n");
    return nr_memblks && !srat_bad && !memblks_overlap();
}

/*
 * The node of physical address pa (node 0 outside every range); *end
 * becomes the end of the run of addresses from pa on that node.
 */
static unsigned int node_of(paddr_t pa, paddr_t *end)
{
    unsigned int i;

    *end = ~(paddr_t)0;
    for ( i = 0; i < nr_memblks; i++ )
    {
        if ( memblks[i].start <= pa && pa < memblks[i].end )
        {
            *end = memblks[i].end;
            return memblks[i].node;
        }
        if ( memblks[i].start > pa )
            *end = min(*end, memblks[i].start);
    }
    return 0;
}

/* Print each node's usable RAM, from the e820 map. */
static void numa_print_nodes(void)
{
    uint64_t ram[MAX_NUMNODES] = { 0 };
    unsigned int i, n = max(nr_nodes, 1U);

    for ( i = 0; i < e820.nr_map; i++ )
    {
        paddr_t pa = e820.map[i].addr, e = pa + e820.map[i].size, run;

        if ( e820.map[i].type != E820_RAM )
            continue;
        for ( ; pa < e; pa = run )
        {
            unsigned int node = node_of(pa, &run);

            run = min(run, e);
            ram[node] += run - pa;
        }
    }
    for ( i = 0; i < n; i++ )
        printk("NUMA: Node %u: %luMB (%lukB) of RAM\n", i,
               (unsigned long)(ram[i] >> 20), (unsigned long)(ram[i] >> 10));
}

/* Give every frame below max_page in an SRAT range that range's node. */
static void numa_set_frames(void)
{
    unsigned int i;
    unsigned long mfn;

    for ( i = 0; i < nr_memblks; i++ )
    {
        unsigned long s = ROUNDUP(memblks[i].start, PAGE_SIZE) >> PAGE_SHIFT;
        unsigned long e = min_t(unsigned long,
                                memblks[i].end >> PAGE_SHIFT, max_page);

        for ( mfn = s; mfn < e; mfn++ )
            frame_table[mfn].nid = memblks[i].node;
    }
}

/* Find and parse the SRAT.  Returns true when its nodes can be used. */
static bool srat_init(void)
{
    paddr_t rsdp_pa = rsdp_find();
    const struct acpi_rsdp *rsdp = maddr_to_virt(rsdp_pa);
    const struct acpi_table_srat *srat;

    if ( !rsdp_pa )
    {
        printk("ACPI: no RSDP found\n");
        return false;
    }
    printk("ACPI: RSDP %08lx, %04x (r%u %.6s)\n", (unsigned long)rsdp_pa,
           rsdp->revision >= 2 ? rsdp->length : ACPI_RSDP_V1_SIZE,
           rsdp->revision, rsdp->oem_id);
    srat = srat_find(rsdp);
    if ( !srat )
        return false;
    if ( srat_parse(srat) )
        return true;
    printk(XENLOG_WARNING "SRAT: SRAT not used.\n");   /* Xen's words */
    return false;
}

void acpi_numa_init(void)
{
    BUILD_BUG_ON(sizeof(struct acpi_rsdp) != 36);
    BUILD_BUG_ON(sizeof(struct acpi_table_header) != 36);
    BUILD_BUG_ON(sizeof(struct acpi_table_srat) != 48);
    BUILD_BUG_ON(sizeof(struct acpi_srat_cpu_affinity) != 16);
    BUILD_BUG_ON(sizeof(struct acpi_srat_mem_affinity) != 40);
    BUILD_BUG_ON(sizeof(struct acpi_srat_x2apic_affinity) != 24);
    BUILD_BUG_ON(MAX_NUMNODES > 256);   /* page_info.nid is a uint8_t */

    if ( !opt_numa )
        printk("NUMA turned off\n");
    if ( !opt_numa || !srat_init() )
    {
        if ( opt_numa )
            printk("No NUMA configuration found\n");
        nr_nodes = nr_memblks = 0;
        printk("Faking a node at %016lx-%016lx\n", 0UL,
               max_page << PAGE_SHIFT);
        numa_print_nodes();
        return;
    }
    numa_set_frames();
    numa_print_nodes();
}
