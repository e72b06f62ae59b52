/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench-heap: the heap and claims figures of issue 2 ("Benchmarks"), on a
 * hosted hypervisor booted in this process (see docs/misc/bench.md).
 *
 *   bench-heap                    time everything, print a table and one
 *                                 JSON line (the last line of output)
 *   bench-heap --instr a=1.5,...  the same, with instruction counts per op
 *                                 obtained by scripts/run-bench
 *   bench-heap --list-counts      "<op> <n> <loop symbol>" per countable op
 *   bench-heap --count-method     "client-requests" or "toggle-only"
 *   bench-heap --count <op> <n>   run n ops of <op> inside
 *                                 bench_counted_region(), for callgrind
 *
 * Direct heap operations run in loops hypervisor-side
 * (bench-heap-fixture.c); hypercall-path operations go through
 * libxenctrl exactly as a toolstack's would.  Freed-page poisoning is off
 * (debug-poison=0): the figures are for the production path.
 */

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include <xenctrl.h>

#include "bench-heap-fixture.h"
#include "bench-util.h"
#include "hosted-api.h"

#define CMDLINE         "mem=3G dom0_mem=64M debug-poison=0"
#define GIB_PAGES       (1UL << 18)     /* 4 KiB pages in 1 GiB */
#define GIB_BYTES       (1UL << 30)
#define CLAIM_PAGES     GIB_PAGES       /* size of each claim */
#define RUNS            7               /* timed runs per micro-op */
#define POP_RUNS        7               /* timed populate runs per order */
#define MEMSET_RUNS     7

enum op_kind {
    OP_PAIR,            /* one op = one pair; time in ns/op */
    OP_PAGE,            /* one op = one page; time shown per GiB */
};

struct bench_op {
    const char *key;            /* --count name and JSON key prefix */
    const char *label;          /* table row */
    enum op_kind kind;
    int (*prepare)(void);       /* before each run, untimed (or NULL) */
    int (*run)(unsigned long n);
    unsigned long time_n;       /* ops per timed run */
    unsigned long count_n;      /* ops under callgrind */
    unsigned long pages;        /* pages per op, for pages/s (0: none) */
    const char *loop_fn;        /* its self cost is loop overhead */
    double target_instr;        /* instructions per op, 0: no target */
    double ns;                  /* result: median ns per op */
    double destroy_ns;          /* OP_PAGE: median ns of the destroy */
    double instr;               /* from --instr, NAN if not counted */
};

static xc_interface *xch;
static uint32_t claim_domid;            /* for claim+cancel via libxenctrl */
static uint32_t pop_domid;              /* the domain being populated */
static xen_pfn_t *pop_gfns;             /* GIB_PAGES entries */

/* --- Hypercall-path operations --------------------------------------- */

static int hc_claim_pairs(unsigned long n)
{
    unsigned long i;

    for ( i = 0; i < n; i++ )
        if ( xc_domain_claim_pages(xch, claim_domid, CLAIM_PAGES) ||
             xc_domain_claim_pages(xch, claim_domid, 0) )
            return -errno;
    return 0;
}

/* A fresh domain with room for 1 GiB, as a toolstack would make one. */
static int new_domain(uint32_t *domid)
{
    struct xen_domctl_createdomain cfg = { .max_vcpus = 1 };

    *domid = 0;
    if ( xc_domain_create(xch, domid, &cfg) ||
         xc_domain_setmaxmem(xch, *domid, GIB_BYTES >> 10) )
        return -errno;
    return 0;
}

static int populate_prepare(unsigned int order)
{
    unsigned long i;

    for ( i = 0; i < (GIB_PAGES >> order); i++ )
        pop_gfns[i] = i << order;
    return new_domain(&pop_domid);
}

static int populate_prepare0(void)
{
    return populate_prepare(0);
}

static int populate_prepare9(void)
{
    return populate_prepare(9);
}

/* Populate n pages of pop_domid as extents of 2^order pages. */
static int populate_pages(unsigned long n, unsigned int order)
{
    if ( xc_domain_populate_physmap_exact(xch, pop_domid, n >> order, order,
                                          0, pop_gfns) )
        return -errno;
    return 0;
}

