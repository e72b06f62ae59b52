/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Domains and vCPUs (xen/common/domain.c).
 *
 * Lifetime: a domain is created with one reference held by the domain
 * list.  Lookups take a reference (get_domain_by_id) that the caller
 * drops with put_domain().  domain_kill() marks it dying, cancels its
 * claim, frees its memory (preemptibly) and unlinks it; the structure is
 * freed when the last reference goes.
 *
 * Lock order: domlist_lock -> d->page_alloc_lock -> heap_lock;
 *             d->p2m.lock -> heap_lock.
 */
#ifndef XEN_SCHED_H
#define XEN_SCHED_H

#include <xen/atomic.h>
#include <xen/config.h>
#include <xen/list.h>
#include <xen/p2m.h>
#include <xen/spinlock.h>
#include <xen/types.h>

#include <asm/current.h>

#include <public/xen.h>

struct domain;
struct tmem_client;

/* A hypercall that asked to be restarted (hypercall_create_continuation). */
struct hcall_continuation {
    bool pending;
    unsigned int op;
    unsigned long args[5];
};

struct vcpu {
    unsigned int vcpu_id;
    struct domain *domain;
    struct hcall_continuation cont;     /* owned by this vCPU */
    unsigned long preempt_checks;       /* for forced preemption tests */
    void *arch;                         /* arch-private state */
};

enum domain_state {
    DOMSTATE_alive,
    DOMSTATE_dying,         /* kill in progress: memory being released */
    DOMSTATE_dead,          /* memory released, unlinked */
};

struct domain {
    domid_t domain_id;
    bool is_privileged;                 /* control domain (dom0) */
    bool is_paused;                     /* controller_pause_count != 0 */
    uint8_t controller_pause_count;     /* toolstack pauses; domctl only */
    spinlock_t kill_lock;               /* one domain_kill() at a time */
    enum domain_state state;            /* changes under domlist_lock */
    atomic_t refcnt;
    uint32_t create_flags;              /* XEN_DOMCTL_CDF_* */
    uint8_t handle[16];

    /* Memory accounting.  Protected by page_alloc_lock. */
    spinlock_t page_alloc_lock;
    struct list_head page_list;         /* frames this domain owns */
    unsigned long tot_pages;            /* frames counted against max */
    unsigned long extra_pages;          /* owned but not counted */
    unsigned long max_pages;

    /* Claims.  Protected by heap_lock (page_alloc.c). */
    unsigned long outstanding_pages;    /* claimed, not yet allocated */
    unsigned long meta_reserved;        /* metadata frames set aside */
    unsigned int last_alloc_node;

    struct p2m_domain p2m;
    atomic_t mem_users;                 /* memory ops in flight */
    struct tmem_client *tmem;           /* set once, under tmem's lock */

    unsigned int max_vcpus;
    struct vcpu *vcpu[MAX_VIRT_CPUS];   /* protected by vcpu_lock */
    spinlock_t vcpu_lock;
    spinlock_t vcpu_op_lock;            /* one VCPUOP_* at a time */

    struct domain *next_in_list;        /* protected by domlist_lock */

    /* Shutdown (SCHEDOP_shutdown, a fatal guest fault).  kill_lock. */
    bool is_shut_down;                  /* set once, never cleared */
    uint8_t shutdown_code;              /* SHUTDOWN_*, valid when set */

    void *arch;                         /* arch-private state, or NULL */
};

static inline bool domain_is_dying(const struct domain *d)
{
    return READ_ONCE(d->state) != DOMSTATE_alive;
}

static inline bool is_control_domain(const struct domain *d)
{
    return d->is_privileged;
}

static inline bool is_hardware_domain(const struct domain *d)
{
    return d->domain_id == 0;
}

/* --- Lookup and references ----------------------------------------------- */

/* Take a reference on d; fails (false) once its last one has gone. */
bool get_domain(struct domain *d);
void put_domain(struct domain *d);

/* Look up a live or dying domain by id, with a reference.  NULL if none. */
struct domain *get_domain_by_id(domid_t domid);

/*
 * Resolve a guest-supplied domid (DOMID_SELF allowed) to a domain the
 * current vCPU may act on: itself, or any domain if current is a control
 * domain.  On success *dp holds a reference.
 * Returns 0, -ESRCH (no such domain), -EPERM (not permitted).
 */
