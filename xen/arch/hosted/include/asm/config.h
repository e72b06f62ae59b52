/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hosted arch configuration and memory layout.
 *
 * Machine memory is an mmap'd arena inside the process.  MFN n is the
 * n-th 4 KiB frame of the arena, so machine addresses run from 0 to
 * mem= bytes; the "direct map" is simply arena base + maddr.
 *
 *   machine:      [0, mem)              arena frames, MFN 0..max_page-1
 *   direct map:   arena_base + maddr    (host virtual, any 4K-aligned base)
 *
 * Guest virtual layout (the same on every arch, see asm/guest-layout):
 * a domain sees its pseudo-physical frame g at GUEST_LINEAR_BASE + g * 4K.
 */
#ifndef HOSTED_ASM_CONFIG_H
#define HOSTED_ASM_CONFIG_H

#define PADDR_BITS              52
#define MAX_NUMNODES            8
#define NR_CPUS                 64      /* vCPU threads that may run at once */
#define MAX_VIRT_CPUS           32      /* per domain */

/* Guest linear map of pseudo-physical memory: 1 GiB up, 512 GiB long. */
#define GUEST_LINEAR_BASE       0x0000000040000000UL
#define GUEST_LINEAR_SIZE       0x0000008000000000UL

#endif /* HOSTED_ASM_CONFIG_H */
