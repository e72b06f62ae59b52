/* SPDX-License-Identifier: GPL-2.0 */
/* The one process of a test guest. */
#ifndef GUEST_LIBC_UNISTD_H
#define GUEST_LIBC_UNISTD_H

#include <stddef.h>

typedef int pid_t;
typedef long ssize_t;

pid_t getpid(void);

#endif /* GUEST_LIBC_UNISTD_H */
