/* SPDX-License-Identifier: MIT */
/*
 * __HYPERVISOR_domctl(struct xen_domctl *): per-domain control for the
 * toolstack: create, destroy, pause, query, set limits.  Every domctl
 * needs a privileged (control) caller; others get -XEN_EPERM.
 *
 * This is not a stable ABI: the caller must put XEN_DOMCTL_INTERFACE_-
 * VERSION in interface_version, and a mismatch fails with -XEN_EACCES.
 * Layouts are Xen's for the version below.
 */
#ifndef __XEN_PUBLIC_DOMCTL_H__
#define __XEN_PUBLIC_DOMCTL_H__

#if !defined(__XEN__) && !defined(__XEN_TOOLS__)
#error "domctl.h is for the hypervisor and control tools only"
#endif

#include "xen.h"

/*
 * 0x16 is Xen 4.18's value.  The layouts below are those of Xen 4.17 and
 * 4.18 (4.18 bumped the version only for getdomaininfo's semantics: it
 * fails for a missing domain instead of returning the next one, which
 * is what this hypervisor does).  Xen 4.19 (0x17) inserted altp2m_opts
 * before vmtrace_size in xen_domctl_createdomain, which is not here.
 */
#define XEN_DOMCTL_INTERFACE_VERSION    0x00000016

/*
 * XEN_DOMCTL_createdomain: create an empty, paused domain.
 *
 * xen_domctl.domain is IN/OUT: the id wanted, or DOMID_ANY (or 0, the
 * historical spelling) to let the hypervisor pick; the id given is
 * written back.  The domain gets no memory: set max_pages with
 * XEN_DOMCTL_max_mem, claim with XENMEM_claim_pages, then populate.
 *
 * Returns 0, -XEN_EINVAL (bad flags or limits, non-zero padding, an id
 * that is reserved), -XEN_EEXIST (id in use), -XEN_ENOMEM.  Not
 * preemptible.
 */
#define _XEN_DOMCTL_CDF_hvm             0   /* HVM (not PV) guest */
#define XEN_DOMCTL_CDF_hvm              (1U << _XEN_DOMCTL_CDF_hvm)
#define _XEN_DOMCTL_CDF_hap             1   /* use hardware-assisted paging */
#define XEN_DOMCTL_CDF_hap              (1U << _XEN_DOMCTL_CDF_hap)
#define _XEN_DOMCTL_CDF_s3_integrity    2   /* tboot checks memory over S3 */
#define XEN_DOMCTL_CDF_s3_integrity     (1U << _XEN_DOMCTL_CDF_s3_integrity)
#define _XEN_DOMCTL_CDF_oos_off         3   /* no out-of-sync shadows */
#define XEN_DOMCTL_CDF_oos_off          (1U << _XEN_DOMCTL_CDF_oos_off)
#define _XEN_DOMCTL_CDF_xs_domain       4   /* this is the xenstore domain */
#define XEN_DOMCTL_CDF_xs_domain        (1U << _XEN_DOMCTL_CDF_xs_domain)
#define _XEN_DOMCTL_CDF_iommu           5   /* may use the IOMMU */
#define XEN_DOMCTL_CDF_iommu            (1U << _XEN_DOMCTL_CDF_iommu)
#define _XEN_DOMCTL_CDF_nested_virt     6   /* nested virtualisation */
#define XEN_DOMCTL_CDF_nested_virt      (1U << _XEN_DOMCTL_CDF_nested_virt)
#define XEN_DOMCTL_CDF_vpmu             (1U << 7)   /* expose the vPMU */
/* The highest flag defined so far; any bit above it is -XEN_EINVAL. */
#define XEN_DOMCTL_CDF_MAX              XEN_DOMCTL_CDF_vpmu

/* xen_domctl_createdomain.iommu_opts. */
#define _XEN_DOMCTL_IOMMU_no_sharept    0   /* don't share HAP tables */
#define XEN_DOMCTL_IOMMU_no_sharept     (1U << _XEN_DOMCTL_IOMMU_no_sharept)
#define XEN_DOMCTL_IOMMU_MAX            XEN_DOMCTL_IOMMU_no_sharept

/* xen_domctl_createdomain.grant_opts: highest grant table version. */
#define XEN_DOMCTL_GRANT_version_mask   0xf
#define XEN_DOMCTL_GRANT_version(v)     ((v) & XEN_DOMCTL_GRANT_version_mask)

