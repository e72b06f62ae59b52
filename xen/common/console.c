/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor console: printk with Xen's log levels and thresholds,
 * rate-limited guest messages, panic and assertion reports, and the
 * guest's HYPERVISOR_console_io.
 *
 * A message may start with a level prefix ("<0>".."<3>", XENLOG_*) and a
 * guest marker ("<G>").  loglvl= sets the thresholds for hypervisor
 * messages and guest_loglvl= for guest-caused ones, as "lower/upper":
 * levels up to 'lower' always print, levels up to 'upper' print within
 * the rate limit, the rest are dropped.
 */

#include <xen/console.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/time.h>

#define LVL_NONE        (-1)
#define LVL_ERR         0
#define LVL_WARNING     1
#define LVL_INFO        2
#define LVL_DEBUG       3

#define RATELIMIT_MS    5000
#define RATELIMIT_BURST 10

struct loglvl {
    int lower, upper;
};

static struct loglvl xenlog = { LVL_WARNING, LVL_WARNING };
static struct loglvl guestlog = { LVL_NONE, LVL_WARNING };

static int parse_loglvl(const char *s);
static int parse_guest_loglvl(const char *s);
custom_param("loglvl", parse_loglvl);
custom_param("guest_loglvl", parse_guest_loglvl);

/* console_timestamps=none|boot|raw: a time stamp at each line's start. */
enum { TSM_NONE, TSM_BOOT, TSM_RAW };
static unsigned int opt_con_timestamps = TSM_NONE;
static int parse_console_timestamps(const char *s);
custom_param("console_timestamps", parse_console_timestamps);

static DEFINE_SPINLOCK(console_lock);

/* Rate limiter state.  Protected by console_lock. */
static s_time_t rl_window_start;
static unsigned int rl_count, rl_missed;

/* Parse one level word; returns the level or -2 if unknown. */
static int parse_level(const char *s, const char *e)
{
    static const char *const names[] = { "error", "warning", "info",
                                         "debug" };
    size_t len = e - s;
    int i;

    if ( len == 4 && !strncmp(s, "none", 4) )
        return LVL_NONE;
    if ( len == 3 && !strncmp(s, "all", 3) )
        return LVL_DEBUG;
    for ( i = 0; i < (int)ARRAY_SIZE(names); i++ )
        if ( strlen(names[i]) == len && !strncmp(s, names[i], len) )
            return i;
    return -2;
}

/* "<lower>[/<upper>]" into *l; returns 0 or -EINVAL. */
static int parse_levels(const char *s, struct loglvl *l)
{
    const char *slash = strchr(s, '/');
    const char *end = slash ? slash : s + strlen(s);
    int lower = parse_level(s, end), upper = lower;

    if ( slash )
        upper = parse_level(slash + 1, slash + 1 + strlen(slash + 1));
    if ( lower == -2 || upper == -2 )
        return -EINVAL;
    l->lower = lower;
    l->upper = max(lower, upper);
    return 0;
}

static int parse_loglvl(const char *s)
{
    return parse_levels(s, &xenlog);
}

static int parse_guest_loglvl(const char *s)
{
    return parse_levels(s, &guestlog);
}

/*
 * Xen's modes: none, boot (seconds since boot), raw (nanoseconds), date
 * and datems (wall clock: we have none, so they mean boot here).
 */
static int parse_console_timestamps(const char *s)
{
    if ( !strcmp(s, "none") || !strcmp(s, "no") || !strcmp(s, "0") )
        opt_con_timestamps = TSM_NONE;
    else if ( !strcmp(s, "raw") )
        opt_con_timestamps = TSM_RAW;
    else if ( !strcmp(s, "boot") || !strcmp(s, "date") ||
              !strcmp(s, "datems") || !*s )
        opt_con_timestamps = TSM_BOOT;
    else
        return -EINVAL;
    return 0;
}

/* Write the time stamp for a new line, if enabled.  console_lock held. */
static void console_stamp(void)
{
    char buf[32];
    s_time_t t;
    int n;

    if ( opt_con_timestamps == TSM_NONE )
        return;
    t = NOW();
    if ( opt_con_timestamps == TSM_RAW )
        n = snprintf(buf, sizeof(buf), "[%lld] ", (long long)t);
    else
        n = snprintf(buf, sizeof(buf), "[%5lld.%06lld] ",
                     (long long)(t / 1000000000LL),
                     (long long)(t % 1000000000LL) / 1000);
    arch_console_write(buf, (unsigned int)n);
}

/* Strip the level/guest prefixes; returns the message text. */
static const char *message_level(const char *msg, int *level, bool *guest)
{
    *level = LVL_WARNING;
    *guest = false;
    for ( ;; )
    {
        if ( msg[0] != '<' || !msg[1] || msg[2] != '>' )
            return msg;
        if ( msg[1] == 'G' )
            *guest = true;
        else if ( msg[1] >= '0' && msg[1] <= '3' )
            *level = msg[1] - '0';
        else
            return msg;
        msg += 3;
    }
}

