/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-side helpers shared by the tmem test programs (test-tmem,
 * test-tmem-off, test-tmem-auth, test-tmem-frontends; the others compile
 * this directory's tmem-util.c through a one-line wrapper).  Nothing here
 * checks a result: the checks live in the test programs.
 *
 * A test domain has gfns [0, nr_pages) populated.  Gfns [0, TU_BUF_PAGES)
 * are its hypercall buffers (each vCPU thread takes one page for its
 * struct tmem_op); the rest are its "page cache" / "swap" pages, which
 * it writes, puts, gets and reads back.
 *
 * Hosted buffer windows are per domid and never freed (16 in all, dom0's
 * included), so a program should reuse a small set of fixed domids.
 */
#ifndef TOOLS_TESTS_TMEM_UTIL_H
#define TOOLS_TESTS_TMEM_UTIL_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#include <xenctrl.h>

#define TU_PAGE_SIZE        4096UL
#define TU_BUF_PAGES        8           /* gfns of hypercall buffers */
#define TU_CLI_ALL          0xFFFFU
#define TU_LIST_SIZE        4096

/* Pool flag words as a v1 guest builds them. */
#define TU_V1               (1U << TMEM_POOL_VERSION_SHIFT)
#define TU_EPH              TU_V1
#define TU_PERS             (TU_V1 | TMEM_POOL_PERSIST)
#define TU_SHARED           (TU_V1 | TMEM_POOL_SHARED)

extern xc_interface *tu_xch;

/*
 * Boot the hypervisor with cmdline (via XEN_HOSTED_CMDLINE) and open
 * tu_xch.  Also arms a watchdog: after 'seconds' the program prints a
 * FAIL line and exits 1 (a hang is a failure, not a stuck CI).
 * Returns 0 or -1.
 */
int tu_open(const char *cmdline, unsigned int seconds);

/* --- domains (from the toolstack thread) ---------------------------------- */

/*
 * Create domain domid with up to 8 vCPUs, max_pages (0: nr_pages + 64)
 * and gfns [0, nr_pages) populated, and give it its hypercall buffers.
 * Returns 0 or -errno.
 */
int tu_domain_create(uint32_t domid, unsigned long nr_pages,
                     unsigned long max_pages);

/* Destroy domid.  0 or -errno. */
int tu_domain_destroy(uint32_t domid);

/* physinfo free_pages (0 if the call failed). */
unsigned long tu_free_pages(void);

/* --- running as a guest --------------------------------------------------- */

struct tu_thread {
    pthread_t thread;
    uint32_t domid;
    void (*fn)(void *arg);
    void *arg;
    int rc;                     /* 0, or -errno if the vCPU failed */
};

/* Start fn(arg) in a new thread attached as a vCPU of domid.  0/-errno. */
int tu_start(struct tu_thread *t, uint32_t domid, void (*fn)(void *),
             void *arg);

/* Wait for it.  Returns its rc. */
int tu_join(struct tu_thread *t);

/* tu_start() and tu_join(). */
int tu_run(uint32_t domid, void (*fn)(void *), void *arg);

/* --- raw tmem ops, as the calling thread's domain ------------------------- */

xen_tmem_oid_t tu_oid(uint64_t o0, uint64_t o1, uint64_t o2);

/* Issue *op as written.  Returns the hypercall's result. */
long tu_op(const struct tmem_op *op);

long tu_new_pool(uint32_t flags, uint64_t uuid_lo, uint64_t uuid_hi);
long tu_destroy_pool(int32_t pool);
long tu_put(int32_t pool, xen_tmem_oid_t oid, uint32_t index, uint64_t gfn);
long tu_get(int32_t pool, xen_tmem_oid_t oid, uint32_t index, uint64_t gfn);
long tu_flush_page(int32_t pool, xen_tmem_oid_t oid, uint32_t index);
long tu_flush_object(int32_t pool, xen_tmem_oid_t oid);

/* --- guest pages ---------------------------------------------------------- */

uint64_t tu_gva(uint64_t gfn);

/* Fill the calling domain's page gfn with the pattern of seed.  0/-1. */
int tu_page_fill(uint64_t gfn, uint64_t seed);

/*
 * Does page gfn hold the pattern of seed?  1 yes, 0 no, -1 unreadable.
 * If 'found' is given, it receives the seed the page actually holds
 * when it holds some pattern (a word-0 tag), else ~0.
 */
int tu_page_check(uint64_t gfn, uint64_t seed, uint64_t *found);

/* A seed naming (domain, pool, object word, index, version). */
uint64_t tu_seed(uint32_t domid, int32_t pool, uint64_t oid0,
                 uint32_t index, uint32_t version);

/* xorshift64*: a random stream from a non-zero state. */
uint64_t tu_rnd(uint64_t *state);

/* A random number in [0, n). */
unsigned int tu_rnd_below(uint64_t *state, unsigned int n);

/* --- control (from dom0) -------------------------------------------------- */

/* xc_tmem_control() without pool or arg3.  Result or -errno. */
long tu_control(uint32_t subop, uint32_t cli, uint32_t arg1);

/* TMEMC_LIST for cli into buf (TU_LIST_SIZE bytes).  Result or -errno. */
long tu_list(uint32_t cli, char *buf);

/*
 * In LIST text, the value of 'key' on the line tagged tag ('G' or 'C');
 * for 'C' the line whose CI is cli.  Returns 0 with *val, or -1.
 */
int tu_list_value(const char *text, char tag, uint32_t cli,
                  const char *key, unsigned long *val);

/* LIST and pick one value: the value, or -1 if missing. */
long tu_client_stat(uint32_t cli, const char *key);
long tu_global_stat(const char *key);

/* --- the hypervisor's log ------------------------------------------------- */

/* Start copying stderr (the hypervisor console) into a buffer. */
void tu_capture_begin(void);

/* Stop; returns what was written (malloc'd, NUL-terminated; also echoed). */
char *tu_capture_end(void);

#endif /* TOOLS_TESTS_TMEM_UTIL_H */
