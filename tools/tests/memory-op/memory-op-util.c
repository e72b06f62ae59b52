/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-side helpers of test-memory-op (see memory-op-util.h).  The raw
 * calls go through hosted_hypercall() with arguments in buffers from
 * hosted_buf_alloc(), so every field reaches the hypervisor exactly as
 * written; domain set-up and inspection go through libxenctrl.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hosted-api.h"
#include "memory-op-fixture.h"
#include "memory-op-util.h"

xc_interface *mo_xch;

int mo_set_max_pages(uint32_t domid, unsigned long max_pages)
{
    uint64_t kb = max_pages == MO_NO_LIMIT ? ~0ULL
                                           : (uint64_t)max_pages << 2;

    return xc_domain_setmaxmem(mo_xch, domid, kb) ? -errno : 0;
}

int mo_domain_create(uint32_t domid, unsigned long max_pages,
                     unsigned long nr_pages, uint32_t *out)
{
    struct xen_domctl_createdomain config = { .max_vcpus = 4 };
    xen_pfn_t *gfns = NULL;
    unsigned long i;
    int rc;

    if ( xc_domain_create(mo_xch, &domid, &config) )
        return -errno;
    rc = mo_set_max_pages(domid, max_pages);
    if ( !rc && nr_pages )
    {
        gfns = calloc(nr_pages, sizeof(*gfns));
        if ( !gfns )
            rc = -ENOMEM;
        for ( i = 0; gfns && i < nr_pages; i++ )
            gfns[i] = i;
        if ( gfns && xc_domain_populate_physmap_exact(mo_xch, domid,
                                                      nr_pages, 0, 0, gfns) )
            rc = -errno;
        free(gfns);
    }
    if ( rc )
        xc_domain_destroy(mo_xch, domid);
    else
        *out = domid;
    return rc;
}

int mo_domain_destroy(uint32_t domid)
{
    return xc_domain_destroy(mo_xch, domid) ? -errno : 0;
}

int mo_domain_info(uint32_t domid, xc_domaininfo_t *info)
{
    return xc_domain_getinfo_single(mo_xch, domid, info) ? -errno : 0;
}

long mo_tot_pages(uint32_t domid)
{
    xc_domaininfo_t info;
    int rc = mo_domain_info(domid, &info);

    return rc ? rc : (long)info.tot_pages;
}

long mo_outstanding(uint32_t domid)
{
    xc_domaininfo_t info;
    int rc = mo_domain_info(domid, &info);

    return rc ? rc : (long)info.outstanding_pages;
}

int mo_physinfo(xc_physinfo_t *pi)
{
    memset(pi, 0, sizeof(*pi));
    return xc_physinfo(mo_xch, pi) ? -errno : 0;
}

long mo_memop(unsigned long cmd, const void *arg, size_t len)
{
    uint64_t gva = 0;
    long rc;

    if ( len )
    {
        gva = hosted_buf_alloc(len);
        if ( !gva || hosted_buf_write(gva, arg, len) )
            return -ENOMEM;
    }
    rc = hosted_hypercall(__HYPERVISOR_memory_op, cmd, gva, 0, 0, 0);
    if ( gva )
        hosted_buf_free(gva, len);
    return rc;
}

void mo_set_extents(struct xen_memory_reservation *r, uint64_t gva)
{
    set_xen_guest_handle_raw(r->extent_start, (void *)(uintptr_t)gva);
}

long mo_reservation(unsigned long cmd, uint16_t domid,
                    const xen_pfn_t *list, unsigned long nr_list,
                    unsigned long nr_extents, unsigned int extent_order,
                    unsigned int mem_flags)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr_extents,
        .extent_order = extent_order,
        .mem_flags = mem_flags,
        .domid = domid,
    };
    size_t bytes = nr_list * sizeof(*list);
    uint64_t gva = 0;
    long rc;

    if ( list && nr_list )
    {
        gva = hosted_buf_alloc(bytes);
        if ( !gva || hosted_buf_write(gva, list, bytes) )
            return -ENOMEM;
    }
    mo_set_extents(&r, gva);
    rc = mo_memop(cmd, &r, sizeof(r));
    if ( gva )
        hosted_buf_free(gva, bytes);
    return rc;
}

long mo_resv(unsigned long cmd, uint16_t domid, const xen_pfn_t *list,
             unsigned long nr, unsigned int order, unsigned int flags)
{
    return mo_reservation(cmd, domid, list, nr, nr, order, flags);
}

