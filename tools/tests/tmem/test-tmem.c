/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem's guest ABI, op by op, through raw __HYPERVISOR_tmem_op calls
 * from unprivileged domains: pool creation and its limits, every error
 * of every data op, exclusive and repeatable gets, duplicate puts,
 * flushes, oids, shared pools between two domains, the spec-version
 * rule and its log line, and privilege.  The hypervisor boots with
 * `tmem`; tmem off and tmem_shared_auth have their own programs
 * (test-tmem-off, test-tmem-auth), control ops test-tmem-control, and
 * memory pressure, claims and teardown test-tmem-memory.
 *
 * Each test creates its domains (fixed ids: hosted buffer windows are
 * per domid), runs guest code in vCPU threads one at a time, checks
 * statistics from dom0 through TMEMC_LIST, and ends with the heap audit.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"
#include "tmem-util.h"

#define DA              1               /* test domains */
#define DB              2
#define DV0             5               /* v0 guest */
#define DV7             6               /* a guest of a future spec */
#define NPAGES          64              /* populated gfns per domain */
#define BAD_GFN         (NPAGES + 100)  /* never populated */

#include "tmem-check.h"

/* Pool ids and other state a test's guest phases share. */
static struct {
    long eph, pers, shared;
    long rc;
    uint64_t seed;
} g;

/* --- spec version --------------------------------------------------------- */

static uint32_t bad_version;

static void g_bad_version(void *unused)
{
    xen_tmem_oid_t oid = tu_oid(1, 0, 0);
    struct tmem_op op;

    (void)unused;
    EXPECT_RC(tu_new_pool(bad_version << TMEM_POOL_VERSION_SHIFT, 0, 0),
              -EPERM);
    /* From now on this client is refused everything. */
    EXPECT_RC(tu_new_pool(TU_EPH, 0, 0), -EPERM);
    EXPECT_RC(tu_new_pool(TU_PERS, 0, 0), -EPERM);
    EXPECT_RC(put_seed(0, oid, 0, 1), -EPERM);
    EXPECT_RC(tu_get(0, oid, 0, GFN(1)), -EPERM);
    EXPECT_RC(tu_flush_page(0, oid, 0), -EPERM);
    EXPECT_RC(tu_flush_object(0, oid), -EPERM);
    EXPECT_RC(tu_destroy_pool(0), -EPERM);
    memset(&op, 0, sizeof(op));
    op.cmd = 77;
    EXPECT_RC(tu_op(&op), -EPERM);
}

/* A copy of the first line of text containing needle, or NULL. */
static char *log_line(const char *text, const char *needle)
{
    const char *p = text ? strstr(text, needle) : NULL;
    const char *bol, *eol;

    if ( !p )
        return NULL;
    for ( bol = p; bol > text && bol[-1] != '\n'; bol-- )
        continue;
    eol = strchr(p, '\n');
    if ( !eol )
        eol = p + strlen(p);
    return strndup(bol, eol - bol);
}

/* Does line hold the number num as a token of its own? */
static bool line_has_number(const char *line, unsigned long num)
{
    const char *q;

    for ( q = line; *q; q++ )
        if ( *q >= '0' && *q <= '9' &&
             (q == line || q[-1] < '0' || q[-1] > '9') &&
             strtoul(q, NULL, 10) == num )
            return true;
    return false;
}

/* One guest of spec version 'version' (not 1) in domain dom. */
static void spec_version_refused(uint32_t dom, uint32_t version)
{
    char *log, *line, dname[16];

    if ( !dom_up(dom) )
        return;
    bad_version = version;
    tu_capture_begin();
    as_guest(dom, g_bad_version);
    log = tu_capture_end();
    line = log_line(log, "tmem: unsupported spec version");
    snprintf(dname, sizeof(dname), "d%u", dom);
    if ( !line )
        fail("no \"tmem: unsupported spec version\" in the log");
    else if ( !line_has_number(line, version) || !strstr(line, dname) )
        fail("the log line does not name version %u and %s: %s", version,
             dname, line);
    free(line);
    free(log);
    /* Refused before anything was stored. */
    check_eq(tu_client_stat(dom, "Ec"), 0);
    check_eq(tu_client_stat(dom, "Pc"), 0);
    dom_down(dom);
    audit();
}

/* Run first: the console's rate limit must not have eaten the line. */
static void test_spec_version_0_refused_and_client_disabled(void)
{
    spec_version_refused(DV0, 0);
}

static void test_spec_version_7_refused_too(void)
{
    spec_version_refused(DV7, 7);
}

/* --- pool creation -------------------------------------------------------- */

