/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Compile-time pins of the guest ABI (STYLE 17).  Every structure in
 * xen/include/public/ has its size and the offset and size of each
 * field checked here, and every number the reference (Xen's facts for
 * x86_64, reference/xen-facts.md section 9) lists for a public header
 * is checked against its value.  A change that moves a byte or renumbers
 * an op therefore stops the hypervisor build instead of silently
 * breaking guests built for Xen.
 *
 * The file produces no code worth calling.  tools/tests/abi/test-abi.c
 * checks the same facts at run time from the tools side, with the
 * headers included the way a toolstack includes them.
 *
 * Only the fixed-width freestanding headers are used, so this builds
 * with nothing but the compiler's own include directory.
 */

#include <stddef.h>
#include <stdint.h>

#include <xen/compiler.h>

#include <public/domctl.h>
#include <public/errno.h>
#include <public/memory.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/tmem.h>
#include <public/vcpu.h>
#include <public/xen.h>

#define FIELD_SIZE(type, field)     sizeof(((type *)0)->field)

/* sizeof(type) == size. */
#define CHECK_SIZE(type, size)      BUILD_BUG_ON(sizeof(type) != (size))

/* type.field starts at byte off and is size bytes long. */
#define CHECK_FIELD(type, field, off, size)                             \
    BUILD_BUG_ON(offsetof(type, field) != (off));                       \
    BUILD_BUG_ON(FIELD_SIZE(type, field) != (size))

/* An integer field (or type) is signed. */
#define IS_SIGNED(type, field)      ((__typeof__(((type *)0)->field))-1 < 0)

/* --- xen.h: hypercall numbers, domain ids, handles ---------------------- */

BUILD_BUG_ON(__HYPERVISOR_set_trap_table != 0);
BUILD_BUG_ON(__HYPERVISOR_mmu_update != 1);
BUILD_BUG_ON(__HYPERVISOR_set_gdt != 2);
BUILD_BUG_ON(__HYPERVISOR_stack_switch != 3);
BUILD_BUG_ON(__HYPERVISOR_set_callbacks != 4);
BUILD_BUG_ON(__HYPERVISOR_fpu_taskswitch != 5);
BUILD_BUG_ON(__HYPERVISOR_sched_op_compat != 6);
BUILD_BUG_ON(__HYPERVISOR_platform_op != 7);
BUILD_BUG_ON(__HYPERVISOR_set_debugreg != 8);
BUILD_BUG_ON(__HYPERVISOR_get_debugreg != 9);
BUILD_BUG_ON(__HYPERVISOR_update_descriptor != 10);
BUILD_BUG_ON(__HYPERVISOR_memory_op != 12);
BUILD_BUG_ON(__HYPERVISOR_multicall != 13);
BUILD_BUG_ON(__HYPERVISOR_update_va_mapping != 14);
BUILD_BUG_ON(__HYPERVISOR_set_timer_op != 15);
BUILD_BUG_ON(__HYPERVISOR_event_channel_op_compat != 16);
BUILD_BUG_ON(__HYPERVISOR_xen_version != 17);
BUILD_BUG_ON(__HYPERVISOR_console_io != 18);
BUILD_BUG_ON(__HYPERVISOR_physdev_op_compat != 19);
BUILD_BUG_ON(__HYPERVISOR_grant_table_op != 20);
BUILD_BUG_ON(__HYPERVISOR_vm_assist != 21);
BUILD_BUG_ON(__HYPERVISOR_update_va_mapping_otherdomain != 22);
BUILD_BUG_ON(__HYPERVISOR_iret != 23);
BUILD_BUG_ON(__HYPERVISOR_vcpu_op != 24);
BUILD_BUG_ON(__HYPERVISOR_set_segment_base != 25);
BUILD_BUG_ON(__HYPERVISOR_mmuext_op != 26);
BUILD_BUG_ON(__HYPERVISOR_xsm_op != 27);
BUILD_BUG_ON(__HYPERVISOR_nmi_op != 28);
BUILD_BUG_ON(__HYPERVISOR_sched_op != 29);
BUILD_BUG_ON(__HYPERVISOR_callback_op != 30);
BUILD_BUG_ON(__HYPERVISOR_xenoprof_op != 31);
BUILD_BUG_ON(__HYPERVISOR_event_channel_op != 32);
BUILD_BUG_ON(__HYPERVISOR_physdev_op != 33);
BUILD_BUG_ON(__HYPERVISOR_hvm_op != 34);
BUILD_BUG_ON(__HYPERVISOR_sysctl != 35);
BUILD_BUG_ON(__HYPERVISOR_domctl != 36);
BUILD_BUG_ON(__HYPERVISOR_kexec_op != 37);
BUILD_BUG_ON(__HYPERVISOR_tmem_op != 38);
BUILD_BUG_ON(__HYPERVISOR_argo_op != 39);
BUILD_BUG_ON(__HYPERVISOR_xenpmu_op != 40);
BUILD_BUG_ON(__HYPERVISOR_dm_op != 41);
BUILD_BUG_ON(__HYPERVISOR_hypfs_op != 42);
BUILD_BUG_ON(__HYPERVISOR_arch_0 != 48);
BUILD_BUG_ON(__HYPERVISOR_arch_7 != 55);
BUILD_BUG_ON(__HYPERVISOR_mca != 48);
BUILD_BUG_ON(__HYPERVISOR_paging_domctl_cont != 49);

