/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem's optional page transformations: compression (tmem_compress, the
 * default of each client's flag, changed by TMEMC_SET_COMPRESS),
 * trailing-zero elimination (tmem_tze) and deduplication (tmem_dedup).
 *
 * A page stored through here is a descriptor (struct tmem_page) on the
 * same radix trees and LRU/persistent lists as a plain frame.  Its data
 * (struct tmem_data, from xmalloc) is an lz stream, the page's leading
 * bytes up to its last non-zero 8-byte word (TZE), or a whole frame (a
 * page kept raw because dedup shares it); an all-zero page under TZE
 * stores nothing.  A page that neither compresses nor trims and is not
 * deduplicated stays a plain frame.
 *
 * Sizes: xmalloc serves sizes up to 2048 bytes from power-of-two slab
 * classes and anything bigger with whole pages, so data (with its header)
 * is only worth storing if it fits 2048 bytes, and compression only wins
 * over TZE when it lands in a smaller class.
 *
 * Dedup is per client and for private ephemeral pools only: a client's
 * tree (client->dedup_lock) holds its data by a seeded content hash, at
 * most one per hash value, and a candidate is compared in full before it
 * is shared.  Data is immutable while shared; refs count descriptors.
 * Data not in a tree has one descriptor and is protected by its pool's
 * lock.  Memory is never allocated with dedup_lock or tmem_lru_lock held.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/lz.h>
#include <xen/mm.h>
#include <xen/page-hash.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/tmem.h>
#include <xen/xmalloc.h>

#include "tmem-private.h"

bool opt_tmem_compress;
boolean_param("tmem_compress", opt_tmem_compress);

bool opt_tmem_tze;
boolean_param("tmem_tze", opt_tmem_tze);

bool opt_tmem_dedup;
boolean_param("tmem_dedup", opt_tmem_dedup);

static uint64_t dedup_seed;             /* secret per boot; set at init */

/* Stored data of one or (dedup) several pages. */
struct tmem_data {
    struct rb_node node;        /* in the owner's dedup tree if hashed */
    uint64_t hash;              /* page_hash64 of the page, if hashed */
    unsigned int refs;          /* descriptors using it */
    uint16_t len;               /* bytes[] used (LZ, TZE) */
    uint8_t kind;               /* TMEM_DK_LZ, TMEM_DK_TZE, TMEM_DK_FRAME */
    bool hashed;                /* in a dedup tree (fixed once linked) */
    struct page_info *frame;    /* TMEM_DK_FRAME: the page */
    uint8_t bytes[];
};

/* The biggest xmalloc slab object; bigger takes whole pages. */
#define DATA_ALLOC_MAX      XMALLOC_NATURAL_ALIGN_MAX
#define DATA_MAX_LEN        (DATA_ALLOC_MAX - sizeof(struct tmem_data))

/* Per-pool scratch (pool->work), used under the pool lock. */
struct tmem_work {
    uint8_t page[PAGE_SIZE];    /* the page being put */
    uint8_t out[PAGE_SIZE];     /* compressor output, decoded pages */
    uint16_t wrk[LZ_WRKMEM / sizeof(uint16_t)];
};

#define STAT_INC(x)     __atomic_fetch_add(&(x), 1, __ATOMIC_RELAXED)

/* --- Set-up and policy ------------------------------------------------- */

/* splitmix64: spreads a weak seed (boot time, addresses) over 64 bits. */
static uint64_t mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

void tmem_data_init(void)
{
    dedup_seed = mix64((uint64_t)NOW() ^ mix64((uintptr_t)&dedup_seed) ^
                       mix64((uintptr_t)frame_table + max_page));
    printk(XENLOG_INFO "tmem: compress %s, tze %s, dedup %s\n",
           opt_tmem_compress ? "on" : "off", opt_tmem_tze ? "on" : "off",
           opt_tmem_dedup ? "on (per client, ephemeral pools)" : "off");
}

