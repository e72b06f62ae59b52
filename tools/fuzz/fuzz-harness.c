/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzz harness (see fuzz-harness.h): input decoding helpers, the
 * acting domains and their vCPU threads, and the per-input set-up,
 * teardown and invariant checks.
 *
 * The hypervisor boots once per process (mem=128M, dom0_mem=8M, tmem
 * on, console quiet, plus $FUZZ_EXTRA_CMDLINE: e.g. "tmem_compress
 * tmem_tze tmem_dedup" to fuzz tmem's data options).  What persists between inputs is only what the
 * teardown cannot reach through the ABI and does not reset by hand:
 * the heap's layout (which frames are free where), xmalloc's slabs,
 * dom0's p2m nodes, the per-CPU page caches, domid allocation's rover,
 * the console rate limiter and tmem's operation counters.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-fixture.h"
#include "fuzz-harness.h"
#include "hosted-api.h"

#define BOOT_CMDLINE    "mem=128M dom0_mem=8M tmem loglvl=none/none " \
                        "guest_loglvl=none/none"
#define GUEST_BASE      0x40000000UL    /* asm/config.h GUEST_LINEAR_BASE */
#define LEAK_SLACK      64              /* frames: slabs, caches */
#define MAX_DOMAINS     64

/* --- Input ---------------------------------------------------------- */

uint8_t fz_u8(struct fz_input *in)
{
    uint8_t v = 0;

    if ( in->n )
    {
        v = *in->p++;
        in->n--;
    }
    return v;
}

uint16_t fz_u16(struct fz_input *in)
{
    return fz_u8(in) | (uint16_t)fz_u8(in) << 8;
}

uint32_t fz_u32(struct fz_input *in)
{
    return fz_u16(in) | (uint32_t)fz_u16(in) << 16;
}

uint64_t fz_u64(struct fz_input *in)
{
    return fz_u32(in) | (uint64_t)fz_u32(in) << 32;
}

bool fz_more(const struct fz_input *in)
{
    return in->n != 0;
}

uint64_t fz_num(struct fz_input *in, uint64_t small)
{
    static const uint64_t edges[] = {
        0, 1, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000UL,
        0xffffffffUL, 0x100000000UL, 0x3ffffffUL, 0x4000000UL,
        (1UL << 58) - 1, 0x7fffffffffffffffUL, ~0UL, ~0UL - 1,
    };
    uint8_t sel = fz_u8(in);

    if ( sel < 160 )
        return small ? fz_u8(in) % small : 0;
    if ( sel < 200 )
        return edges[fz_u8(in) % 16];
    if ( sel < 230 )
        return fz_u16(in);
    return fz_u64(in);
}

/* --- Actors --------------------------------------------------------- */

/*
 * A worker is a thread attached as a vCPU of a domU.  The main thread
 * hands it one command at a time (attach, call, detach) and waits.
 */
enum cmd { CMD_NONE, CMD_ATTACH, CMD_CALL, CMD_DETACH };

struct worker {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cv;
    enum cmd cmd;
    unsigned int domid;
    struct fz_call *call;
    long rc;
    bool started;
};

static struct worker workers[FZ_NR_ACTORS];
static uint64_t scratch[FZ_NR_ACTORS];     /* buffer gva; 0: none */
static unsigned long dom0_pages;
static xc_interface *xch;
static unsigned int nr_domus;
static unsigned long inuse_baseline;
static bool have_baseline;

static void fatal(const char *what, long rc)
{
    fprintf(stderr, "fuzz: invariant violated: %s (%ld)\n", what, rc);
    abort();
}

/* Write each block, inject a fault, make the call: on the actor. */
static long issue_here(struct fz_call *c)
{
    unsigned int i;
    long rc;

    for ( i = 0; i < c->nr_w; i++ )
        (void)hosted_buf_write(c->w[i].gva, c->w[i].data, c->w[i].len);
    hosted_inject_copy_fault(c->fault_nth);
    rc = hosted_hypercall(c->op, c->a[0], c->a[1], c->a[2], c->a[3],
                          c->a[4]);
    hosted_inject_copy_fault(0);
    return rc;
}

/* Attach as a vCPU of domid with buffers in gfns [0, FZ_BUF_PAGES). */
static long attach_here(unsigned int domid, enum fz_actor a)
{
    long rc = hosted_vcpu_attach(domid);

    if ( !rc )
        rc = hosted_buf_setup(0, FZ_BUF_PAGES);
    if ( !rc )
    {
        scratch[a] = hosted_buf_alloc(FZ_SCRATCH * FZ_PAGE);
        rc = scratch[a] ? 0 : -1;
    }
    return rc;
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    enum fz_actor a = (enum fz_actor)(w - workers);

    pthread_mutex_lock(&w->lock);
    for ( ; ; )
    {
        while ( w->cmd == CMD_NONE )
            pthread_cond_wait(&w->cv, &w->lock);
        switch ( w->cmd )
        {
        case CMD_ATTACH:
            w->rc = attach_here(w->domid, a);
            break;
        case CMD_CALL:
            w->rc = issue_here(w->call);
            break;
        default:
            hosted_vcpu_detach();
            w->rc = 0;
            break;
        }
        w->cmd = CMD_NONE;
        pthread_cond_broadcast(&w->cv);
    }
    return NULL;
}

/* Run one command on worker a and wait for its result. */
static long worker_do(enum fz_actor a, enum cmd cmd, struct fz_call *c)
{
    struct worker *w = &workers[a];
    long rc;

    if ( !w->started )
    {
        pthread_mutex_init(&w->lock, NULL);
        pthread_cond_init(&w->cv, NULL);
        if ( pthread_create(&w->thread, NULL, worker_main, w) )
            fatal("cannot start a worker thread", -1);
        w->started = true;
    }
    pthread_mutex_lock(&w->lock);
    w->domid = a == FZ_DOMA ? FZ_DOMID_A : FZ_DOMID_B;
    w->call = c;
    w->cmd = cmd;
    pthread_cond_broadcast(&w->cv);
    while ( w->cmd != CMD_NONE )
        pthread_cond_wait(&w->cv, &w->lock);
    rc = w->rc;
    pthread_mutex_unlock(&w->lock);
    return rc;
}

long fz_issue(struct fz_call *c)
{
    static int trace = -1;
    long rc;

    if ( trace < 0 )
        trace = getenv("FUZZ_TRACE") != NULL;
    if ( c->actor == FZ_DOM0 )
        rc = issue_here(c);
    else if ( (unsigned int)c->actor > nr_domus )
        rc = -1;
    else
        rc = worker_do(c->actor, CMD_CALL, c);
    if ( trace )                        /* FUZZ_TRACE=1: one line a call */
        fprintf(stderr, "fuzz: %s op %u (%#lx, %#lx, %#lx) fault %u -> "
                "%ld\n", c->actor == FZ_DOM0 ? "d0" :
                c->actor == FZ_DOMA ? "d1" : "d2", c->op, c->a[0],
                c->a[1], c->a[2], c->fault_nth, rc);
    return rc;
}

enum fz_actor fz_actor(struct fz_input *in, unsigned int nr)
{
    return (enum fz_actor)(fz_u8(in) % (nr ? nr : 1));
}

uint64_t fz_arg_gva(enum fz_actor a)
{
    return scratch[a];
}

uint64_t fz_array_gva(enum fz_actor a)
{
    return scratch[a] + FZ_PAGE;
}

uint64_t fz_pointer(struct fz_input *in, enum fz_actor a, uint64_t good)
{
    unsigned long pages = a == FZ_DOM0 ? dom0_pages : FZ_DOMU_PAGES;
    uint8_t sel = fz_u8(in);

    if ( sel < 200 )
        return good;
    switch ( sel % 7 )
    {
    case 0:
        return 0;
    case 1:                             /* the last bytes of its memory */
        return GUEST_BASE + pages * FZ_PAGE - 1 - fz_u8(in) % 64;
    case 2:                             /* an unpopulated gfn */
        return GUEST_BASE + (pages + fz_u16(in)) * FZ_PAGE;
    case 3:                             /* below the guest's base */
        return fz_u32(in) % GUEST_BASE;
    case 4:                             /* misaligned */
        return good + 1 + fz_u8(in) % 63;
    case 5:                             /* another gfn of its own */
        return GUEST_BASE + (fz_u8(in) % pages) * FZ_PAGE;
    default:
        return fz_u64(in);
    }
}

uint16_t fz_domid(struct fz_input *in)
{
    static const uint16_t ids[] = {
        0x7ff0 /* SELF */, 0, FZ_DOMID_A, FZ_DOMID_B, 3, 4,
        0x7ff1 /* IO */, 0x7ff2 /* XEN */, 0x7ff3 /* COW */,
        0x7ff4 /* INVALID, ANY */, 0x7fff /* IDLE */, 0x7fef, 0xffff,
    };
    uint8_t sel = fz_u8(in);

    if ( sel < 240 )
        return ids[sel % (sizeof(ids) / sizeof(ids[0]))];
    return fz_u16(in);
}

void fz_call_init(struct fz_call *c, struct fz_input *in, enum fz_actor a,
                  unsigned int op)
{
    uint8_t f = fz_u8(in);

    c->actor = a;
    c->op = op;
    memset(c->a, 0, sizeof(c->a));
    c->nr_w = 0;
    c->fault_nth = f >= 244 ? f - 243u : 0;     /* 1..12, 1 in 21 */
}

void fz_call_write(struct fz_call *c, uint64_t gva, const void *data,
                   size_t len)
{
    if ( c->nr_w >= FZ_MAX_WRITES || len > FZ_MAX_DATA )
        abort();                        /* a harness bug */
    c->w[c->nr_w].gva = gva;
    c->w[c->nr_w].len = len;
    memcpy(c->w[c->nr_w].data, data, len);
    c->nr_w++;
}

/* --- Per input ------------------------------------------------------ */

/* Boot once, remember dom0 and give the main thread its buffers. */
static void boot_once(void)
{
    static char cmdline[512];
    const char *extra = getenv("FUZZ_EXTRA_CMDLINE");
    long rc;

    if ( xch )
        return;
    snprintf(cmdline, sizeof(cmdline), "%s %s", BOOT_CMDLINE,
             extra ? extra : "");
    rc = hosted_boot(cmdline);
    if ( rc )
        fatal("boot", rc);
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch )
        fatal("xc_interface_open", -1);
    dom0_pages = fzf_dom0_snapshot();
    scratch[FZ_DOM0] = hosted_buf_alloc(FZ_SCRATCH * FZ_PAGE);
    if ( !scratch[FZ_DOM0] )
        fatal("dom0 buffers", -1);
}

