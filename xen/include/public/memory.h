/* SPDX-License-Identifier: MIT */
/*
 * __HYPERVISOR_memory_op(cmd, arg): a domain's memory reservation and
 * claims.  The low 6 bits of cmd select the operation (XENMEM_*).  A
 * guest passes 0 in the bits above; the hypervisor uses them to record
 * progress when it preempts a batch operation (see below), so guests
 * never need to know the encoding.
 *
 * Numbers, structures and results are Xen's.  Frame numbers are GFNs for
 * translated guests and MFNs for PV guests unless stated otherwise.
 */
#ifndef __XEN_PUBLIC_MEMORY_H__
#define __XEN_PUBLIC_MEMORY_H__

#include "xen.h"

/*
 * XENMEM_increase_reservation: allocate nr_extents extents of
 *   2^extent_order pages each to domid.  For a PV domain the MFN of each
 *   new extent is written to extent_start[i] (OUT); translated domains
 *   get pages only (use populate_physmap to place them).
 * XENMEM_decrease_reservation: free the extents whose first frames are
 *   listed in extent_start[] (IN, GMFNs), each of 2^extent_order pages.
 * XENMEM_populate_physmap: back the GPFNs listed in extent_start[] (IN)
 *   with new memory; PV domains get the MFNs written back (OUT).
 *   Allocations for a domain with an outstanding claim draw on it first.
 *
 * Argument: struct xen_memory_reservation.
 *
 * Returns: the number of extents completed, counted from extent 0 and
 *   including extents done before any preemption.  It is not an error
 *   code: the caller compares it with nr_extents, and anything less
 *   means the rest failed.  Failures found before any extent is done
 *   (bad domid, bad flags, permission, order too large, a handle that
 *   cannot be read) return the count reached so far, usually 0.
 *
 * Privilege: a domain may name DOMID_SELF (or its own id); naming any
 *   other domain needs control privilege.  extent_order is limited to 9
 *   (2 MiB) for ordinary domains; the control domain may go higher.
 *
 * Preemptible: yes, between extents.  The hypervisor then re-issues the
 *   call itself with the number of extents done encoded in the upper
 *   bits of cmd, so nr_extents must fit in 26 bits (UINT_MAX >> 6) or
 *   nothing is done.
 */
#define XENMEM_increase_reservation     0
#define XENMEM_decrease_reservation     1
#define XENMEM_populate_physmap         6

/*
 * XENMEMF_*: the mem_flags word of struct xen_memory_reservation.
 *
 * Bits 0..7: XENMEMF_address_bits(n) restricts the allocation to
 *   machine addresses below 2^n (devices with narrow DMA).  0 means no
 *   restriction; a value that would restrict to 4 KiB or less fails.
 *   Not used by decrease_reservation.
 * Bits 8..15: XENMEMF_node(n) asks for NUMA node n, stored as n + 1 so
 *   that 0 means "no preference".  XENMEMF_get_node() of a word without
 *   a node gives 0xff (no node).
 * XENMEMF_populate_on_demand: populate_physmap only; mark the GPFNs
 *   populate-on-demand instead of allocating now.  Not for oneself.
 * XENMEMF_exact_node_request: fail rather than fall back to other
 *   nodes.  XENMEMF_exact_node(n) combines it with XENMEMF_node(n).
 * XENMEMF_vnode: the node field is a virtual (vNUMA) node of the target
 *   domain, translated by the hypervisor.
 *
 * Node requests from ordinary domains are ignored (an exact request then
 * fails).
 */
#define XENMEMF_address_bits(x)         (x)
#define XENMEMF_get_address_bits(x)     ((x) & 0xffU)
#define XENMEMF_node(x)                 (((x) + 1) << 8)
#define XENMEMF_get_node(x)             ((((x) >> 8) - 1) & 0xffU)
#define XENMEMF_populate_on_demand      (1U << 16)
#define XENMEMF_exact_node_request      (1U << 17)
#define XENMEMF_exact_node(n)           (XENMEMF_node(n) | \
                                         XENMEMF_exact_node_request)
