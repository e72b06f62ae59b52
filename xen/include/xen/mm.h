/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Machine memory: the frame table, the buddy heap and memory claims
 * (xen/common/page_alloc.c), and the boot-time hand-over of RAM.
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/config.h>
#include <xen/list.h>
#include <xen/types.h>

#include <asm/page.h>

struct domain;

struct tmem_object;

/*
 * One struct page_info per machine frame.  A free frame is on a heap
 * free list (heap_lock); the head frame of a free buddy records its
 * order.  An allocated domain frame is on its owner's page_list
 * (d->page_alloc_lock).  An anonymous frame holding tmem data is
 * described by its page_info (xen/common/tmem.c): list links it on an
 * LRU or persistent list, tmem_obj and tmem_index say which page it is;
 * tmem clears tmem_obj before it frees the frame.
 */
struct page_info {
    struct list_head list;      /* free list, owner's list, tmem list */
    unsigned long count_info;   /* PGC_* flags below */
    union {
        struct domain *owner;   /* NULL for xenheap/anonymous frames */
        struct tmem_object *tmem_obj;   /* tmem frame: its object */
    };
    union {
        uint32_t order;         /* free buddy head: its order */
        uint32_t tmem_index;    /* tmem frame: page index in object */
    };
    union {
        uint32_t first_dirty;   /* free buddy head: first page needing
                                   scrub, or INVALID_DIRTY_IDX */
        uint32_t tmem_flags;    /* tmem frame: TMEM_PF_* */
    };
    uint8_t nid;                /* NUMA node, fixed at boot */
};

#define INVALID_DIRTY_IDX       (~0U)

/* count_info: a 2-bit state and flag bits. */
#define PGC_state_mask          3UL
#define PGC_state_unmanaged     0UL     /* not RAM given to the heap */
#define PGC_state_free          1UL
#define PGC_state_inuse         2UL
#define PGC_allocated           (1UL << 2)  /* owned by a domain */
#define PGC_xen_heap            (1UL << 3)  /* xenheap frame */
#define PGC_need_scrub          (1UL << 4)  /* free, contents not zeroed */
#define PGC_extra               (1UL << 5)  /* owned but not in tot_pages */
#define PGC_meta                (1UL << 6)  /* p2m/metadata frame */
#define PGC_quick               (1UL << 7)  /* free, on an order-0 quicklist */
#define PGC_pcpu                (1UL << 8)  /* free, in a per-CPU page cache */

static inline unsigned long page_state(const struct page_info *pg)
{
    return pg->count_info & PGC_state_mask;
}

extern struct page_info *frame_table;
extern unsigned long max_page;          /* one past the highest MFN */

static inline struct page_info *mfn_to_page(mfn_t mfn)
{
    return frame_table + mfn_x(mfn);
}

static inline mfn_t page_to_mfn(const struct page_info *pg)
{
    return _mfn((unsigned long)(pg - frame_table));
}

/* True if mfn names a frame the heap manages (free or in use). */
static inline bool mfn_valid(mfn_t mfn)
{
    return mfn_x(mfn) < max_page &&
           page_state(mfn_to_page(mfn)) != PGC_state_unmanaged;
}

static inline void *page_to_virt(const struct page_info *pg)
{
    return maddr_to_virt((paddr_t)mfn_x(page_to_mfn(pg)) << PAGE_SHIFT);
}

static inline void *mfn_to_virt(mfn_t mfn)
{
    return maddr_to_virt((paddr_t)mfn_x(mfn) << PAGE_SHIFT);
}

static inline struct page_info *virt_to_page(const void *v)
{
    return mfn_to_page(_mfn(virt_to_maddr(v) >> PAGE_SHIFT));
}

/*
 * Allocation flags (Xen's bit positions).  The node field holds node+1
 * so that 0 means "any node"; the bits field caps the machine address
 * width of the frames returned.
 */
#define _MEMF_no_refcount       0
#define MEMF_no_refcount        (1U << _MEMF_no_refcount)
#define _MEMF_populate_on_demand 1
#define MEMF_populate_on_demand (1U << _MEMF_populate_on_demand)
#define _MEMF_keep_scrub        2
#define MEMF_keep_scrub         (1U << _MEMF_keep_scrub)
#define _MEMF_no_dma            3
#define MEMF_no_dma             (1U << _MEMF_no_dma)
#define _MEMF_exact_node        4
#define MEMF_exact_node         (1U << _MEMF_exact_node)
#define _MEMF_no_owner          5
#define MEMF_no_owner           (1U << _MEMF_no_owner)
#define _MEMF_no_tlbflush       6
#define MEMF_no_tlbflush        (1U << _MEMF_no_tlbflush)
#define _MEMF_no_icache_flush   7
#define MEMF_no_icache_flush    (1U << _MEMF_no_icache_flush)
#define _MEMF_no_scrub          8
#define MEMF_no_scrub           (1U << _MEMF_no_scrub)
#define _MEMF_node              16
#define MEMF_node_mask          0xffU
#define MEMF_node(n)            ((((n) + 1) & MEMF_node_mask) << _MEMF_node)
#define MEMF_get_node(f)        ((((f) >> _MEMF_node) - 1) & MEMF_node_mask)
#define _MEMF_bits              24
#define MEMF_bits(n)            ((n) << _MEMF_bits)
/* Ours: an allocation by tmem itself (never satisfied by evicting tmem). */
#define _MEMF_tmem              10
#define MEMF_tmem               (1U << _MEMF_tmem)

#define NUMA_NO_NODE            0xffU

/* --- Boot ------------------------------------------------------------- */

