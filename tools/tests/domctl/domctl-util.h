/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-side helpers of test-domctl: raw domctl and sysctl hypercalls
 * with their argument struct copied into a hypercall buffer field by
 * field, and the bodies of the test's threads.  Nothing here checks
 * results: the checks live in test-domctl.c.
 */
#ifndef DOMCTL_UTIL_H
#define DOMCTL_UTIL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenctrl.h"

/* The handle the thread bodies use; set by main(). */
extern xc_interface *dc_xch;

/* A PV domain's creation config: 2 vCPUs, nothing else. */
extern const struct xen_domctl_createdomain dc_pv_config;

/*
 * Issue hypercall op with a len-byte argument copied into a fresh
 * buffer of the calling thread's domain, and copied back into arg
 * afterwards.  Returns the hypercall's result.
 */
long dc_raw_call(unsigned int op, void *arg, size_t len);
long dc_domctl_raw(struct xen_domctl *op);
long dc_sysctl_raw(struct xen_sysctl *op);

/* A domctl or sysctl with the right interface version and nothing else. */
struct xen_domctl dc_domctl(uint32_t cmd, uint16_t domid);
struct xen_sysctl dc_sysctl(uint32_t cmd);

/* A domctl that takes only a domain.  Returns the result. */
long dc_domctl_simple(uint32_t cmd, uint16_t domid);

/* createdomain with config c for domid (0: any): the new id, or -errno. */
long dc_create_raw(uint16_t domid, const struct xen_domctl_createdomain *c);

/*
 * XEN_SYSCTL_numainfo with room for nr nodes in meminfo and nr x nr in
 * distance (each in a buffer, or a NULL handle if not with_*).  *ni
 * gets the result struct; mi and dist (if not NULL) the arrays.
 * Returns the hypercall's result.
 */
long dc_numainfo(uint32_t nr, bool with_mi, bool with_dist,
                 struct xen_sysctl_numainfo *ni, xen_sysctl_meminfo_t *mi,
                 uint32_t *dist);

/*
 * A thread that attaches to domid, sets up buf_pages of hypercall
 * buffers at its gfn 0, and runs fn(arg); rc is 0 once fn ran.
 */
struct dc_domu_call {
    uint32_t domid;
    unsigned int buf_pages;
    void (*fn)(void *);
    void *arg;
    int rc;
};
void *dc_domu_thread(void *call);

/*
 * A toolstack thread: DC_ROUNDS_PER_WORKER times, create a domain, set
 * its limit, claim for it (odd rounds), populate 64 pages and an order-9
 * extent, check tot_pages and destroy it.  done counts the rounds that
 * went through; error says what stopped it.
 */
#define DC_ROUNDS_PER_WORKER    20

struct dc_worker {
    pthread_t thread;
    unsigned int done;
    char error[160];
};
void *dc_worker_main(void *worker);

/* Two threads destroying one domain: they meet at start, then destroy. */
struct dc_double_destroy {
    pthread_barrier_t start;
    uint32_t domid;
    int rc[2], err[2];          /* xc_domain_destroy() result, errno */
};
void *dc_destroy_racer(void *dd);

#endif /* DOMCTL_UTIL_H */
