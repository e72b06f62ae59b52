/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-domctl: reads the per-domain state the
 * domctl ABI does not report (xen/common/domain.c, p2m.c).  Built with
 * the hypervisor's flags and headers.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/p2m.h>
#include <xen/sched.h>

#include "domctl-fixture.h"

unsigned long dcf_p2m_nodes(unsigned int domid)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    unsigned long n;

    if ( !d )
        return ~0UL;
    spin_lock(&d->p2m.lock);
    n = d->p2m.nr_nodes;
    spin_unlock(&d->p2m.lock);
    put_domain(d);
    return n;
}

unsigned long dcf_overhead_pages(unsigned int domid)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    unsigned long n;
    unsigned int i;

    if ( !d )
        return ~0UL;
    spin_lock(&d->p2m.lock);
    n = d->p2m.nr_nodes + 1;            /* + the struct domain page */
    spin_unlock(&d->p2m.lock);
    spin_lock(&d->vcpu_lock);
    for ( i = 0; i < d->max_vcpus; i++ )
        n += d->vcpu[i] != NULL;
    spin_unlock(&d->vcpu_lock);
    spin_lock(&d->page_alloc_lock);
    n += d->extra_pages;
    spin_unlock(&d->page_alloc_lock);
    put_domain(d);
    return n;
}

unsigned long dcf_preempt_checks(void)
{
    return current ? current->preempt_checks : 0;
}

int dcf_make_dying(unsigned int domid)
{
    struct domain *d = get_domain_by_id((domid_t)domid);
    int dying;

    if ( !d )
        return 0;
    /* A memory op "in flight" makes the kill stop after marking dying. */
    atomic_inc(&d->mem_users);
    dying = domain_kill(d) == -ERESTART && domain_is_dying(d);
    atomic_dec(&d->mem_users);
    put_domain(d);
    return dying;
}
