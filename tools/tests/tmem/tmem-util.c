/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test-side helpers of the tmem tests (see tmem-util.h): domains through
 * libxenctrl, guest vCPU threads, raw tmem ops written into hypercall
 * buffers exactly as given, page patterns, LIST parsing, and capture of
 * the hypervisor console.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenctrl.h>

#include "hosted-api.h"
#include "tmem-util.h"

#define GUEST_BASE          0x40000000ULL   /* gfn g at base + g * 4K */
#define PATTERN_TAG         0x746d656d00000000ULL   /* "tmem" */

xc_interface *tu_xch;

/* This thread's struct tmem_op buffer in its domain (0: none yet). */
static __thread uint64_t op_gva;

static void watchdog(int sig)
{
    static const char msg[] =
        "FAIL: watchdog: the test program hung (deadlock?)\n";

    (void)sig;
    if ( write(1, msg, sizeof(msg) - 1) < 0 )
        _exit(2);
    _exit(1);
}

int tu_open(const char *cmdline, unsigned int seconds)
{
    /* TU_EXTRA_CMDLINE (e.g. "tmem_compress tmem_dedup") is appended. */
    const char *extra = getenv("TU_EXTRA_CMDLINE");
    static char line[1024];
    xc_physinfo_t pi;

    signal(SIGALRM, watchdog);
    alarm(seconds);
    snprintf(line, sizeof(line), "%s%s%s", cmdline, extra ? " " : "",
             extra ? extra : "");
    setenv("XEN_HOSTED_CMDLINE", line, 1);
    tu_xch = xc_interface_open(NULL, NULL, 0);
    if ( !tu_xch )
        return -1;
    memset(&pi, 0, sizeof(pi));
    return xc_physinfo(tu_xch, &pi) ? -1 : 0;
}

/* --- domains -------------------------------------------------------------- */

static void setup_buffers(void *arg)
{
    int *rc = arg;

    *rc = hosted_buf_setup(0, TU_BUF_PAGES);
}

int tu_domain_create(uint32_t domid, unsigned long nr_pages,
                     unsigned long max_pages)
{
    struct xen_domctl_createdomain cfg = { .max_vcpus = 8 };
    xen_pfn_t *gfns;
    unsigned long i;
    int rc = 0, brc = -EINVAL;

    if ( xc_domain_create(tu_xch, &domid, &cfg) )
        return -errno;
    if ( !max_pages )
        max_pages = nr_pages + 64;
    gfns = calloc(nr_pages, sizeof(*gfns));
    for ( i = 0; gfns && i < nr_pages; i++ )
        gfns[i] = i;
    if ( !gfns )
        rc = -ENOMEM;
    else if ( xc_domain_setmaxmem(tu_xch, domid, max_pages * 4) ||
              xc_domain_populate_physmap_exact(tu_xch, domid, nr_pages, 0,
                                               0, gfns) )
        rc = -errno;
    free(gfns);
    if ( !rc )
        rc = tu_run(domid, setup_buffers, &brc);
    if ( !rc )
        rc = brc;
    if ( rc )
        xc_domain_destroy(tu_xch, domid);
    return rc;
}

int tu_domain_destroy(uint32_t domid)
{
    return xc_domain_destroy(tu_xch, domid) ? -errno : 0;
}

unsigned long tu_free_pages(void)
{
    xc_physinfo_t pi;

    memset(&pi, 0, sizeof(pi));
    return xc_physinfo(tu_xch, &pi) ? 0 : (unsigned long)pi.free_pages;
}

/* --- guest threads -------------------------------------------------------- */

static void *guest_thread(void *p)
{
    struct tu_thread *t = p;

    t->rc = hosted_vcpu_attach(t->domid);
    if ( t->rc )
        return NULL;
    t->fn(t->arg);
    if ( op_gva )
        hosted_buf_free(op_gva, sizeof(struct tmem_op));
    op_gva = 0;
    /* The vCPU goes away with the thread. */
    return NULL;
}

int tu_start(struct tu_thread *t, uint32_t domid, void (*fn)(void *),
             void *arg)
{
    t->domid = domid;
    t->fn = fn;
    t->arg = arg;
    t->rc = 0;
    return pthread_create(&t->thread, NULL, guest_thread, t) ? -EAGAIN : 0;
}

int tu_join(struct tu_thread *t)
{
    pthread_join(t->thread, NULL);
    return t->rc;
}