/* Create domU domid with FZ_DOMU_PAGES populated gfns. */
static void domu_create(uint32_t domid)
{
    struct xen_domctl_createdomain config = { .max_vcpus = 4 };
    static xen_pfn_t gfns[FZ_DOMU_PAGES];
    unsigned int i;

    for ( i = 0; i < FZ_DOMU_PAGES; i++ )
        gfns[i] = i;
    if ( xc_domain_create(xch, &domid, &config) )
        fatal("create a domU", domid);
    if ( xc_domain_setmaxmem(xch, domid, FZ_DOMU_MAX * 4) ||
         xc_domain_populate_physmap_exact(xch, domid, FZ_DOMU_PAGES, 0, 0,
                                          gfns) )
        fatal("populate a domU", domid);
}

void fz_begin(struct fz_input *in, unsigned int nr)
{
    static const unsigned int rates[8] = { 0, 0, 0, 0, 1, 2, 3, 17 };
    unsigned int i;

    boot_once();
    nr_domus = nr > 2 ? 2 : nr;
    for ( i = 0; i < nr_domus; i++ )
    {
        domu_create(FZ_DOMID_A + i);
        if ( worker_do(FZ_DOMA + i, CMD_ATTACH, NULL) )
            fatal("attach a worker", FZ_DOMID_A + i);
    }
    hosted_force_preempt(rates[fz_u8(in) % 8]);
}