long mo_resv_at(unsigned int op, uint32_t domid, uint64_t gva,
                unsigned long nr)
{
    struct xen_memory_reservation r = { .nr_extents = nr, .domid = domid };

    mo_set_extents(&r, gva);
    return mo_memop(op, &r, sizeof(r));
}

long mo_populate_at(uint32_t domid, uint64_t gva, unsigned long nr)
{
    return mo_resv_at(XENMEM_populate_physmap, domid, gva, nr);
}

long mo_query(unsigned int op, uint16_t domid)
{
    return mo_memop(op, &domid, sizeof(domid));
}

long mo_claim_raw(unsigned long cmd, uint64_t extents, uint64_t nr,
                  unsigned int order, unsigned int flags, uint16_t domid)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr, .extent_order = order, .mem_flags = flags,
        .domid = domid,
    };

    mo_set_extents(&r, extents);
    return mo_memop(cmd, &r, sizeof(r));
}

long mo_claim(uint16_t domid, uint64_t nr)
{
    return mo_claim_raw(XENMEM_claim_pages, 0, nr, 0, 0, domid);
}

long mo_outstanding_all(void)
{
    xc_physinfo_t pi;

    return mo_physinfo(&pi) ? -1 : (long)pi.outstanding_pages;
}

void mo_gfn_range(xen_pfn_t *gfns, unsigned int n, xen_pfn_t first,
                  xen_pfn_t step)
{
    unsigned int i;

    for ( i = 0; i < n; i++ )
        gfns[i] = first + i * step;
}

unsigned long mo_nr_mapped(uint32_t domid, unsigned long gfn,
                           unsigned long n)
{
    unsigned long i, mapped = 0;

    for ( i = 0; i < n; i++ )
        mapped += mof_p2m_lookup(domid, gfn + i) != MOF_NO_MFN;
    return mapped;
}

bool mo_extent_contiguous(uint32_t domid, unsigned long gfn,
                          unsigned int order)
{
    unsigned long base = mof_p2m_lookup(domid, gfn), i;

    if ( base == MOF_NO_MFN || (base & ((1UL << order) - 1)) )
        return false;
    for ( i = 1; i < (1UL << order); i++ )
        if ( mof_p2m_lookup(domid, gfn + i) != base + i )
            return false;
    return true;
}

unsigned int mo_nr_on_node(uint32_t domid, unsigned long gfn,
                           unsigned int n, int node)
{
    unsigned int i, on = 0;

    for ( i = 0; i < n; i++ )
        on += mof_frame_node(mof_p2m_lookup(domid, gfn + i)) == node;
    return on;
}

static void *domain_thread(void *p)
{
    struct mo_thread *t = p;

    t->rc = hosted_vcpu_attach(t->domid);
    if ( !t->rc )
        t->rc = hosted_buf_setup(0, MO_DOMU_BUF_PAGES);
    if ( !t->rc )
        t->fn(t->arg);
    /* The vCPU goes away with the thread. */
    return NULL;
}

int mo_thread_start(struct mo_thread *t)
{
    t->rc = 0;
    return pthread_create(&t->thread, NULL, domain_thread, t) ? -EAGAIN : 0;
}

int mo_thread_join(struct mo_thread *t)
{
    pthread_join(t->thread, NULL);
    return t->rc;
}

int mo_as_domain(uint32_t domid, void (*fn)(void *), void *arg)
{
    struct mo_thread t = { .domid = domid, .fn = fn, .arg = arg };
    int rc = mo_thread_start(&t);

    return rc ? rc : mo_thread_join(&t);
}

void mo_churn_domu(void *arg)
{
    struct mo_churn *c = arg;
    xen_pfn_t gfn = 100;

    for ( ; ; gfn = 100 + (gfn + 1) % 64 )
    {
        long rc = mo_resv(XENMEM_populate_physmap, DOMID_SELF, &gfn, 1, 0,
                          0);

        c->started = true;
        if ( rc != 1 ||
             mo_resv(XENMEM_decrease_reservation, DOMID_SELF, &gfn, 1, 0,
                     0) != 1 )
            break;
        c->rounds++;
    }
}

void mo_scramble_domu(void *arg)
{
    unsigned int seed = *(unsigned int *)arg, i;
    xen_pfn_t gfn;

    for ( i = 0; i < 2000; i++ )
    {
        seed = seed * 1103515245 + 12345;
        gfn = 100 + (seed >> 16) % 8;
        mo_resv((seed >> 8) & 1 ? XENMEM_populate_physmap
                                : XENMEM_decrease_reservation,
                DOMID_SELF, &gfn, 1, 0, 0);
    }
}
