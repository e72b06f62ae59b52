/* SPDX-License-Identifier: LGPL-2.1 */
/*
 * xentoollog: the logging interface shared by the toolstack libraries.
 *
 * A logger is a small vtable (struct xentoollog_logger) that a library
 * such as libxenctrl calls with a level, an errno value and a printf
 * format.  Callers either pass their own logger (embed the vtable as the
 * first member of a larger struct) or NULL, in which case the library
 * makes a stdio logger on stderr.
 *
 * Source compatible with Xen's xentoollog.h for the names declared here:
 * the level enum, the vtable layout, the xtl_log*() helpers and the stdio
 * stream logger.  The implementation lives in tools/libs/ctrl/xtl_core.c
 * and is linked into libxenctrl.a.
 */
#ifndef XENTOOLLOG_H
#define XENTOOLLOG_H

#include <stdarg.h>

/*
 * The stdio logger needs FILE.  A freestanding build (a toolstack running
 * as a ring-3 guest with a tiny runtime) gets the vtable and the message
 * helpers only.
 */
#if __STDC_HOSTED__
#include <stdio.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Severity, lowest first.  XTL_NONE and XTL_NUM_LEVELS are sentinels. */
typedef enum xentoollog_level {
    XTL_NONE,
    XTL_DEBUG,
    XTL_VERBOSE,
    XTL_DETAIL,
    XTL_PROGRESS,       /* Also the level of progress reports. */
    XTL_INFO,
    XTL_NOTICE,
    XTL_WARN,
    XTL_ERROR,
    XTL_CRITICAL,
    XTL_NUM_LEVELS
} xentoollog_level;

typedef struct xentoollog_logger xentoollog_logger;

/*
 * The logger vtable.  vmessage gets an errno value or -1, a context such
 * as "xc" (may be NULL) and a format without a trailing newline.
 * progress may be NULL; it is called with done == 0 first for each new
 * (context, doing_what).  destroy frees the logger.
 */
struct xentoollog_logger {
    void (*vmessage)(struct xentoollog_logger *logger,
                     xentoollog_level level,
                     int errnoval,
                     const char *context,
                     const char *format,
                     va_list al)
        __attribute__((format(printf, 5, 0)));
    void (*progress)(struct xentoollog_logger *logger,
                     const char *context,
                     const char *doing_what,
                     int percent, unsigned long done, unsigned long total);
    void (*destroy)(struct xentoollog_logger *logger);
};

/* Flags for the stdio stream logger. */
#define XTL_STDIOSTREAM_SHOW_PID            001u
#define XTL_STDIOSTREAM_SHOW_DATE           002u
#define XTL_STDIOSTREAM_HIDE_PROGRESS       004u
#define XTL_STDIOSTREAM_PROGRESS_USE_CR     010u
#define XTL_STDIOSTREAM_PROGRESS_NO_CR      020u

typedef struct xentoollog_logger_stdiostream xentoollog_logger_stdiostream;

#if __STDC_HOSTED__
/*
 * Make a logger that prints messages at min_level or above to f, one line
 * each.  Destroying it does not close f.  Returns NULL if out of memory.
 */
xentoollog_logger_stdiostream *xtl_createlogger_stdiostream(
    FILE *f, xentoollog_level min_level, unsigned flags);
#endif

/* Change the threshold / flags of a stdio logger (set wins over clear). */
void xtl_stdiostream_set_minlevel(xentoollog_logger_stdiostream *lg,
                                  xentoollog_level min_level);
void xtl_stdiostream_adjust_flags(xentoollog_logger_stdiostream *lg,
                                  unsigned set_flags, unsigned clear_flags);

/* Destroy any logger through its vtable; NULL is ignored. */
void xtl_logger_destroy(struct xentoollog_logger *logger);

/* Emit a message through logger (NULL: drop it).  errnoval is -1 or errno. */
void xtl_logv(struct xentoollog_logger *logger, xentoollog_level level,
              int errnoval, const char *context, const char *format,
              va_list al)
    __attribute__((format(printf, 5, 0)));
void xtl_log(struct xentoollog_logger *logger, xentoollog_level level,
             int errnoval, const char *context, const char *format, ...)
    __attribute__((format(printf, 5, 6)));

/* Report done/total of an operation; the logger gets a percentage. */
void xtl_progress(struct xentoollog_logger *logger, const char *context,
                  const char *doing_what, unsigned long done,
                  unsigned long total);

/* "debug", "error", ...; never NULL, even for an out-of-range level. */
const char *xtl_level_to_string(xentoollog_level level);

#ifdef __cplusplus
}
#endif

#endif /* XENTOOLLOG_H */
