/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-xmalloc.  Each xm_* function drives the
 * real allocator (xen/common/xmalloc.c) and returns NULL on success or a
 * message saying what went wrong.  Built with the hypervisor's flags and
 * headers, and called from test-xmalloc.c on the libc side.
 *
 * Page accounting is exact because nothing else allocates while a check
 * runs.  Once every object a check took is freed again,
 * total_free_pages() + xmalloc_cached_pages() is back where it started.
 */

#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/xmalloc.h>

#include <asm/page.h>

#include "../common/fixture.h"
#include "xmalloc-fixture.h"


#define MAX_OBJS        8192

struct obj {
    unsigned char *p;
    size_t size;
};

/* Objects held by the single-threaded checks; freed by release_all(). */
static struct obj objs[MAX_OBJS];
static unsigned int nr_objs;

static void release_all(void)
{
    while ( nr_objs )
    {
        nr_objs--;
        xfree(objs[nr_objs].p);
    }
}

/* Free pages, counting the empty slabs xmalloc may keep as free. */
static unsigned long free_pages(void)
{
    return total_free_pages() + xmalloc_cached_pages();
}

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Byte 'off' of object i's fill: differs between objects and offsets. */
static uint8_t pattern(unsigned int i, size_t off)
{
    return (uint8_t)(i * 131 + off * 7 + 1);
}

static void fill(unsigned int i, unsigned char *p, size_t size)
{
    size_t off;

    for ( off = 0; off < size; off++ )
        p[off] = pattern(i, off);
}

static bool intact(unsigned int i, const unsigned char *p, size_t size)
{
    size_t off;

    for ( off = 0; off < size; off++ )
        if ( p[off] != pattern(i, off) )
            return false;
    return true;
}

/* The alignment xmalloc.h promises for a request of 'size' bytes. */
static unsigned long promised_align(size_t size)
{
    if ( size > PAGE_SIZE / 2 )
        return PAGE_SIZE;
    if ( size <= XMALLOC_NATURAL_ALIGN_MAX && !(size & (size - 1)) )
        return size < 8 ? 8 : size;
    return size >= 16 ? 16 : 8;
}

static int cmp_obj(const void *a, const void *b)
{
    const struct obj *x = a, *y = b;

    return x->p < y->p ? -1 : x->p > y->p;
}

/* Sort the held objects by address; no two may overlap. */
static const char *check_disjoint(void)
{
    unsigned int i;

    sort(objs, nr_objs, sizeof(objs[0]), cmp_obj, NULL);
    for ( i = 1; i < nr_objs; i++ )
        CHECK(objs[i - 1].p + objs[i - 1].size <= objs[i].p,
              "objects of %zu and %zu bytes overlap", objs[i - 1].size,
              objs[i].size);
    return NULL;
 fail:
    return fixture_msg;
}

/* Sizes 1..3 pages: all of 1..300, every 7th beyond, and the 2^k +-1. */
static size_t sample_size(unsigned int i)
{
    size_t s;

    if ( i < 300 )
        return i + 1;
    s = 300 + (i - 300) * 7;
    if ( s <= 3 * PAGE_SIZE )
        return s;
    i = (unsigned int)((s - 3 * PAGE_SIZE) / 7);  /* 0, 1, 2, ... */
    s = 16UL << (i / 3);
    return s > 3 * PAGE_SIZE ? 0 : s + (i % 3) - 1;
}

