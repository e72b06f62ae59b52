/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checking helpers shared by the tmem test programs, header only because
 * they record failures through harness.h, whose counters are per program
 * file.  Include after harness.h and tmem-util.h, with NPAGES (populated
 * gfns per test domain) defined.  Guest code run by guest_run() or
 * as_guest() runs while the main thread waits, so plain checks are safe
 * in it; code in several vCPU threads at once reports with tfail().
 */
#ifndef TOOLS_TESTS_TMEM_CHECK_H
#define TOOLS_TESTS_TMEM_CHECK_H

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "harness.h"
#include "hosted-api.h"
#include "tmem-util.h"

#define GFN(i)          (TU_BUF_PAGES + (i))    /* data page i */
#define SLACK           16              /* xmalloc's spare slab pages */

/* Run fn(arg) as a vCPU of dom and wait for it. */
static inline void guest_run(uint32_t dom, void (*fn)(void *), void *arg)
{
    int rc = tu_run(dom, fn, arg);

    if ( rc )
        fail("could not run as d%u: %d", dom, rc);
}

static inline void as_guest(uint32_t dom, void (*fn)(void *))
{
    guest_run(dom, fn, NULL);
}

/* Domain dom with NPAGES populated gfns.  true, or false (failed). */
static inline bool dom_up(uint32_t dom)
{
    int rc = tu_domain_create(dom, NPAGES, 0);

    if ( rc )
        fail("creating d%u: %d", dom, rc);
    return !rc;
}

static inline void dom_down(uint32_t dom)
{
    check_eq(tu_domain_destroy(dom), 0);
}

/* The heap, claims and tmem accounting agree. */
static inline void audit(void)
{
    check_eq(hosted_heap_audit(), 0);
}

/* Put the pattern of seed from data page 0.  The put's result. */
static inline long put_seed(long pool, xen_tmem_oid_t oid, uint32_t idx,
                            uint64_t seed)
{
    if ( tu_page_fill(GFN(0), seed) )
        return -ENOBUFS;
    return tu_put((int32_t)pool, oid, idx, GFN(0));
}

/*
 * Get (pool, oid, idx) into data page 1 (first filled with something
 * else) and expect result 'want'; for a hit, the pattern of seed.
 */
#define EXPECT_GET(pool, oid, idx, want, seed) \
    expect_get(__LINE__, pool, oid, idx, want, seed)
static inline void expect_get(int line, long pool, xen_tmem_oid_t oid,
                              uint32_t idx, long want, uint64_t seed)
{
    uint64_t found;
    long rc;

    tu_page_fill(GFN(1), ~seed);
    rc = tu_get((int32_t)pool, oid, idx, GFN(1));
    if ( rc != want )
        harness_fail(__FILE__, line, "get(pool %ld, oid %#lx:%#lx:%#lx, "
                     "%u) = %ld, expected %ld", pool,
                     (unsigned long)oid.oid[0], (unsigned long)oid.oid[1],
                     (unsigned long)oid.oid[2], idx, rc, want);
    else if ( rc == 1 && tu_page_check(GFN(1), seed, &found) != 1 )
        harness_fail(__FILE__, line, "get(pool %ld, %u) returned the "
                     "wrong data (seed %#lx, expected %#lx)", pool, idx,
                     (unsigned long)found, (unsigned long)seed);
}

/* expr (a call's result) must be want. */
#define EXPECT_RC(expr, want) do {                                      \
        long rc__ = (expr);                                             \
        if ( rc__ != (long)(want) )                                     \
            fail("%s = %ld, expected %ld", #expr, rc__, (long)(want));  \
    } while ( 0 )

/*
 * fail() from vCPU threads running at once: serialised, and at most
 * MAX_REPORTS per counter (each thread's own 'nr').
 */
static pthread_mutex_t tc_fail_lock __attribute__((unused)) =
    PTHREAD_MUTEX_INITIALIZER;
#define MAX_REPORTS     5
#define tfail(nr, ...) do {                                             \
        if ( (nr)++ < MAX_REPORTS )                                     \
        {                                                               \
            pthread_mutex_lock(&tc_fail_lock);                          \
            fail(__VA_ARGS__);                                          \
            pthread_mutex_unlock(&tc_fail_lock);                        \
        }                                                               \
    } while ( 0 )

/* Free pages before doms_up(), for doms_down() to compare. */
static unsigned long tc_free_before_doms;

/* Domains first .. first + n - 1.  true, or false with none left up. */
static inline bool doms_up(uint32_t first, unsigned int n)
{
    unsigned int i;

    tc_free_before_doms = tu_free_pages();
    for ( i = 0; i < n; i++ )
        if ( !dom_up(first + i) )
        {
            while ( i-- )
                tu_domain_destroy(first + i);
            return false;
        }
    return true;
}

/* Destroy them: nothing of tmem's is left and every page came back. */
static inline void doms_down(uint32_t first, unsigned int n)
{
    unsigned long free_after;
    unsigned int i;

    for ( i = 0; i < n; i++ )
        dom_down(first + i);
    check_eq(tu_global_stat("Ec"), 0);
    check_eq(tu_global_stat("Pc"), 0);
    audit();
    free_after = tu_free_pages();
    if ( free_after + SLACK < tc_free_before_doms ||
         free_after > tc_free_before_doms + SLACK )
        fail("%lu pages free before the domains, %lu after",
             tc_free_before_doms, free_after);
}

/* LIST: the G= totals are the sums of the C= lines; freeable agrees. */
static inline void check_counters(void)
{
    char buf[TU_LIST_SIZE];
    unsigned long g_ec, g_pc, ec, pc, sum_ec = 0, sum_pc = 0;
    unsigned int d;

    if ( !check(tu_list(TU_CLI_ALL, buf) >= 0) )
        return;
    check(!tu_list_value(buf, 'G', 0, "Ec", &g_ec));
    check(!tu_list_value(buf, 'G', 0, "Pc", &g_pc));
    for ( d = 0; d < 16; d++ )
    {
        if ( !tu_list_value(buf, 'C', d, "Ec", &ec) )
            sum_ec += ec;
        if ( !tu_list_value(buf, 'C', d, "Pc", &pc) )
            sum_pc += pc;
    }
    check_eq(sum_ec, g_ec);
    check_eq(sum_pc, g_pc);
    /* Freeable: the plain ephemeral pages (Fe), not compressed ones. */
    check(!tu_list_value(buf, 'G', 0, "Fe", &ec));
    check(ec <= g_ec);
    check_eq(tu_control(TMEMC_QUERY_FREEABLE_MB, TU_CLI_ALL, 0),
             (long)(ec >> 8));
}

#endif /* TOOLS_TESTS_TMEM_CHECK_H */
