/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-page-alloc: each pa_* function drives the
 * real heap (xen/common/page_alloc.c) and returns NULL on success or a
 * message saying what went wrong.  Built with the hypervisor's flags and
 * headers; test-page-alloc.c calls these from the libc side.
 *
 * Expects a fresh heap: mem=256M numa=2 dom0_mem=8M, nothing else using
 * memory between calls.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>

#include "../common/fixture.h"
#include "page-alloc-fixture.h"


#define MAX_TRACKED 70000

/* Pages held by a test; freed by release_all(). */
static struct page_info *held[MAX_TRACKED];
static unsigned int held_order[MAX_TRACKED];
static unsigned long nr_held;

static void hold(struct page_info *pg, unsigned int order)
{
    held[nr_held] = pg;
    held_order[nr_held++] = order;
}

static void release_all(void)
{
    while ( nr_held )
    {
        nr_held--;
        if ( held[nr_held] )
            free_domheap_pages(held[nr_held], held_order[nr_held]);
    }
}

const char *pa_every_order(void)
{
    unsigned long before = total_free_pages();
    unsigned int order;

    for ( order = 0; order <= 12; order++ )
    {
        struct page_info *pg = alloc_domheap_pages(NULL, order, 0);
        unsigned long i;

        CHECK(pg, "order %u: allocation failed", order);
        CHECK(!(mfn_x(page_to_mfn(pg)) & ((1UL << order) - 1)),
              "order %u: mfn %#lx not aligned", order,
              mfn_x(page_to_mfn(pg)));
        CHECK(total_free_pages() == before - (1UL << order),
              "order %u: free %lu, expected %lu", order, total_free_pages(),
              before - (1UL << order));
        for ( i = 0; i < (1UL << order); i++ )
            CHECK(page_state(&pg[i]) == PGC_state_inuse,
                  "order %u: page %lu not in use", order, i);
        free_domheap_pages(pg, order);
        CHECK(total_free_pages() == before, "order %u: free not restored",
              order);
    }
    CHECK(!alloc_domheap_pages(NULL, MAX_ORDER + 1, 0),
          "order MAX_ORDER+1 was allocated");
    CHECK(heap_audit() == 0, "heap audit failed");
    return NULL;
 fail:
    return fixture_msg;
}

/* How many blocks of 'order' can be taken right now (all given back). */
static unsigned long count_allocatable(unsigned int order)
{
    unsigned long n = 0, start = nr_held;
    struct page_info *pg;

    while ( nr_held < MAX_TRACKED &&
            (pg = alloc_domheap_pages(NULL, order, 0)) != NULL )
    {
        hold(pg, order);
        n++;
    }
    while ( nr_held > start )
    {
        nr_held--;
        free_domheap_pages(held[nr_held], held_order[nr_held]);
    }
    return n;
}

static unsigned long grab_anonymous(void);
static bool free_aligned_block(void);

/*
 * With the heap exhausted but for one aligned order-9 block: taking one
 * page splits it (no order-9 block left, one order-8 half), giving the
 * page back merges it whole again.
 */
