/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem clients and pools: a client per domain (created on its first tmem
 * op), pool creation with the spec-version and flag checks, shared pools
 * by uuid (with tmem_shared_auth), and destruction of pools and clients.
 * Pages, objects, eviction and the data ops are in tmem.c; the lock
 * order is in tmem-private.h.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/tmem.h>
#include <xen/xmalloc.h>

#include "tmem-private.h"

/* Shared pools by uuid.  Protected by tmem_global_lock. */
static struct tmem_pool *shared_pools[MAX_GLOBAL_SHARED_POOLS];

/* --- Clients and pools -------------------------------------------------- */

/* The client of d, created on first use.  NULL on -ENOMEM. */
struct tmem_client *tmem_client_get(struct domain *d)
{
    struct tmem_client *c;
    unsigned int i;

    if ( (c = READ_ONCE(d->tmem)) != NULL )
        return c;
    spin_lock(&tmem_global_lock);
    c = d->tmem;
    if ( !c && (c = xzalloc(struct tmem_client)) != NULL )
    {
        c->domid = d->domain_id;
        c->d = d;
        c->weight = TMEM_DEFAULT_WEIGHT;
        c->compress = opt_tmem_compress;
        spin_lock_init(&c->lock);
        spin_lock_init(&c->dedup_lock);
        c->dedup = RB_ROOT;
        INIT_LIST_HEAD(&c->eph_lru);
        for ( i = 0; i < MAX_GLOBAL_SHARED_POOLS; i++ )
            c->shared_auth[i][0] = c->shared_auth[i][1] = ~0ULL;
        spin_lock(&tmem_lru_lock);
        list_add_tail(&c->lru_link, &tmem_clients);
        tmem_gstats.clients++;
        spin_unlock(&tmem_lru_lock);
        smp_wmb();
        WRITE_ONCE(d->tmem, c);
    }
    spin_unlock(&tmem_global_lock);
    return c;
}

struct tmem_client *tmem_client_find(domid_t domid)
{
    struct domain *d = get_domain_by_id(domid);
    struct tmem_client *c;

    if ( !d )
        return NULL;
    c = READ_ONCE(d->tmem);
    put_domain(d);
    return c;
}

static struct tmem_pool *pool_alloc(struct tmem_client *owner,
                                    bool persistent, bool shared,
                                    const uint64_t uuid[2])
{
    struct tmem_pool *pool = xzalloc(struct tmem_pool);
    unsigned int i;

    if ( !pool )
        return NULL;
    spin_lock_init(&pool->lock);
    pool->persistent = persistent;
    pool->shared = shared;
    pool->uuid[0] = uuid[0];
    pool->uuid[1] = uuid[1];
    pool->shared_slot = -1;
    pool->sharers = 1;
    pool->owner = owner;
    INIT_LIST_HEAD(&pool->pers_list);
    radix_tree_cache_init(&pool->node_cache, TMEM_NODE_CACHE);
    for ( i = 0; i < OBJ_HASH_BUCKETS; i++ )
        pool->objects[i] = RB_ROOT;
    return pool;
}

/* Free every object and page of pool.  Caller holds pool->lock. */
static void pool_flush_locked(struct tmem_pool *pool)
{
    unsigned int i;

    ASSERT(spin_is_locked(&pool->lock));
    for ( i = 0; i < OBJ_HASH_BUCKETS; i++ )
        while ( !RB_EMPTY_ROOT(&pool->objects[i]) )
        {
            struct tmem_object *obj = rb_entry(pool->objects[i].rb_node,
                                               struct tmem_object, node);
            void *e;
            uint32_t idx;

            while ( radix_tree_gang_lookup(&obj->pages, &e, &idx, 0, 1) == 1 )
            {
                bool last = obj->pages.nr_items == 1;

                tmem_page_remove(obj, e);    /* frees obj with its last page */
                tmem_entry_free(pool, e);
                if ( last )
                    break;
            }
        }
}

void tmem_pool_flush_all(struct tmem_pool *pool)
{
    spin_lock(&pool->lock);
    pool_flush_locked(pool);
    spin_unlock(&pool->lock);
}

/* --- Pool creation and destruction ------------------------------------- */

/* Is uuid on c's list of shared pools dom0 allowed?  Global lock held. */
static bool shared_auth_ok(const struct tmem_client *c,
                           const uint64_t uuid[2])
{
    unsigned int i;

    ASSERT(spin_is_locked(&tmem_global_lock));
    if ( !opt_tmem_shared_auth )
        return true;
    for ( i = 0; i < MAX_GLOBAL_SHARED_POOLS; i++ )
        if ( c->shared_auth[i][0] == uuid[0] &&
             c->shared_auth[i][1] == uuid[1] )
            return true;
    return false;
}

