/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of bench-heap: the heap micro-operations, run in
 * tight loops inside the hypervisor's namespace (built with its flags and
 * headers, then renamed like the test fixtures) so that bench-heap.c can
 * time them, or count their instructions under callgrind, without any
 * hypercall or libc code in between.
 *
 * Each loop is deliberately plain: the instructions it adds per pair
 * (counter, compare, NULL check, argument set-up) are what run-bench
 * subtracts as "loop overhead" (the self cost of the bh_*_pairs
 * function).
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

#include "bench-heap-fixture.h"

static struct domain *scratch;          /* holds its creation reference */
static unsigned long scratch_claim;

int bh_setup(unsigned long claim_pages)
{
    int err = 0;

    scratch = domain_create(DOMID_INVALID, 0, 1, false, &err);
    if ( !scratch )
        return err;
    domain_set_max_pages(scratch, claim_pages);
    scratch_claim = claim_pages;
    return 0;
}

int bh_order0_pairs(unsigned long n)
{
    unsigned long i;

    for ( i = 0; i < n; i++ )
    {
        struct page_info *pg = alloc_domheap_pages(NULL, 0, MEMF_no_scrub);

        if ( !pg )
            return -ENOMEM;
        free_domheap_pages(pg, 0);
    }
    return 0;
}

int bh_order9_pairs(unsigned long n)
{
    unsigned long i;

    for ( i = 0; i < n; i++ )
    {
        struct page_info *pg = alloc_domheap_pages(NULL, PAGETABLE_ORDER,
                                                   MEMF_no_scrub);

        if ( !pg )
            return -ENOMEM;
        free_domheap_pages(pg, PAGETABLE_ORDER);
    }
    return 0;
}

int bh_claim_pairs(unsigned long n)
{
    unsigned long i;
    int rc;

    if ( !scratch )
        return -EINVAL;
    for ( i = 0; i < n; i++ )
    {
        rc = domain_set_outstanding_pages(scratch, scratch_claim);
        if ( rc )
            return rc;
        rc = domain_set_outstanding_pages(scratch, 0);
        if ( rc )
            return rc;
    }
    return 0;
}

int bh_xenheap_pairs(unsigned long n)
{
    unsigned long i;

    for ( i = 0; i < n; i++ )
    {
        void *v = alloc_xenheap_pages(0, 0);

        if ( !v )
            return -ENOMEM;
        free_xenheap_pages(v, 0);
    }
    return 0;
}

unsigned long bh_scrub(void)
{
    return scrub_free_pages();
}

int bh_debug_build(void)
{
#ifndef NDEBUG
    return 1;
#else
    return 0;
#endif
}
