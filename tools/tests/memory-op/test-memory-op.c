/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test-memory-op: every XENMEM_* subop of __HYPERVISOR_memory_op
 * (xen/common/memory.c) and its error paths, mostly through raw
 * hypercalls whose argument structs are written field by field into
 * hypercall buffers (memory-op-util.c), with memory-op-fixture.c reading
 * the p2m and frame table to see what the calls really did.
 *
 * The hypervisor runs in-process with 2 GiB in two NUMA nodes of 1 GiB,
 * so node 1 is exactly the memory above the 30-bit line.  Calls "as a
 * domU" run in a thread attached to domain DOMU, whose hypercall
 * buffers live in its own gfns 0..15.  Every test destroys what it
 * created; main() audits the heap after each.
 */
#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>

#include "harness.h"
#include "hosted-api.h"
#include "memory-op-fixture.h"
#include "memory-op-util.h"

#include <xen/errno.h>

#define BOOT_CMDLINE    "mem=2G numa=2 dom0_mem=16M"
#define NR_NODES        2
#define LOW_30_MFNS     (1UL << (30 - XC_PAGE_SHIFT))  /* mfns below 1 GiB */

/* The id of every domain that makes hypercalls itself. */
#define DOMU            7

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define POPULATE        XENMEM_populate_physmap
#define INCREASE        XENMEM_increase_reservation
#define DECREASE        XENMEM_decrease_reservation
#define WITH_START(op, k) ((unsigned long)(op) | ((unsigned long)(k) << 6))

/* A new domain with no memory beyond gfns [0, nr); 0 on failure. */
static uint32_t new_domain(unsigned long max_pages, unsigned long nr)
{
    uint32_t domid = 0;
    int rc = mo_domain_create(0, max_pages, nr, &domid);

    if ( rc )
        fail("cannot create a domain: %d", rc);
    return rc ? 0 : domid;
}

/* The acting domU, with its buffer gfns populated; false on failure. */
static bool new_domu(unsigned long max_pages)
{
    uint32_t domid;
    int rc = mo_domain_create(DOMU, max_pages, MO_DOMU_BUF_PAGES, &domid);

    if ( rc )
        fail("cannot create d%u: %d", DOMU, rc);
    return !rc;
}

static void destroy(uint32_t domid)
{
    int rc = mo_domain_destroy(domid);

    if ( rc )
        fail("cannot destroy d%u: %d", domid, rc);
}

static void run_as_domu(void (*fn)(void *), void *arg)
{
    int rc = mo_as_domain(DOMU, fn, arg);

    if ( rc )
        fail("cannot act as d%u: %d", DOMU, rc);
}

/* --- populate_physmap ---------------------------------------------- */

static void test_populate_order_0(void)
{
    xen_pfn_t gfns[8] = { 0, 1, 2, 3, 100, 101, 4096, 70000 };
    unsigned long mfn[8];
    uint32_t d = new_domain(64, 0);
    unsigned int i, j;

    if ( !d )
        return;
    check_eq(mo_resv(POPULATE, d, gfns, 8, 0, 0), 8);
    check_eq(mo_tot_pages(d), 8);
    check_eq(mof_p2m_entries(d), 8);
    for ( i = 0; i < 8; i++ )
    {
        mfn[i] = mof_p2m_lookup(d, gfns[i]);
        if ( !check(mfn[i] != MOF_NO_MFN) )
            continue;
        check_eq(mof_frame_state(mfn[i]), d);
        check(mof_frame_is(mfn[i], 0));
        for ( j = 0; j < i; j++ )
            check(mfn[j] != mfn[i]);
    }
    check_eq(mof_p2m_lookup(d, 4), MOF_NO_MFN);

    /* The library's wrapper reports the same count. */
    mo_gfn_range(gfns, 4, 200, 1);
    check_eq(xc_domain_populate_physmap(mo_xch, d, 4, 0, 0, gfns), 4);
    check_eq(mo_tot_pages(d), 12);
    destroy(d);
}

static void test_populate_order_9(void)
{
    xen_pfn_t gfns[2] = { 512, 1536 };
    uint32_t d = new_domain(2048, 0);

    if ( !d )
        return;
    check_eq(mo_resv(POPULATE, d, gfns, 2, 9, 0), 2);
    check_eq(mo_tot_pages(d), 1024);
    check_eq(mof_p2m_entries(d), 1024);
    check(mo_extent_contiguous(d, 512, 9));
    check(mo_extent_contiguous(d, 1536, 9));
    check_eq(mo_nr_mapped(d, 1024, 512), 0);
    check_eq(xc_domain_populate_physmap_exact(mo_xch, d, 1, 9, 0,
                                              (xen_pfn_t[]){ 0 }), 0);
    check(mo_extent_contiguous(d, 0, 9));
    check_eq(mo_tot_pages(d), 1536);
    destroy(d);
}

