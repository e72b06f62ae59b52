/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-domain page tables: how a ring-3 guest reaches its memory.
 *
 * Each domain has its own 4-level tree (asm/page.h has the entry bits):
 *
 *   L4[0..255]    the user half.  Guest frame g appears at
 *                 GUEST_LINEAR_BASE + g * 4K as a 4 KiB user page, RW.
 *                 Tables here carry the U bit; nothing else is mapped.
 *   L4[256..511]  the hypervisor: copied from the idle tables (boot_l4)
 *                 when the domain is created, so they share the direct
 *                 map's and the image's lower tables.  No U bit at L4,
 *                 so ring 3 can never reach any of it.
 *
 * The user half is filled lazily: a ring-3 page fault on a gfn that the
 * p2m maps installs the entry (pv_map_guest_page) and the instruction is
 * retried.  When the p2m drops a gfn (decrease_reservation, exchange),
 * arch_p2m_removed() clears the entry before the frame can be freed, so
 * a guest never keeps a mapping of memory it gave back.  The p2m is the
 * only source of truth; the page tables are a cache of it.
 *
 * Table frames come from the xenheap.  d->p2m.lock protects the tables:
 * every writer holds it, so a fault-in and a removal of the same gfn are
 * ordered.  One CPU: a TLB entry only needs invalidating when the
 * domain's tables are the loaded ones; a CR3 switch flushes the rest
 * (nothing here is global).
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>

#include <asm/config.h>
#include <asm/domain.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>

#define L4_USER_SLOTS           256     /* L4[0..255]: the user half */
#define PTE_USER_TABLE          (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER)
#define PTE_USER_PAGE           (_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | \
                                 _PAGE_ACCESSED | _PAGE_DIRTY)

/* Index of va in a table at 'level' (4 = L4 ... 1 = L1). */
static unsigned int pt_index(unsigned long va, unsigned int level)
{
    return (va >> (PAGE_SHIFT + (level - 1) * PAGETABLE_ORDER)) &
           (PTES_PER_TABLE - 1);
}

static uint64_t *pt_next(uint64_t e)
{
    return maddr_to_virt(e & PTE_ADDR_MASK);
}

/*
 * A page-table frame for d: a metadata frame, so a claimed domain draws
 * it from the reservation staked with its claim (arch_meta_pages_for()),
 * and a guest running in claimed memory never faults for lack of one.
 */
static uint64_t *pt_alloc(struct domain *d, struct arch_domain *ad)
{
    struct page_info *pg = alloc_domain_meta_page(d);
    uint64_t *t;

    if ( !pg )
        return NULL;
    t = page_to_virt(pg);
    memset(t, 0, PAGE_SIZE);
    ad->nr_pt_pages++;
    return t;
}

static void pt_free(uint64_t *t)
{
    free_domain_meta_page(virt_to_page(t));
}

unsigned long arch_meta_pages_for(unsigned long nr)
{
    /*
     * nr contiguous gfns of the linear map span at most one extra table
     * per level; the root comes with the domain.
     */
    return DIV_ROUND_UP(nr, PTES_PER_TABLE) + 1 +
           DIV_ROUND_UP(nr, PTES_PER_TABLE * PTES_PER_TABLE) + 1 +
           DIV_ROUND_UP(nr, PTES_PER_TABLE * PTES_PER_TABLE *
                            PTES_PER_TABLE) + 1 + 1;
}

paddr_t pv_cr3(const struct domain *d)
{
    if ( !d || !domain_arch(d) )
        return virt_to_maddr(boot_l4);
    return virt_to_maddr(domain_arch(d)->l4);
}

