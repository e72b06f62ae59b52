/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Radix tree: 32-bit indices to non-NULL pointers.
 *
 * Each node has 64 slots and so resolves 6 bits of the index.  A tree of
 * height h covers indices below 2^(6h); six levels cover all 32 bits,
 * and the top of a 6-level tree uses only slots 0..3.  Levels are
 * numbered from the leaves: level 1 nodes hold items, and a node at level
 * l > 1 holds links to nodes at level l - 1.  The tree grows a level at
 * a time (the old top becomes slot 0 of the new one).  It shrinks while
 * the top has only slot 0 in use.
 *
 * Every node knows how many of its slots are in use, so emptiness is
 * O(1).  That count lives in the low bits of the link to the node (the
 * parent's slot, or root->node for the top), not in the node itself.
 * This keeps a node at exactly 64 pointers, 512 bytes, one xmalloc size
 * class with no waste, so a dense tree costs about 8.13 bytes per item.
 * It relies on xmalloc aligning a 512-byte object to 512
 * (XMALLOC_NATURAL_ALIGN_MAX), and that is checked whenever a node is
 * allocated.
 *
 * Insertion allocates every node it needs before it changes anything, so
 * -ENOMEM leaves the tree exactly as it was.  Nodes come from the tree's
 * cache of free nodes first, if it has one, and go back to it while it
 * has room; a node is always all-zero when freed, so a cached node needs
 * only its free-list link cleared to be reused.  Deletion frees the nodes it
 * empties, walking up the path.  No locking: the caller serialises.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/radix-tree.h>
#include <xen/xmalloc.h>

#define RT_SHIFT            6
#define RT_SLOTS            (1U << RT_SHIFT)
#define RT_MAX_HEIGHT       DIV_ROUND_UP(32, RT_SHIFT)      /* 6 */

/* Low bits of a link: the linked node's count of used slots (0..64). */
#define LINK_COUNT_MASK     127UL

struct radix_tree_node {
    void *slots[RT_SLOTS];      /* items (level 1) or links (above) */
};

/*
 * Nodes taken before an insertion changes the tree: at most 5 new top
 * levels plus a path of 5 nodes below the new top.
 */
struct rt_pool {
    struct radix_tree_node *node[2 * RT_MAX_HEIGHT];
    unsigned int nr;
};

/* --- Links and indices ---------------------------------------------------- */

static struct radix_tree_node *link_node(const void *link)
{
    return (struct radix_tree_node *)((unsigned long)link & ~LINK_COUNT_MASK);
}

static unsigned int link_count(const void *link)
{
    return (unsigned long)link & LINK_COUNT_MASK;
}

static void *make_link(const struct radix_tree_node *n, unsigned int count)
{
    ASSERT(count <= RT_SLOTS);
    return (void *)((unsigned long)n | count);
}

static unsigned int slot_of(uint32_t index, unsigned int level)
{
    return (index >> (RT_SHIFT * (level - 1))) & (RT_SLOTS - 1);
}

/* Does a tree of this height cover index? */
static bool index_fits(uint32_t index, unsigned int height)
{
    return RT_SHIFT * height >= 32 || !(index >> (RT_SHIFT * height));
}

/* The smallest height that covers index. */
static unsigned int height_for(uint32_t index)
{
    unsigned int h = 1;

    while ( !index_fits(index, h) )
        h++;
    return h;
}

/*
 * path[level] is the node at 'level' on index's path.  The link to it is
 * in its parent's slot, or in root->node for the top node.
 */
static void *link_read(const struct radix_tree_root *root,
                       struct radix_tree_node *const *path, uint32_t index,
                       unsigned int level)
{
    if ( level == root->height )
        return root->node;
    return path[level + 1]->slots[slot_of(index, level + 1)];
}

static void link_write(struct radix_tree_root *root,
                       struct radix_tree_node *const *path, uint32_t index,
                       unsigned int level, void *link)
{
    if ( level == root->height )
        root->node = link;
    else
        path[level + 1]->slots[slot_of(index, level + 1)] = link;
}

/* Add delta to the used-slot count of the node at 'level'. */
static void count_add(struct radix_tree_root *root,
                      struct radix_tree_node *const *path, uint32_t index,
                      unsigned int level, int delta)
{
    void *link = link_read(root, path, index, level);

    link_write(root, path, index, level,
               make_link(link_node(link), link_count(link) + delta));
}

/*
 * Fill path[height..1] with the nodes on index's path.  Returns true if
 * the path reaches a leaf node, false if it stops short (index absent).
 */
static bool walk_path(const struct radix_tree_root *root, uint32_t index,
                      struct radix_tree_node **path)
{
    const void *link = root->node;
    unsigned int level;

    if ( !link || !index_fits(index, root->height) )
        return false;
    for ( level = root->height; level > 1; level-- )
    {
        path[level] = link_node(link);
        link = path[level]->slots[slot_of(index, level)];
        if ( !link )
            return false;
    }
    path[1] = link_node(link);
    return true;
}

/* --- Node allocation ------------------------------------------------------ */

/* A zeroed node: from root's cache, or xmalloc.  NULL on -ENOMEM. */
static struct radix_tree_node *node_alloc(struct radix_tree_root *root)
{
    struct radix_tree_cache *cache = root->cache;
    struct radix_tree_node *node;

    if ( cache && cache->free )
    {
        node = cache->free;
        cache->free = node->slots[0];
        cache->nr--;
        node->slots[0] = NULL;
        return node;
    }
    return xzalloc(struct radix_tree_node);
}

/* Free an all-zero node: into root's cache while it has room. */
static void node_free(struct radix_tree_root *root,
                      struct radix_tree_node *node)
{
    struct radix_tree_cache *cache = root->cache;

    if ( cache && cache->nr < cache->max )
    {
        node->slots[0] = cache->free;
        cache->free = node;
        cache->nr++;
        return;
    }
    xfree(node);
}

void radix_tree_cache_init(struct radix_tree_cache *cache, unsigned int max)
{
    cache->free = NULL;
    cache->nr = 0;
    cache->max = max;
}

void radix_tree_cache_drain(struct radix_tree_cache *cache)
{
    while ( cache->free )
    {
        struct radix_tree_node *node = cache->free;

        cache->free = node->slots[0];
        xfree(node);
    }
    cache->nr = 0;
}

/*
 * How many nodes inserting index would create: new top levels plus the
 * missing part of its path.  Growing means index's slot at the new top
 * is not 0, so its path below the new top is all new.
 */
static unsigned int nodes_needed(const struct radix_tree_root *root,
                                 uint32_t index)
{
    unsigned int height = height_for(index), level;
    const void *link = root->node;

    if ( !link )
        return height;
    if ( height > root->height )
        return (height - root->height) + (height - 1);
    for ( level = root->height; level > 1; level-- )
    {
        link = link_node(link)->slots[slot_of(index, level)];
        if ( !link )
            return level - 1;
    }
    return 0;
}

/*
 * Fill the pool with n zeroed nodes for root.  Returns 0, or -ENOMEM
 * (pool empty).
 */
static int pool_fill(struct radix_tree_root *root, struct rt_pool *pool,
                     unsigned int n)
{
    BUILD_BUG_ON(sizeof(struct radix_tree_node) > XMALLOC_NATURAL_ALIGN_MAX);
    BUILD_BUG_ON(sizeof(struct radix_tree_node) &
                 (sizeof(struct radix_tree_node) - 1));
    BUILD_BUG_ON(sizeof(struct radix_tree_node) <= LINK_COUNT_MASK);
    BUILD_BUG_ON(RT_SLOTS > LINK_COUNT_MASK);

    ASSERT(n <= ARRAY_SIZE(pool->node));
    for ( pool->nr = 0; pool->nr < n; pool->nr++ )
    {
        struct radix_tree_node *node = node_alloc(root);

        if ( !node )
        {
            while ( pool->nr )
                node_free(root, pool->node[--pool->nr]);
            return -ENOMEM;
        }
        /* The count bits of a link must be free (see the file comment). */
        BUG_ON((unsigned long)node & LINK_COUNT_MASK);
        pool->node[pool->nr] = node;
    }
    return 0;
}

/* A pool node as a link with count 0, accounted in root. */
static void *pool_take(struct radix_tree_root *root, struct rt_pool *pool)
{
    ASSERT(pool->nr);
    root->nr_nodes++;
    return make_link(pool->node[--pool->nr], 0);
}

/* --- Insertion ------------------------------------------------------------ */

/* Add top levels until the tree covers index; an empty tree just rises. */
static void grow(struct radix_tree_root *root, uint32_t index,
                 struct rt_pool *pool)
{
    while ( root->height < height_for(index) )
    {
        if ( root->node )
        {
            void *link = pool_take(root, pool);

            link_node(link)->slots[0] = root->node;
            root->node = make_link(link_node(link), 1);
        }
        root->height++;
    }
}

/*
 * Store item at index (absent), creating the missing nodes on its path
 * from the pool and counting every slot filled on the way.
 */
static void insert_item(struct radix_tree_root *root, uint32_t index,
                        void *item, struct rt_pool *pool)
{
    struct radix_tree_node *path[RT_MAX_HEIGHT + 1];
    unsigned int level;

    if ( !root->node )
        root->node = pool_take(root, pool);
    path[root->height] = link_node(root->node);
    for ( level = root->height; level > 1; level-- )
    {
        void **slot = &path[level]->slots[slot_of(index, level)];

        if ( !*slot )
        {
            *slot = pool_take(root, pool);
            count_add(root, path, index, level, 1);
        }
        path[level - 1] = link_node(*slot);
    }
    ASSERT(!path[1]->slots[slot_of(index, 1)]);
    path[1]->slots[slot_of(index, 1)] = item;
    count_add(root, path, index, 1, 1);
}

void radix_tree_init(struct radix_tree_root *root)
{
    radix_tree_init_cached(root, NULL);
}

void radix_tree_init_cached(struct radix_tree_root *root,
                            struct radix_tree_cache *cache)
{
    root->node = NULL;
    root->height = 0;
    root->nr_items = 0;
    root->nr_nodes = 0;
    root->cache = cache;
}

/*
 * The common case in one walk: index's leaf node exists.  Returns 0
 * (stored), -EEXIST, or 1 (nodes are missing: take the general path).
 */
static int insert_fast(struct radix_tree_root *root, uint32_t index,
                       void *item)
{
    struct radix_tree_node *path[RT_MAX_HEIGHT + 1];
    void **slot;

    if ( !walk_path(root, index, path) )
        return 1;
    slot = &path[1]->slots[slot_of(index, 1)];
    if ( *slot )
        return -EEXIST;
    *slot = item;
    count_add(root, path, index, 1, 1);
    root->nr_items++;
    return 0;
}

int radix_tree_insert(struct radix_tree_root *root, uint32_t index,
                      void *item)
{
    struct rt_pool pool;
    int rc;

    if ( !item )
        return -EINVAL;
    rc = insert_fast(root, index, item);
    if ( rc <= 0 )
        return rc;
    /* Some node on the path is missing, so index is absent. */
    if ( pool_fill(root, &pool, nodes_needed(root, index)) )
        return -ENOMEM;

    grow(root, index, &pool);
    insert_item(root, index, item, &pool);
    ASSERT(pool.nr == 0);
    root->nr_items++;
    return 0;
}

/* --- Lookup and removal --------------------------------------------------- */

void *radix_tree_lookup(const struct radix_tree_root *root, uint32_t index)
{
    struct radix_tree_node *path[RT_MAX_HEIGHT + 1];

    if ( !walk_path(root, index, path) )
        return NULL;
    return path[1]->slots[slot_of(index, 1)];
}

void *radix_tree_replace(struct radix_tree_root *root, uint32_t index,
                         void *item)
{
    struct radix_tree_node *path[RT_MAX_HEIGHT + 1];
    void *old;

    /* NULL would break the counts; an absent index has nothing to swap. */
    ASSERT(item);
    if ( !item || !walk_path(root, index, path) )
        return NULL;
    old = path[1]->slots[slot_of(index, 1)];
    ASSERT(old);
    if ( old )
        path[1]->slots[slot_of(index, 1)] = item;
    return old;
}

/* Drop top levels while the top node holds nothing but slot 0. */
static void shrink(struct radix_tree_root *root)
{
    while ( root->height > 1 && link_count(root->node) == 1 )
    {
        struct radix_tree_node *top = link_node(root->node);

        if ( !top->slots[0] )
            break;
        root->node = top->slots[0];
        root->height--;
        root->nr_nodes--;
        top->slots[0] = NULL;
        node_free(root, top);
    }
}

/*
 * Clear index's slot and walk up: each node whose count drops to zero is
 * unlinked from its parent (which then loses a slot too) and freed.
 * Then shrink.  Returns the item, or NULL if index was absent.
 */
void *radix_tree_delete(struct radix_tree_root *root, uint32_t index)
{
    struct radix_tree_node *path[RT_MAX_HEIGHT + 1];
    unsigned int level;
    void *item;

    if ( !walk_path(root, index, path) )
        return NULL;
    item = path[1]->slots[slot_of(index, 1)];
    if ( !item )
        return NULL;

    path[1]->slots[slot_of(index, 1)] = NULL;
    for ( level = 1; level <= root->height; level++ )
    {
        count_add(root, path, index, level, -1);
        if ( link_count(link_read(root, path, index, level)) )
            break;
        link_write(root, path, index, level, NULL);
        root->nr_nodes--;
        node_free(root, path[level]);       /* empty: all zero */
    }
    if ( !root->node )
        root->height = 0;

    root->nr_items--;
    shrink(root);
    return item;
}

/* --- Whole-tree operations ------------------------------------------------ */

struct rt_gang {
    void **items;
    uint32_t *indices;
    unsigned int max, nr;
};

/*
 * Collect, in index order, the items at indices >= first under the node
 * 'link' at 'level' whose range starts at base.  Recursion is at most
 * RT_MAX_HEIGHT deep.
 */
static void gang_collect(const void *link, unsigned int level, uint64_t base,
                         uint32_t first, struct rt_gang *g)
{
    const struct radix_tree_node *n = link_node(link);
    unsigned int shift = RT_SHIFT * (level - 1);
    uint64_t i = first > base ? (first - base) >> shift : 0;

    for ( ; i < RT_SLOTS && g->nr < g->max; i++ )
    {
        void *s = n->slots[i];
        uint64_t start = base + (i << shift);

        if ( !s )
            continue;
        if ( level > 1 )
        {
            gang_collect(s, level - 1, start, first, g);
            continue;
        }
        g->items[g->nr] = s;
        if ( g->indices )
            g->indices[g->nr] = (uint32_t)start;
        g->nr++;
    }
}

unsigned int radix_tree_gang_lookup(const struct radix_tree_root *root,
                                    void **items, uint32_t *indices,
                                    uint32_t first, unsigned int max)
{
    struct rt_gang g = { items, indices, max, 0 };

    if ( root->node && index_fits(first, root->height) )
        gang_collect(root->node, root->height, 0, first, &g);
    return g.nr;
}

/* Free the node 'link' at 'level' and everything under it, post-order. */
static void destroy_node(void *link, unsigned int level,
                         void (*fn)(void *item, void *arg), void *arg)
{
    struct radix_tree_node *n = link_node(link);
    unsigned int i;

    for ( i = 0; i < RT_SLOTS; i++ )
    {
        if ( !n->slots[i] )
            continue;
        if ( level > 1 )
            destroy_node(n->slots[i], level - 1, fn, arg);
        else if ( fn )
            fn(n->slots[i], arg);
    }
    xfree(n);
}

void radix_tree_destroy(struct radix_tree_root *root,
                        void (*fn)(void *item, void *arg), void *arg)
{
    if ( root->node )
        destroy_node(root->node, root->height, fn, arg);
    radix_tree_init_cached(root, root->cache);
}

size_t radix_tree_node_size(void)
{
    return sizeof(struct radix_tree_node);
}
