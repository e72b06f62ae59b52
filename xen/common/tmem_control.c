/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem control operations for the control domain: TMEM_CONTROL
 * (TMEMC_* subops: freeze/thaw, flush, destroy, list, weight, cap,
 * compress, freeable memory) and TMEM_AUTH (shared-pool authorisation).
 * Save and restore subops are not implemented and fail with -EOPNOTSUPP
 * (docs/misc/tmem.md lists them).  tmem.c checks the caller's privilege
 * before calling in here.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/tmem.h>

#include "tmem-private.h"

#define CLI_ID_ALL          0xFFFFU
#define LIST_MAX            4096        /* bytes of LIST output per call */

/*
 * Apply fn to client cli_id, or to every client for CLI_ID_ALL.  The
 * client list only changes under tmem_global_lock, which is held here,
 * so fn may take client, pool and LRU locks and free pages.
 */
static long for_clients(uint32_t cli_id,
                        void (*fn)(struct tmem_client *c, uint32_t arg),
                        uint32_t arg)
{
    struct tmem_client *c;

    spin_lock(&tmem_global_lock);
    if ( cli_id == CLI_ID_ALL )
    {
        list_for_each_entry(c, &tmem_clients, lru_link)
            fn(c, arg);
        spin_unlock(&tmem_global_lock);
        return 0;
    }
    c = cli_id < DOMID_FIRST_RESERVED ? tmem_client_find(cli_id) : NULL;
    if ( c )
        fn(c, arg);
    spin_unlock(&tmem_global_lock);
    return c ? 0 : -ENOENT;
}

static void set_frozen(struct tmem_client *c, uint32_t frozen)
{
    WRITE_ONCE(c->frozen, !!frozen);
}

static void set_weight(struct tmem_client *c, uint32_t weight)
{
    WRITE_ONCE(c->weight, weight);
}

static void set_cap(struct tmem_client *c, uint32_t cap)
{
    WRITE_ONCE(c->cap, cap);
}

/*
 * The client's compress flag: later puts compress (pages already stored
 * stay as they are; gets decode either form).  Unlike Xen, allowed with
 * tmem_dedup on: dedup compares page contents, not stored bytes.
 */
static void set_compress(struct tmem_client *c, uint32_t on)
{
    WRITE_ONCE(c->compress, !!on);
}

/* Flush (empty) every pool of c; the pools stay. */
static void flush_client(struct tmem_client *c, uint32_t unused)
{
    unsigned int i;

    (void)unused;
    for ( i = 0; i < MAX_POOLS_PER_DOMAIN; i++ )
    {
        struct tmem_pool *pool;

        spin_lock(&c->lock);
        pool = c->pools[i];
        if ( pool )
            spin_lock(&pool->lock);
        spin_unlock(&c->lock);
        if ( !pool )
            continue;
        spin_unlock(&pool->lock);
        tmem_pool_flush_all(pool);
    }
}

/*
 * TMEMC_FLUSH: give at least arg1 KiB of ephemeral memory back to the
 * heap (all clients only, as Xen).  Returns the KiB freed.
 */
static long control_flush(uint32_t cli_id, uint32_t kb)
{
    unsigned long pages = DIV_ROUND_UP((unsigned long)kb, PAGE_SIZE >> 10);

    if ( cli_id != CLI_ID_ALL )
        return -EINVAL;
    return tmem_evict_pages(pages, true) * (PAGE_SIZE >> 10);
}

/*
 * Append one client's line to the LIST buffer: Xen's keys CI, ww, ca,
 * co (compress), fr, then Ec/Pc (ephemeral and persistent pages) and cp/cb
 * (its compressed pages and their compressed bytes).
 */
static int list_client(char *buf, int len, int size,
                       const struct tmem_client *c)
{
    return len + scnprintf(buf + len, size - len,
                           "C=CI:%u,ww:%u,ca:%lu,co:%d,fr:%d,Ec:%lu,Pc:%lu,"
                           "cp:%lu,cb:%lu\n", c->domid, c->weight, c->cap,
                           c->compress, c->frozen, c->eph_pages,
                           c->pers_pages, c->comp_pages, c->comp_bytes);
}

/*
 * The global line: op counts (Tt puts, Gt gets, Gf found gets, Ft
 * flushes, Et evictions, Rt relinquished), pages (Ec, Pc, Fe plain
 * ephemeral = freeable), clients (Cc), and how pages are stored: Cp/Gz
 * compressed pages and bytes, Zp/Zt trimmed pages and bytes, Zz all-zero
 * pages, Sp pages sharing deduplicated data, Sc stored data objects,
 * Sf of which whole frames, Gd dedup hits, Cn pages that did not
 * compress, Ce data that failed to decode (always 0).
 */
static int list_global(char *buf, int size, const struct tmem_global_stats *g)
{
    return scnprintf(buf, size, "G=Tt:%lu,Gt:%lu,Gf:%lu,Ft:%lu,Et:%lu,"
                     "Rt:%lu,Ec:%lu,Pc:%lu,Cc:%lu,Fe:%lu,Cp:%lu,Gz:%lu,"
                     "Zp:%lu,Zt:%lu,Zz:%lu,Sp:%lu,Sc:%lu,Sf:%lu,Gd:%lu,"
                     "Cn:%lu,Ce:%lu\n", g->puts, g->gets, g->found_gets,
                     g->flushes, g->evictions, g->relinquished, g->eph_pages,
                     g->pers_pages, g->clients, g->eph_frames, g->comp_pages,
                     g->comp_bytes, g->tze_pages, g->tze_bytes, g->zero_pages,
                     g->shared_pages, g->data_objs, g->data_frames,
                     g->dedup_hits, g->comp_poor, g->data_errors);
}

