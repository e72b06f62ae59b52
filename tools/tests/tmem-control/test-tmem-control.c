/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem's control interface from dom0, through libxenctrl's
 * xc_tmem_control() and xc_tmem_auth() (and raw TMEM_CONTROL where the
 * buffer handling itself is under test): freeze and thaw, LIST and its
 * G=/C= lines, weight and cap, freeable memory, FLUSH, DESTROY, the
 * unimplemented subops, and the effect of each on guests' puts and gets.
 *
 * TMEMC_DESTROY for all clients runs in a forked copy of the process, so
 * that a deadlock there is reported instead of hanging the program.
 */
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"
#include "../tmem/tmem-util.h"

#define DA              1
#define DB              2
#define NPAGES          64
#define NO_SUCH_DOMAIN  77

#include "../tmem/tmem-check.h"

static struct {
    long eph, pers;
    uint32_t nr;                        /* pages to put */
    uint32_t first;                     /* first index */
    uint64_t seed_base;
    long put_failures, last_bad_rc;
} g;

static const xen_tmem_oid_t X = { { 0x100, 0, 0 } };
static const xen_tmem_oid_t Y = { { 0x200, 0, 0 } };

/* Both pools, and the pages of g.nr/g.first/g.seed_base (ephemeral). */
static void g_pools(void *unused)
{
    (void)unused;
    g.eph = tu_new_pool(TU_EPH, 0, 0);
    g.pers = tu_new_pool(TU_PERS, 0, 0);
    EXPECT_RC(g.eph, 0);
    EXPECT_RC(g.pers, 1);
}

/* Put g.nr ephemeral pages from index g.first; count failures. */
static void g_put_eph(void *unused)
{
    uint32_t i;

    (void)unused;
    g.put_failures = 0;
    for ( i = g.first; i < g.first + g.nr; i++ )
    {
        long rc = put_seed(g.eph, Y, i, g.seed_base + i);

        if ( rc != 1 )
        {
            g.put_failures++;
            g.last_bad_rc = rc;
        }
    }
}

/* The same into the persistent pool. */
static void g_put_pers(void *unused)
{
    uint32_t i;

    (void)unused;
    g.put_failures = 0;
    for ( i = g.first; i < g.first + g.nr; i++ )
    {
        long rc = put_seed(g.pers, X, i, g.seed_base + i);

        if ( rc != 1 )
        {
            g.put_failures++;
            g.last_bad_rc = rc;
        }
    }
}

static void put_eph_as(uint32_t dom, uint32_t first, uint32_t nr)
{
    g.first = first;
    g.nr = nr;
    as_guest(dom, g_put_eph);
    if ( g.put_failures )
        fail("d%u: %ld of %u ephemeral puts failed (last %ld)", dom,
             g.put_failures, nr, g.last_bad_rc);
}

static void put_pers_as(uint32_t dom, uint32_t first, uint32_t nr)
{
    g.first = first;
    g.nr = nr;
    as_guest(dom, g_put_pers);
    if ( g.put_failures )
        fail("d%u: %ld of %u persistent puts failed (last %ld)", dom,
             g.put_failures, nr, g.last_bad_rc);
}

/* Two domains with both pools each (same ids in each). */
static bool two_domains(void)
{
    if ( !dom_up(DA) )
        return false;
    if ( !dom_up(DB) )
    {
        dom_down(DA);
        return false;
    }
    as_guest(DA, g_pools);
    as_guest(DB, g_pools);
    return true;
}

static void two_domains_down(void)
{
    dom_down(DA);
    dom_down(DB);
    audit();
}

/* --- freeze and thaw ------------------------------------------------------ */

