/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bench-tmem-data: what tmem's compression, trailing-zero elimination
 * and dedup cost and save.  Each scenario runs in its own process (the
 * in-process hypervisor boots once per process, with that scenario's
 * boot options): a domU puts N pages into a pool and gets them back, in
 * rounds; figures are medians over the rounds.  put+get ns/op includes
 * the hypercalls; bytes/page is the heap memory the N stored pages took
 * (free pages before and after the puts, so metadata and xmalloc slack
 * count), per page.  The baseline is the plain put+get of random pages
 * with every option off, measured the same way in the same run.
 *
 *   bench-tmem-data             the table and one JSON line
 *   bench-tmem-data --child S   one scenario: one line of figures
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xenctrl.h>

#include "bench-util.h"
#include "hosted-api.h"
#include "../tests/tmem/tmem-util.c"    /* the tests' guest helpers */

#define DOM             1
#define SRC_PAGES       64              /* distinct source gfns */
#define NPAGES          (TU_BUF_PAGES + SRC_PAGES)
#define N               4096            /* pages per round */
#define ROUNDS          7

enum { S_PLAIN, S_LZ_TEXT, S_LZ_RANDOM, S_TZE, S_DEDUP, S_ALL_TEXT, S_NR };

static const struct scenario {
    const char *key, *label, *cmdline;
    bool persistent;
} scn[S_NR] = {
    { "plain", "plain, random pages (baseline)", "", true },
    { "lz_text", "tmem_compress, compressible pages", "tmem_compress",
      true },
    { "lz_random", "tmem_compress, incompressible pages", "tmem_compress",
      true },
    { "tze", "tmem_tze, 200 bytes then zeros", "tmem_tze", true },
    { "dedup", "tmem_dedup, identical pages (ephemeral)", "tmem_dedup",
      false },
    { "all_text", "all three, compressible, 64 distinct",
      "tmem_compress tmem_tze tmem_dedup", false },
};

static unsigned int cur;
static long pool;
static double put_ns[ROUNDS], get_ns[ROUNDS];
static unsigned int round_no;

/* Source page k of the scenario, written into the guest's gfn. */
static void fill_source(unsigned int k)
{
    static const char words[] = "the quick brown fox jumps over a lazy dog ";
    uint8_t p[TU_PAGE_SIZE];
    uint64_t s = 0x1234 + k;
    size_t i;

    memset(p, 0, sizeof(p));
    for ( i = 0; i < TU_PAGE_SIZE; i += 8 )
    {
        uint64_t r = tu_rnd(&s);

        switch ( cur )
        {
        case S_LZ_TEXT:
        case S_ALL_TEXT:
            memcpy(p + i, words + (i / 8 + k) % 32, 8);
            break;
        case S_TZE:
            if ( i < 200 )
                memcpy(p + i, &r, 8);
            break;
        case S_DEDUP:
            memset(p + i, 0x3c, 8);     /* the same page everywhere */
            break;
        default:
            memcpy(p + i, &r, 8);
        }
    }
    if ( cur != S_DEDUP && cur != S_TZE )
        memcpy(p, &k, sizeof(k));
    hosted_buf_write(tu_gva(TU_BUF_PAGES + k), p, TU_PAGE_SIZE);
}

static void g_setup(void *unused)
{
    unsigned int k;

    (void)unused;
    pool = tu_new_pool(scn[cur].persistent ? TU_PERS : TU_EPH, 0, 0);
    for ( k = 0; k < SRC_PAGES; k++ )
        fill_source(k);
}

static void g_puts(void *unused)
{
    double t0 = now_ns();
    uint32_t i;

    (void)unused;
    for ( i = 0; i < N; i++ )
        if ( tu_put((int32_t)pool, tu_oid(1, 0, 0), i,
                    TU_BUF_PAGES + i % SRC_PAGES) != 1 )
            exit(2);
    put_ns[round_no] = (now_ns() - t0) / N;
}

static void g_gets(void *unused)
{
    double t0 = now_ns();
    uint32_t i;

    (void)unused;
    for ( i = 0; i < N; i++ )
        if ( tu_get((int32_t)pool, tu_oid(1, 0, 0), i, TU_BUF_PAGES + 63)
             != 1 )
            exit(3);
    get_ns[round_no] = (now_ns() - t0) / N;
    if ( scn[cur].persistent )
        tu_flush_object((int32_t)pool, tu_oid(1, 0, 0));
}

/* Run scenario cur in this process: "put get bytes/page". */
static int child(void)
{
    char cmd[256];
    double bytes = 0;

    snprintf(cmd, sizeof(cmd), "mem=256M dom0_mem=8M tmem %s",
             scn[cur].cmdline);
    if ( tu_open(cmd, 600) || tu_domain_create(DOM, NPAGES, 0) ||
         tu_run(DOM, g_setup, NULL) || pool < 0 )
        return 1;
    for ( round_no = 0; round_no < ROUNDS; round_no++ )
    {
        unsigned long f0 = tu_free_pages();

        if ( tu_run(DOM, g_puts, NULL) )
            return 1;
        bytes = (double)(f0 - tu_free_pages()) * TU_PAGE_SIZE / N;
        if ( tu_run(DOM, g_gets, NULL) )
            return 1;
    }
    printf("%.1f %.1f %.1f\n", median(put_ns, ROUNDS), median(get_ns, ROUNDS), bytes);
    return 0;
}

int main(int argc, char **argv)
{
    double put[S_NR], get[S_NR], bytes[S_NR], base;
    unsigned int i;

    if ( argc >= 2 && !strcmp(argv[1], "--count-method") )
    {
        printf("none\n");
        return 0;
    }
    if ( argc >= 2 && !strcmp(argv[1], "--list-counts") )
        return 0;                       /* no instruction counts */
    if ( argc == 3 && !strcmp(argv[1], "--child") )
    {
        cur = (unsigned int)atoi(argv[2]);
        return cur < S_NR ? child() : 1;
    }
    for ( i = 0; i < S_NR; i++ )
    {
        char cmd[512];
        FILE *f;

        snprintf(cmd, sizeof(cmd), "%s --child %u 2>/dev/null", argv[0], i);
        f = popen(cmd, "r");
        if ( !f || fscanf(f, "%lf %lf %lf", &put[i], &get[i], &bytes[i])
                   != 3 )
        {
            fprintf(stderr, "bench-tmem-data: scenario %s failed\n",
                    scn[i].key);
            return 1;
        }
        pclose(f);
    }
    base = put[S_PLAIN] + get[S_PLAIN];
    printf("bench-tmem-data: %u pages per round, median of %u rounds, "
           "one process per scenario\n", N, ROUNDS);
    printf("%-44s %8s %8s %8s %7s %10s\n", "scenario", "put ns", "get ns",
           "put+get", "vs base", "bytes/page");
    for ( i = 0; i < S_NR; i++ )
        printf("%-44s %8.1f %8.1f %8.1f %6.2fx %10.1f\n", scn[i].label,
               put[i], get[i], put[i] + get[i], (put[i] + get[i]) / base,
               bytes[i]);
    printf("\n{\"bench\":\"tmem-data\"");
    for ( i = 0; i < S_NR; i++ )
        printf(",\"%s_put_ns\":%.1f,\"%s_get_ns\":%.1f,"
               "\"%s_bytes_per_page\":%.1f", scn[i].key, put[i], scn[i].key,
               get[i], scn[i].key, bytes[i]);
    printf("}\n");
    return 0;
}
