/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench-lz: the page compressor (xen/common/lz.c) against liblz4 on a
 * generated corpus of 4 KiB pages (see docs/misc/bench.md, docs/misc/lz.md).
 *
 *   bench-lz                    time everything, print a table and one
 *                               JSON line (the last line of output)
 *   bench-lz --instr a=1.5,...  the same, with instruction counts per page
 *                               obtained by scripts/run-bench
 *   bench-lz --list-counts      "<op> <n> <loop symbol>" per countable op
 *   bench-lz --count-method     "client-requests" or "toggle-only"
 *   bench-lz --count <op> <n>   run <op> on n pages inside
 *                               bench_counted_region(), for callgrind
 *
 * Four kinds of page, PAGES of each, generated deterministically: text,
 * binary (page tables, struct arrays, heap-like words), zero-heavy
 * (empty, sparse, a short head then zeros) and random.  For each kind and
 * each compressor: compression ratio (input / output bytes), compress
 * and decompress throughput in MB/s (10^6 bytes of uncompressed data per
 * second), median of RUNS runs over all the kind's pages after a warm-up;
 * memcpy of the same pages is the baseline.  Our loops run
 * hypervisor-side (bench-lz-fixture.c, hypervisor flags: -O2, no SSE);
 * liblz4 is called as Debian ships it (LZ4_compress_default,
 * LZ4_decompress_safe).  Without <lz4.h> at build time (HAVE_LZ4 unset)
 * the reference rows are skipped and the output says why.
 */

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef HAVE_LZ4
#include <lz4.h>
#endif

#include "bench-lz-fixture.h"
#include "bench-util.h"

#define PAGES           1024            /* pages per kind: 4 MiB */
#define RUNS            11
#define COUNT_PAGES     96              /* pages per callgrind run */
#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))

enum kind { K_TEXT, K_BINARY, K_ZERO, K_RANDOM, NR_KINDS };

static const char *const kind_key[NR_KINDS] = {
    "text", "binary", "zero", "random",
};
static const char *const kind_label[NR_KINDS] = {
    "text", "binary", "zero-heavy", "random",
};

/* A compressor as the bench drives it: n pages, LZ_PAGE each. */
struct impl {
    const char *key;
    size_t (*compress)(const void *in, size_t n, void *out, uint32_t *lens);
    int (*decompress)(const void *in, const uint32_t *lens, size_t n,
                      void *out);
    const char *compress_fn, *decompress_fn;    /* loop symbols */
};

struct result {
    double ratio, comp_ns, decomp_ns;           /* ns for all PAGES */
    double comp_instr, decomp_instr;            /* per page, NAN if not */
    size_t out_bytes;
};

static uint8_t *corpus[NR_KINDS];               /* PAGES * LZ_PAGE each */
static uint8_t *slots, *back;                   /* compressed, decompressed */
static uint32_t lens[PAGES];
static size_t slot;                             /* bytes per slot */

/* --- The corpus ---------------------------------------------------------- */

static uint64_t rnd_state;

static uint64_t rnd(void)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 7;
    rnd_state ^= rnd_state << 17;
    return rnd_state;
}

static const char *const words[] = {
    "the", "of", "and", "to", "a", "in", "is", "it", "that", "for", "was",
    "on", "are", "as", "with", "be", "at", "by", "this", "have", "from",
    "or", "one", "had", "not", "but", "what", "all", "were", "when", "we",
    "there", "can", "an", "your", "which", "their", "said", "if", "do",
    "will", "each", "about", "how", "up", "out", "them", "then", "she",
    "many", "some", "so", "these", "would", "other", "into", "has", "more",
    "her", "two", "like", "him", "see", "time", "could", "no", "make",
    "than", "first", "been", "its", "who", "now", "people", "my", "made",
    "over", "did", "down", "only", "way", "find", "use", "may", "water",
    "long", "little", "very", "after", "words", "called", "just", "where",
    "most", "know", "memory", "page", "domain", "guest", "hypervisor",
    "kernel", "compression", "transcendent", "ephemeral", "persistent",
    "allocation", "frame", "pool", "object", "through", "between",
    "because", "different", "following", "important", "number", "system",
};

