/* SPDX-License-Identifier: GPL-2.0 */
/* Console output sinks and machine halt: arch hooks used by console.c. */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

/* Write len bytes to the arch's console (serial, stderr).  Never fails. */
void arch_console_write(const char *s, unsigned int len);

/* Stop the machine: 0 = clean shutdown, non-zero = crash/panic. */
void __noreturn arch_halt(int code);

#endif /* XEN_CONSOLE_H */
