/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem's compression, trailing-zero elimination and dedup, booted with
 * TD_CMDLINE (all three on here; tools/tests/tmem-compress, -tze and
 * -dedup build this file with one option each).  Pages of every shape
 * (incompressible, compressible, all-zero, mostly-zero, duplicates) make
 * round trips through ephemeral and persistent pools, puts over pages
 * change their shape, TMEMC_SET_COMPRESS is used and refused, dedup is
 * checked to share within a client and never across, deduplicated pages
 * are evicted and flushed, a persistent pool fills up under compression,
 * and a multi-threaded stress verifies every page.  After each test an
 * exact audit (tmem-data-fixture.c) recounts every stored page.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"
#include "../tmem/tmem-util.h"
#include "tmem-data-fixture.h"

#ifndef TD_CMDLINE
#define TD_CMDLINE      "tmem_compress tmem_tze tmem_dedup"
#define TD_COMPRESS     1
#define TD_TZE          1
#define TD_DEDUP        1
#endif

#define NPAGES          (TU_BUF_PAGES + 8)
#define DA              1
#define DB              2

#include "../tmem/tmem-check.h"

/* Page shapes. */
enum { T_RANDOM, T_TEXT, T_ZERO, T_MOSTLY_ZERO, T_HALF, T_KB, T_NR };

static const char *const shape_name[T_NR] = {
    "random", "text", "zero", "mostly-zero", "half-random", "1000-random",
};

/* Fill p with shape t named by seed (equal seed and t: equal page). */
static void make_page(uint8_t *p, unsigned int t, uint64_t seed)
{
    static const char words[] = "tmem stores clean pages and swap ";
    uint64_t s = seed * 0x9e3779b97f4a7c15ULL + t + 1;
    size_t i;

    memset(p, 0, TU_PAGE_SIZE);
    switch ( t )
    {
    case T_RANDOM:
        for ( i = 0; i < TU_PAGE_SIZE; i += 8 )
        {
            uint64_t r = tu_rnd(&s);

            memcpy(p + i, &r, 8);
        }
        break;
    case T_TEXT:
        for ( i = 0; i < TU_PAGE_SIZE; i++ )
            p[i] = words[(i + seed) % (sizeof(words) - 1)];
        memcpy(p, &seed, 8);
        break;
    case T_MOSTLY_ZERO:
        memcpy(p, &seed, 8);
        p[100] = 0x5a;
        p[203] = (uint8_t)(seed | 1);   /* last non-zero byte */
        break;
    case T_HALF:
    case T_KB:
        for ( i = 0; i < (t == T_HALF ? 3000 : 1000); i += 8 )
        {
            uint64_t r = tu_rnd(&s) | 1;

            memcpy(p + i, &r, 8);
        }
        break;
    default:
        break;
    }
}

/* Write shape t/seed into the calling guest's page gfn. */
static int fill(uint64_t gfn, unsigned int t, uint64_t seed)
{
    uint8_t buf[TU_PAGE_SIZE];

    make_page(buf, t, seed);
    return hosted_buf_write(tu_gva(gfn), buf, TU_PAGE_SIZE) ? -1 : 0;
}

/* Does page gfn hold shape t/seed?  1 yes, 0 no, -1 unreadable. */
static int holds(uint64_t gfn, unsigned int t, uint64_t seed)
{
    uint8_t want[TU_PAGE_SIZE], got[TU_PAGE_SIZE];

    if ( hosted_buf_read(got, tu_gva(gfn), TU_PAGE_SIZE) )
        return -1;
    make_page(want, t, seed);
    return !memcmp(want, got, TU_PAGE_SIZE);
}

static long put_shape(long pool, uint64_t o, uint32_t idx, unsigned int t,
                      uint64_t seed)
{
    if ( fill(GFN(0), t, seed) )
        return -ENOBUFS;
    return tu_put((int32_t)pool, tu_oid(o, 0, 0), idx, GFN(0));
}

/* Get (pool, o, idx): result 'want', and for a hit shape t/seed. */
#define GET_SHAPE(pool, o, idx, want, t, seed) \
    get_shape(__LINE__, pool, o, idx, want, t, seed)
