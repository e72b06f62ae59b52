/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __start_xen: the x86_64 boot, from boot/head.S's call to shutdown.
 *
 *   serial -> traps -> command line -> memory (e820, direct map, frame
 *   table, heap) -> drop the identity map -> TSC and APIC timer ->
 *   boot-crash= -> domains, dom0 -> selftest -> heap audit -> halt.
 *
 * There is nothing to run after dom0 is built until ring-3 domains exist
 * (issue 5), so the boot ends with a clean shutdown: QEMU exits with the
 * success code (hooks.c has the exit-code table).
 */

#include <xen/console.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/selftest.h>
#include <xen/time.h>

#include <asm/multiboot.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>

#define TIMER_CHECK_MS          50

static bool opt_selftest;
boolean_param("selftest", opt_selftest);

/*
 * The loader's command line minus its first word, the image path that
 * QEMU and GRUB put there (Xen's cmdline_cook() strips it the same way).
 */
static const char *multiboot_cmdline(const struct multiboot_info *mbi)
{
    const char *p;

    if ( !(mbi->flags & MBI_CMDLINE) )
        return "";
    p = maddr_to_virt(mbi->cmdline);
    while ( *p == ' ' )
        p++;
    while ( *p && *p != ' ' )
        p++;
    while ( *p == ' ' )
        p++;
    return p;
}

static void print_banner(void)
{
    printk("Xen-shaped hypervisor, x86_64 arch (multiboot)\n");
    printk("Built with gcc %s%s\n", __VERSION__,
#ifndef NDEBUG
           ", debug"
#else
           ""
#endif
           );
}

/* Timer and clock checks: the arch's own part of the selftest verdict. */
static void arch_selftest(void)
{
    unsigned long t0 = timer_ticks();
    s_time_t start = NOW(), end = start + MILLISECS(TIMER_CHECK_MS);

    while ( NOW() < end )
        halt();                 /* woken by the tick */
    selftest_check(NOW() >= end, "time: NOW() is monotonic");
    selftest_check(timer_ticks() - t0 >= TIMER_CHECK_MS / 20,
                   "time: timer interrupts arrive");
}

static void __noreturn boot_finish(void)
{
    int rc = heap_audit();

    printk("Heap: %lu of %lu pages free, audit %s\n", total_free_pages(),
           total_heap_pages(), rc ? "FAILED" : "ok");
    if ( rc )
        panic("Heap audit failed at the end of boot\n");
    printk("Boot complete in %lu ms, %lu timer ticks; nothing to run "
           "yet: shutting down\n", (unsigned long)(NOW() / 1000000),
           timer_ticks());
    arch_halt(0);
}

void __start_xen(uint32_t mb_magic, uint32_t mbi_pa)
{
    const struct multiboot_info *mbi = maddr_to_virt(mbi_pa);
    unsigned int bad;
    bool have_timer;

    time_early_init();
    serial_init();
    traps_init();
    if ( mb_magic != MULTIBOOT_BOOTLOADER_MAGIC )
        panic("Not started by a multiboot loader (magic %#x)\n", mb_magic);
    /* Until mm.c extends it, the direct map covers the first GiB only. */
    if ( mbi_pa >= (1U << L3_PAGETABLE_SHIFT) )
        panic("Multiboot information at %#x, above 1 GiB\n", mbi_pa);

    bad = cmdline_parse(multiboot_cmdline(mbi));
    print_banner();
    printk("Command line: %s\n", cmdline_get());
    if ( bad )
        printk("%u command line option(s) ignored\n", bad);

    memory_init(mbi);
    zap_low_mappings();
    time_init();
    have_timer = !timer_init();
    if ( !have_timer )
        printk("Timer: no local APIC, no periodic tick\n");

    crash_trigger();

    domain_subsys_init();
    dom0_create(0);

    if ( opt_selftest )
    {
        if ( have_timer )
            arch_selftest();
        if ( selftest_run() )
            panic("selftest failed\n");
    }
    boot_finish();
}
