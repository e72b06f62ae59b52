/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem-frontswap: the frontswap frontend (tools/libs/tmem/) in a real
 * ring-3 dom0, over __HYPERVISOR_tmem_op.  It plays a swap device: slots
 * (type, offset) whose contents derive from (type, offset, generation),
 * so every page that comes back is checked byte for byte.  A store that
 * returned 0 is a promise: the page must load, correct, until it is
 * invalidated.  A store may fail only with -ENOMEM, and then the page
 * must be reported failed (the kernel writes it to disk), never lost
 * silently: its slot must miss.
 *
 *   1. store NR_SLOTS pages of type 0 and load each back (twice: loads
 *      from a persistent pool are not exclusive);
 *   2. invalidate every fourth slot: those miss, the rest still hit;
 *   3. overwrite some slots with a new generation: only it comes back;
 *   4. fill type 1 until -ENOMEM (the hypervisor's heap is empty): every
 *      type-0 page and every filled page still loads correctly, as
 *      persistent pages are never evicted; an overwrite still succeeds
 *      when the heap is empty (it needs no memory);
 *   5. invalidate both areas: everything misses, and stores work again.
 *
 * With tmem off in the hypervisor (-ENODEV on pool creation) the test
 * reports SKIP.
 */

#include "guest.h"
#include "tmem-frontend.h"
#include "tmem-transport.h"

#define NR_SLOTS            2048
#define FILL_MAX            (1UL << 20)     /* far beyond a test's RAM */
#define NR_BUFS             2
#define MAX_FAIL_MSGS       10

/* Page-aligned pages in .bss: the frames tmem copies from and to. */
static uint8_t bufs[NR_BUFS][GUEST_PAGE_SIZE]
    __attribute__((aligned(GUEST_PAGE_SIZE)));

/* Generation of each type-0 slot; -1: not in tmem (failed/invalidated). */
static int slot_gen[NR_SLOTS];

static unsigned int fail_msgs;

/* --- page contents ------------------------------------------------------- */

static uint64_t page_word(unsigned int type, uint64_t offset,
                          unsigned int gen, unsigned int w)
{
    return guest_mix64(((uint64_t)type << 56) ^ ((uint64_t)gen << 48) ^
                       (offset << 12) ^ w);
}

static void fill_page(uint8_t *page, unsigned int type, uint64_t offset,
                      unsigned int gen)
{
    uint64_t *p = (uint64_t *)page;
    unsigned int w;

    for ( w = 0; w < GUEST_PAGE_SIZE / 8; w++ )
        p[w] = page_word(type, offset, gen, w);
}

/* A failure message, at most MAX_FAIL_MSGS of them printed. */
static void fail(const char *what, unsigned int type, uint64_t offset,
                 long rc)
{
    if ( fail_msgs++ < MAX_FAIL_MSGS )
        guest_failure("Fail: %s: type %u offset %lu (rc %ld)\n", what,
                      type, (unsigned long)offset, rc);
    else
        guest_failure(NULL);
}

/*
 * Check every byte of 'page' against (type, offset, gen).  Returns true
 * if it matches; otherwise reports the first bad byte as a failure.
 */
static bool verify_page(const uint8_t *page, unsigned int type,
                        uint64_t offset, unsigned int gen)
{
    const uint64_t *p = (const uint64_t *)page;
    unsigned int w, b;

    for ( w = 0; w < GUEST_PAGE_SIZE / 8; w++ )
    {
        uint64_t want = page_word(type, offset, gen, w);

        if ( p[w] == want )
            continue;
        for ( b = 0; b < 8; b++ )
            if ( (uint8_t)(p[w] >> (b * 8)) != (uint8_t)(want >> (b * 8)) )
                break;
        if ( fail_msgs++ < MAX_FAIL_MSGS )
            guest_failure("Fail: type %u offset %lu gen %u: byte %u is "
                          "%#x, expected %#x\n", type, (unsigned long)offset,
                          gen, w * 8 + b, (uint8_t)(p[w] >> (b * 8)),
                          (uint8_t)(want >> (b * 8)));
        else
            guest_failure(NULL);
        return false;
    }
    return true;
}

/* --- the swap device ----------------------------------------------------- */

static uint64_t va(unsigned int buf)
{
    return (uint64_t)(unsigned long)bufs[buf];
}

/*
 * Store (type, offset, gen).  Returns 0 if stored, -XEN_ENOMEM if tmem
 * refused for memory (the page goes to disk), and reports any other
 * result as a failure (returning it).
 */
static long store(struct tmem_frontend *fe, unsigned int type,
                  uint64_t offset, unsigned int gen)
{
    fill_page(bufs[0], type, offset, gen);
    if ( !tmem_frontswap_store(fe, type, offset, va(0)) )
        return 0;
    if ( fe->last_rc != -XEN_ENOMEM )
        fail("store refused, not for memory", type, offset, fe->last_rc);
    return fe->last_rc;
}

/*
 * Load (type, offset): gen >= 0 must hit with that generation, gen < 0
 * must miss.  Returns true if it hit.
 */
static bool load(struct tmem_frontend *fe, unsigned int type,
                 uint64_t offset, int gen)
{
    memset(bufs[1], 0xa5, GUEST_PAGE_SIZE);
    if ( tmem_frontswap_load(fe, type, offset, va(1)) )
    {
        if ( gen >= 0 )
            fail("stored page lost", type, offset, fe->last_rc);
        return false;
    }
    if ( gen < 0 )
        fail("load hit a page not stored", type, offset, fe->last_rc);
    else
        verify_page(bufs[1], type, offset, gen);
    return true;
}

/* Load every type-0 slot as slot_gen[] says; returns the hits. */
static unsigned long load_slots(struct tmem_frontend *fe)
{
    unsigned long hits = 0;
    unsigned int i;

    for ( i = 0; i < NR_SLOTS; i++ )
        hits += load(fe, 0, i, slot_gen[i]);
    return hits;
}

/* 1: store and load back, twice. */
static void test_store_load(struct tmem_frontend *fe)
{
    unsigned long stored = 0, failed = 0, hits;
    unsigned int i;

    for ( i = 0; i < NR_SLOTS; i++ )
    {
        slot_gen[i] = store(fe, 0, i, 0) ? -1 : 0;
        if ( slot_gen[i] < 0 )
            failed++;
        else
            stored++;
    }
    hits = load_slots(fe);
    printk("frontswap: %lu stored, %lu failed (-ENOMEM), %lu loaded back\n",
           stored, failed, hits);
    hits = load_slots(fe);
    printk("frontswap: second load: %lu hits (loads are not exclusive)\n",
           hits);
}

/* 2 and 3: invalidate every fourth slot; overwrite the first 16. */
static void test_invalidate_overwrite(struct tmem_frontend *fe)
{
    unsigned long invalidated = 0;
    unsigned int i;

    for ( i = 3; i < NR_SLOTS; i += 4 )
    {
        if ( tmem_frontswap_invalidate_page(fe, 0, i) )
            fail("invalidate", 0, i, fe->last_rc);
        slot_gen[i] = -1;
        invalidated++;
    }
    for ( i = 0; i < 16; i++ )
        if ( slot_gen[i] >= 0 )
            slot_gen[i] = store(fe, 0, i, 1) ? -1 : 1;
    printk("frontswap: %lu invalidated, 16 overwritten; %lu hits after\n",
           invalidated, load_slots(fe));
}

/* 4: fill type 1 until -ENOMEM; nothing persistent may be lost. */
static void test_fill(struct tmem_frontend *fe)
{
    unsigned long n, i, hits = 0;
    long rc = 0;

    for ( n = 0; n < FILL_MAX; n++ )
    {
        rc = store(fe, 1, n, 2);
        if ( rc )
            break;
    }
    printk("frontswap fill: %lu pages stored, then rc %ld\n", n, rc);
    if ( rc != -XEN_ENOMEM )
    {
        guest_failure("Fail: fill ended with rc %ld, not -ENOMEM\n", rc);
        return;
    }
    /* Full: the next new page fails too, and is not stored. */
    if ( store(fe, 1, n + 1, 2) != -XEN_ENOMEM )
        guest_failure("Fail: a store succeeded on a full heap\n");
    load(fe, 1, n, -1);
    load(fe, 1, n + 1, -1);

    /* Replacing a stored page needs no memory. */
    if ( slot_gen[0] >= 0 )
    {
        if ( store(fe, 0, 0, 3) )
            guest_failure("Fail: overwrite on a full heap refused\n");
        else
            slot_gen[0] = 3;
    }
    printk("frontswap full: %lu of %u earlier slots still load correctly\n",
           load_slots(fe), NR_SLOTS);
    for ( i = 0; i < n; i++ )
        hits += load(fe, 1, i, 2);
    printk("frontswap full: %lu of %lu filled pages load correctly\n", hits,
           n);
}

/* 5: swapoff of both types. */
static void test_invalidate_area(struct tmem_frontend *fe)
{
    unsigned int i;

    if ( tmem_frontswap_invalidate_area(fe, 1) ||
         tmem_frontswap_invalidate_area(fe, 0) )
        guest_failure("Fail: invalidate_area: rc %ld\n", fe->last_rc);
    for ( i = 0; i < NR_SLOTS; i++ )
        slot_gen[i] = -1;
    if ( load_slots(fe) || load(fe, 1, 0, -1) )
        return;
    if ( store(fe, 1, 0, 4) )
        guest_failure("Fail: store after invalidate_area refused\n");
    else
        load(fe, 1, 0, 4);
    printk("frontswap: areas invalidated, all miss, stores work again\n");
}

const char test_title[] = "tmem-frontswap: frontswap frontend, every page "
                          "verified, invalidation, full heap";

void test_main(void)
{
    struct tmem_frontend fe;

    tmem_frontend_init(&fe, &guest_tmem_transport, TMEM_SPEC_VERSION);
    if ( tmem_frontswap_init(&fe, 0) )
    {
        if ( fe.last_rc == -XEN_ENODEV )
            guest_skip("tmem is off in the hypervisor (-ENODEV): no "
                       "frontswap\n");
        else
            guest_failure("Fail: frontswap pool: rc %ld\n", fe.last_rc);
        return;
    }
    printk("frontswap: pool %d, %u slots\n", fe.frontswap_pool, NR_SLOTS);
    test_store_load(&fe);
    test_invalidate_overwrite(&fe);
    test_fill(&fe);
    test_invalidate_area(&fe);
    printk("frontswap totals: %lu stores (%lu stored), %lu loads (%lu hits), "
           "%lu flushes\n", fe.stats.puts, fe.stats.puts_stored,
           fe.stats.gets, fe.stats.gets_hit, fe.stats.flushes);
    guest_success(NULL);
}
