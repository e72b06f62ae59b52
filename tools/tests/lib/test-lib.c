/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differential test of the hypervisor's freestanding library
 * (xen/common/lib/) against the host's glibc, in the manner of XTF's
 * selftests/vsnprintf.c.
 *
 * The library objects are linked into this process after
 * xen/arch/hosted/libc-clash.syms renamed every symbol glibc also has,
 * so memcpy() here is glibc's and xen_memcpy() is the hypervisor's.  The
 * renamed functions are declared below by hand: this file must not
 * include hypervisor headers.
 *
 * Where the library deliberately differs from glibc (see the opener of
 * vsprintf.c and parse.c) the differential tests avoid those inputs, and
 * test_printf_own_rules / test_strtoull_own_rules pin down our choice:
 *  - %p of NULL is "0x0" (glibc "(nil)"); '+' and ' ' are ignored on %p.
 *  - %s of NULL under a precision < 6 prints a prefix of "(null)"
 *    (glibc prints nothing).
 *  - unknown conversions print literally; a width over INT_MAX total
 *    saturates the return value at INT_MAX (glibc returns -1).
 *  - simple_strto*() skip no white space; the unsigned ones take no sign.
 * Inputs come from loops over every flag/width/precision/length
 * combination and a fixed-seed PRNG, so a run is reproducible.
 */

#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "harness.h"

/* --- The library under test ------------------------------------------- */

void *xen_memcpy(void *dst, const void *src, size_t n);
void *xen_memmove(void *dst, const void *src, size_t n);
void *xen_memset(void *dst, int c, size_t n);
int xen_memcmp(const void *a, const void *b, size_t n);
void *xen_memchr(const void *s, int c, size_t n);
size_t xen_strlen(const char *s);
size_t xen_strnlen(const char *s, size_t max);
int xen_strcmp(const char *a, const char *b);
int xen_strncmp(const char *a, const char *b, size_t n);
char *xen_strchr(const char *s, int c);
char *xen_strrchr(const char *s, int c);
char *xen_strstr(const char *hay, const char *needle);
size_t xen_strlcpy(char *dst, const char *src, size_t size);

/* No format attribute: the tests pass formats glibc would warn about. */
int xen_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int xen_snprintf(char *buf, size_t size, const char *fmt, ...);
int xen_vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
int xen_scnprintf(char *buf, size_t size, const char *fmt, ...);

unsigned long long simple_strtoull(const char *s, const char **end,
                                   unsigned int base);
unsigned long simple_strtoul(const char *s, const char **end,
                             unsigned int base);
long long simple_strtoll(const char *s, const char **end, unsigned int base);
unsigned long long parse_size_and_unit(const char *s, const char **end);
int parse_bool(const char *s, const char *e);

void sort(void *base, size_t num, size_t size,
          int (*cmp)(const void *, const void *),
          void (*swap)(void *, void *, size_t));

/* --- Helpers ----------------------------------------------------------- */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Print at most MAX_REPORTS failures per test; count them all. */
#define MAX_REPORTS 20
static unsigned int nr_reports;

#define report(...) do {                                                \
    if ( nr_reports++ < MAX_REPORTS )                                   \
        fail(__VA_ARGS__);                                              \
    else                                                                \
        harness_test_failures++;                                        \
} while ( 0 )

#define RUN(fn) do { nr_reports = 0; RUN_TEST(fn); } while ( 0 )

/* xorshift64*: fixed seed, so every run sees the same inputs. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static void fill_random(void *p, size_t n)
{
    unsigned char *b = p;

    while ( n-- )
        *b++ = rnd();
}

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

/* --- Formatted output ------------------------------------------------- */

#define FMT_BUF     512
#define GUARD       16
#define TRUNC_EVERY 17      /* Sweep all buffer sizes for every 17th call. */

static unsigned long nr_fmt_checks;

/*
 * Format with glibc and with xen_vsnprintf() into size-byte buffers
 * followed by guard bytes; the results, the stored bytes and the guards
 * must match.  Also checks xen_vscnprintf()'s return value.
 */
static void check_fmt_size(const char *fmt, size_t size, va_list ap)
{
    char want[FMT_BUF + GUARD], got[FMT_BUF + GUARD];
    va_list a1, a2, a3;
    int rw, rg, rc, rc_want;

    memset(want, 0xa5, sizeof(want));
    memset(got, 0xa5, sizeof(got));
    va_copy(a1, ap);
    va_copy(a2, ap);
    va_copy(a3, ap);
    rw = vsnprintf(want, size, fmt, a1);
    rg = xen_vsnprintf(got, size, fmt, a2);
    if ( rw != rg || memcmp(want, got, size + GUARD) )
        report("fmt \"%s\" size %zu: got %d \"%.*s\", want %d \"%.*s\"",
               fmt, size, rg, (int)size, got, rw, (int)size, want);

    rc = xen_vscnprintf(got, size, fmt, a3);
    rc_want = !size ? 0 : (size_t)rw < size ? rw : (int)size - 1;
    if ( rc != rc_want )
        report("vscnprintf \"%s\" size %zu: %d, want %d", fmt, size, rc,
               rc_want);

    va_end(a1);
    va_end(a2);
    va_end(a3);
}

