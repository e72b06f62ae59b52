/* SPDX-License-Identifier: MIT */
/*
 * The x86 part of the guest ABI: guest handles, the frame-number and
 * register-sized types, and the x86 piece of domain creation.  Included
 * from xen.h; the layouts are Xen's x86_64 ones, byte for byte.
 */
#ifndef __XEN_PUBLIC_ARCH_X86_XEN_H__
#define __XEN_PUBLIC_ARCH_X86_XEN_H__

#ifndef __ASSEMBLY__
/*
 * Guest handles.  A guest handle is a guest virtual address wrapped in a
 * one-member struct, so that the compiler refuses to mix it up with a
 * hypervisor pointer: the hypervisor must go through copy_from_guest()
 * and copy_to_guest() to touch what it points at.
 *
 *   ___DEFINE_XEN_GUEST_HANDLE(name, type)
 *       typedef struct { type *p; } __guest_handle_<name>
 *   __DEFINE_XEN_GUEST_HANDLE(name, type)
 *       the above, plus __guest_handle_const_<name> for "const type"
 *   DEFINE_XEN_GUEST_HANDLE(name)
 *       shorthand for a type whose name is also the handle's name
 *   XEN_GUEST_HANDLE(name)
 *       the handle type, for a field inside a structure in guest memory
 *   XEN_GUEST_HANDLE_PARAM(name)
 *       the handle type, for a hypercall argument passed in a register;
 *       identical to XEN_GUEST_HANDLE on x86
 *   set_xen_guest_handle(hnd, val), set_xen_guest_handle_raw(hnd, val)
 *       store a pointer into a handle
 */
#define ___DEFINE_XEN_GUEST_HANDLE(name, type)                  \
    typedef struct { type *p; } __guest_handle_ ## name

#define __DEFINE_XEN_GUEST_HANDLE(name, type)                   \
    ___DEFINE_XEN_GUEST_HANDLE(name, type);                     \
    ___DEFINE_XEN_GUEST_HANDLE(const_ ## name, const type)

#define DEFINE_XEN_GUEST_HANDLE(name)   __DEFINE_XEN_GUEST_HANDLE(name, name)
#define __XEN_GUEST_HANDLE(name)        __guest_handle_ ## name
#define XEN_GUEST_HANDLE(name)          __XEN_GUEST_HANDLE(name)
#define XEN_GUEST_HANDLE_PARAM(name)    XEN_GUEST_HANDLE(name)

#define set_xen_guest_handle_raw(hnd, val)  do { (hnd).p = (val); } while ( 0 )
#define set_xen_guest_handle(hnd, val)      set_xen_guest_handle_raw(hnd, val)
#endif /* !__ASSEMBLY__ */

/* Only the 64-bit ABI exists here: no 32-bit PV guests, no compat layer. */
#if defined(__x86_64__)
#include "xen-x86_64.h"
#else
#error "Only x86_64 is supported by this guest ABI"
#endif

#ifndef __ASSEMBLY__
/*
 * A frame number as the guest ABI carries it.  Xen declares this as
 * unsigned long; uint64_t is that same type on x86_64 (LP64), so the
 * layout and the C type both match.
 */
typedef uint64_t xen_pfn_t;
#define PRI_xen_pfn     "lx"
#define PRIu_xen_pfn    "lu"

/* A register-sized unsigned value (Xen: unsigned long). */
typedef uint64_t xen_ulong_t;
#define PRI_xen_ulong   "lx"
#endif /* !__ASSEMBLY__ */

#ifndef __ASSEMBLY__
/* One entry of a PV guest's virtual IDT (Xen's layout, 16 bytes). */
struct trap_info {
    uint8_t  vector;
    uint8_t  flags;             /* 0-3: privilege level; 4: clear IF */
    uint16_t cs;
    unsigned long address;
};
typedef struct trap_info trap_info_t;

/*
 * The state a vCPU starts from, for VCPUOP_initialise (public/vcpu.h):
 * Xen's x86_64 layout, 5168 bytes.  Of a PV kernel's state only the
 * general registers, rip, rsp, rflags' arithmetic flags and fs_base /
 * gs_base_user mean something for a ring-3 domain here; everything
 * else must be zero and VCPUOP_initialise checks that it is
 * (docs/misc/domains.md lists the rules).
 */
#define _VGCF_i387_valid                0
#define VGCF_i387_valid                 (1UL << _VGCF_i387_valid)
#define VGCF_I387_VALID                 VGCF_i387_valid
#define _VGCF_in_kernel                 2
#define VGCF_in_kernel                  (1UL << _VGCF_in_kernel)
#define _VGCF_failsafe_disables_events  3
#define VGCF_failsafe_disables_events   (1UL << _VGCF_failsafe_disables_events)
#define _VGCF_syscall_disables_events   4
#define VGCF_syscall_disables_events    (1UL << _VGCF_syscall_disables_events)
#define _VGCF_online                    5
#define VGCF_online                     (1UL << _VGCF_online)

struct vcpu_guest_context {
    struct { char x[512]; } fpu_ctxt;   /* FXSAVE image */
    unsigned long flags;                /* VGCF_* */
    struct __XEN_PUBLIC_CPU_USER_REGS user_regs;
    struct trap_info trap_ctxt[256];    /* virtual IDT */
    unsigned long ldt_base, ldt_ents;
    unsigned long gdt_frames[16], gdt_ents;
    unsigned long kernel_ss, kernel_sp;
    unsigned long ctrlreg[8];
    unsigned long debugreg[8];
    unsigned long event_callback_eip;
    unsigned long failsafe_callback_eip;
    unsigned long syscall_callback_eip;
    unsigned long vm_assist;
    uint64_t fs_base;
    uint64_t gs_base_kernel;
    uint64_t gs_base_user;
};
typedef struct vcpu_guest_context vcpu_guest_context_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_guest_context_t);
#endif /* !__ASSEMBLY__ */