static void get_shape(int line, long pool, uint64_t o, uint32_t idx,
                      long want, unsigned int t, uint64_t seed)
{
    long rc;

    fill(GFN(1), T_RANDOM, ~seed);
    rc = tu_get((int32_t)pool, tu_oid(o, 0, 0), idx, GFN(1));
    if ( rc == -EEMPTY && !want )
        return;                         /* absent: the pool is empty */
    if ( rc != want )
        harness_fail(__FILE__, line, "get(pool %ld, %lu, %u) = %ld, "
                     "expected %ld (%s)", pool, (unsigned long)o, idx, rc,
                     want, shape_name[t]);
    else if ( rc == 1 && holds(GFN(1), t, seed) != 1 )
        harness_fail(__FILE__, line, "get(pool %ld, %lu, %u): wrong data "
                     "(%s page, seed %lu)", pool, (unsigned long)o, idx,
                     shape_name[t], (unsigned long)seed);
}

static void td_after_each(void)
{
    int bad = td_audit();

    if ( bad )
        fail("tmem audit: %d mismatch(es)", bad);
    if ( hosted_heap_audit() )
        fail("heap audit failed after the test");
}

/* Guest-side arguments. */
static struct {
    long eph, eph2, pers;
    long rc;
} g;

/* --- round trips ---------------------------------------------------------- */

static void g_round_trip(void *unused)
{
    unsigned int t;

    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( t = 0; t < T_NR; t++ )
    {
        EXPECT_RC(put_shape(g.eph, 1, t, t, 100 + t), 1);
        EXPECT_RC(put_shape(g.pers, 1, t, t, 200 + t), 1);
    }
    for ( t = 0; t < T_NR; t++ )
    {
        GET_SHAPE(g.pers, 1, t, 1, t, 200 + t);
        GET_SHAPE(g.pers, 1, t, 1, t, 200 + t);     /* repeatable */
        GET_SHAPE(g.eph, 1, t, 1, t, 100 + t);
        GET_SHAPE(g.eph, 1, t, 0, t, 100 + t);      /* exclusive */
    }
}

static void test_round_trip_every_shape(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_round_trip);
    check_eq(tu_client_stat(DA, "Pc"), T_NR);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    /*
     * Persistent: text, mostly-zero, zero and 1000-random compress;
     * with TZE, zero and 1000-random are trimmed instead.
     */
    check_eq(tu_client_stat(DA, "cp"), TD_COMPRESS * (TD_TZE ? 2 : 4));
    check_eq(tu_global_stat("Zz"), TD_TZE);
    /* 1000 random bytes: trimmed (compression gains no smaller class). */
    check_eq(tu_global_stat("Zp"), TD_TZE * (TD_COMPRESS ? 1 : 2));
    if ( TD_COMPRESS )
        check(tu_client_stat(DA, "cb") > 0 &&
              tu_client_stat(DA, "cb") < 2048);
    dom_down(DA);
    check_eq(tu_global_stat("Sc"), 0);
    check_eq(tu_global_stat("Gz"), 0);
}

/* --- put over a page: every transition ------------------------------------ */

static const unsigned int cycle[] = {
    T_RANDOM, T_TEXT, T_ZERO, T_MOSTLY_ZERO, T_RANDOM, T_ZERO, T_TEXT,
    T_MOSTLY_ZERO, T_HALF, T_TEXT, T_TEXT, T_ZERO, T_ZERO, T_KB, T_TEXT,
    T_KB, T_RANDOM, T_KB, T_ZERO, T_RANDOM,
};
#define NCYCLE          (sizeof(cycle) / sizeof(cycle[0]))

static void g_put_over(void *unused)
{
    unsigned int i;

    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( i = 0; i < NCYCLE; i++ )
    {
        EXPECT_RC(put_shape(g.pers, 7, 3, cycle[i], i), 1);
        GET_SHAPE(g.pers, 7, 3, 1, cycle[i], i);
        EXPECT_RC(put_shape(g.eph, 7, 3, cycle[i], i), 1);
        if ( i + 1 < NCYCLE )           /* over it before the get */
            EXPECT_RC(put_shape(g.eph, 7, 3, cycle[i + 1], i + 1), 1);
        GET_SHAPE(g.eph, 7, 3, 1, cycle[i + 1 < NCYCLE ? i + 1 : i],
                  i + 1 < NCYCLE ? i + 1 : i);
    }
    /* A bad cmfn leaves the old page. */
    EXPECT_RC(tu_put((int32_t)g.pers, tu_oid(7, 0, 0), 3, 1UL << 40),
              -EFAULT);
    GET_SHAPE(g.pers, 7, 3, 1, cycle[NCYCLE - 1], NCYCLE - 1);
}

static void test_put_over_changes_shape(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_put_over);
    check_eq(tu_client_stat(DA, "Pc"), 1);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    dom_down(DA);
}