/* Compare on a large buffer, and sometimes on every smaller size. */
static void check_fmt(const char *fmt, ...)
{
    va_list ap, aq;
    size_t size;
    int len;

    va_start(ap, fmt);
    check_fmt_size(fmt, FMT_BUF, ap);

    if ( nr_fmt_checks++ % TRUNC_EVERY == 0 )
    {
        va_copy(aq, ap);
        len = vsnprintf(NULL, 0, fmt, aq);
        va_end(aq);
        for ( size = 0; size <= (size_t)len + 1 && size < FMT_BUF; size++ )
            check_fmt_size(fmt, size, ap);
    }

    va_end(ap);
}

/* The pieces every conversion specification is built from. */
static const char *const widths[] = { "", "1", "7", "25", "*" };
static const char *const precs[] = { "", ".", ".0", ".1", ".4", ".22", ".*" };
static const char *const lens[] = { "hh", "h", "", "l", "ll", "z", "t", "j" };
static const int star_widths[] = { 0, 3, -9, 30, 12, -1 };
static const int star_precs[] = { -1, 0, 2, 21, -7 };

enum { LEN_HH, LEN_H, LEN_NONE, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct fmt_case {
    char fmt[48];
    int nstar, star[2];
};

/*
 * Build "%<flags><width><prec><len><conv>": flags is a bit mask over
 * allowed_flags ("-+ #0" order), w/p/l index the tables above, and
 * 'salt' picks the values the '*' fields take.
 */
static void build_fmt(struct fmt_case *fc, const char *allowed_flags,
                      unsigned int flags, unsigned int w, unsigned int p,
                      const char *len, char conv, unsigned long salt)
{
    char fl[8];
    unsigned int i, n = 0;

    for ( i = 0; allowed_flags[i]; i++ )
        if ( flags & (1u << i) )
            fl[n++] = allowed_flags[i];
    fl[n] = '\0';

    snprintf(fc->fmt, sizeof(fc->fmt), "%%%s%s%s%s%c", fl, widths[w],
             precs[p], len, conv);

    fc->nstar = 0;
    if ( widths[w][0] == '*' )
        fc->star[fc->nstar++] = star_widths[salt % ARRAY_SIZE(star_widths)];
    if ( precs[p][0] && precs[p][1] == '*' )
        fc->star[fc->nstar++] = star_precs[salt % ARRAY_SIZE(star_precs)];
}

/* Pass the '*' arguments, then val. */
#define CHECK_STARS(fc, val) do {                                       \
    if ( (fc)->nstar == 0 )                                             \
        check_fmt((fc)->fmt, val);                                      \
    else if ( (fc)->nstar == 1 )                                        \
        check_fmt((fc)->fmt, (fc)->star[0], val);                       \
    else                                                                \
        check_fmt((fc)->fmt, (fc)->star[0], (fc)->star[1], val);        \
} while ( 0 )

/* Pass v with the type the length modifier calls for. */
static void check_int(const struct fmt_case *fc, unsigned int len,
                      unsigned long long v)
{
    switch ( len )
    {
    case LEN_L:  CHECK_STARS(fc, (long)v); break;
    case LEN_LL: CHECK_STARS(fc, (long long)v); break;
    case LEN_Z:  CHECK_STARS(fc, (size_t)v); break;
    case LEN_T:  CHECK_STARS(fc, (ptrdiff_t)v); break;
    case LEN_J:  CHECK_STARS(fc, (intmax_t)v); break;
    default:     CHECK_STARS(fc, (int)v); break;
    }
}

static const unsigned long long edge_values[] = {
    0, 1, -1LL, INT_MIN, LLONG_MIN, ULLONG_MAX, INT_MAX, LLONG_MAX,
    UINT_MAX,
};

static const unsigned long long more_values[] = {
    7, 8, 9, 10, 15, 16, 100, 127, 128, 255, 256, 32767, 32768, 65535,
    65536, -128LL, -129LL, -32768LL, 0x123456789abcdef0ULL, -1234567LL,
    4294967296ULL, 01234567ULL, 0xfedcba98ULL,
};

/* Every flag set, width, precision, length and integer conversion. */
static void test_printf_integers(void)
{
    static const char convs[] = "diuxXo";
    unsigned long i, total = 32 * 5 * 7 * 8 * 6;
    struct fmt_case fc;
    unsigned int k;

    for ( i = 0; i < total; i++ )
    {
        unsigned long r = i;
        unsigned int flags = r % 32, w = (r /= 32) % 5, p = (r /= 5) % 7;
        unsigned int len = (r /= 7) % 8;
        char conv = convs[(r /= 8) % 6];

        build_fmt(&fc, "-+ #0", flags, w, p, lens[len], conv, i);
        for ( k = 0; k < ARRAY_SIZE(edge_values); k++ )
            check_int(&fc, len, edge_values[k]);
        for ( k = 0; k < 2; k++ )
            check_int(&fc, len,
                      more_values[(i * 2 + k) % ARRAY_SIZE(more_values)]);
    }
}