static int populate_order0(unsigned long n)
{
    return populate_pages(n, 0);
}

static int populate_order9(unsigned long n)
{
    return populate_pages(n, 9);
}

/* Destroy the populated domain; scrubbing is left to the caller. */
static int populate_finish(void)
{
    return xc_domain_destroy(xch, pop_domid) ? -errno : 0;
}

/* --- The operations --------------------------------------------------- */

static struct bench_op ops[] = {
    { .key = "order0_pair", .label = "order-0 alloc+free pair",
      .kind = OP_PAIR, .run = bh_order0_pairs, .time_n = 200000,
      .count_n = 20000, .loop_fn = "bh_order0_pairs", .target_instr = 150 },
    { .key = "order9_pair", .label = "order-9 alloc+free pair",
      .kind = OP_PAIR, .run = bh_order9_pairs, .time_n = 4000,
      .count_n = 1000, .pages = 512, .loop_fn = "bh_order9_pairs" },
    { .key = "claim_pair", .label = "claim+cancel, direct",
      .kind = OP_PAIR, .run = bh_claim_pairs, .time_n = 200000,
      .count_n = 20000, .loop_fn = "bh_claim_pairs", .target_instr = 150 },
    { .key = "xenheap_pair", .label = "xenheap page alloc+free",
      .kind = OP_PAIR, .run = bh_xenheap_pairs, .time_n = 100000,
      .count_n = 10000, .loop_fn = "bh_xenheap_pairs" },
    { .key = "claim_hc_pair", .label = "claim+cancel, xc_domain_claim_pages",
      .kind = OP_PAIR, .run = hc_claim_pairs, .time_n = 20000,
      .count_n = 2000, .loop_fn = "hc_claim_pairs" },
    { .key = "populate_order0", .label = "populate 1 GiB, order-0 extents",
      .kind = OP_PAGE, .prepare = populate_prepare0, .run = populate_order0,
      .time_n = GIB_PAGES, .count_n = GIB_PAGES, .pages = 1,
      .loop_fn = "populate_order0" },
    { .key = "populate_order9", .label = "populate 1 GiB, order-9 extents",
      .kind = OP_PAGE, .prepare = populate_prepare9, .run = populate_order9,
      .time_n = GIB_PAGES, .count_n = GIB_PAGES, .pages = 1,
      .loop_fn = "populate_order9" },
};

#define NR_OPS (sizeof(ops) / sizeof(ops[0]))

static struct bench_op *find_op(const char *key)
{
    unsigned int i;

    for ( i = 0; i < NR_OPS; i++ )
        if ( !strcmp(ops[i].key, key) )
            return &ops[i];
    return NULL;
}

/* --- Measuring -------------------------------------------------------- */

/* The only code callgrind counts: n ops of one kind (bench-util.h). */
BENCH_DEFINE_COUNTED_REGION()

/* An untimed cycle of op: prepare, n ops, tear down, scrub. */
static int op_cycle(struct bench_op *op, unsigned long n)
{
    int rc = op->prepare ? op->prepare() : 0;

    if ( !rc )
        rc = op->run(n);
    if ( op->kind == OP_PAGE )
    {
        if ( !rc )
            rc = populate_finish();
        bh_scrub();
    }
    return rc;
}

/* --count: one warm-up cycle, then count_n ops in the counted region. */
static int count_one(struct bench_op *op, unsigned long n)
{
    int rc = op_cycle(op, op->kind == OP_PAGE ? n : 16);

    if ( !rc && op->prepare )
        rc = op->prepare();
    if ( rc )
        return rc;
#ifdef HAVE_CALLGRIND_H
    CALLGRIND_START_INSTRUMENTATION;
#endif
    rc = bench_counted_region(op->run, n);
#ifdef HAVE_CALLGRIND_H
    CALLGRIND_STOP_INSTRUMENTATION;
#endif
    if ( !rc && op->kind == OP_PAGE )
        rc = populate_finish();
    return rc;
}

