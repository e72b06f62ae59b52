/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-radix-tree.  Each rt_* function drives the
 * real radix tree (xen/common/radix-tree.c) and returns NULL on success
 * or a message saying what went wrong.  Items are odd fake pointers,
 * (index << 1) | 1, so that a mix-up between items and nodes shows.
 *
 * Memory is checked through xmalloc_used_bytes(), which nothing else
 * changes while a check runs.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/radix-tree.h>
#include <xen/xmalloc.h>

#include "../common/fixture.h"
#include "radix-tree-fixture.h"


/* Fail with a sub-check's message (in fixture_msg) behind a prefix. */
#define CHECK_SUB(err, what) do {                                       \
    const char *e_ = (err);                                             \
    char sub_[sizeof(fixture_msg)];                                     \
                                                                        \
    if ( e_ )                                                           \
    {                                                                   \
        strlcpy(sub_, e_, sizeof(sub_));                                \
        CHECK(false, "%s: %s", what, sub_);                             \
    }                                                                   \
} while ( 0 )

static void *item_of(uint32_t index)
{
    return (void *)(((unsigned long)index << 1) | 1);
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static const uint32_t edges[] = {
    0, 1, 63, 64, 4095, 4096, 1U << 31, 0xffffffffU,
};

/* --- Fixed shapes --------------------------------------------------------- */

const char *rt_edge_indices(void)
{
    static const uint32_t absent[] = {
        2, 62, 65, 4094, 4097, (1U << 31) - 1, (1U << 31) + 1, 0xfffffffeU,
    };
    static const unsigned int del_order[] = { 4, 0, 7, 2, 5, 1, 6, 3 };
    struct radix_tree_root root = RADIX_TREE_INIT;
    size_t used = xmalloc_used_bytes();
    unsigned int i, j;

    for ( i = 0; i < ARRAY_SIZE(edges); i++ )
    {
        CHECK(radix_tree_insert(&root, edges[i], item_of(edges[i])) == 0,
              "insert %#x failed", edges[i]);
        for ( j = 0; j < ARRAY_SIZE(edges); j++ )
            CHECK(radix_tree_lookup(&root, edges[j]) ==
                  (j <= i ? item_of(edges[j]) : NULL),
                  "after inserting %#x: lookup of %#x wrong", edges[i],
                  edges[j]);
        CHECK(root.nr_items == i + 1, "nr_items %lu", root.nr_items);
    }
    for ( i = 0; i < ARRAY_SIZE(absent); i++ )
        CHECK(!radix_tree_lookup(&root, absent[i]), "%#x found", absent[i]);
    CHECK(root.height == 6, "height %u with index 2^32-1", root.height);

    for ( i = 0; i < ARRAY_SIZE(del_order); i++ )
    {
        uint32_t index = edges[del_order[i]];

        CHECK(radix_tree_delete(&root, index) == item_of(index),
              "delete %#x returned the wrong item", index);
        CHECK(!radix_tree_delete(&root, index), "%#x deleted twice", index);
        CHECK(!radix_tree_lookup(&root, index), "%#x found after delete",
              index);
        for ( j = i + 1; j < ARRAY_SIZE(del_order); j++ )
            CHECK(radix_tree_lookup(&root, edges[del_order[j]]),
                  "deleting %#x lost %#x", index, edges[del_order[j]]);
    }
    CHECK(!root.node && !root.height && !root.nr_items && !root.nr_nodes,
          "tree not empty: height %u, %lu items, %lu nodes", root.height,
          root.nr_items, root.nr_nodes);
    CHECK(xmalloc_used_bytes() == used, "nodes leaked");
    return NULL;
 fail:
    radix_tree_destroy(&root, NULL, NULL);
    return fixture_msg;
}

/* Insert or delete index, then expect the tree's height and node count. */
static const char *step(struct radix_tree_root *root, bool insert,
                        uint32_t index, unsigned int height,
                        unsigned long nodes)
{
    if ( insert )
        CHECK(radix_tree_insert(root, index, item_of(index)) == 0,
              "insert %#x failed", index);
    else
        CHECK(radix_tree_delete(root, index) == item_of(index),
              "delete %#x failed", index);
    CHECK(root->height == height && root->nr_nodes == nodes,
          "%s %#x: height %u, %lu nodes; expected %u, %lu",
          insert ? "insert" : "delete", index, root->height,
          root->nr_nodes, height, nodes);
    return NULL;
 fail:
    return fixture_msg;
}

/* Exact heights and node counts as the tree grows and shrinks. */
const char *rt_grow_shrink(void)
{
    static const struct {
        bool insert;
        uint32_t index;
        unsigned int height;
        unsigned long nodes;
    } script[] = {
        { true, 0, 1, 1 }, { true, 63, 1, 1 }, { true, 64, 2, 3 },
        { true, 4096, 3, 6 }, { false, 4096, 2, 3 }, { false, 64, 1, 1 },
        { true, 0xffffffffU, 6, 11 }, { false, 0xffffffffU, 1, 1 },
        { false, 0, 1, 1 }, { false, 63, 0, 0 },
        /* Into an empty tree: just the levels the index needs. */
        { true, 4096, 3, 3 }, { true, 1U << 31, 6, 11 },
        { false, 1U << 31, 3, 3 }, { true, 5, 3, 5 },
        { false, 4096, 1, 1 }, { false, 5, 0, 0 },
    };
    struct radix_tree_root root = RADIX_TREE_INIT;
    const char *err = NULL;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(script) && !err; i++ )
        err = step(&root, script[i].insert, script[i].index,
                   script[i].height, script[i].nodes);
    radix_tree_destroy(&root, NULL, NULL);
    return err;
}

