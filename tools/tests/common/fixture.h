/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For hypervisor-side test fixtures (tools/tests/<dir>/<name>-fixture.c,
 * built with the hypervisor's flags): a check that records where and why it
 * failed in the fixture's message buffer and jumps to its 'fail' label.
 * A fixture function returns NULL on success or fixture_msg on failure;
 * the libc-side test reports it with fail("%s", ...).
 */
#ifndef TOOLS_TESTS_FIXTURE_H
#define TOOLS_TESTS_FIXTURE_H

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

static char fixture_msg[256];

#define CHECK(cond, ...) do {                                           \
    if ( !(cond) )                                                      \
    {                                                                   \
        int n_ = snprintf(fixture_msg, sizeof(fixture_msg),            \
                          "line %d: ", __LINE__);                       \
        snprintf(fixture_msg + n_, sizeof(fixture_msg) - n_,            \
                 __VA_ARGS__);                                          \
        goto fail;                                                      \
    }                                                                   \
} while ( 0 )

/* A scratch domU with one vCPU and max_pages, or NULL. */
static inline struct domain *fixture_domain(unsigned long max_pages)
{
    int err;
    struct domain *d = domain_create(DOMID_INVALID, 0, 1, false, &err);

    if ( d )
        domain_set_max_pages(d, max_pages);
    return d;
}

/* Destroy d completely (continuations run to the end); NULL is fine. */
static inline void fixture_kill(struct domain *d)
{
    if ( !d )
        return;
    while ( domain_kill(d) == -ERESTART )
        continue;
    put_domain(d);
}

/* Does frame pg hold only zeros? */
static inline bool fixture_page_is_zero(const struct page_info *pg)
{
    const uint64_t *p = page_to_virt(pg);
    unsigned int i;

    for ( i = 0; i < PAGE_SIZE / sizeof(*p); i++ )
        if ( p[i] )
            return false;
    return true;
}

#endif /* TOOLS_TESTS_FIXTURE_H */