/* %c and %s under every flag set, width and precision. */
static void test_printf_chars_strings(void)
{
    static const char *const strs[] = {
        "", "a", "hello", "hello, world of strings", "\xff\x01 high",
        NULL,
    };
    static const int chars[] = { 'a', 0, 255, -1, ' ', 0x141 };
    unsigned long i;
    struct fmt_case fc;
    unsigned int k;

    for ( i = 0; i < 32 * 5 * 7; i++ )
    {
        unsigned int flags = i % 32, w = (i / 32) % 5, p = i / 160;

        /* A precision on %c is undefined; use the same index for both. */
        build_fmt(&fc, "-+ #0", flags, w, 0, "", 'c', i);
        for ( k = 0; k < ARRAY_SIZE(chars); k++ )
            CHECK_STARS(&fc, chars[k]);

        build_fmt(&fc, "-+ #0", flags, w, p, "", 's', i);
        for ( k = 0; k < ARRAY_SIZE(strs); k++ )
        {
            /* glibc prints NULL under a precision < 6 as nothing. */
            int prec = precs[p][0] != '.' ? -1 :
                       precs[p][1] == '*' ? fc.star[fc.nstar - 1] :
                       atoi(precs[p] + 1);

            if ( !strs[k] && prec >= 0 && prec < 6 )
                continue;
            CHECK_STARS(&fc, strs[k]);
        }
    }
}

/* Non-NULL %p with the flags glibc and we agree on. */
static void test_printf_pointers(void)
{
    static void *const ptrs[] = {
        (void *)1, (void *)0x1234, (void *)0xdeadbeef,
        (void *)0x7fffffffffffUL, (void *)~0UL,
    };
    unsigned long i;
    struct fmt_case fc;
    unsigned int k;

    for ( i = 0; i < 8 * 5 * 7; i++ )
    {
        build_fmt(&fc, "-#0", i % 8, (i / 8) % 5, i / 40, "", 'p', i);
        for ( k = 0; k < ARRAY_SIZE(ptrs); k++ )
            CHECK_STARS(&fc, ptrs[k]);
    }
}

