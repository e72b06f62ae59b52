/* SPDX-License-Identifier: GPL-2.0 */
/*
 * test-params: the boot command line parser (xen/common/params.c) driven
 * through real registrations in params-fixture.c.
 *
 * Every parse runs with stdout and stderr redirected to a temporary file,
 * so the console lines printk() produced can be checked ("Unknown command
 * line option 'foo'") without assuming which stream the console uses.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "params-fixture.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static struct fixture_values v;
static char log_text[16384];
static unsigned int nr_rejected;

/*
 * Reset the fixture's variables, parse 'cmdline' with the console output
 * captured into log_text, and snapshot the variables into v.
 * Returns the number of rejected options (also kept in nr_rejected).
 */
static unsigned int parse(const char *cmdline)
{
    FILE *f = tmpfile();
    int saved_out, saved_err;
    size_t n;

    fixture_reset();
    log_text[0] = '\0';
    if ( !f )
    {
        fail("tmpfile() failed");
        return nr_rejected = fixture_parse(cmdline);
    }

    fflush(NULL);
    saved_out = dup(STDOUT_FILENO);
    saved_err = dup(STDERR_FILENO);
    dup2(fileno(f), STDOUT_FILENO);
    dup2(fileno(f), STDERR_FILENO);

    nr_rejected = fixture_parse(cmdline);

    fflush(NULL);
    dup2(saved_out, STDOUT_FILENO);
    dup2(saved_err, STDERR_FILENO);
    close(saved_out);
    close(saved_err);

    rewind(f);
    n = fread(log_text, 1, sizeof(log_text) - 1, f);
    log_text[n] = '\0';
    fclose(f);

    fixture_get(&v);
    return nr_rejected;
}

/* Number of times 'needle' occurs in the captured console output. */
static unsigned int log_count(const char *needle)
{
    unsigned int count = 0;
    const char *p = log_text;

    while ( (p = strstr(p, needle)) != NULL )
    {
        count++;
        p += strlen(needle);
    }

    return count;
}

#define check_logged(s) ({                                              \
    bool l__ = log_count(s) == 1;                                       \
    if ( !l__ )                                                         \
        fail("expected one console line with \"%s\"; got:\n%s",        \
             s, log_text);                                              \
    l__; })

#define check_quiet() ({                                                \
    bool q__ = !log_count("option");                                    \
    if ( !q__ )                                                         \
        fail("unexpected console output:\n%s", log_text);               \
    q__; })

static void test_bool_spellings(void)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    char line[64];
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(yes); i++ )
    {
        snprintf(line, sizeof(line), "fx-bool=%s", yes[i]);
        check_eq(parse(line), 0);
        if ( !check(v.b) )
            fail("'%s' did not set fx-bool", line);
    }
    for ( i = 0; i < ARRAY_SIZE(no); i++ )
    {
        snprintf(line, sizeof(line), "fx-flag=%s", no[i]);
        check_eq(parse(line), 0);
        if ( !check(!v.flag) )
            fail("'%s' did not clear fx-flag", line);
    }

    check_eq(parse("fx-bool"), 0);
    check(v.b);
    check_quiet();
}

static void test_bool_bad_values(void)
{
    check_eq(parse("fx-bool=maybe"), 1);
    check(!v.b);
    check_logged("Bad value for option 'fx-bool': 'maybe'");

    /* "name=" is a value that is no boolean, not a bare name. */
    check_eq(parse("fx-flag="), 1);
    check(v.flag);
    check_logged("Bad value for option 'fx-flag': ''");
}

static void test_bool_in_wide_variable(void)
{
    check_eq(parse("fx-wide-bool"), 0);
    check_eq(v.wide_bool, 1);
    check_eq(parse("fx-wide-bool=on no-fx-wide-bool"), 0);
    check_eq(v.wide_bool, 0);
}

static void test_no_prefix(void)
{
    check_eq(parse("no-fx-flag"), 0);
    check(!v.flag);
    check_quiet();

    check_eq(parse("fx-bool no-fx-bool"), 0);
    check(!v.b);

    /* Stacking "no-" with a value is refused, not guessed at. */
    check_eq(parse("no-fx-flag=0"), 1);
    check(v.flag);
    check_logged("Bad value for option 'no-fx-flag': '0'");

    /* "no-" means nothing to an integer. */
    check_eq(parse("no-fx-u32"), 1);
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'no-fx-u32'");

    /* A registered name that itself starts with "no-" wins. */
    check_eq(parse("no-fx-literal"), 0);
    check(v.literal);
    check_eq(parse("no-fx-literal=off"), 0);
    check(!v.literal);
}

