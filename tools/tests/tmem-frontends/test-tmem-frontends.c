/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest-side frontend (tools/libs/tmem) against the hypervisor, from
 * several domains at once:
 *
 *  - the object ids, indexes and flags it builds, against a recording
 *    transport (no hypervisor);
 *  - a cleancache workload and a frontswap workload in every one of 3
 *    domUs, 6 vCPU threads at once, more pages than memory holds: every
 *    page a get returns is checked against a shadow copy (an ephemeral
 *    miss is fine, a hit that should not be or wrong data never is; a
 *    stored swap page must always load);
 *  - a v0 frontend, which must run as if tmem were off.
 *
 * TMEM_FRONTENDS_SEED=<n> reruns the workloads with another seed.  The
 * randomized stress of raw ops is test-tmem-stress.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"
#include "../tmem/tmem-util.h"
#include "../../libs/tmem/tmem-frontend.h"

#define NR_DOMS         3
#define FIRST_DOM       1               /* domains 1..3 */
#define DOM_V0          4
#define NPAGES          (TU_BUF_PAGES + 16)
#define GUEST_BASE      0x40000000ULL

#include "../tmem/tmem-check.h"

/* Data pages of vCPU slot k of a domain: a source and a target. */
#define SRC_GFN(k)      (TU_BUF_PAGES + 2 * (k))
#define DST_GFN(k)      (TU_BUF_PAGES + 2 * (k) + 1)

static uint64_t base_seed = 1;

/* --- transports ----------------------------------------------------------- */

static long hosted_call(void *ctx, const struct tmem_op *op)
{
    (void)ctx;
    return tu_op(op);
}

static uint64_t hosted_page_to_gfn(void *ctx, uint64_t page)
{
    (void)ctx;
    return (page - GUEST_BASE) >> 12;
}

static const struct tmem_transport hosted_transport = {
    .call = hosted_call,
    .page_to_gfn = hosted_page_to_gfn,
};

/* Records every op; answers with 'answer'. */
#define MAX_RECORDED    32
struct recorder {
    struct tmem_op ops[MAX_RECORDED];
    unsigned int nr;
    long answer;
};

static long record_call(void *ctx, const struct tmem_op *op)
{
    struct recorder *r = ctx;

    if ( r->nr < MAX_RECORDED )
        r->ops[r->nr] = *op;
    r->nr++;
    return r->answer;
}

static uint64_t record_page_to_gfn(void *ctx, uint64_t page)
{
    (void)ctx;
    return page / 4096 + 0x1000;
}

/* --- oids, indexes and flags ---------------------------------------------- */

static struct recorder rec;
static struct tmem_frontend rec_fe;
static const struct tmem_op *const rec_op = &rec.ops[0];

/* A frontend of spec 'version' on the recorder, which answers 'answer'. */
static void recording(unsigned int version, long answer)
{
    static const struct tmem_transport t = {
        record_call, record_page_to_gfn, &rec,
    };

    memset(&rec, 0, sizeof(rec));
    rec.answer = answer;
    tmem_frontend_init(&rec_fe, &t, version);
}

