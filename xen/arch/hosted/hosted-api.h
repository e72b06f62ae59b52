/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hosted arch's interface to the process around it: the in-process
 * hypervisor as libxenctrl's hosted transport and the hosted tests see it.
 * Plain C, no hypervisor types, so it can be included next to libc.
 *
 * Model: the first hosted_boot() "boots" a hypervisor inside the process
 * (an mmap'd arena is its RAM) and builds dom0 with dom0_mem= pages.  Each
 * thread that makes hypercalls is attached as a vCPU of some domain (dom0
 * for a toolstack).  Hypercall arguments that point to memory are guest
 * virtual addresses of the attached domain: callers bounce their data
 * through hosted_buf_*(), exactly as a real toolstack uses hypercall
 * buffers, and the hypervisor translates them through the p2m.
 */
#ifndef HOSTED_API_H
#define HOSTED_API_H

#include <stddef.h>
#include <stdint.h>

/*
 * Boot the in-process hypervisor with a Xen-style command line (NULL:
 * use the XEN_HOSTED_CMDLINE environment variable, or empty).  Only the
 * first call boots; later calls return 0 and ignore the argument.
 * Thread-safe.  Returns 0, or a negative XEN_E* value if boot failed.
 */
int hosted_boot(const char *cmdline);

/*
 * Attach the calling thread as a new vCPU of domain 'domid' (the thread
 * stays attached until it exits or calls hosted_vcpu_detach()).  A thread
 * that makes a hypercall while unattached is attached to dom0 first.
 * Returns 0, -XEN_ESRCH for no such domain, -XEN_ENOMEM.
 */
int hosted_vcpu_attach(unsigned int domid);
void hosted_vcpu_detach(void);

/* The domain id the calling thread acts as (attaching to dom0 if needed). */
unsigned int hosted_current_domid(void);

/*
 * Issue hypercall 'op' with Xen's x86_64 argument order, as the calling
 * thread's vCPU.  Continuations are followed until the call completes,
 * yielding the CPU between legs.  Returns the hypercall's result.
 */
long hosted_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
                      unsigned long a3, unsigned long a4, unsigned long a5);

/*
 * Hypercall buffers in the attached domain's guest memory.  alloc returns
 * a guest virtual address (0 on failure: out of buffer space); the range
 * is page-granular and zeroed.  read/write copy between process memory
 * and the buffer; they return 0 or -XEN_EFAULT for a range outside the
 * attached domain's populated memory.
 */
uint64_t hosted_buf_alloc(size_t bytes);
void hosted_buf_free(uint64_t gva, size_t bytes);
int hosted_buf_write(uint64_t gva, const void *src, size_t bytes);
int hosted_buf_read(void *dst, uint64_t gva, size_t bytes);

/*
 * Let the attached domain (not dom0) use gfns [first_gfn, first_gfn + nr)
 * of its own populated memory for hypercall buffers, as a guest kernel
 * sets aside memory for them.  dom0's buffers come from its boot memory.
 * Returns 0, -XEN_EINVAL (bad range or no vCPU attached), -XEN_ENOSPC.
 */
int hosted_buf_setup(uint64_t first_gfn, uint64_t nr);

/* --- Test hooks ---------------------------------------------------------- */

/*
 * Make the nth guest-page access from now on (1-based) by this thread
 * fail as if unmapped; 0 disarms.  For testing -EFAULT paths.
 */
void hosted_inject_copy_fault(unsigned int nth);

/*
 * Force hypercall_preempt_check() to say yes every 'every' checks on
 * every vCPU (0: never), overriding hosted-preempt=.  For testing
 * continuations.
 */
void hosted_force_preempt(unsigned int every);

/*
 * Audit the heap's free lists and counters and the claim counters against
 * the domains; 0 if consistent.
 */
int hosted_heap_audit(void);

#endif /* HOSTED_API_H */
