/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Red-black trees (xen/common/rbtree.c), intrusive: a struct rb_node is
 * embedded in the user's structure.  The user searches and links a new
 * node into place itself (rb_link_node), then rebalances with
 * rb_insert_color.  O(log n) insert, erase and search.  No locking.
 *
 *     struct rb_node **p = &root->rb_node, *parent = NULL;
 *     while ( *p ) { parent = *p; p = key < entry(parent)->key ?
 *                                     &parent->rb_left : &parent->rb_right; }
 *     rb_link_node(&new->node, parent, p);
 *     rb_insert_color(&new->node, root);
 */
#ifndef XEN_RBTREE_H
#define XEN_RBTREE_H

#include <xen/types.h>

struct rb_node {
    unsigned long parent_color;     /* parent pointer | colour in bit 0 */
    struct rb_node *rb_right;
    struct rb_node *rb_left;
} __aligned(sizeof(long));

struct rb_root {
    struct rb_node *rb_node;
};

#define RB_ROOT                 ((struct rb_root){ NULL })
#define rb_entry(ptr, type, member) container_of(ptr, type, member)
#define RB_EMPTY_ROOT(root)     ((root)->rb_node == NULL)

static inline struct rb_node *rb_parent(const struct rb_node *n)
{
    return (struct rb_node *)(n->parent_color & ~3UL);
}

/* Link 'node' as the child of 'parent' at *link (found by a search). */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
                                struct rb_node **link)
{
    node->parent_color = (unsigned long)parent;     /* red */
    node->rb_left = node->rb_right = NULL;
    *link = node;
}

/* Rebalance after rb_link_node. */
void rb_insert_color(struct rb_node *node, struct rb_root *root);

/* Unlink node from the tree and rebalance. */
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order iteration: NULL at the end. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);

#endif /* XEN_RBTREE_H */
