/* SPDX-License-Identifier: GPL-2.0 */
/* The audit of test-tmem-data (one copy, in tools/tests/tmem-data/). */
#include "../tmem-data/tmem-data-fixture.c"
