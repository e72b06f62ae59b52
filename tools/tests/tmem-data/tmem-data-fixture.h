/* SPDX-License-Identifier: GPL-2.0 */
/* Hypervisor-side half of test-tmem-data (tmem-data-fixture.c). */
#ifndef TOOLS_TESTS_TMEM_DATA_FIXTURE_H
#define TOOLS_TESTS_TMEM_DATA_FIXTURE_H

/*
 * Walk every client, pool and stored page and check tmem's figures
 * against what is really stored: page counts per client and globally,
 * plain ephemeral frames (freeable), compressed/trimmed/zero pages,
 * pages sharing dedup data and the refcounts in each dedup tree.  Call
 * while no tmem op runs.  Returns 0, or the number of mismatches (each
 * printed).
 */
int td_audit(void);

#endif /* TOOLS_TESTS_TMEM_DATA_FIXTURE_H */