const char *rt_errors(void)
{
    struct radix_tree_root root;
    int dummy;

    radix_tree_init(&root);
    CHECK(radix_tree_insert(&root, 7, NULL) == -EINVAL, "NULL inserted");
    CHECK(!root.node && !root.nr_items, "a NULL insert changed the tree");
    CHECK(radix_tree_insert(&root, 7, item_of(7)) == 0, "insert failed");
    CHECK(radix_tree_insert(&root, 7, &dummy) == -EEXIST, "no -EEXIST");
    CHECK(radix_tree_lookup(&root, 7) == item_of(7), "-EEXIST replaced");
    CHECK(root.nr_items == 1 && root.nr_nodes == 1, "-EEXIST changed counts");

    CHECK(radix_tree_replace(&root, 7, &dummy) == item_of(7),
          "replace returned the wrong item");
    CHECK(radix_tree_lookup(&root, 7) == &dummy, "replace did not store");
    CHECK(radix_tree_replace(&root, 7, item_of(7)) == &dummy,
          "second replace returned the wrong item");
    CHECK(!radix_tree_delete(&root, 8), "absent index in a leaf deleted");
    CHECK(!radix_tree_delete(&root, 1U << 20), "index above the tree deleted");
    CHECK(!radix_tree_lookup(&root, 1U << 20), "index above the tree found");
    CHECK(root.nr_items == 1, "nr_items %lu", root.nr_items);
    CHECK(radix_tree_delete(&root, 7) == item_of(7), "delete failed");
    CHECK(!root.node && !root.nr_nodes, "tree not empty");
    return NULL;
 fail:
    radix_tree_destroy(&root, NULL, NULL);
    return fixture_msg;
}

/* --- Random operations against a reference -------------------------------- */

#define SMALL_KEYS      8192
#define NR_SPARSE       64
#define GANG_MAX        128

/* The reference: every key of 0..SMALL_KEYS-1 and NR_SPARSE large keys. */
static bool small_present[SMALL_KEYS];
static uint32_t sparse_key[NR_SPARSE];     /* ascending, > SMALL_KEYS */
static bool sparse_present[NR_SPARSE];
static unsigned long ref_nr;

static void ref_reset(void)
{
    unsigned int i;

    memset(small_present, 0, sizeof(small_present));
    memset(sparse_present, 0, sizeof(sparse_present));
    ref_nr = 0;
    /* Spread over the whole 32-bit space, ending at 2^32 - 1. */
    for ( i = 0; i < NR_SPARSE; i++ )
        sparse_key[i] = 0xffffffffU - (NR_SPARSE - 1 - i) * 67108859U;
}

/* The reference's present keys >= first, ascending, at most max. */
static unsigned int ref_gang(uint32_t first, uint32_t *out, unsigned int max)
{
    unsigned int n = 0;
    uint32_t k;

    for ( k = first; k < SMALL_KEYS && n < max; k++ )
        if ( small_present[k] )
            out[n++] = k;
    for ( k = 0; k < NR_SPARSE && n < max; k++ )
        if ( sparse_present[k] && sparse_key[k] >= first )
            out[n++] = sparse_key[k];
    return n;
}

