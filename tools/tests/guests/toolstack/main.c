/* SPDX-License-Identifier: GPL-2.0 */
/*
 * toolstack: dom0 builds and runs one domain per later boot module, the
 * way Xen's toolstack does, with raw domctl/memory_op hypercalls:
 *
 *   createdomain -> max_mem -> claim_pages -> populate_physmap (gfns
 *   0..N-1) -> load_module (ours: the hypervisor loads the module's ELF)
 *   -> unpausedomain; then getdomaininfo until each has shut down (dom0
 *   yields meanwhile) -> destroydomain.
 *
 * Command line:
 *   expect=<r1>:<r2>:...  one word per module 1, 2, ...: the shutdown
 *                         reason expected of that domain (poweroff,
 *                         crash, ...), or "spin": it must still be
 *                         running when all the others are done, and is
 *                         then destroyed while it runs
 *   mem=<MiB>             memory per domain (default 16)
 *   order=<n>             extent order for populate (default 9; 0 makes
 *                         the call long enough to be preempted)
 */

#include "guest.h"

#define MAX_DOMS                8
#define MAX_WAIT_YIELDS         2000000UL
#define SPIN_GRACE_YIELDS       20UL

struct dom {
    domid_t domid;
    char expect[16];
    bool done;
    unsigned int reason;
};

static struct dom doms[MAX_DOMS];
static unsigned int nr_doms;
static xen_pfn_t extents[1UL << 16];    /* gfn list for populate */

static long domctl(uint32_t cmd, domid_t domid, struct xen_domctl *op)
{
    op->cmd = cmd;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op->domain = domid;
    return hypercall_domctl(op);
}

/* expect=a:b:c into doms[].expect. */
static void parse_expect(void)
{
    char buf[128];
    const char *p = cmdline_value("expect", buf, sizeof(buf));

    while ( *p && nr_doms < MAX_DOMS )
    {
        struct dom *d = &doms[nr_doms++];
        size_t n = 0;

        while ( *p && *p != ':' && n + 1 < sizeof(d->expect) )
            d->expect[n++] = *p++;
        d->expect[n] = '\0';
        while ( *p && *p != ':' )
            p++;
        if ( *p == ':' )
            p++;
    }
}

/* Build domain for module 'module' with 'pages' of memory.  0 or error. */
static long build(struct dom *dm, unsigned int module, unsigned long pages,
                  unsigned int order)
{
    struct xen_domctl op = { 0 };
    struct xen_memory_reservation r = { 0 };
    unsigned long i, nr = pages >> order;
    long rc;

    op.u.createdomain.max_vcpus = 1;
    if ( (rc = domctl(XEN_DOMCTL_createdomain, DOMID_ANY, &op)) )
        return rc;
    dm->domid = op.domain;
    op.u.max_mem.max_memkb = pages * 4;
    if ( (rc = domctl(XEN_DOMCTL_max_mem, dm->domid, &op)) )
        return rc;
    r.nr_extents = pages;
    r.domid = dm->domid;
    if ( (rc = hypercall_memory_op(XENMEM_claim_pages, &r)) )
        return rc;
    for ( i = 0; i < nr; i++ )
        extents[i] = i << order;
    r.nr_extents = nr;
    r.extent_order = order;
    set_xen_guest_handle(r.extent_start, extents);
    rc = hypercall_memory_op(XENMEM_populate_physmap, &r);
    if ( rc != (long)nr )
        return rc < 0 ? rc : -XEN_ENOMEM;
    op = (struct xen_domctl){ 0 };
    op.u.load_module.module = module;
    if ( (rc = domctl(XEN_DOMCTL_load_module, dm->domid, &op)) )
        return rc;
    printk("d%u: %lu pages in %lu extents of order %u, module %u loaded, "
           "entry %#lx\n", dm->domid, pages, nr, order, module,
           (unsigned long)op.u.load_module.entry);
    return domctl(XEN_DOMCTL_unpausedomain, dm->domid, &op);
}