BUILD_BUG_ON(CONSOLEIO_write != 0);
BUILD_BUG_ON(CONSOLEIO_read != 1);

BUILD_BUG_ON(sizeof(domid_t) != 2);
BUILD_BUG_ON((domid_t)-1 < 0);
BUILD_BUG_ON(DOMID_FIRST_RESERVED != 0x7FF0);
BUILD_BUG_ON(DOMID_SELF != 0x7FF0);
BUILD_BUG_ON(DOMID_IO != 0x7FF1);
BUILD_BUG_ON(DOMID_XEN != 0x7FF2);
BUILD_BUG_ON(DOMID_COW != 0x7FF3);
BUILD_BUG_ON(DOMID_INVALID != 0x7FF4);
BUILD_BUG_ON(DOMID_ANY != DOMID_INVALID);
BUILD_BUG_ON(DOMID_IDLE != 0x7FFF);
BUILD_BUG_ON(DOMID_MASK != 0x7FFF);

/* The scalar ABI types are exactly Xen's unsigned long on x86_64. */
#define IS_ULONG(type)  _Generic((type)0, unsigned long: 1, default: 0)
BUILD_BUG_ON(!IS_ULONG(xen_pfn_t));
BUILD_BUG_ON(!IS_ULONG(xen_ulong_t));
BUILD_BUG_ON(sizeof(xen_domain_handle_t) != 16);

/* uint64_aligned_t is 8-byte aligned even after a 1-byte field. */
struct abi_check_u64a {
    uint8_t c;
    uint64_aligned_t v;
};
CHECK_FIELD(struct abi_check_u64a, v, 8, 8);

/* A guest handle is one pointer-sized word, whatever it points at. */
CHECK_SIZE(XEN_GUEST_HANDLE(char), 8);
CHECK_SIZE(XEN_GUEST_HANDLE(const_char), 8);
CHECK_SIZE(XEN_GUEST_HANDLE(void), 8);
CHECK_SIZE(XEN_GUEST_HANDLE(xen_pfn_t), 8);
CHECK_SIZE(XEN_GUEST_HANDLE_64(uint32), 8);
BUILD_BUG_ON(_Alignof(XEN_GUEST_HANDLE(xen_pfn_t)) != 8);

/* --- errno.h ------------------------------------------------------------ */

/* Spot checks of the plain defines against Linux x86 / Xen numbers. */
BUILD_BUG_ON(XEN_EPERM != 1);
BUILD_BUG_ON(XEN_ENOENT != 2);
BUILD_BUG_ON(XEN_ESRCH != 3);
BUILD_BUG_ON(XEN_EINTR != 4);
BUILD_BUG_ON(XEN_EAGAIN != 11);
BUILD_BUG_ON(XEN_EWOULDBLOCK != 11);
BUILD_BUG_ON(XEN_ENOMEM != 12);
BUILD_BUG_ON(XEN_EACCES != 13);
BUILD_BUG_ON(XEN_EFAULT != 14);
BUILD_BUG_ON(XEN_EBUSY != 16);
BUILD_BUG_ON(XEN_EEXIST != 17);
BUILD_BUG_ON(XEN_ENODEV != 19);
BUILD_BUG_ON(XEN_EINVAL != 22);
BUILD_BUG_ON(XEN_ENOSPC != 28);
BUILD_BUG_ON(XEN_ERANGE != 34);
BUILD_BUG_ON(XEN_EDEADLOCK != 35);
BUILD_BUG_ON(XEN_ENOSYS != 38);
BUILD_BUG_ON(XEN_ERESTART != 85);
BUILD_BUG_ON(XEN_EOPNOTSUPP != 95);
BUILD_BUG_ON(XEN_ENOBUFS != 105);

