/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor-side half of bench-tmem: memory figures only. */

#include <xen/mm.h>
#include <xen/xmalloc.h>

#include "bench-tmem-fixture.h"

size_t bt_xmalloc_used(void)
{
    return xmalloc_used_bytes();
}

size_t bt_page_info_size(void)
{
    return sizeof(struct page_info);
}
