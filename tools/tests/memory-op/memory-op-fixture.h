/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side probes for test-memory-op: what a hypercall did to a
 * domain's p2m and to the frames behind it, which the guest ABI cannot
 * show.  Plain C types only: included by both sides.
 */
#ifndef MEMORY_OP_FIXTURE_H
#define MEMORY_OP_FIXTURE_H

#define MOF_NO_MFN      (~0UL)

/* Frame mapped at gfn of domid, or MOF_NO_MFN (none, or no domain). */
unsigned long mof_p2m_lookup(unsigned int domid, unsigned long gfn);

/* Number of gfns mapped in domid's p2m (~0UL: no domain). */
unsigned long mof_p2m_entries(unsigned int domid);

/* Layout constants of the hypervisor (xen/p2m.h, asm/config.h). */
unsigned long mof_p2m_max_gfn(void);
unsigned long mof_guest_linear_base(void);

/* NUMA node of a frame. */
int mof_frame_node(unsigned long mfn);

/*
 * State of a frame: the domid owning it, MOF_FRAME_FREE (free, contents
 * zero), MOF_FRAME_DIRTY (free, awaiting scrub), MOF_FRAME_OTHER.
 */
#define MOF_FRAME_FREE  (-1)
#define MOF_FRAME_DIRTY (-2)
#define MOF_FRAME_OTHER (-3)
int mof_frame_state(unsigned long mfn);

/* Fill a frame with 'byte'; is every byte of it 'byte'? */
void mof_frame_fill(unsigned long mfn, unsigned char byte);
int mof_frame_is(unsigned long mfn, unsigned char byte);

/* Preemption checks the calling thread's vCPU has made so far. */
unsigned long mof_preempt_checks(void);

/* Scrub every free frame that needs it (an idle CPU's job). */
unsigned long mof_scrub(void);

/*
 * Start killing domid while a memory op is (pretend) in flight, so the
 * domain stays dying in the domain table until destroyed for real.
 * Returns 1 if it was left dying, 0 if not (no such domain, or the kill
 * did not stop).
 */
int mof_make_dying(unsigned int domid);

#endif /* MEMORY_OP_FIXTURE_H */
