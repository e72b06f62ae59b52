/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-heap-pcpu: the per-CPU page caches
 * (xen/common/page_cache.c) driven through the public heap interface.
 * The single-threaded checks use the calling thread's cache; the helpers
 * below them let the libc side run the same operations from several vCPU
 * threads, each with its own CPU index.
 *
 * Expects mem=128M numa=2 dom0_mem=8M page-cache=16 (HP_CACHE_HIGH):
 * a cache refills with 8 frames and spills down to 7 before a push.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>

#include <asm/smp.h>

#include "../common/fixture.h"
#include "heap-pcpu-fixture.h"

#define MAX_HELD        40000           /* > frames in 128 MiB */
#define BATCH           (HP_CACHE_HIGH / 2)

/* Anonymous pages held by a single-threaded check; see release_all(). */
static struct page_info *held[MAX_HELD];
static unsigned long nr_held;

static void release(unsigned long n)
{
    while ( n-- && nr_held )
        free_domheap_pages(held[--nr_held], 0);
}

static void release_all(void)
{
    release(nr_held);
}

/* Take every anonymous page there is (this drains every cache). */
static unsigned long grab_all(void)
{
    unsigned long n = 0;
    struct page_info *pg;

    while ( nr_held < MAX_HELD &&
            (pg = alloc_domheap_pages(NULL, 0, MEMF_no_scrub)) != NULL )
    {
        held[nr_held++] = pg;
        n++;
    }
    return n;
}

/* Free frames the heap itself holds (not the caches). */
static unsigned long heap_free(void)
{
    return total_free_pages() - total_cached_pages();
}

/*
 * Fill and spill: an empty cache refills with a batch, hands out the
 * most recently freed frame first, grows by one per free up to the high
 * watermark, and a free into a full cache gives the older frames back
 * to the heap.  Free memory counts cached frames throughout.
 */
