/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transcendent memory, spec v1 (__HYPERVISOR_tmem_op): clients, pools,
 * objects, pages, put/get/flush and eviction.  Control ops live in
 * tmem_control.c; the structures and the lock order in tmem-private.h.
 *
 * Storage.  Each stored page is one anonymous frame from the heap
 * allocator (so claims hold against tmem) and is described by that
 * frame's page_info: list links it on its client's ephemeral LRU or its
 * pool's persistent list, tmem_obj/tmem_index name it.  Objects live in
 * 256 hashed red-black trees per pool (O(log n) worst case), pages in a
 * radix tree per object.  The only per-page metadata beyond the frame
 * table is a radix-tree slot.
 *
 * Memory.  Ephemeral pages count as available memory for claims and are
 * given back when the heap needs them (tmem_relinquish_pages) or when a
 * put needs a frame: eviction picks the client holding the most
 * ephemeral pages relative to its weight, and its oldest page.
 * Persistent pages are never evicted; a persistent put that finds no
 * frame fails with -ENOMEM and the guest keeps its page.
 *
 * A duplicate put of a plain page overwrites the frame in place under
 * the pool lock: it needs no memory, cannot fail for lack of it, and a
 * reader never sees the old data once the put has returned.
 *
 * Compression, trailing-zero elimination and dedup (tmem_compress,
 * tmem_tze, tmem_dedup) store a page as a descriptor instead of a frame
 * (tmem_data.c).  Only plain ephemeral frames count as freeable memory:
 * evicting one gives the heap exactly one frame back.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/tmem.h>
#include <xen/xmalloc.h>

#include "tmem-private.h"

static bool opt_tmem;
boolean_param("tmem", opt_tmem);

bool opt_tmem_shared_auth;
boolean_param("tmem_shared_auth", opt_tmem_shared_auth);

DEFINE_SPINLOCK(tmem_global_lock);
DEFINE_SPINLOCK(tmem_lru_lock);
LIST_HEAD(tmem_clients);


/*
 * Global figures: page and client counts under tmem_lru_lock, operation
 * counters as relaxed atomics (they are statistics, not state).
 */
#define STAT_INC(x)     __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)

struct tmem_global_stats tmem_gstats;  /* see tmem-private.h */
static unsigned long freeable_pages;    /* mirror of eph_frames, lock-free */

unsigned long tmem_freeable_pages(void)
{
    return READ_ONCE(freeable_pages);
}

/* --- Frames ------------------------------------------------------------ */

/*
 * Account a new entry on its owner's lists (ephemeral ones at the MRU
 * end).  Caller holds pool->lock.
 */
void tmem_entry_link(struct tmem_pool *pool, void *e)
{
    struct tmem_client *c = pool->owner;
    bool frame = tmem_entry_is_frame(e);

    ASSERT(spin_is_locked(&pool->lock));
    spin_lock(&tmem_lru_lock);
    if ( tmem_entry_flags(e) & TMEM_PF_EPHEMERAL )
    {
        list_add_tail(e, &c->eph_lru);  /* list_head first in both kinds */
        c->eph_pages++;
        tmem_gstats.eph_pages++;
        if ( frame )
            tmem_gstats.eph_frames++;
        WRITE_ONCE(freeable_pages, tmem_gstats.eph_frames);
    }
    else
    {
        list_add_tail(e, &pool->pers_list);
        c->pers_pages++;
        tmem_gstats.pers_pages++;
    }
    if ( !frame )
        tmem_page_account(c, e, 1, true);
    spin_unlock(&tmem_lru_lock);
}

/* Take an entry off its owner's lists.  Caller holds pool->lock. */
void tmem_entry_unlink(struct tmem_pool *pool, void *e)
{
    struct tmem_client *c = pool->owner;
    bool frame = tmem_entry_is_frame(e);

    ASSERT(spin_is_locked(&pool->lock));
    spin_lock(&tmem_lru_lock);
    list_del(e);
    if ( tmem_entry_flags(e) & TMEM_PF_EPHEMERAL )
    {
        c->eph_pages--;
        tmem_gstats.eph_pages--;
        if ( frame )
            tmem_gstats.eph_frames--;
        WRITE_ONCE(freeable_pages, tmem_gstats.eph_frames);
    }
    else
    {
        c->pers_pages--;
        tmem_gstats.pers_pages--;
    }
    if ( !frame )
        tmem_page_account(c, e, -1, true);
    spin_unlock(&tmem_lru_lock);
}

