/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor-side half of test-tmem-data: an exact tmem audit. */

#include <xen/lib.h>
#include <xen/radix-tree.h>
#include <xen/rbtree.h>
#include <xen/tmem.h>

#include "../../../xen/common/tmem-private.h"
#include "tmem-data-fixture.h"

struct td_sums {
    unsigned long eph, pers, frames, comp, tze, zero, shared, refs;
};

static int td_bad;

#define TD_EQ(what, a, b) do {                                          \
        if ( (unsigned long)(a) != (unsigned long)(b) )                 \
        {                                                               \
            printk(XENLOG_ERR "td_audit: %s: %lu != %lu\n", what,       \
                   (unsigned long)(a), (unsigned long)(b));             \
            td_bad++;                                                   \
        }                                                               \
    } while ( 0 )

/* Count one stored page e of pool into s. */
static void td_entry(struct tmem_pool *pool, void *e, struct td_sums *s)
{
    const struct tmem_page *tp = e;
    bool eph = tmem_entry_flags(e) & TMEM_PF_EPHEMERAL;

    TD_EQ("ephemeral flag", eph, !pool->persistent);
    *(eph ? &s->eph : &s->pers) += 1;
    if ( tmem_entry_is_frame(e) )
    {
        s->frames += eph;
        return;
    }
    s->comp += tp->kind == TMEM_DK_LZ;
    s->tze += tp->kind == TMEM_DK_TZE;
    s->zero += tp->kind == TMEM_DK_ZERO;
    TD_EQ("zero page has no data", tp->kind == TMEM_DK_ZERO, !tp->data);
}

/* Every page of pool (locked by the caller) into s. */
static void td_pool(struct tmem_pool *pool, struct td_sums *s)
{
    unsigned int b;
    struct rb_node *n;

    for ( b = 0; b < OBJ_HASH_BUCKETS; b++ )
        for ( n = rb_first(&pool->objects[b]); n; n = rb_next(n) )
        {
            struct tmem_object *obj = rb_entry(n, struct tmem_object, node);
            void *items[16];
            uint32_t idx[16], first = 0;
            unsigned int got, i;

            do {
                got = radix_tree_gang_lookup(&obj->pages, items, idx,
                                             first, 16);
                for ( i = 0; i < got; i++ )
                    td_entry(pool, items[i], s);
                first = got ? idx[got - 1] + 1 : 0;
            } while ( got == 16 && first );
        }
}

int td_audit(void)
{
    struct tmem_global_stats g;
    struct td_sums all = { 0 };
    struct tmem_client *c;
    unsigned int i;

    td_bad = 0;
    spin_lock(&tmem_global_lock);
    list_for_each_entry(c, &tmem_clients, lru_link)
    {
        struct td_sums s = { 0 };

        for ( i = 0; i < MAX_POOLS_PER_DOMAIN; i++ )
        {
            struct tmem_pool *pool = c->pools[i];

            if ( !pool || pool->owner != c )
                continue;               /* a shared pool counts once */
            spin_lock(&pool->lock);
            td_pool(pool, &s);
            spin_unlock(&pool->lock);
        }
        TD_EQ("client eph", c->eph_pages, s.eph);
        TD_EQ("client pers", c->pers_pages, s.pers);
        TD_EQ("client comp", c->comp_pages, s.comp);
        all.eph += s.eph;
        all.pers += s.pers;
        all.frames += s.frames;
        all.comp += s.comp;
        all.tze += s.tze;
        all.zero += s.zero;
    }
    tmem_get_global_stats(&g);
    spin_unlock(&tmem_global_lock);
    TD_EQ("global eph", g.eph_pages, all.eph);
    TD_EQ("global pers", g.pers_pages, all.pers);
    TD_EQ("freeable frames", g.eph_frames, all.frames);
    TD_EQ("freeable", tmem_freeable_pages(), all.frames);
    TD_EQ("comp pages", g.comp_pages, all.comp);
    TD_EQ("tze pages", g.tze_pages, all.tze);
    TD_EQ("zero pages", g.zero_pages, all.zero);
    TD_EQ("decode errors", g.data_errors, 0);
    return td_bad;
}
