/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Basic types for hypervisor code.  Only the freestanding headers the
 * design allows are used here.
 */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <xen/compiler.h>

/*
 * Integer limits from the compiler's own macros: gcc's <limits.h> wants
 * the C library's under -nostdinc, so we do not use it.
 */
#define CHAR_BIT        __CHAR_BIT__
#define INT_MAX         __INT_MAX__
#define INT_MIN         (-INT_MAX - 1)
#define UINT_MAX        (INT_MAX * 2U + 1U)
#define LONG_MAX        __LONG_MAX__
#define LONG_MIN        (-LONG_MAX - 1L)
#define ULONG_MAX       (LONG_MAX * 2UL + 1UL)
#define LLONG_MAX       __LONG_LONG_MAX__
#define LLONG_MIN       (-LLONG_MAX - 1LL)
#define ULLONG_MAX      (LLONG_MAX * 2ULL + 1ULL)

typedef uint64_t paddr_t;
typedef int64_t s_time_t;           /* nanoseconds */

/*
 * Type-safe wrappers for frame numbers (Xen's TYPE_SAFE).  Debug builds
 * make each a distinct struct so that an MFN cannot be passed where a GFN
 * is wanted; release builds collapse them to plain integers.
 */
#ifndef NDEBUG
#define TYPE_SAFE(type, name)                                            \
    typedef struct { type name; } name##_t;                              \
    static inline name##_t _##name(type n) { return (name##_t){ n }; }   \
    static inline type name##_x(name##_t n) { return n.name; }
#else
#define TYPE_SAFE(type, name)                                            \
    typedef type name##_t;                                               \
    static inline name##_t _##name(type n) { return n; }                 \
    static inline type name##_x(name##_t n) { return n; }
#endif

TYPE_SAFE(unsigned long, mfn);
TYPE_SAFE(unsigned long, gfn);

#define INVALID_MFN_RAW     (~0UL)
#define INVALID_GFN_RAW     (~0UL)
#define INVALID_MFN         _mfn(INVALID_MFN_RAW)
#define INVALID_GFN         _gfn(INVALID_GFN_RAW)

static inline bool mfn_eq(mfn_t a, mfn_t b) { return mfn_x(a) == mfn_x(b); }
static inline bool gfn_eq(gfn_t a, gfn_t b) { return gfn_x(a) == gfn_x(b); }
static inline mfn_t mfn_add(mfn_t m, unsigned long i)
{
    return _mfn(mfn_x(m) + i);
}
static inline gfn_t gfn_add(gfn_t g, unsigned long i)
{
    return _gfn(gfn_x(g) + i);
}

#endif /* XEN_TYPES_H */
