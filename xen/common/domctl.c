/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __HYPERVISOR_domctl: domain management for the control domain.
 *
 * Every call copies the whole struct xen_domctl in once, checks the
 * interface version, the padding and the caller's privilege, validates
 * the sub-op's fields, and only then acts (validate, then commit).
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

#include <public/domctl.h>

/* Creation flags a PV-only hypervisor accepts. */
#define CDF_ALLOWED     (XEN_DOMCTL_CDF_xs_domain)

static int domctl_createdomain(struct xen_domctl *op)
{
    struct xen_domctl_createdomain *c = &op->u.createdomain;
    domid_t domid = op->domain;
    struct domain *d;
    int rc;

    if ( (c->flags & ~CDF_ALLOWED) || c->iommu_opts ||
         c->arch.emulation_flags || c->vmtrace_size ||
         c->max_vcpus < 1 || c->max_vcpus > MAX_VIRT_CPUS )
        return -EINVAL;

    /* 0 and DOMID_ANY ask us to choose; other reserved ids are refused. */
    if ( domid == 0 || domid == DOMID_ANY )
        domid = DOMID_INVALID;
    else if ( domid >= DOMID_FIRST_RESERVED )
        return -EINVAL;
    d = domain_create(domid, c->flags, c->max_vcpus, false, &rc);
    if ( !d )
        return rc;
    memcpy(d->handle, c->handle, sizeof(d->handle));
    op->domain = d->domain_id;
    put_domain(d);
    return 0;
}

static void fill_domaininfo(const struct domain *d,
                            struct xen_domctl_getdomaininfo *info)
{
    unsigned int i, online = 0, max_id = 0;

    memset(info, 0, sizeof(*info));
    for ( i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
        {
            online++;
            max_id = i;
        }
    info->domain = d->domain_id;
    info->flags = (domain_is_dying(d) ? XEN_DOMINF_dying : 0) |
                  (d->is_paused ? XEN_DOMINF_paused : 0);
    if ( READ_ONCE(d->is_shut_down) )
    {
        smp_rmb();                      /* the flag before the code */
        info->flags |= XEN_DOMINF_shutdown |
                       ((uint32_t)d->shutdown_code <<
                        XEN_DOMINF_shutdownshift);
    }
    info->tot_pages = d->tot_pages;
    info->max_pages = d->max_pages;
    info->outstanding_pages = domain_outstanding_pages(d);
    info->nr_online_vcpus = online;
    info->max_vcpu_id = online ? max_id : XEN_INVALID_MAX_VCPU_ID;
    memcpy(info->handle, d->handle, sizeof(info->handle));
}

/*
 * Toolstack pauses are counted, as Xen's: each pause needs an unpause.
 * Returns 0, -EINVAL (unpausing a domain the toolstack has not paused)
 * or -EOVERFLOW.  Serialised by d->kill_lock, which no fast path takes.
 */
static long domctl_pause(struct domain *d, bool pause)
{
    long rc = 0;

    spin_lock(&d->kill_lock);
    if ( pause && d->controller_pause_count == UINT8_MAX )
        rc = -EOVERFLOW;
    else if ( !pause && !d->controller_pause_count )
        rc = -EINVAL;
    else
        d->controller_pause_count += pause ? 1 : -1;
    WRITE_ONCE(d->is_paused, d->controller_pause_count != 0);
    spin_unlock(&d->kill_lock);
    return rc;
}

/* Sub-ops on an existing domain d (reference held by the caller). */
static long domctl_on_domain(struct xen_domctl *op, struct domain *d,
                             XEN_GUEST_HANDLE_PARAM(void) u_domctl,
                             bool *copyback)
{
    long rc;

    switch ( op->cmd )
    {
    case XEN_DOMCTL_destroydomain:
        if ( d == current->domain || is_hardware_domain(d) )
            return -EINVAL;
        rc = domain_kill(d);
        if ( rc == -ERESTART )
            rc = hypercall_create_continuation(
                __HYPERVISOR_domctl, 1,
                (unsigned long)guest_handle_to_gva(u_domctl));
        return rc;

    case XEN_DOMCTL_pausedomain:
    case XEN_DOMCTL_unpausedomain:
        if ( d == current->domain || domain_is_dying(d) )
            return -EINVAL;
        return domctl_pause(d, op->cmd == XEN_DOMCTL_pausedomain);

    case XEN_DOMCTL_getdomaininfo:
        fill_domaininfo(d, &op->u.getdomaininfo);
        *copyback = true;
        return 0;

    case XEN_DOMCTL_max_mem:
        domain_set_max_pages(d, op->u.max_mem.max_memkb >>
                                (PAGE_SHIFT - 10));
        return 0;

    default:
        return arch_do_domctl(op, d, copyback);
    }
}

long do_domctl(XEN_GUEST_HANDLE_PARAM(void) u_domctl)
{
    struct xen_domctl op;
    struct domain *d;
    bool copyback = false;
    long rc;

    if ( copy_from_guest(&op, u_domctl, 1) )
        return -EFAULT;
    if ( op.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !is_control_domain(current->domain) )
        return -EPERM;
    if ( op._pad[0] || op._pad[1] || op._pad[2] )
        return -EINVAL;

    if ( op.cmd == XEN_DOMCTL_createdomain )
    {
        rc = domctl_createdomain(&op);
        copyback = !rc;
    }
    else
    {
        d = get_domain_by_id(op.domain);
        if ( !d )
            return -ESRCH;
        rc = domctl_on_domain(&op, d, u_domctl, &copyback);
        put_domain(d);
    }

    if ( copyback && copy_to_guest(u_domctl, &op, 1) )
        rc = -EFAULT;
    return rc;
}
