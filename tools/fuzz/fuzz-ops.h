/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercall decoders for the fuzz targets (fuzz-ops.c): each reads one
 * call of its family from the input, lays its arguments out in the
 * actor's guest memory and issues it from the actor's vCPU.  Results
 * are not checked here: the rule being enforced is that any input gives
 * an error or a success, never a crash, a hang or a broken invariant.
 */
#ifndef FUZZ_OPS_H
#define FUZZ_OPS_H

#include "fuzz-harness.h"

/* __HYPERVISOR_memory_op: every XENMEM_* subop, reservations in full. */
long fz_op_memory(struct fz_input *in, enum fz_actor a);

/* __HYPERVISOR_tmem_op: struct tmem_op, all commands and control ops. */
long fz_op_tmem(struct fz_input *in, enum fz_actor a);

/* __HYPERVISOR_domctl: struct xen_domctl, every command. */
long fz_op_domctl(struct fz_input *in, enum fz_actor a);

/* __HYPERVISOR_sysctl: struct xen_sysctl, physinfo and numainfo. */
long fz_op_sysctl(struct fz_input *in, enum fz_actor a);

/*
 * __HYPERVISOR_vcpu_op, sched_op, console_io, set_segment_base, and a
 * hypercall number from the input (unknown ones must be -ENOSYS).
 */
long fz_op_misc(struct fz_input *in, enum fz_actor a);

/* One call of a family chosen by the input. */
long fz_op_any(struct fz_input *in, enum fz_actor a);

#endif /* FUZZ_OPS_H */
