/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU order-0 page caches (page_cache.c): the structure and the two
 * fast paths, inline so that the heap's order-0 alloc and free pay no
 * call for them.  Only page_alloc.c, heap_audit.c and page_cache.c
 * include this.
 *
 * Lock order: heap_lock -> page_cache.lock.  The fast paths take only
 * their own cache's lock; refill, spill and drain take heap_lock first.
 */
#ifndef XEN_COMMON_PAGE_CACHE_H
#define XEN_COMMON_PAGE_CACHE_H

#include <xen/compiler.h>
#include <xen/config.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>

#include "heap-private.h"

#include <asm/smp.h>

#define PAGE_CACHE_MAX          64      /* capacity of one cache */

/*
 * One CPU's stack of free order-0 frames of one node.  Every frame in it
 * is PGC_state_free | PGC_pcpu, owner NULL, and has been taken out of the
 * heap's free counts as unclaimed memory (page_cache.c explains why).
 */
struct page_cache {
    spinlock_t lock;
    unsigned int nr;                            /* Protected by lock. */
    struct page_info *pages[PAGE_CACHE_MAX];    /* Protected by lock. */
} __aligned(64);

extern struct page_cache page_caches[NR_CPUS][MAX_NUMNODES];
extern unsigned int page_cache_high;    /* frames kept per cache, <= MAX */

/*
 * Pop one frame of 'node' from this CPU's cache and mark it in use;
 * *old_flags gets its count_info from before, so the caller can tell
 * whether it needs scrubbing.  Returns NULL if the cache is empty.
 * Takes the cache lock; makes no call, so it inlines into a leaf.
 */
static always_inline struct page_info *page_cache_pop(unsigned int node,
                                                      unsigned long *old_flags)
{
    struct page_cache *c = &page_caches[smp_processor_id()][node];
    struct page_info *pg = NULL;

    spin_lock(&c->lock);
    if ( likely(c->nr) )
    {
        pg = c->pages[--c->nr];
        /* In use before the lock drops: an audit never sees it lost. */
        *old_flags = pg->count_info;
        pg->count_info = PGC_state_inuse;
    }
    spin_unlock(&c->lock);
    return pg;
}

/*
 * Push a freed in-use order-0 frame (owner already NULL) onto this CPU's
 * cache for its node, marked free and dirty.  Returns false, doing
 * nothing, if the cache is full (or caching is off).  Takes the cache
 * lock; makes no call.
 */
static always_inline bool page_cache_push(struct page_info *pg)
{
    struct page_cache *c = &page_caches[smp_processor_id()][pg->nid];
    bool done = false;

    spin_lock(&c->lock);
    if ( likely(c->nr < page_cache_high) )
    {
        pg->count_info = PGC_state_free | PGC_need_scrub | PGC_pcpu;
        c->pages[c->nr++] = pg;
        done = true;
    }
    spin_unlock(&c->lock);
    return done;
}

/*
 * The slow halves, out of line: page_cache_refill() refills this CPU's
 * cache for 'node' from unclaimed heap memory and pops a frame as
 * page_cache_pop() does (NULL if there was none to take);
 * page_cache_put() pushes pg as page_cache_push() does, spilling the
 * oldest half of a full cache to the heap first (false only if caching
 * is off).  Both may take heap_lock then the cache lock; the caller
 * holds neither.
 */
struct page_info *page_cache_refill(unsigned int node,
                                    unsigned long *old_flags);
bool page_cache_put(struct page_info *pg);

/* memflags a per-CPU cache cannot serve: a node, a width, metadata. */
#define MEMF_not_cached         ((MEMF_node_mask << _MEMF_node) | \
                                 (~0U << _MEMF_bits) | MEMF_meta)

/*
 * May an order-0 request be served from a per-CPU cache?  Not with a
 * node or address-width constraint (a cache holds any zone of one node),
 * and not when it is charged to a claim or a metadata reservation: those
 * are consumed under heap_lock, in the critical section that takes the
 * frames.  d->outstanding_pages is read without heap_lock: a claim staked
 * concurrently orders after this allocation, as if it had come first.
 */
static always_inline bool page_cache_eligible(const struct domain *d,
                                              unsigned int memflags)
{
    return !(memflags & MEMF_not_cached) &&
           !(d && !(memflags & (MEMF_no_refcount | MEMF_no_owner)) &&
             READ_ONCE(d->outstanding_pages));
}

/*
 * Out of line (page_cache.c): zero a frame just popped and return it;
 * and the allocation's slow half, when this CPU's cache for 'node' was
 * empty: refill it, or take heap_alloc_locked() if nothing could be
 * refilled (it drains every cache before giving up).  The latter
 * returns a frame or NULL.
 */
struct page_info *page_cache_scrub_frame(struct page_info *pg);
struct page_info *page_cache_alloc_slow(struct domain *d, unsigned int node,
                                        unsigned int memflags);

/* Finish a cache allocation: node rotation and scrubbing. */
static always_inline struct page_info *page_cache_got(struct domain *d,
                                                      struct page_info *pg,
                                                      unsigned int node,
                                                      unsigned long old,
                                                      unsigned int memflags)
{
    if ( d )
        WRITE_ONCE(d->last_alloc_node, node);
    if ( unlikely(old & PGC_need_scrub) && !(memflags & MEMF_no_scrub) )
        return page_cache_scrub_frame(pg);
    return pg;
}

/*
 * An order-0 frame for a request page_cache_eligible() accepted, from
 * this CPU's cache: in use, and scrubbed unless MEMF_no_scrub.  A
 * domain's frames rotate over the nodes as on the locked path (an
 * anonymous request starts at node 0, as there).  The common case makes
 * no call, so it inlines into leaf functions.  Returns the frame, or
 * NULL if no unclaimed memory is left.
 */
static always_inline struct page_info *page_cache_alloc(struct domain *d,
                                                        unsigned int memflags)
{
    unsigned int node = 0;
    unsigned long old;
    struct page_info *pg;

    if ( d && (node = READ_ONCE(d->last_alloc_node) + 1) >=
              nr_nodes_with_ram )
        node = 0;
    pg = page_cache_pop(node, &old);
    if ( unlikely(!pg) )
        return page_cache_alloc_slow(d, node, memflags);
    return page_cache_got(d, pg, node, old, memflags);
}

/* Clamp the page-cache= option; at heap set-up, before any free. */
void page_cache_init(void);

/*
 * Give every cached frame back to the heap.  Caller holds heap_lock, so
 * no cache can refill meanwhile; a cache found empty without taking its
 * lock can only gain frames by frees, which are not ordered with us
 * anyway.  Returns the number of frames given back.
 */
unsigned long page_cache_drain_all(void);

/* Dirty cached frames (each cache under its lock); for the figures. */
unsigned long page_cache_dirty(void);

/* Scrub dirty cached frames in place.  heap_lock held; returns count. */
unsigned long page_cache_scrub(void);

/* Cached frames of node nid: an unlocked sum, for the figures. */
unsigned long node_cached_pages(unsigned int nid);

/*
 * For the audit: with heap_lock held, take (then drop) every cache lock,
 * in a fixed order, so that no fast path runs while the heap is checked.
 */
void page_cache_lock_all(void);
void page_cache_unlock_all(void);

/*
 * With every cache locked: check each cached frame (free, PGC_pcpu, the
 * node of its cache, no owner) and count them and the dirty ones.
 * Returns 0, or -EIO (logged).
 */
int page_cache_audit(unsigned long *cached, unsigned long *dirty);

#endif /* XEN_COMMON_PAGE_CACHE_H */
