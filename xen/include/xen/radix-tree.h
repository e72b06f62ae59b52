/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A radix tree mapping 32-bit indices to non-NULL pointers
 * (xen/common/radix-tree.c).  Sparse: nodes exist only along the paths of
 * present indices and are freed when they empty.  Nodes come from
 * xmalloc, or first from an optional cache of free nodes shared by a
 * family of trees.  No internal locking: the caller serialises access
 * (to every tree sharing a cache, and to the cache).
 */
#ifndef XEN_RADIX_TREE_H
#define XEN_RADIX_TREE_H

#include <xen/types.h>

struct radix_tree_node;

/*
 * Up to 'max' free nodes kept for reuse instead of going back to xmalloc
 * (they stay allocated xmalloc memory: accounting sees them).  Cached
 * nodes are zeroed except for the free-list link.
 */
struct radix_tree_cache {
    struct radix_tree_node *free;   /* linked through slots[0] */
    unsigned int nr, max;
};

struct radix_tree_root {
    struct radix_tree_node *node;   /* NULL when empty */
    unsigned int height;            /* levels in use, 0 when empty */
    unsigned long nr_items;
    unsigned long nr_nodes;         /* for memory accounting */
    struct radix_tree_cache *cache; /* free nodes, or NULL: xmalloc only */
};

#define RADIX_TREE_INIT         { NULL, 0, 0, 0, NULL }

void radix_tree_init(struct radix_tree_root *root);

/* An empty tree that takes and returns its nodes through cache first. */
void radix_tree_init_cached(struct radix_tree_root *root,
                            struct radix_tree_cache *cache);

/* An empty cache that will keep up to max free nodes. */
void radix_tree_cache_init(struct radix_tree_cache *cache, unsigned int max);

/* Give every cached node back to xmalloc.  The cache stays usable. */
void radix_tree_cache_drain(struct radix_tree_cache *cache);

/*
 * Insert item (non-NULL) at index.  Returns 0, -EEXIST (index present:
 * nothing changed), -EINVAL (item NULL), -ENOMEM (nothing changed: a
 * failed insert leaves no new nodes behind).
 */
int __must_check radix_tree_insert(struct radix_tree_root *root,
                                   uint32_t index, void *item);

/* The item at index, or NULL. */
void *radix_tree_lookup(const struct radix_tree_root *root, uint32_t index);

/* Replace the item at index (must be present); returns the old one. */
void *radix_tree_replace(struct radix_tree_root *root, uint32_t index,
                         void *item);

/* Remove and return the item at index (NULL if absent); frees empty nodes. */
void *radix_tree_delete(struct radix_tree_root *root, uint32_t index);

/*
 * Collect up to max items with index >= first, in index order, into
 * items[] (and their indices into indices[] when not NULL).  Returns
 * the number collected.
 */
unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root,
                                    void **items, uint32_t *indices,
                                    uint32_t first, unsigned int max);

/*
 * Remove every item, calling fn(item, arg) on each (fn may be NULL), and
 * free every node.  The tree is empty afterwards.
 */
void radix_tree_destroy(struct radix_tree_root *root,
                        void (*fn)(void *item, void *arg), void *arg);

/* Bytes one node occupies (for metadata accounting). */
size_t radix_tree_node_size(void);

#endif /* XEN_RADIX_TREE_H */
