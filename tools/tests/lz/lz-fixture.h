/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-lz (lz-fixture.c): the real
 * xen/common/lz.c and page-hash.c entry points and constants, callable
 * from the libc side with plain C types.  Each lzt_* function calls the
 * function of the same name without the "t" and returns what it returns.
 */
#ifndef LZ_FIXTURE_H
#define LZ_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

size_t lzt_compress(const void *src, size_t len, void *dst, size_t dst_cap,
                    void *wrk);
int lzt_decompress(const void *src, size_t len, void *dst, size_t dst_len);
size_t lzt_bound(size_t len);
size_t lzt_tze_len(const void *p, size_t len);
uint64_t lzt_page_hash64(const void *p, size_t len, uint64_t seed);

/* LZ_WRKMEM, LZ_MAX_LEN, LZ_BOUND(len), -EINVAL as the hypervisor has them. */
size_t lzt_wrkmem(void);
size_t lzt_max_len(void);
size_t lzt_bound_macro(size_t len);
int lzt_einval(void);

#endif /* LZ_FIXTURE_H */