/* Median ns per op over RUNS runs of time_n pairs, after a warm-up. */
static int time_pairs(struct bench_op *op)
{
    double v[RUNS], t;
    unsigned int r;
    int rc = op->run(op->time_n / 10);

    for ( r = 0; r < RUNS && !rc; r++ )
    {
        t = now_ns();
        rc = op->run(op->time_n);
        v[r] = (now_ns() - t) / op->time_n;
    }
    if ( !rc )
        op->ns = median(v, RUNS);
    return rc;
}

/*
 * Median ns per page of populating 1 GiB, over POP_RUNS runs after a
 * warm-up.  Domain creation, destruction (timed apart) and the scrub of
 * the freed GiB happen outside the timed region.
 */
static int time_populate(struct bench_op *op)
{
    double v[POP_RUNS], dv[POP_RUNS], t;
    unsigned int r;
    int rc = op_cycle(op, op->time_n);

    for ( r = 0; r < POP_RUNS && !rc; r++ )
    {
        rc = op->prepare();
        if ( rc )
            break;
        t = now_ns();
        rc = op->run(op->time_n);
        v[r] = (now_ns() - t) / op->time_n;
        t = now_ns();
        if ( populate_finish() && !rc )
            rc = -errno;
        dv[r] = now_ns() - t;
        bh_scrub();                     /* as the idle loop would */
    }
    if ( !rc )
    {
        op->ns = median(v, POP_RUNS);
        op->destroy_ns = median(dv, POP_RUNS);
    }
    return rc;
}

/*
 * memset of 1 GiB of process memory: the first write (page faults
 * included) and the median of MEMSET_RUNS rewrites.  Returns the median
 * ns, or NAN if the buffer cannot be had; *cold_ns gets the first one.
 */
static double time_memset(double *cold_ns)
{
    double v[MEMSET_RUNS], t;
    unsigned int r;
    char *buf = mmap(NULL, GIB_BYTES, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    *cold_ns = NAN;
    if ( buf == MAP_FAILED )
        return NAN;
    for ( r = 0; r <= MEMSET_RUNS; r++ )
    {
        t = now_ns();
        memset(buf, (int)r + 1, GIB_BYTES);
        __asm__ volatile ( "" :: "r" (buf) : "memory" );
        t = now_ns() - t;
        if ( r )
            v[r - 1] = t;
        else
            *cold_ns = t;
    }
    munmap(buf, GIB_BYTES);
    return median(v, MEMSET_RUNS);
}

/* --- Output ----------------------------------------------------------- */

/* "12.3 ns", "4.56 us", "7.89 ms" into buf. */
static const char *fmt_time(char *buf, size_t len, double ns)
{
    if ( isnan(ns) )
        snprintf(buf, len, "-");
    else if ( ns < 1e3 )
        snprintf(buf, len, "%.1f ns", ns);
    else if ( ns < 1e6 )
        snprintf(buf, len, "%.2f us", ns / 1e3);
    else
        snprintf(buf, len, "%.2f ms", ns / 1e6);
    return buf;
}

static const char *fmt_rate(char *buf, size_t len, double per_s)
{
    if ( isnan(per_s) || per_s <= 0 )
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, "%.3g M/s", per_s / 1e6);
    return buf;
}

static double pages_per_s(const struct bench_op *op)
{
    return op->pages ? op->pages * 1e9 / op->ns : NAN;
}

static const char *instr_verdict(const struct bench_op *op)
{
    if ( !op->target_instr )
        return "";
    if ( isnan(op->instr) )
        return "n/a";
    return op->instr < op->target_instr ? "OK" : "MISS";
}

static void print_row(const char *label, const char *time, const char *rate,
                      const char *instr, const char *target,
                      const char *result)
{
    printf("%-38s %13s %10s %13s %-11s %s\n", label, time, rate, instr,
           target, result);
}