/* Whole formats: literal text, several conversions, "%%", truncation. */
static void test_printf_mixed(void)
{
    unsigned long saved = nr_fmt_checks;
    char big[300];

    memset(big, 'x', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';

    /* Make check_fmt() sweep all sizes for each of these. */
    nr_fmt_checks = 0;
#define SWEEP(...) do { nr_fmt_checks = 0; check_fmt(__VA_ARGS__); } while ( 0 )
    SWEEP("");
    SWEEP("plain text, no conversions");
    SWEEP("%%");
    SWEEP("100%% sure %%");
    SWEEP("x=%d y=%s z=%#llx %c%%", -42, "str", 0xabcULL, 'q');
    SWEEP("[%*d|%-*d|%.*s]", 6, 42, 6, 42, 3, "abcdef");
    SWEEP("%hhd %hd %hhu %hu %hhx", 300, 70000, -1, -1, 0x1ff);
    SWEEP("%zu %zd %td %tu %jd %ju", (size_t)~0UL, (size_t)-5,
          (ptrdiff_t)-7, (ptrdiff_t)-1, (intmax_t)LLONG_MIN,
          (intmax_t)-1);
    SWEEP("%lld %llu %lli %llo", LLONG_MIN, ULLONG_MAX, LLONG_MAX,
          ULLONG_MAX);
    SWEEP("%d%d%d%d%d%d%d%d", 1, 22, 333, 4444, 55555, 666666, 7777777,
          INT_MIN);
    SWEEP("%s", big);
    SWEEP("%s%s", big, big);
    SWEEP("%-+ #0*.*lld", 30, 25, -123456789LL);
    SWEEP("%---+++   ###000d", 17);
    SWEEP("%0-10d|%+ d|% +d", 5, 6, 7);
    SWEEP("%c%c%c", 'a', 0, 'b');
    SWEEP("%i %i %i", INT_MAX, INT_MIN, 0);
#undef SWEEP
    nr_fmt_checks = saved;
}

/* Cases where the library's documented behaviour is not glibc's. */
static void test_printf_own_rules(void)
{
    char buf[64];
    char *nul = NULL;
    char *tail = malloc(5);

    check_eq(xen_snprintf(buf, sizeof(buf), "%p", NULL), 3);
    check(!strcmp(buf, "0x0"));
    check_eq(xen_snprintf(buf, sizeof(buf), "[%5p]", NULL), 7);
    check(!strcmp(buf, "[  0x0]"));
    check_eq(xen_snprintf(buf, sizeof(buf), "%.3s|%s", nul, nul), 10);
    check(!strcmp(buf, "(nu|(null)"));

    /* Unknown conversions print literally, '*' arguments are consumed. */
    check_eq(xen_snprintf(buf, sizeof(buf), "a%yb%5q%lly", 1), 11);
    check(!strcmp(buf, "a%yb%5q%lly"));
    check_eq(xen_snprintf(buf, sizeof(buf), "%*y%d", 5, 7), 4);
    check(!strcmp(buf, "%*y7"));
    check_eq(xen_snprintf(buf, sizeof(buf), "%n", 0), 2);
    check(!strcmp(buf, "%n"));
    check_eq(xen_snprintf(buf, sizeof(buf), "end%"), 4);
    check(!strcmp(buf, "end%"));
    check_eq(xen_snprintf(buf, sizeof(buf), "end%-08.3l"), 10);
    check(!strcmp(buf, "end%-08.3l"));

    /*
     * "%%" ignores flags, width and precision, as glibc does (but ASan's
     * printf interceptor complains about such formats, so not compared).
     */
    check_eq(xen_snprintf(buf, sizeof(buf), "%5%|%-5%|%05%|%.3%"), 7);
    check(!strcmp(buf, "%|%|%|%"));

    /* Size 0 never touches the buffer, which may then be NULL. */
    check_eq(xen_snprintf(NULL, 0, "%d", 12345), 5);
    check_eq(xen_scnprintf(NULL, 0, "%d", 12345), 0);
    check_eq(xen_scnprintf(buf, 3, "%d", 12345), 2);
    check(!strcmp(buf, "12"));

    /* Huge widths saturate the count without writing past the buffer. */
    check_eq(xen_snprintf(buf, 8, "%*d", INT_MAX, 1), INT_MAX);
    check(!strcmp(buf, "       "));
    check_eq(xen_snprintf(buf, 8, "%*d%*d", INT_MAX, 1, INT_MAX, 1),
             INT_MAX);
    check_eq(xen_snprintf(buf, 8, "%*d", INT_MIN, 1), INT_MAX);
    check(!strcmp(buf, "1      "));
    check_eq(xen_snprintf(buf, 8, "%99999999999999d", 1), INT_MAX);

    /* A precision stops %s reading: ASan catches any overrun here. */
    memcpy(tail, "abcde", 5);
    check_eq(xen_snprintf(buf, sizeof(buf), "%.5s|%.*s", tail, 2, tail), 8);
    check(!strcmp(buf, "abcde|ab"));
    free(tail);
}

/* --- Memory and string routines ---------------------------------------- */

#define MEM_ALIGNS  16
#define MEM_LENS    301
#define MEM_BUF     (MEM_ALIGNS + MEM_LENS + 2 * GUARD + 64)

/* memcpy at every source and destination alignment and length. */
static void test_memcpy(void)
{
    static unsigned char src[MEM_BUF], got[MEM_BUF], want[MEM_BUF];
    unsigned int sa, da, len;

    fill_random(src, sizeof(src));
    for ( sa = 0; sa < MEM_ALIGNS; sa++ )
        for ( da = 0; da < MEM_ALIGNS; da++ )
            for ( len = 0; len < MEM_LENS; len++ )
            {
                memset(got, 0x5a, sizeof(got));
                memset(want, 0x5a, sizeof(want));
                memcpy(want + GUARD + da, src + sa, len);
                if ( xen_memcpy(got + GUARD + da, src + sa, len) !=
                     got + GUARD + da )
                    report("memcpy return value, len %u", len);
                if ( memcmp(got, want, sizeof(got)) )
                    report("memcpy src+%u dst+%u len %u", sa, da, len);
            }
}

/* memmove with overlap in both directions and at every alignment. */
static void test_memmove(void)
{
    static unsigned char orig[MEM_BUF + 96], got[MEM_BUF + 96];
    static unsigned char want[MEM_BUF + 96];
    unsigned int sa, len;
    int delta;

    fill_random(orig, sizeof(orig));
    for ( sa = 0; sa < MEM_ALIGNS; sa++ )
        for ( delta = -40; delta <= 40; delta++ )
            for ( len = 0; len < MEM_LENS; len++ )
            {
                size_t s = 48 + sa, d = s + delta;

                memcpy(got, orig, sizeof(got));
                memcpy(want, orig, sizeof(want));
                memmove(want + d, want + s, len);
                if ( xen_memmove(got + d, got + s, len) != got + d )
                    report("memmove return value");
                if ( memcmp(got, want, sizeof(got)) )
                    report("memmove src+%u delta %d len %u", sa, delta,
                           len);
            }
}

/* memset at every alignment and length, with bytes that need masking. */
static void test_memset(void)
{
    static unsigned char got[MEM_BUF], want[MEM_BUF];
    static const int values[] = { 0, 0xa5, 0x1ff, -1, 0x80, 0x7f };
    unsigned int da, len, v;

    for ( v = 0; v < ARRAY_SIZE(values); v++ )
        for ( da = 0; da < MEM_ALIGNS; da++ )
            for ( len = 0; len < MEM_LENS; len++ )
            {
                memset(got, 0x3c, sizeof(got));
                memset(want, 0x3c, sizeof(want));
                memset(want + GUARD + da, values[v], len);
                if ( xen_memset(got + GUARD + da, values[v], len) !=
                     got + GUARD + da )
                    report("memset return value");
                if ( memcmp(got, want, sizeof(got)) )
                    report("memset c %#x dst+%u len %u", values[v], da, len);
            }
}

/* The 4 KiB page case the hypervisor cares about (copy, scrub, compare). */
static void test_mem_page(void)
{
    unsigned char *a = aligned_alloc(4096, 4096);
    unsigned char *b = aligned_alloc(4096, 4096);
    unsigned int i;

    fill_random(a, 4096);
    check(xen_memcpy(b, a, 4096) == b);
    check(!memcmp(a, b, 4096));
    check_eq(xen_memcmp(a, b, 4096), 0);
    for ( i = 0; i < 4096; i += 511 )
    {
        b[i] ^= 0x80;
        check_eq(sign(xen_memcmp(a, b, 4096)), sign(memcmp(a, b, 4096)));
        b[i] ^= 0x80;
    }
    check(xen_memset(b, 0, 4096) == b);
    for ( i = 0; i < 4096; i++ )
        if ( b[i] )
            break;
    check_eq(i, 4096);
    check(xen_memmove(a + 1, a, 4095) == a + 1);
    free(a);
    free(b);
}

/* memcmp: sign of the result at every alignment, difference position. */
static void test_memcmp(void)
{
    static unsigned char a[MEM_BUF], b[MEM_BUF];
    unsigned int aa, ba, len, k;

    for ( aa = 0; aa < MEM_ALIGNS; aa++ )
        for ( ba = 0; ba < MEM_ALIGNS; ba++ )
            for ( len = 0; len < MEM_LENS; len++ )
            {
                size_t pos[] = { 0, len / 2, len ? len - 1 : 0, len / 3 };

                fill_random(a + aa, len);
                memcpy(b + ba, a + aa, len);
                check_eq(xen_memcmp(a + aa, b + ba, len), 0);
                for ( k = 0; len && k < ARRAY_SIZE(pos); k++ )
                {
                    unsigned char old = b[ba + pos[k]];

                    /* Flip between values below and above 0x80. */
                    b[ba + pos[k]] = old ^ (rnd() & 1 ? 0x80 : 0x01);
                    if ( sign(xen_memcmp(a + aa, b + ba, len)) !=
                         sign(memcmp(a + aa, b + ba, len)) )
                        report("memcmp a+%u b+%u len %u pos %zu", aa, ba,
                               len, pos[k]);
                    b[ba + pos[k]] = old;
                }
            }
}

/* memchr, strlen and strnlen over strings of every alignment/length. */
static void test_memchr_strlen(void)
{
    static char buf[MEM_BUF];
    static const int needles[] = { 'a', 0, 0x80, 0xff, 0x161, -1 };
    unsigned int al, len, k;

    for ( al = 0; al < MEM_ALIGNS; al++ )
        for ( len = 0; len < MEM_LENS; len++ )
        {
            char *s = buf + al;
            size_t maxes[] = { 0, len ? len - 1 : 0, len, len + 1,
                               SIZE_MAX };

            for ( k = 0; k < len; k++ )
                s[k] = 1 + rnd() % 255;
            s[len] = '\0';
            if ( len )
                s[rnd() % len] = 'a';
            check_eq(xen_strlen(s), strlen(s));
            for ( k = 0; k < ARRAY_SIZE(maxes); k++ )
                check_eq(xen_strnlen(s, maxes[k]), strnlen(s, maxes[k]));
            for ( k = 0; k < ARRAY_SIZE(needles); k++ )
                if ( xen_memchr(s, needles[k], len + 1) !=
                     memchr(s, needles[k], len + 1) )
                    report("memchr %#x in len %u", needles[k], len);
        }
}

/* strcmp and strncmp: signs, prefixes, high-bit bytes, every n. */
static void test_strcmp(void)
{
    char a[80], b[80];
    unsigned int i, len, n;

    for ( i = 0; i < 20000; i++ )
    {
        len = rnd() % 70;
        for ( n = 0; n < len; n++ )
            a[n] = 1 + rnd() % (i % 2 ? 3 : 255);  /* Small alphabets too. */
        a[len] = '\0';
        memcpy(b, a, len + 1);
        if ( len && i % 3 )
            b[rnd() % len] = 1 + rnd() % 255;
        if ( i % 5 == 0 )
            b[rnd() % (len + 1)] = '\0';      /* b a prefix of a. */
        if ( sign(xen_strcmp(a, b)) != sign(strcmp(a, b)) ||
             sign(xen_strcmp(b, a)) != sign(strcmp(b, a)) )
            report("strcmp case %u", i);
        for ( n = 0; n < len + 3; n++ )
            if ( sign(xen_strncmp(a, b, n)) != sign(strncmp(a, b, n)) )
                report("strncmp case %u n %u", i, n);
    }
    check_eq(xen_strncmp("abc", "abd", SIZE_MAX) < 0, 1);
    check_eq(xen_strcmp("", ""), 0);
}

/* strchr and strrchr, including the terminator and high-bit chars. */
static void test_strchr(void)
{
    static const char *const strs[] = {
        "", "a", "abcabc", "\x80\xff\x80", "xyzzy", "aaaa",
    };
    static const int cs[] = { 'a', 'c', 'z', 0, 0x80, 0xff, -1, 0x161 };
    unsigned int i, k;

    for ( i = 0; i < ARRAY_SIZE(strs); i++ )
        for ( k = 0; k < ARRAY_SIZE(cs); k++ )
        {
            if ( xen_strchr(strs[i], cs[k]) != strchr(strs[i], cs[k]) )
                report("strchr(\"%s\", %#x)", strs[i], cs[k]);
            if ( xen_strrchr(strs[i], cs[k]) != strrchr(strs[i], cs[k]) )
                report("strrchr(\"%s\", %#x)", strs[i], cs[k]);
        }
}

/* strstr on a table and on random strings over a tiny alphabet. */
static void test_strstr(void)
{
    static const char *const pairs[][2] = {
        { "", "" }, { "abc", "" }, { "", "a" }, { "abc", "abc" },
        { "abc", "abcd" }, { "aaab", "aab" }, { "hello world", "o w" },
        { "ababab", "bab" }, { "abc", "d" }, { "\xff\x01", "\x01" },
    };
    char hay[40], needle[6];
    unsigned int i, k, n;

    for ( i = 0; i < ARRAY_SIZE(pairs); i++ )
        check(xen_strstr(pairs[i][0], pairs[i][1]) ==
              strstr(pairs[i][0], pairs[i][1]));

    for ( i = 0; i < 20000; i++ )
    {
        n = rnd() % sizeof(hay);
        for ( k = 0; k < n; k++ )
            hay[k] = 'a' + rnd() % 3;
        hay[n] = '\0';
        n = rnd() % sizeof(needle);
        for ( k = 0; k < n; k++ )
            needle[k] = 'a' + rnd() % 3;
        needle[n] = '\0';
        if ( xen_strstr(hay, needle) != strstr(hay, needle) )
            report("strstr(\"%s\", \"%s\")", hay, needle);
    }
}

/* strlcpy against the BSD definition (glibc 2.36 has none). */
static void test_strlcpy(void)
{
    static const char *const srcs[] = { "", "a", "hello", "0123456789abc" };
    char got[32], want[32];
    size_t size, n, len;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(srcs); i++ )
        for ( size = 0; size < 18; size++ )
        {
            len = strlen(srcs[i]);
            memset(got, 0x77, sizeof(got));
            memset(want, 0x77, sizeof(want));
            if ( size )
            {
                n = len < size - 1 ? len : size - 1;
                memcpy(want, srcs[i], n);
                want[n] = '\0';
            }
            check_eq(xen_strlcpy(got, srcs[i], size), len);
            if ( memcmp(got, want, sizeof(got)) )
                report("strlcpy \"%s\" size %zu", srcs[i], size);
        }
}

