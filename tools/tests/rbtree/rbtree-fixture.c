/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-rbtree.  Each check drives the real
 * red-black tree (xen/common/rbtree.c) over a static array of keyed
 * items and, after the operations, walks the tree with check_tree().
 * It returns NULL on success or a message saying what went wrong.
 *
 * check_tree() verifies everything a red-black tree promises.  Parent
 * links match child links, keys are in order, the root is black, no red
 * node has a red child, every path has the same number of black nodes,
 * and rb_first()/rb_next() visit every node in key order.  rbtree.h keeps
 * the colour in bit 0 of parent_color, with red as 0.
 */

#include <xen/lib.h>
#include <xen/rbtree.h>

#include "../common/fixture.h"
#include "rbtree-fixture.h"


#define NR_ITEMS        10000

struct item {
    struct rb_node node;
    uint32_t key;
    bool in_tree;
};

static struct item items[NR_ITEMS];
static unsigned int order[NR_ITEMS];

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static uint32_t key_of(const struct rb_node *n)
{
    return rb_entry(n, struct item, node)->key;
}

static bool is_black(const struct rb_node *n)
{
    return !n || (n->parent_color & 1);
}

/* The search-and-link the user of rbtree.h writes, then rebalance. */
static void insert(struct rb_root *root, struct item *it)
{
    struct rb_node **p = &root->rb_node, *parent = NULL;

    while ( *p )
    {
        parent = *p;
        p = it->key < key_of(parent) ? &parent->rb_left : &parent->rb_right;
    }
    rb_link_node(&it->node, parent, p);
    rb_insert_color(&it->node, root);
    it->in_tree = true;
}

static void erase(struct rb_root *root, struct item *it)
{
    rb_erase(&it->node, root);
    it->in_tree = false;
}

static struct item *search(const struct rb_root *root, uint32_t key)
{
    const struct rb_node *n = root->rb_node;

    while ( n && key_of(n) != key )
        n = key < key_of(n) ? n->rb_left : n->rb_right;
    return n ? rb_entry(n, struct item, node) : NULL;
}

struct walk {
    unsigned long nodes;
    unsigned int depth;
};

/*
 * Check the subtree at n (child of parent, keys within [lo, hi]).
 * Returns its black height, counting NULL leaves as one, or -1 (with
 * fixture_msg set).
 */
static int check_subtree(const struct rb_node *n, const struct rb_node *parent,
                         uint32_t lo, uint32_t hi, unsigned int depth,
                         struct walk *w)
{
    int left, right;

    if ( !n )
        return 1;
    w->nodes++;
    w->depth = max(w->depth, depth);
    CHECK(rb_parent(n) == parent, "key %u: wrong parent link", key_of(n));
    CHECK(key_of(n) >= lo && key_of(n) <= hi, "key %u out of order",
          key_of(n));
    CHECK(is_black(n) || (is_black(n->rb_left) && is_black(n->rb_right)),
          "red key %u has a red child", key_of(n));

    left = check_subtree(n->rb_left, n, lo, key_of(n), depth + 1, w);
    if ( left < 0 )
        return -1;
    right = check_subtree(n->rb_right, n, key_of(n), hi, depth + 1, w);
    if ( right < 0 )
        return -1;
    CHECK(left == right, "key %u: black heights %d and %d", key_of(n), left,
          right);
    return left + is_black(n);
 fail:
    return -1;
}

static unsigned int log2_floor(unsigned long n)
{
    unsigned int l = 0;

    while ( n >>= 1 )
        l++;
    return l;
}

/* The whole tree holds exactly 'expect' nodes and is a red-black tree. */
static const char *check_tree(const struct rb_root *root, unsigned long expect)
{
    struct walk w = { 0, 0 };
    const struct rb_node *n, *prev = NULL;
    unsigned long seen = 0;

    CHECK(is_black(root->rb_node), "the root is red");
    if ( check_subtree(root->rb_node, NULL, 0, UINT32_MAX, 1, &w) < 0 )
        return fixture_msg;
    CHECK(w.nodes == expect, "%lu nodes, expected %lu", w.nodes, expect);
    CHECK(w.depth <= 2 * (log2_floor(expect + 1) + 1),
          "depth %u for %lu nodes", w.depth, expect);

    for ( n = rb_first(root); n; prev = n, n = rb_next(n) )
    {
        CHECK(++seen <= expect, "rb_next() goes on past %lu nodes", expect);
        CHECK(!prev || key_of(prev) < key_of(n),
              "rb_next(): %u after %u", key_of(n), key_of(prev));
    }
    CHECK(seen == expect, "iteration saw %lu of %lu nodes", seen, expect);
    return NULL;
 fail:
    return fixture_msg;
}

