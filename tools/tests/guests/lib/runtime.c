/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's life: vCPU 0's thread-local storage, banner, test_main(),
 * exactly one result line, shutdown.  The result may be reported from
 * any vCPU; the line and the shutdown come from vCPU 0 when test_main()
 * returns.  Results follow XTF: each guest_*() call prints its message
 * (if any) and raises the status; the worst wins, in the order
 * SUCCESS < SKIP < ERROR < FAILURE; no report at all is an ERROR.
 */

#include "guest.h"

enum status {
    STATUS_RUNNING,
    STATUS_SUCCESS,
    STATUS_SKIP,
    STATUS_ERROR,
    STATUS_FAILURE,
};

static const char *const status_names[] = {
    [STATUS_RUNNING] = "ERROR",     /* never reported: an error */
    [STATUS_SUCCESS] = "SUCCESS",
    [STATUS_SKIP]    = "SKIP",
    [STATUS_ERROR]   = "ERROR",
    [STATUS_FAILURE] = "FAILURE",
};

static enum status status = STATUS_RUNNING;
static guest_spinlock_t status_lock = GUEST_SPINLOCK_INIT;

const struct start_info *start_info;

static void report(enum status s, const char *fmt, va_list ap)
{
    if ( fmt )
        vprintk(fmt, ap);
    guest_spin_lock(&status_lock);
    if ( s > status )
        status = s;
    guest_spin_unlock(&status_lock);
}

#define REPORT_FN(name, st)                                             \
void name(const char *fmt, ...)                                         \
{                                                                       \
    va_list ap;                                                         \
                                                                        \
    va_start(ap, fmt);                                                  \
    report(st, fmt, ap);                                                \
    va_end(ap);                                                         \
}

REPORT_FN(guest_success, STATUS_SUCCESS)
REPORT_FN(guest_skip, STATUS_SKIP)
REPORT_FN(guest_error, STATUS_ERROR)
REPORT_FN(guest_failure, STATUS_FAILURE)

const char *guest_cmdline(void)
{
    return (const char *)start_info->cmd_line;
}

bool cmdline_has(const char *word)
{
    const char *p = guest_cmdline();
    size_t n = strlen(word);

    while ( *p )
    {
        size_t len = 0;

        while ( *p == ' ' )
            p++;
        while ( p[len] && p[len] != ' ' )
            len++;
        if ( len == n && !strncmp(p, word, n) )
            return true;
        p += len;
    }
    return false;
}

const char *cmdline_value(const char *key, char *buf, size_t size)
{
    const char *p = guest_cmdline();
    size_t klen = strlen(key), n = 0;

    buf[0] = '\0';
    for ( ; *p; p++ )
        if ( (p == guest_cmdline() || p[-1] == ' ') &&
             !strncmp(p, key, klen) && p[klen] == '=' )
        {
            for ( p += klen + 1; p[n] && p[n] != ' ' && n + 1 < size; n++ )
                buf[n] = p[n];
            buf[n] = '\0';
            break;
        }
    return buf;
}

unsigned long cmdline_ulong(const char *key, unsigned long dflt)
{
    char buf[24];
    const char *s = cmdline_value(key, buf, sizeof(buf));
    unsigned long v = 0;

    if ( !*s )
        return dflt;
    while ( *s >= '0' && *s <= '9' )
        v = v * 10 + (unsigned long)(*s++ - '0');
    return v;
}

/* Print the one result line and shut down; never returns. */
static void __attribute__((noreturn)) guest_exit(void)
{
    if ( status == STATUS_RUNNING )
        printk("test_main() returned without reporting a result\n");
    printk("Test result: %s\n", status_names[status]);
    hypercall_shutdown(status == STATUS_SUCCESS || status == STATUS_SKIP
                       ? SHUTDOWN_poweroff : SHUTDOWN_crash);
    for ( ;; )                  /* not reached: crash if it is */
        __asm__ __volatile__ ( "ud2" );
}

void guest_start(const struct start_info *si);

/* Called by head.S with the start info page. */
void guest_start(const struct start_info *si)
{
    start_info = si;
    if ( guest_tls_init() )
    {
        static const char msg[] = "Test result: ERROR (no TLS)\n";

        hypercall_console_write(msg, sizeof(msg) - 1);
        hypercall_shutdown(SHUTDOWN_crash);
    }
    printk("- - - - - - - - - - - - - - - - - - - - - - - - - -\n");
    printk("Guest test framework, PV 64-bit, ring 3\n");
    if ( strncmp(si->magic, "xen-3.0-x86_64", sizeof(si->magic)) )
    {
        guest_error("Error: bad start info magic\n");
        guest_exit();
    }
    printk("%s\n", test_title);
    test_main();
    guest_exit();
}
