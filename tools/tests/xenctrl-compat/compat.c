/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libxenctrl source-compatibility test.
 *
 * Written only against Xen's libxenctrl API, as a Xen toolstack author
 * would write it: <xenctrl.h> plus libc, no project headers.  Building it
 * proves the names, types and signatures match; running it checks the
 * return and errno conventions and the claim arithmetic of Xen's
 * tools/tests/mem-claim (claim N, populate M, expect N - M outstanding,
 * destroy, expect 0), then repeats a build from several threads sharing
 * one handle.
 *
 *     cc compat.c -Itools/include tools/libs/ctrl/libxenctrl.a -lpthread
 *
 * Needs a quiescent host (claims are global).  Prints "Test: <name>" per
 * test and one line per failure; exits non-zero if anything failed.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>

#define MB_PAGES(mb)        ((unsigned long)(mb) << (20 - XC_PAGE_SHIFT))
#define NR_THREADS          4
#define THREAD_PAGES        256

static unsigned int nr_failures;
static xc_interface *xch;

#define fail(fmt, ...)                                                  \
    do {                                                                \
        __atomic_add_fetch(&nr_failures, 1, __ATOMIC_RELAXED);          \
        printf("FAIL %s:%d: " fmt "\n", __func__, __LINE__,             \
               ##__VA_ARGS__);                                          \
    } while ( 0 )

/* Check that rc is -1 with errno err. */
#define expect_errno(what, rc, err)                                     \
    do {                                                                \
        int rc_ = (rc), errno_ = errno;                                 \
        if ( rc_ != -1 || errno_ != (err) )                             \
            fail("%s: got %d/%s, expected -1/%s", what, rc_,            \
                 strerror(errno_), strerror(err));                      \
    } while ( 0 )

/*
 * ---------------------------------------------------------------------
 * Helpers
 * ---------------------------------------------------------------------
 */

static uint64_t outstanding_pages(void)
{
    xc_physinfo_t info = { 0 };

    if ( xc_physinfo(xch, &info) )
    {
        fail("xc_physinfo: %s", strerror(errno));
        return ~0ULL;
    }

    return info.outstanding_pages;
}

static int domain_info(uint32_t domid, xc_domaininfo_t *info)
{
    int rc = xc_domain_getinfo_single(xch, domid, info);

    if ( rc )
        fail("getinfo_single(%u): %s", domid, strerror(errno));

    return rc;
}

/* A small PV domain, as test-mem-claim makes one. */
static int create_domain(uint32_t *domid)
{
    struct xen_domctl_createdomain config = {
        .max_vcpus = 1,
        .max_evtchn_port = 1023,
        .max_grant_frames = 1,
        .max_maptrack_frames = 0,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };

    *domid = DOMID_ANY;
    if ( xc_domain_create(xch, domid, &config) )
    {
        fail("xc_domain_create: %s", strerror(errno));
        return -1;
    }

    if ( *domid == 0 || *domid >= DOMID_FIRST_RESERVED )
    {
        fail("xc_domain_create gave domid %u", *domid);
        return -1;
    }

    return 0;
}

static void destroy_domain(uint32_t domid)
{
    if ( xc_domain_destroy(xch, domid) )
        fail("xc_domain_destroy(%u): %s", domid, strerror(errno));
}

/*
 * ---------------------------------------------------------------------
 * Tests
 * ---------------------------------------------------------------------
 */

static void test_open_close(void)
{
    xc_interface *dummy;

    printf("Test: open and close handles\n");

    dummy = xc_interface_open(NULL, NULL, XC_OPENFLAG_DUMMY);
    if ( !dummy )
        fail("dummy open: %s", strerror(errno));
    if ( xc_interface_close(dummy) )
        fail("dummy close");
    if ( xc_interface_close(NULL) )
        fail("close(NULL)");
}

static void test_physinfo(void)
{
    xc_physinfo_t info = { 0 };
    unsigned long max_mfn = 0;
    long raw;

    printf("Test: physinfo and maximum_ram_page\n");

    if ( xc_physinfo(xch, &info) )
    {
        fail("xc_physinfo: %s", strerror(errno));
        return;
    }
    if ( !info.total_pages || info.free_pages > info.total_pages ||
         !info.nr_cpus )
        fail("physinfo: total %"PRIu64" free %"PRIu64" cpus %u",
             (uint64_t)info.total_pages, (uint64_t)info.free_pages,
             info.nr_cpus);
    if ( info.outstanding_pages )
        fail("test needs a quiescent host: %"PRIu64" pages claimed",
             (uint64_t)info.outstanding_pages);

    if ( xc_maximum_ram_page(xch, &max_mfn) )
        fail("xc_maximum_ram_page: %s", strerror(errno));
    else if ( max_mfn == 0 )
        fail("max_mfn is 0");

    raw = xc_memory_op(xch, XENMEM_maximum_ram_page, NULL, 0);
    if ( raw < 0 || (unsigned long)raw != max_mfn )
        fail("xc_memory_op(maximum_ram_page) = %ld, expected %lu",
             raw, max_mfn);
}

/* Xen's test-mem-claim, step by step. */
static void test_claim_arithmetic(void)
{
    xc_domaininfo_t info;
    xen_pfn_t gfn = 0;
    uint32_t domid;

    printf("Test: claim, populate, destroy arithmetic\n");

    if ( outstanding_pages() != 0 )
        fail("outstanding claims before the test");

    if ( create_domain(&domid) )
        return;

    if ( outstanding_pages() != 0 )
        fail("creating a domain made a claim");

    if ( xc_domain_setmaxmem(xch, domid, -1) )
        fail("xc_domain_setmaxmem: %s", strerror(errno));

    if ( xc_domain_claim_pages(xch, domid, MB_PAGES(4)) )
        fail("claim 4 MiB: %s", strerror(errno));
    if ( outstanding_pages() != MB_PAGES(4) )
        fail("outstanding %"PRIu64" after claiming %lu",
             outstanding_pages(), MB_PAGES(4));
    if ( !domain_info(domid, &info) &&
         info.outstanding_pages != MB_PAGES(4) )
        fail("domain outstanding %"PRIu64, (uint64_t)info.outstanding_pages);

    /* One claim per domain: a second non-zero claim is refused. */
    expect_errno("second claim", xc_domain_claim_pages(xch, domid, 2048),
                 EINVAL);

    if ( xc_domain_populate_physmap_exact(xch, domid, 1, 9, 0, &gfn) )
        fail("populate 2 MiB: %s", strerror(errno));
    if ( outstanding_pages() != MB_PAGES(2) )
        fail("outstanding %"PRIu64" after populating 2 MiB of 4",
             outstanding_pages());
    if ( !domain_info(domid, &info) && info.tot_pages != MB_PAGES(2) )
        fail("tot_pages %"PRIu64, (uint64_t)info.tot_pages);

    destroy_domain(domid);
    if ( outstanding_pages() != 0 )
        fail("destroy left %"PRIu64" pages claimed", outstanding_pages());
    expect_errno("getinfo after destroy",
                 xc_domain_getinfo_single(xch, domid, NULL), ESRCH);
}

static void test_claim_errors(void)
{
    struct xen_memory_reservation cancel = { .nr_extents = 0 };
    xc_physinfo_t phys = { 0 };
    uint32_t domid;

    printf("Test: claim errors and cancellation\n");

    expect_errno("claim for a missing domain",
                 xc_domain_claim_pages(xch, DOMID_FIRST_RESERVED - 1, 1),
                 EINVAL);

    if ( create_domain(&domid) )
        return;

    /* max_pages is 0 until set, so any claim is above it. */
    expect_errno("claim above max_pages",
                 xc_domain_claim_pages(xch, domid, 16), EINVAL);

    if ( xc_domain_setmaxmem(xch, domid, -1) || xc_physinfo(xch, &phys) )
        fail("setup: %s", strerror(errno));

    expect_errno("claim beyond free memory",
                 xc_domain_claim_pages(xch, domid,
                                       phys.free_pages + MB_PAGES(4)),
                 ENOMEM);

    if ( xc_domain_claim_pages(xch, domid, 64) )
        fail("claim 64: %s", strerror(errno));

    /* Cancel through the raw memory_op, as a tool using xc_memory_op. */
    cancel.domid = domid;
    if ( xc_memory_op(xch, XENMEM_claim_pages, &cancel, sizeof(cancel)) )
        fail("raw cancel: %s", strerror(errno));
    if ( outstanding_pages() != 0 )
        fail("cancel left a claim");
    if ( xc_domain_claim_pages(xch, domid, 0) )
        fail("cancel without a claim: %s", strerror(errno));

    destroy_domain(domid);
}

static void test_reservations(void)
{
    xen_pfn_t gfns[32], more[2] = { 0 };
    xc_domaininfo_t info;
    uint64_t base;
    uint32_t domid;
    unsigned int i;
    int rc;

    printf("Test: populate, increase and decrease reservation\n");

    if ( create_domain(&domid) || domain_info(domid, &info) )
        return;
    base = info.tot_pages;

    /* Allow exactly 16 more pages: a 32-extent populate stops short. */
    if ( xc_domain_setmaxmem(xch, domid, (base + 16) * (XC_PAGE_SIZE >> 10)) )
        fail("setmaxmem: %s", strerror(errno));

    for ( i = 0; i < 32; i++ )
        gfns[i] = 0x100 + i;
    rc = xc_domain_populate_physmap(xch, domid, 32, 0, 0, gfns);
    if ( rc != 16 )
        fail("short populate returned %d, expected 16", rc);

    for ( i = 0; i < 32; i++ )
        gfns[i] = 0x200 + i;
    expect_errno("populate_exact beyond max",
                 xc_domain_populate_physmap_exact(xch, domid, 1, 0, 0, gfns),
                 EBUSY);
    expect_errno("increase_exact beyond max",
                 xc_domain_increase_reservation_exact(xch, domid, 1, 0, 0,
                                                      NULL),
                 ENOMEM);

    if ( xc_domain_setmaxmem(xch, domid, -1) )
        fail("setmaxmem: %s", strerror(errno));

    rc = xc_domain_increase_reservation(xch, domid, 2, 0, 0, more);
    if ( rc != 2 )
        fail("increase_reservation returned %d: %s", rc, strerror(errno));
    if ( xc_domain_increase_reservation_exact(xch, domid, 1, 0, 0, NULL) )
        fail("increase_reservation_exact: %s", strerror(errno));
    if ( !domain_info(domid, &info) && info.tot_pages != base + 16 + 3 )
        fail("tot_pages %"PRIu64", expected %"PRIu64,
             (uint64_t)info.tot_pages, base + 19);

    for ( i = 0; i < 4; i++ )
        gfns[i] = 0x100 + i;
    rc = xc_domain_decrease_reservation(xch, domid, 2, 0, gfns);
    if ( rc != 2 )
        fail("decrease_reservation returned %d: %s", rc, strerror(errno));
    if ( xc_domain_decrease_reservation_exact(xch, domid, 2, 0, gfns + 2) )
        fail("decrease_reservation_exact: %s", strerror(errno));
    if ( !domain_info(domid, &info) && info.tot_pages != base + 15 )
        fail("tot_pages %"PRIu64" after freeing 4, expected %"PRIu64,
             (uint64_t)info.tot_pages, base + 15);

    /* Freeing what is no longer there is short, hence EINVAL. */
    expect_errno("decrease_exact of a freed gfn",
                 xc_domain_decrease_reservation_exact(xch, domid, 1, 0, gfns),
                 EINVAL);
    expect_errno("decrease with NULL array",
                 xc_domain_decrease_reservation(xch, domid, 1, 0, NULL),
                 EINVAL);

    destroy_domain(domid);
}

static void test_lifecycle(void)
{
    xc_domaininfo_t info, list[64];
    uint32_t a, b;
    int i, n;

    printf("Test: pause, unpause, getinfo and getinfolist\n");

    if ( create_domain(&a) || create_domain(&b) )
        return;

    if ( xc_domain_unpause(xch, a) )
        fail("unpause: %s", strerror(errno));
    if ( xc_domain_pause(xch, a) )
        fail("pause: %s", strerror(errno));
    if ( !domain_info(a, &info) )
    {
        if ( !(info.flags & XEN_DOMINF_paused) )
            fail("paused domain not flagged paused");
        if ( info.domain != a )
            fail("getinfo_single reported dom%u for dom%u", info.domain, a);
    }

    n = xc_domain_getinfolist(xch, 0, 64, list);
    if ( n < 3 )
        fail("getinfolist found %d domains", n);
    for ( i = 1; i < n; i++ )
        if ( list[i].domain <= list[i - 1].domain )
            fail("getinfolist out of order at %d", i);
    if ( n > 0 && list[0].domain != 0 )
        fail("getinfolist does not start at dom0");

    n = xc_domain_getinfolist(xch, b, 1, list);
    if ( n != 1 || list[0].domain != b )
        fail("getinfolist(from dom%u) = %d", b, n);

    expect_errno("pause missing domain",
                 xc_domain_pause(xch, DOMID_FIRST_RESERVED - 1), ESRCH);
    expect_errno("destroy missing domain",
                 xc_domain_destroy(xch, DOMID_FIRST_RESERVED - 1), ESRCH);
    expect_errno("getinfo missing domain",
                 xc_domain_getinfo_single(xch, DOMID_FIRST_RESERVED - 1,
                                          &info), ESRCH);

    destroy_domain(a);
    destroy_domain(b);
}

static void test_raw_calls(void)
{
    struct xen_domctl domctl = {
        .cmd = XEN_DOMCTL_getdomaininfo,
        .domain = 0,
    };
    struct xen_sysctl sysctl = { .cmd = XEN_SYSCTL_physinfo };

    printf("Test: xc_domctl and xc_sysctl\n");

    if ( xc_domctl(xch, &domctl) )
        fail("xc_domctl(getdomaininfo): %s", strerror(errno));
    else if ( domctl.u.getdomaininfo.domain != 0 ||
              domctl.interface_version != XEN_DOMCTL_INTERFACE_VERSION )
        fail("xc_domctl result");

    if ( xc_sysctl(xch, &sysctl) )
        fail("xc_sysctl(physinfo): %s", strerror(errno));
    else if ( !sysctl.u.physinfo.total_pages ||
              sysctl.interface_version != XEN_SYSCTL_INTERFACE_VERSION )
        fail("xc_sysctl result");
}

static void test_error_reporting(void)
{
    const xc_error *err;

    printf("Test: error reporting helpers\n");

    if ( !xc_error_code_to_desc(XC_INTERNAL_ERROR) ||
         !xc_error_code_to_desc(12345) )
        fail("xc_error_code_to_desc returned NULL");
    if ( !xc_strerror(xch, ENOMEM) || !*xc_strerror(xch, ENOMEM) )
        fail("xc_strerror");

    xc_clear_last_error(xch);
    err = xc_get_last_error(xch);
    if ( !err || err->code != XC_ERROR_NONE )
        fail("last error not cleared");
}

/* A caller-supplied logger: the vtable first, then its own state. */
struct counting_logger {
    xentoollog_logger vtable;
    unsigned int nr_messages;
    char context[16];
};

static void counting_vmessage(xentoollog_logger *logger,
                              xentoollog_level level, int errnoval,
                              const char *context, const char *format,
                              va_list al)
{
    struct counting_logger *lg = (struct counting_logger *)logger;

    (void)level; (void)errnoval; (void)format; (void)al;
    lg->nr_messages++;
    snprintf(lg->context, sizeof(lg->context), "%s", context ? context : "");
}

static void counting_destroy(xentoollog_logger *logger)
{
    (void)logger;
}

static void test_loggers(void)
{
    struct counting_logger counting = {
        .vtable = {
            .vmessage = counting_vmessage,
            .destroy = counting_destroy,
        },
    };
    xentoollog_logger_stdiostream *stdio;
    xc_interface *lxch;
    xen_pfn_t gfn = 0x10;
    char line[256] = "";
    uint32_t domid;
    FILE *f;

    printf("Test: caller loggers and the stdio logger\n");

    lxch = xc_interface_open((xentoollog_logger *)&counting, NULL, 0);
    if ( !lxch )
    {
        fail("open with a logger: %s", strerror(errno));
        return;
    }

    /* A short _exact populate is reported through the handle's logger. */
    if ( create_domain(&domid) )
        goto out;
    expect_errno("populate_exact without max_mem",
                 xc_domain_populate_physmap_exact(lxch, domid, 1, 0, 0,
                                                  &gfn), EBUSY);
    if ( !counting.nr_messages || strcmp(counting.context, "xc") )
        fail("logger got %u messages, context '%s'", counting.nr_messages,
             counting.context);
    destroy_domain(domid);

    f = tmpfile();
    stdio = f ? xtl_createlogger_stdiostream(f, XTL_WARN, 0) : NULL;
    if ( !stdio )
    {
        fail("xtl_createlogger_stdiostream");
        goto out;
    }
    xtl_log((xentoollog_logger *)stdio, XTL_INFO, -1, "t", "hidden");
    xtl_stdiostream_set_minlevel(stdio, XTL_DEBUG);
    xtl_stdiostream_adjust_flags(stdio, XTL_STDIOSTREAM_HIDE_PROGRESS, 0);
    xtl_log((xentoollog_logger *)stdio, XTL_ERROR, ENOENT, "t", "shown %d",
            42);
    xtl_progress((xentoollog_logger *)stdio, "t", "work", 0, 10);
    xtl_logger_destroy((xentoollog_logger *)stdio);

    rewind(f);
    if ( !fgets(line, sizeof(line), f) || !strstr(line, "shown 42") ||
         !strstr(line, xtl_level_to_string(XTL_ERROR)) ||
         fgets(line, sizeof(line), f) )
        fail("stdio logger wrote '%s'", line);
    fclose(f);

 out:
    xc_interface_close(lxch);
}

/* One toolstack build per thread, all through the shared handle. */
static void *build_thread(void *arg)
{
    xen_pfn_t gfns[64];
    xc_domaininfo_t info;
    uint32_t domid;
    unsigned int done, i;

    (void)arg;

    if ( create_domain(&domid) )
        return NULL;

    if ( xc_domain_setmaxmem(xch, domid, -1) ||
         xc_domain_claim_pages(xch, domid, THREAD_PAGES) )
        fail("dom%u setup: %s", domid, strerror(errno));

    for ( done = 0; done < THREAD_PAGES; done += 64 )
    {
        for ( i = 0; i < 64; i++ )
            gfns[i] = done + i;
        if ( xc_domain_populate_physmap_exact(xch, domid, 64, 0, 0, gfns) )
            fail("dom%u populate at %u: %s", domid, done, strerror(errno));
    }

    if ( !domain_info(domid, &info) &&
         (info.tot_pages != THREAD_PAGES || info.outstanding_pages) )
        fail("dom%u: tot %"PRIu64" outstanding %"PRIu64, domid,
             (uint64_t)info.tot_pages, (uint64_t)info.outstanding_pages);

    destroy_domain(domid);
    return NULL;
}

static void test_threads(void)
{
    pthread_t threads[NR_THREADS];
    unsigned int i;

    printf("Test: parallel builds on one handle\n");

    for ( i = 0; i < NR_THREADS; i++ )
        if ( pthread_create(&threads[i], NULL, build_thread, NULL) )
            fail("pthread_create");
    for ( i = 0; i < NR_THREADS; i++ )
        pthread_join(threads[i], NULL);

    if ( outstanding_pages() != 0 )
        fail("claims left after parallel builds");
}

int main(void)
{
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch )
    {
        printf("FAIL xc_interface_open: %s\n", strerror(errno));
        return 1;
    }

    test_open_close();
    test_physinfo();
    test_claim_arithmetic();
    test_claim_errors();
    test_reservations();
    test_lifecycle();
    test_raw_calls();
    test_error_reporting();
    test_loggers();
    test_threads();

    xc_interface_close(xch);

    printf("%u failure(s)\n", nr_failures);
    return !!nr_failures;
}
