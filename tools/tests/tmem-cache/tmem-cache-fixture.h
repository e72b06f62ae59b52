/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor-side figures for test-tmem-cache (tmem-cache-fixture.c). */
#ifndef TMEM_CACHE_FIXTURE_H
#define TMEM_CACHE_FIXTURE_H

#include <stddef.h>

/* Bytes currently allocated through xmalloc. */
size_t tc_xmalloc_used(void);

/* Bytes of one tmem object descriptor and of one radix-tree node. */
size_t tc_object_size(void);
size_t tc_node_size(void);

#endif /* TMEM_CACHE_FIXTURE_H */
