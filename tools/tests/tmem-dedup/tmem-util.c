/* SPDX-License-Identifier: GPL-2.0 */
/* The tmem tests' shared helpers (one copy, in tools/tests/tmem/). */
#include "../tmem/tmem-util.c"