/* --- Number parsing ---------------------------------------------------- */

static const char *const num_strs[] = {
    "0", "00", "0x", "0X", "0x1f", "0XABC", "0xg", "0x0x1", "08", "0777",
    "0778", "123abc", "abc", "", "z", "ffff", "FFFF", "fFfF", "1_000",
    "12 34", "9", "0b101", "1e3", "0x_1", "Zz", "z1",
    "18446744073709551615", "18446744073709551616",
    "99999999999999999999999", "0xffffffffffffffff",
    "0x10000000000000000", "0xFFFFFFFFFFFFFFFFFF",
    "01777777777777777777777", "02000000000000000000000",
    "9223372036854775807", "9223372036854775808", "4294967296",
    "1111111111111111111111111111111111111111111111111111111111111111",
    "11111111111111111111111111111111111111111111111111111111111111111",
};

static const unsigned int bases[] = { 0, 2, 8, 10, 16, 36 };

/* Check one string in one base against glibc's strtoll. */
static void check_strtoll(const char *s, unsigned int base)
{
    const char *e1;
    char *e2;
    long long l = simple_strtoll(s, &e1, base);

    if ( l != strtoll(s, &e2, base) || e1 != e2 )
        report("strtoll(\"%s\", %u) = %lld end +%td, want %lld end +%td",
               s, base, l, e1 - s, strtoll(s, NULL, base), e2 - s);
}

