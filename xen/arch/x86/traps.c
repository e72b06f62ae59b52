/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Exceptions and interrupts: the IDT, the TSS with its emergency stacks,
 * and what happens on a trap.
 *
 * An exception in a guest (ring 3) is the guest's business: pv/traps.c
 * maps a page or crashes that domain.  An exception the hypervisor
 * itself takes is fatal: do_trap prints the vector, error code, %rip,
 * %cr2 and every register, the frame-pointer call trace, then panics,
 * which exits QEMU with the panic code (hooks.c).  NMI and machine
 * check are fatal wherever they hit.  Double fault, NMI and machine
 * check run on their own IST stacks, so a blown hypervisor stack still
 * gets a report instead of a triple fault.  Vectors >= 32 are the local
 * APIC timer and the spurious vector; SYSCALL_VECTOR frames come from
 * entry.S's syscall stub (pv/hypercall.c).
 *
 * The TSS's rsp0 is the top of the boot stack: every entry from ring 3
 * starts there (schedule.c explains why one stack is enough).
 */

#include <xen/console.h>
#include <xen/lib.h>

#include <asm/config.h>
#include <asm/domain.h>
#include <asm/processor.h>
#include <asm/setup.h>
#include <asm/traps.h>

#define NR_VECTORS              256
#define GATE_INTERRUPT          0x8e    /* present, DPL 0, 64-bit intr */
#define TSS_AVAILABLE           0x89    /* present, 64-bit TSS */
#define MAX_TRACE_FRAMES        16

#define TRAP_nmi                2
#define TRAP_machine_check      18

#define IST_DF                  1
#define IST_NMI                 2
#define IST_MC                  3
#define NR_IST                  3

struct idt_entry {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
} __packed;