static double zipf_cdf[ARRAY_SIZE(words)];

static void zipf_init(void)
{
    double sum = 0;

    for ( size_t i = 0; i < ARRAY_SIZE(words); i++ )
        zipf_cdf[i] = sum += 1.0 / (i + 1);
    for ( size_t i = 0; i < ARRAY_SIZE(words); i++ )
        zipf_cdf[i] /= sum;
}

static const char *zipf_word(void)
{
    double u = (rnd() >> 11) * 0x1p-53;
    size_t lo = 0, hi = ARRAY_SIZE(words) - 1;

    while ( lo < hi )
    {
        size_t mid = (lo + hi) / 2;

        if ( zipf_cdf[mid] < u )
            lo = mid + 1;
        else
            hi = mid;
    }
    return words[lo];
}

/* English-like prose: Zipf words, sentences, numbers, wrapped lines. */
static void gen_text(uint8_t *p, size_t n)
{
    size_t i = 0, col = 0, in_sentence = 0;
    char w[32];

    while ( i < n )
    {
        if ( rnd() % 40 == 0 )
            snprintf(w, sizeof(w), "%u", (unsigned int)(rnd() % 100000));
        else
            snprintf(w, sizeof(w), "%s", zipf_word());
        if ( !in_sentence++ )
            w[0] = w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0];
        if ( in_sentence > 6 + rnd() % 14 )
        {
            strcat(w, rnd() % 5 ? "." : ",");
            in_sentence = 0;
        }
        for ( size_t j = 0; w[j] && i < n; j++, col++ )
            p[i++] = w[j];
        if ( i < n )
            p[i++] = col > 68 ? '\n' : ' ';
        col = col > 68 ? 0 : col + 1;
    }
}

/* An x86-64 page table: present entries with ascending frames, holes. */
static void gen_ptes(uint8_t *p)
{
    uint64_t mfn = rnd() % (1 << 24), e;

    for ( size_t i = 0; i < LZ_PAGE; i += 8 )
    {
        mfn += rnd() % 8 ? 1 : rnd() % 4096;
        e = rnd() % 6 ? (mfn << 12) | 0x63 | (rnd() % 4 ? 0 : 0x800000ULL
                                                       << 40) : 0;
        memcpy(p + i, &e, 8);
    }
}

/* An array of 40-byte records: ids, enums, flags, pointers, sizes. */
static void gen_structs(uint8_t *p)
{
    struct {
        uint32_t id;
        uint16_t type, flags;
        uint64_t next, owner, size;
        uint32_t refs, pad;
    } s;
    uint32_t id = rnd() % 100000;
    uint8_t rec[sizeof(s) * 2];

    for ( size_t i = 0; i < LZ_PAGE; i += sizeof(s) )
    {
        s.id = id++;
        s.type = rnd() % 6;
        s.flags = rnd() % 3 ? 0 : 1U << (rnd() % 16);
        s.next = rnd() % 8 ? 0xffff830000000000ULL + (rnd() % 65536) * 64 : 0;
        s.owner = 0xffff82d040000000ULL + (rnd() % 16) * 0x1000;
        s.size = rnd() % 4 ? 4096 : rnd() % 100000;
        s.refs = 1 + rnd() % 3;
        s.pad = 0;
        memcpy(rec, &s, sizeof(s));
        memcpy(p + i, rec, LZ_PAGE - i < sizeof(s) ? LZ_PAGE - i : sizeof(s));
    }
}

/* 8-byte heap slots: small integers, pointers, zeros, some noise. */
static void gen_heap(uint8_t *p)
{
    for ( size_t i = 0; i < LZ_PAGE; i += 8 )
    {
        uint64_t r = rnd() % 10, v;

        if ( r < 4 )
            v = rnd() % 256;
        else if ( r < 7 )
            v = 0x00007f3a00000000ULL + (rnd() % 4096) * 16;
        else if ( r < 9 )
            v = 0;
        else
            v = rnd();
        memcpy(p + i, &v, 8);
    }
}

