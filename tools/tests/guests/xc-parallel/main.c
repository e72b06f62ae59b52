/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xc-parallel: the dom0 toolstack of `make run`.  It builds several
 * guests at once, one toolstack vCPU per guest, on a machine that cannot
 * hold them all, and shows what claims change.
 *
 *   1. (time=<MiB>) Build a guest of that size alone, with and without a
 *      claim, runs=<n> times each, and print the median build times
 *      (create -> setmaxmem -> [claim] -> populate in 2 MiB extents).
 *   2. Start guests=<n> builder vCPUs at once.  Builder i creates a domain
 *      of mem=<MiB> with one vCPU, stakes a claim for all of it (unless
 *      claims=off), populates it, loads boot module i + 1 into it and
 *      unpauses it.  With claims a build either fails at once at claim
 *      time or completes; without, builds race for the same free memory
 *      and fail late, after populating part of their memory, which the
 *      toolstack reports per failed build before destroying it.
 *   3. While the built guests run (the tmem guests: cleancache and
 *      frontswap), sample each one's pages and tmem use (TMEMC_LIST).
 *      When all have shut down, print the summary table (per domain
 *      pages, claim, tmem peak; global free and outstanding pages),
 *      destroy them and check every page came back.
 *
 * Command line: guests=<n> (1..7, default 4), mem=<MiB> (default 384),
 * claims=on|off (default on), time=<MiB> (default 0: skip step 1),
 * runs=<n> (default 3), expect=<n> (if given: the number of builds that
 * must complete), hog (the builders leave their guests paused; dom0
 * then takes every page it can get for itself before unpausing them and
 * gives them back at the end: a claimed guest must run to the end
 * although no unclaimed memory is left, its page tables coming from the
 * metadata its claim reserved).  The verdict is SUCCESS when every build
 * behaved as its mode promises (with claims: no build failed after its
 * claim; and expect= held) and every guest that ran shut down with
 * poweroff.
 */

#include <xenctrl.h>
#include <xen/tmem.h>

#include "guest.h"

#define MAX_GUESTS              (GUEST_MAX_VCPUS - 1)
#define MAX_EXTENTS             2048            /* 4 GiB of 2 MiB extents */
#define MAX_RUNS                9
#define WAIT_YIELDS             20000000UL
#define LIST_SIZE               1024

enum stage { ST_NONE, ST_CLAIM, ST_POPULATE, ST_LOAD, ST_RUNNING };

static const char *const stage_names[] = {
    [ST_NONE] = "create", [ST_CLAIM] = "claim", [ST_POPULATE] = "populate",
    [ST_LOAD] = "load", [ST_RUNNING] = "built",
};

struct guest {
    unsigned int idx;
    uint32_t domid;
    enum stage failed_at;       /* ST_RUNNING: the build completed */
    int err;                    /* errno of the failed step */
    unsigned long pages;        /* populated (at failure, or at the end) */
    uint64_t t_start, t_end;    /* TSC */
    uint64_t t_claim;           /* TSC ticks in xc_domain_claim_pages() */
    bool shut_down;
    unsigned int reason;
    unsigned long eph_peak, pers_peak;
    xen_pfn_t extents[MAX_EXTENTS];
};

extern __thread int errno;      /* the guest libc's, per vCPU */

static struct guest guests[MAX_GUESTS];
static unsigned int nr_guests = 4, mib = 384, time_mib, nr_runs = 3;
static int expect_built = -1;
static bool use_claims = true, hog;
static unsigned long hog_pages;
static xen_pfn_t hog_gfns[1024];
static xc_interface *xch;
static uint64_t tsc_khz;
static volatile bool go;
static xc_physinfo_t after_builds;

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static unsigned long tsc_to_ms(uint64_t t)
{
    return tsc_khz ? (unsigned long)(t / tsc_khz) : 0;
}

static unsigned long tsc_to_us(uint64_t t)
{
    return tsc_khz ? (unsigned long)(t * 1000 / tsc_khz) : 0;
}

static void physinfo(xc_physinfo_t *pi)
{
    if ( xc_physinfo(xch, pi) )
    {
        guest_error("Error: xc_physinfo: errno %d\n", errno);
        memset(pi, 0, sizeof(*pi));
    }
}

static unsigned long tot_pages(uint32_t domid)
{
    xc_domaininfo_t info;

    return xc_domain_getinfo_single(xch, domid, &info) ? 0
                                                       : info.tot_pages;
}

