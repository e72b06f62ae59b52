/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side checks of the radix tree, callable from the libc side.
 * Each returns NULL on success or a message describing the failure.
 */
#ifndef RADIX_TREE_FIXTURE_H
#define RADIX_TREE_FIXTURE_H

const char *rt_edge_indices(void);
const char *rt_grow_shrink(void);
const char *rt_errors(void);
const char *rt_random_ops(void);
const char *rt_cached_random_ops(void);
const char *rt_gang_lookup(void);
const char *rt_nomem(void);
const char *rt_destroy(void);

/* Dense tree; *milli_bytes gets the xmalloc bytes per item, times 1000. */
const char *rt_dense_cost(unsigned long *milli_bytes);

#endif /* RADIX_TREE_FIXTURE_H */
