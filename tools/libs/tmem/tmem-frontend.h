/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * A guest kernel's tmem frontend, in the shape of Linux's
 * drivers/xen/tmem.c (3.x to 5.2): a cleancache backend (clean page-cache
 * pages, ephemeral pools) and a frontswap backend (swap pages, one
 * persistent pool).  Object ids are built as Linux built them:
 *
 *   cleancache  oid = the 24-byte file key (inode number, or a file
 *               handle of up to 6 u32 words), reinterpreted as oid[3];
 *               index = page index in the file (must fit 32 bits).
 *   frontswap   oid[0] = swap type << 4 | (offset & 15), oid[1..2] = 0;
 *               index = offset >> 4 (offset must fit 32 bits), so each
 *               swap device spreads over 16 objects.
 *
 * Guest pages are named by a guest address ("page": whatever the
 * transport's page_to_gfn understands); the frontend never touches their
 * contents, the hypervisor copies them.
 *
 * Transport seam: struct tmem_transport, two calls.  The frontend fills
 * a struct tmem_op and asks the transport to issue __HYPERVISOR_tmem_op
 * with it; a real guest kernel would trap into Xen, the hosted tests
 * write it into a hypercall buffer (tools/tests/tmem-frontends).
 *
 * Results, as Linux mapped them: 0 for "stored" / "hit", -1 for
 * anything else (not stored, miss, tmem off, bad pool).  A failed pool
 * creation leaves a negative pool id, and every later op on it fails or
 * misses without a hypercall: that is how a guest whose ABI version the
 * hypervisor refuses (spec_version 0 below) runs "as if tmem were off".
 *
 * Threads: one struct tmem_frontend per guest (or per vCPU); nothing
 * here locks.  The statistics are plain counters of this frontend.
 */
#ifndef TMEM_FRONTEND_H
#define TMEM_FRONTEND_H

#include <stdint.h>

#include <xen/tmem.h>

/* The one thing a frontend needs from its environment. */
struct tmem_transport {
    /* Issue __HYPERVISOR_tmem_op(op); return the hypercall's result. */
    long (*call)(void *ctx, const struct tmem_op *op);
    /* The guest frame number of the page at guest address 'page'. */
    uint64_t (*page_to_gfn)(void *ctx, uint64_t page);
    void *ctx;
};

struct tmem_frontend_stats {
    unsigned long puts, puts_stored;        /* put_page / store */
    unsigned long gets, gets_hit;           /* get_page / load */
    unsigned long flushes;                  /* page and object flushes */
    unsigned long skipped;                  /* ops refused without a call */
};

struct tmem_frontend {
    struct tmem_transport t;
    unsigned int spec_version;      /* goes in NEW_POOL flags bits 24..31 */
    int frontswap_pool;             /* < 0 until tmem_frontswap_init() */
    long last_rc;                   /* raw result of the last hypercall */
    struct tmem_frontend_stats stats;
};

/*
 * Set up fe to use transport t.  spec_version is TMEM_SPEC_VERSION for a
 * normal guest; 0 makes an old (v0) guest, which the hypervisor refuses.
 */
void tmem_frontend_init(struct tmem_frontend *fe,
                        const struct tmem_transport *t,
                        unsigned int spec_version);

/* --- cleancache ----------------------------------------------------------- */

#define TMEM_CC_KEY_MAX     6       /* u32 words of a file handle key */

/* cleancache's file key: 24 bytes, which become the object id. */
struct tmem_cc_key {
    union {
        uint64_t ino;
        uint32_t fh[TMEM_CC_KEY_MAX];
    } u;
};

/* A key from an inode number. */
struct tmem_cc_key tmem_cc_key_ino(uint64_t ino);

/*
 * A key from a file handle of 'words' u32 words.  Returns 0, or -1 if it
 * is longer than TMEM_CC_KEY_MAX (cleancache then skips the file).
 */
int tmem_cc_key_fh(struct tmem_cc_key *key, const uint32_t *fh,
                   unsigned int words);

/*
 * Mount: a private ephemeral pool for one filesystem with pages of
 * 'pagesize' bytes (a power of two >= 4096).  Returns the pool id, or a
 * negative value (the filesystem then runs without cleancache).
 */
int tmem_cleancache_init_fs(struct tmem_frontend *fe, unsigned long pagesize);

/*
 * Mount a cluster filesystem: a shared ephemeral pool named by the
 * filesystem's 16-byte uuid (bytes 0..7 little-endian are uuid[0], bytes
 * 8..15 uuid[1]).  Returns the pool id or a negative value.
 */
int tmem_cleancache_init_shared_fs(struct tmem_frontend *fe,
                                   const uint8_t uuid[16],
                                   unsigned long pagesize);

/*
 * A clean page at 'index' of file 'key' is leaving the page cache: offer
 * it to tmem.  Returns 0 if tmem took it, -1 if not (Linux ignores this).
 */
int tmem_cleancache_put_page(struct tmem_frontend *fe, int pool,
                             const struct tmem_cc_key *key, uint64_t index,
                             uint64_t page);

/*
 * A page-cache read miss: fill 'page' from tmem if it has the page.
 * Returns 0 (hit: page filled; in a private pool tmem drops its copy) or
 * -1 (miss: read from disk).
 */
int tmem_cleancache_get_page(struct tmem_frontend *fe, int pool,
                             const struct tmem_cc_key *key, uint64_t index,
                             uint64_t page);

/* The page changed or went away: drop tmem's copy.  0 or -1. */
int tmem_cleancache_flush_page(struct tmem_frontend *fe, int pool,
                               const struct tmem_cc_key *key,
                               uint64_t index);

/* The file was truncated or deleted: drop all its pages.  0 or -1. */
int tmem_cleancache_flush_inode(struct tmem_frontend *fe, int pool,
                                const struct tmem_cc_key *key);

/* Unmount: destroy the pool.  0 or -1. */
int tmem_cleancache_invalidate_fs(struct tmem_frontend *fe, int pool);

/* --- frontswap ------------------------------------------------------------ */

#define TMEM_FS_SWIZ_BITS   4
#define TMEM_FS_SWIZ_MASK   ((1U << TMEM_FS_SWIZ_BITS) - 1)

/*
 * swapon of swap device 'type': the first call creates the one
 * persistent pool every type shares.  Returns 0, or -1 if there is no
 * pool (tmem off or refused): every store then fails.
 */
int tmem_frontswap_init(struct tmem_frontend *fe, unsigned int type);

/*
 * Swap out 'page' to (type, offset).  Returns 0 if tmem has it (it then
 * stays until invalidated), -1 if the page must go to the swap device.
 */
int tmem_frontswap_store(struct tmem_frontend *fe, unsigned int type,
                         uint64_t offset, uint64_t page);

/* Swap in (type, offset) to 'page'.  Returns 0 (filled) or -1. */
int tmem_frontswap_load(struct tmem_frontend *fe, unsigned int type,
                        uint64_t offset, uint64_t page);

/* The swap slot was freed.  0 or -1. */
int tmem_frontswap_invalidate_page(struct tmem_frontend *fe,
                                   unsigned int type, uint64_t offset);

/* swapoff: drop every page of 'type' (its 16 objects).  0 or -1. */
int tmem_frontswap_invalidate_area(struct tmem_frontend *fe,
                                   unsigned int type);

/* --- the layer both use (frontend.c) -------------------------------------- */

/*
 * Create a pool with TMEM_POOL_* bits 'flags' (persist, shared) for
 * pages of 'pagesize' bytes; fe's spec version goes in bits 24..31.
 * Returns the pool id or a negative value (the hypervisor's error, or
 * -1 for a page size that is not a power of two >= 4096).
 */
int tmem_frontend_new_pool(struct tmem_frontend *fe, uint32_t flags,
                           uint64_t uuid_lo, uint64_t uuid_hi,
                           unsigned long pagesize);

/*
 * One data op (TMEM_PUT_PAGE, GET_PAGE, FLUSH_PAGE, FLUSH_OBJECT, or
 * DESTROY_POOL with oid NULL) on pool.  Returns the hypervisor's result;
 * a negative pool is refused here with -1 and no hypercall.
 */
long tmem_frontend_op(struct tmem_frontend *fe, uint32_t cmd, int pool,
                      const xen_tmem_oid_t *oid, uint32_t index,
                      uint64_t page);

#endif /* TMEM_FRONTEND_H */
