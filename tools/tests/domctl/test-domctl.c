/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test-domctl: __HYPERVISOR_domctl and __HYPERVISOR_sysctl
 * (xen/common/domctl.c, sysctl.c) through libxenctrl and through raw
 * hypercalls whose argument struct is written field by field into a
 * hypercall buffer: domain creation and its validation, destruction and
 * the memory it gives back, getdomaininfo, max_mem, pause, the common
 * header checks (version, padding, privilege), physinfo and numainfo,
 * and many toolstack threads building and destroying domains at once.
 *
 * The hypervisor runs in-process with 512 MiB in two NUMA nodes.  Calls
 * "as a domU" run in a thread attached to domain DOMU.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "domctl-fixture.h"
#include "domctl-util.h"
#include "harness.h"
#include "hosted-api.h"
#include "xenctrl.h"

#include <xen/errno.h>
#include <xen/vcpu.h>

#define BOOT_CMDLINE    "mem=512M numa=2 dom0_mem=16M"
#define TOTAL_PAGES     (512UL << (20 - XC_PAGE_SHIFT))
#define NR_NODES        2
#define DOM0_PAGES      (16UL << (20 - XC_PAGE_SHIFT))

/* The id of the domain that makes hypercalls itself; its buffer gfns. */
#define DOMU            9
#define DOMU_BUF_PAGES  16

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))

static xc_interface *xch;

/* --- helpers ---------------------------------------------------------- */

/*
 * A new domain (any id) with a page limit and gfns [0, nr) populated;
 * 0 on failure (recorded).
 */
static uint32_t new_domain(uint64_t max_pages, unsigned long nr)
{
    struct xen_domctl_createdomain c = dc_pv_config;
    xen_pfn_t *gfns = calloc(nr + 1, sizeof(*gfns));
    uint32_t domid = 0;
    unsigned long i;

    for ( i = 0; gfns && i < nr; i++ )
        gfns[i] = i;
    if ( !check(gfns) || !check_eq(xc_domain_create(xch, &domid, &c), 0) )
        domid = 0;
    else if ( !check_eq(xc_domain_setmaxmem(xch, domid, max_pages << 2), 0) ||
              (nr && !check_eq(xc_domain_populate_physmap_exact(
                                   xch, domid, nr, 0, 0, gfns), 0)) )
    {
        xc_domain_destroy(xch, domid);
        domid = 0;
    }
    free(gfns);
    return domid;
}

static void destroy(uint32_t domid)
{
    if ( xc_domain_destroy(xch, domid) )
        fail("cannot destroy d%u: errno %d", domid, errno);
}

/* getdomaininfo of domid; false (recorded) if it fails. */
static bool info_of(uint32_t domid, xc_domaininfo_t *info)
{
    if ( xc_domain_getinfo_single(xch, domid, info) )
    {
        fail("no info for d%u: errno %d", domid, errno);
        return false;
    }
    return true;
}

static bool physinfo(xc_physinfo_t *pi)
{
    memset(pi, 0, sizeof(*pi));
    return check_eq(xc_physinfo(xch, pi), 0);
}

static uint64_t free_pages(void)
{
    xc_physinfo_t pi;

    return physinfo(&pi) ? pi.free_pages : 0;
}

/* Is domid gone (getdomaininfo says ESRCH)? */
static bool domain_gone(uint32_t domid)
{
    return xc_domain_getinfo_single(xch, domid, NULL) == -1 &&
           errno == ESRCH;
}

/* Make domain DOMU and run fn(arg) as one of its vCPUs, then destroy. */
static void as_domu(void (*fn)(void *), void *arg)
{
    struct xen_domctl_createdomain c = dc_pv_config;
    struct dc_domu_call call = {
        .domid = DOMU, .buf_pages = DOMU_BUF_PAGES, .fn = fn, .arg = arg,
    };
    xen_pfn_t gfns[DOMU_BUF_PAGES];
    uint32_t domid = DOMU;
    pthread_t t;
    unsigned int i;

    for ( i = 0; i < DOMU_BUF_PAGES; i++ )
        gfns[i] = i;
    if ( !check_eq(xc_domain_create(xch, &domid, &c), 0) )
        return;
    if ( check_eq(xc_domain_setmaxmem(xch, DOMU, 64 * 4), 0) &&
         check_eq(xc_domain_populate_physmap_exact(xch, DOMU, DOMU_BUF_PAGES,
                                                   0, 0, gfns), 0) &&
         check_eq(pthread_create(&t, NULL, dc_domu_thread, &call), 0) )
    {
        pthread_join(t, NULL);
        check_eq(call.rc, 0);
    }
    destroy(DOMU);
}

