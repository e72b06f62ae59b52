/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * The frontswap backend: swapped-out pages go to one persistent pool
 * shared by every swap device of the guest.  A store that returns 0 is a
 * promise: the page stays gettable until the guest invalidates it, so
 * the guest never writes it to its swap device.  A store that fails
 * costs nothing but the hypercall; the page goes to disk.
 *
 * Swizzling (SWIZ_BITS 4, as Linux): the low 4 bits of the swap offset
 * pick one of 16 objects per swap type, the rest is the index, which
 * spreads a device's pages over 16 objects (16 trees to search, less
 * contention).  invalidate_area therefore flushes all 16.
 */
#include "tmem-frontend.h"

/* The object of (type, offset): type << 4 | low 4 bits of the offset. */
static xen_tmem_oid_t swiz_oid(unsigned int type, uint32_t offset)
{
    xen_tmem_oid_t oid = { { 0, 0, 0 } };

    oid.oid[0] = ((uint64_t)type << TMEM_FS_SWIZ_BITS) |
                 (offset & TMEM_FS_SWIZ_MASK);
    return oid;
}

static uint32_t swiz_index(uint32_t offset)
{
    return offset >> TMEM_FS_SWIZ_BITS;
}

int tmem_frontswap_init(struct tmem_frontend *fe, unsigned int type)
{
    (void)type;                         /* one pool for every type */
    if ( fe->frontswap_pool < 0 )
        fe->frontswap_pool = tmem_frontend_new_pool(fe, TMEM_POOL_PERSIST,
                                                    0, 0, 4096);
    return fe->frontswap_pool < 0 ? -1 : 0;
}

int tmem_frontswap_store(struct tmem_frontend *fe, unsigned int type,
                         uint64_t offset, uint64_t page)
{
    xen_tmem_oid_t oid = swiz_oid(type, (uint32_t)offset);

    fe->stats.puts++;
    if ( offset > UINT32_MAX )
    {
        fe->stats.skipped++;
        return -1;
    }
    if ( tmem_frontend_op(fe, TMEM_PUT_PAGE, fe->frontswap_pool, &oid,
                          swiz_index((uint32_t)offset), page) != 1 )
        return -1;
    fe->stats.puts_stored++;
    return 0;
}

int tmem_frontswap_load(struct tmem_frontend *fe, unsigned int type,
                        uint64_t offset, uint64_t page)
{
    xen_tmem_oid_t oid = swiz_oid(type, (uint32_t)offset);

    fe->stats.gets++;
    if ( offset > UINT32_MAX )
    {
        fe->stats.skipped++;
        return -1;
    }
    if ( tmem_frontend_op(fe, TMEM_GET_PAGE, fe->frontswap_pool, &oid,
                          swiz_index((uint32_t)offset), page) != 1 )
        return -1;
    fe->stats.gets_hit++;
    return 0;
}

int tmem_frontswap_invalidate_page(struct tmem_frontend *fe,
                                   unsigned int type, uint64_t offset)
{
    xen_tmem_oid_t oid = swiz_oid(type, (uint32_t)offset);

    fe->stats.flushes++;
    if ( offset > UINT32_MAX )
        return -1;                      /* never stored */
    return tmem_frontend_op(fe, TMEM_FLUSH_PAGE, fe->frontswap_pool, &oid,
                            swiz_index((uint32_t)offset), 0) == 1 ? 0 : -1;
}

int tmem_frontswap_invalidate_area(struct tmem_frontend *fe,
                                   unsigned int type)
{
    uint32_t low;
    int rc = 0;

    fe->stats.flushes++;
    for ( low = 0; low <= TMEM_FS_SWIZ_MASK; low++ )
    {
        xen_tmem_oid_t oid = swiz_oid(type, low);

        if ( tmem_frontend_op(fe, TMEM_FLUSH_OBJECT, fe->frontswap_pool,
                              &oid, 0, 0) != 1 )
            rc = -1;
    }
    return rc;
}
