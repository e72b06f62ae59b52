/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A randomized stress of raw tmem ops from 6 vCPU threads in 3 domains
 * at once: puts, gets, page and object flushes, private pools destroyed
 * and re-created under the other thread's feet, a pool shared by all
 * three domains, garbage arguments, and now and then a domain's death
 * and rebirth, with memory short so that eviction and -ENOMEM happen.
 *
 * Pages carry their own name, so every hit is checked without a shadow
 * copy: it must be whole and be the page asked for.  After every round
 * the heap and claims audit must pass and LIST's global counters must
 * be the sums of its per-client ones.
 *
 * TMEM_STRESS_SEED=<n> reruns it with another seed.
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

#define NR_DOMS         3
#define FIRST_DOM       1               /* domains 1..3 */
#define NPAGES          (TU_BUF_PAGES + 16)

#include "../tmem/tmem-check.h"

/* Data pages of vCPU slot k of a domain: a source and a target. */
#define SRC_GFN(k)      (TU_BUF_PAGES + 2 * (k))
#define DST_GFN(k)      (TU_BUF_PAGES + 2 * (k) + 1)

static uint64_t base_seed = 1;

#define ST_THREADS      2               /* per domain */
#define ST_ROUNDS       50
#define ST_OPS          500
#define ST_OIDS         8
#define ST_INDEXES      256
#define ST_SHARED_LO    0x5eed
#define ST_SHARED_HI    0xc0ffee

/*
 * Pages carry their own name: word 0 a magic, 1 the pool identity, 2
 * the oid word, 3 the index, 4 a nonce; the rest derives from those.
 * A get checks the page is whole and names what was asked for.
 */
#define ST_MAGIC        0x5354524553530000ULL

static void st_fill(uint64_t *w, uint64_t ident, uint64_t oid, uint32_t idx,
                    uint64_t nonce)
{
    uint64_t s = ident * 31 + oid * 131 + idx * 1031 + nonce;
    size_t i;

    w[0] = ST_MAGIC;
    w[1] = ident;
    w[2] = oid;
    w[3] = idx;
    w[4] = nonce;
    for ( i = 5; i < TU_PAGE_SIZE / 8; i++ )
        w[i] = tu_rnd(&s) | 1;
}

struct stress {
    uint32_t dom;
    unsigned int slot;
    bool manager;                       /* destroys and re-creates pools */
    uint64_t seed;
    unsigned int reports;
    unsigned long ops, hits, stored;
};

/* The identity a page of pool slot 'pool' in dom carries. */
static uint64_t st_ident(uint32_t dom, int pool)
{
    return pool == 2 ? 0x5ead : ((uint64_t)dom << 8) | (unsigned int)pool;
}

static bool rc_in(long rc, const long *ok, unsigned int n)
{
    while ( n-- )
        if ( rc == ok[n] )
            return true;
    return false;
}

/* One random op on (pool, oid0, idx) of s's domain. */
struct st_target {
    int pool;
    uint64_t oid0;
    xen_tmem_oid_t oid;
    uint32_t idx;
};

static void st_put(struct stress *s, const struct st_target *t)
{
    static const long ok[] = { 1, -ENODEV, -ENOMEM };
    uint64_t page[TU_PAGE_SIZE / 8];
    long rc;

    st_fill(page, st_ident(s->dom, t->pool), t->oid0, t->idx,
            tu_rnd(&s->seed));
    hosted_buf_write(tu_gva(SRC_GFN(s->slot)), page, sizeof(page));
    rc = tu_put(t->pool, t->oid, t->idx, SRC_GFN(s->slot));
    s->stored += rc == 1;
    if ( !rc_in(rc, ok, 3) )
        tfail(s->reports, "d%u: put -> %ld", s->dom, rc);
}