/* Has dm shut down?  Records the reason.  -1 on error. */
static int poll_domain(struct dom *dm)
{
    struct xen_domctl op = { 0 };
    long rc = domctl(XEN_DOMCTL_getdomaininfo, dm->domid, &op);
    uint32_t flags = op.u.getdomaininfo.flags;

    if ( rc )
        return -1;
    if ( !(flags & XEN_DOMINF_shutdown) )
        return 0;
    dm->reason = (flags >> XEN_DOMINF_shutdownshift) &
                 XEN_DOMINF_shutdownmask;
    return 1;
}

static const char *reason_name(unsigned int r)
{
    static const char *const names[] = {
        "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset",
    };

    return r < ARRAY_SIZE(names) ? names[r] : "unknown";
}

/* Yield until every non-spinning domain has shut down; 0 or -1. */
static int wait_all(void)
{
    unsigned long y;
    unsigned int i, left;

    for ( y = 0; y < MAX_WAIT_YIELDS; y++ )
    {
        left = 0;
        for ( i = 0; i < nr_doms; i++ )
        {
            struct dom *dm = &doms[i];
            int st;

            if ( dm->done || !strcmp(dm->expect, "spin") )
                continue;
            st = poll_domain(dm);
            if ( st < 0 )
                return -1;
            if ( st )
            {
                dm->done = true;
                printk("d%u shut down: %s\n", dm->domid,
                       reason_name(dm->reason));
                if ( strcmp(reason_name(dm->reason), dm->expect) )
                    guest_failure("Fail: d%u shut down with %s, expected "
                                  "%s\n", dm->domid,
                                  reason_name(dm->reason), dm->expect);
                continue;
            }
            left++;
        }
        if ( !left )
            return 0;
        hypercall_yield();
    }
    return -1;
}

/* The spinners must still be running; then destroy every domain. */
static void finish(void)
{
    struct xen_domctl op = { 0 };
    unsigned long y;
    unsigned int i;

    for ( y = 0; y < SPIN_GRACE_YIELDS; y++ )
        hypercall_yield();
    for ( i = 0; i < nr_doms; i++ )
    {
        struct dom *dm = &doms[i];
        long rc;

        if ( !strcmp(dm->expect, "spin") )
        {
            if ( poll_domain(dm) != 0 )
                guest_failure("Fail: spinning d%u is not running\n",
                              dm->domid);
            else
                printk("d%u still spinning: destroying it\n", dm->domid);
        }
        rc = domctl(XEN_DOMCTL_destroydomain, dm->domid, &op);
        if ( rc )
            guest_failure("Fail: destroy d%u: %ld\n", dm->domid, rc);
        else if ( domctl(XEN_DOMCTL_getdomaininfo, dm->domid, &op) !=
                  -XEN_ESRCH )
            guest_failure("Fail: d%u still there after destroy\n",
                          dm->domid);
    }
}

const char test_title[] = "toolstack: build, run and destroy domains from "
                          "boot modules";

void test_main(void)
{
    unsigned long pages = cmdline_ulong("mem", 16) << 8;
    unsigned int order = cmdline_ulong("order", 9);
    unsigned int i;
    long rc;

    parse_expect();
    if ( !nr_doms )
    {
        guest_error("Error: no expect= on the command line\n");
        return;
    }
    if ( order > 9 || (pages >> order) > ARRAY_SIZE(extents) ||
         pages & ((1UL << order) - 1) )
    {
        guest_error("Error: bad mem= or order=\n");
        return;
    }

    for ( i = 0; i < nr_doms; i++ )
    {
        rc = build(&doms[i], i + 1, pages, order);
        if ( rc )
        {
            guest_failure("Fail: building module %u: %ld\n", i + 1, rc);
            return;
        }
    }
    if ( wait_all() )
    {
        guest_failure("Fail: domains did not all shut down\n");
        return;
    }
    finish();
    guest_success(NULL);
}