/* --- TMEMC_SET_COMPRESS --------------------------------------------------- */

static void g_put_text(void *unused)
{
    (void)unused;
    if ( g.pers < 0 )
        g.pers = tu_new_pool(TU_PERS, 0, 0);
    g.rc = put_shape(g.pers, 9, (uint32_t)g.rc, T_TEXT, 5);
}

static void g_set_compress_as_guest(void *unused)
{
    struct tmem_op op;

    (void)unused;
    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_CONTROL;
    op.u.ctrl.subop = TMEMC_SET_COMPRESS;
    op.u.ctrl.cli_id = DA;
    op.u.ctrl.arg1 = 1;
    g.rc = tu_op(&op);
}

static void test_set_compress_by_dom0_only(void)
{
    if ( !dom_up(DA) )
        return;
    g.pers = -1;
    g.rc = 0;
    as_guest(DA, g_put_text);
    check_eq(tu_client_stat(DA, "co"), TD_COMPRESS);
    check_eq(tu_client_stat(DA, "cp"), TD_COMPRESS);

    check_eq(tu_control(TMEMC_SET_COMPRESS, DA, 0), 0);
    check_eq(tu_client_stat(DA, "co"), 0);
    g.rc = 1;
    as_guest(DA, g_put_text);
    check_eq(g.rc, 1);
    check_eq(tu_client_stat(DA, "cp"), TD_COMPRESS);    /* unchanged */

    check_eq(tu_control(TMEMC_SET_COMPRESS, DA, 7), 0);  /* a boolean */
    check_eq(tu_client_stat(DA, "co"), 1);
    g.rc = 2;
    as_guest(DA, g_put_text);
    check_eq(tu_client_stat(DA, "cp"), TD_COMPRESS + 1);

    as_guest(DA, g_set_compress_as_guest);
    check_eq(g.rc, -EPERM);
    check_eq(tu_control(TMEMC_SET_COMPRESS, 77, 1), -ENOENT);
    check_eq(tu_control(TMEMC_SET_COMPRESS, TU_CLI_ALL, 0), 0);
    check_eq(tu_client_stat(DA, "co"), 0);
    dom_down(DA);
}

/* --- dedup ---------------------------------------------------------------- */

#define DUPS            10

static void g_dups(void *unused)
{
    uint32_t i;

    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    g.eph2 = tu_new_pool(TU_EPH, 0, 0);
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( i = 0; i < DUPS; i++ )
    {
        EXPECT_RC(put_shape(g.eph, 1, i, T_HALF, 42), 1);
        EXPECT_RC(put_shape(g.eph2, 2, i, T_HALF, 42), 1);
        EXPECT_RC(put_shape(g.pers, 3, i, T_HALF, 42), 1);
    }
}

static void g_dups_check_flush(void *unused)
{
    uint32_t i;

    (void)unused;
    for ( i = 0; i < DUPS; i++ )
        GET_SHAPE(g.eph, 1, i, 1, T_HALF, 42);      /* exclusive */
    for ( i = 0; i < DUPS; i++ )
        GET_SHAPE(g.pers, 3, i, 1, T_HALF, 42);
    EXPECT_RC(tu_flush_object((int32_t)g.eph2, tu_oid(2, 0, 0)), 1);
}

static void test_dedup_shares_within_a_client_only(void)
{
    long frames0, hits0;

    if ( !doms_up(DA, 2) )
        return;
    frames0 = tu_global_stat("Sf");
    hits0 = tu_global_stat("Gd");
    as_guest(DA, g_dups);
    /* 20 ephemeral pages over two pools: one datum (a whole frame). */
    check_eq(tu_global_stat("Sp"), TD_DEDUP ? 2 * DUPS : 0);
    if ( TD_DEDUP )
    {
        check_eq(tu_global_stat("Sf"), frames0 + 1);
        check_eq(tu_global_stat("Gd") - hits0, 2 * DUPS - 1);
    }
    as_guest(DB, g_dups);                           /* never across */
    check_eq(tu_global_stat("Sp"), TD_DEDUP ? 4 * DUPS : 0);
    if ( TD_DEDUP )
        check_eq(tu_global_stat("Sf"), frames0 + 2);
    check_eq(tu_global_stat("Ec"), 4 * DUPS);
    check_eq(tu_global_stat("Pc"), 2 * DUPS);
    /* Persistent pages are never shared; no dedup page is freeable. */
    check_eq(tu_global_stat("Fe"), TD_DEDUP ? 0 : 4 * DUPS);

    as_guest(DA, g_dups_check_flush);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    check_eq(tu_global_stat("Sp"), TD_DEDUP ? 2 * DUPS : 0);
    if ( TD_DEDUP )
        check_eq(tu_global_stat("Sf"), frames0 + 1);  /* A's is gone */
    doms_down(DA, 2);
    check_eq(tu_global_stat("Sc"), 0);
    check_eq(tu_global_stat("Sp"), 0);
}

