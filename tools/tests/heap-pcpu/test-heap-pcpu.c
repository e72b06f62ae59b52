/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tests of the per-CPU order-0 page caches (xen/common/page_cache.c) on
 * an in-process hypervisor booted with 128 MiB in two nodes and
 * page-cache=16: fill and spill, per-node caches, claims that need the
 * caches drained, claimants on the locked path, scrubbing across a cache,
 * short allocations draining; then, with several vCPU threads (each its
 * own CPU and cache), that unclaimed allocations never take claimed
 * memory while caches are full, and a randomized stress with the heap
 * and claims audit after every step.
 */

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "harness.h"
#include "heap-pcpu-fixture.h"
#include "hosted-api.h"

#define NR_THREADS      4
#define MAX_PAGES       40000
#define STRESS_STEPS    300
#define STRESS_HELD     64

static pthread_mutex_t fail_lock = PTHREAD_MUTEX_INITIALIZER;

/* fail() from several threads: serialise the harness's counters. */
#define tfail(...) do {                                                 \
    pthread_mutex_lock(&fail_lock);                                     \
    fail(__VA_ARGS__);                                                  \
    pthread_mutex_unlock(&fail_lock);                                   \
} while ( 0 )

#define FIXTURE_TEST(name)                                              \
    static void test_##name(void)                                       \
    {                                                                   \
        const char *err = hp_##name();                                  \
                                                                        \
        if ( err )                                                      \
            fail("%s", err);                                            \
    }

FIXTURE_TEST(fill_spill)
FIXTURE_TEST(node_caches)
FIXTURE_TEST(claim_needs_drain)
FIXTURE_TEST(claimant_consumes)
FIXTURE_TEST(scrub_across_cache)
FIXTURE_TEST(short_alloc_drains)

/* --- Claims with caches full on several threads ------------------------ */

struct claim_thread {
    pthread_t thread;
    unsigned int cpu;
    unsigned long cycled, got;
    void *pages[MAX_PAGES];
};

static struct claim_thread claim_threads[NR_THREADS];
static pthread_barrier_t barrier;

/*
 * Phase 1: attach as a vCPU (own CPU index) and leave frames in this
 * CPU's cache.  Phase 2: take every anonymous page there is.  Phase 3:
 * give them back.
 */
static void *claim_worker(void *arg)
{
    struct claim_thread *t = arg;

    if ( hosted_vcpu_attach(0) )
        tfail("cannot attach a vCPU");
    t->cpu = hp_cpu();
    t->cycled = hp_alloc_many(t->pages, HP_CACHE_HIGH);
    hp_free_many(t->pages, t->cycled);
    pthread_barrier_wait(&barrier);
    pthread_barrier_wait(&barrier);             /* the claim is staked */
    t->got = hp_alloc_many(t->pages, MAX_PAGES);
    pthread_barrier_wait(&barrier);
    pthread_barrier_wait(&barrier);             /* audits are done */
    hp_free_many(t->pages, t->got);
    return NULL;
}

static void **main_pages;

/*
 * Free memory: 300 pages, spread over the caches of five CPUs and the
 * heap.  A claim leaving a handful unclaimed must drain the caches to
 * succeed; then four threads racing for anonymous pages get exactly the
 * unclaimed handful between them, and the claimant all of its claim.
 */
static void test_claims_exact_with_caches_on_threads(void)
{
    unsigned long held, free0 = hp_free(), claim = 0, left = 0, sum = 0;
    unsigned int i, j;
    const char *err;
    void *dom = NULL;

    main_pages = calloc(MAX_PAGES, sizeof(*main_pages));
    held = hp_alloc_many(main_pages, MAX_PAGES);
    check_eq(hp_free(), 0);
    /* The first taken: node 0, where anonymous caches refill from. */
    hp_free_many(main_pages, 300);

    pthread_barrier_init(&barrier, NULL, NR_THREADS + 1);
    for ( i = 0; i < NR_THREADS; i++ )
        pthread_create(&claim_threads[i].thread, NULL, claim_worker,
                       &claim_threads[i]);
    pthread_barrier_wait(&barrier);
    for ( i = 0; i < NR_THREADS; i++ )
    {
        check(claim_threads[i].cpu != 0);
        check_eq(claim_threads[i].cycled, HP_CACHE_HIGH);
        for ( j = 0; j < i; j++ )
            check(claim_threads[i].cpu != claim_threads[j].cpu);
    }
    check(hp_cached() > 10);
    check_eq(hosted_heap_audit(), 0);

    err = hp_claim_leaving(10, &dom, &claim, &left);
    if ( err )
        fail("%s", err);
    pthread_barrier_wait(&barrier);
    pthread_barrier_wait(&barrier);             /* threads took all */
    for ( i = 0; i < NR_THREADS; i++ )
        sum += claim_threads[i].got;
    check_eq(sum, left);
    check_eq(hosted_heap_audit(), 0);
    if ( dom )
    {
        err = hp_claimant_takes(dom, claim);
        if ( err )
            fail("%s", err);
        check_eq(hp_outstanding(dom), 0);
    }
    pthread_barrier_wait(&barrier);
    for ( i = 0; i < NR_THREADS; i++ )
        pthread_join(claim_threads[i].thread, NULL);
    pthread_barrier_destroy(&barrier);
    hp_free_many(main_pages + 300, held - 300);
    free(main_pages);
    if ( dom )
        hp_kill(dom);
    check_eq(hp_free(), free0);
    check_eq(hosted_heap_audit(), 0);
}