/* An ephemeral entry was used: move it to the MRU end.  pool->lock held. */
void tmem_entry_touch(struct tmem_pool *pool, void *e)
{
    ASSERT(spin_is_locked(&pool->lock));
    if ( !(tmem_entry_flags(e) & TMEM_PF_EPHEMERAL) )
        return;
    spin_lock(&tmem_lru_lock);
    list_del(e);
    list_add_tail(e, &pool->owner->eph_lru);
    spin_unlock(&tmem_lru_lock);
}

/* Give a frame back to the heap (scrubbed before anybody reuses it). */
void tmem_frame_free(struct page_info *pg)
{
    pg->tmem_obj = NULL;                /* the heap reads it as owner */
    pg->tmem_index = 0;
    pg->tmem_flags = 0;
    free_domheap_page(pg);
}

/* Free a removed entry and its data.  Caller holds pool->lock. */
void tmem_entry_free(struct tmem_pool *pool, void *e)
{
    if ( tmem_entry_is_frame(e) )
        tmem_frame_free(e);
    else
        tmem_data_page_free(pool, e);
}

/* --- Objects ----------------------------------------------------------- */

static unsigned int oid_hash(const xen_tmem_oid_t *oid)
{
    uint64_t h = oid->oid[0] ^ oid->oid[1] ^ oid->oid[2];

    h ^= h >> 32;
    h ^= h >> 16;
    h ^= h >> 8;
    return h & (OBJ_HASH_BUCKETS - 1);
}

/* Order oids by oid[2], then oid[1], then oid[0] (Xen's order). */
static int oid_compare(const xen_tmem_oid_t *a, const xen_tmem_oid_t *b)
{
    int i;

    for ( i = 2; i >= 0; i-- )
        if ( a->oid[i] != b->oid[i] )
            return a->oid[i] < b->oid[i] ? -1 : 1;
    return 0;
}

/*
 * Find the object for oid, or the link where it would go (when 'parent'
 * and 'link' are given).  Caller holds pool->lock.
 */
static struct tmem_object *obj_find(struct tmem_pool *pool,
                                    const xen_tmem_oid_t *oid,
                                    struct rb_node **parent,
                                    struct rb_node ***link)
{
    struct rb_node **p = &pool->objects[oid_hash(oid)].rb_node;
    struct rb_node *par = NULL;

    ASSERT(spin_is_locked(&pool->lock));
    while ( *p )
    {
        struct tmem_object *obj = rb_entry(*p, struct tmem_object, node);
        int cmp = oid_compare(oid, &obj->oid);

        if ( !cmp )
            return obj;
        par = *p;
        p = cmp < 0 ? &par->rb_left : &par->rb_right;
    }
    if ( parent )
    {
        *parent = par;
        *link = p;
    }
    return NULL;
}

/* A descriptor for a new object: from pool's cache, or xmalloc. */
static struct tmem_object *obj_alloc(struct tmem_pool *pool)
{
    struct tmem_object *obj = pool->free_objs;

    if ( !obj )
        return xmalloc(struct tmem_object);
    pool->free_objs = obj->next_free;
    pool->nr_free_objs--;
    return obj;
}

/* Return an unlinked, empty object to pool's cache, or to xmalloc. */
static void obj_free(struct tmem_pool *pool, struct tmem_object *obj)
{
    ASSERT(!obj->pages.nr_items && !obj->pages.nr_nodes);
    if ( pool->nr_free_objs >= TMEM_OBJ_CACHE )
    {
        xfree(obj);
        return;
    }
    obj->next_free = pool->free_objs;
    pool->free_objs = obj;
    pool->nr_free_objs++;
}

/*
 * Give pool's cached objects and radix nodes back to xmalloc (when the
 * pool goes).  Caller holds pool->lock.
 */
void tmem_pool_drain_caches(struct tmem_pool *pool)
{
    ASSERT(spin_is_locked(&pool->lock));
    while ( pool->free_objs )
    {
        struct tmem_object *obj = pool->free_objs;

        pool->free_objs = obj->next_free;
        xfree(obj);
    }
    pool->nr_free_objs = 0;
    radix_tree_cache_drain(&pool->node_cache);
}

