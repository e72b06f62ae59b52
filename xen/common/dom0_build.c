/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building dom0, the privileged toolstack domain, at boot: dom0_mem=
 * frames mapped contiguously from gfn 0 (large extents where possible).
 * The arch then loads dom0's image (x86) or attaches the toolstack
 * threads to it (hosted).
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/param.h>
#include <xen/sched.h>

static uint64_t opt_dom0_mem = 64UL << 20;
size_param("dom0_mem", opt_dom0_mem);

/* Map nr frames at gfn 0.. with the largest extents that fit. */
static int dom0_populate(struct domain *d, unsigned long nr)
{
    unsigned long gfn = 0;

    while ( gfn < nr )
    {
        unsigned int order = PAGETABLE_ORDER;
        struct page_info *pg = NULL;

        while ( order && ((gfn & ((1UL << order) - 1)) ||
                          gfn + (1UL << order) > nr) )
            order--;
        for ( ; ; order-- )
        {
            pg = alloc_domheap_pages(d, order, 0);
            if ( pg || !order )
                break;
        }
        if ( !pg )
            return -ENOMEM;
        if ( p2m_add(d, _gfn(gfn), page_to_mfn(pg), order) )
        {
            free_domheap_pages(pg, order);
            return -ENOMEM;
        }
        gfn += 1UL << order;
    }
    return 0;
}

struct domain *dom0_create(unsigned long nr_pages)
{
    struct domain *d;
    int err;

    if ( !nr_pages )
        nr_pages = opt_dom0_mem >> PAGE_SHIFT;
    d = domain_create(0, 0, MAX_VIRT_CPUS, true, &err);
    if ( !d )
        panic("dom0: cannot create domain (%d)\n", err);
    domain_set_max_pages(d, nr_pages);
    err = dom0_populate(d, nr_pages);
    if ( err )
        panic("dom0: cannot allocate %lu pages (%d)\n", nr_pages, err);
    d->is_paused = false;
    d->controller_pause_count = 0;
    hardware_domain = d;
    printk(XENLOG_INFO "dom0: %lu pages (%lu MiB)\n", nr_pages,
           nr_pages >> (20 - PAGE_SHIFT));
    return d;
}
