/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The seam between test-params.c (a libc program) and params-fixture.c
 * (built like hypervisor code, next to xen/common/params.c).  Only plain
 * C types cross it, so both sides can include this header.
 */
#ifndef TOOLS_TESTS_PARAMS_FIXTURE_H
#define TOOLS_TESTS_PARAMS_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#define FIXTURE_STR_LEN     8       /* fx-str buffer, NUL included */
#define FIXTURE_CUSTOM_LEN  64      /* last argument seen by fx-custom */

/* Every variable the fixture registers, as one snapshot. */
struct fixture_values {
    bool b;                         /* fx-bool, default false */
    bool flag;                      /* fx-flag, default true */
    bool under;                     /* fx_under_name (underscores) */
    bool literal;                   /* no-fx-literal (name has "no-") */
    unsigned int wide_bool;         /* fx-wide-bool: boolean in an int */
    uint8_t u8;                     /* fx-u8 */
    uint16_t u16;                   /* fx-u16 */
    uint32_t u32;                   /* fx-u32 */
    uint64_t u64;                   /* fx-u64 */
    uint32_t dash;                  /* fx-dash-name (dashes) */
    uint32_t twice_a, twice_b;      /* fx-twice, registered twice */
    uint64_t size;                  /* fx-size */
    uint32_t size32;                /* fx-size32 */
    char str[FIXTURE_STR_LEN];      /* fx-str */
    char custom_arg[FIXTURE_CUSTOM_LEN]; /* fx-custom: last argument */
    unsigned int custom_calls;      /* fx-custom: number of calls */
};

/* Value every field gets from fixture_reset(). */
#define FIXTURE_DEFAULT_UINT    42

/* fx-custom returns -XEN_EINVAL for this argument and 0 for any other. */
#define FIXTURE_CUSTOM_BAD      "bad"

/*
 * Set every variable back to its default: booleans as commented above,
 * integers and sizes FIXTURE_DEFAULT_UINT, fx-str "dflt", fx-custom not
 * called.
 */
void fixture_reset(void);

/* Copy every variable into *v. */
void fixture_get(struct fixture_values *v);

/* cmdline_parse(cmdline): returns the number of options rejected. */
unsigned int fixture_parse(const char *cmdline);

/* cmdline_get(). */
const char *fixture_cmdline(void);

#endif /* TOOLS_TESTS_PARAMS_FIXTURE_H */