static void g_sixteen_pools(void *unused)
{
    long i;

    (void)unused;
    for ( i = 0; i < 16; i++ )
        EXPECT_RC(tu_new_pool(i & 1 ? TU_PERS : TU_EPH, 0, 0), i);
    EXPECT_RC(tu_new_pool(TU_EPH, 0, 0), -EPERM);
    EXPECT_RC(tu_new_pool(TU_PERS, 0, 0), -EPERM);
    EXPECT_RC(tu_destroy_pool(5), 1);
    EXPECT_RC(tu_new_pool(TU_EPH, 0, 0), 5);      /* the first free slot */
    for ( i = 0; i < 16; i++ )
        EXPECT_RC(tu_destroy_pool(i), 1);
    for ( i = 0; i < 16; i++ )
        EXPECT_RC(tu_destroy_pool(i), 0);
    EXPECT_RC(tu_new_pool(TU_PERS, 0, 0), 0);
}

static void test_sixteen_pools_then_eperm(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_sixteen_pools);
    dom_down(DA);
    audit();
}

static void g_bad_flags(void *unused)
{
    static const uint32_t bad[] = {
        TU_V1 | TMEM_POOL_PRECOMPRESSED,
        TU_V1 | TMEM_POOL_PERSIST | TMEM_POOL_PRECOMPRESSED,
        TU_V1 | (1U << 8), TU_V1 | (1U << 15), TU_V1 | (1U << 23),
        TU_V1 | TMEM_POOL_RESERVED_BITS,
        TU_V1 | (1U << TMEM_POOL_PAGESIZE_SHIFT),       /* 8 KiB pages */
        TU_V1 | (TMEM_POOL_PAGESIZE_MASK << TMEM_POOL_PAGESIZE_SHIFT),
        TU_V1 | TMEM_POOL_SHARED | TMEM_POOL_PERSIST,
    };
    unsigned int i;

    (void)unused;
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        long rc = tu_new_pool(bad[i], 0x1234, 0x5678);

        if ( rc != -EPERM )
            fail("flags %#x: %ld, expected -EPERM", bad[i], rc);
    }
    /* Shared+persistent is refused even with the "private" uuid. */
    EXPECT_RC(tu_new_pool(TU_PERS | TMEM_POOL_SHARED, ~0ULL, ~0ULL), -EPERM);
    /* None of that used a slot or disabled the client; bit 3 is ignored. */
    EXPECT_RC(tu_new_pool(TU_EPH | 8, 0, 0), 0);
    EXPECT_RC(tu_new_pool(TU_PERS, 0, 0), 1);
}

static void test_bad_pool_flags_eperm(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_bad_flags);
    dom_down(DA);
    audit();
}

/* --- pool ids ------------------------------------------------------------- */

static void g_missing_pools(void *unused)
{
    static const int32_t ids[] = { 16, 17, 255, 1, 15, -1, -16, INT32_MIN,
                                   INT32_MAX };
    xen_tmem_oid_t oid = tu_oid(7, 0, 0);
    unsigned int i;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    EXPECT_RC(g.pers, 0);
    EXPECT_RC(put_seed(0, oid, 0, 42), 1);
    for ( i = 0; i < sizeof(ids) / sizeof(ids[0]); i++ )
    {
        long r[4];

        r[0] = put_seed(ids[i], oid, 0, 43);
        r[1] = tu_get(ids[i], oid, 0, GFN(1));
        r[2] = tu_flush_page(ids[i], oid, 0);
        r[3] = tu_flush_object(ids[i], oid);
        if ( r[0] != -ENODEV || r[1] != -ENODEV || r[2] != -ENODEV ||
             r[3] != -ENODEV )
            fail("pool %d: put %ld get %ld flush %ld flush-object %ld, "
                 "expected -ENODEV", ids[i], r[0], r[1], r[2], r[3]);
        EXPECT_RC(tu_destroy_pool(ids[i]), 0);
    }
    EXPECT_GET(0, oid, 0, 1, 42);                   /* pool 0 untouched */
}

static void test_ops_on_missing_pools_enodev(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_missing_pools);
    dom_down(DA);
    audit();
}

/* --- put and get ---------------------------------------------------------- */

static void g_ephemeral_get_exclusive(void *unused)
{
    xen_tmem_oid_t x = tu_oid(0x10, 0, 0), y = tu_oid(0x11, 0, 0);

    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    EXPECT_RC(g.eph, 0);
    EXPECT_RC(tu_get(g.eph, x, 0, GFN(1)), -EEMPTY);     /* empty pool */
    EXPECT_RC(put_seed(g.eph, x, 0, 100), 1);
    EXPECT_RC(put_seed(g.eph, x, 1, 101), 1);
    EXPECT_GET(g.eph, x, 0, 1, 100);
    EXPECT_GET(g.eph, x, 0, 0, 0);                  /* gone: exclusive */
    EXPECT_GET(g.eph, x, 2, 0, 0);                  /* missing index */
    EXPECT_GET(g.eph, y, 1, 0, 0);                  /* missing object */
    EXPECT_GET(g.eph, x, 1, 1, 101);
    /* The pool is empty again. */
    EXPECT_RC(tu_get(g.eph, x, 1, GFN(1)), -EEMPTY);
    EXPECT_RC(tu_get(g.eph, y, 9, GFN(1)), -EEMPTY);
}