/* Mostly zero: empty, a few words, a head of data, a sparse bitmap. */
static void gen_zero_heavy(uint8_t *p, size_t idx)
{
    size_t head;

    memset(p, 0, LZ_PAGE);
    switch ( idx % 4 )
    {
    case 0:
        break;
    case 1:
        for ( unsigned int k = 1 + rnd() % 16; k--; )
        {
            uint64_t w = rnd() >> (rnd() % 48);

            memcpy(p + (rnd() % (LZ_PAGE / 8)) * 8, &w, 8);
        }
        break;
    case 2:
        head = 64 + rnd() % 1472;
        if ( idx % 8 == 2 )
            gen_text(p, head);
        else
            for ( size_t i = 0; i < head; i++ )
                p[i] = rnd() % 3 ? rnd() % 16 : rnd();
        break;
    default:
        for ( size_t i = 0; i < LZ_PAGE; i += 64 )
            if ( rnd() % 8 == 0 )
                p[i + rnd() % 64] = 1U << (rnd() % 8);
        break;
    }
}

static void gen_page(enum kind k, uint8_t *p, size_t idx)
{
    switch ( k )
    {
    case K_TEXT:
        gen_text(p, LZ_PAGE);
        break;
    case K_BINARY:
        if ( idx % 3 == 0 )
            gen_ptes(p);
        else if ( idx % 3 == 1 )
            gen_structs(p);
        else
            gen_heap(p);
        break;
    case K_ZERO:
        gen_zero_heavy(p, idx);
        break;
    default:
        for ( size_t i = 0; i < LZ_PAGE; i += 8 )
        {
            uint64_t v = rnd();

            memcpy(p + i, &v, 8);
        }
        break;
    }
}

static int make_corpus(void)
{
    zipf_init();
    slot = bl_slot();
#ifdef HAVE_LZ4
    if ( (size_t)LZ4_compressBound(LZ_PAGE) > slot )
        slot = LZ4_compressBound(LZ_PAGE);
#endif
    slots = malloc(PAGES * slot);
    back = malloc(PAGES * LZ_PAGE);
    if ( !slots || !back )
        return -ENOMEM;
    for ( unsigned int k = 0; k < NR_KINDS; k++ )
    {
        corpus[k] = malloc(PAGES * LZ_PAGE);
        if ( !corpus[k] )
            return -ENOMEM;
        rnd_state = 0x9e3779b97f4a7c15ULL * (k + 1);
        for ( size_t i = 0; i < PAGES; i++ )
            gen_page(k, corpus[k] + i * LZ_PAGE, i);
    }
    return 0;
}

/* --- The compressors ----------------------------------------------------- */

/* Ours: bl_* run hypervisor-side.  Both compressors use slot strides. */
static size_t lz_comp(const void *in, size_t n, void *out, uint32_t *l)
{
    return bl_compress_pages(in, n, out, slot, l);
}

static int lz_decomp(const void *in, const uint32_t *l, size_t n, void *out)
{
    return bl_decompress_pages(in, slot, l, n, out);
}

#ifdef HAVE_LZ4
__attribute__((noinline))
static size_t lz4_compress_pages(const void *in, size_t n, void *out,
                                 uint32_t *l)
{
    size_t total = 0;

    for ( size_t i = 0; i < n; i++ )
    {
        l[i] = LZ4_compress_default((const char *)in + i * LZ_PAGE,
                                    (char *)out + i * slot, LZ_PAGE, slot);
        if ( !l[i] )
            return 0;
        total += l[i];
    }
    return total;
}

__attribute__((noinline))
static int lz4_decompress_pages(const void *in, const uint32_t *l, size_t n,
                                void *out)
{
    for ( size_t i = 0; i < n; i++ )
        if ( LZ4_decompress_safe((const char *)in + i * slot,
                                 (char *)out + i * LZ_PAGE, l[i],
                                 LZ_PAGE) != LZ_PAGE )
            return -1;
    return 0;
}
#endif

