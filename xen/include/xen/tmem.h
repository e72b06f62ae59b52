/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transcendent memory (xen/common/tmem.c, tmem_control.c): the interface
 * the rest of the hypervisor sees.  The guest ABI is public/tmem.h.
 */
#ifndef XEN_TMEM_H
#define XEN_TMEM_H

#include <xen/types.h>

#include <public/xen.h>

struct domain;

/*
 * Free every pool, object and page of d's tmem client.  Called by
 * domain_kill() once no memory operation of d is in flight.
 */
void tmem_destroy(struct domain *d);

/*
 * Ephemeral pages tmem holds, all of which it can give back on demand.
 * A lock-free read: the heap counts them as available for claims.
 */
unsigned long tmem_freeable_pages(void);

/*
 * Evict up to nr ephemeral pages and return their frames to the heap.
 * Returns how many were freed.  The caller holds no lock (in particular
 * not heap_lock): eviction takes tmem's locks.
 */
unsigned long tmem_relinquish_pages(unsigned long nr);

/* Figures for tests, the control LIST op and the summary table. */
struct tmem_global_stats {
    unsigned long eph_pages, pers_pages, clients;
    unsigned long puts, gets, found_gets, flushes, evictions,
                  relinquished, no_mem_puts, dup_puts;
};
void tmem_get_global_stats(struct tmem_global_stats *s);

#endif /* XEN_TMEM_H */