static void test_ephemeral_get_is_exclusive(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_ephemeral_get_exclusive);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    dom_down(DA);
    audit();
}

static void g_persistent_get_repeatable(void *unused)
{
    xen_tmem_oid_t x = tu_oid(0x20, 0, 0), y = tu_oid(0x21, 0, 0);
    int i;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    EXPECT_RC(g.pers, 0);
    EXPECT_RC(tu_get(g.pers, x, 0, GFN(1)), -EEMPTY);
    EXPECT_RC(put_seed(g.pers, x, 3, 200), 1);
    for ( i = 0; i < 3; i++ )
        EXPECT_GET(g.pers, x, 3, 1, 200);
    EXPECT_GET(g.pers, x, 4, 0, 0);
    EXPECT_GET(g.pers, y, 3, 0, 0);
}

static void test_persistent_get_is_repeatable(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_persistent_get_repeatable);
    check_eq(tu_client_stat(DA, "Pc"), 1);
    dom_down(DA);
    audit();
}

static void g_duplicate_put(void *unused)
{
    xen_tmem_oid_t x = tu_oid(0x30, 0, 0);

    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    EXPECT_RC(put_seed(g.pers, x, 0, 300), 1);
    EXPECT_RC(put_seed(g.pers, x, 0, 301), 1);
    EXPECT_RC(put_seed(g.eph, x, 0, 310), 1);
    EXPECT_RC(put_seed(g.eph, x, 0, 311), 1);
}

static void g_duplicate_put_check(void *unused)
{
    xen_tmem_oid_t x = tu_oid(0x30, 0, 0);

    (void)unused;
    EXPECT_GET(g.pers, x, 0, 1, 301);
    EXPECT_GET(g.pers, x, 0, 1, 301);
    EXPECT_GET(g.eph, x, 0, 1, 311);
}

static void test_duplicate_put_replaces(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_duplicate_put);
    /* One page each, not two. */
    check_eq(tu_client_stat(DA, "Pc"), 1);
    check_eq(tu_client_stat(DA, "Ec"), 1);
    as_guest(DA, g_duplicate_put_check);
    dom_down(DA);
    audit();
}

static void g_flush_page(void *unused)
{
    xen_tmem_oid_t x = tu_oid(0x40, 0, 0), y = tu_oid(0x41, 0, 0);

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    EXPECT_RC(tu_flush_page(g.pers, x, 0), 1);      /* empty pool */
    EXPECT_RC(put_seed(g.pers, x, 0, 400), 1);
    EXPECT_RC(put_seed(g.pers, x, 1, 401), 1);
    EXPECT_RC(tu_flush_page(g.pers, x, 7), 1);      /* missing index */
    EXPECT_RC(tu_flush_page(g.pers, y, 0), 1);      /* missing object */
    EXPECT_RC(tu_flush_page(g.pers, x, 0), 1);
    EXPECT_GET(g.pers, x, 0, 0, 0);
    EXPECT_GET(g.pers, x, 1, 1, 401);
    EXPECT_RC(tu_flush_page(g.pers, x, 0), 1);      /* again */
}

static void test_flush_page(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_flush_page);
    check_eq(tu_client_stat(DA, "Pc"), 1);
    dom_down(DA);
    audit();
}

/* Each way a page leaves tmem gives its frame back. */
#define RETURN_PAGES    200

static uint32_t leave_how;              /* TMEM_FLUSH_PAGE, _OBJECT, GET */

static void g_fill_for_leaving(void *unused)
{
    uint32_t i;

    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( i = 0; i < RETURN_PAGES; i++ )
    {
        EXPECT_RC(put_seed(g.eph, tu_oid(0x45, 0, 0), i, i), 1);
        EXPECT_RC(put_seed(g.pers, tu_oid(0x45, 0, 0), i, i), 1);
    }
}

static void g_leave(void *unused)
{
    xen_tmem_oid_t x = tu_oid(0x45, 0, 0);
    uint32_t i;

    (void)unused;
    if ( leave_how == TMEM_FLUSH_OBJECT )
    {
        EXPECT_RC(tu_flush_object(g.eph, x), 1);
        EXPECT_RC(tu_flush_object(g.pers, x), 1);
        return;
    }
    for ( i = 0; i < RETURN_PAGES; i++ )
        if ( leave_how == TMEM_FLUSH_PAGE )
        {
            EXPECT_RC(tu_flush_page(g.eph, x, i), 1);
            EXPECT_RC(tu_flush_page(g.pers, x, i), 1);
        }
        else
        {
            /* An exclusive get, and a flush for the persistent copy. */
            EXPECT_GET(g.eph, x, i, 1, i);
            EXPECT_GET(g.pers, x, i, 1, i);
            EXPECT_RC(tu_flush_page(g.pers, x, i), 1);
        }
}

