/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test-guest-copy: the guest copy routines (xen/common/guestcopy.c)
 * that every hypercall pointer goes through.  guest-copy-fixture.c calls
 * copy_to_domain(), copy_from_domain() and raw_copy_*() for the test and
 * reads the frames behind a domain's gfns directly, so each copy can be
 * checked byte for byte against what landed (or did not) in memory.
 *
 * The contract under test: a copy moves bytes page by page through the
 * p2m and returns the number of bytes NOT copied, stopping at the first
 * page that is outside the guest linear map, unmapped, or faulted by the
 * test hook; it never touches anything else.
 *
 * Each test makes a domain with gfns 0..7 and 9..15 populated (8 is a
 * hole) and destroys it at the end.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "guest-copy-fixture.h"
#include "harness.h"
#include "hosted-api.h"
#include "xenctrl.h"

#define BOOT_CMDLINE    "mem=128M dom0_mem=16M"
#define PAGE            4096UL
#define HOLE            8           /* the unpopulated gfn */
#define NR_GFNS         16          /* gfns 0..15 but the hole */

static xc_interface *xch;

/* Guest virtual address of byte off of gfn g. */
static unsigned long gva(unsigned long g, unsigned long off)
{
    return gcf_linear_base() + g * PAGE + off;
}

/* A recognisable pattern without zero bytes, different per seed. */
static void pattern(unsigned char *p, unsigned long len, unsigned int seed)
{
    unsigned long i;

    for ( i = 0; i < len; i++ )
        p[i] = (unsigned char)(1 + (seed * 31 + i * 7 + (i >> 9)) % 255);
}

/* The copy domain: gfns 0..15 but HOLE, plus the last gfn; 0 if none. */
static uint32_t new_domain(void)
{
    struct xen_domctl_createdomain c = { .max_vcpus = 2 };
    xen_pfn_t gfns[NR_GFNS];
    uint32_t domid = 0;
    unsigned int i, n = 0;

    for ( i = 0; i < NR_GFNS; i++ )
        if ( i != HOLE )
            gfns[n++] = i;
    gfns[n++] = gcf_p2m_max_gfn();
    if ( !check_eq(xc_domain_create(xch, &domid, &c), 0) )
        return 0;
    if ( !check_eq(xc_domain_setmaxmem(xch, domid, 64 * 4), 0) ||
         !check_eq(xc_domain_populate_physmap_exact(xch, domid, n, 0, 0,
                                                    gfns), 0) )
    {
        xc_domain_destroy(xch, domid);
        return 0;
    }
    return domid;
}

static void destroy(uint32_t domid)
{
    if ( xc_domain_destroy(xch, domid) )
        fail("cannot destroy d%u: errno %d", domid, errno);
}

/*
 * Read len bytes at guest address a of domid straight from the frames
 * (a hole reads as 0xee).  Independent of the copy routines.
 */
static void frames_read(uint32_t domid, unsigned long a, void *dst,
                        unsigned long len)
{
    unsigned char *p = dst;

    while ( len )
    {
        unsigned long g = (a - gcf_linear_base()) / PAGE, off = a % PAGE;
        unsigned long n = PAGE - off < len ? PAGE - off : len;

        if ( gcf_frame_read(domid, g, off, p, n) )
            memset(p, 0xee, n);
        a += n;
        p += n;
        len -= n;
    }
}

/* Write len bytes at guest address a of domid straight to the frames. */
static void frames_write(uint32_t domid, unsigned long a, const void *src,
                         unsigned long len)
{
    const unsigned char *p = src;

    while ( len )
    {
        unsigned long g = (a - gcf_linear_base()) / PAGE, off = a % PAGE;
        unsigned long n = PAGE - off < len ? PAGE - off : len;

        gcf_frame_write(domid, g, off, p, n);
        a += n;
        p += n;
        len -= n;
    }
}

/* Are the len bytes at guest address a of domid all zero? */
static bool frames_zero(uint32_t domid, unsigned long a, unsigned long len)
{
    unsigned char *buf = malloc(len);
    unsigned long i;
    bool zero = buf != NULL;

    if ( buf )
        frames_read(domid, a, buf, len);
    for ( i = 0; zero && i < len; i++ )
        zero = !buf[i];
    free(buf);
    return zero;
}

