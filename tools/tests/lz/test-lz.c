/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unit tests of the page compressor (xen/common/lz.c) and the page
 * helpers (xen/common/page-hash.c), called through lz-fixture.c.  No
 * hypervisor is booted: these are pure functions.
 *
 * Out-of-bounds access is caught twice: every buffer handed to the code
 * under test is a malloc of exactly the size it is told (ASan, in the
 * sanitizer variant), and output buffers sit between guard bytes that are
 * checked after every call (both variants).  A reference decoder written
 * from docs/misc/lz.md checks that the compressor's output is in the
 * documented format and that lz_decompress() agrees with it on every
 * input, valid or not.
 */

#include <stdbool.h>
#include <stdint.h>

#include "harness.h"
#include "lz-fixture.h"

#define PAGE            4096
#define GUARD           64
#define GUARD_BYTE      0xa5
#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))

static size_t max_len;
static int einval;
static void *wrk;

/* --- Helpers ------------------------------------------------------------- */

static uint64_t rnd_state = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

static void *xmalloc_exact(size_t n)
{
    /* malloc(0) may return NULL; ASan still flags any access to it. */
    void *p = malloc(n ? n : 1);

    if ( !p )
    {
        printf("out of memory\n");
        exit(1);
    }
    return p;
}

/* An output buffer of n bytes between two guards. */
struct guarded {
    uint8_t *base;
    uint8_t *p;
    size_t n;
};

static void guarded_init(struct guarded *g, size_t n)
{
    g->base = xmalloc_exact(n + 2 * GUARD);
    g->p = g->base + GUARD;
    g->n = n;
    memset(g->base, GUARD_BYTE, n + 2 * GUARD);
}

/* True if the bytes around the buffer are untouched. */
static bool guarded_ok(const struct guarded *g)
{
    for ( size_t i = 0; i < GUARD; i++ )
        if ( g->base[i] != GUARD_BYTE || g->p[g->n + i] != GUARD_BYTE )
            return false;
    return true;
}

static void guarded_free(struct guarded *g)
{
    free(g->base);
}

/* --- Generators ---------------------------------------------------------- */

static const char *const words[] = {
    "the", "of", "and", "to", "a", "in", "is", "page", "memory", "that",
    "for", "it", "with", "as", "domain", "was", "on", "be", "by", "this",
    "hypervisor", "guest", "are", "from", "or", "pool", "have", "an",
    "which", "not", "kernel", "claim", "tmem", "object", "ephemeral",
    "persistent", "\n", ", ", ". ", "struct", "return", "0x1f", "int",
};

static void gen_zero(uint8_t *b, size_t n)
{
    memset(b, 0, n);
}

static void gen_random(uint8_t *b, size_t n)
{
    for ( size_t i = 0; i < n; i++ )
        b[i] = rnd();
}

/* Runs of one byte value, 1 to 300 long. */
static void gen_runs(uint8_t *b, size_t n)
{
    size_t i = 0;

    while ( i < n )
    {
        size_t run = 1 + rnd() % 300;
        uint8_t v = rnd() % 4 ? rnd() : 0;

        for ( ; run && i < n; run--, i++ )
            b[i] = v;
    }
}

/* Words from a skewed vocabulary with separators. */
static void gen_text(uint8_t *b, size_t n)
{
    size_t i = 0;

    while ( i < n )
    {
        uint64_t r = rnd();
        /* Three times in four one of the 8 commonest words. */
        const char *w = words[(r >> 20) % 4 ? (r >> 8) % 8
                                            : r % ARRAY_SIZE(words)];

        for ( ; *w && i < n; w++ )
            b[i++] = *w;
        if ( i < n )
            b[i++] = ' ';
    }
}

/* Page-table-like 8-byte entries: frame numbers that mostly ascend. */
static void gen_ptes(uint8_t *b, size_t n)
{
    uint64_t mfn = rnd() % (1 << 20), e;

    for ( size_t i = 0; i < n; i += 8 )
    {
        mfn += rnd() % 8 ? 1 : rnd() % 4096;
        e = rnd() % 16 ? (mfn << 12) | 0x67 | ((rnd() % 2) << 63) : 0;
        memcpy(b + i, &e, n - i < 8 ? n - i : 8);
    }
}