static void test_integer_bases(void)
{
    check_eq(parse("fx-u32=1234"), 0);
    check_eq(v.u32, 1234);
    check_eq(parse("fx-u32=0x1F"), 0);
    check_eq(v.u32, 31);
    check_eq(parse("fx-u32=017"), 0);
    check_eq(v.u32, 15);
    check_eq(parse("fx-u32=0"), 0);
    check_eq(v.u32, 0);
    check_eq(parse("fx-u64=0xffffffffffffffff"), 0);
    check(v.u64 == UINT64_MAX);
    check_eq(parse("fx-u16=65535"), 0);
    check_eq(v.u16, 65535);
    check_quiet();
}

static void test_integer_overflow(void)
{
    check_eq(parse("fx-u8=255"), 0);
    check_eq(v.u8, 255);
    check_eq(parse("fx-u8=256"), 1);
    check_eq(v.u8, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'fx-u8': '256'");

    check_eq(parse("fx-u16=0x10000"), 1);
    check_eq(v.u16, FIXTURE_DEFAULT_UINT);

    check_eq(parse("fx-u32=4294967295"), 0);
    check_eq(v.u32, 4294967295u);
    check_eq(parse("fx-u32=4294967296"), 1);
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'fx-u32': '4294967296'");

    /* 64 bits: the parser saturates, params.c must still notice. */
    check_eq(parse("fx-u64=18446744073709551615"), 0);
    check(v.u64 == UINT64_MAX);
    check_eq(parse("fx-u64=01777777777777777777777"), 0);
    check(v.u64 == UINT64_MAX);
    check_eq(parse("fx-u64=18446744073709551616"), 1);
    check_eq(v.u64, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'fx-u64': '18446744073709551616'");
    check_eq(parse("fx-u64=0x10000000000000000"), 1);
    check_eq(v.u64, FIXTURE_DEFAULT_UINT);
    check_eq(parse("fx-u64=99999999999999999999999999"), 1);
    check_eq(v.u64, FIXTURE_DEFAULT_UINT);
}

static void test_integer_malformed(void)
{
    check_eq(parse("fx-u32=12abc"), 1);
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'fx-u32': '12abc'");

    check_eq(parse("fx-u32=abc"), 1);
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);

    check_eq(parse("fx-u32="), 1);
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);

    check_eq(parse("fx-u32"), 1);
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'fx-u32'");
}

static void test_size_suffixes(void)
{
    static const struct {
        const char *text;
        uint64_t bytes;
    } cases[] = {
        { "1", 1ULL << 10 },            /* no suffix: KiB */
        { "7", 7ULL << 10 },
        { "4B", 4 },
        { "4b", 4 },
        { "2K", 2ULL << 10 },
        { "2k", 2ULL << 10 },
        { "3M", 3ULL << 20 },
        { "3m", 3ULL << 20 },
        { "5G", 5ULL << 30 },
        { "5g", 5ULL << 30 },
        { "1T", 1ULL << 40 },
        { "1t", 1ULL << 40 },
        { "0", 0 },
    };
    char line[64];
    size_t i;

    for ( i = 0; i < ARRAY_SIZE(cases); i++ )
    {
        snprintf(line, sizeof(line), "fx-size=%s", cases[i].text);
        check_eq(parse(line), 0);
        if ( v.size != cases[i].bytes )
            fail("'%s' gave %llu bytes, expected %llu", line,
                 (unsigned long long)v.size,
                 (unsigned long long)cases[i].bytes);
    }
    check_quiet();
}

