/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * Host-wide queries: physical memory and CPU information (the numbers
 * `xl info` prints, including outstanding claims) and the top of RAM.
 *
 * Same conventions as Xen's tools/libs/ctrl/xc_misc.c and xc_private.c:
 * 0 on success, -1 with errno on failure.
 */
#include "xc_private.h"

/*
 * XEN_SYSCTL_physinfo.  *info is sent in as well as filled in (Xen does
 * the same; the op ignores its input today).  On success *info holds
 * total_pages, free_pages (claims not subtracted), outstanding_pages
 * (sum of all claims), CPU counts and capabilities.
 * Returns 0 or -1/errno; *info is untouched on failure.
 */
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
    struct xen_sysctl sysctl = {
        .cmd = XEN_SYSCTL_physinfo,
    };

    memcpy(&sysctl.u.physinfo, info, sizeof(*info));

    if ( do_sysctl(xch, &sysctl) < 0 )
        return -1;

    memcpy(info, &sysctl.u.physinfo, sizeof(*info));

    return 0;
}

/*
 * XENMEM_maximum_ram_page (no argument): *max_mfn becomes the highest
 * machine frame number of RAM.  Returns 0 or -1/errno; *max_mfn is
 * untouched on failure.
 */
int xc_maximum_ram_page(xc_interface *xch, unsigned long *max_mfn)
{
    long rc = do_memory_op(xch, XENMEM_maximum_ram_page, NULL, 0);

    if ( rc < 0 )
        return -1;

    *max_mfn = rc;

    return 0;
}
