/* SPDX-License-Identifier: MIT */
/*
 * The core of the guest ABI: hypercall numbers, domain ids and the guest
 * handle types every other public header builds on.  Numbers, names and
 * layouts are Xen's (x86_64), so a guest or toolstack built against
 * Xen's headers runs unchanged for every call both sides implement.
 *
 * Guests include this with the stdint.h types already available, as
 * they do for Xen's headers.  The register convention for issuing a
 * hypercall is in arch-x86/xen-x86_64.h.
 */
#ifndef __XEN_PUBLIC_XEN_H__
#define __XEN_PUBLIC_XEN_H__

#if defined(__i386__) || defined(__x86_64__)
#include "arch-x86/xen.h"
#else
#error "Unsupported architecture"
#endif

/* Unsigned constants that also work in assembly (no suffix there). */
#ifndef __ASSEMBLY__
#define xen_mk_uint(x)  x ## U
#define xen_mk_ulong(x) x ## UL
#else
#define xen_mk_uint(x)  x
#define xen_mk_ulong(x) x
#endif

/*
 * Hypercall numbers, the value a guest puts in rax.  Every number is
 * Xen's.  A number this hypervisor does not implement fails with
 * -XEN_ENOSYS; docs/guest-guide/hypercall-abi.md lists the implemented
 * ones.  Numbers are never reused (11 has been unassigned since Xen 3).
 */
#define __HYPERVISOR_set_trap_table         0
#define __HYPERVISOR_mmu_update             1
#define __HYPERVISOR_set_gdt                2
#define __HYPERVISOR_stack_switch           3
#define __HYPERVISOR_set_callbacks          4
#define __HYPERVISOR_fpu_taskswitch         5
#define __HYPERVISOR_sched_op_compat        6   /* old form of sched_op */
#define __HYPERVISOR_platform_op            7
#define __HYPERVISOR_set_debugreg           8
#define __HYPERVISOR_get_debugreg           9
#define __HYPERVISOR_update_descriptor      10
/* 11 is unassigned. */
#define __HYPERVISOR_memory_op              12  /* memory.h: XENMEM_* */
#define __HYPERVISOR_multicall              13
#define __HYPERVISOR_update_va_mapping      14
#define __HYPERVISOR_set_timer_op           15
#define __HYPERVISOR_event_channel_op_compat 16
#define __HYPERVISOR_xen_version            17
#define __HYPERVISOR_console_io             18  /* CONSOLEIO_* below */
#define __HYPERVISOR_physdev_op_compat      19
#define __HYPERVISOR_grant_table_op         20
#define __HYPERVISOR_vm_assist              21
#define __HYPERVISOR_update_va_mapping_otherdomain 22
#define __HYPERVISOR_iret                   23
#define __HYPERVISOR_vcpu_op                24
#define __HYPERVISOR_set_segment_base       25
#define __HYPERVISOR_mmuext_op              26
#define __HYPERVISOR_xsm_op                 27
#define __HYPERVISOR_nmi_op                 28
#define __HYPERVISOR_sched_op               29  /* sched.h: SCHEDOP_* */
#define __HYPERVISOR_callback_op            30
#define __HYPERVISOR_xenoprof_op            31
#define __HYPERVISOR_event_channel_op       32
#define __HYPERVISOR_physdev_op             33
#define __HYPERVISOR_hvm_op                 34
#define __HYPERVISOR_sysctl                 35  /* sysctl.h, tools only */
#define __HYPERVISOR_domctl                 36  /* domctl.h, tools only */
#define __HYPERVISOR_kexec_op               37
#define __HYPERVISOR_tmem_op                38  /* tmem.h */
#define __HYPERVISOR_argo_op                39
#define __HYPERVISOR_xenpmu_op              40
#define __HYPERVISOR_dm_op                  41
#define __HYPERVISOR_hypfs_op               42

/* Numbers each architecture may define for itself (arch-x86/xen.h). */
#define __HYPERVISOR_arch_0                 48
#define __HYPERVISOR_arch_1                 49
#define __HYPERVISOR_arch_2                 50
#define __HYPERVISOR_arch_3                 51
#define __HYPERVISOR_arch_4                 52
#define __HYPERVISOR_arch_5                 53
#define __HYPERVISOR_arch_6                 54
#define __HYPERVISOR_arch_7                 55

/*
 * __HYPERVISOR_console_io(cmd, count, buffer): the hypervisor console.
 *
 * CONSOLEIO_write: write 'count' bytes from the guest buffer 'buffer'.
 *   Returns 0, -XEN_EFAULT if the buffer cannot be read, or -XEN_EPERM if
 *   the caller may not use the console.  A long write is preemptible: it
 *   continues transparently (see arch-x86/xen-x86_64.h).
 * CONSOLEIO_read: copy up to 'count' bytes of pending console input into
 *   'buffer'.  Returns the number of bytes copied (0 when none are
 *   pending), -XEN_EFAULT, or -XEN_EPERM unless the caller is the
 *   privileged console owner.  Not preemptible.
 */
#define CONSOLEIO_write         0
#define CONSOLEIO_read          1

#ifndef __ASSEMBLY__
/*
 * Guest handles for C's primitive types and the ABI's scalar types:
 * XEN_GUEST_HANDLE(char), XEN_GUEST_HANDLE(const_char), ...,
 * XEN_GUEST_HANDLE(xen_pfn_t).  uchar, uint and ulong exist because a
 * handle name must be a single identifier.
 */