const char *xm_sizes(void)
{
    unsigned long before = free_pages(), used = xmalloc_used_bytes();
    const char *err;
    unsigned int i;
    size_t size;

    for ( i = 0; (size = sample_size(i)) != 0; i++ )
    {
        unsigned char *p = xmalloc_bytes(size);

        CHECK(p, "%zu bytes: allocation failed", size);
        objs[nr_objs].p = p;
        objs[nr_objs].size = size;
        CHECK(!((unsigned long)p & (promised_align(size) - 1)),
              "%zu bytes at %p: not aligned to %lu", size, p,
              promised_align(size));
        fill(nr_objs++, p, size);
    }
    for ( i = 0; i < nr_objs; i++ )
        CHECK(intact(i, objs[i].p, objs[i].size),
              "object %u (%zu bytes) was overwritten", i, objs[i].size);
    err = check_disjoint();
    CHECK(!err, "%s", err);
    CHECK(xmalloc_audit() == 0, "xmalloc audit failed");

    release_all();
    CHECK(xmalloc_used_bytes() == used, "used bytes %zu, expected %lu",
          xmalloc_used_bytes(), used);
    CHECK(free_pages() == before, "free pages %lu, expected %lu",
          free_pages(), before);
    CHECK(!xmalloc_bytes(0), "xmalloc_bytes(0) returned memory");
    xfree(NULL);
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

/* xzalloc zeroes even an object reused dirty from a slab. */
const char *xm_zeroed(void)
{
    static const size_t sizes[] = { 1, 8, 24, 100, 512, 2048, 2049, 9000 };
    unsigned int i, j;

    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        unsigned char *p = xmalloc_bytes(sizes[i]);

        CHECK(p, "%zu bytes: allocation failed", sizes[i]);
        memset(p, 0xff, sizes[i]);
        xfree(p);
        p = xzalloc_bytes(sizes[i]);
        CHECK(p, "%zu bytes: zeroed allocation failed", sizes[i]);
        for ( j = 0; j < sizes[i]; j++ )
            CHECK(!p[j], "%zu bytes: byte %u not zero", sizes[i], j);
        xfree(p);
    }
    return NULL;
 fail:
    return fixture_msg;
}

