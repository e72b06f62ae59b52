/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For hypervisor-side test fixtures (tools/tests/<dir>/<name>-fixture.c,
 * built with the hypervisor's flags): a check that records where and why it
 * failed in the fixture's message buffer and jumps to its 'fail' label.
 * A fixture function returns NULL on success or fixture_msg on failure;
 * the libc-side test reports it with fail("%s", ...).
 */
#ifndef TOOLS_TESTS_FIXTURE_H
#define TOOLS_TESTS_FIXTURE_H

#include <xen/lib.h>

static char fixture_msg[256];

#define CHECK(cond, ...) do {                                           \
    if ( !(cond) )                                                      \
    {                                                                   \
        int n_ = snprintf(fixture_msg, sizeof(fixture_msg),            \
                          "line %d: ", __LINE__);                       \
        snprintf(fixture_msg + n_, sizeof(fixture_msg) - n_,            \
                 __VA_ARGS__);                                          \
        goto fail;                                                      \
    }                                                                   \
} while ( 0 )

#endif /* TOOLS_TESTS_FIXTURE_H */