static void test_populate_same_gfn_twice(void)
{
    xen_pfn_t first[2] = { 10, 11 }, again[3] = { 12, 10, 13 };
    uint32_t d = new_domain(1024, 0);
    unsigned long mfn10;

    if ( !d )
        return;
    check_eq(mo_resv(POPULATE, d, first, 2, 0, 0), 2);
    mfn10 = mof_p2m_lookup(d, 10);
    check_eq(mo_resv(POPULATE, d, again, 3, 0, 0), 1);
    check_eq(mof_p2m_lookup(d, 10), mfn10);
    check(mof_p2m_lookup(d, 12) != MOF_NO_MFN);
    check_eq(mof_p2m_lookup(d, 13), MOF_NO_MFN);
    /* The frame allocated for the refused extent was given back. */
    check_eq(mo_tot_pages(d), 3);

    /* An order-9 extent over a mapped gfn is refused whole. */
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 0 }, 1, 9, 0), 0);
    check_eq(mo_tot_pages(d), 3);
    check_eq(mof_p2m_entries(d), 3);
    destroy(d);
}

static void test_populate_beyond_p2m(void)
{
    unsigned long max = mof_p2m_max_gfn();
    uint32_t d = new_domain(4096, 0);

    if ( !d )
        return;
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ max + 1 }, 1, 0, 0), 0);
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ ~0UL }, 1, 0, 0), 0);
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ max - 255 }, 1, 9, 0), 0);
    check_eq(mo_tot_pages(d), 0);

    /* The last gfn and the last aligned order-9 extent are fine. */
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ max }, 1, 0, 0), 1);
    check(mof_p2m_lookup(d, max) != MOF_NO_MFN);
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ max - 1023 }, 1, 9, 0), 1);
    check(mo_extent_contiguous(d, max - 1023, 9));
    check_eq(mo_tot_pages(d), 513);
    destroy(d);
}

static void populate_max_order_domu(void *target)
{
    uint32_t other = *(uint32_t *)target;

    check_eq(mo_resv(POPULATE, DOMID_SELF, (xen_pfn_t[]){ 512 }, 1, 9, 0),
             1);
    check_eq(mo_resv(POPULATE, DOMID_SELF, (xen_pfn_t[]){ 1024 }, 1, 10, 0),
             0);
    check_eq(mo_resv(INCREASE, DOMID_SELF, NULL, 1, 10, 0), 0);
    /* Its own id works as DOMID_SELF does; another domain's does not. */
    check_eq(mo_resv(POPULATE, DOMU, (xen_pfn_t[]){ 100 }, 1, 0, 0), 1);
    check_eq(mo_resv(POPULATE, other, (xen_pfn_t[]){ 5000 }, 1, 0, 0), 0);
    check_eq(mo_resv(INCREASE, other, NULL, 1, 0, 0), 0);
}

static void test_populate_max_order(void)
{
    uint32_t d = new_domain(MO_NO_LIMIT, 0);

    if ( !d )
        return;
    /* dom0, the hardware domain, may go to order 12 and no further. */
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 0 }, 1, 12, 0), 1);
    check(mo_extent_contiguous(d, 0, 12));
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 8192 }, 1, 13, 0), 0);
    check_eq(mo_resv(INCREASE, d, NULL, 1, 13, 0), 0);
    check_eq(mo_tot_pages(d), 4096);

    /* An ordinary domain: order 9 (2 MiB) at most. */
    if ( new_domu(4096) )
    {
        run_as_domu(populate_max_order_domu, &d);
        check_eq(mo_tot_pages(DOMU), MO_DOMU_BUF_PAGES + 512 + 1);
        check_eq(mo_tot_pages(d), 4096);
        check_eq(mof_p2m_lookup(d, 5000), MOF_NO_MFN);
        destroy(DOMU);
    }
    destroy(d);
}

static void test_populate_nr_extents_limit(void)
{
    uint32_t d = new_domain(64, 0);
    xen_pfn_t gfn = 5;

    if ( !d )
        return;
    /* More extents than a continuation can encode: nothing is done. */
    check_eq(mo_reservation(POPULATE, d, &gfn, 1, (UINT_MAX >> 6) + 1, 0,
                            0), 0);
    check_eq(mo_reservation(POPULATE, d, &gfn, 1, ULONG_MAX, 0, 0), 0);
    check_eq(mo_reservation(INCREASE, d, NULL, 0, (UINT_MAX >> 6) + 1, 0,
                            0), 0);
    check_eq(mo_tot_pages(d), 0);
    /* nr_extents 0 is an empty success. */
    check_eq(mo_reservation(POPULATE, d, &gfn, 1, 0, 0, 0), 0);
    check_eq(mo_reservation(POPULATE, d, &gfn, 1, 1, 0, 0), 1);
    check_eq(mo_tot_pages(d), 1);
    destroy(d);
}

static void test_populate_bad_flags(void)
{
    static const unsigned int bad[] = {
        1U << 19, 1U << 31, XENMEMF_populate_on_demand, XENMEMF_vnode,
        XENMEMF_address_bits(1), XENMEMF_address_bits(12),
        XENMEMF_node(NR_NODES), XENMEMF_exact_node(NR_NODES),
        XENMEMF_node(254),
    };
    uint32_t d = new_domain(64, 0);
    unsigned int i;

    if ( !d )
        return;
    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        if ( !check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ i }, 1, 0,
                               bad[i]), 0) )
            printf("  mem_flags %#x accepted\n", bad[i]);
        check_eq(mo_resv(INCREASE, d, NULL, 1, 0, bad[i]), 0);
    }
    check_eq(mo_tot_pages(d), 0);

    /* No limit, or one that any frame meets, is fine. */
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 1 }, 1, 0,
                     XENMEMF_address_bits(0)), 1);
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 2 }, 1, 0,
                     XENMEMF_address_bits(40)), 1);
    check_eq(mo_tot_pages(d), 2);
    destroy(d);
}

