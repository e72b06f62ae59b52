/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * Guest transport: libxenctrl inside a toolstack running as a ring-3
 * domain (dom0) on the x86 image, built with the test guests' runtime
 * (tools/tests/guests/lib, and its small libc in lib/libc).
 *
 * - A hypercall is a `syscall` with Xen's x86_64 PV convention; a
 *   continuation never shows here: the hypervisor rewinds the guest onto
 *   the syscall and the call simply takes longer.
 * - Hypercall buffers need no special memory: every address of the
 *   guest's own memory is a guest virtual address the hypervisor
 *   translates through the guest's p2m.  So a buffer is plain heap
 *   memory and the bounce is an identity mapping (the copy in and out is
 *   kept so that libxenctrl's bounce layer is the same for every
 *   transport).
 *
 * One vCPU per toolstack guest: nothing here needs a lock.
 */
#include <stdint.h>
#include <stdlib.h>

#include "xc_private.h"

#include "hypercall.h"

/* The hypervisor is always there. */
int xc__transport_open(xc_interface *xch)
{
    (void)xch;

    return 0;
}

void xc__transport_close(xc_interface *xch)
{
    (void)xch;
}

/* syscall into the hypervisor.  The result, or -XEN_E*. */
long xc__hypercall(xc_interface *xch, unsigned int op,
                   const unsigned long a[5])
{
    (void)xch;

    return hypercall5(op, a[0], a[1], a[2], a[3], a[4]);
}

/* A zeroed buffer from the guest's heap, or 0. */
uint64_t xc__buf_alloc(xc_interface *xch, size_t bytes)
{
    (void)xch;

    return (uint64_t)(uintptr_t)calloc(1, bytes);
}

void xc__buf_free(xc_interface *xch, uint64_t gva, size_t bytes)
{
    (void)xch;
    (void)bytes;

    free((void *)(uintptr_t)gva);
}

int xc__buf_write(xc_interface *xch, uint64_t gva, const void *src,
                  size_t bytes)
{
    (void)xch;

    memcpy((void *)(uintptr_t)gva, src, bytes);
    return 0;
}

int xc__buf_read(xc_interface *xch, void *dst, uint64_t gva, size_t bytes)
{
    (void)xch;

    memcpy(dst, (const void *)(uintptr_t)gva, bytes);
    return 0;
}