/* An array of 24-byte structs: counters, small enums, pointer-ish. */
static void gen_structs(uint8_t *b, size_t n)
{
    struct { uint32_t id; uint16_t type, flags; uint64_t ptr, size; } s;
    uint32_t id = rnd();

    for ( size_t i = 0; i < n; i += sizeof(s) )
    {
        s.id = id++;
        s.type = rnd() % 5;
        s.flags = rnd() % 3 ? 0 : 0x8000;
        s.ptr = 0xffff830000000000ULL + (rnd() % 65536) * 64;
        s.size = rnd() % 4 ? 4096 : rnd() % 100000;
        memcpy(b + i, &s, n - i < sizeof(s) ? n - i : sizeof(s));
    }
}

/* Mostly zero, a few random words (anywhere, any alignment). */
static void gen_sparse(uint8_t *b, size_t n)
{
    unsigned int k = rnd() % 24;

    memset(b, 0, n);
    while ( n >= 8 && k-- )
    {
        uint64_t w = rnd();

        memcpy(b + rnd() % (n - 7), &w, 8);
    }
}

/* A short pattern (period 1..17) repeated: every near-distance copy. */
static void gen_period(uint8_t *b, size_t n)
{
    size_t period = 1 + rnd() % 17;

    for ( size_t i = 0; i < n; i++ )
        b[i] = i < period ? rnd() : b[i - period];
}

static const struct generator {
    const char *name;
    void (*fn)(uint8_t *b, size_t n);
} gens[] = {
    { "zero", gen_zero }, { "random", gen_random }, { "runs", gen_runs },
    { "text", gen_text }, { "ptes", gen_ptes }, { "structs", gen_structs },
    { "sparse", gen_sparse }, { "period", gen_period },
};

/* --- The reference decoder (docs/misc/lz.md, nothing clever) ------------ */

/* Add an extension at s[*i] to *v; false if s[0..n) ends inside it. */
static bool ref_ext(const uint8_t *s, size_t n, size_t *i, size_t *v)
{
    if ( *i >= n )
        return false;
    if ( s[*i] < 255 )
    {
        *v += s[(*i)++];
        return true;
    }
    if ( n - *i < 3 )
        return false;
    *v += 255 + s[*i + 1] + 256 * s[*i + 2];
    *i += 3;
    return true;
}

/* Decode s[0..n) into d[0..cap); the length, or -1 if malformed. */
static long ref_decode(const uint8_t *s, size_t n, uint8_t *d, size_t cap)
{
    size_t i = 0, o = 0, lit, m, dist;

    if ( cap > max_len )
        cap = max_len;
    if ( !n )
        return -1;
    for ( ;; )
    {
        lit = s[i] >> 4;
        m = s[i++] & 15;
        if ( lit == 15 && !ref_ext(s, n, &i, &lit) )
            return -1;
        if ( lit > n - i || lit > cap - o )
            return -1;
        while ( lit-- )
            d[o++] = s[i++];
        if ( i == n )
            return m ? -1 : (long)o;
        if ( n - i < 2 )
            return -1;
        dist = s[i] + 256 * s[i + 1] + 1;
        i += 2;
        if ( m == 15 && !ref_ext(s, n, &i, &m) )
            return -1;
        m += 4;
        if ( dist > o || m > cap - o )
            return -1;
        for ( ; m; m--, o++ )
            d[o] = d[o - dist];
        if ( i == n )
            return -1;
    }
}

/* --- Checks shared by the tests ------------------------------------------ */

/*
 * Compress src[0..len) with exactly lz_bound(len) of room and check the
 * result: within the bound, in the documented format (the reference
 * decoder gives src back) and decompressed by lz_decompress() into a
 * guarded buffer of exactly len bytes.  Returns the compressed length,
 * 0 after a failure.
 */
static size_t round_trip(const uint8_t *src, size_t len, const char *what)
{
    size_t bound = lzt_bound(len), clen;
    uint8_t *c = xmalloc_exact(bound), *in = xmalloc_exact(len);
    uint8_t *ref = xmalloc_exact(len);
    struct guarded out;
    long rlen;
    int dlen;

    memcpy(in, src, len);
    guarded_init(&out, len);
    clen = lzt_compress(in, len, c, bound, wrk);
    if ( !clen || clen > bound )
    {
        fail("%s len %zu: compressed to %zu, bound %zu", what, len, clen,
             bound);
        clen = 0;
        goto out;
    }
    rlen = ref_decode(c, clen, ref, len);
    if ( rlen != (long)len || memcmp(ref, in, len) )
    {
        fail("%s len %zu: reference decoder says %ld / differs", what, len,
             rlen);
        clen = 0;
        goto out;
    }
    dlen = lzt_decompress(c, clen, out.p, len);
    if ( dlen != (int)len || memcmp(out.p, in, len) || !guarded_ok(&out) )
    {
        fail("%s len %zu: decompressed %d bytes, %s, guards %s", what, len,
             dlen, dlen == (int)len && !memcmp(out.p, in, len) ? "same"
             : "differ", guarded_ok(&out) ? "intact" : "OVERWRITTEN");
        clen = 0;
    }
 out:
    guarded_free(&out);
    free(ref);
    free(in);
    free(c);
    return clen;
}