static void g_frozen(void *unused)
{
    (void)unused;
    EXPECT_RC(put_seed(g.pers, X, 9, 1), -EFROZEN);  /* new pages */
    EXPECT_RC(put_seed(g.eph, Y, 9, 1), -EFROZEN);
    EXPECT_RC(-EFROZEN, -1000);
    EXPECT_GET(g.pers, X, 0, 1, 0);                 /* gets work */
    EXPECT_GET(g.eph, Y, 0, 1, 0);
    EXPECT_RC(put_seed(g.pers, X, 0, 77), 1);       /* a duplicate works */
    EXPECT_GET(g.pers, X, 0, 1, 77);
    /* Flushes report -EFROZEN but are done. */
    EXPECT_RC(tu_flush_page(g.pers, X, 0), -EFROZEN);
    EXPECT_GET(g.pers, X, 0, 0, 0);
    EXPECT_GET(g.pers, X, 1, 1, 1);
    EXPECT_RC(tu_flush_object(g.eph, Y), -EFROZEN);
    EXPECT_RC(tu_get(g.eph, Y, 1, GFN(1)), -EEMPTY);
}

static void g_thawed(void *unused)
{
    (void)unused;
    EXPECT_RC(put_seed(g.pers, X, 9, 9), 1);
    EXPECT_GET(g.pers, X, 9, 1, 9);
}

static void g_put_one(void *unused)
{
    (void)unused;
    EXPECT_RC(put_seed(g.pers, X, 20, 20), 1);
}

static void g_put_one_frozen(void *unused)
{
    (void)unused;
    EXPECT_RC(put_seed(g.pers, X, 21, 21), -EFROZEN);
}

static void test_freeze_refuses_new_puts_only(void)
{
    if ( !two_domains() )
        return;
    g.seed_base = 0;
    put_pers_as(DA, 0, 2);
    put_eph_as(DA, 0, 2);
    EXPECT_RC(tu_control(TMEMC_FREEZE, DA, 0), 0);
    check_eq(tu_client_stat(DA, "fr"), 1);
    check_eq(tu_client_stat(DB, "fr"), 0);
    as_guest(DA, g_frozen);
    as_guest(DB, g_put_one);                        /* B is not frozen */
    check_eq(tu_client_stat(DA, "Pc"), 1);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    audit();
    EXPECT_RC(tu_control(TMEMC_THAW, DA, 0), 0);
    check_eq(tu_client_stat(DA, "fr"), 0);
    as_guest(DA, g_thawed);
    two_domains_down();
}

static void test_freeze_and_thaw_all_clients(void)
{
    if ( !two_domains() )
        return;
    EXPECT_RC(tu_control(TMEMC_FREEZE, TU_CLI_ALL, 0), 0);
    check_eq(tu_client_stat(DA, "fr"), 1);
    check_eq(tu_client_stat(DB, "fr"), 1);
    as_guest(DA, g_put_one_frozen);
    as_guest(DB, g_put_one_frozen);
    EXPECT_RC(tu_control(TMEMC_THAW, TU_CLI_ALL, 0), 0);
    check_eq(tu_client_stat(DA, "fr"), 0);
    check_eq(tu_client_stat(DB, "fr"), 0);
    as_guest(DA, g_put_one);
    as_guest(DB, g_put_one);
    two_domains_down();
}

static void test_client_ops_on_unknown_clients_fail(void)
{
    static const uint32_t subops[] = { TMEMC_THAW, TMEMC_FREEZE,
                                       TMEMC_DESTROY, TMEMC_SET_WEIGHT,
                                       TMEMC_SET_CAP };
    static const uint32_t clients[] = { NO_SUCH_DOMAIN, DB, 0x7FF0,
                                        0xFFFE, 0x10000, 0xFFFFFFFFU };
    unsigned int i, j;

    /* DB exists but has never used tmem: no client. */
    if ( !dom_up(DB) )
        return;
    for ( i = 0; i < sizeof(subops) / sizeof(subops[0]); i++ )
        for ( j = 0; j < sizeof(clients) / sizeof(clients[0]); j++ )
        {
            long rc = tu_control(subops[i], clients[j], 1);

            if ( rc >= 0 )
                fail("subop %u on client %#x: %ld", subops[i], clients[j],
                     rc);
        }
    check_eq(tu_client_stat(DB, "Ec"), -1);         /* still no client */
    dom_down(DB);
    audit();
}