/* Every entry of the X-macro list agrees with its plain define. */
#define XEN_ERRNO(name, value, desc)                                    \
    BUILD_BUG_ON(XEN_ ## name != (value));                              \
    BUILD_BUG_ON(sizeof(desc) < 2);
#include <public/errno.h>

/* --- memory.h ----------------------------------------------------------- */

BUILD_BUG_ON(XENMEM_increase_reservation != 0);
BUILD_BUG_ON(XENMEM_decrease_reservation != 1);
BUILD_BUG_ON(XENMEM_maximum_ram_page != 2);
BUILD_BUG_ON(XENMEM_current_reservation != 3);
BUILD_BUG_ON(XENMEM_maximum_reservation != 4);
BUILD_BUG_ON(XENMEM_machphys_mfn_list != 5);
BUILD_BUG_ON(XENMEM_populate_physmap != 6);
BUILD_BUG_ON(XENMEM_add_to_physmap != 7);
BUILD_BUG_ON(XENMEM_memory_map != 9);
BUILD_BUG_ON(XENMEM_machine_memory_map != 10);
BUILD_BUG_ON(XENMEM_exchange != 11);
BUILD_BUG_ON(XENMEM_machphys_mapping != 12);
BUILD_BUG_ON(XENMEM_set_memory_map != 13);
BUILD_BUG_ON(XENMEM_maximum_gpfn != 14);
BUILD_BUG_ON(XENMEM_remove_from_physmap != 15);
BUILD_BUG_ON(XENMEM_set_pod_target != 16);
BUILD_BUG_ON(XENMEM_get_pod_target != 17);
BUILD_BUG_ON(XENMEM_get_sharing_freed_pages != 18);
BUILD_BUG_ON(XENMEM_get_sharing_shared_pages != 19);
BUILD_BUG_ON(XENMEM_paging_op != 20);
BUILD_BUG_ON(XENMEM_access_op != 21);
BUILD_BUG_ON(XENMEM_sharing_op != 22);
BUILD_BUG_ON(XENMEM_add_to_physmap_batch != 23);
BUILD_BUG_ON(XENMEM_claim_pages != 24);
BUILD_BUG_ON(XENMEM_machphys_compat_mfn_list != 25);
BUILD_BUG_ON(XENMEM_get_vnumainfo != 26);
BUILD_BUG_ON(XENMEM_reserved_device_memory_map != 27);
BUILD_BUG_ON(XENMEM_acquire_resource != 28);

/* The op must fit the low 6 bits of cmd (MEMOP_CMD_MASK, 0x3f). */
BUILD_BUG_ON(XENMEM_acquire_resource > 0x3f);

BUILD_BUG_ON(XENMEMF_address_bits(32) != 32);
BUILD_BUG_ON(XENMEMF_get_address_bits(0x1234) != 0x34);
BUILD_BUG_ON(XENMEMF_node(0) != (1 << 8));
BUILD_BUG_ON(XENMEMF_node(3) != (4 << 8));
BUILD_BUG_ON(XENMEMF_get_node(XENMEMF_node(5)) != 5);
BUILD_BUG_ON(XENMEMF_get_node(0) != 0xff);
BUILD_BUG_ON(XENMEMF_populate_on_demand != (1 << 16));
BUILD_BUG_ON(XENMEMF_exact_node_request != (1 << 17));
BUILD_BUG_ON(XENMEMF_exact_node(2) != ((3 << 8) | (1 << 17)));
BUILD_BUG_ON(XENMEMF_vnode != (1 << 18));

CHECK_SIZE(struct xen_memory_reservation, 32);
CHECK_FIELD(struct xen_memory_reservation, extent_start, 0, 8);
CHECK_FIELD(struct xen_memory_reservation, nr_extents, 8, 8);
CHECK_FIELD(struct xen_memory_reservation, extent_order, 16, 4);
CHECK_FIELD(struct xen_memory_reservation, mem_flags, 20, 4);
CHECK_FIELD(struct xen_memory_reservation, domid, 24, 2);
CHECK_FIELD(struct xen_memory_reservation, _pad, 26, 6);

CHECK_SIZE(struct xen_memory_exchange, 72);
CHECK_FIELD(struct xen_memory_exchange, in, 0, 32);
CHECK_FIELD(struct xen_memory_exchange, out, 32, 32);
CHECK_FIELD(struct xen_memory_exchange, nr_exchanged, 64, 8);

/* --- sysctl.h ----------------------------------------------------------- */

BUILD_BUG_ON(XEN_SYSCTL_INTERFACE_VERSION != 0x16);
BUILD_BUG_ON(XEN_SYSCTL_physinfo != 3);
BUILD_BUG_ON(XEN_SYSCTL_numainfo != 17);
BUILD_BUG_ON(XEN_SYSCTL_tmem_op != 24);

BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_hvm != (1U << 0));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_pv != (1U << 1));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_directio != (1U << 2));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_hap != (1U << 3));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_shadow != (1U << 4));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share != (1U << 5));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_vmtrace != (1U << 6));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_vpmu != (1U << 7));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_gnttab_v1 != (1U << 8));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_gnttab_v2 != (1U << 9));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_MAX != XEN_SYSCTL_PHYSCAP_gnttab_v2);
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_X86_ASSISTED_XAPIC != (1U << 0));
BUILD_BUG_ON(XEN_SYSCTL_PHYSCAP_X86_ASSISTED_X2APIC != (1U << 1));

CHECK_SIZE(struct xen_sysctl_physinfo, 112);
CHECK_FIELD(struct xen_sysctl_physinfo, threads_per_core, 0, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, cores_per_socket, 4, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, nr_cpus, 8, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, max_cpu_id, 12, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, nr_nodes, 16, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, max_node_id, 20, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, cpu_khz, 24, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, capabilities, 28, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, arch_capabilities, 32, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, pad, 36, 4);
CHECK_FIELD(struct xen_sysctl_physinfo, total_pages, 40, 8);
CHECK_FIELD(struct xen_sysctl_physinfo, free_pages, 48, 8);
CHECK_FIELD(struct xen_sysctl_physinfo, scrub_pages, 56, 8);
CHECK_FIELD(struct xen_sysctl_physinfo, outstanding_pages, 64, 8);
CHECK_FIELD(struct xen_sysctl_physinfo, max_mfn, 72, 8);
CHECK_FIELD(struct xen_sysctl_physinfo, hw_cap, 80, 32);

