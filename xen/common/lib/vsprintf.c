/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Formatted output: vsnprintf() and its wrappers, the ISO C subset that
 * hypervisor code uses (see lib.h).  No floating point, no %n.
 *
 * Output goes through a struct out that counts every byte the full
 * result would have and stores only those that fit: the bounds check
 * lives in exactly one place (put_n/put_str), and the count is the C99
 * return value.  The final NUL goes at min(count, size - 1).
 *
 * Behaviour where ISO C leaves a choice or is undefined:
 *  - An unknown conversion ("%y", "%5q", a "%" at the end of the format)
 *    is printed literally, from the '%' up to and including the
 *    offending character.  Any '*' arguments it named are still taken.
 *  - "%%" ignores flags, width and precision, as glibc does.
 *  - %p is %#lx except that NULL prints "0x0" (glibc: "(nil)") and the
 *    '+' and ' ' flags are ignored.
 *  - %s of NULL prints "(null)", cut by the precision like any string.
 *  - '0', '+', ' ' and '#' do nothing for %c and %s; 'l' on %c and %s
 *    does not select wide characters.
 *  - If the full output would exceed INT_MAX bytes the return value
 *    saturates at INT_MAX (glibc returns -1).
 */

#include <xen/lib.h>

#define F_LEFT      0x01    /* '-': pad on the right */
#define F_PLUS      0x02    /* '+': signed conversions always get a sign */
#define F_SPACE     0x04    /* ' ': ' ' in place of a '+' sign */
#define F_ALT       0x08    /* '#': 0x prefix, octal leading zero */
#define F_ZERO      0x10    /* '0': pad numbers with zeros */

enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Z, LEN_T, LEN_J };

struct spec {
    unsigned int flags;
    int width;              /* >= 0 */
    int prec;               /* < 0: not given */
    enum length len;
    char conv;
};

struct out {
    char *buf;
    size_t size;
    size_t pos;             /* Length of the full output so far. */
};

/* Octal digits of a 64-bit value, rounded up. */
#define MAX_DIGITS  24

/* --- Output ------------------------------------------------------------ */

static void put_n(struct out *o, char c, size_t n)
{
    for ( ; n && o->pos < o->size; n-- )
        o->buf[o->pos++] = c;
    o->pos += n;
}

static void put_str(struct out *o, const char *s, size_t n)
{
    for ( ; n && o->pos < o->size; n-- )
        o->buf[o->pos++] = *s++;
    o->pos += n;
}

/*
 * Pad a field of 'used' bytes to the width with spaces: called before the
 * field (after == false) and after it; only the call on the side that the
 * '-' flag selects pads.
 */
static void put_pad(struct out *o, const struct spec *sp, size_t used,
                    bool after)
{
    bool left_justify = sp->flags & F_LEFT;

    if ( left_justify == after && (size_t)sp->width > used )
        put_n(o, ' ', sp->width - used);
}

/* --- Parsing one conversion specification ------------------------------ */

/* Read a decimal field, saturating at INT_MAX. */
static int parse_decimal(const char **fmt)
{
    int v = 0;

    for ( ; **fmt >= '0' && **fmt <= '9'; (*fmt)++ )
    {
        int d = **fmt - '0';

        v = v > (INT_MAX - d) / 10 ? INT_MAX : v * 10 + d;
    }

    return v;
}

static unsigned int parse_flags(const char **fmt)
{
    unsigned int flags = 0;

    for ( ;; (*fmt)++ )
    {
        switch ( **fmt )
        {
        case '-': flags |= F_LEFT;  break;
        case '+': flags |= F_PLUS;  break;
        case ' ': flags |= F_SPACE; break;
        case '#': flags |= F_ALT;   break;
        case '0': flags |= F_ZERO;  break;
        default:  return flags;
        }
    }
}

static void parse_width(struct spec *sp, const char **fmt, va_list *ap)
{
    int w;

    if ( **fmt != '*' )
    {
        sp->width = parse_decimal(fmt);
        return;
    }

    (*fmt)++;
    w = va_arg(*ap, int);
    if ( w < 0 )
    {
        /* A negative '*' width is a '-' flag; -INT_MIN would overflow. */
        sp->flags |= F_LEFT;
        w = w == INT_MIN ? INT_MAX : -w;
    }
    sp->width = w;
}

static void parse_precision(struct spec *sp, const char **fmt, va_list *ap)
{
    sp->prec = -1;
    if ( **fmt != '.' )
        return;

    (*fmt)++;
    if ( **fmt == '*' )
    {
        (*fmt)++;
        /* A negative '*' precision counts as not given. */
        sp->prec = va_arg(*ap, int);
        if ( sp->prec < 0 )
            sp->prec = -1;
    }
    else
        sp->prec = parse_decimal(fmt);
}

