/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot parameters.  The file that owns an option declares its opt_<name>
 * variable and registers it next to it:
 *
 *     static bool opt_foo;
 *     boolean_param("foo", opt_foo);
 *
 * Registrations land in the "xen_params" section; cmdline_parse() walks
 * it.  Every registered name must have a "### name" entry in
 * docs/misc/xen-command-line.md (scripts/check-docs enforces it).
 */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/types.h>

enum param_type {
    OPT_STR,        /* char array of 'len' bytes, NUL-terminated copy */
    OPT_UINT,       /* unsigned integer of 'len' bytes (1, 2, 4 or 8) */
    OPT_BOOL,       /* bool */
    OPT_SIZE,       /* uint64_t byte count, Xen <size> syntax */
    OPT_CUSTOM,     /* int func(const char *val): 0 or -XEN_EINVAL */
};

struct kernel_param {
    const char *name;
    enum param_type type;
    unsigned int len;
    union {
        void *var;
        int (*func)(const char *val);
    } par;
};

#define PARAM_SECTION       "xen_params"

#define __param_cat(a, b)   a##b
#define __param_uniq(l)     __param_cat(param_entry_, l)
#define __param(name_, type_, len_, init_)                                \
    static const struct kernel_param __used __section(PARAM_SECTION)      \
        __aligned(sizeof(void *)) __param_uniq(__LINE__) =                \
        { .name = name_, .type = type_, .len = len_, .par = init_ }

#define boolean_param(name, v)                                            \
    __param(name, OPT_BOOL, sizeof(v), { .var = &(v) })
#define integer_param(name, v)                                            \
    __param(name, OPT_UINT, sizeof(v), { .var = &(v) })
#define size_param(name, v)                                               \
    __param(name, OPT_SIZE, sizeof(v), { .var = &(v) })
#define string_param(name, v)                                             \
    __param(name, OPT_STR, sizeof(v), { .var = (v) })
#define custom_param(name, fn)                                            \
    __param(name, OPT_CUSTOM, 0, { .func = (fn) })

/*
 * Parse a whole command line ("a b=c no-d e=x,y").  Known options update
 * their variables; unknown ones and bad values are logged and skipped.
 * Returns the number of options that were rejected (unknown or bad).
 * Call once at boot, single-threaded.
 */
unsigned int cmdline_parse(const char *cmdline);

/* The command line as given, for logs ("Command line: ..."). */
const char *cmdline_get(void);

/* Bounds of the registration section, provided by the linker. */
extern const struct kernel_param __start_xen_params[];
extern const struct kernel_param __stop_xen_params[];

#endif /* XEN_PARAM_H */
