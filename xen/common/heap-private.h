/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The heap's state, owned by page_alloc.c and read by heap_audit.c (the
 * figures, idle scrub and consistency checks), and the calls the per-CPU
 * page caches (page_cache.c) make into it.  Every object here is
 * protected by heap_lock.
 */
#ifndef XEN_COMMON_HEAP_PRIVATE_H
#define XEN_COMMON_HEAP_PRIVATE_H

#include <xen/config.h>
#include <xen/list.h>
#include <xen/mm.h>
#include <xen/spinlock.h>

/* Internal flag: a metadata frame charged to d's reservation. */
#define MEMF_meta               (1U << 9)

extern spinlock_t heap_lock;
extern struct list_head heap_lists[MAX_NUMNODES][NR_ZONES][MAX_ORDER + 1];
extern struct list_head quick_lists[MAX_NUMNODES];
extern unsigned int quick_count[MAX_NUMNODES];
extern unsigned long node_avail_pages[MAX_NUMNODES];
extern unsigned long node_total_pages[MAX_NUMNODES];
extern unsigned long total_avail_pages, total_pages_managed;
extern unsigned long outstanding_claims, meta_reserved_total;
extern unsigned long need_scrub_pages;
extern unsigned int nr_nodes_with_ram;

/*
 * The heap allocator proper, under heap_lock (page_alloc.c): take
 * 2^order frames in zones lo..hi, honour claims and charge d's stake,
 * draining the per-CPU caches (and then tmem) if memory is short; mark
 * the frames in use and scrub those that need it (after dropping the
 * lock: the frames are ours by then).  Takes heap_lock; may take every
 * cache lock.  Returns the first frame or NULL.
 */
struct page_info *heap_alloc_locked(unsigned int zone_lo,
                                    unsigned int zone_hi, unsigned int order,
                                    unsigned int memflags, struct domain *d);

/*
 * Take up to 'max' free order-0 frames of 'node' into out[], as unclaimed
 * memory: only while free memory minus every claim and reservation
 * covers them.  They leave the free counts and are marked PGC_pcpu.
 * Caller holds heap_lock.  Returns how many were taken.
 */
unsigned int heap_take_frames(unsigned int node, struct page_info **out,
                              unsigned int max);

/* Give a cached (PGC_pcpu) frame back to the heap.  heap_lock held. */
void heap_put_frame(struct page_info *pg);

static inline struct list_head *heap_list(unsigned int node,
                                          unsigned int zone,
                                          unsigned int order)
{
    return &heap_lists[node][zone][order];
}

/* Zone of a frame: the bit width of its MFN (MFN 0 joins zone 1). */
static inline unsigned int mfn_zone(mfn_t mfn)
{
    unsigned long m = mfn_x(mfn);

    return m ? 64 - (unsigned int)__builtin_clzl(m) : 1;
}

static inline unsigned int page_zone(const struct page_info *pg)
{
    return mfn_zone(page_to_mfn(pg));
}

#endif /* XEN_COMMON_HEAP_PRIVATE_H */
