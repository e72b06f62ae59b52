/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem's per-pool descriptor caches (free objects and radix-tree nodes
 * kept for reuse instead of an xmalloc/xfree per page that comes and
 * goes): they stay within their bounds, are reused exactly (a repeated
 * workload allocates nothing new), and everything goes back to xmalloc
 * when the pool or the whole domain is destroyed.  The statistics
 * counters stay exact through the churn.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"
#include "../tmem/tmem-util.h"
#include "tmem-cache-fixture.h"

#define DA              1
#define NPAGES          (TU_BUF_PAGES + 4)
#define NR_OIDS         32              /* > TMEM_OBJ_CACHE */
#define DEEP_INDEX      5000            /* a 3-level radix tree */
#define OBJ_CACHE       8               /* TMEM_OBJ_CACHE */
#define NODE_CACHE      8               /* TMEM_NODE_CACHE */
#define CHURN           500

#include "../tmem/tmem-check.h"

static struct {
    long pool;
    long rc_bad;                        /* first unexpected result */
    size_t used[4];
} g;

/* The smallest power of two >= n (xmalloc's size classes). */
static size_t pow2_up(size_t n)
{
    size_t p = 16;

    while ( p < n )
        p <<= 1;
    return p;
}

static void note(long rc, long want)
{
    if ( rc != want && !g.rc_bad )
        g.rc_bad = rc ? rc : -9999;
}

/* Put (or flush) one page at DEEP_INDEX in each of NR_OIDS objects. */
static void each_oid(bool put)
{
    unsigned int i;

    for ( i = 0; i < NR_OIDS; i++ )
    {
        xen_tmem_oid_t oid = tu_oid(i + 1, 7, 9);

        note(put ? put_seed(g.pool, oid, DEEP_INDEX, i)
                 : tu_flush_page((int32_t)g.pool, oid, DEEP_INDEX), 1);
    }
}

/*
 * used[0]: with the client but no pool; [1]: after a first round of
 * puts and flushes; [2]: after a second identical round; [3]: after
 * destroying the pool.
 */
static void g_cache_rounds(void *persistent)
{
    note(tu_flush_page(0, tu_oid(1, 0, 0), 0), -ENODEV);  /* the client */
    g.used[0] = tc_xmalloc_used();
    g.pool = tu_new_pool(persistent ? TU_PERS : TU_EPH, 0, 0);
    note(g.pool, 0);
    each_oid(true);
    each_oid(false);
    g.used[1] = tc_xmalloc_used();
    each_oid(true);
    each_oid(false);
    g.used[2] = tc_xmalloc_used();
    note(tu_destroy_pool((int32_t)g.pool), 1);
    g.used[3] = tc_xmalloc_used();
}

static void cache_rounds(bool persistent)
{
    size_t pool_bytes, bound;

    memset(&g, 0, sizeof(g));
    if ( !dom_up(DA) )
        return;
    guest_run(DA, g_cache_rounds, persistent ? &g : NULL);
    check_eq(g.rc_bad, 0);
    /* The pool struct itself is the rest of used[1] - used[0]. */
    bound = OBJ_CACHE * pow2_up(tc_object_size()) +
            NODE_CACHE * tc_node_size();
    pool_bytes = g.used[1] - g.used[0];
    if ( pool_bytes > bound + 8192 )
        fail("%zu bytes left after flushing everything (caches: at most "
             "%zu, plus the pool)", pool_bytes, bound);
    check_eq(g.used[2], g.used[1]);     /* reused, nothing new */
    check_eq(g.used[3], g.used[0]);     /* all back to xmalloc */
    check_eq(tu_client_stat(DA, "Pc"), 0);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    dom_down(DA);
    audit();
}

static void test_caches_bounded_reused_freed_persistent(void)
{
    cache_rounds(true);
}

static void test_caches_bounded_reused_freed_ephemeral(void)
{
    cache_rounds(false);
}

/* CHURN ephemeral put + exclusive get pairs, each checked. */
static void g_churn(void *unused)
{
    xen_tmem_oid_t oid = tu_oid(0x77, 0, 0);
    uint32_t i;

    (void)unused;
    g.pool = tu_new_pool(TU_EPH, 0, 0);
    note(g.pool, 0);
    /* Warm the caches with the deepest path the loop uses. */
    note(put_seed(g.pool, oid, CHURN * 61, 1), 1);
    EXPECT_GET(g.pool, oid, CHURN * 61, 1, 1);
    g.used[0] = tc_xmalloc_used();
    for ( i = 0; i < CHURN; i++ )
    {
        note(put_seed(g.pool, oid, i * 61, i), 1);
        EXPECT_GET(g.pool, oid, i * 61, 1, i);
        /* Exclusive: gone, and the pool is empty again. */
        EXPECT_GET(g.pool, oid, i * 61, -EEMPTY, 0);
    }
    g.used[1] = tc_xmalloc_used();
}

static void test_ephemeral_churn_allocates_nothing(void)
{
    long puts, gets, found;

    memset(&g, 0, sizeof(g));
    if ( !dom_up(DA) )
        return;
    puts = tu_global_stat("Tt");
    gets = tu_global_stat("Gt");
    found = tu_global_stat("Gf");
    guest_run(DA, g_churn, NULL);
    check_eq(g.rc_bad, 0);
    check_eq(g.used[1], g.used[0]);
    check_eq(tu_global_stat("Tt") - puts, CHURN + 1);
    check_eq(tu_global_stat("Gt") - gets, 2 * CHURN + 1);
    check_eq(tu_global_stat("Gf") - found, CHURN + 1);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    dom_down(DA);
    audit();
}

/* Fill both pools' caches, then leave them to the domain's death. */
static void g_fill_caches(void *unused)
{
    long eph = tu_new_pool(TU_EPH, 0, 0);

    (void)unused;
    g.pool = tu_new_pool(TU_PERS, 0, 0);
    note(eph, 0);
    note(g.pool, 1);
    each_oid(true);
    each_oid(false);
    g.pool = eph;
    each_oid(true);
    each_oid(false);
    each_oid(true);                     /* and some pages stored */
}

static void test_domain_destroy_frees_every_descriptor(void)
{
    size_t before;

    memset(&g, 0, sizeof(g));
    if ( !dom_up(DA) )
        return;
    /* A first life, so that lasting per-domain-id state exists. */
    guest_run(DA, g_fill_caches, NULL);
    dom_down(DA);
    before = tc_xmalloc_used();
    if ( !dom_up(DA) )
        return;
    guest_run(DA, g_fill_caches, NULL);
    check_eq(g.rc_bad, 0);
    check_eq(tu_client_stat(DA, "Ec"), NR_OIDS);
    dom_down(DA);
    check_eq(tc_xmalloc_used(), before);
    audit();
}

int main(void)
{
    if ( tu_open("mem=64M dom0_mem=8M tmem", 120) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    RUN_TEST(test_caches_bounded_reused_freed_persistent);
    RUN_TEST(test_caches_bounded_reused_freed_ephemeral);
    RUN_TEST(test_ephemeral_churn_allocates_nothing);
    RUN_TEST(test_domain_destroy_frees_every_descriptor);
    xc_interface_close(tu_xch);
    return harness_report();
}
