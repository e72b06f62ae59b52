/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every benchmark program in tools/bench/ needs: a monotonic clock
 * in nanoseconds, the median of a set of runs, and the attribute that
 * keeps bench_counted_region() a real, separately named function for
 * callgrind's --toggle-collect (docs/misc/bench.md).
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/*
 * Callgrind's client requests, when valgrind's headers are installed
 * (-DBENCH_NO_CALLGRIND_H tests the --toggle-collect-only fallback).
 */
#if defined(__has_include) && !defined(BENCH_NO_CALLGRIND_H)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND_H 1
#endif
#endif

/* noinline (and noclone where the compiler has it): one real symbol. */
#if defined(__clang__)
#define BENCH_COUNTED           __attribute__((noinline))
#else
#define BENCH_COUNTED           __attribute__((noinline, noclone))
#endif

/* CLOCK_MONOTONIC now, in nanoseconds. */
static inline double now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return x < y ? -1 : x > y;
}

/* The median of v[0, n) (n > 0); sorts v. */
static inline double median(double *v, unsigned int n)
{
    qsort(v, n, sizeof(*v), bench_cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * Answer --count-method: how run-bench must drive callgrind for this
 * program (docs/misc/bench.md, "Instruction counts").
 */
static inline void bench_print_count_method(void)
{
#ifdef HAVE_CALLGRIND_H
    puts("client-requests");
#else
    puts("toggle-only");
#endif
}

/*
 * Define int bench_counted_region(int (*run)(unsigned long), unsigned
 * long n): the only code callgrind counts (--toggle-collect), n ops of
 * one kind.  BENCH_COUNTED and the barrier keep the symbol and a real
 * call, so the toggle fires on entry and on return.
 */
#define BENCH_DEFINE_COUNTED_REGION()                                   \
BENCH_COUNTED                                                           \
int bench_counted_region(int (*run)(unsigned long), unsigned long n);   \
int bench_counted_region(int (*run)(unsigned long), unsigned long n)    \
{                                                                       \
    int rc = run(n);                                                    \
                                                                        \
    __asm__ volatile ( "" ::: "memory" );                               \
    return rc;                                                          \
}

#endif /* BENCH_UTIL_H */
