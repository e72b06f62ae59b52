/* SPDX-License-Identifier: GPL-2.0 */
/* x86 I/O port access. */
#ifndef X86_ASM_IO_H
#define X86_ASM_IO_H

#include <xen/types.h>

static inline void outb(uint8_t v, uint16_t port)
{
    __asm__ __volatile__ ( "outb %0, %1" :: "a" (v), "Nd" (port) );
}

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ __volatile__ ( "inb %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline void outl(uint32_t v, uint16_t port)
{
    __asm__ __volatile__ ( "outl %0, %1" :: "a" (v), "Nd" (port) );
}

#endif /* X86_ASM_IO_H */