/* --- createdomain ------------------------------------------------------ */

static void test_create_any_domid(void)
{
    struct xen_domctl_createdomain c = dc_pv_config;
    xc_domaininfo_t info;
    uint32_t a = 0, b = DOMID_ANY;
    long r;

    memcpy(c.handle, "0123456789abcdef", sizeof(c.handle));
    check_eq(xc_domain_create(xch, &a, &c), 0);
    check_eq(xc_domain_create(xch, &b, &c), 0);
    check(a != 0 && a < DOMID_FIRST_RESERVED);
    check(b != 0 && b < DOMID_FIRST_RESERVED && b != a);
    r = dc_create_raw(0, &dc_pv_config);
    check(r > 0 && r < DOMID_FIRST_RESERVED && r != a && r != b);
    if ( info_of(a, &info) )
    {
        check_eq(info.domain, a);
        check(!memcmp(info.handle, "0123456789abcdef", 16));
    }
    if ( a )
        destroy(a);
    if ( b )
        destroy(b);
    if ( r > 0 )
        destroy(r);
}

static void test_create_explicit_domid(void)
{
    struct xen_domctl_createdomain c = dc_pv_config;
    uint32_t domid = 1234, again = 1234, top = DOMID_FIRST_RESERVED - 1;
    uint64_t free0 = free_pages();

    check_eq(xc_domain_create(xch, &domid, &c), 0);
    check_eq(domid, 1234);
    check(xc_domain_create(xch, &again, &c) == -1 && errno == EEXIST);
    check_eq(dc_create_raw(1234, &dc_pv_config), -XEN_EEXIST);
    check_eq(dc_create_raw(DOMU, &dc_pv_config), DOMU);
    check_eq(dc_create_raw(DOMU, &dc_pv_config), -XEN_EEXIST);
    check_eq(xc_domain_create(xch, &top, &c), 0);
    check_eq(top, DOMID_FIRST_RESERVED - 1);
    destroy(1234);
    destroy(DOMU);
    destroy(top);
    check_eq(free_pages(), free0);

    /*
     * Regression: reserved ids other than DOMID_ANY used to go to the id
     * allocator; public/domctl.h says -XEN_EINVAL.
     */
    {
        long r = dc_create_raw(DOMID_SELF, &dc_pv_config);

        check_eq(r, -XEN_EINVAL);
        if ( r > 0 )
            destroy(r);
        r = dc_create_raw(DOMID_IO, &dc_pv_config);
        check_eq(r, -XEN_EINVAL);
        if ( r > 0 )
            destroy(r);
    }
}

static void test_create_bad_config(void)
{
    static const uint32_t bad_flags[] = {
        XEN_DOMCTL_CDF_hvm, XEN_DOMCTL_CDF_hap, XEN_DOMCTL_CDF_iommu,
        XEN_DOMCTL_CDF_nested_virt, XEN_DOMCTL_CDF_vpmu, 1U << 8, 1U << 31,
        XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
    };
    struct xen_domctl_createdomain c;
    uint64_t free0 = free_pages();
    unsigned int i;
    long r;

    for ( i = 0; i < ARRAY_SIZE(bad_flags); i++ )
    {
        c = dc_pv_config;
        c.flags = bad_flags[i];
        if ( !check_eq(dc_create_raw(0, &c), -XEN_EINVAL) )
            printf("  flags %#x accepted\n", bad_flags[i]);
    }
    c = dc_pv_config;
    c.max_vcpus = 0;
    check_eq(dc_create_raw(0, &c), -XEN_EINVAL);
    c.max_vcpus = 33;
    check_eq(dc_create_raw(0, &c), -XEN_EINVAL);
    c.max_vcpus = ~0U;
    check_eq(dc_create_raw(0, &c), -XEN_EINVAL);
    c = dc_pv_config;
    c.arch.emulation_flags = XEN_X86_EMU_LAPIC;
    check_eq(dc_create_raw(0, &c), -XEN_EINVAL);
    c = dc_pv_config;
    c.iommu_opts = XEN_DOMCTL_IOMMU_no_sharept;
    check_eq(dc_create_raw(0, &c), -XEN_EINVAL);
    c = dc_pv_config;
    c.vmtrace_size = 4096;
    check_eq(dc_create_raw(0, &c), -XEN_EINVAL);
    check_eq(free_pages(), free0);

    /* The limits themselves, and the one flag a PV host has, are fine. */
    c = dc_pv_config;
    c.max_vcpus = 32;
    c.flags = XEN_DOMCTL_CDF_xs_domain;
    r = dc_create_raw(0, &c);
    if ( check(r > 0) )
        destroy(r);
    c.max_vcpus = 1;
    c.flags = 0;
    r = dc_create_raw(0, &c);
    if ( check(r > 0) )
        destroy(r);
    check_eq(free_pages(), free0);
}

