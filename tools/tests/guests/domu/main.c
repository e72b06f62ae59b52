/* SPDX-License-Identifier: GPL-2.0 */
/*
 * domu: an unprivileged guest, built by the "toolstack" guest from a
 * later boot module.  It checks what an ordinary domain sees (no SIF_*
 * flags, its own reservation) and that every privileged operation it
 * tries is refused with the exact error, then ends as its command line
 * says:
 *
 *   (nothing)   report and shut down (SHUTDOWN_poweroff)
 *   crash       read an unpopulated gfn: the hypervisor crashes this
 *               domain, and dom0 and the others go on
 *   spin        loop forever without a hypercall: only timer preemption
 *               lets anybody else run; the toolstack destroys it
 *   touch       read every page of its memory (each first touch makes
 *               the hypervisor map it, page tables included), then
 *               report as above
 */

#include "guest.h"

static void expect(const char *what, long got, long want)
{
    if ( got != want )
        guest_failure("Fail: %s: got %ld, expected %ld\n", what, got, want);
}

static void test_unprivileged(void)
{
    struct xen_sysctl sop = {
        .cmd = XEN_SYSCTL_physinfo,
        .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
    };
    struct xen_domctl dop = {
        .cmd = XEN_DOMCTL_getdomaininfo,
        .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
        .domain = 0,
    };
    struct xen_memory_reservation r = { .nr_extents = 1, .domid = 0 };
    struct sched_remote_shutdown rs = { .domain_id = 0 };
    struct tmem_op top = { .cmd = TMEM_CONTROL };
    domid_t dom0 = 0;
    xen_pfn_t gfn = 0;
    char c;

    set_xen_guest_handle(r.extent_start, &gfn);
    expect("sysctl physinfo", hypercall_sysctl(&sop), -XEN_EPERM);
    expect("domctl getdomaininfo d0", hypercall_domctl(&dop), -XEN_EPERM);
    dop.cmd = XEN_DOMCTL_createdomain;
    dop.u.createdomain.max_vcpus = 1;
    expect("domctl createdomain", hypercall_domctl(&dop), -XEN_EPERM);
    expect("current_reservation d0",
           hypercall_memory_op(XENMEM_current_reservation, &dom0),
           -XEN_EPERM);
    expect("decrease_reservation d0",
           hypercall_memory_op(XENMEM_decrease_reservation, &r), 0);
    expect("populate_physmap d0",
           hypercall_memory_op(XENMEM_populate_physmap, &r), 0);
    r.nr_extents = 16;
    set_xen_guest_handle(r.extent_start, NULL);
    expect("claim_pages d0", hypercall_memory_op(XENMEM_claim_pages, &r),
           -XEN_EPERM);
    expect("remote_shutdown d0",
           hypercall_sched_op(SCHEDOP_remote_shutdown, &rs), -XEN_EPERM);
    expect("console_io read",
           hypercall3(__HYPERVISOR_console_io, CONSOLEIO_read, 1,
                      (unsigned long)&c), -XEN_EPERM);
    expect("tmem control", hypercall_tmem_op(&top),
           cmdline_has("tmem") ? -XEN_EPERM : -XEN_ENODEV);
}

const char test_title[] = "domu: an unprivileged domain";

void test_main(void)
{
    domid_t self = DOMID_SELF;

    printk("Hello from an unprivileged domain: %lu pages, command line "
           "'%s'\n", (unsigned long)start_info->nr_pages, guest_cmdline());
    expect("start info flags", start_info->flags, 0);
    expect("current_reservation",
           hypercall_memory_op(XENMEM_current_reservation, &self),
           (long)start_info->nr_pages);
    test_unprivileged();

    if ( cmdline_has("crash") )
    {
        printk("Crashing on purpose\n");
        (void)*(volatile unsigned long *)gfn_to_va(1UL << 26);
        guest_failure("Fail: still running after the fault\n");
        return;
    }
    if ( cmdline_has("spin") )
    {
        printk("Spinning without hypercalls\n");
        for ( ;; )
            __asm__ __volatile__ ( "pause" );
    }
    if ( cmdline_has("touch") )
    {
        unsigned long gfn, sum = 0;

        for ( gfn = 0; gfn < start_info->nr_pages; gfn++ )
            sum += *(volatile unsigned char *)gfn_to_va(gfn);
        printk("Touched all %lu pages (byte sum %lu)\n",
               (unsigned long)start_info->nr_pages, sum);
    }
    guest_success(NULL);
}
