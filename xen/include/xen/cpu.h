/* SPDX-License-Identifier: GPL-2.0 */
/* Physical CPU facts the arch reports (for XEN_SYSCTL_physinfo). */
#ifndef XEN_CPU_H
#define XEN_CPU_H

/* Number of physical CPUs the hypervisor runs on. */
unsigned int arch_nr_cpus(void);

/* CPU frequency in kHz, 0 if unknown. */
unsigned int arch_cpu_khz(void);

#endif /* XEN_CPU_H */
