/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Red-black trees: rebalancing after insertion and erasure, and in-order
 * iteration.  The caller does the searching (see rbtree.h).
 *
 * Invariants: the root is black, a red node has no red child, and every
 * path from a node down to a NULL leaf passes the same number of black
 * nodes.  So the height is at most 2 log2(n + 1).
 *
 * A node's parent pointer and colour share parent_color.  Nodes are
 * aligned to a word, so bit 0 of a node's address is always clear and
 * holds the colour: 0 is red and 1 is black.  rb_link_node() stores the
 * bare parent pointer and so links a new node as red.
 *
 * Each mirror-image case is written once.  'dir' names a side (0 left,
 * 1 right) and rb_child() turns it into a child pointer.  No locking: the
 * caller serialises.
 */

#include <xen/lib.h>
#include <xen/rbtree.h>

#define RB_RED              0UL
#define RB_BLACK            1UL
#define RB_COLOUR_MASK      1UL

static bool rb_is_black(const struct rb_node *n)
{
    return !n || (n->parent_color & RB_COLOUR_MASK) == RB_BLACK;
}

static bool rb_is_red(const struct rb_node *n)
{
    return !rb_is_black(n);
}

static void rb_set_colour(struct rb_node *n, unsigned long colour)
{
    n->parent_color = (n->parent_color & ~RB_COLOUR_MASK) | colour;
}

static void rb_set_parent(struct rb_node *n, struct rb_node *parent)
{
    n->parent_color = (unsigned long)parent |
                      (n->parent_color & RB_COLOUR_MASK);
}

/* The child link on side dir (0 left, 1 right). */
static struct rb_node **rb_child(struct rb_node *n, unsigned int dir)
{
    return dir ? &n->rb_right : &n->rb_left;
}

/* Make parent (or the root, if parent is NULL) point at new, not old. */
static void rb_replace_child(struct rb_node *parent, struct rb_node *old,
                             struct rb_node *new, struct rb_root *root)
{
    if ( !parent )
        root->rb_node = new;
    else if ( parent->rb_left == old )
        parent->rb_left = new;
    else
        parent->rb_right = new;
}

/*
 * Rotate x down to side dir: its child on the other side takes x's place
 * and x becomes that child's child on side dir.  Colours are unchanged.
 * dir 0 is a left rotation.
 */
static void rb_rotate(struct rb_node *x, unsigned int dir,
                      struct rb_root *root)
{
    struct rb_node *y = *rb_child(x, !dir), *parent = rb_parent(x);
    struct rb_node *inner = *rb_child(y, dir);

    *rb_child(x, !dir) = inner;
    if ( inner )
        rb_set_parent(inner, x);
    rb_set_parent(y, parent);
    rb_replace_child(parent, x, y, root);
    *rb_child(y, dir) = x;
    rb_set_parent(x, y);
}

/*
 * Restore the invariants after rb_link_node() added a red node.  Only
 * "red node with red parent" can be wrong.  A red uncle means recolouring
 * and moving the problem up to the grandparent.  A black uncle is fixed
 * for good by one or two rotations.  O(log n).
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
    struct rb_node *parent, *gparent, *uncle;
    unsigned int dir;

    while ( (parent = rb_parent(node)) != NULL && rb_is_red(parent) )
    {
        /* A red parent is not the root, so the grandparent exists. */
        gparent = rb_parent(parent);
        dir = parent == gparent->rb_right;
        uncle = *rb_child(gparent, !dir);

        if ( rb_is_red(uncle) )
        {
            rb_set_colour(parent, RB_BLACK);
            rb_set_colour(uncle, RB_BLACK);
            rb_set_colour(gparent, RB_RED);
            node = gparent;
            continue;
        }

        /* Bring an inner grandchild to the outside first. */
        if ( node == *rb_child(parent, !dir) )
        {
            rb_rotate(parent, dir, root);
            node = parent;
            parent = rb_parent(node);
        }
        rb_set_colour(parent, RB_BLACK);
        rb_set_colour(gparent, RB_RED);
        rb_rotate(gparent, !dir, root);
    }
    rb_set_colour(root->rb_node, RB_BLACK);
}

