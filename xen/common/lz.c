/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LZ: a fast LZ77-family byte compressor for pages, for tmem's optional
 * compression.  docs/misc/lz.md has the format byte by byte, the
 * algorithm, the decompressor's safety argument and the figures.
 *
 * A stream is a series of sequences.  Each is a token byte (high nibble:
 * literal count, low nibble: match length - 4; 15 in either means "15
 * plus an extension"), the literal count's extension, the literals and
 * then, unless the stream ends right after the literals, the match
 * distance - 1 as 2 bytes little-endian and the match length's extension.
 * An extension is one byte 0..254, or 255 and a 16-bit little-endian
 * value to which 255 is added.  The last sequence has literals only and
 * a zero low nibble.
 *
 * The compressor is greedy: one hash table of 2^LZ_HASH_BITS 16-bit
 * positions keyed by the next 4 bytes (the caller's LZ_WRKMEM scratch,
 * cleared per call so the output depends on the input alone), every
 * candidate verified, matches extended both ways a word at a time.  The
 * longer it finds nothing, the bigger its steps, so random data costs
 * little.
 *
 * The decompressor checks every length and distance against what is left
 * of the input, the output buffer and the output so far before copying.
 * It copies a word or two at a time, over-copying up to 15 bytes, only
 * where that many bytes of the buffers remain past the copy; else it
 * copies exactly.  docs/misc/lz.md, "Safety", has the whole argument.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/lz.h>

#define LZ_MIN_MATCH    4       /* shortest match the format can say */
#define LZ_NIBBLE_MAX   15      /* a nibble of 15: an extension follows */
#define LZ_EXT_LONG     255     /* extension byte: a 16-bit value follows */
#define LZ_SKIP_SHIFT   6       /* 2^6 misses in a row before step 2 */
#define LZ_WORD         8       /* bytes per wild-copy step */

BUILD_BUG_ON(LZ_MAX_LEN > 65536);       /* positions fit in uint16_t */

/* Unaligned, alias-anything word access (cheap on every arch we build). */
typedef uint32_t __attribute__((__may_alias__, __aligned__(1))) lz_u32;
typedef uint64_t __attribute__((__may_alias__, __aligned__(1))) lz_u64;

static inline uint32_t load32(const uint8_t *p)
{
    return *(const lz_u32 *)p;
}

static inline uint64_t load64(const uint8_t *p)
{
    return *(const lz_u64 *)p;
}

static inline void store64(uint8_t *p, uint64_t v)
{
    *(lz_u64 *)p = v;
}

/*
 * Copy n bytes in LZ_WORD steps: reads and writes up to LZ_WORD - 1
 * bytes past n, so the caller guarantees n + LZ_WORD bytes of room at
 * both ends.  Forward: also right for an overlapping copy whose source
 * is at least LZ_WORD bytes behind its destination.
 */
static inline void wild_copy(uint8_t *d, const uint8_t *s, size_t n)
{
    size_t i;

    for ( i = 0; i < n; i += LZ_WORD )
        store64(d + i, load64(s + i));
}

/* --- Compression --------------------------------------------------------- */

struct lz_out {
    uint8_t *p;                 /* next byte to write */
    uint8_t *end;               /* one past the last byte we may write */
};

static inline unsigned int lz_hash(uint32_t v)
{
    /* Multiplicative (Fibonacci) hashing: the top bits mix all four bytes. */
    return (v * 2654435761U) >> (32 - LZ_HASH_BITS);
}

/* Index of the first differing byte of two words whose XOR is x != 0. */
static inline unsigned int first_diff(uint64_t x)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    return __builtin_ctzll(x) / 8;
#else
    return __builtin_clzll(x) / 8;
#endif
}

/* Length of the common prefix of a[0..n) and b[0..n). */
static inline size_t common_len(const uint8_t *a, const uint8_t *b, size_t n)
{
    size_t i = 0;

    for ( ; n - i >= LZ_WORD; i += LZ_WORD )
    {
        uint64_t x = load64(a + i) ^ load64(b + i);

        if ( x )
            return i + first_diff(x);
    }
    while ( i < n && a[i] == b[i] )
        i++;
    return i;
}

