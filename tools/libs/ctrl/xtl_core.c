/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * xentoollog: message helpers and the stdio stream logger, the part of
 * Xen's libxentoollog that libxenctrl callers use (see xentoollog.h).
 *
 * The stdio logger writes one line per message:
 *     [date ][[pid] ]context: level: message[: strerror(errnoval)]
 * Progress is reported at the start (done == 0) and at 100% only, so the
 * logger keeps no per-operation state.
 *
 * Thread safety: a line is written under the FILE's own lock, strerror()
 * runs under strerror_lock, and min_level/flags are read and written
 * atomically, so one logger may serve several threads.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xentoollog.h"

struct xentoollog_logger_stdiostream {
    xentoollog_logger vtable;           /* First: callers cast to it. */
    FILE *f;
    int min_level;                      /* Atomic; a xentoollog_level. */
    unsigned int flags;                 /* Atomic; XTL_STDIOSTREAM_*. */
};

static pthread_mutex_t strerror_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * ---------------------------------------------------------------------
 * Generating messages
 * ---------------------------------------------------------------------
 */

/* Level name for log lines.  Never NULL. */
const char *xtl_level_to_string(xentoollog_level level)
{
    static const char *const names[XTL_NUM_LEVELS] = {
        [XTL_NONE]     = "none",
        [XTL_DEBUG]    = "debug",
        [XTL_VERBOSE]  = "verbose",
        [XTL_DETAIL]   = "detail",
        [XTL_PROGRESS] = "progress",
        [XTL_INFO]     = "info",
        [XTL_NOTICE]   = "notice",
        [XTL_WARN]     = "warning",
        [XTL_ERROR]    = "error",
        [XTL_CRITICAL] = "critical",
    };

    if ( (unsigned int)level >= XTL_NUM_LEVELS )
        return "unknown";

    return names[level];
}

/*
 * Pass a message to logger's vmessage hook.  A NULL logger or hook drops
 * it.  errno is preserved, so callers can log on their error paths.
 */
void xtl_logv(struct xentoollog_logger *logger, xentoollog_level level,
              int errnoval, const char *context, const char *format,
              va_list al)
{
    int saved_errno = errno;

    if ( logger && logger->vmessage )
        logger->vmessage(logger, level, errnoval, context, format, al);

    errno = saved_errno;
}

/* printf-style xtl_logv(). */
void xtl_log(struct xentoollog_logger *logger, xentoollog_level level,
             int errnoval, const char *context, const char *format, ...)
{
    va_list al;

    va_start(al, format);
    xtl_logv(logger, level, errnoval, context, format, al);
    va_end(al);
}

/*
 * Report that doing_what has reached done of total.  The logger's
 * progress hook (if any) also gets the percentage, computed without
 * overflow for any total.  Preserves errno.
 */
void xtl_progress(struct xentoollog_logger *logger, const char *context,
                  const char *doing_what, unsigned long done,
                  unsigned long total)
{
    int saved_errno = errno;
    unsigned long percent = 0;

    if ( !logger || !logger->progress )
        return;

    if ( total >= 100 )
        percent = done / (total / 100);
    else if ( total )
        percent = done * 100 / total;
    if ( percent > 100 )
        percent = 100;

    logger->progress(logger, context, doing_what, (int)percent, done, total);
    errno = saved_errno;
}

/* Destroy logger through its own hook.  NULL is ignored. */
void xtl_logger_destroy(struct xentoollog_logger *logger)
{
    if ( logger && logger->destroy )
        logger->destroy(logger);
}

/*
 * ---------------------------------------------------------------------
 * The stdio stream logger
 * ---------------------------------------------------------------------
 */

