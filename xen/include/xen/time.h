/* SPDX-License-Identifier: GPL-2.0 */
/* System time: nanoseconds since boot, monotonic. */
#ifndef XEN_TIME_H
#define XEN_TIME_H

#include <xen/types.h>

#define MILLISECS(ms)   ((s_time_t)(ms) * 1000000LL)
#define SECONDS(s)      ((s_time_t)(s) * 1000000000LL)

/* Arch hook: monotonic nanoseconds since boot. */
s_time_t arch_now(void);

#define NOW()           arch_now()

#endif /* XEN_TIME_H */
