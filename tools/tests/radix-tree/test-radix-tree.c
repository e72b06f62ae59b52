/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unit tests of the radix tree (xen/common/radix-tree.c), run inside an
 * in-process hypervisor booted with 128 MiB, whose xmalloc provides the
 * nodes.  The checks run hypervisor-side in radix-tree-fixture.c.
 */

#include "harness.h"
#include "hosted-api.h"
#include "radix-tree-fixture.h"

#define FIXTURE_TEST(name)                                              \
    static void test_##name(void)                                       \
    {                                                                   \
        const char *err = rt_##name();                                  \
                                                                        \
        if ( err )                                                      \
            fail("%s", err);                                            \
        if ( hosted_heap_audit() )                                      \
            fail("heap audit failed after the test");                   \
    }

FIXTURE_TEST(edge_indices)
FIXTURE_TEST(grow_shrink)
FIXTURE_TEST(errors)
FIXTURE_TEST(random_ops)
FIXTURE_TEST(cached_random_ops)
FIXTURE_TEST(gang_lookup)
FIXTURE_TEST(nomem)
FIXTURE_TEST(destroy)

/* A dense tree costs little more than its 8-byte slots. */
static void test_dense_cost(void)
{
    unsigned long milli = 0;
    const char *err = rt_dense_cost(&milli);

    if ( err )
        fail("%s", err);
    printf("dense tree: %lu.%03lu bytes per item\n", milli / 1000,
           milli % 1000);
}

int main(void)
{
    if ( hosted_boot("mem=128M dom0_mem=8M") )
    {
        printf("cannot boot the hosted hypervisor\n");
        return 1;
    }
    RUN_TEST(test_edge_indices);
    RUN_TEST(test_grow_shrink);
    RUN_TEST(test_errors);
    RUN_TEST(test_random_ops);
    RUN_TEST(test_cached_random_ops);
    RUN_TEST(test_gang_lookup);
    RUN_TEST(test_nomem);
    RUN_TEST(test_destroy);
    RUN_TEST(test_dense_cost);
    return harness_report();
}
