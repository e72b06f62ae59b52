/* SPDX-License-Identifier: MIT */
/*
 * __HYPERVISOR_vcpu_op(cmd, vcpuid, arg): a domain brings up and queries
 * its own vCPUs.  Xen's numbers; the ones served here are the first
 * four, every other command is -ENOSYS (docs/guest-guide/hypercall-abi.md).
 *
 * A domain is created with max_vcpus slots and vCPU 0 is set up by its
 * builder; the others are offline until the domain itself gives them a
 * register state (VCPUOP_initialise) and starts them (VCPUOP_up), as a
 * Xen PV kernel brings up its secondary CPUs.
 */
#ifndef __XEN_PUBLIC_VCPU_H__
#define __XEN_PUBLIC_VCPU_H__

#include "xen.h"

/*
 * arg: struct vcpu_guest_context * (arch-x86/xen.h).  The vCPU must be
 * offline and not initialised yet.  Returns 0, -ENOENT (vcpuid out of
 * range), -EEXIST (already initialised), -EFAULT, -EINVAL (a field
 * that must be zero is not, or a register value is unusable),
 * -ENOMEM.
 */
#define VCPUOP_initialise               0

/*
 * arg: NULL.  Start an initialised vCPU.  Returns 0 (also when it is
 * already up), -ENOENT, -EINVAL (not initialised).
 */
#define VCPUOP_up                       1

/*
 * arg: NULL.  Stop a vCPU: only the caller's own vCPU, which then does
 * not run again until another vCPU brings it up with VCPUOP_up.
 * Returns 0 (to the vCPU when it is next brought up), -ENOENT, -EINVAL
 * (another vCPU of the domain than the caller).
 */
#define VCPUOP_down                     2

/* arg: NULL.  Returns 1 if the vCPU is up, 0 if not, or -ENOENT. */
#define VCPUOP_is_up                    3

/* Xen's other commands, not served (-ENOSYS). */
#define VCPUOP_get_runstate_info        4
#define VCPUOP_register_runstate_memory_area 5
#define VCPUOP_set_periodic_timer       6
#define VCPUOP_stop_periodic_timer      7
#define VCPUOP_set_singleshot_timer     8
#define VCPUOP_stop_singleshot_timer    9
#define VCPUOP_register_vcpu_info       10
#define VCPUOP_send_nmi                 11
#define VCPUOP_get_physid               12
#define VCPUOP_register_vcpu_time_memory_area 13

#endif /* __XEN_PUBLIC_VCPU_H__ */