/* Thousands of live objects of random sizes, churned, never overlap. */
const char *xm_no_overlap(void)
{
    unsigned long before = free_pages(), used = xmalloc_used_bytes();
    uint32_t seed = 12345;
    const char *err;
    unsigned int i, round;

    for ( round = 0; round < 4; round++ )
    {
        while ( nr_objs < 4000 )
        {
            size_t size = rnd(&seed) % 8 ? 1 + rnd(&seed) % 700
                                         : 1 + rnd(&seed) % 6000;

            objs[nr_objs].p = xmalloc_bytes(size);
            CHECK(objs[nr_objs].p, "%zu bytes: allocation failed", size);
            objs[nr_objs].size = size;
            nr_objs++;
        }
        err = check_disjoint();
        CHECK(!err, "%s", err);
        for ( i = 0; i < nr_objs; i++ )
            fill(i, objs[i].p, objs[i].size);
        for ( i = 0; i < nr_objs; i++ )
            CHECK(intact(i, objs[i].p, objs[i].size),
                  "object %u (%zu bytes) was overwritten", i, objs[i].size);

        /* Free a random half, keeping the rest for the next round. */
        for ( i = 0; i < nr_objs; )
        {
            if ( rnd(&seed) & 1 )
            {
                i++;
                continue;
            }
            xfree(objs[i].p);
            objs[i] = objs[--nr_objs];
        }
        CHECK(xmalloc_audit() == 0, "xmalloc audit failed");
    }

    release_all();
    CHECK(xmalloc_used_bytes() == used, "used bytes not restored");
    CHECK(free_pages() == before, "free pages %lu, expected %lu",
          free_pages(), before);
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

/* xmalloc_used_bytes grows by the class size or the whole pages. */
const char *xm_used_bytes(void)
{
    static const struct { size_t size, charged; } cases[] = {
        { 1, 16 }, { 8, 16 }, { 16, 16 }, { 17, 32 }, { 100, 128 },
        { 513, 1024 }, { 2048, 2048 }, { 2049, PAGE_SIZE },
        { PAGE_SIZE, PAGE_SIZE }, { PAGE_SIZE + 1, 2 * PAGE_SIZE },
        { 3 * PAGE_SIZE, 4 * PAGE_SIZE },
    };
    size_t base = xmalloc_used_bytes(), expect = base;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        objs[nr_objs].p = xmalloc_bytes(cases[i].size);
        CHECK(objs[nr_objs++].p, "%zu bytes: allocation failed",
              cases[i].size);
        expect += cases[i].charged;
        CHECK(xmalloc_used_bytes() == expect,
              "after %zu bytes: used %zu, expected %zu", cases[i].size,
              xmalloc_used_bytes(), expect);
    }
    for ( i = ARRAY_SIZE(cases); i-- > 0; )
    {
        xfree(objs[--nr_objs].p);
        expect -= cases[i].charged;
        CHECK(xmalloc_used_bytes() == expect,
              "after freeing %zu bytes: used %zu, expected %zu",
              cases[i].size, xmalloc_used_bytes(), expect);
    }
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

/*
 * Filling 512 slab pages takes 512 pages from the heap (give or take
 * the spare); freeing every object gives back all but at most one
 * cached empty page per class.
 */
const char *xm_pages_returned(void)
{
    unsigned long free0 = total_free_pages(), cached0 = xmalloc_cached_pages();
    unsigned long taken;
    unsigned int i;

    for ( i = 0; i < 1024; i++ )
    {
        objs[nr_objs].p = xmalloc_bytes(2048);
        CHECK(objs[nr_objs++].p, "allocation %u failed", i);
    }
    taken = free0 - total_free_pages();
    CHECK(taken >= 511 && taken <= 512, "%lu pages taken for 512 slabs",
          taken);

    release_all();
    CHECK(xmalloc_cached_pages() <= 8, "%lu pages cached",
          xmalloc_cached_pages());
    CHECK(total_free_pages() + xmalloc_cached_pages() == free0 + cached0,
          "free %lu + cached %lu, expected %lu + %lu", total_free_pages(),
          xmalloc_cached_pages(), free0, cached0);
    CHECK(xmalloc_audit() == 0, "xmalloc audit failed");
    return NULL;
 fail:
    release_all();
    return fixture_msg;
}

const char *xm_array_overflow(void)
{
    void *p;

    CHECK(!xmalloc_array_bytes(SIZE_MAX, 2), "SIZE_MAX * 2 allocated");
    CHECK(!xmalloc_array_bytes(1UL << 32, 1UL << 32), "2^64 allocated");
    CHECK(!xzalloc_array_bytes(3, SIZE_MAX / 2), "3 * SIZE_MAX/2 allocated");
    CHECK(!xmalloc_array(uint64_t, SIZE_MAX / 4), "wrapped array allocated");
    CHECK(!xmalloc_array_bytes(16, 0), "empty array allocated");
    CHECK(!xmalloc_bytes(1UL << 40), "1 TiB allocated");

    p = xzalloc_array(uint64_t, 600);
    CHECK(p, "600 * 8 bytes: allocation failed");
    CHECK(!((uint64_t *)p)[599], "array not zeroed");
    xfree(p);
    return NULL;
 fail:
    return fixture_msg;
}

/*
 * Allocate every size until it fails, largest first, so that the heap
 * and then every class run dry; everything is chained through the
 * objects themselves.  Then nothing more can be had, and freeing it all
 * restores the heap.
 */
const char *xm_exhaustion(void)
{
    static const size_t sizes[] = {
        16 * PAGE_SIZE, PAGE_SIZE, 2048, 1024, 512, 256, 128, 64, 32, 16, 8,
    };
    unsigned long before = free_pages(), used = xmalloc_used_bytes(), n = 0;
    void *chain = NULL, *p;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
        while ( (p = xmalloc_bytes(sizes[i])) != NULL )
        {
            *(void **)p = chain;
            chain = p;
            n++;
        }

    CHECK(total_free_pages() == 0, "%lu pages still free",
          total_free_pages());
    CHECK(xmalloc_cached_pages() == 0, "an empty slab survived");
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
        CHECK(!xmalloc_bytes(sizes[i]), "%zu bytes allocated when exhausted",
              sizes[i]);
    CHECK(xmalloc_audit() == 0, "xmalloc audit failed when exhausted");

    while ( chain )
    {
        p = chain;
        chain = *(void **)p;
        xfree(p);
    }
    CHECK(n > 1000, "only %lu objects before exhaustion", n);
    CHECK(xmalloc_used_bytes() == used, "used bytes not restored");
    CHECK(free_pages() == before, "free pages %lu, expected %lu",
          free_pages(), before);
    return NULL;
 fail:
    while ( chain )
    {
        p = chain;
        chain = *(void **)p;
        xfree(p);
    }
    return fixture_msg;
}

/* Debug builds fill a freed object, past the free-list header, with 0xa5. */
const char *xm_poison(void)
{
#ifndef NDEBUG
    unsigned char *p = xmalloc_bytes(64);
    unsigned int i;

    CHECK(p, "allocation failed");
    memset(p, 0x11, 64);
    xfree(p);
    for ( i = 16; i < 64; i++ )
        CHECK(p[i] == 0xa5, "byte %u of a freed object is %#x", i, p[i]);
#endif
    return NULL;
#ifndef NDEBUG
 fail:
    return fixture_msg;
#endif
}

/* --- Concurrency ---------------------------------------------------------- */

#define NR_WORKERS      8
#define WORKER_OBJS     256

static struct obj worker_objs[NR_WORKERS][WORKER_OBJS];
static unsigned long snap_pages;
static size_t snap_used;

void xm_snapshot(void)
{
    snap_pages = free_pages();
    snap_used = xmalloc_used_bytes();
}

const char *xm_compare_snapshot(void)
{
    CHECK(xmalloc_used_bytes() == snap_used, "used bytes %zu, expected %zu",
          xmalloc_used_bytes(), snap_used);
    CHECK(free_pages() == snap_pages, "free pages %lu, expected %lu",
          free_pages(), snap_pages);
    CHECK(xmalloc_audit() == 0, "xmalloc audit failed");
    return NULL;
 fail:
    return fixture_msg;
}

/* Mostly small sizes, so that the threads meet on the class locks. */
static size_t worker_size(uint32_t *seed)
{
    uint32_t r = rnd(seed);

    if ( r % 16 == 0 )
        return 2049 + r % (2 * PAGE_SIZE);
    return 1 + (r >> 8) % (r % 2 ? 64 : 2048);
}

const char *xm_worker(unsigned int id, unsigned int seed, unsigned int ops)
{
    struct obj *mine = worker_objs[id % NR_WORKERS];
    uint32_t s = seed | 1;
    unsigned int i, k, tag = id * WORKER_OBJS;

    for ( i = 0; i < ops; i++ )
    {
        k = rnd(&s) % WORKER_OBJS;
        if ( mine[k].p )
        {
            if ( !intact(tag + k, mine[k].p, mine[k].size) )
                return "a live object was overwritten";
            xfree(mine[k].p);
            mine[k].p = NULL;
            continue;
        }
        mine[k].size = worker_size(&s);
        mine[k].p = xmalloc_bytes(mine[k].size);
        if ( !mine[k].p )
            return "allocation failed";
        fill(tag + k, mine[k].p, mine[k].size);
    }
    for ( k = 0; k < WORKER_OBJS; k++ )
    {
        if ( mine[k].p && !intact(tag + k, mine[k].p, mine[k].size) )
            return "a live object was overwritten";
        xfree(mine[k].p);
        mine[k].p = NULL;
    }
    return NULL;
}

int xm_audit(void)
{
    return xmalloc_audit();
}

int xm_debug_build(void)
{
#ifndef NDEBUG
    return 1;
#else
    return 0;
#endif
}

/* --- Misuse --------------------------------------------------------------- */

/* The second free of an object in a slab that still has objects in use. */
void xm_double_free(void)
{
    void *keep = xmalloc_bytes(32), *p = xmalloc_bytes(32);

    xfree(p);
    xfree(p);       /* must not return */
    (void)keep;
}

/* A write to a freed object is caught when the object is handed out. */
void xm_write_after_free(void)
{
    unsigned char *keep = xmalloc_bytes(128), *p = xmalloc_bytes(128), *q;
    unsigned int i;

    xfree(p);
    p[100] = 0;
    for ( i = 0; i < 100000; i++ )
    {
        q = xmalloc_bytes(128);
        if ( !q || q == p )
            break;
    }
    xfree(keep);
}
