/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem-cleancache: the cleancache frontend (tools/libs/tmem/) in a real
 * ring-3 dom0, over __HYPERVISOR_tmem_op.  It plays a page cache: files
 * (inodes) of pages whose contents derive from (inode, index,
 * generation), so every page that comes back can be recomputed and is
 * checked byte for byte.  An ephemeral pool may miss at any time; it may
 * never return wrong or stale data.
 *
 *   1. put NR_INODES x PAGES_PER_INODE distinct pages, get them all back
 *      (a get from a private ephemeral pool is exclusive: the copy goes);
 *   2. put them again, overwrite one inode with a new generation, flush
 *      some inodes and single pages: those must miss, the others hit or
 *      miss but never show the flushed or the old generation;
 *   3. a v0 frontend (spec version 0): refused, it runs as "tmem off"
 *      (puts fail, gets miss, no crash); the refusal disables tmem for
 *      the whole domain, so the v1 pool must now miss too.  Last, since
 *      it cannot be undone.
 *
 * With tmem off in the hypervisor (-ENODEV on pool creation) the test
 * reports SKIP.
 */

#include "guest.h"
#include "tmem-frontend.h"
#include "tmem-transport.h"

#define NR_INODES           8
#define PAGES_PER_INODE     512
#define NR_BUFS             4
#define MAX_FAIL_MSGS       10

/* Page-aligned pages in .bss: the frames tmem copies from and to. */
static uint8_t bufs[NR_BUFS][GUEST_PAGE_SIZE]
    __attribute__((aligned(GUEST_PAGE_SIZE)));

static unsigned int fail_msgs;

/* --- page contents ------------------------------------------------------- */

static uint64_t page_word(uint64_t ino, uint64_t index, unsigned int gen,
                          unsigned int w)
{
    return guest_mix64((ino << 40) ^ (index << 12) ^ ((uint64_t)gen << 60) ^
                       w);
}

static void fill_page(uint8_t *page, uint64_t ino, uint64_t index,
                      unsigned int gen)
{
    uint64_t *p = (uint64_t *)page;
    unsigned int w;

    for ( w = 0; w < GUEST_PAGE_SIZE / 8; w++ )
        p[w] = page_word(ino, index, gen, w);
}

/*
 * Check every byte of 'page' against (ino, index, gen).  Returns true if
 * it matches; otherwise reports the first bad byte as a failure.
 */
static bool verify_page(const uint8_t *page, uint64_t ino, uint64_t index,
                        unsigned int gen)
{
    const uint64_t *p = (const uint64_t *)page;
    unsigned int w, b;

    for ( w = 0; w < GUEST_PAGE_SIZE / 8; w++ )
    {
        uint64_t want = page_word(ino, index, gen, w);

        if ( p[w] == want )
            continue;
        for ( b = 0; b < 8; b++ )
            if ( (uint8_t)(p[w] >> (b * 8)) != (uint8_t)(want >> (b * 8)) )
                break;
        if ( fail_msgs++ < MAX_FAIL_MSGS )
            guest_failure("Fail: inode %lu page %lu gen %u: byte %u is "
                          "%#x, expected %#x\n", (unsigned long)ino,
                          (unsigned long)index, gen, w * 8 + b,
                          (uint8_t)(p[w] >> (b * 8)),
                          (uint8_t)(want >> (b * 8)));
        else
            guest_failure(NULL);
        return false;
    }
    return true;
}

/* --- the page cache ------------------------------------------------------ */

struct counts {
    unsigned long stored, put_failed, hits, misses;
};

static uint64_t va(unsigned int buf)
{
    return (uint64_t)(unsigned long)bufs[buf];
}

static void put_inode(struct tmem_frontend *fe, int pool, uint64_t ino,
                      unsigned int gen, struct counts *c)
{
    struct tmem_cc_key key = tmem_cc_key_ino(ino);
    uint64_t i;

    for ( i = 0; i < PAGES_PER_INODE; i++ )
    {
        fill_page(bufs[0], ino, i, gen);
        if ( !tmem_cleancache_put_page(fe, pool, &key, i, va(0)) )
            c->stored++;
        else
            c->put_failed++;
    }
}

/*
 * Get every page of inode ino.  A hit must hold generation gen (the
 * buffer is poisoned first, so a hit that copied nothing shows too).
 * With must_miss, any hit is a failure (a flushed inode).
 */
static void get_inode(struct tmem_frontend *fe, int pool, uint64_t ino,
                      unsigned int gen, bool must_miss, struct counts *c)
{
    struct tmem_cc_key key = tmem_cc_key_ino(ino);
    uint64_t i;

    for ( i = 0; i < PAGES_PER_INODE; i++ )
    {
        memset(bufs[1], 0xa5, GUEST_PAGE_SIZE);
        if ( tmem_cleancache_get_page(fe, pool, &key, i, va(1)) )
        {
            c->misses++;
            continue;
        }
        c->hits++;
        if ( must_miss && fail_msgs++ < MAX_FAIL_MSGS )
            guest_failure("Fail: inode %lu page %lu: hit after flush\n",
                          (unsigned long)ino, (unsigned long)i);
        else if ( must_miss )
            guest_failure(NULL);
        else
            verify_page(bufs[1], ino, i, gen);
    }
}

static void report(const char *what, const struct counts *c)
{
    printk("cleancache %s: %lu stored, %lu put failed, %lu hits, "
           "%lu misses\n", what, c->stored, c->put_failed, c->hits,
           c->misses);
}

