/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __start_xen: the x86_64 boot, from boot/head.S's call to shutdown.
 *
 *   serial -> traps, syscall MSRs -> command line -> memory (e820,
 *   direct map, frame table, heap) -> boot modules -> drop the identity
 *   map -> TSC and APIC timer -> boot-crash= -> domains, dom0's memory
 *   -> selftest -> heap audit -> dom0's image from module 0, run it.
 *
 * From then on the CPU runs guests (schedule.c) and the boot stack is
 * the hypervisor stack every ring-3 entry lands on; the machine stops
 * when dom0 shuts down.  Without a module there is nothing to run: the
 * boot ends with a clean shutdown (hooks.c has the exit-code table).
 */

#include <xen/console.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/selftest.h>
#include <xen/time.h>

#include <asm/domain.h>
#include <asm/io.h>
#include <asm/multiboot.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>

#define TIMER_CHECK_MS          50
#define CPUID7_EBX_SMEP         (1U << 7)

static bool opt_selftest;
boolean_param("selftest", opt_selftest);

struct boot_module boot_modules[MAX_BOOT_MODULES];
unsigned int nr_boot_modules;

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

/*
 * Record the multiboot modules (the direct map must cover them: call
 * after memory_init).  Modules beyond MAX_BOOT_MODULES are ignored.
 */
static void boot_modules_init(const struct multiboot_info *mbi)
{
    const struct multiboot_module *mod;
    unsigned int i;

    if ( !(mbi->flags & MBI_MODULES) || !mbi->mods_count )
        return;
    mod = maddr_to_virt(mbi->mods_addr);
    for ( i = 0; i < mbi->mods_count && i < MAX_BOOT_MODULES; i++ )
    {
        struct boot_module *m = &boot_modules[i];
        const char *p = mod[i].string ? maddr_to_virt(mod[i].string) : "";

        m->image = maddr_to_virt(mod[i].mod_start);
        m->len = mod[i].mod_end - mod[i].mod_start;
        while ( *p == ' ' )
            p++;
        m->path = p;
        while ( *p && *p != ' ' )
            p++;
        m->path_len = p - m->path;
        while ( *p == ' ' )
            p++;
        m->cmdline = p;
        printk("Module %u: %.*s, %lu bytes at %#x%s%s\n", i,
               (int)m->path_len, m->path, m->len, mod[i].mod_start,
               *p ? ", command line: " : "", p);
    }
    nr_boot_modules = i;
    if ( mbi->mods_count > MAX_BOOT_MODULES )
        printk("%u modules ignored (at most %u)\n",
               mbi->mods_count - MAX_BOOT_MODULES, MAX_BOOT_MODULES);
}

/* SMEP: the hypervisor can never execute a guest's (user) page. */
static void cpu_protections_init(void)
{
    uint32_t a, b, c, d;

    cpuid(0, &a, &b, &c, &d);
    if ( a < 7 )
        return;
    cpuid(7, &a, &b, &c, &d);
    if ( b & CPUID7_EBX_SMEP )
        write_cr4(read_cr4() | X86_CR4_SMEP);
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

/* Audit the heap and the claims; panic if they are inconsistent. */
static void heap_check(const char *when)
{
    int rc = heap_audit();

    if ( !rc )
        rc = claims_audit();
    printk("Heap: %lu of %lu pages free, audit %s\n", total_free_pages(),
           total_heap_pages(), rc ? "FAILED" : "ok");
    if ( rc )
        panic("Heap audit failed %s\n", when);
}

void machine_halt(int code)
{
    heap_check("at shutdown");
    printk("Shutting down after %lu ms, %lu timer ticks (exit code %d)\n",
           (unsigned long)(NOW() / 1000000), timer_ticks(), code);
    arch_halt(code);
}

/*
 * Reset the machine: the PCI reset control register (0xcf9), then the
 * keyboard controller's reset line, then a triple fault, each given a
 * moment to act.  QEMU started with -no-reboot exits with status 0.
 */
void machine_reboot(void)
{
    static const struct { uint16_t limit; uint64_t base; } __packed
        no_idt = { 0, 0 };
    unsigned int i;

    heap_check("before reboot");
    printk("Rebooting the machine after %lu ms\n",
           (unsigned long)(NOW() / 1000000));
    local_irq_disable();
    outb(0x02, 0xcf9);                  /* prepare a hard reset */
    outb(0x06, 0xcf9);                  /* ... and do it */
    for ( i = 0; i < 1000000; i++ )
        cpu_relax();
    outb(0xfe, 0x64);                   /* keyboard controller reset */
    for ( i = 0; i < 1000000; i++ )
        cpu_relax();
    __asm__ __volatile__ ( "lidt %0; int3" :: "m" (no_idt) );
    for ( ;; )
        halt();
}

void __start_xen(uint32_t mb_magic, uint32_t mbi_pa)
{
    const struct multiboot_info *mbi = maddr_to_virt(mbi_pa);
    struct domain *dom0;
    unsigned int bad;
    bool have_timer;

    time_early_init();
    serial_init();
    traps_init();
    pv_syscall_init();
    cpu_protections_init();
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
    boot_modules_init(mbi);
    zap_low_mappings();
    time_init();
    have_timer = !timer_init();
    if ( !have_timer )
        printk("Timer: no local APIC, no periodic tick\n");

    crash_trigger();

    domain_subsys_init();
    dom0 = dom0_create(0);

    if ( opt_selftest )
    {
        if ( have_timer )
            arch_selftest();
        if ( selftest_run() )
            panic("selftest failed\n");
    }
    heap_check("at the end of boot");

    if ( !nr_boot_modules )
    {
        printk("Boot complete in %lu ms, %lu timer ticks; no dom0 image "
               "(module 0): shutting down\n",
               (unsigned long)(NOW() / 1000000), timer_ticks());
        arch_halt(HALT_CLEAN);
    }
    pv_dom0_build(dom0);
    printk("Boot complete in %lu ms; starting dom0\n",
           (unsigned long)(NOW() / 1000000));
    sched_start();
}
