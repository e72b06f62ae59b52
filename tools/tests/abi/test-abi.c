/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest ABI as a toolstack sees it: the public headers included the
 * tools way (<xen/...> with __XEN_TOOLS__), every number and layout of
 * reference/xen-facts.md section 9 that lives in a public header checked
 * at run time.  xen/common/abi-check.c pins the same facts at compile
 * time from the hypervisor side; this test catches a header that differs
 * between the two views (a field under the wrong #if, for instance) and
 * checks the errno values against the host's Linux <errno.h>.
 *
 * Build: gcc -Itools/include -Itools/tests/common test-abi.c
 */

#define __XEN_TOOLS__ 1

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <xen/xen.h>
#include <xen/domctl.h>
#include <xen/errno.h>
#include <xen/memory.h>
#include <xen/sched.h>
#include <xen/sysctl.h>
#include <xen/tmem.h>
#include <xen/vcpu.h>

#include "harness.h"

#define FIELD_SIZE(type, field)     sizeof(((type *)0)->field)

/* Record a failure unless type.field is at byte off and size bytes long. */
#define check_field(type, field, off, size) do {                        \
    check_eq(offsetof(type, field), off);                               \
    check_eq(FIELD_SIZE(type, field), size);                            \
} while ( 0 )

#define check_size(type, size)      check_eq(sizeof(type), size)

/* The field's type is signed. */
#define IS_SIGNED(type, field)      ((__typeof__(((type *)0)->field))-1 < 0)

static void test_hypercall_numbers(void)
{
    check_eq(__HYPERVISOR_set_trap_table, 0);
    check_eq(__HYPERVISOR_mmu_update, 1);
    check_eq(__HYPERVISOR_set_gdt, 2);
    check_eq(__HYPERVISOR_stack_switch, 3);
    check_eq(__HYPERVISOR_set_callbacks, 4);
    check_eq(__HYPERVISOR_fpu_taskswitch, 5);
    check_eq(__HYPERVISOR_sched_op_compat, 6);
    check_eq(__HYPERVISOR_platform_op, 7);
    check_eq(__HYPERVISOR_set_debugreg, 8);
    check_eq(__HYPERVISOR_get_debugreg, 9);
    check_eq(__HYPERVISOR_update_descriptor, 10);
    check_eq(__HYPERVISOR_memory_op, 12);
    check_eq(__HYPERVISOR_multicall, 13);
    check_eq(__HYPERVISOR_update_va_mapping, 14);
    check_eq(__HYPERVISOR_set_timer_op, 15);
    check_eq(__HYPERVISOR_event_channel_op_compat, 16);
    check_eq(__HYPERVISOR_xen_version, 17);
    check_eq(__HYPERVISOR_console_io, 18);
    check_eq(__HYPERVISOR_physdev_op_compat, 19);
    check_eq(__HYPERVISOR_grant_table_op, 20);
    check_eq(__HYPERVISOR_vm_assist, 21);
    check_eq(__HYPERVISOR_update_va_mapping_otherdomain, 22);
    check_eq(__HYPERVISOR_iret, 23);
    check_eq(__HYPERVISOR_vcpu_op, 24);
    check_eq(__HYPERVISOR_set_segment_base, 25);
    check_eq(__HYPERVISOR_mmuext_op, 26);
    check_eq(__HYPERVISOR_xsm_op, 27);
    check_eq(__HYPERVISOR_nmi_op, 28);
    check_eq(__HYPERVISOR_sched_op, 29);
    check_eq(__HYPERVISOR_callback_op, 30);
    check_eq(__HYPERVISOR_xenoprof_op, 31);
    check_eq(__HYPERVISOR_event_channel_op, 32);
    check_eq(__HYPERVISOR_physdev_op, 33);
    check_eq(__HYPERVISOR_hvm_op, 34);
    check_eq(__HYPERVISOR_sysctl, 35);
    check_eq(__HYPERVISOR_domctl, 36);
    check_eq(__HYPERVISOR_kexec_op, 37);
    check_eq(__HYPERVISOR_tmem_op, 38);
    check_eq(__HYPERVISOR_argo_op, 39);
    check_eq(__HYPERVISOR_xenpmu_op, 40);
    check_eq(__HYPERVISOR_dm_op, 41);
    check_eq(__HYPERVISOR_hypfs_op, 42);
    check_eq(__HYPERVISOR_arch_0, 48);
    check_eq(__HYPERVISOR_arch_7, 55);
    check_eq(CONSOLEIO_write, 0);
    check_eq(CONSOLEIO_read, 1);
}

static void test_domid_constants(void)
{
    check_eq(sizeof(domid_t), 2);
    check_eq((domid_t)-1, 0xFFFF);
    check_eq(DOMID_FIRST_RESERVED, 0x7FF0);
    check_eq(DOMID_SELF, 0x7FF0);
    check_eq(DOMID_IO, 0x7FF1);
    check_eq(DOMID_XEN, 0x7FF2);
    check_eq(DOMID_COW, 0x7FF3);
    check_eq(DOMID_INVALID, 0x7FF4);
    check_eq(DOMID_ANY, DOMID_INVALID);
    check_eq(DOMID_IDLE, 0x7FFF);
    check_eq(DOMID_MASK, 0x7FFF);
}

