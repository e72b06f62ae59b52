/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * Hosted transport: the hypervisor runs inside this process
 * (xen/arch/hosted), and this file is the only part of libxenctrl that
 * calls its API (hosted-api.h).
 *
 * - Opening a handle boots the hypervisor on first use, with the command
 *   line from $XEN_HOSTED_CMDLINE; later opens find it running.
 * - A thread that issues a hypercall is attached by the hosted layer as a
 *   vCPU of dom0 (or stays in the domain it attached itself to), so
 *   several threads may share one handle, each with its own vCPU.
 * - Hypercall buffers are guest-virtual ranges in the calling thread's
 *   domain; the hypervisor reaches them through that domain's p2m, as it
 *   would a real toolstack's hypercall buffers.
 *
 * No state of its own: nothing here needs a lock.
 */
#include "xc_private.h"

#include "hosted-api.h"

/* Boot (first time only) the in-process hypervisor.  0 or -XEN_E*. */
int xc__transport_open(xc_interface *xch)
{
    (void)xch;

    return hosted_boot(NULL);
}

/* Nothing to undo: the hypervisor lives as long as the process. */
void xc__transport_close(xc_interface *xch)
{
    (void)xch;
}

/* Issue a hypercall as the calling thread's vCPU.  Result or -XEN_E*. */
long xc__hypercall(xc_interface *xch, unsigned int op,
                   const unsigned long a[5])
{
    (void)xch;

    return hosted_hypercall(op, a[0], a[1], a[2], a[3], a[4]);
}

/*
 * A zeroed, page-granular buffer in the calling thread's domain.
 * Returns its guest virtual address, or 0 if out of buffer space.
 */
uint64_t xc__buf_alloc(xc_interface *xch, size_t bytes)
{
    (void)xch;

    /*
     * Buffers come before the first hypercall: make sure a fresh thread
     * is attached (to dom0) so the buffer lands in the domain that will
     * issue the call.
     */
    (void)hosted_current_domid();

    return hosted_buf_alloc(bytes);
}

/* Free a buffer from xc__buf_alloc() with the same size. */
void xc__buf_free(xc_interface *xch, uint64_t gva, size_t bytes)
{
    (void)xch;

    hosted_buf_free(gva, bytes);
}

/* Copy bytes from process memory into a buffer.  0 or -XEN_EFAULT. */
int xc__buf_write(xc_interface *xch, uint64_t gva, const void *src,
                  size_t bytes)
{
    (void)xch;

    return hosted_buf_write(gva, src, bytes);
}

/* Copy bytes from a buffer into process memory.  0 or -XEN_EFAULT. */
int xc__buf_read(xc_interface *xch, void *dst, uint64_t gva, size_t bytes)
{
    (void)xch;

    return hosted_buf_read(dst, gva, bytes);
}
