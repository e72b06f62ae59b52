/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * libxenctrl internals: the handle, logging macros, the hypercall layer,
 * bounce buffers and the transport seam.
 *
 * Layering, top to bottom:
 *   xc_domain.c, xc_misc.c      the public API, written as Xen's is
 *   xc_private.[ch]             do_xen_hypercall() (-XEN_E* -> errno),
 *                               do_domctl/do_sysctl/do_memory_op, bounces
 *   xc_transport_*.c            the only code that knows how a hypercall
 *                               is made and where its buffers live
 *
 * The transport seam (xc__*) is the whole contract with the environment.
 * Hosted: an in-process hypervisor (xc_transport_hosted.c).  A toolstack
 * running as a ring-3 domain would add xc_transport_guest.c, issuing
 * `syscall` with its own memory as the buffers (identity bounce).
 *
 * Threads: the handle is read-only after xc_interface_open(); per-call
 * state lives on the caller's stack, and the last-error record is per
 * thread, so no lock is needed here.
 */
#ifndef XC_PRIVATE_H
#define XC_PRIVATE_H

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "xenctrl.h"

struct xc_interface_core {
    unsigned int flags;                     /* XC_OPENFLAG_* */
    xentoollog_logger *error_handler;       /* Never NULL. */
    xentoollog_logger *error_handler_tofree;
    xentoollog_logger *dombuild_logger;     /* Unused; may be NULL. */
};

/*
 * ---------------------------------------------------------------------
 * Transport seam: one implementation per environment.
 *
 * Return values are the hypervisor's own: 0 or a negative XEN_E* value,
 * never errno.  All of these are safe to call from several threads.
 * ---------------------------------------------------------------------
 */

/* Make the hypervisor reachable (hosted: boot it).  0 or -XEN_E*. */
int xc__transport_open(xc_interface *xch);

/* Undo xc__transport_open() for this handle (the hypervisor stays up). */
void xc__transport_close(xc_interface *xch);

/*
 * Issue hypercall op with arguments a[0..4] (Xen's x86_64 order) as the
 * calling thread's vCPU.  Continuations are followed to completion.
 * Returns the hypercall's result: >= 0, or -XEN_E*.
 */
long xc__hypercall(xc_interface *xch, unsigned int op,
                   const unsigned long a[5]);

/*
 * Hypercall buffers: guest-virtual ranges in the caller's domain.
 * alloc returns the address of a zeroed buffer (0 if out of buffer
 * space), attaching a fresh thread to dom0 first; write/read copy
 * between process memory and a buffer and return 0 or -XEN_EFAULT.
 */
uint64_t xc__buf_alloc(xc_interface *xch, size_t bytes);
void xc__buf_free(xc_interface *xch, uint64_t gva, size_t bytes);
int xc__buf_write(xc_interface *xch, uint64_t gva, const void *src,
                  size_t bytes);
int xc__buf_read(xc_interface *xch, void *dst, uint64_t gva, size_t bytes);

/*
 * ---------------------------------------------------------------------
 * Logging.  These expect a local `xch`, as Xen's macros do.
 * ---------------------------------------------------------------------
 */

