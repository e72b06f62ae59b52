/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * xenctrl.h: the libxenctrl subset for building and inspecting domains.
 *
 * Names, signatures and return conventions follow Xen's libxenctrl
 * (4.17 to 4.19 era, plus xc_domain_getinfo_single() from 4.18 and the
 * 4.22 xc_domain_claim_pages() errno rule), so code written for Xen's
 * library compiles against this one unchanged.
 *
 * Conventions, unless a function says otherwise:
 *  - success is 0 (or a non-NULL pointer); failure is -1 (or NULL) with
 *    errno set.  Hypervisor errors (-XEN_E*) arrive as the same errno
 *    numbers (XEN_E* match Linux/x86 errno values).
 *  - Memory passed to these functions is ordinary process memory; the
 *    library copies it in and out of hypercall buffers itself.
 *  - One handle may be used by several threads at once.  Each thread acts
 *    as its own dom0 vCPU.  Error details from xc_get_last_error() belong
 *    to the calling thread.
 */
#ifndef XENCTRL_H
#define XENCTRL_H

/* Ask the public headers for the toolstack-only parts (domctl, sysctl). */
#ifndef __XEN_TOOLS__
#define __XEN_TOOLS__ 1
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#if __STDC_HOSTED__
#include <stdio.h>
#include <unistd.h>
#endif

#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/memory.h>
#include <xen/sysctl.h>

#include "xentoollog.h"

#ifdef __cplusplus
extern "C" {
#endif

#define XC_PAGE_SHIFT           12
#define XC_PAGE_SIZE            (1UL << XC_PAGE_SHIFT)
#define XC_PAGE_MASK            (~(XC_PAGE_SIZE - 1))

#define INVALID_MFN             (~0UL)

/* xc_interface_open() returns a pointer (Xen 4.1 and later). */
#define XENCTRL_HAS_XC_INTERFACE 1

typedef struct xc_interface_core xc_interface;

/*
 * ---------------------------------------------------------------------
 * Opening and closing
 * ---------------------------------------------------------------------
 */

enum xc_open_flags {
    XC_OPENFLAG_DUMMY         = 1 << 0, /* Handle only: no hypervisor. */
    XC_OPENFLAG_NON_REENTRANT = 1 << 1, /* Caller promises one thread. */
};

/*
 * Open a handle to the hypervisor.  logger == NULL logs to stderr at
 * XTL_PROGRESS and above; dombuild_logger is kept for compatibility and
 * may be NULL.  Returns the handle, or NULL with errno set.
 */
xc_interface *xc_interface_open(xentoollog_logger *logger,
                                xentoollog_logger *dombuild_logger,
                                unsigned open_flags);

/* Close a handle (NULL is fine).  Returns 0; the handle is gone anyway. */
int xc_interface_close(xc_interface *xch);

/*
 * ---------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------
 */

enum xc_error_code {
    XC_ERROR_NONE      = 0,
    XC_INTERNAL_ERROR  = 1,
    XC_INVALID_KERNEL  = 2,
    XC_INVALID_PARAM   = 3,
    XC_OUT_OF_MEMORY   = 4,
};
typedef enum xc_error_code xc_error_code;

#define XC_MAX_ERROR_MSG_LEN 1024
typedef struct xc_error {
    enum xc_error_code code;
    char message[XC_MAX_ERROR_MSG_LEN];
} xc_error;

/* Fixed text for an xc_error_code; unknown codes get a generic string. */
const char *xc_error_code_to_desc(int code);

/* strerror() that is safe to call from several threads at once. */
const char *xc_strerror(xc_interface *xch, int errcode);

/*
 * The last error logged at XTL_ERROR or above by this thread on xch.
 * Valid until the thread's next libxenctrl call.
 */
const xc_error *xc_get_last_error(xc_interface *xch);
void xc_clear_last_error(xc_interface *xch);

/*
 * ---------------------------------------------------------------------
 * Domains
 * ---------------------------------------------------------------------
 */

typedef xen_domctl_getdomaininfo_t xc_domaininfo_t;

/*
 * Create a domain.  *pdomid is the wanted id, or 0 / DOMID_ANY to let the
 * hypervisor choose; on success it holds the new id and *config the
 * configuration as the hypervisor settled it.  Returns 0 or -1/errno.
 */
int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config);

/* Each returns 0 or -1/errno (ESRCH for an unknown domain). */
int xc_domain_destroy(xc_interface *xch, uint32_t domid);
int xc_domain_pause(xc_interface *xch, uint32_t domid);
int xc_domain_unpause(xc_interface *xch, uint32_t domid);

/*
 * Fill *info (may be NULL) for exactly domid.  Returns 0, or -1 with
 * errno ESRCH if there is no such domain, or another errno.
 */
int xc_domain_getinfo_single(xc_interface *xch, uint32_t domid,
                             xc_domaininfo_t *info);

/*
 * Fill info[] with up to max_domains domains whose id is >= first_domain,
 * in id order.  Returns the number filled, or -1/errno.
 */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                          unsigned int max_domains, xc_domaininfo_t *info);

/* Raw domctl/sysctl; interface_version is filled in.  0 or -1/errno. */
int xc_domctl(xc_interface *xch, struct xen_domctl *domctl);
int xc_sysctl(xc_interface *xch, struct xen_sysctl *sysctl);

/*
 * ---------------------------------------------------------------------
 * Memory
 * ---------------------------------------------------------------------
 */