/* Does this pool deduplicate?  Private ephemeral pools only. */
static bool pool_dedups(const struct tmem_pool *pool)
{
    return opt_tmem_dedup && !pool->persistent && !pool->shared;
}

bool tmem_data_wanted(const struct tmem_client *c,
                      const struct tmem_pool *pool)
{
    return READ_ONCE(c->compress) || opt_tmem_tze || pool_dedups(pool);
}

/* xmalloc's footprint for a datum of len bytes (its size class). */
static size_t data_alloc_size(size_t len)
{
    size_t sz = 16, want = sizeof(struct tmem_data) + len;

    while ( sz < want )
        sz <<= 1;
    return sz;
}

/* The pool's scratch, allocated on first use.  NULL: no memory. */
static struct tmem_work *work_get(struct tmem_pool *pool)
{
    ASSERT(spin_is_locked(&pool->lock));
    if ( !pool->work )
        pool->work = xmalloc(struct tmem_work);
    return pool->work;
}

void tmem_pool_free_work(struct tmem_pool *pool)
{
    xfree(pool->work);
    pool->work = NULL;
}

/*
 * xmalloc with eviction: if the heap has nothing, evict an ephemeral
 * page (this pool's too, whose lock we hold) and retry, at most
 * TMEM_MAX_EVICTS times.  Caller holds pool->lock only.
 */
static void *small_alloc(struct tmem_pool *pool, size_t size)
{
    unsigned int tries;
    void *p;

    for ( tries = 0; ; tries++ )
    {
        if ( (p = xmalloc_bytes(size)) != NULL )
            return p;
        if ( tries == TMEM_MAX_EVICTS || !tmem_evict_for_alloc(pool) )
            return NULL;
    }
}

/* --- Accounting --------------------------------------------------------- */

void tmem_page_account(struct tmem_client *c, const struct tmem_page *tp,
                       int sign, bool global)
{
    const struct tmem_data *d = tp->data;
    struct tmem_global_stats *g = &tmem_gstats;

    ASSERT(spin_is_locked(&tmem_lru_lock));
    if ( tp->kind == TMEM_DK_LZ )
    {
        c->comp_pages += sign;
        c->comp_bytes += sign * (long)d->len;
    }
    if ( !global )
        return;
    g->comp_pages += tp->kind == TMEM_DK_LZ ? sign : 0;
    g->tze_pages += tp->kind == TMEM_DK_TZE ? sign : 0;
    g->zero_pages += tp->kind == TMEM_DK_ZERO ? sign : 0;
    g->shared_pages += d && d->hashed ? sign : 0;
}

/* A datum appears (sign 1) or goes (-1).  Takes tmem_lru_lock. */
static void data_account(const struct tmem_data *d, int sign)
{
    struct tmem_global_stats *g = &tmem_gstats;

    spin_lock(&tmem_lru_lock);
    g->data_objs += sign;
    g->data_frames += d->kind == TMEM_DK_FRAME ? sign : 0;
    g->comp_bytes += d->kind == TMEM_DK_LZ ? sign * (long)d->len : 0;
    g->tze_bytes += d->kind == TMEM_DK_TZE ? sign * (long)d->len : 0;
    spin_unlock(&tmem_lru_lock);
}

/* --- Data --------------------------------------------------------------- */

/*
 * The page d holds: decoded into out, or (TMEM_DK_FRAME) the frame
 * itself.  NULL if an lz stream does not decode to exactly one page (an
 * internal error: the data was written by lz_compress()).
 */
static const void *data_page(const struct tmem_data *d, uint8_t *out)
{
    if ( !d )
    {
        memset(out, 0, PAGE_SIZE);
        return out;
    }
    switch ( d->kind )
    {
    case TMEM_DK_FRAME:
        return page_to_virt(d->frame);
    case TMEM_DK_TZE:
        memcpy(out, d->bytes, d->len);
        memset(out + d->len, 0, PAGE_SIZE - d->len);
        return out;
    default:
        if ( lz_decompress(d->bytes, d->len, out, PAGE_SIZE) != PAGE_SIZE )
            return NULL;
        return out;
    }
}

