/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Build-time configuration: the handful of CONFIG_* knobs, no Kconfig.
 */
#ifndef XEN_CONFIG_H
#define XEN_CONFIG_H

#include <asm/config.h>

/* Largest buddy: 2^18 pages = 1 GiB, as on Xen x86. */
#define MAX_ORDER               18

/* Number of free-list zones: one per bit of MFN width, as Xen's. */
#define NR_ZONES                (PADDR_BITS - 12 + 1)

/* Highest domain id we hand out, exclusive (Xen's DOMID_FIRST_RESERVED). */
#define CONFIG_MAX_DOMID        0x7FF0

#endif /* XEN_CONFIG_H */