/* ... and against strtoull, strtoul and strtoll. */
static void check_strto(const char *s, unsigned int base)
{
    const char *e1;
    char *e2;
    unsigned long long u = simple_strtoull(s, &e1, base);

    if ( u != strtoull(s, &e2, base) || e1 != e2 )
        report("strtoull(\"%s\", %u) = %llu end +%td, want %llu end +%td",
               s, base, u, e1 - s, strtoull(s, NULL, base), e2 - s);

    if ( simple_strtoul(s, &e1, base) != strtoul(s, &e2, base) ||
         e1 != e2 )
        report("strtoul(\"%s\", %u)", s, base);

    check_strtoll(s, base);
}

/* Tables and random numbers printed by glibc, in every base. */
static void test_strtoull(void)
{
    static const char *const prefixes[] = { "", "0", "0x", "0X" };
    static const char *const signs[] = { "-", "+", "-0x", "+0", "-0" };
    char s[96];
    unsigned int i, b;

    for ( i = 0; i < ARRAY_SIZE(num_strs); i++ )
        for ( b = 0; b < ARRAY_SIZE(bases); b++ )
        {
            check_strto(num_strs[i], bases[b]);
            /* Signed forms only for strtoll (the others take no sign). */
            snprintf(s, sizeof(s), "%s%s", signs[i % 5], num_strs[i]);
            check_strtoll(s, bases[b]);
        }

    for ( i = 0; i < 20000; i++ )
    {
        unsigned long long v = rnd() >> (rnd() % 64);
        const char *fmt = i % 3 == 0 ? "%s%llo%c" :
                          i % 3 == 1 ? "%s%llu%c" : "%s%llx%c";

        snprintf(s, sizeof(s), fmt, prefixes[i % 4], v,
                 "gG9 x\0"[i % 6]);
        for ( b = 0; b < ARRAY_SIZE(bases); b++ )
            check_strto(s, bases[b]);
    }

    check_eq(simple_strtoull("123", NULL, 10), 123);
}

