/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __HYPERVISOR_vcpu_op: a domain brings up its own secondary vCPUs
 * (public/vcpu.h).  This file owns the ABI: the command numbers, the
 * range check of the vCPU id and which vCPU may be stopped.  What a vCPU
 * is made of (registers, run queue) is the arch's, behind the arch_vcpu_*
 * hooks in xen/sched.h; the hosted arch's vCPUs are host threads and
 * answer only VCPUOP_is_up.
 *
 * Only the calling domain's own vCPUs are reachable: a domain cannot
 * start, stop or inspect another's.  The commands of one domain are
 * serialised by d->vcpu_op_lock, so two of its vCPUs cannot initialise
 * the same slot at once.
 */

#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

#include <public/vcpu.h>

long do_vcpu_op(int cmd, unsigned int vcpuid,
                XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu *curr = current;
    struct domain *d = curr->domain;
    long rc;

    if ( vcpuid >= d->max_vcpus )
        return -ENOENT;

    spin_lock(&d->vcpu_op_lock);
    switch ( cmd )
    {
    case VCPUOP_initialise:
        rc = arch_vcpu_initialise(d, vcpuid, arg);
        break;

    case VCPUOP_up:
        rc = arch_vcpu_up(d, vcpuid);
        break;

    case VCPUOP_down:
        rc = vcpuid == curr->vcpu_id ? arch_vcpu_down(curr) : -EINVAL;
        break;

    case VCPUOP_is_up:
        rc = arch_vcpu_is_up(d, vcpuid);
        break;

    default:
        rc = -ENOSYS;
        break;
    }
    spin_unlock(&d->vcpu_op_lock);
    return rc;
}