static void test_size_bad_values(void)
{
    check_eq(parse("fx-size=4Mx"), 1);
    check_eq(v.size, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'fx-size': '4Mx'");

    check_eq(parse("fx-size=M"), 1);
    check_eq(v.size, FIXTURE_DEFAULT_UINT);

    check_eq(parse("fx-size"), 1);
    check_eq(v.size, FIXTURE_DEFAULT_UINT);

    /* A size must fit its variable too. */
    check_eq(parse("fx-size32=3G"), 0);
    check_eq(v.size32, 3ULL << 30);
    check_eq(parse("fx-size32=4G"), 1);
    check_eq(v.size32, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'fx-size32': '4G'");

    /* 2^64 bytes does not fit 64 bits; one unit less does. */
    check_eq(parse("fx-size=16777215T"), 0);
    check(v.size == 16777215ULL << 40);
    check_eq(parse("fx-size=16777216T"), 1);
    check_eq(v.size, FIXTURE_DEFAULT_UINT);
    check_logged("Bad value for option 'fx-size': '16777216T'");
    check_eq(parse("fx-size=99999999999999999999999"), 1);
    check_eq(v.size, FIXTURE_DEFAULT_UINT);
}

static void test_strings(void)
{
    check_eq(parse("fx-str=abc"), 0);
    check(!strcmp(v.str, "abc"));
    check_quiet();

    check_eq(parse("fx-str=a=b,c"), 0);
    check(!strcmp(v.str, "a=b,c"));

    check_eq(parse("fx-str"), 0);
    check(!strcmp(v.str, ""));

    check_eq(parse("fx-str="), 0);
    check(!strcmp(v.str, ""));
}

static void test_string_truncation(void)
{
    /* Truncation is logged but the option still counts as accepted. */
    check_eq(parse("fx-str=abcdefghijkl"), 0);
    check_eq(strlen(v.str), FIXTURE_STR_LEN - 1);
    check(!strcmp(v.str, "abcdefg"));
    check_logged("Option 'fx-str' truncated to 7 characters");

    check_eq(parse("fx-str=abcdefg"), 0);
    check(!strcmp(v.str, "abcdefg"));
    check_quiet();
}

static void test_custom(void)
{
    check_eq(parse("fx-custom=hello"), 0);
    check_eq(v.custom_calls, 1);
    check(!strcmp(v.custom_arg, "hello"));
    check_quiet();

    /* The raw text after the first '=' is passed through. */
    check_eq(parse("fx-custom=a=b,c:d"), 0);
    check(!strcmp(v.custom_arg, "a=b,c:d"));

    check_eq(parse("fx-custom"), 0);
    check_eq(v.custom_calls, 1);
    check(!strcmp(v.custom_arg, ""));

    check_eq(parse("fx-custom="), 0);
    check_eq(v.custom_calls, 1);
    check(!strcmp(v.custom_arg, ""));

    check_eq(parse("fx-custom=x fx-custom=y"), 0);
    check_eq(v.custom_calls, 2);
    check(!strcmp(v.custom_arg, "y"));
}

static void test_custom_no_prefix_and_errors(void)
{
    /* Xen's convention: "no-name" calls the handler with "no". */
    check_eq(parse("no-fx-custom"), 0);
    check_eq(v.custom_calls, 1);
    check(!strcmp(v.custom_arg, "no"));

    check_eq(parse("no-fx-custom=x"), 1);
    check_eq(v.custom_calls, 0);
    check_logged("Bad value for option 'no-fx-custom': 'x'");

    check_eq(parse("fx-custom=" FIXTURE_CUSTOM_BAD), 1);
    check_eq(v.custom_calls, 1);
    check_logged("Bad value for option 'fx-custom': '"
                 FIXTURE_CUSTOM_BAD "'");
}

static void test_dash_underscore_equivalence(void)
{
    check_eq(parse("fx-under-name"), 0);
    check(v.under);
    check_eq(parse("fx_under_name"), 0);
    check(v.under);
    check_eq(parse("fx_under-name=yes"), 0);
    check(v.under);

    check_eq(parse("fx_dash_name=7"), 0);
    check_eq(v.dash, 7);
    check_eq(parse("fx-dash_name=8"), 0);
    check_eq(v.dash, 8);

    check_eq(parse("fx_flag=off"), 0);
    check(!v.flag);
    check_eq(parse("no-fx_flag"), 0);
    check(!v.flag);
    check_quiet();

    /* Only names are folded: the value stays as written. */
    check_eq(parse("fx-str=a_b-c"), 0);
    check(!strcmp(v.str, "a_b-c"));
}

static void test_unknown_options(void)
{
    check_eq(parse("foo fx-u32=5 bar=1 no-baz fx-bool"), 3);
    check_eq(v.u32, 5);
    check(v.b);
    check_logged("Unknown command line option 'foo'");
    check_logged("Unknown command line option 'bar'");
    check_logged("Unknown command line option 'no-baz'");
    check_eq(log_count("Unknown command line option"), 3);

    /* Names compare whole: a prefix or extension is not a match. */
    check_eq(parse("fx-u3=1 fx-u321=1 fx-boo"), 3);
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);

    check_eq(parse("=5"), 1);
    check_logged("Unknown command line option ''");
}

static void test_bad_values_leave_variables_untouched(void)
{
    check_eq(parse("fx-u8=300 fx-u32=zz fx-size=1Q fx-bool=2 "
                   "fx-flag=nope no-fx-str fx-u64=1x"), 7);
    check_eq(v.u8, FIXTURE_DEFAULT_UINT);
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);
    check_eq(v.u64, FIXTURE_DEFAULT_UINT);
    check_eq(v.size, FIXTURE_DEFAULT_UINT);
    check(!v.b);
    check(v.flag);
    check(!strcmp(v.str, "dflt"));
    check_eq(log_count("Bad value for option"), 7);
}