static void test_frontend_pool_flags(void)
{
    static const uint8_t uuid[16] = { 0x10, 0x11, 0x12, 0x13, 0x14, 0x15,
                                      0x16, 0x17, 0x20, 0x21, 0x22, 0x23,
                                      0x24, 0x25, 0x26, 0x27 };

    recording(TMEM_SPEC_VERSION, 3);
    check_eq(tmem_cleancache_init_fs(&rec_fe, 4096), 3);
    check_eq(rec_op->cmd, TMEM_NEW_POOL);
    check_eq(rec_op->u.creat.flags, 0x01000000);
    check_eq(rec_op->u.creat.uuid[0] | rec_op->u.creat.uuid[1], 0);
    rec.nr = 0;
    check_eq(tmem_cleancache_init_fs(&rec_fe, 8192), 3);
    check_eq(rec_op->u.creat.flags, 0x01000010);
    rec.nr = 0;
    check(tmem_cleancache_init_fs(&rec_fe, 3000) < 0);
    check_eq(rec.nr, 0);
    /* Shared: uuid[0] is bytes 0..7 little-endian, uuid[1] 8..15. */
    check_eq(tmem_cleancache_init_shared_fs(&rec_fe, uuid, 4096), 3);
    check_eq(rec_op->u.creat.flags, 0x01000002);
    check_eq(rec_op->u.creat.uuid[0], 0x1716151413121110ULL);
    check_eq(rec_op->u.creat.uuid[1], 0x2726252423222120ULL);
    rec.nr = 0;
    rec.answer = 4;
    check_eq(tmem_frontswap_init(&rec_fe, 0), 0);
    check_eq(rec_op->u.creat.flags, 0x01000001);
    check_eq(rec_fe.frontswap_pool, 4);
    check_eq(tmem_frontswap_init(&rec_fe, 1), 0);   /* one pool for all */
    check_eq(rec.nr, 1);
}

static void test_frontend_cleancache_oids(void)
{
    static const uint32_t fh[7] = { 1, 2, 3, 4, 5, 6, 7 };
    struct tmem_cc_key key = tmem_cc_key_ino(0x1122334455667788ULL);

    /* The 24-byte key is the oid; the page index is the index. */
    recording(TMEM_SPEC_VERSION, 1);
    check_eq(tmem_cleancache_put_page(&rec_fe, 3, &key, 77, 0x5000), 0);
    check_eq(rec_op->cmd, TMEM_PUT_PAGE);
    check_eq(rec_op->pool_id, 3);
    check_eq(rec_op->u.gen.oid.oid[0], 0x1122334455667788ULL);
    check_eq(rec_op->u.gen.oid.oid[1] | rec_op->u.gen.oid.oid[2], 0);
    check_eq(rec_op->u.gen.index, 77);
    check_eq(rec_op->u.gen.cmfn, 0x1005);
    check_eq(rec_op->u.gen.tmem_offset | rec_op->u.gen.pfn_offset |
             rec_op->u.gen.len, 0);
    check_eq(tmem_cc_key_fh(&key, fh, 6), 0);
    rec.nr = 0;
    check_eq(tmem_cleancache_get_page(&rec_fe, 3, &key, 5, 0x7000), 0);
    check_eq(rec_op->cmd, TMEM_GET_PAGE);
    check_eq(rec_op->u.gen.oid.oid[0], 0x0000000200000001ULL);
    check_eq(rec_op->u.gen.oid.oid[1], 0x0000000400000003ULL);
    check_eq(rec_op->u.gen.oid.oid[2], 0x0000000600000005ULL);
    check_eq(tmem_cc_key_fh(&key, fh, 7), -1);      /* too long */
    /* An index beyond 32 bits is not cached at all. */
    rec.nr = 0;
    check_eq(tmem_cleancache_put_page(&rec_fe, 3, &key, 1ULL << 32, 0), -1);
    check_eq(tmem_cleancache_get_page(&rec_fe, 3, &key, ~0ULL, 0), -1);
    check_eq(rec.nr, 0);
    check_eq(tmem_cleancache_flush_inode(&rec_fe, 3, &key), 0);
    check_eq(rec_op->cmd, TMEM_FLUSH_OBJECT);
    check_eq(tmem_cleancache_invalidate_fs(&rec_fe, 3), 0);
    check_eq(rec.ops[1].cmd, TMEM_DESTROY_POOL);
    check_eq(rec.ops[1].pool_id, 3);
}

