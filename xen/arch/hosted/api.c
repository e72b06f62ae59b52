/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hosted arch's API (hosted-api.h), freestanding side: vCPU threads,
 * the hypercall entry with its continuation loop, and hypercall buffers
 * carved out of a domain's own guest memory.
 *
 * Buffers: each domain that makes hypercalls has a window of its gfns
 * set aside for them (dom0: all of its boot memory); a page bitmap under
 * buf_lock hands out runs of pages.  Data moves in and out with the same
 * p2m-translated copies the hypervisor uses, so the hosted transport
 * exercises exactly the path a ring-3 guest's pointers take.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>

#include <asm/config.h>
#include <asm/host.h>
#include <asm/smp.h>

#include "hosted-api.h"

#define BUF_WINDOWS             16
#define BUF_MAX_PAGES           (1UL << 16)     /* 256 MiB per window */
#define BITS_PER_WORD           64

struct buf_window {
    bool in_use;
    domid_t domid;
    unsigned long first_gfn, nr;
    unsigned long hint;                         /* next page to try */
    uint64_t map[BUF_MAX_PAGES / BITS_PER_WORD];
};

extern __thread bool hosted_in_buf_copy;

static DEFINE_SPINLOCK(buf_lock);
static struct buf_window buf_windows[BUF_WINDOWS];   /* buf_lock */

/* CPU indices owned by attached threads (bit n: index n); 0 is shared. */
static uint64_t cpu_ids_owned = 1;
__thread unsigned int hosted_cpu_id;    /* asm/smp.h */

/* --- vCPU threads -------------------------------------------------- */

/* Own the lowest free CPU index, or share index 0 if none is free. */
static void cpu_id_take(void)
{
    uint64_t old = __atomic_load_n(&cpu_ids_owned, __ATOMIC_RELAXED);
    unsigned int id;

    BUILD_BUG_ON(NR_CPUS > 64);
    do {
        id = ~old ? (unsigned int)__builtin_ctzll(~old) : NR_CPUS;
        if ( id >= NR_CPUS )
        {
            hosted_cpu_id = 0;
            return;
        }
    } while ( !__atomic_compare_exchange_n(&cpu_ids_owned, &old,
                                           old | (1ULL << id), false,
                                           __ATOMIC_RELAXED,
                                           __ATOMIC_RELAXED) );
    hosted_cpu_id = id;
}

/* Give this thread's CPU index back (its per-CPU data stays valid). */
static void cpu_id_release(void)
{
    if ( hosted_cpu_id )
        __atomic_fetch_and(&cpu_ids_owned, ~(1ULL << hosted_cpu_id),
                           __ATOMIC_RELAXED);
    hosted_cpu_id = 0;
}

int hosted_vcpu_attach(unsigned int domid)
{
    struct domain *d;
    struct vcpu *v;

    if ( domid >= DOMID_FIRST_RESERVED )
        return -ESRCH;
    d = get_domain_by_id((domid_t)domid);
    if ( !d )
        return -ESRCH;
    v = vcpu_create(d);
    put_domain(d);
    if ( !v )
        return -ENOMEM;
    if ( current )
        hosted_vcpu_detach();
    set_current(v);
    cpu_id_take();
    host_thread_attached();
    return 0;
}

void hosted_vcpu_detach(void)
{
    struct vcpu *v = current;

    if ( !v )
        return;
    set_current(NULL);
    cpu_id_release();
    vcpu_destroy(v);
}

/* Attach to dom0 if this thread is not attached yet. */
static int ensure_attached(void)
{
    return current ? 0 : hosted_vcpu_attach(0);
}

unsigned int hosted_current_domid(void)
{
    if ( ensure_attached() )
        return DOMID_INVALID;
    return current->domain->domain_id;
}

long hosted_hypercall(unsigned int op, unsigned long a1, unsigned long a2,
                      unsigned long a3, unsigned long a4, unsigned long a5)
{
    unsigned long args[5] = { a1, a2, a3, a4, a5 };
    struct vcpu *v;
    long rc;

    if ( ensure_attached() )
        return -ENOMEM;
    v = current;
    rc = hypercall_dispatch(op, args);
    while ( v->cont.pending )
    {
        /* A real guest would take an interrupt here; let others run. */
        host_yield();
        op = v->cont.op;
        memcpy(args, v->cont.args, sizeof(args));
        rc = hypercall_dispatch(op, args);
    }
    return rc;
}

int hosted_heap_audit(void)
{
    int rc = heap_audit();

    return rc ? rc : claims_audit();
}

/* --- Hypercall buffers --------------------------------------------- */

/* The window of the current domain, or NULL.  Caller holds buf_lock. */
static struct buf_window *buf_window_of(domid_t domid)
{
    unsigned int i;

    for ( i = 0; i < BUF_WINDOWS; i++ )
        if ( buf_windows[i].in_use && buf_windows[i].domid == domid )
            return &buf_windows[i];
    return NULL;
}

/*
 * Install a window for domid, replacing its old one.  Windows of domains
 * that no longer exist are reclaimed.  Caller holds buf_lock.
 */