static const struct impl impls[] = {
    { "lz", lz_comp, lz_decomp, "bl_compress_pages", "bl_decompress_pages" },
#ifdef HAVE_LZ4
    { "lz4", lz4_compress_pages, lz4_decompress_pages,
      "lz4_compress_pages", "lz4_decompress_pages" },
#endif
};

#define NR_IMPLS ARRAY_SIZE(impls)

static struct result results[NR_KINDS][NR_IMPLS];

/* --- Measuring ----------------------------------------------------------- */

/* One countable or timeable job: n pages of one op on one kind. */
struct job {
    const struct impl *impl;
    enum kind kind;
    bool decompress;
    size_t n;
};

static int job_run(const struct job *j)
{
    if ( j->decompress )
        return j->impl->decompress(slots, lens, j->n, back);
    return j->impl->compress(corpus[j->kind], j->n, slots, lens) ? 0 : -1;
}

/*
 * The only code callgrind counts (--toggle-collect=bench_counted_region).
 * noinline/noclone and the barrier keep the symbol and a real call.
 */
BENCH_COUNTED
int bench_counted_region(const struct job *j);

int bench_counted_region(const struct job *j)
{
    int rc = job_run(j);

    __asm__ volatile ( "" ::: "memory" );
    return rc;
}

/* ns of one run of j; NAN if it failed. */
static double time_job(const struct job *j)
{
    double t = now_ns();

    return job_run(j) ? NAN : now_ns() - t;
}

/* Compress and decompress every page of kind k with impl i, and check. */
static int round_trip(enum kind k, unsigned int i)
{
    size_t out = impls[i].compress(corpus[k], PAGES, slots, lens);

    if ( !out || impls[i].decompress(slots, lens, PAGES, back) ||
         memcmp(back, corpus[k], PAGES * LZ_PAGE) )
    {
        fprintf(stderr, "bench-lz: %s: %s round trip failed\n",
                kind_key[k], impls[i].key);
        return -1;
    }
    results[k][i].out_bytes = out;
    results[k][i].ratio = (double)PAGES * LZ_PAGE / out;
    return 0;
}

/*
 * Check the round trip of kind k for every impl, then time RUNS runs of
 * compression and of decompression of all its pages, after a warm-up,
 * the impls taking turns so that a change in the machine's load hits
 * them alike.  Medians into results[k].  Returns 0 or -1.
 */
static int measure(enum kind k)
{
    double c[NR_IMPLS][RUNS + 1], d[NR_IMPLS][RUNS + 1];

    for ( unsigned int i = 0; i < NR_IMPLS; i++ )
        if ( round_trip(k, i) )
            return -1;
    for ( unsigned int r = 0; r <= RUNS; r++ )
        for ( unsigned int i = 0; i < NR_IMPLS; i++ )
        {
            struct job j = { &impls[i], k, false, PAGES };

            c[i][r] = time_job(&j);
            j.decompress = true;
            d[i][r] = time_job(&j);
            if ( isnan(c[i][r]) || isnan(d[i][r]) )
                return -1;
        }
    for ( unsigned int i = 0; i < NR_IMPLS; i++ )
    {
        /* Run 0 is the warm-up. */
        results[k][i].comp_ns = median(c[i] + 1, RUNS);
        results[k][i].decomp_ns = median(d[i] + 1, RUNS);
    }
    return 0;
}

/* Median ns of copying every page of one kind (4 KiB memcpy each). */
static double time_memcpy(void)
{
    double v[RUNS], t;

    for ( unsigned int r = 0; r <= RUNS; r++ )
    {
        t = now_ns();
        for ( size_t p = 0; p < PAGES; p++ )
            memcpy(back + p * LZ_PAGE, corpus[r % NR_KINDS] + p * LZ_PAGE,
                   LZ_PAGE);
        __asm__ volatile ( "" :: "r" (back) : "memory" );
        if ( r )
            v[r - 1] = now_ns() - t;
    }
    return median(v, RUNS);
}