/* Does d hold exactly the page w->page?  Uses w->out. */
static bool data_equal(const struct tmem_data *d, struct tmem_work *w)
{
    const void *p;

    if ( d->kind == TMEM_DK_TZE )
        return !memcmp(d->bytes, w->page, d->len) &&
               !tze_len(w->page + d->len, PAGE_SIZE - d->len);
    p = data_page(d, w->out);
    return p && !memcmp(p, w->page, PAGE_SIZE);
}

/* Free a datum nobody uses (not in a tree).  No tmem lock needed. */
static void data_free(struct tmem_data *d)
{
    data_account(d, -1);
    if ( d->kind == TMEM_DK_FRAME )
        tmem_frame_free(d->frame);
    xfree(d);
}

/* Drop one reference to d (NULL: none); the last one frees it. */
static void data_put(struct tmem_pool *pool, struct tmem_data *d)
{
    struct tmem_client *c = pool->owner;
    bool last;

    ASSERT(spin_is_locked(&pool->lock));
    if ( !d )
        return;
    if ( !d->hashed )
    {
        ASSERT(d->refs == 1);
        data_free(d);
        return;
    }
    spin_lock(&c->dedup_lock);
    last = --d->refs == 0;
    if ( last )
        rb_erase(&d->node, &c->dedup);
    spin_unlock(&c->dedup_lock);
    if ( last )
        data_free(d);
}

/*
 * In c's tree: the datum with this hash, or the link to put one at.
 * Caller holds c->dedup_lock.
 */
static struct tmem_data *dedup_lookup(struct tmem_client *c, uint64_t hash,
                                      struct rb_node **parent,
                                      struct rb_node ***link)
{
    struct rb_node **p = &c->dedup.rb_node, *par = NULL;

    ASSERT(spin_is_locked(&c->dedup_lock));
    while ( *p )
    {
        struct tmem_data *d = rb_entry(*p, struct tmem_data, node);

        if ( d->hash == hash )
            return d;
        par = *p;
        p = hash < d->hash ? &par->rb_left : &par->rb_right;
    }
    *parent = par;
    *link = p;
    return NULL;
}

/*
 * Share c's datum equal to w->page (hash 'hash'): returns it with a new
 * reference, or NULL if there is none.  Takes c->dedup_lock.
 */
static struct tmem_data *dedup_find(struct tmem_client *c,
                                    struct tmem_work *w, uint64_t hash)
{
    struct rb_node *parent, **link;
    struct tmem_data *d;

    spin_lock(&c->dedup_lock);
    d = dedup_lookup(c, hash, &parent, &link);
    if ( d && data_equal(d, w) )
        d->refs++;
    else
        d = NULL;
    spin_unlock(&c->dedup_lock);
    return d;
}

/*
 * Offer new datum d (one reference, the page w->page) to c's tree.
 * Returns d (now in the tree, or left out if an unequal datum has the
 * same hash) or an equal datum another put added meanwhile, with a new
 * reference: then the caller frees d.  Takes c->dedup_lock.
 */
static struct tmem_data *dedup_insert(struct tmem_client *c,
                                      struct tmem_data *d,
                                      struct tmem_work *w)
{
    struct rb_node *parent, **link;
    struct tmem_data *old, *ret = d;

    spin_lock(&c->dedup_lock);
    old = dedup_lookup(c, d->hash, &parent, &link);
    if ( old && data_equal(old, w) )
    {
        old->refs++;
        ret = old;
    }
    else if ( !old )
    {
        d->hashed = true;
        rb_link_node(&d->node, parent, link);
        rb_insert_color(&d->node, &c->dedup);
    }
    spin_unlock(&c->dedup_lock);
    return ret;
}

/* --- Building a stored page ------------------------------------------- */

