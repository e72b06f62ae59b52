/* SPDX-License-Identifier: GPL-2.0 */
/*
 * XENMEM_* memory operations (__HYPERVISOR_memory_op).
 *
 * The reservation ops (increase, decrease, populate) follow Xen's
 * conventions exactly: they return the number of extents completed, an
 * early failure returns the start extent (so the caller sees "0 done",
 * not an errno), and a long call is preempted between extents and
 * continued with the progress encoded in cmd >> MEMOP_EXTENT_SHIFT.
 *
 * Our domains' p2m is kept by the hypervisor (as for Xen's translated
 * guests): populate_physmap maps the new frames at the given gfns and
 * does not write MFNs back; increase_reservation gives frames without
 * mapping them, as Xen does for a translated guest.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/param.h>
#include <xen/sched.h>

#include <public/memory.h>

/*
 * memop-max-order=<domU>,<ctldom>,<hwdom>,<ptdom>: largest extent order
 * per kind of caller.  ptdom (passthrough domains) is accepted for Xen
 * compatibility; we have no passthrough, so it is never used.
 */
static unsigned int domu_max_order = PAGETABLE_ORDER;
static unsigned int ctldom_max_order = PAGETABLE_ORDER;
static unsigned int hwdom_max_order = 12;
static unsigned int ptdom_max_order = PAGETABLE_ORDER;

static int parse_memop_max_order(const char *s);
custom_param("memop-max-order", parse_memop_max_order);

/* Mem_flags bits we understand; anything else is refused. */
#define XENMEMF_known   (0xffffU | XENMEMF_populate_on_demand |       \
                         XENMEMF_exact_node_request | XENMEMF_vnode)

struct memop_args {
    struct domain *d;
    XEN_GUEST_HANDLE(xen_pfn_t) extent_list;
    unsigned long nr_extents;
    unsigned int extent_order;
    unsigned int memflags;
    unsigned long nr_done;
    bool preempted;
};

/* Parse one ",..." field of memop-max-order; empty keeps the default. */
static const char *parse_order_field(const char *s, unsigned int *order)
{
    const char *e;
    unsigned long long v;

    if ( *s == ',' || !*s )
        return s;
    v = simple_strtoull(s, &e, 0);
    if ( e == s || v > MAX_ORDER )
        return NULL;
    *order = (unsigned int)v;
    return e;
}

/* All four fields are parsed first, so a bad one changes nothing. */
static int parse_memop_max_order(const char *s)
{
    unsigned int *fields[] = { &domu_max_order, &ctldom_max_order,
                               &hwdom_max_order, &ptdom_max_order };
    unsigned int val[ARRAY_SIZE(fields)], i;

    for ( i = 0; i < ARRAY_SIZE(fields); i++ )
        val[i] = *fields[i];
    for ( i = 0; i < ARRAY_SIZE(fields); i++ )
    {
        s = parse_order_field(s, &val[i]);
        if ( !s )
            return -EINVAL;
        if ( *s != ',' )
            break;
        s++;
    }
    if ( *s )
        return -EINVAL;
    for ( i = 0; i < ARRAY_SIZE(fields); i++ )
        *fields[i] = val[i];
    return 0;
}

/* Largest extent order the calling domain may request. */
static unsigned int max_order(const struct domain *d)
{
    unsigned int order = domu_max_order;

    if ( is_control_domain(d) && order < ctldom_max_order )
        order = ctldom_max_order;
    if ( is_hardware_domain(d) && order < hwdom_max_order )
        order = hwdom_max_order;
    return min(order, (unsigned int)MAX_ORDER);
}

/*
 * Turn XENMEMF_* node bits into MEMF_* ones.  Only the control and
 * hardware domains may pick nodes; others' hints are ignored, and their
 * exact requests refused.  Returns false if the request must fail.
 */