/*
 * A black node was removed above 'node' (possibly NULL), a child of
 * 'parent': the paths through node are one black short.  Borrow from the
 * sibling's side by recolouring and rotating, or push the deficit up.
 */
static void rb_erase_fixup(struct rb_node *node, struct rb_node *parent,
                           struct rb_root *root)
{
    struct rb_node *sibling;
    unsigned int dir;

    while ( node != root->rb_node && rb_is_black(node) )
    {
        /* The sibling is not NULL: its side has at least one black. */
        dir = parent->rb_left != node;
        sibling = *rb_child(parent, !dir);
        if ( rb_is_red(sibling) )
        {
            rb_set_colour(sibling, RB_BLACK);
            rb_set_colour(parent, RB_RED);
            rb_rotate(parent, dir, root);
            sibling = *rb_child(parent, !dir);
        }

        if ( rb_is_black(sibling->rb_left) && rb_is_black(sibling->rb_right) )
        {
            rb_set_colour(sibling, RB_RED);
            node = parent;
            parent = rb_parent(node);
            continue;
        }

        /*
         * A black outer nephew means a red inner one: rotate it up to be
         * the sibling.  Textbooks recolour both here, but the step below
         * overwrites both colours (the new sibling takes the parent's,
         * the old one, now its outer child, turns black), so we don't.
         */
        if ( rb_is_black(*rb_child(sibling, !dir)) )
        {
            rb_rotate(sibling, !dir, root);
            sibling = *rb_child(parent, !dir);
        }
        rb_set_colour(sibling, parent->parent_color & RB_COLOUR_MASK);
        rb_set_colour(parent, RB_BLACK);
        rb_set_colour(*rb_child(sibling, !dir), RB_BLACK);
        rb_rotate(parent, dir, root);
        node = root->rb_node;
    }
    if ( node )
        rb_set_colour(node, RB_BLACK);
}

/*
 * Unlink node.  A node with two children is replaced by its in-order
 * successor, which takes over node's colour, so what really leaves the
 * tree is the successor's old position (at most one child, on the
 * right).  If a black node left that position, rebalance from there.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
    struct rb_node *child, *parent, *succ;
    unsigned long colour;

    if ( !node->rb_left || !node->rb_right )
    {
        child = node->rb_left ? node->rb_left : node->rb_right;
        parent = rb_parent(node);
        colour = node->parent_color & RB_COLOUR_MASK;
        if ( child )
            rb_set_parent(child, parent);
        rb_replace_child(parent, node, child, root);
    }
    else
    {
        for ( succ = node->rb_right; succ->rb_left; succ = succ->rb_left )
            continue;
        colour = succ->parent_color & RB_COLOUR_MASK;
        child = succ->rb_right;
        parent = rb_parent(succ);
        if ( parent == node )
            parent = succ;      /* succ keeps its right subtree */
        else
        {
            parent->rb_left = child;
            if ( child )
                rb_set_parent(child, parent);
            succ->rb_right = node->rb_right;
            rb_set_parent(node->rb_right, succ);
        }
        succ->rb_left = node->rb_left;
        rb_set_parent(node->rb_left, succ);
        succ->parent_color = node->parent_color;
        rb_replace_child(rb_parent(node), node, succ, root);
    }

    if ( colour == RB_BLACK )
        rb_erase_fixup(child, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
    struct rb_node *n = root->rb_node;

    if ( !n )
        return NULL;
    while ( n->rb_left )
        n = n->rb_left;
    return n;
}

/*
 * The leftmost node of the right subtree, else the first ancestor that
 * has node's subtree on its left.
 */
struct rb_node *rb_next(const struct rb_node *node)
{
    struct rb_node *parent;

    if ( node->rb_right )
    {
        node = node->rb_right;
        while ( node->rb_left )
            node = node->rb_left;
        return (struct rb_node *)node;
    }
    while ( (parent = rb_parent(node)) != NULL && node == parent->rb_right )
        node = parent;
    return parent;
}