/*
 * How to store w->page for client c: *kind, and for LZ and TZE *len
 * (LZ output left in w->out).  TMEM_DK_FRAME means "raw".  TZE wins ties:
 * compression must land in a smaller xmalloc class to be chosen, since
 * decoding it costs more.
 */
static void choose_kind(const struct tmem_client *c, struct tmem_work *w,
                        uint8_t *kind, size_t *len)
{
    size_t n, cap = DATA_MAX_LEN, clen;

    *kind = TMEM_DK_FRAME;
    *len = PAGE_SIZE;
    if ( opt_tmem_tze )
    {
        n = ROUNDUP(tze_len(w->page, PAGE_SIZE), 8);
        if ( !n )
        {
            *kind = TMEM_DK_ZERO;
            *len = 0;
            return;
        }
        if ( n <= DATA_MAX_LEN )
        {
            *kind = TMEM_DK_TZE;
            *len = n;
            cap = data_alloc_size(n) / 2;
            cap = cap > sizeof(struct tmem_data) ?
                  cap - sizeof(struct tmem_data) : 0;
        }
    }
    if ( !READ_ONCE(c->compress) || !cap )
        return;
    clen = lz_compress(w->page, PAGE_SIZE, w->out, cap, w->wrk);
    if ( clen )
    {
        *kind = TMEM_DK_LZ;
        *len = clen;
    }
    else if ( *kind == TMEM_DK_FRAME )
        STAT_INC(tmem_gstats.comp_poor);
}

/*
 * A new datum (one reference, not in a tree) holding w->page as kind
 * (not ZERO) with len bytes.  NULL: no memory.  Caller holds pool->lock.
 */
static struct tmem_data *data_new(struct tmem_pool *pool,
                                  struct tmem_work *w, uint8_t kind,
                                  size_t len)
{
    bool frame = kind == TMEM_DK_FRAME, evicted;
    struct tmem_data *d = small_alloc(pool, sizeof(*d) + (frame ? 0 : len));

    if ( !d )
        return NULL;
    d->hash = 0;
    d->refs = 1;
    d->kind = kind;
    d->hashed = false;
    d->len = frame ? 0 : len;
    d->frame = NULL;
    if ( frame )
    {
        /* Shared data is not freeable memory: not a plain page. */
        d->frame = tmem_frame_alloc(pool, &evicted, false, false);
        if ( !d->frame )
        {
            xfree(d);
            return NULL;
        }
        memcpy(page_to_virt(d->frame), w->page, PAGE_SIZE);
    }
    else
        memcpy(d->bytes, kind == TMEM_DK_LZ ? w->out : w->page, len);
    data_account(d, 1);
    return d;
}

/*
 * The put as a plain frame (w: the page is in w->page, else still in
 * the guest).  Over a plain page 'old', its frame is reused in place.
 * Returns 0 with *ep (== old when reused), -EFAULT or -ENOMEM.
 */
static long build_plain(struct tmem_client *c, struct tmem_pool *pool,
                        const struct tmem_op *op, struct tmem_work *w,
                        void *old, void **ep)
{
    bool reuse = old && tmem_entry_is_frame(old), evicted;
    struct page_info *pg = reuse ? old : NULL;

    if ( !pg )
        pg = tmem_frame_alloc(pool, &evicted, !pool->persistent, false);
    if ( !pg )
        return -ENOMEM;
    if ( w )
        memcpy(page_to_virt(pg), w->page, PAGE_SIZE);
    else if ( copy_from_gfn(page_to_virt(pg), c->d, _gfn(op->u.gen.cmfn)) )
    {
        if ( !reuse )
            tmem_frame_free(pg);
        return -EFAULT;
    }
    *ep = pg;
    return 0;
}

/*
 * The datum for w->page in a pool that deduplicates, or that a new
 * datum (kind/len, made here) replaced: an equal one found first.
 * *dp: the datum (NULL for ZERO).  Returns 0 or -ENOMEM.
 */