static bool propagate_node(unsigned int xmf, unsigned int *memflags)
{
    const struct domain *cd = current->domain;
    unsigned int node = XENMEMF_get_node(xmf);
    bool exact = xmf & XENMEMF_exact_node_request;

    if ( xmf & XENMEMF_vnode )
        return false;                   /* no virtual NUMA here */
    if ( node == NUMA_NO_NODE )
        return true;
    if ( !is_control_domain(cd) && !is_hardware_domain(cd) )
        return !exact;
    if ( node >= heap_nr_nodes() )
        return false;
    *memflags |= MEMF_node(node) | (exact ? MEMF_exact_node : 0);
    return true;
}

/* Stop between extents when asked to; never before the first one. */
static bool memop_preempt(struct memop_args *a, unsigned long i,
                          unsigned long start)
{
    if ( i == start || !hypercall_preempt_check() )
        return false;
    a->preempted = true;
    return true;
}

static void increase_reservation(struct memop_args *a, unsigned long start)
{
    unsigned long i;

    for ( i = start; i < a->nr_extents; i++ )
    {
        if ( memop_preempt(a, i, start) )
            break;
        if ( !alloc_domheap_pages(a->d, a->extent_order, a->memflags) )
        {
            gprintk(XENLOG_INFO, "Could not allocate order=%u extent: "
                    "d%u memflags=%#x (%lu of %lu)\n", a->extent_order,
                    a->d->domain_id, a->memflags, i, a->nr_extents);
            break;
        }
    }
    a->nr_done = i;
}

static void populate_physmap(struct memop_args *a, unsigned long start)
{
    unsigned long i;

    for ( i = start; i < a->nr_extents; i++ )
    {
        struct page_info *pg;
        xen_pfn_t gpfn;
        int rc;

        if ( memop_preempt(a, i, start) )
            break;
        if ( copy_from_guest_offset(&gpfn, a->extent_list, i, 1) )
            break;
        pg = alloc_domheap_pages(a->d, a->extent_order, a->memflags);
        if ( !pg )
        {
            gprintk(XENLOG_INFO, "Could not allocate order=%u extent: "
                    "d%u memflags=%#x (%lu of %lu)\n", a->extent_order,
                    a->d->domain_id, a->memflags, i, a->nr_extents);
            break;
        }
        rc = p2m_add(a->d, _gfn(gpfn), page_to_mfn(pg), a->extent_order);
        if ( rc )
        {
            gprintk(XENLOG_INFO, "d%u: cannot map gfn %#lx order %u: %d\n",
                    a->d->domain_id, (unsigned long)gpfn, a->extent_order,
                    rc);
            free_domheap_pages(pg, a->extent_order);
            break;
        }
    }
    a->nr_done = i;
}

/* Unmap gfn from d and free its frame.  Returns 0 or -ENOENT. */
static int guest_remove_page(struct domain *d, unsigned long gfn)
{
    mfn_t mfn = p2m_remove(d, _gfn(gfn));
    struct page_info *pg;

    if ( mfn_eq(mfn, INVALID_MFN) )
        return -ENOENT;
    pg = mfn_to_page(mfn);
    ASSERT(pg->owner == d);
    free_domheap_page(pg);
    return 0;
}

static void decrease_reservation(struct memop_args *a, unsigned long start)
{
    unsigned long i, j;

    for ( i = start; i < a->nr_extents; i++ )
    {
        xen_pfn_t gmfn;

        if ( memop_preempt(a, i, start) )
            break;
        if ( copy_from_guest_offset(&gmfn, a->extent_list, i, 1) )
            break;
        if ( gmfn > P2M_MAX_GFN ||
             (gmfn + (1UL << a->extent_order) - 1) > P2M_MAX_GFN )
            break;
        for ( j = 0; j < (1UL << a->extent_order); j++ )
            if ( guest_remove_page(a->d, gmfn + j) )
                goto out;
    }
 out:
    a->nr_done = i;
}

/*
 * Validate a reservation request into *a (taking a reference on the
 * target domain).  Returns false if the call must end at 'start'.
 */
