/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical-to-machine map of a domain (xen/common/p2m.c): gfn -> mfn
 * in a three-level radix tree of 512-entry frames, covering 2^27 gfns
 * (512 GiB of guest memory).  Node frames are metadata frames drawn with
 * alloc_domain_meta_page(), so a claimed build has them reserved.
 */
#ifndef XEN_P2M_H
#define XEN_P2M_H

#include <xen/spinlock.h>
#include <xen/types.h>

struct domain;

#define P2M_LEVEL_BITS          9
#define P2M_LEVELS              3
#define P2M_GFN_BITS            (P2M_LEVEL_BITS * P2M_LEVELS)
#define P2M_MAX_GFN             ((1UL << P2M_GFN_BITS) - 1)

struct p2m_domain {
    spinlock_t lock;
    uint64_t *root;             /* top-level node (virtual address) */
    unsigned long nr_nodes;     /* node frames in use, incl. the root */
    unsigned long nr_entries;   /* gfns mapped */
    unsigned long max_mapped_gfn;
};

/* Allocate the root node.  Returns 0 or -ENOMEM. */
int __must_check p2m_init(struct domain *d);

/* Free every node frame (the mapped frames are the caller's business). */
void p2m_teardown(struct domain *d);

/*
 * Map [gfn, gfn + 2^order) to [mfn, mfn + 2^order).  All-or-nothing.
 * Returns 0, -EINVAL (range beyond P2M_MAX_GFN), -EBUSY (some gfn in the
 * range is already mapped), -ENOMEM (no frame for a node).
 */
int __must_check p2m_add(struct domain *d, gfn_t gfn, mfn_t mfn,
                         unsigned int order);

/* Unmap gfn; returns the mfn it mapped, or INVALID_MFN if none. */
mfn_t p2m_remove(struct domain *d, gfn_t gfn);

/*
 * Arch hook: gfn of d has just been unmapped (d->p2m.lock held, the
 * frame not yet freed).  The arch drops any mapping of it that the
 * guest could still use (x86: the guest's page-table entry).
 */
void arch_p2m_removed(struct domain *d, gfn_t gfn);

/* Translate gfn; INVALID_MFN if not mapped.  Takes d->p2m.lock. */
mfn_t p2m_lookup(struct domain *d, gfn_t gfn);

/*
 * Translate gfn with d->p2m.lock held by the caller.  Holding the lock
 * across an access to the frame keeps it from being unmapped and freed
 * meanwhile (guest copies rely on this).
 */
mfn_t p2m_lookup_locked(struct domain *d, gfn_t gfn);

/* Metadata frames the p2m needs to map nr contiguous gfns, worst case. */
unsigned long p2m_meta_pages_for(unsigned long nr);

/*
 * Metadata frames the arch needs for nr contiguous gfns of a domain,
 * worst case (x86: the page tables of the guest linear map; hosted: 0).
 */
unsigned long arch_meta_pages_for(unsigned long nr);

/*
 * All metadata a claim of nr pages reserves: the p2m's and the arch's
 * (docs/misc/claims.md).
 */
static inline unsigned long domain_meta_pages_for(unsigned long nr)
{
    return p2m_meta_pages_for(nr) + arch_meta_pages_for(nr);
}

#endif /* XEN_P2M_H */
