/* SPDX-License-Identifier: GPL-2.0 */
/*
 * errno for code built into the test guests (libxenctrl in a toolstack
 * guest): one per vCPU (thread-local, guests/lib/smp.c); the E* values
 * are the hypervisor's XEN_E*, which are Linux/x86's.
 */
#ifndef GUEST_LIBC_ERRNO_H
#define GUEST_LIBC_ERRNO_H

#include <xen/errno.h>

extern __thread int errno;

#define EPERM           XEN_EPERM
#define ENOENT          XEN_ENOENT
#define ESRCH           XEN_ESRCH
#define EINTR           XEN_EINTR
#define EIO             XEN_EIO
#define ENXIO           XEN_ENXIO
#define E2BIG           XEN_E2BIG
#define ENOEXEC         XEN_ENOEXEC
#define EBADF           XEN_EBADF
#define EAGAIN          XEN_EAGAIN
#define ENOMEM          XEN_ENOMEM
#define EACCES          XEN_EACCES
#define EFAULT          XEN_EFAULT
#define EBUSY           XEN_EBUSY
#define EEXIST          XEN_EEXIST
#define ENODEV          XEN_ENODEV
#define EINVAL          XEN_EINVAL
#define ENOSPC          XEN_ENOSPC
#define ERANGE          XEN_ERANGE
#define ENOSYS          XEN_ENOSYS
#define EOVERFLOW       XEN_EOVERFLOW
#define EOPNOTSUPP      XEN_EOPNOTSUPP
#define ENOBUFS         XEN_ENOBUFS

#endif /* GUEST_LIBC_ERRNO_H */
