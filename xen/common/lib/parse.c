/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Number and word parsing for the command line and other text input:
 * simple_strto*(), parse_size_and_unit() and parse_bool().
 *
 * The number parsers follow ISO C strtoull() on everything that starts
 * with a digit: base 0 picks hex for "0x"/"0X", octal for a leading 0 and
 * decimal otherwise; "0x" is only a prefix when a hex digit follows it
 * (so "0xg" parses as 0 and ends at the 'x'); and on overflow they still
 * consume every digit, then saturate.  Unlike strtoull() they skip no
 * leading white space, the unsigned ones take no sign, and they never
 * touch errno.  A base other than 0 and 2..36 parses nothing.
 */

#include <xen/lib.h>

/* Value of c as a digit in bases up to 36; 36 when it is none. */
static unsigned int digit_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'z' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'Z' )
        return c - 'A' + 10;
    return 36;
}

/* Resolve base 0 and step over a "0x" prefix in bases 0 and 16. */
static unsigned int pick_base(const char **s, unsigned int base)
{
    const char *p = *s;

    if ( (base == 0 || base == 16) && p[0] == '0' &&
         (p[1] == 'x' || p[1] == 'X') && digit_value(p[2]) < 16 )
    {
        *s = p + 2;
        return 16;
    }

    if ( base == 0 )
        return p[0] == '0' ? 8 : 10;

    return base;
}

/*
 * Parse the digits of an unsigned number, saturating at ULLONG_MAX.
 * *end is set past the last digit, or to s if there is none.
 */
static unsigned long long parse_magnitude(const char *s, const char **end,
                                          unsigned int base)
{
    const char *p = s;
    unsigned long long v = 0;
    unsigned int d;

    *end = s;
    if ( base == 1 || base > 36 )
        return 0;

    base = pick_base(&p, base);
    for ( ; (d = digit_value(*p)) < base; p++ )
        v = v > (ULLONG_MAX - d) / base ? ULLONG_MAX : v * base + d;

    if ( p != s )
        *end = p;

    return v;
}

/*
 * Parse an unsigned number in base 'base' (0: auto-detect, see above).
 * *end, when end is not NULL, is set past the last character used, or
 * to s when there are no digits.  Returns the value, ULLONG_MAX on
 * overflow, or 0 when there are no digits.
 */
unsigned long long simple_strtoull(const char *s, const char **end,
                                   unsigned int base)
{
    const char *e;
    unsigned long long v = parse_magnitude(s, &e, base);

    if ( end )
        *end = e;

    return v;
}

/* As simple_strtoull(), saturating at ULONG_MAX. */
unsigned long simple_strtoul(const char *s, const char **end,
                             unsigned int base)
{
    unsigned long long v = simple_strtoull(s, end, base);

    return v > ULONG_MAX ? ULONG_MAX : v;
}

/*
 * As simple_strtoull() after an optional '-' or '+' sign.  Saturates at
 * LLONG_MIN and LLONG_MAX.  With no digits after the sign, returns 0 and
 * sets *end to s.
 */
long long simple_strtoll(const char *s, const char **end, unsigned int base)
{
    const char *p = s, *e;
    bool neg = *p == '-';
    unsigned long long mag;

    if ( *p == '-' || *p == '+' )
        p++;

    mag = parse_magnitude(p, &e, base);
    if ( end )
        *end = e == p ? s : e;

    if ( !neg )
        return mag > LLONG_MAX ? LLONG_MAX : (long long)mag;

    /* -LLONG_MIN is LLONG_MAX + 1: negate in unsigned arithmetic. */
    if ( mag > (unsigned long long)LLONG_MAX )
        return LLONG_MIN;

    return -(long long)mag;
}

/* The shift a size suffix stands for, or -1 if c is not a suffix. */
static int unit_shift(char c)
{
    switch ( c )
    {
    case 'T': case 't': return 40;
    case 'G': case 'g': return 30;
    case 'M': case 'm': return 20;
    case 'K': case 'k': return 10;
    case 'B': case 'b': return 0;
    default:            return -1;
    }
}

/*
 * Parse "<number>[BKMGT]" (suffix in either case, powers of 1024; no
 * suffix means KiB) with simple_strtoull() in base 0.  Returns the size
 * in bytes, saturated at ULLONG_MAX.  *end, when end is not NULL, is set
 * past the suffix, or to s when there is no number (a lone suffix is not
 * consumed).
 */
unsigned long long parse_size_and_unit(const char *s, const char **end)
{
    const char *p;
    unsigned long long v = simple_strtoull(s, &p, 0);
    int shift = p == s ? -1 : unit_shift(*p);

    if ( shift < 0 )
        shift = 10;
    else
        p++;

    if ( end )
        *end = p;

    return v > (ULLONG_MAX >> shift) ? ULLONG_MAX : v << shift;
}

static const struct {
    const char *word;
    int value;
} bool_words[] = {
    { "1", 1 },     { "0", 0 },
    { "yes", 1 },   { "no", 0 },
    { "on", 1 },    { "off", 0 },
    { "true", 1 },  { "false", 0 },
    { "enable", 1 }, { "disable", 0 },
};

/*
 * Parse a boolean word (case-sensitive): 1/0, yes/no, on/off,
 * true/false, enable/disable.  The word is [s, e) when e is not NULL,
 * else s up to its NUL.  Returns 1, 0, or -1 when the word (or s == NULL,
 * or e < s) is none of those.
 */
int parse_bool(const char *s, const char *e)
{
    size_t len, i;

    if ( !s || (e && e < s) )
        return -1;

    len = e ? (size_t)(e - s) : strlen(s);
    for ( i = 0; i < ARRAY_SIZE(bool_words); i++ )
        if ( strlen(bool_words[i].word) == len &&
             !strncmp(bool_words[i].word, s, len) )
            return bool_words[i].value;

    return -1;
}
