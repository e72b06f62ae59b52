/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared pools with `tmem_shared_auth`: a guest may join a shared pool
 * only if dom0 allowed its uuid for that guest (xc_tmem_auth); an
 * unauthorised request quietly gets a private pool instead, as in Xen.
 * Also the uuid string's mapping to the two uuid words, the 16 slots per
 * client, and deauthorisation.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"
#include "../tmem/tmem-util.h"

#define DA              1
#define DB              2
#define NPAGES          32
#define GFN(i)          (TU_BUF_PAGES + (i))

/* "0123456789abcdef-..." as xc_tmem_auth() reads it: hi then lo. */
#define U_HI            0x0123456789abcdefULL
#define U_LO            0xfedcba9876543210ULL
static char u_str[] = "01234567-89ab-cdef-fedc-ba9876543210";
static char u_upper[] = "01234567-89AB-CDEF-FEDC-BA9876543210";

static struct {
    uint64_t lo, hi;                    /* the uuid to ask for */
    long pool;
    long rc;
    uint64_t seed;
} g;

static void as_guest(uint32_t dom, void (*fn)(void *))
{
    int rc = tu_run(dom, fn, NULL);

    if ( rc )
        fail("could not run as d%u: %d", dom, rc);
}

static bool two_domains(void)
{
    if ( !check_eq(tu_domain_create(DA, NPAGES, 0), 0) )
        return false;
    if ( !check_eq(tu_domain_create(DB, NPAGES, 0), 0) )
    {
        tu_domain_destroy(DA);
        return false;
    }
    return true;
}

static void two_domains_down(void)
{
    check_eq(tu_domain_destroy(DA), 0);
    check_eq(tu_domain_destroy(DB), 0);
    check_eq(hosted_heap_audit(), 0);
}

/* Any op makes the client exist (auth needs one). */
static void g_hello(void *unused)
{
    (void)unused;
    check_eq(tu_destroy_pool(15), 0);
}

/* Ask for the shared pool g.lo/g.hi and put one page into it. */
static void g_share_and_put(void *unused)
{
    (void)unused;
    g.pool = tu_new_pool(TU_SHARED, g.lo, g.hi);
    check(g.pool >= 0);
    check_eq(tu_page_fill(GFN(0), g.seed), 0);
    check_eq(tu_put(g.pool, tu_oid(5, 0, 0), 0, GFN(0)), 1);
}

/* Ask for the same uuid and try to get that page twice. */
static void g_share_and_get(void *unused)
{
    long pool, first, second;

    (void)unused;
    pool = tu_new_pool(TU_SHARED, g.lo, g.hi);
    check(pool >= 0);
    tu_page_fill(GFN(1), ~g.seed);
    first = tu_get(pool, tu_oid(5, 0, 0), 0, GFN(1));
    if ( first == 1 )
        check_eq(tu_page_check(GFN(1), g.seed, NULL), 1);
    second = tu_get(pool, tu_oid(5, 0, 0), 0, GFN(1));
    /* Shared: 1 and 1.  Private and empty: -EEMPTY twice. */
    g.rc = first == 1 && second == 1 ? 1 :
           first == -EEMPTY && second == -EEMPTY ? 0 : -1;
}

/*
 * Is the uuid shared between A and B?  1 yes, 0 no (each got a private
 * pool), -1 neither.
 */
static long shared_between_a_and_b(uint64_t lo, uint64_t hi, uint64_t seed)
{
    g.lo = lo;
    g.hi = hi;
    g.seed = seed;
    as_guest(DA, g_share_and_put);
    as_guest(DB, g_share_and_get);
    return g.rc;
}

static void test_unauthorised_shared_request_gets_a_private_pool(void)
{
    if ( !two_domains() )
        return;
    check_eq(shared_between_a_and_b(U_LO, U_HI, 1), 0);
    /* One authorised is not enough. */
    as_guest(DB, g_hello);
    check_eq(xc_tmem_auth(tu_xch, DB, u_str, 1), 1);
    check_eq(shared_between_a_and_b(U_LO, U_HI, 2), 0);
    two_domains_down();
}

static void test_auth_makes_the_pool_shared(void)
{
    if ( !two_domains() )
        return;
    as_guest(DA, g_hello);
    as_guest(DB, g_hello);
    check_eq(xc_tmem_auth(tu_xch, DA, u_str, 1), 1);
    check_eq(xc_tmem_auth(tu_xch, DB, u_upper, 1), 1);  /* same uuid */
    check_eq(shared_between_a_and_b(U_LO, U_HI, 3), 1);
    /* The words the other way round are another, unauthorised uuid. */
    check_eq(shared_between_a_and_b(U_HI, U_LO, 4), 0);
    two_domains_down();
}

static void test_deauth(void)
{
    if ( !two_domains() )
        return;
    as_guest(DA, g_hello);
    as_guest(DB, g_hello);
    check_eq(xc_tmem_auth(tu_xch, DA, u_str, 1), 1);
    check_eq(xc_tmem_auth(tu_xch, DB, u_str, 1), 1);
    check_eq(xc_tmem_auth(tu_xch, DA, u_str, 0), 1);
    check_eq(xc_tmem_auth(tu_xch, DA, u_str, 0), 0);    /* not there */
    check_eq(shared_between_a_and_b(U_LO, U_HI, 5), 0);
    two_domains_down();
}

static void test_auth_needs_a_client(void)
{
    if ( !two_domains() )
        return;
    /* DA has not made a tmem call yet: there is no client to allow. */
    errno = 0;
    check_eq(xc_tmem_auth(tu_xch, DA, u_str, 1), -1);
    check_eq(errno, EINVAL);
    errno = 0;
    check_eq(xc_tmem_auth(tu_xch, 77, u_str, 1), -1);
    check_eq(errno, EINVAL);
    as_guest(DA, g_hello);
    check_eq(xc_tmem_auth(tu_xch, DA, u_str, 1), 1);
    two_domains_down();
}

static void test_sixteen_uuids_per_client(void)
{
    char s[40];
    unsigned int i;

    if ( !two_domains() )
        return;
    as_guest(DA, g_hello);
    for ( i = 0; i < 16; i++ )
    {
        snprintf(s, sizeof(s), "00000000-0000-0000-0000-%012x", i + 1);
        if ( xc_tmem_auth(tu_xch, DA, s, 1) != 1 )
            fail("auth of uuid %u failed (errno %d)", i, errno);
    }
    errno = 0;
    check_eq(xc_tmem_auth(tu_xch, DA, u_str, 1), -1);
    check_eq(errno, ENOMEM);
    snprintf(s, sizeof(s), "00000000-0000-0000-0000-%012x", 16);
    check_eq(xc_tmem_auth(tu_xch, DA, s, 1), 1);        /* already in */
    check_eq(xc_tmem_auth(tu_xch, DA, s, 0), 1);
    check_eq(xc_tmem_auth(tu_xch, DA, u_str, 1), 1);    /* a free slot */
    /* DB's slots are its own. */
    as_guest(DB, g_hello);
    check_eq(xc_tmem_auth(tu_xch, DB, s, 1), 1);
    two_domains_down();
}

int main(void)
{
    if ( tu_open("mem=32M dom0_mem=8M tmem tmem_shared_auth", 60) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    RUN_TEST(test_unauthorised_shared_request_gets_a_private_pool);
    RUN_TEST(test_auth_makes_the_pool_shared);
    RUN_TEST(test_deauth);
    RUN_TEST(test_auth_needs_a_client);
    RUN_TEST(test_sixteen_uuids_per_client);
    xc_interface_close(tu_xch);
    return harness_report();
}