CHECK_SIZE(struct xen_sysctl_meminfo, 16);
CHECK_FIELD(struct xen_sysctl_meminfo, memsize, 0, 8);
CHECK_FIELD(struct xen_sysctl_meminfo, memfree, 8, 8);

CHECK_SIZE(struct xen_sysctl_numainfo, 24);
CHECK_FIELD(struct xen_sysctl_numainfo, num_nodes, 0, 4);
CHECK_FIELD(struct xen_sysctl_numainfo, _pad, 4, 4);
CHECK_FIELD(struct xen_sysctl_numainfo, meminfo, 8, 8);
CHECK_FIELD(struct xen_sysctl_numainfo, distance, 16, 8);

CHECK_SIZE(struct xen_sysctl, 136);
CHECK_FIELD(struct xen_sysctl, cmd, 0, 4);
CHECK_FIELD(struct xen_sysctl, interface_version, 4, 4);
CHECK_FIELD(struct xen_sysctl, u, 8, 128);
CHECK_FIELD(struct xen_sysctl, u.physinfo, 8, 112);
CHECK_FIELD(struct xen_sysctl, u.numainfo, 8, 24);

BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_ALL_CLIENTS != 0xFFFF);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_THAW != 0);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_FREEZE != 1);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_FLUSH != 2);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_DESTROY != 3);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_LIST != 4);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_GET_CLIENT_INFO != 5);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_SET_CLIENT_INFO != 6);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_GET_POOLS != 7);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_QUERY_FREEABLE_MB != 8);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_SET_POOLS != 9);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_SAVE_BEGIN != 10);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_SET_AUTH != 11);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_SAVE_GET_NEXT_PAGE != 19);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_SAVE_GET_NEXT_INV != 20);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_SAVE_END != 21);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_RESTORE_BEGIN != 30);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_RESTORE_PUT_PAGE != 32);
BUILD_BUG_ON(XEN_SYSCTL_TMEM_OP_RESTORE_FLUSH_PAGE != 33);

/* --- domctl.h ----------------------------------------------------------- */

BUILD_BUG_ON(XEN_DOMCTL_INTERFACE_VERSION != 0x16);
BUILD_BUG_ON(XEN_DOMCTL_createdomain != 1);
BUILD_BUG_ON(XEN_DOMCTL_destroydomain != 2);
BUILD_BUG_ON(XEN_DOMCTL_pausedomain != 3);
BUILD_BUG_ON(XEN_DOMCTL_unpausedomain != 4);
BUILD_BUG_ON(XEN_DOMCTL_getdomaininfo != 5);
BUILD_BUG_ON(XEN_DOMCTL_max_mem != 11);
BUILD_BUG_ON(XEN_DOMCTL_load_module != 0x8000);

BUILD_BUG_ON(XEN_DOMCTL_CDF_hvm != (1U << 0));
BUILD_BUG_ON(XEN_DOMCTL_CDF_hap != (1U << 1));
BUILD_BUG_ON(XEN_DOMCTL_CDF_s3_integrity != (1U << 2));
BUILD_BUG_ON(XEN_DOMCTL_CDF_oos_off != (1U << 3));
BUILD_BUG_ON(XEN_DOMCTL_CDF_xs_domain != (1U << 4));
BUILD_BUG_ON(XEN_DOMCTL_CDF_iommu != (1U << 5));
BUILD_BUG_ON(XEN_DOMCTL_CDF_nested_virt != (1U << 6));
BUILD_BUG_ON(XEN_DOMCTL_CDF_vpmu != (1U << 7));
BUILD_BUG_ON(XEN_DOMCTL_CDF_MAX != XEN_DOMCTL_CDF_vpmu);
BUILD_BUG_ON(XEN_DOMCTL_IOMMU_no_sharept != (1U << 0));
BUILD_BUG_ON(XEN_DOMCTL_GRANT_version(0x12) != 2);
BUILD_BUG_ON(XEN_X86_EMU_LAPIC != (1U << 0));
BUILD_BUG_ON(XEN_X86_EMU_VPCI != (1U << 9));
BUILD_BUG_ON(XEN_X86_MSR_RELAXED != (1U << 0));

BUILD_BUG_ON(XEN_DOMINF_dying != (1U << 0));
BUILD_BUG_ON(XEN_DOMINF_hvm_guest != (1U << 1));
BUILD_BUG_ON(XEN_DOMINF_shutdown != (1U << 2));
BUILD_BUG_ON(XEN_DOMINF_paused != (1U << 3));
BUILD_BUG_ON(XEN_DOMINF_blocked != (1U << 4));
BUILD_BUG_ON(XEN_DOMINF_running != (1U << 5));
BUILD_BUG_ON(XEN_DOMINF_debugged != (1U << 6));
BUILD_BUG_ON(XEN_DOMINF_xs_domain != (1U << 7));
BUILD_BUG_ON(XEN_DOMINF_hap != (1U << 8));
BUILD_BUG_ON(XEN_DOMINF_shutdownmask != 255);
BUILD_BUG_ON(XEN_DOMINF_shutdownshift != 16);

