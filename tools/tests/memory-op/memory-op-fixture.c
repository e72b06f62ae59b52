/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-memory-op: reads the p2m and the frame
 * table behind the memory hypercalls (xen/common/memory.c) so that the
 * test can see where populated frames went and what became of freed
 * ones.  Built with the hypervisor's flags and headers.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>

#include <asm/config.h>

#include "memory-op-fixture.h"

unsigned long mof_p2m_lookup(unsigned int domid, unsigned long gfn)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    mfn_t mfn;

    if ( !d )
        return MOF_NO_MFN;
    mfn = p2m_lookup(d, _gfn(gfn));
    put_domain(d);
    return mfn_eq(mfn, INVALID_MFN) ? MOF_NO_MFN : mfn_x(mfn);
}

unsigned long mof_p2m_entries(unsigned int domid)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    unsigned long n;

    if ( !d )
        return ~0UL;
    spin_lock(&d->p2m.lock);
    n = d->p2m.nr_entries;
    spin_unlock(&d->p2m.lock);
    put_domain(d);
    return n;
}

unsigned long mof_p2m_max_gfn(void)
{
    return P2M_MAX_GFN;
}

unsigned long mof_guest_linear_base(void)
{
    return GUEST_LINEAR_BASE;
}

int mof_frame_node(unsigned long mfn)
{
    return mfn < max_page ? mfn_to_page(_mfn(mfn))->nid : -1;
}

int mof_frame_state(unsigned long mfn)
{
    const struct page_info *pg;

    if ( mfn >= max_page )
        return MOF_FRAME_OTHER;
    pg = mfn_to_page(_mfn(mfn));
    if ( page_state(pg) == PGC_state_free )
        return (pg->count_info & PGC_need_scrub) ? MOF_FRAME_DIRTY
                                                 : MOF_FRAME_FREE;
    if ( page_state(pg) == PGC_state_inuse && pg->owner &&
         (pg->count_info & PGC_allocated) )
        return pg->owner->domain_id;
    return MOF_FRAME_OTHER;
}

void mof_frame_fill(unsigned long mfn, unsigned char byte)
{
    if ( mfn < max_page )
        memset(mfn_to_virt(_mfn(mfn)), byte, PAGE_SIZE);
}

int mof_frame_is(unsigned long mfn, unsigned char byte)
{
    const unsigned char *p;
    unsigned long i;

    if ( mfn >= max_page )
        return 0;
    p = mfn_to_virt(_mfn(mfn));
    for ( i = 0; i < PAGE_SIZE; i++ )
        if ( p[i] != byte )
            return 0;
    return 1;
}

unsigned long mof_preempt_checks(void)
{
    return current ? current->preempt_checks : 0;
}

unsigned long mof_scrub(void)
{
    return scrub_free_pages();
}

int mof_make_dying(unsigned int domid)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    int rc;

    if ( !d )
        return 0;
    /* A memory op "in flight" makes the kill stop after marking dying. */
    atomic_inc(&d->mem_users);
    rc = domain_kill(d) == -ERESTART && domain_is_dying(d);
    atomic_dec(&d->mem_users);
    put_domain(d);
    return rc;
}
