/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time: the TSC as the monotonic clock, calibrated against the PIT, and
 * the local APIC timer as the periodic tick.
 *
 * Calibration (as Linux's pit_calibrate_tsc): PIT channel 2 counts down
 * CALIBRATE_MS worth of its 1.193182 MHz input with the gate (port 0x61
 * bit 0) high; the TSC delta over that window gives its frequency.
 * NOW() = (tsc - tsc_boot) * tsc_scale >> 32, tsc_scale being ns per
 * cycle in 32.32 fixed point; the 128-bit product cannot overflow.
 *
 * The local APIC timer is then counted against the TSC for TICK_MS and
 * programmed periodic at HZ on TIMER_VECTOR; the 8259 PICs are masked.
 * Each tick ends the running vCPU's time slice (schedule.c).
 */

#include <xen/cpu.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/time.h>

#include <asm/domain.h>
#include <asm/io.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>

#define PIT_HZ                  1193182
#define CALIBRATE_MS            50
#define CALIBRATE_LATCH         (PIT_HZ * CALIBRATE_MS / 1000)
#define PIT_MODE_PORT           0x43
#define PIT_CH2_PORT            0x42
#define PIT_CH2_GATE_PORT       0x61
#define PIT_CH2_OUT             0x20    /* port 0x61: channel 2 output */

#define HZ                      100
#define TICK_MS                 (1000 / HZ)

/* Local APIC registers (byte offsets in its 4 KiB page). */
#define APIC_EOI                0x0b0
#define APIC_SVR                0x0f0
#define APIC_LVT_TIMER          0x320
#define APIC_TIMER_ICR          0x380
#define APIC_TIMER_CCR          0x390
#define APIC_TIMER_DCR          0x3e0
#define APIC_SVR_ENABLE         0x100
#define APIC_LVT_MASKED         (1U << 16)
#define APIC_LVT_PERIODIC       (1U << 17)
#define APIC_DCR_DIV16          0x3
#define APIC_BASE_ENABLE        (1UL << 11)
#define CPUID1_EDX_APIC         (1U << 9)

static uint64_t tsc_boot, tsc_hz, tsc_scale;
static volatile uint32_t *lapic;
static volatile unsigned long ticks;

/* Count TSC cycles across CALIBRATE_MS of PIT channel 2.  Returns Hz. */
static uint64_t pit_calibrate_tsc(void)
{
    uint64_t t0, t1;
    unsigned long loops = 0;

    /* Gate on, speaker off; channel 2, lo/hi byte, mode 0, binary. */
    outb((inb(PIT_CH2_GATE_PORT) & ~0x02) | 0x01, PIT_CH2_GATE_PORT);
    outb(0xb0, PIT_MODE_PORT);
    outb(CALIBRATE_LATCH & 0xff, PIT_CH2_PORT);
    outb(CALIBRATE_LATCH >> 8, PIT_CH2_PORT);

    t0 = rdtsc();
    while ( !(inb(PIT_CH2_GATE_PORT) & PIT_CH2_OUT) )
        loops++;
    t1 = rdtsc();
    if ( !loops )
        return 0;                       /* output never went low: no PIT */
    return (t1 - t0) * (1000 / CALIBRATE_MS);
}

void time_init(void)
{
    uint64_t hz = pit_calibrate_tsc();

    if ( hz < 1000000 )
        panic("TSC calibration against the PIT failed (%lu Hz)\n",
              (unsigned long)hz);
    tsc_hz = hz;
    tsc_scale = (1000000000ULL << 32) / hz;
    printk("Detected %lu.%03lu MHz processor (TSC, PIT-calibrated)\n",
           (unsigned long)(hz / 1000000),
           (unsigned long)(hz / 1000 % 1000));
}

void time_early_init(void)
{
    tsc_boot = rdtsc();
}

/* Nanoseconds since __start_xen; 0 until time_init() has calibrated. */
s_time_t arch_now(void)
{
    unsigned __int128 ns;

    if ( !tsc_scale )
        return 0;
    ns = (unsigned __int128)(rdtsc() - tsc_boot) * tsc_scale;
    return (s_time_t)(ns >> 32);
}

unsigned int arch_cpu_khz(void)
{
    return (unsigned int)(tsc_hz / 1000);
}

static void lapic_write(unsigned int reg, uint32_t v)
{
    lapic[reg / 4] = v;
}

static uint32_t lapic_read(unsigned int reg)
{
    return lapic[reg / 4];
}

/* APIC timer counts (divide-by-16) in one tick, measured on the TSC. */
static uint32_t lapic_timer_calibrate(void)
{
    uint64_t end = rdtsc() + tsc_hz / HZ;

    lapic_write(APIC_TIMER_DCR, APIC_DCR_DIV16);
    lapic_write(APIC_LVT_TIMER, APIC_LVT_MASKED | TIMER_VECTOR);
    lapic_write(APIC_TIMER_ICR, 0xffffffff);
    while ( rdtsc() < end )
        cpu_relax();
    return 0xffffffff - lapic_read(APIC_TIMER_CCR);
}

int timer_init(void)
{
    uint32_t a, b, c, d, count;
    uint64_t base;

    cpuid(1, &a, &b, &c, &d);
    base = rdmsr(MSR_APIC_BASE);
    if ( !(d & CPUID1_EDX_APIC) || !(base & APIC_BASE_ENABLE) )
        return -ENODEV;

    /* Mask both 8259s: the APIC timer is the only interrupt source. */
    outb(0xff, 0x21);
    outb(0xff, 0xa1);

    lapic = ioremap_nocache(base & PAGE_MASK, PAGE_SIZE);
    lapic_write(APIC_SVR, APIC_SVR_ENABLE | SPURIOUS_VECTOR);
    count = lapic_timer_calibrate();
    if ( !count )
        return -ENODEV;
    lapic_write(APIC_LVT_TIMER, APIC_LVT_PERIODIC | TIMER_VECTOR);
    lapic_write(APIC_TIMER_ICR, count);
    local_irq_enable();
    printk("Timer: local APIC at %#lx, %u Hz, %u counts per tick\n",
           (unsigned long)(base & PAGE_MASK), HZ, count);
    return 0;
}

/* TIMER_VECTOR: count the tick, tell the scheduler, acknowledge it. */
void timer_interrupt(void)
{
    ticks++;
    sched_tick();
    lapic_write(APIC_EOI, 0);
}

unsigned long timer_ticks(void)
{
    return ticks;
}
