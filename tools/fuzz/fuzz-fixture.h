/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of the fuzz harness (fuzz-fixture.c): the state
 * an input leaves behind that the guest ABI cannot undo or see, so that
 * every input starts from the same machine.  Plain C types only:
 * included by both sides.
 */
#ifndef FUZZ_FIXTURE_H
#define FUZZ_FIXTURE_H

/*
 * Ids of every domain except dom0 (live or dying) into ids[], at most
 * max of them.  Returns how many there are (may exceed max).
 */
unsigned int fzf_domains(unsigned int *ids, unsigned int max);

/*
 * Remember dom0's memory as it is now (gfns [0, tot_pages), its
 * max_pages) as the state fzf_dom0_reset() restores.  Call once, before
 * the first input.  Returns dom0's page count.
 */
unsigned long fzf_dom0_snapshot(void);

/*
 * Undo what an input did to dom0: cancel its claim, restore max_pages,
 * unmap and free every gfn above the snapshot and every frame it owns
 * but has not mapped, re-populate (zeroed) every snapshot gfn that was
 * given back, destroy its tmem client and forget a shutdown.  Call with
 * no hypercall in flight.  Returns 0, or -1 if dom0 could not be
 * restored (no memory).
 */
int fzf_dom0_reset(void);

/*
 * tmem's client counters against its global ones and each client's
 * ephemeral LRU length: 0 if they agree, -1 if not (logged).
 */
int fzf_tmem_audit(void);

/* tmem's global page and client counts (for the end-of-input check). */
void fzf_tmem_counts(unsigned long *eph, unsigned long *pers,
                     unsigned long *clients);

/* xmalloc's slab audit: 0 or -1. */
int fzf_xmalloc_audit(void);

/* Frames in use (not free, not in a per-CPU cache) right now. */
unsigned long fzf_inuse_pages(void);

/* Frames that dom0's p2m uses for its own nodes. */
unsigned long fzf_dom0_p2m_nodes(void);

#endif /* FUZZ_FIXTURE_H */