/* --- destroydomain ----------------------------------------------------- */

static void test_destroy_releases_memory(void)
{
    uint64_t free0 = free_pages(), free1;
    xc_domaininfo_t info;
    unsigned long overhead;
    uint32_t d = new_domain(4096, 1000);

    if ( !d || !info_of(d, &info) )
        return;
    check(xc_domain_populate_physmap_exact(xch, d, 2, 9, 0,
                                           (xen_pfn_t[]){ 1024, 4096 }) ==
          0);
    check(info_of(d, &info) && info.tot_pages == 1000 + 1024);
    overhead = dcf_overhead_pages(d);
    check(overhead >= 3 && overhead < 16);
    free1 = free_pages();
    check_eq(free0 - free1, info.tot_pages + overhead);

    check_eq(xc_domain_destroy(xch, d), 0);
    check_eq(free_pages() - free1, info.tot_pages + overhead);
    check_eq(free_pages(), free0);
    check(domain_gone(d));
    check(xc_domain_destroy(xch, d) == -1 && errno == ESRCH);
}

static void test_destroy_errors(void)
{
    check_eq(dc_domctl_simple(XEN_DOMCTL_destroydomain, 0), -XEN_EINVAL);
    check(xc_domain_destroy(xch, 0) == -1 && errno == EINVAL);
    check_eq(dc_domctl_simple(XEN_DOMCTL_destroydomain, 4000), -XEN_ESRCH);
    check_eq(dc_domctl_simple(XEN_DOMCTL_destroydomain, DOMID_SELF),
             -XEN_ESRCH);
    check_eq(dc_domctl_simple(XEN_DOMCTL_destroydomain, DOMID_INVALID),
             -XEN_ESRCH);
    check(!domain_gone(0));
}

static void test_destroy_preempted(void)
{
    uint64_t free0 = free_pages();
    xc_domaininfo_t info;
    unsigned long checks;
    uint32_t d = new_domain(16384, 0);
    xen_pfn_t gfns[16];
    unsigned int i;

    if ( !d )
        return;
    for ( i = 0; i < 16; i++ )
        gfns[i] = i * 512;
    check_eq(xc_domain_populate_physmap_exact(xch, d, 16, 9, 0, gfns), 0);
    check(info_of(d, &info) && info.tot_pages == 8192);

    checks = dcf_preempt_checks();
    hosted_force_preempt(1);
    check_eq(dc_domctl_simple(XEN_DOMCTL_destroydomain, d), 0);
    hosted_force_preempt(0);
    /* It stopped after every batch of frames and still finished. */
    check(dcf_preempt_checks() - checks >= 8192 / 256 - 1);
    check(domain_gone(d));
    check_eq(free_pages(), free0);
}

/* A dying domain: reported as such, refuses pause, can be destroyed. */
static void test_destroy_dying_domain(void)
{
    uint64_t free0 = free_pages();
    xc_domaininfo_t info;
    uint32_t d = new_domain(1024, 300);

    if ( !d )
        return;
    check_eq(dcf_make_dying(d), 1);
    if ( info_of(d, &info) )
        check(info.flags & XEN_DOMINF_dying);
    check_eq(dc_domctl_simple(XEN_DOMCTL_pausedomain, d), -XEN_EINVAL);
    check_eq(dc_domctl_simple(XEN_DOMCTL_unpausedomain, d), -XEN_EINVAL);
    check_eq(xc_domain_claim_pages(xch, d, 500), -1);
    check_eq(dc_domctl_simple(XEN_DOMCTL_destroydomain, d), 0);
    check(domain_gone(d));
    check_eq(free_pages(), free0);
}