/* Junk in the implicit padding is ignored, as Xen ignores it. */
static void test_populate_pad_ignored(void)
{
    struct xen_memory_reservation r = {
        .nr_extents = 1, .domid = 0, ._pad = { 0xdead, 0xbeef, 0xffff },
    };
    uint32_t d = new_domain(64, 0);
    uint64_t list = hosted_buf_alloc(sizeof(xen_pfn_t));

    if ( !d || !check(list) )
        goto out;
    r.domid = (uint16_t)d;
    hosted_buf_write(list, &(xen_pfn_t){ 3 }, sizeof(xen_pfn_t));
    mo_set_extents(&r, list);
    check_eq(mo_memop(POPULATE, &r, sizeof(r)), 1);
    check(mof_p2m_lookup(d, 3) != MOF_NO_MFN);
 out:
    if ( list )
        hosted_buf_free(list, sizeof(xen_pfn_t));
    if ( d )
        destroy(d);
}

static void test_populate_address_bits(void)
{
    uint32_t d = new_domain(2048, 0);
    xen_pfn_t gfns[16];
    unsigned long mfn, i, high = 0;

    if ( !d )
        return;
    mo_gfn_range(gfns, 16, 0, 1);
    check_eq(mo_resv(POPULATE, d, gfns, 16, 0, XENMEMF_address_bits(30)),
             16);
    for ( i = 0; i < 16; i++ )
        check(mof_p2m_lookup(d, i) < LOW_30_MFNS);
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 512 }, 1, 9,
                     XENMEMF_address_bits(30)), 1);
    check(mof_p2m_lookup(d, 512 + 511) < LOW_30_MFNS);

    /* Without the limit, some frames do come from above 1 GiB. */
    mo_gfn_range(gfns, 16, 16, 1);
    check_eq(mo_resv(POPULATE, d, gfns, 16, 0, 0), 16);
    for ( i = 16; i < 32; i++ )
    {
        mfn = mof_p2m_lookup(d, i);
        high += mfn != MOF_NO_MFN && mfn >= LOW_30_MFNS;
    }
    check(high > 0);

    /* Node 1 lies wholly above 1 GiB: both together cannot be met. */
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 100 }, 1, 0,
                     XENMEMF_address_bits(30) | XENMEMF_exact_node(1)), 0);
    check_eq(mo_tot_pages(d), 16 + 512 + 16);
    destroy(d);
}

static void test_populate_exact_node(void)
{
    uint32_t d = new_domain(2048, 0);
    xc_physinfo_t pi;
    xen_pfn_t gfns[8];
    int node;

    if ( !d )
        return;
    check(!mo_physinfo(&pi) && pi.nr_nodes == NR_NODES);
    for ( node = 0; node < NR_NODES; node++ )
    {
        mo_gfn_range(gfns, 8, node * 8, 1);
        check_eq(mo_resv(POPULATE, d, gfns, 8, 0, XENMEMF_exact_node(node)),
                 8);
        check_eq(mo_nr_on_node(d, node * 8, 8, node), 8);
        check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 512 * (node + 1) }, 1,
                         9, XENMEMF_exact_node(node)), 1);
        check_eq(mo_nr_on_node(d, 512 * (node + 1), 512, node), 512);
    }
    /* A plain hint is followed when the node has memory. */
    mo_gfn_range(gfns, 8, 100, 1);
    check_eq(mo_resv(POPULATE, d, gfns, 8, 0, XENMEMF_node(1)), 8);
    check_eq(mo_nr_on_node(d, 100, 8, 1), 8);
    check_eq(mo_tot_pages(d), 8 + 512 + 8 + 512 + 8);
    destroy(d);
}

static void populate_node_domu(void *unused)
{
    xen_pfn_t gfns[8];

    (void)unused;
    mo_gfn_range(gfns, 8, 100, 1);
    check_eq(mo_resv(POPULATE, DOMID_SELF, gfns, 8, 0, XENMEMF_node(1)), 8);
    check_eq(mo_resv(POPULATE, DOMID_SELF, (xen_pfn_t[]){ 200 }, 1, 0,
                     XENMEMF_exact_node(1)), 0);
    check_eq(mo_resv(POPULATE, DOMID_SELF, (xen_pfn_t[]){ 201 }, 1, 0,
                     XENMEMF_exact_node(0)), 0);
}

static void test_populate_node_from_domu(void)
{
    if ( !new_domu(1024) )
        return;
    run_as_domu(populate_node_domu, NULL);
    /* The hint was ignored: the frames are spread, not all on node 1. */
    check_eq(mo_nr_mapped(DOMU, 100, 8), 8);
    check(mo_nr_on_node(DOMU, 100, 8, 1) < 8);
    check_eq(mo_nr_mapped(DOMU, 200, 2), 0);
    check_eq(mo_tot_pages(DOMU), MO_DOMU_BUF_PAGES + 8);
    destroy(DOMU);
}

