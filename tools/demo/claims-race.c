/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The race memory claims exist for, as a toolstack sees it.
 *
 * Several builders create and populate domains in parallel on a machine
 * that cannot hold all of them.  Without claims every builder starts
 * populating, memory runs out midway, and builds fail late after having
 * taken (and then given back) a lot of memory.  With claims each builder
 * first stakes its domain's size with XENMEM_claim_pages: the builds
 * whose claim succeeds are guaranteed to complete, the others fail at
 * once, having populated nothing.
 *
 * Written purely against libxenctrl, as a Xen toolstack would be.  Runs
 * on the in-process hypervisor (XEN_HOSTED_CMDLINE sets its boot
 * parameters; default "mem=1G").
 *
 * usage: claims-race [builders [MiB per domain]]
 */

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <xenctrl.h>

#define CHUNK_EXTENTS   64              /* order-0 extents per call */

struct build {
    pthread_t thread;
    unsigned int idx;
    bool use_claims;
    unsigned long pages;                /* domain size */
    uint32_t domid;
    /* Results. */
    bool ok;
    const char *failed_at;
    unsigned long populated;            /* pages held when it ended */
    double seconds;
};

static xc_interface *xch;
static pthread_barrier_t start_line;

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Populate [0, pages) in chunks; returns pages populated. */
static unsigned long populate(struct build *b)
{
    xen_pfn_t gfns[CHUNK_EXTENTS];
    unsigned long done = 0;

    while ( done < b->pages )
    {
        unsigned long n = b->pages - done, i;
        int rc;

        if ( n > CHUNK_EXTENTS )
            n = CHUNK_EXTENTS;
        for ( i = 0; i < n; i++ )
            gfns[i] = done + i;
        rc = xc_domain_populate_physmap(xch, b->domid, n, 0, 0, gfns);
        if ( rc > 0 )
            done += rc;
        if ( rc != (int)n )
            break;
    }
    return done;
}

static void *builder(void *arg)
{
    struct xen_domctl_createdomain cfg = { .max_vcpus = 1 };
    struct build *b = arg;
    double t0;

    b->domid = DOMID_ANY;
    pthread_barrier_wait(&start_line);
    t0 = now();
    if ( xc_domain_create(xch, &b->domid, &cfg) )
    {
        b->failed_at = "create";
        goto out;
    }
    xc_domain_setmaxmem(xch, b->domid, b->pages * (XC_PAGE_SIZE / 1024));
    if ( b->use_claims && xc_domain_claim_pages(xch, b->domid, b->pages) )
    {
        b->failed_at = "claim";
        goto out;
    }
    b->populated = populate(b);
    if ( b->populated < b->pages )
    {
        b->failed_at = "populate";
        goto out;
    }
    if ( b->use_claims )
        xc_domain_claim_pages(xch, b->domid, 0);    /* as libxenguest */
    b->ok = true;
 out:
    b->seconds = now() - t0;
    return NULL;
}

static void print_physinfo(const char *when)
{
    xc_physinfo_t pi;

    if ( xc_physinfo(xch, &pi) )
        return;
    printf("  %-22s free %6lu MiB, outstanding claims %5lu MiB\n", when,
           (unsigned long)(pi.free_pages >> 8),
           (unsigned long)(pi.outstanding_pages >> 8));
}

/* Build them all at once; print a line per build; destroy them. */
static void race(struct build *b, unsigned int n, bool use_claims)
{
    unsigned int i, ok = 0;

    printf("\n%s claims: %u builders, %lu MiB each\n",
           use_claims ? "With" : "Without", n, b[0].pages >> 8);
    print_physinfo("before:");
    pthread_barrier_init(&start_line, NULL, n);
    for ( i = 0; i < n; i++ )
    {
        b[i].use_claims = use_claims;
        b[i].ok = false;
        b[i].failed_at = NULL;
        b[i].populated = 0;
        pthread_create(&b[i].thread, NULL, builder, &b[i]);
    }
    for ( i = 0; i < n; i++ )
        pthread_join(b[i].thread, NULL);
    pthread_barrier_destroy(&start_line);

    printf("  %-6s %-9s %-18s %10s %9s\n", "build", "domid", "result",
           "populated", "time");
    for ( i = 0; i < n; i++ )
    {
        char res[32];

        snprintf(res, sizeof(res), "%s%s", b[i].ok ? "complete" : "FAILED at ",
                 b[i].ok ? "" : b[i].failed_at);
        printf("  %-6u d%-8u %-18s %6lu MiB %7.1f ms\n", i, b[i].domid, res,
               b[i].populated >> 8, b[i].seconds * 1e3);
        ok += b[i].ok;
    }
    print_physinfo("all builds done:");
    for ( i = 0; i < n; i++ )
        if ( b[i].domid != DOMID_ANY )
            xc_domain_destroy(xch, b[i].domid);
    print_physinfo("after destroy:");
    printf("  %u of %u builds completed\n", ok, n);
}

int main(int argc, char **argv)
{
    unsigned int n = argc > 1 ? atoi(argv[1]) : 6, i;
    unsigned long mib = argc > 2 ? strtoul(argv[2], NULL, 0) : 0;
    struct build *b;
    xc_physinfo_t pi;

    if ( !getenv("XEN_HOSTED_CMDLINE") )
        setenv("XEN_HOSTED_CMDLINE", "mem=1G loglvl=info", 1);
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch || xc_physinfo(xch, &pi) )
    {
        fprintf(stderr, "cannot open the hypervisor: %s\n", strerror(errno));
        return 1;
    }
    if ( n < 2 || n > 64 )
        n = 6;
    /* Default size: the machine holds about two thirds of the builds. */
    if ( !mib )
        mib = (pi.free_pages >> 8) * 3 / (2 * n) + 1;
    b = calloc(n, sizeof(*b));
    for ( i = 0; i < n; i++ )
    {
        b[i].idx = i;
        b[i].pages = mib << 8;
        b[i].domid = DOMID_ANY;
    }
    printf("Machine: %lu MiB total, %lu MiB free\n",
           (unsigned long)(pi.total_pages >> 8),
           (unsigned long)(pi.free_pages >> 8));
    race(b, n, false);
    race(b, n, true);
    free(b);
    xc_interface_close(xch);
    return 0;
}
