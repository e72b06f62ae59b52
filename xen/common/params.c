/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot command line parsing.  Options are registered where they are used
 * (<xen/param.h>); this file owns the saved copy of the command line and
 * the walk that applies each option to its registration.
 *
 * Syntax: options are separated by blanks (space, tab, CR, LF); each one
 * is "name", "name=value" or "no-name".  Names compare with '-' and '_'
 * treated as the same character; values are taken verbatim, up to the
 * next blank.  A name is first looked up as written, so an option whose
 * own name starts with "no-" still matches; only then is a "no-" prefix
 * taken as a negation.
 *
 * What each type accepts:
 *   OPT_BOOL    "name" (true), "no-name" (false), "name=<bool>".
 *   OPT_UINT    "name=<integer>" (base 0), must fit the variable.
 *   OPT_SIZE    "name=<size>" (parse_size_and_unit(), must fit).
 *   OPT_STR     "name=<text>" or bare "name" (empty string); longer text
 *               is truncated to the buffer and logged, not rejected.
 *   OPT_CUSTOM  func(<text after the first '='>), "" for a bare name and
 *               "no" for "no-name" (Xen's convention, so a handler that
 *               parses booleans gets negation for free).
 * "no-name=value" is rejected for every type (the meaning is unclear) and
 * "no-name" is rejected for integers, sizes and strings.
 *
 * A rejected option leaves its variable untouched (see apply_matching()
 * for a name registered twice), logs one line and the parse carries on
 * with the next option:
 *   Unknown command line option 'NAME'
 *   Bad value for option 'NAME': 'VALUE' (REASON)
 * Boot-time and single-threaded: no locking.
 */

#include <xen/lib.h>
#include <xen/param.h>

/*
 * __start_xen_params and __stop_xen_params (<xen/param.h>) are strong on
 * purpose: a link that loses the section fails loudly instead of booting
 * with every option silently ignored.
 */

#define CMDLINE_SIZE    1024

/* The command line as given (possibly truncated), for cmdline_get(). */
static char saved_cmdline[CMDLINE_SIZE];

/* Working copy, cut into NUL-terminated options while parsing. */
static char scratch[CMDLINE_SIZE];

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Does 'given' spell registered name 'reg', counting '-' equal to '_'? */
static bool name_eq(const char *reg, const char *given)
{
    for ( ; *reg && *given; reg++, given++ )
    {
        char a = *reg == '_' ? '-' : *reg;
        char b = *given == '_' ? '-' : *given;

        if ( a != b )
            return false;
    }

    return *reg == *given;
}

static void bad_value(const char *name, const char *val, const char *why)
{
    printk(XENLOG_WARNING "Bad value for option '%s': '%s' (%s)\n",
           name, val ?: "", why);
}

/*
 * Store 'val' into the len-byte unsigned variable of 'p'.
 * Returns true, or false (variable untouched) when 'val' does not fit or
 * the registration has a length other than 1, 2, 4 or 8.
 */
static bool store_uint(const struct kernel_param *p, unsigned long long val)
{
    switch ( p->len )
    {
    case sizeof(uint8_t):
        if ( val > UINT8_MAX )
            return false;
        *(uint8_t *)p->par.var = val;
        return true;

    case sizeof(uint16_t):
        if ( val > UINT16_MAX )
            return false;
        *(uint16_t *)p->par.var = val;
        return true;

    case sizeof(uint32_t):
        if ( val > UINT32_MAX )
            return false;
        *(uint32_t *)p->par.var = val;
        return true;

    case sizeof(uint64_t):
        *(uint64_t *)p->par.var = val;
        return true;
    }

    return false;
}

static bool set_bool(const struct kernel_param *p, const char *name,
                     const char *val, bool negated)
{
    int b = 1;

    if ( negated && val )
    {
        bad_value(name, val, "'no-' with a value");
        return false;
    }
    if ( val && (b = parse_bool(val, NULL)) < 0 )
    {
        bad_value(name, val, "not a boolean");
        return false;
    }

    /* bool or a wider integer: store_uint() writes either. */
    if ( !store_uint(p, negated ? 0 : b) )
    {
        bad_value(name, val, "unsupported variable size");
        return false;
    }

    return true;
}

/*
 * Shared tail of integer and size options: the value must start with a
 * digit (no sign, no bare unit) and 'end', where the parser stopped, must
 * be its end.
 */
static bool set_number(const struct kernel_param *p, const char *name,
                       const char *val, unsigned long long n,
                       const char *end)
{
    if ( *val < '0' || *val > '9' || *end )
    {
        bad_value(name, val, "not a number");
        return false;
    }
    if ( !store_uint(p, n) )
    {
        bad_value(name, val, "out of range");
        return false;
    }

    return true;
}

/*
 * simple_strtoull() saturates at ULLONG_MAX on overflow.  Tell a real
 * ULLONG_MAX from a saturated one by redoing the digits in [s, end), the
 * span it consumed, with overflow checks.  Returns true on overflow.
 */
static bool uint_overflows(const char *s, const char *end)
{
    unsigned long long v = 0;
    unsigned int base = 10;

    if ( s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s + 2 < end )
    {
        base = 16;
        s += 2;
    }
    else if ( s[0] == '0' )
        base = 8;

    for ( ; s < end; s++ )
    {
        unsigned int d = *s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10;

        if ( __builtin_mul_overflow(v, base, &v) ||
             __builtin_add_overflow(v, d, &v) )
            return true;
    }

    return false;
}