/* --- getdomaininfo, max_mem, pause ------------------------------------ */

static void test_getdomaininfo_fields(void)
{
    struct xen_domctl op;
    xen_domctl_getdomaininfo_t *gi = &op.u.getdomaininfo;
    uint32_t d = new_domain(1024, 10);

    if ( !d )
        return;
    check_eq(xc_domain_claim_pages(xch, d, 100), 0);
    op = dc_domctl(XEN_DOMCTL_getdomaininfo, d);
    memset(&op.u, 0xa5, sizeof(op.u));
    check_eq(dc_domctl_raw(&op), 0);
    check_eq(op.domain, d);
    check_eq(gi->domain, d);
    check_eq(gi->pad1, 0);
    check_eq(gi->flags, XEN_DOMINF_paused);
    check_eq(gi->tot_pages, 10);
    check_eq(gi->max_pages, 1024);
    check_eq(gi->outstanding_pages, 90);
    check_eq(gi->shr_pages, 0);
    check_eq(gi->paged_pages, 0);
    check_eq(gi->nr_online_vcpus, 0);
    check_eq(gi->cpupool, 0);
    check(!memcmp(gi->handle, (uint8_t[16]){ 0 }, 16));
    /* Regression: no vCPUs used to report max_vcpu_id 0. */
    check_eq(gi->max_vcpu_id, XEN_INVALID_MAX_VCPU_ID);

    op = dc_domctl(XEN_DOMCTL_getdomaininfo, 0);
    check_eq(dc_domctl_raw(&op), 0);
    check_eq(gi->domain, 0);
    check_eq(gi->tot_pages, DOM0_PAGES);
    check_eq(gi->max_pages, DOM0_PAGES);
    check_eq(gi->flags & (XEN_DOMINF_paused | XEN_DOMINF_dying), 0);
    check(gi->nr_online_vcpus >= 1);

    check_eq(dc_domctl_simple(XEN_DOMCTL_getdomaininfo, 4000), -XEN_ESRCH);
    check_eq(dc_domctl_simple(XEN_DOMCTL_getdomaininfo, DOMID_SELF),
             -XEN_ESRCH);
    destroy(d);
}

static void test_max_mem(void)
{
    xc_domaininfo_t info;
    uint32_t d = new_domain(1024, 16);

    if ( !d )
        return;
    /* KiB, rounded down to whole pages. */
    check_eq(xc_domain_setmaxmem(xch, d, 4097), 0);
    check(info_of(d, &info) && info.max_pages == 1024);
    check_eq(xc_domain_setmaxmem(xch, d, 4095), 0);
    check(info_of(d, &info) && info.max_pages == 1023);
    check_eq(xc_domain_setmaxmem(xch, d, ~0ULL), 0);
    check(info_of(d, &info) && info.max_pages == (~0ULL >> 2));

    /* Below tot_pages: allowed, nothing freed, no more allocation. */
    check_eq(xc_domain_setmaxmem(xch, d, 8 * 4), 0);
    check(info_of(d, &info) && info.max_pages == 8 && info.tot_pages == 16);
    check_eq(xc_domain_populate_physmap(xch, d, 1, 0, 0,
                                        (xen_pfn_t[]){ 100 }), 0);
    check_eq(xc_domain_setmaxmem(xch, d, 0), 0);
    check(info_of(d, &info) && info.max_pages == 0 && info.tot_pages == 16);
    check_eq(xc_domain_setmaxmem(xch, d, 17 * 4), 0);
    check_eq(xc_domain_populate_physmap(xch, d, 2, 0, 0,
                                        (xen_pfn_t[]){ 100, 101 }), 1);
    check(xc_domain_setmaxmem(xch, 4000, 4096) == -1 && errno == ESRCH);
    destroy(d);
}

