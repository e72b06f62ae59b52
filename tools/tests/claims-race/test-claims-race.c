/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The race the claims mission is about, asserted.  N toolstack threads
 * build N domains of S pages at once on a machine with room for about
 * three and a half of them, through libxenctrl only.
 *
 * Without claims the builders populate in lockstep (one chunk each per
 * round, as parallel builders on a loaded machine do), so memory runs out
 * with every build part-way: builds fail late, after populating memory.
 * With claims (free-running threads, and again with forced hypercall
 * preemption so calls interleave through continuations) every build whose
 * claim succeeded completes, every other fails at claim time having
 * populated nothing, and the number that succeed is what fits.
 */

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"

#define NR_BUILDERS     6
#define CHUNK           128             /* order-0 extents per call */

struct builder {
    pthread_t thread;
    uint32_t domid;
    bool claimed;                       /* claim staked successfully */
    bool complete;
    int claim_errno;
    unsigned long populated;
};

static xc_interface *xch;
static unsigned long build_pages;
static pthread_barrier_t round_barrier;
static bool lockstep;
static struct builder builders[NR_BUILDERS];

/* Populate one chunk at 'done'; returns extents done (0 on failure). */
static unsigned long populate_chunk(struct builder *b, unsigned long done)
{
    xen_pfn_t gfns[CHUNK];
    unsigned long n = build_pages - done, i;
    int rc;

    if ( n > CHUNK )
        n = CHUNK;
    for ( i = 0; i < n; i++ )
        gfns[i] = done + i;
    rc = xc_domain_populate_physmap(xch, b->domid, n, 0, 0, gfns);
    return rc > 0 ? (unsigned long)rc : 0;
}

static void *build(void *arg)
{
    struct xen_domctl_createdomain cfg = { .max_vcpus = 1 };
    struct builder *b = arg;
    unsigned long rounds = (build_pages + CHUNK - 1) / CHUNK, r;
    bool failed = false;

    b->domid = DOMID_ANY;
    if ( xc_domain_create(xch, &b->domid, &cfg) ||
         xc_domain_setmaxmem(xch, b->domid, build_pages * 4) )
        failed = true;
    if ( !failed && !lockstep )
    {
        b->claimed = !xc_domain_claim_pages(xch, b->domid, build_pages);
        b->claim_errno = b->claimed ? 0 : errno;
        failed = !b->claimed;
    }

    for ( r = 0; r < rounds; r++ )
    {
        if ( lockstep )
            pthread_barrier_wait(&round_barrier);
        if ( failed )
            continue;                   /* keep the lockstep going */
        unsigned long want = build_pages - b->populated;
        unsigned long got = populate_chunk(b, b->populated);

        b->populated += got;
        if ( got < (want < CHUNK ? want : CHUNK) )
            failed = true;
    }
    b->complete = !failed && b->populated == build_pages;
    if ( b->claimed )
        xc_domain_claim_pages(xch, b->domid, 0);
    return NULL;
}

static void run_builders(bool step)
{
    unsigned int i;

    lockstep = step;
    pthread_barrier_init(&round_barrier, NULL, NR_BUILDERS);
    for ( i = 0; i < NR_BUILDERS; i++ )
    {
        builders[i] = (struct builder){ 0 };
        pthread_create(&builders[i].thread, NULL, build, &builders[i]);
    }
    for ( i = 0; i < NR_BUILDERS; i++ )
        pthread_join(builders[i].thread, NULL);
    pthread_barrier_destroy(&round_barrier);
}

static void destroy_all(void)
{
    unsigned int i;

    for ( i = 0; i < NR_BUILDERS; i++ )
        if ( builders[i].domid != DOMID_ANY )
            check_eq(xc_domain_destroy(xch, builders[i].domid), 0);
}

static uint64_t free_pages(void)
{
    xc_physinfo_t pi = { 0 };

    check_eq(xc_physinfo(xch, &pi), 0);
    return pi.free_pages;
}

static void test_without_claims_builds_fail_late(void)
{
    uint64_t before = free_pages();
    unsigned int i, late = 0, complete = 0;

    run_builders(true);
    for ( i = 0; i < NR_BUILDERS; i++ )
    {
        struct builder *b = &builders[i];

        complete += b->complete;
        if ( !b->complete && b->populated )
        {
            late++;
            printf("  no claims: d%u failed late after populating %lu of "
                   "%lu pages (%lu MiB)\n", b->domid, b->populated,
                   build_pages, b->populated >> 8);
        }
    }
    printf("  no claims: %u of %u builds completed, %u failed late\n",
           complete, NR_BUILDERS, late);
    check(late >= 1);
    check_eq(complete + late, NR_BUILDERS);
    destroy_all();
    check_eq(free_pages(), before);
    check_eq(hosted_heap_audit(), 0);
}