/*
 * lz_decompress() and the reference decoder on arbitrary s[0..n), output
 * capacity cap: the same verdict and bytes, nothing written outside.
 */
static bool decode_agrees(const uint8_t *s, size_t n, size_t cap)
{
    uint8_t *in = xmalloc_exact(n), *ref = xmalloc_exact(cap);
    struct guarded out;
    long rlen;
    int dlen;
    bool ok;

    memcpy(in, s, n);
    guarded_init(&out, cap);
    rlen = ref_decode(in, n, ref, cap);
    dlen = lzt_decompress(in, n, out.p, cap);
    ok = guarded_ok(&out) &&
         (rlen < 0 ? dlen == einval
                   : dlen == rlen && !memcmp(out.p, ref, rlen));
    if ( !ok )
        fail("stream of %zu bytes, cap %zu: lz_decompress %d, reference "
             "%ld, guards %s", n, cap, dlen, rlen,
             guarded_ok(&out) ? "intact" : "OVERWRITTEN");
    guarded_free(&out);
    free(ref);
    free(in);
    return ok;
}

/* --- Round trips --------------------------------------------------------- */

/* Every length 0..4096 of every generator, fresh data per length. */
static void test_round_trip_every_length(void)
{
    uint8_t buf[PAGE];

    for ( size_t g = 0; g < ARRAY_SIZE(gens); g++ )
        for ( size_t len = 0; len <= PAGE; len++ )
        {
            gens[g].fn(buf, len);
            if ( !round_trip(buf, len, gens[g].name) )
                return;                 /* one report per bug is enough */
        }
}

/* The largest input, and one past it. */
static void test_max_len(void)
{
    size_t n = max_len + 1;
    uint8_t *buf = xmalloc_exact(n), *c = xmalloc_exact(lzt_bound(max_len));

    for ( size_t g = 0; g < ARRAY_SIZE(gens); g++ )
    {
        gens[g].fn(buf, max_len);
        round_trip(buf, max_len, gens[g].name);
    }
    check_eq(lzt_compress(buf, n, c, lzt_bound(max_len), wrk), 0);
    check_eq(lzt_bound(n), 0);
    free(c);
    free(buf);
}

/* lz_bound() matches LZ_BOUND and holds for the worst inputs we know. */
static void test_bound(void)
{
    uint8_t buf[PAGE];

    for ( size_t len = 0; len <= max_len; len += 1 + len / 3 )
        check_eq(lzt_bound(len), lzt_bound_macro(len));
    /* Literal runs of >= 274 bytes then a 4-byte match: the worst case. */
    for ( size_t i = 0; i < PAGE; i++ )
        buf[i] = rnd();
    for ( size_t i = 274; i + 4 <= PAGE; i += 278 )
        memcpy(buf + i, buf + i - 8, 4);
    round_trip(buf, PAGE, "literal-heavy");
}

/* Same input, differently dirty scratch: the same output. */
static void test_deterministic(void)
{
    uint8_t buf[PAGE], a[PAGE * 2], b[PAGE * 2];
    size_t la, lb;

    gen_text(buf, PAGE);
    memset(wrk, 0x5a, lzt_wrkmem());
    la = lzt_compress(buf, PAGE, a, sizeof(a), wrk);
    gen_random(wrk, lzt_wrkmem());
    lb = lzt_compress(buf, PAGE, b, sizeof(b), wrk);
    check(la && la == lb && !memcmp(a, b, la));
}

/* --- Capacity ------------------------------------------------------------- */

/*
 * With dst_cap = the compressed length exactly it fits; with one byte
 * less it returns 0; and it never writes past dst_cap.
 */
