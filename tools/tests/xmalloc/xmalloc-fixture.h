/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side checks of xmalloc, callable from the libc side.  Each
 * xm_* check returns NULL on success or a message describing the failure.
 */
#ifndef XMALLOC_FIXTURE_H
#define XMALLOC_FIXTURE_H

const char *xm_sizes(void);
const char *xm_zeroed(void);
const char *xm_no_overlap(void);
const char *xm_used_bytes(void);
const char *xm_pages_returned(void);
const char *xm_array_overflow(void);
const char *xm_exhaustion(void);
const char *xm_poison(void);

/* Concurrency: snapshot the figures, then compare after the workers. */
void xm_snapshot(void);
const char *xm_compare_snapshot(void);

/*
 * One thread's share of the concurrent test: 'ops' random allocations
 * and frees of its own objects, each filled with a pattern that is
 * checked before it is freed.  Returns NULL or a fixed message.
 */
const char *xm_worker(unsigned int id, unsigned int seed, unsigned int ops);

/* 0 if the slab lists are consistent (xmalloc_audit()). */
int xm_audit(void);

/* 1 if the fixture (and so the hypervisor) is a debug build. */
int xm_debug_build(void);

/* Misuse that debug builds must stop the machine for (forked child). */
void xm_double_free(void);
void xm_write_after_free(void);

#endif /* XMALLOC_FIXTURE_H */
