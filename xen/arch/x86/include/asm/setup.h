/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Interfaces between the pieces of the x86 boot (setup.c drives them in
 * order: serial, traps, memory, time, then the common code).
 */
#ifndef X86_ASM_SETUP_H
#define X86_ASM_SETUP_H

#include <xen/types.h>

struct multiboot_info;

/* serial.c: program COM1 (115200 8N1, FIFOs on).  Call first. */
void serial_init(void);

/* traps.c: load the IDT and the TSS (IST stacks).  No allocation. */
void traps_init(void);

/*
 * mm.c: read the multiboot memory map, print it, map all RAM in the
 * direct map, place the frame table and give every free frame to the
 * heap.  Panics if memory is unusable.  Boot time only.
 */
void memory_init(const struct multiboot_info *mbi);

/*
 * mm.c: map the 2 MiB-aligned region holding [pa, pa + size) uncached in
 * the direct map (MMIO such as the local APIC).  Returns its address.
 */
void *ioremap_nocache(paddr_t pa, unsigned long size);

/* mm.c: drop the boot-time identity map of low memory. */
void zap_low_mappings(void);

/* time.c: record the TSC at entry; NOW() counts from there. */
void time_early_init(void);

/* time.c: calibrate the TSC against the PIT; NOW() works afterwards. */
void time_init(void);

/*
 * time.c: start the periodic local APIC timer (interrupts on).
 * Returns 0, or -ENODEV when there is no usable local APIC.
 */
int timer_init(void);

/* time.c: timer interrupts taken so far. */
unsigned long timer_ticks(void);

/* traps.c: interrupt vectors this port uses. */
#define TIMER_VECTOR            0xf0
#define SPURIOUS_VECTOR         0xff

/* setup.c: the C entry, called by boot/head.S on the boot stack. */
void __noreturn __start_xen(uint32_t mb_magic, uint32_t mbi_pa);

/* crash.c: trigger the fault boot-crash= asks for, if any. */
void crash_trigger(void);

/*
 * setup.c: the multiboot modules, in the loader's order.  Module 0 is
 * dom0's image.  QEMU's -initrd "file args,..." gives each module a
 * string "file args": 'path' is its first word, 'cmdline' the rest.
 */
#define MAX_BOOT_MODULES        16

struct boot_module {
    const void *image;          /* direct-map address */
    unsigned long len;          /* bytes */
    const char *path;           /* not NUL-terminated: path_len bytes */
    unsigned int path_len;
    const char *cmdline;        /* NUL-terminated, "" if none */
};

extern struct boot_module boot_modules[MAX_BOOT_MODULES];
extern unsigned int nr_boot_modules;

/*
 * setup.c: audit the heap, print its totals and stop the machine with
 * 'code' (hooks.c: HALT_*).  Panics instead if the audit fails.
 */
void __noreturn machine_halt(int code);

/* Exit codes for arch_halt() (the table is in hooks.c). */
/*
 * Audit the heap, then reset the machine (PCI reset register, keyboard
 * controller, triple fault).  Never returns.
 */
void __noreturn machine_reboot(void);

#define HALT_CLEAN              0       /* clean shutdown */
#define HALT_PANIC              1       /* panic, ASSERT, fatal trap */
#define HALT_DOM0_FAILED        2       /* dom0 stopped, not poweroff */

/* Linker-provided bounds (xen.lds, boot/head.S). */
extern char __image_start[], __image_end[], __bss_start[], __bss_end[];
extern char _stext[], _etext[];
extern char boot_stack[], boot_stack_top[];
extern uint64_t boot_gdt[];
extern uint64_t boot_l4[], boot_l3_dmap[], boot_l2[];

#endif /* X86_ASM_SETUP_H */