/* 1: everything in, everything out. */
static void test_put_get(struct tmem_frontend *fe, int pool)
{
    struct counts c = { 0 };
    uint64_t ino;

    for ( ino = 1; ino <= NR_INODES; ino++ )
        put_inode(fe, pool, ino, 0, &c);
    for ( ino = 1; ino <= NR_INODES; ino++ )
        get_inode(fe, pool, ino, 0, false, &c);
    report("round 1", &c);
    if ( !c.hits )
        guest_failure("Fail: tmem returned none of %lu stored pages\n",
                      c.stored);
    /* Exclusive gets: the first round emptied the pool. */
    c = (struct counts){ 0 };
    get_inode(fe, pool, 1, 0, true, &c);
    printk("cleancache exclusive get: %lu hits, %lu misses on a re-read\n",
           c.hits, c.misses);
}

/*
 * 2: inodes 1..NR_INODES again; inode 2 rewritten as generation 1;
 * inodes 3 and 5 flushed whole; page 7 of inode 4 flushed alone.
 */
static void test_flush(struct tmem_frontend *fe, int pool)
{
    struct counts c = { 0 }, f = { 0 };
    struct tmem_cc_key key;
    uint64_t ino;

    for ( ino = 1; ino <= NR_INODES; ino++ )
        put_inode(fe, pool, ino, 0, &c);
    put_inode(fe, pool, 2, 1, &c);
    key = tmem_cc_key_ino(3);
    if ( tmem_cleancache_flush_inode(fe, pool, &key) )
        guest_failure("Fail: flush inode 3: %ld\n", fe->last_rc);
    key = tmem_cc_key_ino(5);
    if ( tmem_cleancache_flush_inode(fe, pool, &key) )
        guest_failure("Fail: flush inode 5: %ld\n", fe->last_rc);
    key = tmem_cc_key_ino(4);
    if ( tmem_cleancache_flush_page(fe, pool, &key, 7) )
        guest_failure("Fail: flush inode 4 page 7: %ld\n", fe->last_rc);

    memset(bufs[1], 0xa5, GUEST_PAGE_SIZE);
    if ( !tmem_cleancache_get_page(fe, pool, &key, 7, va(1)) )
        guest_failure("Fail: inode 4 page 7: hit after flush\n");
    for ( ino = 1; ino <= NR_INODES; ino++ )
        get_inode(fe, pool, ino, ino == 2, ino == 3 || ino == 5,
                  ino == 3 || ino == 5 ? &f : &c);
    report("round 2", &c);
    report("flushed inodes", &f);
    if ( !c.hits )
        guest_failure("Fail: round 2: no hits at all\n");
}

/* 3: a v0 guest is "tmem off"; afterwards the whole domain is. */
static void test_v0(struct tmem_frontend *fe, int pool)
{
    struct tmem_frontend old;
    struct tmem_cc_key key = tmem_cc_key_ino(1);
    int old_pool;

    put_inode(fe, pool, 1, 0, &(struct counts){ 0 });
    tmem_frontend_init(&old, &guest_tmem_transport, 0);
    old_pool = tmem_cleancache_init_fs(&old, GUEST_PAGE_SIZE);
    printk("cleancache v0: pool creation returned %d\n", old_pool);
    if ( old_pool >= 0 || old.last_rc != -XEN_EPERM )
        guest_failure("Fail: v0 pool: %d (rc %ld), expected -EPERM\n",
                      old_pool, old.last_rc);
    fill_page(bufs[0], 1, 0, 0);
    if ( !tmem_cleancache_put_page(&old, old_pool, &key, 0, va(0)) )
        guest_failure("Fail: v0 put stored a page\n");
    if ( !tmem_cleancache_get_page(&old, old_pool, &key, 0, va(1)) )
        guest_failure("Fail: v0 get hit\n");
    if ( old.stats.skipped != 2 )
        guest_failure("Fail: v0: %lu ops skipped, expected 2\n",
                      old.stats.skipped);

    /* The domain lost tmem: its v1 pool refuses everything now. */
    if ( !tmem_cleancache_get_page(fe, pool, &key, 0, va(1)) ||
         fe->last_rc != -XEN_EPERM )
        guest_failure("Fail: v1 get after v0: rc %ld, expected -EPERM\n",
                      fe->last_rc);
    if ( !tmem_cleancache_put_page(fe, pool, &key, 0, va(0)) ||
         fe->last_rc != -XEN_EPERM )
        guest_failure("Fail: v1 put after v0: rc %ld, expected -EPERM\n",
                      fe->last_rc);
    printk("cleancache v0: runs as tmem off (puts fail, gets miss)\n");
}

const char test_title[] = "tmem-cleancache: cleancache frontend, every "
                          "page verified, flushes, v0 as tmem off";

void test_main(void)
{
    struct tmem_frontend fe;
    int pool;

    tmem_frontend_init(&fe, &guest_tmem_transport, TMEM_SPEC_VERSION);
    pool = tmem_cleancache_init_fs(&fe, GUEST_PAGE_SIZE);
    if ( pool < 0 && fe.last_rc == -XEN_ENODEV )
    {
        guest_skip("tmem is off in the hypervisor (-ENODEV): no "
                   "cleancache\n");
        return;
    }
    if ( pool < 0 )
    {
        guest_failure("Fail: cleancache pool: %d (rc %ld)\n", pool,
                      fe.last_rc);
        return;
    }
    printk("cleancache: pool %d, %u inodes x %u pages\n", pool,
           NR_INODES, PAGES_PER_INODE);
    test_put_get(&fe, pool);
    test_flush(&fe, pool);
    test_v0(&fe, pool);
    printk("cleancache totals: %lu puts (%lu stored), %lu gets (%lu hits), "
           "%lu flushes\n", fe.stats.puts, fe.stats.puts_stored,
           fe.stats.gets, fe.stats.gets_hit, fe.stats.flushes);
    guest_success(NULL);
}