static void test_pages_leaving_free_their_frames(void)
{
    static const uint32_t hows[] = { TMEM_FLUSH_PAGE, TMEM_FLUSH_OBJECT,
                                     TMEM_GET_PAGE };
    unsigned long full, after;
    unsigned int i;

    for ( i = 0; i < 3; i++ )
    {
        if ( !dom_up(DA) )
            return;
        as_guest(DA, g_fill_for_leaving);
        full = tu_free_pages();
        leave_how = hows[i];
        as_guest(DA, g_leave);
        after = tu_free_pages();
        if ( after < full + 2 * RETURN_PAGES ||
             after > full + 2 * RETURN_PAGES + SLACK )
            fail("cmd %u: %lu pages free with tmem full, %lu after %u "
                 "pages left", hows[i], full, after, 2 * RETURN_PAGES);
        check_eq(tu_client_stat(DA, "Ec"), 0);
        check_eq(tu_client_stat(DA, "Pc"), 0);
        dom_down(DA);
        audit();
    }
}

static void g_flush_object(void *unused)
{
    xen_tmem_oid_t a = tu_oid(0x50, 0, 0), b = tu_oid(0x51, 0, 0);
    xen_tmem_oid_t a2 = tu_oid(0x50, 0, 1);         /* differs in oid[2] */
    uint32_t i;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( i = 0; i < 5; i++ )
    {
        EXPECT_RC(put_seed(g.pers, a, i, 500 + i), 1);
        EXPECT_RC(put_seed(g.pers, b, i, 510 + i), 1);
        EXPECT_RC(put_seed(g.pers, a2, i, 520 + i), 1);
    }
    EXPECT_RC(tu_flush_object(g.pers, a), 1);
    for ( i = 0; i < 5; i++ )
    {
        EXPECT_GET(g.pers, a, i, 0, 0);
        EXPECT_GET(g.pers, b, i, 1, 510 + i);
        EXPECT_GET(g.pers, a2, i, 1, 520 + i);
    }
    EXPECT_RC(tu_flush_object(g.pers, a), 1);       /* gone already */
    EXPECT_RC(tu_flush_object(g.pers, tu_oid(9, 9, 9)), 1);
}

static void test_flush_object_drops_only_that_object(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_flush_object);
    check_eq(tu_client_stat(DA, "Pc"), 10);
    dom_down(DA);
    audit();
}

#define DISTINCT_PER_WORD   300         /* > 256 hash buckets */

static void g_distinct_oids(void *unused)
{
    /* Differ in one word only, or collide in a XOR hash of the words. */
    static const uint64_t oids[][3] = {
        { 1, 0, 0 }, { 0, 0, 1 }, { 1, 0, 1 }, { 0, 1, 0 }, { 0, 0, 0 },
        { 1, 2, 3 }, { 3, 2, 1 }, { 2, 0, 0 }, { 0, 0, 2 },
        { 1ULL << 63, 0, 0 }, { 0, 0, 1ULL << 63 }, { ~0ULL, ~0ULL, 0 },
        { ~0ULL, 0, ~0ULL }, { 0, ~0ULL, ~0ULL }, { ~0ULL - 1, ~0ULL, ~0ULL },
    };
    static const uint32_t idx[] = { 0, 1, 63, 64, 4095, 0x80000000U,
                                    0xFFFFFFFFU };
    unsigned int n = sizeof(oids) / sizeof(oids[0]), i, j;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( i = 0; i < n; i++ )
        for ( j = 0; j < 7; j++ )
            EXPECT_RC(put_seed(g.pers, tu_oid(oids[i][0], oids[i][1],
                                              oids[i][2]), idx[j],
                               1000 + i * 16 + j), 1);
    for ( i = 0; i < n; i++ )
        for ( j = 0; j < 7; j++ )
            EXPECT_GET(g.pers, tu_oid(oids[i][0], oids[i][1], oids[i][2]),
                       idx[j], 1, 1000 + i * 16 + j);
    g.rc = n * 7;

    /*
     * More objects than hash buckets, differing in one word only: some
     * must share a bucket, where only that word tells them apart.
     */
    for ( j = 0; j < 3; j++ )
        for ( i = 0; i < DISTINCT_PER_WORD; i++ )
        {
            uint64_t w[3] = { 0x77, 0x77, 0x77 };

            w[j] = 0x100 + i * 0x10001ULL;
            EXPECT_RC(put_seed(g.pers, tu_oid(w[0], w[1], w[2]), 0,
                               5000 + j * 1000 + i), 1);
        }
    for ( j = 0; j < 3; j++ )
        for ( i = 0; i < DISTINCT_PER_WORD; i++ )
        {
            uint64_t w[3] = { 0x77, 0x77, 0x77 };

            w[j] = 0x100 + i * 0x10001ULL;
            EXPECT_GET(g.pers, tu_oid(w[0], w[1], w[2]), 0, 1,
                       5000 + j * 1000 + i);
        }
    g.rc += 3 * DISTINCT_PER_WORD;
}

