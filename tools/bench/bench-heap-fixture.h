/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench-heap's hypervisor-side loops (bench-heap-fixture.c), callable
 * from the libc side.  Plain C, no hypervisor types.
 *
 * Each bh_*_pairs(n) runs n back-to-back pairs of one heap operation and
 * returns 0, or a negative XEN_E* value as soon as one fails (the
 * figure is then void).  The loop bodies call exactly the functions a
 * hypervisor caller would, so the only foreign code between two pairs is
 * the loop itself.
 */
#ifndef BENCH_HEAP_FIXTURE_H
#define BENCH_HEAP_FIXTURE_H

/*
 * Create the scratch domain the claim pairs work on, with max_pages of
 * claim_pages.  Call once, after boot.  Returns 0 or a negative XEN_E*.
 */
int bh_setup(unsigned long claim_pages);

/* alloc_domheap_pages(NULL, 0, MEMF_no_scrub) + free_domheap_pages(). */
int bh_order0_pairs(unsigned long n);

/* The same with order 9 (one 2 MiB extent). */
int bh_order9_pairs(unsigned long n);

/*
 * domain_set_outstanding_pages(scratch, claim_pages), then (scratch, 0):
 * what XENMEM_claim_pages does for a claim and its cancellation.
 */
int bh_claim_pairs(unsigned long n);

/* alloc_xenheap_pages(0, 0) + free_xenheap_pages(): zeroed frames. */
int bh_xenheap_pairs(unsigned long n);

/* scrub_free_pages(), as an idle CPU would run it.  Pages scrubbed. */
unsigned long bh_scrub(void);

/* 1 if the hypervisor was built with ASSERT()s (DEBUG=y), else 0. */
int bh_debug_build(void);

#endif /* BENCH_HEAP_FIXTURE_H */
