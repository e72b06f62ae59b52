/* SPDX-License-Identifier: GPL-2.0 */
/* test-tmem-data (tools/tests/tmem-data) booted with tmem_dedup alone. */
#define TD_CMDLINE      "tmem_dedup"
#define TD_COMPRESS     0
#define TD_TZE          0
#define TD_DEDUP        1
#include "../tmem-data/test-tmem-data.c"
