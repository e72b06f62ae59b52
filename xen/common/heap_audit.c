/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Consistency checks of the heap and of the claims, for the hosted tests
 * and the boot self test: every free list against the counters and the
 * frame states, and the domains' claims against the global counts.  Both
 * walk everything (O(frames), O(domains)) under heap_lock, so they are
 * for tests, never for a hot path.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/tmem.h>

#include "heap-private.h"

/* Check one free list; adds its frames to *free and *dirty. */
static int audit_list(unsigned int n, unsigned int z, unsigned int o,
                      unsigned long *free, unsigned long *dirty)
{
    struct page_info *pg;
    unsigned long i;

    list_for_each_entry(pg, heap_list(n, z, o), list)
    {
        if ( pg->order != o || pg->nid != n || page_zone(pg) != z ||
             (mfn_x(page_to_mfn(pg)) & ((1UL << o) - 1)) )
        {
            printk(XENLOG_ERR "heap audit: bad block mfn %#lx order %u\n",
                   mfn_x(page_to_mfn(pg)), o);
            return -EIO;
        }
        for ( i = 0; i < (1UL << o); i++ )
        {
            if ( page_state(&pg[i]) != PGC_state_free )
            {
                printk(XENLOG_ERR "heap audit: mfn %#lx not free\n",
                       mfn_x(page_to_mfn(&pg[i])));
                return -EIO;
            }
            if ( pg[i].count_info & PGC_need_scrub )
            {
                if ( pg->first_dirty == INVALID_DIRTY_IDX ||
                     i < pg->first_dirty )
                {
                    printk(XENLOG_ERR "heap audit: first_dirty wrong\n");
                    return -EIO;
                }
                (*dirty)++;
            }
        }
        *free += 1UL << o;
    }
    return 0;
}

/* Check node n's quicklist; adds its frames to *free and *dirty. */
static int audit_quick(unsigned int n, unsigned long *free,
                       unsigned long *dirty)
{
    struct page_info *pg;
    unsigned int count = 0;

    list_for_each_entry(pg, &quick_lists[n], list)
    {
        if ( page_state(pg) != PGC_state_free ||
             !(pg->count_info & PGC_quick) || pg->nid != n )
        {
            printk(XENLOG_ERR "heap audit: bad quicklist frame %#lx\n",
                   mfn_x(page_to_mfn(pg)));
            return -EIO;
        }
        if ( pg->count_info & PGC_need_scrub )
            (*dirty)++;
        count++;
    }
    *free += count;
    if ( count != quick_count[n] )
    {
        printk(XENLOG_ERR "heap audit: node %u quicklist %u != %u\n", n,
               count, quick_count[n]);
        return -EIO;
    }
    return 0;
}

/*
 * Walk every free list and every frame and compare with the counters:
 * list contents, per-node totals, scrub count, and
 * free + in use == managed.  O(frames); for tests.
 */
int heap_audit(void)
{
    unsigned long free = 0, dirty = 0, inuse = 0, node_free, mfn;
    unsigned int n, z, o;
    int rc = 0;

    spin_lock(&heap_lock);
    for ( n = 0; n < MAX_NUMNODES && !rc; n++ )
    {
        node_free = free;
        for ( z = 0; z < NR_ZONES && !rc; z++ )
            for ( o = 0; o <= MAX_ORDER && !rc; o++ )
                rc = audit_list(n, z, o, &free, &dirty);
        if ( !rc )
            rc = audit_quick(n, &free, &dirty);
        if ( !rc && free - node_free != node_avail_pages[n] )
        {
            printk(XENLOG_ERR "heap audit: node %u free %lu != %lu\n",
                   n, free - node_free, node_avail_pages[n]);
            rc = -EIO;
        }
    }
    for ( mfn = 0; mfn < max_page && !rc; mfn++ )
        if ( page_state(mfn_to_page(_mfn(mfn))) == PGC_state_inuse )
            inuse++;
    if ( !rc && (free != total_avail_pages || dirty != need_scrub_pages ||
                 free + inuse != total_pages_managed ||
                 outstanding_claims + meta_reserved_total >
                 free + tmem_freeable_pages()) )
    {
        printk(XENLOG_ERR "heap audit: free %lu/%lu dirty %lu/%lu inuse %lu "
               "managed %lu claims %lu meta %lu\n", free, total_avail_pages,
               dirty, need_scrub_pages, inuse, total_pages_managed,
               outstanding_claims, meta_reserved_total);
        rc = -EIO;
    }
    spin_unlock(&heap_lock);
    return rc;
}

struct claims_sum {
    unsigned long claims, meta;
};

static void claims_add(struct domain *d, void *arg)
{
    struct claims_sum *s = arg;

    s->claims += d->outstanding_pages;
    s->meta += d->meta_reserved;
}

int claims_audit(void)
{
    struct claims_sum s = { 0, 0 };
    int rc = 0;

    spin_lock(&domlist_lock);
    spin_lock(&heap_lock);
    for_each_domain(claims_add, &s);
    if ( s.claims != outstanding_claims || s.meta != meta_reserved_total ||
         s.claims + s.meta > total_avail_pages + tmem_freeable_pages() )
    {
        printk(XENLOG_ERR "claims audit: domains %lu/%lu, global %lu/%lu, "
               "free %lu\n", s.claims, s.meta, outstanding_claims,
               meta_reserved_total, total_avail_pages);
        rc = -EIO;
    }
    spin_unlock(&heap_lock);
    spin_unlock(&domlist_lock);
    return rc;
}
