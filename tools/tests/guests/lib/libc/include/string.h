/* SPDX-License-Identifier: GPL-2.0 */
/* String functions of the guest runtime (../string.c), and strerror. */
#ifndef GUEST_LIBC_STRING_H
#define GUEST_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strerror(int errnum);

#endif /* GUEST_LIBC_STRING_H */
