/* SPDX-License-Identifier: GPL-2.0 */
/*
 * crash: a guest that faults in ring 3 on purpose, in the way its
 * command line names.  The hypervisor must log the fault (domain,
 * vector, rip, cr2), crash this domain and carry on: as this is dom0,
 * it then destroys every domain, audits the heap and halts with the
 * "dom0 stopped" exit code.  If the guest is still running afterwards,
 * the fault did not happen and the test fails.
 *
 *   pagefault    read an unpopulated gfn (#PF, not present)
 *   below-base   read below the guest linear map (#PF)
 *   xen-read     read the hypervisor's direct map (#PF, protection)
 *   xen-write    write the hypervisor image (#PF, protection)
 *   xen-exec     jump into the hypervisor image (#PF, instruction fetch)
 *   freed        touch the last page, give it back, read it again: the
 *                mapping must be gone (#PF at that page)
 *   gp           read a non-canonical address (#GP)
 *   cli          disable interrupts (#GP: IOPL 0)
 *   io           write the QEMU exit port 0xf4 (#GP: no I/O from ring 3)
 *   int3         breakpoint (#GP: the IDT gate is ring 0 only)
 *   ud           ud2 (#UD)
 *   divide       divide by zero (#DE)
 */

#include "guest.h"

static void read_at(unsigned long va)
{
    unsigned long v;

    __asm__ __volatile__ ( "mov (%1), %0" : "=r" (v) : "r" (va) : "memory" );
}

static void crash_pagefault(void)
{
    read_at(GUEST_LINEAR_BASE + (256UL << 30));
}

static void crash_below_base(void)
{
    read_at(0x1000);
}

static void crash_xen_read(void)
{
    read_at(0xffff830000100000UL);
}

static void crash_xen_write(void)
{
    *(volatile unsigned long *)0xffffffff80200000UL = 0;
}

static void crash_xen_exec(void)
{
    ((void (*)(void))0xffffffff80200000UL)();
}

static void crash_freed(void)
{
    xen_pfn_t gfn = start_info->nr_pages - 1;
    volatile unsigned long *p = gfn_to_va(gfn);
    struct xen_memory_reservation r = {
        .nr_extents = 1, .domid = DOMID_SELF,
    };
    long rc;

    set_xen_guest_handle(r.extent_start, &gfn);
    *p = 0x1234;                        /* mapped now */
    rc = hypercall_memory_op(XENMEM_decrease_reservation, &r);
    if ( rc != 1 )
    {
        guest_error("Error: decrease_reservation returned %ld\n", rc);
        return;
    }
    printk("gfn %#lx given back; reading it again at %p\n",
           (unsigned long)gfn, (void *)p);
    (void)*p;
}

static void crash_gp(void)
{
    read_at(0x8000000000000000UL);
}

static void crash_cli(void)
{
    __asm__ __volatile__ ( "cli" );
}

static void crash_io(void)
{
    __asm__ __volatile__ ( "outl %0, %w1" :: "a" (0x10U), "Nd" (0xf4) );
}

static void crash_int3(void)
{
    __asm__ __volatile__ ( "int3" );
}

static void crash_ud(void)
{
    __asm__ __volatile__ ( "ud2" );
}

static void crash_divide(void)
{
    unsigned int zero = 0;

    __asm__ __volatile__ ( "divl %0" :: "r" (zero), "a" (1), "d" (0) );
}

static const struct {
    const char *name;
    void (*fn)(void);
} kinds[] = {
    { "pagefault", crash_pagefault },
    { "below-base", crash_below_base },
    { "xen-read", crash_xen_read },
    { "xen-write", crash_xen_write },
    { "xen-exec", crash_xen_exec },
    { "freed", crash_freed },
    { "gp", crash_gp },
    { "cli", crash_cli },
    { "io", crash_io },
    { "int3", crash_int3 },
    { "ud", crash_ud },
    { "divide", crash_divide },
};

const char test_title[] = "crash: a deliberate fault in ring 3";

void test_main(void)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(kinds); i++ )
        if ( cmdline_has(kinds[i].name) )
        {
            printk("Crashing on purpose: %s\n", kinds[i].name);
            kinds[i].fn();
            guest_failure("Fail: still running after '%s'\n",
                          kinds[i].name);
            return;
        }
    guest_error("Error: no crash kind on the command line\n");
}