/* Destroy every domain but dom0: all must go. */
static void destroy_domains(void)
{
    unsigned int ids[MAX_DOMAINS], n, i;

    n = fzf_domains(ids, MAX_DOMAINS);
    for ( i = 0; i < n && i < MAX_DOMAINS; i++ )
        xc_domain_destroy(xch, ids[i]);
    n = fzf_domains(ids, MAX_DOMAINS);
    if ( n )
        fatal("a domain survived XEN_DOMCTL_destroydomain", ids[0]);
}

/* The checks after an input's teardown. */
static void audit(void)
{
    unsigned long eph, pers, clients, inuse;
    int rc;

    if ( (rc = hosted_heap_audit()) )
        fatal("heap or claims audit", rc);
    if ( fzf_tmem_audit() )
        fatal("tmem counters", -1);
    if ( fzf_xmalloc_audit() )
        fatal("xmalloc audit", -1);
    fzf_tmem_counts(&eph, &pers, &clients);
    if ( eph || pers || clients )
        fatal("tmem pages or clients left after teardown",
              (long)(eph + pers + clients));
    /* Frames in use come back to the first input's figure. */
    inuse = fzf_inuse_pages() - fzf_dom0_p2m_nodes();
    if ( !have_baseline )
    {
        inuse_baseline = inuse;
        have_baseline = true;
    }
    else if ( inuse > inuse_baseline + LEAK_SLACK )
        fatal("frames leaked", (long)(inuse - inuse_baseline));
}

int fz_run(const uint8_t *data, size_t size, unsigned int nr_domus,
           unsigned int max_calls,
           long (*op)(struct fz_input *in, enum fz_actor a))
{
    struct fz_input in = { data, size };
    unsigned int n = 0;

    fz_begin(&in, nr_domus);
    while ( fz_more(&in) && n++ < max_calls )
        op(&in, fz_actor(&in, nr_domus + 1));
    fz_end();
    return 0;
}

void fz_end(void)
{
    unsigned int i;

    hosted_force_preempt(0);
    /* Checked before the teardown too: the state the input left. */
    if ( hosted_heap_audit() )
        fatal("heap or claims audit after the input", -1);
    if ( fzf_tmem_audit() )
        fatal("tmem counters after the input", -1);
    for ( i = 0; i < nr_domus; i++ )
        worker_do(FZ_DOMA + i, CMD_DETACH, NULL);
    nr_domus = 0;
    if ( fzf_dom0_reset() )
        fatal("dom0 reset", -1);
    destroy_domains();
    audit();
}