/* x86-specific hypercall numbers (the __HYPERVISOR_arch_N slots). */
#define __HYPERVISOR_mca                    __HYPERVISOR_arch_0
#define __HYPERVISOR_paging_domctl_cont     __HYPERVISOR_arch_1

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/*
 * Devices the hypervisor emulates for an HVM domain, chosen at creation
 * in xen_arch_domainconfig.emulation_flags.  PV domains pass 0.
 */
#define _XEN_X86_EMU_LAPIC          0
#define XEN_X86_EMU_LAPIC           (1U << _XEN_X86_EMU_LAPIC)
#define _XEN_X86_EMU_HPET           1
#define XEN_X86_EMU_HPET            (1U << _XEN_X86_EMU_HPET)
#define _XEN_X86_EMU_PM             2
#define XEN_X86_EMU_PM              (1U << _XEN_X86_EMU_PM)
#define _XEN_X86_EMU_RTC            3
#define XEN_X86_EMU_RTC             (1U << _XEN_X86_EMU_RTC)
#define _XEN_X86_EMU_IOAPIC         4
#define XEN_X86_EMU_IOAPIC          (1U << _XEN_X86_EMU_IOAPIC)
#define _XEN_X86_EMU_PIC            5
#define XEN_X86_EMU_PIC             (1U << _XEN_X86_EMU_PIC)
#define _XEN_X86_EMU_VGA            6
#define XEN_X86_EMU_VGA             (1U << _XEN_X86_EMU_VGA)
#define _XEN_X86_EMU_IOMMU          7
#define XEN_X86_EMU_IOMMU           (1U << _XEN_X86_EMU_IOMMU)
#define _XEN_X86_EMU_USE_PIRQ       8
#define XEN_X86_EMU_USE_PIRQ        (1U << _XEN_X86_EMU_USE_PIRQ)
#define _XEN_X86_EMU_VPCI           9
#define XEN_X86_EMU_VPCI            (1U << _XEN_X86_EMU_VPCI)

/*
 * misc_flags: guest accesses to MSRs the hypervisor does not handle get
 * relaxed treatment instead of #GP.  The real MSR is never touched.
 */
#define XEN_X86_MSR_RELAXED         (1U << 0)

#ifndef __ASSEMBLY__
/* The x86 part of XEN_DOMCTL_createdomain and XEN_DOMCTL_getdomaininfo. */
struct xen_arch_domainconfig {
    uint32_t emulation_flags;   /* IN: XEN_X86_EMU_* */
    uint32_t misc_flags;        /* IN: XEN_X86_MSR_RELAXED, others 0 */
};
#endif /* !__ASSEMBLY__ */
#endif /* __XEN__ || __XEN_TOOLS__ */

#endif /* __XEN_PUBLIC_ARCH_X86_XEN_H__ */
