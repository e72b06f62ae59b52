/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-side helpers of test-domctl (see domctl-util.h).  Raw calls go
 * through hosted_hypercall() with their argument in a buffer from
 * hosted_buf_alloc(), so every field reaches the hypervisor as written.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domctl-util.h"
#include "hosted-api.h"

#include <xen/errno.h>

xc_interface *dc_xch;

long dc_raw_call(unsigned int op, void *arg, size_t len)
{
    uint64_t gva = hosted_buf_alloc(len);
    long rc;

    if ( !gva || hosted_buf_write(gva, arg, len) )
        return -XEN_ENOMEM;
    rc = hosted_hypercall(op, gva, 0, 0, 0, 0);
    hosted_buf_read(arg, gva, len);
    hosted_buf_free(gva, len);
    return rc;
}

long dc_domctl_raw(struct xen_domctl *op)
{
    return dc_raw_call(__HYPERVISOR_domctl, op, sizeof(*op));
}

long dc_sysctl_raw(struct xen_sysctl *op)
{
    return dc_raw_call(__HYPERVISOR_sysctl, op, sizeof(*op));
}

struct xen_domctl dc_domctl(uint32_t cmd, uint16_t domid)
{
    struct xen_domctl op = {
        .cmd = cmd,
        .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
        .domain = domid,
    };

    return op;
}

struct xen_sysctl dc_sysctl(uint32_t cmd)
{
    struct xen_sysctl op = {
        .cmd = cmd,
        .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
    };

    return op;
}

long dc_domctl_simple(uint32_t cmd, uint16_t domid)
{
    struct xen_domctl op = dc_domctl(cmd, domid);

    return dc_domctl_raw(&op);
}

long dc_create_raw(uint16_t domid, const struct xen_domctl_createdomain *c)
{
    struct xen_domctl op = dc_domctl(XEN_DOMCTL_createdomain, domid);
    long rc;

    op.u.createdomain = *c;
    rc = dc_domctl_raw(&op);
    return rc ? rc : op.domain;
}

const struct xen_domctl_createdomain dc_pv_config = { .max_vcpus = 2 };

long dc_numainfo(uint32_t nr, bool with_mi, bool with_dist,
                 struct xen_sysctl_numainfo *ni, xen_sysctl_meminfo_t *mi,
                 uint32_t *dist)
{
    struct xen_sysctl op = dc_sysctl(XEN_SYSCTL_numainfo);
    size_t mi_len = (nr + 1) * sizeof(*mi), d_len = (nr * nr + 1) * 4;
    uint64_t mi_gva = with_mi ? hosted_buf_alloc(mi_len) : 0;
    uint64_t d_gva = with_dist ? hosted_buf_alloc(d_len) : 0;
    long rc;

    op.u.numainfo.num_nodes = nr;
    set_xen_guest_handle_raw(op.u.numainfo.meminfo,
                             (void *)(uintptr_t)mi_gva);
    set_xen_guest_handle_raw(op.u.numainfo.distance,
                             (void *)(uintptr_t)d_gva);
    rc = dc_sysctl_raw(&op);
    *ni = op.u.numainfo;
    if ( mi && mi_gva )
        hosted_buf_read(mi, mi_gva, nr * sizeof(*mi));
    if ( dist && d_gva )
        hosted_buf_read(dist, d_gva, nr * nr * 4);
    if ( mi_gva )
        hosted_buf_free(mi_gva, mi_len);
    if ( d_gva )
        hosted_buf_free(d_gva, d_len);
    return rc;
}

void *dc_domu_thread(void *call)
{
    struct dc_domu_call *c = call;

    c->rc = hosted_vcpu_attach(c->domid);
    if ( !c->rc )
        c->rc = hosted_buf_setup(0, c->buf_pages);
    if ( !c->rc )
        c->fn(c->arg);
    return NULL;
}

/* Build, check and destroy one domain; false with w->error on failure. */
static bool worker_round(struct dc_worker *w, unsigned int round)
{
    struct xen_domctl_createdomain c = { .max_vcpus = 1 };
    xen_pfn_t gfns[64], big = 4096 + round * 512;
    xc_domaininfo_t info;
    uint32_t domid = 0;
    unsigned int i;

    for ( i = 0; i < 64; i++ )
        gfns[i] = 1024 + i * 3;
    if ( xc_domain_create(dc_xch, &domid, &c) ||
         xc_domain_setmaxmem(dc_xch, domid, 1024 * 4) ||
         (round & 1 && xc_domain_claim_pages(dc_xch, domid, 600)) ||
         xc_domain_populate_physmap_exact(dc_xch, domid, 64, 0, 0, gfns) ||
         xc_domain_populate_physmap_exact(dc_xch, domid, 1, 9, 0, &big) ||
         xc_domain_getinfo_single(dc_xch, domid, &info) ||
         info.tot_pages != 64 + 512 || xc_domain_destroy(dc_xch, domid) )
    {
        snprintf(w->error, sizeof(w->error), "round %u, d%u: errno %d",
                 round, domid, errno);
        if ( domid )
            xc_domain_destroy(dc_xch, domid);
        return false;
    }
    return true;
}

void *dc_worker_main(void *worker)
{
    struct dc_worker *w = worker;

    while ( w->done < DC_ROUNDS_PER_WORKER && worker_round(w, w->done) )
        w->done++;
    return NULL;
}

void *dc_destroy_racer(void *arg)
{
    struct dc_double_destroy *dd = arg;
    unsigned int me = pthread_barrier_wait(&dd->start) ==
                      PTHREAD_BARRIER_SERIAL_THREAD;

    dd->rc[me] = xc_domain_destroy(dc_xch, dd->domid);
    dd->err[me] = errno;
    return NULL;
}

