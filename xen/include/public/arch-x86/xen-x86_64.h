/* SPDX-License-Identifier: MIT */
/*
 * The x86_64 half of the guest ABI: how a 64-bit PV guest issues a
 * hypercall, and the 64-bit field types the tools interfaces use.
 * Included from arch-x86/xen.h; guests include xen.h instead.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__

/*
 * Hypercall calling convention (x86_64 PV guests, same as Xen):
 *
 *   instruction   syscall, from guest kernel context
 *   rax           IN:  hypercall number (__HYPERVISOR_*)
 *                 OUT: result (0 or a count on success, -XEN_E* on error)
 *   rdi           argument 1
 *   rsi           argument 2
 *   rdx           argument 3
 *   r10           argument 4 (rcx is unusable: syscall overwrites it)
 *   r8            argument 5
 *
 * rcx and r11 are clobbered by the syscall/sysret pair itself.  The
 * argument registers are not preserved either: a hypercall may return
 * with any of them changed, and debug builds overwrite the ones a call
 * used with a poison value so guests cannot come to rely on them.  All
 * other registers are preserved.
 *
 * A long-running hypercall may be preempted.  The hypervisor then
 * rewinds the guest's rip onto the syscall instruction with updated
 * arguments, so the guest re-enters the same call transparently; the
 * guest never sees an intermediate result.
 *
 * docs/guest-guide/hypercall-abi.md has the same rules as a table.
 */

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/*
 * 64-bit fields in the tools interfaces (sysctl, domctl) must be 8-byte
 * aligned so that 32- and 64-bit toolstacks agree on the layout.  On
 * x86_64 uint64_t already is; the attribute only makes that explicit.
 * This is a macro, not a typedef, so that "uint64_aligned_t x[2]" works.
 */
#if defined(__GNUC__)
#define uint64_aligned_t    uint64_t __attribute__((__aligned__(8)))
#define int64_aligned_t     int64_t __attribute__((__aligned__(8)))
#else
#define uint64_aligned_t    uint64_t
#define int64_aligned_t     int64_t
#endif

/*
 * A guest handle inside a tools structure.  It occupies 8 bytes on
 * every architecture; on x86_64 that is simply the ordinary handle.
 */
#define XEN_GUEST_HANDLE_64(name)   XEN_GUEST_HANDLE(name)
#endif /* __XEN__ || __XEN_TOOLS__ */

#ifndef __ASSEMBLY__
/*
 * __HYPERVISOR_set_segment_base(which, base): set one of the calling
 * vCPU's segment bases.  base must be canonical.  SEGBASE_FS and
 * SEGBASE_GS_USER are what a ring-3 guest uses (thread-local storage);
 * SEGBASE_GS_KERNEL and SEGBASE_GS_USER_SEL exist in Xen for kernels
 * that swapgs and are refused here (docs/guest-guide/hypercall-abi.md).
 */
#define SEGBASE_FS          0
#define SEGBASE_GS_USER     1
#define SEGBASE_GS_KERNEL   2
#define SEGBASE_GS_USER_SEL 3

/*
 * A vCPU's user-visible registers, as VCPUOP_initialise takes them (in
 * struct vcpu_guest_context).  Xen's x86_64 layout: 200 bytes.
 * error_code and entry_vector are the hypervisor's and are ignored.
 * The hypervisor's own trap frame has another layout, so inside it
 * (__XEN__) this struct is named xen_cpu_user_regs.
 */
#if defined(__XEN__)
#define __XEN_PUBLIC_CPU_USER_REGS  xen_cpu_user_regs
#else
#define __XEN_PUBLIC_CPU_USER_REGS  cpu_user_regs
#endif
struct __XEN_PUBLIC_CPU_USER_REGS {
    uint64_t r15;
    uint64_t r14;
    uint64_t r13;
    uint64_t r12;
    uint64_t rbp;
    uint64_t rbx;
    uint64_t r11;
    uint64_t r10;
    uint64_t r9;
    uint64_t r8;
    uint64_t rax;
    uint64_t rcx;
    uint64_t rdx;
    uint64_t rsi;
    uint64_t rdi;
    uint32_t error_code;        /* private */
    uint32_t entry_vector;      /* private */
    uint64_t rip;
    uint16_t cs, _pad0[1];
    uint8_t  saved_upcall_mask;
    uint8_t  _pad1[3];
    uint64_t rflags;
    uint64_t rsp;
    uint16_t ss, _pad2[3];
    uint16_t es, _pad3[3];
    uint16_t ds, _pad4[3];
    uint16_t fs, _pad5[3];
    uint16_t gs, _pad6[3];
};
typedef struct __XEN_PUBLIC_CPU_USER_REGS cpu_user_regs_t;
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_X86_64_H__ */