static void test_scalar_types(void)
{
    /* Xen declares both as unsigned long; uint64_t must be that type. */
    check(_Generic((xen_pfn_t)0, unsigned long: 1, default: 0));
    check(_Generic((xen_ulong_t)0, unsigned long: 1, default: 0));
    check_eq(sizeof(xen_domain_handle_t), 16);
}

static void test_guest_handles(void)
{
    XEN_GUEST_HANDLE(xen_pfn_t) frames;
    XEN_GUEST_HANDLE(const_char) text;
    XEN_GUEST_HANDLE_64(uint32) words;
    xen_pfn_t array[2];
    uint32_t word;

    check_eq(sizeof(frames), 8);
    check_eq(sizeof(text), 8);
    check_eq(sizeof(words), 8);
    check_eq(sizeof(XEN_GUEST_HANDLE_PARAM(void)), 8);
    check_eq(_Alignof(XEN_GUEST_HANDLE(xen_pfn_t)), 8);

    set_xen_guest_handle(frames, array);
    check(frames.p == array);
    set_xen_guest_handle(text, "abc");
    check(text.p[2] == 'c');
    set_xen_guest_handle_raw(words, &word);
    check(words.p == &word);
    set_xen_guest_handle(frames, NULL);
    check(frames.p == NULL);
}