/* --- LIST ----------------------------------------------------------------- */

/* How many lines of text start with tag ('C' or 'G')? */
static unsigned int count_lines(const char *text, char tag)
{
    unsigned int n = 0;
    const char *p;

    for ( p = text; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL )
        n += p[0] == tag && p[1] == '=';
    return n;
}

/* Raw LIST from dom0 into a buffer of 2 pages filled with 'Z'. */
static long raw_list(uint32_t cli, uint32_t arg1, uint64_t gva)
{
    struct tmem_op op;

    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_CONTROL;
    op.u.ctrl.subop = TMEMC_LIST;
    op.u.ctrl.cli_id = cli;
    op.u.ctrl.arg1 = arg1;
    set_xen_guest_handle_raw(op.u.ctrl.buf, (char *)(uintptr_t)gva);
    return tu_op(&op);
}

static void test_list_reports_clients_and_pages(void)
{
    char buf[TU_LIST_SIZE];
    unsigned long v;
    long rc;

    if ( !two_domains() )
        return;
    g.seed_base = 0;
    put_eph_as(DA, 0, 3);
    put_pers_as(DA, 0, 2);
    put_eph_as(DB, 0, 1);

    rc = tu_list(TU_CLI_ALL, buf);
    check(rc >= 0 && (size_t)rc <= strlen(buf));
    check_eq(count_lines(buf, 'G'), 1);
    check(!tu_list_value(buf, 'C', DA, "Ec", &v) && v == 3);
    check(!tu_list_value(buf, 'C', DA, "Pc", &v) && v == 2);
    check(!tu_list_value(buf, 'C', DB, "Ec", &v) && v == 1);
    check(!tu_list_value(buf, 'C', DB, "Pc", &v) && v == 0);
    check(!tu_list_value(buf, 'C', DA, "ww", &v) && v == 1);
    check(!tu_list_value(buf, 'C', DA, "ca", &v) && v == 0);
    check(!tu_list_value(buf, 'C', DA, "fr", &v) && v == 0);
    check(!tu_list_value(buf, 'G', 0, "Ec", &v) && v == 4);
    check(!tu_list_value(buf, 'G', 0, "Pc", &v) && v == 2);
    check(!tu_list_value(buf, 'G', 0, "Cc", &v) &&
          v == count_lines(buf, 'C'));
    check(!tu_list_value(buf, 'G', 0, "Tt", &v) && v >= 6);

    /* One client only. */
    rc = tu_list(DA, buf);
    check(rc >= 0);
    check_eq(count_lines(buf, 'G'), 1);
    check_eq(count_lines(buf, 'C'), 1);
    check(!tu_list_value(buf, 'C', DA, "Ec", &v) && v == 3);
    check(tu_list_value(buf, 'C', DB, "Ec", &v) == -1);

    two_domains_down();
}

static void test_list_writes_at_most_arg1_bytes(void)
{
    char small[2 * TU_PAGE_SIZE];
    uint64_t gva;
    long rc;
    size_t i;

    if ( !two_domains() )
        return;
    g.seed_base = 0;
    put_eph_as(DA, 0, 3);
    /* The hypervisor writes at most arg1 bytes, NUL included. */
    gva = hosted_buf_alloc(sizeof(small));
    if ( check(gva != 0) )
    {
        memset(small, 'Z', sizeof(small));
        hosted_buf_write(gva, small, sizeof(small));
        rc = raw_list(TU_CLI_ALL, 16, gva);
        check(rc >= 0);
        hosted_buf_read(small, gva, sizeof(small));
        check(memchr(small, '\0', 16) != NULL);
        check(!strncmp(small, "G=", 2));
        for ( i = 16; i < sizeof(small) && small[i] == 'Z'; i++ )
            continue;
        if ( i != sizeof(small) )
            fail("LIST with arg1 16 wrote byte %zu", i);
        /* arg1 0: nothing written. */
        memset(small, 'Z', sizeof(small));
        hosted_buf_write(gva, small, sizeof(small));
        rc = raw_list(TU_CLI_ALL, 0, gva);
        hosted_buf_read(small, gva, sizeof(small));
        check(rc <= 0);
        check(small[0] == 'Z');
        hosted_buf_free(gva, sizeof(small));
    }
    /* An unmapped buffer is -EFAULT, not a crash. */
    check_eq(raw_list(TU_CLI_ALL, 64, 0x1000), -EFAULT);
    check_eq(raw_list(TU_CLI_ALL, 64, 0), -EFAULT);

    /* libxenctrl refuses a LIST with a length and no buffer. */
    errno = 0;
    check_eq(xc_tmem_control(tu_xch, 0, TMEMC_LIST, TU_CLI_ALL, 64, 0, 0,
                             NULL), -1);
    check_eq(errno, EINVAL);
    two_domains_down();
}