/* Behaviour glibc does not share, and the signed limits. */
static void test_strtoull_own_rules(void)
{
    const char *s = " 12", *e;

    check_eq(simple_strtoull(s, &e, 10), 0);    /* No white space skip. */
    check(e == s);
    s = "-5";
    check_eq(simple_strtoull(s, &e, 10), 0);    /* No sign. */
    check(e == s);
    s = "123";
    check_eq(simple_strtoull(s, &e, 1), 0);     /* Bad bases. */
    check(e == s);
    check_eq(simple_strtoull(s, &e, 37), 0);
    check(e == s);
    check_eq(simple_strtoll("-9223372036854775808", NULL, 0), LLONG_MIN);
    check_eq(simple_strtoll("-9223372036854775809", NULL, 0), LLONG_MIN);
    check_eq(simple_strtoll("9223372036854775808", NULL, 0), LLONG_MAX);
    s = "-";
    check_eq(simple_strtoll(s, &e, 0), 0);
    check(e == s);
}

static void test_parse_size_and_unit(void)
{
    static const struct {
        const char *s;
        unsigned long long want;
        int end;
    } t[] = {
        { "0", 0, 1 }, { "1", 1024, 1 }, { "1B", 1, 2 }, { "1b", 1, 2 },
        { "4K", 4096, 2 }, { "4k", 4096, 2 }, { "16M", 16 << 20, 3 },
        { "16m", 16 << 20, 3 }, { "2G", 2ULL << 30, 2 },
        { "2g", 2ULL << 30, 2 }, { "1T", 1ULL << 40, 2 },
        { "3t", 3ULL << 40, 2 }, { "0x10M", 16 << 20, 5 },
        { "010K", 8 << 10, 4 }, { "100", 100 << 10, 3 },
        { "1X", 1024, 1 }, { "1KB", 1024, 2 }, { "", 0, 0 },
        { "K", 0, 0 }, { "16777216T", ULLONG_MAX, 9 },
        { "16777215T", 16777215ULL << 40, 9 },
        { "18446744073709551615B", ULLONG_MAX, 21 },
        { "18014398509481984", ULLONG_MAX, 17 },
        { "18014398509481983", 18014398509481983ULL << 10, 17 },
        { "512M,foo", 512 << 20, 4 },
    };
    const char *e;
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(t); i++ )
    {
        unsigned long long v = parse_size_and_unit(t[i].s, &e);

        if ( v != t[i].want || e != t[i].s + t[i].end )
            report("parse_size_and_unit(\"%s\") = %llu end +%td, want %llu "
                   "end +%d", t[i].s, v, e - t[i].s, t[i].want, t[i].end);
    }
    check_eq(parse_size_and_unit("2M", NULL), 2 << 20);
}

static void test_parse_bool(void)
{
    static const struct {
        const char *s;
        int len;                /* -1: pass e = NULL */
        int want;
    } t[] = {
        { "1", -1, 1 }, { "0", -1, 0 }, { "yes", -1, 1 }, { "no", -1, 0 },
        { "on", -1, 1 }, { "off", -1, 0 }, { "true", -1, 1 },
        { "false", -1, 0 }, { "enable", -1, 1 }, { "disable", -1, 0 },
        { "onward", 2, 1 }, { "yes", 2, -1 }, { "", -1, -1 },
        { "On", -1, -1 }, { "offx", -1, -1 }, { "2", -1, -1 },
        { "true,x", 4, 1 }, { "no=", 2, 0 }, { "enable", 0, -1 },
        { "10", -1, -1 }, { "o", -1, -1 }, { "disabled", -1, -1 },
    };
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(t); i++ )
    {
        const char *e = t[i].len < 0 ? NULL : t[i].s + t[i].len;

        if ( parse_bool(t[i].s, e) != t[i].want )
            report("parse_bool(\"%s\", %d) != %d", t[i].s, t[i].len,
                   t[i].want);
    }
    check_eq(parse_bool(NULL, NULL), -1);
}