/* order[] becomes a random permutation of 0..n-1. */
static void shuffle(unsigned int n, uint32_t *seed)
{
    unsigned int i, j, t;

    for ( i = 0; i < n; i++ )
        order[i] = i;
    for ( i = n; i > 1; i-- )
    {
        j = rnd(seed) % i;
        t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

/* 10,000 distinct random keys; erase a random half, then the rest. */
const char *rb_random_keys(void)
{
    struct rb_root root = RB_ROOT;
    uint32_t seed = 0x2545f491U;
    const char *err;
    unsigned long live = 0;
    unsigned int i;

    for ( i = 0; i < NR_ITEMS; i++ )
    {
        /* An odd multiplier makes distinct keys, in scrambled order. */
        items[i].key = i * 2654435761U;
        insert(&root, &items[i]);
        if ( ++live % 1000 == 0 && (err = check_tree(&root, live)) )
            return err;
    }

    shuffle(NR_ITEMS, &seed);
    for ( i = 0; i < NR_ITEMS / 2; i++ )
    {
        erase(&root, &items[order[i]]);
        if ( --live % 500 == 0 && (err = check_tree(&root, live)) )
            return err;
    }
    if ( (err = check_tree(&root, live)) )
        return err;
    for ( i = 0; i < NR_ITEMS; i++ )
        CHECK(search(&root, items[i].key) ==
              (items[i].in_tree ? &items[i] : NULL),
              "search for key %u wrong", items[i].key);

    for ( i = NR_ITEMS; i-- > 0; )
        if ( items[order[i]].in_tree )
        {
            erase(&root, &items[order[i]]);
            if ( --live % 500 == 0 && (err = check_tree(&root, live)) )
                return err;
        }
    CHECK(RB_EMPTY_ROOT(&root) && !rb_first(&root), "tree not empty");
    return NULL;
 fail:
    return fixture_msg;
}

/* Ascending keys, the worst case for a plain search tree; erase by min. */
const char *rb_ascending_keys(void)
{
    struct rb_root root = RB_ROOT;
    const char *err;
    unsigned long live;
    unsigned int i;

    for ( i = 0; i < NR_ITEMS; i++ )
    {
        items[i].key = i;
        insert(&root, &items[i]);
    }
    if ( (err = check_tree(&root, NR_ITEMS)) )
        return err;
    for ( live = NR_ITEMS; live; live-- )
    {
        struct rb_node *n = rb_first(&root);

        CHECK(n && key_of(n) == NR_ITEMS - live, "wrong first node");
        erase(&root, rb_entry(n, struct item, node));
        if ( live % 1000 == 1 && (err = check_tree(&root, live - 1)) )
            return err;
    }
    CHECK(RB_EMPTY_ROOT(&root), "tree not empty");
    return NULL;
 fail:
    return fixture_msg;
}

/* Step to the next permutation of order[0..n-1] in lexicographic order. */
static bool next_permutation(unsigned int n)
{
    unsigned int i = n - 1, j = n - 1, t;

    while ( i > 0 && order[i - 1] >= order[i] )
        i--;
    if ( i == 0 )
        return false;
    while ( order[j] <= order[i - 1] )
        j--;
    t = order[i - 1];
    order[i - 1] = order[j];
    order[j] = t;
    for ( j = n - 1; i < j; i++, j-- )
    {
        t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    return true;
}

/* Insert n keys in one order, erase them in another, checking each step. */
static const char *one_order(unsigned int n)
{
    struct rb_root root = RB_ROOT;
    const char *err;
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        items[order[i]].key = order[i];
        insert(&root, &items[order[i]]);
        if ( (err = check_tree(&root, i + 1)) )
            return err;
    }
    for ( i = 0; i < n; i++ )
    {
        erase(&root, &items[order[order[i]]]);
        if ( (err = check_tree(&root, n - 1 - i)) )
            return err;
    }
    return NULL;
}

/* Every insertion order of up to 7 keys: every fix-up case is reached. */
const char *rb_every_small_order(void)
{
    const char *err;
    unsigned int n, i;

    for ( n = 1; n <= 7; n++ )
    {
        for ( i = 0; i < n; i++ )
            order[i] = i;
        do {
            if ( (err = one_order(n)) )
                return err;
        } while ( next_permutation(n) );
    }
    return NULL;
}
