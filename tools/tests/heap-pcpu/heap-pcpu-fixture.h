/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-heap-pcpu.  The hp_* checks return NULL
 * on success or a message; the rest are small operations the libc side
 * strings together from several vCPU threads.  Pages and domains cross
 * to the libc side as opaque pointers.
 */
#ifndef HEAP_PCPU_FIXTURE_H
#define HEAP_PCPU_FIXTURE_H

#define HP_CACHE_HIGH   16      /* the test boots with page-cache=16 */

/* Single-threaded checks (the calling thread's cache). */
const char *hp_fill_spill(void);
const char *hp_node_caches(void);
const char *hp_claim_needs_drain(void);
const char *hp_claimant_consumes(void);
const char *hp_scrub_across_cache(void);
const char *hp_short_alloc_drains(void);

/* Operations for the threaded tests. */
unsigned int hp_cpu(void);                      /* smp_processor_id() */
unsigned long hp_free(void);                    /* total_free_pages() */
unsigned long hp_cached(void);                  /* total_cached_pages() */
void *hp_alloc(void *dom, unsigned int order);  /* NULL dom: anonymous */
void hp_free_page(void *pg, unsigned int order);
unsigned long hp_alloc_many(void **out, unsigned long max);
void hp_free_many(void **pgs, unsigned long n);
unsigned long hp_drain(void);
void *hp_domain(unsigned long max_pages);
void hp_kill(void *dom);
int hp_claim(void *dom, unsigned long pages);   /* target, 0: cancel */
unsigned long hp_outstanding(void *dom);

/*
 * The claim step of the threaded test: stake the largest claim for a new
 * domain that leaves at least 'unclaimed' free pages nobody has claimed;
 * fails the check unless that needed the caches' frames (more than the
 * heap alone holds) and drained them.  *dom, *claim and *left get the
 * domain, the claim and the free pages left unclaimed.
 */
const char *hp_claim_leaving(unsigned long unclaimed, void **dom,
                             unsigned long *claim, unsigned long *left);

/* The claimant then takes its whole claim and metadata reservation. */
const char *hp_claimant_takes(void *dom, unsigned long claim);

#endif /* HEAP_PCPU_FIXTURE_H */