static void print_op_row(const struct bench_op *op)
{
    char t[32], r[32], in[32], tg[32] = "";
    bool page = op->kind == OP_PAGE;

    fmt_time(t, sizeof(t), page ? op->ns * GIB_PAGES : op->ns);
    if ( page )
        strcat(t, "/GiB");
    fmt_rate(r, sizeof(r), pages_per_s(op));
    if ( isnan(op->instr) )
        snprintf(in, sizeof(in), "-");
    else
        snprintf(in, sizeof(in), "%.1f/%s", op->instr, page ? "pg" : "op");
    if ( op->target_instr )
        snprintf(tg, sizeof(tg), "<%.0f instr", op->target_instr);
    print_row(op->label, t, r, in, tg, instr_verdict(op));
}

static void print_table(double memset_ns, double memset_cold_ns)
{
    const struct bench_op *p9 = find_op("populate_order9");
    double ratio = memset_ns / (p9->ns * GIB_PAGES);
    char t[32], r[32];

    print_row("figure", "time", "pages/s", "instr", "target", "result");
    for ( unsigned int i = 0; i < NR_OPS; i++ )
        print_op_row(&ops[i]);
    print_row("destroy 1 GiB domain (order-9 built)",
              fmt_time(t, sizeof(t), p9->destroy_ns), "-", "-", "", "");
    print_row("memset 1 GiB, rewrite (baseline)",
              fmt_time(t, sizeof(t), memset_ns),
              fmt_rate(r, sizeof(r), GIB_PAGES * 1e9 / memset_ns), "-",
              "", "");
    print_row("memset 1 GiB, first touch",
              fmt_time(t, sizeof(t), memset_cold_ns),
              fmt_rate(r, sizeof(r), GIB_PAGES * 1e9 / memset_cold_ns), "-",
              "", "");
    snprintf(t, sizeof(t), "%.2fx", ratio);
    print_row("memset / populate order-9 (same run)", t, "", "", ">1x",
              isnan(ratio) ? "n/a" : ratio > 1 ? "OK" : "MISS");
}

static void print_reference(void)
{
    printf("\nReference, measured elsewhere (real Xen 4.17 under QEMU TCG, "
           "dom0 through libxenctrl; emulated, not comparable 1:1 with "
           "the hosted figures above):\n"
           "  claim ~30 us, cancel ~30 us; populate_physmap 1 GiB: "
           "order-0 ~0.98 M pages/s, order-9 ~20 M pages/s; "
           "destroy 1 GiB ~160 ms\n\n");
}

/* A JSON number, or null for a figure not measured. */
static void json_num(const char *key, double v, const char *fmt)
{
    printf(",\"%s\":", key);
    if ( isnan(v) || isinf(v) )
        printf("null");
    else
        printf(fmt, v);
}

static void print_json(double memset_ns, double memset_cold_ns)
{
    const struct bench_op *p9 = find_op("populate_order9");
    char k[64];

    printf("{\"bench\":\"heap\",\"cmdline\":\"%s\",\"debug_build\":%s",
           CMDLINE, bh_debug_build() ? "true" : "false");
    for ( unsigned int i = 0; i < NR_OPS; i++ )
    {
        const struct bench_op *op = &ops[i];
        bool page = op->kind == OP_PAGE;

        snprintf(k, sizeof(k), "%s_%s", op->key, page ? "ms_per_gib" : "ns");
        json_num(k, page ? op->ns * GIB_PAGES / 1e6 : op->ns,
                 page ? "%.3f" : "%.1f");
        snprintf(k, sizeof(k), "%s_pages_per_s", op->key);
        if ( op->pages )
            json_num(k, pages_per_s(op), "%.0f");
        snprintf(k, sizeof(k), "%s_instr%s", op->key, page ? "_per_page" : "");
        json_num(k, op->instr, "%.1f");
        if ( op->target_instr )
            printf(",\"%s_target\":\"%s\"", op->key, instr_verdict(op));
    }
    json_num("destroy_1gib_ms", p9->destroy_ns / 1e6, "%.2f");
    json_num("memset_1gib_ms", memset_ns / 1e6, "%.2f");
    json_num("memset_1gib_first_touch_ms", memset_cold_ns / 1e6, "%.2f");
    json_num("memset_over_populate_order9", memset_ns / (p9->ns * GIB_PAGES),
             "%.2f");
    printf(",\"reference_xen417_qemu_tcg\":{\"claim_us\":30,\"cancel_us\":30,"
           "\"populate_order0_pages_per_s\":980000,"
           "\"populate_order9_pages_per_s\":20000000,"
           "\"destroy_1gib_ms\":160}}\n");
}