#ifndef __ASSEMBLY__
struct xen_domctl_createdomain {
    uint32_t ssidref;                   /* IN: XSM label, 0 for none */
    xen_domain_handle_t handle;         /* IN: toolstack's UUID */
    uint32_t flags;                     /* IN: XEN_DOMCTL_CDF_* */
    uint32_t iommu_opts;                /* IN: XEN_DOMCTL_IOMMU_* */
    uint32_t max_vcpus;                 /* IN: vCPU limit, at least 1 */
    uint32_t max_evtchn_port;           /* IN: highest event channel port */
    int32_t max_grant_frames;           /* IN: < 0: hypervisor default */
    int32_t max_maptrack_frames;        /* IN: < 0: hypervisor default */
    uint32_t grant_opts;                /* IN: XEN_DOMCTL_GRANT_version() */
    uint32_t vmtrace_size;              /* IN: per-vCPU bytes, 0: off */
    uint32_t cpupool_id;                /* IN: 0 or an existing pool */
    struct xen_arch_domainconfig arch;  /* IN: arch-x86/xen.h */
};
typedef struct xen_domctl_createdomain xen_domctl_createdomain_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_createdomain_t);
#endif /* !__ASSEMBLY__ */

/*
 * XEN_DOMCTL_destroydomain: start tearing the domain down.  It becomes
 *   dying at once (its claim is released then) and its memory is freed
 *   in preemptible steps: -XEN_ERESTART never reaches the caller, which
 *   simply sees the call take a while.  Returns 0, -XEN_ESRCH, or
 *   -XEN_EINVAL for the caller's own domain or dom0.  Two destroys of one
 *   domain at once take turns.
 * XEN_DOMCTL_pausedomain, XEN_DOMCTL_unpausedomain: stop, or let run
 *   again, all of the domain's vCPUs on the toolstack's behalf.  A new
 *   domain starts paused.  Returns 0, -XEN_ESRCH, or -XEN_EINVAL (the
 *   caller's own domain, or unpausing a domain the toolstack has not
 *   paused).  Not preemptible.  All three take no u member.
 */

/*
 * XEN_DOMCTL_getdomaininfo: report on xen_domctl.domain.  Fails with
 * -XEN_ESRCH if there is no such domain (since Xen 4.18; before, it
 * reported the next domain up).  All fields are OUT.  Not preemptible.
 *
 * flags carries XEN_DOMINF_* bits, and while the domain is shut down
 * also the guest's SHUTDOWN_* code (sched.h) in bits 16..23.
 */
#define _XEN_DOMINF_dying               0   /* being destroyed */
#define XEN_DOMINF_dying                (1U << _XEN_DOMINF_dying)
#define _XEN_DOMINF_hvm_guest           1   /* HVM (not PV) guest */
#define XEN_DOMINF_hvm_guest            (1U << _XEN_DOMINF_hvm_guest)
#define _XEN_DOMINF_shutdown            2   /* guest has shut down */
#define XEN_DOMINF_shutdown             (1U << _XEN_DOMINF_shutdown)
#define _XEN_DOMINF_paused              3   /* paused by the toolstack */
#define XEN_DOMINF_paused               (1U << _XEN_DOMINF_paused)
#define _XEN_DOMINF_blocked             4   /* all vCPUs wait for events */
#define XEN_DOMINF_blocked              (1U << _XEN_DOMINF_blocked)
#define _XEN_DOMINF_running             5   /* a vCPU is running now */
#define XEN_DOMINF_running              (1U << _XEN_DOMINF_running)
#define _XEN_DOMINF_debugged            6   /* under a debugger */
#define XEN_DOMINF_debugged             (1U << _XEN_DOMINF_debugged)
#define _XEN_DOMINF_xs_domain           7   /* the xenstore domain */
#define XEN_DOMINF_xs_domain            (1U << _XEN_DOMINF_xs_domain)
#define _XEN_DOMINF_hap                 8   /* uses hardware paging */
#define XEN_DOMINF_hap                  (1U << _XEN_DOMINF_hap)
/* The shutdown code: (flags >> shift) & mask. */
#define XEN_DOMINF_shutdownmask         255
#define XEN_DOMINF_shutdownshift        16

/* max_vcpu_id of a domain that has no vCPUs. */
#define XEN_INVALID_MAX_VCPU_ID         (~0U)

#ifndef __ASSEMBLY__
struct xen_domctl_getdomaininfo {
    domid_t domain;                     /* OUT: the id reported on */
    uint16_t pad1;                      /* OUT: 0 */
    uint32_t flags;                     /* OUT: XEN_DOMINF_* */
    uint64_aligned_t tot_pages;         /* OUT: pages owned */
    uint64_aligned_t max_pages;         /* OUT: page limit */
    uint64_aligned_t outstanding_pages; /* OUT: unconsumed claim */
    uint64_aligned_t shr_pages;         /* OUT: shared pages */
    uint64_aligned_t paged_pages;       /* OUT: paged-out pages */
    uint64_aligned_t shared_info_frame; /* OUT: GMFN of shared_info */
    uint64_aligned_t cpu_time;          /* OUT: ns of CPU used */
    uint32_t nr_online_vcpus;           /* OUT: vCPUs online */
    uint32_t max_vcpu_id;               /* OUT: or XEN_INVALID_MAX_VCPU_ID */
    uint32_t ssidref;                   /* OUT: XSM label */
    xen_domain_handle_t handle;         /* OUT: toolstack's UUID */
    uint32_t cpupool;                   /* OUT: CPU pool id */
    uint8_t gpaddr_bits;                /* OUT: guest physical addr bits */
    uint8_t pad2[7];                    /* OUT: 0 */
    struct xen_arch_domainconfig arch_config;   /* OUT: as created */
};
typedef struct xen_domctl_getdomaininfo xen_domctl_getdomaininfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_getdomaininfo_t);
#endif /* !__ASSEMBLY__ */