static long dedup_data(struct tmem_pool *pool, struct tmem_work *w,
                       uint64_t hash, uint8_t *kind, size_t len,
                       struct tmem_data **dp)
{
    struct tmem_data *d = data_new(pool, w, *kind, len), *shared;

    if ( !d )
        return -ENOMEM;
    d->hash = hash;
    shared = dedup_insert(pool->owner, d, w);
    if ( shared != d )
    {
        data_free(d);                   /* another put added it */
        STAT_INC(tmem_gstats.dedup_hits);
        *kind = shared->kind;
    }
    *dp = shared;
    return 0;
}

/*
 * A new, unlinked entry holding the page the put names, stored as the
 * client's options say; 'old' is the (pinned) entry it replaces, or
 * NULL.  Returns 0 with *ep (== old: written into old's frame in place),
 * -EFAULT (nothing changed) or -ENOMEM.  Caller holds pool->lock.
 */
static long build_entry(struct tmem_client *c, struct tmem_pool *pool,
                        const struct tmem_op *op, void *old, void **ep)
{
    struct tmem_work *w = tmem_data_wanted(c, pool) ? work_get(pool) : NULL;
    bool dedup = pool_dedups(pool);
    struct tmem_data *d = NULL;
    struct tmem_page *tp;
    uint64_t hash = 0;
    uint8_t kind;
    size_t len;

    if ( !w )
        return build_plain(c, pool, op, NULL, old, ep);
    if ( copy_from_gfn(w->page, c->d, _gfn(op->u.gen.cmfn)) )
        return -EFAULT;
    if ( dedup )
    {
        hash = page_hash64(w->page, PAGE_SIZE, dedup_seed);
        d = dedup_find(pool->owner, w, hash);
    }
    if ( d )
    {
        kind = d->kind;
        STAT_INC(tmem_gstats.dedup_hits);
    }
    else
    {
        choose_kind(c, w, &kind, &len);
        if ( kind == TMEM_DK_FRAME && !dedup )
            return build_plain(c, pool, op, w, old, ep);
        if ( kind != TMEM_DK_ZERO &&
             (dedup ? dedup_data(pool, w, hash, &kind, len, &d)
                    : !(d = data_new(pool, w, kind, len))) )
            return build_plain(c, pool, op, w, old, ep);
    }
    tp = small_alloc(pool, sizeof(*tp));
    if ( !tp )
    {
        data_put(pool, d);
        return build_plain(c, pool, op, w, old, ep);
    }
    tp->kind = kind;
    tp->data = d;
    *ep = tp;
    return 0;
}

/* --- Put and get -------------------------------------------------------- */

/* Name entry e as page (obj, index) of pool. */
static void entry_set(struct tmem_pool *pool, void *e,
                      struct tmem_object *obj, uint32_t index)
{
    uint16_t flags = pool->persistent ? 0 : TMEM_PF_EPHEMERAL;

    if ( tmem_entry_is_frame(e) )
    {
        struct page_info *pg = e;

        pg->tmem_obj = obj;
        pg->tmem_index = index;
        pg->tmem_flags = flags;
    }
    else
    {
        struct tmem_page *tp = e;

        tp->obj = obj;
        tp->index = index;
        tp->flags = flags;
    }
}

/*
 * Keep e out of eviction's reach (off the LRU) while a put replaces it;
 * eviction finds pages only there.  unpin puts it back, at the MRU end.
 */
static void entry_pin(struct tmem_pool *pool, void *e, bool pin)
{
    if ( !(tmem_entry_flags(e) & TMEM_PF_EPHEMERAL) )
        return;
    spin_lock(&tmem_lru_lock);
    if ( pin )
        list_del(e);
    else
        list_add_tail(e, &pool->owner->eph_lru);
    spin_unlock(&tmem_lru_lock);
}

