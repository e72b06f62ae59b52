/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot-time self checks on real RAM, arch-neutral: only the public heap,
 * claim and domain interfaces are used, so the hosted arch could run them
 * too.  Three groups:
 *
 *   heap    every order from 0 up to the largest block that is at most a
 *           quarter of free memory can be allocated, comes back zeroed
 *           (first and last frame checked, to keep TCG boots fast) and
 *           returns every page when freed; heap_audit() agrees.
 *   claims  Xen's set/cancel semantics on a scratch domain, the claim
 *           consumed by the domain's allocations, and an unclaimed
 *           allocation refused once all free memory is claimed.
 *   scrub   a page a domain dirtied and freed is marked for scrubbing
 *           and is zero when next allocated.
 *
 * Each group cleans up after itself (scratch domains are killed), so the
 * heap ends as it started.  Boot time, one CPU.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>
#include <xen/selftest.h>

#define SCRUB_PATTERN           0xa5
#define SCRUB_MAX_TRIES         65536

static unsigned int nr_passed, nr_failed;

void selftest_check(bool ok, const char *what)
{
    printk("selftest: %s: %s\n", what, ok ? "ok" : "FAILED");
    if ( ok )
        nr_passed++;
    else
        nr_failed++;
}

static bool page_is_zero(const struct page_info *pg)
{
    const unsigned long *p = page_to_virt(pg);
    unsigned int i;

    for ( i = 0; i < PAGE_SIZE / sizeof(*p); i++ )
        if ( p[i] )
            return false;
    return true;
}

/* A paused, memoryless domain for a test, or NULL (check failed). */
static struct domain *scratch_domain(unsigned long max_pages)
{
    int err;
    struct domain *d = domain_create(DOMID_INVALID, 0, 1, false, &err);

    selftest_check(d != NULL, "create a scratch domain");
    if ( d )
        domain_set_max_pages(d, max_pages);
    return d;
}

/* Kill d, free its memory and drop the caller's reference. */
static void scratch_destroy(struct domain *d)
{
    while ( domain_kill(d) == -ERESTART )
        continue;
    put_domain(d);
}

/* --- Heap ------------------------------------------------------------ */

/* Allocate and free one block of 2^order; true if all went as it should. */
static bool heap_order_ok(unsigned int order)
{
    unsigned long before = total_free_pages(), n = 1UL << order;
    struct page_info *pg = alloc_domheap_pages(NULL, order, 0);
    bool ok;

    if ( !pg )
        return false;
    ok = total_free_pages() == before - n &&
         page_is_zero(pg) && page_is_zero(pg + n - 1) &&
         page_state(pg) == PGC_state_inuse &&
         page_state(pg + n - 1) == PGC_state_inuse;
    free_domheap_pages(pg, order);
    return ok && total_free_pages() == before;
}

static void test_heap_orders(void)
{
    char what[64];
    unsigned int order, bad = 0, top = 0;

    for ( order = 0; order <= MAX_ORDER; order++ )
    {
        if ( (4UL << order) > total_free_pages() )
            break;
        top = order;
        if ( !heap_order_ok(order) )
        {
            printk("selftest: order %u allocation failed\n", order);
            bad++;
        }
    }
    snprintf(what, sizeof(what), "heap: alloc/free orders 0-%u", top);
    selftest_check(!bad, what);
    selftest_check(heap_audit() == 0, "heap: audit after alloc/free");
}

/* --- Claims ----------------------------------------------------------- */

/* Stake, inspect, consume and cancel a small claim. */
static void test_claim_basics(struct domain *d)
{
    uint64_t free0, out0, free1, out1;
    struct page_info *pg[4];
    unsigned int i;
    bool ok = true;

    get_outstanding_claims(&free0, &out0);
    selftest_check(domain_set_outstanding_pages(d, d->max_pages + 1) ==
                   -EINVAL, "claims: claim above max_pages is -EINVAL");
    selftest_check(domain_set_outstanding_pages(d, 64) == 0 &&
                   domain_outstanding_pages(d) == 64,
                   "claims: claim 64 pages");
    get_outstanding_claims(&free1, &out1);
    selftest_check(out1 == out0 + 64 && free1 == free0,
                   "claims: global outstanding count grows by 64");
    selftest_check(domain_set_outstanding_pages(d, 128) == -EINVAL,
                   "claims: second claim is -EINVAL");

    for ( i = 0; i < ARRAY_SIZE(pg); i++ )
        ok &= (pg[i] = alloc_domheap_page(d, 0)) != NULL;
    selftest_check(ok && domain_outstanding_pages(d) == 64 - 4,
                   "claims: 4 allocations consume 4 claimed pages");

    selftest_check(domain_set_outstanding_pages(d, 0) == 0 &&
                   domain_outstanding_pages(d) == 0,
                   "claims: cancel (claim 0)");
    get_outstanding_claims(&free1, &out1);
    selftest_check(out1 == out0, "claims: global outstanding count restored");
    for ( i = 0; i < ARRAY_SIZE(pg); i++ )
        if ( pg[i] )
            free_domheap_page(pg[i]);
}