/*
 * Create a domain of 'pages' and populate it in 2 MiB extents, with a
 * claim first if 'claim'.  Records the stage that failed (ST_LOAD when
 * all went well) and the pages populated in g.
 */
static void create_and_populate(struct guest *g, unsigned long pages,
                                bool claim)
{
    struct xen_domctl_createdomain config = { .max_vcpus = 1 };
    unsigned long i, nr = pages >> 9;

    g->domid = DOMID_ANY;
    g->failed_at = ST_NONE;
    if ( xc_domain_create(xch, &g->domid, &config) )
        goto fail;
    if ( xc_domain_setmaxmem(xch, g->domid, pages * 4) )
        goto fail;
    g->failed_at = ST_CLAIM;
    g->t_claim = rdtsc();
    if ( claim && xc_domain_claim_pages(xch, g->domid, pages) )
        goto fail;
    g->t_claim = rdtsc() - g->t_claim;
    g->failed_at = ST_POPULATE;
    for ( i = 0; i < nr; i++ )
        g->extents[i] = i << 9;
    if ( xc_domain_populate_physmap_exact(xch, g->domid, nr, 9, 0,
                                          g->extents) )
        goto fail;
    g->failed_at = ST_LOAD;
    g->pages = pages;
    return;

 fail:
    g->err = errno;
    g->pages = g->domid == DOMID_ANY ? 0 : tot_pages(g->domid);
}

/* Builder vCPU: build guest g from boot module g->idx + 1. */
static void build(void *arg)
{
    struct guest *g = arg;
    struct xen_domctl op = { .cmd = XEN_DOMCTL_load_module };

    while ( !__atomic_load_n(&go, __ATOMIC_ACQUIRE) )
        hypercall_yield();
    g->t_start = rdtsc();
    create_and_populate(g, (unsigned long)mib << 8, use_claims);
    if ( g->failed_at == ST_LOAD )
    {
        op.domain = g->domid;
        op.u.load_module.module = g->idx + 1;
        if ( !xc_domctl(xch, &op) &&
             (hog || !xc_domain_unpause(xch, g->domid)) )
            g->failed_at = ST_RUNNING;
        else
            g->err = errno;
    }
    g->t_end = rdtsc();
    if ( g->failed_at != ST_RUNNING && g->domid != DOMID_ANY &&
         xc_domain_destroy(xch, g->domid) )
        guest_error("Error: destroying d%u: errno %d\n", g->domid, errno);
}

static int cmp_u64(uint64_t a, uint64_t b)
{
    return a < b ? -1 : a > b;
}

