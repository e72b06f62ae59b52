/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __HYPERVISOR_sysctl: system-wide queries for the control domain:
 * physinfo (memory totals, free and claimed pages) and numainfo.
 */

#include <xen/cpu.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

#include <public/sysctl.h>

static void sysctl_physinfo(struct xen_sysctl_physinfo *pi)
{
    uint64_t free, outstanding;
    unsigned int nodes = heap_nr_nodes();

    memset(pi, 0, sizeof(*pi));
    pi->threads_per_core = 1;
    pi->cores_per_socket = arch_nr_cpus();
    pi->nr_cpus = arch_nr_cpus();
    pi->max_cpu_id = arch_nr_cpus() - 1;
    pi->nr_nodes = nodes;
    pi->max_node_id = nodes - 1;
    pi->cpu_khz = arch_cpu_khz();
    pi->capabilities = XEN_SYSCTL_PHYSCAP_pv;
    pi->total_pages = total_heap_pages();
    /* Free and outstanding are read together, under heap_lock. */
    get_outstanding_claims(&free, &outstanding);
    pi->free_pages = free;
    pi->outstanding_pages = outstanding;
    pi->scrub_pages = free_pages_need_scrub();
    pi->max_mfn = max_page - 1;
}

/*
 * XEN_SYSCTL_numainfo: per-node memory and distances.  With null handles
 * only num_nodes is reported; too small arrays give -ENOBUFS with the
 * needed count, as Xen does.
 */
static long sysctl_numainfo(struct xen_sysctl_numainfo *ni)
{
    unsigned int nodes = heap_nr_nodes(), i, j;
    long rc = 0;

    if ( guest_handle_is_null(ni->meminfo) ||
         guest_handle_is_null(ni->distance) )
    {
        ni->num_nodes = nodes;
        return 0;
    }
    if ( ni->num_nodes < nodes )
    {
        ni->num_nodes = nodes;
        return -ENOBUFS;
    }
    for ( i = 0; i < nodes && !rc; i++ )
    {
        struct xen_sysctl_meminfo mi = {
            .memsize = (uint64_t)node_heap_pages(i) << PAGE_SHIFT,
            .memfree = (uint64_t)node_free_pages(i) << PAGE_SHIFT,
        };

        if ( copy_to_guest_offset(ni->meminfo, i, &mi, 1) )
            rc = -EFAULT;
        for ( j = 0; j < nodes && !rc; j++ )
        {
            uint32_t dist = i == j ? 10 : 20;

            if ( copy_to_guest_offset(ni->distance, i * nodes + j, &dist,
                                      1) )
                rc = -EFAULT;
        }
    }
    ni->num_nodes = nodes;
    return rc;
}

long do_sysctl(XEN_GUEST_HANDLE_PARAM(void) u_sysctl)
{
    struct xen_sysctl op;
    long rc;

    if ( copy_from_guest(&op, u_sysctl, 1) )
        return -EFAULT;
    if ( op.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        return -EACCES;
    if ( !is_control_domain(current->domain) )
        return -EPERM;

    switch ( op.cmd )
    {
    case XEN_SYSCTL_physinfo:
        sysctl_physinfo(&op.u.physinfo);
        rc = 0;
        break;
    case XEN_SYSCTL_numainfo:
        rc = sysctl_numainfo(&op.u.numainfo);
        break;
    default:
        return -ENOSYS;
    }

    if ( (!rc || rc == -ENOBUFS) && copy_to_guest(u_sysctl, &op, 1) )
        rc = -EFAULT;
    return rc;
}
