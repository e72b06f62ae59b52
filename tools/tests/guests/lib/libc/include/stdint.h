/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The compiler's own <stdint.h> types.  Needed because this libc is
 * built as hosted C, where gcc's <stdint.h> would hand over to a C
 * library's (clang's falls back to its own by itself).
 */
#ifndef GUEST_LIBC_STDINT_H
#define GUEST_LIBC_STDINT_H

#if defined(__clang__)
#include_next <stdint.h>
#else
#include <stdint-gcc.h>
#endif

#endif /* GUEST_LIBC_STDINT_H */