static void test_dst_cap_exact(void)
{
    uint8_t buf[PAGE], full[PAGE * 2];

    for ( size_t g = 0; g < ARRAY_SIZE(gens); g++ )
        for ( size_t len = 1; len <= PAGE; len = len * 3 + 1 )
        {
            size_t clen, cap;

            gens[g].fn(buf, len);
            clen = lzt_compress(buf, len, full, sizeof(full), wrk);
            for ( cap = clen + 2; cap-- > 0; )
            {
                struct guarded out;
                size_t r;

                guarded_init(&out, cap);
                r = lzt_compress(buf, len, out.p, cap, wrk);
                if ( (cap >= clen ? r != clen || memcmp(out.p, full, clen)
                                  : r != 0) || !guarded_ok(&out) )
                    fail("%s len %zu cap %zu: got %zu, full %zu, guards %s",
                         gens[g].name, len, cap, r, clen,
                         guarded_ok(&out) ? "intact" : "OVERWRITTEN");
                guarded_free(&out);
                if ( cap < clen && clen - cap > 40 )
                    cap = cap > 40 ? cap - 37 : cap;    /* sample */
            }
        }
}

/* Random pages do not fit in a page minus one; with the bound they do. */
static void test_incompressible(void)
{
    uint8_t buf[PAGE], c[PAGE * 2];

    for ( int i = 0; i < 64; i++ )
    {
        size_t clen;

        gen_random(buf, PAGE);
        check_eq(lzt_compress(buf, PAGE, c, PAGE - 1, wrk), 0);
        clen = lzt_compress(buf, PAGE, c, lzt_bound(PAGE), wrk);
        check(clen > 0 && clen <= lzt_bound(PAGE));
    }
}

/* Ratios a tmem page would expect: sanity bounds that catch regressions. */
static void test_ratio(void)
{
    uint8_t buf[PAGE], c[PAGE * 2];

    gen_zero(buf, PAGE);
    check(lzt_compress(buf, PAGE, c, sizeof(c), wrk) <= 16);
    gen_text(buf, PAGE);
    check(lzt_compress(buf, PAGE, c, sizeof(c), wrk) < PAGE * 3 / 4);
    gen_period(buf, PAGE);
    check(lzt_compress(buf, PAGE, c, sizeof(c), wrk) <= 64);
    gen_structs(buf, PAGE);
    check(lzt_compress(buf, PAGE, c, sizeof(c), wrk) < PAGE * 3 / 4);
}

/* --- Decompression of bad input ------------------------------------------ */

/* A valid stream decoded into every smaller buffer fails cleanly. */
static void test_short_dst(void)
{
    uint8_t buf[PAGE], c[PAGE * 2];

    for ( size_t g = 0; g < ARRAY_SIZE(gens); g++ )
    {
        size_t clen;

        gens[g].fn(buf, PAGE);
        clen = lzt_compress(buf, PAGE, c, sizeof(c), wrk);
        for ( size_t cap = 0; cap <= PAGE + 16; cap += 1 + cap % 7 )
            if ( !decode_agrees(c, clen, cap) )
                return;
    }
}

/* Every prefix of valid streams: an error or a shorter valid output. */
static void test_truncated(void)
{
    uint8_t buf[PAGE], c[PAGE * 2];

    for ( size_t g = 0; g < ARRAY_SIZE(gens); g++ )
    {
        size_t clen;

        gens[g].fn(buf, PAGE);
        clen = lzt_compress(buf, PAGE, c, sizeof(c), wrk);
        for ( size_t n = 0; n < clen; n++ )
            if ( !decode_agrees(c, n, PAGE) )
                return;
    }
}

/* Every single bit flip of compressed pages. */
static void test_bit_flips(void)
{
    uint8_t buf[PAGE], c[PAGE * 2];

    for ( size_t g = 0; g < ARRAY_SIZE(gens); g++ )
    {
        size_t clen, step;

        gens[g].fn(buf, PAGE);
        clen = lzt_compress(buf, PAGE, c, sizeof(c), wrk);
        step = clen > 512 ? 7 : 1;      /* big streams: sample the bytes */
        for ( size_t i = 0; i < clen; i += step )
            for ( int bit = 0; bit < 8; bit++ )
            {
                bool ok;

                c[i] ^= 1 << bit;
                ok = decode_agrees(c, clen, PAGE);
                c[i] ^= 1 << bit;
                if ( !ok )
                    return;
            }
    }
}