/* --- weight and cap ------------------------------------------------------- */

static void test_set_weight_shows_in_list(void)
{
    if ( !two_domains() )
        return;
    EXPECT_RC(tu_control(TMEMC_SET_WEIGHT, DA, 7), 0);
    check_eq(tu_client_stat(DA, "ww"), 7);
    check_eq(tu_client_stat(DB, "ww"), 1);
    EXPECT_RC(tu_control(TMEMC_SET_WEIGHT, TU_CLI_ALL, 3), 0);
    check_eq(tu_client_stat(DA, "ww"), 3);
    check_eq(tu_client_stat(DB, "ww"), 3);
    two_domains_down();
}

#define CAP             50
#define OVER_CAP        200

/* The first OVER_CAP - CAP are gone, the last CAP intact. */
static void g_cap_check(void *unused)
{
    uint32_t i;

    (void)unused;
    for ( i = 0; i < OVER_CAP - CAP; i++ )
        EXPECT_GET(g.eph, Y, i, 0, 0);
    for ( ; i < OVER_CAP; i++ )
        EXPECT_GET(g.eph, Y, i, 1, g.seed_base + i);
}

static void g_pers_over_cap(void *unused)
{
    uint32_t i;

    (void)unused;
    for ( i = 0; i < CAP; i++ )
        EXPECT_RC(put_seed(g.pers, X, i, 5000 + i), 1);
    /* At the cap with nothing of its own to evict: no new page. */
    EXPECT_RC(put_seed(g.pers, X, CAP, 5000 + CAP), -ENOMEM);
    EXPECT_RC(put_seed(g.eph, Y, 0, 1), -ENOMEM);
    EXPECT_RC(put_seed(g.pers, X, 0, 6000), 1);     /* a duplicate is fine */
    for ( i = 1; i < CAP; i++ )
        EXPECT_GET(g.pers, X, i, 1, 5000 + i);
    EXPECT_GET(g.pers, X, 0, 1, 6000);
}

static void test_cap_makes_a_client_evict_its_own(void)
{
    long evicted;

    if ( !two_domains() )
        return;
    g.seed_base = 0;
    put_eph_as(DB, 0, 20);
    EXPECT_RC(tu_control(TMEMC_SET_CAP, DA, CAP), 0);
    check_eq(tu_client_stat(DA, "ca"), CAP);
    evicted = tu_global_stat("Et");
    g.seed_base = 1000;
    put_eph_as(DA, 0, OVER_CAP);
    check_eq(tu_client_stat(DA, "Ec"), CAP);
    check_eq(tu_client_stat(DB, "Ec"), 20);         /* B untouched */
    check_eq(tu_global_stat("Et") - evicted, OVER_CAP - CAP);
    as_guest(DA, g_cap_check);
    audit();

    /* Without a cap the client grows again. */
    EXPECT_RC(tu_control(TMEMC_SET_CAP, DA, 0), 0);
    put_eph_as(DA, OVER_CAP, 2 * CAP);
    check_eq(tu_client_stat(DA, "Ec"), 2 * CAP);
    audit();

    /* The cap counts persistent pages too, which cannot be evicted. */
    EXPECT_RC(tu_control(TMEMC_DESTROY, DA, 0), 0);
    EXPECT_RC(tu_control(TMEMC_SET_CAP, DA, CAP), 0);
    as_guest(DA, g_pers_over_cap);
    check_eq(tu_client_stat(DA, "Pc"), CAP);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    two_domains_down();
}