static uint64_t median(uint64_t *v, unsigned int n)
{
    unsigned int i, j;

    for ( i = 1; i < n; i++ )
        for ( j = i; j && cmp_u64(v[j - 1], v[j]) > 0; j-- )
        {
            uint64_t t = v[j];

            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    return v[n / 2];
}

/* One build of time_mib for step 1; destroys it.  Ticks taken. */
static uint64_t timed_build(struct guest *g, bool claim)
{
    uint64_t t0 = rdtsc(), t;

    create_and_populate(g, (unsigned long)time_mib << 8, claim);
    t = rdtsc() - t0;
    if ( g->failed_at != ST_LOAD )
        guest_failure("Fail: timing build (%s claim) failed at %s: errno "
                      "%d\n", claim ? "with" : "without",
                      stage_names[g->failed_at], g->err);
    if ( g->domid != DOMID_ANY && xc_domain_destroy(xch, g->domid) )
        guest_error("Error: destroying d%u\n", g->domid);
    return t;
}

/*
 * Step 1: one guest of time_mib alone, with and without a claim,
 * alternating which goes first, after one untimed build (the emulator's
 * first touch of guest RAM is not the hypervisor's cost).  Each build
 * allocates the frames the previous one freed, so it also pays for
 * scrubbing them.
 */
static void time_single_build(void)
{
    static struct guest g;
    uint64_t t[2][MAX_RUNS], claim_t[MAX_RUNS];
    unsigned int claim, r, i;

    timed_build(&g, false);
    for ( r = 0; r < nr_runs; r++ )
        for ( i = 0; i < 2; i++ )
        {
            claim = (r + i) & 1;
            t[claim][r] = timed_build(&g, claim);
            if ( claim )
                claim_t[r] = g.t_claim;
        }
    printk("Build of a %u MiB guest (create, setmaxmem, [claim], populate "
           "in 2 MiB extents), median of %u:\n", time_mib, nr_runs);
    printk("  with a claim:    %lu ms (the claim call: %lu us)\n",
           tsc_to_ms(median(t[1], nr_runs)),
           tsc_to_us(median(claim_t, nr_runs)));
    printk("  without a claim: %lu ms\n", tsc_to_ms(median(t[0], nr_runs)));
}

/*
 * Average cost of the toolstack calls a build makes besides populating,
 * over HC_LOOPS calls each: physinfo (a trivial hypercall), claim and
 * cancel of time_mib on an empty domain.
 */
#define HC_LOOPS                100

static void time_calls(void)
{
    struct xen_domctl_createdomain config = { .max_vcpus = 1 };
    uint32_t domid = DOMID_ANY;
    uint64_t t0, t_pi = 0, t_claim = 0, t_cancel = 0;
    xc_physinfo_t pi;
    unsigned int i;

    if ( xc_domain_create(xch, &domid, &config) ||
         xc_domain_setmaxmem(xch, domid, (uint64_t)time_mib << 10) )
    {
        guest_error("Error: scratch domain: errno %d\n", errno);
        return;
    }
    for ( i = 0; i < HC_LOOPS; i++ )
    {
        t0 = rdtsc();
        xc_physinfo(xch, &pi);
        t_pi += rdtsc() - t0;
        t0 = rdtsc();
        if ( xc_domain_claim_pages(xch, domid, (unsigned long)time_mib << 8) )
            guest_failure("Fail: claim: errno %d\n", errno);
        t_claim += rdtsc() - t0;
        t0 = rdtsc();
        if ( xc_domain_claim_pages(xch, domid, 0) )
            guest_failure("Fail: cancel: errno %d\n", errno);
        t_cancel += rdtsc() - t0;
    }
    xc_domain_destroy(xch, domid);
    printk("Toolstack calls, mean of %u: physinfo %lu us, claim %lu us, "
           "cancel %lu us\n", HC_LOOPS, tsc_to_us(t_pi / HC_LOOPS),
           tsc_to_us(t_claim / HC_LOOPS), tsc_to_us(t_cancel / HC_LOOPS));
}

/* Step 2: every builder at once.  Returns the number of guests built. */
static unsigned int parallel_builds(void)
{
    unsigned int i, built = 0;
    long rc;

    for ( i = 0; i < nr_guests; i++ )
    {
        guests[i].idx = i;
        rc = guest_vcpu_start(i + 1, build, &guests[i]);
        if ( rc )
        {
            guest_error("Error: starting builder vCPU %u: %ld\n", i + 1,
                        rc);
            return 0;
        }
    }
    __atomic_store_n(&go, true, __ATOMIC_RELEASE);
    for ( i = 0; i < nr_guests; i++ )
        guest_vcpu_wait(i + 1);

    physinfo(&after_builds);
    printk("Parallel builds (%u guests of %u MiB, %s claims):\n", nr_guests,
           mib, use_claims ? "with" : "without");
    for ( i = 0; i < nr_guests; i++ )
    {
        struct guest *g = &guests[i];
        unsigned long ms = tsc_to_ms(g->t_end - g->t_start);

        if ( g->failed_at == ST_RUNNING )
        {
            built++;
            printk("  guest %u: d%u built, %lu pages, %lu ms\n", i,
                   g->domid, g->pages, ms);
            continue;
        }
        printk("  guest %u: failed at %s (errno %d) after populating %lu "
               "pages, %lu ms\n", i, stage_names[g->failed_at], g->err,
               g->pages, ms);
        if ( use_claims && g->failed_at != ST_CLAIM )
            guest_failure("Fail: guest %u failed after its claim "
                          "succeeded\n", i);
    }
    return built;
}

/*
 * hog: take every free page dom0 can get, at gfns above its own memory,
 * 4 KiB at a time (1024 per call), and count them; then unpause the
 * built guests.
 */
#define HOG_BASE_GFN            (1UL << 24)

static void hog_memory_and_unpause(void)
{
    xen_pfn_t gfn = HOG_BASE_GFN;
    unsigned int i;
    xc_physinfo_t pi;
    int n;

    if ( xc_domain_setmaxmem(xch, 0, ~0UL >> 12) )
        guest_error("Error: setmaxmem d0: errno %d\n", errno);
    do {
        for ( i = 0; i < ARRAY_SIZE(hog_gfns); i++ )
            hog_gfns[i] = gfn + i;
        n = xc_domain_populate_physmap(xch, 0, ARRAY_SIZE(hog_gfns), 0, 0,
                                       hog_gfns);
        if ( n > 0 )
        {
            gfn += (unsigned int)n;
            hog_pages += (unsigned int)n;
        }
    } while ( n == (int)ARRAY_SIZE(hog_gfns) );
    physinfo(&pi);
    printk("dom0 took %lu free pages: %lu left free, %lu outstanding\n",
           hog_pages, (unsigned long)pi.free_pages,
           (unsigned long)pi.outstanding_pages);
    for ( i = 0; i < nr_guests; i++ )
        if ( guests[i].failed_at == ST_RUNNING &&
             xc_domain_unpause(xch, guests[i].domid) )
            guest_error("Error: unpause d%u: errno %d\n", guests[i].domid,
                        errno);
}

/* Give back what hog_memory_and_unpause() took. */
static void hog_release(void)
{
    xen_pfn_t gfn = HOG_BASE_GFN;
    unsigned long left = hog_pages;
    int rc;

    while ( left )
    {
        unsigned int i, n = left < ARRAY_SIZE(hog_gfns)
                            ? (unsigned int)left : ARRAY_SIZE(hog_gfns);

        for ( i = 0; i < n; i++ )
            hog_gfns[i] = gfn + i;
        rc = xc_domain_decrease_reservation(xch, 0, n, 0, hog_gfns);
        if ( rc != (int)n )
        {
            guest_error("Error: giving back dom0's pages: %d of %u\n", rc,
                        n);
            break;
        }
        gfn += n;
        left -= n;
    }
}

/* "Ec:<n>,Pc:<n>" of client domid from TMEMC_LIST, into *eph, *pers. */
static void tmem_use(uint32_t domid, unsigned long *eph,
                     unsigned long *pers)
{
    static char buf[LIST_SIZE];
    const char *c, *p;

    *eph = *pers = 0;
    if ( xc_tmem_control(xch, -1, TMEMC_LIST, domid, sizeof(buf), 0, 0,
                         buf) < 0 )
        return;
    buf[LIST_SIZE - 1] = '\0';
    for ( c = buf; *c && strncmp(c, "C=CI:", 5); c++ )
        continue;
    for ( p = c; *p && *p != '\n'; p++ )
    {
        unsigned long *dst = !strncmp(p, "Ec:", 3) ? eph :
                             !strncmp(p, "Pc:", 3) ? pers : NULL;

        if ( !dst )
            continue;
        for ( p += 3, *dst = 0; *p >= '0' && *p <= '9'; p++ )
            *dst = *dst * 10 + (unsigned long)(*p - '0');
        p--;
    }
}

/* Step 3: watch the running guests until all have shut down. */
static void watch_guests(void)
{
    unsigned long y, eph, pers;
    unsigned int i, left = 0;
    xc_domaininfo_t info;

    for ( i = 0; i < nr_guests; i++ )
        left += guests[i].failed_at == ST_RUNNING;
    for ( y = 0; left && y < WAIT_YIELDS; y++ )
    {
        for ( i = 0; i < nr_guests; i++ )
        {
            struct guest *g = &guests[i];

            if ( g->failed_at != ST_RUNNING || g->shut_down )
                continue;
            tmem_use(g->domid, &eph, &pers);
            g->eph_peak = eph > g->eph_peak ? eph : g->eph_peak;
            g->pers_peak = pers > g->pers_peak ? pers : g->pers_peak;
            if ( xc_domain_getinfo_single(xch, g->domid, &info) ||
                 !(info.flags & XEN_DOMINF_shutdown) )
                continue;
            g->shut_down = true;
            g->reason = (info.flags >> XEN_DOMINF_shutdownshift) &
                        XEN_DOMINF_shutdownmask;
            g->pages = info.tot_pages;
            left--;
        }
        hypercall_yield();
    }
    if ( left )
        guest_failure("Fail: %u guests still running\n", left);
}

static void summary(void)
{
    xc_physinfo_t pi;
    xc_domaininfo_t info;
    unsigned int i;

    physinfo(&pi);
    printk("Summary (%s claims):\n", use_claims ? "with" : "without");
    printk("  %-6s %-20s %8s %8s %11s %11s %11s\n", "domain", "result",
           "claim", "pages", "outstanding", "tmem eph", "tmem pers");
    for ( i = 0; i < nr_guests; i++ )
    {
        const struct guest *g = &guests[i];
        char result[32];

        if ( g->failed_at != ST_RUNNING )
        {
            snprintf(result, sizeof(result), "failed at %s",
                     stage_names[g->failed_at]);
            printk("  %-6s %-20s %8s %8lu %11s %11s %11s\n", "-", result,
                   !use_claims ? "-" :
                   g->failed_at > ST_CLAIM ? "yes" : "refused",
                   g->pages, "-", "-", "-");
            continue;
        }
        snprintf(result, sizeof(result), "ran, %s",
                 g->reason == SHUTDOWN_poweroff ? "poweroff" :
                 g->reason == SHUTDOWN_crash ? "crash" : "other");
        if ( xc_domain_getinfo_single(xch, g->domid, &info) )
            memset(&info, 0, sizeof(info));
        printk("  d%-5u %-20s %8s %8lu %11lu %6lu peak %6lu peak\n",
               g->domid, result, use_claims ? "yes" : "-",
               (unsigned long)info.tot_pages,
               (unsigned long)info.outstanding_pages, g->eph_peak,
               g->pers_peak);
        if ( g->reason != SHUTDOWN_poweroff )
            guest_failure("Fail: d%u shut down with reason %u\n", g->domid,
                          g->reason);
    }
    printk("  machine: %lu pages total; after the builds %lu free, %lu "
           "outstanding; now %lu free, %lu outstanding\n",
           (unsigned long)pi.total_pages,
           (unsigned long)after_builds.free_pages,
           (unsigned long)after_builds.outstanding_pages,
           (unsigned long)pi.free_pages,
           (unsigned long)pi.outstanding_pages);
}

static void destroy_all(void)
{
    unsigned int i;

    for ( i = 0; i < nr_guests; i++ )
        if ( guests[i].failed_at == ST_RUNNING &&
             xc_domain_destroy(xch, guests[i].domid) )
            guest_error("Error: destroying d%u: errno %d\n",
                        guests[i].domid, errno);
}

const char test_title[] = "xc-parallel: parallel domain builds with "
                          "claims, tmem guests, summary";

void test_main(void)
{
    xc_physinfo_t before, after;
    unsigned int built;

    nr_guests = (unsigned int)cmdline_ulong("guests", nr_guests);
    mib = (unsigned int)cmdline_ulong("mem", mib);
    time_mib = (unsigned int)cmdline_ulong("time", 0);
    nr_runs = (unsigned int)cmdline_ulong("runs", nr_runs);
    expect_built = (int)cmdline_ulong("expect", ~0UL);
    use_claims = !cmdline_has("claims=off");
    hog = cmdline_has("hog");
    if ( !nr_guests || nr_guests > MAX_GUESTS || !mib ||
         mib / 2 > MAX_EXTENTS || time_mib / 2 > MAX_EXTENTS ||
         !nr_runs || nr_runs > MAX_RUNS )
    {
        guest_error("Error: bad guests=, mem=, time= or runs=\n");
        return;
    }
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch )
    {
        guest_failure("Fail: xc_interface_open: errno %d\n", errno);
        return;
    }
    physinfo(&before);
    tsc_khz = before.cpu_khz;
    printk("Machine: %lu pages total, %lu free; %u toolstack vCPUs\n",
           (unsigned long)before.total_pages,
           (unsigned long)before.free_pages, nr_guests + 1);

    if ( time_mib )
    {
        time_calls();
        time_single_build();
    }
    built = parallel_builds();
    if ( expect_built >= 0 && built != (unsigned int)expect_built )
        guest_failure("Fail: %u builds completed, expected %d\n", built,
                      expect_built);
    if ( hog )
        hog_memory_and_unpause();
    watch_guests();
    summary();
    destroy_all();
    if ( hog )
        hog_release();
    physinfo(&after);
    printk("Free pages: %lu before the builds, %lu after the destroys\n",
           (unsigned long)before.free_pages,
           (unsigned long)after.free_pages);
    if ( after.outstanding_pages )
        guest_failure("Fail: %lu pages still claimed\n",
                      (unsigned long)after.outstanding_pages);
    xc_interface_close(xch);
    guest_success(NULL);
}
