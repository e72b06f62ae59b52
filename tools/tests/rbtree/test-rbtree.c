/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unit tests of the red-black tree (xen/common/rbtree.c), run inside an
 * in-process hypervisor booted with 128 MiB.  The checks run
 * hypervisor-side in rbtree-fixture.c.
 */

#include "harness.h"
#include "hosted-api.h"
#include "rbtree-fixture.h"

#define FIXTURE_TEST(name)                                              \
    static void test_##name(void)                                       \
    {                                                                   \
        const char *err = rb_##name();                                  \
                                                                        \
        if ( err )                                                      \
            fail("%s", err);                                            \
    }

FIXTURE_TEST(random_keys)
FIXTURE_TEST(ascending_keys)
FIXTURE_TEST(every_small_order)

int main(void)
{
    if ( hosted_boot("mem=128M dom0_mem=8M") )
    {
        printf("cannot boot the hosted hypervisor\n");
        return 1;
    }
    RUN_TEST(test_random_keys);
    RUN_TEST(test_ascending_keys);
    RUN_TEST(test_every_small_order);
    return harness_report();
}