static void test_pause_unpause(void)
{
    xc_domaininfo_t info;
    uint32_t d = new_domain(16, 0);

    if ( !d )
        return;
    check(info_of(d, &info) && (info.flags & XEN_DOMINF_paused));
    check_eq(xc_domain_unpause(xch, d), 0);
    check(info_of(d, &info) && !(info.flags & XEN_DOMINF_paused));
    check_eq(xc_domain_pause(xch, d), 0);
    check(info_of(d, &info) && (info.flags & XEN_DOMINF_paused));
    check_eq(xc_domain_unpause(xch, d), 0);
    /* Regression: unpausing an unpaused domain used to return 0. */
    check_eq(dc_domctl_simple(XEN_DOMCTL_unpausedomain, d), -XEN_EINVAL);

    check_eq(dc_domctl_simple(XEN_DOMCTL_pausedomain, 0), -XEN_EINVAL);
    check_eq(dc_domctl_simple(XEN_DOMCTL_unpausedomain, 0), -XEN_EINVAL);
    check_eq(dc_domctl_simple(XEN_DOMCTL_pausedomain, 4000), -XEN_ESRCH);
    check_eq(dc_domctl_simple(XEN_DOMCTL_unpausedomain, 4000), -XEN_ESRCH);
    check(info_of(0, &info) && !(info.flags & XEN_DOMINF_paused));
    destroy(d);
}

/* --- the common header checks ------------------------------------------ */

static void test_interface_version(void)
{
    struct xen_domctl op = dc_domctl(XEN_DOMCTL_getdomaininfo, 0);
    struct xen_sysctl sop = dc_sysctl(XEN_SYSCTL_physinfo);
    uint64_t free0 = free_pages();

    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION - 1;
    check_eq(dc_domctl_raw(&op), -XEN_EACCES);
    op = dc_domctl(XEN_DOMCTL_createdomain, 0);
    op.u.createdomain = dc_pv_config;
    op.interface_version = XEN_DOMCTL_INTERFACE_VERSION + 1;
    check_eq(dc_domctl_raw(&op), -XEN_EACCES);
    op.interface_version = 0;
    check_eq(dc_domctl_raw(&op), -XEN_EACCES);
    check_eq(free_pages(), free0);

    sop.interface_version = XEN_SYSCTL_INTERFACE_VERSION - 1;
    check_eq(dc_sysctl_raw(&sop), -XEN_EACCES);
    sop.interface_version = ~0U;
    check_eq(dc_sysctl_raw(&sop), -XEN_EACCES);
    sop = dc_sysctl(XEN_SYSCTL_physinfo);
    check_eq(dc_sysctl_raw(&sop), 0);
}

static void test_nonzero_pad(void)
{
    uint64_t free0 = free_pages();
    struct xen_domctl op;
    unsigned int i;

    for ( i = 0; i < 3; i++ )
    {
        op = dc_domctl(XEN_DOMCTL_getdomaininfo, 0);
        op._pad[i] = 1;
        check_eq(dc_domctl_raw(&op), -XEN_EINVAL);
        op = dc_domctl(XEN_DOMCTL_createdomain, 0);
        op.u.createdomain = dc_pv_config;
        op._pad[i] = 0x8000;
        check_eq(dc_domctl_raw(&op), -XEN_EINVAL);
    }
    check_eq(free_pages(), free0);
}

static void domu_denied(void *unused)
{
    static const uint32_t cmds[] = {
        XEN_DOMCTL_createdomain, XEN_DOMCTL_destroydomain,
        XEN_DOMCTL_pausedomain, XEN_DOMCTL_unpausedomain,
        XEN_DOMCTL_getdomaininfo, XEN_DOMCTL_max_mem, 99,
    };
    static const uint32_t scmds[] = {
        XEN_SYSCTL_physinfo, XEN_SYSCTL_numainfo, 99,
    };
    static const uint16_t targets[] = { 0, DOMU, DOMID_SELF, 4000 };
    struct xen_domctl op;
    struct xen_sysctl sop;
    unsigned int i, j;

    (void)unused;
    for ( i = 0; i < ARRAY_SIZE(cmds); i++ )
        for ( j = 0; j < ARRAY_SIZE(targets); j++ )
        {
            op = dc_domctl(cmds[i], targets[j]);
            op.u.createdomain = dc_pv_config;
            op.u.max_mem.max_memkb = 1;
            if ( !check_eq(dc_domctl_raw(&op), -XEN_EPERM) )
                printf("  domctl %u on d%u\n", cmds[i], targets[j]);
        }
    for ( i = 0; i < ARRAY_SIZE(scmds); i++ )
    {
        sop = dc_sysctl(scmds[i]);
        check_eq(dc_sysctl_raw(&sop), -XEN_EPERM);
    }
    /* The version is checked first, as in Xen. */
    op = dc_domctl(XEN_DOMCTL_getdomaininfo, DOMU);
    op.interface_version = 1;
    check_eq(dc_domctl_raw(&op), -XEN_EACCES);
}