/* --- Main --------------------------------------------------------------- */

/* --instr "key=v,key=v": counts from scripts/run-bench. */
static void parse_instr(char *s)
{
    char *tok, *save = NULL;

    for ( tok = strtok_r(s, ",", &save); tok;
          tok = strtok_r(NULL, ",", &save) )
    {
        char *eq = strchr(tok, '=');
        struct bench_op *op;

        if ( !eq )
            continue;
        *eq = '\0';
        op = find_op(tok);
        if ( op )
            op->instr = strtod(eq + 1, NULL);
    }
}

/* Boot, open libxenctrl, create the domains and buffers every op needs. */
static int setup(void)
{
    int rc = hosted_boot(CMDLINE);

    if ( rc )
    {
        fprintf(stderr, "bench-heap: boot failed (%d)\n", rc);
        return rc;
    }
    xch = xc_interface_open(NULL, NULL, 0);
    pop_gfns = calloc(GIB_PAGES, sizeof(*pop_gfns));
    if ( !xch || !pop_gfns )
        return -ENOMEM;
    rc = bh_setup(CLAIM_PAGES);
    if ( !rc )
        rc = new_domain(&claim_domid);
    if ( rc )
        fprintf(stderr, "bench-heap: setup failed (%d)\n", rc);
    return rc;
}

static int run_all(void)
{
    double memset_ns, memset_cold_ns;
    unsigned int i;
    int rc = 0;

    for ( i = 0; i < NR_OPS && !rc; i++ )
    {
        rc = ops[i].kind == OP_PAGE ? time_populate(&ops[i])
                                    : time_pairs(&ops[i]);
        if ( rc )
            fprintf(stderr, "bench-heap: %s failed (%d)\n", ops[i].key, rc);
    }
    if ( rc )
        return 1;
    memset_ns = time_memset(&memset_cold_ns);
    if ( hosted_heap_audit() )
        fprintf(stderr, "bench-heap: WARNING: heap audit failed\n");

    printf("bench-heap: in-process hypervisor, \"%s\", %s build\n"
           "  debug-poison=0: freed pages are not poisoned (production "
           "path)%s\n"
           "  micro-ops: median of %u runs; populate: median of %u runs, "
           "scrub_free_pages() between runs outside the timed region (as "
           "an idle loop would)\n\n", CMDLINE,
           bh_debug_build() ? "DEBUG=y" : "DEBUG=n",
           bh_debug_build() ? "; ASSERT()s are compiled in" : "",
           RUNS, POP_RUNS);
    print_table(memset_ns, memset_cold_ns);
    print_reference();
    print_json(memset_ns, memset_cold_ns);
    return 0;
}

int main(int argc, char **argv)
{
    struct bench_op *op;
    unsigned int i;

    for ( i = 0; i < NR_OPS; i++ )
        ops[i].instr = ops[i].ns = ops[i].destroy_ns = NAN;

    if ( argc == 2 && !strcmp(argv[1], "--count-method") )
    {
        bench_print_count_method();
        return 0;
    }
    if ( argc == 2 && !strcmp(argv[1], "--list-counts") )
    {
        for ( i = 0; i < NR_OPS; i++ )
            printf("%s %lu %s\n", ops[i].key, ops[i].count_n,
                   ops[i].loop_fn);
        return 0;
    }
    if ( argc == 3 && !strcmp(argv[1], "--instr") )
        parse_instr(argv[2]);
    else if ( argc == 4 && !strcmp(argv[1], "--count") )
    {
        op = find_op(argv[2]);
        if ( !op )
            return 2;
        return setup() || count_one(op, strtoul(argv[3], NULL, 0)) ? 1 : 0;
    }
    else if ( argc != 1 )
    {
        fprintf(stderr, "usage: %s [--instr k=v,...|--list-counts|"
                "--count-method|--count <op> <n>]\n", argv[0]);
        return 2;
    }
    if ( setup() )
        return 1;
    return run_all();
}
