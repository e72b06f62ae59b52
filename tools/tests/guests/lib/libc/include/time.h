/* SPDX-License-Identifier: GPL-2.0 */
/* No wall clock in a test guest: time() is 0 and dates do not format. */
#ifndef GUEST_LIBC_TIME_H
#define GUEST_LIBC_TIME_H

#include <stddef.h>

typedef long time_t;

struct tm {
    int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year;
    int tm_wday, tm_yday, tm_isdst;
};

time_t time(time_t *t);
struct tm *localtime_r(const time_t *t, struct tm *tm);
size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm);

#endif /* GUEST_LIBC_TIME_H */