/*
 * TMEMC_LIST: machine-parseable statistics (Xen's tagged lines: G= for
 * the global figures, C= per client) into buf, at most arg1 bytes with
 * the terminating NUL.  Returns the bytes written or -EFAULT.
 */
static long control_list(const struct tmem_op *op)
{
    static char buf[LIST_MAX];          /* under tmem_global_lock */
    struct tmem_global_stats g;
    struct tmem_client *c;
    uint32_t size = min(op->u.ctrl.arg1, (uint32_t)LIST_MAX);
    int len;
    long rc;

    if ( !size )
        return -EINVAL;
    tmem_get_global_stats(&g);
    spin_lock(&tmem_global_lock);
    len = list_global(buf, size, &g);
    spin_lock(&tmem_lru_lock);
    list_for_each_entry(c, &tmem_clients, lru_link)
        if ( op->u.ctrl.cli_id == CLI_ID_ALL ||
             op->u.ctrl.cli_id == c->domid )
            len = list_client(buf, len, size, c);
    spin_unlock(&tmem_lru_lock);
    rc = copy_to_guest(op->u.ctrl.buf, buf, len + 1) ? -EFAULT : len;
    spin_unlock(&tmem_global_lock);
    return rc;
}

long tmem_control(const struct tmem_op *op)
{
    uint32_t cli = op->u.ctrl.cli_id, arg1 = op->u.ctrl.arg1;

    switch ( op->u.ctrl.subop )
    {
    case TMEMC_THAW:
        return for_clients(cli, set_frozen, 0);
    case TMEMC_FREEZE:
        return for_clients(cli, set_frozen, 1);
    case TMEMC_FLUSH:
        return control_flush(cli, arg1);
    case TMEMC_DESTROY:
        return for_clients(cli, flush_client, 0);
    case TMEMC_LIST:
        return control_list(op);
    case TMEMC_SET_WEIGHT:
        return for_clients(cli, set_weight, arg1);
    case TMEMC_SET_CAP:
        return for_clients(cli, set_cap, arg1);
    case TMEMC_SET_COMPRESS:
        return for_clients(cli, set_compress, arg1);
    case TMEMC_QUERY_FREEABLE_MB:
        return tmem_freeable_pages() >> (20 - PAGE_SHIFT);
    case TMEMC_SAVE_BEGIN ... TMEMC_SAVE_END:
    case TMEMC_RESTORE_BEGIN ... TMEMC_RESTORE_FLUSH_PAGE:
        return -EOPNOTSUPP;             /* save/restore: not implemented */
    default:
        return -EINVAL;
    }
}

/*
 * TMEM_AUTH: allow (flags 1) or deny (flags 0) client arg1 to join the
 * shared pool with this uuid when tmem_shared_auth is on.  Returns 1 on
 * success, 0 for denying a uuid that was not allowed, -EINVAL for a bad
 * client or flag (Xen's 0xFFFF "everybody" override is not supported),
 * -ENOMEM when all of the client's slots are taken.
 */
long tmem_auth(const struct tmem_op *op)
{
    const uint64_t *uuid = op->u.creat.uuid;
    struct tmem_client *c;
    long rc = -ENOMEM;
    int i, free_slot = -1;

    if ( op->u.creat.flags > 1 || op->u.creat.arg1 >= DOMID_FIRST_RESERVED )
        return -EINVAL;                 /* incl. Xen's 0xFFFF "all" */
    /* Under the global lock: tmem_destroy() cannot free c meanwhile. */
    spin_lock(&tmem_global_lock);
    c = tmem_client_find(op->u.creat.arg1);
    if ( !c )
    {
        spin_unlock(&tmem_global_lock);
        return -EINVAL;                 /* the guest has not used tmem */
    }
    for ( i = 0; i < MAX_GLOBAL_SHARED_POOLS; i++ )
    {
        if ( c->shared_auth[i][0] == uuid[0] &&
             c->shared_auth[i][1] == uuid[1] )
            break;
        if ( free_slot < 0 && c->shared_auth[i][0] == ~0ULL &&
             c->shared_auth[i][1] == ~0ULL )
            free_slot = i;
    }
    if ( !op->u.creat.flags )
    {
        rc = i < MAX_GLOBAL_SHARED_POOLS;
        if ( rc )
            c->shared_auth[i][0] = c->shared_auth[i][1] = ~0ULL;
    }
    else if ( i < MAX_GLOBAL_SHARED_POOLS || free_slot >= 0 )
    {
        i = i < MAX_GLOBAL_SHARED_POOLS ? i : free_slot;
        c->shared_auth[i][0] = uuid[0];
        c->shared_auth[i][1] = uuid[1];
        rc = 1;
    }
    spin_unlock(&tmem_global_lock);
    return rc;
}
