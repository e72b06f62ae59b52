/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor-side figures for bench-tmem (bench-tmem-fixture.c). */
#ifndef BENCH_TMEM_FIXTURE_H
#define BENCH_TMEM_FIXTURE_H

#include <stddef.h>

/* Bytes allocated through xmalloc (objects, radix nodes, pools). */
size_t bt_xmalloc_used(void);

/* sizeof(struct page_info): the frame table's share per frame. */
size_t bt_page_info_size(void);

#endif /* BENCH_TMEM_FIXTURE_H */
