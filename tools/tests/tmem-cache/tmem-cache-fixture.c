/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor-side half of test-tmem-cache: xmalloc figures. */

#include <xen/radix-tree.h>
#include <xen/xmalloc.h>

#include "../../../xen/common/tmem-private.h"
#include "tmem-cache-fixture.h"

size_t tc_xmalloc_used(void)
{
    return xmalloc_used_bytes();
}

size_t tc_object_size(void)
{
    return sizeof(struct tmem_object);
}

size_t tc_node_size(void)
{
    return radix_tree_node_size();
}
