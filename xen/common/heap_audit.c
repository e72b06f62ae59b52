/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The read side of the heap (page_alloc.c owns its state): the figures
 * (free, cached, scrub counts), the idle scrub, and the consistency
 * checks of the heap and of the claims for the hosted tests and the boot
 * self test: every free list and per-CPU cache against the counters and
 * the frame states, and the domains' claims against the global counts.
 * The checks walk everything (O(frames), O(domains)) under heap_lock
 * (the heap audit under every cache lock too, so that it sees one
 * instant even while other CPUs allocate): for tests, never a hot path.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/tmem.h>

#include "heap-private.h"
#include "page_cache.h"

/* --- Figures and the idle scrub ----------------------------------- */

unsigned long total_free_pages(void)
{
    return READ_ONCE(total_avail_pages) + total_cached_pages();
}

unsigned long node_free_pages(unsigned int nid)
{
    return nid < MAX_NUMNODES ? READ_ONCE(node_avail_pages[nid]) +
                                node_cached_pages(nid)
                              : 0;
}

unsigned long total_heap_pages(void)
{
    return READ_ONCE(total_pages_managed);
}

unsigned long node_heap_pages(unsigned int nid)
{
    return nid < MAX_NUMNODES ? READ_ONCE(node_total_pages[nid]) : 0;
}

unsigned long total_meta_reserved(void)
{
    return READ_ONCE(meta_reserved_total);
}

unsigned long free_pages_need_scrub(void)
{
    return READ_ONCE(need_scrub_pages) + page_cache_dirty();
}

unsigned int heap_nr_nodes(void)
{
    return READ_ONCE(nr_nodes_with_ram);
}

/* Zero the frames of one free block that need it; returns how many. */
static unsigned long scrub_block(struct page_info *pg)
{
    unsigned long i, done = 0, n = 1UL << pg->order;

    if ( pg->first_dirty == INVALID_DIRTY_IDX )
        return 0;
    for ( i = pg->first_dirty; i < n; i++ )
    {
        if ( !(pg[i].count_info & PGC_need_scrub) )
            continue;
        memset(page_to_virt(&pg[i]), 0, PAGE_SIZE);
        pg[i].count_info &= ~PGC_need_scrub;
        done++;
    }
    pg->first_dirty = INVALID_DIRTY_IDX;
    return done;
}

unsigned long scrub_free_pages(void)
{
    unsigned int n, z, o;
    unsigned long done = 0;
    struct page_info *pg;

    spin_lock(&heap_lock);
    for ( n = 0; n < MAX_NUMNODES; n++ )
        for ( z = 0; z < NR_ZONES; z++ )
            for ( o = 0; o <= MAX_ORDER; o++ )
                list_for_each_entry(pg, heap_list(n, z, o), list)
                    done += scrub_block(pg);
    for ( n = 0; n < MAX_NUMNODES; n++ )
        list_for_each_entry(pg, &quick_lists[n], list)
            if ( pg->count_info & PGC_need_scrub )
            {
                memset(page_to_virt(pg), 0, PAGE_SIZE);
                pg->count_info &= ~PGC_need_scrub;
                done++;
            }
    need_scrub_pages -= done;
    done += page_cache_scrub();     /* not in need_scrub_pages */
    spin_unlock(&heap_lock);
    return done;
}

/* --- Consistency checks -------------------------------------------- */

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
 * Count the frames in use and the free frames marked PGC_pcpu, and check
 * that the latter are exactly the 'cached' frames the caches hold.
 */
static int audit_frames(unsigned long cached, unsigned long *inuse)
{
    unsigned long mfn, pcpu = 0;

    for ( mfn = 0; mfn < max_page; mfn++ )
    {
        const struct page_info *pg = mfn_to_page(_mfn(mfn));

        if ( page_state(pg) == PGC_state_inuse )
            (*inuse)++;
        else if ( pg->count_info & PGC_pcpu )
            pcpu++;
    }
    if ( pcpu == cached )
        return 0;
    printk(XENLOG_ERR "heap audit: %lu frames marked cached, %lu in caches\n",
           pcpu, cached);
    return -EIO;
}

/*
 * Walk every free list, every per-CPU cache and every frame and compare
 * with the counters: list contents, per-node totals, scrub count, claims
 * covered by the heap's free frames alone (cached ones are unclaimed),
 * and free + cached + in use == managed.  O(frames); for tests.
 */
int heap_audit(void)
{
    unsigned long free = 0, dirty = 0, inuse = 0, node_free;
    unsigned long cached = 0, cached_dirty = 0;
    unsigned int n, z, o;
    int rc = 0;

    spin_lock(&heap_lock);
    page_cache_lock_all();
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
    if ( !rc )
        rc = page_cache_audit(&cached, &cached_dirty);
    if ( !rc )
        rc = audit_frames(cached, &inuse);
    if ( !rc && (free != total_avail_pages || dirty != need_scrub_pages ||
                 free + cached + inuse != total_pages_managed ||
                 outstanding_claims + meta_reserved_total >
                 free + tmem_freeable_pages()) )
    {
        printk(XENLOG_ERR "heap audit: free %lu/%lu dirty %lu/%lu cached %lu "
               "inuse %lu managed %lu claims %lu meta %lu\n", free,
               total_avail_pages, dirty, need_scrub_pages, cached, inuse,
               total_pages_managed, outstanding_claims, meta_reserved_total);
        rc = -EIO;
    }
    page_cache_unlock_all();
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
