/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The string functions the guests (and the compiler, for struct copies
 * and initialisers) need.  Simple byte loops: nothing here is hot.
 *
 * gcc's loop distribution may turn a byte loop into a call to the very
 * function it implements (infinite recursion), hence the optimize
 * attribute, as in xen/common/lib/string.c; clang does not do this to a
 * -ffreestanding file.
 */

#include "guest.h"

#if defined(__GNUC__) && !defined(__clang__)
#define NO_LIBCALL_LOOPS \
    __attribute__((__optimize__("no-tree-loop-distribute-patterns")))
#else
#define NO_LIBCALL_LOOPS
#endif

NO_LIBCALL_LOOPS void *memcpy(void *dst, const void *src, size_t n)
{
    char *d = dst;
    const char *s = src;

    while ( n-- )
        *d++ = *s++;
    return dst;
}

NO_LIBCALL_LOOPS void *memmove(void *dst, const void *src, size_t n)
{
    char *d = dst;
    const char *s = src;

    if ( d < s )
        return memcpy(dst, src, n);
    while ( n-- )
        d[n] = s[n];
    return dst;
}

NO_LIBCALL_LOOPS void *memset(void *dst, int c, size_t n)
{
    char *d = dst;

    while ( n-- )
        *d++ = (char)c;
    return dst;
}

NO_LIBCALL_LOOPS int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x - *y;
    return 0;
}

NO_LIBCALL_LOOPS size_t strlen(const char *s)
{
    size_t n = 0;

    while ( s[n] )
        n++;
    return n;
}

NO_LIBCALL_LOOPS int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
        if ( *a != *b || !*a )
            return (unsigned char)*a - (unsigned char)*b;
    return 0;
}

int strcmp(const char *a, const char *b)
{
    return strncmp(a, b, (size_t)-1);
}