CHECK_SIZE(struct xen_arch_domainconfig, 8);
CHECK_FIELD(struct xen_arch_domainconfig, emulation_flags, 0, 4);
CHECK_FIELD(struct xen_arch_domainconfig, misc_flags, 4, 4);

CHECK_SIZE(struct xen_domctl_createdomain, 64);
CHECK_FIELD(struct xen_domctl_createdomain, ssidref, 0, 4);
CHECK_FIELD(struct xen_domctl_createdomain, handle, 4, 16);
CHECK_FIELD(struct xen_domctl_createdomain, flags, 20, 4);
CHECK_FIELD(struct xen_domctl_createdomain, iommu_opts, 24, 4);
CHECK_FIELD(struct xen_domctl_createdomain, max_vcpus, 28, 4);
CHECK_FIELD(struct xen_domctl_createdomain, max_evtchn_port, 32, 4);
CHECK_FIELD(struct xen_domctl_createdomain, max_grant_frames, 36, 4);
CHECK_FIELD(struct xen_domctl_createdomain, max_maptrack_frames, 40, 4);
CHECK_FIELD(struct xen_domctl_createdomain, grant_opts, 44, 4);
CHECK_FIELD(struct xen_domctl_createdomain, vmtrace_size, 48, 4);
CHECK_FIELD(struct xen_domctl_createdomain, cpupool_id, 52, 4);
CHECK_FIELD(struct xen_domctl_createdomain, arch, 56, 8);
BUILD_BUG_ON(!IS_SIGNED(struct xen_domctl_createdomain, max_grant_frames));
BUILD_BUG_ON(!IS_SIGNED(struct xen_domctl_createdomain,
                        max_maptrack_frames));

CHECK_SIZE(struct xen_domctl_getdomaininfo, 112);
CHECK_FIELD(struct xen_domctl_getdomaininfo, domain, 0, 2);
CHECK_FIELD(struct xen_domctl_getdomaininfo, pad1, 2, 2);
CHECK_FIELD(struct xen_domctl_getdomaininfo, flags, 4, 4);
CHECK_FIELD(struct xen_domctl_getdomaininfo, tot_pages, 8, 8);
CHECK_FIELD(struct xen_domctl_getdomaininfo, max_pages, 16, 8);
CHECK_FIELD(struct xen_domctl_getdomaininfo, outstanding_pages, 24, 8);
CHECK_FIELD(struct xen_domctl_getdomaininfo, shr_pages, 32, 8);
CHECK_FIELD(struct xen_domctl_getdomaininfo, paged_pages, 40, 8);
CHECK_FIELD(struct xen_domctl_getdomaininfo, shared_info_frame, 48, 8);
CHECK_FIELD(struct xen_domctl_getdomaininfo, cpu_time, 56, 8);
CHECK_FIELD(struct xen_domctl_getdomaininfo, nr_online_vcpus, 64, 4);
CHECK_FIELD(struct xen_domctl_getdomaininfo, max_vcpu_id, 68, 4);
CHECK_FIELD(struct xen_domctl_getdomaininfo, ssidref, 72, 4);
CHECK_FIELD(struct xen_domctl_getdomaininfo, handle, 76, 16);
CHECK_FIELD(struct xen_domctl_getdomaininfo, cpupool, 92, 4);
CHECK_FIELD(struct xen_domctl_getdomaininfo, gpaddr_bits, 96, 1);
CHECK_FIELD(struct xen_domctl_getdomaininfo, pad2, 97, 7);
CHECK_FIELD(struct xen_domctl_getdomaininfo, arch_config, 104, 8);

CHECK_SIZE(struct xen_domctl_max_mem, 8);
CHECK_FIELD(struct xen_domctl_max_mem, max_memkb, 0, 8);
CHECK_SIZE(struct xen_domctl_load_module, 16);
CHECK_FIELD(struct xen_domctl_load_module, module, 0, 4);
CHECK_FIELD(struct xen_domctl_load_module, entry, 8, 8);

CHECK_SIZE(struct xen_domctl, 144);
CHECK_FIELD(struct xen_domctl, cmd, 0, 4);
CHECK_FIELD(struct xen_domctl, interface_version, 4, 4);
CHECK_FIELD(struct xen_domctl, domain, 8, 2);
CHECK_FIELD(struct xen_domctl, _pad, 10, 6);
CHECK_FIELD(struct xen_domctl, u, 16, 128);
CHECK_FIELD(struct xen_domctl, u.createdomain, 16, 64);
CHECK_FIELD(struct xen_domctl, u.getdomaininfo, 16, 112);
CHECK_FIELD(struct xen_domctl, u.max_mem, 16, 8);

/* --- vcpu.h, arch-x86: VCPUOP_*, vcpu_guest_context, segment bases --- */