static void test_frontend_frontswap_oids(void)
{
    unsigned int i;

    recording(TMEM_SPEC_VERSION, 4);
    check_eq(tmem_frontswap_init(&rec_fe, 3), 0);
    /* Type and the low 4 offset bits in oid[0]; the rest is the index. */
    rec.nr = 0;
    rec.answer = 1;
    check_eq(tmem_frontswap_store(&rec_fe, 3, 0x12345, 0x9000), 0);
    check_eq(rec_op->pool_id, 4);
    check_eq(rec_op->u.gen.oid.oid[0], 0x35);
    check_eq(rec_op->u.gen.oid.oid[1] | rec_op->u.gen.oid.oid[2], 0);
    check_eq(rec_op->u.gen.index, 0x1234);
    check_eq(rec_op->u.gen.cmfn, 0x1009);
    rec.nr = 0;
    check_eq(tmem_frontswap_store(&rec_fe, 3, 1ULL << 32, 0x9000), -1);
    check_eq(tmem_frontswap_load(&rec_fe, 3, 1ULL << 32, 0x9000), -1);
    check_eq(rec.nr, 0);
    /* swapoff flushes the type's 16 objects. */
    check_eq(tmem_frontswap_invalidate_area(&rec_fe, 2), 0);
    check_eq(rec.nr, 16);
    for ( i = 0; i < 16 && i < rec.nr; i++ )
    {
        check_eq(rec.ops[i].cmd, TMEM_FLUSH_OBJECT);
        check_eq(rec.ops[i].u.gen.oid.oid[0], 0x20 + i);
    }
}

static void test_frontend_results_and_v0(void)
{
    struct tmem_cc_key key = tmem_cc_key_ino(1);

    /* Anything but 1 is a failure or a miss. */
    recording(TMEM_SPEC_VERSION, 0);
    rec_fe.frontswap_pool = 4;
    check_eq(tmem_frontswap_load(&rec_fe, 0, 1, 0), -1);
    rec.answer = -EEMPTY;
    check_eq(tmem_cleancache_get_page(&rec_fe, 3, &key, 1, 0), -1);
    rec.answer = -ENOMEM;
    check_eq(tmem_frontswap_store(&rec_fe, 0, 1, 0), -1);
    rec.answer = -EFROZEN;
    check_eq(tmem_cleancache_put_page(&rec_fe, 3, &key, 1, 0), -1);
    rec.answer = 2;
    check_eq(tmem_cleancache_put_page(&rec_fe, 3, &key, 1, 0), -1);

    /* A v0 frontend puts version 0 in the flags. */
    recording(0, -EPERM);
    check(tmem_cleancache_init_fs(&rec_fe, 4096) < 0);
    check_eq(rec_op->u.creat.flags, 0);
    check_eq(tmem_frontswap_init(&rec_fe, 0), -1);
    check_eq(rec.ops[1].u.creat.flags, TMEM_POOL_PERSIST);
    /* Without a pool nothing more is asked. */
    rec.nr = 0;
    check_eq(tmem_frontswap_store(&rec_fe, 0, 1, 0), -1);
    check_eq(tmem_cleancache_put_page(&rec_fe, -1, &key, 1, 0), -1);
    check_eq(rec.nr, 0);
}

/* --- cleancache workload -------------------------------------------------- */

#define CC_FILES        64
#define CC_PAGES        128             /* per file */
#define CC_OPS          12000

struct cc_page {
    uint32_t version;
    bool in_tmem;                       /* put, not since got/flushed */
};

#define CC_RECENT       512             /* reads favour recent evictions */

struct workload {
    uint32_t dom;
    unsigned int slot;                  /* vCPU slot: its data pages */
    uint64_t seed;
    unsigned int reports;
    uint16_t recent[CC_RECENT][2];      /* (file, page) of recent puts */
    unsigned int nr_recent;
    /* Counters. */
    unsigned long puts, stored, hits, misses, lost, flushes, remounts;
    struct cc_page cc[CC_FILES][CC_PAGES];
};

/* File f's key: inode numbers, and for a third of them a file handle. */
static struct tmem_cc_key cc_key(uint32_t dom, unsigned int f)
{
    struct tmem_cc_key key;