/*
 * Find or create the object for oid.  NULL on -ENOMEM.  Caller holds
 * pool->lock.
 */
static struct tmem_object *obj_get(struct tmem_pool *pool,
                                   const xen_tmem_oid_t *oid)
{
    struct rb_node *parent, **link;
    struct tmem_object *obj = obj_find(pool, oid, &parent, &link);

    if ( obj )
        return obj;
    obj = obj_alloc(pool);
    if ( !obj )
        return NULL;
    obj->oid = *oid;
    obj->pool = pool;
    obj->last_client = 0;
    radix_tree_init_cached(&obj->pages, &pool->node_cache);
    rb_link_node(&obj->node, parent, link);
    rb_insert_color(&obj->node, &pool->objects[oid_hash(oid)]);
    pool->nr_objects++;
    return obj;
}

/* Free obj if it holds no pages.  Caller holds pool->lock. */
static void obj_put_if_empty(struct tmem_object *obj)
{
    struct tmem_pool *pool = obj->pool;

    if ( obj->pages.nr_items )
        return;
    rb_erase(&obj->node, &pool->objects[oid_hash(&obj->oid)]);
    pool->nr_objects--;
    obj_free(pool, obj);
}

/*
 * Remove one entry (at its index) from its object and lists.  The entry
 * is the caller's afterwards (to free or reuse).  Caller holds
 * pool->lock.
 */
void tmem_page_remove(struct tmem_object *obj, void *e)
{
    struct tmem_pool *pool = obj->pool;

    radix_tree_delete(&obj->pages, tmem_entry_index(e));
    tmem_entry_unlink(pool, e);
    pool->nr_pages--;
    obj_put_if_empty(obj);
}

/* --- Eviction --------------------------------------------------------- */

/*
 * The client to evict from: the one with the most ephemeral pages per
 * unit of weight (with equal weights, the biggest ephemeral user).
 * Caller holds tmem_lru_lock.
 */
static struct tmem_client *evict_victim_client(void)
{
    struct tmem_client *c, *best = NULL;
    unsigned long best_score = 0;

    ASSERT(spin_is_locked(&tmem_lru_lock));
    list_for_each_entry(c, &tmem_clients, lru_link)
    {
        unsigned long score = c->eph_pages / (c->weight ? c->weight : 1);

        if ( c->eph_pages && (!best || score > best_score) )
        {
            best = c;
            best_score = score;
        }
    }
    return best;
}

/*
 * Try to take one ephemeral entry off c's LRU, oldest first (only plain
 * frames if frames_only), locking its pool (already held when it is
 * 'held').  Returns the entry with its pool locked (unless held), or
 * NULL.  Caller holds tmem_lru_lock.
 */
static void *evict_candidate(struct tmem_client *c, struct tmem_pool *held,
                             bool frames_only, struct tmem_pool **poolp)
{
    struct list_head *l;

    list_for_each(l, &c->eph_lru)
    {
        struct tmem_pool *pool;

        if ( frames_only && !tmem_entry_is_frame(l) )
            continue;
        pool = tmem_entry_obj(l)->pool;
        if ( pool == held || spin_trylock(&pool->lock) )
        {
            *poolp = pool;
            return l;
        }
    }
    return NULL;
}

/*
 * Remove victim e (its pool locked: 'pool') and give it up: a plain
 * frame goes to *frame for the caller to reuse or free, a descriptor is
 * freed here, under its pool's lock (its data may be shared within the
 * pool owner's dedup tree).  Unlocks pool unless it is 'held'.
 */
static void evict_entry(void *e, struct tmem_pool *pool,
                        struct tmem_pool *held, struct page_info **frame)
{
    tmem_page_remove(tmem_entry_obj(e), e);
    if ( tmem_entry_is_frame(e) )
        *frame = e;
    else
        tmem_data_page_free(pool, e);
    if ( pool != held )
        spin_unlock(&pool->lock);
    STAT_INC(tmem_gstats.evictions);
}

/*
 * Evict one ephemeral page: pick a victim client and its oldest entry
 * (only plain frames if frames_only).  Returns true if a page was
 * evicted; *frame is then its frame (the caller's) or NULL (a descriptor,
 * already freed).  'held' is a pool whose lock the caller holds (NULL for
 * none).  If the chosen victim's pages are all in busy pools, 'strict'
 * gives up (the caller may wait and retry, keeping the weights honest),
 * else any client's page will do.
 */