/*
 * Copy len bytes of a fresh pattern to guest address a and back, and
 * check both directions against the frames.  The whole range must be
 * mapped.
 */
static void round_trip(uint32_t domid, unsigned long a, unsigned long len,
                       unsigned int seed)
{
    unsigned char *src = malloc(len), *got = malloc(len);

    if ( !check(src && got) )
        goto out;
    pattern(src, len, seed);
    check_eq(gcf_copy_to(domid, a, src, len), 0);
    frames_read(domid, a, got, len);
    check(!memcmp(got, src, len));

    pattern(src, len, seed + 1);
    frames_write(domid, a, src, len);
    memset(got, 0, len);
    check_eq(gcf_copy_from(got, domid, a, len), 0);
    check(!memcmp(got, src, len));
 out:
    free(src);
    free(got);
}

/* --- tests --------------------------------------------------------------- */

static void test_within_one_page(void)
{
    uint32_t d = new_domain();

    if ( !d )
        return;
    round_trip(d, gva(3, 100), 200, 1);
    /* Only those bytes were written. */
    check(frames_zero(d, gva(3, 0), 100));
    check(frames_zero(d, gva(3, 300), PAGE - 300));
    round_trip(d, gva(4, 0), PAGE, 2);
    round_trip(d, gva(5, PAGE - 1), 1, 3);
    check(frames_zero(d, gva(5, 0), PAGE - 1));
    destroy(d);
}

static void test_across_page_boundaries(void)
{
    uint32_t d = new_domain();

    if ( !d )
        return;
    round_trip(d, gva(1, 4000), 200, 4);
    check(frames_zero(d, gva(1, 0), 4000));
    check(frames_zero(d, gva(2, 104), PAGE - 104));
    round_trip(d, gva(1, 10), 5 * PAGE, 5);
    round_trip(d, gva(9, PAGE - 1), 2 + 5 * PAGE, 6);
    round_trip(d, gva(0, 0), 8 * PAGE, 7);
    destroy(d);
}

static void test_unmapped_gfn(void)
{
    unsigned char src[3 * PAGE], got[3 * PAGE];
    uint32_t d = new_domain();

    if ( !d )
        return;
    pattern(src, sizeof(src), 8);
    /* 3096 bytes fit before the hole; the rest are not copied. */
    check_eq(gcf_copy_to(d, gva(7, 1000), src, 8000), 8000 - 3096);
    frames_read(d, gva(7, 1000), got, PAGE - 1000);
    check(!memcmp(got, src, PAGE - 1000));
    check(frames_zero(d, gva(9, 0), PAGE));
    check_eq(gcf_copy_to(d, gva(7, 1000), src, PAGE - 1000), 0);
    check_eq(gcf_copy_to(d, gva(HOLE, 5), src, 100), 100);
    check_eq(gcf_copy_to(d, gva(HOLE, 0), src, 3 * PAGE), 3 * PAGE);
    check(frames_zero(d, gva(9, 0), 2 * PAGE));

    /* From gfn 6 offset 2000: 2096 + 4096 bytes, then the hole. */
    memset(got, 0xcc, sizeof(got));
    check_eq(gcf_copy_from(got, d, gva(6, 2000), 2 * PAGE + 100),
             2 * PAGE + 100 - 6192);
    frames_read(d, gva(6, 2000), src, 6192);
    check(!memcmp(got, src, 6192));
    check(got[2096 + 999] == 0 && got[2096 + 1000] != 0);
    check_eq(got[6192], 0xcc);
    check_eq(got[2 * PAGE + 99], 0xcc);
    memset(got, 0xcc, sizeof(got));
    check_eq(gcf_copy_from(got, d, gva(HOLE, PAGE - 1), 2), 2);
    check_eq(got[0], 0xcc);
    destroy(d);
}

