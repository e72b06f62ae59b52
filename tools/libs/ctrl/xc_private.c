/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * libxenctrl core: handles, error reporting, the hypercall layer and
 * bounce buffers.  Everything here is transport-neutral; the transport
 * (xc__*() in xc_private.h) is the only thing that knows where the
 * hypervisor is.
 *
 * Error model, matching Xen's libxenctrl:
 *  - the hypervisor returns -XEN_E*; do_xen_hypercall() turns that into
 *    errno and -1.  XEN_E* values are the Linux/x86 errno numbers, so the
 *    value is used as is.
 *  - library-side failures (no buffer space, copy faults) also set errno
 *    and return -1, and are logged at XTL_ERROR through the handle's
 *    logger, which records them as the thread's "last error".
 *
 * Thread safety: the handle is immutable after open; the last-error
 * record and the strerror buffer are per thread; the one shared object
 * (libc's strerror()) is used under strerror_lock.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "xc_private.h"

#include <xen/errno.h>

/*
 * do_xen_hypercall() hands a -XEN_E* result on as errno unchanged, which
 * is right only where the host's errno numbers are Linux/x86's.  A port
 * to another host must translate instead; this makes it fail to build.
 */
_Static_assert(XEN_EPERM == EPERM && XEN_ESRCH == ESRCH &&
               XEN_ENOMEM == ENOMEM && XEN_EACCES == EACCES &&
               XEN_EFAULT == EFAULT && XEN_EBUSY == EBUSY &&
               XEN_EEXIST == EEXIST && XEN_EINVAL == EINVAL &&
               XEN_ENOSPC == ENOSPC && XEN_ENOSYS == ENOSYS &&
               XEN_EOPNOTSUPP == EOPNOTSUPP && XEN_ENOBUFS == ENOBUFS,
               "XEN_E* values differ from the host's errno values");

/* Largest magnitude of an error result (Linux's MAX_ERRNO). */
#define XC_MAX_ERRNO    4095

/* Per-thread "last error", tagged with the handle it belongs to. */
static __thread struct {
    const xc_interface *owner;
    xc_error error;
} last_error;

static const xc_error no_error = { .code = XC_ERROR_NONE };

/*
 * ---------------------------------------------------------------------
 * Handles
 * ---------------------------------------------------------------------
 */

/*
 * Open a handle: set up the logger (a stderr stdio logger when none is
 * given), then, unless XC_OPENFLAG_DUMMY, open the transport, which for
 * the hosted build boots the in-process hypervisor from
 * $XEN_HOSTED_CMDLINE on first use.
 * Returns the handle, or NULL with errno set (ENOMEM, or the transport's
 * error, e.g. the hypervisor's boot failure).  Thread-safe.
 */
xc_interface *xc_interface_open(xentoollog_logger *logger,
                                xentoollog_logger *dombuild_logger,
                                unsigned open_flags)
{
    xc_interface *xch = calloc(1, sizeof(*xch));
    int rc;

    if ( !xch )
        return NULL;

    xch->flags = open_flags;
    xch->dombuild_logger = dombuild_logger;
    xch->error_handler = logger;
    if ( !logger )
    {
        xch->error_handler = (xentoollog_logger *)
            xtl_createlogger_stdiostream(stderr, XTL_PROGRESS, 0);
        if ( !xch->error_handler )
        {
            free(xch);
            errno = ENOMEM;
            return NULL;
        }
        xch->error_handler_tofree = xch->error_handler;
    }

    xc_clear_last_error(xch);

    if ( open_flags & XC_OPENFLAG_DUMMY )
        return xch;

    rc = xc__transport_open(xch);
    if ( rc < 0 )
    {
        errno = rc >= -XC_MAX_ERRNO ? -rc : EIO;
        PERROR("Could not open the hypervisor interface");
        rc = errno;
        xtl_logger_destroy(xch->error_handler_tofree);
        free(xch);
        errno = rc;
        return NULL;
    }

    return xch;
}

/*
 * Close a handle opened by xc_interface_open(); NULL is accepted.
 * The caller must make sure no other thread still uses it.
 * Returns 0.
 */
int xc_interface_close(xc_interface *xch)
{
    if ( !xch )
        return 0;

    if ( !(xch->flags & XC_OPENFLAG_DUMMY) )
        xc__transport_close(xch);

    if ( last_error.owner == xch )
        last_error.owner = NULL;

    xtl_logger_destroy(xch->error_handler_tofree);
    free(xch);

    return 0;
}

/*
 * ---------------------------------------------------------------------
 * Errors
 * ---------------------------------------------------------------------
 */

/* Text for an xc_error_code.  Never NULL. */
const char *xc_error_code_to_desc(int code)
{
    switch ( code )
    {
    case XC_ERROR_NONE:     return "No error details";
    case XC_INTERNAL_ERROR: return "Internal error";
    case XC_INVALID_KERNEL: return "Invalid kernel";
    case XC_INVALID_PARAM:  return "Invalid configuration";
    case XC_OUT_OF_MEMORY:  return "Out of memory";
    }

    return "Unknown error code";
}

/*
 * strerror() into a per-thread buffer, valid until this thread's next
 * call.  Takes strerror_lock because libc's strerror() may share a
 * static buffer.  Never NULL.
 */
const char *xc_strerror(xc_interface *xch, int errcode)
{
    static pthread_mutex_t strerror_lock = PTHREAD_MUTEX_INITIALIZER;
    static __thread char buf[64];

    (void)xch;

    pthread_mutex_lock(&strerror_lock);
    snprintf(buf, sizeof(buf), "%s", strerror(errcode));
    pthread_mutex_unlock(&strerror_lock);

    return buf;
}

/*
 * The calling thread's last XTL_ERROR-or-worse report on xch, or an empty
 * record if it has none.  Never NULL.
 */
const xc_error *xc_get_last_error(xc_interface *xch)
{
    return last_error.owner == xch ? &last_error.error : &no_error;
}

/* Forget the calling thread's last error on xch. */
void xc_clear_last_error(xc_interface *xch)
{
    last_error.owner = xch;
    last_error.error.code = XC_ERROR_NONE;
    last_error.error.message[0] = '\0';
}

/*
 * Format a report and send it to lg at level.  Reports at XTL_ERROR or
 * above also become the calling thread's last error on xch, with code.
 * A trailing newline is dropped (loggers add their own).  Preserves errno.
 */
static void xc_reportv(xc_interface *xch, xentoollog_logger *lg,
                       xentoollog_level level, int code, const char *fmt,
                       va_list args)
{
    int saved_errno = errno;
    char buf[XC_MAX_ERROR_MSG_LEN];
    char *msg = buf;
    size_t len;

    if ( level >= XTL_ERROR )
    {
        last_error.owner = xch;
        last_error.error.code = code;
        msg = last_error.error.message;
    }

    vsnprintf(msg, XC_MAX_ERROR_MSG_LEN, fmt, args);
    len = strlen(msg);
    if ( len && msg[len - 1] == '\n' )
        msg[len - 1] = '\0';

    xtl_log(lg, level, -1, "xc", "%s%s%s", msg, code ? ": " : "",
            code ? xc_error_code_to_desc(code) : "");

    errno = saved_errno;
}

/* printf-style report to lg at level (see xc_reportv()). */
void xc_report(xc_interface *xch, xentoollog_logger *lg,
               xentoollog_level level, int code, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    xc_reportv(xch, lg, level, code, fmt, args);
    va_end(args);
}

/* printf-style XTL_ERROR report to the handle's logger.  Keeps errno. */
void xc_report_error(xc_interface *xch, int code, const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    xc_reportv(xch, xch->error_handler, XTL_ERROR, code, fmt, args);
    va_end(args);
}

/*
 * ---------------------------------------------------------------------
 * Bounce buffers
 * ---------------------------------------------------------------------
 */

/*
 * Shadow b->ubuf in a fresh hypercall buffer (see xc_private.h).  A NULL
 * or empty user buffer gets gva 0 and no allocation.
 * Returns 0, or -1 with errno EBADF (dummy handle), ENOMEM (no buffer
 * space) or EFAULT (copy-in failed).
 */
int xc_bounce_pre(xc_interface *xch, struct xc_bounce *b)
{
    uint64_t gva;
    int rc;

    b->gva = 0;
    if ( !b->ubuf || !b->size )
        return 0;

    if ( xch->flags & XC_OPENFLAG_DUMMY )
    {
        errno = EBADF;
        return -1;
    }

    gva = xc__buf_alloc(xch, b->size);
    if ( !gva )
    {
        errno = ENOMEM;
        return -1;
    }

    if ( b->dir & XC_BOUNCE_IN )
    {
        rc = xc__buf_write(xch, gva, b->ubuf, b->size);
        if ( rc < 0 )
        {
            xc__buf_free(xch, gva, b->size);
            errno = -rc;
            return -1;
        }
    }

    b->gva = gva;
    return 0;
}

/*
 * Finish a bounce: copy the buffer back for XC_BOUNCE_OUT (also after a
 * failed hypercall: Xen reports partial results this way) and free it.
 * Harmless on a bounce that was never made.
 * Returns 0 with errno preserved, or -1 with errno EFAULT.
 */
int xc_bounce_post(xc_interface *xch, struct xc_bounce *b)
{
    int saved_errno = errno, rc = 0;

    if ( !b->gva )
        return 0;

    if ( (b->dir & XC_BOUNCE_OUT) &&
         xc__buf_read(xch, b->ubuf, b->gva, b->size) < 0 )
    {
        saved_errno = EFAULT;
        rc = -1;
    }

    xc__buf_free(xch, b->gva, b->size);
    b->gva = 0;

    errno = saved_errno;
    return rc;
}

/*
 * ---------------------------------------------------------------------
 * Hypercalls
 * ---------------------------------------------------------------------
 */

/*
 * Issue hypercall op through the transport.  A negative result is a
 * -XEN_E* value and becomes errno (anything outside the errno range,
 * which no op we use can produce, becomes EIO).
 * Returns the result (>= 0), or -1 with errno set (EBADF for a dummy
 * handle).
 */
long do_xen_hypercall(xc_interface *xch, unsigned int op,
                      const unsigned long a[5])
{
    long ret;

    if ( xch->flags & XC_OPENFLAG_DUMMY )
    {
        errno = EBADF;
        return -1;
    }

    ret = xc__hypercall(xch, op, a);
    if ( ret >= 0 )
        return ret;

    errno = ret >= -XC_MAX_ERRNO ? (int)-ret : EIO;
    return -1;
}

/*
 * Bounce *arg (len bytes; may be NULL/0) both ways around hypercall op,
 * passing its buffer address as argument number arg_slot (0 or 1) and,
 * when that is 1, extra as argument 0 (memory_op's cmd).  what names the
 * call in log messages.  Returns the hypercall's result or -1/errno.
 */
long xc__bounced_hypercall(xc_interface *xch, unsigned int op, void *arg,
                           size_t len, unsigned int arg_slot,
                           unsigned long extra, const char *what)
{
    struct xc_bounce b = XC_BOUNCE_INIT(arg, len, XC_BOUNCE_BOTH);
    unsigned long a[5] = { 0 };
    long ret;

    if ( xc_bounce_pre(xch, &b) )
    {
        PERROR("Could not bounce buffer for %s hypercall", what);
        return -1;
    }

    a[arg_slot] = b.gva;
    if ( arg_slot )
        a[0] = extra;

    ret = do_xen_hypercall(xch, op, a);
    if ( ret < 0 && errno == EACCES && op != __HYPERVISOR_memory_op )
        DPRINTF("%s failed with EACCES: interface version mismatch?",
                what);

    if ( xc_bounce_post(xch, &b) && ret >= 0 )
        ret = -1;

    return ret;
}

/* Exported do_domctl() (as Xen exports it).  0 or -1/errno. */
int xc_domctl(xc_interface *xch, struct xen_domctl *domctl)
{
    return do_domctl(xch, domctl);
}

/* Exported do_sysctl().  0 or -1/errno. */
int xc_sysctl(xc_interface *xch, struct xen_sysctl *sysctl)
{
    return do_sysctl(xch, sysctl);
}

/*
 * Exported do_memory_op() (Xen 4.17's addition).  Handles inside *arg
 * must already be hypercall buffers or NULL.  Result or -1/errno.
 */
long xc_memory_op(xc_interface *xch, unsigned int cmd, void *arg, size_t len)
{
    return do_memory_op(xch, cmd, arg, len);
}