int pv_domain_init(struct domain *d)
{
    struct arch_domain *ad;

    if ( d->arch )
        return 0;
    ad = xzalloc(struct arch_domain);
    if ( !ad )
        return -ENOMEM;
    ad->l4 = pt_alloc(d, ad);
    if ( !ad->l4 )
    {
        xfree(ad);
        return -ENOMEM;
    }
    BUILD_BUG_ON(l4_table_offset(GUEST_LINEAR_BASE + GUEST_LINEAR_SIZE - 1)
                 >= L4_USER_SLOTS);
    memcpy(&ad->l4[L4_USER_SLOTS], &boot_l4[L4_USER_SLOTS],
           (PTES_PER_TABLE - L4_USER_SLOTS) * sizeof(uint64_t));
    d->arch = ad;
    return 0;
}

/*
 * The L1 entry for user address va, allocating the tables on the way
 * when 'alloc'.  NULL if a table is missing (or cannot be allocated).
 * Caller holds d->p2m.lock.
 */
static uint64_t *pt_walk(struct domain *d, struct arch_domain *ad,
                         unsigned long va, bool alloc)
{
    uint64_t *t = ad->l4;
    unsigned int level;

    for ( level = 4; level > 1; level-- )
    {
        uint64_t *e = &t[pt_index(va, level)];

        if ( !(*e & _PAGE_PRESENT) )
        {
            uint64_t *n;

            if ( !alloc || !(n = pt_alloc(d, ad)) )
                return NULL;
            *e = virt_to_maddr(n) | PTE_USER_TABLE;
        }
        t = pt_next(*e);
    }
    return &t[pt_index(va, 1)];
}

static bool guest_linear(unsigned long va)
{
    return va >= GUEST_LINEAR_BASE &&
           va - GUEST_LINEAR_BASE < GUEST_LINEAR_SIZE;
}

int pv_map_guest_page(struct domain *d, unsigned long va)
{
    struct arch_domain *ad = domain_arch(d);
    gfn_t gfn = _gfn((va - GUEST_LINEAR_BASE) >> PAGE_SHIFT);
    uint64_t *e;
    mfn_t mfn;
    int rc = 0;

    if ( !ad || !guest_linear(va) )
        return -EFAULT;
    spin_lock(&d->p2m.lock);
    mfn = p2m_lookup_locked(d, gfn);
    if ( mfn_eq(mfn, INVALID_MFN) )
        rc = -EFAULT;
    else if ( !(e = pt_walk(d, ad, va, true)) )
        rc = -ENOMEM;
    else
        *e = ((uint64_t)mfn_x(mfn) << PAGE_SHIFT) | PTE_USER_PAGE;
    spin_unlock(&d->p2m.lock);
    return rc;
}

void arch_p2m_removed(struct domain *d, gfn_t gfn)
{
    struct arch_domain *ad = domain_arch(d);
    unsigned long va = GUEST_LINEAR_BASE + (gfn_x(gfn) << PAGE_SHIFT);
    uint64_t *e;

    ASSERT(spin_is_locked(&d->p2m.lock));
    if ( !ad || !guest_linear(va) )
        return;
    e = pt_walk(d, ad, va, false);
    if ( !e || !(*e & _PAGE_PRESENT) )
        return;
    *e = 0;
    if ( read_cr3() == virt_to_maddr(ad->l4) )
        invlpg(va);
}

/* Free the tables under t's first nr entries (t at 'level'), then t. */
static void pt_free_level(uint64_t *t, unsigned int level,
                          unsigned int nr)
{
    unsigned int i;

    if ( level > 1 )
        for ( i = 0; i < nr; i++ )
            if ( t[i] & _PAGE_PRESENT )
                pt_free_level(pt_next(t[i]), level - 1, PTES_PER_TABLE);
    pt_free(t);
}

void pv_domain_free_pt(struct domain *d)
{
    struct arch_domain *ad = domain_arch(d);

    if ( !ad )
        return;
    ASSERT(read_cr3() != virt_to_maddr(ad->l4));
    spin_lock(&d->p2m.lock);
    d->arch = NULL;
    /* Only the user half is ours: the upper L4 slots are shared. */
    pt_free_level(ad->l4, 4, L4_USER_SLOTS);
    spin_unlock(&d->p2m.lock);
    xfree(ad);
}
