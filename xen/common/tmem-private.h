/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem's internal structures, shared by tmem.c (pools, objects, pages,
 * the data ops) and tmem_control.c (control ops, auth, statistics).
 *
 * Lock order (outer first):
 *   tmem_global_lock -> client->lock -> pool->lock -> client->dedup_lock
 *   -> tmem_lru_lock -> (d->p2m.lock for guest copies) -> heap_lock.
 * Eviction starts from the LRU side and so only ever *tries* a pool lock.
 * Nothing allocates while holding dedup_lock or tmem_lru_lock: the heap
 * may call back into eviction, which takes both.
 *
 * A stored page ("entry", the value in an object's radix tree and the
 * element of the LRU and persistent lists) is either a frame of its own
 * (struct page_info in the frame table, the plain case) or a descriptor
 * (struct tmem_page, for compressed, trailing-zero-trimmed or
 * deduplicated data: tmem_data.c).  Both start with their list_head, and
 * tmem_entry_is_frame() tells them apart by address.
 */
#ifndef XEN_COMMON_TMEM_PRIVATE_H
#define XEN_COMMON_TMEM_PRIVATE_H

#include <xen/list.h>
#include <xen/mm.h>
#include <xen/radix-tree.h>
#include <xen/rbtree.h>
#include <xen/spinlock.h>
#include <xen/types.h>

#include <public/tmem.h>

#define MAX_POOLS_PER_DOMAIN    16
#define MAX_GLOBAL_SHARED_POOLS 16
#define OBJ_HASH_BUCKETS        256
#define TMEM_MAX_EVICTS         10      /* per metadata allocation, as Xen */
#define TMEM_EVICT_TRIES        1000    /* per frame, while pools are busy */
#define TMEM_DEFAULT_WEIGHT     1
#define TMEM_OBJ_CACHE          8       /* free objects kept per pool */
#define TMEM_NODE_CACHE         8       /* free radix nodes kept per pool */
#define TMEM_EVICT_SMALL        32      /* descriptors per relinquish call */

/* Flags of a stored page (page_info.tmem_flags, tmem_page.flags). */
#define TMEM_PF_EPHEMERAL       1U

/*
 * Data kinds of a descriptor (tmem_data.c).  ZERO has no tmem_data; the
 * others are the kind field of their struct tmem_data.
 */
#define TMEM_DK_ZERO            0       /* all-zero page: nothing stored */
#define TMEM_DK_LZ              1       /* lz_compress() stream */
#define TMEM_DK_TZE             2       /* leading bytes; the rest zero */
#define TMEM_DK_FRAME           3       /* whole page in a frame (dedup) */

struct page_info;
struct tmem_client;
struct tmem_data;
struct tmem_work;

/*
 * A page stored as a descriptor (see above), from xmalloc.  'list',
 * 'obj', 'index' and 'flags' mean what page_info's list, tmem_obj,
 * tmem_index and tmem_flags mean for a frame entry.  data is NULL for an
 * all-zero page (TMEM_DK_ZERO), else shared data with a reference held.
 * Protected by the pool lock (list: tmem_lru_lock).
 */
struct tmem_page {
    struct list_head list;          /* must be first, like page_info's */
    struct tmem_object *obj;
    uint32_t index;
    uint16_t flags;                 /* TMEM_PF_* */
    uint8_t kind;                   /* TMEM_DK_* */
    struct tmem_data *data;
};

/* An object: the pages of one oid in one pool. */
struct tmem_object {
    union {
        struct rb_node node;        /* in pool->objects[]; pool->lock */
        struct tmem_object *next_free;  /* on pool->free_objs */
    };
    xen_tmem_oid_t oid;
    struct radix_tree_root pages;   /* index -> frame; pool->lock */
    struct tmem_pool *pool;
    domid_t last_client;            /* last client to put (shared pools) */
};

struct tmem_pool_stats {
    unsigned long puts, good_puts, dup_puts, no_mem_puts;
    unsigned long gets, found_gets, flushes, flush_objs;
};

struct tmem_pool {
    spinlock_t lock;                /* protects everything below */
    bool persistent, shared;
    unsigned int id;                /* slot in the creating client */
    uint64_t uuid[2];
    int shared_slot;                /* in shared_pools[], or -1 */
    unsigned int sharers;           /* clients whose pools[] point here */
    /*
     * The client whose LRU and counters hold the pool's pages: the
     * creator, or for a shared pool the next sharer once it leaves.
     * Changes under pool->lock and tmem_lru_lock together.
     */
    struct tmem_client *owner;
    struct rb_root objects[OBJ_HASH_BUCKETS];
    struct list_head pers_list;     /* frames of a persistent pool */
    unsigned long nr_pages, nr_objects;
    struct tmem_pool_stats stats;
    /*
     * Descriptors kept for reuse, so that a page that comes and goes
     * (an ephemeral put and its exclusive get) costs no xmalloc/xfree:
     * up to TMEM_OBJ_CACHE free objects and TMEM_NODE_CACHE free radix
     * nodes.  Still xmalloc memory (the metadata figure counts them);
     * freed with the pool.
     */
    struct tmem_object *free_objs;
    unsigned int nr_free_objs;
    struct radix_tree_cache node_cache;
    /*
     * Scratch for compression, TZE and dedup (tmem_data.c): a bounce
     * page, an output page and the compressor's hash table.  Allocated
     * on the pool's first put that needs it, freed with the pool.
     */
    struct tmem_work *work;
};