static bool reservation_args(unsigned int op,
                             const struct xen_memory_reservation *r,
                             unsigned long start, struct memop_args *a)
{
    unsigned int bits = XENMEMF_get_address_bits(r->mem_flags);

    memset(a, 0, sizeof(*a));
    if ( r->nr_extents > (UINT_MAX >> MEMOP_EXTENT_SHIFT) ||
         start >= r->nr_extents ||
         r->extent_order > max_order(current->domain) ||
         (r->mem_flags & ~XENMEMF_known) ||
         (r->mem_flags & XENMEMF_populate_on_demand) )
        return false;

    if ( op != XENMEM_decrease_reservation && bits )
    {
        if ( bits <= PAGE_SHIFT )
            return false;
        a->memflags = MEMF_bits(bits);
    }
    if ( op != XENMEM_decrease_reservation &&
         !propagate_node(r->mem_flags, &a->memflags) )
        return false;

    a->extent_list = r->extent_start;
    a->nr_extents = r->nr_extents;
    a->extent_order = r->extent_order;
    return domain_lookup_target(r->domid, &a->d) == 0;
}

/*
 * XENMEM_increase_reservation, _decrease_reservation, _populate_physmap.
 * Returns the number of extents done (counting those before a
 * continuation), or a continuation.
 */
static long memop_reservation(unsigned int op, unsigned long start,
                              XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct xen_memory_reservation r;
    struct memop_args a;

    if ( copy_from_guest(&r, arg, 1) )
        return start;
    if ( !reservation_args(op, &r, start, &a) )
        return start;

    a.nr_done = start;
    if ( domain_mem_enter(a.d) )
    {
        if ( op == XENMEM_increase_reservation )
            increase_reservation(&a, start);
        else if ( op == XENMEM_decrease_reservation )
            decrease_reservation(&a, start);
        else
            populate_physmap(&a, start);
        domain_mem_exit(a.d);
    }
    put_domain(a.d);

    if ( a.preempted )
        return hypercall_create_continuation(
            __HYPERVISOR_memory_op, 2,
            op | (a.nr_done << MEMOP_EXTENT_SHIFT),
            (unsigned long)guest_handle_to_gva(arg));
    return a.nr_done;
}

/* XENMEM_claim_pages: the order of checks is Xen's (reference §4.1). */
static long memop_claim_pages(unsigned long start,
                              XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct xen_memory_reservation r;
    struct domain *d;
    long rc;

    if ( start )
        return -EINVAL;
    if ( copy_from_guest(&r, arg, 1) )
        return -EFAULT;
    if ( !guest_handle_is_null(r.extent_start) || r.extent_order ||
         r.mem_flags )
        return -EINVAL;

    d = get_domain_by_id(r.domid);      /* DOMID_SELF is not accepted */
    if ( !d )
        return -EINVAL;
    if ( !is_control_domain(current->domain) )
        rc = -EPERM;
    else if ( domain_is_dying(d) )
        rc = -EINVAL;
    else
        rc = domain_set_outstanding_pages(d, r.nr_extents);
    put_domain(d);
    return rc;
}

/* XENMEM_current_reservation / _maximum_reservation: pages of a domain. */
static long memop_reservation_query(unsigned int op, unsigned long start,
                                    XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct domain *d;
    domid_t domid;
    long rc;

    if ( start )
        return -EINVAL;
    if ( copy_from_guest(&domid, arg, 1) )
        return -EFAULT;
    rc = domain_lookup_target(domid, &d);
    if ( rc )
        return rc;
    rc = op == XENMEM_current_reservation ? (long)READ_ONCE(d->tot_pages)
                                          : (long)READ_ONCE(d->max_pages);
    put_domain(d);
    return rc;
}

long do_memory_op(unsigned long cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    unsigned int op = cmd & MEMOP_CMD_MASK;
    unsigned long start = cmd >> MEMOP_EXTENT_SHIFT;

    switch ( op )
    {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        return memop_reservation(op, start, arg);

    case XENMEM_maximum_ram_page:
        return start ? -EINVAL : (long)max_page;

    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        return memop_reservation_query(op, start, arg);

    case XENMEM_claim_pages:
        return memop_claim_pages(start, arg);

    default:
        return -ENOSYS;
    }
}
