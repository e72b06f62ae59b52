/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench-tmem: the tmem figures of issue 3, on a hosted hypervisor booted
 * in this process with tmem on (see docs/misc/bench.md).
 *
 *   bench-tmem                    time everything, print a table and one
 *                                 JSON line (the last line of output)
 *   bench-tmem --instr a=1.5,...  the same, with instruction counts per op
 *                                 obtained by scripts/run-bench
 *   bench-tmem --list-counts      "<op> <n> <loop symbol>" per countable op
 *   bench-tmem --count-method     "client-requests" or "toggle-only"
 *   bench-tmem --count <op> <n>   run n ops of <op> inside
 *                                 bench_counted_region(), for callgrind
 *
 * A domU vCPU thread issues real __HYPERVISOR_tmem_op hypercalls, with
 * its tmem_op structures prepared in its own memory beforehand, as a
 * guest kernel would: each figure includes the hypercall dispatch, the
 * copy-in of the op, the pool/object/radix lookups, the p2m translation
 * of cmfn and the 4 KiB copy.
 *
 * Baselines, same run, same thread: a 4 KiB memcpy between two fixed
 * buffers (hot in L1), and the memory traffic of a put+get: 4 KiB from
 * one fixed source into a different page each op, then back out of each
 * page, over as many distinct pages as the tmem loop touches (the
 * footprint-matched baseline the target is judged against), and the
 * same over 64 pages cycling (a working set that fits in cache, which
 * isolates tmem's own overhead).  Metadata per stored page: xmalloc bytes
 * (objects, radix nodes, descriptor caches) after storing 1M pages, plus
 * the frame table's page_info (which every frame has, tmem or not).
 */

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <xenctrl.h>             /* first: defines __XEN_TOOLS__ */
#include <xen/tmem.h>

#include "bench-tmem-fixture.h"
#include "bench-util.h"
#include "hosted-api.h"

#define CMDLINE         "mem=6G dom0_mem=64M tmem debug-poison=0"
#define OPS             65536           /* ops per timed run */
#define HOT_PAGES       64              /* the cache-resident working set */
#define RUNS            5
#define META_PAGES      (1UL << 20)     /* pages stored for metadata */
#define DATA_GFN        1               /* the guest page put and got */
#define BUF_GFN         16              /* hypercall buffers from here */
#define BUF_PAGES       8192
#define DOM_PAGES       (BUF_GFN + BUF_PAGES)
#define PG              4096UL

/* Figures of one footprint (pages cycled through). */
struct fp_figures {
    double put_ns, get_ns, dup_ns, flush_ns;    /* tmem, per op */
    double copy_in_ns, copy_out_ns;             /* baseline, per copy */
};

struct results {
    struct fp_figures big, hot;     /* OPS pages, HOT_PAGES pages */
    double eph_pair_ns, memcpy_ns;
    double meta_bytes, frame_table_bytes;
    unsigned long meta_pages;
};

/* Countable ops (--list-counts); instr filled from --instr. */
struct count_op {
    const char *key;
    int (*prepare)(unsigned long n);    /* untimed, before the region */
    int (*run)(unsigned long n);
    int (*finish)(unsigned long n);     /* untimed, after the region */
    const char *loop_fn;
    double instr;
};

static uint32_t domid;
static struct results res;
static int failed;
static long pers_pool, eph_pool, big_pool;
static uint64_t put_ops, get_ops, flush_ops;    /* OPS ops each, pers */
static uint64_t eph_put_ops, eph_get_ops;       /* OPS ops each, eph */
static char *area;                              /* OPS pages, baseline */
static const struct count_op *count_req;        /* --count */
static unsigned long count_n;

/* --- Guest side: hypercalls ------------------------------------------ */

/* Write OPS op structures for cmd into guest memory; returns their gva. */
static uint64_t prepare_ops(uint32_t cmd, int32_t pool, uint32_t base)
{
    size_t bytes = OPS * sizeof(struct tmem_op);
    uint64_t gva = hosted_buf_alloc(bytes);
    struct tmem_op *ops = calloc(OPS, sizeof(*ops));
    unsigned int i;

    for ( i = 0; gva && ops && i < OPS; i++ )
    {
        ops[i].cmd = cmd;
        ops[i].pool_id = pool;
        ops[i].u.gen.oid.oid[0] = 42;
        ops[i].u.gen.index = base + i;
        ops[i].u.gen.cmfn = DATA_GFN;
    }
    if ( gva && ops && hosted_buf_write(gva, ops, bytes) )
        gva = 0;
    free(ops);
    return gva;
}

/*
 * The benchmark loop: issue the n prepared ops at gva, each expected to
 * return 'want'.  Its own instructions are what run-bench subtracts.
 */
BENCH_COUNTED
static int issue_ops(uint64_t gva, unsigned long n, long want)
{
    unsigned long i;

    for ( i = 0; i < n; i++ )
        if ( hosted_hypercall(__HYPERVISOR_tmem_op,
                              gva + i * sizeof(struct tmem_op),
                              0, 0, 0, 0) != want )
            return -1;
    return 0;
}

/* n ephemeral puts, each followed by the exclusive get of its page. */
BENCH_COUNTED
static int issue_pairs(unsigned long n)
{
    unsigned long i;

    for ( i = 0; i < n; i++ )
    {
        uint64_t off = i * sizeof(struct tmem_op);

        if ( hosted_hypercall(__HYPERVISOR_tmem_op, eph_put_ops + off,
                              0, 0, 0, 0) != 1 ||
             hosted_hypercall(__HYPERVISOR_tmem_op, eph_get_ops + off,
                              0, 0, 0, 0) != 1 )
            return -1;
    }
    return 0;
}

/* Time issue_ops() into *acc (ns, summed). */
static int timed_ops(uint64_t gva, unsigned long n, double *acc)
{
    double t0 = now_ns();
    int rc = issue_ops(gva, n, 1);

    *acc += now_ns() - t0;
    return rc;
}

/*
 * One run over footprint w pages (w divides OPS): OPS/w cycles of put w
 * new pages, get them, put over them, flush them.  The same w op
 * structures are used by every cycle, so for small w everything the ops
 * touch stays in cache.  Per-op figures into f.
 */
static int pers_run(unsigned long w, struct fp_figures *f)
{
    double put = 0, get = 0, dup = 0, flush = 0;
    unsigned long c;

    for ( c = 0; c < OPS / w; c++ )
        if ( timed_ops(put_ops, w, &put) || timed_ops(get_ops, w, &get) ||
             timed_ops(put_ops, w, &dup) || timed_ops(flush_ops, w, &flush) )
            return -1;
    f->put_ns = put / OPS;
    f->get_ns = get / OPS;
    f->dup_ns = dup / OPS;
    f->flush_ns = flush / OPS;
    return 0;
}

/* --- Baselines ------------------------------------------------------- */

/*
 * What a put+get does to memory, over footprint w pages: copy 4 KiB from
 * one fixed source into page j of the area, for every j < w, then copy
 * each page back out to one fixed destination; OPS/w cycles.
 */
static void copy_run(unsigned long w, struct fp_figures *f)
{
    static char src[PG] __attribute__((aligned(PG)));
    static char dst[PG] __attribute__((aligned(PG)));
    double in = 0, out = 0, t0;
    unsigned long c, j;

    memset(src, 0x5a, sizeof(src));
    for ( c = 0; c < OPS / w; c++ )
    {
        t0 = now_ns();
        for ( j = 0; j < w; j++ )
        {
            memcpy(area + j * PG, src, PG);
            __asm__ __volatile__ ( "" :: "r" (area) : "memory" );
        }
        in += now_ns() - t0;
        t0 = now_ns();
        for ( j = 0; j < w; j++ )
        {
            memcpy(dst, area + j * PG, PG);
            __asm__ __volatile__ ( "" :: "r" (dst) : "memory" );
        }
        out += now_ns() - t0;
    }
    f->copy_in_ns = in / OPS;
    f->copy_out_ns = out / OPS;
}

/* memcpy of 4 KiB between the same two buffers: all in L1. */
static double memcpy_hot_run(void)
{
    static char src[PG], dst[PG];
    volatile char sink;
    double t0;
    unsigned int i;

    memset(src, 0x5a, sizeof(src));
    t0 = now_ns();
    for ( i = 0; i < OPS; i++ )
    {
        src[i & (PG - 1)] = (char)i;
        memcpy(dst, src, sizeof(dst));
        __asm__ __volatile__ ( "" :: "r" (dst) : "memory" );
    }
    t0 = (now_ns() - t0) / OPS;
    sink = dst[7];
    (void)sink;
    return t0;
}

/* --- Runs ------------------------------------------------------------ */

static long new_pool(uint32_t flags)
{
    struct tmem_op op = { .cmd = TMEM_NEW_POOL,
                          .u.creat.flags = flags |
                          (TMEM_SPEC_VERSION << TMEM_POOL_VERSION_SHIFT) };
    uint64_t gva = hosted_buf_alloc(sizeof(op));
    long rc;

    hosted_buf_write(gva, &op, sizeof(op));
    rc = hosted_hypercall(__HYPERVISOR_tmem_op, gva, 0, 0, 0, 0);
    hosted_buf_free(gva, sizeof(op));
    return rc;
}

/* Attach as the domU, make the pools and the op arrays.  0 or -1. */
static int guest_setup(void)
{
    if ( hosted_vcpu_attach(domid) || hosted_buf_setup(BUF_GFN, BUF_PAGES) )
        return -1;
    pers_pool = new_pool(TMEM_POOL_PERSIST);
    eph_pool = new_pool(0);
    big_pool = new_pool(TMEM_POOL_PERSIST);
    if ( pers_pool < 0 || eph_pool < 0 || big_pool < 0 )
        return -1;
    put_ops = prepare_ops(TMEM_PUT_PAGE, pers_pool, 0);
    get_ops = prepare_ops(TMEM_GET_PAGE, pers_pool, 0);
    flush_ops = prepare_ops(TMEM_FLUSH_PAGE, pers_pool, 0);
    eph_put_ops = prepare_ops(TMEM_PUT_PAGE, eph_pool, 0);
    eph_get_ops = prepare_ops(TMEM_GET_PAGE, eph_pool, 0);
    return put_ops && get_ops && flush_ops && eph_put_ops && eph_get_ops
           ? 0 : -1;
}

/* Store META_PAGES pages; bytes of xmalloc metadata per stored page. */
static int metadata(void)
{
    size_t before = bt_xmalloc_used();
    unsigned long base;

    for ( base = 0; base < META_PAGES; base += OPS )
    {
        uint64_t p = prepare_ops(TMEM_PUT_PAGE, big_pool, (uint32_t)base);

        if ( !p || issue_ops(p, OPS, 1) )
            return -1;
        hosted_buf_free(p, OPS * sizeof(struct tmem_op));
    }
    res.meta_pages = META_PAGES;
    res.meta_bytes = (double)(bt_xmalloc_used() - before) / META_PAGES;
    res.frame_table_bytes = (double)bt_page_info_size();
    return 0;
}

#define FIELD_MEDIAN(dst, runs, field)                          \
    do {                                                        \
        double v_[RUNS];                                        \
        for ( unsigned int r_ = 0; r_ < RUNS; r_++ )            \
            v_[r_] = (runs)[r_].field;                          \
        (dst).field = median(v_, RUNS);                         \
    } while ( 0 )

static void fp_median(struct fp_figures *dst, const struct fp_figures *runs)
{
    FIELD_MEDIAN(*dst, runs, put_ns);
    FIELD_MEDIAN(*dst, runs, get_ns);
    FIELD_MEDIAN(*dst, runs, dup_ns);
    FIELD_MEDIAN(*dst, runs, flush_ns);
    FIELD_MEDIAN(*dst, runs, copy_in_ns);
    FIELD_MEDIAN(*dst, runs, copy_out_ns);
}

/*
 * RUNS rounds, each timing every figure once (tmem and baselines
 * interleaved, so a change in machine load hits both), after one
 * untimed warm-up round; medians into res.
 */
static int timed_rounds(void)
{
    struct fp_figures big[RUNS + 1], hot[RUNS + 1];
    double pair[RUNS + 1], hotcpy[RUNS + 1], t0;
    unsigned int r;

    for ( r = 0; r <= RUNS; r++ )
    {
        if ( pers_run(OPS, &big[r]) || pers_run(HOT_PAGES, &hot[r]) )
            return -1;
        copy_run(OPS, &big[r]);
        copy_run(HOT_PAGES, &hot[r]);
        hotcpy[r] = memcpy_hot_run();
        t0 = now_ns();
        if ( issue_pairs(OPS) )
            return -1;
        pair[r] = (now_ns() - t0) / OPS;
    }
    fp_median(&res.big, big + 1);       /* round 0 was the warm-up */
    fp_median(&res.hot, hot + 1);
    res.memcpy_ns = median(hotcpy + 1, RUNS);
    res.eph_pair_ns = median(pair + 1, RUNS);
    return 0;
}

/* --- Instruction counts (--count) ------------------------------------ */

static int put_n(unsigned long n)
{
    return issue_ops(put_ops, n, 1);
}

static int get_n(unsigned long n)
{
    return issue_ops(get_ops, n, 1);
}

static int flush_n(unsigned long n)
{
    return issue_ops(flush_ops, n, 1);
}

static const struct count_op count_ops[] = {
    { "put", NULL, put_n, flush_n, "issue_ops", NAN },
    { "get", put_n, get_n, flush_n, "issue_ops", NAN },
    { "put_dup", put_n, put_n, flush_n, "issue_ops", NAN },
    { "flush", put_n, flush_n, NULL, "issue_ops", NAN },
    { "eph_pair", NULL, issue_pairs, NULL, "issue_pairs", NAN },
};
#define NR_COUNT_OPS (sizeof(count_ops) / sizeof(count_ops[0]))
#define COUNT_N      4096
static double instr[NR_COUNT_OPS];

/* The only code callgrind counts: n ops of one kind (bench-util.h). */
BENCH_DEFINE_COUNTED_REGION()

/* One warm-up cycle of every op, then n ops of op in the region. */
static int count_one(const struct count_op *op, unsigned long n)
{
    int rc;

    if ( n > OPS || put_n(16) || get_n(16) || put_n(16) || flush_n(16) ||
         issue_pairs(16) )
        return -1;
    if ( op->prepare && op->prepare(n) )
        return -1;
#ifdef HAVE_CALLGRIND_H
    CALLGRIND_START_INSTRUMENTATION;
#endif
    rc = bench_counted_region(op->run, n);
#ifdef HAVE_CALLGRIND_H
    CALLGRIND_STOP_INSTRUMENTATION;
#endif
    if ( !rc && op->finish )
        rc = op->finish(n);
    return rc;
}

static void *guest(void *arg)
{
    (void)arg;
    if ( guest_setup() )
        goto fail;
    if ( count_req )
    {
        if ( count_one(count_req, count_n) )
            goto fail;
    }
    else if ( timed_rounds() || metadata() )
        goto fail;
    hosted_vcpu_detach();
    return NULL;
 fail:
    failed = 1;
    return NULL;
}

/* dom0: a domU with DOM_PAGES of memory whose vCPU thread runs guest(). */
static int setup_domain(xc_interface *xch)
{
    struct xen_domctl_createdomain cfg = { .max_vcpus = 1 };
    xen_pfn_t gfns[DOM_PAGES];
    unsigned long i;

    domid = DOMID_ANY;
    if ( xc_domain_create(xch, &domid, &cfg) ||
         xc_domain_setmaxmem(xch, domid, DOM_PAGES * 4) )
        return -1;
    for ( i = 0; i < DOM_PAGES; i++ )
        gfns[i] = i;
    return xc_domain_populate_physmap_exact(xch, domid, DOM_PAGES, 0, 0,
                                            gfns);
}

/* The baseline area: OPS pages of process memory, written once. */
static int area_setup(void)
{
    area = mmap(NULL, OPS * PG, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if ( area == MAP_FAILED )
        return -1;
    memset(area, 1, OPS * PG);          /* first touch, untimed */
    return 0;
}

/* --- Output ---------------------------------------------------------- */

static const char *instr_of(const char *key, char *buf, size_t len)
{
    unsigned int i;

    for ( i = 0; i < NR_COUNT_OPS; i++ )
        if ( !strcmp(count_ops[i].key, key) && !isnan(instr[i]) )
        {
            snprintf(buf, len, "%.1f", instr[i]);
            return buf;
        }
    return "-";
}

static void row(const char *label, double ns, const char *key)
{
    char b[32];

    printf("%-52s %9.1f %9s\n", label, ns, key ? instr_of(key, b, 32) : "");
}

static void ratio_row(const char *label, double ratio, const char *target)
{
    printf("%-52s %8.2fx %9s %8s %s\n", label, ratio, "", target,
           !*target ? "(info)" : ratio <= 3 ? "OK" : "MISS");
}

static void print_table(double r_hot, double r_fp, double r_cache)
{
    const struct fp_figures *b = &res.big, *h = &res.hot;

    printf("bench-tmem: in-process hypervisor, \"%s\"; hypercalls from a "
           "domU vCPU thread,\n  ops prepared in guest memory; median of "
           "%d runs of %d ops\n\n", CMDLINE, RUNS, OPS);
    printf("%-52s %9s %9s %8s %s\n", "figure", "ns/op", "instr/op",
           "target", "result");
    row("memcpy 4 KiB, same 2 buffers (hot L1)", res.memcpy_ns, NULL);
    row("memcpy 4 KiB into 65536 distinct pages", b->copy_in_ns, NULL);
    row("memcpy 4 KiB out of 65536 distinct pages", b->copy_out_ns, NULL);
    row("memcpy 4 KiB into 64 pages cycling", h->copy_in_ns, NULL);
    row("memcpy 4 KiB out of 64 pages cycling", h->copy_out_ns, NULL);
    row("put, new page (persistent, 65536 pages)", b->put_ns, "put");
    row("get (persistent, 65536 pages)", b->get_ns, "get");
    row("put over an existing page (65536 pages)", b->dup_ns, "put_dup");
    row("flush page (65536 pages)", b->flush_ns, "flush");
    row("put, new page (persistent, 64 pages cycling)", h->put_ns, NULL);
    row("get (persistent, 64 pages cycling)", h->get_ns, NULL);
    row("put over an existing page (64 pages cycling)", h->dup_ns, NULL);
    row("flush page (64 pages cycling)", h->flush_ns, NULL);
    row("ephemeral put + exclusive get (pair)", res.eph_pair_ns,
        "eph_pair");
    ratio_row("put+get / 2 memcpys, footprint-matched", r_fp, "<= 3x");
    ratio_row("put+get / 2 memcpys, 64 pages cycling", r_cache, "");
    ratio_row("put+get / 2 memcpys, same 2 buffers (hot L1)", r_hot, "");
    printf("%-52s %9.1f %9s %8s %s\n", "metadata bytes/page at 1M pages",
           res.meta_bytes, "", "<= 64", res.meta_bytes <= 64 ? "OK" : "MISS");
    printf("%-52s %9.1f\n", "  + frame table (page_info), every frame",
           res.frame_table_bytes);
}

static void print_json(double r_hot, double r_fp, double r_cache)
{
    const struct fp_figures *b = &res.big, *h = &res.hot;
    unsigned int i;

    printf("\n{\"bench\":\"tmem\",\"cmdline\":\"%s\",\"memcpy_4k_ns\":%.1f,"
           "\"copy_in_fp_ns\":%.1f,\"copy_out_fp_ns\":%.1f,"
           "\"copy_in_64_ns\":%.1f,\"copy_out_64_ns\":%.1f,"
           "\"put_new_ns\":%.1f,\"get_ns\":%.1f,\"put_dup_ns\":%.1f,"
           "\"flush_ns\":%.1f,\"put_new_64_ns\":%.1f,\"get_64_ns\":%.1f,"
           "\"put_dup_64_ns\":%.1f,\"flush_64_ns\":%.1f,"
           "\"eph_put_get_pair_ns\":%.1f,"
           "\"put_get_over_2memcpy_fp\":%.2f,\"put_get_target\":\"%s\","
           "\"put_get_over_2memcpy_64\":%.2f,"
           "\"put_get_over_2memcpy_hot\":%.2f,",
           CMDLINE, res.memcpy_ns, b->copy_in_ns, b->copy_out_ns,
           h->copy_in_ns, h->copy_out_ns, b->put_ns, b->get_ns, b->dup_ns,
           b->flush_ns, h->put_ns, h->get_ns, h->dup_ns, h->flush_ns,
           res.eph_pair_ns, r_fp, r_fp <= 3 ? "OK" : "MISS", r_cache,
           r_hot);
    for ( i = 0; i < NR_COUNT_OPS; i++ )
        if ( !isnan(instr[i]) )
            printf("\"%s_instr\":%.1f,", count_ops[i].key, instr[i]);
    printf("\"metadata_bytes_per_page\":%.2f,\"metadata_pages\":%lu,"
           "\"metadata_target\":\"%s\",\"page_info_bytes\":%.0f}\n",
           res.meta_bytes, res.meta_pages,
           res.meta_bytes <= 64 ? "OK" : "MISS", res.frame_table_bytes);
}

static void report(void)
{
    double pair = res.big.put_ns + res.big.get_ns;
    double r_hot = pair / (2 * res.memcpy_ns);
    double r_fp = pair / (res.big.copy_in_ns + res.big.copy_out_ns);
    double r_cache = (res.hot.put_ns + res.hot.get_ns) /
                     (res.hot.copy_in_ns + res.hot.copy_out_ns);

    print_table(r_hot, r_fp, r_cache);
    print_json(r_hot, r_fp, r_cache);
}

/* --- main ------------------------------------------------------------ */

/* --instr "put=123.4,get=...": counts from run-bench. */
static void parse_instr(char *s)
{
    char *tok, *save = NULL;
    unsigned int i;

    for ( tok = strtok_r(s, ",", &save); tok;
          tok = strtok_r(NULL, ",", &save) )
    {
        char *eq = strchr(tok, '=');

        if ( !eq )
            continue;
        *eq = '\0';
        for ( i = 0; i < NR_COUNT_OPS; i++ )
            if ( !strcmp(count_ops[i].key, tok) )
                instr[i] = strtod(eq + 1, NULL);
    }
}

/* Handle the options; 1 to go on and run, else the exit code + 2. */
static int options(int argc, char **argv)
{
    unsigned int i;

    for ( i = 0; i < NR_COUNT_OPS; i++ )
        instr[i] = NAN;
    if ( argc == 1 )
        return 1;
    if ( argc == 2 && !strcmp(argv[1], "--count-method") )
    {
#ifdef HAVE_CALLGRIND_H
        puts("client-requests");
#else
        puts("toggle-only");
#endif
        return 2;
    }
    if ( argc == 2 && !strcmp(argv[1], "--list-counts") )
    {
        for ( i = 0; i < NR_COUNT_OPS; i++ )
            printf("%s %u %s\n", count_ops[i].key, COUNT_N,
                   count_ops[i].loop_fn);
        return 2;
    }
    if ( argc == 3 && !strcmp(argv[1], "--instr") )
    {
        parse_instr(argv[2]);
        return 1;
    }
    for ( i = 0; argc == 4 && !strcmp(argv[1], "--count") &&
                 i < NR_COUNT_OPS; i++ )
        if ( !strcmp(count_ops[i].key, argv[2]) )
        {
            count_req = &count_ops[i];
            count_n = strtoul(argv[3], NULL, 0);
            return 1;
        }
    fprintf(stderr, "usage: %s [--instr k=v,...|--list-counts|"
            "--count-method|--count <op> <n>]\n", argv[0]);
    return 4;
}

int main(int argc, char **argv)
{
    xc_interface *xch;
    pthread_t t;
    int rc = options(argc, argv);

    if ( rc != 1 )
        return rc - 2;
    setenv("XEN_HOSTED_CMDLINE", CMDLINE, 1);
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch || setup_domain(xch) || (!count_req && area_setup()) )
    {
        fprintf(stderr, "bench-tmem: cannot set up the domain\n");
        return 1;
    }
    pthread_create(&t, NULL, guest, NULL);
    pthread_join(t, NULL);
    if ( failed )
    {
        fprintf(stderr, "bench-tmem: a tmem operation failed\n");
        return 1;
    }
    if ( !count_req )
        report();
    xc_domain_destroy(xch, domid);
    xc_interface_close(xch);
    return 0;
}