/* Print the optional date and pid prefix.  Caller holds the FILE lock. */
static void stdio_prefix(FILE *f, unsigned int flags)
{
    if ( flags & XTL_STDIOSTREAM_SHOW_DATE )
    {
        char buf[64];
        time_t now = time(NULL);
        struct tm tm;

        if ( localtime_r(&now, &tm) &&
             strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %Z", &tm) )
            fprintf(f, "%s ", buf);
    }

    if ( flags & XTL_STDIOSTREAM_SHOW_PID )
        fprintf(f, "[%lu] ", (unsigned long)getpid());
}

/*
 * vmessage hook: write one line if level reaches min_level.  The line is
 * emitted under the FILE lock so concurrent messages do not interleave.
 */
static void stdio_vmessage(xentoollog_logger *logger,
                           xentoollog_level level, int errnoval,
                           const char *context, const char *format,
                           va_list al)
{
    xentoollog_logger_stdiostream *lg = (void *)logger;
    unsigned int flags = __atomic_load_n(&lg->flags, __ATOMIC_RELAXED);
    char errbuf[128] = "";

    if ( (int)level < __atomic_load_n(&lg->min_level, __ATOMIC_RELAXED) )
        return;

    if ( errnoval >= 0 )
    {
        pthread_mutex_lock(&strerror_lock);
        snprintf(errbuf, sizeof(errbuf), ": %s", strerror(errnoval));
        pthread_mutex_unlock(&strerror_lock);
    }

    flockfile(lg->f);
    stdio_prefix(lg->f, flags);
    if ( context )
        fprintf(lg->f, "%s: ", context);
    fprintf(lg->f, "%s: ", xtl_level_to_string(level));
    vfprintf(lg->f, format, al);
    fprintf(lg->f, "%s\n", errbuf);
    fflush(lg->f);
    funlockfile(lg->f);
}

/* progress hook: one line when an operation starts and when it ends. */
static void stdio_progress(xentoollog_logger *logger, const char *context,
                           const char *doing_what, int percent,
                           unsigned long done, unsigned long total)
{
    xentoollog_logger_stdiostream *lg = (void *)logger;
    unsigned int flags = __atomic_load_n(&lg->flags, __ATOMIC_RELAXED);

    (void)total;

    if ( (flags & XTL_STDIOSTREAM_HIDE_PROGRESS) ||
         XTL_PROGRESS < __atomic_load_n(&lg->min_level, __ATOMIC_RELAXED) )
        return;

    if ( done != 0 && percent != 100 )
        return;

    flockfile(lg->f);
    stdio_prefix(lg->f, flags);
    fprintf(lg->f, "%s%s%s: %d%%\n", context ? context : "",
            context ? ": " : "", doing_what, percent);
    fflush(lg->f);
    funlockfile(lg->f);
}

/* destroy hook: free the logger, leave the FILE open. */
static void stdio_destroy(xentoollog_logger *logger)
{
    free(logger);
}

/*
 * Create a stdio logger on f with threshold min_level and flags
 * (XTL_STDIOSTREAM_*).  Returns it (cast to xentoollog_logger * to pass
 * it on), or NULL with errno ENOMEM.
 */
xentoollog_logger_stdiostream *xtl_createlogger_stdiostream(
    FILE *f, xentoollog_level min_level, unsigned flags)
{
    xentoollog_logger_stdiostream *lg = calloc(1, sizeof(*lg));

    if ( !lg )
        return NULL;

    lg->vtable.vmessage = stdio_vmessage;
    lg->vtable.progress = stdio_progress;
    lg->vtable.destroy = stdio_destroy;
    lg->f = f;
    lg->min_level = min_level;
    lg->flags = flags;

    return lg;
}

/* Change the threshold.  Safe while other threads log. */
void xtl_stdiostream_set_minlevel(xentoollog_logger_stdiostream *lg,
                                  xentoollog_level min_level)
{
    __atomic_store_n(&lg->min_level, (int)min_level, __ATOMIC_RELAXED);
}

/* Set and clear flags (set wins).  Safe while other threads log. */
void xtl_stdiostream_adjust_flags(xentoollog_logger_stdiostream *lg,
                                  unsigned set_flags, unsigned clear_flags)
{
    unsigned int old = __atomic_load_n(&lg->flags, __ATOMIC_RELAXED);
    unsigned int new;

    do {
        new = (old & ~clear_flags) | set_flags;
    } while ( !__atomic_compare_exchange_n(&lg->flags, &old, new, 0,
                                           __ATOMIC_RELAXED,
                                           __ATOMIC_RELAXED) );
}
