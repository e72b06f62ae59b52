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
 * Boot-time set-up once the command line is parsed: logs which of
 * tmem_compress, tmem_tze and tmem_dedup are on and seeds dedup's hash.
 * Called by domain_subsys_init(); does nothing when tmem is off.
 */
void tmem_init(void);

/*
 * Free every pool, object and page of d's tmem client.  Called by
 * domain_kill() once no memory operation of d is in flight.
 */
void tmem_destroy(struct domain *d);

/*
 * Frames tmem holds that it can give back on demand, one per eviction:
 * its plain ephemeral pages (compressed, trimmed or deduplicated ones do
 * not count).  A lock-free read: the heap counts them as available for
 * claims.
 */
unsigned long tmem_freeable_pages(void);

/*
 * Evict up to nr plain ephemeral pages and return their frames to the
 * heap; returns how many were freed.  If there are none, evicts some
 * compressed or deduplicated ephemeral pages instead (their memory goes
 * back to the heap as xmalloc slabs empty) and returns how many: non-zero
 * means progress, worth retrying.  The caller holds no lock (in
 * particular not heap_lock): eviction takes tmem's locks.
 */
unsigned long tmem_relinquish_pages(unsigned long nr);

/*
 * Figures for tests, the control LIST op and the summary table.  Page
 * counts are stored pages (one per (pool, oid, index)), however stored;
 * eph_frames are the plain ephemeral ones (one frame each: the freeable
 * figure).  The data figures count each stored datum once, however many
 * pages share it (dedup).
 */
struct tmem_global_stats {
    unsigned long eph_pages, pers_pages, clients, eph_frames;
    unsigned long puts, gets, found_gets, flushes, evictions,
                  relinquished, no_mem_puts, dup_puts;
    unsigned long comp_pages, tze_pages, zero_pages, shared_pages;
    unsigned long data_objs, data_frames, comp_bytes, tze_bytes;
    unsigned long dedup_hits, comp_poor, data_errors;
};
void tmem_get_global_stats(struct tmem_global_stats *s);

#endif /* XEN_TMEM_H */