/* Random byte strings, biased to look like tokens and extensions. */
static void test_random_streams(void)
{
    uint8_t s[300];

    for ( int i = 0; i < 200000; i++ )
    {
        size_t n = rnd() % (i % 10 ? 24 : sizeof(s));

        for ( size_t j = 0; j < n; j++ )
        {
            uint64_t r = rnd();

            s[j] = r % 4 ? r >> 8 : (r % 3 ? 0xff : 0xf0 | (r >> 8) % 16);
        }
        if ( !decode_agrees(s, n, rnd() % 3 ? PAGE : rnd() % 64) )
            return;
    }
}

/* Hand-made streams at the edges of the format. */
static void test_crafted(void)
{
    static const struct {
        const char *what;
        uint8_t s[16];
        size_t n;
        int want;                       /* length, or -1 for -EINVAL */
    } cases[] = {
        { "empty", { 0 }, 0, -1 },
        { "empty output", { 0x00 }, 1, 0 },
        { "final token with match nibble", { 0x01 }, 1, -1 },
        { "one literal", { 0x10, 'x' }, 2, 1 },
        { "literal missing", { 0x20, 'x' }, 2, -1 },
        { "distance 1 run", { 0x10, 'a', 0x00, 0x00, 0x00 }, 5, 5 },
        { "match then nothing", { 0x10, 'a', 0x00, 0x00 }, 4, -1 },
        { "distance beyond output", { 0x10, 'a', 0x01, 0x00, 0x00 }, 5,
          -1 },
        { "distance into nothing", { 0x00, 0x00, 0x00, 0x00 }, 4, -1 },
        { "half a distance", { 0x10, 'a', 0x00 }, 3, -1 },
        { "short extension", { 0xf0, 0x00 }, 2, -1 },
        { "long extension cut", { 0xf0, 0xff, 0x01 }, 3, -1 },
        { "long extension, no data", { 0xf0, 0xff, 0x00, 0x00 }, 4, -1 },
        { "match extension run", { 0x1f, 'z', 0x00, 0x00, 0x01, 0x00 },
          6, 1 + 4 + 15 + 1 },
        { "huge match", { 0x1f, 'z', 0x00, 0x00, 0xff, 0xff, 0xff, 0x00 },
          8, -1 },
    };

    for ( size_t i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        uint8_t *in = xmalloc_exact(cases[i].n);
        struct guarded out;
        int r;

        memcpy(in, cases[i].s, cases[i].n);
        guarded_init(&out, PAGE);
        r = lzt_decompress(in, cases[i].n, out.p, PAGE);
        if ( r != (cases[i].want < 0 ? einval : cases[i].want) ||
             !guarded_ok(&out) )
            fail("%s: got %d, want %d", cases[i].what, r, cases[i].want);
        decode_agrees(in, cases[i].n, PAGE);
        guarded_free(&out);
        free(in);
    }
}

/* --- Trailing-zero elimination ------------------------------------------- */

static size_t naive_tze(const uint8_t *p, size_t n)
{
    while ( n && !p[n - 1] )
        n--;
    return n;
}

/* Every length 0..200 at every alignment, one non-zero byte anywhere. */
static void test_tze_edges(void)
{
    uint8_t big[256 + 8];

    memset(big, 0xff, sizeof(big));
    check_eq(lzt_tze_len(big, 0), 0);
    check_eq(lzt_tze_len(big, sizeof(big)), sizeof(big));
    for ( size_t off = 0; off < 8; off++ )
        for ( size_t n = 0; n <= 200; n++ )
        {
            uint8_t *p = xmalloc_exact(n + off) + off;

            memset(p, 0, n);
            if ( lzt_tze_len(p, n) != 0 )
                fail("zeros off %zu n %zu", off, n);
            for ( size_t i = 0; i < n; i++ )
            {
                p[i] = 1 + i % 255;
                if ( lzt_tze_len(p, n) != i + 1 )
                    fail("off %zu n %zu byte %zu: %zu", off, n, i,
                         lzt_tze_len(p, n));
                p[i] = 0;
            }
            free(p - off);
        }
}

/* Random sparse pages against the obvious loop. */
static void test_tze_random(void)
{
    uint8_t *p = xmalloc_exact(PAGE);

    for ( int i = 0; i < 2000; i++ )
    {
        size_t n = i % 2 ? PAGE : rnd() % (PAGE + 1);

        gen_sparse(p, n);
        if ( i % 5 == 0 && n )
            p[rnd() % n] = 0x80;
        if ( lzt_tze_len(p, n) != naive_tze(p, n) )
        {
            fail("n %zu: %zu, expected %zu", n, lzt_tze_len(p, n),
                 naive_tze(p, n));
            break;
        }
    }
    free(p);
}

