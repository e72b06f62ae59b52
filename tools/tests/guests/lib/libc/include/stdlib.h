/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Heap allocation for the test guests (malloc.c): a first-fit free list
 * over the guest's own memory above its image.
 */
#ifndef GUEST_LIBC_STDLIB_H
#define GUEST_LIBC_STDLIB_H

#include <stddef.h>

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void free(void *p);

#endif /* GUEST_LIBC_STDLIB_H */
