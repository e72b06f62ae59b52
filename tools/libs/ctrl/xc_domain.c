/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * Domain lifecycle and domain memory: the libxenctrl calls a toolstack
 * uses to create a domain, size it, claim and populate its memory, and
 * tear it down.
 *
 * Return conventions follow Xen's libxenctrl (tools/libs/ctrl/xc_domain.c,
 * 4.17 to 4.19; xc_domain_claim_pages() as changed in 4.22):
 *  - plain calls: 0, or -1 with errno;
 *  - reservation calls: the number of extents the hypervisor completed
 *    (a short count is not an error), or -1 with errno when the call could
 *    not be made;
 *  - their _exact forms: 0 when every extent was done, otherwise -1 with
 *    errno EBUSY (populate), ENOMEM (increase) or EINVAL (decrease).
 *
 * Extent arrays are bounced both ways, so the frame numbers the
 * hypervisor writes (even for a partly done call) reach the caller.
 */
#include "xc_private.h"

/*
 * ---------------------------------------------------------------------
 * Lifecycle
 * ---------------------------------------------------------------------
 */

/*
 * XEN_DOMCTL_createdomain.  *pdomid is the requested id (0 or DOMID_ANY:
 * the hypervisor picks); on success *pdomid is the new id and *config the
 * configuration as accepted.  Returns 0 or -1/errno (EEXIST, EINVAL,
 * ENOMEM, EPERM...).
 */
int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config)
{
    struct xen_domctl domctl = {
        .cmd = XEN_DOMCTL_createdomain,
        .domain = *pdomid,
    };

    domctl.u.createdomain = *config;

    if ( do_domctl(xch, &domctl) < 0 )
        return -1;

    *pdomid = (uint16_t)domctl.domain;
    *config = domctl.u.createdomain;

    return 0;
}

/* Issue a domctl that takes nothing but the domain id.  0 or -1/errno. */
static int simple_domctl(xc_interface *xch, uint32_t cmd, uint32_t domid)
{
    struct xen_domctl domctl = {
        .cmd = cmd,
        .domain = domid,
    };

    return do_domctl(xch, &domctl);
}

/*
 * XEN_DOMCTL_destroydomain: kill the domain, releasing its memory and any
 * outstanding claim.  0 or -1/errno (ESRCH: no such domain).
 */
int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
    return simple_domctl(xch, XEN_DOMCTL_destroydomain, domid);
}

/* XEN_DOMCTL_pausedomain.  0 or -1/errno. */
int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
    return simple_domctl(xch, XEN_DOMCTL_pausedomain, domid);
}

/* XEN_DOMCTL_unpausedomain.  0 or -1/errno. */
int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
    return simple_domctl(xch, XEN_DOMCTL_unpausedomain, domid);
}

/*
 * XEN_DOMCTL_getdomaininfo for exactly domid (Xen 4.18's replacement for
 * xc_domain_getinfo()).  Older hypervisors answered with the next domain
 * up; that, like a plain miss, is -1 with errno ESRCH.  *info may be NULL
 * to test for existence.  Returns 0 or -1/errno.
 */
int xc_domain_getinfo_single(xc_interface *xch, uint32_t domid,
                             xc_domaininfo_t *info)
{
    struct xen_domctl domctl = {
        .cmd = XEN_DOMCTL_getdomaininfo,
        .domain = domid,
    };

    if ( do_domctl(xch, &domctl) < 0 )
        return -1;

    if ( domctl.u.getdomaininfo.domain != domid )
    {
        errno = ESRCH;
        return -1;
    }

    if ( info )
        *info = domctl.u.getdomaininfo;

    return 0;
}