/* --- Page hash ------------------------------------------------------------ */

/* Every single-bit flip of sampled pages changes the hash. */
static void test_hash_bit_flips(void)
{
    uint8_t *p = xmalloc_exact(PAGE);

    for ( size_t g = 0; g < ARRAY_SIZE(gens); g++ )
    {
        uint64_t h;

        gens[g].fn(p, PAGE);
        h = lzt_page_hash64(p, PAGE, 42);
        for ( size_t bit = 0; bit < PAGE * 8; bit++ )
        {
            p[bit / 8] ^= 1 << (bit % 8);
            if ( lzt_page_hash64(p, PAGE, 42) == h )
                fail("%s: flipping bit %zu keeps the hash", gens[g].name,
                     bit);
            p[bit / 8] ^= 1 << (bit % 8);
        }
        check(lzt_page_hash64(p, PAGE, 42) == h);
        check(lzt_page_hash64(p, PAGE, 43) != h);
    }
    free(p);
}

/* Odd lengths and alignments: the same bytes hash the same anywhere. */
static void test_hash_lengths(void)
{
    uint8_t a[128], b[136];

    gen_random(a, sizeof(a));
    for ( size_t n = 0; n <= 100; n++ )
    {
        uint64_t h = lzt_page_hash64(a, n, 7);

        for ( size_t off = 1; off < 8; off++ )
        {
            memcpy(b + off, a, n);
            if ( lzt_page_hash64(b + off, n, 7) != h )
                fail("n %zu off %zu: alignment changes the hash", n, off);
        }
        /* A trailing zero byte is content too. */
        memcpy(b, a, n);
        b[n] = 0;
        if ( lzt_page_hash64(b, n + 1, 7) == h )
            fail("n %zu: an appended zero keeps the hash", n);
        for ( size_t bit = 0; bit < n * 8; bit++ )
        {
            b[bit / 8] ^= 1 << (bit % 8);
            if ( lzt_page_hash64(b, n, 7) == h )
                fail("n %zu: flipping bit %zu keeps the hash", n, bit);
            b[bit / 8] ^= 1 << (bit % 8);
        }
    }
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

/*
 * 65536 pages that differ only in a counter word: no 64-bit collision,
 * and the low 12 bits (a dedup bucket index) spread evenly.
 */
static void test_hash_spread(void)
{
    enum { N = 65536, BUCKETS = 4096 };
    uint64_t *h = xmalloc_exact(N * sizeof(*h));
    unsigned int *count = calloc(BUCKETS, sizeof(*count)), worst = 0;
    uint8_t p[PAGE] = { 0 };

    for ( uint32_t i = 0; i < N; i++ )
    {
        memcpy(p + 1000, &i, sizeof(i));
        h[i] = lzt_page_hash64(p, PAGE, 1);
        count[h[i] % BUCKETS]++;
    }
    for ( unsigned int i = 0; i < BUCKETS; i++ )
        worst = count[i] > worst ? count[i] : worst;
    /* Mean 16 per bucket; > 40 would be a badly skewed hash. */
    if ( worst > 40 )
        fail("fullest bucket holds %u of %d (mean %d)", worst, N,
             N / BUCKETS);
    qsort(h, N, sizeof(*h), cmp_u64);
    for ( uint32_t i = 1; i < N; i++ )
        if ( h[i] == h[i - 1] )
            fail("64-bit collision: %#llx", (unsigned long long)h[i]);
    free(count);
    free(h);
}

int main(void)
{
    max_len = lzt_max_len();
    einval = lzt_einval();
    wrk = xmalloc_exact(lzt_wrkmem());

    RUN_TEST(test_round_trip_every_length);
    RUN_TEST(test_max_len);
    RUN_TEST(test_bound);
    RUN_TEST(test_deterministic);
    RUN_TEST(test_dst_cap_exact);
    RUN_TEST(test_incompressible);
    RUN_TEST(test_ratio);
    RUN_TEST(test_short_dst);
    RUN_TEST(test_truncated);
    RUN_TEST(test_bit_flips);
    RUN_TEST(test_random_streams);
    RUN_TEST(test_crafted);
    RUN_TEST(test_tze_edges);
    RUN_TEST(test_tze_random);
    RUN_TEST(test_hash_bit_flips);
    RUN_TEST(test_hash_lengths);
    RUN_TEST(test_hash_spread);
    free(wrk);
    return harness_report();
}
