/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Library interfaces every hypervisor file may use: formatted output,
 * number parsing, sorting, assertions and small arithmetic helpers.
 */
#ifndef XEN_LIB_H
#define XEN_LIB_H

#include <xen/compiler.h>
#include <xen/string.h>
#include <xen/types.h>

#define ARRAY_SIZE(a)       (sizeof(a) / sizeof((a)[0]))
#define DIV_ROUND_UP(n, d)  (((n) + (d) - 1) / (d))
#define ROUNDUP(x, a)       (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))

#define min(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b);    \
                     (void)(&a_ == &b_); a_ < b_ ? a_ : b_; })
#define max(a, b) ({ __typeof__(a) a_ = (a); __typeof__(b) b_ = (b);    \
                     (void)(&a_ == &b_); a_ > b_ ? a_ : b_; })
#define min_t(t, a, b) min((t)(a), (t)(b))
#define max_t(t, a, b) max((t)(a), (t)(b))

/* --- Formatted output (xen/common/lib/vsprintf.c) --------------------- */

/*
 * ISO C vsnprintf/snprintf for the conversions hypervisor code uses:
 * flags "-+ #0", width and precision (including '*'), length modifiers
 * hh h l ll z t j, conversions d i u x X o c s p %.  Returns the length
 * the full output would have had (C99).  %p prints 0x-prefixed hex.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
    __printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* As vsnprintf/snprintf but return the number of bytes written (no NUL). */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
    __printf(3, 0);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* --- Number parsing (xen/common/lib/parse.c) --------------------------- */

/*
 * Parse an unsigned number in base 'base' (0: auto-detect 0x / 0 prefix).
 * *end, when not NULL, points after the last character used.  Overflow
 * saturates at ULLONG_MAX.
 */
unsigned long long simple_strtoull(const char *s, const char **end,
                                   unsigned int base);
unsigned long simple_strtoul(const char *s, const char **end,
                             unsigned int base);
long long simple_strtoll(const char *s, const char **end, unsigned int base);

/*
 * Parse a size with optional unit suffix B, K, M, G, T (case-insensitive,
 * powers of 1024); no suffix means kilobytes, as Xen's
 * parse_size_and_unit() does.  Returns the size in bytes; *end as above.
 */
unsigned long long parse_size_and_unit(const char *s, const char **end);

/*
 * Parse a boolean word: 1/0, yes/no, on/off, true/false, enable/disable.
 * 'e' (or NULL) ends the word; otherwise the word ends at NUL.
 * Returns 1, 0, or -1 when the word is none of those.
 */
int parse_bool(const char *s, const char *e);

/* --- Sorting (xen/common/lib/sort.c) ----------------------------------- */

/* In-place heapsort: O(n log n) worst case, no recursion, not stable. */
void sort(void *base, size_t num, size_t size,
          int (*cmp)(const void *, const void *),
          void (*swap)(void *, void *, size_t));

/* --- Console and assertions (xen/common/console.c) ---------------------- */

/*
 * Log levels, as Xen's: a message may start with one of these prefixes.
 * The console drops messages above the threshold set by loglvl= (for
 * hypervisor messages) or guest_loglvl= (for messages a guest caused).
 */
#define XENLOG_ERR          "<0>"
#define XENLOG_WARNING      "<1>"
#define XENLOG_INFO         "<2>"
#define XENLOG_DEBUG        "<3>"
#define XENLOG_GUEST        "<G>"
#define XENLOG_G_ERR        XENLOG_GUEST XENLOG_ERR
#define XENLOG_G_WARNING    XENLOG_GUEST XENLOG_WARNING
#define XENLOG_G_INFO       XENLOG_GUEST XENLOG_INFO
#define XENLOG_G_DEBUG      XENLOG_GUEST XENLOG_DEBUG

/* Print to the console ("(XEN) " prefix).  Never sleeps; takes console_lock. */
void printk(const char *fmt, ...) __printf(1, 2);
void vprintk(const char *fmt, va_list args) __printf(1, 0);

/*
 * Guest-caused message: prefixed with the current domain/vcpu and
 * rate-limited (a guest cannot flood the log).
 */
#define gprintk(lvl, fmt, ...) \
    gprintk_ratelimited(XENLOG_GUEST lvl fmt, ##__VA_ARGS__)
void gprintk_ratelimited(const char *fmt, ...) __printf(1, 2);

/* Stop the machine after printing the message.  Boot-time errors only. */
void __noreturn panic(const char *fmt, ...) __printf(1, 2);
void __noreturn assert_failed(const char *expr, const char *file,
                              unsigned int line);

#define BUG_ON(cond) do {                                               \
    if ( unlikely(cond) )                                               \
        assert_failed("BUG_ON(" #cond ")", __FILE__, __LINE__);         \
} while ( 0 )
#define BUG() assert_failed("BUG", __FILE__, __LINE__)

#ifndef NDEBUG
#define ASSERT(p) do {                                                  \
    if ( unlikely(!(p)) )                                               \
        assert_failed(#p, __FILE__, __LINE__);                          \
} while ( 0 )
#else
#define ASSERT(p) do { if ( 0 && (p) ) {} } while ( 0 )
#endif

#define ASSERT_UNREACHABLE() ASSERT(!"unreachable")

#endif /* XEN_LIB_H */
