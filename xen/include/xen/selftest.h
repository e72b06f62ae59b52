/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Boot-time self checks of the common memory code (xen/common/selftest.c)
 * on whatever RAM the arch handed to the heap.  An arch runs them when
 * its `selftest` boot parameter asks; it may record checks of its own
 * first with selftest_check(), and they count in the verdict.
 */
#ifndef XEN_SELFTEST_H
#define XEN_SELFTEST_H

#include <xen/types.h>

/*
 * Record one check: prints "selftest: <what>: ok" or "... FAILED" and
 * counts it.  Boot time, single-threaded.
 */
void selftest_check(bool ok, const char *what);

/*
 * Run the heap, claims and scrubbing checks, then print the verdict line
 * "selftest: N passed, M failed" (N and M include earlier
 * selftest_check() calls).  Leaves the heap as it found it.  Returns M.
 * Boot time, single-threaded; takes the heap and domain locks.
 */
unsigned int selftest_run(void);

#endif /* XEN_SELFTEST_H */