const char *pa_split_merge(void)
{
    struct page_info *pg;

    grab_anonymous();
    CHECK(total_free_pages() == 0, "heap not exhausted");
    CHECK(free_aligned_block(), "no aligned block among held pages");
    CHECK(total_free_pages() == 512, "free %lu", total_free_pages());
    CHECK(count_allocatable(9) == 1, "freed pages did not merge to order 9");
    CHECK(count_allocatable(8) == 2, "order-9 block did not split in two");

    pg = alloc_domheap_pages(NULL, 0, 0);
    CHECK(pg, "order-0 allocation failed");
    CHECK(count_allocatable(9) == 0, "order-9 block survived a split");
    CHECK(count_allocatable(8) == 1, "the untouched half is gone");
    CHECK(count_allocatable(0) == 511, "split lost pages");
    free_domheap_pages(pg, 0);
    CHECK(count_allocatable(9) == 1, "freeing the page did not merge back");
    CHECK(heap_audit() == 0, "heap audit failed");
    release_all();
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

const char *pa_exhaustion(void)
{
    unsigned long before = total_free_pages(), n = 0;
    struct page_info *pg;

    while ( (pg = alloc_domheap_pages(NULL, 0, MEMF_no_scrub)) != NULL )
    {
        CHECK(nr_held < MAX_TRACKED, "more pages than the heap has");
        hold(pg, 0);
        n++;
    }
    CHECK(n == before, "allocated %lu pages of %lu free", n, before);
    CHECK(total_free_pages() == 0, "free pages %lu after exhaustion",
          total_free_pages());
    CHECK(!alloc_xenheap_pages(0, 0), "xenheap allocation succeeded");
    CHECK(heap_audit() == 0, "heap audit failed when empty");
    release_all();
    CHECK(total_free_pages() == before, "free pages not restored");
    CHECK(heap_audit() == 0, "heap audit failed");
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

const char *pa_scrubbing(void)
{
    struct domain *d = fixture_domain(1024);
    struct page_info *pg;
    unsigned long i, n;

    CHECK(d, "cannot create domain");
    for ( i = 0; i < 64; i++ )
    {
        pg = alloc_domheap_pages(d, 0, 0);
        CHECK(pg, "domain allocation failed");
        memset(page_to_virt(pg), 0xab, PAGE_SIZE);
    }
    CHECK(d->tot_pages == 64, "tot_pages %lu", d->tot_pages);
    fixture_kill(d);
    d = NULL;
    CHECK(free_pages_need_scrub() >= 64, "freed pages not marked dirty");

    /* Every page anybody can get now must read as zeros. */
    n = 0;
    while ( (pg = alloc_domheap_pages(NULL, 0, 0)) != NULL )
    {
        CHECK(fixture_page_is_zero(pg), "mfn %#lx handed out dirty",
              mfn_x(page_to_mfn(pg)));
        hold(pg, 0);
        n++;
    }
    CHECK(free_pages_need_scrub() == 0, "dirty pages left: %lu",
          free_pages_need_scrub());
    release_all();

    CHECK(free_pages_need_scrub() == n, "frees not marked dirty");
    CHECK(scrub_free_pages() == n, "idle scrub did not scrub every page");
    CHECK(free_pages_need_scrub() == 0, "dirty pages after idle scrub");
    CHECK(heap_audit() == 0, "heap audit failed");
    return NULL;
 fail:
    release_all();
    if ( d )
        fixture_kill(d);
    return fixture_msg;
}

const char *pa_node_placement(void)
{
    struct page_info *pg;
    unsigned int node;

    CHECK(heap_nr_nodes() == 2, "expected 2 nodes, have %u",
          heap_nr_nodes());
    for ( node = 0; node < 2; node++ )
    {
        pg = alloc_domheap_pages(NULL, 3, MEMF_node(node) |
                                          MEMF_exact_node);
        CHECK(pg && pg->nid == node, "exact node %u request landed on %d",
              node, pg ? pg->nid : -1);
        free_domheap_pages(pg, 3);
    }

    /* Exhaust node 1: exact requests then fail, plain hints fall back. */
    while ( (pg = alloc_domheap_pages(NULL, 0, MEMF_node(1) |
                                               MEMF_exact_node)) != NULL )
        hold(pg, 0);
    CHECK(node_free_pages(1) == 0, "node 1 still has %lu pages",
          node_free_pages(1));
    pg = alloc_domheap_pages(NULL, 0, MEMF_node(1));
    CHECK(pg && pg->nid == 0, "node hint did not fall back to node 0");
    hold(pg, 0);
    CHECK(!alloc_domheap_pages(NULL, 0, MEMF_node(7) | MEMF_exact_node),
          "exact request for a missing node succeeded");
    release_all();
    CHECK(heap_audit() == 0, "heap audit failed");
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

const char *pa_address_width(void)
{
    struct page_info *pg;
    unsigned int i;

    for ( i = 0; i < 100; i++ )
    {
        pg = alloc_domheap_pages(NULL, 0, MEMF_bits(24));
        CHECK(pg, "no frame below 16 MiB");
        CHECK(mfn_x(page_to_mfn(pg)) < (1UL << (24 - PAGE_SHIFT)),
              "mfn %#lx above the 24-bit limit", mfn_x(page_to_mfn(pg)));
        hold(pg, 0);
    }
    CHECK(!alloc_domheap_pages(NULL, 0, MEMF_bits(12)),
          "a 12-bit address limit was satisfied");
    release_all();
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

const char *pa_xenheap(void)
{
    unsigned long before = total_free_pages();
    char *v = alloc_xenheap_pages(2, 0);
    unsigned int i;

    CHECK(v, "xenheap allocation failed");
    CHECK(!((unsigned long)v & (PAGE_SIZE - 1)), "not page aligned");
    for ( i = 0; i < 4 * PAGE_SIZE; i++ )
        CHECK(!v[i], "xenheap memory not zeroed at %u", i);
    CHECK(virt_to_page(v)->count_info & PGC_xen_heap, "not a xenheap page");
    CHECK(total_free_pages() == before - 4, "free count wrong");
    memset(v, 0x5a, 4 * PAGE_SIZE);
    free_xenheap_pages(v, 2);
    CHECK(total_free_pages() == before, "free count not restored");
    return NULL;
 fail:
    return fixture_msg;
}

const char *pa_max_pages(void)
{
    struct domain *d = fixture_domain(10);
    unsigned int i;

    CHECK(d, "cannot create domain");
    for ( i = 0; i < 10; i++ )
        CHECK(alloc_domheap_pages(d, 0, 0), "page %u refused", i);
    CHECK(!alloc_domheap_pages(d, 0, 0), "allocation past max_pages");
    CHECK(!alloc_domheap_pages(d, 1, 0), "order-1 past max_pages");
    CHECK(d->tot_pages == 10, "tot_pages %lu", d->tot_pages);
    CHECK(alloc_domheap_pages(d, 0, MEMF_no_refcount),
          "no_refcount allocation refused");
    CHECK(d->tot_pages == 10 && d->extra_pages == 1,
          "tot %lu extra %lu", d->tot_pages, d->extra_pages);
    fixture_kill(d);
    d = NULL;
    CHECK(heap_audit() == 0, "heap audit failed");
    return NULL;
 fail:
    if ( d )
        fixture_kill(d);
    return fixture_msg;
}

/* Take every anonymous page that can be had; returns how many. */
static unsigned long grab_anonymous(void)
{
    unsigned long n = 0;
    struct page_info *pg;

    while ( nr_held < MAX_TRACKED &&
            (pg = alloc_domheap_pages(NULL, 0, MEMF_no_scrub)) != NULL )
    {
        hold(pg, 0);
        n++;
    }
    return n;
}

const char *pa_claims_hold(void)
{
    unsigned long free0 = total_free_pages();
    struct domain *a = fixture_domain(~0UL), *b = fixture_domain(~0UL);
    unsigned long free = total_free_pages(), claim = 4096, got, meta, i;
    uint64_t f, out;

    CHECK(a && b, "cannot create domains");
    CHECK(domain_set_outstanding_pages(a, claim) == 0, "claim refused");
    meta = total_meta_reserved();
    CHECK(meta == p2m_meta_pages_for(claim), "meta %lu", meta);
    get_outstanding_claims(&f, &out);
    CHECK(out == claim, "outstanding %lu", (unsigned long)out);

    /* Nobody else gets claimed memory: anonymous pages stop short. */
    got = grab_anonymous();
    CHECK(got == free - claim - meta, "anonymous took %lu, expected %lu",
          got, free - claim - meta);
    CHECK(!alloc_domheap_pages(b, 0, 0), "unclaimed domain ate the claim");
    CHECK(!alloc_xenheap_pages(0, 0), "xenheap ate the claim");

    /*
     * The claimant gets all of it, consuming the claim as it goes.  Page
     * by page: which free frames are left, and how fragmented, depends on
     * the tests before (pa_claim_shortfall covers whole extents).
     */
    for ( i = 0; i < claim; i++ )
        CHECK(alloc_domheap_pages(a, 0, 0), "claimant refused page %lu", i);
    CHECK(domain_outstanding_pages(a) == 0, "claim not consumed");
    CHECK(a->tot_pages == claim, "tot_pages %lu", a->tot_pages);
    for ( i = 0; i < meta; i++ )
    {
        struct page_info *pg = alloc_domain_meta_page(a);

        CHECK(pg, "reserved metadata page %lu refused", i);
        free_domain_meta_page(pg);
    }
    CHECK(heap_audit() == 0, "heap audit failed");
    release_all();
    fixture_kill(a);
    fixture_kill(b);
    a = b = NULL;
    get_outstanding_claims(&f, &out);
    CHECK(out == 0 && total_meta_reserved() == 0, "claims left behind");
    CHECK(total_free_pages() == free0, "free %lu, expected %lu",
          total_free_pages(), free0);
    return NULL;
 fail:
    release_all();
    if ( a )
        fixture_kill(a);
    if ( b )
        fixture_kill(b);
    return fixture_msg;
}

/*
 * Free held order-0 pages forming one aligned order-9 block.  The search
 * starts at MFN 512: frames below it span several zones and never merge
 * into one block.
 */
static bool free_aligned_block(void)
{
    static uint8_t held_map[1UL << 17];     /* mfn -> held (mem <= 512M) */
    unsigned long i, base, run = 0;

    memset(held_map, 0, sizeof(held_map));
    for ( i = 0; i < nr_held; i++ )
        if ( held[i] && !held_order[i] &&
             mfn_x(page_to_mfn(held[i])) < sizeof(held_map) )
            held_map[mfn_x(page_to_mfn(held[i]))] = 1;
    for ( base = 512; base < sizeof(held_map); base++ )
    {
        run = held_map[base] ? run + 1 : 0;
        if ( run == 512 && !((base + 1) & 511) )
            break;
    }
    if ( base == sizeof(held_map) )
        return false;
    base -= 511;
    for ( i = 0; i < nr_held; i++ )
        if ( held[i] && mfn_x(page_to_mfn(held[i])) - base < 512 )
        {
            free_domheap_page(held[i]);
            held[i] = NULL;
        }
    return true;
}

/* Free n held order-0 pages, whichever come last. */
static void free_some(unsigned long n)
{
    unsigned long i;

    for ( i = nr_held; i-- > 0 && n; )
        if ( held[i] && !held_order[i] )
        {
            free_domheap_page(held[i]);
            held[i] = NULL;
            n--;
        }
}

/*
 * The shortfall rule: a claimant's request may be covered partly by its
 * claim and partly by unclaimed memory.  Free memory: one aligned 512
 * block and 4 loose pages; a claim of 100 (+4 metadata) leaves 412
 * unclaimed.  512 > 412, so anyone else's order-9 request fails, but the
 * claimant's succeeds (412 + 100 >= 512) and consumes its claim.
 */
const char *pa_claim_shortfall(void)
{
    struct domain *a = fixture_domain(~0UL);

    CHECK(a, "cannot create domain");
    grab_anonymous();
    CHECK(total_free_pages() == 0, "heap not exhausted");
    CHECK(free_aligned_block(), "no aligned block among held pages");
    free_some(4);
    CHECK(total_free_pages() == 516, "free %lu", total_free_pages());
    CHECK(p2m_meta_pages_for(100) == 4, "metadata estimate changed");

    CHECK(domain_set_outstanding_pages(a, 100) == 0, "claim refused");
    CHECK(!alloc_domheap_pages(NULL, 9, 0),
          "anonymous order-9 request ate into the claim");
    CHECK(!alloc_domheap_pages(a, 10, 0), "order-10 request granted");
    CHECK(domain_outstanding_pages(a) == 100, "claim changed on failure");
    CHECK(alloc_domheap_pages(a, 9, 0),
          "claim plus unclaimed memory did not cover the extent");
    CHECK(domain_outstanding_pages(a) == 0, "claim not consumed");
    CHECK(heap_audit() == 0, "heap audit failed");
    release_all();
    fixture_kill(a);
    a = NULL;
    return NULL;
 fail:
    release_all();
    if ( a )
        fixture_kill(a);
    return fixture_msg;
}

/*
 * The order-0 quicklist: frames freed one by one are handed out again
 * without merging, every frame stays accounted (audit), a dirty quicklist
 * frame is scrubbed when reused, and a large allocation still succeeds
 * after order-0 churn (the quicklists drain into the buddy lists).
 */
const char *pa_quicklist(void)
{
    unsigned long before = total_free_pages(), i;
    struct page_info *pg, *again;

    for ( i = 0; i < 1000; i++ )
    {
        pg = alloc_domheap_pages(NULL, 0, 0);
        CHECK(pg, "order-0 allocation %lu failed", i);
        memset(page_to_virt(pg), 0x77, PAGE_SIZE);
        free_domheap_pages(pg, 0);
        again = alloc_domheap_pages(NULL, 0, 0);
        CHECK(again == pg, "freed frame not reused first (%lu)", i);
        CHECK(fixture_page_is_zero(again), "quicklist frame handed out dirty");
        free_domheap_pages(again, 0);
    }
    CHECK(total_free_pages() == before, "free count drifted");
    CHECK(heap_audit() == 0, "heap audit failed");
    for ( i = 0; i < 600; i++ )                 /* more than QUICK_MAX */
    {
        pg = alloc_domheap_pages(NULL, 0, MEMF_no_scrub);
        CHECK(pg, "order-0 allocation failed");
        hold(pg, 0);
    }
    release_all();
    CHECK(heap_audit() == 0, "heap audit failed after churn");
    pg = alloc_domheap_pages(NULL, 12, 0);
    CHECK(pg, "order-12 allocation failed after order-0 churn");
    free_domheap_pages(pg, 12);
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}
