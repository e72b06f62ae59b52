/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of bench-lz: the compression loops, built with
 * the hypervisor's flags (-O2, no SSE) like the code tmem would run, so
 * that bench-lz.c can time them, or count their instructions under
 * callgrind, with no libc code in between.  The loops are plain: their
 * own instructions are what run-bench subtracts as loop overhead.
 */

#include <xen/lib.h>
#include <xen/lz.h>

#include "bench-lz-fixture.h"

static uint16_t wrk[LZ_WRKMEM / sizeof(uint16_t)];

size_t bl_slot(void)
{
    return LZ_BOUND(LZ_PAGE);
}

size_t bl_compress_pages(const void *in, size_t n, void *out,
                         size_t stride, uint32_t *lens)
{
    const uint8_t *src = in;
    uint8_t *dst = out;
    size_t i, total = 0;

    for ( i = 0; i < n; i++ )
    {
        lens[i] = lz_compress(src + i * LZ_PAGE, LZ_PAGE,
                              dst + i * stride, LZ_BOUND(LZ_PAGE), wrk);
        if ( !lens[i] )
            return 0;
        total += lens[i];
    }
    return total;
}

int bl_decompress_pages(const void *in, size_t stride,
                        const uint32_t *lens, size_t n, void *out)
{
    const uint8_t *src = in;
    uint8_t *dst = out;
    size_t i;

    for ( i = 0; i < n; i++ )
        if ( lz_decompress(src + i * stride, lens[i],
                           dst + i * LZ_PAGE, LZ_PAGE) != LZ_PAGE )
            return -1;
    return 0;
}