static bool evict_one(struct tmem_pool *held, bool strict, bool frames_only,
                      struct page_info **frame)
{
    struct tmem_client *c;
    struct tmem_pool *pool = NULL;
    void *e = NULL;

    *frame = NULL;
    spin_lock(&tmem_lru_lock);
    c = evict_victim_client();
    if ( c )
        e = evict_candidate(c, held, frames_only, &pool);
    if ( !e && !strict )                /* victim busy: anybody else */
        list_for_each_entry(c, &tmem_clients, lru_link)
            if ( (e = evict_candidate(c, held, frames_only, &pool)) != NULL )
                break;
    spin_unlock(&tmem_lru_lock);
    if ( !e )
        return false;
    evict_entry(e, pool, held, frame);
    return true;
}

/* Ephemeral pages stored as descriptors (not counted as freeable). */
static unsigned long eph_descriptors(void)
{
    return READ_ONCE(tmem_gstats.eph_pages) - READ_ONCE(freeable_pages);
}

unsigned long tmem_evict_pages(unsigned long nr, bool release)
{
    unsigned long done = 0;
    struct page_info *pg;

    while ( done < nr && evict_one(NULL, false, true, &pg) )
    {
        tmem_frame_free(pg);
        done++;
    }
    if ( release )
        __atomic_fetch_add(&tmem_gstats.relinquished, done, __ATOMIC_RELAXED);
    return done;
}

/*
 * Plain frames first: each one evicted is a frame for the heap, so the
 * count is exact.  Only when there are none left, evict up to
 * TMEM_EVICT_SMALL descriptors: their xmalloc memory goes back to the
 * heap only when whole slab pages empty, so the count returned then only
 * says that progress was made (the heap retries, and stops when tmem has
 * nothing left to evict).
 */
unsigned long tmem_relinquish_pages(unsigned long nr)
{
    unsigned long done = 0;
    struct page_info *pg;

    if ( !opt_tmem )
        return 0;
    if ( tmem_freeable_pages() )
        done = tmem_evict_pages(nr, true);
    while ( !done && eph_descriptors() && done < TMEM_EVICT_SMALL &&
            evict_one(NULL, false, false, &pg) )
    {
        done++;
        if ( pg )
            tmem_frame_free(pg);
    }
    return done;
}

/*
 * Evict one of c's own ephemeral pages (c is over its cap): true if one
 * was, with *frame as for evict_one().
 */
static bool evict_own(struct tmem_client *c, struct tmem_pool *pool,
                      struct page_info **frame)
{
    struct tmem_pool *p = NULL;
    void *e;

    *frame = NULL;
    spin_lock(&tmem_lru_lock);
    e = evict_candidate(c, pool, false, &p);
    spin_unlock(&tmem_lru_lock);
    if ( !e )
        return false;
    evict_entry(e, p, pool, frame);
    return true;
}

bool tmem_cap_room(struct tmem_pool *pool)
{
    struct tmem_client *c = pool->owner;
    struct page_info *pg;

    while ( c->cap && c->eph_pages + c->pers_pages >= c->cap )
    {
        if ( !evict_own(c, pool, &pg) )
            return false;
        if ( pg )
            tmem_frame_free(pg);
    }
    return true;
}

bool tmem_evict_for_alloc(struct tmem_pool *pool)
{
    struct page_info *pg;

    if ( !evict_one(pool, false, false, &pg) )
        return false;
    if ( pg )
        tmem_frame_free(pg);
    return true;
}

/*
 * A frame for a new page in pool (locked): from the heap, or by evicting
 * ephemeral pages (retrying while some other pool is busy, at most
 * TMEM_EVICT_TRIES times).  If 'capped' (the frame is for a new page),
 * a pool owner over its cap must evict one of its own pages first.
 * 'freeable' says whether the frame will be a plain ephemeral entry
 * (counted as freeable memory).  NULL: no memory.
 * *evicted says whether pages were evicted (which may have freed objects
 * of this very pool).
 */
