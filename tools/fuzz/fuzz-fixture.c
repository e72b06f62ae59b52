/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of the fuzz harness (see fuzz-fixture.h).  It
 * reads the p2m, the domain list and tmem's client list directly, as
 * the other test fixtures do; nothing here is reachable by a guest.
 *
 * dom0 cannot be destroyed between inputs, so its state is put back by
 * hand: the snapshot is the mfn of every boot gfn, the reset walks the
 * p2m tree (xen/common/p2m.c's entry format: mfn << PAGE_SHIFT | 1) for
 * gfns above it and dom0's page list for frames it owns unmapped.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/tmem.h>
#include <xen/xmalloc.h>

#include "../../xen/common/tmem-private.h"
#include "fuzz-fixture.h"

#define P2M_ENTRIES     (1UL << P2M_LEVEL_BITS)
#define MAX_FRAMES      (1UL << 20)     /* 4 GiB of arena: plenty */
#define MAX_EXTRA       4096            /* frames freed per pass */

static unsigned long dom0_nr, dom0_max;

/* Frames dom0 keeps mapped (bit per mfn), rebuilt by each reset. */
static uint64_t mapped[MAX_FRAMES / 64];

struct id_list {
    unsigned int *ids, max, nr;
};

static void add_id(struct domain *d, void *arg)
{
    struct id_list *l = arg;

    if ( d->domain_id == 0 )
        return;
    if ( l->nr < l->max )
        l->ids[l->nr] = d->domain_id;
    l->nr++;
}

unsigned int fzf_domains(unsigned int *ids, unsigned int max)
{
    struct id_list l = { ids, max, 0 };

    for_each_domain_locked(add_id, &l);
    return l.nr;
}

unsigned long fzf_dom0_snapshot(void)
{
    dom0_nr = hardware_domain->tot_pages;
    dom0_max = hardware_domain->max_pages;
    return dom0_nr;
}

static uint64_t *entry_table(uint64_t e)
{
    return mfn_to_virt(_mfn(e >> PAGE_SHIFT));
}

/*
 * Collect up to max gfns >= dom0_nr that dom0's p2m maps into gfns[].
 * Returns how many were collected.
 */
static unsigned long high_gfns(struct domain *d, unsigned long *gfns,
                               unsigned long max)
{
    uint64_t *root = d->p2m.root, *mid, *leaf;
    unsigned long i, j, k, n = 0, gfn;

    spin_lock(&d->p2m.lock);
    for ( i = 0; root && i < P2M_ENTRIES && n < max; i++ )
    {
        if ( !(root[i] & 1) )
            continue;
        mid = entry_table(root[i]);
        for ( j = 0; j < P2M_ENTRIES && n < max; j++ )
        {
            if ( !(mid[j] & 1) )
                continue;
            leaf = entry_table(mid[j]);
            for ( k = 0; k < P2M_ENTRIES && n < max; k++ )
            {
                gfn = (i << (2 * P2M_LEVEL_BITS)) | (j << P2M_LEVEL_BITS) |
                      k;
                if ( (leaf[k] & 1) && gfn >= dom0_nr )
                    gfns[n++] = gfn;
            }
        }
    }
    spin_unlock(&d->p2m.lock);
    return n;
}

/*
 * Free dom0's frames that are mapped above the snapshot or not at all
 * (increase_reservation gives frames without mapping them).  Returns
 * how many were freed; call until it returns 0.
 */
static unsigned long free_extra(struct domain *d)
{
    static unsigned long gfns[MAX_EXTRA];
    static struct page_info *pages[MAX_EXTRA];
    unsigned long n = high_gfns(d, gfns, MAX_EXTRA), i, gfn, nr = 0;
    struct page_info *pg;
    mfn_t mfn;

    for ( i = 0; i < n; i++ )
    {
        mfn = p2m_remove(d, _gfn(gfns[i]));
        if ( !mfn_eq(mfn, INVALID_MFN) )
            free_domheap_page(mfn_to_page(mfn));
    }
    memset(mapped, 0, sizeof(mapped));
    for ( gfn = 0; gfn < dom0_nr; gfn++ )
    {
        mfn = p2m_lookup(d, _gfn(gfn));
        if ( !mfn_eq(mfn, INVALID_MFN) && mfn_x(mfn) < MAX_FRAMES )
            mapped[mfn_x(mfn) / 64] |= 1ULL << (mfn_x(mfn) % 64);
    }
    spin_lock(&d->page_alloc_lock);
    list_for_each_entry(pg, &d->page_list, list)
    {
        unsigned long m = mfn_x(page_to_mfn(pg));

        /* PGC_extra frames (vCPU state) are not guest memory. */
        if ( nr < MAX_EXTRA && !(pg->count_info & PGC_extra) &&
             !(mapped[m / 64] & (1ULL << (m % 64))) )
            pages[nr++] = pg;
    }
    spin_unlock(&d->page_alloc_lock);
    for ( i = 0; i < nr; i++ )
        free_domheap_page(pages[i]);
    return n + nr;
}

int fzf_dom0_reset(void)
{
    struct domain *d = hardware_domain;
    unsigned long gfn;
    int rc = 0;

    domain_cancel_claim(d);
    while ( free_extra(d) )
        continue;
    domain_set_max_pages(d, dom0_max);
    for ( gfn = 0; gfn < dom0_nr && !rc; gfn++ )
    {
        struct page_info *pg;

        if ( !mfn_eq(p2m_lookup(d, _gfn(gfn)), INVALID_MFN) )
            continue;
        pg = alloc_domheap_pages(d, 0, 0);
        if ( !pg )
            rc = -1;
        else if ( p2m_add(d, _gfn(gfn), page_to_mfn(pg), 0) )
        {
            free_domheap_page(pg);
            rc = -1;
        }
        else
            memset(page_to_virt(pg), 0, PAGE_SIZE);
    }
    tmem_destroy(d);
    d->is_shut_down = false;            /* SCHEDOP_shutdown from dom0 */
    if ( d->tot_pages != dom0_nr )
    {
        printk(XENLOG_ERR "fuzz: dom0 has %lu pages, expected %lu\n",
               d->tot_pages, dom0_nr);
        rc = -1;
    }
    return rc;
}

int fzf_tmem_audit(void)
{
    struct tmem_global_stats g;
    struct tmem_client *c;
    unsigned long eph = 0, pers = 0, clients = 0, lru;
    struct page_info *pg;
    int rc = 0;

    spin_lock(&tmem_lru_lock);
    g = tmem_gstats;
    list_for_each_entry(c, &tmem_clients, lru_link)
    {
        lru = 0;
        list_for_each_entry(pg, &c->eph_lru, list)
            lru++;
        if ( lru != c->eph_pages )
        {
            printk(XENLOG_ERR "fuzz: tmem client d%u LRU %lu, eph %lu\n",
                   c->domid, lru, c->eph_pages);
            rc = -1;
        }
        eph += c->eph_pages;
        pers += c->pers_pages;
        clients++;
    }
    spin_unlock(&tmem_lru_lock);
    /* Only whole ephemeral frames are freeable (compressed, TZE and
     * deduplicated pages are not: docs/misc/tmem.md). */
    if ( eph != g.eph_pages || pers != g.pers_pages || clients != g.clients ||
         tmem_freeable_pages() != g.eph_frames || g.eph_frames > eph ||
         g.data_errors )
    {
        printk(XENLOG_ERR "fuzz: tmem clients %lu/%lu/%lu, global "
               "%lu/%lu/%lu, frames %lu, freeable %lu, decode errors "
               "%lu\n", eph, pers, clients, g.eph_pages, g.pers_pages,
               g.clients, g.eph_frames, tmem_freeable_pages(),
               g.data_errors);
        rc = -1;
    }
    return rc;
}

void fzf_tmem_counts(unsigned long *eph, unsigned long *pers,
                     unsigned long *clients)
{
    struct tmem_global_stats g;

    tmem_get_global_stats(&g);
    *eph = g.eph_pages;
    *pers = g.pers_pages;
    *clients = g.clients;
}

int fzf_xmalloc_audit(void)
{
    return xmalloc_audit() ? -1 : 0;
}

unsigned long fzf_inuse_pages(void)
{
    return total_heap_pages() - total_free_pages();
}

unsigned long fzf_dom0_p2m_nodes(void)
{
    return READ_ONCE(hardware_domain->p2m.nr_nodes);
}