/* Set the domain's maximum memory (KiB; ~0 for no limit).  0 or -1. */
int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid,
                        uint64_t max_memkb);

/*
 * Stake a claim: the domain's allocation target becomes nr_pages in
 * total, reserved now so later population cannot run out; 0 cancels the
 * claim.  Returns 0 or -1/errno (EINVAL, ENOMEM, EPERM, and ENOSYS from
 * a hypervisor without claims, which is reported, not hidden).
 */
int xc_domain_claim_pages(xc_interface *xch, uint32_t domid,
                          unsigned long nr_pages);

/*
 * XENMEM_populate_physmap: back the nr_extents GFNs in extent_start[]
 * with extents of 2^extent_order pages (mem_flags: XENMEMF_*).  On return
 * extent_start[] holds the frames.  Returns the number of extents done
 * (possibly short), or -1/errno if the call could not be made.
 */
int xc_domain_populate_physmap(xc_interface *xch, uint32_t domid,
                               unsigned long nr_extents,
                               unsigned int extent_order,
                               unsigned int mem_flags,
                               xen_pfn_t *extent_start);

/* As above but all or nothing: 0, or -1 with errno EBUSY if short. */
int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                     unsigned long nr_extents,
                                     unsigned int extent_order,
                                     unsigned int mem_flags,
                                     xen_pfn_t *extent_start);

/*
 * XENMEM_increase_reservation: allocate nr_extents extents; their frame
 * numbers are written to extent_start[] (may be NULL).  Returns the count
 * done or -1/errno; the _exact form returns 0, or -1 with errno ENOMEM if
 * short.
 */
int xc_domain_increase_reservation(xc_interface *xch, uint32_t domid,
                                   unsigned long nr_extents,
                                   unsigned int extent_order,
                                   unsigned int mem_flags,
                                   xen_pfn_t *extent_start);
int xc_domain_increase_reservation_exact(xc_interface *xch, uint32_t domid,
                                         unsigned long nr_extents,
                                         unsigned int extent_order,
                                         unsigned int mem_flags,
                                         xen_pfn_t *extent_start);

/*
 * XENMEM_decrease_reservation: release the nr_extents extents whose GFNs
 * are in extent_start[] (must not be NULL: -1/EINVAL).  Returns the count
 * done or -1/errno; the _exact form returns 0, or -1 with errno EINVAL if
 * short.
 */
int xc_domain_decrease_reservation(xc_interface *xch, uint32_t domid,
                                   unsigned long nr_extents,
                                   unsigned int extent_order,
                                   xen_pfn_t *extent_start);
int xc_domain_decrease_reservation_exact(xc_interface *xch, uint32_t domid,
                                         unsigned long nr_extents,
                                         unsigned int extent_order,
                                         xen_pfn_t *extent_start);

/*
 * Raw XENMEM_* call: arg (len bytes, may be NULL/0) is copied in, the op
 * runs, and arg is copied back.  Guest handles inside *arg are passed
 * through untouched, so only ops without buffers behind handles (or with
 * NULL handles, like XENMEM_claim_pages) are usable this way.  Returns
 * the op's non-negative result, or -1/errno.
 */
long xc_memory_op(xc_interface *xch, unsigned int cmd, void *arg,
                  size_t len);

/* The highest machine frame number in the system.  0 or -1/errno. */
int xc_maximum_ram_page(xc_interface *xch, unsigned long *max_mfn);

/*
 * ---------------------------------------------------------------------
 * Host
 * ---------------------------------------------------------------------
 */

typedef xen_sysctl_physinfo_t xc_physinfo_t;

/*
 * XEN_SYSCTL_physinfo: total, free and outstanding (claimed) pages, CPU
 * counts, capabilities.  *info is also sent in (as Xen does).  0 or -1.
 */
int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);

/*
 * ---------------------------------------------------------------------
 * tmem (transcendent memory) control: tools/libs/ctrl/xc_tmem.c
 *
 * Xen 4.5's calls, through __HYPERVISOR_tmem_op (TMEM_CONTROL and
 * TMEM_AUTH; dom0 only).  Constants (TMEMC_*, TMEM_*) come from
 * <xen/tmem.h>.  Both return the hypervisor's result (>= 0) or -1 with
 * errno.
 * ---------------------------------------------------------------------
 */

#include <xen/tmem.h>

/*
 * TMEM_CONTROL subop for client cli_id (0xFFFF: all) and pool_id, with
 * arg1/arg2 as the subop defines (arg3 is passed in u.ctrl.oid.oid[0]).
 * For TMEMC_LIST, buf receives up to arg1 bytes of "G=..."/"C=..." text;
 * other subops take no buffer.  Returns the result or -1/errno.
 */
int xc_tmem_control(xc_interface *xch, int32_t pool_id, uint32_t subop,
                    uint32_t cli_id, uint32_t arg1, uint32_t arg2,
                    uint64_t arg3, void *buf);

/*
 * TMEM_AUTH: allow (arg1 1) or deny (arg1 0) client cli_id the shared
 * pool uuid_str ("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx": the first 16
 * digits are uuid[1], the last 16 uuid[0]).  Returns 1, 0 (denied a
 * uuid not allowed), or -1/errno (EINVAL: bad uuid or client).
 */
int xc_tmem_auth(xc_interface *xch, int cli_id, char *uuid_str, int arg1);

/* --- end of tmem ------------------------------------------------------ */

#ifdef __cplusplus
}
#endif

#endif /* XENCTRL_H */
