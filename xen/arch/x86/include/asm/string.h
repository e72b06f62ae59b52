/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arch string helpers for xen/common/lib/string.c: large copies and
 * fills with the x86 fast-string instructions (rep movsb / rep stosb),
 * which beat a word loop on every CPU with ERMS.  Small blocks keep the
 * portable loops.
 */
#ifndef X86_ASM_STRING_H
#define X86_ASM_STRING_H

#include <xen/types.h>

/* Copies and fills of at least this many bytes use the helpers below. */
#if defined(__SANITIZE_ADDRESS__)                       /* gcc */
#define ARCH_STRING_ASAN        1
#elif defined(__has_feature)                            /* clang */
#if __has_feature(address_sanitizer)
#define ARCH_STRING_ASAN        1
#endif
#endif

#ifdef ARCH_STRING_ASAN
/* ASan cannot see inside inline asm: keep the instrumented C loops. */
#define ARCH_STRING_LARGE       ((size_t)-1)
#else
#define ARCH_STRING_LARGE       256
#endif

static inline void arch_copy_large(void *dst, const void *src, size_t n)
{
    __asm__ __volatile__ ( "rep movsb"
                           : "+D" (dst), "+S" (src), "+c" (n)
                           :: "memory" );
}

static inline void arch_fill_large(void *dst, unsigned char c, size_t n)
{
    __asm__ __volatile__ ( "rep stosb"
                           : "+D" (dst), "+c" (n)
                           : "a" (c)
                           : "memory" );
}

#endif /* X86_ASM_STRING_H */