static enum length parse_length(const char **fmt)
{
    const char *f = *fmt;
    enum length len;

    switch ( *f )
    {
    case 'h': len = f[1] == 'h' ? LEN_HH : LEN_H; break;
    case 'l': len = f[1] == 'l' ? LEN_LL : LEN_L; break;
    case 'z': len = LEN_Z; break;
    case 't': len = LEN_T; break;
    case 'j': len = LEN_J; break;
    default:  return LEN_NONE;
    }

    *fmt += (len == LEN_HH || len == LEN_LL) ? 2 : 1;
    return len;
}

/* --- Fetching arguments ------------------------------------------------ */

/*
 * Types follow the default argument promotions: char and short arrive as
 * int and are narrowed here.  size_t and ptrdiff_t have the same width
 * on every target, which gives the signed size_t and unsigned ptrdiff_t
 * that %zd and %tu take.
 */
static long long fetch_signed(enum length len, va_list *ap)
{
    switch ( len )
    {
    case LEN_HH: return (signed char)va_arg(*ap, int);
    case LEN_H:  return (short)va_arg(*ap, int);
    case LEN_L:  return va_arg(*ap, long);
    case LEN_LL: return va_arg(*ap, long long);
    case LEN_Z:  return (ptrdiff_t)va_arg(*ap, size_t);
    case LEN_T:  return va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, intmax_t);
    default:     return va_arg(*ap, int);
    }
}

static unsigned long long fetch_unsigned(enum length len, va_list *ap)
{
    switch ( len )
    {
    case LEN_HH: return (unsigned char)va_arg(*ap, unsigned int);
    case LEN_H:  return (unsigned short)va_arg(*ap, unsigned int);
    case LEN_L:  return va_arg(*ap, unsigned long);
    case LEN_LL: return va_arg(*ap, unsigned long long);
    case LEN_Z:  return va_arg(*ap, size_t);
    case LEN_T:  return (size_t)va_arg(*ap, ptrdiff_t);
    case LEN_J:  return va_arg(*ap, uintmax_t);
    default:     return va_arg(*ap, unsigned int);
    }
}

/* --- Conversions ------------------------------------------------------- */

/* Write the digits of v ending just before 'end'; returns their count. */
static size_t to_digits(char *end, unsigned long long v, unsigned int base,
                        bool upper)
{
    const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char *p = end;

    do {
        *--p = set[v % base];
        v /= base;
    } while ( v );

    return end - p;
}

/* Store the sign or 0x prefix of a number; returns its length. */
static size_t number_prefix(char *prefix, const struct spec *sp,
                            unsigned long long mag, bool neg)
{
    bool is_signed = sp->conv == 'd' || sp->conv == 'i';
    bool is_hex = sp->conv == 'x' || sp->conv == 'X';

    if ( neg || (is_signed && (sp->flags & (F_PLUS | F_SPACE))) )
    {
        prefix[0] = neg ? '-' : (sp->flags & F_PLUS) ? '+' : ' ';
        return 1;
    }

    /* As in ISO C, "%#x" of zero has no prefix; %p always has one. */
    if ( sp->conv == 'p' || (is_hex && mag && (sp->flags & F_ALT)) )
    {
        prefix[0] = '0';
        prefix[1] = sp->conv == 'X' ? 'X' : 'x';
        return 2;
    }

    return 0;
}

/*
 * Print a number of magnitude mag (negative if neg) per d i u o x X p:
 * [spaces] [sign or 0x] [zeros] digits [spaces].  The precision is the
 * minimum digit count, and value 0 at precision 0 prints no digits.  '0'
 * pads to the width with zeros only when no precision is given.
 */
static void format_number(struct out *o, const struct spec *sp,
                          unsigned long long mag, bool neg)
{
    char digits[MAX_DIGITS], prefix[2];
    unsigned int base = sp->conv == 'o' ? 8 : sp->conv == 'd' ||
                        sp->conv == 'i' || sp->conv == 'u' ? 10 : 16;
    size_t nd = 0, zeros = 0, plen, used;

    if ( mag || sp->prec != 0 )
        nd = to_digits(digits + MAX_DIGITS, mag, base, sp->conv == 'X');
    if ( sp->prec > 0 && (size_t)sp->prec > nd )
        zeros = sp->prec - nd;

    /* '#' with o: the first digit printed must be a zero. */
    if ( base == 8 && (sp->flags & F_ALT) && !zeros &&
         (!nd || digits[MAX_DIGITS - nd] != '0') )
        zeros = 1;

    plen = number_prefix(prefix, sp, mag, neg);
    used = plen + zeros + nd;
    if ( (sp->flags & (F_ZERO | F_LEFT)) == F_ZERO && sp->prec < 0 &&
         (size_t)sp->width > used )
    {
        zeros += sp->width - used;
        used = sp->width;
    }

    put_pad(o, sp, used, false);
    put_str(o, prefix, plen);
    put_n(o, '0', zeros);
    put_str(o, digits + MAX_DIGITS - nd, nd);
    put_pad(o, sp, used, true);
}