/*
 * Join the shared pool with this uuid, or create and register it.
 * Returns the pool (NULL: -ENOMEM in *rc, or -EPERM when every global
 * slot is taken).  Caller holds tmem_global_lock.
 */
static struct tmem_pool *shared_pool_get(struct tmem_client *c,
                                         const uint64_t uuid[2], int *rc)
{
    struct tmem_pool *pool;
    int i, free_slot = -1;

    ASSERT(spin_is_locked(&tmem_global_lock));
    for ( i = 0; i < MAX_GLOBAL_SHARED_POOLS; i++ )
    {
        pool = shared_pools[i];
        if ( !pool )
        {
            if ( free_slot < 0 )
                free_slot = i;
            continue;
        }
        if ( pool->uuid[0] == uuid[0] && pool->uuid[1] == uuid[1] )
        {
            spin_lock(&pool->lock);
            pool->sharers++;
            spin_unlock(&pool->lock);
            return pool;
        }
    }
    *rc = -EPERM;
    if ( free_slot < 0 )
        return NULL;
    *rc = -ENOMEM;
    pool = pool_alloc(c, false, true, uuid);
    if ( pool )
    {
        pool->shared_slot = free_slot;
        shared_pools[free_slot] = pool;
    }
    return pool;
}

/*
 * Check a NEW_POOL flag word in Xen's order.  Returns 0 or -EPERM (and
 * logs why, rate-limited, as a guest-caused message).
 */
static int new_pool_check(struct tmem_client *c, uint32_t flags)
{
    unsigned int version = (flags >> TMEM_POOL_VERSION_SHIFT) &
                           TMEM_POOL_VERSION_MASK;
    unsigned int pageshift = (flags >> TMEM_POOL_PAGESIZE_SHIFT) &
                             TMEM_POOL_PAGESIZE_MASK;

    if ( version != TMEM_SPEC_VERSION )
    {
        c->bad_version = true;
        gprintk(XENLOG_WARNING, "tmem: unsupported spec version %u "
                "(need %u): tmem disabled for d%u\n", version,
                TMEM_SPEC_VERSION, c->domid);
        return -EPERM;
    }
    if ( (flags & TMEM_POOL_SHARED) && (flags & TMEM_POOL_PERSIST) )
        gprintk(XENLOG_WARNING, "tmem: shared persistent pools refused\n");
    else if ( pageshift != PAGE_SHIFT - 12 )
        gprintk(XENLOG_WARNING, "tmem: unsupported pagesize %u\n",
                1U << (pageshift + 12));
    else if ( flags & TMEM_POOL_PRECOMPRESSED )
        gprintk(XENLOG_WARNING, "tmem: precompressed pools unsupported\n");
    else if ( flags & TMEM_POOL_RESERVED_BITS )
        gprintk(XENLOG_WARNING, "tmem: reserved pool flag bits set\n");
    else
        return 0;
    return -EPERM;
}

/* TMEM_NEW_POOL: returns the pool id, -EPERM or -ENOMEM. */
long tmem_new_pool(struct tmem_client *c, const struct tmem_op *op)
{
    uint32_t flags = op->u.creat.flags;
    bool persistent = flags & TMEM_POOL_PERSIST;
    bool shared = flags & TMEM_POOL_SHARED;
    const uint64_t *uuid = op->u.creat.uuid;
    struct tmem_pool *pool;
    int rc = new_pool_check(c, flags), id;

    if ( rc )
        return rc;
    /* A shared request with uuid -1/-1 quietly makes a private pool. */
    if ( shared && uuid[0] == ~0ULL && uuid[1] == ~0ULL )
        shared = false;

    spin_lock(&tmem_global_lock);
    spin_lock(&c->lock);
    for ( id = 0; id < MAX_POOLS_PER_DOMAIN && c->pools[id]; id++ )
        continue;
    rc = -EPERM;
    if ( id == MAX_POOLS_PER_DOMAIN )
        goto out;
    if ( shared && !shared_auth_ok(c, uuid) )
    {
        gprintk(XENLOG_INFO, "tmem: shared pool not authorised, private "
                "pool instead\n");
        shared = false;
    }
    rc = -ENOMEM;
    pool = shared ? shared_pool_get(c, uuid, &rc)
                  : pool_alloc(c, persistent, false, uuid);
    if ( !pool )
        goto out;
    if ( pool->owner == c && pool->sharers == 1 )
        pool->id = id;
    c->pools[id] = pool;
    rc = id;
 out:
    spin_unlock(&c->lock);
    spin_unlock(&tmem_global_lock);
    return rc;
}