/*
 * Up to max_domains records for the domains with id >= first_domain, in
 * id order.  Built from per-id XEN_DOMCTL_getdomaininfo calls, walking
 * ids up to DOMID_FIRST_RESERVED and skipping the absent ones (ESRCH).
 * Returns the number of records filled (0..max_domains), or -1/errno on
 * any other failure.
 */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                          unsigned int max_domains, xc_domaininfo_t *info)
{
    unsigned int nr = 0;
    uint32_t domid;

    for ( domid = first_domain;
          domid < DOMID_FIRST_RESERVED && nr < max_domains; domid++ )
    {
        if ( xc_domain_getinfo_single(xch, domid, &info[nr]) == 0 )
            nr++;
        else if ( errno != ESRCH )
            return -1;
    }

    return nr;
}

/*
 * ---------------------------------------------------------------------
 * Memory
 * ---------------------------------------------------------------------
 */

/*
 * XEN_DOMCTL_max_mem: the domain may own at most max_memkb KiB (the
 * hypervisor rounds to pages; ~0 means no limit).  Claims are checked
 * against this limit, so set it first.  0 or -1/errno.
 */
int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid,
                        uint64_t max_memkb)
{
    struct xen_domctl domctl = {
        .cmd = XEN_DOMCTL_max_mem,
        .domain = domid,
    };

    domctl.u.max_mem.max_memkb = max_memkb;

    return do_domctl(xch, &domctl);
}

/*
 * XENMEM_claim_pages: set the domain's claim so that its total allocation
 * target is nr_pages (0 cancels).  Returns 0 or -1/errno: EINVAL (claim
 * already held, target not above current pages or above max_pages),
 * ENOMEM (not enough unclaimed memory), EPERM, ESRCH.  ENOSYS is
 * propagated: Xen's library hid it (returning 0) until 4.22, which made a
 * missing feature look like a granted claim.
 */
int xc_domain_claim_pages(xc_interface *xch, uint32_t domid,
                          unsigned long nr_pages)
{
    struct xen_memory_reservation reservation = {
        .nr_extents = nr_pages,
        .extent_order = 0,
        .mem_flags = 0,
        .domid = domid,
    };

    /* The extent list must be a NULL handle for this op. */
    xc_set_handle_gva(reservation.extent_start, 0);

    return do_memory_op(xch, XENMEM_claim_pages, &reservation,
                        sizeof(reservation)) < 0 ? -1 : 0;
}

/*
 * Run one of the reservation ops on extent_start[0..nr_extents).  The
 * array is bounced both ways (NULL becomes a NULL handle).
 * Returns the number of extents done or -1/errno (EINVAL if the array
 * size overflows, ENOMEM if it cannot be bounced).
 */
static long reservation_op(xc_interface *xch, unsigned int cmd,
                           const char *what, uint32_t domid,
                           unsigned long nr_extents,
                           unsigned int extent_order,
                           unsigned int mem_flags, xen_pfn_t *extent_start)
{
    struct xen_memory_reservation reservation = {
        .nr_extents = nr_extents,
        .extent_order = extent_order,
        .mem_flags = mem_flags,
        .domid = domid,
    };
    struct xc_bounce b = XC_BOUNCE_INIT(extent_start, 0, XC_BOUNCE_BOTH);
    long rc;

    if ( nr_extents > SIZE_MAX / sizeof(*extent_start) )
    {
        errno = EINVAL;
        return -1;
    }
    b.size = nr_extents * sizeof(*extent_start);

    if ( xc_bounce_pre(xch, &b) )
    {
        PERROR("Could not bounce memory for %s hypercall", what);
        return -1;
    }
    xc_set_handle_gva(reservation.extent_start, b.gva);

    rc = do_memory_op(xch, cmd, &reservation, sizeof(reservation));

    if ( xc_bounce_post(xch, &b) && rc >= 0 )
        rc = -1;

    return rc;
}

/*
 * Turn a reservation op's count into the _exact convention: 0 if all
 * nr_extents were done, the -1/errno of a failed call as is, or -1 with
 * errno short_errno for a short count.
 */
