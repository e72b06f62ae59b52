/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hosted test harness (header only).  A test program defines
 * "static void test_<behaviour>(void)" functions, runs each with
 * RUN_TEST(test_<behaviour>) from main(), records failures with fail()
 * and ends with "return harness_report();".  Nothing aborts: every check
 * counts and the run goes on, so one report lists every broken behaviour.
 *
 * Output, one line per test and a summary line:
 *     Test: <behaviour>
 *     FAIL: <behaviour>: <message> (file:line)
 *     test-foo: 12 passed, 0 failed
 *
 * TEST_ONLY=<substring> in the environment runs only matching tests.
 */
#ifndef TOOLS_TESTS_HARNESS_H
#define TOOLS_TESTS_HARNESS_H

#include <errno.h>            /* program_invocation_short_name (GNU) */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned int harness_nr_passed, harness_nr_failed;

/*
 * Run after every test when set (see harness_heap_audit); what it reports
 * with fail() counts for that test.
 */
static void (*harness_after_each)(void);
static unsigned int harness_test_failures;
static const char *harness_test_name = "(setup)";

static inline void __attribute__((format(printf, 3, 4)))
harness_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    printf("FAIL: %s: ", harness_test_name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf(" (%s:%d)\n", file, line);
    fflush(stdout);
    harness_test_failures++;
}

/* Record a failure with a printf-style message. */
#define fail(...) harness_fail(__FILE__, __LINE__, __VA_ARGS__)

/* Record a failure unless cond holds; evaluates to cond. */
#define check(cond) ({                                                  \
    int c__ = !!(cond);                                                 \
    if ( !c__ )                                                         \
        fail("check failed: %s", #cond);                                \
    c__; })

/* Record a failure unless a == b (both converted to long long). */
#define check_eq(a, b) ({                                               \
    long long a__ = (long long)(a), b__ = (long long)(b);               \
    if ( a__ != b__ )                                                   \
        fail("%s == %lld, expected %s == %lld", #a, a__, #b, b__);      \
    a__ == b__; })

static inline void harness_run(void (*fn)(void), const char *name)
{
    /* "test_foo_bar" prints as "foo bar". */
    char pretty[128];
    const char *p = strncmp(name, "test_", 5) ? name : name + 5;
    const char *only = getenv("TEST_ONLY");
    size_t i;

    /* TEST_ONLY=<substring> runs only the matching tests. */
    if ( only && *only && !strstr(name, only) )
        return;
    for ( i = 0; p[i] && i < sizeof(pretty) - 1; i++ )
        pretty[i] = p[i] == '_' ? ' ' : p[i];
    pretty[i] = '\0';

    harness_test_name = name;
    harness_test_failures = 0;
    printf("Test: %s\n", pretty);
    fflush(stdout);
    fn();
    if ( harness_after_each )
        harness_after_each();
    if ( harness_test_failures )
        harness_nr_failed++;
    else
        harness_nr_passed++;
}

#define RUN_TEST(fn) harness_run(fn, #fn)

int hosted_heap_audit(void);            /* xen/arch/hosted/hosted-api.h */

/* An after-each check: the hosted hypervisor's heap and claims audit. */
static inline void harness_heap_audit(void)
{
    if ( hosted_heap_audit() )
        fail("heap audit failed after the test");
}


/* Print the summary line; returns the process exit status. */
static inline int harness_report(void)
{
    printf("%s: %u passed, %u failed\n", program_invocation_short_name,
           harness_nr_passed, harness_nr_failed);
    fflush(stdout);
    return !!harness_nr_failed;
}

#endif /* TOOLS_TESTS_HARNESS_H */