int tu_run(uint32_t domid, void (*fn)(void *), void *arg)
{
    struct tu_thread t;
    int rc = tu_start(&t, domid, fn, arg);

    return rc ? rc : tu_join(&t);
}

/* --- raw ops -------------------------------------------------------------- */

xen_tmem_oid_t tu_oid(uint64_t o0, uint64_t o1, uint64_t o2)
{
    xen_tmem_oid_t oid = { { o0, o1, o2 } };

    return oid;
}

long tu_op(const struct tmem_op *op)
{
    if ( !op_gva )
        op_gva = hosted_buf_alloc(sizeof(*op));
    if ( !op_gva || hosted_buf_write(op_gva, op, sizeof(*op)) )
    {
        fprintf(stderr, "tu_op: no hypercall buffer\n");
        return -ENOBUFS;
    }
    return hosted_hypercall(__HYPERVISOR_tmem_op, op_gva, 0, 0, 0, 0);
}

long tu_new_pool(uint32_t flags, uint64_t uuid_lo, uint64_t uuid_hi)
{
    struct tmem_op op;

    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_NEW_POOL;
    op.u.creat.flags = flags;
    op.u.creat.uuid[0] = uuid_lo;
    op.u.creat.uuid[1] = uuid_hi;
    return tu_op(&op);
}

long tu_destroy_pool(int32_t pool)
{
    struct tmem_op op;

    memset(&op, 0, sizeof(op));
    op.cmd = TMEM_DESTROY_POOL;
    op.pool_id = pool;
    return tu_op(&op);
}

static long gen_op(uint32_t cmd, int32_t pool, xen_tmem_oid_t oid,
                   uint32_t index, uint64_t gfn)
{
    struct tmem_op op;

    memset(&op, 0, sizeof(op));
    op.cmd = cmd;
    op.pool_id = pool;
    op.u.gen.oid = oid;
    op.u.gen.index = index;
    op.u.gen.cmfn = gfn;
    return tu_op(&op);
}

long tu_put(int32_t pool, xen_tmem_oid_t oid, uint32_t index, uint64_t gfn)
{
    return gen_op(TMEM_PUT_PAGE, pool, oid, index, gfn);
}

long tu_get(int32_t pool, xen_tmem_oid_t oid, uint32_t index, uint64_t gfn)
{
    return gen_op(TMEM_GET_PAGE, pool, oid, index, gfn);
}

long tu_flush_page(int32_t pool, xen_tmem_oid_t oid, uint32_t index)
{
    return gen_op(TMEM_FLUSH_PAGE, pool, oid, index, 0);
}

long tu_flush_object(int32_t pool, xen_tmem_oid_t oid)
{
    return gen_op(TMEM_FLUSH_OBJECT, pool, oid, 0, 0);
}

/* --- pages ---------------------------------------------------------------- */

uint64_t tu_gva(uint64_t gfn)
{
    return GUEST_BASE + gfn * TU_PAGE_SIZE;
}

/* splitmix64: a cheap, well-mixed stream from a seed. */
static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);

    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Word 0 tags the page with its seed; the rest is the seed's stream. */
static void pattern(uint64_t *w, uint64_t seed)
{
    uint64_t s = seed;
    size_t i;

    w[0] = PATTERN_TAG ^ seed;
    for ( i = 1; i < TU_PAGE_SIZE / 8; i++ )
        w[i] = mix(&s);
}

int tu_page_fill(uint64_t gfn, uint64_t seed)
{
    uint64_t w[TU_PAGE_SIZE / 8];

    pattern(w, seed);
    return hosted_buf_write(tu_gva(gfn), w, TU_PAGE_SIZE) ? -1 : 0;
}

int tu_page_check(uint64_t gfn, uint64_t seed, uint64_t *found)
{
    uint64_t want[TU_PAGE_SIZE / 8], got[TU_PAGE_SIZE / 8];

    if ( found )
        *found = ~0ULL;
    if ( hosted_buf_read(got, tu_gva(gfn), TU_PAGE_SIZE) )
        return -1;
    pattern(want, seed);
    if ( !memcmp(want, got, TU_PAGE_SIZE) )
    {
        if ( found )
            *found = seed;
        return 1;
    }
    if ( found )
    {
        /* Is it some other whole pattern (stale or misdirected data)? */
        pattern(want, got[0] ^ PATTERN_TAG);
        if ( !memcmp(want, got, TU_PAGE_SIZE) )
            *found = got[0] ^ PATTERN_TAG;
    }
    return 0;
}

