/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Access to guest memory through guest handles (xen/common/guestcopy.c).
 *
 * A handle carries a guest virtual address of the current domain.  The
 * copy routines translate it page by page: guest virtual -> gfn by the
 * linear layout every domain has (gfn g at GUEST_LINEAR_BASE + g * 4K),
 * gfn -> mfn through the domain's p2m.  An address outside that layout
 * or an unmapped gfn stops the copy: it never faults the hypervisor.
 */
#ifndef XEN_GUEST_ACCESS_H
#define XEN_GUEST_ACCESS_H

#include <xen/types.h>

#include <public/xen.h>

struct domain;

/*
 * Copy len bytes between hypervisor memory and guest virtual address gva
 * of domain d.  Return the number of bytes NOT copied (0 on success).
 * Take d->p2m.lock around each page's access; no other lock held needed.
 */
unsigned long copy_to_domain(struct domain *d, uint64_t gva,
                             const void *from, unsigned long len);
unsigned long copy_from_domain(void *to, struct domain *d, uint64_t gva,
                               unsigned long len);

/*
 * Copy one whole page between d's guest frame gfn and hypervisor memory
 * (page-sized).  Returns 0, or -EFAULT if gfn is not mapped.  Takes
 * d->p2m.lock for the access; may be called with tmem pool locks held.
 */
int copy_from_gfn(void *to, struct domain *d, gfn_t gfn);
int copy_to_gfn(struct domain *d, gfn_t gfn, const void *from);

/* The same for the current vCPU's domain. */
unsigned long raw_copy_to_guest(uint64_t gva, const void *from,
                                unsigned long len);
unsigned long raw_copy_from_guest(void *to, uint64_t gva,
                                  unsigned long len);

/*
 * Arch hook for fault injection in tests: return true to make the copy
 * of the page at gva fail as if it were unmapped.
 */
bool arch_guest_copy_fault(const struct domain *d, uint64_t gva);

#define guest_handle_to_gva(hnd)    ((uint64_t)(unsigned long)(hnd).p)
#define guest_handle_is_null(hnd)   ((hnd).p == NULL)

/* Build a handle of 'type' from a hypercall argument register. */
#define guest_handle_from_ulong(type, val)                              \
    ((XEN_GUEST_HANDLE_PARAM(type)){ (type *)(unsigned long)(val) })

#define guest_handle_cast(hnd, type)                                    \
    ((XEN_GUEST_HANDLE_PARAM(type)){ (type *)(hnd).p })

/*
 * Copy nr objects of *ptr's type at offset off (in units of the handle's
 * element type, bytes for a void handle), as Xen's macros do.  Evaluate
 * to the number of bytes NOT copied: 0 means done.
 */
#define copy_to_guest_offset(hnd, off, ptr, nr) ({                      \
    const __typeof__(*(ptr)) *s__ = (ptr);                              \
    raw_copy_to_guest(guest_handle_to_gva(hnd) +                        \
                      (uint64_t)(off) * sizeof(*(hnd).p), s__,          \
                      (unsigned long)(nr) * sizeof(*s__)); })
#define copy_from_guest_offset(ptr, hnd, off, nr) ({                    \
    __typeof__(*(ptr)) *d__ = (ptr);                                    \
    raw_copy_from_guest(d__, guest_handle_to_gva(hnd) +                 \
                        (uint64_t)(off) * sizeof(*(hnd).p),             \
                        (unsigned long)(nr) * sizeof(*d__)); })

#define copy_to_guest(hnd, ptr, nr)     copy_to_guest_offset(hnd, 0, ptr, nr)
#define copy_from_guest(ptr, hnd, nr)   copy_from_guest_offset(ptr, hnd, 0, nr)

#endif /* XEN_GUEST_ACCESS_H */
