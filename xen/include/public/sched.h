/* SPDX-License-Identifier: MIT */
/*
 * __HYPERVISOR_sched_op(cmd, arg): a vCPU gives up the CPU, or the
 * domain shuts down.  Numbers and structures are Xen's.  Every op acts on
 * the calling domain except SCHEDOP_remote_shutdown.
 */
#ifndef __XEN_PUBLIC_SCHED_H__
#define __XEN_PUBLIC_SCHED_H__

#include "xen.h"

/*
 * SCHEDOP_yield: let other vCPUs run; this one stays runnable.  arg is
 *   ignored.  Returns 0.
 */
#define SCHEDOP_yield               0

/*
 * SCHEDOP_block: sleep until an event is pending for this vCPU.  Events
 *   are unmasked first so that a wakeup cannot be missed.  arg is
 *   ignored.  Returns 0.
 */
#define SCHEDOP_block               1

/*
 * SCHEDOP_shutdown: stop the calling domain for the reason in
 *   struct sched_shutdown (SHUTDOWN_*).  The toolstack sees the reason in
 *   XEN_DOMCTL_getdomaininfo.  Returns only for SHUTDOWN_suspend once the
 *   domain is resumed (0, or 1 if it resumed in the same instance);
 *   otherwise does not return.  -XEN_EFAULT for a bad arg.
 */
#define SCHEDOP_shutdown            2

/*
 * SCHEDOP_poll: block until one of a set of event channels is pending or
 *   a timeout passes.  Its argument, struct sched_poll, needs the event
 *   channel ABI, which this hypervisor does not provide yet, so the op
 *   fails with -XEN_ENOSYS.
 */
#define SCHEDOP_poll                3

/*
 * SCHEDOP_remote_shutdown: shut down another domain, as if it had called
 *   SCHEDOP_shutdown itself.  arg is struct sched_remote_shutdown.
 *   Needs control privilege over the target: -XEN_EPERM otherwise,
 *   -XEN_ESRCH for no such domain, -XEN_EINVAL for a bad reason.
 */
#define SCHEDOP_remote_shutdown     4

/*
 * SCHEDOP_shutdown_code: record the reason a later shutdown will report,
 *   without shutting down (used before a crash dump).  arg is struct
 *   sched_shutdown.  Returns 0.
 */
#define SCHEDOP_shutdown_code       5

/*
 * SCHEDOP_watchdog: arm, re-arm or stop a domain watchdog; when it fires
 *   the domain is shut down with SHUTDOWN_watchdog.  arg is struct
 *   sched_watchdog: id 0 with a timeout allocates one and returns its id,
 *   an id with timeout 0 destroys it.
 */
#define SCHEDOP_watchdog            6

/*
 * SCHEDOP_pin_override: temporarily pin the calling vCPU to pCPU pcpu
 *   (-1 undoes it).  Hardware domain only (-XEN_EPERM otherwise).
 */
#define SCHEDOP_pin_override        7

/* Reasons for a shutdown (sched_shutdown.reason). */
#define SHUTDOWN_poweroff           0   /* stop, do not restart */
#define SHUTDOWN_reboot             1   /* restart the domain */
#define SHUTDOWN_suspend            2   /* save state, may be resumed */
#define SHUTDOWN_crash              3   /* the guest crashed */
#define SHUTDOWN_watchdog           4   /* a domain watchdog fired */
#define SHUTDOWN_soft_reset         5   /* reset, keeping the domain */
#define SHUTDOWN_MAX                5   /* the highest reason defined */

#ifndef __ASSEMBLY__
/* Argument of SCHEDOP_shutdown and SCHEDOP_shutdown_code. */
struct sched_shutdown {
    uint32_t reason;                    /* IN: SHUTDOWN_* */
};
typedef struct sched_shutdown sched_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_shutdown_t);

/* Argument of SCHEDOP_remote_shutdown. */
struct sched_remote_shutdown {
    domid_t domain_id;                  /* IN: the domain to shut down */
    uint16_t _pad;                      /* IN: ignored (implicit in Xen) */
    uint32_t reason;                    /* IN: SHUTDOWN_* */
};
typedef struct sched_remote_shutdown sched_remote_shutdown_t;
DEFINE_XEN_GUEST_HANDLE(sched_remote_shutdown_t);

/* Argument of SCHEDOP_watchdog. */
struct sched_watchdog {
    uint32_t id;                        /* IN: watchdog id, 0 = new */
    uint32_t timeout;                   /* IN: seconds, 0 = destroy */
};
typedef struct sched_watchdog sched_watchdog_t;
DEFINE_XEN_GUEST_HANDLE(sched_watchdog_t);

/* Argument of SCHEDOP_pin_override. */
struct sched_pin_override {
    int32_t pcpu;                       /* IN: pCPU, or -1 to unpin */
};
typedef struct sched_pin_override sched_pin_override_t;
DEFINE_XEN_GUEST_HANDLE(sched_pin_override_t);
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_SCHED_H__ */
