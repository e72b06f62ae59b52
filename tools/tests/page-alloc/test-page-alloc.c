/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unit tests of the buddy heap and claims core (xen/common/page_alloc.c),
 * run inside an in-process hypervisor booted with 256 MiB in two
 * simulated NUMA nodes.  The checks themselves run hypervisor-side in
 * page-alloc-fixture.c.
 */

#include "harness.h"
#include "hosted-api.h"
#include "page-alloc-fixture.h"

#define FIXTURE_TEST(name)                                              \
    static void test_##name(void)                                       \
    {                                                                   \
        const char *err = pa_##name();                                  \
                                                                        \
        if ( err )                                                      \
            fail("%s", err);                                            \
        if ( hosted_heap_audit() )                                      \
            fail("heap audit failed after the test");                   \
    }

FIXTURE_TEST(every_order)
FIXTURE_TEST(split_merge)
FIXTURE_TEST(exhaustion)
FIXTURE_TEST(scrubbing)
FIXTURE_TEST(node_placement)
FIXTURE_TEST(address_width)
FIXTURE_TEST(xenheap)
FIXTURE_TEST(max_pages)
FIXTURE_TEST(claims_hold)
FIXTURE_TEST(claim_shortfall)
FIXTURE_TEST(quicklist)

int main(void)
{
    if ( hosted_boot("mem=256M numa=2 dom0_mem=8M") )
    {
        printf("cannot boot the hosted hypervisor\n");
        return 1;
    }
    RUN_TEST(test_every_order);
    RUN_TEST(test_split_merge);
    RUN_TEST(test_exhaustion);
    RUN_TEST(test_scrubbing);
    RUN_TEST(test_node_placement);
    RUN_TEST(test_address_width);
    RUN_TEST(test_xenheap);
    RUN_TEST(test_max_pages);
    RUN_TEST(test_claims_hold);
    RUN_TEST(test_claim_shortfall);
    RUN_TEST(test_quicklist);
    return harness_report();
}
