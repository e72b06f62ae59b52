/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small-object allocator for hypervisor structures (xen/common/xmalloc.c).
 * Memory comes from the xenheap, i.e. from the heap allocator as
 * anonymous frames, so it honours claims like every other allocation.
 * Every function may fail (NULL); none sleeps; all are SMP-safe.
 */
#ifndef XEN_XMALLOC_H
#define XEN_XMALLOC_H

#include <xen/types.h>

/*
 * Allocate 'size' bytes aligned to at least 8 (16 for sizes >= 16, and
 * PAGE_SIZE for sizes > PAGE_SIZE / 2).  Returns NULL on failure or for
 * size 0.  xzalloc_bytes zero-fills.
 */
void * __must_check xmalloc_bytes(size_t size);
void * __must_check xzalloc_bytes(size_t size);

/* Free memory from xmalloc_bytes/xzalloc_bytes; NULL is ignored. */
void xfree(void *p);

/* Bytes currently allocated through xmalloc (for accounting tests). */
size_t xmalloc_used_bytes(void);

#define xmalloc(type)           ((type *)xmalloc_bytes(sizeof(type)))
#define xzalloc(type)           ((type *)xzalloc_bytes(sizeof(type)))
#define xmalloc_array(type, n)  ((type *)xmalloc_array_bytes(sizeof(type), n))
#define xzalloc_array(type, n)  ((type *)xzalloc_array_bytes(sizeof(type), n))

/* n * size with overflow check; NULL on overflow. */
void * __must_check xmalloc_array_bytes(size_t size, size_t n);
void * __must_check xzalloc_array_bytes(size_t size, size_t n);

/*
 * A request whose size is a power of two no larger than this is aligned
 * to its size (radix-tree.c keeps a count in the low bits of node links).
 */
#define XMALLOC_NATURAL_ALIGN_MAX   2048

/*
 * Empty slab pages xmalloc keeps cached (at most one per size class).
 * Once everything allocated after some moment has been freed again,
 * total_free_pages() plus this is back to its value at that moment.
 * Takes each class lock in turn.
 */
unsigned long xmalloc_cached_pages(void);

/*
 * Check the slab lists' internal consistency.  Debug/test aid; returns 0
 * or -EIO and logs the first inconsistency.  Takes each class lock.
 */
int xmalloc_audit(void);

#endif /* XEN_XMALLOC_H */