struct tss64 {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __packed;

struct desc_ptr {
    uint16_t limit;
    uint64_t base;
} __packed;

static struct idt_entry idt[NR_VECTORS] __aligned(16);
static struct tss64 tss __aligned(16);
static char ist_stacks[NR_IST][IST_STACK_SIZE] __aligned(16);

static const char *const exception_names[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow",
    "bounds", "invalid opcode", "device not available", "double fault",
    "coprocessor segment overrun", "invalid TSS", "segment not present",
    "stack error", "general protection fault", "page fault",
    "reserved", "x87 FPU error", "alignment check", "machine check",
    "SIMD error", "virtualisation exception", "control protection",
    "reserved", "reserved", "reserved", "reserved", "reserved",
    "reserved", "hypervisor injection", "VMM communication",
    "security exception", "reserved",
};

bool x86_trace_printed;
static unsigned int fatal_depth;

void raw_printk(const char *fmt, ...)
{
    static char buf[512];
    static bool at_line_start = true;
    const char *p = buf;
    va_list args;

    va_start(args, fmt);
    vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    while ( *p )
    {
        const char *nl = strchr(p, '\n');
        unsigned int len = nl ? (unsigned int)(nl - p + 1)
                              : (unsigned int)strlen(p);

        if ( at_line_start )
            arch_console_write("(XEN) ", 6);
        arch_console_write(p, len);
        at_line_start = nl != NULL;
        p += len;
    }
}

static void set_gate(unsigned int vec, uint64_t handler, unsigned int ist)
{
    struct idt_entry *e = &idt[vec];

    e->offset_lo = (uint16_t)handler;
    e->selector = __HYPERVISOR_CS;
    e->ist = ist;
    e->type = GATE_INTERRUPT;
    e->offset_mid = (uint16_t)(handler >> 16);
    e->offset_hi = (uint32_t)(handler >> 32);
    e->reserved = 0;
}

/* Write the 16-byte TSS descriptor into GDT slots 3-4 and load it. */
static void tss_init(void)
{
    uint64_t base = (uint64_t)&tss, limit = sizeof(tss) - 1;
    unsigned int i;

    for ( i = 0; i < NR_IST; i++ )
        tss.ist[i] = (uint64_t)&ist_stacks[i][IST_STACK_SIZE];
    tss.rsp[0] = (uint64_t)boot_stack_top;
    tss.iomap_base = sizeof(tss);       /* no I/O bitmap: ring 3 no I/O */

    boot_gdt[TSS_SELECTOR / 8] = (limit & 0xffff) |
                                 ((base & 0xffffff) << 16) |
                                 ((uint64_t)TSS_AVAILABLE << 40) |
                                 (((limit >> 16) & 0xf) << 48) |
                                 (((base >> 24) & 0xff) << 56);
    boot_gdt[TSS_SELECTOR / 8 + 1] = base >> 32;
    __asm__ __volatile__ ( "ltr %w0" :: "r" (TSS_SELECTOR) );
}

void traps_init(void)
{
    struct desc_ptr idtr = { sizeof(idt) - 1, (uint64_t)idt };
    unsigned int v;

    BUILD_BUG_ON(offsetof(struct cpu_user_regs, rip) != UREGS_rip);
    BUILD_BUG_ON(offsetof(struct cpu_user_regs, cs) != UREGS_cs);
    BUILD_BUG_ON(sizeof(struct cpu_user_regs) != UREGS_size);

    tss_init();
    for ( v = 0; v < 32; v++ )
        set_gate(v, exception_stubs[v],
                 v == 8 ? IST_DF : v == 2 ? IST_NMI : v == 18 ? IST_MC : 0);
    set_gate(TIMER_VECTOR, (uint64_t)timer_interrupt_stub, 0);
    set_gate(SPURIOUS_VECTOR, (uint64_t)spurious_interrupt_stub, 0);
    __asm__ __volatile__ ( "lidt %0" :: "m" (idtr) );
}

/* Is [p, p + 16) inside a stack we know, so that reading it is safe? */
static bool on_known_stack(unsigned long p)
{
    unsigned long s = (unsigned long)boot_stack;
    unsigned long e = (unsigned long)boot_stack_top;

    if ( p >= s && p + 16 <= e )
        return true;
    s = (unsigned long)ist_stacks;
    e = s + sizeof(ist_stacks);
    return p >= s && p + 16 <= e;
}

void show_stack_trace(unsigned long rip, unsigned long rbp)
{
    unsigned int n;

    raw_printk("Xen call trace (addr2line -e build/x86/xen-syms):\n");
    if ( rip )
        raw_printk("   [<%016lx>] (faulting instruction)\n", rip);
    for ( n = 0; n < MAX_TRACE_FRAMES; n++ )
    {
        const unsigned long *frame = (const unsigned long *)rbp;

        if ( !rbp || (rbp & 7) || !on_known_stack(rbp) )
            break;
        raw_printk("   [<%016lx>]\n", frame[1]);
        if ( frame[0] <= rbp )          /* the chain must go up */
            break;
        rbp = frame[0];
    }
}

void show_registers(const struct cpu_user_regs *r)
{
    raw_printk("RIP:    %04lx:[<%016lx>]\n", (unsigned long)r->cs,
           (unsigned long)r->rip);
    raw_printk("RFLAGS: %016lx\n", (unsigned long)r->rflags);
    raw_printk("rax: %016lx   rbx: %016lx   rcx: %016lx\n",
           r->rax, r->rbx, r->rcx);
    raw_printk("rdx: %016lx   rsi: %016lx   rdi: %016lx\n",
           r->rdx, r->rsi, r->rdi);
    raw_printk("rbp: %016lx   rsp: %016lx   r8:  %016lx\n",
           r->rbp, r->rsp, r->r8);
    raw_printk("r9:  %016lx   r10: %016lx   r11: %016lx\n",
           r->r9, r->r10, r->r11);
    raw_printk("r12: %016lx   r13: %016lx   r14: %016lx\n",
           r->r12, r->r13, r->r14);
    raw_printk("r15: %016lx   cr0: %016lx   cr4: %016lx\n",
           r->r15, read_cr0(), read_cr4());
    raw_printk("cr3: %016lx   cr2: %016lx\n", read_cr3(), read_cr2());
    raw_printk("ss: %04lx   cs: %04lx\n", (unsigned long)r->ss,
           (unsigned long)r->cs);
}

/*
 * A trap the hypervisor cannot handle: dump everything and panic.  A
 * fault while dumping gets a one-line report and panics straight away.
 */
static void __noreturn fatal_trap(const struct cpu_user_regs *r)
{
    unsigned int vec = r->vector;
    const char *name = vec < 32 ? exception_names[vec] : "interrupt";

    if ( fatal_depth++ )
        panic("Nested fault: vector %u at %016lx, cr2 %016lx\n", vec,
              (unsigned long)r->rip, read_cr2());

    raw_printk("----[ Xen-shaped x86_64 ]----\n");
    raw_printk("FATAL TRAP: vector = %u (%s), error code %04lx\n", vec, name,
           (unsigned long)r->error_code);
    if ( vec == 14 )
        raw_printk("Faulting linear address (cr2): %016lx\n", read_cr2());
    show_registers(r);
    show_stack_trace(r->rip, r->rbp);
    x86_trace_printed = true;
    panic("FATAL TRAP: vector = %u (%s)\n[error_code=%04lx]%s\n", vec,
          name, (unsigned long)r->error_code,
          vec == 14 ? ", page fault" : "");
}

void do_trap(struct cpu_user_regs *regs)
{
    switch ( regs->vector )
    {
    case TIMER_VECTOR:
        timer_interrupt();
        return;
    case SPURIOUS_VECTOR:
        return;                         /* no EOI for spurious */
    case SYSCALL_VECTOR:
        pv_hypercall(regs);
        return;
    case TRAP_nmi:
    case TRAP_machine_check:
        fatal_trap(regs);
    default:
        if ( guest_mode(regs) )
            pv_guest_trap(regs);
        else
            fatal_trap(regs);
    }
}
