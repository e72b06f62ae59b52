/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-lz: thin wrappers so that the libc side,
 * which cannot include hypervisor headers, calls the real compressor,
 * decompressor and page helpers (built with the hypervisor's flags, and
 * with ASan+UBSan in the sanitizer variant).
 */

#include <xen/errno.h>
#include <xen/lz.h>
#include <xen/page-hash.h>

#include "lz-fixture.h"

size_t lzt_compress(const void *src, size_t len, void *dst, size_t dst_cap,
                    void *wrk)
{
    return lz_compress(src, len, dst, dst_cap, wrk);
}

int lzt_decompress(const void *src, size_t len, void *dst, size_t dst_len)
{
    return lz_decompress(src, len, dst, dst_len);
}

size_t lzt_bound(size_t len)
{
    return lz_bound(len);
}

size_t lzt_tze_len(const void *p, size_t len)
{
    return tze_len(p, len);
}

uint64_t lzt_page_hash64(const void *p, size_t len, uint64_t seed)
{
    return page_hash64(p, len, seed);
}

size_t lzt_wrkmem(void)
{
    return LZ_WRKMEM;
}

size_t lzt_max_len(void)
{
    return LZ_MAX_LEN;
}

size_t lzt_bound_macro(size_t len)
{
    return LZ_BOUND(len);
}

int lzt_einval(void)
{
    return -EINVAL;
}
