/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xc-toolstack: the dom0 toolstack written against libxenctrl, as a Xen
 * toolstack is, and run in ring 3 through the library's guest transport
 * (tools/libs/ctrl/guest/): the same xc_*() calls the hosted tests make,
 * here turned into `syscall`s.
 *
 * For each later boot module it builds a domain with claims:
 *   xc_domain_create -> xc_domain_setmaxmem -> xc_domain_claim_pages ->
 *   xc_domain_populate_physmap_exact -> XEN_DOMCTL_load_module (through
 *   xc_domctl) -> xc_domain_unpause,
 * then waits (xc_domain_getinfo_single) for each to shut down with the
 * reason the command line expects, and destroys it (xc_domain_destroy).
 * It also checks that errors come back the libxenctrl way (-1 and
 * errno) and that claims are accounted as physinfo says.
 *
 * Command line: expect=<reason>:<reason>... (one per module), mem=<MiB>
 * per domain (default 16).
 */

#include <xenctrl.h>

#include "guest.h"

#define MAX_DOMS                8
#define MAX_WAIT_YIELDS         2000000UL

struct dom {
    uint32_t domid;
    char expect[16];
    bool done;
};

static struct dom doms[MAX_DOMS];
static unsigned int nr_doms;
static xen_pfn_t extents[1UL << 14];
static xc_interface *xch;

extern __thread int errno;        /* the guest libc's, per vCPU */

static void expect_errno(const char *what, int rc, int want)
{
    if ( rc != -1 || errno != want )
        guest_failure("Fail: %s: got %d errno %d, expected -1 errno %d\n",
                      what, rc, errno, want);
}

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
        while ( *p && *p != ':' )
            p++;
        if ( *p == ':' )
            p++;
    }
}

static uint64_t free_pages(void)
{
    xc_physinfo_t pi;

    if ( xc_physinfo(xch, &pi) )
        return 0;
    return pi.free_pages;
}

/* Build module 'module' into a new domain of 'pages' pages.  0 or -1. */
static int build(struct dom *dm, unsigned int module, unsigned long pages)
{
    struct xen_domctl_createdomain config = { .max_vcpus = 1 };
    struct xen_domctl op = { 0 };
    unsigned long i, nr = pages >> 9;
    xc_domaininfo_t info;

    dm->domid = DOMID_ANY;
    if ( xc_domain_create(xch, &dm->domid, &config) ||
         xc_domain_setmaxmem(xch, dm->domid, pages * 4) ||
         xc_domain_claim_pages(xch, dm->domid, pages) )
        return -1;
    if ( xc_domain_getinfo_single(xch, dm->domid, &info) ||
         info.outstanding_pages != pages )
    {
        guest_failure("Fail: d%u: claim of %lu pages shows as %lu\n",
                      dm->domid, pages,
                      (unsigned long)info.outstanding_pages);
        return -1;
    }
    for ( i = 0; i < nr; i++ )
        extents[i] = i << 9;
    if ( xc_domain_populate_physmap_exact(xch, dm->domid, nr, 9, 0,
                                          extents) )
        return -1;
    op.cmd = XEN_DOMCTL_load_module;
    op.domain = dm->domid;
    op.u.load_module.module = module;
    if ( xc_domctl(xch, &op) )
        return -1;
    if ( xc_domain_getinfo_single(xch, dm->domid, &info) ||
         info.tot_pages != pages || info.outstanding_pages )
    {
        guest_failure("Fail: d%u: %lu pages, %lu outstanding after "
                      "populate\n", dm->domid,
                      (unsigned long)info.tot_pages,
                      (unsigned long)info.outstanding_pages);
        return -1;
    }
    printk("d%u: %lu pages claimed and populated, module %u at %#lx\n",
           dm->domid, pages, module,
           (unsigned long)op.u.load_module.entry);
    return xc_domain_unpause(xch, dm->domid);
}

static const char *reason_name(unsigned int r)
{
    static const char *const names[] = {
        "poweroff", "reboot", "suspend", "crash", "watchdog", "soft_reset",
    };

    return r < ARRAY_SIZE(names) ? names[r] : "unknown";
}

/* Wait for every domain to shut down, check its reason, destroy it. */
static int wait_and_destroy(void)
{
    unsigned long y;
    unsigned int i, left = nr_doms;
    xc_domaininfo_t info;

    for ( y = 0; left && y < MAX_WAIT_YIELDS; y++ )
    {
        for ( i = 0; i < nr_doms; i++ )
        {
            struct dom *dm = &doms[i];
            unsigned int reason;

            if ( dm->done )
                continue;
            if ( xc_domain_getinfo_single(xch, dm->domid, &info) )
                return -1;
            if ( !(info.flags & XEN_DOMINF_shutdown) )
                continue;
            reason = (info.flags >> XEN_DOMINF_shutdownshift) &
                     XEN_DOMINF_shutdownmask;
            printk("d%u shut down: %s\n", dm->domid, reason_name(reason));
            if ( strcmp(reason_name(reason), dm->expect) )
                guest_failure("Fail: d%u: %s, expected %s\n", dm->domid,
                              reason_name(reason), dm->expect);
            if ( xc_domain_destroy(xch, dm->domid) )
                return -1;
            dm->done = true;
            left--;
        }
        hypercall_yield();
    }
    return left ? -1 : 0;
}

/* Errors the library must report as -1 with errno. */
static void test_errors(void)
{
    struct xen_domctl_createdomain bad = { .max_vcpus = 0 };
    uint32_t domid = DOMID_ANY;

    expect_errno("xc_domain_create, 0 vCPUs",
                 xc_domain_create(xch, &domid, &bad), XEN_EINVAL);
    expect_errno("xc_domain_destroy, no such domain",
                 xc_domain_destroy(xch, 12345), XEN_ESRCH);
    expect_errno("xc_domain_getinfo_single, no such domain",
                 xc_domain_getinfo_single(xch, 12345, NULL), XEN_ESRCH);
    expect_errno("xc_domain_claim_pages, DOMID_SELF",
                 xc_domain_claim_pages(xch, DOMID_SELF, 1), XEN_EINVAL);
}

const char test_title[] = "xc-toolstack: libxenctrl in ring 3 builds "
                          "domains with claims";

void test_main(void)
{
    unsigned long pages = cmdline_ulong("mem", 16) << 8, before, after;
    unsigned int i;

    parse_expect();
    if ( !nr_doms || !pages || pages % 512 || pages / 512 >
         ARRAY_SIZE(extents) )
    {
        guest_error("Error: bad expect= or mem=\n");
        return;
    }

    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch )
    {
        guest_failure("Fail: xc_interface_open: errno %d\n", errno);
        return;
    }
    test_errors();
    before = free_pages();
    for ( i = 0; i < nr_doms; i++ )
        if ( build(&doms[i], i + 1, pages) )
        {
            guest_failure("Fail: building module %u: errno %d (%s)\n",
                          i + 1, errno, xc_strerror(xch, errno));
            return;
        }
    if ( wait_and_destroy() )
    {
        guest_failure("Fail: waiting for the domains: errno %d\n", errno);
        return;
    }
    after = free_pages();
    printk("Free pages: %lu before the builds, %lu after the destroys\n",
           before, after);
    xc_interface_close(xch);
    guest_success(NULL);
}