static void test_populate_bad_extent_pointer(void)
{
    uint64_t base = mof_guest_linear_base();
    const uint64_t bad[] = {
        0, 0x1000, base - 8, base + (1UL << 30), 0xffff800000000000UL,
        ~0UL - 7, base + (mof_p2m_max_gfn() << XC_PAGE_SHIFT),
    };
    uint32_t d = new_domain(64, 1);
    unsigned int i;

    if ( !d )
        return;
    for ( i = 0; i < ARRAY_SIZE(bad); i++ )
    {
        if ( !check_eq(mo_populate_at(d, bad[i], 4), 0) )
            printf("  extent_start %#lx\n", (unsigned long)bad[i]);
        check_eq(mo_resv_at(DECREASE, d, bad[i], 1), 0);
    }
    check_eq(mo_tot_pages(d), 1);

    /* A bad argument pointer: the start extent comes back. */
    check_eq(hosted_hypercall(__HYPERVISOR_memory_op, POPULATE, 0x1000,
                              0, 0, 0), 0);
    check_eq(hosted_hypercall(__HYPERVISOR_memory_op, WITH_START(POPULATE, 3),
                              0xffff800000000000UL, 0, 0, 0), 3);
    check_eq(hosted_hypercall(__HYPERVISOR_memory_op, INCREASE, 0, 0, 0, 0),
             0);
    check_eq(mo_tot_pages(d), 1);
    destroy(d);
}

/* The extent list runs from the domU's last buffer page into a hole. */
static void extent_list_into_hole_domu(void *unused)
{
    uint64_t end = mof_guest_linear_base() +
                   ((uint64_t)MO_DOMU_BUF_PAGES << XC_PAGE_SHIFT);
    xen_pfn_t gfns[2] = { 100, 101 };

    (void)unused;
    check(!hosted_buf_write(end - sizeof(gfns), gfns, sizeof(gfns)));
    check_eq(mo_populate_at(DOMID_SELF, end - sizeof(gfns), 4), 2);
    check_eq(mo_populate_at(DOMID_SELF, end, 4), 0);
}

static void test_extent_list_into_unmapped_page(void)
{
    if ( !new_domu(64) )
        return;
    run_as_domu(extent_list_into_hole_domu, NULL);
    check_eq(mo_nr_mapped(DOMU, 100, 2), 2);
    check_eq(mo_tot_pages(DOMU), MO_DOMU_BUF_PAGES + 2);
    destroy(DOMU);
}

static void test_copy_fault_mid_list(void)
{
    uint32_t d = new_domain(64, 0);
    xen_pfn_t gfns[8];
    long rc;

    if ( !d )
        return;
    mo_gfn_range(gfns, 8, 0, 1);
    /* Guest accesses: 1 for the struct, then one per extent. */
    hosted_inject_copy_fault(2 + 5);
    rc = mo_resv(POPULATE, d, gfns, 8, 0, 0);
    hosted_inject_copy_fault(0);
    check_eq(rc, 5);
    check_eq(mo_nr_mapped(d, 0, 8), 5);
    check_eq(mof_p2m_lookup(d, 5), MOF_NO_MFN);
    check_eq(mo_tot_pages(d), 5);

    hosted_inject_copy_fault(1);
    rc = mo_resv(POPULATE, d, gfns + 5, 3, 0, 0);
    hosted_inject_copy_fault(0);
    check_eq(rc, 0);
    check_eq(mo_tot_pages(d), 5);

    hosted_inject_copy_fault(2 + 2);
    rc = mo_resv(DECREASE, d, gfns, 5, 0, 0);
    hosted_inject_copy_fault(0);
    check_eq(rc, 2);
    check_eq(mo_nr_mapped(d, 0, 8), 3);
    check_eq(mo_tot_pages(d), 3);
    destroy(d);
}

static void test_max_pages_enforced(void)
{
    uint32_t d = new_domain(10, 0);
    xen_pfn_t gfns[16];

    if ( !d )
        return;
    mo_gfn_range(gfns, 16, 0, 1);
    check_eq(mo_resv(POPULATE, d, gfns, 16, 0, 0), 10);
    check_eq(mo_tot_pages(d), 10);
    check_eq(mo_nr_mapped(d, 0, 16), 10);
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 512 }, 1, 9, 0), 0);
    check_eq(mo_resv(INCREASE, d, NULL, 1, 0, 0), 0);

    /* Raise the limit: the rest goes in. */
    check_eq(mo_set_max_pages(d, 16), 0);
    check_eq(mo_resv(POPULATE, d, gfns + 10, 6, 0, 0), 6);
    check_eq(mo_tot_pages(d), 16);

    /* A limit below the current size: nothing freed, nothing more. */
    check_eq(mo_set_max_pages(d, 4), 0);
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 20 }, 1, 0, 0), 0);
    check_eq(mo_tot_pages(d), 16);
    destroy(d);
}

/* --- increase / decrease_reservation -------------------------------- */