static bool set_uint(const struct kernel_param *p, const char *name,
                     const char *val)
{
    const char *end;
    unsigned long long n = simple_strtoull(val, &end, 0);

    if ( n == ULLONG_MAX && uint_overflows(val, end) )
    {
        bad_value(name, val, "out of range");
        return false;
    }

    return set_number(p, name, val, n, end);
}

static bool set_size(const struct kernel_param *p, const char *name,
                     const char *val)
{
    const char *end;
    unsigned long long n = parse_size_and_unit(val, &end);

    /*
     * parse_size_and_unit() saturates too.  No real size is ULLONG_MAX
     * bytes (it is not even a multiple of 1K), so take it as overflow.
     */
    if ( n == ULLONG_MAX )
    {
        bad_value(name, val, "out of range");
        return false;
    }

    return set_number(p, name, val, n, end);
}

static bool set_str(const struct kernel_param *p, const char *name,
                    const char *val)
{
    if ( strlcpy(p->par.var, val, p->len) >= p->len )
        printk(XENLOG_WARNING "Option '%s' truncated to %u characters\n",
               name, p->len - 1);

    return true;
}

static bool set_custom(const struct kernel_param *p, const char *name,
                       const char *val, bool negated)
{
    const char *arg = negated ? "no" : val ?: "";
    int rc;

    if ( negated && val )
    {
        bad_value(name, val, "'no-' with a value");
        return false;
    }

    rc = p->par.func(arg);
    if ( rc )
        bad_value(name, arg, "rejected by its handler");

    return !rc;
}

/*
 * Apply one option to registration 'p'.  'name' is the option as the user
 * wrote it (for messages), 'val' the text after '=' or NULL when there
 * was none, and 'negated' says a "no-" prefix was stripped.
 * Returns true if the variable was set (or the handler accepted the
 * value), false if the option was rejected and logged.
 */
static bool apply_param(const struct kernel_param *p, const char *name,
                        const char *val, bool negated)
{
    if ( p->type == OPT_BOOL )
        return set_bool(p, name, val, negated);
    if ( p->type == OPT_CUSTOM )
        return set_custom(p, name, val, negated);

    if ( negated )
    {
        bad_value(name, val, "'no-' applies only to booleans");
        return false;
    }
    if ( !val && p->type != OPT_STR )
    {
        bad_value(name, val, "missing value");
        return false;
    }

    switch ( p->type )
    {
    case OPT_UINT:
        return set_uint(p, name, val);
    case OPT_SIZE:
        return set_size(p, name, val);
    case OPT_STR:
        return set_str(p, name, val ?: "");
    default:
        bad_value(name, val, "unknown option type");
        return false;
    }
}

/*
 * Apply 'key' to every registration it names ('-' == '_').  A name may be
 * registered by more than one file; each registration gets the value, in
 * section order, until one rejects it (so one bad option logs one line).
 * Returns the number of matching registrations seen; *ok is cleared if
 * one of them rejected the value.
 */
static unsigned int apply_matching(const char *key, const char *name,
                                   const char *val, bool negated, bool *ok)
{
    const struct kernel_param *p;
    unsigned int found = 0;

    for ( p = __start_xen_params; p < __stop_xen_params; p++ )
    {
        if ( !name_eq(p->name, key) )
            continue;
        found++;
        if ( !apply_param(p, name, val, negated) )
        {
            *ok = false;
            break;
        }
    }

    return found;
}

/*
 * Parse one NUL-terminated option ("name", "name=value", "no-name").
 * Returns true if it was applied, false if it was unknown or rejected
 * (either way it has been logged).
 */
static bool parse_option(char *opt)
{
    char *val = strchr(opt, '=');
    bool ok = true;

    if ( val )
        *val++ = '\0';

    /* As written first, so that a registered "no-foo" wins over "foo". */
    if ( apply_matching(opt, opt, val, false, &ok) )
        return ok;
    if ( !strncmp(opt, "no-", 3) &&
         apply_matching(opt + 3, opt, val, true, &ok) )
        return ok;

    printk(XENLOG_WARNING "Unknown command line option '%s'\n", opt);
    return false;
}

/* Copy 'cmdline' into saved_cmdline, logging a truncation. */
static void save_cmdline(const char *cmdline)
{
    if ( strlcpy(saved_cmdline, cmdline ?: "", sizeof(saved_cmdline)) >=
         sizeof(saved_cmdline) )
        printk(XENLOG_WARNING
               "Command line truncated to %zu characters\n",
               sizeof(saved_cmdline) - 1);
}

/*
 * Parse a whole command line: save it for cmdline_get(), then apply each
 * option in order, so a later option overrides an earlier one of the same
 * name.  NULL is treated as an empty line.
 * Returns the number of options rejected (unknown or bad value); each was
 * logged at XENLOG_WARNING.  Boot-time, single-threaded; no locks.
 */
unsigned int cmdline_parse(const char *cmdline)
{
    unsigned int rejected = 0;
    char *p = scratch;

    save_cmdline(cmdline);
    memcpy(scratch, saved_cmdline, sizeof(scratch));

    for ( ; ; )
    {
        char *opt;

        while ( is_blank(*p) )
            p++;
        if ( !*p )
            break;

        opt = p;
        while ( *p && !is_blank(*p) )
            p++;
        if ( *p )
            *p++ = '\0';

        if ( !parse_option(opt) )
            rejected++;
    }

    return rejected;
}

/*
 * The command line most recently given to cmdline_parse() (truncated to
 * 1023 characters), or "" before the first call.  Never NULL.
 */
const char *cmdline_get(void)
{
    return saved_cmdline;
}