struct page_info *tmem_frame_alloc(struct tmem_pool *pool, bool *evicted,
                                   bool freeable, bool capped)
{
    struct tmem_client *c = pool->owner;
    struct page_info *pg = NULL;
    unsigned int i;
    bool got;

    *evicted = false;
    for ( i = 0; !pg && i < TMEM_EVICT_TRIES; i++ )
    {
        if ( capped && c->cap && c->eph_pages + c->pers_pages >= c->cap )
        {
            if ( !evict_own(c, pool, &pg) )
                break;                  /* over cap, nothing to give */
            *evicted = true;
            continue;
        }
        pg = alloc_domheap_page(NULL, MEMF_no_scrub | MEMF_tmem);
        if ( pg )
            return pg;                  /* free, unclaimed memory */
        if ( !READ_ONCE(tmem_gstats.eph_pages) )
            break;
        /*
         * Victims' pools are only tried (we hold ours): when they are
         * all busy copying, wait a little rather than fail the put.
         */
        got = evict_one(pool, i < TMEM_EVICT_TRIES / 2, false, &pg);
        *evicted |= got;
        if ( !got )
        {
            cpu_relax();
            arch_spin_relax(i + 1);
        }
    }

    /*
     * An evicted ephemeral frame counted as available for claims.  Kept
     * a plain ephemeral page, nothing changes; otherwise it leaves that
     * count, so it may only if claims stay covered.  If not, it goes
     * back to the heap, where it backs the claims, and the put fails.
     */
    if ( pg && !freeable && !claims_covered() )
    {
        tmem_frame_free(pg);
        pg = NULL;
    }
    return pg;
}

/* --- Data operations ------------------------------------------------------ */

/*
 * Insert entry e at (oid, index), creating the object if needed ('obj'
 * is the object of oid when the caller knows it is, else NULL).  The
 * object and radix nodes come from the pool's caches or xmalloc; if the
 * heap has nothing left for them, evict an ephemeral page (this pool's
 * too: we hold its lock, which the allocator's own relinquish path could
 * only try), up to TMEM_MAX_EVICTS times.  Returns the object or NULL
 * (-ENOMEM).  Caller holds pool->lock.
 */
struct tmem_object *tmem_page_insert(struct tmem_pool *pool,
                                     const struct tmem_op *op, void *e,
                                     struct tmem_object *obj)
{
    unsigned int tries;

    for ( tries = 0; ; tries++ )
    {
        if ( !obj )
            obj = obj_get(pool, &op->u.gen.oid);
        if ( obj && !radix_tree_insert(&obj->pages, op->u.gen.index, e) )
            return obj;
        if ( obj )
            obj_put_if_empty(obj);
        obj = NULL;                     /* eviction may free it */
        if ( tries == TMEM_MAX_EVICTS || !tmem_evict_for_alloc(pool) )
            return NULL;
    }
}

/*
 * Store a new plain page (a frame of its own); obj is oid's object if it
 * exists (looked up under the pool lock held since).  Returns 1,
 * -ENOMEM or -EFAULT.
 */
static long put_new(struct tmem_client *c, struct tmem_pool *pool,
                    const struct tmem_op *op, struct tmem_object *obj)
{
    struct page_info *pg;
    bool evicted;
    long rc = -ENOMEM;

    pg = tmem_frame_alloc(pool, &evicted, !pool->persistent, true);
    if ( !pg )
        goto fail;
    if ( evicted )
        obj = NULL;                     /* eviction may have freed it */
    if ( copy_from_gfn(page_to_virt(pg), c->d, _gfn(op->u.gen.cmfn)) )
    {
        rc = -EFAULT;
        goto fail;
    }
    obj = tmem_page_insert(pool, op, pg, obj);
    if ( !obj )
        goto fail;
    pg->tmem_obj = obj;
    pg->tmem_index = op->u.gen.index;
    pg->tmem_flags = pool->persistent ? 0 : TMEM_PF_EPHEMERAL;
    obj->last_client = c->domid;
    tmem_entry_link(pool, pg);
    pool->nr_pages++;
    pool->stats.good_puts++;
    return 1;

 fail:
    if ( pg )
        tmem_frame_free(pg);
    if ( rc == -ENOMEM )
        pool->stats.no_mem_puts++;
    return rc;
}

/*
 * TMEM_PUT_PAGE.  A plain put over a plain page overwrites its frame in
 * place: no allocation, so it cannot fail for memory; a bad cmfn leaves
 * the old data as it was (the copy is refused before it starts).  Every
 * other put goes through tmem_data_put().  Returns 1, -EFROZEN, -ENOMEM
 * or -EFAULT.
 */