static void test_oids_and_indexes_are_distinct(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_distinct_oids);
    check_eq(tu_client_stat(DA, "Pc"), g.rc);
    dom_down(DA);
    audit();
}

/* --- bad input ------------------------------------------------------------ */

static void g_bad_cmfn(void *unused)
{
    static const uint64_t bad[] = { BAD_GFN, NPAGES, 1ULL << 40, ~0ULL,
                                    0x7FFFFFFFFFFFFULL };
    xen_tmem_oid_t x = tu_oid(0x60, 0, 0);
    unsigned int i;
    uint64_t found;
    long rc;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        EXPECT_RC(tu_put(g.pers, x, 1, bad[i]), -EFAULT);
        EXPECT_RC(tu_put(g.eph, x, 1, bad[i]), -EFAULT);
    }
    /* Nothing was stored by the failed puts. */
    EXPECT_RC(tu_get(g.pers, x, 1, GFN(1)), -EEMPTY);
    EXPECT_RC(tu_get(g.eph, x, 1, GFN(1)), -EEMPTY);

    /* A get into a bad frame fails; a persistent page survives it. */
    EXPECT_RC(put_seed(g.pers, x, 0, 600), 1);
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
        EXPECT_RC(tu_get(g.pers, x, 0, bad[i]), -EFAULT);
    EXPECT_GET(g.pers, x, 0, 1, 600);

    /* A duplicate put from a bad frame: old data or nothing, not junk. */
    EXPECT_RC(tu_put(g.pers, x, 0, BAD_GFN), -EFAULT);
    tu_page_fill(GFN(1), 0);
    rc = tu_get(g.pers, x, 0, GFN(1));
    if ( rc == 1 && tu_page_check(GFN(1), 600, &found) != 1 )
        fail("after a failed duplicate put: data %#lx",
             (unsigned long)found);
    else if ( rc != 1 && rc != 0 && rc != -EEMPTY )
        fail("after a failed duplicate put: get = %ld", rc);

    /* An ephemeral get into a bad frame may lose the page, nothing more. */
    EXPECT_RC(put_seed(g.eph, x, 0, 610), 1);
    EXPECT_RC(tu_get(g.eph, x, 0, BAD_GFN), -EFAULT);
    tu_page_fill(GFN(1), 0);
    rc = tu_get(g.eph, x, 0, GFN(1));
    if ( rc == 1 && tu_page_check(GFN(1), 610, &found) != 1 )
        fail("ephemeral page after a failed get: data %#lx",
             (unsigned long)found);
    else if ( rc != 1 && rc != 0 && rc != -EEMPTY )
        fail("ephemeral page after a failed get: get = %ld", rc);
}

static void test_bad_cmfn_efault(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_bad_cmfn);
    check(tu_client_stat(DA, "Pc") <= 1);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    dom_down(DA);
    audit();
}

/* A put or get with the sub-page fields set as given. */
static long sub_page_op(uint32_t cmd, long pool, uint32_t toff, uint32_t poff,
                        uint32_t len)
{
    struct tmem_op op;

    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.pool_id = (int32_t)pool;
    op.u.gen.oid = tu_oid(0x70, 0, 0);
    op.u.gen.index = 0;
    op.u.gen.tmem_offset = toff;
    op.u.gen.pfn_offset = poff;
    op.u.gen.len = len;
    op.u.gen.cmfn = cmd == TMEM_PUT_PAGE ? GFN(0) : GFN(1);
    return tu_op(&op);
}

