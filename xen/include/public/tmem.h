/* SPDX-License-Identifier: MIT */
/*
 * __HYPERVISOR_tmem_op(struct tmem_op *): transcendent memory, spec v1.
 *
 * A guest kernel hands clean or swapped-out pages to the hypervisor and
 * may ask for them back later.  Pages live in pools (up to 16 per
 * domain) and are named by (pool, 192-bit object id, 32-bit index).
 *   ephemeral pools  page-cache copies: the hypervisor may drop them at
 *                    any time, so a get can miss (cleancache);
 *   persistent pools swap: a successful put must stay gettable until the
 *                    guest flushes it (frontswap).  (Xen counted them
 *                    against max_pages; this hypervisor limits them
 *                    with the client cap instead.)
 * A shared pool (matched by its 128-bit uuid) is visible to several
 * domains; a private one only to its owner.
 *
 * Numbers, bit layouts and struct tmem_op are those of Xen 4.1 to 4.12,
 * the last releases with tmem.  The layout is the same on every 64-bit
 * architecture: 56 bytes.
 */
#ifndef __XEN_PUBLIC_TMEM_H__
#define __XEN_PUBLIC_TMEM_H__

#include "xen.h"

/*
 * The ABI version, carried in bits 24..31 of the TMEM_NEW_POOL flags.
 * Version 0 (Xen 4.0, 64-bit object ids) is refused: pool creation fails
 * with -XEN_EPERM and the log says "unsupported spec version".
 */
#define TMEM_SPEC_VERSION           1

/*
 * Commands (tmem_op.cmd).  Results for a guest:
 *
 * TMEM_NEW_POOL     create a pool from u.creat (flags below, uuid for a
 *                   shared pool).  Returns the pool id (0..15);
 *                   -XEN_EPERM for a bad version, page size, reserved
 *                   bits, PRECOMPRESSED, shared+persistent, or no free
 *                   slot; -XEN_ENOMEM.
 * TMEM_DESTROY_POOL destroy pool_id and all its pages.  Returns 1, or 0
 *                   if there was no such pool.  Preemptible.
 * TMEM_PUT_PAGE     copy the guest frame u.gen.cmfn into (pool_id, oid,
 *                   index), replacing any copy there.  Returns 1 when
 *                   stored; -XEN_ENOMEM; -EFROZEN for a new page while
 *                   the client is frozen; -XEN_ENOSPC when replacing
 *                   failed (the old copy is then gone too); -XEN_EFAULT
 *                   for a bad frame.
 * TMEM_GET_PAGE     copy (pool_id, oid, index) into the guest frame
 *                   u.gen.cmfn.  Returns 1 when copied, 0 when not
 *                   there, -EEMPTY if the pool holds no pages at all,
 *                   -XEN_EFAULT.  A get from a private ephemeral pool
 *                   also removes the page (exclusive get).
 * TMEM_FLUSH_PAGE   drop (pool_id, oid, index).  Returns 1 whether or
 *                   not it existed; -EFROZEN (after flushing) while the
 *                   client is frozen.
 * TMEM_FLUSH_OBJECT drop every page of (pool_id, oid).  As FLUSH_PAGE.
 *
 * Any command naming a pool_id that is not a created pool (including a
 * negative one) fails with -XEN_ENODEV, as does every command while tmem
 * is disabled.  Unknown commands fail with -XEN_ENOSYS; that includes
 * NEW_PAGE, READ, WRITE and XCHG, which Xen 4.4 dropped (sub-page and
 * zero-page forms no guest used).
 *
 * TMEM_CONTROL (u.ctrl, TMEMC_* subops), TMEM_AUTH (allow or deny a
 * client a shared-pool uuid) and TMEM_RESTORE_NEW (create a pool at a
 * given id in another domain, for restore) need a privileged caller:
 * -XEN_EPERM otherwise.
 */
