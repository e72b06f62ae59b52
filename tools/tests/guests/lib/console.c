/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Console output for the guests: a small vsnprintf and printk.
 *
 * printk buffers until a newline and writes each line with one
 * HYPERVISOR_console_io(CONSOLEIO_write), so that each line shows up in
 * the hypervisor's log as one "(d<id>) ..." line.  One vCPU per test
 * guest: no locking.
 */

#include "guest.h"

#define LINE_MAX                256

struct out {
    char *buf;
    size_t size, len;           /* len counts what would have been put */
};

struct spec {
    bool left, zero, plus, space, alt;
    int width, prec;            /* prec < 0: none */
    int lmod;                   /* 0 int, 1 long, 2 long long, -1 short */
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void pad(struct out *o, char c, int n)
{
    while ( n-- > 0 )
        put(o, c);
}

static void put_str(struct out *o, const struct spec *sp, const char *s)
{
    int n = 0;

    if ( !s )
        s = "(null)";
    while ( s[n] && (sp->prec < 0 || n < sp->prec) )
        n++;
    if ( !sp->left )
        pad(o, ' ', sp->width - n);
    for ( int i = 0; i < n; i++ )
        put(o, s[i]);
    if ( sp->left )
        pad(o, ' ', sp->width - n);
}

/* [spaces] [sign or 0x] [zeros] digits [spaces]. */
static void put_num(struct out *o, const struct spec *sp,
                    unsigned long long v, bool neg, unsigned int base,
                    bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24], prefix[3] = "";
    int n = 0, np = 0, zeros, total;

    do {
        tmp[n++] = digits[v % base];
        v /= base;
    } while ( v );
    if ( neg )
        prefix[np++] = '-';
    else if ( sp->plus )
        prefix[np++] = '+';
    else if ( sp->space )
        prefix[np++] = ' ';
    if ( sp->alt && base == 16 )
    {
        prefix[np++] = '0';
        prefix[np++] = upper ? 'X' : 'x';
    }
    zeros = sp->prec > n ? sp->prec - n : 0;
    if ( sp->zero && !sp->left && sp->prec < 0 )
        zeros = sp->width - np - n > 0 ? sp->width - np - n : 0;
    total = np + zeros + n;
    if ( !sp->left )
        pad(o, ' ', sp->width - total);
    for ( int i = 0; i < np; i++ )
        put(o, prefix[i]);
    pad(o, '0', zeros);
    while ( n-- )
        put(o, tmp[n]);
    if ( sp->left )
        pad(o, ' ', sp->width - total);
}

/* Flags, width, precision and length of the spec at *fmt. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
    memset(sp, 0, sizeof(*sp));
    sp->prec = -1;
    for ( ; ; fmt++ )
    {
        if ( *fmt == '-' )
            sp->left = true;
        else if ( *fmt == '0' )
            sp->zero = true;
        else if ( *fmt == '+' )
            sp->plus = true;
        else if ( *fmt == ' ' )
            sp->space = true;
        else if ( *fmt == '#' )
            sp->alt = true;
        else
            break;
    }
    if ( *fmt == '*' )
    {
        sp->width = va_arg(*ap, int);
        fmt++;
    }
    while ( *fmt >= '0' && *fmt <= '9' )
        sp->width = sp->width * 10 + *fmt++ - '0';
    if ( *fmt == '.' )
    {
        sp->prec = 0;
        if ( *++fmt == '*' )
        {
            sp->prec = va_arg(*ap, int);
            fmt++;
        }
        while ( *fmt >= '0' && *fmt <= '9' )
            sp->prec = sp->prec * 10 + *fmt++ - '0';
    }
    for ( ; ; fmt++ )
    {
        if ( *fmt == 'l' || *fmt == 'z' || *fmt == 't' || *fmt == 'j' )
            sp->lmod++;
        else if ( *fmt == 'h' )
            sp->lmod = -1;
        else
            break;
    }
    return fmt;
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
    if ( sp->lmod >= 1 )
        return sp->lmod == 1 ? va_arg(*ap, unsigned long)
                             : va_arg(*ap, unsigned long long);
    return va_arg(*ap, unsigned int);
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
    if ( sp->lmod >= 1 )
        return sp->lmod == 1 ? va_arg(*ap, long) : va_arg(*ap, long long);
    return va_arg(*ap, int);
}

/* One conversion after its spec.  Returns the next format character. */
static const char *convert(struct out *o, const char *fmt, struct spec *sp,
                           va_list *ap)
{
    long long s;

    switch ( *fmt )
    {
    case 'd':
    case 'i':
        s = get_signed(sp, ap);
        put_num(o, sp, s < 0 ? -(unsigned long long)s : (unsigned long long)s,
                s < 0, 10, false);
        break;
    case 'u':
        put_num(o, sp, get_unsigned(sp, ap), false, 10, false);
        break;
    case 'x':
    case 'X':
        put_num(o, sp, get_unsigned(sp, ap), false, 16, *fmt == 'X');
        break;
    case 'p':
        sp->alt = true;
        put_num(o, sp, (unsigned long)va_arg(*ap, void *), false, 16, false);
        break;
    case 's':
        put_str(o, sp, va_arg(*ap, const char *));
        break;
    case 'c':
        put(o, (char)va_arg(*ap, int));
        break;
    case '%':
        put(o, '%');
        break;
    default:                    /* unknown: print it as it is */
        put(o, '%');
        if ( !*fmt )
            return fmt;
        put(o, *fmt);
        break;
    }
    return fmt + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = { buf, size, 0 };
    struct spec sp;
    va_list aq;

    va_copy(aq, ap);
    while ( *fmt )
    {
        if ( *fmt != '%' )
        {
            put(&o, *fmt++);
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp, &aq);
        fmt = convert(&o, fmt, &sp, &aq);
    }
    va_end(aq);
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* Each vCPU assembles its own lines: one hypercall writes a whole line. */
static __thread char line[LINE_MAX];
static __thread size_t line_len;

static void line_flush(void)
{
    if ( line_len )
        hypercall_console_write(line, line_len);
    line_len = 0;
}

void vprintk(const char *fmt, va_list ap)
{
    char buf[LINE_MAX];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);

    if ( n >= (int)sizeof(buf) )
        n = sizeof(buf) - 1;
    for ( int i = 0; i < n; i++ )
    {
        line[line_len++] = buf[i];
        if ( buf[i] == '\n' || line_len == sizeof(line) )
            line_flush();
    }
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}
