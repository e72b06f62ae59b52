/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CPU primitives: pause, interrupt flag, control registers, CPUID, MSRs
 * and the time stamp counter.
 */
#ifndef X86_ASM_PROCESSOR_H
#define X86_ASM_PROCESSOR_H

#include <xen/types.h>

#define X86_EFLAGS_MBS          0x00000002UL    /* must be set */
#define X86_EFLAGS_TF           0x00000100UL
#define X86_EFLAGS_IF           0x00000200UL
#define X86_EFLAGS_DF           0x00000400UL
#define X86_EFLAGS_IOPL         0x00003000UL
#define X86_EFLAGS_NT           0x00004000UL
#define X86_EFLAGS_AC           0x00040000UL

#define X86_CR4_SMEP            0x00100000UL

#define MSR_EFER                0xc0000080
#define EFER_SCE                (1UL << 0)      /* syscall/sysret */
#define MSR_STAR                0xc0000081
#define MSR_LSTAR               0xc0000082
#define MSR_CSTAR               0xc0000083
#define MSR_SYSCALL_MASK        0xc0000084
#define MSR_FS_BASE             0xc0000100
#define MSR_GS_BASE             0xc0000101
#define MSR_IA32_SYSENTER_CS    0x00000174
#define MSR_APIC_BASE           0x0000001b

static inline void cpu_relax(void)
{
    __asm__ __volatile__ ( "pause" ::: "memory" );
}

/*
 * Called by spinning lock waiters after 'spins' failed polls.  With one
 * CPU and no preemption there is nobody to yield to: a no-op.
 */
void arch_spin_relax(unsigned int spins);

static inline unsigned long arch_local_irq_save(void)
{
    unsigned long flags;

    __asm__ __volatile__ ( "pushfq; popq %0; cli" : "=r" (flags)
                           :: "memory" );
    return flags;
}

static inline void arch_local_irq_restore(unsigned long flags)
{
    if ( flags & X86_EFLAGS_IF )
        __asm__ __volatile__ ( "sti" ::: "memory" );
}

static inline void local_irq_enable(void)
{
    __asm__ __volatile__ ( "sti" ::: "memory" );
}

static inline void local_irq_disable(void)
{
    __asm__ __volatile__ ( "cli" ::: "memory" );
}

static inline void halt(void)
{
    __asm__ __volatile__ ( "hlt" ::: "memory" );
}

static inline unsigned long read_cr2(void)
{
    unsigned long cr2;

    __asm__ __volatile__ ( "mov %%cr2, %0" : "=r" (cr2) );
    return cr2;
}

static inline unsigned long read_cr3(void)
{
    unsigned long cr3;

    __asm__ __volatile__ ( "mov %%cr3, %0" : "=r" (cr3) );
    return cr3;
}

static inline void write_cr3(unsigned long cr3)
{
    __asm__ __volatile__ ( "mov %0, %%cr3" :: "r" (cr3) : "memory" );
}

static inline unsigned long read_cr0(void)
{
    unsigned long cr0;

    __asm__ __volatile__ ( "mov %%cr0, %0" : "=r" (cr0) );
    return cr0;
}

static inline unsigned long read_cr4(void)
{
    unsigned long cr4;

    __asm__ __volatile__ ( "mov %%cr4, %0" : "=r" (cr4) );
    return cr4;
}

static inline void write_cr4(unsigned long cr4)
{
    __asm__ __volatile__ ( "mov %0, %%cr4" :: "r" (cr4) : "memory" );
}

/* Drop the TLB entry for one page of the current address space. */
static inline void invlpg(unsigned long va)
{
    __asm__ __volatile__ ( "invlpg (%0)" :: "r" (va) : "memory" );
}

static inline bool local_irq_is_enabled(void)
{
    unsigned long flags;

    __asm__ __volatile__ ( "pushfq; popq %0" : "=r" (flags) );
    return flags & X86_EFLAGS_IF;
}

static inline void cpuid(uint32_t leaf, uint32_t *a, uint32_t *b,
                         uint32_t *c, uint32_t *d)
{
    __asm__ __volatile__ ( "cpuid"
                           : "=a" (*a), "=b" (*b), "=c" (*c), "=d" (*d)
                           : "a" (leaf), "c" (0) );
}

static inline uint64_t rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdmsr" : "=a" (lo), "=d" (hi) : "c" (msr) );
    return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t val)
{
    __asm__ __volatile__ ( "wrmsr" :: "c" (msr), "a" ((uint32_t)val),
                           "d" ((uint32_t)(val >> 32)) );
}

static inline uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

#endif /* X86_ASM_PROCESSOR_H */