static void test_increase_reservation(void)
{
    uint32_t d = new_domain(2048, 0);
    xc_physinfo_t before, after;

    if ( !d )
        return;
    check_eq(mo_physinfo(&before), 0);
    check_eq(mo_resv(INCREASE, d, NULL, 8, 0, 0), 8);
    check_eq(mo_tot_pages(d), 8);
    check_eq(mof_p2m_entries(d), 0);
    check_eq(mo_resv(INCREASE, d, NULL, 2, 9, 0), 2);
    check_eq(mo_tot_pages(d), 8 + 1024);
    check_eq(mof_p2m_entries(d), 0);
    check_eq(mo_physinfo(&after), 0);
    check_eq(before.free_pages - after.free_pages, 8 + 1024);

    check_eq(xc_domain_increase_reservation_exact(mo_xch, d, 4, 0, 0, NULL),
             0);
    check_eq(mo_tot_pages(d), 1036);
    /* max_pages stops it part-way. */
    check_eq(mo_resv(INCREASE, d, NULL, 2048, 0, 0), 2048 - 1036);
    check_eq(mo_tot_pages(d), 2048);
    destroy(d);
}

static void test_decrease_reservation(void)
{
    uint32_t d = new_domain(4096, 8);
    unsigned long mfn[4], i;
    xen_pfn_t gfns[4] = { 0, 1, 2, 3 };

    if ( !d )
        return;
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 512 }, 1, 9, 0), 1);
    for ( i = 0; i < 4; i++ )
    {
        mfn[i] = mof_p2m_lookup(d, i);
        mof_frame_fill(mfn[i], 0x5a);
    }
    check_eq(mo_resv(DECREASE, d, gfns, 4, 0, 0), 4);
    check_eq(mo_tot_pages(d), 4 + 512);
    check_eq(mo_nr_mapped(d, 0, 8), 4);
    /* Freed frames wait for a scrub; once scrubbed they are zero. */
    for ( i = 0; i < 4; i++ )
        check_eq(mof_frame_state(mfn[i]), MOF_FRAME_DIRTY);
    check(mof_scrub() >= 4);
    for ( i = 0; i < 4; i++ )
    {
        check_eq(mof_frame_state(mfn[i]), MOF_FRAME_FREE);
        check(mof_frame_is(mfn[i], 0));
    }

    /* An unpopulated gfn stops the call there. */
    check_eq(mo_resv(DECREASE, d, (xen_pfn_t[]){ 4, 40, 5 }, 3, 0, 0), 1);
    check_eq(mof_p2m_lookup(d, 4), MOF_NO_MFN);
    check(mof_p2m_lookup(d, 5) != MOF_NO_MFN);
    check_eq(mo_resv(DECREASE, d, (xen_pfn_t[]){ mof_p2m_max_gfn() + 1 }, 1,
                     0, 0), 0);

    /* A whole order-9 extent. */
    check_eq(mo_resv(DECREASE, d, (xen_pfn_t[]){ 512 }, 1, 9, 0), 1);
    check_eq(mo_nr_mapped(d, 512, 512), 0);
    check_eq(mo_tot_pages(d), 3);

    check_eq(xc_domain_decrease_reservation_exact(mo_xch, d, 2, 0,
                                                  (xen_pfn_t[]){ 6, 7 }), 0);
    check_eq(mo_tot_pages(d), 1);
    check_eq(mof_p2m_entries(d), 1);
    destroy(d);
}

/* --- continuations --------------------------------------------------- */

static void preempted_batch(unsigned int every)
{
    uint32_t d = new_domain(1024, 0);
    unsigned long checks;
    xen_pfn_t gfns[64];

    if ( !d )
        return;
    mo_gfn_range(gfns, 64, 0, 3);
    checks = mof_preempt_checks();
    hosted_force_preempt(every);
    check_eq(mo_resv(POPULATE, d, gfns, 64, 0, 0), 64);
    check_eq(mo_resv(INCREASE, d, NULL, 32, 0, 0), 32);
    check_eq(mo_resv(DECREASE, d, gfns, 32, 0, 0), 32);
    hosted_force_preempt(0);
    /* One check between extents: 63 + 31 + 31 of them. */
    check_eq(mof_preempt_checks() - checks, 63 + 31 + 31);
    check_eq(mo_nr_mapped(d, 0, 64 * 3), 32);
    check_eq(mof_p2m_lookup(d, 32 * 3) != MOF_NO_MFN, 1);
    check_eq(mo_tot_pages(d), 64 + 32 - 32);
    destroy(d);
}

/* Preempted at every extent boundary, and at every 7th check. */
static void test_continuations(void)
{
    preempted_batch(1);
    preempted_batch(7);
}

