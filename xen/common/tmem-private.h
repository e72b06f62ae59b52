/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem's internal structures, shared by tmem.c (pools, objects, pages,
 * the data ops) and tmem_control.c (control ops, auth, statistics).
 *
 * Lock order (outer first):
 *   tmem_global_lock -> client->lock -> pool->lock -> tmem_lru_lock
 *   -> (d->p2m.lock for guest copies) -> heap_lock.
 * Eviction starts from the LRU side and so only ever *tries* a pool lock.
 */
#ifndef XEN_COMMON_TMEM_PRIVATE_H
#define XEN_COMMON_TMEM_PRIVATE_H

#include <xen/list.h>
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

/* Flags of a frame holding tmem data (page_info.tmem_flags). */
#define TMEM_PF_EPHEMERAL       1U

struct page_info;
struct tmem_client;

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
};

struct tmem_client {
    domid_t domid;
    struct domain *d;
    spinlock_t lock;                /* protects pools[] */
    struct tmem_pool *pools[MAX_POOLS_PER_DOMAIN];

    /* Protected by tmem_lru_lock. */
    struct list_head lru_link;      /* on tmem_clients */
    struct list_head eph_lru;       /* ephemeral frames, oldest first */
    unsigned long eph_pages, pers_pages;

    /* Set by control ops; read without locks (single words). */
    unsigned int weight;
    unsigned long cap;              /* max pages, 0 = none */
    bool frozen;
    bool bad_version;               /* created a pool with spec != 1 */

    /* Shared-pool uuids dom0 allowed (tmem_shared_auth).  Global lock. */
    uint64_t shared_auth[MAX_GLOBAL_SHARED_POOLS][2];
};

extern spinlock_t tmem_global_lock;
extern spinlock_t tmem_lru_lock;
extern struct list_head tmem_clients;   /* tmem_lru_lock */
extern bool opt_tmem_shared_auth;

struct tmem_global_stats;
extern struct tmem_global_stats tmem_gstats;  /* counts: tmem_lru_lock */

/* tmem.c: pages, objects, eviction. */
unsigned long tmem_evict_pages(unsigned long nr, bool release);
void tmem_page_remove(struct tmem_object *obj, struct page_info *pg);
void tmem_frame_free(struct page_info *pg);
void tmem_pool_drain_caches(struct tmem_pool *pool);

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