BUILD_BUG_ON(__HYPERVISOR_vcpu_op != 24);
BUILD_BUG_ON(__HYPERVISOR_set_segment_base != 25);
BUILD_BUG_ON(VCPUOP_initialise != 0);
BUILD_BUG_ON(VCPUOP_up != 1);
BUILD_BUG_ON(VCPUOP_down != 2);
BUILD_BUG_ON(VCPUOP_is_up != 3);
BUILD_BUG_ON(VCPUOP_get_runstate_info != 4);
BUILD_BUG_ON(VCPUOP_register_runstate_memory_area != 5);
BUILD_BUG_ON(VCPUOP_set_periodic_timer != 6);
BUILD_BUG_ON(VCPUOP_stop_periodic_timer != 7);
BUILD_BUG_ON(VCPUOP_set_singleshot_timer != 8);
BUILD_BUG_ON(VCPUOP_stop_singleshot_timer != 9);
BUILD_BUG_ON(VCPUOP_register_vcpu_info != 10);
BUILD_BUG_ON(VCPUOP_send_nmi != 11);
BUILD_BUG_ON(VCPUOP_get_physid != 12);
BUILD_BUG_ON(VCPUOP_register_vcpu_time_memory_area != 13);
BUILD_BUG_ON(SEGBASE_FS != 0);
BUILD_BUG_ON(SEGBASE_GS_USER != 1);
BUILD_BUG_ON(SEGBASE_GS_KERNEL != 2);
BUILD_BUG_ON(SEGBASE_GS_USER_SEL != 3);
BUILD_BUG_ON(VGCF_i387_valid != 1);
BUILD_BUG_ON(VGCF_in_kernel != 4);
BUILD_BUG_ON(VGCF_failsafe_disables_events != 8);
BUILD_BUG_ON(VGCF_syscall_disables_events != 16);
BUILD_BUG_ON(VGCF_online != 32);
CHECK_SIZE(struct vcpu_guest_context, 5168);
CHECK_SIZE(struct xen_cpu_user_regs, 200);
CHECK_SIZE(struct trap_info, 16);
CHECK_FIELD(struct vcpu_guest_context, fpu_ctxt, 0, 512);
CHECK_FIELD(struct vcpu_guest_context, flags, 512, 8);
CHECK_FIELD(struct vcpu_guest_context, user_regs, 520, 200);
CHECK_FIELD(struct vcpu_guest_context, trap_ctxt, 720, 4096);
CHECK_FIELD(struct vcpu_guest_context, ldt_base, 4816, 8);
CHECK_FIELD(struct vcpu_guest_context, ldt_ents, 4824, 8);
CHECK_FIELD(struct vcpu_guest_context, gdt_frames, 4832, 128);
CHECK_FIELD(struct vcpu_guest_context, gdt_ents, 4960, 8);
CHECK_FIELD(struct vcpu_guest_context, kernel_ss, 4968, 8);
CHECK_FIELD(struct vcpu_guest_context, kernel_sp, 4976, 8);
CHECK_FIELD(struct vcpu_guest_context, ctrlreg, 4984, 64);
CHECK_FIELD(struct vcpu_guest_context, debugreg, 5048, 64);
CHECK_FIELD(struct vcpu_guest_context, event_callback_eip, 5112, 8);
CHECK_FIELD(struct vcpu_guest_context, failsafe_callback_eip, 5120, 8);
CHECK_FIELD(struct vcpu_guest_context, syscall_callback_eip, 5128, 8);
CHECK_FIELD(struct vcpu_guest_context, vm_assist, 5136, 8);
CHECK_FIELD(struct vcpu_guest_context, fs_base, 5144, 8);
CHECK_FIELD(struct vcpu_guest_context, gs_base_kernel, 5152, 8);
CHECK_FIELD(struct vcpu_guest_context, gs_base_user, 5160, 8);
CHECK_FIELD(struct xen_cpu_user_regs, r15, 0, 8);
CHECK_FIELD(struct xen_cpu_user_regs, rbp, 32, 8);
CHECK_FIELD(struct xen_cpu_user_regs, rax, 80, 8);
CHECK_FIELD(struct xen_cpu_user_regs, rcx, 88, 8);
CHECK_FIELD(struct xen_cpu_user_regs, rsi, 104, 8);
CHECK_FIELD(struct xen_cpu_user_regs, rdi, 112, 8);
CHECK_FIELD(struct xen_cpu_user_regs, error_code, 120, 4);
CHECK_FIELD(struct xen_cpu_user_regs, entry_vector, 124, 4);
CHECK_FIELD(struct xen_cpu_user_regs, rip, 128, 8);
CHECK_FIELD(struct xen_cpu_user_regs, cs, 136, 2);
CHECK_FIELD(struct xen_cpu_user_regs, saved_upcall_mask, 140, 1);
CHECK_FIELD(struct xen_cpu_user_regs, rflags, 144, 8);
CHECK_FIELD(struct xen_cpu_user_regs, rsp, 152, 8);
CHECK_FIELD(struct xen_cpu_user_regs, ss, 160, 2);
CHECK_FIELD(struct xen_cpu_user_regs, es, 168, 2);
CHECK_FIELD(struct xen_cpu_user_regs, ds, 176, 2);
CHECK_FIELD(struct xen_cpu_user_regs, fs, 184, 2);
CHECK_FIELD(struct xen_cpu_user_regs, gs, 192, 2);
CHECK_FIELD(struct trap_info, vector, 0, 1);
CHECK_FIELD(struct trap_info, flags, 1, 1);
CHECK_FIELD(struct trap_info, cs, 2, 2);
CHECK_FIELD(struct trap_info, address, 8, 8);

