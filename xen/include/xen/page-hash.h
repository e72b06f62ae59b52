/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page content helpers for tmem (xen/common/page-hash.c): trailing-zero
 * elimination and a fast content hash for deduplication.  Freestanding,
 * no state, no locks; safe on any bytes.
 */
#ifndef XEN_PAGE_HASH_H
#define XEN_PAGE_HASH_H

#include <xen/types.h>

/*
 * Length of p[0..len) without its trailing zero bytes: the index one
 * past the last non-zero byte, 0 if all len bytes are zero (or len is 0).
 * Reads only p[0..len), a word at a time; any alignment.  O(len).
 */
size_t tze_len(const void *p, size_t len);

/*
 * A 64-bit hash of p[0..len) under seed, for finding candidate duplicate
 * pages; equal contents and lengths give equal hashes.  Any change
 * confined to one of the 8-byte words p[8k..8k+8) (the last may be
 * shorter), so any single bit flip, always changes the hash.  Not
 * cryptographic: a caller must compare the contents before sharing a
 * page, and should use a secret per-boot seed so that a guest cannot aim
 * collisions at one bucket.  Depends on the CPU's byte order.  Reads only
 * p[0..len); any alignment.  O(len).
 */
uint64_t page_hash64(const void *p, size_t len, uint64_t seed);

#endif /* XEN_PAGE_HASH_H */