static long do_put(struct tmem_client *c, struct tmem_pool *pool,
                   const struct tmem_op *op)
{
    struct tmem_object *obj = obj_find(pool, &op->u.gen.oid, NULL, NULL);
    void *e = obj ? radix_tree_lookup(&obj->pages, op->u.gen.index) : NULL;
    bool wanted = tmem_data_wanted(c, pool);
    long rc;

    pool->stats.puts++;
    STAT_INC(tmem_gstats.puts);
    if ( !e && c->frozen )
        return -EFROZEN;
    if ( !e && !wanted )
        return put_new(c, pool, op, obj);
    if ( !e )
        return tmem_data_put(c, pool, op, obj, NULL);

    if ( wanted || !tmem_entry_is_frame(e) )
        rc = tmem_data_put(c, pool, op, obj, e);
    else if ( copy_from_gfn(page_to_virt(e), c->d, _gfn(op->u.gen.cmfn)) )
        return -EFAULT;
    else
    {
        obj->last_client = c->domid;
        tmem_entry_touch(pool, e);      /* fresh again: to the MRU end */
        rc = 1;
    }
    if ( rc == 1 )
    {
        pool->stats.dup_puts++;
        STAT_INC(tmem_gstats.dup_puts);
    }
    return rc;
}

/*
 * TMEM_GET_PAGE: 1 found and copied, 0 not found, -EEMPTY for an empty
 * pool, -EFAULT for a bad cmfn, -EIO if stored data does not decode (an
 * internal error, logged).  In a private ephemeral pool the get is
 * exclusive: the page leaves tmem (and is lost if the copy fails, as a
 * clean page-cache page may be).
 */
static long do_get(struct tmem_client *c, struct tmem_pool *pool,
                   const struct tmem_op *op, bool *unlocked)
{
    struct tmem_object *obj;
    struct page_info *pg;
    void *e;
    int rc;

    pool->stats.gets++;
    STAT_INC(tmem_gstats.gets);
    if ( !pool->nr_pages )
        return -EEMPTY;
    obj = obj_find(pool, &op->u.gen.oid, NULL, NULL);
    e = obj ? radix_tree_lookup(&obj->pages, op->u.gen.index) : NULL;
    if ( !e )
        return 0;
    pool->stats.found_gets++;
    STAT_INC(tmem_gstats.found_gets);
    if ( !tmem_entry_is_frame(e) )
        return tmem_data_get(c, pool, op, e);

    pg = e;
    if ( pool->persistent || pool->shared )
    {
        rc = copy_to_gfn(c->d, _gfn(op->u.gen.cmfn), page_to_virt(pg));
        if ( !rc && pool->shared )
            tmem_entry_touch(pool, pg);
        return rc ? rc : 1;
    }

    /* Exclusive: detach, unlock, then copy out and free. */
    tmem_page_remove(obj, pg);
    spin_unlock(&pool->lock);
    *unlocked = true;
    rc = copy_to_gfn(c->d, _gfn(op->u.gen.cmfn), page_to_virt(pg));
    tmem_frame_free(pg);
    return rc ? rc : 1;
}

/* TMEM_FLUSH_PAGE: 1 (or -EFROZEN, the flush done all the same). */
static long do_flush_page(struct tmem_client *c, struct tmem_pool *pool,
                          const struct tmem_op *op)
{
    struct tmem_object *obj = obj_find(pool, &op->u.gen.oid, NULL, NULL);
    void *e = obj ? radix_tree_lookup(&obj->pages, op->u.gen.index) : NULL;

    pool->stats.flushes++;
    STAT_INC(tmem_gstats.flushes);
    if ( e )
    {
        tmem_page_remove(obj, e);
        tmem_entry_free(pool, e);
    }
    return c->frozen ? -EFROZEN : 1;
}