#define XENMEMF_vnode                   (1U << 18)

#ifndef __ASSEMBLY__
/*
 * The argument of increase/decrease_reservation, populate_physmap and
 * claim_pages, and the two halves of struct xen_memory_exchange.
 */
struct xen_memory_reservation {
    /*
     * IN/OUT: array of nr_extents frame numbers, one per extent.  Its
     * direction and meaning depend on the op (see above).  claim_pages
     * requires a NULL handle.
     */
    XEN_GUEST_HANDLE(xen_pfn_t) extent_start;

    /* IN: number of extents. */
    xen_ulong_t nr_extents;

    /* IN: each extent is 2^extent_order pages, aligned to its size. */
    uint32_t extent_order;

    /* IN: XENMEMF_* flags (Xen's address_bits before 3.2). */
    uint32_t mem_flags;

    /* IN: the domain whose reservation changes, or DOMID_SELF. */
    domid_t domid;

    /*
     * IN: ignored.  Xen leaves these bytes as implicit padding, so guests
     * written for Xen may leave junk here; they are never checked.
     */
    uint16_t _pad[3];
};
typedef struct xen_memory_reservation xen_memory_reservation_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_reservation_t);
#endif /* !__ASSEMBLY__ */

/*
 * XENMEM_exchange: atomically swap memory.  The in.nr_extents extents
 * listed in in.extent_start (GMFNs) are freed and replaced by newly
 * allocated extents, whose frames are written to out.extent_start.  Used
 * by PV guests to trade pages for, for instance, contiguous or low ones.
 *
 * Argument: struct xen_memory_exchange.  Requirements:
 *   in.domid == out.domid;
 *   in.nr_extents << in.extent_order == out.nr_extents << out.extent_order;
 *   the in and out extent lists do not overlap;
 *   nr_exchanged is 0 on the first call (the caller must zero it).
 *
 * Returns: 0 when everything was exchanged (nr_exchanged ==
 *   in.nr_extents).  Otherwise a negative error, with nr_exchanged
 *   telling how many input extents were exchanged; those are done, the
 *   rest are untouched.  -XEN_EINVAL: the requirements above, or a
 *   non-zero start extent in cmd; -XEN_EPERM: an order above the
 *   caller's limit; -XEN_EFAULT: unreadable handles; -XEN_ESRCH: no such
 *   domain; -XEN_ENOMEM: no memory for the replacements.
 *
 * Privilege: as the reservation ops.  PV domains only.
 *
 * Preemptible: yes.  Progress is kept in nr_exchanged, which the
 *   hypervisor writes back before continuing.
 *
 * This hypervisor does not implement it yet: it returns -XEN_ENOSYS.
 * The layout is given so that guests built against Xen's ABI build.
 */
#define XENMEM_exchange                 11

#ifndef __ASSEMBLY__
struct xen_memory_exchange {
    /* IN: the extents to give up (GMFN bases).  mem_flags is unused. */
    struct xen_memory_reservation in;

    /* IN/OUT: the shape of the new extents; extent_start gets their frames. */
    struct xen_memory_reservation out;

    /* IN/OUT: input extents exchanged so far.  Must be 0 initially. */
    xen_ulong_t nr_exchanged;
};
typedef struct xen_memory_exchange xen_memory_exchange_t;
DEFINE_XEN_GUEST_HANDLE(xen_memory_exchange_t);
#endif /* !__ASSEMBLY__ */

/*
 * XENMEM_maximum_ram_page: returns one past the highest MFN of RAM in
 *   the machine (Xen's max_page), i.e. the number of frames the frame
 *   table covers.  arg is NULL.  Never fails.  Any domain.  Not
 *   preemptible.
 */
#define XENMEM_maximum_ram_page         2

