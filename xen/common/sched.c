/* SPDX-License-Identifier: GPL-2.0 */
/*
 * __HYPERVISOR_sched_op: a vCPU gives up the CPU, or its domain shuts
 * down.  The scheduler itself is the arch's (x86: round robin over the
 * ring-3 vCPUs; hosted: the host's threads), reached through
 * arch_vcpu_yield(); this file owns the ABI and the shutdown state.
 *
 * Shutdown is a one-way flag with a reason (SHUTDOWN_*), set under
 * d->kill_lock: the first reason sticks, as in Xen.  A shut-down domain
 * keeps its memory until the toolstack destroys it; the arch stops
 * scheduling its vCPUs (and x86 halts the machine when dom0 stops).
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

#include <public/sched.h>

static const char *const shutdown_names[SHUTDOWN_MAX + 1] = {
    [SHUTDOWN_poweroff]   = "poweroff",
    [SHUTDOWN_reboot]     = "reboot",
    [SHUTDOWN_suspend]    = "suspend",
    [SHUTDOWN_crash]      = "crash",
    [SHUTDOWN_watchdog]   = "watchdog",
    [SHUTDOWN_soft_reset] = "soft_reset",
};

const char *shutdown_reason_name(unsigned int reason)
{
    return reason <= SHUTDOWN_MAX ? shutdown_names[reason] : "unknown";
}

int domain_shutdown(struct domain *d, unsigned int reason)
{
    bool first = false;

    if ( reason > SHUTDOWN_MAX )
        return -EINVAL;
    spin_lock(&d->kill_lock);
    if ( !d->is_shut_down )
    {
        d->shutdown_code = (uint8_t)reason;
        smp_wmb();                      /* the code before the flag */
        WRITE_ONCE(d->is_shut_down, true);
        first = true;
    }
    spin_unlock(&d->kill_lock);
    if ( first )
        printk(XENLOG_INFO "Domain %u shut down: %s\n", d->domain_id,
               shutdown_reason_name(reason));
    return 0;
}

/*
 * SCHEDOP_remote_shutdown: the control domain shuts down another one.
 * Returns 0, -EFAULT, -EINVAL (bad reason), -ESRCH, -EPERM.
 */
static long sched_remote_shutdown(XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct sched_remote_shutdown rs;
    struct domain *d;
    long rc;

    if ( copy_from_guest(&rs, guest_handle_cast(arg,
                                                sched_remote_shutdown_t), 1) )
        return -EFAULT;
    if ( rs.reason > SHUTDOWN_MAX )
        return -EINVAL;
    d = get_domain_by_id(rs.domain_id);
    if ( !d )
        return -ESRCH;
    rc = is_control_domain(current->domain) ? domain_shutdown(d, rs.reason)
                                            : -EPERM;
    put_domain(d);
    return rc;
}

/*
 * SCHEDOP_yield and SCHEDOP_block return 0 (block is a yield: there are
 * no event channels yet, so a wakeup is always "pending").
 * SCHEDOP_shutdown returns 0 (the vCPU does not run again unless the
 * reason is SHUTDOWN_suspend and the toolstack resumes it), -EFAULT or
 * -EINVAL.  poll, shutdown_code, watchdog and pin_override: -ENOSYS.
 */
long do_sched_op(int cmd, XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct sched_shutdown ss;

    switch ( cmd )
    {
    case SCHEDOP_yield:
    case SCHEDOP_block:
        arch_vcpu_yield(current);
        return 0;

    case SCHEDOP_shutdown:
        if ( copy_from_guest(&ss, guest_handle_cast(arg, sched_shutdown_t),
                             1) )
            return -EFAULT;
        return domain_shutdown(current->domain, ss.reason);

    case SCHEDOP_remote_shutdown:
        return sched_remote_shutdown(arg);

    default:
        return -ENOSYS;
    }
}
