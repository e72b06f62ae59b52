/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page content helpers for tmem: trailing-zero elimination (tze_len) and
 * the content hash deduplication buckets pages by (page_hash64).
 *
 * page_hash64 runs four independent lanes over the data's 8-byte words
 * (word i goes to lane i % 4), so a CPU overlaps their multiplies.  A
 * lane step, s = (s ^ w) * odd; s ^= s >> 32, is a bijection of s for a
 * fixed word and of the word for a fixed s, so a change to one word
 * changes its lane's state for good; the lanes are then folded one by
 * one through a bijective finaliser (Stafford's Mix13), so that change
 * reaches the result.  Hence any single-word difference, in particular
 * any single bit flip, changes the hash: a property the tests check.
 */

#include <xen/lib.h>
#include <xen/page-hash.h>

#define PH_WORD         8
#define PH_LANES        4
#define PH_MUL          0x9e3779b97f4a7c15ULL   /* 2^64 / golden ratio */

typedef uint64_t __attribute__((__may_alias__, __aligned__(1))) ph_u64;

static inline uint64_t load64(const uint8_t *p)
{
    return *(const ph_u64 *)p;
}

size_t tze_len(const void *p, size_t len)
{
    const uint8_t *b = p;

    /* The bytes after the last whole word, one at a time. */
    for ( ; len % PH_WORD; len-- )
        if ( b[len - 1] )
            return len;
    /* Four zero words per step: most of a mostly-empty page. */
    while ( len >= 4 * PH_WORD &&
            !(load64(b + len - 8) | load64(b + len - 16) |
              load64(b + len - 24) | load64(b + len - 32)) )
        len -= 4 * PH_WORD;
    while ( len && !load64(b + len - PH_WORD) )
        len -= PH_WORD;
    /* len is 0, or its last word holds a non-zero byte. */
    while ( len && !b[len - 1] )
        len--;
    return len;
}

static inline uint64_t lane_step(uint64_t s, uint64_t w)
{
    s = (s ^ w) * PH_MUL;
    return s ^ (s >> 32);
}

/* A bijective 64-bit finaliser with full avalanche (Stafford's Mix13). */
static inline uint64_t mix64(uint64_t x)
{
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

/* The last len % 8 bytes at b, zero-padded, in a byte-order-free way. */
static uint64_t tail_word(const uint8_t *b, size_t n)
{
    uint64_t w = 0;

    while ( n-- )
        w = (w << 8) | b[n];
    return w;
}

uint64_t page_hash64(const void *p, size_t len, uint64_t seed)
{
    const uint8_t *b = p;
    size_t nw = len / PH_WORD, i;
    uint64_t s[PH_LANES], h;
    unsigned int j;

    for ( j = 0; j < PH_LANES; j++ )
        s[j] = seed + (j + 1) * PH_MUL;
    for ( i = 0; i + PH_LANES <= nw; i += PH_LANES )
        for ( j = 0; j < PH_LANES; j++ )
            s[j] = lane_step(s[j], load64(b + (i + j) * PH_WORD));
    for ( ; i < nw; i++ )
        s[i % PH_LANES] = lane_step(s[i % PH_LANES],
                                    load64(b + i * PH_WORD));
    if ( len % PH_WORD )
        s[nw % PH_LANES] = lane_step(s[nw % PH_LANES],
                                     tail_word(b + nw * PH_WORD,
                                               len % PH_WORD));

    h = mix64(seed ^ len);
    for ( j = 0; j < PH_LANES; j++ )
        h = mix64(h ^ s[j]);
    return h;
}