/* --- Instruction counts (scripts/run-bench) ------------------------------ */

/* "<impl>_<compress|decompress>_<kind>" into buf. */
static void op_name(char *buf, size_t len, unsigned int i, bool dec,
                    enum kind k)
{
    snprintf(buf, len, "%s_%s_%s", impls[i].key,
             dec ? "decompress" : "compress", kind_key[k]);
}

static void list_counts(void)
{
    char name[64];

    for ( unsigned int k = 0; k < NR_KINDS; k++ )
        for ( unsigned int i = 0; i < NR_IMPLS; i++ )
            for ( int dec = 0; dec < 2; dec++ )
            {
                op_name(name, sizeof(name), i, dec, k);
                printf("%s %d %s\n", name, COUNT_PAGES,
                       dec ? impls[i].decompress_fn : impls[i].compress_fn);
            }
}

static bool find_job(const char *op, struct job *j)
{
    char name[64];

    for ( unsigned int k = 0; k < NR_KINDS; k++ )
        for ( unsigned int i = 0; i < NR_IMPLS; i++ )
            for ( int dec = 0; dec < 2; dec++ )
            {
                op_name(name, sizeof(name), i, dec, k);
                if ( !strcmp(name, op) )
                {
                    *j = (struct job){ &impls[i], k, dec, 0 };
                    return true;
                }
            }
    return false;
}

/* --count: prepare (compressing first for a decompress op), warm up, count. */
static int count_one(const char *op, unsigned long n)
{
    struct job j;
    int rc;

    if ( !find_job(op, &j) || !n || n > PAGES )
        return 2;
    j.n = n;
    if ( !j.impl->compress(corpus[j.kind], n, slots, lens) || job_run(&j) )
        return 1;
#ifdef HAVE_CALLGRIND_H
    CALLGRIND_START_INSTRUMENTATION;
#endif
    rc = bench_counted_region(&j);
#ifdef HAVE_CALLGRIND_H
    CALLGRIND_STOP_INSTRUMENTATION;
#endif
    return rc ? 1 : 0;
}

/* --instr op=v,...: attach the counts to the results. */
static void parse_instr(char *s)
{
    for ( char *tok = strtok(s, ","); tok; tok = strtok(NULL, ",") )
    {
        char *eq = strchr(tok, '=');
        struct job j;

        if ( !eq )
            continue;
        *eq = '\0';
        if ( !find_job(tok, &j) )
            continue;
        for ( unsigned int i = 0; i < NR_IMPLS; i++ )
            if ( j.impl == &impls[i] )
                *(j.decompress ? &results[j.kind][i].decomp_instr
                               : &results[j.kind][i].comp_instr) =
                    strtod(eq + 1, NULL);
    }
}

/* --- Output --------------------------------------------------------------- */

#define ALL     NR_KINDS                /* the row over every kind */

static struct result totals[NR_IMPLS];

/* Sum the kinds into totals[]: bytes and times add; counts average. */
static void make_totals(void)
{
    for ( unsigned int i = 0; i < NR_IMPLS; i++ )
    {
        struct result *t = &totals[i];

        memset(t, 0, sizeof(*t));
        for ( unsigned int k = 0; k < NR_KINDS; k++ )
        {
            const struct result *r = &results[k][i];

            t->out_bytes += r->out_bytes;
            t->comp_ns += r->comp_ns;
            t->decomp_ns += r->decomp_ns;
            t->comp_instr += r->comp_instr / NR_KINDS;
            t->decomp_instr += r->decomp_instr / NR_KINDS;
        }
        t->ratio = (double)NR_KINDS * PAGES * LZ_PAGE / t->out_bytes;
    }
}

static const struct result *res_of(unsigned int k, unsigned int i)
{
    return k == ALL ? &totals[i] : &results[k][i];
}

static double mbps(unsigned int k, double ns)
{
    double bytes = (double)PAGES * LZ_PAGE * (k == ALL ? NR_KINDS : 1);

    return bytes / ns * 1e3;
}

