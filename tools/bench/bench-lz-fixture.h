/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench-lz's hypervisor-side loops (bench-lz-fixture.c), callable from
 * the libc side.  Plain C, no hypervisor types.
 *
 * Pages are LZ_PAGE bytes, contiguous; compressed pages go to slots of
 * stride >= bl_slot() bytes each (room for the worst case), their
 * lengths to lens.
 */
#ifndef BENCH_LZ_FIXTURE_H
#define BENCH_LZ_FIXTURE_H

#include <stddef.h>
#include <stdint.h>

#define LZ_PAGE         4096

/* Bytes per compressed slot: lz_bound(LZ_PAGE). */
size_t bl_slot(void);

/*
 * lz_compress() each of n pages at in into its slot at out, lens[i] its
 * length, with one static LZ_WRKMEM scratch (as a per-CPU buffer would
 * be).  Returns the total compressed bytes, or 0 if a page failed.
 */
size_t bl_compress_pages(const void *in, size_t n, void *out,
                         size_t stride, uint32_t *lens);

/*
 * lz_decompress() each of n slots at in (lengths lens) into its page at
 * out.  Returns 0, or -1 if a page did not decompress to LZ_PAGE bytes.
 */
int bl_decompress_pages(const void *in, size_t stride,
                        const uint32_t *lens, size_t n, void *out);

#endif /* BENCH_LZ_FIXTURE_H */