    if ( f % 3 == 2 )
    {
        uint32_t fh[6] = { dom, f, 0, 0, 0xdead0000 + f, dom << 16 };

        tmem_cc_key_fh(&key, fh, 6);
    }
    else
        key = tmem_cc_key_ino(((uint64_t)dom << 32) | f);
    return key;
}

static uint64_t cc_seed(uint32_t dom, unsigned int f, unsigned int p,
                        uint32_t version)
{
    return tu_seed(dom, 0x0cc, f, p, version);
}

static void cc_put(struct workload *w, struct tmem_frontend *fe, int pool,
                   unsigned int f, unsigned int p)
{
    struct cc_page *pg = &w->cc[f][p];
    struct tmem_cc_key key = cc_key(w->dom, f);

    tu_page_fill(SRC_GFN(w->slot), cc_seed(w->dom, f, p, pg->version));
    w->puts++;
    if ( !tmem_cleancache_put_page(fe, pool, &key, p,
                                   tu_gva(SRC_GFN(w->slot))) )
    {
        w->stored++;
        pg->in_tmem = true;
        w->recent[w->nr_recent % CC_RECENT][0] = (uint16_t)f;
        w->recent[w->nr_recent % CC_RECENT][1] = (uint16_t)p;
        w->nr_recent++;
    }
    else if ( pg->in_tmem )
    {
        /* A failed replace: make sure no old copy can come back. */
        tmem_cleancache_flush_page(fe, pool, &key, p);
        pg->in_tmem = false;
    }
}

static void cc_get(struct workload *w, struct tmem_frontend *fe, int pool,
                   unsigned int f, unsigned int p)
{
    struct cc_page *pg = &w->cc[f][p];
    struct tmem_cc_key key = cc_key(w->dom, f);
    uint64_t want = cc_seed(w->dom, f, p, pg->version), found;

    tu_page_fill(DST_GFN(w->slot), ~want);
    if ( tmem_cleancache_get_page(fe, pool, &key, p,
                                  tu_gva(DST_GFN(w->slot))) )
    {
        w->misses++;
        w->lost += pg->in_tmem;         /* evicted */
        pg->in_tmem = false;
        return;
    }
    w->hits++;
    if ( !pg->in_tmem )
        tfail(w->reports, "d%u cleancache: hit on file %u page %u, which "
              "tmem should not have", w->dom, f, p);
    else if ( tu_page_check(DST_GFN(w->slot), want, &found) != 1 )
        tfail(w->reports, "d%u cleancache: file %u page %u v%u: wrong "
              "data (seed %#lx)", w->dom, f, p, pg->version,
              (unsigned long)found);
    pg->in_tmem = false;                /* an exclusive get */
}

/* A read miss, two times in three of a page put lately. */
static void cc_read(struct workload *w, struct tmem_frontend *fe, int pool,
                    unsigned int f, unsigned int p)
{
    if ( w->nr_recent && tu_rnd_below(&w->seed, 3) )
    {
        unsigned int r = tu_rnd_below(&w->seed, w->nr_recent < CC_RECENT ?
                                             w->nr_recent : CC_RECENT);

        f = w->recent[r][0];
        p = w->recent[r][1];
    }
    cc_get(w, fe, pool, f, p);
}

/* The page is written (or the whole file truncated, p == CC_PAGES). */
static void cc_write(struct workload *w, struct tmem_frontend *fe, int pool,
                     unsigned int f, unsigned int p)
{
    struct tmem_cc_key key = cc_key(w->dom, f);
    unsigned int i;

    w->flushes++;
    if ( p < CC_PAGES )
    {
        if ( tmem_cleancache_flush_page(fe, pool, &key, p) )
            tfail(w->reports, "d%u: flush_page failed", w->dom);
        w->cc[f][p].version++;
        w->cc[f][p].in_tmem = false;
        return;
    }
    if ( tmem_cleancache_flush_inode(fe, pool, &key) )
        tfail(w->reports, "d%u: flush_inode failed", w->dom);
    for ( i = 0; i < CC_PAGES; i++ )
    {
        w->cc[f][i].version++;
        w->cc[f][i].in_tmem = false;
    }
}

