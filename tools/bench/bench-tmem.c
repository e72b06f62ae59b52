/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench-tmem: the tmem figures of issue 3, on a hosted hypervisor booted
 * in this process with tmem on (see docs/misc/bench.md).
 *
 * A domU vCPU thread issues real __HYPERVISOR_tmem_op hypercalls, with
 * its tmem_op structures prepared in its own memory beforehand, as a
 * guest kernel would: each figure includes the hypercall dispatch, the
 * copy-in of the op, the pool/object/radix lookups, the p2m translation
 * of cmfn and the 4 KiB copy.  Baseline, same run: memcpy of 4 KiB.
 * Metadata per stored page: xmalloc bytes (objects, radix nodes) after
 * storing 1M pages, plus the frame table's page_info (which every frame
 * has, tmem or not).  Timings only: --list-counts lists no ops, so
 * scripts/run-bench does no callgrind runs for this program.
 */

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xenctrl.h>             /* first: defines __XEN_TOOLS__ */
#include <xen/tmem.h>

#include "bench-tmem-fixture.h"
#include "hosted-api.h"

#define CMDLINE         "mem=6G dom0_mem=64M tmem debug-poison=0"
#define GUEST_BASE      0x40000000UL    /* GUEST_LINEAR_BASE */
#define OPS             65536           /* ops per timed run */
#define RUNS            5
#define META_PAGES      (1UL << 20)     /* pages stored for metadata */
#define DATA_GFN        1               /* the guest page put and got */
#define BUF_GFN         16              /* hypercall buffers from here */
#define BUF_PAGES       4096
#define DOM_PAGES       (BUF_GFN + BUF_PAGES)

struct results {
    double put_new_ns, get_ns, put_dup_ns, flush_ns, eph_pair_ns;
    double memcpy_ns;
    double meta_bytes, frame_table_bytes;
    unsigned long meta_pages;
};

static uint32_t domid;
static struct results res;
static int failed;

static double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

static double median(double *v, unsigned int n)
{
    qsort(v, n, sizeof(*v), cmp_double);
    return v[n / 2];
}

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

/* Issue the OPS prepared ops at gva; ns per op, or -1 on a bad result. */
static double run_ops(uint64_t gva, long want)
{
    double t0 = now_ns();
    unsigned int i;

    for ( i = 0; i < OPS; i++ )
        if ( hosted_hypercall(__HYPERVISOR_tmem_op,
                              gva + i * sizeof(struct tmem_op),
                              0, 0, 0, 0) != want )
            return -1;
    return (now_ns() - t0) / OPS;
}

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

/* One round of every persistent-pool op; figures into v[][run]. */
static int persistent_round(long pool, double *put, double *get,
                            double *dup, double *flush)
{
    uint64_t p = prepare_ops(TMEM_PUT_PAGE, pool, 0);
    uint64_t g = prepare_ops(TMEM_GET_PAGE, pool, 0);
    uint64_t f = prepare_ops(TMEM_FLUSH_PAGE, pool, 0);

    if ( !p || !g || !f )
        return -1;
    *put = run_ops(p, 1);               /* new pages */
    *get = run_ops(g, 1);               /* persistent: not exclusive */
    *dup = run_ops(p, 1);               /* overwrite in place */
    *flush = run_ops(f, 1);
    hosted_buf_free(p, OPS * sizeof(struct tmem_op));
    hosted_buf_free(g, OPS * sizeof(struct tmem_op));
    hosted_buf_free(f, OPS * sizeof(struct tmem_op));
    return (*put < 0 || *get < 0 || *dup < 0 || *flush < 0) ? -1 : 0;
}

/* Ephemeral put then exclusive get of the same page, OPS times. */
static double eph_pair(long pool)
{
    uint64_t p = prepare_ops(TMEM_PUT_PAGE, pool, 0);
    uint64_t g = prepare_ops(TMEM_GET_PAGE, pool, 0);
    double t0, t;
    unsigned int i;

    if ( !p || !g )
        return -1;
    t0 = now_ns();
    for ( i = 0; i < OPS; i++ )
    {
        uint64_t off = i * sizeof(struct tmem_op);

        if ( hosted_hypercall(__HYPERVISOR_tmem_op, p + off, 0, 0, 0, 0)
             != 1 ||
             hosted_hypercall(__HYPERVISOR_tmem_op, g + off, 0, 0, 0, 0)
             != 1 )
            return -1;
    }
    t = (now_ns() - t0) / OPS;
    hosted_buf_free(p, OPS * sizeof(struct tmem_op));
    hosted_buf_free(g, OPS * sizeof(struct tmem_op));
    return t;
}

/* Store META_PAGES pages; bytes of xmalloc metadata per stored page. */
static int metadata(long pool)
{
    size_t before = bt_xmalloc_used();
    unsigned long base;

    for ( base = 0; base < META_PAGES; base += OPS )
    {
        uint64_t p = prepare_ops(TMEM_PUT_PAGE, pool, (uint32_t)base);

        if ( !p || run_ops(p, 1) < 0 )
            return -1;
        hosted_buf_free(p, OPS * sizeof(struct tmem_op));
    }
    res.meta_pages = META_PAGES;
    res.meta_bytes = (double)(bt_xmalloc_used() - before) / META_PAGES;
    res.frame_table_bytes = (double)bt_page_info_size();
    return 0;
}

