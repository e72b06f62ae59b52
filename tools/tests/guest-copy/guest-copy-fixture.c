/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-guest-copy (see guest-copy-fixture.h).
 * Built with the hypervisor's flags and headers.
 */

#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>

#include <asm/config.h>

#include "guest-copy-fixture.h"

unsigned long gcf_copy_to(unsigned int domid, unsigned long gva,
                          const void *src, unsigned long len)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    unsigned long left;

    if ( !d )
        return GCF_NO_DOMAIN;
    left = copy_to_domain(d, gva, src, len);
    put_domain(d);
    return left;
}

unsigned long gcf_copy_from(void *dst, unsigned int domid,
                            unsigned long gva, unsigned long len)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    unsigned long left;

    if ( !d )
        return GCF_NO_DOMAIN;
    left = copy_from_domain(dst, d, gva, len);
    put_domain(d);
    return left;
}

unsigned long gcf_raw_copy_to(unsigned long gva, const void *src,
                              unsigned long len)
{
    return current ? raw_copy_to_guest(gva, src, len) : len;
}

unsigned long gcf_raw_copy_from(void *dst, unsigned long gva,
                                unsigned long len)
{
    return current ? raw_copy_from_guest(dst, gva, len) : len;
}

/* The frame domid maps at gfn, by its direct-map address; or NULL. */
static char *frame_of(unsigned int domid, unsigned long gfn)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    mfn_t mfn;

    if ( !d )
        return NULL;
    mfn = p2m_lookup(d, _gfn(gfn));
    put_domain(d);
    return mfn_eq(mfn, INVALID_MFN) ? NULL : mfn_to_virt(mfn);
}

int gcf_frame_read(unsigned int domid, unsigned long gfn,
                   unsigned long off, void *dst, unsigned long len)
{
    char *p = frame_of(domid, gfn);

    if ( !p || off > PAGE_SIZE || len > PAGE_SIZE - off )
        return -1;
    memcpy(dst, p + off, len);
    return 0;
}

int gcf_frame_write(unsigned int domid, unsigned long gfn,
                    unsigned long off, const void *src, unsigned long len)
{
    char *p = frame_of(domid, gfn);

    if ( !p || off > PAGE_SIZE || len > PAGE_SIZE - off )
        return -1;
    memcpy(p + off, src, len);
    return 0;
}

unsigned long gcf_linear_base(void)
{
    return GUEST_LINEAR_BASE;
}

unsigned long gcf_linear_size(void)
{
    return GUEST_LINEAR_SIZE;
}

unsigned long gcf_p2m_max_gfn(void)
{
    return P2M_MAX_GFN;
}