/* umount and mount: a new pool.  Returns it (< 0: failed). */
static int cc_remount(struct workload *w, struct tmem_frontend *fe, int pool)
{
    unsigned int f, p;

    w->remounts++;
    if ( tmem_cleancache_invalidate_fs(fe, pool) )
        tfail(w->reports, "d%u: invalidate_fs failed", w->dom);
    for ( f = 0; f < CC_FILES; f++ )
        for ( p = 0; p < CC_PAGES; p++ )
            w->cc[f][p].in_tmem = false;
    w->nr_recent = 0;
    pool = tmem_cleancache_init_fs(fe, 4096);
    if ( pool < 0 )
        tfail(w->reports, "d%u: init_fs again: %d", w->dom, pool);
    return pool;
}

static void g_cleancache(void *arg)
{
    struct workload *w = arg;
    struct tmem_frontend fe;
    unsigned int i, f, p, op;
    int pool;

    tmem_frontend_init(&fe, &hosted_transport, TMEM_SPEC_VERSION);
    pool = tmem_cleancache_init_fs(&fe, 4096);
    if ( pool < 0 )
        tfail(w->reports, "d%u: init_fs: %d", w->dom, pool);
    for ( i = 0; i < CC_OPS && pool >= 0; i++ )
    {
        f = tu_rnd_below(&w->seed, CC_FILES);
        p = tu_rnd_below(&w->seed, CC_PAGES);
        op = tu_rnd_below(&w->seed, 1000);
        if ( op < 637 )                 /* evicted from the page cache */
            cc_put(w, &fe, pool, f, p);
        else if ( op < 937 )            /* a read that misses the cache */
            cc_read(w, &fe, pool, f, p);
        else if ( op < 997 )            /* written: the copy is stale */
            cc_write(w, &fe, pool, f, p);
        else if ( op < 999 )            /* truncated */
            cc_write(w, &fe, pool, f, CC_PAGES);
        else if ( tu_rnd_below(&w->seed, 10) == 0 )
            pool = cc_remount(w, &fe, pool);
    }
    if ( pool >= 0 )
        tmem_cleancache_invalidate_fs(&fe, pool);
}

/* --- frontswap workload --------------------------------------------------- */

#define FS_TYPES        2
#define FS_SLOTS        512
#define FS_OPS          6000

struct swap {
    uint32_t dom;
    unsigned int slot;
    uint64_t seed;
    unsigned int reports;
    unsigned long stores, stored, loads, store_failures, invalidates;
    uint32_t gen[FS_TYPES][FS_SLOTS];
    bool stored_at[FS_TYPES][FS_SLOTS];
};

static uint64_t fs_seed(uint32_t dom, unsigned int t, unsigned int o,
                        uint32_t gen)
{
    return tu_seed(dom, 0x5a, t, o, gen);
}

static void fs_load(struct swap *s, struct tmem_frontend *fe, unsigned int t,
                    unsigned int o)
{
    uint64_t want = fs_seed(s->dom, t, o, s->gen[t][o]), found;
    int rc;

    tu_page_fill(DST_GFN(s->slot), ~want);
    rc = tmem_frontswap_load(fe, t, o, tu_gva(DST_GFN(s->slot)));
    s->loads++;
    if ( s->stored_at[t][o] && rc )
        tfail(s->reports, "d%u frontswap: type %u offset %u stored but "
              "the load missed (rc %ld)", s->dom, t, o, fe->last_rc);
    else if ( !s->stored_at[t][o] && !rc )
        tfail(s->reports, "d%u frontswap: type %u offset %u loaded but "
              "never stored", s->dom, t, o);
    else if ( !rc && tu_page_check(DST_GFN(s->slot), want, &found) != 1 )
        tfail(s->reports, "d%u frontswap: type %u offset %u gen %u: "
              "wrong data (seed %#lx)", s->dom, t, o, s->gen[t][o],
              (unsigned long)found);
}