/* --- eviction of shared pages (a cap) ------------------------------------- */

#define CAP             8

static void g_new_eph(void *unused)
{
    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
}

static void g_evict_dups(void *unused)
{
    uint32_t i, hits = 0;
    long rc;

    (void)unused;
    for ( i = 0; i < 4 * CAP; i++ )
        EXPECT_RC(put_shape(g.eph, 1, i, i % 2 ? T_TEXT : T_HALF, i % 2),
                  1);
    for ( i = 0; i < 4 * CAP; i++ )
    {
        fill(GFN(1), T_RANDOM, 99);
        rc = tu_get((int32_t)g.eph, tu_oid(1, 0, 0), i, GFN(1));
        if ( rc == 1 )
        {
            hits++;
            if ( holds(GFN(1), i % 2 ? T_TEXT : T_HALF, i % 2) != 1 )
                fail("evicted pool: page %u has wrong data", i);
        }
        else if ( rc )
            fail("get %u: %ld", i, rc);
    }
    if ( hits != CAP )
        fail("%u pages survived a cap of %u", hits, CAP);
}

static void test_eviction_of_shared_pages(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_new_eph);
    check_eq(tu_control(TMEMC_SET_CAP, DA, CAP), 0);
    as_guest(DA, g_evict_dups);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    check_eq(tu_global_stat("Sc"), 0);
    dom_down(DA);
}

/* --- a full persistent pool ----------------------------------------------- */

static void g_fill_persistent(void *unused)
{
    uint32_t i, n;
    long rc;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( n = 0; ; n++ )
    {
        rc = put_shape(g.pers, 1, n, n % 4 ? T_RANDOM : T_TEXT, n);
        if ( rc != 1 )
            break;
    }
    EXPECT_RC(rc, -ENOMEM);
    if ( n < 1000 )
        fail("only %u pages before -ENOMEM", n);
    for ( i = 0; i < n; i++ )
        GET_SHAPE(g.pers, 1, i, 1, i % 4 ? T_RANDOM : T_TEXT, i);
    GET_SHAPE(g.pers, 1, n, 0, T_RANDOM, n);        /* refused: absent */
    /* Over a compressed page, when full: stored, or gone; never stale. */
    rc = put_shape(g.pers, 1, 0, T_RANDOM, 12345);
    if ( rc == 1 )
        GET_SHAPE(g.pers, 1, 0, 1, T_RANDOM, 12345);
    else if ( rc == -ENOMEM )
        GET_SHAPE(g.pers, 1, 0, 0, T_RANDOM, 12345);
    else
        fail("put over a page when full: %ld", rc);
    g.rc = n;
}

static void test_persistent_full_enomem_data_intact(void)
{
    if ( !doms_up(DA, 1) )
        return;
    as_guest(DA, g_fill_persistent);
    printf("  %ld persistent pages stored, %ld compressed\n", g.rc,
           tu_client_stat(DA, "cp"));
    doms_down(DA, 1);
}

/* --- multi-threaded stress ------------------------------------------------ */

#define ST_DOMS         3
#define ST_THREADS      2
#define ST_OPS          20000
#define ST_IDX          64

struct st_arg {
    uint32_t dom;
    unsigned int k;
    uint64_t seed;
    uint32_t ver[2][ST_IDX];            /* 0: absent; else version + 1 */
    unsigned int reports;
    unsigned long hits;
};

/* A version's shape and seed: duplicates across indexes and domains. */
static unsigned int st_shape(uint32_t v)
{
    return v % 6 == 5 ? T_TEXT : v % T_NR;
}

static uint64_t st_seed(struct st_arg *a, uint32_t i, uint32_t v)
{
    return v % 3 == 0 ? v % 7 : (uint64_t)a->dom << 40 | i << 20 | v;
}