/* "123" or "-" for a figure not measured, into buf. */
static const char *fmt(char *buf, size_t len, const char *f, double v)
{
    if ( isnan(v) )
        snprintf(buf, len, "-");
    else
        snprintf(buf, len, f, v);
    return buf;
}

/* Our figure as a percentage of liblz4's, or "" without the reference. */
static const char *pct(char *buf, size_t len, double ours, double ref)
{
    if ( NR_IMPLS < 2 || isnan(ours) || isnan(ref) || ref <= 0 )
        snprintf(buf, len, "%s", "");
    else
        snprintf(buf, len, "(%3.0f%%)", 100 * ours / ref);
    return buf;
}

static void print_row(unsigned int k, unsigned int i)
{
    const struct result *r = res_of(k, i), *ref = res_of(k, NR_IMPLS - 1);
    char a[32], b[32], c[32], d[32], e[32], f[32], g[32];
    bool ours = i == 0;

    printf("%-11s %-4s %6.3f %-6s %8s %-6s %8s %-6s %9s %9s\n",
           i ? "" : (k == ALL ? "all" : kind_label[k]), impls[i].key,
           r->ratio, ours ? pct(a, sizeof(a), r->ratio, ref->ratio) : "",
           fmt(b, sizeof(b), "%.0f", mbps(k, r->comp_ns)),
           ours ? pct(c, sizeof(c), mbps(k, r->comp_ns),
                      mbps(k, ref->comp_ns)) : "",
           fmt(d, sizeof(d), "%.0f", mbps(k, r->decomp_ns)),
           ours ? pct(e, sizeof(e), mbps(k, r->decomp_ns),
                      mbps(k, ref->decomp_ns)) : "",
           fmt(f, sizeof(f), "%.0f", r->comp_instr),
           fmt(g, sizeof(g), "%.0f", r->decomp_instr));
}

static const char *verdict(double v, double target)
{
    return isnan(v) ? "n/a" : v >= target ? "OK" : "MISS";
}

static void print_table(double memcpy_ns)
{
    char a[32];

    printf("%-11s %-4s %13s %15s %15s %9s %9s\n", "kind", "impl",
           "ratio", "compress MB/s", "decomp. MB/s", "instr/pg", "instr/pg");
    printf("%-11s %-4s %13s %15s %15s %9s %9s\n", "", "", "", "", "",
           "compress", "decomp.");
    for ( unsigned int k = 0; k <= ALL; k++ )
        for ( unsigned int i = 0; i < NR_IMPLS; i++ )
            print_row(k, i);
    printf("%-16s %13s %8s %15s\n", "memcpy", "",
           fmt(a, sizeof(a), "%.0f", mbps(0, memcpy_ns)), "(baseline)");
    if ( NR_IMPLS < 2 )
        return;
    printf("\n%-44s %8s %8s %s\n", "target (all kinds, ours / liblz4)",
           "value", "target", "result");
    printf("%-44s %7.0f%% %8s %s\n", "compression throughput",
           100 * totals[1].comp_ns / totals[0].comp_ns, ">= 40%",
           verdict(totals[1].comp_ns / totals[0].comp_ns, 0.40));
    printf("%-44s %7.0f%% %8s %s\n", "decompression throughput",
           100 * totals[1].decomp_ns / totals[0].decomp_ns, ">= 50%",
           verdict(totals[1].decomp_ns / totals[0].decomp_ns, 0.50));
    printf("%-44s %7.0f%% %8s %s\n", "compression ratio",
           100 * totals[0].ratio / totals[1].ratio, ">= 85%",
           verdict(totals[0].ratio / totals[1].ratio, 0.85));
}

/* A JSON number, or null for a figure not measured. */
static void json_num(const char *key, double v, const char *f)
{
    printf(",\"%s\":", key);
    if ( isnan(v) || isinf(v) )
        printf("null");
    else
        printf(f, v);
}