/* TMEM_FLUSH_OBJECT: 1 (or -EFROZEN, the flush done all the same). */
static long do_flush_object(struct tmem_client *c, struct tmem_pool *pool,
                            const struct tmem_op *op)
{
    struct tmem_object *obj = obj_find(pool, &op->u.gen.oid, NULL, NULL);
    void *e;
    uint32_t idx;

    pool->stats.flush_objs++;
    while ( obj && radix_tree_gang_lookup(&obj->pages, &e, &idx, 0, 1) == 1 )
    {
        bool last = obj->pages.nr_items == 1;

        tmem_page_remove(obj, e);
        tmem_entry_free(pool, e);
        if ( last )
            break;
    }
    return c->frozen ? -EFROZEN : 1;
}

/* Validate the fields a data op uses.  Returns 0 or -EINVAL. */
static int data_op_check(const struct tmem_op *op)
{
    const xen_tmem_oid_t *oid = &op->u.gen.oid;

    if ( oid->oid[0] == ~0ULL && oid->oid[1] == ~0ULL &&
         oid->oid[2] == ~0ULL )
        return -EINVAL;                 /* the invalid oid */
    if ( op->cmd == TMEM_FLUSH_PAGE || op->cmd == TMEM_FLUSH_OBJECT )
        return 0;
    if ( op->u.gen.tmem_offset || op->u.gen.pfn_offset ||
         (op->u.gen.len && op->u.gen.len != PAGE_SIZE) )
        return -EINVAL;                 /* whole pages only */
    return 0;
}

/* PUT, GET, FLUSH_PAGE, FLUSH_OBJECT on a pool of c. */
static long data_op(struct tmem_client *c, const struct tmem_op *op)
{
    struct tmem_pool *pool;
    bool unlocked = false;
    long rc = data_op_check(op);

    if ( rc )
        return rc;
    pool = tmem_pool_get_locked(c, (uint32_t)op->pool_id);
    if ( !pool )
        return -ENODEV;                 /* no such pool */
    switch ( op->cmd )
    {
    case TMEM_PUT_PAGE:
        rc = do_put(c, pool, op);
        break;
    case TMEM_GET_PAGE:
        rc = do_get(c, pool, op, &unlocked);
        break;
    case TMEM_FLUSH_PAGE:
        rc = do_flush_page(c, pool, op);
        break;
    default:
        rc = do_flush_object(c, pool, op);
        break;
    }
    if ( !unlocked )
        spin_unlock(&pool->lock);
    return rc;
}

/* Dispatch one validated op for the calling domain's client. */
static long tmem_dispatch(struct tmem_client *c, const struct tmem_op *op)
{
    bool privileged = is_control_domain(current->domain);

    switch ( op->cmd )
    {
    case TMEM_NEW_POOL:
        return tmem_new_pool(c, op);
    case TMEM_DESTROY_POOL:
        return tmem_destroy_pool(c, (uint32_t)op->pool_id);
    case TMEM_PUT_PAGE:
    case TMEM_GET_PAGE:
    case TMEM_FLUSH_PAGE:
    case TMEM_FLUSH_OBJECT:
        return data_op(c, op);
    case TMEM_CONTROL:
        return privileged ? tmem_control(op) : -EPERM;
    case TMEM_AUTH:
        return privileged ? tmem_auth(op) : -EPERM;
    case TMEM_RESTORE_NEW:
        return privileged ? -EOPNOTSUPP : -EPERM;
    default:
        gprintk(XENLOG_INFO, "tmem: unknown op %u\n", op->cmd);
        return -ENOSYS;
    }
}

long do_tmem_op(XEN_GUEST_HANDLE_PARAM(void) uops)
{
    struct domain *d = current->domain;
    struct tmem_client *c;
    struct tmem_op op;
    long rc;

    if ( !opt_tmem )
        return -ENODEV;
    if ( copy_from_guest(&op, uops, 1) )
        return -EFAULT;
    if ( !domain_mem_enter(d) )
        return -ENODEV;                 /* dying */
    c = tmem_client_get(d);
    if ( !c )
        rc = -ENOMEM;
    else if ( c->bad_version && op.cmd != TMEM_CONTROL )
        rc = -EPERM;                    /* a v0 guest: tmem stays off */
    else
        rc = tmem_dispatch(c, &op);
    domain_mem_exit(d);
    return rc;
}

void tmem_init(void)
{
    if ( !opt_tmem )
        return;
    tmem_data_init();
}

void tmem_get_global_stats(struct tmem_global_stats *s)
{
    spin_lock(&tmem_lru_lock);
    *s = tmem_gstats;
    spin_unlock(&tmem_lru_lock);
}
