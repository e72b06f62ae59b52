/* SPDX-License-Identifier: MIT */
/*
 * __HYPERVISOR_sysctl(struct xen_sysctl *): host-wide queries and control
 * for the toolstack.  Every sysctl needs a privileged (control) caller;
 * others get -XEN_EPERM.
 *
 * This is not a stable ABI: the caller must put XEN_SYSCTL_INTERFACE_-
 * VERSION in interface_version, and a mismatch fails with -XEN_EACCES.
 * Layouts are Xen's for the version below.
 */
#ifndef __XEN_PUBLIC_SYSCTL_H__
#define __XEN_PUBLIC_SYSCTL_H__

#if !defined(__XEN__) && !defined(__XEN_TOOLS__)
#error "sysctl.h is for the hypervisor and control tools only"
#endif

#include "xen.h"

/*
 * Xen's value at the time of writing: 0x16, last bumped in Xen 4.21 and
 * still current in 4.22.  xen_sysctl_physinfo has had the layout below
 * since 0x15 (Xen 4.17).
 */
#define XEN_SYSCTL_INTERFACE_VERSION    0x00000016

/*
 * XEN_SYSCTL_physinfo: describe the host.  All fields are OUT; the
 * caller's values are ignored.  Returns 0 (or -XEN_EFAULT).  Not
 * preemptible.
 *
 * free_pages counts every free page of the domain heap, claimed or not;
 * outstanding_pages is the host-wide total of outstanding claims
 * (XENMEM_claim_pages).  Both are read together under the heap lock, so
 * free_pages - outstanding_pages is the memory a new, unclaimed
 * allocation could get at that instant.
 */
#define XEN_SYSCTL_physinfo             3

/* xen_sysctl_physinfo.capabilities: what the host can run. */
#define _XEN_SYSCTL_PHYSCAP_hvm         0   /* HVM guests */
#define XEN_SYSCTL_PHYSCAP_hvm          (1U << _XEN_SYSCTL_PHYSCAP_hvm)
#define _XEN_SYSCTL_PHYSCAP_pv          1   /* PV guests */
#define XEN_SYSCTL_PHYSCAP_pv           (1U << _XEN_SYSCTL_PHYSCAP_pv)
#define _XEN_SYSCTL_PHYSCAP_directio    2   /* device pass-through (IOMMU) */
#define XEN_SYSCTL_PHYSCAP_directio     (1U << _XEN_SYSCTL_PHYSCAP_directio)
#define _XEN_SYSCTL_PHYSCAP_hap         3   /* hardware-assisted paging */
#define XEN_SYSCTL_PHYSCAP_hap          (1U << _XEN_SYSCTL_PHYSCAP_hap)
#define _XEN_SYSCTL_PHYSCAP_shadow      4   /* shadow paging */
#define XEN_SYSCTL_PHYSCAP_shadow       (1U << _XEN_SYSCTL_PHYSCAP_shadow)
#define _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share 5 /* IOMMU shares HAP tables */
#define XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share \
    (1U << _XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share)
#define XEN_SYSCTL_PHYSCAP_vmtrace      (1U << 6)   /* processor tracing */
#define XEN_SYSCTL_PHYSCAP_vpmu         (1U << 7)   /* virtual PMU */
#define XEN_SYSCTL_PHYSCAP_gnttab_v1    (1U << 8)   /* grant table v1 ABI */
#define XEN_SYSCTL_PHYSCAP_gnttab_v2    (1U << 9)   /* grant table v2 ABI */
/* The highest bit defined so far, for checks that no unknown bit is set. */
#define XEN_SYSCTL_PHYSCAP_MAX          XEN_SYSCTL_PHYSCAP_gnttab_v2

/* xen_sysctl_physinfo.arch_capabilities on x86. */
#define XEN_SYSCTL_PHYSCAP_X86_ASSISTED_XAPIC   (1U << 0)
#define XEN_SYSCTL_PHYSCAP_X86_ASSISTED_X2APIC  (1U << 1)
#define XEN_SYSCTL_PHYSCAP_X86_MAX  XEN_SYSCTL_PHYSCAP_X86_ASSISTED_X2APIC

#ifndef __ASSEMBLY__
struct xen_sysctl_physinfo {
    uint32_t threads_per_core;          /* OUT */
    uint32_t cores_per_socket;          /* OUT */
    uint32_t nr_cpus;                   /* OUT: CPUs online now */
    uint32_t max_cpu_id;                /* OUT: largest possible CPU id */
    uint32_t nr_nodes;                  /* OUT: NUMA nodes online now */
    uint32_t max_node_id;               /* OUT: largest possible node id */
    uint32_t cpu_khz;                   /* OUT: CPU clock */
    uint32_t capabilities;              /* OUT: XEN_SYSCTL_PHYSCAP_* */
    uint32_t arch_capabilities;         /* OUT: XEN_SYSCTL_PHYSCAP_X86_* */
    uint32_t pad;                       /* OUT: 0 */
    uint64_aligned_t total_pages;       /* OUT: pages of RAM */
    uint64_aligned_t free_pages;        /* OUT: free heap pages */
    uint64_aligned_t scrub_pages;       /* OUT: free pages awaiting scrub */
    uint64_aligned_t outstanding_pages; /* OUT: sum of all claims */
    uint64_aligned_t max_mfn;           /* OUT: largest possible MFN */
    uint32_t hw_cap[8];                 /* OUT: CPU feature words */
};
typedef struct xen_sysctl_physinfo xen_sysctl_physinfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_physinfo_t);
#endif /* !__ASSEMBLY__ */