/* Put new entry e in old's radix slot, and free old.  pool->lock held. */
static void entry_replace(struct tmem_pool *pool, struct tmem_object *obj,
                          void *old, void *e)
{
    uint32_t index = tmem_entry_index(old);

    entry_set(pool, e, obj, index);
    radix_tree_replace(&obj->pages, index, e);
    entry_pin(pool, old, false);
    tmem_entry_unlink(pool, old);
    tmem_entry_free(pool, old);
    tmem_entry_link(pool, e);
}

/*
 * TMEM_PUT_PAGE through the options (or over a descriptor): store the
 * page afresh and, over an existing page 'old', swap it in under the
 * pool lock, so a get sees the old data or the new, and never the old
 * once this has returned 1.  If the new data finds no memory, the old
 * page is flushed and -ENOMEM returned (the guest keeps its page, and no
 * get can return the stale version); a bad cmfn (-EFAULT) leaves old
 * as it was.  A new page that finds no memory is -ENOMEM, with nothing
 * stored.  Caller holds pool->lock and checked the frozen state.
 */
long tmem_data_put(struct tmem_client *c, struct tmem_pool *pool,
                   const struct tmem_op *op, struct tmem_object *obj,
                   void *old)
{
    void *e = NULL;
    long rc = -ENOMEM;

    ASSERT(spin_is_locked(&pool->lock));
    if ( old )
        entry_pin(pool, old, true);
    else if ( !tmem_cap_room(pool) )
        goto fail;
    rc = build_entry(c, pool, op, old, &e);
    if ( rc )
        goto fail;
    if ( old )
    {
        if ( e == old )
            entry_pin(pool, old, false);
        else
            entry_replace(pool, obj, old, e);
        obj->last_client = c->domid;
        return 1;
    }
    /* Eviction while building may have freed obj: look it up again. */
    obj = tmem_page_insert(pool, op, e, NULL);
    if ( !obj )
    {
        tmem_entry_free(pool, e);
        goto fail;
    }
    entry_set(pool, e, obj, op->u.gen.index);
    tmem_entry_link(pool, e);
    obj->last_client = c->domid;
    pool->nr_pages++;
    pool->stats.good_puts++;
    return 1;

 fail:
    if ( old )
    {
        entry_pin(pool, old, false);
        if ( rc == -ENOMEM )
        {
            tmem_page_remove(obj, old);
            tmem_entry_free(pool, old);
        }
    }
    if ( rc == -ENOMEM )
        pool->stats.no_mem_puts++;
    return rc;
}

/*
 * TMEM_GET_PAGE of descriptor tp: decode into the pool's scratch (or use
 * the shared frame) and copy to the guest, all under the pool lock; in a
 * private ephemeral pool the page then leaves tmem.  Returns 1, -EFAULT,
 * or -EIO when the stored data does not decode to one page (an internal
 * error, logged; no wrong data reaches the guest).
 */
long tmem_data_get(struct tmem_client *c, struct tmem_pool *pool,
                   const struct tmem_op *op, struct tmem_page *tp)
{
    const void *p = pool->work ? data_page(tp->data, pool->work->out)
                               : NULL;
    int rc;

    ASSERT(spin_is_locked(&pool->lock));
    if ( p )
        rc = copy_to_gfn(c->d, _gfn(op->u.gen.cmfn), p);
    else
    {
        STAT_INC(tmem_gstats.data_errors);
        printk(XENLOG_ERR "tmem: d%u: stored page %u does not decode\n",
               c->domid, tp->index);
        rc = -EIO;
    }
    if ( !pool->persistent && !pool->shared )
    {
        tmem_page_remove(tp->obj, tp);
        tmem_data_page_free(pool, tp);
    }
    else if ( !rc && pool->shared )
        tmem_entry_touch(pool, tp);
    return rc ? rc : 1;
}

void tmem_data_page_free(struct tmem_pool *pool, struct tmem_page *tp)
{
    data_put(pool, tp->data);
    xfree(tp);
}