#define TMEM_CONTROL                0
#define TMEM_NEW_POOL               1
#define TMEM_DESTROY_POOL           2
#define TMEM_NEW_PAGE               3
#define TMEM_PUT_PAGE               4
#define TMEM_GET_PAGE               5
#define TMEM_FLUSH_PAGE             6
#define TMEM_FLUSH_OBJECT           7
#define TMEM_READ                   8
#define TMEM_WRITE                  9
#define TMEM_XCHG                   10
#define TMEM_AUTH                   101
#define TMEM_RESTORE_NEW            102

/*
 * TMEM_CONTROL subops (u.ctrl.subop), with u.ctrl.cli_id naming the
 * client domain (XEN_SYSCTL_TMEM_OP_ALL_CLIENTS, 0xFFFF, for all):
 *   THAW, FREEZE       allow / refuse new puts (flushes still work)
 *   FLUSH              free at least arg1 KiB of tmem memory (all clients)
 *   DESTROY            empty every pool of the client(s) (Xen's thawed)
 *   LIST               write ASCII statistics to buf (arg1 bytes)
 *   SET_WEIGHT, SET_CAP client parameters from arg1 (cap in pages)
 *   SET_COMPRESS       -EOPNOTSUPP here (no compression yet)
 *   QUERY_FREEABLE_MB  returns MiB that flushing could free
 *   SAVE_*, RESTORE_*  save and restore of persistent pools; not
 *                      implemented here: -EOPNOTSUPP
 * Failures return -1 (Xen's historical value) or a negative errno.
 */
#define TMEMC_THAW                  0
#define TMEMC_FREEZE                1
#define TMEMC_FLUSH                 2
#define TMEMC_DESTROY               3
#define TMEMC_LIST                  4
#define TMEMC_SET_WEIGHT            5
#define TMEMC_SET_CAP               6
#define TMEMC_SET_COMPRESS          7
#define TMEMC_QUERY_FREEABLE_MB     8
#define TMEMC_SAVE_BEGIN            10
#define TMEMC_SAVE_GET_VERSION      11
#define TMEMC_SAVE_GET_MAXPOOLS     12
#define TMEMC_SAVE_GET_CLIENT_WEIGHT 13
#define TMEMC_SAVE_GET_CLIENT_CAP   14
#define TMEMC_SAVE_GET_CLIENT_FLAGS 15
#define TMEMC_SAVE_GET_POOL_FLAGS   16
#define TMEMC_SAVE_GET_POOL_NPAGES  17
#define TMEMC_SAVE_GET_POOL_UUID    18
#define TMEMC_SAVE_GET_NEXT_PAGE    19
#define TMEMC_SAVE_GET_NEXT_INV     20
#define TMEMC_SAVE_END              21
#define TMEMC_RESTORE_BEGIN         30
#define TMEMC_RESTORE_PUT_PAGE      32
#define TMEMC_RESTORE_FLUSH_PAGE    33

/*
 * TMEM_NEW_POOL flags (u.creat.flags):
 *   bit 0       PERSIST: persistent, else ephemeral
 *   bit 1       SHARED: shared by uuid, else private
 *   bit 2       PRECOMPRESSED: always refused (-XEN_EPERM)
 *   bit 3       unused and ignored (not in the reserved mask)
 *   bits 4..7   log2(page size) - 12; must be 0 (4 KiB pages)
 *   bits 8..23  reserved, must be 0 (-XEN_EPERM)
 *   bits 24..31 TMEM_SPEC_VERSION
 * So a private ephemeral pool is 0x01000000, a persistent one 0x01000001.
 */
#define TMEM_POOL_PERSIST           1
#define TMEM_POOL_SHARED            2
#define TMEM_POOL_PRECOMPRESSED     4
#define TMEM_POOL_PAGESIZE_SHIFT    4
#define TMEM_POOL_PAGESIZE_MASK     0xf
#define TMEM_POOL_VERSION_SHIFT     24
#define TMEM_POOL_VERSION_MASK      0xff
#define TMEM_POOL_RESERVED_BITS     0x00ffff00