/* Bytes of extension a count of n needs after its nibble. */
static inline size_t ext_size(size_t n)
{
    if ( n < LZ_NIBBLE_MAX )
        return 0;
    return n - LZ_NIBBLE_MAX < LZ_EXT_LONG ? 1 : 3;
}

/* Write the extension of count n >= 15 at op; returns the byte after it. */
static inline uint8_t *put_ext(uint8_t *op, size_t n)
{
    n -= LZ_NIBBLE_MAX;
    if ( n < LZ_EXT_LONG )
    {
        *op = n;
        return op + 1;
    }
    n -= LZ_EXT_LONG;
    op[0] = LZ_EXT_LONG;
    op[1] = n & 0xff;
    op[2] = n >> 8;
    return op + 3;
}

/*
 * Append a sequence to out: nlit literals from lit (src_room bytes are
 * readable there), then, if mlen != 0, a match of mlen >= 4 bytes dist
 * back.  mlen == 0 makes it the final, literal-only sequence.
 * Returns false, having written nothing past out->end, if it does not fit.
 */
static always_inline bool put_seq(struct lz_out *out, const uint8_t *lit,
                                  size_t nlit, size_t src_room, size_t dist,
                                  size_t mlen)
{
    size_t m = mlen ? mlen - LZ_MIN_MATCH : 0;
    size_t need = 1 + ext_size(nlit) + nlit + (mlen ? 2 + ext_size(m) : 0);
    size_t room = out->end - out->p;
    uint8_t *op = out->p;

    if ( need > room )
        return false;
    *op++ = (min_t(size_t, nlit, LZ_NIBBLE_MAX) << 4) |
            min_t(size_t, m, LZ_NIBBLE_MAX);
    if ( nlit >= LZ_NIBBLE_MAX )
        op = put_ext(op, nlit);
    if ( nlit + LZ_WORD <= src_room && need + LZ_WORD <= room )
        wild_copy(op, lit, nlit);
    else
        memcpy(op, lit, nlit);
    op += nlit;
    if ( mlen )
    {
        op[0] = (dist - 1) & 0xff;
        op[1] = (dist - 1) >> 8;
        op += 2;
        if ( m >= LZ_NIBBLE_MAX )
            op = put_ext(op, m);
    }
    out->p = op;
    return true;
}

/*
 * The matching loop over in[0..len), 4 < len <= LZ_MAX_LEN, with table
 * cleared.  Appends every sequence that has a match to out and returns
 * where the final literals start, or len + 1 if out ran out of room.
 *
 * Invariant: every table entry is a position before pos (entries are
 * stored as pos advances; the initial zeros are position 0 < pos), so a
 * candidate's distance is 1..65535, and a candidate is used only after
 * its 4 bytes are compared with those at pos.
 */
static size_t compress_body(const uint8_t *in, size_t len, uint16_t *table,
                            struct lz_out *out)
{
    const size_t limit = len - LZ_MIN_MATCH;    /* last match start */
    size_t anchor = 0, pos = 1, cand, mlen;
    unsigned int h, miss;

    while ( pos <= limit )
    {
        for ( miss = 1U << LZ_SKIP_SHIFT; ; )
        {
            h = lz_hash(load32(in + pos));
            cand = table[h];
            table[h] = pos;
            if ( load32(in + cand) == load32(in + pos) )
                break;
            pos += miss++ >> LZ_SKIP_SHIFT;
            if ( pos > limit )
                return anchor;
        }

        while ( pos > anchor && cand && in[pos - 1] == in[cand - 1] )
        {
            pos--;
            cand--;
        }
        mlen = LZ_MIN_MATCH + common_len(in + pos + LZ_MIN_MATCH,
                                         in + cand + LZ_MIN_MATCH,
                                         len - pos - LZ_MIN_MATCH);
        if ( !put_seq(out, in + anchor, pos - anchor, len - anchor,
                      pos - cand, mlen) )
            return len + 1;
        pos += mlen;
        anchor = pos;
        /* Remember a position inside the match: helps the next search. */
        if ( pos <= limit )
            table[lz_hash(load32(in + pos - 2))] = pos - 2;
    }
    return anchor;
}