/*
 * XEN_DOMCTL_max_mem: set the domain's page limit (max_pages) to
 * max_memkb KiB, rounded down to whole pages.  A value too big for the
 * hypervisor's counter is clamped, so ~0 means "no limit".  The limit
 * may be set below the current allocation: nothing is freed, but further
 * allocation fails until the domain is back under it.  Returns 0 or
 * -XEN_ESRCH.  Not preemptible.
 */
#ifndef __ASSEMBLY__
struct xen_domctl_max_mem {
    uint64_aligned_t max_memkb;         /* IN: limit in KiB */
};
typedef struct xen_domctl_max_mem xen_domctl_max_mem_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_max_mem_t);
#endif /* !__ASSEMBLY__ */

/*
 * XEN_DOMCTL_load_module (ours, not Xen's: Xen's toolstack maps the new
 * domain's memory and writes the kernel itself; here the toolstack never
 * maps foreign memory, so the hypervisor loads it): build the domain from
 * boot module 'module', an ELF64 x86-64 executable, into the memory the
 * toolstack populated (gfn 0 and wherever the image's segments go): load
 * the image, write the start info page (command line: the module's own,
 * after its path) and create vCPU 0 at the image's entry point.  The
 * domain stays paused until XEN_DOMCTL_unpausedomain.
 * docs/misc/domains.md describes the layout the domain starts with.
 *
 * Returns 0; -XEN_EINVAL (module 0, which is dom0's, or no such module;
 * _pad set; the caller's own domain; a bad segment), -XEN_EEXIST
 * (already built), -XEN_ENOEXEC (not ELF64 x86-64 ET_EXEC), -XEN_EFAULT
 * (a segment or the start info page on unpopulated gfns), -XEN_E2BIG
 * (command line too long), -XEN_ENOMEM, -XEN_ENOSYS (an arch without
 * ring-3 domains).  The reason for a refused image is logged.  Not
 * preemptible (an image is small).
 */
#ifndef __ASSEMBLY__
struct xen_domctl_load_module {
    uint32_t module;                    /* IN: boot module index, >= 1 */
    uint32_t _pad;                      /* IN: must be 0 */
    uint64_aligned_t entry;             /* OUT: the image's entry point */
};
typedef struct xen_domctl_load_module xen_domctl_load_module_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_load_module_t);
#endif /* !__ASSEMBLY__ */

/*
 * Commands (xen_domctl.cmd).  Only those implemented here are listed;
 * every other number up to 91, and 1000 to 1003, is Xen's and must not
 * be reused.  Unimplemented ones fail with -XEN_ENOSYS.  Numbers from
 * 0x8000 up are ours, outside any range Xen has used.
 */
#define XEN_DOMCTL_createdomain         1
#define XEN_DOMCTL_destroydomain        2
#define XEN_DOMCTL_pausedomain          3
#define XEN_DOMCTL_unpausedomain        4
#define XEN_DOMCTL_getdomaininfo        5
#define XEN_DOMCTL_max_mem              11
#define XEN_DOMCTL_load_module          0x8000

#ifndef __ASSEMBLY__
/*
 * The argument of __HYPERVISOR_domctl.  The hypervisor copies it in once,
 * checks interface_version and _pad, runs cmd on domain with u, and
 * copies it back for commands that have OUT fields.
 */
struct xen_domctl {
    uint32_t cmd;                       /* IN: XEN_DOMCTL_* */
    uint32_t interface_version;         /* IN: XEN_DOMCTL_INTERFACE_VERSION */
    domid_t domain;                     /* IN (OUT for createdomain) */
    uint16_t _pad[3];                   /* IN: must be 0 */
    union {
        struct xen_domctl_createdomain  createdomain;
        struct xen_domctl_getdomaininfo getdomaininfo;
        struct xen_domctl_max_mem       max_mem;
        struct xen_domctl_load_module   load_module;
        uint8_t                         pad[128];   /* fixes the size */
    } u;                                /* IN/OUT: per command */
};
typedef struct xen_domctl xen_domctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_domctl_t);
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_DOMCTL_H__ */
