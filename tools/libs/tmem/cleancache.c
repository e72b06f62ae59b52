/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * The cleancache backend: clean page-cache pages go to an ephemeral pool
 * per filesystem when the kernel evicts them and come back on a read
 * miss.  tmem may drop them at any time, so every "get" may miss; what
 * it must never do is return stale data, which the kernel prevents by
 * flushing a page (or a whole file) before it changes.
 *
 * Object id: the 24-byte file key reinterpreted as three u64 words, as
 * Linux's backend did (its BUILD_BUG_ON checked that the sizes match).
 * Index: the page's index in the file; one that does not fit 32 bits is
 * not cached at all.
 */
#include <string.h>

#include "tmem-frontend.h"

_Static_assert(sizeof(struct tmem_cc_key) == sizeof(xen_tmem_oid_t),
               "a cleancache file key must be exactly an object id");

struct tmem_cc_key tmem_cc_key_ino(uint64_t ino)
{
    struct tmem_cc_key key;

    memset(&key, 0, sizeof(key));
    key.u.ino = ino;
    return key;
}

int tmem_cc_key_fh(struct tmem_cc_key *key, const uint32_t *fh,
                   unsigned int words)
{
    if ( words > TMEM_CC_KEY_MAX )
        return -1;
    memset(key, 0, sizeof(*key));
    memcpy(key->u.fh, fh, words * sizeof(*fh));
    return 0;
}

static xen_tmem_oid_t key_to_oid(const struct tmem_cc_key *key)
{
    xen_tmem_oid_t oid;

    memcpy(&oid, key, sizeof(oid));
    return oid;
}

int tmem_cleancache_init_fs(struct tmem_frontend *fe, unsigned long pagesize)
{
    return tmem_frontend_new_pool(fe, 0, 0, 0, pagesize);
}

int tmem_cleancache_init_shared_fs(struct tmem_frontend *fe,
                                   const uint8_t uuid[16],
                                   unsigned long pagesize)
{
    uint64_t lo = 0, hi = 0;
    int i;

    /* Little-endian loads of bytes 0..7 and 8..15, as on x86. */
    for ( i = 7; i >= 0; i-- )
    {
        lo = (lo << 8) | uuid[i];
        hi = (hi << 8) | uuid[8 + i];
    }
    return tmem_frontend_new_pool(fe, TMEM_POOL_SHARED, lo, hi, pagesize);
}

int tmem_cleancache_put_page(struct tmem_frontend *fe, int pool,
                             const struct tmem_cc_key *key, uint64_t index,
                             uint64_t page)
{
    xen_tmem_oid_t oid = key_to_oid(key);

    fe->stats.puts++;
    if ( index > UINT32_MAX )
    {
        fe->stats.skipped++;
        return -1;
    }
    if ( tmem_frontend_op(fe, TMEM_PUT_PAGE, pool, &oid, (uint32_t)index,
                          page) != 1 )
        return -1;
    fe->stats.puts_stored++;
    return 0;
}

int tmem_cleancache_get_page(struct tmem_frontend *fe, int pool,
                             const struct tmem_cc_key *key, uint64_t index,
                             uint64_t page)
{
    xen_tmem_oid_t oid = key_to_oid(key);

    fe->stats.gets++;
    if ( index > UINT32_MAX )
    {
        fe->stats.skipped++;
        return -1;
    }
    if ( tmem_frontend_op(fe, TMEM_GET_PAGE, pool, &oid, (uint32_t)index,
                          page) != 1 )
        return -1;
    fe->stats.gets_hit++;
    return 0;
}

int tmem_cleancache_flush_page(struct tmem_frontend *fe, int pool,
                               const struct tmem_cc_key *key,
                               uint64_t index)
{
    xen_tmem_oid_t oid = key_to_oid(key);

    fe->stats.flushes++;
    if ( index > UINT32_MAX )
        return -1;                      /* never cached */
    return tmem_frontend_op(fe, TMEM_FLUSH_PAGE, pool, &oid,
                            (uint32_t)index, 0) == 1 ? 0 : -1;
}

int tmem_cleancache_flush_inode(struct tmem_frontend *fe, int pool,
                                const struct tmem_cc_key *key)
{
    xen_tmem_oid_t oid = key_to_oid(key);

    fe->stats.flushes++;
    return tmem_frontend_op(fe, TMEM_FLUSH_OBJECT, pool, &oid, 0, 0) == 1
           ? 0 : -1;
}

int tmem_cleancache_invalidate_fs(struct tmem_frontend *fe, int pool)
{
    return tmem_frontend_op(fe, TMEM_DESTROY_POOL, pool, NULL, 0, 0) == 1
           ? 0 : -1;
}