/*
 * Compare one gang lookup with the reference; *last gets the index of
 * the last item found.  Returns the number found, or -1 (fixture_msg set).
 */
static int check_gang(const struct radix_tree_root *root, uint32_t first,
                      unsigned int max, bool with_indices, uint32_t *last)
{
    static void *items[GANG_MAX];
    static uint32_t indices[GANG_MAX], want[GANG_MAX];
    unsigned int n, m, i;

    n = radix_tree_gang_lookup(root, items, with_indices ? indices : NULL,
                               first, max);
    m = ref_gang(first, want, max);
    CHECK(n == m, "gang from %#x max %u: %u items, expected %u", first, max,
          n, m);
    for ( i = 0; i < n; i++ )
    {
        CHECK(items[i] == item_of(want[i]), "gang from %#x: item %u is %p, "
              "expected index %#x", first, i, items[i], want[i]);
        CHECK(!with_indices || indices[i] == want[i],
              "gang from %#x: index %u is %#x, expected %#x", first, i,
              indices[i], want[i]);
    }
    if ( n )
        *last = want[n - 1];
    return (int)n;
 fail:
    return -1;
}

/* Walk the whole tree in gang-lookup chunks: order and completeness. */
static const char *check_everything(const struct radix_tree_root *root)
{
    unsigned long total = 0;
    uint32_t first = 0, last = 0;
    int n;

    for ( ;; )
    {
        n = check_gang(root, first, 97, true, &last);
        if ( n < 0 )
            return fixture_msg;
        total += (unsigned int)n;
        if ( n < 97 || last == 0xffffffffU )
            break;
        first = last + 1;
    }
    CHECK(total == ref_nr && root->nr_items == ref_nr,
          "walk found %lu, nr_items %lu, reference %lu", total,
          root->nr_items, ref_nr);
    return NULL;
 fail:
    return fixture_msg;
}

/* One random insert or delete, checked against the reference. */
static const char *random_op(struct radix_tree_root *root, uint32_t *seed,
                             bool favour_insert)
{
    uint32_t r = rnd(seed), key, j;
    bool *present, insert;
    int rc;

    if ( r % 5 )
    {
        key = rnd(seed) % SMALL_KEYS;
        present = &small_present[key];
    }
    else
    {
        j = rnd(seed) % NR_SPARSE;
        key = sparse_key[j];
        present = &sparse_present[j];
    }
    insert = (r >> 8) % 10 < (favour_insert ? 6 : 4);

    if ( insert )
    {
        rc = radix_tree_insert(root, key, item_of(key));
        CHECK(rc == (*present ? -EEXIST : 0), "insert %#x: %d", key, rc);
        ref_nr += !*present;
        *present = true;
    }
    else
    {
        CHECK(radix_tree_delete(root, key) == (*present ? item_of(key) : NULL),
              "delete %#x returned the wrong item", key);
        ref_nr -= *present;
        *present = false;
    }
    CHECK(radix_tree_lookup(root, key) == (insert ? item_of(key) : NULL),
          "lookup %#x after %s", key, insert ? "insert" : "delete");
    return NULL;
 fail:
    return fixture_msg;
}

/*
 * 40000 random inserts and deletes on a tree taking its nodes through
 * cache (NULL: xmalloc only), checked against the reference, then
 * everything deleted.  What xmalloc holds afterwards must be exactly the
 * nodes left in the cache.
 */