/* Swap out a new generation of (t, o). */
static void fs_store(struct swap *s, struct tmem_frontend *fe, unsigned int t,
                     unsigned int o)
{
    s->gen[t][o]++;
    tu_page_fill(SRC_GFN(s->slot), fs_seed(s->dom, t, o, s->gen[t][o]));
    s->stores++;
    if ( !tmem_frontswap_store(fe, t, o, tu_gva(SRC_GFN(s->slot))) )
    {
        s->stored++;
        s->stored_at[t][o] = true;
        return;
    }
    /* Out of memory is a store's only excuse. */
    if ( fe->last_rc != -ENOMEM )
        tfail(s->reports, "d%u: store: %ld", s->dom, fe->last_rc);
    /* As frontswap does for a failed store over a page. */
    s->store_failures++;
    tmem_frontswap_invalidate_page(fe, t, o);
    s->stored_at[t][o] = false;
}

/* The slot is freed (or, o == FS_SLOTS, the whole type: swapoff). */
static void fs_invalidate(struct swap *s, struct tmem_frontend *fe,
                          unsigned int t, unsigned int o)
{
    s->invalidates++;
    if ( o < FS_SLOTS )
    {
        if ( tmem_frontswap_invalidate_page(fe, t, o) )
            tfail(s->reports, "d%u: invalidate_page: %ld", s->dom,
                  fe->last_rc);
        s->stored_at[t][o] = false;
        return;
    }
    if ( tmem_frontswap_invalidate_area(fe, t) )
        tfail(s->reports, "d%u: invalidate_area: %ld", s->dom, fe->last_rc);
    memset(s->stored_at[t], 0, sizeof(s->stored_at[t]));
}

static void g_frontswap(void *arg)
{
    struct swap *s = arg;
    struct tmem_frontend fe;
    unsigned int i, t, o, op;

    tmem_frontend_init(&fe, &hosted_transport, TMEM_SPEC_VERSION);
    for ( t = 0; t < FS_TYPES; t++ )
        if ( tmem_frontswap_init(&fe, t) )
        {
            tfail(s->reports, "d%u: frontswap init: %ld", s->dom,
                  fe.last_rc);
            return;
        }
    for ( i = 0; i < FS_OPS; i++ )
    {
        t = tu_rnd_below(&s->seed, FS_TYPES);
        o = tu_rnd_below(&s->seed, FS_SLOTS);
        op = tu_rnd_below(&s->seed, 1000);
        if ( op < 450 )                 /* swap out */
            fs_store(s, &fe, t, o);
        else if ( op < 850 )            /* swap in */
            fs_load(s, &fe, t, o);
        else
            fs_invalidate(s, &fe, t, op < 998 ? o : FS_SLOTS);
    }
    /* Everything still stored loads, one last time. */
    for ( t = 0; t < FS_TYPES; t++ )
        for ( o = 0; o < FS_SLOTS; o++ )
            if ( s->stored_at[t][o] )
                fs_load(s, &fe, t, o);
}

/* What the workloads of all domains did, summed. */
struct totals {
    unsigned long stored, lost, hits, loads, stores, fails;
};

