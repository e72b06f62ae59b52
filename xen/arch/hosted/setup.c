/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Booting the hosted arch: parse the command line, map the arena that
 * serves as machine RAM and its frame table, split it into the simulated
 * NUMA nodes, hand it to the heap and build dom0.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>

#include <asm/host.h>

#include "hosted-api.h"

#define HOSTED_MIN_MEM          (16UL << 20)
#define HOSTED_MAX_MEM          (64UL << 30)

static uint64_t opt_mem = 1UL << 30;
size_param("mem", opt_mem);

static unsigned int opt_numa = 1;
integer_param("numa", opt_numa);

unsigned int opt_hosted_preempt;
integer_param("hosted-preempt", opt_hosted_preempt);

char *hosted_arena_base;
unsigned long hosted_arena_pages;

/* Defined here, called by host.c. */
int hosted_start_xen(const char *cmdline);

/* Map the arena and the frame table; give every frame its node. */
static int arena_init(unsigned long nr, unsigned int nodes)
{
    unsigned long mfn, per_node = nr / nodes;

    hosted_arena_base = host_map_memory(nr << PAGE_SHIFT);
    frame_table = host_map_memory(nr * sizeof(struct page_info));
    if ( !hosted_arena_base || !frame_table )
        return -ENOMEM;
    hosted_arena_pages = nr;
    max_page = nr;
    for ( mfn = 0; mfn < nr; mfn++ )
        frame_table[mfn].nid = (uint8_t)min(mfn / per_node,
                                            (unsigned long)nodes - 1);
    return 0;
}

/* Hand each node's frames to the heap (the arena starts out zeroed). */
static void heap_setup(unsigned long nr, unsigned int nodes)
{
    unsigned long per_node = nr / nodes;
    unsigned int n;

    for ( n = 0; n < nodes; n++ )
    {
        unsigned long first = n * per_node;
        unsigned long count = n == nodes - 1 ? nr - first : per_node;

        init_heap_pages(_mfn(first), count, false);
        printk(XENLOG_INFO "Node %u: %lu MiB (mfn %#lx-%#lx)\n", n,
               count >> (20 - PAGE_SHIFT), first, first + count - 1);
    }
}

int hosted_start_xen(const char *cmdline)
{
    unsigned long nr;
    unsigned int bad;
    int rc;

    bad = cmdline_parse(cmdline);
    printk(XENLOG_INFO "Xen-shaped hypervisor, hosted arch\n");
    printk(XENLOG_INFO "Command line: %s\n", cmdline_get());
    if ( bad )
        printk(XENLOG_WARNING "%u command line option(s) ignored\n", bad);

    if ( opt_mem < HOSTED_MIN_MEM || opt_mem > HOSTED_MAX_MEM ||
         opt_numa < 1 || opt_numa > MAX_NUMNODES )
    {
        printk(XENLOG_ERR "mem= must be 16M..64G and numa= 1..%u\n",
               MAX_NUMNODES);
        return -EINVAL;
    }
    nr = opt_mem >> PAGE_SHIFT;
    rc = arena_init(nr, opt_numa);
    if ( rc )
        return rc;
    heap_setup(nr, opt_numa);
    printk(XENLOG_INFO "System RAM: %luMB (%lukB)\n", nr >> 8, nr << 2);

    domain_subsys_init();
    dom0_create(0);
    return 0;
}