static const char *random_ops_on(struct radix_tree_cache *cache)
{
    struct radix_tree_root root;
    size_t used = xmalloc_used_bytes();
    uint32_t seed = 2463534242U, last, k;
    const char *err = NULL;
    unsigned int i;

    radix_tree_init_cached(&root, cache);
    ref_reset();
    for ( i = 0; i < 40000 && !err; i++ )
    {
        err = random_op(&root, &seed, i < 20000);
        if ( !err && i % 2000 == 1999 )
            err = check_everything(&root);
        if ( !err && i % 50 == 0 &&
             check_gang(&root, rnd(&seed) >> (rnd(&seed) % 32),
                        1 + rnd(&seed) % GANG_MAX, i % 100, &last) < 0 )
            err = fixture_msg;
    }
    if ( err )
        goto out;

    /* Delete what is left; every node must go. */
    for ( k = 0; k < SMALL_KEYS; k++ )
        if ( small_present[k] && radix_tree_delete(&root, k) != item_of(k) )
            err = "final delete of a small key failed";
    for ( k = 0; k < NR_SPARSE; k++ )
        if ( sparse_present[k] &&
             radix_tree_delete(&root, sparse_key[k]) != item_of(sparse_key[k]) )
            err = "final delete of a sparse key failed";
    if ( !err && (root.node || root.nr_nodes || root.nr_items) )
        err = "tree not empty after deleting everything";
    if ( !err && cache && cache->nr > cache->max )
        err = "the cache holds more than its maximum";
    if ( !err && xmalloc_used_bytes() !=
         used + (cache ? cache->nr : 0) * radix_tree_node_size() )
        err = "nodes leaked";
 out:
    radix_tree_destroy(&root, NULL, NULL);
    return err;
}

const char *rt_random_ops(void)
{
    return random_ops_on(NULL);
}

/* The same through a node cache; draining it gives everything back. */
const char *rt_cached_random_ops(void)
{
    struct radix_tree_cache cache;
    size_t used = xmalloc_used_bytes();
    const char *err;

    radix_tree_cache_init(&cache, 4);
    err = random_ops_on(&cache);
    if ( !err && cache.nr != cache.max )
        err = "the cache was never filled";
    radix_tree_cache_drain(&cache);
    if ( !err && (cache.nr || cache.free) )
        err = "the cache is not empty after a drain";
    if ( !err && xmalloc_used_bytes() != used )
        err = "the drain leaked nodes";
    return err;
}

const char *rt_gang_lookup(void)
{
    struct radix_tree_root root = RADIX_TREE_INIT;
    void *items[16];
    uint32_t indices[16];
    unsigned int i;

    CHECK(!radix_tree_gang_lookup(&root, items, indices, 0, 16),
          "found items in an empty tree");
    for ( i = 0; i < ARRAY_SIZE(edges); i++ )
        CHECK(radix_tree_insert(&root, edges[i], item_of(edges[i])) == 0,
              "insert %#x failed", edges[i]);

    CHECK(radix_tree_gang_lookup(&root, items, indices, 0, 16) == 8,
          "not all 8 found");
    for ( i = 0; i < ARRAY_SIZE(edges); i++ )
        CHECK(indices[i] == edges[i] && items[i] == item_of(edges[i]),
              "item %u out of order", i);
    CHECK(!radix_tree_gang_lookup(&root, items, indices, 0, 0), "max 0");
    CHECK(radix_tree_gang_lookup(&root, items, NULL, 65, 3) == 3 &&
          items[0] == item_of(4095) && items[2] == item_of(1U << 31),
          "from 65, max 3");
    CHECK(radix_tree_gang_lookup(&root, items, indices, 0xffffffffU, 16) == 1
          && indices[0] == 0xffffffffU, "from 2^32-1");
    CHECK(radix_tree_delete(&root, 0xffffffffU), "delete failed");
    CHECK(!radix_tree_gang_lookup(&root, items, indices, (1U << 31) + 1, 16),
          "found items past the last one");

    /* A low tree: a start beyond what it covers finds nothing. */
    radix_tree_destroy(&root, NULL, NULL);
    CHECK(radix_tree_insert(&root, 70, item_of(70)) == 0, "insert failed");
    CHECK(!radix_tree_gang_lookup(&root, items, indices, 5000, 16),
          "found items beyond the tree");
    CHECK(radix_tree_gang_lookup(&root, items, indices, 70, 16) == 1,
          "start at the only item");
    radix_tree_destroy(&root, NULL, NULL);
    return NULL;
 fail:
    radix_tree_destroy(&root, NULL, NULL);
    return fixture_msg;
}

/* --- Out of memory -------------------------------------------------------- */

/* Take every free heap page, as blocks chained through themselves. */
static void *grab_all_pages(void)
{
    void **chain = NULL, **p;
    int order;

    for ( order = MAX_ORDER; order >= 0; order-- )
        while ( (p = alloc_xenheap_pages(order, 0)) != NULL )
        {
            p[0] = chain;
            p[1] = (void *)(unsigned long)order;
            chain = p;
        }
    return chain;
}

