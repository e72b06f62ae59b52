/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arch string helpers for xen/common/lib/string.c.  The hosted arch is an
 * x86_64 process, so it uses the x86 port's fast-string helpers as they
 * are (rep movsb / rep stosb; the C loops under ASan).
 */
#ifndef HOSTED_ASM_STRING_H
#define HOSTED_ASM_STRING_H

#include "../../../x86/include/asm/string.h"

#endif /* HOSTED_ASM_STRING_H */
