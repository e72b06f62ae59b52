/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The physical-to-machine map: gfn -> mfn for each domain.
 *
 * A three-level radix tree of 4 KiB nodes holding 512 64-bit entries;
 * gfn bits 26..18 index the root, 17..9 the middle level, 8..0 a leaf:
 *
 *    63                         12 11        1   0
 *   +-----------------------------+-----------+---+
 *   |   mfn (next node / frame)   |  (zero)   | P |
 *   +-----------------------------+-----------+---+
 *
 * Node frames are metadata frames (alloc_domain_meta_page), so a claimed
 * build draws them from the reservation staked with the claim.
 * d->p2m.lock protects the whole tree; it nests inside nothing but
 * heap_lock (taken by the allocator while it is held).
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>

#define P2M_PRESENT             1UL
#define P2M_ENTRIES             (1UL << P2M_LEVEL_BITS)

static uint64_t *p2m_entry_table(uint64_t e)
{
    return mfn_to_virt(_mfn(e >> PAGE_SHIFT));
}

static unsigned int p2m_index(unsigned long gfn, unsigned int level)
{
    return (gfn >> (level * P2M_LEVEL_BITS)) & (P2M_ENTRIES - 1);
}

unsigned long p2m_meta_pages_for(unsigned long nr)
{
    /* A contiguous range spans at most one extra node per level. */
    return DIV_ROUND_UP(nr, P2M_ENTRIES) + 1 +
           DIV_ROUND_UP(nr, P2M_ENTRIES * P2M_ENTRIES) + 1;
}

int p2m_init(struct domain *d)
{
    struct p2m_domain *p2m = &d->p2m;
    struct page_info *pg = alloc_domain_meta_page(d);

    spin_lock_init(&p2m->lock);
    if ( !pg )
        return -ENOMEM;
    p2m->root = page_to_virt(pg);
    p2m->nr_nodes = 1;
    p2m->nr_entries = 0;
    p2m->max_mapped_gfn = 0;
    return 0;
}

/*
 * Find the leaf entry for gfn, allocating missing nodes when 'alloc'.
 * Returns the entry, or NULL (not present, or -ENOMEM in *rc).
 */
static uint64_t *p2m_walk(struct domain *d, unsigned long gfn, bool alloc,
                          int *rc)
{
    uint64_t *table = d->p2m.root;
    unsigned int level;

    ASSERT(spin_is_locked(&d->p2m.lock));
    if ( !table )                       /* torn down: domain dying */
    {
        *rc = -EINVAL;
        return NULL;
    }
    for ( level = P2M_LEVELS - 1; level > 0; level-- )
    {
        uint64_t *e = &table[p2m_index(gfn, level)];

        if ( !(*e & P2M_PRESENT) )
        {
            struct page_info *pg;

            if ( !alloc )
                return NULL;
            pg = alloc_domain_meta_page(d);
            if ( !pg )
            {
                *rc = -ENOMEM;
                return NULL;
            }
            *e = ((uint64_t)mfn_x(page_to_mfn(pg)) << PAGE_SHIFT) |
                 P2M_PRESENT;
            d->p2m.nr_nodes++;
        }
        table = p2m_entry_table(*e);
    }
    return &table[p2m_index(gfn, 0)];
}

/* Entries left in gfn's leaf, from gfn on. */
static unsigned long p2m_leaf_room(unsigned long gfn)
{
    return P2M_ENTRIES - p2m_index(gfn, 0);
}

/*
 * Pass 1 of p2m_add: make sure every node exists and no entry is in use.
 * Returns 0, -ENOMEM or -EBUSY.
 */
static int p2m_prepare(struct domain *d, unsigned long gfn, unsigned long n)
{
    unsigned long i, j, chunk;
    int rc = 0;

    for ( i = 0; i < n; i += chunk )
    {
        uint64_t *e = p2m_walk(d, gfn + i, true, &rc);

        if ( !e )
            return rc;
        chunk = min(p2m_leaf_room(gfn + i), n - i);
        for ( j = 0; j < chunk; j++ )
            if ( e[j] & P2M_PRESENT )
                return -EBUSY;
    }
    return 0;
}

int p2m_add(struct domain *d, gfn_t gfn, mfn_t mfn, unsigned int order)
{
    unsigned long g = gfn_x(gfn), m = mfn_x(mfn), n = 1UL << order;
    unsigned long i, j, chunk;
    int rc;

    if ( g > P2M_MAX_GFN || n - 1 > P2M_MAX_GFN - g )
        return -EINVAL;

    spin_lock(&d->p2m.lock);
    rc = p2m_prepare(d, g, n);
    if ( rc )
        goto out;
    for ( i = 0; i < n; i += chunk )
    {
        uint64_t *e = p2m_walk(d, g + i, false, &rc);

        chunk = min(p2m_leaf_room(g + i), n - i);
        for ( j = 0; j < chunk; j++ )
            e[j] = ((uint64_t)(m + i + j) << PAGE_SHIFT) | P2M_PRESENT;
    }
    d->p2m.nr_entries += n;
    d->p2m.max_mapped_gfn = max(d->p2m.max_mapped_gfn, g + n - 1);
 out:
    spin_unlock(&d->p2m.lock);
    return rc;
}

mfn_t p2m_remove(struct domain *d, gfn_t gfn)
{
    mfn_t mfn = INVALID_MFN;
    uint64_t *e;
    int rc;

    if ( gfn_x(gfn) > P2M_MAX_GFN )
        return INVALID_MFN;
    spin_lock(&d->p2m.lock);
    e = p2m_walk(d, gfn_x(gfn), false, &rc);
    if ( e && (*e & P2M_PRESENT) )
    {
        mfn = _mfn(*e >> PAGE_SHIFT);
        *e = 0;
        d->p2m.nr_entries--;
        /* Before the caller frees the frame: no guest access may remain. */
        arch_p2m_removed(d, gfn);
    }
    spin_unlock(&d->p2m.lock);
    return mfn;
}

mfn_t p2m_lookup_locked(struct domain *d, gfn_t gfn)
{
    uint64_t *e;
    int rc;

    ASSERT(spin_is_locked(&d->p2m.lock));
    if ( gfn_x(gfn) > P2M_MAX_GFN )
        return INVALID_MFN;
    e = p2m_walk(d, gfn_x(gfn), false, &rc);
    return (e && (*e & P2M_PRESENT)) ? _mfn(*e >> PAGE_SHIFT) : INVALID_MFN;
}

mfn_t p2m_lookup(struct domain *d, gfn_t gfn)
{
    mfn_t mfn;

    spin_lock(&d->p2m.lock);
    mfn = p2m_lookup_locked(d, gfn);
    spin_unlock(&d->p2m.lock);
    return mfn;
}

/* Free the node frames below 'table' at 'level', then the table itself. */
static void p2m_free_level(uint64_t *table, unsigned int level)
{
    unsigned long i;

    if ( level > 0 )
        for ( i = 0; i < P2M_ENTRIES; i++ )
            if ( table[i] & P2M_PRESENT )
                p2m_free_level(p2m_entry_table(table[i]), level - 1);
    free_domain_meta_page(virt_to_page(table));
}

void p2m_teardown(struct domain *d)
{
    struct p2m_domain *p2m = &d->p2m;

    spin_lock(&p2m->lock);
    if ( !p2m->root )
    {
        spin_unlock(&p2m->lock);
        return;
    }
    p2m_free_level(p2m->root, P2M_LEVELS - 1);
    p2m->root = NULL;
    p2m->nr_nodes = 0;
    p2m->nr_entries = 0;
    spin_unlock(&p2m->lock);
}