static void test_errno_values(void)
{
    /* Each entry: the define agrees, and the value is x86 Linux's. */
#define XEN_ERRNO(name, value, desc) do {                               \
        check_eq(XEN_ ## name, value);                                  \
        check_eq(XEN_ ## name, name);                                   \
        check(strlen(desc) > 1);                                        \
    } while ( 0 );
#include <xen/errno.h>

    check_eq(XEN_EWOULDBLOCK, EWOULDBLOCK);
    check_eq(XEN_EDEADLOCK, EDEADLOCK);
}

static void test_errno_table(void)
{
    /* The X-macro builds a table; no value appears twice. */
    static const struct {
        const char *name;
        int value;
    } table[] = {
#define XEN_ERRNO(name, value, desc) { #name, value },
#include <xen/errno.h>
    };
    unsigned int i, j;

    /* 47 entries in the tools view (EINTR and ERESTART are __XEN__ only). */
    check_eq(sizeof(table) / sizeof(table[0]), 47);
    for ( i = 0; i < sizeof(table) / sizeof(table[0]); i++ )
        for ( j = i + 1; j < sizeof(table) / sizeof(table[0]); j++ )
            if ( table[i].value == table[j].value )
                fail("%s and %s share %d", table[i].name, table[j].name,
                     table[i].value);

#ifdef XEN_EINTR
    fail("XEN_EINTR is visible outside the hypervisor");
#endif
#ifdef XEN_ERESTART
    fail("XEN_ERESTART is visible outside the hypervisor");
#endif
}

static void test_xenmem_constants(void)
{
    check_eq(XENMEM_increase_reservation, 0);
    check_eq(XENMEM_decrease_reservation, 1);
    check_eq(XENMEM_maximum_ram_page, 2);
    check_eq(XENMEM_current_reservation, 3);
    check_eq(XENMEM_maximum_reservation, 4);
    check_eq(XENMEM_machphys_mfn_list, 5);
    check_eq(XENMEM_populate_physmap, 6);
    check_eq(XENMEM_add_to_physmap, 7);
    check_eq(XENMEM_memory_map, 9);
    check_eq(XENMEM_machine_memory_map, 10);
    check_eq(XENMEM_exchange, 11);
    check_eq(XENMEM_machphys_mapping, 12);
    check_eq(XENMEM_set_memory_map, 13);
    check_eq(XENMEM_maximum_gpfn, 14);
    check_eq(XENMEM_remove_from_physmap, 15);
    check_eq(XENMEM_set_pod_target, 16);
    check_eq(XENMEM_get_pod_target, 17);
    check_eq(XENMEM_get_sharing_freed_pages, 18);
    check_eq(XENMEM_get_sharing_shared_pages, 19);
    check_eq(XENMEM_paging_op, 20);
    check_eq(XENMEM_access_op, 21);
    check_eq(XENMEM_sharing_op, 22);
    check_eq(XENMEM_add_to_physmap_batch, 23);
    check_eq(XENMEM_machphys_compat_mfn_list, 25);
    check_eq(XENMEM_get_vnumainfo, 26);
    check_eq(XENMEM_reserved_device_memory_map, 27);
    check_eq(XENMEM_acquire_resource, 28);
}

static void test_xenmemf_flags(void)
{
    check_eq(XENMEMF_address_bits(32), 32);
    check_eq(XENMEMF_get_address_bits(XENMEMF_address_bits(31) |
                                      XENMEMF_node(2)), 31);
    check_eq(XENMEMF_node(0), 1 << 8);
    check_eq(XENMEMF_node(3), 4 << 8);
    check_eq(XENMEMF_get_node(XENMEMF_node(7)), 7);
    check_eq(XENMEMF_get_node(0), 0xff);
    check_eq(XENMEMF_populate_on_demand, 1 << 16);
    check_eq(XENMEMF_exact_node_request, 1 << 17);
    check_eq(XENMEMF_exact_node(2), (3 << 8) | (1 << 17));
    check_eq(XENMEMF_vnode, 1 << 18);
}

static void test_reservation_layout(void)
{
    check_size(struct xen_memory_reservation, 32);
    check_field(struct xen_memory_reservation, extent_start, 0, 8);
    check_field(struct xen_memory_reservation, nr_extents, 8, 8);
    check_field(struct xen_memory_reservation, extent_order, 16, 4);
    check_field(struct xen_memory_reservation, mem_flags, 20, 4);
    check_field(struct xen_memory_reservation, domid, 24, 2);
    check_field(struct xen_memory_reservation, _pad, 26, 6);
}

static void test_exchange_layout(void)
{
    check_size(struct xen_memory_exchange, 72);
    check_field(struct xen_memory_exchange, in, 0, 32);
    check_field(struct xen_memory_exchange, out, 32, 32);
    check_field(struct xen_memory_exchange, nr_exchanged, 64, 8);
}

static void test_claim_constants(void)
{
    struct xen_memory_reservation r;
    unsigned char expect[sizeof(r)];

    check_eq(__HYPERVISOR_memory_op, 12);
    check_eq(XENMEM_claim_pages, 24);
    /* The op fits the low 6 bits of cmd, under the continuation count. */
    check(XENMEM_claim_pages <= 0x3f);

    /*
     * A claim for 1024 pages as libxenctrl builds it: NULL handle, order
     * 0, no flags.  Only nr_extents (0x400, little endian) and domid
     * bytes may be non-zero.
     */
    memset(&r, 0, sizeof(r));
    set_xen_guest_handle(r.extent_start, NULL);
    r.nr_extents = 1024;
    r.extent_order = 0;
    r.mem_flags = 0;
    r.domid = 5;
    memset(expect, 0, sizeof(expect));
    expect[offsetof(struct xen_memory_reservation, nr_extents) + 1] = 0x04;
    expect[offsetof(struct xen_memory_reservation, domid)] = 5;
    check(!memcmp(&r, expect, sizeof(r)));

    /* Where claims are reported. */
    check_field(struct xen_sysctl_physinfo, outstanding_pages, 64, 8);
    check_field(struct xen_domctl_getdomaininfo, outstanding_pages, 24, 8);
}

static void test_physinfo_layout(void)
{
    check_eq(XEN_SYSCTL_physinfo, 3);
    check_size(struct xen_sysctl_physinfo, 112);
    check_size(xen_sysctl_physinfo_t, 112);
    check_field(struct xen_sysctl_physinfo, threads_per_core, 0, 4);
    check_field(struct xen_sysctl_physinfo, cores_per_socket, 4, 4);
    check_field(struct xen_sysctl_physinfo, nr_cpus, 8, 4);
    check_field(struct xen_sysctl_physinfo, max_cpu_id, 12, 4);
    check_field(struct xen_sysctl_physinfo, nr_nodes, 16, 4);
    check_field(struct xen_sysctl_physinfo, max_node_id, 20, 4);
    check_field(struct xen_sysctl_physinfo, cpu_khz, 24, 4);
    check_field(struct xen_sysctl_physinfo, capabilities, 28, 4);
    check_field(struct xen_sysctl_physinfo, arch_capabilities, 32, 4);
    check_field(struct xen_sysctl_physinfo, pad, 36, 4);
    check_field(struct xen_sysctl_physinfo, total_pages, 40, 8);
    check_field(struct xen_sysctl_physinfo, free_pages, 48, 8);
    check_field(struct xen_sysctl_physinfo, scrub_pages, 56, 8);
    check_field(struct xen_sysctl_physinfo, outstanding_pages, 64, 8);
    check_field(struct xen_sysctl_physinfo, max_mfn, 72, 8);
    check_field(struct xen_sysctl_physinfo, hw_cap, 80, 32);
}

static void test_physcap_bits(void)
{
    check_eq(XEN_SYSCTL_PHYSCAP_hvm, 1 << 0);
    check_eq(XEN_SYSCTL_PHYSCAP_pv, 1 << 1);
    check_eq(XEN_SYSCTL_PHYSCAP_directio, 1 << 2);
    check_eq(XEN_SYSCTL_PHYSCAP_hap, 1 << 3);
    check_eq(XEN_SYSCTL_PHYSCAP_shadow, 1 << 4);
    check_eq(XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share, 1 << 5);
    check_eq(XEN_SYSCTL_PHYSCAP_vmtrace, 1 << 6);
    check_eq(XEN_SYSCTL_PHYSCAP_vpmu, 1 << 7);
    check_eq(XEN_SYSCTL_PHYSCAP_gnttab_v1, 1 << 8);
    check_eq(XEN_SYSCTL_PHYSCAP_gnttab_v2, 1 << 9);
    check_eq(XEN_SYSCTL_PHYSCAP_MAX, XEN_SYSCTL_PHYSCAP_gnttab_v2);
    check_eq(XEN_SYSCTL_PHYSCAP_X86_ASSISTED_XAPIC, 1 << 0);
    check_eq(XEN_SYSCTL_PHYSCAP_X86_ASSISTED_X2APIC, 1 << 1);
}

static void test_numainfo_layout(void)
{
    check_eq(XEN_SYSCTL_numainfo, 17);
    check_size(struct xen_sysctl_meminfo, 16);
    check_field(struct xen_sysctl_meminfo, memsize, 0, 8);
    check_field(struct xen_sysctl_meminfo, memfree, 8, 8);
    check_size(struct xen_sysctl_numainfo, 24);
    check_field(struct xen_sysctl_numainfo, num_nodes, 0, 4);
    check_field(struct xen_sysctl_numainfo, meminfo, 8, 8);
    check_field(struct xen_sysctl_numainfo, distance, 16, 8);
    check_eq(XEN_INVALID_MEM_SZ, ~0U);
    check_eq(XEN_INVALID_NODE_DIST, ~0U);
}

static void test_sysctl_layout(void)
{
    check_eq(__HYPERVISOR_sysctl, 35);
    check_eq(XEN_SYSCTL_INTERFACE_VERSION, 0x16);
    check_size(struct xen_sysctl, 136);
    check_field(struct xen_sysctl, cmd, 0, 4);
    check_field(struct xen_sysctl, interface_version, 4, 4);
    check_field(struct xen_sysctl, u, 8, 128);
    check_field(struct xen_sysctl, u.physinfo, 8, 112);
    check_field(struct xen_sysctl, u.numainfo, 8, 24);
}

static void test_sysctl_tmem_subops(void)
{
    check_eq(XEN_SYSCTL_tmem_op, 24);
    check_eq(XEN_SYSCTL_TMEM_OP_ALL_CLIENTS, 0xFFFF);
    check_eq(XEN_SYSCTL_TMEM_OP_THAW, 0);
    check_eq(XEN_SYSCTL_TMEM_OP_FREEZE, 1);
    check_eq(XEN_SYSCTL_TMEM_OP_FLUSH, 2);
    check_eq(XEN_SYSCTL_TMEM_OP_DESTROY, 3);
    check_eq(XEN_SYSCTL_TMEM_OP_LIST, 4);
    check_eq(XEN_SYSCTL_TMEM_OP_GET_CLIENT_INFO, 5);
    check_eq(XEN_SYSCTL_TMEM_OP_SET_CLIENT_INFO, 6);
    check_eq(XEN_SYSCTL_TMEM_OP_GET_POOLS, 7);
    check_eq(XEN_SYSCTL_TMEM_OP_QUERY_FREEABLE_MB, 8);
    check_eq(XEN_SYSCTL_TMEM_OP_SET_POOLS, 9);
    check_eq(XEN_SYSCTL_TMEM_OP_SAVE_BEGIN, 10);
    check_eq(XEN_SYSCTL_TMEM_OP_SET_AUTH, 11);
    check_eq(XEN_SYSCTL_TMEM_OP_SAVE_GET_NEXT_PAGE, 19);
    check_eq(XEN_SYSCTL_TMEM_OP_SAVE_GET_NEXT_INV, 20);
    check_eq(XEN_SYSCTL_TMEM_OP_SAVE_END, 21);
    check_eq(XEN_SYSCTL_TMEM_OP_RESTORE_BEGIN, 30);
    check_eq(XEN_SYSCTL_TMEM_OP_RESTORE_PUT_PAGE, 32);
    check_eq(XEN_SYSCTL_TMEM_OP_RESTORE_FLUSH_PAGE, 33);
}

static void test_domctl_layout(void)
{
    check_eq(__HYPERVISOR_domctl, 36);
    check_eq(XEN_DOMCTL_INTERFACE_VERSION, 0x16);
    check_eq(XEN_DOMCTL_createdomain, 1);
    check_eq(XEN_DOMCTL_destroydomain, 2);
    check_eq(XEN_DOMCTL_pausedomain, 3);
    check_eq(XEN_DOMCTL_unpausedomain, 4);
    check_eq(XEN_DOMCTL_getdomaininfo, 5);
    check_eq(XEN_DOMCTL_max_mem, 11);

    check_size(struct xen_domctl, 144);
    check_field(struct xen_domctl, cmd, 0, 4);
    check_field(struct xen_domctl, interface_version, 4, 4);
    check_field(struct xen_domctl, domain, 8, 2);
    check_field(struct xen_domctl, _pad, 10, 6);
    check_field(struct xen_domctl, u, 16, 128);
    check_field(struct xen_domctl, u.createdomain, 16, 64);
    check_field(struct xen_domctl, u.getdomaininfo, 16, 112);
    check_field(struct xen_domctl, u.max_mem, 16, 8);
}

static void test_createdomain_layout(void)
{
    /* Written the way Xen's test-mem-claim writes it. */
    struct xen_domctl_createdomain create = {
        .flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap,
        .max_vcpus = 1,
        .max_grant_frames = 1,
        .grant_opts = XEN_DOMCTL_GRANT_version(1),
        .arch = {
            .emulation_flags = XEN_X86_EMU_LAPIC,
        },
    };

    check_eq(create.flags, 3);
    check_eq(create.grant_opts, 1);
    check_eq(create.arch.emulation_flags, 1);

    check_size(struct xen_domctl_createdomain, 64);
    check_field(struct xen_domctl_createdomain, ssidref, 0, 4);
    check_field(struct xen_domctl_createdomain, handle, 4, 16);
    check_field(struct xen_domctl_createdomain, flags, 20, 4);
    check_field(struct xen_domctl_createdomain, iommu_opts, 24, 4);
    check_field(struct xen_domctl_createdomain, max_vcpus, 28, 4);
    check_field(struct xen_domctl_createdomain, max_evtchn_port, 32, 4);
    check_field(struct xen_domctl_createdomain, max_grant_frames, 36, 4);
    check_field(struct xen_domctl_createdomain, max_maptrack_frames, 40, 4);
    check_field(struct xen_domctl_createdomain, grant_opts, 44, 4);
    check_field(struct xen_domctl_createdomain, vmtrace_size, 48, 4);
    check_field(struct xen_domctl_createdomain, cpupool_id, 52, 4);
    check_field(struct xen_domctl_createdomain, arch, 56, 8);
    check(IS_SIGNED(struct xen_domctl_createdomain, max_grant_frames));
    check(IS_SIGNED(struct xen_domctl_createdomain, max_maptrack_frames));
    check_size(struct xen_arch_domainconfig, 8);
    check_field(struct xen_arch_domainconfig, emulation_flags, 0, 4);
    check_field(struct xen_arch_domainconfig, misc_flags, 4, 4);

    check_eq(XEN_DOMCTL_CDF_hvm, 1 << 0);
    check_eq(XEN_DOMCTL_CDF_hap, 1 << 1);
    check_eq(XEN_DOMCTL_CDF_s3_integrity, 1 << 2);
    check_eq(XEN_DOMCTL_CDF_oos_off, 1 << 3);
    check_eq(XEN_DOMCTL_CDF_xs_domain, 1 << 4);
    check_eq(XEN_DOMCTL_CDF_iommu, 1 << 5);
    check_eq(XEN_DOMCTL_CDF_nested_virt, 1 << 6);
    check_eq(XEN_DOMCTL_CDF_vpmu, 1 << 7);
    check_eq(XEN_DOMCTL_CDF_MAX, XEN_DOMCTL_CDF_vpmu);
    check_eq(XEN_DOMCTL_GRANT_version(0x12), 2);
}

static void test_getdomaininfo_layout(void)
{
    check_size(struct xen_domctl_getdomaininfo, 112);
    check_size(xen_domctl_getdomaininfo_t, 112);
    check_field(struct xen_domctl_getdomaininfo, domain, 0, 2);
    check_field(struct xen_domctl_getdomaininfo, pad1, 2, 2);
    check_field(struct xen_domctl_getdomaininfo, flags, 4, 4);
    check_field(struct xen_domctl_getdomaininfo, tot_pages, 8, 8);
    check_field(struct xen_domctl_getdomaininfo, max_pages, 16, 8);
    check_field(struct xen_domctl_getdomaininfo, outstanding_pages, 24, 8);
    check_field(struct xen_domctl_getdomaininfo, shr_pages, 32, 8);
    check_field(struct xen_domctl_getdomaininfo, paged_pages, 40, 8);
    check_field(struct xen_domctl_getdomaininfo, shared_info_frame, 48, 8);
    check_field(struct xen_domctl_getdomaininfo, cpu_time, 56, 8);
    check_field(struct xen_domctl_getdomaininfo, nr_online_vcpus, 64, 4);
    check_field(struct xen_domctl_getdomaininfo, max_vcpu_id, 68, 4);
    check_field(struct xen_domctl_getdomaininfo, ssidref, 72, 4);
    check_field(struct xen_domctl_getdomaininfo, handle, 76, 16);
    check_field(struct xen_domctl_getdomaininfo, cpupool, 92, 4);
    check_field(struct xen_domctl_getdomaininfo, gpaddr_bits, 96, 1);
    check_field(struct xen_domctl_getdomaininfo, pad2, 97, 7);
    check_field(struct xen_domctl_getdomaininfo, arch_config, 104, 8);
}

static void test_dominf_flags(void)
{
    uint32_t flags;

    check_eq(XEN_DOMINF_dying, 1 << 0);
    check_eq(XEN_DOMINF_hvm_guest, 1 << 1);
    check_eq(XEN_DOMINF_shutdown, 1 << 2);
    check_eq(XEN_DOMINF_paused, 1 << 3);
    check_eq(XEN_DOMINF_blocked, 1 << 4);
    check_eq(XEN_DOMINF_running, 1 << 5);
    check_eq(XEN_DOMINF_debugged, 1 << 6);
    check_eq(XEN_DOMINF_xs_domain, 1 << 7);
    check_eq(XEN_DOMINF_hap, 1 << 8);
    check_eq(XEN_DOMINF_shutdownmask, 255);
    check_eq(XEN_DOMINF_shutdownshift, 16);
    check_eq(XEN_INVALID_MAX_VCPU_ID, ~0U);

    /* A crashed domain's flags decode back to SHUTDOWN_crash. */
    flags = XEN_DOMINF_shutdown |
            ((uint32_t)SHUTDOWN_crash << XEN_DOMINF_shutdownshift);
    check_eq((flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask,
             SHUTDOWN_crash);
}

static void test_max_mem_layout(void)
{
    check_size(struct xen_domctl_max_mem, 8);
    check_field(struct xen_domctl_max_mem, max_memkb, 0, 8);
}

static void test_vcpu_constants(void)
{
    check_eq(__HYPERVISOR_vcpu_op, 24);
    check_eq(__HYPERVISOR_set_segment_base, 25);
    check_eq(VCPUOP_initialise, 0);
    check_eq(VCPUOP_up, 1);
    check_eq(VCPUOP_down, 2);
    check_eq(VCPUOP_is_up, 3);
    check_eq(VCPUOP_get_runstate_info, 4);
    check_eq(VCPUOP_register_runstate_memory_area, 5);
    check_eq(VCPUOP_set_periodic_timer, 6);
    check_eq(VCPUOP_stop_periodic_timer, 7);
    check_eq(VCPUOP_set_singleshot_timer, 8);
    check_eq(VCPUOP_stop_singleshot_timer, 9);
    check_eq(VCPUOP_register_vcpu_info, 10);
    check_eq(VCPUOP_send_nmi, 11);
    check_eq(VCPUOP_get_physid, 12);
    check_eq(VCPUOP_register_vcpu_time_memory_area, 13);
    check_eq(SEGBASE_FS, 0);
    check_eq(SEGBASE_GS_USER, 1);
    check_eq(SEGBASE_GS_KERNEL, 2);
    check_eq(SEGBASE_GS_USER_SEL, 3);
    check_eq(VGCF_i387_valid, 1);
    check_eq(VGCF_in_kernel, 4);
    check_eq(VGCF_failsafe_disables_events, 8);
    check_eq(VGCF_syscall_disables_events, 16);
    check_eq(VGCF_online, 32);
}

static void test_vcpu_layouts(void)
{
    check_size(struct vcpu_guest_context, 5168);
    check_size(struct cpu_user_regs, 200);
    check_size(struct trap_info, 16);
    check_field(struct vcpu_guest_context, fpu_ctxt, 0, 512);
    check_field(struct vcpu_guest_context, flags, 512, 8);
    check_field(struct vcpu_guest_context, user_regs, 520, 200);
    check_field(struct vcpu_guest_context, trap_ctxt, 720, 4096);
    check_field(struct vcpu_guest_context, ldt_base, 4816, 8);
    check_field(struct vcpu_guest_context, ldt_ents, 4824, 8);
    check_field(struct vcpu_guest_context, gdt_frames, 4832, 128);
    check_field(struct vcpu_guest_context, gdt_ents, 4960, 8);
    check_field(struct vcpu_guest_context, kernel_ss, 4968, 8);
    check_field(struct vcpu_guest_context, kernel_sp, 4976, 8);
    check_field(struct vcpu_guest_context, ctrlreg, 4984, 64);
    check_field(struct vcpu_guest_context, debugreg, 5048, 64);
    check_field(struct vcpu_guest_context, event_callback_eip, 5112, 8);
    check_field(struct vcpu_guest_context, failsafe_callback_eip, 5120, 8);
    check_field(struct vcpu_guest_context, syscall_callback_eip, 5128, 8);
    check_field(struct vcpu_guest_context, vm_assist, 5136, 8);
    check_field(struct vcpu_guest_context, fs_base, 5144, 8);
    check_field(struct vcpu_guest_context, gs_base_kernel, 5152, 8);
    check_field(struct vcpu_guest_context, gs_base_user, 5160, 8);
    check_field(struct cpu_user_regs, r15, 0, 8);
    check_field(struct cpu_user_regs, rbp, 32, 8);
    check_field(struct cpu_user_regs, rax, 80, 8);
    check_field(struct cpu_user_regs, rcx, 88, 8);
    check_field(struct cpu_user_regs, rsi, 104, 8);
    check_field(struct cpu_user_regs, rdi, 112, 8);
    check_field(struct cpu_user_regs, error_code, 120, 4);
    check_field(struct cpu_user_regs, entry_vector, 124, 4);
    check_field(struct cpu_user_regs, rip, 128, 8);
    check_field(struct cpu_user_regs, cs, 136, 2);
    check_field(struct cpu_user_regs, saved_upcall_mask, 140, 1);
    check_field(struct cpu_user_regs, rflags, 144, 8);
    check_field(struct cpu_user_regs, rsp, 152, 8);
    check_field(struct cpu_user_regs, ss, 160, 2);
    check_field(struct cpu_user_regs, es, 168, 2);
    check_field(struct cpu_user_regs, ds, 176, 2);
    check_field(struct cpu_user_regs, fs, 184, 2);
    check_field(struct cpu_user_regs, gs, 192, 2);
    check_field(struct trap_info, vector, 0, 1);
    check_field(struct trap_info, flags, 1, 1);
    check_field(struct trap_info, cs, 2, 2);
    check_field(struct trap_info, address, 8, 8);
}

static void test_sched_constants(void)
{
    check_eq(SCHEDOP_yield, 0);
    check_eq(SCHEDOP_block, 1);
    check_eq(SCHEDOP_shutdown, 2);
    check_eq(SCHEDOP_poll, 3);
    check_eq(SCHEDOP_remote_shutdown, 4);
    check_eq(SCHEDOP_shutdown_code, 5);
    check_eq(SCHEDOP_watchdog, 6);
    check_eq(SCHEDOP_pin_override, 7);
    check_eq(SHUTDOWN_poweroff, 0);
    check_eq(SHUTDOWN_reboot, 1);
    check_eq(SHUTDOWN_suspend, 2);
    check_eq(SHUTDOWN_crash, 3);
    check_eq(SHUTDOWN_watchdog, 4);
    check_eq(SHUTDOWN_soft_reset, 5);
    check_eq(SHUTDOWN_MAX, 5);
}

static void test_sched_layouts(void)
{
    check_size(struct sched_shutdown, 4);
    check_field(struct sched_shutdown, reason, 0, 4);
    check_size(struct sched_remote_shutdown, 8);
    check_field(struct sched_remote_shutdown, domain_id, 0, 2);
    check_field(struct sched_remote_shutdown, reason, 4, 4);
    check_size(struct sched_watchdog, 8);
    check_field(struct sched_watchdog, id, 0, 4);
    check_field(struct sched_watchdog, timeout, 4, 4);
    check_size(struct sched_pin_override, 4);
    check(IS_SIGNED(struct sched_pin_override, pcpu));
}

static void test_tmem_constants(void)
{
    check_eq(__HYPERVISOR_tmem_op, 38);
    check_eq(TMEM_SPEC_VERSION, 1);
    check_eq(TMEM_CONTROL, 0);
    check_eq(TMEM_NEW_POOL, 1);
    check_eq(TMEM_DESTROY_POOL, 2);
    check_eq(TMEM_NEW_PAGE, 3);
    check_eq(TMEM_PUT_PAGE, 4);
    check_eq(TMEM_GET_PAGE, 5);
    check_eq(TMEM_FLUSH_PAGE, 6);
    check_eq(TMEM_FLUSH_OBJECT, 7);
    check_eq(TMEM_READ, 8);
    check_eq(TMEM_WRITE, 9);
    check_eq(TMEM_XCHG, 10);
    check_eq(TMEM_AUTH, 101);
    check_eq(TMEM_RESTORE_NEW, 102);
    check_eq(TMEM_CLIENT_COMPRESS, 1);
    check_eq(TMEM_CLIENT_FROZEN, 2);
    check_eq(EFROZEN, 1000);
    check_eq(EEMPTY, 1001);
}

static void test_tmem_pool_flags(void)
{
    uint32_t v1 = (uint32_t)TMEM_SPEC_VERSION << TMEM_POOL_VERSION_SHIFT;

    check_eq(TMEM_POOL_PERSIST, 1);
    check_eq(TMEM_POOL_SHARED, 2);
    check_eq(TMEM_POOL_PRECOMPRESSED, 4);
    check_eq(TMEM_POOL_PAGESIZE_SHIFT, 4);
    check_eq(TMEM_POOL_PAGESIZE_MASK, 0xf);
    check_eq(TMEM_POOL_VERSION_SHIFT, 24);
    check_eq(TMEM_POOL_VERSION_MASK, 0xff);
    check_eq(TMEM_POOL_RESERVED_BITS, 0x00ffff00);

    /* The flag words a Linux v1 guest sends (reference section 1.4). */
    check_eq(v1, 0x01000000);
    check_eq(v1 | TMEM_POOL_PERSIST, 0x01000001);
    check_eq((v1 >> TMEM_POOL_VERSION_SHIFT) & TMEM_POOL_VERSION_MASK, 1);

    /* Bit 3 is neither a flag nor reserved: it is silently ignored. */
    check_eq((TMEM_POOL_PERSIST | TMEM_POOL_SHARED | TMEM_POOL_PRECOMPRESSED |
              (TMEM_POOL_PAGESIZE_MASK << TMEM_POOL_PAGESIZE_SHIFT) |
              TMEM_POOL_RESERVED_BITS |
              ((uint32_t)TMEM_POOL_VERSION_MASK << TMEM_POOL_VERSION_SHIFT)),
             0xfffffff7U);
}

static void test_tmemc_subops(void)
{
    check_eq(TMEMC_THAW, 0);
    check_eq(TMEMC_FREEZE, 1);
    check_eq(TMEMC_FLUSH, 2);
    check_eq(TMEMC_DESTROY, 3);
    check_eq(TMEMC_LIST, 4);
    check_eq(TMEMC_SET_WEIGHT, 5);
    check_eq(TMEMC_SET_CAP, 6);
    check_eq(TMEMC_SET_COMPRESS, 7);
    check_eq(TMEMC_QUERY_FREEABLE_MB, 8);
    check_eq(TMEMC_SAVE_BEGIN, 10);
    check_eq(TMEMC_SAVE_GET_VERSION, 11);
    check_eq(TMEMC_SAVE_GET_MAXPOOLS, 12);
    check_eq(TMEMC_SAVE_GET_CLIENT_WEIGHT, 13);
    check_eq(TMEMC_SAVE_GET_CLIENT_CAP, 14);
    check_eq(TMEMC_SAVE_GET_CLIENT_FLAGS, 15);
    check_eq(TMEMC_SAVE_GET_POOL_FLAGS, 16);
    check_eq(TMEMC_SAVE_GET_POOL_NPAGES, 17);
    check_eq(TMEMC_SAVE_GET_POOL_UUID, 18);
    check_eq(TMEMC_SAVE_GET_NEXT_PAGE, 19);
    check_eq(TMEMC_SAVE_GET_NEXT_INV, 20);
    check_eq(TMEMC_SAVE_END, 21);
    check_eq(TMEMC_RESTORE_BEGIN, 30);
    check_eq(TMEMC_RESTORE_PUT_PAGE, 32);
    check_eq(TMEMC_RESTORE_FLUSH_PAGE, 33);
}

static void test_tmem_oid_layout(void)
{
    check_size(struct xen_tmem_oid, 24);
    check_size(xen_tmem_oid_t, 24);
    check_field(struct xen_tmem_oid, oid, 0, 24);
    check_eq(_Alignof(xen_tmem_oid_t), 8);
}

static void test_tmem_op_layout(void)
{
    struct tmem_op op;

    check_size(struct tmem_op, 56);
    check_size(tmem_op_t, 56);
    check_eq(_Alignof(struct tmem_op), 8);
    check_field(struct tmem_op, cmd, 0, 4);
    check_field(struct tmem_op, pool_id, 4, 4);
    check(IS_SIGNED(struct tmem_op, pool_id));
    check_field(struct tmem_op, u, 8, 48);

    check_field(struct tmem_op, u.creat.uuid, 8, 16);
    check_field(struct tmem_op, u.creat.flags, 24, 4);
    check_field(struct tmem_op, u.creat.arg1, 28, 4);

    check_field(struct tmem_op, u.ctrl.subop, 8, 4);
    check_field(struct tmem_op, u.ctrl.cli_id, 12, 4);
    check_field(struct tmem_op, u.ctrl.arg1, 16, 4);
    check_field(struct tmem_op, u.ctrl.arg2, 20, 4);
    check_field(struct tmem_op, u.ctrl.oid, 24, 24);
    check_field(struct tmem_op, u.ctrl.buf, 48, 8);

    check_field(struct tmem_op, u.gen.oid, 8, 24);
    check_field(struct tmem_op, u.gen.index, 32, 4);
    check_field(struct tmem_op, u.gen.tmem_offset, 36, 4);
    check_field(struct tmem_op, u.gen.pfn_offset, 40, 4);
    check_field(struct tmem_op, u.gen.len, 44, 4);
    check_field(struct tmem_op, u.gen.cmfn, 48, 8);

    /* The object id words land where Xen's uint64_t oid[3] had them. */
    memset(&op, 0, sizeof(op));
    op.u.gen.oid.oid[2] = 0x0102030405060708ULL;
    check_eq(((const uint64_t *)&op)[3], 0x0102030405060708ULL);

    /* A negative pool id stays negative (it must fail as -ENODEV). */
    op.pool_id = -1;
    check(op.pool_id < 0);
}

static void test_tmem_handle_layout(void)
{
    check_size(struct tmem_handle, 32);
    check_field(struct tmem_handle, pool_id, 0, 4);
    check_field(struct tmem_handle, index, 4, 4);
    check_field(struct tmem_handle, oid, 8, 24);
}

int main(void)
{
    RUN_TEST(test_hypercall_numbers);
    RUN_TEST(test_domid_constants);
    RUN_TEST(test_scalar_types);
    RUN_TEST(test_guest_handles);
    RUN_TEST(test_errno_values);
    RUN_TEST(test_errno_table);
    RUN_TEST(test_xenmem_constants);
    RUN_TEST(test_xenmemf_flags);
    RUN_TEST(test_reservation_layout);
    RUN_TEST(test_exchange_layout);
    RUN_TEST(test_claim_constants);
    RUN_TEST(test_physinfo_layout);
    RUN_TEST(test_physcap_bits);
    RUN_TEST(test_numainfo_layout);
    RUN_TEST(test_sysctl_layout);
    RUN_TEST(test_sysctl_tmem_subops);
    RUN_TEST(test_domctl_layout);
    RUN_TEST(test_createdomain_layout);
    RUN_TEST(test_getdomaininfo_layout);
    RUN_TEST(test_dominf_flags);
    RUN_TEST(test_max_mem_layout);
    RUN_TEST(test_sched_constants);
    RUN_TEST(test_sched_layouts);
    RUN_TEST(test_tmem_constants);
    RUN_TEST(test_vcpu_constants);
    RUN_TEST(test_vcpu_layouts);
    RUN_TEST(test_tmem_pool_flags);
    RUN_TEST(test_tmemc_subops);
    RUN_TEST(test_tmem_oid_layout);
    RUN_TEST(test_tmem_op_layout);
    RUN_TEST(test_tmem_handle_layout);

    return harness_report();
}
