/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Randomized multi-threaded stress of the heap, claims and memory ops,
 * with the accounting invariants checked after every step:
 *
 *  - the heap audit: free lists match the counters, free + in use =
 *    total, scrub counts agree (hosted_heap_audit);
 *  - the claims audit: the sum of the domains' claims is the global
 *    outstanding count, and free memory covers every claim;
 *  - no domain exceeds its max_pages (getdomaininfo);
 *  - no claimed memory went to someone else: a worker that staked a claim
 *    then populates exactly up to it never fails.
 *
 * Four workers each own a few domains and apply random operations
 * (create, setmaxmem, claim, cancel, populate order 0/9, decrease,
 * increase, destroy) through libxenctrl; a fifth thread keeps the heap
 * under pressure with an unclaimed domain that grows until memory runs
 * out and shrinks again.  STRESS_SEED=<n> repeats a run's operation
 * choices (thread interleaving differs from run to run).
 */

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"

#define NR_WORKERS      4
#define DOMS_PER_WORKER 3
#define STEPS           600
#define MAX_DOM_PAGES   4096

struct sdom {
    uint32_t domid;                     /* DOMID_ANY: none */
    unsigned long max_pages;
    unsigned long claim_target;         /* staked target, 0 if none */
    unsigned long next_gfn;             /* populate grows upwards */
};

struct worker {
    pthread_t thread;
    unsigned int seed;
    struct sdom dom[DOMS_PER_WORKER];
    unsigned long steps, claims_kept;
};

static xc_interface *xch;
static volatile bool stop_pressure;
static pthread_mutex_t fail_lock = PTHREAD_MUTEX_INITIALIZER;

/* fail() from several threads: serialise the harness's counters. */
#define tfail(...) do {                                                 \
    pthread_mutex_lock(&fail_lock);                                     \
    fail(__VA_ARGS__);                                                  \
    pthread_mutex_unlock(&fail_lock);                                   \
} while ( 0 )

static unsigned long tot_pages(uint32_t domid)
{
    xc_domaininfo_t info;

    if ( xc_domain_getinfo_single(xch, domid, &info) )
        return 0;
    if ( info.tot_pages > info.max_pages )
        tfail("d%u: tot_pages %lu > max_pages %lu", domid,
              (unsigned long)info.tot_pages, (unsigned long)info.max_pages);
    return info.tot_pages;
}

static void check_invariants(const char *after)
{
    if ( hosted_heap_audit() )
        tfail("accounting audit failed after %s", after);
}

/* Populate n pages of order 'order' at d's next gfns; returns extents. */
static int populate(struct sdom *d, unsigned long n, unsigned int order)
{
    xen_pfn_t gfns[64];
    unsigned long i;
    int rc;

    if ( n > 64 )
        n = 64;
    for ( i = 0; i < n; i++ )
        gfns[i] = d->next_gfn + (i << order);
    rc = xc_domain_populate_physmap(xch, d->domid, n, order, 0, gfns);
    if ( rc > 0 )
        d->next_gfn += (unsigned long)rc << order;
    return rc;
}

static void op_create(struct sdom *d, unsigned int *seed)
{
    struct xen_domctl_createdomain cfg = { .max_vcpus = 1 };

    d->domid = DOMID_ANY;
    if ( xc_domain_create(xch, &d->domid, &cfg) )
    {
        d->domid = DOMID_ANY;
        return;
    }
    d->max_pages = 512 + rand_r(seed) % MAX_DOM_PAGES;
    d->claim_target = 0;
    d->next_gfn = 0;
    xc_domain_setmaxmem(xch, d->domid, d->max_pages * 4);
}

/*
 * Claim, then populate exactly up to the claim: this must never fail,
 * whatever the other threads do.  Then cancel, as a toolstack does.
 */
static void op_claimed_build(struct worker *w, struct sdom *d)
{
    unsigned long tot = tot_pages(d->domid), want, done = 0;
    int rc;

    if ( tot + 1 >= d->max_pages )
        return;
    want = d->max_pages - tot;
    if ( xc_domain_claim_pages(xch, d->domid, d->max_pages) )
    {
        if ( errno != ENOMEM && errno != EINVAL )
            tfail("claim: unexpected errno %d", errno);
        return;
    }
    d->claim_target = d->max_pages;
    while ( done < want )
    {
        unsigned long n = want - done > 64 ? 64 : want - done;

        rc = populate(d, n, 0);
        if ( rc != (int)n )
        {
            tfail("d%u: claimed populate failed at %lu of %lu (rc %d)",
                  d->domid, done, want, rc);
            break;
        }
        done += n;
    }
    w->claims_kept++;
    xc_domain_claim_pages(xch, d->domid, 0);
    d->claim_target = 0;
}