/* Every claimed build completes; every other fails at claim time. */
static void check_claims_outcome(uint64_t before)
{
    unsigned int i, claimed = 0;

    for ( i = 0; i < NR_BUILDERS; i++ )
    {
        struct builder *b = &builders[i];

        if ( b->claimed )
        {
            claimed++;
            if ( !b->complete )
                fail("d%u: claim succeeded but the build failed after %lu "
                     "pages", b->domid, b->populated);
        }
        else
        {
            check_eq(b->claim_errno, ENOMEM);
            check_eq(b->populated, 0);
        }
    }
    printf("  claims: %u of %u claims succeeded, all of them built\n",
           claimed, NR_BUILDERS);
    /* Room for 3.5 builds (less per-domain overhead): exactly 3 fit. */
    check_eq(claimed, 3);
    destroy_all();
    check_eq(free_pages(), before);
    check_eq(hosted_heap_audit(), 0);
}

static void test_with_claims_claimed_builds_complete(void)
{
    uint64_t before = free_pages();

    run_builders(false);
    check_claims_outcome(before);
}

static void test_with_claims_under_forced_preemption(void)
{
    uint64_t before = free_pages();

    hosted_force_preempt(3);
    run_builders(false);
    hosted_force_preempt(0);
    check_claims_outcome(before);
}

/* Create a domain with room for 'pages'; returns its id or DOMID_ANY. */
static uint32_t new_domain(unsigned long pages)
{
    struct xen_domctl_createdomain cfg = { .max_vcpus = 1 };
    uint32_t domid = DOMID_ANY;

    if ( xc_domain_create(xch, &domid, &cfg) ||
         xc_domain_setmaxmem(xch, domid, pages * 4) )
        return DOMID_ANY;
    return domid;
}

/*
 * The design's metadata guarantee: domain A claims S pages, then domain
 * B (no claim) populates until memory runs out, taking every unclaimed
 * page.  A's build must still complete: its p2m nodes come from the
 * metadata reserved with the claim.
 */
static void test_claimed_build_survives_exhaustion(void)
{
    uint64_t before = free_pages();
    struct builder a = { 0 }, b = { 0 };
    unsigned long r;

    a.domid = new_domain(build_pages);
    b.domid = new_domain(~0UL >> 12);
    if ( !check(a.domid != DOMID_ANY && b.domid != DOMID_ANY) )
        return;
    check_eq(xc_domain_claim_pages(xch, a.domid, build_pages), 0);

    /* B takes everything it can, in big chunks then single pages. */
    build_pages = ~0UL >> 20;
    while ( populate_chunk(&b, b.populated) == CHUNK )
        b.populated += CHUNK;
    check(b.populated > 0);
    printf("  unclaimed domain took %lu pages; free now %lu\n",
           b.populated, (unsigned long)free_pages());

    build_pages = (unsigned long)(before * 2 / 7);
    for ( r = 0; a.populated < build_pages; r++ )
    {
        unsigned long want = build_pages - a.populated;
        unsigned long got = populate_chunk(&a, a.populated);

        a.populated += got;
        if ( got < (want < CHUNK ? want : CHUNK) )
            break;
    }
    if ( a.populated != build_pages )
        fail("claimed build failed after %lu of %lu pages", a.populated,
             build_pages);
    check_eq(xc_domain_destroy(xch, a.domid), 0);
    check_eq(xc_domain_destroy(xch, b.domid), 0);
    check_eq(free_pages(), before);
    check_eq(hosted_heap_audit(), 0);
}

int main(void)
{
    xc_physinfo_t pi;

    setenv("XEN_HOSTED_CMDLINE", "mem=256M dom0_mem=16M", 1);
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch || xc_physinfo(xch, &pi) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    /* Room for three and a half builds. */
    build_pages = (unsigned long)(pi.free_pages * 2 / 7);
    printf("  machine: %lu free pages, builds of %lu pages\n",
           (unsigned long)pi.free_pages, build_pages);

    RUN_TEST(test_without_claims_builds_fail_late);
    RUN_TEST(test_with_claims_claimed_builds_complete);
    RUN_TEST(test_with_claims_under_forced_preemption);
    RUN_TEST(test_claimed_build_survives_exhaustion);
    xc_interface_close(xch);
    return harness_report();
}
