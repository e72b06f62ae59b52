/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side checks of the red-black tree, callable from the libc
 * side.  Each returns NULL on success or a message describing the failure.
 */
#ifndef RBTREE_FIXTURE_H
#define RBTREE_FIXTURE_H

const char *rb_random_keys(void);
const char *rb_ascending_keys(void);
const char *rb_every_small_order(void);

#endif /* RBTREE_FIXTURE_H */