/* Addresses outside [base, base + size) never reach any frame. */
static void test_outside_linear_map(void)
{
    unsigned long base = gcf_linear_base(), size = gcf_linear_size();
    unsigned long last = gva(gcf_p2m_max_gfn(), 0);
    const unsigned long bad[] = {
        0, 0x1000, base - PAGE, base - 1, base + size, base + size + PAGE,
        0x0000800000000000UL, 0xffff800000000000UL,
    };
    unsigned char src[256], got[256];
    uint32_t d = new_domain();
    unsigned int i;

    if ( !d )
        return;
    pattern(src, sizeof(src), 9);
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        if ( !check_eq(gcf_copy_to(d, bad[i], src, 100), 100) )
            printf("  gva %#lx\n", bad[i]);
        check_eq(gcf_copy_from(got, d, bad[i], 100), 100);
    }
    /* Starting just below the map: nothing, even the part inside. */
    check_eq(gcf_copy_to(d, base - 10, src, 100), 100);
    check(frames_zero(d, gva(0, 0), 90));

    /* The last page of the map is usable up to its last byte. */
    check_eq(last + PAGE, base + size);
    check_eq(gcf_copy_to(d, last + 4000, src, 200), 200 - 96);
    frames_read(d, last + 4000, got, 96);
    check(!memcmp(got, src, 96));
    check_eq(gcf_copy_from(got, d, last + PAGE - 1, 1), 0);
    check_eq(got[0], src[95]);
    destroy(d);
}

static void test_wrap_around(void)
{
    unsigned char src[2 * PAGE], got[2 * PAGE];
    uint32_t d = new_domain();

    if ( !d )
        return;
    pattern(src, sizeof(src), 10);
    check_eq(gcf_copy_to(d, ~0UL - 99, src, 200), 200);
    check_eq(gcf_copy_to(d, -PAGE, src, 2 * PAGE), 2 * PAGE);
    check_eq(gcf_copy_from(got, d, -PAGE + 16, PAGE), PAGE);
    check_eq(gcf_copy_from(got, d, ~0UL, 2), 2);
    check(frames_zero(d, gva(0, 0), 2 * PAGE));

    /* A length that would wrap stops at the first page it cannot use. */
    check_eq(gcf_copy_from(got, d, gva(7, 4000), ~0UL), ~0UL - 96);
    check_eq(gcf_copy_to(d, gva(7, 4000), src, ~0UL), ~0UL - 96);
    destroy(d);
}

static void test_length_zero(void)
{
    unsigned char byte = 0x77;
    uint32_t d = new_domain();

    if ( !d )
        return;
    check_eq(gcf_copy_to(d, gva(2, 0), &byte, 0), 0);
    check_eq(gcf_copy_to(d, gva(HOLE, 0), &byte, 0), 0);
    check_eq(gcf_copy_to(d, 0, NULL, 0), 0);
    check_eq(gcf_copy_from(NULL, d, ~0UL, 0), 0);
    check_eq(gcf_copy_from(&byte, d, gva(2, 0), 0), 0);
    check_eq(byte, 0x77);
    check(frames_zero(d, gva(2, 0), PAGE));
    destroy(d);
}

/* A copy over gfns 1..6 faulted at its k-th page, both directions. */
static void fault_at_page(uint32_t d, unsigned int k)
{
    unsigned long len = 5 * PAGE, done = (k - 1) ? PAGE - 10 : 0;
    unsigned char src[5 * PAGE], got[5 * PAGE], zero[6 * PAGE];

    if ( k > 2 )
        done += (k - 2) * PAGE;
    pattern(src, len, 20 + k);
    memset(zero, 0, sizeof(zero));
    frames_write(d, gva(1, 0), zero, 6 * PAGE);

    hosted_inject_copy_fault(k);
    check_eq(gcf_copy_to(d, gva(1, 10), src, len), len - done);
    hosted_inject_copy_fault(0);
    frames_read(d, gva(1, 10), got, len);
    check(!memcmp(got, src, done));
    check(frames_zero(d, gva(1, 10) + done, len - done));

    frames_write(d, gva(1, 10), src, len);
    memset(got, 0, len);
    hosted_inject_copy_fault(k);
    check_eq(gcf_copy_from(got, d, gva(1, 10), len), len - done);
    hosted_inject_copy_fault(0);
    check(!memcmp(got, src, done));
    check(!memcmp(got + done, zero, len - done));
}

static void test_fault_injection_each_page(void)
{
    static const unsigned char zero[5 * PAGE];
    uint32_t d = new_domain();
    unsigned int k;

    if ( !d )
        return;
    for ( k = 1; k <= 6; k++ )
        fault_at_page(d, k);
    /* Armed for the 7th page of a 6-page copy: nothing fires. */
    hosted_inject_copy_fault(7);
    check_eq(gcf_copy_to(d, gva(1, 10), zero, 5 * PAGE), 0);
    hosted_inject_copy_fault(0);
    check(frames_zero(d, gva(1, 10), 5 * PAGE));
    destroy(d);
}