/* Within the rate limit?  Caller holds console_lock. */
static bool ratelimit_ok(void)
{
    s_time_t now = NOW();

    if ( now - rl_window_start > MILLISECS(RATELIMIT_MS) )
    {
        rl_window_start = now;
        rl_count = 0;
    }
    if ( rl_count < RATELIMIT_BURST )
    {
        rl_count++;
        return true;
    }
    rl_missed++;
    return false;
}

/* Emit text with "(XEN) " at the start of each line. */
static void console_emit(const char *text)
{
    static bool at_line_start = true;

    while ( *text )
    {
        const char *nl = strchr(text, '\n');
        unsigned int len = nl ? (unsigned int)(nl - text + 1)
                              : (unsigned int)strlen(text);

        if ( at_line_start )
        {
            console_stamp();
            arch_console_write("(XEN) ", 6);
        }
        arch_console_write(text, len);
        at_line_start = nl != NULL;
        text += len;
    }
}

/* Format and print one message if its level passes.  Takes console_lock. */
static void console_vprint(const char *fmt, va_list args, bool force_limit)
{
    char buf[512];
    const struct loglvl *l;
    const char *body;
    int level;
    bool guest, print;

    body = message_level(fmt, &level, &guest);
    l = guest ? &guestlog : &xenlog;

    spin_lock(&console_lock);
    if ( level <= l->lower && !force_limit )
        print = true;
    else
        print = level <= l->upper && ratelimit_ok();
    if ( print )
    {
        if ( rl_missed && ratelimit_ok() )
        {
            snprintf(buf, sizeof(buf), "printk: %u messages suppressed.\n",
                     rl_missed);
            rl_missed = 0;
            console_emit(buf);
        }
        vsnprintf(buf, sizeof(buf), body, args);
        console_emit(buf);
    }
    spin_unlock(&console_lock);
}

void vprintk(const char *fmt, va_list args)
{
    console_vprint(fmt, args, false);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    console_vprint(fmt, args, false);
    va_end(args);
}

void gprintk_ratelimited(const char *fmt, ...)
{
    char prefixed[256];
    const struct vcpu *v = current;
    const char *body;
    int level;
    bool guest;
    va_list args;

    /* Re-insert the level prefix in front of "(dNvM) ". */
    body = message_level(fmt, &level, &guest);
    snprintf(prefixed, sizeof(prefixed), "<G><%d>(d%uv%u) %s", level,
             v ? v->domain->domain_id : DOMID_IDLE, v ? v->vcpu_id : 0,
             body);
    va_start(args, fmt);
    console_vprint(prefixed, args, !v || !is_control_domain(v->domain));
    va_end(args);
}

void panic(const char *fmt, ...)
{
    char buf[256];
    va_list args;

    va_start(args, fmt);
    vsnprintf(buf, sizeof(buf), fmt, args);
    va_end(args);
    console_emit("\n****************************************\n");
    console_emit("Panic: ");
    console_emit(buf);
    console_emit("****************************************\n");
    arch_halt(1);
}

void assert_failed(const char *expr, const char *file, unsigned int line)
{
    panic("Assertion '%s' failed at %s:%u\n", expr, file, line);
}

/* CONSOLEIO_write: print a guest's text, a chunk at a time. */
static long console_write(unsigned int count,
                          XEN_GUEST_HANDLE_PARAM(char) buffer)
{
    const struct domain *d = current->domain;
    char chunk[128];
    unsigned int done = 0, n, i;

    while ( done < count )
    {
        n = min(count - done, (unsigned int)sizeof(chunk) - 1);
        if ( copy_from_guest_offset(chunk, buffer, done, n) )
            return -EFAULT;
        for ( i = 0; i < n; i++ )       /* keep the log printable */
            if ( (chunk[i] < 0x20 && chunk[i] != '\n') || chunk[i] == 0x7f )
                chunk[i] = '.';
        chunk[n] = '\0';
        if ( is_control_domain(d) )
            printk("(d%u) %s", d->domain_id, chunk);
        else
            printk(XENLOG_G_WARNING "(d%u) %s", d->domain_id, chunk);
        done += n;
    }
    return 0;
}

long do_console_io(unsigned int cmd, unsigned int count,
                   XEN_GUEST_HANDLE_PARAM(char) buffer)
{
    switch ( cmd )
    {
    case CONSOLEIO_write:
        return console_write(count, buffer);
    case CONSOLEIO_read:
        return is_control_domain(current->domain) ? 0 : -EPERM;
    default:
        return -ENOSYS;
    }
}