const char *hp_fill_spill(void)
{
    struct page_info *p, *q;
    unsigned long free0, heap0, i;

    heap_drain_page_caches();
    CHECK(total_cached_pages() == 0, "cached %lu after a drain",
          total_cached_pages());
    free0 = total_free_pages();
    heap0 = heap_free();

    p = alloc_domheap_pages(NULL, 0, 0);
    CHECK(p && page_state(p) == PGC_state_inuse, "allocation failed");
    CHECK(total_cached_pages() == BATCH - 1, "refill left %lu cached",
          total_cached_pages());
    CHECK(heap_free() == heap0 - BATCH, "heap gave %lu frames, not %u",
          heap0 - heap_free(), BATCH);
    CHECK(total_free_pages() == free0 - 1, "free %lu, expected %lu",
          total_free_pages(), free0 - 1);

    memset(page_to_virt(p), 0x5a, PAGE_SIZE);
    free_domheap_pages(p, 0);
    CHECK(total_cached_pages() == BATCH, "free did not cache the frame");
    CHECK((p->count_info & PGC_pcpu) && (p->count_info & PGC_need_scrub),
          "cached frame flags %#lx", p->count_info);
    q = alloc_domheap_pages(NULL, 0, 0);
    CHECK(q == p, "the frame just freed was not handed out first");
    CHECK(fixture_page_is_zero(q), "dirty cached frame handed out unscrubbed");
    free_domheap_pages(q, 0);

    /* Take HIGH + 1 frames, empty the caches, then free them one by one. */
    for ( i = 0; i <= HP_CACHE_HIGH; i++ )
    {
        held[nr_held] = alloc_domheap_pages(NULL, 0, MEMF_no_scrub);
        CHECK(held[nr_held], "allocation %lu failed", i);
        nr_held++;
    }
    heap_drain_page_caches();
    heap0 = heap_free();
    for ( i = 1; i <= HP_CACHE_HIGH; i++ )
    {
        release(1);
        CHECK(total_cached_pages() == i, "%lu frees cached %lu", i,
              total_cached_pages());
        CHECK(heap_free() == heap0, "a free below the watermark spilled");
    }
    release(1);                             /* the cache is full: spill */
    CHECK(total_cached_pages() == BATCH, "after the spill %lu cached",
          total_cached_pages());
    CHECK(heap_free() == heap0 + HP_CACHE_HIGH - (BATCH - 1),
          "spill gave %lu frames back", heap_free() - heap0);
    CHECK(total_free_pages() == free0, "free %lu, expected %lu",
          total_free_pages(), free0);
    CHECK(heap_audit() == 0, "heap audit failed");
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

/*
 * Caches are per node: a frame freed goes to its node's cache and still
 * counts in that node's free memory; a domain's cached allocations
 * rotate over the nodes as the locked path's do.
 */
const char *hp_node_caches(void)
{
    struct domain *d = NULL;
    struct page_info *p, *last = NULL;
    unsigned long f0, f1, i;

    heap_drain_page_caches();
    f0 = node_free_pages(0);
    f1 = node_free_pages(1);
    p = alloc_domheap_pages(NULL, 0, MEMF_node(1) | MEMF_exact_node);
    CHECK(p && p->nid == 1, "exact node-1 request failed");
    CHECK(total_cached_pages() == 0, "a node request used a cache");
    CHECK(node_free_pages(1) == f1 - 1, "node 1 free %lu, expected %lu",
          node_free_pages(1), f1 - 1);
    free_domheap_pages(p, 0);
    CHECK(total_cached_pages() == 1, "the node-1 frame was not cached");
    CHECK(node_free_pages(1) == f1 && node_free_pages(0) == f0,
          "node free %lu/%lu, expected %lu/%lu", node_free_pages(0),
          node_free_pages(1), f0, f1);

    d = fixture_domain(64);
    CHECK(d, "cannot create domain");
    for ( i = 0; i < 8; i++ )
    {
        p = alloc_domheap_pages(d, 0, 0);
        CHECK(p && p->owner == d, "domain allocation %lu failed", i);
        CHECK(!last || last->nid != p->nid, "frames %lu and %lu both on "
              "node %u", i - 1, i, p->nid);
        last = p;
    }
    CHECK(d->tot_pages == 8, "tot_pages %lu", d->tot_pages);
    fixture_kill(d);
    d = NULL;
    CHECK(heap_audit() == 0, "heap audit failed");
    return NULL;
 fail:
    fixture_kill(d);
    return fixture_msg;
}

/* Largest claim c whose claim plus metadata reservation fits in 'room'. */
static unsigned long claim_for(unsigned long room)
{
    unsigned long c = room;

    while ( c && c + p2m_meta_pages_for(c) > room )
        c--;
    return c;
}

/*
 * A claim that only the cached frames can back: every free frame is in
 * this CPU's cache, none in the heap.  Without draining the caches the
 * claim would see no free memory at all and fail; it must succeed, having
 * drained them, and nobody else may then take the claimed frames.
 */
const char *hp_claim_needs_drain(void)
{
    struct domain *a = fixture_domain(~0UL);    /* its own frames first */
    unsigned long c, meta, got, i;

    CHECK(a, "cannot create domain");
    grab_all();
    CHECK(total_free_pages() == 0, "heap not exhausted");
    release(12);
    CHECK(total_cached_pages() == 12 && heap_free() == 0,
          "cached %lu heap %lu", total_cached_pages(), heap_free());

    c = claim_for(12);
    meta = p2m_meta_pages_for(c);
    CHECK(c > 0, "no claim fits in 12 pages");
    /* The accounting that makes the drain necessary. */
    CHECK(heap_free() < c + meta, "the heap alone backs the claim");
    CHECK(total_free_pages() >= c + meta, "free memory cannot back it");

    CHECK(domain_set_outstanding_pages(a, c) == 0,
          "claim of %lu refused though %lu pages are free", c,
          total_free_pages());
    CHECK(total_cached_pages() == 0, "the claim did not drain the caches");
    CHECK(domain_outstanding_pages(a) == c, "outstanding %lu",
          domain_outstanding_pages(a));

    got = grab_all();
    CHECK(got == 12 - c - meta, "anonymous took %lu, unclaimed was %lu",
          got, 12 - c - meta);
    for ( i = 0; i < c; i++ )
        CHECK(alloc_domheap_pages(a, 0, 0), "claimant refused page %lu", i);
    CHECK(domain_outstanding_pages(a) == 0, "claim not consumed");
    CHECK(heap_audit() == 0 && claims_audit() == 0, "audit failed");
    release_all();
    fixture_kill(a);
    return NULL;
 fail:
    release_all();
    fixture_kill(a);
    return fixture_msg;
}

/*
 * A claimant's allocations take the locked path even with a full cache,
 * and consume its claim page by page in the allocator; once the claim is
 * used up, its allocations come from the cache like anyone's.
 */
const char *hp_claimant_consumes(void)
{
    struct domain *a = NULL;
    unsigned long cached, i;
    struct page_info *p;

    for ( i = 0; i < HP_CACHE_HIGH; i++ )
        CHECK((held[nr_held++] = alloc_domheap_pages(NULL, 0, 0)),
              "allocation failed");
    release_all();
    a = fixture_domain(64);
    CHECK(a && domain_set_outstanding_pages(a, 10) == 0, "claim refused");
    cached = total_cached_pages();
    CHECK(cached >= HP_CACHE_HIGH / 2, "only %lu cached", cached);
    for ( i = 0; i < 10; i++ )
    {
        p = alloc_domheap_pages(a, 0, 0);
        CHECK(p && p->owner == a, "claimant refused page %lu", i);
        CHECK(domain_outstanding_pages(a) == 9 - i,
              "after %lu pages the claim is %lu", i + 1,
              domain_outstanding_pages(a));
        CHECK(total_cached_pages() == cached, "a claimed page came from "
              "a cache");
    }
    /* The locked path leaves the caches alone; a cache pop or refill not. */
    p = alloc_domheap_pages(a, 0, 0);
    CHECK(p, "unclaimed allocation failed");
    CHECK(total_cached_pages() != cached, "the unclaimed page did not "
          "come from a cache");
    CHECK(claims_audit() == 0, "claims audit failed");
    fixture_kill(a);
    return NULL;
 fail:
    release_all();
    fixture_kill(a);
    return fixture_msg;
}

/*
 * Scrubbing across a cache: a page domain A frees dirty goes to the
 * cache; domain B, allocating next on the same CPU, gets that very frame
 * and it reads as zeros.  The idle scrub cleans cached frames in place.
 */
const char *hp_scrub_across_cache(void)
{
    struct domain *a = fixture_domain(16), *b = fixture_domain(16);
    struct page_info *p, *q;

    CHECK(a && b, "cannot create domains");
    p = alloc_domheap_pages(a, 0, 0);
    CHECK(p, "A's allocation failed");
    memset(page_to_virt(p), 0xab, PAGE_SIZE);
    free_domheap_pages(p, 0);
    CHECK(!p->owner && (p->count_info & PGC_pcpu) &&
          (p->count_info & PGC_need_scrub), "A's frame not cached dirty "
          "(%#lx)", p->count_info);
    CHECK(free_pages_need_scrub() >= 1, "cached dirty frame not counted");

    q = alloc_domheap_pages(b, 0, 0);
    CHECK(q == p, "B did not get A's frame from the cache");
    CHECK(fixture_page_is_zero(q), "B received A's data");

    memset(page_to_virt(q), 0xcd, PAGE_SIZE);
    free_domheap_pages(q, 0);
    CHECK(scrub_free_pages() >= 1, "idle scrub found nothing");
    CHECK((q->count_info & PGC_pcpu) && !(q->count_info & PGC_need_scrub),
          "idle scrub did not clean the cached frame (%#lx)",
          q->count_info);
    CHECK(fixture_page_is_zero(q), "cached frame not zeroed");
    CHECK(free_pages_need_scrub() == 0, "%lu dirty after the idle scrub",
          free_pages_need_scrub());
    fixture_kill(a);
    fixture_kill(b);
    CHECK(heap_audit() == 0, "heap audit failed");
    return NULL;
 fail:
    fixture_kill(a);
    fixture_kill(b);
    return fixture_msg;
}

/*
 * An allocation the caches cannot serve and the heap cannot either
 * drains the caches and retries: with every node-1 frame in a cache, an
 * exact node-1 request still succeeds.
 */
const char *hp_short_alloc_drains(void)
{
    struct page_info *p;
    unsigned long n = 0;

    while ( nr_held < MAX_HELD &&
            (p = alloc_domheap_pages(NULL, 0, MEMF_node(1) |
                                              MEMF_exact_node)) != NULL )
    {
        held[nr_held++] = p;
        n++;
    }
    CHECK(n > 0 && node_free_pages(1) == 0, "node 1 not exhausted");
    release(4);                             /* into node 1's cache */
    CHECK(total_cached_pages() == 4 && node_free_pages(1) == 4,
          "cached %lu, node 1 free %lu", total_cached_pages(),
          node_free_pages(1));
    p = alloc_domheap_pages(NULL, 0, MEMF_node(1) | MEMF_exact_node);
    CHECK(p && p->nid == 1, "node-1 request failed with 4 cached frames");
    held[nr_held++] = p;
    CHECK(total_cached_pages() == 0, "the short allocation did not drain");
    CHECK(node_free_pages(1) == 3, "node 1 free %lu", node_free_pages(1));
    CHECK(heap_audit() == 0, "heap audit failed");
    release_all();
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

/* --- Helpers for the threaded tests ------------------------------------ */

unsigned int hp_cpu(void)
{
    return smp_processor_id();
}

unsigned long hp_free(void)
{
    return total_free_pages();
}

unsigned long hp_cached(void)
{
    return total_cached_pages();
}

void *hp_alloc(void *dom, unsigned int order)
{
    return alloc_domheap_pages(dom, order, 0);
}

void hp_free_page(void *pg, unsigned int order)
{
    free_domheap_pages(pg, order);
}

unsigned long hp_alloc_many(void **out, unsigned long max)
{
    unsigned long n = 0;

    while ( n < max &&
            (out[n] = alloc_domheap_pages(NULL, 0, MEMF_no_scrub)) != NULL )
        n++;
    return n;
}

void hp_free_many(void **pgs, unsigned long n)
{
    while ( n-- )
        free_domheap_pages(pgs[n], 0);
}

unsigned long hp_drain(void)
{
    return heap_drain_page_caches();
}

void *hp_domain(unsigned long max_pages)
{
    return fixture_domain(max_pages);
}

void hp_kill(void *dom)
{
    fixture_kill(dom);
}

int hp_claim(void *dom, unsigned long pages)
{
    struct domain *d = dom;

    return domain_set_outstanding_pages(d, pages ? d->tot_pages + pages : 0);
}

unsigned long hp_outstanding(void *dom)
{
    return domain_outstanding_pages(dom);
}

const char *hp_claim_leaving(unsigned long unclaimed, void **dom,
                             unsigned long *claim, unsigned long *left)
{
    struct domain *a = fixture_domain(~0UL);    /* its own frames first */
    unsigned long free = total_free_pages(), c;

    CHECK(a, "cannot create domain");
    CHECK(free > unclaimed, "only %lu pages free", free);
    c = claim_for(free - unclaimed);
    *left = free - c - p2m_meta_pages_for(c);
    CHECK(heap_free() < c + p2m_meta_pages_for(c),
          "caches hold too little to matter (heap %lu, claim %lu)",
          heap_free(), c);
    CHECK(domain_set_outstanding_pages(a, c) == 0,
          "claim of %lu refused with %lu free", c, free);
    CHECK(total_cached_pages() == 0, "claim did not drain the caches");
    *dom = a;
    *claim = c;
    return NULL;
 fail:
    fixture_kill(a);
    return fixture_msg;
}

const char *hp_claimant_takes(void *dom, unsigned long claim)
{
    struct domain *a = dom;
    unsigned long i, meta = total_meta_reserved();
    struct page_info *pg;

    for ( i = 0; i < claim; i++ )
        CHECK(alloc_domheap_pages(a, 0, 0), "claimant refused page %lu of "
              "%lu", i, claim);
    CHECK(domain_outstanding_pages(a) == 0, "claim not consumed");
    for ( i = 0; i < meta; i++ )
    {
        pg = alloc_domain_meta_page(a);
        CHECK(pg, "reserved metadata page %lu refused", i);
        free_domain_meta_page(pg);
    }
    return NULL;
 fail:
    return fixture_msg;
}