struct tmem_client {
    domid_t domid;
    struct domain *d;
    spinlock_t lock;                /* protects pools[] */
    struct tmem_pool *pools[MAX_POOLS_PER_DOMAIN];

    /* Protected by tmem_lru_lock. */
    struct list_head lru_link;      /* on tmem_clients */
    struct list_head eph_lru;       /* ephemeral entries, oldest first */
    unsigned long eph_pages, pers_pages;
    unsigned long comp_pages;       /* entries holding LZ data */
    unsigned long comp_bytes;       /* their LZ bytes (shared: each) */

    /*
     * Dedup (tmem_dedup): the data of this client's private ephemeral
     * pools by content hash, at most one per hash value.
     */
    spinlock_t dedup_lock;          /* protects dedup and data refs */
    struct rb_root dedup;

    /* Set by control ops; read without locks (single words). */
    unsigned int weight;
    unsigned long cap;              /* max pages, 0 = none */
    bool frozen;
    bool compress;                  /* tmem_compress, TMEMC_SET_COMPRESS */
    bool bad_version;               /* created a pool with spec != 1 */

    /* Shared-pool uuids dom0 allowed (tmem_shared_auth).  Global lock. */
    uint64_t shared_auth[MAX_GLOBAL_SHARED_POOLS][2];
};

extern spinlock_t tmem_global_lock;
extern spinlock_t tmem_lru_lock;
extern struct list_head tmem_clients;   /* tmem_lru_lock */
extern bool opt_tmem_shared_auth;
extern bool opt_tmem_compress, opt_tmem_tze, opt_tmem_dedup;

struct tmem_global_stats;
extern struct tmem_global_stats tmem_gstats;  /* counts: tmem_lru_lock */

/* Is entry e a frame of its own (else a struct tmem_page)? */
static inline bool tmem_entry_is_frame(const void *e)
{
    return (uintptr_t)e >= (uintptr_t)frame_table &&
           (uintptr_t)e < (uintptr_t)(frame_table + max_page);
}

static inline struct tmem_object *tmem_entry_obj(const void *e)
{
    return tmem_entry_is_frame(e) ? ((const struct page_info *)e)->tmem_obj
                                  : ((const struct tmem_page *)e)->obj;
}

static inline uint32_t tmem_entry_index(const void *e)
{
    return tmem_entry_is_frame(e) ? ((const struct page_info *)e)->tmem_index
                                  : ((const struct tmem_page *)e)->index;
}

static inline uint32_t tmem_entry_flags(const void *e)
{
    return tmem_entry_is_frame(e) ? ((const struct page_info *)e)->tmem_flags
                                  : ((const struct tmem_page *)e)->flags;
}

/* tmem.c: pages, objects, eviction. */
unsigned long tmem_evict_pages(unsigned long nr, bool release);
void tmem_page_remove(struct tmem_object *obj, void *e);
void tmem_entry_free(struct tmem_pool *pool, void *e);
void tmem_frame_free(struct page_info *pg);
void tmem_pool_drain_caches(struct tmem_pool *pool);
void tmem_entry_link(struct tmem_pool *pool, void *e);
void tmem_entry_unlink(struct tmem_pool *pool, void *e);
void tmem_entry_touch(struct tmem_pool *pool, void *e);
/*
 * Frame for a page of pool (locked), evicting if needed; see tmem.c.
 * NULL: no memory.
 */
struct page_info *tmem_frame_alloc(struct tmem_pool *pool, bool *evicted,
                                   bool freeable, bool capped);
/*
 * Evict the pool owner's own pages until it is under its cap: false if
 * it cannot be.  Caller holds pool->lock.
 */
bool tmem_cap_room(struct tmem_pool *pool);
/*
 * Evict one ephemeral page (any pool, this one too) and free it: false
 * if there was none to evict.  Caller holds pool->lock.
 */
bool tmem_evict_for_alloc(struct tmem_pool *pool);
struct tmem_object *tmem_page_insert(struct tmem_pool *pool,
                                     const struct tmem_op *op, void *e,
                                     struct tmem_object *obj);

/* tmem_data.c: compression, TZE, dedup. */
void tmem_data_init(void);
bool tmem_data_wanted(const struct tmem_client *c,
                      const struct tmem_pool *pool);
long tmem_data_put(struct tmem_client *c, struct tmem_pool *pool,
                   const struct tmem_op *op, struct tmem_object *obj,
                   void *old);
long tmem_data_get(struct tmem_client *c, struct tmem_pool *pool,
                   const struct tmem_op *op, struct tmem_page *tp);
void tmem_data_page_free(struct tmem_pool *pool, struct tmem_page *tp);
void tmem_page_account(struct tmem_client *c, const struct tmem_page *tp,
                       int sign, bool global);
void tmem_pool_free_work(struct tmem_pool *pool);

/* tmem_pool.c: clients and pools. */
struct tmem_client *tmem_client_get(struct domain *d);
struct tmem_client *tmem_client_find(domid_t domid);
struct tmem_pool *tmem_pool_get_locked(struct tmem_client *c, uint32_t id);
void tmem_pool_flush_all(struct tmem_pool *pool);
long tmem_new_pool(struct tmem_client *c, const struct tmem_op *op);
long tmem_destroy_pool(struct tmem_client *c, uint32_t id);

/* tmem_control.c: control domain operations. */
long tmem_control(const struct tmem_op *op);
long tmem_auth(const struct tmem_op *op);

#endif /* XEN_COMMON_TMEM_PRIVATE_H */
