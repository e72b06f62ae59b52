/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side checks of the heap, callable from the libc side.  Each
 * returns NULL on success or a message describing the failure.
 */
#ifndef PAGE_ALLOC_FIXTURE_H
#define PAGE_ALLOC_FIXTURE_H

const char *pa_every_order(void);
const char *pa_split_merge(void);
const char *pa_exhaustion(void);
const char *pa_scrubbing(void);
const char *pa_node_placement(void);
const char *pa_address_width(void);
const char *pa_xenheap(void);
const char *pa_max_pages(void);
const char *pa_claims_hold(void);
const char *pa_claim_shortfall(void);
const char *pa_quicklist(void);

#endif /* PAGE_ALLOC_FIXTURE_H */