static void test_decreased_page(void)
{
    unsigned char src[3 * PAGE], got[3 * PAGE];
    xen_pfn_t three = 3;
    uint32_t d = new_domain();

    if ( !d )
        return;
    round_trip(d, gva(2, 0), 3 * PAGE, 40);
    check_eq(xc_domain_decrease_reservation_exact(xch, d, 1, 0, &three), 0);
    memset(got, 0, PAGE);
    frames_write(d, gva(4, 0), got, PAGE);
    pattern(src, sizeof(src), 41);
    check_eq(gcf_copy_to(d, gva(2, 100), src, 2 * PAGE), PAGE + 100);
    frames_read(d, gva(2, 100), got, PAGE - 100);
    check(!memcmp(got, src, PAGE - 100));
    check(frames_zero(d, gva(4, 0), PAGE));
    check_eq(gcf_copy_from(got, d, gva(3, 0), 1), 1);
    check_eq(gcf_copy_from(got, d, gva(2, 0), 3 * PAGE), 2 * PAGE);

    /* Repopulated: a new, zeroed frame, and copies go through again. */
    check_eq(xc_domain_populate_physmap_exact(xch, d, 1, 0, 0, &three), 0);
    memset(got, 0xff, PAGE);
    check_eq(gcf_copy_from(got, d, gva(3, 0), PAGE), 0);
    check(!memcmp(got, (unsigned char[PAGE]){ 0 }, PAGE));
    round_trip(d, gva(2, 0), 3 * PAGE, 42);
    destroy(d);
}

static void test_data_integrity(void)
{
    unsigned long len = 3 * PAGE + 777, i;
    unsigned char *src = malloc(len), *got = malloc(len);
    uint32_t d = new_domain();
    bool same = true;

    if ( !d || !check(src && got) )
        goto out;
    /* Byte by byte, every offset of a page boundary. */
    for ( i = 0; i < 64; i++ )
    {
        unsigned char b = (unsigned char)(i + 1), r = 0;

        check_eq(gcf_copy_to(d, gva(11, PAGE - 32) + i, &b, 1), 0);
        frames_read(d, gva(11, PAGE - 32) + i, &r, 1);
        same = same && r == b;
    }
    check(same);
    round_trip(d, gva(9, 123), len, 50);
    round_trip(d, gva(0, 1), len, 51);

    /* A whole aligned page through the copy routines alone. */
    pattern(src, len, 52);
    check_eq(gcf_copy_to(d, gva(12, 0), src, PAGE), 0);
    check_eq(gcf_copy_from(got, d, gva(12, 0), PAGE), 0);
    check(!memcmp(got, src, PAGE));
 out:
    free(src);
    free(got);
    if ( d )
        destroy(d);
}

/* raw_copy_* act on the calling vCPU's domain: dom0 here. */
static void test_raw_copy_dom0(void)
{
    unsigned long len = 2 * PAGE + 300, dom0_pages = 16UL << 8;
    uint64_t buf = hosted_buf_alloc(3 * PAGE);
    unsigned char src[3 * PAGE], got[3 * PAGE];

    if ( !check(buf) )
        return;
    pattern(src, len, 60);
    check_eq(gcf_raw_copy_to(buf + 50, src, len), 0);
    check_eq(hosted_buf_read(got, buf + 50, len), 0);
    check(!memcmp(got, src, len));
    pattern(src, len, 61);
    check_eq(hosted_buf_write(buf + 7, src, len), 0);
    check_eq(gcf_raw_copy_from(got, buf + 7, len), 0);
    check(!memcmp(got, src, len));

    /* Just past dom0's memory nothing is mapped. */
    check_eq(gcf_raw_copy_to(gva(dom0_pages, 0), src, 10), 10);
    check_eq(gcf_raw_copy_from(got, gva(dom0_pages - 1, PAGE - 4), 8), 4);
    check_eq(gcf_raw_copy_from(got, 0x1000, 8), 8);
    hosted_buf_free(buf, 3 * PAGE);
}