size_t lz_bound(size_t len)
{
    return len > LZ_MAX_LEN ? 0 : LZ_BOUND(len);
}

size_t lz_compress(const void *src, size_t len, void *dst, size_t dst_cap,
                   void *wrk)
{
    const uint8_t *in = src;
    struct lz_out out;
    size_t anchor = 0;

    if ( len > LZ_MAX_LEN )
        return 0;
    /* More room than the bound is never used; keeps dst + cap in range. */
    out.p = dst;
    out.end = out.p + min(dst_cap, LZ_BOUND(len));

    if ( len > LZ_MIN_MATCH )
    {
        memset(wrk, 0, LZ_WRKMEM);
        anchor = compress_body(in, len, wrk, &out);
        if ( anchor > len )
            return 0;
    }
    if ( !put_seq(&out, in + anchor, len - anchor, len - anchor, 0, 0) )
        return 0;
    return out.p - (uint8_t *)dst;
}

/* --- Decompression ------------------------------------------------------- */

/*
 * Add the extension at *ipp (input ends at iend) to *n and advance *ipp.
 * Returns false if the input ends inside the extension.
 */
static inline bool get_ext(const uint8_t **ipp, const uint8_t *iend,
                           size_t *n)
{
    const uint8_t *ip = *ipp;

    if ( ip == iend )
        return false;
    if ( *ip != LZ_EXT_LONG )
    {
        *n += *ip;
        *ipp = ip + 1;
        return true;
    }
    if ( iend - ip < 3 )
        return false;
    *n += LZ_EXT_LONG + (ip[1] | (ip[2] << 8));
    *ipp = ip + 3;
    return true;
}

/*
 * Copy n literals; in_room and out_room (both >= n) are the bytes left
 * at s and d.  Word steps where both have LZ_WORD bytes to spare.
 */
static inline void copy_literals(uint8_t *d, const uint8_t *s, size_t n,
                                 size_t in_room, size_t out_room)
{
    if ( n + LZ_WORD <= in_room && n + LZ_WORD <= out_room )
        wild_copy(d, s, n);
    else
        memcpy(d, s, n);
}

/*
 * Distance to copy from once one word of a match closer than a word
 * (index: its distance d) is out: the smallest multiple of d that is at
 * least LZ_WORD, and at most LZ_WORD + d, so still inside the output.
 */
static const uint8_t near_step[LZ_WORD] = { 0, 8, 8, 9, 8, 10, 12, 14 };

/*
 * Copy a match of n > LZ_WORD bytes that repeats with period dist, where
 * at least dist bytes are already out before d (dist >= LZ_WORD), and
 * n + LZ_WORD bytes of room at d.  Copies from twice as far back after
 * each chunk, so that a load never waits for the store just before it
 * (a run of zeros, dist 1, would otherwise go at one word per store
 * forwarding latency).
 */
static void copy_periodic(uint8_t *d, size_t dist, size_t n)
{
    while ( n > dist )
    {
        wild_copy(d, d - dist, dist);
        d += dist;
        n -= dist;
        dist *= 2;              /* a multiple of the period, all out now */
    }
    wild_copy(d, d - dist, n);
}

/*
 * Copy a match of n >= 1 bytes from dist (1 <= dist <= bytes already
 * written before d) back to d, with n + LZ_WORD <= out_room: may write
 * up to LZ_WORD - 1 bytes (of the same pattern) past d + n.
 */
static inline void copy_match_wild(uint8_t *d, size_t dist, size_t n,
                                   size_t out_room)
{
    const uint8_t *m = d - dist;
    size_t i;

    if ( dist >= LZ_WORD )
    {
        if ( n + 2 * LZ_WORD > out_room )
            wild_copy(d, m, n);
        else
        {
            /* Common case: up to 16 bytes in two words, forward. */
            store64(d, load64(m));
            store64(d + LZ_WORD, load64(m + LZ_WORD));
            if ( n > 2 * LZ_WORD )
                copy_periodic(d + 2 * LZ_WORD, dist, n - 2 * LZ_WORD);
        }
        return;
    }
    /* Lay down one word of the pattern, then copy from far enough. */
    for ( i = 0; i < LZ_WORD; i++ )
        d[i] = m[i];
    if ( n > LZ_WORD )
        copy_periodic(d + LZ_WORD, near_step[dist], n - LZ_WORD);
}