/*
 * Claim every free page that is not claimed yet, as far as the claim's
 * metadata reservation leaves room: an anonymous allocation may then
 * take only the few pages left over and must fail after them.
 */
static void test_claim_excludes_others(struct domain *d)
{
    uint64_t free_pages, out;
    unsigned long avail, claim, spare, i;
    struct page_info *chain = NULL, *pg;
    bool ok = true;

    get_outstanding_claims(&free_pages, &out);
    avail = free_pages - out - total_meta_reserved();
    claim = avail - domain_meta_pages_for(avail);
    domain_set_max_pages(d, d->tot_pages + claim);
    selftest_check(domain_set_outstanding_pages(d, d->tot_pages + claim) ==
                   0, "claims: claim all free memory");

    /* What is left unclaimed; each page taken links to the previous. */
    get_outstanding_claims(&free_pages, &out);
    spare = free_pages - out - total_meta_reserved();
    for ( i = 0; i < spare && ok; i++ )
    {
        ok = (pg = alloc_domheap_page(NULL, 0)) != NULL;
        if ( pg )
        {
            *(struct page_info **)page_to_virt(pg) = chain;
            chain = pg;
        }
    }
    selftest_check(ok && alloc_domheap_page(NULL, 0) == NULL,
                   "claims: unclaimed allocation refused when all is claimed");
    domain_cancel_claim(d);
    selftest_check(domain_outstanding_pages(d) == 0,
                   "claims: domain_cancel_claim drops the claim");
    while ( (pg = chain) != NULL )
    {
        chain = *(struct page_info **)page_to_virt(pg);
        free_domheap_page(pg);
    }
    selftest_check(heap_audit() == 0, "claims: heap audit after cancel");
}

static void test_claims(void)
{
    struct domain *d = scratch_domain(1024);

    if ( !d )
        return;
    test_claim_basics(d);
    test_claim_excludes_others(d);
    scratch_destroy(d);
}

/* --- Scrubbing -------------------------------------------------------- */

/*
 * Take frames for scratch domain e until 'want' itself comes back: first
 * without constraint (a freed order-0 frame waits on its node's quicklist
 * and is handed out first), then no wider than want's zone.  Returns true
 * if it did.
 */
static bool reallocate_frame(struct domain *e, mfn_t want)
{
    unsigned int bits = PAGE_SHIFT + (64 - __builtin_clzl(mfn_x(want)));
    unsigned long i;

    for ( i = 0; i < SCRUB_MAX_TRIES; i++ )
    {
        struct page_info *pg = alloc_domheap_page(e, i ? MEMF_bits(bits)
                                                       : 0);

        if ( !pg )
            return false;
        if ( mfn_eq(page_to_mfn(pg), want) )
            return true;
    }
    return false;
}

static void test_scrub(void)
{
    struct domain *d = scratch_domain(2), *e;
    struct page_info *pg;
    mfn_t mfn;

    if ( !d )
        return;
    e = scratch_domain(SCRUB_MAX_TRIES);
    /* An order-1 block: freeing its second frame cannot merge it. */
    pg = e ? alloc_domheap_pages(d, 1, 0) : NULL;
    selftest_check(pg != NULL, "scrub: allocate two frames to a domain");
    if ( pg )
    {
        mfn = page_to_mfn(pg + 1);
        memset(page_to_virt(pg + 1), SCRUB_PATTERN, PAGE_SIZE);
        free_domheap_pages(pg + 1, 0);
        selftest_check(page_state(pg + 1) == PGC_state_free &&
                       (pg[1].count_info & PGC_need_scrub),
                       "scrub: freed frame is marked for scrubbing");
        selftest_check(reallocate_frame(e, mfn) &&
                       page_is_zero(mfn_to_page(mfn)),
                       "scrub: freed frame comes back zeroed");
    }
    if ( e )
        scratch_destroy(e);
    scratch_destroy(d);
    selftest_check(heap_audit() == 0, "scrub: heap audit after teardown");
}

unsigned int selftest_run(void)
{
    unsigned long free_before = total_free_pages();

    printk("selftest: running on %lu free pages\n", free_before);
    test_heap_orders();
    test_claims();
    test_scrub();
    selftest_check(total_free_pages() == free_before,
                   "heap: every page returned");
    printk("selftest: %u passed, %u failed\n", nr_passed, nr_failed);
    return nr_failed;
}