/* Client flags, as TMEMC_SAVE_GET_CLIENT_FLAGS reports them. */
#define TMEM_CLIENT_COMPRESS        1
#define TMEM_CLIENT_FROZEN          2

/*
 * tmem's own error numbers, returned negated like the XEN_E* ones.
 * Xen defines them without a prefix; the names are kept for that reason.
 */
#define EFROZEN                     1000    /* the client is frozen */
#define EEMPTY                      1001    /* the pool holds no pages */

#ifndef __ASSEMBLY__
/*
 * An object id: 192 bits, so that a file handle fits (cleancache passes
 * a 24-byte file key).  oid[2] is the most significant word when ids
 * are ordered; all ones is never a valid id.
 */
struct xen_tmem_oid {
    uint64_t oid[3];                    /* IN/OUT, as the field holding it */
};
typedef struct xen_tmem_oid xen_tmem_oid_t;
DEFINE_XEN_GUEST_HANDLE(xen_tmem_oid_t);

/* A guest buffer for the control subops; a guest frame for data ops. */
typedef XEN_GUEST_HANDLE(char) tmem_cli_va_t;
typedef xen_pfn_t tmem_cli_mfn_t;

/*
 * The argument of __HYPERVISOR_tmem_op.  The hypervisor copies it in
 * once; which union member is read depends on cmd.
 */
struct tmem_op {
    uint32_t cmd;                       /* IN: TMEM_* */
    int32_t pool_id;                    /* IN: signed; < 0 never exists */
    union {
        /* TMEM_NEW_POOL, TMEM_AUTH, TMEM_RESTORE_NEW. */
        struct {
            uint64_t uuid[2];           /* IN: shared pool id, lo then hi */
            uint32_t flags;             /* IN: TMEM_POOL_* (AUTH: 1/0) */
            uint32_t arg1;              /* IN: target client for AUTH and
                                         *     RESTORE_NEW, else unused */
        } creat;
        /* TMEM_CONTROL (privileged). */
        struct {
            uint32_t subop;             /* IN: TMEMC_* */
            uint32_t cli_id;            /* IN: client domain, or 0xFFFF */
            uint32_t arg1;              /* IN: per subop */
            uint32_t arg2;              /* IN: per subop */
            xen_tmem_oid_t oid;         /* IN: RESTORE_* object id */
            tmem_cli_va_t buf;          /* IN/OUT: per subop */
        } ctrl;
        /* Every other command. */
        struct {
            xen_tmem_oid_t oid;         /* IN: object id */
            uint32_t index;             /* IN: page index in the object */
            uint32_t tmem_offset;       /* IN: 0 (sub-page ops are gone) */
            uint32_t pfn_offset;        /* IN: 0 (sub-page ops are gone) */
            uint32_t len;               /* IN: 0 (sub-page ops are gone) */
            tmem_cli_mfn_t cmfn;        /* IN: guest frame (GFN; MFN for
                                         *     PV) to copy from or to */
        } gen;
    } u;
};
typedef struct tmem_op tmem_op_t;
DEFINE_XEN_GUEST_HANDLE(tmem_op_t);

/*
 * One persistent page's name in a save stream (TMEMC_SAVE_GET_NEXT_PAGE
 * writes it before the page data; TMEMC_SAVE_GET_NEXT_INV writes one per
 * page invalidated during live migration).
 */
struct tmem_handle {
    uint32_t pool_id;                   /* OUT */
    uint32_t index;                     /* OUT */
    xen_tmem_oid_t oid;                 /* OUT */
};
typedef struct tmem_handle tmem_handle_t;
DEFINE_XEN_GUEST_HANDLE(tmem_handle_t);
#endif /* !__ASSEMBLY__ */

#endif /* __XEN_PUBLIC_TMEM_H__ */