/* --- sched.h ------------------------------------------------------------ */

BUILD_BUG_ON(SCHEDOP_yield != 0);
BUILD_BUG_ON(SCHEDOP_block != 1);
BUILD_BUG_ON(SCHEDOP_shutdown != 2);
BUILD_BUG_ON(SCHEDOP_poll != 3);
BUILD_BUG_ON(SCHEDOP_remote_shutdown != 4);
BUILD_BUG_ON(SCHEDOP_shutdown_code != 5);
BUILD_BUG_ON(SCHEDOP_watchdog != 6);
BUILD_BUG_ON(SCHEDOP_pin_override != 7);
BUILD_BUG_ON(SHUTDOWN_poweroff != 0);
BUILD_BUG_ON(SHUTDOWN_reboot != 1);
BUILD_BUG_ON(SHUTDOWN_suspend != 2);
BUILD_BUG_ON(SHUTDOWN_crash != 3);
BUILD_BUG_ON(SHUTDOWN_watchdog != 4);
BUILD_BUG_ON(SHUTDOWN_soft_reset != 5);
BUILD_BUG_ON(SHUTDOWN_MAX != SHUTDOWN_soft_reset);
/* A shutdown code must fit XEN_DOMINF_shutdownmask. */
BUILD_BUG_ON(SHUTDOWN_MAX > XEN_DOMINF_shutdownmask);

CHECK_SIZE(struct sched_shutdown, 4);
CHECK_FIELD(struct sched_shutdown, reason, 0, 4);
CHECK_SIZE(struct sched_remote_shutdown, 8);
CHECK_FIELD(struct sched_remote_shutdown, domain_id, 0, 2);
CHECK_FIELD(struct sched_remote_shutdown, reason, 4, 4);
CHECK_SIZE(struct sched_watchdog, 8);
CHECK_FIELD(struct sched_watchdog, id, 0, 4);
CHECK_FIELD(struct sched_watchdog, timeout, 4, 4);
CHECK_SIZE(struct sched_pin_override, 4);
CHECK_FIELD(struct sched_pin_override, pcpu, 0, 4);

/* Xen's struct start_info on x86_64 (public/xen.h). */
CHECK_SIZE(struct start_info, 1168);
CHECK_FIELD(struct start_info, nr_pages, 32, 8);
CHECK_FIELD(struct start_info, flags, 48, 4);
CHECK_FIELD(struct start_info, store_mfn, 56, 8);
CHECK_FIELD(struct start_info, console, 72, 16);
CHECK_FIELD(struct start_info, pt_base, 88, 8);
CHECK_FIELD(struct start_info, mod_len, 120, 8);
CHECK_FIELD(struct start_info, cmd_line, 128, 1024);
CHECK_FIELD(struct start_info, nr_p2m_frames, 1160, 8);
BUILD_BUG_ON(SIF_PRIVILEGED != 1);
BUILD_BUG_ON(SIF_INITDOMAIN != 2);

/* --- tmem.h ------------------------------------------------------------- */

BUILD_BUG_ON(TMEM_SPEC_VERSION != 1);
BUILD_BUG_ON(TMEM_CONTROL != 0);
BUILD_BUG_ON(TMEM_NEW_POOL != 1);
BUILD_BUG_ON(TMEM_DESTROY_POOL != 2);
BUILD_BUG_ON(TMEM_NEW_PAGE != 3);
BUILD_BUG_ON(TMEM_PUT_PAGE != 4);
BUILD_BUG_ON(TMEM_GET_PAGE != 5);
BUILD_BUG_ON(TMEM_FLUSH_PAGE != 6);
BUILD_BUG_ON(TMEM_FLUSH_OBJECT != 7);
BUILD_BUG_ON(TMEM_READ != 8);
BUILD_BUG_ON(TMEM_WRITE != 9);
BUILD_BUG_ON(TMEM_XCHG != 10);
BUILD_BUG_ON(TMEM_AUTH != 101);
BUILD_BUG_ON(TMEM_RESTORE_NEW != 102);

BUILD_BUG_ON(TMEM_POOL_PERSIST != 1);
BUILD_BUG_ON(TMEM_POOL_SHARED != 2);
BUILD_BUG_ON(TMEM_POOL_PRECOMPRESSED != 4);
BUILD_BUG_ON(TMEM_POOL_PAGESIZE_SHIFT != 4);
BUILD_BUG_ON(TMEM_POOL_PAGESIZE_MASK != 0xf);
BUILD_BUG_ON(TMEM_POOL_VERSION_SHIFT != 24);
BUILD_BUG_ON(TMEM_POOL_VERSION_MASK != 0xff);
BUILD_BUG_ON(TMEM_POOL_RESERVED_BITS != 0x00ffff00);
/* The flag fields do not overlap; bit 3 is the one unused, unreserved bit. */
BUILD_BUG_ON((TMEM_POOL_PERSIST | TMEM_POOL_SHARED | TMEM_POOL_PRECOMPRESSED |
              (TMEM_POOL_PAGESIZE_MASK << TMEM_POOL_PAGESIZE_SHIFT) |
              TMEM_POOL_RESERVED_BITS |
              ((uint32_t)TMEM_POOL_VERSION_MASK << TMEM_POOL_VERSION_SHIFT))
             != 0xfffffff7U);