/* --- Randomized stress ------------------------------------------------- */

struct stress_thread {
    pthread_t thread;
    unsigned int seed;
    void *dom;                          /* this thread's domain */
    void *anon[STRESS_HELD];            /* anonymous order-0 pages */
    unsigned int nr_anon;
    unsigned long audits_failed;
};

static struct stress_thread stress_threads[NR_THREADS];

/* Stake a small claim, use all of it, cancel: must never fall short. */
static void stress_claimed(struct stress_thread *t)
{
    unsigned long i, want = 1 + rand_r(&t->seed) % 32;

    if ( hp_claim(t->dom, want) )
        return;                         /* -ENOMEM is allowed here */
    for ( i = 0; i < want; i++ )
        if ( !hp_alloc(t->dom, 0) )
            tfail("claimed allocation %lu of %lu failed", i, want);
    if ( hp_outstanding(t->dom) )
        tfail("claim of %lu left %lu", want, hp_outstanding(t->dom));
    hp_claim(t->dom, 0);
}

static void stress_step(struct stress_thread *t)
{
    unsigned int op = rand_r(&t->seed) % 8, i;
    void *pg;

    switch ( op )
    {
    case 0: case 1: case 2:             /* anonymous order 0: the cache */
        if ( t->nr_anon < STRESS_HELD &&
             (pg = hp_alloc(NULL, 0)) != NULL )
            t->anon[t->nr_anon++] = pg;
        break;
    case 3: case 4:
        if ( t->nr_anon )
        {
            i = rand_r(&t->seed) % t->nr_anon;
            hp_free_page(t->anon[i], 0);
            t->anon[i] = t->anon[--t->nr_anon];
        }
        break;
    case 5:                             /* a domain's page, unclaimed */
        hp_alloc(t->dom, rand_r(&t->seed) % 2);
        break;
    case 6:
        stress_claimed(t);
        break;
    default:                            /* order 2: the locked path */
        if ( (pg = hp_alloc(NULL, 2)) != NULL )
            hp_free_page(pg, 2);
        if ( !(rand_r(&t->seed) % 16) )
            hp_drain();
        break;
    }
}

static void *stress_worker(void *arg)
{
    struct stress_thread *t = arg;
    unsigned int step;

    if ( hosted_vcpu_attach(0) )
        tfail("cannot attach a vCPU");
    t->dom = hp_domain(~0UL);
    if ( !t->dom )
    {
        tfail("cannot create a domain");
        return NULL;
    }
    for ( step = 0; step < STRESS_STEPS; step++ )
    {
        stress_step(t);
        if ( hosted_heap_audit() )
            t->audits_failed++;
    }
    hp_free_many(t->anon, t->nr_anon);
    hp_kill(t->dom);
    return NULL;
}

static void test_stress_with_audits(void)
{
    unsigned long free0 = hp_free();
    unsigned int i;

    for ( i = 0; i < NR_THREADS; i++ )
    {
        stress_threads[i].seed = 1234 + i;
        pthread_create(&stress_threads[i].thread, NULL, stress_worker,
                       &stress_threads[i]);
    }
    for ( i = 0; i < NR_THREADS; i++ )
    {
        pthread_join(stress_threads[i].thread, NULL);
        if ( stress_threads[i].audits_failed )
            fail("thread %u: %lu audits failed", i,
                 stress_threads[i].audits_failed);
    }
    check_eq(hp_free(), free0);
    check_eq(hosted_heap_audit(), 0);
}

int main(void)
{
    if ( hosted_boot("mem=128M numa=2 dom0_mem=8M page-cache=16") )
    {
        printf("cannot boot the hosted hypervisor\n");
        return 1;
    }
    harness_after_each = harness_heap_audit;
    RUN_TEST(test_fill_spill);
    RUN_TEST(test_node_caches);
    RUN_TEST(test_claim_needs_drain);
    RUN_TEST(test_claimant_consumes);
    RUN_TEST(test_scrub_across_cache);
    RUN_TEST(test_short_alloc_drains);
    RUN_TEST(test_claims_exact_with_caches_on_threads);
    RUN_TEST(test_stress_with_audits);
    return harness_report();
}