/* --- freeable memory, FLUSH, DESTROY -------------------------------------- */

static void test_query_freeable_mb(void)
{
    long before;

    if ( !two_domains() )
        return;
    before = tu_control(TMEMC_QUERY_FREEABLE_MB, TU_CLI_ALL, 0);
    check_eq(before, 0);
    g.seed_base = 0;
    put_eph_as(DA, 0, 600);                         /* 2.3 MiB */
    check_eq(tu_control(TMEMC_QUERY_FREEABLE_MB, TU_CLI_ALL, 0), 600 >> 8);
    put_eph_as(DB, 0, 500);                         /* 4.3 MiB in all */
    check_eq(tu_control(TMEMC_QUERY_FREEABLE_MB, TU_CLI_ALL, 0),
             1100 >> 8);
    /* Persistent pages are not freeable. */
    put_pers_as(DA, 0, 600);
    check_eq(tu_control(TMEMC_QUERY_FREEABLE_MB, TU_CLI_ALL, 0),
             1100 >> 8);
    check_eq(tu_control(TMEMC_QUERY_FREEABLE_MB, DA, 0), 1100 >> 8);
    two_domains_down();
}

static void test_flush_gives_kib_back(void)
{
    unsigned long free0, free1;

    if ( !two_domains() )
        return;
    g.seed_base = 0;
    put_eph_as(DA, 0, 300);
    put_pers_as(DA, 0, 50);
    free0 = tu_free_pages();
    /* 400 KiB: 100 pages, back to the heap. */
    check_eq(tu_control(TMEMC_FLUSH, TU_CLI_ALL, 400), 400);
    free1 = tu_free_pages();
    check_eq(tu_client_stat(DA, "Ec"), 200);
    if ( free1 < free0 + 100 || free1 > free0 + 100 + 16 )
        fail("free pages %lu -> %lu after flushing 100 pages", free0, free1);
    /* Rounded up to whole pages. */
    check_eq(tu_control(TMEMC_FLUSH, TU_CLI_ALL, 1), 4);
    check_eq(tu_client_stat(DA, "Ec"), 199);
    check_eq(tu_control(TMEMC_FLUSH, TU_CLI_ALL, 0), 0);
    /* Only for all clients. */
    check(tu_control(TMEMC_FLUSH, DA, 400) < 0);
    check_eq(tu_client_stat(DA, "Ec"), 199);
    /* More than there is: everything ephemeral, nothing persistent. */
    check_eq(tu_control(TMEMC_FLUSH, TU_CLI_ALL, 0xFFFFFFFFU), 199 * 4);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    check_eq(tu_client_stat(DA, "Pc"), 50);
    check_eq(tu_control(TMEMC_FLUSH, TU_CLI_ALL, 400), 0);
    audit();
    two_domains_down();
}

static void g_after_destroy(void *unused)
{
    (void)unused;
    EXPECT_RC(tu_get(g.pers, X, 0, GFN(1)), -EEMPTY);
    EXPECT_RC(tu_get(g.eph, Y, 0, GFN(1)), -EEMPTY);
    /* The pools are still there. */
    EXPECT_RC(put_seed(g.pers, X, 0, 3), 1);
    EXPECT_GET(g.pers, X, 0, 1, 3);
}

/*
 * Our TMEMC_DESTROY empties the client's pools and keeps them (Xen's
 * acted as THAW); docs/misc/tmem.md says so.
 */
