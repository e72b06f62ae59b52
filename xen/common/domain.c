/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Domains: creation, lookup with references, and killing.
 *
 * The domain table maps every domid to its struct domain while the
 * domain is alive or dying; it holds one reference.  Killing is staged
 * so that it can be preempted and so that no memory operation races the
 * teardown: the domain is marked dying (new memory ops refuse to start),
 * waits for in-flight ones (d->mem_users) to leave, drops its claim,
 * unmaps and frees its p2m, then frees its frames in batches.  When all
 * frames are gone it leaves the table and is freed with its last
 * reference.
 *
 * Lock order: domlist_lock -> d->page_alloc_lock -> heap_lock.
 */

#include <xen/errno.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/p2m.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/tmem.h>

#define RELINQUISH_BATCH        256

DEFINE_SPINLOCK(domlist_lock);

/* Protected by domlist_lock. */
static struct domain *domain_table[CONFIG_MAX_DOMID];
static domid_t domid_rover;

struct domain *hardware_domain;

bool get_domain(struct domain *d)
{
    int old = atomic_read(&d->refcnt), seen;

    for ( ;; )
    {
        if ( old <= 0 )
            return false;
        seen = atomic_cmpxchg(&d->refcnt, old, old + 1);
        if ( seen == old )
            return true;
        old = seen;
    }
}

/* Last reference gone: free vCPUs and the structure itself. */
static void domain_free(struct domain *d)
{
    unsigned int i;

    ASSERT(d->state == DOMSTATE_dead);
    for ( i = 0; i < ARRAY_SIZE(d->vcpu); i++ )
        if ( d->vcpu[i] )
            free_xenheap_page(d->vcpu[i]);
    free_xenheap_page(d);
}

void put_domain(struct domain *d)
{
    if ( atomic_dec_and_test(&d->refcnt) )
        domain_free(d);
}

struct domain *get_domain_by_id(domid_t domid)
{
    struct domain *d = NULL;

    if ( domid >= CONFIG_MAX_DOMID )
        return NULL;
    spin_lock(&domlist_lock);
    d = domain_table[domid];
    if ( d && !get_domain(d) )
        d = NULL;
    spin_unlock(&domlist_lock);
    return d;
}

int domain_lookup_target(domid_t domid, struct domain **dp)
{
    struct domain *cd = current->domain, *d;

    if ( domid == DOMID_SELF || domid == cd->domain_id )
    {
        if ( !get_domain(cd) )
            return -ESRCH;
        *dp = cd;
        return 0;
    }
    d = get_domain_by_id(domid);
    if ( !d )
        return -ESRCH;
    if ( !is_control_domain(cd) )
    {
        put_domain(d);
        return -EPERM;
    }
    *dp = d;
    return 0;
}

/* Pick a free domid after the rover.  Caller holds domlist_lock. */
static domid_t domid_alloc(void)
{
    unsigned int i;

    for ( i = 1; i < CONFIG_MAX_DOMID; i++ )
    {
        domid_t id = (domid_t)((domid_rover + i) % CONFIG_MAX_DOMID);

        if ( id && !domain_table[id] )
        {
            domid_rover = id;
            return id;
        }
    }
    return DOMID_INVALID;
}

/* Allocate and initialise a domain structure (not yet in the table). */
static struct domain *domain_alloc(uint32_t flags, unsigned int max_vcpus,
                                   bool privileged, int *err)
{
    struct domain *d;

    BUILD_BUG_ON(sizeof(*d) > PAGE_SIZE);
    d = alloc_xenheap_page();
    if ( !d )
    {
        *err = -ENOMEM;
        return NULL;
    }
    memset(d, 0, sizeof(*d));
    spin_lock_init(&d->page_alloc_lock);
    spin_lock_init(&d->vcpu_lock);
    spin_lock_init(&d->vcpu_op_lock);
    spin_lock_init(&d->kill_lock);
    INIT_LIST_HEAD(&d->page_list);
    atomic_set(&d->refcnt, 2);          /* the table's and the caller's */
    d->create_flags = flags;
    d->max_vcpus = max_vcpus;
    d->is_privileged = privileged;
    d->is_paused = true;                /* built paused, as Xen's */
    d->controller_pause_count = 1;
    d->state = DOMSTATE_alive;
    *err = p2m_init(d);
    if ( *err )
    {
        free_xenheap_page(d);
        return NULL;
    }
    return d;
}

struct domain *domain_create(domid_t domid, uint32_t flags,
                             unsigned int max_vcpus, bool privileged,
                             int *err)
{
    struct domain *d;

    if ( max_vcpus < 1 || max_vcpus > MAX_VIRT_CPUS ||
         (domid != DOMID_INVALID && domid >= CONFIG_MAX_DOMID) )
    {
        *err = -EINVAL;
        return NULL;
    }
    d = domain_alloc(flags, max_vcpus, privileged, err);
    if ( !d )
        return NULL;

    spin_lock(&domlist_lock);
    if ( domid == DOMID_INVALID )
        domid = domid_alloc();
    if ( domid == DOMID_INVALID || domain_table[domid] )
    {
        spin_unlock(&domlist_lock);
        *err = domid == DOMID_INVALID ? -ENOSPC : -EEXIST;
        p2m_teardown(d);
        free_xenheap_page(d);
        return NULL;
    }
    d->domain_id = domid;
    domain_table[domid] = d;
    spin_unlock(&domlist_lock);
    *err = 0;
    return d;
}