/*
 * XENMEM_current_reservation, XENMEM_maximum_reservation: return the
 *   domain's current page count (tot_pages) or its limit (max_pages).
 *   arg points to a domid_t, which may be DOMID_SELF.  Returns the count,
 *   or -XEN_EFAULT, -XEN_ESRCH (no such domain), -XEN_EPERM (another
 *   domain without privilege).  Not preemptible.
 */
#define XENMEM_current_reservation      3
#define XENMEM_maximum_reservation      4

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/*
 * XENMEM_claim_pages: stake a claim for domid on a quantity of free
 * memory without assigning any frames.  Only arithmetic is done, under
 * the heap lock, so the call is fast and the claim is atomic against
 * every other allocation: a toolstack that claims before it builds a
 * domain cannot later run out of memory half-way through the build.
 *
 * Argument: struct xen_memory_reservation with
 *   nr_extents   the TARGET total page count of the domain, not an
 *                increment: the claim is nr_extents minus the pages the
 *                domain already has (a domain holding 3 pages that
 *                claims 10 claims 7 more);
 *   extent_start a NULL handle;
 *   extent_order 0;
 *   mem_flags    0 (no flags are defined);
 *   domid        an existing domain (DOMID_SELF is not accepted).
 *
 * A claim of 0 cancels the domain's claim and always succeeds.  A domain
 * holds at most one claim: to change it, cancel it and claim again.
 * Allocations for the domain consume the claim as they happen; frees
 * never raise it again.  Whatever is left is released when the domain
 * is destroyed.  Claims are not kept across save/restore or migration.
 *
 * Returns:
 *   0            the claim is staked (or cancelled);
 *   -XEN_EINVAL  bad argument fields, a non-zero start extent in cmd, an
 *                unknown domid or DOMID_SELF, a dying domain, a second
 *                non-zero claim while one is outstanding, or nr_extents
 *                not above the domain's current pages or above its
 *                max_pages (so set max_pages first);
 *   -XEN_ENOMEM  the claim exceeds free memory minus other domains'
 *                outstanding claims;
 *   -XEN_EPERM   the caller is not privileged;
 *   -XEN_EFAULT  the argument cannot be read.
 *
 * Privilege: control domain only.
 *
 * Preemptible: no; it is O(1).
 *
 * The host-wide total of outstanding claims is reported in
 * xen_sysctl_physinfo.outstanding_pages, and a domain's own in
 * xen_domctl_getdomaininfo.outstanding_pages.
 */
#define XENMEM_claim_pages              24
#endif /* __XEN__ || __XEN_TOOLS__ */

/*
 * Xen's other memory_op numbers.  This hypervisor does not implement
 * them (they fail with -XEN_ENOSYS); they are listed so that no number
 * is ever given another meaning.  8 was XENMEM_translate_gpfn_list
 * (removed from Xen); 25 was briefly XENMEM_get_outstanding_pages in
 * 2013 before Xen reused it.
 */
#define XENMEM_machphys_mfn_list        5
#define XENMEM_add_to_physmap           7
#define XENMEM_memory_map               9
#define XENMEM_machine_memory_map       10
#define XENMEM_machphys_mapping         12
#define XENMEM_set_memory_map           13
#define XENMEM_maximum_gpfn             14
#define XENMEM_remove_from_physmap      15
#define XENMEM_set_pod_target           16
#define XENMEM_get_pod_target           17
#define XENMEM_get_sharing_freed_pages  18
#define XENMEM_get_sharing_shared_pages 19
#define XENMEM_paging_op                20
#define XENMEM_access_op                21
#define XENMEM_sharing_op               22
#define XENMEM_add_to_physmap_batch     23
#define XENMEM_machphys_compat_mfn_list 25
#define XENMEM_get_vnumainfo            26
#define XENMEM_reserved_device_memory_map 27
#define XENMEM_acquire_resource         28

#endif /* __XEN_PUBLIC_MEMORY_H__ */