static void test_domu_denied(void)
{
    xc_domaininfo_t info;
    uint64_t free0 = free_pages();

    as_domu(domu_denied, NULL);
    check(info_of(0, &info) && !(info.flags & XEN_DOMINF_paused));
    check(domain_gone(DOMU));
    check_eq(free_pages(), free0);
}

static void test_unknown_cmds(void)
{
    static const uint32_t cmds[] = { 0, 6, 7, 12, 91, 99, 1000, ~0U };
    static const uint32_t scmds[] = { 0, 1, 2, 4, 99, 1000, ~0U };
    struct xen_sysctl sop;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(cmds); i++ )
        if ( !check_eq(dc_domctl_simple(cmds[i], 0), -XEN_ENOSYS) )
            printf("  domctl %u\n", cmds[i]);
    /* The domain is looked up before the command is known, as in Xen. */
    check_eq(dc_domctl_simple(99, 4000), -XEN_ESRCH);
    for ( i = 0; i < ARRAY_SIZE(scmds); i++ )
    {
        sop = dc_sysctl(scmds[i]);
        if ( !check_eq(dc_sysctl_raw(&sop), -XEN_ENOSYS) )
            printf("  sysctl %u\n", scmds[i]);
    }
}

/* --- sysctl ------------------------------------------------------------- */

static void test_physinfo(void)
{
    xc_physinfo_t pi, pi2;
    unsigned long nodes0, nodes1;
    xen_pfn_t gfns[100];
    uint64_t free0;
    unsigned int i;
    uint32_t d;

    if ( !physinfo(&pi) )
        return;
    check_eq(pi.total_pages, TOTAL_PAGES);
    check_eq(pi.max_mfn, TOTAL_PAGES - 1);
    check_eq(pi.nr_nodes, NR_NODES);
    check_eq(pi.max_node_id, NR_NODES - 1);
    check_eq(pi.capabilities, XEN_SYSCTL_PHYSCAP_pv);
    check_eq(pi.outstanding_pages, 0);
    check(pi.free_pages < pi.total_pages - DOM0_PAGES);
    check(pi.free_pages > pi.total_pages - DOM0_PAGES - 64);
    check(pi.scrub_pages <= pi.free_pages);
    check(pi.nr_cpus >= 1 && pi.max_cpu_id == pi.nr_cpus - 1);

    /* Free pages move by exactly what the test allocates. */
    if ( !(d = new_domain(1024, 0)) )
        return;
    for ( i = 0; i < 100; i++ )
        gfns[i] = i;
    nodes0 = dcf_p2m_nodes(d);
    free0 = free_pages();
    check_eq(xc_domain_populate_physmap_exact(xch, d, 100, 0, 0, gfns), 0);
    check_eq(xc_domain_increase_reservation_exact(xch, d, 100, 0, 0, NULL),
             0);
    check_eq(xc_domain_populate_physmap_exact(xch, d, 1, 9, 0,
                                              (xen_pfn_t[]){ 512 }), 0);
    nodes1 = dcf_p2m_nodes(d);
    check(nodes1 > nodes0);
    check_eq(free0 - free_pages(), 712 + (nodes1 - nodes0));

    /* A claim moves outstanding pages, not free ones. */
    check_eq(xc_domain_claim_pages(xch, d, 900), 0);
    if ( physinfo(&pi2) )
    {
        check_eq(pi2.outstanding_pages, 900 - 712);
        check_eq(free0 - pi2.free_pages, 712 + (nodes1 - nodes0));
    }
    destroy(d);
    if ( physinfo(&pi2) )
    {
        check_eq(pi2.outstanding_pages, 0);
        check(pi2.scrub_pages >= 712);
        check(pi2.scrub_pages <= pi2.free_pages);
    }
}