static void *guest(void *arg)
{
    double put[RUNS], get[RUNS], dup[RUNS], flush[RUNS], pair[RUNS];
    long pers, eph, big;
    unsigned int r;

    (void)arg;
    if ( hosted_vcpu_attach(domid) || hosted_buf_setup(BUF_GFN, BUF_PAGES) )
        goto fail;
    pers = new_pool(TMEM_POOL_PERSIST);
    eph = new_pool(0);
    big = new_pool(TMEM_POOL_PERSIST);
    if ( pers < 0 || eph < 0 || big < 0 )
        goto fail;
    for ( r = 0; r < RUNS; r++ )
        if ( persistent_round(pers, &put[r], &get[r], &dup[r], &flush[r]) ||
             (pair[r] = eph_pair(eph)) < 0 )
            goto fail;
    res.put_new_ns = median(put, RUNS);
    res.get_ns = median(get, RUNS);
    res.put_dup_ns = median(dup, RUNS);
    res.flush_ns = median(flush, RUNS);
    res.eph_pair_ns = median(pair, RUNS);
    if ( metadata(big) )
        goto fail;
    hosted_vcpu_detach();
    return NULL;
 fail:
    failed = 1;
    return NULL;
}

static double memcpy_ns(void)
{
    static char src[4096], dst[4096];
    volatile char sink;
    double v[RUNS], t0;
    unsigned int r, i;

    memset(src, 0x5a, sizeof(src));
    for ( r = 0; r < RUNS; r++ )
    {
        t0 = now_ns();
        for ( i = 0; i < OPS; i++ )
        {
            src[i & 4095] = (char)i;
            memcpy(dst, src, sizeof(dst));
            __asm__ __volatile__ ( "" ::: "memory" );
        }
        v[r] = (now_ns() - t0) / OPS;
    }
    sink = dst[7];
    (void)sink;
    return median(v, RUNS);
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

static void report(void)
{
    double pair = res.put_new_ns + res.get_ns;
    double ratio = pair / (2 * res.memcpy_ns);

    printf("bench-tmem: in-process hypervisor, \"%s\"; hypercalls from a "
           "domU vCPU thread,\n  ops prepared in guest memory; median of "
           "%d runs of %d ops; timings only\n\n", CMDLINE, RUNS, OPS);
    printf("%-44s %10s %12s %8s\n", "figure", "ns/op", "target", "result");
    printf("%-44s %10.1f\n", "memcpy 4 KiB (baseline, same run)",
           res.memcpy_ns);
    printf("%-44s %10.1f\n", "put, new page (persistent pool)",
           res.put_new_ns);
    printf("%-44s %10.1f\n", "get (persistent pool)", res.get_ns);
    printf("%-44s %10.1f\n", "put over an existing page", res.put_dup_ns);
    printf("%-44s %10.1f\n", "flush page", res.flush_ns);
    printf("%-44s %10.1f\n", "ephemeral put + exclusive get", res.eph_pair_ns);
    printf("%-44s %9.2fx %12s %8s\n", "put+get / two memcpys", ratio,
           "<= 3x", ratio <= 3 ? "OK" : "MISS");
    printf("%-44s %10.1f %12s %8s\n", "metadata bytes/page at 1M pages",
           res.meta_bytes, "<= 64", res.meta_bytes <= 64 ? "OK" : "MISS");
    printf("%-44s %10.1f\n", "  + frame table (page_info), every frame",
           res.frame_table_bytes);
    printf("\n{\"bench\":\"tmem\",\"cmdline\":\"%s\",\"memcpy_4k_ns\":%.1f,"
           "\"put_new_ns\":%.1f,\"get_ns\":%.1f,\"put_dup_ns\":%.1f,"
           "\"flush_ns\":%.1f,\"eph_put_get_pair_ns\":%.1f,"
           "\"put_get_over_2memcpy\":%.2f,\"put_get_target\":\"%s\","
           "\"metadata_bytes_per_page\":%.2f,\"metadata_pages\":%lu,"
           "\"metadata_target\":\"%s\",\"page_info_bytes\":%.0f}\n",
           CMDLINE, res.memcpy_ns, res.put_new_ns, res.get_ns,
           res.put_dup_ns, res.flush_ns, res.eph_pair_ns, ratio,
           ratio <= 3 ? "OK" : "MISS", res.meta_bytes, res.meta_pages,
           res.meta_bytes <= 64 ? "OK" : "MISS", res.frame_table_bytes);
}

int main(int argc, char **argv)
{
    xc_interface *xch;
    pthread_t t;

    if ( argc > 1 && !strcmp(argv[1], "--list-counts") )
        return 0;                       /* timings only */
    if ( argc > 1 && !strcmp(argv[1], "--count-method") )
    {
        puts("toggle-only");
        return 0;
    }
    setenv("XEN_HOSTED_CMDLINE", CMDLINE, 1);
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch || setup_domain(xch) )
    {
        fprintf(stderr, "bench-tmem: cannot set up the domain\n");
        return 1;
    }
    res.memcpy_ns = memcpy_ns();
    pthread_create(&t, NULL, guest, NULL);
    pthread_join(t, NULL);
    if ( failed )
    {
        fprintf(stderr, "bench-tmem: a tmem operation failed\n");
        return 1;
    }
    report();
    xc_domain_destroy(xch, domid);
    xc_interface_close(xch);
    return 0;
}