/*
 * XEN_SYSCTL_numainfo: per-node memory and the node distance matrix.
 *
 * IN: num_nodes is the number of entries in meminfo and the side of
 * the num_nodes x num_nodes distance array.  With either handle NULL, the
 * call only reports the number of nodes the hypervisor would return.
 *
 * OUT: num_nodes is the number of nodes written, or, when the caller's
 * arrays were too small (and a handle was given), the number needed; the
 * data is then partial.  Distance i -> j is at index i * N + j, with N
 * the num_nodes returned.  Absent nodes read XEN_INVALID_MEM_SZ and
 * XEN_INVALID_NODE_DIST.
 *
 * Returns 0, -XEN_EFAULT, or -XEN_ENOBUFS when arrays were too small.
 * Not preemptible.
 */
#define XEN_SYSCTL_numainfo             17
#define XEN_INVALID_MEM_SZ              (~0U)
#define XEN_INVALID_NODE_DIST           (~0U)

#ifndef __ASSEMBLY__
struct xen_sysctl_meminfo {
    uint64_t memsize;                   /* OUT: bytes of RAM on the node */
    uint64_t memfree;                   /* OUT: free bytes on the node */
};
typedef struct xen_sysctl_meminfo xen_sysctl_meminfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_meminfo_t);

struct xen_sysctl_numainfo {
    uint32_t num_nodes;                 /* IN/OUT: see above */
    uint32_t _pad;                      /* IN: ignored (implicit in Xen) */
    XEN_GUEST_HANDLE_64(xen_sysctl_meminfo_t) meminfo; /* OUT: per node */
    XEN_GUEST_HANDLE_64(uint32) distance;   /* OUT: N x N distances */
};
typedef struct xen_sysctl_numainfo xen_sysctl_numainfo_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_numainfo_t);
#endif /* !__ASSEMBLY__ */

/*
 * XEN_SYSCTL_tmem_op: transcendent memory control (Xen 4.6 to 4.12):
 * freeze, thaw, flush, list, client and pool information, save and
 * restore.  Privileged, like every sysctl.  The argument structure
 * (Xen's struct xen_sysctl_tmem_op) is not defined here yet.
 *
 * Sub-operation numbers, as Xen 4.9 to 4.12 numbered them.  Values 5, 6,
 * 7, 9 and 11 differ from the older TMEMC_* subops in tmem.h.
 */
#define XEN_SYSCTL_tmem_op                      24
#define XEN_SYSCTL_TMEM_OP_ALL_CLIENTS          0xFFFFU
#define XEN_SYSCTL_TMEM_OP_THAW                 0
#define XEN_SYSCTL_TMEM_OP_FREEZE               1
#define XEN_SYSCTL_TMEM_OP_FLUSH                2
#define XEN_SYSCTL_TMEM_OP_DESTROY              3
#define XEN_SYSCTL_TMEM_OP_LIST                 4
#define XEN_SYSCTL_TMEM_OP_GET_CLIENT_INFO      5
#define XEN_SYSCTL_TMEM_OP_SET_CLIENT_INFO      6
#define XEN_SYSCTL_TMEM_OP_GET_POOLS            7
#define XEN_SYSCTL_TMEM_OP_QUERY_FREEABLE_MB    8
#define XEN_SYSCTL_TMEM_OP_SET_POOLS            9
#define XEN_SYSCTL_TMEM_OP_SAVE_BEGIN           10
#define XEN_SYSCTL_TMEM_OP_SET_AUTH             11
#define XEN_SYSCTL_TMEM_OP_SAVE_GET_NEXT_PAGE   19
#define XEN_SYSCTL_TMEM_OP_SAVE_GET_NEXT_INV    20
#define XEN_SYSCTL_TMEM_OP_SAVE_END             21
#define XEN_SYSCTL_TMEM_OP_RESTORE_BEGIN        30
#define XEN_SYSCTL_TMEM_OP_RESTORE_PUT_PAGE     32
#define XEN_SYSCTL_TMEM_OP_RESTORE_FLUSH_PAGE   33

#ifndef __ASSEMBLY__
/*
 * The argument of __HYPERVISOR_sysctl.  The hypervisor copies it in once,
 * checks interface_version, runs cmd on u, and copies it back for the
 * commands that have OUT fields.  Other sysctl numbers are Xen's and
 * fail here with -XEN_ENOSYS.
 */
struct xen_sysctl {
    uint32_t cmd;                       /* IN: XEN_SYSCTL_* */
    uint32_t interface_version;         /* IN: XEN_SYSCTL_INTERFACE_VERSION */
    union {
        struct xen_sysctl_physinfo  physinfo;
        struct xen_sysctl_numainfo  numainfo;
        uint8_t                     pad[128];   /* fixes the union's size */
    } u;                                /* IN/OUT: per command */
};
typedef struct xen_sysctl xen_sysctl_t;
DEFINE_XEN_GUEST_HANDLE(xen_sysctl_t);
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_SYSCTL_H__ */
