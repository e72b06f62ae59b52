/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copies to and from guest virtual addresses, in software, through the
 * p2m.  Used by every hypercall that takes a pointer, on every arch, so a
 * bad guest pointer is a short copy (-EFAULT for the caller) and never a
 * hypervisor fault.
 *
 * Each page is accessed with the domain's p2m lock held, so a concurrent
 * decrease_reservation cannot free the frame while we copy it.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/sched.h>

#include <asm/config.h>

/*
 * Copy up to len bytes between buf and d's guest virtual gva, page by
 * page.  Returns the number of bytes not copied.
 */
static unsigned long guest_copy(struct domain *d, uint64_t gva, void *buf,
                                unsigned long len, bool to_guest)
{
    char *p = buf;

    while ( len )
    {
        unsigned long chunk = min(len, PAGE_SIZE - PAGE_OFFSET(gva));
        char *va;
        mfn_t mfn;

        if ( gva < GUEST_LINEAR_BASE ||
             gva - GUEST_LINEAR_BASE >= GUEST_LINEAR_SIZE ||
             arch_guest_copy_fault(d, gva) )
            break;

        spin_lock(&d->p2m.lock);
        mfn = p2m_lookup_locked(d, _gfn((gva - GUEST_LINEAR_BASE) >>
                                        PAGE_SHIFT));
        if ( mfn_eq(mfn, INVALID_MFN) )
        {
            spin_unlock(&d->p2m.lock);
            break;
        }
        va = (char *)mfn_to_virt(mfn) + PAGE_OFFSET(gva);
        if ( to_guest )
            memcpy(va, p, chunk);
        else
            memcpy(p, va, chunk);
        spin_unlock(&d->p2m.lock);

        gva += chunk;
        p += chunk;
        len -= chunk;
    }
    return len;
}

unsigned long copy_to_domain(struct domain *d, uint64_t gva,
                             const void *from, unsigned long len)
{
    return guest_copy(d, gva, (void *)from, len, true);
}

unsigned long copy_from_domain(void *to, struct domain *d, uint64_t gva,
                               unsigned long len)
{
    return guest_copy(d, gva, to, len, false);
}

unsigned long raw_copy_to_guest(uint64_t gva, const void *from,
                                unsigned long len)
{
    return guest_copy(current->domain, gva, (void *)from, len, true);
}

unsigned long raw_copy_from_guest(void *to, uint64_t gva, unsigned long len)
{
    return guest_copy(current->domain, gva, to, len, false);
}

/* Copy a whole page to or from d's frame gfn.  Returns 0 or -EFAULT. */
static int gfn_copy(struct domain *d, gfn_t gfn, void *buf, bool to_guest)
{
    mfn_t mfn;

    if ( arch_guest_copy_fault(d, GUEST_LINEAR_BASE +
                                  ((uint64_t)gfn_x(gfn) << PAGE_SHIFT)) )
        return -EFAULT;
    spin_lock(&d->p2m.lock);
    mfn = p2m_lookup_locked(d, gfn);
    if ( mfn_eq(mfn, INVALID_MFN) )
    {
        spin_unlock(&d->p2m.lock);
        return -EFAULT;
    }
    if ( to_guest )
        memcpy(mfn_to_virt(mfn), buf, PAGE_SIZE);
    else
        memcpy(buf, mfn_to_virt(mfn), PAGE_SIZE);
    spin_unlock(&d->p2m.lock);
    return 0;
}

int copy_from_gfn(void *to, struct domain *d, gfn_t gfn)
{
    return gfn_copy(d, gfn, to, false);
}

int copy_to_gfn(struct domain *d, gfn_t gfn, const void *from)
{
    return gfn_copy(d, gfn, (void *)from, true);
}