static void release_pages(void **chain)
{
    while ( chain )
    {
        void **next = chain[0];

        free_xenheap_pages(chain, (unsigned int)(unsigned long)chain[1]);
        chain = next;
    }
}

/* Take every free node-sized object, chained through themselves. */
static void *grab_all_nodes(void)
{
    void **chain = NULL, **p;

    while ( (p = xmalloc_bytes(radix_tree_node_size())) != NULL )
    {
        *p = chain;
        chain = p;
    }
    return chain;
}

/* Free n objects from the chain; returns what is left of it. */
static void **release_nodes(void **chain, unsigned long n)
{
    while ( chain && n-- )
    {
        void **next = *chain;

        xfree(chain);
        chain = next;
    }
    return chain;
}

struct snapshot {
    struct radix_tree_node *node;
    unsigned int height;
    unsigned long nr_items, nr_nodes;
    size_t used;
};

static void take_snapshot(const struct radix_tree_root *root,
                          struct snapshot *s)
{
    s->node = root->node;
    s->height = root->height;
    s->nr_items = root->nr_items;
    s->nr_nodes = root->nr_nodes;
    s->used = xmalloc_used_bytes();
}

/* The tree, its keys 0..99 and 5000, and the memory used, as before. */
static const char *check_unchanged(const struct radix_tree_root *root,
                                   const struct snapshot *s)
{
    uint32_t k;

    CHECK(root->node == s->node && root->height == s->height &&
          root->nr_items == s->nr_items && root->nr_nodes == s->nr_nodes,
          "tree changed: height %u, %lu items, %lu nodes", root->height,
          root->nr_items, root->nr_nodes);
    CHECK(xmalloc_used_bytes() == s->used, "used bytes %zu, expected %zu",
          xmalloc_used_bytes(), s->used);
    for ( k = 0; k < 100; k++ )
        CHECK(radix_tree_lookup(root, k) == item_of(k), "%u lost", k);
    CHECK(radix_tree_lookup(root, 5000) == item_of(5000), "5000 lost");
    CHECK(!radix_tree_lookup(root, 1U << 31), "2^31 present");
    return NULL;
 fail:
    return fixture_msg;
}

/*
 * With the heap and the node size class exhausted, an insert that needs
 * new nodes fails with -ENOMEM and changes nothing, including when all
 * but one of the nodes it needs could be had.  One that needs none
 * still works.  Inserting 2^31 into a 3-level tree takes 8 nodes: 3 new
 * top levels and a path of 5 below the new top.
 */
const char *rt_nomem(void)
{
    struct radix_tree_root root = RADIX_TREE_INIT, empty = RADIX_TREE_INIT;
    unsigned long before = total_free_pages() + xmalloc_cached_pages();
    void **pages = NULL, **nodes = NULL;
    struct snapshot s;
    uint32_t k;

    for ( k = 0; k < 100; k++ )
        CHECK(radix_tree_insert(&root, k, item_of(k)) == 0, "insert failed");
    CHECK(radix_tree_insert(&root, 5000, item_of(5000)) == 0, "insert");
    take_snapshot(&root, &s);

    /* Nodes first, so that the node class has no free object left. */
    nodes = grab_all_nodes();
    pages = grab_all_pages();
    s.used = xmalloc_used_bytes();
    CHECK(total_free_pages() == 0, "heap not exhausted");
    CHECK(radix_tree_insert(&root, 100, item_of(100)) == 0,
          "an insert needing no node failed");
    CHECK(radix_tree_delete(&root, 100) == item_of(100), "delete failed");
    CHECK(radix_tree_insert(&empty, 9, item_of(9)) == -ENOMEM,
          "insert into an empty tree: no -ENOMEM");
    CHECK(!empty.node && !empty.height && !empty.nr_items,
          "failed insert changed the empty tree");

    CHECK(radix_tree_insert(&root, 1U << 31, item_of(1U << 31)) == -ENOMEM,
          "no -ENOMEM with no node to be had");
    CHECK_SUB(check_unchanged(&root, &s), "no node");

    nodes = release_nodes(nodes, 7);
    s.used = xmalloc_used_bytes();
    CHECK(radix_tree_insert(&root, 1U << 31, item_of(1U << 31)) == -ENOMEM,
          "no -ENOMEM with 7 of 8 nodes to be had");
    CHECK_SUB(check_unchanged(&root, &s), "7 of 8 nodes");

    nodes = release_nodes(nodes, 1);
    CHECK(radix_tree_insert(&root, 1U << 31, item_of(1U << 31)) == 0,
          "insert with exactly 8 nodes to be had failed");
    CHECK(root.nr_nodes == s.nr_nodes + 8, "%lu nodes, expected %lu",
          root.nr_nodes, s.nr_nodes + 8);
    CHECK(radix_tree_delete(&root, 1U << 31) == item_of(1U << 31),
          "delete 2^31 failed");

    release_nodes(nodes, ~0UL);
    release_pages(pages);
    pages = nodes = NULL;
    s.used = xmalloc_used_bytes();
    CHECK_SUB(check_unchanged(&root, &s), "after release");
    radix_tree_destroy(&root, NULL, NULL);
    CHECK(total_free_pages() + xmalloc_cached_pages() == before,
          "pages not returned");
    return NULL;
 fail:
    release_nodes(nodes, ~0UL);
    release_pages(pages);
    radix_tree_destroy(&root, NULL, NULL);
    radix_tree_destroy(&empty, NULL, NULL);
    return fixture_msg;
}