static void report_workloads(const struct totals *t, unsigned long free0,
                             long evictions)
{
    printf("  %lu pages free at the start, %ld ephemeral and %ld "
           "persistent pages at the end\n", free0, tu_global_stat("Ec"),
           tu_global_stat("Pc"));
    printf("  cleancache: %lu pages stored, %lu hits, %lu evicted before "
           "their get; frontswap: %lu loads, %lu failed stores; %ld "
           "evictions\n", t->stored, t->hits, t->lost, t->loads, t->fails,
           evictions);
    /*
     * A store may fail for want of memory, but memory here is mostly
     * ephemeral pages, which a persistent put may evict.
     */
    if ( t->fails * 20 > t->stores )
        fail("%lu of %lu frontswap stores failed with -ENOMEM while "
             "memory held evictable ephemeral pages", t->fails, t->stores);
}

static void test_cleancache_and_frontswap_from_three_domains(void)
{
    static struct workload cc[NR_DOMS];
    static struct swap fs[NR_DOMS];
    struct tu_thread tc[NR_DOMS], tf[NR_DOMS];
    struct totals t = { 0 };
    long evictions = tu_global_stat("Et");
    unsigned long free0;
    unsigned int i;

    if ( !doms_up(FIRST_DOM, NR_DOMS) )
        return;
    free0 = tu_free_pages();
    for ( i = 0; i < NR_DOMS; i++ )
    {
        memset(&cc[i], 0, sizeof(cc[i]));
        memset(&fs[i], 0, sizeof(fs[i]));
        cc[i].dom = fs[i].dom = FIRST_DOM + i;
        cc[i].slot = 0;
        fs[i].slot = 1;
        cc[i].seed = base_seed * 1000003 + i * 2 + 1;
        fs[i].seed = base_seed * 1000033 + i * 2 + 2;
        check_eq(tu_start(&tc[i], cc[i].dom, g_cleancache, &cc[i]), 0);
        check_eq(tu_start(&tf[i], fs[i].dom, g_frontswap, &fs[i]), 0);
    }
    for ( i = 0; i < NR_DOMS; i++ )
    {
        check_eq(tu_join(&tc[i]), 0);
        check_eq(tu_join(&tf[i]), 0);
        t.stored += cc[i].stored;
        t.lost += cc[i].lost;
        t.hits += cc[i].hits;
        t.loads += fs[i].loads;
        t.fails += fs[i].store_failures;
        t.stores += fs[i].stores;
    }
    evictions = tu_global_stat("Et") - evictions;
    report_workloads(&t, free0, evictions);
    /* The workloads did what they are for. */
    check(t.hits > 100);
    check(t.loads > 1000);
    check(evictions > 0);
    check(t.lost > 0);
    check_counters();
    check_eq(hosted_heap_audit(), 0);
    doms_down(FIRST_DOM, NR_DOMS);
}

/* --- a v0 guest ----------------------------------------------------------- */

struct v0_result {
    int cc_pool, fs_init;
    int puts, gets, stores, loads, flushes;
    long init_rc, raw_rc;
    unsigned long skipped;
};

static void g_v0(void *arg)
{
    struct v0_result *v = arg;
    struct tmem_frontend fe;
    struct tmem_cc_key key = tmem_cc_key_ino(42);
    xen_tmem_oid_t oid = tu_oid(42, 0, 0);
    unsigned int i;

    tmem_frontend_init(&fe, &hosted_transport, 0);
    v->cc_pool = tmem_cleancache_init_fs(&fe, 4096);
    v->init_rc = fe.last_rc;
    v->fs_init = tmem_frontswap_init(&fe, 0);
    for ( i = 0; i < 100; i++ )
    {
        tu_page_fill(SRC_GFN(0), i);
        v->puts += !tmem_cleancache_put_page(&fe, v->cc_pool, &key, i,
                                             tu_gva(SRC_GFN(0)));
        v->gets += !tmem_cleancache_get_page(&fe, v->cc_pool, &key, i,
                                             tu_gva(DST_GFN(0)));
        v->stores += !tmem_frontswap_store(&fe, 0, i, tu_gva(SRC_GFN(0)));
        v->loads += !tmem_frontswap_load(&fe, 0, i, tu_gva(DST_GFN(0)));
        v->flushes += !tmem_cleancache_flush_page(&fe, v->cc_pool, &key, i);
        v->flushes += !tmem_frontswap_invalidate_page(&fe, 0, i);
    }
    v->flushes += !tmem_cleancache_flush_inode(&fe, v->cc_pool, &key);
    v->flushes += !tmem_frontswap_invalidate_area(&fe, 0);
    v->flushes += !tmem_cleancache_invalidate_fs(&fe, v->cc_pool);
    v->skipped = fe.stats.skipped;
    /* Asking anyway, for pool 0: still refused. */
    v->raw_rc = tmem_frontend_op(&fe, TMEM_PUT_PAGE, 0, &oid, 0,
                                 tu_gva(SRC_GFN(0)));
}