static void test_start_extent_in_cmd(void)
{
    uint32_t d = new_domain(64, 0);
    xen_pfn_t gfns[8];

    if ( !d )
        return;
    mo_gfn_range(gfns, 8, 0, 1);
    /* Xen's continuation encoding: start at k, return k + done. */
    check_eq(mo_resv(WITH_START(POPULATE, 3), d, gfns, 8, 0, 0), 8);
    check_eq(mo_nr_mapped(d, 0, 3), 0);
    check_eq(mo_nr_mapped(d, 3, 5), 5);
    check_eq(mo_tot_pages(d), 5);
    check_eq(mo_resv(WITH_START(POPULATE, 8), d, gfns, 8, 0, 0), 8);
    check_eq(mo_resv(WITH_START(POPULATE, 20), d, gfns, 8, 0, 0), 20);
    check_eq(mo_resv(WITH_START(INCREASE, 1), d, NULL, 3, 0, 0), 3);
    check_eq(mo_tot_pages(d), 7);
    check_eq(mo_resv(WITH_START(DECREASE, 2), d, gfns + 3, 4, 0, 0), 4);
    check_eq(mo_nr_mapped(d, 3, 5), 3);
    check(mof_p2m_lookup(d, 4) != MOF_NO_MFN);
    check_eq(mof_p2m_lookup(d, 5), MOF_NO_MFN);
    check_eq(mo_tot_pages(d), 5);

    /* With preemption on top, the count still includes the start. */
    mo_gfn_range(gfns, 8, 8, 1);
    hosted_force_preempt(1);
    check_eq(mo_resv(WITH_START(POPULATE, 2), d, gfns, 8, 0, 0), 8);
    hosted_force_preempt(0);
    check_eq(mo_nr_mapped(d, 8, 2), 0);
    check_eq(mo_nr_mapped(d, 10, 6), 6);
    check_eq(mo_tot_pages(d), 11);
    destroy(d);
}

/* --- queries ---------------------------------------------------------- */

static void queries_domu(void *other)
{
    uint16_t dom0 = *(uint16_t *)other;

    check_eq(mo_query(XENMEM_current_reservation, DOMID_SELF),
             MO_DOMU_BUF_PAGES);
    check_eq(mo_query(XENMEM_current_reservation, DOMU), MO_DOMU_BUF_PAGES);
    check_eq(mo_query(XENMEM_maximum_reservation, DOMID_SELF), 300);
    check_eq(mo_query(XENMEM_current_reservation, dom0), -XEN_EPERM);
    check_eq(mo_query(XENMEM_maximum_reservation, dom0), -XEN_EPERM);
    check_eq(mo_query(XENMEM_current_reservation, 4000), -XEN_ESRCH);
}

static void test_reservation_queries(void)
{
    xc_domaininfo_t info0;
    uint16_t dom0 = 0;
    uint32_t d = new_domain(300, 7);

    if ( !d || !check_eq(mo_domain_info(0, &info0), 0) )
        goto out;
    check_eq(mo_query(XENMEM_current_reservation, DOMID_SELF), info0.tot_pages);
    check_eq(mo_query(XENMEM_current_reservation, 0), info0.tot_pages);
    check_eq(mo_query(XENMEM_maximum_reservation, DOMID_SELF), info0.max_pages);
    check_eq(mo_query(XENMEM_current_reservation, d), 7);
    check_eq(mo_query(XENMEM_maximum_reservation, d), 300);
    check_eq(mo_query(XENMEM_current_reservation, 4000), -XEN_ESRCH);
    check_eq(mo_query(XENMEM_maximum_reservation, DOMID_IO), -XEN_ESRCH);
    check_eq(mo_query(WITH_START(XENMEM_current_reservation, 1), d),
             -XEN_EINVAL);
    check_eq(hosted_hypercall(__HYPERVISOR_memory_op,
                              XENMEM_current_reservation, 0x1000, 0, 0, 0),
             -XEN_EFAULT);
    check_eq(hosted_hypercall(__HYPERVISOR_memory_op,
                              XENMEM_maximum_reservation, 0, 0, 0, 0),
             -XEN_EFAULT);

    if ( new_domu(300) )
    {
        run_as_domu(queries_domu, &dom0);
        destroy(DOMU);
    }
 out:
    if ( d )
        destroy(d);
}

static void maximum_ram_page_domu(void *expected)
{
    check_eq(mo_memop(XENMEM_maximum_ram_page, NULL, 0), *(long *)expected);
}

static void test_maximum_ram_page(void)
{
    unsigned long xc_max = 0;
    xc_physinfo_t pi;
    long expected;

    if ( !check_eq(mo_physinfo(&pi), 0) )
        return;
    /*
     * Xen returns max_page, one past the highest MFN (public/memory.h
     * says "the highest MFN"; Xen's own code returns max_page too).
     */
    expected = (long)pi.max_mfn + 1;
    check_eq(expected, 2UL << (30 - XC_PAGE_SHIFT));
    check_eq(mo_memop(XENMEM_maximum_ram_page, NULL, 0), expected);
    check_eq(xc_maximum_ram_page(mo_xch, &xc_max), 0);
    check_eq(xc_max, expected);
    check_eq(mo_memop(WITH_START(XENMEM_maximum_ram_page, 1), NULL, 0),
             -XEN_EINVAL);
    if ( new_domu(64) )
    {
        run_as_domu(maximum_ram_page_domu, &expected);
        destroy(DOMU);
    }
}

static void test_unknown_subops(void)
{
    static const unsigned int ops[] = { 5, 7, 8, 9, 10, 12, 13, 14, 15, 25,
                                        26, 27, 28, 40, 63 };
    struct xen_memory_reservation r = { .nr_extents = 1 };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(ops); i++ )
    {
        if ( !check_eq(mo_memop(ops[i], &r, sizeof(r)), -XEN_ENOSYS) )
            printf("  subop %u\n", ops[i]);
        check_eq(mo_memop(WITH_START(ops[i], 1), &r, sizeof(r)),
                 -XEN_ENOSYS);
    }
    /*
     * XENMEM_exchange is documented (public/memory.h) as not implemented
     * here: -XEN_ENOSYS, whatever the argument.
     */
    {
        struct xen_memory_exchange x = {
            .in = { .domid = DOMID_SELF }, .out = { .domid = DOMID_SELF },
        };

        check_eq(mo_memop(XENMEM_exchange, &x, sizeof(x)), -XEN_ENOSYS);
    }
}