static int exact_result(xc_interface *xch, long done,
                        unsigned long nr_extents, int short_errno,
                        const char *what, uint32_t domid,
                        unsigned int extent_order)
{
    if ( done < 0 )
        return -1;

    if ( (unsigned long)done == nr_extents )
        return 0;

    DPRINTF("%s for dom%u: %ld of %lu extents of order %u done",
            what, domid, done, nr_extents, extent_order);
    errno = short_errno;
    return -1;
}

/*
 * XENMEM_populate_physmap: back the GFNs in extent_start[] with
 * 2^extent_order-page extents (mem_flags: XENMEMF_*); extent_start[]
 * receives the frames.  Returns the number of extents done (may be short:
 * out of memory, claim rules, bad arguments) or -1/errno.
 */
int xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
                               unsigned long nr_extents,
                               unsigned int extent_order,
                               unsigned int mem_flags,
                               xen_pfn_t *extent_start)
{
    return reservation_op(xch, XENMEM_populate_physmap, "populate_physmap",
                          domid, nr_extents, extent_order, mem_flags,
                          extent_start);
}

/*
 * All-or-nothing xc_domain_populate_physmap().  Returns 0, or -1 with
 * errno EBUSY when fewer than nr_extents were done (Xen's choice for this
 * call), or the errno of a failed call.
 */
int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                     unsigned long nr_extents,
                                     unsigned int extent_order,
                                     unsigned int mem_flags,
                                     xen_pfn_t *extent_start)
{
    long done = xc_domain_populate_physmap(xch, domid, nr_extents,
                                           extent_order, mem_flags,
                                           extent_start);

    return exact_result(xch, done, nr_extents, EBUSY, "populate_physmap",
                        domid, extent_order);
}

/*
 * XENMEM_increase_reservation: allocate nr_extents extents to the domain;
 * their frame numbers go to extent_start[] if it is not NULL.  Returns the
 * number done or -1/errno.
 */
int xc_domain_increase_reservation(xc_interface *xch, uint32_t domid,
                                   unsigned long nr_extents,
                                   unsigned int extent_order,
                                   unsigned int mem_flags,
                                   xen_pfn_t *extent_start)
{
    return reservation_op(xch, XENMEM_increase_reservation,
                          "increase_reservation", domid, nr_extents,
                          extent_order, mem_flags, extent_start);
}

/* All-or-nothing increase: 0, or -1 with errno ENOMEM if short. */
int xc_domain_increase_reservation_exact(xc_interface *xch, uint32_t domid,
                                         unsigned long nr_extents,
                                         unsigned int extent_order,
                                         unsigned int mem_flags,
                                         xen_pfn_t *extent_start)
{
    long done = xc_domain_increase_reservation(xch, domid, nr_extents,
                                               extent_order, mem_flags,
                                               extent_start);

    return exact_result(xch, done, nr_extents, ENOMEM,
                        "increase_reservation", domid, extent_order);
}

/*
 * XENMEM_decrease_reservation: give back the extents whose GFNs are in
 * extent_start[].  A NULL array is -1/EINVAL before any hypercall.
 * Returns the number done or -1/errno.
 */
int xc_domain_decrease_reservation(xc_interface *xch, uint32_t domid,
                                   unsigned long nr_extents,
                                   unsigned int extent_order,
                                   xen_pfn_t *extent_start)
{
    if ( !extent_start )
    {
        DPRINTF("decrease_reservation: extent_start is NULL");
        errno = EINVAL;
        return -1;
    }

    return reservation_op(xch, XENMEM_decrease_reservation,
                          "decrease_reservation", domid, nr_extents,
                          extent_order, 0, extent_start);
}

/* All-or-nothing decrease: 0, or -1 with errno EINVAL if short. */
int xc_domain_decrease_reservation_exact(xc_interface *xch, uint32_t domid,
                                         unsigned long nr_extents,
                                         unsigned int extent_order,
                                         xen_pfn_t *extent_start)
{
    long done = xc_domain_decrease_reservation(xch, domid, nr_extents,
                                               extent_order, extent_start);

    return exact_result(xch, done, nr_extents, EINVAL,
                        "decrease_reservation", domid, extent_order);
}