/* A v1 guest's frontswap, meanwhile, works. */
static void g_v1_swap(void *arg)
{
    int *ok = arg;
    struct tmem_frontend fe;

    tmem_frontend_init(&fe, &hosted_transport, TMEM_SPEC_VERSION);
    tu_page_fill(SRC_GFN(0), 99);
    *ok = !tmem_frontswap_init(&fe, 0) &&
          !tmem_frontswap_store(&fe, 0, 7, tu_gva(SRC_GFN(0))) &&
          !tmem_frontswap_load(&fe, 0, 7, tu_gva(DST_GFN(0))) &&
          tu_page_check(DST_GFN(0), 99, NULL) == 1;
}

static void test_v0_frontend_runs_as_if_tmem_were_off(void)
{
    struct v0_result v = { 0 };
    struct tu_thread t0, t1;
    int v1_ok = 0;

    if ( !check_eq(tu_domain_create(DOM_V0, NPAGES, 0), 0) )
        return;
    if ( !check_eq(tu_domain_create(FIRST_DOM, NPAGES, 0), 0) )
    {
        tu_domain_destroy(DOM_V0);
        return;
    }
    check_eq(tu_start(&t0, DOM_V0, g_v0, &v), 0);
    check_eq(tu_start(&t1, FIRST_DOM, g_v1_swap, &v1_ok), 0);
    check_eq(tu_join(&t0), 0);
    check_eq(tu_join(&t1), 0);
    check(v.cc_pool < 0);
    check_eq(v.init_rc, -EPERM);
    check_eq(v.fs_init, -1);
    check_eq(v.puts, 0);
    check_eq(v.gets, 0);
    check_eq(v.stores, 0);
    check_eq(v.loads, 0);
    check_eq(v.flushes, 0);
    check(v.skipped >= 400);            /* no hypercall without a pool */
    check_eq(v.raw_rc, -EPERM);
    check_eq(tu_client_stat(DOM_V0, "Ec"), 0);
    check_eq(tu_client_stat(DOM_V0, "Pc"), 0);
    check(v1_ok);
    check_eq(tu_client_stat(FIRST_DOM, "Pc"), 1);
    check_eq(tu_domain_destroy(DOM_V0), 0);
    check_eq(tu_domain_destroy(FIRST_DOM), 0);
    check_eq(hosted_heap_audit(), 0);
}

int main(void)
{
    const char *s = getenv("TMEM_FRONTENDS_SEED");

    if ( s && *s )
        base_seed = strtoull(s, NULL, 0);
    printf("  seed %lu (TMEM_FRONTENDS_SEED)\n", (unsigned long)base_seed);
    if ( tu_open("mem=24M dom0_mem=8M tmem", 120) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    RUN_TEST(test_frontend_pool_flags);
    RUN_TEST(test_frontend_cleancache_oids);
    RUN_TEST(test_frontend_frontswap_oids);
    RUN_TEST(test_frontend_results_and_v0);
    RUN_TEST(test_cleancache_and_frontswap_from_three_domains);
    RUN_TEST(test_v0_frontend_runs_as_if_tmem_were_off);
    xc_interface_close(tu_xch);
    return harness_report();
}
