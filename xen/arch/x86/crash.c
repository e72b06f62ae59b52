/* SPDX-License-Identifier: GPL-2.0 */
/*
 * boot-crash=<kind>: deliberately crash the boot once the heap and
 * timer are up, so that the boot tests can see the trap report and the
 * panic exit code.  Debug builds only; a release build logs and ignores
 * it.  Kinds:
 *
 *   pagefault   read through a NULL pointer (#PF, cr2 = 8)
 *   gp          read a non-canonical address (#GP)
 *   ud          execute ud2 (#UD)
 *   divide      divide by zero (#DE)
 *   assert      a failing ASSERT()
 *   bug         BUG()
 *   panic       panic()
 */

#include <xen/lib.h>
#include <xen/param.h>

#include <asm/setup.h>

static char opt_boot_crash[16];
string_param("boot-crash", opt_boot_crash);

/* Read an address the compiler cannot see through (no -Warray-bounds). */
static void crash_read(unsigned long va)
{
    unsigned long v;

    __asm__ __volatile__ ( "mov (%1), %0" : "=r" (v) : "r" (va) : "memory" );
}

static void crash_pagefault(void)
{
    crash_read(8);
}

static void crash_gp(void)
{
    crash_read(1UL << 63);
}

static void crash_divide(void)
{
    volatile unsigned int zero = 0, one = 1;

    (void)(one / zero);
}

static void crash_assert(void)
{
    volatile bool no = false;

    ASSERT(no);
}

static void crash_ud(void)
{
    __asm__ __volatile__ ( "ud2" );
}

static void crash_bug(void)
{
    BUG();
}

static void crash_panic(void)
{
    panic("boot-crash=panic\n");
}

static const struct {
    const char *name;
    void (*fn)(void);
} crash_kinds[] = {
    { "pagefault", crash_pagefault },
    { "gp", crash_gp },
    { "ud", crash_ud },
    { "divide", crash_divide },
    { "assert", crash_assert },
    { "bug", crash_bug },
    { "panic", crash_panic },
};

/*
 * Crash as boot-crash= says, or do nothing when it is unset, unknown (a
 * warning) or the build is not a debug build.  Returns only then.
 */
void crash_trigger(void)
{
    unsigned int i;

    if ( !opt_boot_crash[0] )
        return;
#ifdef NDEBUG
    printk("boot-crash=%s ignored: debug builds only\n", opt_boot_crash);
    return;
#endif
    for ( i = 0; i < ARRAY_SIZE(crash_kinds); i++ )
        if ( !strcmp(opt_boot_crash, crash_kinds[i].name) )
        {
            printk("boot-crash=%s: crashing on purpose\n", opt_boot_crash);
            crash_kinds[i].fn();
            printk("boot-crash=%s: still alive?\n", opt_boot_crash);
            return;
        }
    printk("boot-crash=%s: unknown kind, ignored\n", opt_boot_crash);
}