__DEFINE_XEN_GUEST_HANDLE(uchar, unsigned char);
__DEFINE_XEN_GUEST_HANDLE(uint,  unsigned int);
__DEFINE_XEN_GUEST_HANDLE(ulong, unsigned long);
DEFINE_XEN_GUEST_HANDLE(char);
DEFINE_XEN_GUEST_HANDLE(int);
DEFINE_XEN_GUEST_HANDLE(long);
DEFINE_XEN_GUEST_HANDLE(void);

DEFINE_XEN_GUEST_HANDLE(uint64_t);
DEFINE_XEN_GUEST_HANDLE(xen_pfn_t);
DEFINE_XEN_GUEST_HANDLE(xen_ulong_t);

/*
 * A domain id.  Ids below DOMID_FIRST_RESERVED name ordinary domains;
 * the ones above it are special values and never name a real domain.
 */
typedef uint16_t domid_t;
#endif /* !__ASSEMBLY__ */

/* Ids at or above this are reserved for the special values below. */
#define DOMID_FIRST_RESERVED    xen_mk_uint(0x7FF0)

/* "The calling domain", where an operation allows a domain to name itself. */
#define DOMID_SELF              xen_mk_uint(0x7FF0)

/* Owner of I/O (MMIO) pages; used to ask for I/O-only mappings. */
#define DOMID_IO                xen_mk_uint(0x7FF1)

/* Owner of the hypervisor's own pages; only privileged domains may map. */
#define DOMID_XEN               xen_mk_uint(0x7FF2)

/* Owner of copy-on-write shared pages (memory sharing). */
#define DOMID_COW               xen_mk_uint(0x7FF3)

/* Not a domain: marks pages with no owner and "no domain" results. */
#define DOMID_INVALID           xen_mk_uint(0x7FF4)

/* The idle domain that runs on a pCPU with nothing else to do. */
#define DOMID_IDLE              xen_mk_uint(0x7FFF)

/* Mask covering every valid domain id value. */
#define DOMID_MASK              xen_mk_uint(0x7FFF)

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/*
 * "Any id will do": XEN_DOMCTL_createdomain with this domain id lets the
 * hypervisor pick a free one.  It aliases DOMID_INVALID, as in Xen.
 */
#define DOMID_ANY               DOMID_INVALID
#endif

#ifndef __ASSEMBLY__
/* A domain's 128-bit handle (the toolstack stores its UUID here). */
typedef uint8_t xen_domain_handle_t[16];

#if defined(__XEN__) || defined(__XEN_TOOLS__)
/* Tools structures may use these before the arch header defines them. */
#ifndef uint64_aligned_t
#define uint64_aligned_t        uint64_t
#endif
#ifndef XEN_GUEST_HANDLE_64
#define XEN_GUEST_HANDLE_64(name)   XEN_GUEST_HANDLE(name)
#endif

/* Handles for fixed-width arrays in the tools interfaces. */
__DEFINE_XEN_GUEST_HANDLE(uint8,  uint8_t);
__DEFINE_XEN_GUEST_HANDLE(uint16, uint16_t);
__DEFINE_XEN_GUEST_HANDLE(uint32, uint32_t);
__DEFINE_XEN_GUEST_HANDLE(uint64, uint64_t);
#endif /* __XEN__ || __XEN_TOOLS__ */
#endif /* !__ASSEMBLY__ */

/*
 * The start info page: what a PV guest finds at boot (Xen's
 * struct start_info, same layout on x86_64).  The hypervisor writes it
 * into one of the guest's own frames and passes its guest virtual
 * address in rsi at the guest's entry point; docs/misc/domains.md gives
 * the frame, the entry registers and the memory layout.  Fields this
 * hypervisor has no use for (shared info, xenstore, console ring,
 * initial page tables, modules) are zero.
 */
#define MAX_GUEST_CMDLINE       1024

/* start_info.flags */
#define SIF_PRIVILEGED          (1U << 0)   /* privileged (control) domain */
#define SIF_INITDOMAIN          (1U << 1)   /* the initial domain, dom0 */

#ifndef __ASSEMBLY__
struct start_info {
    char magic[32];             /* OUT: "xen-3.0-x86_64", NUL-padded */
    uint64_t nr_pages;          /* OUT: pages the domain has at entry */
    uint64_t shared_info;       /* OUT: 0 (no shared info page) */
    uint32_t flags;             /* OUT: SIF_* */
    uint32_t _pad0;             /* OUT: zero */
    xen_pfn_t store_mfn;        /* OUT: 0 (no xenstore) */
    uint32_t store_evtchn;      /* OUT: 0 */
    uint32_t _pad1;             /* OUT: zero */
    union {
        struct {
            xen_pfn_t mfn;      /* OUT: 0 (no console ring) */
            uint32_t evtchn;    /* OUT: 0 */
            uint32_t _pad;      /* OUT: zero */
        } domU;
        struct {
            uint32_t info_off;  /* OUT: 0 */
            uint32_t info_size; /* OUT: 0 */
        } dom0;
    } console;
    uint64_t pt_base;           /* OUT: 0 (page tables are not the guest's) */
    uint64_t nr_pt_frames;      /* OUT: 0 */
    uint64_t mfn_list;          /* OUT: 0 (the p2m is the hypervisor's) */
    uint64_t mod_start;         /* OUT: 0 (no initial ramdisk) */
    uint64_t mod_len;           /* OUT: 0 */
    int8_t cmd_line[MAX_GUEST_CMDLINE]; /* OUT: NUL-terminated */
    uint64_t first_p2m_pfn;     /* OUT: 0 */
    uint64_t nr_p2m_frames;     /* OUT: 0 */
};
typedef struct start_info start_info_t;
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_XEN_H__ */