/*
 * Copy a match of n >= 4 bytes from dist (1 <= dist <= bytes already
 * written before d) back to d, with out_room >= n bytes left at d.
 */
static inline void copy_match(uint8_t *d, size_t dist, size_t n,
                              size_t out_room)
{
    const uint8_t *m = d - dist;        /* not d[i - dist]: i < dist */
    size_t i, head;

    if ( n + LZ_WORD <= out_room )
    {
        copy_match_wild(d, dist, n, out_room);
        return;
    }
    /*
     * At the end of dst: all but the last word as usual, then exactly,
     * forward (so overlaps repeat the pattern).  What the first part
     * over-copies lies inside the match and is written again.
     */
    head = n > LZ_WORD ? n - LZ_WORD : 0;
    if ( head )
        copy_match_wild(d, dist, head, out_room);
    for ( i = head; i < n; i++ )
        d[i] = m[i];
}

/*
 * The literals of a sequence whose token is token, at *ipp: validate
 * and copy them to *opp, advancing both.  Returns false if the input
 * ends inside them or they do not fit in the output.
 */
static inline bool get_literals(unsigned int token, const uint8_t **ipp,
                                const uint8_t *iend, uint8_t **opp,
                                const uint8_t *oend)
{
    size_t nlit = token >> 4;

    if ( nlit == LZ_NIBBLE_MAX && !get_ext(ipp, iend, &nlit) )
        return false;
    if ( nlit > (size_t)(iend - *ipp) || nlit > (size_t)(oend - *opp) )
        return false;
    copy_literals(*opp, *ipp, nlit, iend - *ipp, oend - *opp);
    *ipp += nlit;
    *opp += nlit;
    return true;
}

int lz_decompress(const void *src, size_t len, void *dst, size_t dst_len)
{
    const uint8_t *ip = src, *const iend = ip + len;
    uint8_t *op = dst, *const ostart = dst;
    uint8_t *const oend = ostart + min_t(size_t, dst_len, LZ_MAX_LEN);
    size_t mlen, dist;
    unsigned int token;

    if ( !len )
        return -EINVAL;
    for ( ;; )
    {
        /* Here ip < iend: checked on entry and after every match. */
        token = *ip++;
        if ( (token >> 4) < LZ_NIBBLE_MAX && iend - ip >= 2 * LZ_WORD + 2 &&
             oend - op >= 2 * LZ_WORD )
        {
            /*
             * Fast path: up to 14 literals, copied as two words; at
             * least 4 input bytes remain after them, so this is not the
             * last sequence and its distance is there.
             */
            store64(op, load64(ip));
            store64(op + LZ_WORD, load64(ip + LZ_WORD));
            ip += token >> 4;
            op += token >> 4;
        }
        else
        {
            if ( !get_literals(token, &ip, iend, &op, oend) )
                return -EINVAL;
            if ( ip == iend )
                return token & LZ_NIBBLE_MAX ? -EINVAL : (int)(op - ostart);
            if ( iend - ip < 2 )
                return -EINVAL;
        }

        dist = (ip[0] | (ip[1] << 8)) + 1;
        ip += 2;
        mlen = token & LZ_NIBBLE_MAX;
        if ( mlen == LZ_NIBBLE_MAX && !get_ext(&ip, iend, &mlen) )
            return -EINVAL;
        mlen += LZ_MIN_MATCH;
        if ( dist > (size_t)(op - ostart) || mlen > (size_t)(oend - op) )
            return -EINVAL;
        copy_match(op, dist, mlen, oend - op);
        op += mlen;
        if ( ip == iend )
            return -EINVAL;             /* a match is never the end */
    }
}