static void format_string(struct out *o, const struct spec *sp,
                          const char *s)
{
    size_t n;

    if ( !s )
        s = "(null)";
    n = sp->prec < 0 ? strlen(s) : strnlen(s, sp->prec);

    put_pad(o, sp, n, false);
    put_str(o, s, n);
    put_pad(o, sp, n, true);
}

static void format_char(struct out *o, const struct spec *sp, char c)
{
    put_pad(o, sp, 1, false);
    put_str(o, &c, 1);
    put_pad(o, sp, 1, true);
}

/* Dispatch a parsed conversion; returns false if it is unknown. */
static bool format_conv(struct out *o, const struct spec *sp, va_list *ap)
{
    long long v;
    unsigned long long mag;

    switch ( sp->conv )
    {
    case 'd':
    case 'i':
        v = fetch_signed(sp->len, ap);
        /* Negate in unsigned arithmetic: -LLONG_MIN overflows. */
        mag = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
        format_number(o, sp, mag, v < 0);
        return true;
    case 'u': case 'o': case 'x': case 'X':
        format_number(o, sp, fetch_unsigned(sp->len, ap), false);
        return true;
    case 'p':
        format_number(o, sp, (unsigned long)va_arg(*ap, void *), false);
        return true;
    case 's':
        format_string(o, sp, va_arg(*ap, const char *));
        return true;
    case 'c':
        format_char(o, sp, va_arg(*ap, int));
        return true;
    case '%':
        put_n(o, '%', 1);
        return true;
    default:
        return false;
    }
}

/*
 * Handle the conversion specification starting at the '%' at fmt.
 * Returns a pointer just past it.
 */
static const char *format_one(struct out *o, const char *fmt, va_list *ap)
{
    const char *start = fmt++;
    struct spec sp;

    sp.flags = parse_flags(&fmt);
    parse_width(&sp, &fmt, ap);
    parse_precision(&sp, &fmt, ap);
    sp.len = parse_length(&fmt);
    sp.conv = *fmt;

    if ( !sp.conv )
    {
        /* The format ended inside the specification. */
        put_str(o, start, fmt - start);
        return fmt;
    }

    if ( !format_conv(o, &sp, ap) )
        put_str(o, start, fmt + 1 - start);

    return fmt + 1;
}

/* --- Entry points ------------------------------------------------------ */

/*
 * Format into buf, storing at most size bytes including the terminating
 * NUL (always written when size > 0; buf may be NULL when size is 0).
 * Returns the length the full output would have had, excluding the NUL,
 * saturated at INT_MAX; a result >= size means it was truncated.
 * Never sleeps or takes locks.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size, .pos = 0 };
    va_list ap;

    /* A copy, so that helpers can take a pointer to it portably. */
    va_copy(ap, args);
    while ( *fmt )
    {
        const char *pct = fmt;

        while ( *pct && *pct != '%' )
            pct++;
        put_str(&o, fmt, pct - fmt);
        fmt = *pct ? format_one(&o, pct, &ap) : pct;
    }
    va_end(ap);

    if ( size )
        buf[o.pos < size ? o.pos : size - 1] = '\0';

    return o.pos > INT_MAX ? INT_MAX : (int)o.pos;
}

/* As vsnprintf(), taking the arguments directly. */
int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vsnprintf(buf, size, fmt, args);
    va_end(args);

    return n;
}

/*
 * As vsnprintf(), but returns the number of bytes actually stored in buf,
 * excluding the NUL: 0 when size is 0, at most size - 1 otherwise.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    int n = vsnprintf(buf, size, fmt, args);

    if ( !size )
        return 0;

    return (size_t)n < size ? n : (int)(size - 1);
}

/* As vscnprintf(), taking the arguments directly. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int n;

    va_start(args, fmt);
    n = vscnprintf(buf, size, fmt, args);
    va_end(args);

    return n;
}