static void st_get(struct st_arg *a, long pool, int p, uint32_t i)
{
    uint32_t v = a->ver[p][i];
    uint64_t dst = GFN(2 * a->k + 1);
    uint8_t want[TU_PAGE_SIZE], got[TU_PAGE_SIZE];
    long rc = tu_get((int32_t)pool, tu_oid(a->k, 0, 0), i, dst);

    if ( rc == -EEMPTY )
        rc = 0;                         /* absent: the pool is empty */
    if ( rc == 0 && (!v || !p) )
        return;                         /* absent, or evicted */
    if ( rc != 1 || !v )
    {
        tfail(a->reports, "d%u get %d/%u: %ld (version %u)", a->dom, p, i,
              rc, v);
        return;
    }
    a->hits++;
    make_page(want, st_shape(v - 1), st_seed(a, i, v - 1));
    if ( hosted_buf_read(got, tu_gva(dst), TU_PAGE_SIZE) ||
         memcmp(want, got, TU_PAGE_SIZE) )
        tfail(a->reports, "d%u get %d/%u: wrong data", a->dom, p, i);
    if ( !p )
        a->ver[p][i] = 0;               /* exclusive */
}

static void st_thread(void *arg)
{
    struct st_arg *a = arg;
    long pools[2] = { tu_new_pool(TU_EPH, 0, 0), tu_new_pool(TU_PERS, 0, 0) };
    uint64_t src = GFN(2 * a->k);
    unsigned int n;

    for ( n = 0; n < ST_OPS; n++ )
    {
        int p = tu_rnd_below(&a->seed, 2), op = tu_rnd_below(&a->seed, 8);
        uint32_t i = tu_rnd_below(&a->seed, ST_IDX), v;
        uint8_t page[TU_PAGE_SIZE];
        long rc;

        if ( op < 4 )
        {
            v = tu_rnd_below(&a->seed, 1000);
            make_page(page, st_shape(v), st_seed(a, i, v));
            hosted_buf_write(tu_gva(src), page, TU_PAGE_SIZE);
            rc = tu_put((int32_t)pools[p], tu_oid(a->k, 0, 0), i, src);
            if ( rc == 1 )
                a->ver[p][i] = v + 1;
            else if ( rc == -ENOMEM )
                a->ver[p][i] = 0;
            else
                tfail(a->reports, "d%u put: %ld", a->dom, rc);
        }
        else if ( op < 7 )
            st_get(a, pools[p], p, i);
        else
        {
            tu_flush_page((int32_t)pools[p], tu_oid(a->k, 0, 0), i);
            a->ver[p][i] = 0;
        }
    }
    for ( n = 0; n < ST_IDX; n++ )      /* everything, one last time */
    {
        st_get(a, pools[1], 1, n);
        st_get(a, pools[0], 0, n);
    }
}

static void test_stress_every_page_verified(void)
{
    static struct st_arg args[ST_DOMS * ST_THREADS];
    struct tu_thread t[ST_DOMS * ST_THREADS];
    unsigned long hits = 0;
    unsigned int i;

    if ( !doms_up(DA, ST_DOMS) )
        return;
    for ( i = 0; i < ST_DOMS * ST_THREADS; i++ )
    {
        memset(&args[i], 0, sizeof(args[i]));
        args[i].dom = DA + i / ST_THREADS;
        args[i].k = i % ST_THREADS;
        args[i].seed = 0x5eed + i;
        if ( tu_start(&t[i], args[i].dom, st_thread, &args[i]) )
            fail("cannot start thread %u", i);
    }
    for ( i = 0; i < ST_DOMS * ST_THREADS; i++ )
    {
        if ( tu_join(&t[i]) )
            fail("thread %u failed", i);
        hits += args[i].hits;
    }
    printf("  %lu verified hits; Cp %ld Zp %ld Zz %ld Sp %ld Gd %ld\n",
           hits, tu_global_stat("Cp"), tu_global_stat("Zp"),
           tu_global_stat("Zz"), tu_global_stat("Sp"),
           tu_global_stat("Gd"));
    check(hits > 1000);
    check_counters();
    if ( td_audit() )
        fail("audit after the stress");
    doms_down(DA, ST_DOMS);
}

int main(void)
{
    if ( tu_open("mem=64M dom0_mem=8M tmem " TD_CMDLINE, 300) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    harness_after_each = td_after_each;
    RUN_TEST(test_round_trip_every_shape);
    RUN_TEST(test_put_over_changes_shape);
    RUN_TEST(test_set_compress_by_dom0_only);
    RUN_TEST(test_dedup_shares_within_a_client_only);
    RUN_TEST(test_eviction_of_shared_pages);
    RUN_TEST(test_persistent_full_enomem_data_intact);
    RUN_TEST(test_stress_every_page_verified);
    xc_interface_close(tu_xch);
    return harness_report();
}