static void test_destroy_subop_empties_one_clients_pools(void)
{
    if ( !two_domains() )
        return;
    g.seed_base = 0;
    put_eph_as(DA, 0, 30);
    put_pers_as(DA, 0, 30);
    put_eph_as(DB, 0, 10);
    EXPECT_RC(tu_control(TMEMC_DESTROY, DA, 0), 0);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    check_eq(tu_client_stat(DA, "Pc"), 0);
    check_eq(tu_client_stat(DB, "Ec"), 10);
    audit();
    as_guest(DA, g_after_destroy);
    two_domains_down();
}

/*
 * Run fn in a forked copy of this process (the hypervisor state
 * included), with 'secs' to finish.  Returns 0 (finished, no check
 * failed), 1 (checks failed: see the FAIL lines), -1 (hung), -2 (died).
 */
static int in_child(void (*fn)(void), unsigned int secs)
{
    int status;
    pid_t pid;

    fflush(stdout);
    fflush(stderr);
    pid = fork();
    if ( pid < 0 )
        return -2;
    if ( pid == 0 )
    {
        signal(SIGALRM, SIG_DFL);
        alarm(secs);
        harness_test_failures = 0;
        fn();
        fflush(stdout);
        _exit(harness_test_failures ? 1 : 0);
    }
    if ( waitpid(pid, &status, 0) != pid )
        return -2;
    if ( WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM )
        return -1;
    if ( WIFEXITED(status) )
        return WEXITSTATUS(status) ? 1 : 0;
    return -2;
}

static void destroy_all(void)
{
    EXPECT_RC(tu_control(TMEMC_DESTROY, TU_CLI_ALL, 0), 0);
    check_eq(tu_client_stat(DA, "Ec"), 0);
    check_eq(tu_client_stat(DA, "Pc"), 0);
    check_eq(tu_client_stat(DB, "Ec"), 0);
    check_eq(tu_global_stat("Ec"), 0);
    check_eq(hosted_heap_audit(), 0);
}

static void test_destroy_subop_for_all_clients(void)
{
    int rc;

    if ( !two_domains() )
        return;
    g.seed_base = 0;
    put_eph_as(DA, 0, 10);
    put_pers_as(DA, 0, 10);
    put_eph_as(DB, 0, 10);
    rc = in_child(destroy_all, 3);
    /* Regression: it used to hang (tmem_lru_lock held around frees). */
    if ( rc == -1 )
        fail("TMEMC_DESTROY for all clients hangs");
    else if ( rc )
        fail("TMEMC_DESTROY for all clients: %s",
             rc == 1 ? "checks failed" : "the child died");
    /* Our own copy of the hypervisor never ran it. */
    check_eq(tu_client_stat(DA, "Ec"), 10);
    two_domains_down();
}

/* --- unimplemented and unknown subops ------------------------------------- */

static void test_save_restore_eopnotsupp(void)
{
    static const uint32_t subops[] = {
        TMEMC_SAVE_BEGIN, TMEMC_SAVE_GET_VERSION,
        TMEMC_SAVE_GET_MAXPOOLS, TMEMC_SAVE_GET_CLIENT_WEIGHT,
        TMEMC_SAVE_GET_CLIENT_CAP, TMEMC_SAVE_GET_CLIENT_FLAGS,
        TMEMC_SAVE_GET_POOL_FLAGS, TMEMC_SAVE_GET_POOL_NPAGES,
        TMEMC_SAVE_GET_POOL_UUID, TMEMC_SAVE_GET_NEXT_PAGE,
        TMEMC_SAVE_GET_NEXT_INV, TMEMC_SAVE_END, TMEMC_RESTORE_BEGIN,
        TMEMC_RESTORE_PUT_PAGE, TMEMC_RESTORE_FLUSH_PAGE,
    };
    unsigned int i;

    if ( !two_domains() )
        return;
    for ( i = 0; i < sizeof(subops) / sizeof(subops[0]); i++ )
    {
        long rc = tu_control(subops[i], DA, 1);

        if ( rc != -EOPNOTSUPP )
            fail("subop %u: %ld, expected -EOPNOTSUPP", subops[i], rc);
    }
    two_domains_down();
}