BUILD_BUG_ON(TMEM_CLIENT_COMPRESS != 1);
BUILD_BUG_ON(TMEM_CLIENT_FROZEN != 2);
BUILD_BUG_ON(EFROZEN != 1000);
BUILD_BUG_ON(EEMPTY != 1001);

BUILD_BUG_ON(TMEMC_THAW != 0);
BUILD_BUG_ON(TMEMC_FREEZE != 1);
BUILD_BUG_ON(TMEMC_FLUSH != 2);
BUILD_BUG_ON(TMEMC_DESTROY != 3);
BUILD_BUG_ON(TMEMC_LIST != 4);
BUILD_BUG_ON(TMEMC_SET_WEIGHT != 5);
BUILD_BUG_ON(TMEMC_SET_CAP != 6);
BUILD_BUG_ON(TMEMC_SET_COMPRESS != 7);
BUILD_BUG_ON(TMEMC_QUERY_FREEABLE_MB != 8);
BUILD_BUG_ON(TMEMC_SAVE_BEGIN != 10);
BUILD_BUG_ON(TMEMC_SAVE_GET_VERSION != 11);
BUILD_BUG_ON(TMEMC_SAVE_GET_MAXPOOLS != 12);
BUILD_BUG_ON(TMEMC_SAVE_GET_CLIENT_WEIGHT != 13);
BUILD_BUG_ON(TMEMC_SAVE_GET_CLIENT_CAP != 14);
BUILD_BUG_ON(TMEMC_SAVE_GET_CLIENT_FLAGS != 15);
BUILD_BUG_ON(TMEMC_SAVE_GET_POOL_FLAGS != 16);
BUILD_BUG_ON(TMEMC_SAVE_GET_POOL_NPAGES != 17);
BUILD_BUG_ON(TMEMC_SAVE_GET_POOL_UUID != 18);
BUILD_BUG_ON(TMEMC_SAVE_GET_NEXT_PAGE != 19);
BUILD_BUG_ON(TMEMC_SAVE_GET_NEXT_INV != 20);
BUILD_BUG_ON(TMEMC_SAVE_END != 21);
BUILD_BUG_ON(TMEMC_RESTORE_BEGIN != 30);
BUILD_BUG_ON(TMEMC_RESTORE_PUT_PAGE != 32);
BUILD_BUG_ON(TMEMC_RESTORE_FLUSH_PAGE != 33);

CHECK_SIZE(struct xen_tmem_oid, 24);
CHECK_FIELD(struct xen_tmem_oid, oid, 0, 24);

CHECK_SIZE(struct tmem_op, 56);
BUILD_BUG_ON(_Alignof(struct tmem_op) != 8);
CHECK_FIELD(struct tmem_op, cmd, 0, 4);
CHECK_FIELD(struct tmem_op, pool_id, 4, 4);
BUILD_BUG_ON(!IS_SIGNED(struct tmem_op, pool_id));
CHECK_FIELD(struct tmem_op, u, 8, 48);
CHECK_FIELD(struct tmem_op, u.creat.uuid, 8, 16);
CHECK_FIELD(struct tmem_op, u.creat.flags, 24, 4);
CHECK_FIELD(struct tmem_op, u.creat.arg1, 28, 4);
CHECK_FIELD(struct tmem_op, u.ctrl.subop, 8, 4);
CHECK_FIELD(struct tmem_op, u.ctrl.cli_id, 12, 4);
CHECK_FIELD(struct tmem_op, u.ctrl.arg1, 16, 4);
CHECK_FIELD(struct tmem_op, u.ctrl.arg2, 20, 4);
CHECK_FIELD(struct tmem_op, u.ctrl.oid, 24, 24);
CHECK_FIELD(struct tmem_op, u.ctrl.buf, 48, 8);
CHECK_FIELD(struct tmem_op, u.gen.oid, 8, 24);
CHECK_FIELD(struct tmem_op, u.gen.index, 32, 4);
CHECK_FIELD(struct tmem_op, u.gen.tmem_offset, 36, 4);
CHECK_FIELD(struct tmem_op, u.gen.pfn_offset, 40, 4);
CHECK_FIELD(struct tmem_op, u.gen.len, 44, 4);
CHECK_FIELD(struct tmem_op, u.gen.cmfn, 48, 8);

CHECK_SIZE(struct tmem_handle, 32);
CHECK_FIELD(struct tmem_handle, pool_id, 0, 4);
CHECK_FIELD(struct tmem_handle, index, 4, 4);
CHECK_FIELD(struct tmem_handle, oid, 8, 24);

/*
 * Never called.  Holds the one check that needs statement context: the
 * errno list expanded as switch cases, so two entries with the same
 * value fail to compile ("duplicate case value").  Takes no locks, has
 * no effect, cannot fail.
 */
void abi_check(void);
void abi_check(void)
{
    volatile int e = 0;

    switch ( e )
    {
#define XEN_ERRNO(name, value, desc) case value: break;
#include <public/errno.h>
    default:
        break;
    }
}
