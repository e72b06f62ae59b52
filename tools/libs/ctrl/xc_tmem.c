/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * tmem control for the toolstack: xc_tmem_control() (TMEM_CONTROL and
 * its TMEMC_* subops) and xc_tmem_auth() (TMEM_AUTH), with the
 * signatures and conventions of Xen 4.5's libxc, the last release in
 * which both went through __HYPERVISOR_tmem_op rather than a sysctl.
 *
 * Both bounce a struct tmem_op both ways and return the hypercall's
 * result: >= 0 as the hypervisor gave it (KiB flushed, MiB freeable,
 * bytes listed, 1/0 for auth...), or -1 with errno set.  Where 4.5
 * returned a raw -EINVAL/-ENOMEM/-EFAULT for a local failure (a NULL
 * LIST buffer, no bounce space) we return -1 with errno instead, as the
 * rest of this library does.
 *
 * Only TMEMC_LIST's buffer is bounced (arg1 bytes, out), as in 4.5; for
 * every other subop u.ctrl.buf is a NULL handle, because a process
 * pointer means nothing to the hypervisor.  The save/restore subops that
 * took buffers in Xen are not implemented by our hypervisor.
 */
#include "xc_private.h"

#include <xen/tmem.h>

/* Issue one tmem_op (bounced both ways).  Result or -1/errno. */
static int do_tmem_op(xc_interface *xch, struct tmem_op *op)
{
    long rc = xc__bounced_hypercall(xch, __HYPERVISOR_tmem_op, op,
                                    sizeof(*op), 0, 0, "tmem_op");

    return (int)rc;
}

/*
 * TMEM_CONTROL subop on client cli_id (0xFFFF: all clients) and pool
 * pool_id, with the subop's arguments in arg1 and arg2; arg3 goes in
 * u.ctrl.oid.oid[0], where spec v0 kept its 64-bit arg3 (4.5 ignored
 * it).  For TMEMC_LIST, buf receives up to arg1 bytes of text.
 * Returns the subop's result (>= 0), or -1 with errno: the hypervisor's
 * error (EPERM from an unprivileged caller, ENODEV with tmem off,
 * EOPNOTSUPP for save/restore...), or EINVAL for a LIST with arg1 != 0
 * and no buffer, ENOMEM when the buffer cannot be bounced.
 */
int xc_tmem_control(xc_interface *xch, int32_t pool_id, uint32_t subop,
                    uint32_t cli_id, uint32_t arg1, uint32_t arg2,
                    uint64_t arg3, void *buf)
{
    struct tmem_op op;
    struct xc_bounce b = XC_BOUNCE_INIT(NULL, 0, XC_BOUNCE_OUT);
    int rc;

    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_CONTROL;
    op.pool_id = pool_id;
    op.u.ctrl.subop = subop;
    op.u.ctrl.cli_id = cli_id;
    op.u.ctrl.arg1 = arg1;
    op.u.ctrl.arg2 = arg2;
    op.u.ctrl.oid.oid[0] = arg3;

    if ( subop == TMEMC_LIST && arg1 != 0 )
    {
        if ( buf == NULL )
        {
            errno = EINVAL;
            return -1;
        }
        b.ubuf = buf;
        b.size = arg1;
        if ( xc_bounce_pre(xch, &b) )
        {
            PERROR("Could not bounce buffer for tmem control hypercall");
            return -1;
        }
    }
    xc_set_handle_gva(op.u.ctrl.buf, b.gva);

    rc = do_tmem_op(xch, &op);

    if ( xc_bounce_post(xch, &b) && rc >= 0 )
        rc = -1;
    return rc;
}

/* One hex digit's value, or -1. */
static int hex_digit(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'f' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'F' )
        return c - 'A' + 10;
    return -1;
}

/*
 * Parse "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" as Xen's libxc did: the
 * first 16 hex digits are uuid_hi, the last 16 uuid_lo.  (Xen's parser
 * mapped 'a'..'f' to 0..5; we take hex at its word.)  0 or -1.
 */
static int tmem_uuid_parse(const char *s, uint64_t *lo, uint64_t *hi)
{
    uint64_t *x = hi;
    int i, d;

    *lo = *hi = 0;
    for ( i = 0; i < 36; i++ )
    {
        if ( i == 8 || i == 13 || i == 18 || i == 23 )
        {
            if ( s[i] != '-' )
                return -1;
            if ( i == 18 )
                x = lo;
            continue;
        }
        d = hex_digit(s[i]);
        if ( d < 0 )
            return -1;
        *x = (*x << 4) | (uint64_t)d;
    }
    return s[36] == '\0' ? 0 : -1;
}

/*
 * TMEM_AUTH: allow (arg1 = 1) or deny (arg1 = 0) client cli_id to join
 * the shared pool named uuid_str when the hypervisor runs with
 * tmem_shared_auth.  Returns 1 (done), 0 (denied a uuid that was not
 * allowed), or -1 with errno: EINVAL for a malformed uuid or a client
 * the hypervisor does not know, ENOMEM when the client's 16 slots are
 * full, EPERM, ENODEV.
 */
int xc_tmem_auth(xc_interface *xch, int cli_id, char *uuid_str, int arg1)
{
    struct tmem_op op;

    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_AUTH;
    op.pool_id = 0;
    op.u.creat.arg1 = (uint32_t)cli_id;
    op.u.creat.flags = (uint32_t)arg1;
    if ( !uuid_str ||
         tmem_uuid_parse(uuid_str, &op.u.creat.uuid[0],
                         &op.u.creat.uuid[1]) )
    {
        errno = EINVAL;
        PERROR("Can't parse uuid, use xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
        return -1;
    }
    return do_tmem_op(xch, &op);
}