static void test_unknown_subops_fail(void)
{
    static const uint32_t subops[] = { 9, 22, 29, 31, 34, 99, 1000,
                                       0xFFFFFFFFU };
    unsigned int i;

    if ( !two_domains() )
        return;
    for ( i = 0; i < sizeof(subops) / sizeof(subops[0]); i++ )
    {
        long rc = tu_control(subops[i], DA, 1);

        if ( rc >= 0 )
            fail("subop %u: %ld, expected an error", subops[i], rc);
    }
    check_eq(tu_client_stat(DA, "fr"), 0);
    two_domains_down();
}

/* --- xc_tmem_auth without tmem_shared_auth -------------------------------- */

static void test_xc_tmem_auth_results(void)
{
    char uuid[] = "00000000-0000-0001-0000-000000000002";
    char upper[] = "ABCDEF01-2345-6789-ABCD-EF0123456789";
    char lower[] = "abcdef01-2345-6789-abcd-ef0123456789";
    static const char *const bad[] = {
        "", "0", "00000000-0000-0001-0000-00000000000",
        "00000000-0000-0001-0000-0000000000022",
        "00000000_0000-0001-0000-000000000002",
        "0000000g-0000-0001-0000-000000000002",
    };
    unsigned int i;

    if ( !two_domains() )
        return;
    check_eq(xc_tmem_auth(tu_xch, DA, uuid, 1), 1);
    check_eq(xc_tmem_auth(tu_xch, DA, uuid, 1), 1);     /* already in */
    check_eq(xc_tmem_auth(tu_xch, DA, uuid, 0), 1);
    check_eq(xc_tmem_auth(tu_xch, DA, uuid, 0), 0);     /* not there */
    /* Upper and lower case name the same uuid. */
    check_eq(xc_tmem_auth(tu_xch, DA, upper, 1), 1);
    check_eq(xc_tmem_auth(tu_xch, DA, lower, 0), 1);
    check_eq(xc_tmem_auth(tu_xch, DA, upper, 0), 0);
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        char copy[64];

        snprintf(copy, sizeof(copy), "%s", bad[i]);
        errno = 0;
        if ( xc_tmem_auth(tu_xch, DA, copy, 1) != -1 || errno != EINVAL )
            fail("uuid \"%s\" accepted (errno %d)", bad[i], errno);
    }
    errno = 0;
    check_eq(xc_tmem_auth(tu_xch, NO_SUCH_DOMAIN, uuid, 1), -1);
    check_eq(errno, EINVAL);
    errno = 0;
    check_eq(xc_tmem_auth(tu_xch, DA, uuid, 2), -1);    /* flag 0 or 1 */
    check_eq(errno, EINVAL);
    two_domains_down();
}

int main(void)
{
    if ( tu_open("mem=64M dom0_mem=8M tmem", 120) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    RUN_TEST(test_freeze_refuses_new_puts_only);
    RUN_TEST(test_freeze_and_thaw_all_clients);
    RUN_TEST(test_client_ops_on_unknown_clients_fail);
    RUN_TEST(test_list_reports_clients_and_pages);
    RUN_TEST(test_list_writes_at_most_arg1_bytes);
    RUN_TEST(test_set_weight_shows_in_list);
    RUN_TEST(test_cap_makes_a_client_evict_its_own);
    RUN_TEST(test_query_freeable_mb);
    RUN_TEST(test_flush_gives_kib_back);
    RUN_TEST(test_destroy_subop_empties_one_clients_pools);
    RUN_TEST(test_destroy_subop_for_all_clients);
    RUN_TEST(test_save_restore_eopnotsupp);
    RUN_TEST(test_unknown_subops_fail);
    RUN_TEST(test_xc_tmem_auth_results);
    xc_interface_close(tu_xch);
    return harness_report();
}