/*
 * Hand [mfn, mfn + nr) to the heap.  The arch calls this once per usable
 * RAM range after setting up frame_table/max_page and each frame's node.
 * 'scrub' says the frames' contents are unknown and must be zeroed before
 * first use.  Boot time only, single-threaded.
 */
void init_heap_pages(mfn_t mfn, unsigned long nr, bool scrub);

/* --- Domain heap ------------------------------------------------------ */

/*
 * Allocate 2^order contiguous frames.  With d != NULL (and no
 * MEMF_no_owner) the frames are assigned to d and counted in its
 * tot_pages (unless MEMF_no_refcount), which fails past d->max_pages or
 * once d is dying.  Claims: an allocation not charged to a claiming
 * domain only takes free unclaimed memory; one charged to d consumes d's
 * claim.  Frames come back zeroed unless MEMF_no_scrub.  Takes heap_lock
 * and d->page_alloc_lock (never together).  Returns NULL on failure.
 */
struct page_info * __must_check
alloc_domheap_pages(struct domain *d, unsigned int order,
                    unsigned int memflags);
/*
 * Free frames from alloc_domheap_pages().  Owned frames leave their
 * domain's page list and tot_pages; every freed frame is scrubbed before
 * anybody can allocate it again.
 */
void free_domheap_pages(struct page_info *pg, unsigned int order);

static inline struct page_info * __must_check
alloc_domheap_page(struct domain *d, unsigned int memflags)
{
    return alloc_domheap_pages(d, 0, memflags);
}

static inline void free_domheap_page(struct page_info *pg)
{
    free_domheap_pages(pg, 0);
}

/* --- Xen heap: frames for the hypervisor's own use, by virtual address - */

/* Returns the frames' virtual address, or NULL.  Contents are zeroed. */
void * __must_check alloc_xenheap_pages(unsigned int order,
                                        unsigned int memflags);
void free_xenheap_pages(void *v, unsigned int order);

static inline void *alloc_xenheap_page(void)
{
    return alloc_xenheap_pages(0, 0);
}

static inline void free_xenheap_page(void *v)
{
    free_xenheap_pages(v, 0);
}

/*
 * A zeroed metadata frame (p2m node, per-domain structure) for d.  It is
 * taken from the reservation staked with d's claim when there is one, so
 * that metadata cannot make a claimed build fail late; otherwise from
 * free unclaimed memory.  Returns NULL on failure.
 */
struct page_info * __must_check alloc_domain_meta_page(struct domain *d);
void free_domain_meta_page(struct page_info *pg);

/* --- Claims ------------------------------------------------------------ */

/*
 * XENMEM_claim_pages: make 'pages' the target total for d's allocation.
 * 0 cancels any claim (always succeeds).  Also reserves the metadata the
 * build will need (see alloc_domain_meta_page).  Takes d->page_alloc_lock
 * then heap_lock.
 * Returns 0, -EINVAL (a claim is already staked, pages <= tot_pages,
 * pages > max_pages, or d is dying), -ENOMEM (not enough free unclaimed
 * memory).
 */
int __must_check domain_set_outstanding_pages(struct domain *d,
                                              unsigned long pages);

/* Cancel d's claim and metadata reservation (claim 0): cannot fail. */
void domain_cancel_claim(struct domain *d);

/* Pages of d->outstanding_pages, read under heap_lock. */
unsigned long domain_outstanding_pages(const struct domain *d);

/*
 * Do free memory and tmem's ephemeral pages still cover every claim?
 * tmem asks before it turns an evicted ephemeral frame into a persistent
 * page, which takes that frame out of what claims may count on.  Takes
 * heap_lock.
 */
bool claims_covered(void);

/*
 * Free pages (claimed or not, per-CPU caches included) and the sum of all
 * claims.  The heap's free pages and the claims are read together under
 * heap_lock; cached pages are unclaimed by construction, so free minus
 * outstanding is never negative.
 */
void get_outstanding_claims(uint64_t *free_pages, uint64_t *outstanding);

/* --- Figures ------------------------------------------------------------ */

/*
 * Free pages: the heap's and those in per-CPU page caches (claims never
 * count on the latter; see page_cache.c).  Unlocked reads.
 */
unsigned long total_free_pages(void);
unsigned long node_free_pages(unsigned int nid);
unsigned long total_cached_pages(void);        /* in per-CPU page caches */
unsigned long total_heap_pages(void);          /* frames given to the heap */
unsigned long node_heap_pages(unsigned int nid);
unsigned long total_meta_reserved(void);       /* metadata reservations */
unsigned long free_pages_need_scrub(void);     /* free but not yet zeroed */
unsigned int heap_nr_nodes(void);              /* nodes with memory */

/*
 * Give every CPU's cached free frames back to the heap, as a claim or an
 * allocation that comes up short does.  Returns how many.  Takes
 * heap_lock and each cache's lock.
 */
unsigned long heap_drain_page_caches(void);

/*
 * Scrub free pages that need it, as an idle CPU would.  Returns the
 * number of pages scrubbed.  Takes heap_lock.
 */
unsigned long scrub_free_pages(void);

/*
 * Check the heap's internal consistency (free lists vs counters vs frame
 * states).  Debug/test aid; returns 0 or -EIO and logs the first
 * inconsistency.  Takes heap_lock.
 */
int heap_audit(void);

/*
 * Check the claim counters against the domains, atomically: the sum of
 * every domain's claim equals outstanding_claims, the sum of metadata
 * reservations equals the global one, and free memory covers both.
 * Returns 0 or -EIO (logged).  Takes domlist_lock, then heap_lock.
 */
int claims_audit(void);

#endif /* XEN_MM_H */