static void op_decrease(struct sdom *d, unsigned int *seed)
{
    xen_pfn_t gfn;

    if ( !d->next_gfn )
        return;
    gfn = rand_r(seed) % d->next_gfn;
    /* 0 or 1: the gfn may have been decreased already. */
    xc_domain_decrease_reservation(xch, d->domid, 1, 0, &gfn);
}

/* One random operation on one of the worker's domains. */
static void step(struct worker *w)
{
    struct sdom *d = &w->dom[rand_r(&w->seed) % DOMS_PER_WORKER];
    unsigned int r = rand_r(&w->seed) % 100;

    if ( d->domid == DOMID_ANY )
        op_create(d, &w->seed);
    else if ( r < 25 )
        op_claimed_build(w, d);
    else if ( r < 50 )
        populate(d, 1 + rand_r(&w->seed) % 64, 0);
    else if ( r < 58 )
        populate(d, 1, 9);
    else if ( r < 75 )
        op_decrease(d, &w->seed);
    else if ( r < 82 )
        xc_domain_increase_reservation(xch, d->domid, 1, 0, 0, NULL);
    else if ( r < 90 )
    {
        xc_domain_destroy(xch, d->domid);
        d->domid = DOMID_ANY;
    }
    else
        tot_pages(d->domid);
    check_invariants("a worker step");
    w->steps++;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    unsigned int i;

    for ( i = 0; i < DOMS_PER_WORKER; i++ )
        w->dom[i].domid = DOMID_ANY;
    for ( i = 0; i < STEPS; i++ )
        step(w);
    for ( i = 0; i < DOMS_PER_WORKER; i++ )
        if ( w->dom[i].domid != DOMID_ANY )
            xc_domain_destroy(xch, w->dom[i].domid);
    return NULL;
}

/* Grow an unclaimed domain until memory runs out, shrink, repeat. */
static void *pressure_main(void *arg)
{
    struct sdom d = { .domid = DOMID_ANY };
    unsigned int seed = *(unsigned int *)arg;

    while ( !stop_pressure )
    {
        op_create(&d, &seed);
        if ( d.domid == DOMID_ANY )
            continue;
        xc_domain_setmaxmem(xch, d.domid, ~0ULL >> 12);
        while ( !stop_pressure && populate(&d, 64, 0) == 64 )
            continue;
        check_invariants("memory ran out");
        xc_domain_destroy(xch, d.domid);
        d.domid = DOMID_ANY;
    }
    return NULL;
}

static void test_random_operations_keep_invariants(void)
{
    struct worker w[NR_WORKERS] = { 0 };
    xc_physinfo_t before, after;
    unsigned int seed = getenv("STRESS_SEED") ?
                        (unsigned int)atoi(getenv("STRESS_SEED")) :
                        (unsigned int)time(NULL);
    unsigned long steps = 0, kept = 0;
    pthread_t pressure;
    unsigned int i, pseed = seed * 7 + 1;

    printf("  seed %u (STRESS_SEED=%u repeats the choices)\n", seed, seed);
    check_eq(xc_physinfo(xch, &before), 0);
    pthread_create(&pressure, NULL, pressure_main, &pseed);
    for ( i = 0; i < NR_WORKERS; i++ )
    {
        w[i].seed = seed + i;
        pthread_create(&w[i].thread, NULL, worker_main, &w[i]);
    }
    for ( i = 0; i < NR_WORKERS; i++ )
    {
        pthread_join(w[i].thread, NULL);
        steps += w[i].steps;
        kept += w[i].claims_kept;
    }
    stop_pressure = true;
    pthread_join(pressure, NULL);

    printf("  %lu steps, %lu claimed builds completed\n", steps, kept);
    check(kept > 0);
    check_eq(xc_physinfo(xch, &after), 0);
    check_eq(after.free_pages, before.free_pages);
    check_eq(after.outstanding_pages, 0);
    check_eq(hosted_heap_audit(), 0);
}

int main(void)
{
    setenv("XEN_HOSTED_CMDLINE", "mem=64M dom0_mem=8M numa=2", 1);
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    RUN_TEST(test_random_operations_keep_invariants);
    xc_interface_close(xch);
    return harness_report();
}