static void test_numainfo(void)
{
    struct xen_sysctl_numainfo ni;
    xen_sysctl_meminfo_t mi[4];
    uint32_t dist[16];
    uint64_t size = 0, free = 0;
    xc_physinfo_t pi;
    unsigned int i;

    check_eq(dc_numainfo(0, false, false, &ni, NULL, NULL), 0);
    check_eq(ni.num_nodes, NR_NODES);
    check_eq(dc_numainfo(7, false, false, &ni, NULL, NULL), 0);
    check_eq(ni.num_nodes, NR_NODES);
    check_eq(dc_numainfo(1, true, true, &ni, NULL, NULL), -XEN_ENOBUFS);
    check_eq(ni.num_nodes, NR_NODES);
    check_eq(dc_numainfo(0, true, true, &ni, NULL, NULL), -XEN_ENOBUFS);
    check_eq(ni.num_nodes, NR_NODES);

    memset(mi, 0xff, sizeof(mi));
    memset(dist, 0xff, sizeof(dist));
    check_eq(dc_numainfo(NR_NODES, true, true, &ni, mi, dist), 0);
    check_eq(ni.num_nodes, NR_NODES);
    if ( !physinfo(&pi) )
        return;
    for ( i = 0; i < NR_NODES; i++ )
    {
        check_eq(mi[i].memsize, (TOTAL_PAGES / NR_NODES) << XC_PAGE_SHIFT);
        check(mi[i].memfree <= mi[i].memsize);
        size += mi[i].memsize;
        free += mi[i].memfree;
    }
    check_eq(size, pi.total_pages << XC_PAGE_SHIFT);
    check_eq(free, pi.free_pages << XC_PAGE_SHIFT);
    check_eq(dist[0], 10);
    check_eq(dist[1], 20);
    check_eq(dist[2], 20);
    check_eq(dist[3], 10);
}

static void test_bad_handles(void)
{
    static const unsigned long bad[] = {
        0, 0x1000, 0xffff800000000000UL, ~0UL - 15,
    };
    struct xen_sysctl op;
    struct xen_domctl dop;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        check_eq(hosted_hypercall(__HYPERVISOR_domctl, bad[i], 0, 0, 0, 0),
                 -XEN_EFAULT);
        check_eq(hosted_hypercall(__HYPERVISOR_sysctl, bad[i], 0, 0, 0, 0),
                 -XEN_EFAULT);
    }
    /* numainfo with arrays the hypervisor cannot write. */
    op = dc_sysctl(XEN_SYSCTL_numainfo);
    op.u.numainfo.num_nodes = NR_NODES;
    set_xen_guest_handle_raw(op.u.numainfo.meminfo, (void *)0x1000);
    set_xen_guest_handle_raw(op.u.numainfo.distance, (void *)0x1000);
    check_eq(dc_sysctl_raw(&op), -XEN_EFAULT);

    /* The copy back of the result faults (access 1 in, access 2 out). */
    dop = dc_domctl(XEN_DOMCTL_getdomaininfo, 0);
    hosted_inject_copy_fault(2);
    check_eq(dc_domctl_raw(&dop), -XEN_EFAULT);
    hosted_inject_copy_fault(0);
    op = dc_sysctl(XEN_SYSCTL_physinfo);
    hosted_inject_copy_fault(2);
    check_eq(dc_sysctl_raw(&op), -XEN_EFAULT);
    hosted_inject_copy_fault(0);
    op = dc_sysctl(XEN_SYSCTL_physinfo);
    hosted_inject_copy_fault(1);
    check_eq(dc_sysctl_raw(&op), -XEN_EFAULT);
    hosted_inject_copy_fault(0);
}

/*
 * vcpu_op on the hosted arch: the common range check and command
 * decode, and the hosted answers (vCPUs are threads: no initialise, up,
 * down; a slot is up while a thread is attached).  set_segment_base has
 * nothing to set here.
 */
static void test_vcpu_op(void)
{
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 0, 0, 0,
                              0), 1);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 31, 0, 0,
                              0), 0);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_is_up, 32, 0, 0,
                              0), -XEN_ENOENT);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_up, ~0UL, 0, 0,
                              0), -XEN_ENOENT);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_initialise, 1,
                              0x1000, 0, 0), -XEN_EOPNOTSUPP);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_up, 1, 0, 0, 0),
             -XEN_EOPNOTSUPP);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_down, 0, 0, 0,
                              0), -XEN_EOPNOTSUPP);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_down, 1, 0, 0,
                              0), -XEN_EINVAL);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, VCPUOP_send_nmi, 0, 0,
                              0, 0), -XEN_ENOSYS);
    check_eq(hosted_hypercall(__HYPERVISOR_vcpu_op, 12345, 0, 0, 0, 0),
             -XEN_ENOSYS);
    check_eq(hosted_hypercall(__HYPERVISOR_set_segment_base, SEGBASE_FS,
                              0x40000000UL, 0, 0, 0), -XEN_EOPNOTSUPP);
}