/* A hit must be a whole page naming what was asked for. */
static void st_get(struct stress *s, const struct st_target *t)
{
    static const long ok[] = { 1, 0, -EEMPTY, -ENODEV };
    uint64_t page[TU_PAGE_SIZE / 8], want[TU_PAGE_SIZE / 8];
    long rc;

    memset(page, 0, sizeof(page));
    hosted_buf_write(tu_gva(DST_GFN(s->slot)), page, sizeof(page));
    rc = tu_get(t->pool, t->oid, t->idx, DST_GFN(s->slot));
    if ( !rc_in(rc, ok, 4) )
        tfail(s->reports, "d%u: get -> %ld", s->dom, rc);
    if ( rc != 1 )
        return;
    s->hits++;
    hosted_buf_read(page, tu_gva(DST_GFN(s->slot)), sizeof(page));
    st_fill(want, page[1], page[2], (uint32_t)page[3], page[4]);
    if ( memcmp(page, want, sizeof(page)) )
        tfail(s->reports, "d%u: pool %d oid %lu index %u: a torn or "
              "corrupt page", s->dom, t->pool, (unsigned long)t->oid0,
              t->idx);
    else if ( page[1] != st_ident(s->dom, t->pool) || page[2] != t->oid0 ||
              page[3] != t->idx )
        tfail(s->reports, "d%u: pool %d oid %lu index %u: got the page of "
              "%#lx/%lu/%lu", s->dom, t->pool, (unsigned long)t->oid0,
              t->idx, (unsigned long)page[1], (unsigned long)page[2],
              (unsigned long)page[3]);
}

/* Garbage: each must get its error and change nothing. */
static void st_garbage(struct stress *s, const struct st_target *t)
{
    struct tmem_op bad;
    long rc;

    memset(&bad, 0, sizeof(bad));
    bad.cmd = TMEM_PUT_PAGE + tu_rnd_below(&s->seed, 2);
    bad.pool_id = (int32_t)tu_rnd(&s->seed);
    bad.u.gen.oid = tu_oid(~0ULL, ~0ULL, ~0ULL);
    bad.u.gen.cmfn = tu_rnd(&s->seed);
    rc = tu_op(&bad);
    if ( rc != -EINVAL )
        tfail(s->reports, "d%u: all-ones oid -> %ld", s->dom, rc);
    rc = tu_put(t->pool, t->oid, t->idx,
                NPAGES + tu_rnd_below(&s->seed, 1000));
    if ( rc != -EFAULT && rc != -ENODEV && rc != -ENOMEM )
        tfail(s->reports, "d%u: put from a hole -> %ld", s->dom, rc);
    rc = tu_get(16 + tu_rnd_below(&s->seed, 1000), t->oid, t->idx,
                DST_GFN(s->slot));
    if ( rc != -ENODEV )
        tfail(s->reports, "d%u: get from pool >= 16 -> %ld", s->dom, rc);
}

/* Destroy a private pool and make it again (same kind, same slot). */
static void st_recreate(struct stress *s, int pool)
{
    long rc = tu_destroy_pool(pool);

    if ( rc != 1 )
        tfail(s->reports, "d%u: destroy pool %d -> %ld", s->dom, pool, rc);
    rc = tu_new_pool(pool ? TU_PERS : TU_EPH, 0, 0);
    if ( rc != pool )
        tfail(s->reports, "d%u: re-created pool %d as %ld", s->dom, pool,
              rc);
}

static void st_one(struct stress *s)
{
    static const long flush_ok[] = { 1, -ENODEV };
    unsigned int op = tu_rnd_below(&s->seed, 100);
    struct st_target t;
    long rc;

    t.pool = (int)tu_rnd_below(&s->seed, 3);
    t.idx = tu_rnd_below(&s->seed, ST_INDEXES);
    t.oid0 = tu_rnd_below(&s->seed, ST_OIDS);
    t.oid = tu_oid(t.oid0, 0, 0);
    s->ops++;
    if ( op < 45 )
        st_put(s, &t);
    else if ( op < 80 )
        st_get(s, &t);
    else if ( op < 92 )
    {
        rc = op < 88 ? tu_flush_page(t.pool, t.oid, t.idx)
                     : tu_flush_object(t.pool, t.oid);
        if ( !rc_in(rc, flush_ok, 2) )
            tfail(s->reports, "d%u: flush -> %ld", s->dom, rc);
    }
    else if ( op < 96 )
        st_garbage(s, &t);
    else if ( s->manager && t.pool < 2 )
        st_recreate(s, t.pool);
}