int domain_lookup_target(domid_t domid, struct domain **dp);

/* --- Lifecycle ------------------------------------------------------------ */

/*
 * Create a domain with id 'domid' (DOMID_INVALID/0 from the toolstack:
 * pick a free id).  The new domain is paused, has no memory and
 * max_pages 0.  Returns it with the caller's reference, or NULL with
 * *err set to -EEXIST, -EINVAL, -ENOMEM or -ENOSPC (no free id).
 */
struct domain *domain_create(domid_t domid, uint32_t flags,
                             unsigned int max_vcpus, bool privileged,
                             int *err);

/*
 * Kill d: mark it dying, cancel its claim, release its memory.  Can be
 * preempted: returns -ERESTART to be called again, 0 when done (the
 * domain is then unlinked and dies with its last reference).
 */
int domain_kill(struct domain *d);

/*
 * Bracket an operation that changes d's memory (populate, decrease, ...).
 * enter fails (false) once d is dying; domain_kill() waits for every
 * operation that entered to leave before it tears the memory down.
 */
bool domain_mem_enter(struct domain *d);
void domain_mem_exit(struct domain *d);

/*
 * Shut d down for 'reason' (SHUTDOWN_*): its vCPUs stop running and the
 * toolstack sees the reason in getdomaininfo.  The first shutdown's
 * reason sticks.  Returns 0, or -EINVAL for a reason above SHUTDOWN_MAX.
 * Takes d->kill_lock.
 */
int domain_shutdown(struct domain *d, unsigned int reason);

/* "poweroff", "crash", ... for a SHUTDOWN_* reason; "unknown" if none. */
const char *shutdown_reason_name(unsigned int reason);

/*
 * Arch hook, called by domain_kill() once no memory operation is in
 * flight and before d's p2m and frames are released: drop the arch's
 * own references to them (page tables, vCPU contexts).  May run more
 * than once for a domain (a kill can be continued): must be idempotent.
 */
void arch_domain_destroy(struct domain *d);

/*
 * Arch hook for SCHEDOP_yield: let another vCPU run before v (the
 * caller's) continues.  Never blocks inside the hypervisor.
 */
void arch_vcpu_yield(struct vcpu *v);

/*
 * Arch hooks behind __HYPERVISOR_vcpu_op (common/vcpu.c), called for
 * the caller's own domain d with id < d->max_vcpus, under
 * d->vcpu_op_lock.  Return codes are VCPUOP_*'s (public/vcpu.h):
 * initialise gives slot id the register state in the guest's struct
 * vcpu_guest_context at ctx (offline); up makes it runnable; down stops
 * v (the caller); is_up answers 1 or 0.
 */
long arch_vcpu_initialise(struct domain *d, unsigned int id,
                          XEN_GUEST_HANDLE_PARAM(void) ctx);
long arch_vcpu_up(struct domain *d, unsigned int id);
long arch_vcpu_down(struct vcpu *v);
long arch_vcpu_is_up(struct domain *d, unsigned int id);

/* Set d->max_pages (pages), clamped.  Xen allows it below tot_pages. */
void domain_set_max_pages(struct domain *d, uint64_t pages);

/* Attach a new vCPU to d.  Returns it or NULL (-ENOMEM / vCPU limit). */
struct vcpu *vcpu_create(struct domain *d);

/* Attach vCPU 'id' to d.  NULL if id is taken, out of range, or -ENOMEM. */
struct vcpu *vcpu_create_id(struct domain *d, unsigned int id);
void vcpu_destroy(struct vcpu *v);

/* Call fn on every domain in the list; caller holds domlist_lock. */
void for_each_domain(void (*fn)(struct domain *d, void *arg), void *arg);

/* Call fn on every domain in the list, taking domlist_lock. */
void for_each_domain_locked(void (*fn)(struct domain *d, void *arg),
                            void *arg);

/* The domain list lock, exposed for the rare walker that needs it. */
extern spinlock_t domlist_lock;

/* Set up domain bookkeeping at boot; creates the idle "domain" holder. */
void domain_subsys_init(void);

/*
 * Build dom0 (domid 0, privileged) with nr_pages of memory at gfns
 * [0, nr_pages).  Boot time.  Returns dom0 or panics.
 */
struct domain *dom0_create(unsigned long nr_pages);
extern struct domain *hardware_domain;

#endif /* XEN_SCHED_H */
