/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unit tests of the small-object allocator (xen/common/xmalloc.c), run
 * inside an in-process hypervisor booted with 128 MiB.  The checks run
 * hypervisor-side in xmalloc-fixture.c.  This side adds the threads of
 * the concurrent test and the forked children that must die on misuse.
 */

#include <fcntl.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"
#include "hosted-api.h"
#include "xmalloc-fixture.h"

#define NR_THREADS      6
#define WORKER_OPS      20000

#define FIXTURE_TEST(name)                                              \
    static void test_##name(void)                                       \
    {                                                                   \
        const char *err = xm_##name();                                  \
                                                                        \
        if ( err )                                                      \
            fail("%s", err);                                            \
        if ( xm_audit() )                                               \
            fail("xmalloc audit failed after the test");                \
        if ( hosted_heap_audit() )                                      \
            fail("heap audit failed after the test");                   \
    }

FIXTURE_TEST(sizes)
FIXTURE_TEST(zeroed)
FIXTURE_TEST(no_overlap)
FIXTURE_TEST(used_bytes)
FIXTURE_TEST(pages_returned)
FIXTURE_TEST(array_overflow)
FIXTURE_TEST(exhaustion)
FIXTURE_TEST(poison)

struct worker {
    pthread_t thread;
    unsigned int id;
    const char *err;
};

static void *worker_main(void *arg)
{
    struct worker *w = arg;

    w->err = xm_worker(w->id, 0x9e3779b9u * (w->id + 1), WORKER_OPS);
    return NULL;
}

/* Several threads allocate and free at once; nothing leaks or overlaps. */
static void test_concurrent(void)
{
    struct worker w[NR_THREADS];
    const char *err;
    unsigned int i;

    xm_snapshot();
    for ( i = 0; i < NR_THREADS; i++ )
    {
        w[i].id = i;
        w[i].err = NULL;
        if ( pthread_create(&w[i].thread, NULL, worker_main, &w[i]) )
        {
            fail("cannot create thread %u", i);
            return;
        }
    }
    for ( i = 0; i < NR_THREADS; i++ )
    {
        pthread_join(w[i].thread, NULL);
        if ( w[i].err )
            fail("thread %u: %s", i, w[i].err);
    }
    err = xm_compare_snapshot();
    if ( err )
        fail("%s", err);
    if ( hosted_heap_audit() )
        fail("heap audit failed after the test");
}

/* Run fn in a child process: it must be stopped (BUG), not return. */
static void expect_death(void (*fn)(void), const char *what)
{
    int status, fd;
    pid_t pid;

    fflush(stdout);
    pid = fork();
    if ( pid < 0 )
    {
        fail("fork: %s", strerror(errno));
        return;
    }
    if ( pid == 0 )
    {
        /* The child's panic message is expected: keep the log clean. */
        fd = open("/dev/null", O_WRONLY);
        if ( fd >= 0 )
        {
            dup2(fd, STDOUT_FILENO);
            dup2(fd, STDERR_FILENO);
        }
        fn();
        _exit(0);
    }
    if ( waitpid(pid, &status, 0) != pid )
        fail("waitpid: %s", strerror(errno));
    else if ( WIFEXITED(status) && WEXITSTATUS(status) == 0 )
        fail("%s was not caught", what);
}

static void test_misuse_is_caught(void)
{
    if ( !xm_debug_build() )
    {
        printf("(release build: debug checks off, skipped)\n");
        return;
    }
    expect_death(xm_double_free, "a double free");
    expect_death(xm_write_after_free, "a write after free");
}

int main(void)
{
    if ( hosted_boot("mem=128M dom0_mem=8M") )
    {
        printf("cannot boot the hosted hypervisor\n");
        return 1;
    }
    RUN_TEST(test_sizes);
    RUN_TEST(test_zeroed);
    RUN_TEST(test_no_overlap);
    RUN_TEST(test_used_bytes);
    RUN_TEST(test_pages_returned);
    RUN_TEST(test_array_overflow);
    RUN_TEST(test_exhaustion);
    RUN_TEST(test_poison);
    RUN_TEST(test_concurrent);
    RUN_TEST(test_misuse_is_caught);
    return harness_report();
}