bool domain_mem_enter(struct domain *d)
{
    atomic_inc(&d->mem_users);
    smp_mb();               /* pairs with the barrier in domain_kill() */
    if ( domain_is_dying(d) )
    {
        atomic_dec(&d->mem_users);
        return false;
    }
    return true;
}

void domain_mem_exit(struct domain *d)
{
    atomic_dec(&d->mem_users);
}

/* Free up to a batch of d's frames.  Returns true when none are left. */
static bool relinquish_batch(struct domain *d)
{
    unsigned int i;

    for ( i = 0; i < RELINQUISH_BATCH; i++ )
    {
        struct page_info *pg = NULL;

        spin_lock(&d->page_alloc_lock);
        if ( !list_empty(&d->page_list) )
            pg = list_first_entry(&d->page_list, struct page_info, list);
        spin_unlock(&d->page_alloc_lock);
        if ( !pg )
            return true;
        free_domheap_page(pg);
    }
    return false;
}

/*
 * One leg of a kill.  Returns -ERESTART to be called again, 0 when done.
 * Caller holds d->kill_lock, so concurrent destroys of one domain take
 * turns instead of freeing the same frames twice.
 */
static int domain_kill_leg(struct domain *d)
{
    ASSERT(spin_is_locked(&d->kill_lock));
    spin_lock(&domlist_lock);
    if ( d->state == DOMSTATE_dead )
    {
        spin_unlock(&domlist_lock);
        return 0;
    }
    d->state = DOMSTATE_dying;
    spin_unlock(&domlist_lock);
    smp_mb();               /* dying is visible before we read mem_users */

    /* Release the claim first: nobody may build into it any more. */
    domain_cancel_claim(d);

    if ( atomic_read(&d->mem_users) )
        return -ERESTART;

    tmem_destroy(d);
    arch_domain_destroy(d);
    p2m_teardown(d);
    while ( !relinquish_batch(d) )
        if ( hypercall_preempt_check() )
            return -ERESTART;

    spin_lock(&domlist_lock);
    d->state = DOMSTATE_dead;
    domain_table[d->domain_id] = NULL;
    spin_unlock(&domlist_lock);
    put_domain(d);                      /* the table's reference */
    return 0;
}

int domain_kill(struct domain *d)
{
    int rc;

    spin_lock(&d->kill_lock);
    rc = domain_kill_leg(d);
    spin_unlock(&d->kill_lock);
    return rc;
}

void domain_set_max_pages(struct domain *d, uint64_t pages)
{
    spin_lock(&d->page_alloc_lock);
    d->max_pages = pages > ULONG_MAX ? ULONG_MAX : (unsigned long)pages;
    spin_unlock(&d->page_alloc_lock);
}

/*
 * Attach a vCPU to d in slot id, or in the first free slot when id is
 * ANY_VCPU.  Takes a domain reference for the vCPU.  NULL if the slot is
 * taken or out of range, d has no free slot, d is going, or -ENOMEM.
 */
#define ANY_VCPU                UINT_MAX

static struct vcpu *vcpu_alloc(struct domain *d, unsigned int id)
{
    struct vcpu *v = NULL;
    unsigned int i = id;

    BUILD_BUG_ON(sizeof(*v) > PAGE_SIZE);
    if ( !get_domain(d) )
        return NULL;
    spin_lock(&d->vcpu_lock);
    if ( id == ANY_VCPU )
        for ( i = 0; i < d->max_vcpus && d->vcpu[i]; i++ )
            continue;
    if ( i < d->max_vcpus && !d->vcpu[i] &&
         (v = alloc_xenheap_page()) != NULL )
    {
        memset(v, 0, sizeof(*v));
        v->vcpu_id = i;
        v->domain = d;
        d->vcpu[i] = v;
    }
    spin_unlock(&d->vcpu_lock);
    if ( !v )
        put_domain(d);
    return v;
}

struct vcpu *vcpu_create(struct domain *d)
{
    return vcpu_alloc(d, ANY_VCPU);
}

struct vcpu *vcpu_create_id(struct domain *d, unsigned int id)
{
    return id == ANY_VCPU ? NULL : vcpu_alloc(d, id);
}

void vcpu_destroy(struct vcpu *v)
{
    struct domain *d = v->domain;

    spin_lock(&d->vcpu_lock);
    d->vcpu[v->vcpu_id] = NULL;
    spin_unlock(&d->vcpu_lock);
    free_xenheap_page(v);
    put_domain(d);
}

void for_each_domain(void (*fn)(struct domain *d, void *arg), void *arg)
{
    unsigned int i;

    ASSERT(spin_is_locked(&domlist_lock));
    for ( i = 0; i < CONFIG_MAX_DOMID; i++ )
        if ( domain_table[i] )
            fn(domain_table[i], arg);
}

void for_each_domain_locked(void (*fn)(struct domain *d, void *arg),
                            void *arg)
{
    spin_lock(&domlist_lock);
    for_each_domain(fn, arg);
    spin_unlock(&domlist_lock);
}

void domain_subsys_init(void)
{
    domid_rover = 0;
    tmem_init();
}