/* --- claims ----------------------------------------------------------- */

static void claims_domu(void *target)
{
    uint16_t other = *(uint16_t *)target;

    check_eq(mo_claim(DOMU, 100), -XEN_EPERM);
    check_eq(mo_claim(other, 100), -XEN_EPERM);
    check_eq(mo_claim(other, 0), -XEN_EPERM);
    check_eq(mo_claim(DOMID_SELF, 100), -XEN_EINVAL);
    check_eq(mo_claim(4000, 100), -XEN_EINVAL);
}

static void test_claim_errors(void)
{
    uint64_t buf = hosted_buf_alloc(8);
    uint32_t d = new_domain(4096, 0), dying = new_domain(4096, 1);
    uint16_t target = (uint16_t)d;
    xc_domaininfo_t info;

    if ( !d || !dying || !check(buf) )
        goto out;
    check_eq(mo_claim_raw(XENMEM_claim_pages, buf, 100, 0, 0, d), -XEN_EINVAL);
    check_eq(mo_claim_raw(XENMEM_claim_pages, 0, 100, 1, 0, d), -XEN_EINVAL);
    check_eq(mo_claim_raw(XENMEM_claim_pages, 0, 100, 0, 1, d), -XEN_EINVAL);
    check_eq(mo_claim_raw(XENMEM_claim_pages, 0, 100, 0, XENMEMF_node(0), d),
             -XEN_EINVAL);
    check_eq(mo_claim_raw(WITH_START(XENMEM_claim_pages, 1), 0, 100, 0, 0, d),
             -XEN_EINVAL);
    check_eq(mo_claim(DOMID_SELF, 100), -XEN_EINVAL);
    check_eq(mo_claim(4000, 100), -XEN_EINVAL);
    check_eq(hosted_hypercall(__HYPERVISOR_memory_op, XENMEM_claim_pages,
                              0x1000, 0, 0, 0), -XEN_EFAULT);
    check_eq(mo_outstanding_all(), 0);
    check_eq(mo_outstanding(d), 0);

    if ( new_domu(64) )
    {
        run_as_domu(claims_domu, &target);
        check_eq(mo_outstanding(DOMU), 0);
        destroy(DOMU);
    }
    check_eq(mo_outstanding_all(), 0);

    /* The same fields, right, are accepted (so the above can fail). */
    check_eq(mo_claim(d, 100), 0);
    check_eq(mo_outstanding(d), 100);
    check_eq(mo_claim(d, 0), 0);

    /* A dying domain cannot claim. */
    check_eq(mof_make_dying(dying), 1);
    check(!mo_domain_info(dying, &info) && (info.flags & XEN_DOMINF_dying));
    check_eq(mo_claim(dying, 100), -XEN_EINVAL);
    check_eq(mo_outstanding(dying), 0);
 out:
    if ( buf )
        hosted_buf_free(buf, 8);
    if ( dying )
        destroy(dying);
    if ( d )
        destroy(d);
    check_eq(mo_outstanding_all(), 0);
}

/* Claim, populate and release, with Xen's test-mem-claim arithmetic. */
static void test_claim_flow(void)
{
    uint32_t d;
    xc_physinfo_t pi;

    if ( !check_eq(mo_outstanding_all(), 0) || !(d = new_domain(8192, 0)) )
        return;
    check_eq(xc_domain_claim_pages(mo_xch, d, 2048), 0);
    check_eq(mo_outstanding_all(), 2048);
    check_eq(mo_outstanding(d), 2048);
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 0 }, 1, 9, 0), 1);
    check_eq(mo_outstanding_all(), 2048 - 512);
    check_eq(mo_outstanding(d), 2048 - 512);

    /* Freeing memory never gives the claim back. */
    check_eq(mo_resv(POPULATE, d, (xen_pfn_t[]){ 600 }, 1, 0, 0), 1);
    check_eq(mo_resv(DECREASE, d, (xen_pfn_t[]){ 600 }, 1, 0, 0), 1);
    check_eq(mo_outstanding_all(), 2048 - 513);
    check_eq(mo_tot_pages(d), 512);

    /* One claim at a time. */
    check_eq(mo_claim(d, 4000), -XEN_EINVAL);
    check(xc_domain_claim_pages(mo_xch, d, 4000) == -1 && errno == EINVAL);
    check_eq(mo_outstanding_all(), 2048 - 513);

    check_eq(mo_claim(d, 0), 0);
    check_eq(mo_outstanding_all(), 0);
    check_eq(mo_outstanding(d), 0);

    /* The target must lie above tot_pages and within max_pages. */
    check_eq(mo_claim(d, 512), -XEN_EINVAL);
    check_eq(mo_claim(d, 100), -XEN_EINVAL);
    check_eq(mo_claim(d, 8193), -XEN_EINVAL);
    check_eq(mo_claim(d, 8192), 0);
    check_eq(mo_outstanding_all(), 8192 - 512);
    check_eq(mo_claim(d, 0), 0);

    /* More than the free memory. */
    check_eq(mo_set_max_pages(d, MO_NO_LIMIT), 0);
    if ( check_eq(mo_physinfo(&pi), 0) )
        check_eq(mo_claim(d, 512 + pi.free_pages + 1), -XEN_ENOMEM);
    check_eq(mo_claim(d, (1UL << 62) - 2), -XEN_ENOMEM);
    check_eq(mo_outstanding_all(), 0);

    /* Destroying the domain releases what is left of its claim. */
    check_eq(mo_claim(d, 3000), 0);
    check_eq(mo_outstanding_all(), 3000 - 512);
    destroy(d);
    check_eq(mo_outstanding_all(), 0);
}