void xc_report(xc_interface *xch, xentoollog_logger *lg,
               xentoollog_level level, int code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void xc_report_error(xc_interface *xch, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define DPRINTF(_f, _a...) \
    xc_report(xch, xch->error_handler, XTL_DETAIL, 0, _f, ## _a)
#define IPRINTF(_f, _a...) \
    xc_report(xch, xch->error_handler, XTL_INFO, 0, _f, ## _a)
#define ERROR(_m, _a...) \
    xc_report_error(xch, XC_INTERNAL_ERROR, _m, ## _a)
/* ERROR() with the current errno appended; errno is preserved. */
#define PERROR(_m, _a...) \
    xc_report_error(xch, XC_INTERNAL_ERROR, _m " (%d = %s)", ## _a, \
                    errno, xc_strerror(xch, errno))

/*
 * ---------------------------------------------------------------------
 * Hypercalls
 * ---------------------------------------------------------------------
 */

/*
 * Issue a hypercall through the transport and turn a -XEN_E* result into
 * errno.  Returns the result (>= 0) or -1 with errno set.
 */
long do_xen_hypercall(xc_interface *xch, unsigned int op,
                      const unsigned long a[5]);

/*
 * Bounce *arg (len bytes) both ways around hypercall op, its buffer
 * address going in argument arg_slot (0 or 1; with 1, extra goes in
 * argument 0).  Returns the result or -1/errno.
 */
long xc__bounced_hypercall(xc_interface *xch, unsigned int op, void *arg,
                           size_t len, unsigned int arg_slot,
                           unsigned long extra, const char *what);

/*
 * The three calls below are static inline, as in Xen: the hosted
 * hypervisor linked into the same program has its own do_domctl(),
 * do_sysctl() and do_memory_op().
 */

/*
 * XEN_DOMCTL: stamp XEN_DOMCTL_INTERFACE_VERSION, bounce *domctl both
 * ways and issue it.  Returns the hypercall's result (0 for the ops we
 * use) or -1/errno (EACCES: interface version mismatch).
 */
static inline int do_domctl(xc_interface *xch, struct xen_domctl *domctl)
{
    domctl->interface_version = XEN_DOMCTL_INTERFACE_VERSION;

    return xc__bounced_hypercall(xch, __HYPERVISOR_domctl, domctl,
                                 sizeof(*domctl), 0, 0, "domctl");
}

/* XEN_SYSCTL counterpart of do_domctl(). */
static inline int do_sysctl(xc_interface *xch, struct xen_sysctl *sysctl)
{
    sysctl->interface_version = XEN_SYSCTL_INTERFACE_VERSION;

    return xc__bounced_hypercall(xch, __HYPERVISOR_sysctl, sysctl,
                                 sizeof(*sysctl), 0, 0, "sysctl");
}

/*
 * __HYPERVISOR_memory_op(cmd, arg) with *arg (len bytes; may be NULL/0)
 * bounced both ways.  Returns the op's result, which for the reservation
 * ops is a count of extents, or -1/errno.
 */
static inline long do_memory_op(xc_interface *xch, unsigned int cmd,
                                void *arg, size_t len)
{
    return xc__bounced_hypercall(xch, __HYPERVISOR_memory_op, arg, len, 1,
                                 cmd, "memory_op");
}

/*
 * ---------------------------------------------------------------------
 * Bounce buffers: shadow a caller's array in a hypercall buffer.
 *
 *     struct xc_bounce b = XC_BOUNCE_INIT(array, bytes, XC_BOUNCE_BOTH);
 *     if ( xc_bounce_pre(xch, &b) ) return -1;
 *     xc_set_handle_gva(arg.handle, b.gva);
 *     rc = ...hypercall...;
 *     if ( xc_bounce_post(xch, &b) && rc >= 0 ) rc = -1;
 *
 * A NULL or empty user buffer bounces to gva 0, i.e. a NULL handle.
 * ---------------------------------------------------------------------
 */

#define XC_BOUNCE_IN    1       /* Copy to the buffer before the call. */
#define XC_BOUNCE_OUT   2       /* Copy back to the caller after it. */
#define XC_BOUNCE_BOTH  (XC_BOUNCE_IN | XC_BOUNCE_OUT)

struct xc_bounce {
    void *ubuf;                 /* Caller's memory; may be NULL. */
    size_t size;                /* Bytes to shadow. */
    uint64_t gva;               /* Buffer address; 0 when not bounced. */
    int dir;                    /* XC_BOUNCE_* */
};

#define XC_BOUNCE_INIT(_buf, _size, _dir) \
    { .ubuf = (_buf), .size = (_size), .gva = 0, .dir = (_dir) }

/* Allocate (and fill, for IN) the buffer.  0, or -1 with errno ENOMEM. */
int xc_bounce_pre(xc_interface *xch, struct xc_bounce *b);

/*
 * Copy back (for OUT) and free the buffer; safe after a failed pre.
 * Returns 0 with errno untouched, or -1 with errno EFAULT if the copy
 * back failed.
 */
int xc_bounce_post(xc_interface *xch, struct xc_bounce *b);

/*
 * Point a guest handle at a buffer.  The ABI headers' setter takes a
 * pointer; a hypercall buffer address is what the hypervisor expects in
 * the handle's pointer-sized slot.
 */
#ifdef set_xen_guest_handle_raw
#define xc_set_handle_gva(_hnd, _gva) \
    set_xen_guest_handle_raw(_hnd, (void *)(uintptr_t)(_gva))
#else
#define xc_set_handle_gva(_hnd, _gva) \
    set_xen_guest_handle(_hnd, (void *)(uintptr_t)(_gva))
#endif

#endif /* XC_PRIVATE_H */