static void g_bad_offsets(void *unused)
{
    static const uint32_t bad[][3] = {
        { 1, 0, 0 }, { 0, 1, 0 }, { 4096, 0, 0 }, { 0, 4096, 0 },
        { 0, 0, 1 }, { 0, 0, 4095 }, { 0, 0, 4097 }, { 0, 0, 8192 },
        { 0, 0, 0xFFFFFFFFU }, { 0xFFFFFFFFU, 0, 4096 }, { 0, 2048, 2048 },
    };
    static const uint32_t cmds[] = { TMEM_PUT_PAGE, TMEM_GET_PAGE };
    unsigned int i, c;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    tu_page_fill(GFN(0), 700);
    EXPECT_RC(sub_page_op(TMEM_PUT_PAGE, g.pers, 0, 0, 0), 1);
    for ( c = 0; c < 2; c++ )
        for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
        {
            long rc = sub_page_op(cmds[c], g.pers, bad[i][0], bad[i][1],
                                  bad[i][2]);

            if ( rc != -EINVAL )
                fail("cmd %u tmem_offset %u pfn_offset %u len %u: %ld, "
                     "expected -EINVAL", cmds[c], bad[i][0], bad[i][1],
                     bad[i][2], rc);
        }
    /* len 4096 is a whole page too. */
    tu_page_fill(GFN(0), 701);
    EXPECT_RC(sub_page_op(TMEM_PUT_PAGE, g.pers, 0, 0, 4096), 1);
    tu_page_fill(GFN(1), 0);
    EXPECT_RC(sub_page_op(TMEM_GET_PAGE, g.pers, 0, 0, 4096), 1);
    check_eq(tu_page_check(GFN(1), 701, NULL), 1);
}

static void test_sub_page_fields_einval(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_bad_offsets);
    check_eq(tu_client_stat(DA, "Pc"), 1);
    dom_down(DA);
    audit();
}

static void g_invalid_oid(void *unused)
{
    xen_tmem_oid_t inv = tu_oid(~0ULL, ~0ULL, ~0ULL);
    xen_tmem_oid_t near = tu_oid(~0ULL, ~0ULL, ~0ULL - 1);

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    EXPECT_RC(put_seed(g.pers, inv, 0, 800), -EINVAL);
    EXPECT_RC(put_seed(g.eph, inv, 0, 800), -EINVAL);
    EXPECT_RC(tu_get(g.pers, inv, 0, GFN(1)), -EINVAL);
    EXPECT_RC(tu_flush_page(g.pers, inv, 0), -EINVAL);
    EXPECT_RC(tu_flush_object(g.pers, inv), -EINVAL);
    EXPECT_RC(put_seed(g.pers, near, 0, 801), 1);
    EXPECT_GET(g.pers, near, 0, 1, 801);
}

static void test_all_ones_oid_einval(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_invalid_oid);
    check_eq(tu_client_stat(DA, "Pc"), 1);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    dom_down(DA);
    audit();
}

static void g_unknown_cmds(void *unused)
{
    static const uint32_t cmds[] = { TMEM_NEW_PAGE, TMEM_READ, TMEM_WRITE,
                                     TMEM_XCHG, 11, 50, 100, 103,
                                     0x80000000U, 0xFFFFFFFFU };
    struct tmem_op op;
    unsigned int i;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++ )
    {
        long rc;

        memset(&op, 0, sizeof(op));
        op.cmd = cmds[i];
        op.pool_id = (int32_t)g.pers;
        op.u.gen.cmfn = GFN(0);
        rc = tu_op(&op);
        if ( rc != -ENOSYS )
            fail("cmd %#x: %ld, expected -ENOSYS", cmds[i], rc);
    }
}

static void test_unknown_commands_enosys(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_unknown_cmds);
    check_eq(tu_client_stat(DA, "Pc"), 0);
    dom_down(DA);
    audit();
}

static void g_privileged_ops(void *unused)
{
    struct tmem_op op;
    uint32_t subop;

    (void)unused;
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( subop = 0; subop <= TMEMC_RESTORE_FLUSH_PAGE; subop++ )
    {
        long rc;

        memset(&op, 0, sizeof(op));
        op.cmd = TMEM_CONTROL;
        op.u.ctrl.subop = subop;
        op.u.ctrl.cli_id = subop & 1 ? TU_CLI_ALL : DA;
        op.u.ctrl.arg1 = 1;
        rc = tu_op(&op);
        if ( rc != -EPERM )
            fail("TMEM_CONTROL subop %u from a domU: %ld", subop, rc);
    }
    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_AUTH;
    op.u.creat.arg1 = DA;
    op.u.creat.flags = 1;
    EXPECT_RC(tu_op(&op), -EPERM);
    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_RESTORE_NEW;
    op.pool_id = 3;
    op.u.creat.arg1 = DA;
    op.u.creat.flags = TU_PERS;
    EXPECT_RC(tu_op(&op), -EPERM);
    /* Not frozen by the FREEZE it tried. */
    EXPECT_RC(put_seed(g.pers, tu_oid(1, 0, 0), 0, 900), 1);
}

static void test_control_and_auth_from_domu_eperm(void)
{
    if ( !dom_up(DA) )
        return;
    as_guest(DA, g_privileged_ops);
    check_eq(tu_client_stat(DA, "fr"), 0);
    check_eq(tu_client_stat(DA, "Pc"), 1);
    dom_down(DA);
    audit();
}