struct domu_copy {
    uint32_t domid;
    int rc;
};

static void *raw_copy_domu_thread(void *p)
{
    struct domu_copy *c = p;
    unsigned char src[100];

    c->rc = hosted_vcpu_attach(c->domid);
    if ( c->rc )
        return NULL;
    pattern(src, sizeof(src), 70);
    check_eq(gcf_raw_copy_to(gva(2, 10), src, sizeof(src)), 0);
    check_eq(gcf_raw_copy_to(gva(HOLE, 10), src, sizeof(src)),
             sizeof(src));
    return NULL;
}

static void test_raw_copy_as_domu(void)
{
    struct domu_copy c = { .domid = new_domain() };
    unsigned char src[100], got[100];
    pthread_t t;

    if ( !c.domid )
        return;
    if ( check_eq(pthread_create(&t, NULL, raw_copy_domu_thread, &c), 0) )
        pthread_join(t, NULL);
    check_eq(c.rc, 0);
    pattern(src, sizeof(src), 70);
    frames_read(c.domid, gva(2, 10), got, sizeof(got));
    check(!memcmp(got, src, sizeof(src)));
    destroy(c.domid);
}

/* --- copies racing the removal of the page they copy ------------------ */

#define RACE_ROUNDS     300

struct racer {
    uint32_t domid;
    volatile bool stop;
    unsigned int bad, removed;
};

/* Take gfn 3 away and put it back, over and over. */
static void *race_remover(void *p)
{
    struct racer *r = p;
    xen_pfn_t three = 3;
    unsigned int i;

    for ( i = 0; i < RACE_ROUNDS; i++ )
    {
        if ( xc_domain_decrease_reservation_exact(xch, r->domid, 1, 0,
                                                  &three) ||
             xc_domain_populate_physmap_exact(xch, r->domid, 1, 0, 0,
                                              &three) )
            r->bad++;
        r->removed++;
    }
    r->stop = true;
    return NULL;
}

static void test_copy_races_decrease(void)
{
    struct racer r = { .domid = new_domain() };
    unsigned char src[3 * PAGE], got[3 * PAGE];
    unsigned long left, copies = 0, odd = 0;
    bool started;
    pthread_t t;

    if ( !r.domid )
        return;
    pattern(src, sizeof(src), 80);
    started = check_eq(pthread_create(&t, NULL, race_remover, &r), 0);
    r.stop = !started;
    do
    {
        /* Either all of it, or all but what lies from gfn 3 on. */
        left = gcf_copy_to(r.domid, gva(2, 0), src, sizeof(src));
        odd += left != 0 && left != 2 * PAGE;
        left = gcf_copy_from(got, r.domid, gva(2, 0), sizeof(got));
        odd += left != 0 && left != 2 * PAGE;
        copies += 2;
    } while ( !r.stop );
    if ( started )
        pthread_join(t, NULL);
    check_eq(r.bad, 0);
    check_eq(odd, 0);
    check(copies > 0);
    round_trip(r.domid, gva(2, 0), 3 * PAGE, 81);
    destroy(r.domid);
}

/* Each test is followed by a heap and claims audit (harness_after_each). */
#define RUN(fn) RUN_TEST(fn)

int main(void)
{
    harness_after_each = harness_heap_audit;
    if ( hosted_boot(BOOT_CMDLINE) )
    {
        printf("cannot boot the hosted hypervisor\n");
        return 1;
    }
    xch = xc_interface_open(NULL, NULL, 0);
    if ( !xch )
    {
        printf("cannot open libxenctrl\n");
        return 1;
    }
    /* This thread is dom0's vCPU from now on (raw copies need one). */
    if ( hosted_current_domid() != 0 )
    {
        printf("cannot attach to dom0\n");
        return 1;
    }

    RUN(test_within_one_page);
    RUN(test_across_page_boundaries);
    RUN(test_unmapped_gfn);
    RUN(test_outside_linear_map);
    RUN(test_wrap_around);
    RUN(test_length_zero);
    RUN(test_fault_injection_each_page);
    RUN(test_decreased_page);
    RUN(test_data_integrity);
    RUN(test_raw_copy_dom0);
    RUN(test_raw_copy_as_domu);
    RUN(test_copy_races_decrease);

    xc_interface_close(xch);
    return harness_report();
}
