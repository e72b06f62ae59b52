/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU order-0 page caches: a small stack of free frames per CPU and
 * node in front of heap_lock, so that the common order-0 alloc/free pair
 * takes one uncontended per-CPU lock instead of the global one.
 *
 * Claims stay exact because cached frames are *unclaimed memory reserved
 * by a CPU*.  A frame enters a cache in one of two ways:
 *   - refill: under heap_lock, a batch leaves the heap's free counts
 *     (total_avail_pages) only while free memory minus every claim and
 *     metadata reservation covers it (heap_take_frames);
 *   - free: a frame that was in use becomes cached; that never lowers
 *     total_avail_pages, so claims stay covered.
 * So outstanding_claims + meta_reserved_total <= total_avail_pages (+ tmem
 * ephemeral pages) always holds with cached frames left out, and an
 * allocation served from a cache needs no claim check: it cannot eat
 * anybody's claim.  Claimants' own allocations (which consume the claim
 * under heap_lock, Xen 4.22's rule) go to the locked path instead.
 *
 * Nothing fails because of the caches: a claim or an allocation that
 * comes up short drains every cache back to the heap under heap_lock and
 * retries in the same critical section (page_cache_drain_all), and the
 * reported free memory (total_free_pages, physinfo, numainfo) counts
 * cached frames as free.
 *
 * Frames freed to a cache are dirty (PGC_need_scrub, poisoned in debug
 * builds); the allocator scrubs them when it hands them out.
 *
 * Lock order: heap_lock -> page_cache.lock (see page_cache.h).
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/spinlock.h>

#include "heap-private.h"
#include "page_cache.h"

static unsigned int opt_page_cache = PAGE_CACHE_MAX;
integer_param("page-cache", opt_page_cache);

struct page_cache page_caches[NR_CPUS][MAX_NUMNODES];
unsigned int page_cache_high;           /* 0 until the heap is set up */

void page_cache_init(void)
{
    page_cache_high = min(opt_page_cache, (unsigned int)PAGE_CACHE_MAX);
}

/* Frames a refill brings in, and a spill leaves behind. */
static unsigned int page_cache_batch(void)
{
    return max(page_cache_high / 2, 1U);
}

/* Pop the top frame of a non-empty cache and mark it in use. */
static struct page_info *cache_pop(struct page_cache *c,
                                   unsigned long *old_flags)
{
    struct page_info *pg = c->pages[--c->nr];

    *old_flags = pg->count_info;
    pg->count_info = PGC_state_inuse;
    return pg;
}

struct page_info *page_cache_refill(unsigned int node,
                                    unsigned long *old_flags)
{
    struct page_cache *c = &page_caches[smp_processor_id()][node];
    struct page_info *pg = NULL;

    if ( !page_cache_high )
        return NULL;
    spin_lock(&heap_lock);
    spin_lock(&c->lock);
    /* Another thread sharing this CPU index may have filled it. */
    if ( !c->nr )
        c->nr = heap_take_frames(node, c->pages, page_cache_batch());
    if ( c->nr )
        pg = cache_pop(c, old_flags);
    spin_unlock(&c->lock);
    spin_unlock(&heap_lock);
    return pg;
}

bool page_cache_put(struct page_info *pg)
{
    struct page_cache *c = &page_caches[smp_processor_id()][pg->nid];
    unsigned int i, keep, out;

    if ( !page_cache_high )
        return false;
    if ( page_cache_push(pg) )
        return true;
    spin_lock(&heap_lock);
    spin_lock(&c->lock);
    /* The oldest frames (bottom of the stack) go back; hot ones stay. */
    keep = min(c->nr, page_cache_batch() - 1);
    out = c->nr - keep;
    for ( i = 0; i < out; i++ )
        heap_put_frame(c->pages[i]);
    for ( i = 0; i < keep; i++ )
        c->pages[i] = c->pages[out + i];
    pg->count_info = PGC_state_free | PGC_need_scrub | PGC_pcpu;
    c->pages[keep] = pg;
    c->nr = keep + 1;
    spin_unlock(&c->lock);
    spin_unlock(&heap_lock);
    return true;
}

struct page_info *page_cache_scrub_frame(struct page_info *pg)
{
    memset(page_to_virt(pg), 0, PAGE_SIZE);
    return pg;
}

struct page_info *page_cache_alloc_slow(struct domain *d, unsigned int node,
                                        unsigned int memflags)
{
    unsigned long old;
    struct page_info *pg = page_cache_refill(node, &old);

    if ( !pg )
        return heap_alloc_locked(1, NR_ZONES - 1, 0, memflags, d);
    return page_cache_got(d, pg, node, old, memflags);
}

/*
 * Give every cached frame back to the heap.  Caller holds heap_lock, so
 * no cache can refill meanwhile; a cache found empty without its lock
 * can only gain frames by frees, which are not ours to order.  Returns
 * the number of frames given back.
 */
unsigned long page_cache_drain_all(void)
{
    unsigned int cpu, node;
    unsigned long n = 0;

    ASSERT(spin_is_locked(&heap_lock));
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        for ( node = 0; node < MAX_NUMNODES; node++ )
        {
            struct page_cache *c = &page_caches[cpu][node];

            if ( !READ_ONCE(c->nr) )
                continue;
            spin_lock(&c->lock);
            n += c->nr;
            while ( c->nr )
                heap_put_frame(c->pages[--c->nr]);
            spin_unlock(&c->lock);
        }
    return n;
}

unsigned long heap_drain_page_caches(void)
{
    unsigned long n;

    spin_lock(&heap_lock);
    n = page_cache_drain_all();
    spin_unlock(&heap_lock);
    return n;
}

/* Cached frames of one node (all nodes: MAX_NUMNODES).  Unlocked. */
static unsigned long cached_on(unsigned int nid)
{
    unsigned int cpu, node;
    unsigned long n = 0;

    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        for ( node = 0; node < MAX_NUMNODES; node++ )
            if ( nid == MAX_NUMNODES || nid == node )
                n += READ_ONCE(page_caches[cpu][node].nr);
    return n;
}

unsigned long total_cached_pages(void)
{
    return cached_on(MAX_NUMNODES);
}

/* Cached frames of node nid; an unlocked sum, for the figures. */
unsigned long node_cached_pages(unsigned int nid)
{
    return nid < MAX_NUMNODES ? cached_on(nid) : 0;
}

/*
 * Apply fn to every frame of every non-empty cache and sum its results;
 * with 'lock', each cache is walked under its lock (callers may hold
 * heap_lock), otherwise the caller holds them all (page_cache_lock_all).
 */
static unsigned long for_each_cached(unsigned long (*fn)(struct page_info *,
                                                         unsigned int),
                                     bool lock)
{
    unsigned int cpu, node, i;
    unsigned long n = 0;

    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        for ( node = 0; node < MAX_NUMNODES; node++ )
        {
            struct page_cache *c = &page_caches[cpu][node];

            if ( lock && !READ_ONCE(c->nr) )
                continue;
            if ( lock )
                spin_lock(&c->lock);
            for ( i = 0; i < c->nr; i++ )
                n += fn(c->pages[i], node);
            if ( lock )
                spin_unlock(&c->lock);
        }
    return n;
}

static unsigned long frame_one(struct page_info *pg, unsigned int node)
{
    (void)pg;
    (void)node;
    return 1;
}

static unsigned long frame_dirty(struct page_info *pg, unsigned int node)
{
    (void)node;
    return !!(pg->count_info & PGC_need_scrub);
}

static unsigned long frame_scrub(struct page_info *pg, unsigned int node)
{
    (void)node;
    if ( !(pg->count_info & PGC_need_scrub) )
        return 0;
    memset(page_to_virt(pg), 0, PAGE_SIZE);
    pg->count_info &= ~PGC_need_scrub;
    return 1;
}

static unsigned long frame_bad(struct page_info *pg, unsigned int node)
{
    unsigned long f = pg->count_info;

    if ( (f & PGC_state_mask) == PGC_state_free && (f & PGC_pcpu) &&
         !(f & PGC_quick) && pg->nid == node && !pg->owner )
        return 0;
    printk(XENLOG_ERR "heap audit: bad cached frame %#lx (%#lx)\n",
           mfn_x(page_to_mfn(pg)), f);
    return 1;
}

unsigned long page_cache_dirty(void)
{
    return for_each_cached(frame_dirty, true);
}

unsigned long page_cache_scrub(void)
{
    ASSERT(spin_is_locked(&heap_lock));
    return for_each_cached(frame_scrub, true);
}

void page_cache_lock_all(void)
{
    unsigned int cpu, node;

    ASSERT(spin_is_locked(&heap_lock));
    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        for ( node = 0; node < MAX_NUMNODES; node++ )
            spin_lock(&page_caches[cpu][node].lock);
}

void page_cache_unlock_all(void)
{
    unsigned int cpu, node;

    for ( cpu = 0; cpu < NR_CPUS; cpu++ )
        for ( node = 0; node < MAX_NUMNODES; node++ )
            spin_unlock(&page_caches[cpu][node].lock);
}

int page_cache_audit(unsigned long *cached, unsigned long *dirty)
{
    ASSERT(spin_is_locked(&heap_lock));
    if ( for_each_cached(frame_bad, false) )
        return -EIO;
    *cached = for_each_cached(frame_one, false);
    *dirty = for_each_cached(frame_dirty, false);
    return 0;
}