static void g_stress(void *arg)
{
    struct stress *s = arg;
    unsigned int i;

    for ( i = 0; i < ST_OPS; i++ )
        st_one(s);
}

/* Each domain's fixed pools: 0 private ephemeral, 1 persistent, 2 shared. */
static void g_stress_pools(void *arg)
{
    long *rc = arg;

    rc[0] = tu_new_pool(TU_EPH, 0, 0);
    rc[1] = tu_new_pool(TU_PERS, 0, 0);
    rc[2] = tu_new_pool(TU_SHARED, ST_SHARED_LO, ST_SHARED_HI);
}

static bool stress_pools(uint32_t dom)
{
    long rc[3] = { -1, -1, -1 };

    check_eq(tu_run(dom, g_stress_pools, rc), 0);
    return check_eq(rc[0], 0) & check_eq(rc[1], 1) & check_eq(rc[2], 2);
}

static void test_randomized_stress_with_audits(void)
{
    static struct stress st[NR_DOMS][ST_THREADS];
    struct tu_thread t[NR_DOMS][ST_THREADS];
    unsigned long ops = 0, hits = 0, stored = 0;
    unsigned int r, d, k, deaths = 0;
    uint64_t seed = base_seed * 7919;

    if ( !doms_up(FIRST_DOM, NR_DOMS) )
        return;
    for ( d = 0; d < NR_DOMS; d++ )
        if ( !stress_pools(FIRST_DOM + d) )
        {
            doms_down(FIRST_DOM, NR_DOMS);
            return;
        }
    for ( r = 0; r < ST_ROUNDS; r++ )
    {
        for ( d = 0; d < NR_DOMS; d++ )
            for ( k = 0; k < ST_THREADS; k++ )
            {
                struct stress *s = &st[d][k];

                memset(s, 0, sizeof(*s));
                s->dom = FIRST_DOM + d;
                s->slot = k;
                s->manager = k == 0;
                s->seed = tu_rnd(&seed) | 1;
                check_eq(tu_start(&t[d][k], s->dom, g_stress, s), 0);
            }
        for ( d = 0; d < NR_DOMS; d++ )
            for ( k = 0; k < ST_THREADS; k++ )
            {
                check_eq(tu_join(&t[d][k]), 0);
                ops += st[d][k].ops;
                hits += st[d][k].hits;
                stored += st[d][k].stored;
            }
        /* After every round: heap, claims and tmem counters agree. */
        if ( hosted_heap_audit() )
            fail("round %u: the heap audit failed", r);
        check_counters();
        /* Now and then a domain dies and comes back. */
        if ( tu_rnd_below(&seed, 4) == 0 )
        {
            d = tu_rnd_below(&seed, NR_DOMS);
            deaths++;
            check_eq(tu_domain_destroy(FIRST_DOM + d), 0);
            check_eq(hosted_heap_audit(), 0);
            check_counters();
            if ( !check_eq(tu_domain_create(FIRST_DOM + d, NPAGES, 0), 0) ||
                 !stress_pools(FIRST_DOM + d) )
                break;
        }
    }
    printf("  %u rounds, %lu ops, %lu pages stored, %lu hits, %u domain "
           "deaths\n", r, ops, stored, hits, deaths);
    check(hits > 0);
    doms_down(FIRST_DOM, NR_DOMS);
}

int main(void)
{
    const char *s = getenv("TMEM_STRESS_SEED");

    if ( s && *s )
        base_seed = strtoull(s, NULL, 0);
    printf("  seed %lu (TMEM_STRESS_SEED)\n", (unsigned long)base_seed);
    if ( tu_open("mem=24M dom0_mem=8M tmem", 120) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    RUN_TEST(test_randomized_stress_with_audits);
    xc_interface_close(tu_xch);
    return harness_report();
}