/* --- Sorting ----------------------------------------------------------- */

struct rec {
    uint32_t key;
    uint32_t id;
    uint64_t check[2];          /* Derived from id: catches torn swaps. */
};

static int cmp_u8(const void *a, const void *b)
{
    return *(const unsigned char *)a - *(const unsigned char *)b;
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x, y;

    memcpy(&x, a, 4);
    memcpy(&y, b, 4);
    return (x > y) - (x < y);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x, y;

    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    return (x > y) - (x < y);
}

static int cmp_rec(const void *a, const void *b)
{
    return cmp_u32(a, b);       /* key only: ties are likely. */
}

static unsigned long nr_custom_swaps;

static void swap_custom(void *a, void *b, size_t size)
{
    unsigned char t[32];

    nr_custom_swaps++;
    memcpy(t, a, size);
    memcpy(a, b, size);
    memcpy(b, t, size);
}

/* Fill n elements: random, sorted, reversed or constant by 'shape'. */
static void fill_elems(unsigned char *p, size_t n, size_t size,
                       unsigned int shape)
{
    size_t i;

    for ( i = 0; i < n; i++ )
    {
        uint64_t v = shape == 0 ? rnd() : shape == 1 ? i :
                     shape == 2 ? n - i : 7;

        if ( size == sizeof(struct rec) )
        {
            struct rec r = { .key = v % (n / 2 + 1), .id = i,
                             .check = { i * 0x9e3779b97f4a7c15ULL, ~i } };

            memcpy(p + i * size, &r, size);
        }
        else
            memcpy(p + i * size, &v, size);
    }
}

/* Records: keys sorted like qsort's, each id once with intact payload. */
static void check_recs(const struct rec *got, const struct rec *want,
                       size_t n)
{
    static bool seen[1001];
    size_t i;

    memset(seen, 0, sizeof(seen));
    for ( i = 0; i < n; i++ )
    {
        const struct rec *r = &got[i];

        if ( r->key != want[i].key || r->id >= n || seen[r->id] ||
             r->check[0] != r->id * 0x9e3779b97f4a7c15ULL ||
             r->check[1] != ~(uint64_t)r->id )
        {
            report("sort records: bad element %zu of %zu", i, n);
            return;
        }
        seen[r->id] = true;
    }
}

/* Sort n elements of one size with sort() and qsort() and compare. */
static void check_sort(size_t n, size_t size, unsigned int shape,
                       bool custom, unsigned int offset)
{
    static uint64_t got_buf[1001 * 4 + 1], want_buf[1001 * 4 + 1];
    unsigned char *got = (unsigned char *)got_buf + offset;
    unsigned char *want = (unsigned char *)want_buf + offset;
    int (*cmp)(const void *, const void *) =
        size == 1 ? cmp_u8 : size == 4 ? cmp_u32 :
        size == 8 ? cmp_u64 : cmp_rec;

    fill_elems(got, n, size, shape);
    memcpy(want, got, n * size);
    qsort(want, n, size, cmp);
    sort(got, n, size, cmp, custom ? swap_custom : NULL);

    if ( size == sizeof(struct rec) )
        check_recs((const struct rec *)got, (const struct rec *)want, n);
    else if ( memcmp(got, want, n * size) )
        report("sort n %zu size %zu shape %u custom %d offset %u", n, size,
               shape, custom, offset);
}

static void test_sort(void)
{
    static const size_t sizes[] = { 1, 4, 8, sizeof(struct rec) };
    size_t n;
    unsigned int s;

    _Static_assert(sizeof(struct rec) == 24, "24-byte records");
    /* Every size up to 300, then a sample: keeps the run short. */
    for ( n = 0; n <= 1000; n += n < 300 ? 1 : 7 )
        for ( s = 0; s < ARRAY_SIZE(sizes); s++ )
            check_sort(n, sizes[s], 0, n % 3 == 1, s == 2 ? n % 2 : 0);

    /* Already sorted, reversed and constant input: heapsort's edges. */
    for ( n = 0; n <= 1000; n += 97 )
        for ( s = 1; s < 4; s++ )
            check_sort(n, 8, s, false, 0);

    check(nr_custom_swaps > 0);
}

int main(void)
{
    RUN(test_printf_integers);
    RUN(test_printf_chars_strings);
    RUN(test_printf_pointers);
    RUN(test_printf_mixed);
    RUN(test_printf_own_rules);
    RUN(test_memcpy);
    RUN(test_memmove);
    RUN(test_memset);
    RUN(test_mem_page);
    RUN(test_memcmp);
    RUN(test_memchr_strlen);
    RUN(test_strcmp);
    RUN(test_strchr);
    RUN(test_strstr);
    RUN(test_strlcpy);
    RUN(test_strtoull);
    RUN(test_strtoull_own_rules);
    RUN(test_parse_size_and_unit);
    RUN(test_parse_bool);
    RUN(test_sort);

    return harness_report();
}
