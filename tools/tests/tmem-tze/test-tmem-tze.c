/* SPDX-License-Identifier: GPL-2.0 */
/* test-tmem-data (tools/tests/tmem-data) booted with tmem_tze alone. */
#define TD_CMDLINE      "tmem_tze"
#define TD_COMPRESS     0
#define TD_TZE          1
#define TD_DEDUP        0
#include "../tmem-data/test-tmem-data.c"
