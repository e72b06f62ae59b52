/* SPDX-License-Identifier: GPL-2.0 */
/*
 * LZ: a small, fast LZ77-family byte compressor for pages
 * (xen/common/lz.c), for tmem's optional compression (tmem_compress).
 * The stream format is documented byte by byte in docs/misc/lz.md.
 *
 * Usage, as tmem would store a page:
 *
 *     clen = lz_compress(page, PAGE_SIZE, buf, PAGE_SIZE - 1, this_cpu_wrk);
 *     if ( clen == 0 )
 *         store the page raw;
 *     else
 *         store clen bytes of buf;
 *     ...
 *     if ( lz_decompress(stored, clen, page, PAGE_SIZE) != PAGE_SIZE )
 *         the stored data is corrupt;
 *
 * Neither function allocates, takes locks, sleeps or keeps state between
 * calls: the caller provides LZ_WRKMEM bytes of scratch (a per-CPU buffer
 * in the hypervisor) to lz_compress(); lz_decompress() needs none.
 */
#ifndef XEN_LZ_H
#define XEN_LZ_H

#include <xen/types.h>

/* Largest input lz_compress() accepts, and most lz_decompress() yields. */
#define LZ_MAX_LEN          65536

/* Bytes of scratch lz_compress() needs (its hash table). */
#define LZ_HASH_BITS        12
#define LZ_WRKMEM           ((1U << LZ_HASH_BITS) * sizeof(uint16_t))

/*
 * Worst-case compressed size of len bytes (len <= LZ_MAX_LEN): with a
 * dst_cap of at least this, lz_compress() never returns 0 for want of
 * room.  A sequence can cost at most 2 bytes more than its input, and
 * only if it covers at least 274 bytes; the final token and its length
 * cost at most 4 (see docs/misc/lz.md, "Bound").
 */
#define LZ_BOUND(len)       ((len) + (len) / 128 + 8)

/* LZ_BOUND() as a function.  Returns 0 for len > LZ_MAX_LEN. */
size_t lz_bound(size_t len);

/*
 * Compress len bytes at src into at most dst_cap bytes at dst, using wrk
 * (LZ_WRKMEM bytes, aligned to 2; contents on entry do not matter and
 * are clobbered) as scratch.  src and dst must not overlap.  The output
 * depends only on src and len (deterministic).
 *
 * Returns the compressed length (at least 1), or 0 if len > LZ_MAX_LEN
 * or the stream would not fit in dst_cap; then dst holds garbage and the
 * caller stores the data raw.  Any len from 0 to LZ_MAX_LEN is accepted.
 * O(len); no locks, no allocation, does not sleep.
 */
size_t lz_compress(const void *src, size_t len, void *dst, size_t dst_cap,
                   void *wrk);

/*
 * Decompress the stream of len bytes at src into dst, which has room for
 * dst_len bytes and does not overlap src.  src is treated as untrusted:
 * whatever it holds, this reads only src[0..len), writes only
 * dst[0..min(dst_len, LZ_MAX_LEN)) and terminates in O(len + dst_len).
 *
 * Returns the decompressed length (0..LZ_MAX_LEN), or -EINVAL if the
 * stream is malformed: empty, truncated, a match reaching before the
 * start of the output, or output longer than dst_len.  dst bytes past
 * the returned length (and all of dst on error) are unspecified.
 * No locks, no allocation, does not sleep.
 */
int lz_decompress(const void *src, size_t len, void *dst, size_t dst_len);

#endif /* XEN_LZ_H */