/* Two domains' claims together may not exceed free memory. */
static void test_claims_compete(void)
{
    uint32_t a = new_domain(MO_NO_LIMIT, 0), b = new_domain(MO_NO_LIMIT, 0);
    xc_physinfo_t pi;
    unsigned long half;

    if ( !a || !b || !check_eq(mo_physinfo(&pi), 0) )
        goto out;
    half = pi.free_pages / 2;
    check_eq(mo_claim(a, half), 0);
    check_eq(mo_claim(b, half + 4096), -XEN_ENOMEM);
    check_eq(mo_claim(b, 1024), 0);
    check_eq(mo_outstanding_all(), half + 1024);
    check_eq(mo_outstanding(a), half);
    check_eq(mo_outstanding(b), 1024);
 out:
    if ( a )
        destroy(a);
    if ( b )
        destroy(b);
    check_eq(mo_outstanding_all(), 0);
}

/* --- memory ops racing the domain's destruction ----------------------- */

static void test_populate_races_destroy(void)
{
    xc_physinfo_t before, after;
    unsigned int round;

    if ( !check_eq(mo_physinfo(&before), 0) )
        return;
    for ( round = 0; round < 16; round++ )
    {
        struct mo_churn c = { .started = false };
        struct mo_thread t = { .domid = DOMU, .fn = mo_churn_domu, .arg = &c };

        if ( !new_domu(256) )
            return;
        if ( !check_eq(mo_thread_start(&t), 0) )
        {
            destroy(DOMU);
            return;
        }
        while ( !c.started )
            sched_yield();
        hosted_force_preempt(round & 1 ? 3 : 0);
        destroy(DOMU);
        hosted_force_preempt(0);
        check_eq(mo_thread_join(&t), 0);
        check_eq(mo_tot_pages(DOMU), -ESRCH);
    }
    /* Every frame came back, and the domain structures with them. */
    if ( check_eq(mo_physinfo(&after), 0) )
        check_eq(after.free_pages, before.free_pages);
}

/* Two vCPUs of one domain fight over the same gfns: counts stay exact. */
static void test_vcpus_race_same_gfns(void)
{
    unsigned int seeds[2] = { 1, 2 }, i;
    struct mo_thread t[2];

    if ( !new_domu(64) )
        return;
    for ( i = 0; i < 2; i++ )
    {
        t[i] = (struct mo_thread){ .domid = DOMU, .fn = mo_scramble_domu,
                                   .arg = &seeds[i] };
        check_eq(mo_thread_start(&t[i]), 0);
    }
    for ( i = 0; i < 2; i++ )
        check_eq(mo_thread_join(&t[i]), 0);
    check_eq(mo_tot_pages(DOMU),
             MO_DOMU_BUF_PAGES + mo_nr_mapped(DOMU, 100, 8));
    check_eq(mof_p2m_entries(DOMU), mo_tot_pages(DOMU));
    check_eq(hosted_heap_audit(), 0);
    destroy(DOMU);
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
    mo_xch = xc_interface_open(NULL, NULL, 0);
    if ( !mo_xch )
    {
        printf("cannot open libxenctrl\n");
        return 1;
    }

    RUN(test_populate_order_0);
    RUN(test_populate_order_9);
    RUN(test_populate_same_gfn_twice);
    RUN(test_populate_beyond_p2m);
    RUN(test_populate_max_order);
    RUN(test_populate_nr_extents_limit);
    RUN(test_populate_bad_flags);
    RUN(test_populate_pad_ignored);
    RUN(test_populate_address_bits);
    RUN(test_populate_exact_node);
    RUN(test_populate_node_from_domu);
    RUN(test_populate_bad_extent_pointer);
    RUN(test_extent_list_into_unmapped_page);
    RUN(test_copy_fault_mid_list);
    RUN(test_max_pages_enforced);
    RUN(test_increase_reservation);
    RUN(test_decrease_reservation);
    RUN(test_continuations);
    RUN(test_start_extent_in_cmd);
    RUN(test_reservation_queries);
    RUN(test_maximum_ram_page);
    RUN(test_unknown_subops);
    RUN(test_claim_errors);
    RUN(test_claim_flow);
    RUN(test_claims_compete);
    RUN(test_populate_races_destroy);
    RUN(test_vcpus_race_same_gfns);

    xc_interface_close(mo_xch);
    return harness_report();
}