/*
 * Move every page of pool onto new owner n's lists.  Both locks held.
 * (A shared pool is ephemeral and never deduplicated, so no data is in
 * the old owner's dedup tree.)
 */
static void pool_transfer(struct tmem_pool *pool, struct tmem_client *n)
{
    struct tmem_client *o = pool->owner;
    struct list_head *l, *tmp;

    ASSERT(spin_is_locked(&pool->lock) && spin_is_locked(&tmem_lru_lock));
    list_for_each_safe(l, tmp, &o->eph_lru)
        if ( tmem_entry_obj(l)->pool == pool )
        {
            list_del(l);
            list_add_tail(l, &n->eph_lru);
            o->eph_pages--;
            n->eph_pages++;
            if ( !tmem_entry_is_frame(l) )
            {
                tmem_page_account(o, (struct tmem_page *)l, -1, false);
                tmem_page_account(n, (struct tmem_page *)l, 1, false);
            }
        }
    pool->owner = n;
}

/* Another client of this shared pool, or NULL.  Global lock held. */
static struct tmem_client *shared_pool_other(struct tmem_pool *pool,
                                             struct tmem_client *leaving)
{
    struct tmem_client *c;
    unsigned int i;

    list_for_each_entry(c, &tmem_clients, lru_link)
        if ( c != leaving )
            for ( i = 0; i < MAX_POOLS_PER_DOMAIN; i++ )
                if ( c->pools[i] == pool )
                    return c;
    return NULL;
}

/*
 * Client c lets go of pool (already removed from c->pools[]).  The last
 * user flushes and frees it; otherwise ownership passes on.  Caller
 * holds tmem_global_lock.
 */
static void pool_release(struct tmem_client *c, struct tmem_pool *pool)
{
    bool last;

    ASSERT(spin_is_locked(&tmem_global_lock));
    spin_lock(&pool->lock);             /* waits for ops in flight */
    last = --pool->sharers == 0;
    if ( !last && pool->owner == c )
    {
        struct tmem_client *n = shared_pool_other(pool, c);

        spin_lock(&tmem_lru_lock);
        if ( n )
            pool_transfer(pool, n);
        spin_unlock(&tmem_lru_lock);
    }
    if ( last )
    {
        pool_flush_locked(pool);
        tmem_pool_drain_caches(pool);
        tmem_pool_free_work(pool);
    }
    spin_unlock(&pool->lock);
    if ( !last )
        return;
    if ( pool->shared_slot >= 0 )
        shared_pools[pool->shared_slot] = NULL;
    xfree(pool);
}

/* TMEM_DESTROY_POOL: 1 if a pool was destroyed, 0 if there was none. */
long tmem_destroy_pool(struct tmem_client *c, uint32_t id)
{
    struct tmem_pool *pool;

    if ( id >= MAX_POOLS_PER_DOMAIN )
        return 0;
    spin_lock(&tmem_global_lock);
    spin_lock(&c->lock);
    pool = c->pools[id];
    c->pools[id] = NULL;
    spin_unlock(&c->lock);
    if ( pool )
        pool_release(c, pool);
    spin_unlock(&tmem_global_lock);
    return pool ? 1 : 0;
}

void tmem_destroy(struct domain *d)
{
    struct tmem_client *c = d->tmem;
    unsigned int i;

    if ( !c )
        return;
    spin_lock(&tmem_global_lock);
    for ( i = 0; i < MAX_POOLS_PER_DOMAIN; i++ )
    {
        struct tmem_pool *pool;

        spin_lock(&c->lock);
        pool = c->pools[i];
        c->pools[i] = NULL;
        spin_unlock(&c->lock);
        if ( pool )
            pool_release(c, pool);
    }
    spin_lock(&tmem_lru_lock);
    ASSERT(!c->eph_pages && !c->pers_pages && !c->comp_pages);
    ASSERT(RB_EMPTY_ROOT(&c->dedup));
    list_del(&c->lru_link);
    tmem_gstats.clients--;
    spin_unlock(&tmem_lru_lock);
    d->tmem = NULL;
    spin_unlock(&tmem_global_lock);
    xfree(c);
}

/*
 * Look up pool id of c and return it locked, or NULL.  Holding the pool
 * lock for the whole operation keeps a concurrent destroy waiting.
 */
struct tmem_pool *tmem_pool_get_locked(struct tmem_client *c, uint32_t id)
{
    struct tmem_pool *pool = NULL;

    if ( id >= MAX_POOLS_PER_DOMAIN )
        return NULL;
    spin_lock(&c->lock);
    pool = c->pools[id];
    if ( pool )
        spin_lock(&pool->lock);
    spin_unlock(&c->lock);
    return pool;
}
