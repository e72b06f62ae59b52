/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The little C library that libxenctrl needs inside a toolstack guest
 * (its headers are in include/): errno, stdout/stderr on the hypervisor
 * console, strerror from the ABI's error table, and a clock that does
 * not exist.  Heap allocation is malloc.c.  errno is per vCPU.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "guest.h"

struct guest_file {
    int unused;
};

static struct guest_file console_file;

__thread int errno;
FILE *stdout = &console_file;
FILE *stderr = &console_file;

int vfprintf(FILE *f, const char *fmt, va_list ap)
{
    va_list aq;
    int n;

    (void)f;
    va_copy(aq, ap);
    n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    vprintk(fmt, ap);
    return n;
}

int fprintf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vfprintf(f, fmt, ap);
    va_end(ap);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vfprintf(stdout, fmt, ap);
    va_end(ap);
    return n;
}

/* printk writes whole lines; nothing is buffered beyond a line. */
int fflush(FILE *f)
{
    (void)f;
    return 0;
}

void flockfile(FILE *f)
{
    (void)f;
}

void funlockfile(FILE *f)
{
    (void)f;
}

char *strerror(int errnum)
{
#define XEN_ERRNO(name, value, desc) [value] = desc,
    static const char *const descs[] = {
#include <xen/errno.h>
    };
    static char unknown[32];

    if ( errnum >= 0 && (size_t)errnum < ARRAY_SIZE(descs) &&
         descs[errnum] )
        return (char *)descs[errnum];
    snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
    return unknown;
}

time_t time(time_t *t)
{
    if ( t )
        *t = 0;
    return 0;
}

struct tm *localtime_r(const time_t *t, struct tm *tm)
{
    (void)t;
    (void)tm;
    return NULL;
}

size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
{
    (void)s;
    (void)max;
    (void)fmt;
    (void)tm;
    return 0;
}

pid_t getpid(void)
{
    return 1;
}