static void print_json(double memcpy_ns)
{
    char key[96];

    printf("{\"bench\":\"lz\",\"pages_per_kind\":%d,\"runs\":%d", PAGES,
           RUNS);
#ifdef HAVE_LZ4
    printf(",\"lz4_version\":\"%s\"", LZ4_versionString());
#else
    printf(",\"lz4_version\":null");
#endif
    for ( unsigned int k = 0; k <= ALL; k++ )
        for ( unsigned int i = 0; i < NR_IMPLS; i++ )
        {
            const struct result *r = res_of(k, i);
            const char *kk = k == ALL ? "all" : kind_key[k];

#define KEY(what) (snprintf(key, sizeof(key), "%s_%s_" what, kk, \
                            impls[i].key), key)
            json_num(KEY("ratio"), r->ratio, "%.4f");
            json_num(KEY("compress_mbps"), mbps(k, r->comp_ns), "%.1f");
            json_num(KEY("decompress_mbps"), mbps(k, r->decomp_ns), "%.1f");
            json_num(KEY("compress_instr_per_page"), r->comp_instr, "%.0f");
            json_num(KEY("decompress_instr_per_page"), r->decomp_instr,
                     "%.0f");
#undef KEY
        }
    json_num("memcpy_mbps", mbps(0, memcpy_ns), "%.1f");
    if ( NR_IMPLS > 1 )
    {
        json_num("compress_vs_lz4", totals[1].comp_ns / totals[0].comp_ns,
                 "%.3f");
        json_num("decompress_vs_lz4",
                 totals[1].decomp_ns / totals[0].decomp_ns, "%.3f");
        json_num("ratio_vs_lz4", totals[0].ratio / totals[1].ratio, "%.3f");
    }
    printf("}\n");
}

static int run_all(void)
{
    double memcpy_ns;

    for ( unsigned int k = 0; k < NR_KINDS; k++ )
        if ( measure(k) )
            return 1;
    memcpy_ns = time_memcpy();
    make_totals();

    printf("bench-lz: %d pages of 4 KiB per kind, generated; median of %d "
           "runs after a warm-up%s; MB/s = 10^6 bytes of uncompressed data "
           "per second\n"
           "  lz: xen/common/lz.c with the hypervisor's flags (-O2, no SSE), "
           "LZ_WRKMEM scratch cleared per page\n", PAGES, RUNS,
           NR_IMPLS > 1 ? ", lz and lz4 taking turns" : "");
#ifdef HAVE_LZ4
    printf("  lz4: liblz4 %s as installed (LZ4_compress_default, "
           "LZ4_decompress_safe); (n%%) = ours as a share of lz4's\n\n",
           LZ4_versionString());
#else
    printf("  lz4: reference rows skipped: <lz4.h> was not found when "
           "bench-lz was built (apt-get install liblz4-dev, then make "
           "bench again)\n\n");
#endif
    print_table(memcpy_ns);
    printf("\n");
    print_json(memcpy_ns);
    return 0;
}

int main(int argc, char **argv)
{
    for ( unsigned int k = 0; k < NR_KINDS; k++ )
        for ( unsigned int i = 0; i < NR_IMPLS; i++ )
            results[k][i].comp_instr = results[k][i].decomp_instr = NAN;

    if ( argc == 2 && !strcmp(argv[1], "--count-method") )
    {
        bench_print_count_method();
        return 0;
    }
    if ( argc == 2 && !strcmp(argv[1], "--list-counts") )
    {
        list_counts();
        return 0;
    }
    if ( make_corpus() )
    {
        fprintf(stderr, "bench-lz: out of memory\n");
        return 1;
    }
    if ( argc == 4 && !strcmp(argv[1], "--count") )
        return count_one(argv[2], strtoul(argv[3], NULL, 0));
    if ( argc == 3 && !strcmp(argv[1], "--instr") )
        parse_instr(argv[2]);
    else if ( argc != 1 )
    {
        fprintf(stderr, "usage: %s [--instr k=v,...|--list-counts|"
                "--count-method|--count <op> <n>]\n", argv[0]);
        return 2;
    }
    return run_all();
}
