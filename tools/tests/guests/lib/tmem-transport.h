/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tmem frontends' transport (tools/libs/tmem/tmem-frontend.h) for a
 * ring-3 test guest: a tmem_op is a hypercall, and a page of the guest's
 * own memory is named by its gfn through the guest linear map
 * (docs/misc/domains.md: va = GUEST_LINEAR_BASE + gfn * 4K).  For the
 * tmem-* guests only (their build puts tools/libs/tmem on the include
 * path).
 */
#ifndef GUEST_TMEM_TRANSPORT_H
#define GUEST_TMEM_TRANSPORT_H

#include "guest.h"
#include "tmem-frontend.h"

static long guest_tmem_call(void *ctx, const struct tmem_op *op)
{
    (void)ctx;
    /* The hypervisor only reads the op: the cast drops nothing real. */
    return hypercall_tmem_op((struct tmem_op *)op);
}

static uint64_t guest_tmem_page_to_gfn(void *ctx, uint64_t page)
{
    (void)ctx;
    return (page - GUEST_LINEAR_BASE) >> 12;
}

static const struct tmem_transport guest_tmem_transport = {
    .call = guest_tmem_call,
    .page_to_gfn = guest_tmem_page_to_gfn,
};

#endif /* GUEST_TMEM_TRANSPORT_H */
