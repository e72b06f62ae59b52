/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hello: the smallest useful dom0.  Checks what a guest sees at boot
 * (start info, command line, a zeroed .bss), that the console works,
 * memory_op current/maximum reservation on DOMID_SELF, physinfo through
 * sysctl as the control domain, SCHEDOP_yield, the register convention
 * of a hypercall, and that memory given back and repopulated is mapped
 * afresh (the page-table entry of a freed gfn must not survive).
 */

#include "guest.h"

/* Sits in .bss: the ELF loader must have zeroed it. */
static unsigned char bss_block[8192];

static void check_eq(const char *what, long got, long want)
{
    if ( got != want )
        guest_failure("Fail: %s: got %ld, expected %ld\n", what, got, want);
}

static void test_start_info(void)
{
    unsigned int i;

    printk("Command line: '%s'\n", guest_cmdline());
    check_eq("start info flags", start_info->flags,
             SIF_PRIVILEGED | SIF_INITDOMAIN);
    if ( !start_info->nr_pages )
        guest_failure("Fail: start info: nr_pages is 0\n");
    for ( i = 0; i < sizeof(bss_block); i++ )
        if ( bss_block[i] )
        {
            guest_failure("Fail: .bss byte %u is %#x\n", i, bss_block[i]);
            break;
        }
}

static void test_reservation(void)
{
    domid_t self = DOMID_SELF;
    long cur = hypercall_memory_op(XENMEM_current_reservation, &self);
    long max = hypercall_memory_op(XENMEM_maximum_reservation, &self);

    printk("Reservation: current %ld pages, maximum %ld pages\n", cur, max);
    check_eq("current_reservation", cur, (long)start_info->nr_pages);
    if ( max < cur )
        guest_failure("Fail: maximum_reservation %ld < current %ld\n", max,
                      cur);
}

static void test_physinfo(void)
{
    struct xen_sysctl op = {
        .cmd = XEN_SYSCTL_physinfo,
        .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
    };
    struct xen_sysctl_physinfo *pi = &op.u.physinfo;
    long rc = hypercall_sysctl(&op);

    check_eq("sysctl physinfo", rc, 0);
    if ( rc )
        return;
    printk("Physinfo: %u CPU(s) at %u kHz, %lu pages total, %lu free, "
           "%lu outstanding\n", pi->nr_cpus, pi->cpu_khz,
           (unsigned long)pi->total_pages, (unsigned long)pi->free_pages,
           (unsigned long)pi->outstanding_pages);
    if ( !pi->nr_cpus || !pi->total_pages ||
         pi->free_pages > pi->total_pages ||
         pi->total_pages < start_info->nr_pages )
        guest_failure("Fail: physinfo figures inconsistent\n");
}

/*
 * Registers a hypercall must preserve (all but rax, rcx, r11 and the
 * argument registers) survive one, and the argument registers come back
 * either intact or poisoned (debug builds).
 */
static void test_register_convention(void)
{
    unsigned long in[7] = { 0x1111, 0x2222, 0x3333, 0x4444, 0x5555,
                            0x6666, 0x7777 };
    unsigned long out[8];               /* [7]: rdi after the call */
    unsigned long *pin = in, *pout = out;

    /* yield: rdi = SCHEDOP_yield (0); rsi (in) is ignored by it. */
    __asm__ __volatile__ (
        "push %%rbx; push %%rbp; push %%r12; push %%r13; push %%r14;"
        "push %%r15;"
        "mov 0(%%rsi), %%rbx; mov 8(%%rsi), %%rbp; mov 16(%%rsi), %%r12;"
        "mov 24(%%rsi), %%r13; mov 32(%%rsi), %%r14; mov 40(%%rsi), %%r15;"
        "mov 48(%%rsi), %%r9;"
        "push %%rdx;"
        "mov %[nr], %%eax; xor %%edi, %%edi; syscall;"
        "pop %%rdx;"
        "mov %%rbx, 0(%%rdx); mov %%rbp, 8(%%rdx); mov %%r12, 16(%%rdx);"
        "mov %%r13, 24(%%rdx); mov %%r14, 32(%%rdx); mov %%r15, 40(%%rdx);"
        "mov %%r9, 48(%%rdx); mov %%rdi, 56(%%rdx);"
        "pop %%r15; pop %%r14; pop %%r13; pop %%r12; pop %%rbp; pop %%rbx"
        : "+S" (pin), "+d" (pout)
        : [nr] "i" (__HYPERVISOR_sched_op)
        : "rax", "rcx", "rdi", "r8", "r9", "r10", "r11", "memory" );

    if ( memcmp(in, out, sizeof(in)) )
        guest_failure("Fail: a hypercall changed a preserved register\n");
    printk("Argument registers after a hypercall: %s\n",
           out[7] == 0xdeadbeefdeadf00dUL ? "poisoned (debug build)" :
           out[7] == 0 ? "intact" : "changed");
}

/*
 * Give the last page back, touch nothing, repopulate it, and read it:
 * it must be a fresh (zeroed) frame, not the old one with its data.
 */
static void test_repopulate(void)
{
    xen_pfn_t gfn = start_info->nr_pages - 1;
    volatile uint64_t *p = gfn_to_va(gfn);
    struct xen_memory_reservation r = {
        .nr_extents = 1,
        .extent_order = 0,
        .domid = DOMID_SELF,
    };
    domid_t self = DOMID_SELF;

    set_xen_guest_handle(r.extent_start, &gfn);
    *p = 0x5a5a5a5a5a5a5a5aUL;          /* maps it (first touch) */
    check_eq("decrease_reservation", hypercall_memory_op(
                 XENMEM_decrease_reservation, &r), 1);
    check_eq("current_reservation after decrease", hypercall_memory_op(
                 XENMEM_current_reservation, &self),
             (long)start_info->nr_pages - 1);
    check_eq("populate_physmap", hypercall_memory_op(
                 XENMEM_populate_physmap, &r), 1);
    if ( *p != 0 )
        guest_failure("Fail: repopulated page reads %#lx, not 0\n",
                      (unsigned long)*p);
}

const char test_title[] = "hello: console, start info, reservation, "
                          "physinfo, register convention";

void test_main(void)
{
    printk("Hello from dom0 in ring 3\n");
    test_start_info();
    test_reservation();
    test_physinfo();
    test_register_convention();
    check_eq("SCHEDOP_yield", hypercall_yield(), 0);
    test_repopulate();
    guest_success(NULL);
}