/* --- destroying pools ----------------------------------------------------- */

#define DESTROY_PAGES   200

static void g_fill_two_pools(void *unused)
{
    uint32_t i;

    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    for ( i = 0; i < DESTROY_PAGES; i++ )
    {
        EXPECT_RC(put_seed(g.eph, tu_oid(i / 50, 0, 0), i, i), 1);
        EXPECT_RC(put_seed(g.pers, tu_oid(i / 50, 0, 0), i, i), 1);
    }
}

static void g_destroy_two_pools(void *unused)
{
    xen_tmem_oid_t x = tu_oid(0, 0, 0);

    (void)unused;
    EXPECT_RC(tu_destroy_pool(g.eph), 1);
    EXPECT_RC(tu_destroy_pool(g.eph), 0);
    EXPECT_RC(tu_get(g.eph, x, 0, GFN(1)), -ENODEV);
    EXPECT_RC(put_seed(g.eph, x, 0, 1), -ENODEV);
    EXPECT_GET(g.pers, x, 0, 1, 0);
    EXPECT_RC(tu_destroy_pool(g.pers), 1);
    EXPECT_RC(tu_destroy_pool(g.pers), 0);
    EXPECT_RC(tu_flush_page(g.pers, x, 0), -ENODEV);
}

static void test_destroy_pool_frees_its_pages(void)
{
    unsigned long before, full, after;

    if ( !dom_up(DA) )
        return;
    before = tu_free_pages();
    as_guest(DA, g_fill_two_pools);
    full = tu_free_pages();
    check(before - full >= 2 * DESTROY_PAGES);
    check_eq(tu_client_stat(DA, "Ec"), DESTROY_PAGES);
    check_eq(tu_client_stat(DA, "Pc"), DESTROY_PAGES);
    audit();
    as_guest(DA, g_destroy_two_pools);
    after = tu_free_pages();
    if ( after + SLACK < before || after > before )
        fail("free pages %lu before the pools, %lu after destroying them",
             before, after);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    check_eq(tu_client_stat(DA, "Pc"), 0);
    check_eq(tu_global_stat("Ec"), 0);
    check_eq(tu_global_stat("Pc"), 0);
    audit();
    dom_down(DA);
    audit();
}

/* --- shared pools --------------------------------------------------------- */

#define UUID_LO         0x0123456789abcdefULL
#define UUID_HI         0xfedcba9876543210ULL

static void g_shared_a_create(void *unused)
{
    (void)unused;
    g.shared = tu_new_pool(TU_SHARED, UUID_LO, UUID_HI);
    EXPECT_RC(g.shared, 0);
    EXPECT_RC(put_seed(g.shared, tu_oid(1, 2, 3), 0, 1100), 1);
}

static long b_shared;

static void g_shared_b_join(void *unused)
{
    (void)unused;
    EXPECT_RC(tu_new_pool(TU_EPH, 0, 0), 0);        /* B's private pool */
    b_shared = tu_new_pool(TU_SHARED, UUID_LO, UUID_HI);
    EXPECT_RC(b_shared, 1);
    /* A's page is visible, and a shared get leaves it in place. */
    EXPECT_GET(b_shared, tu_oid(1, 2, 3), 0, 1, 1100);
    EXPECT_GET(b_shared, tu_oid(1, 2, 3), 0, 1, 1100);
    EXPECT_RC(put_seed(b_shared, tu_oid(1, 2, 3), 1, 1101), 1);
    /* Not in B's private pool. */
    EXPECT_RC(tu_get(0, tu_oid(1, 2, 3), 0, GFN(1)), -EEMPTY);
}

static void g_shared_a_sees_b(void *unused)
{
    (void)unused;
    EXPECT_GET(g.shared, tu_oid(1, 2, 3), 0, 1, 1100);
    EXPECT_GET(g.shared, tu_oid(1, 2, 3), 1, 1, 1101);
    /* A different uuid is a different pool. */
    g.eph = tu_new_pool(TU_SHARED, UUID_LO, UUID_HI + 1);
    check(g.eph >= 0 && g.eph != g.shared);
    EXPECT_RC(tu_get(g.eph, tu_oid(1, 2, 3), 0, GFN(1)), -EEMPTY);
    EXPECT_RC(tu_flush_page(g.shared, tu_oid(1, 2, 3), 0), 1);
}

static void g_shared_b_after_flush(void *unused)
{
    (void)unused;
    EXPECT_GET(b_shared, tu_oid(1, 2, 3), 0, 0, 0);
    EXPECT_GET(b_shared, tu_oid(1, 2, 3), 1, 1, 1101);
}

