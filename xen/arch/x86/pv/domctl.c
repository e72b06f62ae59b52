/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86's domctls: XEN_DOMCTL_load_module, the toolstack's way to put a
 * boot module's ELF image into a domain it created and populated
 * (public/domctl.h has the contract).  The toolstack flow is Xen's:
 *
 *   createdomain -> max_mem -> claim_pages -> populate_physmap
 *   -> load_module (here, instead of mapping foreign memory)
 *   -> unpausedomain -> ... getdomaininfo shows the shutdown
 *   -> destroydomain
 */

#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

#include <asm/current.h>
#include <asm/domain.h>
#include <asm/setup.h>

#include <public/domctl.h>
#include <public/xen.h>

/* Build d from boot module l->module.  Returns 0 or -E* (see header). */
static long domctl_load_module(struct domain *d,
                               struct xen_domctl_load_module *l)
{
    const struct boot_module *m;
    const char *why = "";
    long rc;

    if ( l->_pad || !l->module || l->module >= nr_boot_modules ||
         d == current->domain )
        return -EINVAL;
    if ( domain_is_dying(d) )
        return -EINVAL;
    if ( d->vcpu[0] )
        return -EEXIST;
    m = &boot_modules[l->module];
    rc = pv_build(d, m->image, m->len, m->cmdline, 0, &why);
    if ( rc )
    {
        printk(XENLOG_WARNING "d%u: cannot load module %u (%.*s): %s (%ld)\n",
               d->domain_id, l->module, (int)m->path_len, m->path, why, rc);
        return rc;
    }
    l->entry = vcpu_arch(d->vcpu[0])->regs.rip;
    printk(XENLOG_INFO "d%u: module %u (%.*s) loaded, entry %#lx, "
           "command line \"%s\"\n", d->domain_id, l->module,
           (int)m->path_len, m->path, (unsigned long)l->entry, m->cmdline);
    return 0;
}

long arch_do_domctl(struct xen_domctl *op, struct domain *d,
                    bool *copyback)
{
    long rc;

    switch ( op->cmd )
    {
    case XEN_DOMCTL_load_module:
        rc = domctl_load_module(d, &op->u.load_module);
        *copyback = !rc;
        return rc;

    default:
        return -ENOSYS;
    }
}