uint64_t tu_seed(uint32_t domid, int32_t pool, uint64_t oid0,
                 uint32_t index, uint32_t version)
{
    uint64_t s = ((uint64_t)domid << 48) ^ ((uint64_t)(uint32_t)pool << 40) ^
                 (oid0 * 0x100000001b3ULL) ^ ((uint64_t)index << 16) ^
                 version;

    return mix(&s);
}

uint64_t tu_rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545f4914f6cdd1dULL;
}

unsigned int tu_rnd_below(uint64_t *s, unsigned int n)
{
    return (unsigned int)((tu_rnd(s) >> 33) % n);
}

/* --- control -------------------------------------------------------------- */

long tu_control(uint32_t subop, uint32_t cli, uint32_t arg1)
{
    int rc = xc_tmem_control(tu_xch, 0, subop, cli, arg1, 0, 0, NULL);

    return rc < 0 ? -errno : rc;
}

long tu_list(uint32_t cli, char *buf)
{
    int rc;

    memset(buf, 0, TU_LIST_SIZE);
    rc = xc_tmem_control(tu_xch, 0, TMEMC_LIST, cli, TU_LIST_SIZE, 0, 0,
                         buf);
    buf[TU_LIST_SIZE - 1] = '\0';
    return rc < 0 ? -errno : rc;
}

/* The value of key in one "X=k1:v1,k2:v2" line [line, end).  0 or -1. */
static int line_value(const char *line, const char *end, const char *key,
                      unsigned long *val)
{
    size_t klen = strlen(key);
    const char *p = line + 2;

    while ( p < end )
    {
        const char *comma = memchr(p, ',', end - p);
        const char *next = comma ? comma + 1 : end;

        if ( (size_t)(next - p) > klen && !strncmp(p, key, klen) &&
             p[klen] == ':' )
        {
            *val = strtoul(p + klen + 1, NULL, 0);
            return 0;
        }
        p = next;
    }
    return -1;
}

int tu_list_value(const char *text, char tag, uint32_t cli,
                  const char *key, unsigned long *val)
{
    const char *line = text;

    while ( line && *line )
    {
        const char *nl = strchr(line, '\n');
        const char *end = nl ? nl : line + strlen(line);
        unsigned long ci;

        if ( line[0] == tag && line[1] == '=' &&
             (tag != 'C' ||
              (!line_value(line, end, "CI", &ci) && ci == cli)) )
            return line_value(line, end, key, val);
        line = nl ? nl + 1 : NULL;
    }
    return -1;
}

long tu_client_stat(uint32_t cli, const char *key)
{
    char buf[TU_LIST_SIZE];
    unsigned long v;

    if ( tu_list(TU_CLI_ALL, buf) < 0 ||
         tu_list_value(buf, 'C', cli, key, &v) )
        return -1;
    return (long)v;
}

long tu_global_stat(const char *key)
{
    char buf[TU_LIST_SIZE];
    unsigned long v;

    if ( tu_list(TU_CLI_ALL, buf) < 0 || tu_list_value(buf, 'G', 0, key, &v) )
        return -1;
    return (long)v;
}

/* --- console capture ------------------------------------------------------ */

static int saved_stderr = -1;
static FILE *capture_file;

void tu_capture_begin(void)
{
    fflush(stderr);
    capture_file = tmpfile();
    if ( !capture_file )
        return;
    saved_stderr = dup(2);
    dup2(fileno(capture_file), 2);
}

char *tu_capture_end(void)
{
    char *text;
    long n;

    if ( !capture_file )
        return calloc(1, 1);
    fflush(stderr);
    dup2(saved_stderr, 2);
    close(saved_stderr);
    saved_stderr = -1;
    fseek(capture_file, 0, SEEK_END);
    n = ftell(capture_file);
    text = calloc(1, n > 0 ? (size_t)n + 1 : 1);
    rewind(capture_file);
    if ( text && n > 0 && fread(text, 1, (size_t)n, capture_file) != (size_t)n )
        text[0] = '\0';
    fclose(capture_file);
    capture_file = NULL;
    if ( text )
        fputs(text, stderr);            /* keep the log complete */
    return text;
}
