/* SPDX-License-Identifier: GPL-2.0 */
/* test-tmem-data (tools/tests/tmem-data) booted with tmem_compress alone. */
#define TD_CMDLINE      "tmem_compress"
#define TD_COMPRESS     1
#define TD_TZE          0
#define TD_DEDUP        0
#include "../tmem-data/test-tmem-data.c"