/* --- Destroy and memory cost ---------------------------------------------- */

struct tally {
    unsigned long n, sum;
};

static void tally_item(void *item, void *arg)
{
    struct tally *t = arg;

    t->n++;
    t->sum += (unsigned long)item >> 1;
}

const char *rt_destroy(void)
{
    struct radix_tree_root root = RADIX_TREE_INIT;
    size_t used = xmalloc_used_bytes();
    struct tally t = { 0, 0 };
    unsigned long sum = 0;
    uint32_t seed = 88172645U, k;
    unsigned int i;

    for ( i = 0; i < 3000; i++ )
    {
        k = rnd(&seed) >> (i % 24);
        if ( radix_tree_insert(&root, k, item_of(k)) == 0 )
            sum += k;
    }
    CHECK(root.nr_nodes, "no nodes");
    radix_tree_destroy(&root, tally_item, &t);
    CHECK(t.n && t.sum == sum, "callback saw %lu items, key sum %lu, "
          "expected sum %lu", t.n, t.sum, sum);
    CHECK(!root.node && !root.height && !root.nr_items && !root.nr_nodes,
          "tree not empty after destroy");
    CHECK(xmalloc_used_bytes() == used, "destroy leaked nodes");

    radix_tree_destroy(&root, tally_item, &t);
    CHECK(t.n && t.sum == sum, "destroying an empty tree called back");
    for ( k = 0; k < 200; k++ )
        CHECK(radix_tree_insert(&root, k * 1000, item_of(k)) == 0, "insert");
    radix_tree_destroy(&root, NULL, NULL);
    CHECK(!root.nr_nodes && xmalloc_used_bytes() == used,
          "destroy without a callback leaked");
    return NULL;
 fail:
    radix_tree_destroy(&root, NULL, NULL);
    return fixture_msg;
}

/*
 * Memory per item of a dense tree: the xmalloc bytes its nodes take.  It
 * must be close to the 8 bytes of a slot; nodes are not over-allocated.
 */
const char *rt_dense_cost(unsigned long *milli_bytes)
{
    struct radix_tree_root root = RADIX_TREE_INIT;
    size_t used = xmalloc_used_bytes(), cost;
    uint32_t k, n = 64 * 64 * 8;

    for ( k = 0; k < n; k++ )
        CHECK(radix_tree_insert(&root, k, item_of(k)) == 0, "insert %u", k);
    cost = xmalloc_used_bytes() - used;
    *milli_bytes = cost * 1000 / n;
    CHECK(cost == root.nr_nodes * radix_tree_node_size(),
          "%zu bytes for %lu nodes of %zu", cost, root.nr_nodes,
          radix_tree_node_size());
    CHECK(*milli_bytes <= 8200, "%lu.%03lu bytes per item",
          *milli_bytes / 1000, *milli_bytes % 1000);
    radix_tree_destroy(&root, NULL, NULL);
    return NULL;
 fail:
    radix_tree_destroy(&root, NULL, NULL);
    return fixture_msg;
}