static int buf_window_install(domid_t domid, unsigned long first,
                              unsigned long nr)
{
    struct buf_window *w = buf_window_of(domid);
    unsigned int i;

    for ( i = 0; !w && i < BUF_WINDOWS; i++ )
    {
        struct domain *d;

        if ( !buf_windows[i].in_use )
        {
            w = &buf_windows[i];
            break;
        }
        d = get_domain_by_id(buf_windows[i].domid);
        if ( !d )
            w = &buf_windows[i];        /* its domain is gone */
        else
            put_domain(d);
    }
    if ( !w )
        return -ENOSPC;
    memset(w, 0, sizeof(*w));
    w->in_use = true;
    w->domid = domid;
    w->first_gfn = first;
    w->nr = min(nr, BUF_MAX_PAGES);
    return 0;
}

int hosted_buf_setup(uint64_t first_gfn, uint64_t nr)
{
    int rc;

    if ( ensure_attached() || !nr || first_gfn + nr < first_gfn )
        return -EINVAL;
    spin_lock(&buf_lock);
    rc = buf_window_install(current->domain->domain_id, first_gfn, nr);
    spin_unlock(&buf_lock);
    return rc;
}

static bool buf_page_used(const struct buf_window *w, unsigned long i)
{
    return w->map[i / BITS_PER_WORD] & (1ULL << (i % BITS_PER_WORD));
}

static void buf_mark(struct buf_window *w, unsigned long first,
                     unsigned long n, bool used)
{
    unsigned long i;

    for ( i = first; i < first + n; i++ )
    {
        uint64_t bit = 1ULL << (i % BITS_PER_WORD);

        if ( used )
            w->map[i / BITS_PER_WORD] |= bit;
        else
            w->map[i / BITS_PER_WORD] &= ~bit;
    }
}

/* First fit from the hint, wrapping once.  Returns the index or ~0UL. */
static unsigned long buf_find(struct buf_window *w, unsigned long n)
{
    unsigned long tries, start = w->hint, run = 0, i;

    for ( tries = 0; tries < 2 * w->nr; tries++ )
    {
        i = (start + tries) % w->nr;
        if ( i == 0 )
            run = 0;                    /* runs do not wrap */
        if ( buf_page_used(w, i) )
        {
            run = 0;
            continue;
        }
        if ( ++run == n )
            return i + 1 - n;
    }
    return ~0UL;
}

uint64_t hosted_buf_alloc(size_t bytes)
{
    unsigned long n = DIV_ROUND_UP(bytes ? bytes : 1, PAGE_SIZE), idx;
    struct buf_window *w;
    uint64_t gva = 0;

    if ( ensure_attached() )
        return 0;
    spin_lock(&buf_lock);
    w = buf_window_of(current->domain->domain_id);
    if ( !w && current->domain == hardware_domain )
    {
        buf_window_install(0, 0, hardware_domain->tot_pages);
        w = buf_window_of(0);
    }
    if ( w && n <= w->nr && (idx = buf_find(w, n)) != ~0UL )
    {
        buf_mark(w, idx, n, true);
        w->hint = (idx + n) % w->nr;
        gva = GUEST_LINEAR_BASE + ((w->first_gfn + idx) << PAGE_SHIFT);
    }
    spin_unlock(&buf_lock);

    /* Zero it through the p2m, as the caller's own memory. */
    if ( gva && hosted_buf_write(gva, NULL, n << PAGE_SHIFT) )
    {
        hosted_buf_free(gva, bytes);
        gva = 0;
    }
    return gva;
}

void hosted_buf_free(uint64_t gva, size_t bytes)
{
    unsigned long n = DIV_ROUND_UP(bytes ? bytes : 1, PAGE_SIZE), idx;
    struct buf_window *w;

    if ( !current || gva < GUEST_LINEAR_BASE )
        return;
    spin_lock(&buf_lock);
    w = buf_window_of(current->domain->domain_id);
    idx = ((gva - GUEST_LINEAR_BASE) >> PAGE_SHIFT);
    if ( w && idx >= w->first_gfn && idx - w->first_gfn + n <= w->nr )
        buf_mark(w, idx - w->first_gfn, n, false);
    spin_unlock(&buf_lock);
}

/* Copy to the attached domain; src == NULL writes zeros. */
static unsigned long buf_copy_to(uint64_t gva, const void *src, size_t bytes)
{
    static const char zeros[PAGE_SIZE];

    if ( src )
        return copy_to_domain(current->domain, gva, src, bytes);
    while ( bytes )
    {
        size_t n = min(bytes, (size_t)PAGE_SIZE - PAGE_OFFSET(gva));

        if ( copy_to_domain(current->domain, gva, zeros, n) )
            return bytes;
        gva += n;
        bytes -= n;
    }
    return 0;
}

int hosted_buf_write(uint64_t gva, const void *src, size_t bytes)
{
    unsigned long left;

    if ( ensure_attached() )
        return -EFAULT;
    hosted_in_buf_copy = true;
    left = buf_copy_to(gva, src, bytes);
    hosted_in_buf_copy = false;
    return left ? -EFAULT : 0;
}

int hosted_buf_read(void *dst, uint64_t gva, size_t bytes)
{
    unsigned long left;

    if ( ensure_attached() )
        return -EFAULT;
    hosted_in_buf_copy = true;
    left = copy_from_domain(dst, current->domain, gva, bytes);
    hosted_in_buf_copy = false;
    return left ? -EFAULT : 0;
}