static void test_several_options_and_spacing(void)
{
    static const char line[] =
        "   fx-bool    fx-u32=5\tfx-str=hi  no-fx-flag fx-size=2M   ";

    check_eq(parse(line), 0);
    check(v.b);
    check_eq(v.u32, 5);
    check(!strcmp(v.str, "hi"));
    check(!v.flag);
    check_eq(v.size, 2ULL << 20);
    check_quiet();
    check(!strcmp(fixture_cmdline(), line));

    /* Later options override earlier ones. */
    check_eq(parse("fx-u32=1 fx-u32=2 fx-bool no-fx-bool"), 0);
    check_eq(v.u32, 2);
    check(!v.b);
}

static void test_same_name_registered_twice(void)
{
    check_eq(parse("fx-twice=9"), 0);
    check_eq(v.twice_a, 9);
    check_eq(v.twice_b, 9);

    check_eq(parse("fx-twice=999999999999"), 1);
    check_eq(v.twice_a, FIXTURE_DEFAULT_UINT);
    check_eq(v.twice_b, FIXTURE_DEFAULT_UINT);
    /* One option, one message, however many registrations. */
    check_eq(log_count("Bad value for option"), 1);
}

static void test_empty_command_line(void)
{
    check_eq(parse(""), 0);
    check(!strcmp(fixture_cmdline(), ""));
    check_eq(parse("    \t  "), 0);
    check_eq(parse(NULL), 0);
    check(!strcmp(fixture_cmdline(), ""));
    check_eq(v.u32, FIXTURE_DEFAULT_UINT);
    check(v.flag);
    check_quiet();
}

static void test_long_command_line(void)
{
    static char line[2048];
    size_t len;

    /* fx-u32 near the start survives; fx-str's value runs off the end. */
    len = snprintf(line, sizeof(line), "fx-u32=5 fx-str=");
    memset(line + len, 'a', sizeof(line) - len - 1);
    line[sizeof(line) - 1] = '\0';

    check_eq(parse(line), 0);
    check_eq(v.u32, 5);
    check(!strcmp(v.str, "aaaaaaa"));
    check_eq(strlen(fixture_cmdline()), 1023);
    check(!strncmp(fixture_cmdline(), line, 1023));
    check_logged("Command line truncated to 1023 characters");
}

int main(void)
{
    RUN_TEST(test_bool_spellings);
    RUN_TEST(test_bool_bad_values);
    RUN_TEST(test_bool_in_wide_variable);
    RUN_TEST(test_no_prefix);
    RUN_TEST(test_integer_bases);
    RUN_TEST(test_integer_overflow);
    RUN_TEST(test_integer_malformed);
    RUN_TEST(test_size_suffixes);
    RUN_TEST(test_size_bad_values);
    RUN_TEST(test_strings);
    RUN_TEST(test_string_truncation);
    RUN_TEST(test_custom);
    RUN_TEST(test_custom_no_prefix_and_errors);
    RUN_TEST(test_dash_underscore_equivalence);
    RUN_TEST(test_unknown_options);
    RUN_TEST(test_bad_values_leave_variables_untouched);
    RUN_TEST(test_several_options_and_spacing);
    RUN_TEST(test_same_name_registered_twice);
    RUN_TEST(test_empty_command_line);
    RUN_TEST(test_long_command_line);

    return harness_report();
}
