/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-side helpers of test-memory-op: raw XENMEM_* hypercalls with
 * their arguments written into hypercall buffers, domains made through
 * libxenctrl, and running code as a vCPU of an unprivileged domain.
 * Nothing here checks results: the checks live in test-memory-op.c.
 */
#ifndef MEMORY_OP_UTIL_H
#define MEMORY_OP_UTIL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenctrl.h"

/* The handle every dom0-side helper uses; opened by main(). */
extern xc_interface *mo_xch;

/* An acting domU keeps its hypercall buffers in gfns [0, this). */
#define MO_DOMU_BUF_PAGES   16

/* max_pages value meaning "no limit" (what max_mem ~0 KiB gives). */
#define MO_NO_LIMIT         (~0UL)

/*
 * Create a domain (domid 0: any id) with 4 vCPU slots, set its page
 * limit to max_pages and populate gfns [0, nr_pages) with order-0
 * extents.  *out gets its id.  Returns 0 or -errno (nothing is left
 * behind on failure).
 */
int mo_domain_create(uint32_t domid, unsigned long max_pages,
                     unsigned long nr_pages, uint32_t *out);

/* Destroy domid.  Returns 0 or -errno. */
int mo_domain_destroy(uint32_t domid);

/* Set domid's page limit (pages; MO_NO_LIMIT for none).  0 or -errno. */
int mo_set_max_pages(uint32_t domid, unsigned long max_pages);

/* getdomaininfo for domid into *info.  Returns 0 or -errno. */
int mo_domain_info(uint32_t domid, xc_domaininfo_t *info);

/* tot_pages of domid (getdomaininfo), or -errno. */
long mo_tot_pages(uint32_t domid);

/* outstanding_pages of domid (getdomaininfo), or -errno. */
long mo_outstanding(uint32_t domid);

/* physinfo free_pages and outstanding_pages; 0 or -errno. */
int mo_physinfo(xc_physinfo_t *pi);

/*
 * Copy len bytes of arg (none if len is 0: gva 0) into a fresh
 * hypercall buffer of the calling thread's domain, issue memory_op(cmd,
 * gva) and free the buffer.  Returns the hypercall's result.
 */
long mo_memop(unsigned long cmd, const void *arg, size_t len);

/* Point a reservation's extent_start at a guest virtual address. */
void mo_set_extents(struct xen_memory_reservation *r, uint64_t gva);

/*
 * A reservation op (cmd may carry a start extent) on domid with the
 * nr_list frame numbers of list in a hypercall buffer (list NULL: a NULL
 * handle) and nr_extents, extent_order and mem_flags as given.  Returns
 * the hypercall's result.
 */
long mo_reservation(unsigned long cmd, uint16_t domid,
                    const xen_pfn_t *list, unsigned long nr_list,
                    unsigned long nr_extents, unsigned int extent_order,
                    unsigned int mem_flags);

/* mo_reservation() with nr_list == nr_extents. */
long mo_resv(unsigned long cmd, uint16_t domid, const xen_pfn_t *list,
             unsigned long nr, unsigned int order, unsigned int flags);

/* A reservation op with extent_start at gva: its result. */
long mo_resv_at(unsigned int op, uint32_t domid, uint64_t gva,
                unsigned long nr);
long mo_populate_at(uint32_t domid, uint64_t gva, unsigned long nr);

/* XENMEM_current/maximum_reservation of domid: its result. */
long mo_query(unsigned int op, uint16_t domid);

/* XENMEM_claim_pages with every field as given: its result. */
long mo_claim_raw(unsigned long cmd, uint64_t extents, uint64_t nr,
                  unsigned int order, unsigned int flags, uint16_t domid);

/* A well-formed claim of nr pages for domid: its result. */
long mo_claim(uint16_t domid, uint64_t nr);

/* The host-wide outstanding claims (physinfo), or -1. */
long mo_outstanding_all(void);

/* Fill gfns[] with first, first + step, ... */
void mo_gfn_range(xen_pfn_t *gfns, unsigned int n, xen_pfn_t first,
                  xen_pfn_t step);

/* How many of gfn .. gfn + n - 1 are mapped in domid's p2m. */
unsigned long mo_nr_mapped(uint32_t domid, unsigned long gfn,
                           unsigned long n);

/* Is gfn .. gfn + 2^order - 1 one aligned, contiguous machine extent? */
bool mo_extent_contiguous(uint32_t domid, unsigned long gfn,
                          unsigned int order);

/* How many frames at gfn .. gfn + n - 1 of domid are on node. */
unsigned int mo_nr_on_node(uint32_t domid, unsigned long gfn,
                           unsigned int n, int node);

/*
 * A thread attached as a vCPU of domid, with its hypercall buffers in
 * gfns [0, MO_DOMU_BUF_PAGES) of that domain, that runs fn(arg) and
 * exits (its vCPU goes with it).  Fill in domid, fn and arg, then start.
 */
struct mo_thread {
    pthread_t thread;
    uint32_t domid;
    void (*fn)(void *);
    void *arg;
    int rc;                     /* 0 once fn ran, or -errno */
};

/* Start t.  Returns 0 or -errno (then there is nothing to join). */
int mo_thread_start(struct mo_thread *t);

/* Wait for t to exit.  Returns t->rc. */
int mo_thread_join(struct mo_thread *t);

/* Start and join: run fn(arg) as domid.  Returns 0 or -errno. */
int mo_as_domain(uint32_t domid, void (*fn)(void *), void *arg);

/*
 * Bodies for domU threads (struct mo_thread fn).  mo_churn_domu:
 * populate and give back gfns 100..163 one at a time until a call fails
 * (the domain died); arg is a struct mo_churn.  mo_scramble_domu: 2000
 * populates and decreases of gfns 100..107 in an order drawn from the
 * seed arg points to (unsigned int); results are ignored.
 */
struct mo_churn {
    volatile bool started;      /* set after the first call */
    unsigned long rounds;       /* populate + decrease pairs done */
};

void mo_churn_domu(void *arg);
void mo_scramble_domu(void *arg);

#endif /* MEMORY_OP_UTIL_H */