static void g_shared_a_leaves(void *unused)
{
    (void)unused;
    EXPECT_RC(tu_destroy_pool(g.shared), 1);
    EXPECT_RC(tu_get(g.shared, tu_oid(1, 2, 3), 1, GFN(1)), -ENODEV);
}

static void g_shared_b_still_has_it(void *unused)
{
    (void)unused;
    EXPECT_GET(b_shared, tu_oid(1, 2, 3), 1, 1, 1101);
    EXPECT_RC(put_seed(b_shared, tu_oid(4, 5, 6), 7, 1102), 1);
    EXPECT_GET(b_shared, tu_oid(4, 5, 6), 7, 1, 1102);
}

static void g_shared_b_leaves(void *unused)
{
    (void)unused;
    EXPECT_RC(tu_destroy_pool(b_shared), 1);
}

static void test_shared_pool_between_two_domains(void)
{
    unsigned long before, after;

    if ( !dom_up(DA) )
        return;
    if ( !dom_up(DB) )
    {
        dom_down(DA);
        return;
    }
    before = tu_free_pages();
    as_guest(DA, g_shared_a_create);
    as_guest(DB, g_shared_b_join);
    as_guest(DA, g_shared_a_sees_b);
    as_guest(DB, g_shared_b_after_flush);
    check_eq(tu_global_stat("Ec"), 1);
    as_guest(DA, g_shared_a_leaves);
    /* The page stays, now billed to B, the remaining sharer. */
    check_eq(tu_global_stat("Ec"), 1);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    check_eq(tu_client_stat(DB, "Ec"), 1);
    as_guest(DB, g_shared_b_still_has_it);
    audit();
    /* A's death does not disturb B's pool either. */
    dom_down(DA);
    as_guest(DB, g_shared_b_still_has_it);
    as_guest(DB, g_shared_b_leaves);
    check_eq(tu_global_stat("Ec"), 0);
    after = tu_free_pages();
    /* A's own memory came back too. */
    check(after + SLACK >= before);
    dom_down(DB);
    audit();
}

static void g_private_uuid_a(void *unused)
{
    (void)unused;
    g.shared = tu_new_pool(TU_SHARED, ~0ULL, ~0ULL);
    EXPECT_RC(g.shared, 0);
    EXPECT_RC(put_seed(g.shared, tu_oid(1, 0, 0), 0, 1200), 1);
    EXPECT_GET(g.shared, tu_oid(1, 0, 0), 0, 1, 1200);
    /* Private: that get was exclusive. */
    EXPECT_RC(tu_get(g.shared, tu_oid(1, 0, 0), 0, GFN(1)), -EEMPTY);
    EXPECT_RC(put_seed(g.shared, tu_oid(1, 0, 0), 0, 1201), 1);
}

static void g_private_uuid_b(void *unused)
{
    long p;

    (void)unused;
    p = tu_new_pool(TU_SHARED, ~0ULL, ~0ULL);
    EXPECT_RC(p, 0);
    EXPECT_RC(tu_get(p, tu_oid(1, 0, 0), 0, GFN(1)), -EEMPTY);
}

static void test_shared_uuid_all_ones_is_private(void)
{
    if ( !dom_up(DA) )
        return;
    if ( dom_up(DB) )
    {
        as_guest(DA, g_private_uuid_a);
        as_guest(DB, g_private_uuid_b);
        dom_down(DB);
    }
    dom_down(DA);
    audit();
}

int main(void)
{
    if ( tu_open("mem=64M dom0_mem=8M tmem", 120) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    RUN_TEST(test_spec_version_0_refused_and_client_disabled);
    RUN_TEST(test_spec_version_7_refused_too);
    RUN_TEST(test_sixteen_pools_then_eperm);
    RUN_TEST(test_bad_pool_flags_eperm);
    RUN_TEST(test_ops_on_missing_pools_enodev);
    RUN_TEST(test_ephemeral_get_is_exclusive);
    RUN_TEST(test_persistent_get_is_repeatable);
    RUN_TEST(test_duplicate_put_replaces);
    RUN_TEST(test_flush_page);
    RUN_TEST(test_flush_object_drops_only_that_object);
    RUN_TEST(test_pages_leaving_free_their_frames);
    RUN_TEST(test_oids_and_indexes_are_distinct);
    RUN_TEST(test_bad_cmfn_efault);
    RUN_TEST(test_sub_page_fields_einval);
    RUN_TEST(test_all_ones_oid_einval);
    RUN_TEST(test_unknown_commands_enosys);
    RUN_TEST(test_control_and_auth_from_domu_eperm);
    RUN_TEST(test_destroy_pool_frees_its_pages);
    RUN_TEST(test_shared_pool_between_two_domains);
    RUN_TEST(test_shared_uuid_all_ones_is_private);
    xc_interface_close(tu_xch);
    return harness_report();
}
