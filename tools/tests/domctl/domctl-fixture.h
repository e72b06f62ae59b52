/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side probes for test-domctl: what a domain costs beyond its
 * tot_pages, and a way to leave a domain dying.  Plain C types only:
 * included by both sides.
 */
#ifndef DOMCTL_FIXTURE_H
#define DOMCTL_FIXTURE_H

/*
 * Frames domid holds that tot_pages does not count: p2m nodes, the
 * domain structure and its vCPU structures.  ~0UL if there is no such
 * domain.
 */
unsigned long dcf_overhead_pages(unsigned int domid);

/* p2m node frames of domid (~0UL: no such domain). */
unsigned long dcf_p2m_nodes(unsigned int domid);

/* Preemption checks the calling thread's vCPU has made so far. */
unsigned long dcf_preempt_checks(void);

/*
 * Start killing domid while a memory op is (pretend) in flight, so the
 * domain stays dying in the domain table until destroyed for real.
 * Returns 1 if it was left dying, 0 if not.
 */
int dcf_make_dying(unsigned int domid);

#endif /* DOMCTL_FIXTURE_H */