/* --- many toolstack threads -------------------------------------------- */

#define NR_THREADS      4

static void test_concurrent_lifecycle(void)
{
    struct dc_worker w[NR_THREADS];
    xc_domaininfo_t list[8];
    xc_physinfo_t pi;
    uint64_t free0 = free_pages();
    unsigned int i;

    memset(w, 0, sizeof(w));
    hosted_force_preempt(5);
    for ( i = 0; i < NR_THREADS; i++ )
        check_eq(pthread_create(&w[i].thread, NULL, dc_worker_main, &w[i]), 0);
    for ( i = 0; i < NR_THREADS; i++ )
    {
        pthread_join(w[i].thread, NULL);
        if ( !check_eq(w[i].done, DC_ROUNDS_PER_WORKER) )
            printf("  thread %u: %s\n", i, w[i].error);
    }
    hosted_force_preempt(0);

    check_eq(xc_domain_getinfolist(xch, 0, 8, list), 1);
    if ( physinfo(&pi) )
    {
        check_eq(pi.free_pages, free0);
        check_eq(pi.outstanding_pages, 0);
    }
    check_eq(hosted_heap_audit(), 0);
}

/*
 * Regression: two toolstack threads destroying the same domain at once
 * used to run domain_kill() concurrently and free the same frames twice
 * (ASSERT 'pg[i].owner == d' in free_domheap_pages(), or a NULL list_del).
 * domain_kill() now takes d->kill_lock for each leg.
 */
static void test_concurrent_destroy_same_domain(void)
{
    uint64_t free0 = free_pages();
    unsigned int round, i;
    pthread_t t[2];

    for ( round = 0; round < 50; round++ )
    {
        struct dc_double_destroy dd = { .domid = new_domain(4096, 2048) };

        if ( !dd.domid )
            return;
        pthread_barrier_init(&dd.start, NULL, 2);
        for ( i = 0; i < 2; i++ )
            pthread_create(&t[i], NULL, dc_destroy_racer, &dd);
        for ( i = 0; i < 2; i++ )
            pthread_join(t[i], NULL);
        pthread_barrier_destroy(&dd.start);
        /* One destroy did it; the other did too, or found it gone. */
        check(!dd.rc[0] || !dd.rc[1]);
        for ( i = 0; i < 2; i++ )
            check(!dd.rc[i] || dd.err[i] == ESRCH);
        check(domain_gone(dd.domid));
    }
    check_eq(free_pages(), free0);
}

/* Each test is followed by a heap and claims audit (harness_after_each). */
#define RUN(fn) RUN_TEST(fn)

int main(void)
{
    harness_after_each = harness_heap_audit;
    if ( hosted_boot(BOOT_CMDLINE) )
    {
        printf("cannot boot the hosted hypervisor\n");
        return 1;
    }
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch )
    {
        printf("cannot open libxenctrl\n");
        return 1;
    }
    dc_xch = xch;

    RUN(test_create_any_domid);
    RUN(test_create_explicit_domid);
    RUN(test_create_bad_config);
    RUN(test_destroy_releases_memory);
    RUN(test_destroy_errors);
    RUN(test_destroy_preempted);
    RUN(test_destroy_dying_domain);
    RUN(test_getdomaininfo_fields);
    RUN(test_max_mem);
    RUN(test_pause_unpause);
    RUN(test_interface_version);
    RUN(test_nonzero_pad);
    RUN(test_domu_denied);
    RUN(test_unknown_cmds);
    RUN(test_physinfo);
    RUN(test_numainfo);
    RUN(test_bad_handles);
    RUN(test_vcpu_op);
    RUN(test_concurrent_lifecycle);
    RUN(test_concurrent_destroy_same_domain);

    xc_interface_close(xch);
    return harness_report();
}
