/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The buddy heap and memory claims.
 *
 * Free frames sit on lists heap_lists[node][zone][order], one list per
 * buddy size (2^0 .. 2^MAX_ORDER frames) in each zone of each node.  A
 * zone is the bit width of a frame's MFN, so an address-width limit
 * (MEMF_bits) is a cap on the zones searched.  Freeing merges a block
 * with its buddy (the block at mfn ^ 2^order) while that buddy is free,
 * of the same order, node and zone.
 *
 * Claims.  A domain's claim reserves a quantity, not particular frames:
 * outstanding_claims is the sum of every d->outstanding_pages, and an
 * allocation may take frames only while
 *     request <= total_avail_pages - outstanding_claims - meta_reserved
 *                + (what the requester itself has claimed)
 * so nobody eats memory another domain has staked.  A domain's claim is
 * consumed here, in the same critical section that takes the frames
 * (Xen 4.22's rule); freeing never raises a claim again.  With a claim,
 * a domain also reserves the metadata frames (p2m nodes) its build will
 * need, so that a build whose claim succeeded cannot fail late.
 *
 * Scrubbing.  Every frame freed is marked PGC_need_scrub (and poisoned in
 * debug builds); it is zeroed when next allocated, or earlier by
 * scrub_free_pages().  So a free frame without the flag holds zeros.
 *
 * Quicklists: up to QUICK_MAX freed order-0 frames per node stay off the
 * buddy lists (PGC_quick, never merged), counted as free; a failed buddy
 * allocation drains them and retries.  Per-CPU caches (page_cache.c) sit
 * in front for order-0 requests with no node, width or claim: unclaimed
 * frames outside total_avail_pages, drained whenever a claim or an
 * allocation comes up short.  heap_audit.c has the figures, the idle
 * scrub and the consistency checks.
 *
 * Lock order: d->page_alloc_lock -> heap_lock -> page_cache.lock.
 * heap_lock protects the free lists, every counter below, and
 * d->outstanding_pages and d->meta_reserved of every domain.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/tmem.h>

#include "heap-private.h"
#include "page_cache.h"

#define PAGE_POISON             0xc2

#ifndef NDEBUG
static bool opt_debug_poison = true;
#else
static bool opt_debug_poison;
#endif
boolean_param("debug-poison", opt_debug_poison);

static bool opt_scrub_domheap = true;
boolean_param("scrub-domheap", opt_scrub_domheap);

struct page_info *frame_table;
unsigned long max_page;

DEFINE_SPINLOCK(heap_lock);

/* Everything below is protected by heap_lock (see heap-private.h). */
struct list_head heap_lists[MAX_NUMNODES][NR_ZONES][MAX_ORDER + 1];
static unsigned long avail[MAX_NUMNODES][NR_ZONES];
static uint64_t zones_avail[MAX_NUMNODES];      /* bit z: avail[n][z] != 0 */
unsigned int nr_nodes_with_ram = 1;             /* set at boot */
unsigned long node_avail_pages[MAX_NUMNODES];
unsigned long node_total_pages[MAX_NUMNODES];
unsigned long total_avail_pages;
unsigned long total_pages_managed;
unsigned long outstanding_claims;
unsigned long meta_reserved_total;
unsigned long need_scrub_pages;
static bool heap_lists_ready;
struct list_head quick_lists[MAX_NUMNODES];     /* PGC_quick frames */
unsigned int quick_count[MAX_NUMNODES];
static unsigned long quick_total;

#define QUICK_MAX               256     /* frames per node */

/* Adjust avail[node][zone] by delta pages, keeping zones_avail in step. */
static void avail_add(unsigned int node, unsigned int zone, long delta)
{
    ASSERT(spin_is_locked(&heap_lock));
    avail[node][zone] += delta;
    if ( avail[node][zone] )
        zones_avail[node] |= 1ULL << zone;
    else
        zones_avail[node] &= ~(1ULL << zone);
}

static void scrub_one_page(struct page_info *pg)
{
    memset(page_to_virt(pg), 0, PAGE_SIZE);
}

static void poison_pages(struct page_info *pg, unsigned long nr)
{
    unsigned long i;

    for ( i = 0; i < nr; i++ )
        memset(page_to_virt(pg + i), PAGE_POISON, PAGE_SIZE);
}

/* --- Buddy core ---------------------------------------------------- */

/*
 * Put a free block on its list.  Clean blocks go to the head so that
 * allocations prefer frames that need no scrubbing.
 */
static void buddy_insert(struct page_info *pg, unsigned int order)
{
    struct list_head *l = heap_list(pg->nid, page_zone(pg), order);

    ASSERT(spin_is_locked(&heap_lock));
    pg->order = order;
    if ( pg->first_dirty == INVALID_DIRTY_IDX )
        list_add(&pg->list, l);
    else
        list_add_tail(&pg->list, l);
}

/* Is the block at 'buddy' a free block of exactly 'order' we may merge? */
static bool buddy_mergeable(const struct page_info *pg,
                            const struct page_info *buddy,
                            unsigned int order)
{
    mfn_t bm = page_to_mfn(buddy);

    return mfn_valid(bm) && page_state(buddy) == PGC_state_free &&
           !(buddy->count_info & (PGC_quick | PGC_pcpu)) &&
           buddy->order == order && buddy->nid == pg->nid &&
           mfn_zone(bm) == page_zone(pg);
}

/*
 * Return 2^order frames at pg to the free lists, merging with free
 * buddies.  The frames must already be marked free.  Caller holds
 * heap_lock and has updated the counters.
 */
static void buddy_free(struct page_info *pg, unsigned int order)
{
    ASSERT(spin_is_locked(&heap_lock));

    while ( order < MAX_ORDER )
    {
        unsigned long mask = 1UL << order;
        struct page_info *b;

        if ( mfn_x(page_to_mfn(pg)) & mask )
        {
            b = pg - mask;                  /* predecessor */
            if ( !buddy_mergeable(pg, b, order) )
                break;
            list_del(&b->list);
            if ( b->first_dirty == INVALID_DIRTY_IDX &&
                 pg->first_dirty != INVALID_DIRTY_IDX )
                b->first_dirty = pg->first_dirty + mask;
            pg = b;
        }
        else
        {
            b = pg + mask;                  /* successor */
            if ( mfn_x(page_to_mfn(b)) >= max_page ||
                 !buddy_mergeable(pg, b, order) )
                break;
            list_del(&b->list);
            if ( pg->first_dirty == INVALID_DIRTY_IDX &&
                 b->first_dirty != INVALID_DIRTY_IDX )
                pg->first_dirty = b->first_dirty + mask;
        }
        order++;
    }
    buddy_insert(pg, order);
}

/*
 * Split the free block pg (order 'have', off its list) down to 'want',
 * returning the upper halves to the lists.  first_dirty of each half is
 * a conservative hint: no frame before it needs scrubbing.
 */
static void buddy_split(struct page_info *pg, unsigned int have,
                        unsigned int want)
{
    while ( have > want )
    {
        unsigned long half = 1UL << --have;
        struct page_info *hi = pg + half;
        uint32_t fd = pg->first_dirty;

        if ( fd == INVALID_DIRTY_IDX )
            hi->first_dirty = INVALID_DIRTY_IDX;
        else if ( fd >= half )
            hi->first_dirty = fd - half;
        else
            hi->first_dirty = 0;
        if ( fd != INVALID_DIRTY_IDX && fd >= half )
            pg->first_dirty = INVALID_DIRTY_IDX;
        buddy_insert(hi, have);
    }
}

/* Take a block of at least 'order' from one node, zones hi..lo. */
static struct page_info *buddy_take_node(unsigned int node,
                                         unsigned int zone_lo,
                                         unsigned int zone_hi,
                                         unsigned int order)
{
    /* Only zones with free frames, highest first. */
    uint64_t zones = zones_avail[node] &
                     (zone_hi >= 63 ? ~0ULL : (2ULL << zone_hi) - 1) &
                     ~((1ULL << zone_lo) - 1);
    unsigned int zone, j;

    BUILD_BUG_ON(NR_ZONES > 64);
    for ( ; zones; zones &= ~(1ULL << zone) )
    {
        zone = 63 - (unsigned int)__builtin_clzll(zones);
        for ( j = order; j <= MAX_ORDER; j++ )
        {
            struct list_head *l = heap_list(node, zone, j);
            struct page_info *pg;

            if ( list_empty(l) )
                continue;
            pg = list_first_entry(l, struct page_info, list);
            list_del(&pg->list);
            buddy_split(pg, j, order);
            return pg;
        }
    }
    return NULL;
}

/*
 * Choose the node search order and take a block.  A requested node is
 * tried first (and only, with MEMF_exact_node); otherwise a domain's
 * allocations rotate over the nodes, as Xen interleaves them.
 */
static struct page_info *buddy_take(struct domain *d, unsigned int zone_lo,
                                    unsigned int zone_hi, unsigned int order,
                                    unsigned int memflags)
{
    unsigned int req = MEMF_get_node(memflags);
    unsigned int nr = heap_nr_nodes(), start, i;
    struct page_info *pg;

    if ( req != NUMA_NO_NODE && req >= nr )
    {
        if ( memflags & MEMF_exact_node )
            return NULL;
        req = NUMA_NO_NODE;             /* a hint we cannot follow */
    }
    if ( req != NUMA_NO_NODE )
        start = req;
    else
        start = d ? (d->last_alloc_node + 1) % nr : 0;

    for ( i = 0; i < nr; i++ )
    {
        unsigned int node = (start + i) % nr;

        if ( node_avail_pages[node] >= (1UL << order) &&
             (pg = buddy_take_node(node, zone_lo, zone_hi, order)) != NULL )
        {
            if ( d )
                d->last_alloc_node = node;
            return pg;
        }
        if ( req != NUMA_NO_NODE && (memflags & MEMF_exact_node) )
            break;
    }
    return NULL;
}

/* Take an order-0 frame off node's quicklist, or NULL.  heap_lock held. */
static struct page_info *quick_take(unsigned int node)
{
    struct page_info *pg;

    ASSERT(spin_is_locked(&heap_lock));
    if ( !quick_count[node] )
        return NULL;
    pg = list_first_entry(&quick_lists[node], struct page_info, list);
    list_del(&pg->list);
    pg->count_info &= ~PGC_quick;
    pg->first_dirty = (pg->count_info & PGC_need_scrub) ? 0
                                                        : INVALID_DIRTY_IDX;
    quick_count[node]--;
    quick_total--;
    return pg;
}

/* Keep a freed order-0 frame unmerged if there is room.  heap_lock held. */
static bool quick_put(struct page_info *pg)
{
    unsigned int node = pg->nid;

    ASSERT(spin_is_locked(&heap_lock));
    if ( quick_count[node] >= QUICK_MAX )
        return false;
    pg->count_info |= PGC_quick;
    list_add(&pg->list, &quick_lists[node]);
    quick_count[node]++;
    quick_total++;
    return true;
}

/* Give every quicklist frame back to the buddy lists.  heap_lock held. */
static bool quick_drain(void)
{
    unsigned int node;
    struct page_info *pg;

    ASSERT(spin_is_locked(&heap_lock));
    if ( !quick_total )
        return false;
    for ( node = 0; node < MAX_NUMNODES; node++ )
        while ( (pg = quick_take(node)) != NULL )
            buddy_free(pg, 0);
    return true;
}

/* Count n frames of pg's node and zone in (n > 0) or out of the heap. */
static void heap_count(const struct page_info *pg, long n)
{
    avail_add(pg->nid, page_zone(pg), n);
    node_avail_pages[pg->nid] += n;
    total_avail_pages += n;
}

/*
 * For a cache refill: a quicklist frame of node if there is one, else
 * the largest free block of at most 'max' (>= 1) frames, taken whole
 * rather than frame by frame.  *nr gets its size.  heap_lock held.
 */
static struct page_info *take_for_cache(unsigned int node, unsigned int max,
                                        unsigned int *nr)
{
    unsigned int order = 31 - (unsigned int)__builtin_clz(max);
    struct page_info *pg = quick_take(node);

    if ( pg )
    {
        *nr = 1;
        return pg;
    }
    while ( !(pg = buddy_take_node(node, 1, NR_ZONES - 1, order)) && order )
        order--;
    *nr = 1U << order;
    return pg;
}

unsigned int heap_take_frames(unsigned int node, struct page_info **out,
                              unsigned int max)
{
    unsigned long claimed = outstanding_claims + meta_reserved_total;
    unsigned int n = 0, i, k;
    struct page_info *pg;

    ASSERT(spin_is_locked(&heap_lock));
    if ( total_avail_pages <= claimed )
        return 0;
    max = min((unsigned long)max, total_avail_pages - claimed);
    while ( n < max && node_avail_pages[node] &&
            (pg = take_for_cache(node, max - n, &k)) != NULL )
    {
        heap_count(pg, -(long)k);
        /* Stacked top down, so that pops go up in MFN order. */
        for ( i = 0; i < k; i++ )
        {
            if ( pg[i].count_info & PGC_need_scrub )
                need_scrub_pages--;
            pg[i].count_info |= PGC_pcpu;
            out[n + k - 1 - i] = &pg[i];
        }
        n += k;
    }
    return n;
}

void heap_put_frame(struct page_info *pg)
{
    ASSERT(spin_is_locked(&heap_lock));
    ASSERT(page_state(pg) == PGC_state_free && (pg->count_info & PGC_pcpu));
    pg->count_info &= ~PGC_pcpu;
    if ( pg->count_info & PGC_need_scrub )
    {
        need_scrub_pages++;
        pg->first_dirty = 0;
    }
    else
        pg->first_dirty = INVALID_DIRTY_IDX;
    heap_count(pg, 1);
    if ( !quick_put(pg) )
        buddy_free(pg, 0);
}

/* --- Claims -------------------------------------------------------- */

/*
 * What the requester itself has staked for this request: its metadata
 * reservation for a metadata frame, its claim for an ordinary allocation
 * to it, nothing otherwise.  Caller holds heap_lock.
 */
static unsigned long claim_own(const struct domain *d, unsigned int memflags)
{
    ASSERT(spin_is_locked(&heap_lock));
    if ( d && (memflags & MEMF_meta) )
        return d->meta_reserved;
    if ( d && !(memflags & (MEMF_no_refcount | MEMF_no_owner)) )
        return d->outstanding_pages;
    return 0;
}

/*
 * May this request proceed?  It may use free memory nobody has claimed,
 * plus whatever the requester itself has staked.  Claims may exceed free
 * memory by what tmem holds in ephemeral pages (they count as available,
 * as in Xen 4.3-4.12), so compare without subtracting.
 */
static bool claim_allows(const struct domain *d, unsigned long request,
                         unsigned int memflags)
{
    return request + outstanding_claims + meta_reserved_total <=
           total_avail_pages + claim_own(d, memflags);
}

/*
 * Frames an allocation of 'request' is short of: what must come back
 * from tmem before claim_allows() can pass.  Caller holds heap_lock.
 */
static unsigned long claim_shortfall(const struct domain *d,
                                     unsigned long request,
                                     unsigned int memflags)
{
    unsigned long need = request + outstanding_claims + meta_reserved_total;
    unsigned long have = total_avail_pages + claim_own(d, memflags);

    return need > have ? need - have : request;
}

/* Charge an allocation that has succeeded to the requester's stake. */
static void claim_consume(struct domain *d, unsigned long request,
                          unsigned int memflags)
{
    unsigned long c;

    ASSERT(spin_is_locked(&heap_lock));
    if ( !d )
        return;
    if ( memflags & MEMF_meta )
    {
        c = min(d->meta_reserved, request);
        d->meta_reserved -= c;
        meta_reserved_total -= c;
    }
    else if ( !(memflags & (MEMF_no_refcount | MEMF_no_owner)) )
    {
        c = min(d->outstanding_pages, request);
        d->outstanding_pages -= c;
        outstanding_claims -= c;
    }
}

/* Drop d's claim and metadata reservation.  Caller holds heap_lock. */
static void claim_release(struct domain *d)
{
    ASSERT(spin_is_locked(&heap_lock));
    outstanding_claims -= d->outstanding_pages;
    d->outstanding_pages = 0;
    meta_reserved_total -= d->meta_reserved;
    d->meta_reserved = 0;
}

/*
 * Does a claim of 'claim' pages plus 'meta' metadata frames fit in free
 * memory (plus tmem's ephemeral pages, given back on demand) less
 * everybody else's stakes?  A leftover reservation of d's from an
 * earlier, fully used claim is reused.  Caller holds heap_lock.
 */
static bool claim_fits(const struct domain *d, unsigned long claim,
                       unsigned long meta)
{
    unsigned long avail_now = total_avail_pages + tmem_freeable_pages();
    unsigned long others = outstanding_claims + meta_reserved_total -
                           d->meta_reserved;

    ASSERT(spin_is_locked(&heap_lock));
    return avail_now >= others && claim <= avail_now - others &&
           meta <= avail_now - others - claim;
}

int domain_set_outstanding_pages(struct domain *d, unsigned long pages)
{
    unsigned long claim, meta;
    int rc = -EINVAL;

    /* Cancelling touches only claim state: heap_lock is enough. */
    if ( pages == 0 )
    {
        domain_cancel_claim(d);
        return 0;
    }

    spin_lock(&d->page_alloc_lock);
    spin_lock(&heap_lock);

    if ( d->outstanding_pages || domain_is_dying(d) )
        goto out;
    if ( pages <= d->tot_pages || pages > d->max_pages )
        goto out;

    claim = pages - d->tot_pages;
    meta = domain_meta_pages_for(claim);
    /* Cached frames are free too: drain, still under heap_lock, and retry. */
    rc = -ENOMEM;
    if ( !claim_fits(d, claim, meta) &&
         (!page_cache_drain_all() || !claim_fits(d, claim, meta)) )
        goto out;

    meta_reserved_total += meta - d->meta_reserved;
    d->meta_reserved = meta;
    d->outstanding_pages = claim;
    outstanding_claims += claim;
    rc = 0;

 out:
    spin_unlock(&heap_lock);
    spin_unlock(&d->page_alloc_lock);
    return rc;
}

void domain_cancel_claim(struct domain *d)
{
    spin_lock(&heap_lock);
    claim_release(d);
    spin_unlock(&heap_lock);
}

/* Do the heap's free frames and tmem's ephemeral pages cover claims? */
static bool claims_fit(void)
{
    return outstanding_claims + meta_reserved_total <=
           total_avail_pages + tmem_freeable_pages();
}

bool claims_covered(void)
{
    bool ok;

    /* Cached frames are free too: bring them back before saying no. */
    spin_lock(&heap_lock);
    ok = claims_fit() || (page_cache_drain_all() && claims_fit());
    spin_unlock(&heap_lock);
    return ok;
}

unsigned long domain_outstanding_pages(const struct domain *d)
{
    unsigned long n;

    spin_lock(&heap_lock);
    n = d->outstanding_pages;
    spin_unlock(&heap_lock);
    return n;
}

void get_outstanding_claims(uint64_t *free_pages, uint64_t *outstanding)
{
    spin_lock(&heap_lock);
    *free_pages = total_avail_pages + total_cached_pages();
    *outstanding = outstanding_claims;
    spin_unlock(&heap_lock);
}

/* --- Allocation and freeing ---------------------------------------- */

/*
 * The order-0 fast path: a frame from the quicklist of the node this
 * request would start on, if it has no node or address-width constraint.
 * Caller holds heap_lock and has checked claims.
 */
static struct page_info *quick_alloc(struct domain *d, unsigned int zone_hi,
                                     unsigned int order,
                                     unsigned int memflags)
{
    unsigned int node = d ? (d->last_alloc_node + 1) % nr_nodes_with_ram
                          : 0;
    struct page_info *pg;

    if ( order || zone_hi != NR_ZONES - 1 ||
         MEMF_get_node(memflags) != NUMA_NO_NODE )
        return NULL;
    pg = quick_take(node);
    if ( pg && d )
        d->last_alloc_node = node;
    return pg;
}

/*
 * Take a block under heap_lock if claims allow: the quicklist, the buddy
 * lists, then the buddy lists again after draining the quicklists.
 * Returns NULL if claims or free memory refuse the request.
 */
static struct page_info *heap_take(struct domain *d, unsigned int zone_lo,
                                   unsigned int zone_hi, unsigned int order,
                                   unsigned int memflags)
{
    struct page_info *pg;

    ASSERT(spin_is_locked(&heap_lock));
    if ( !claim_allows(d, 1UL << order, memflags) )
        return NULL;
    if ( (pg = quick_alloc(d, zone_hi, order, memflags)) != NULL ||
         (pg = buddy_take(d, zone_lo, zone_hi, order, memflags)) != NULL )
        return pg;
    return quick_drain() ? buddy_take(d, zone_lo, zone_hi, order, memflags)
                         : NULL;
}

struct page_info *heap_alloc_locked(unsigned int zone_lo,
                                    unsigned int zone_hi, unsigned int order,
                                    unsigned int memflags, struct domain *d)
{
    unsigned long i, n = 1UL << order, dirty = 0;
    struct page_info *pg;
    uint32_t fd;

    if ( order > MAX_ORDER || zone_lo > zone_hi )
        return NULL;

    /*
     * Short of memory: bring back the per-CPU caches' frames (in the same
     * critical section), then ask tmem to give back ephemeral pages and
     * try again -- unless tmem itself is allocating, which evicts its own.
     */
    for ( ;; )
    {
        unsigned long short_by;

        spin_lock(&heap_lock);
        if ( (pg = heap_take(d, zone_lo, zone_hi, order, memflags)) ||
             (page_cache_drain_all() &&
              (pg = heap_take(d, zone_lo, zone_hi, order, memflags))) )
            break;
        short_by = claim_shortfall(d, n, memflags);
        spin_unlock(&heap_lock);
        if ( (memflags & MEMF_tmem) || !tmem_relinquish_pages(short_by) )
            return NULL;
    }

    avail_add(pg->nid, page_zone(pg), -(long)n);
    node_avail_pages[pg->nid] -= n;
    total_avail_pages -= n;
    claim_consume(d, n, memflags);

    fd = pg->first_dirty;
    for ( i = 0; i < n; i++ )
    {
        BUG_ON(page_state(&pg[i]) != PGC_state_free);
        if ( pg[i].count_info & PGC_need_scrub )
            dirty++;
        /* Keep need_scrub so we can act on it after unlocking. */
        pg[i].count_info = PGC_state_inuse |
                           (pg[i].count_info & PGC_need_scrub);
        pg[i].owner = NULL;
    }
    need_scrub_pages -= dirty;
    spin_unlock(&heap_lock);

    if ( fd != INVALID_DIRTY_IDX && dirty )
    {
        for ( i = fd; i < n; i++ )
        {
            if ( !(pg[i].count_info & PGC_need_scrub) )
                continue;
            pg[i].count_info &= ~PGC_need_scrub;
            if ( !(memflags & MEMF_no_scrub) )
                scrub_one_page(&pg[i]);
        }
    }
    pg->first_dirty = INVALID_DIRTY_IDX;
    return pg;
}

/*
 * Allocate 2^order frames: an order-0 request the per-CPU cache can
 * serve comes from there (no heap_lock), anything else, or anything the
 * cache cannot refill for, from heap_alloc_locked().  Inline, so that
 * the fast path costs its callers no call.  Returns the first frame or
 * NULL.
 */
static always_inline struct page_info *alloc_heap_pages(unsigned int zone_lo,
                                                        unsigned int zone_hi,
                                                        unsigned int order,
                                                        unsigned int memflags,
                                                        struct domain *d)
{
    if ( !order && page_cache_eligible(d, memflags) )
        return page_cache_alloc(d, memflags);
    return heap_alloc_locked(zone_lo, zone_hi, order, memflags, d);
}

/*
 * Return 2^order in-use frames to the buddy lists under heap_lock.  The
 * caller has poisoned them.
 */
static void free_heap_locked(struct page_info *pg, unsigned int order)
{
    unsigned long i, n = 1UL << order;
    unsigned int node = pg->nid, zone = page_zone(pg);

    spin_lock(&heap_lock);
    for ( i = 0; i < n; i++ )
    {
        BUG_ON(page_state(&pg[i]) != PGC_state_inuse);
        pg[i].count_info = PGC_state_free | PGC_need_scrub;
        pg[i].owner = NULL;
    }
    pg->first_dirty = 0;
    need_scrub_pages += n;
    avail_add(node, zone, n);
    node_avail_pages[node] += n;
    total_avail_pages += n;
    if ( order || !quick_put(pg) )
        buddy_free(pg, order);
    spin_unlock(&heap_lock);
}

/*
 * Return 2^order in-use frames to the heap: an order-0 frame to this
 * CPU's cache, others (or all, with the cache off) under heap_lock.
 * Every freed frame is marked as needing a scrub (and poisoned in debug
 * builds), so the next owner never sees the old contents.  The owner
 * field must already be NULL.
 */
static always_inline void free_heap_pages(struct page_info *pg,
                                          unsigned int order)
{
    if ( unlikely(opt_debug_poison) )
        poison_pages(pg, 1UL << order);
    /* A frame not in use is a double free: the locked path BUG()s. */
    if ( !order && likely(page_state(pg) == PGC_state_inuse) &&
         page_cache_put(pg) )
        return;
    free_heap_locked(pg, order);
}

/* Highest zone an address-width limit allows (0: none allowed). */
static unsigned int zone_hi_for(unsigned int memflags)
{
    unsigned int bits = memflags >> _MEMF_bits;

    if ( !bits || bits >= PADDR_BITS )
        return NR_ZONES - 1;
    return bits > PAGE_SHIFT ? bits - PAGE_SHIFT : 0;
}

/*
 * Give frames to d (under d->page_alloc_lock): counted in tot_pages
 * unless MEMF_no_refcount.  Returns 0, or -EINVAL if d is dying or the
 * frames would take it past max_pages.
 */
static int assign_pages(struct domain *d, struct page_info *pg,
                        unsigned int order, unsigned int memflags)
{
    unsigned long i, n = 1UL << order;
    bool extra = memflags & MEMF_no_refcount;
    int rc = -EINVAL;

    spin_lock(&d->page_alloc_lock);
    if ( domain_is_dying(d) )
        goto out;
    if ( !extra && d->tot_pages + n > d->max_pages )
        goto out;

    if ( extra )
        d->extra_pages += n;
    else
        d->tot_pages += n;
    for ( i = 0; i < n; i++ )
    {
        pg[i].owner = d;
        pg[i].count_info |= PGC_allocated | (extra ? PGC_extra : 0);
        list_add_tail(&pg[i].list, &d->page_list);
    }
    rc = 0;
 out:
    spin_unlock(&d->page_alloc_lock);
    return rc;
}

/* alloc_domheap_pages() but for its leaf case. */
static noinline struct page_info *alloc_domheap_slow(struct domain *d,
                                                     unsigned int order,
                                                     unsigned int memflags)
{
    unsigned int zone_hi = zone_hi_for(memflags);
    struct domain *owner = (memflags & MEMF_no_owner) ? NULL : d;
    struct page_info *pg;

    if ( order > MAX_ORDER || zone_hi < 1 )
        return NULL;

    /*
     * Refuse early what assign_pages() would refuse, so that a doomed
     * request does not consume the domain's claim first.
     */
    if ( owner && !(memflags & MEMF_no_refcount) &&
         (domain_is_dying(owner) ||
          READ_ONCE(owner->tot_pages) + (1UL << order) >
          READ_ONCE(owner->max_pages)) )
        return NULL;

    pg = alloc_heap_pages(1, zone_hi, order, memflags, d);
    if ( !pg || !owner )
        return pg;

    if ( assign_pages(owner, pg, order, memflags) )
    {
        free_heap_pages(pg, order);
        return NULL;
    }
    return pg;
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags)
{
    /*
     * The leaf case: an anonymous order-0 frame (tmem data, scratch
     * frames) straight from this CPU's cache, with no call at all.
     */
    if ( !d && !order && page_cache_eligible(NULL, memflags) )
        return page_cache_alloc(NULL, memflags);
    return alloc_domheap_slow(d, order, memflags);
}

/* free_domheap_pages() but for its leaf case. */
static noinline void free_domheap_slow(struct page_info *pg,
                                       unsigned int order)
{
    struct domain *d = pg->owner;
    unsigned long i, n = 1UL << order;

    if ( d )
    {
        spin_lock(&d->page_alloc_lock);
        for ( i = 0; i < n; i++ )
        {
            ASSERT(pg[i].owner == d);
            list_del(&pg[i].list);
            if ( pg[i].count_info & PGC_extra )
                d->extra_pages--;
            else
                d->tot_pages--;
            pg[i].count_info &= ~(PGC_allocated | PGC_extra);
            pg[i].owner = NULL;
        }
        spin_unlock(&d->page_alloc_lock);
    }
    free_heap_pages(pg, order);
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    /*
     * The leaf case: an anonymous order-0 frame in use goes straight onto
     * this CPU's cache if it has room (and nothing is to be poisoned).
     */
    if ( !order && !pg->owner && !opt_debug_poison &&
         likely(page_state(pg) == PGC_state_inuse) && page_cache_push(pg) )
        return;
    free_domheap_slow(pg, order);
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg;
    unsigned long i;

    pg = alloc_heap_pages(1, zone_hi_for(memflags), order,
                          memflags | MEMF_no_owner, NULL);
    if ( !pg )
        return NULL;
    for ( i = 0; i < (1UL << order); i++ )
        pg[i].count_info |= PGC_xen_heap;
    return page_to_virt(pg);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    struct page_info *pg;
    unsigned long i;

    if ( !v )
        return;
    pg = virt_to_page(v);
    for ( i = 0; i < (1UL << order); i++ )
    {
        ASSERT(pg[i].count_info & PGC_xen_heap);
        pg[i].count_info &= ~PGC_xen_heap;
    }
    free_heap_pages(pg, order);
}

struct page_info *alloc_domain_meta_page(struct domain *d)
{
    struct page_info *pg;

    pg = alloc_heap_pages(1, NR_ZONES - 1, 0, MEMF_meta, d);
    if ( pg )
        pg->count_info |= PGC_meta;
    return pg;
}

void free_domain_meta_page(struct page_info *pg)
{
    ASSERT(pg->count_info & PGC_meta);
    pg->count_info &= ~PGC_meta;
    free_heap_pages(pg, 0);
}

/* --- Boot ---------------------------------------------------------- */

static void heap_lists_init(void)
{
    unsigned int n, z, o;

    for ( n = 0; n < MAX_NUMNODES; n++ )
        for ( z = 0; z < NR_ZONES; z++ )
            for ( o = 0; o <= MAX_ORDER; o++ )
                INIT_LIST_HEAD(heap_list(n, z, o));
    for ( n = 0; n < MAX_NUMNODES; n++ )
        INIT_LIST_HEAD(&quick_lists[n]);
    page_cache_init();
    heap_lists_ready = true;
}

/* Largest order a block at mfn may have, within nr frames and one node. */
static unsigned int init_chunk_order(mfn_t mfn, unsigned long nr)
{
    unsigned int order = mfn_x(mfn) ? __builtin_ctzl(mfn_x(mfn)) : MAX_ORDER;

    order = min(order, (unsigned int)MAX_ORDER);
    while ( (1UL << order) > nr )
        order--;
    /* A block lies within one node and one zone. */
    while ( order &&
            (mfn_to_page(mfn)->nid !=
             mfn_to_page(mfn_add(mfn, (1UL << order) - 1))->nid ||
             mfn_zone(mfn) != mfn_zone(mfn_add(mfn, (1UL << order) - 1))) )
        order--;
    return order;
}

void init_heap_pages(mfn_t mfn, unsigned long nr, bool scrub)
{
    if ( !heap_lists_ready )
        heap_lists_init();

    while ( nr )
    {
        unsigned int order = init_chunk_order(mfn, nr);
        unsigned long i, n = 1UL << order;
        struct page_info *pg = mfn_to_page(mfn);

        BUG_ON(pg->nid >= MAX_NUMNODES);
        spin_lock(&heap_lock);
        for ( i = 0; i < n; i++ )
        {
            BUG_ON(page_state(&pg[i]) != PGC_state_unmanaged);
            pg[i].count_info = PGC_state_free |
                               (scrub ? PGC_need_scrub : 0);
        }
        pg->first_dirty = scrub ? 0 : INVALID_DIRTY_IDX;
        if ( scrub )
            need_scrub_pages += n;
        avail_add(pg->nid, page_zone(pg), n);
        node_avail_pages[pg->nid] += n;
        node_total_pages[pg->nid] += n;
        nr_nodes_with_ram = max(nr_nodes_with_ram, pg->nid + 1U);
        total_avail_pages += n;
        total_pages_managed += n;
        buddy_free(pg, order);
        spin_unlock(&heap_lock);

        mfn = mfn_add(mfn, n);
        nr -= n;
    }
}
