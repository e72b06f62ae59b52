/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stdio a toolstack guest's libxenctrl needs: formatting, and
 * stdout/stderr that both go to the hypervisor console (one line per
 * console_io call, as the guest runtime's printk).
 */
#ifndef GUEST_LIBC_STDIO_H
#define GUEST_LIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>

typedef struct guest_file FILE;

extern FILE *stdout, *stderr;

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fprintf(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int vfprintf(FILE *f, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int fflush(FILE *f);
void flockfile(FILE *f);
void funlockfile(FILE *f);

#endif /* GUEST_LIBC_STDIO_H */
