/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Services of the host process, implemented against libc in
 * xen/arch/hosted/host.c.  This is the only door from the freestanding
 * hypervisor code of the hosted arch to the C library.
 */
#ifndef HOSTED_ASM_HOST_H
#define HOSTED_ASM_HOST_H

#include <xen/types.h>

/* Map 'bytes' of zeroed, page-aligned memory; NULL on failure. */
void *host_map_memory(size_t bytes);

/* Write to the process's stderr. */
void host_write_stderr(const char *s, unsigned int len);

/* Leave the process: code 0 normally, abort() for a crash. */
void __noreturn host_exit(int code);

/* Monotonic nanoseconds. */
int64_t host_monotonic_ns(void);

/* Give the host CPU to another thread. */
void host_yield(void);

/* Host CPUs online. */
unsigned int host_nr_cpus(void);

/*
 * Remember that the calling thread is attached as a vCPU, so that it is
 * detached (hosted_vcpu_detach) when the thread exits.
 */
void host_thread_attached(void);

#endif /* HOSTED_ASM_HOST_H */
