/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error numbers for hypervisor code: the guest ABI's XEN_E* values under
 * their short names (EINVAL == XEN_EINVAL), plus ERESTART, which never
 * reaches a guest: it asks for a hypercall continuation.
 */
#ifndef XEN_ERRNO_H
#define XEN_ERRNO_H

#define XEN_ERRNO(name, value, desc) name = (value),
enum {
#include <public/errno.h>
};
#undef XEN_ERRNO

#endif /* XEN_ERRNO_H */
