/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * The layer under the cleancache and frontswap backends: filling a
 * struct tmem_op and handing it to the transport (see tmem-frontend.h).
 * Every field the hypervisor checks is set explicitly: whole-page ops
 * only (tmem_offset, pfn_offset and len 0), unused fields zero.
 */
#include <string.h>

#include "tmem-frontend.h"

void tmem_frontend_init(struct tmem_frontend *fe,
                        const struct tmem_transport *t,
                        unsigned int spec_version)
{
    memset(fe, 0, sizeof(*fe));
    fe->t = *t;
    fe->spec_version = spec_version;
    fe->frontswap_pool = -1;
}

/* log2(pagesize) - 12 for a power of two >= 4096, else -1. */
static int pagesize_bits(unsigned long pagesize)
{
    int bits = 0;

    if ( pagesize < 4096 || (pagesize & (pagesize - 1)) )
        return -1;
    while ( (4096UL << bits) < pagesize )
        bits++;
    return bits <= (int)TMEM_POOL_PAGESIZE_MASK ? bits : -1;
}

static long issue(struct tmem_frontend *fe, const struct tmem_op *op)
{
    fe->last_rc = fe->t.call(fe->t.ctx, op);
    return fe->last_rc;
}

int tmem_frontend_new_pool(struct tmem_frontend *fe, uint32_t flags,
                           uint64_t uuid_lo, uint64_t uuid_hi,
                           unsigned long pagesize)
{
    struct tmem_op op;
    int bits = pagesize_bits(pagesize);

    if ( bits < 0 )
        return -1;
    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_NEW_POOL;
    op.u.creat.uuid[0] = uuid_lo;
    op.u.creat.uuid[1] = uuid_hi;
    op.u.creat.flags = flags |
        ((uint32_t)bits << TMEM_POOL_PAGESIZE_SHIFT) |
        ((fe->spec_version & TMEM_POOL_VERSION_MASK) <<
         TMEM_POOL_VERSION_SHIFT);
    return (int)issue(fe, &op);
}

long tmem_frontend_op(struct tmem_frontend *fe, uint32_t cmd, int pool,
                      const xen_tmem_oid_t *oid, uint32_t index,
                      uint64_t page)
{
    struct tmem_op op;

    if ( pool < 0 )
    {
        /* No pool: tmem is off for this guest.  Nothing to ask. */
        fe->stats.skipped++;
        return -1;
    }
    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.pool_id = pool;
    if ( oid )
        op.u.gen.oid = *oid;
    op.u.gen.index = index;
    if ( cmd == TMEM_PUT_PAGE || cmd == TMEM_GET_PAGE )
        op.u.gen.cmfn = fe->t.page_to_gfn(fe->t.ctx, page);
    /*
     * A put must see the page as the guest last wrote it: Linux issues
     * mb() here.  The transport's call is the barrier in practice; make
     * it explicit for the compiler and the CPU.
     */
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return issue(fe, &op);
}
