/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypercall decoders for the fuzz targets (see fuzz-ops.h).  Every field
 * is drawn from the input, biased towards the values the hypervisor
 * tests against (valid commands, the interface version, small ids, the
 * actor's own gfns) so that the fuzzer gets past the first check often,
 * with edges and raw values for the rest.
 */
#include <stdint.h>
#include <string.h>

#include "fuzz-harness.h"
#include "fuzz-ops.h"

#include <xen/sched.h>
#include <xen/vcpu.h>

#define ARRAY_SIZE(a)   (sizeof(a) / sizeof((a)[0]))
#define MAX_EXTENTS     (FZ_MAX_DATA / sizeof(xen_pfn_t) - 512)

static struct fz_call call;             /* one call in flight at a time */

/* A value from table t, or (1 time in 8) a raw 32-bit one. */
static uint32_t pick(struct fz_input *in, const uint32_t *t, size_t n)
{
    uint8_t sel = fz_u8(in);

    return sel < 224 ? t[sel % n] : fz_u32(in);
}
#define PICK(in, t) pick(in, t, ARRAY_SIZE(t))

/* A gfn: the actor's own, just past them, high, or raw. */
static uint64_t fz_gfn(struct fz_input *in)
{
    uint8_t sel = fz_u8(in);

    if ( sel < 128 )
        return sel % (FZ_DOMU_PAGES + 8);
    if ( sel < 192 )
        return FZ_DOMU_PAGES + fz_u16(in);
    if ( sel < 224 )
        return (1UL << 27) - 1 - fz_u8(in) % 8;     /* P2M_MAX_GFN */
    return fz_num(in, 1 << 20);
}

/* --- memory_op ------------------------------------------------------ */

/* The extent list: n gfns at the actor's array pages (or elsewhere). */
static uint64_t extent_list(struct fz_input *in, enum fz_actor a,
                            unsigned long n)
{
    static xen_pfn_t list[FZ_MAX_DATA / sizeof(xen_pfn_t)];
    uint64_t gva = fz_pointer(in, a, fz_array_gva(a));
    uint8_t step = fz_u8(in);
    unsigned long i;

    if ( n > MAX_EXTENTS )
        n = MAX_EXTENTS;
    /* Runs: an explicit gfn each, or first + i * step to save input. */
    for ( i = 0; i < n; i++ )
        list[i] = step < 128 || !i ? fz_gfn(in)
                                   : list[i - 1] + (step & 63);
    if ( n )
        fz_call_write(&call, gva, list, n * sizeof(list[0]));
    return gva;
}

static void reservation(struct fz_input *in, enum fz_actor a,
                        struct xen_memory_reservation *r, bool with_list)
{
    static const uint32_t flags[] = {
        0, XENMEMF_address_bits(32), XENMEMF_address_bits(12),
        XENMEMF_address_bits(13), XENMEMF_address_bits(63),
        XENMEMF_node(0), XENMEMF_node(1), XENMEMF_node(0xfe),
        XENMEMF_node(0) | XENMEMF_exact_node_request,
        XENMEMF_node(1) | XENMEMF_exact_node_request,
        XENMEMF_populate_on_demand, XENMEMF_vnode, 1U << 20,
    };
    uint8_t o = fz_u8(in);

    memset(r, 0, sizeof(*r));
    r->nr_extents = fz_num(in, 24);
    r->extent_order = o < 200 ? o % 4 : o < 240 ? 9 + o % 5 : o;
    r->mem_flags = PICK(in, flags);
    r->domid = fz_domid(in);
    if ( with_list && fz_u8(in) < 230 )
        set_xen_guest_handle_raw(r->extent_start,
            (void *)(uintptr_t)extent_list(in, a, r->nr_extents));
}

long fz_op_memory(struct fz_input *in, enum fz_actor a)
{
    static const uint32_t cmds[] = {
        XENMEM_increase_reservation, XENMEM_decrease_reservation,
        XENMEM_populate_physmap, XENMEM_populate_physmap,
        XENMEM_decrease_reservation, XENMEM_claim_pages,
        XENMEM_claim_pages, XENMEM_maximum_ram_page,
        XENMEM_current_reservation, XENMEM_maximum_reservation,
        XENMEM_exchange, XENMEM_add_to_physmap, XENMEM_maximum_gpfn,
        XENMEM_get_vnumainfo, 63,
    };
    struct xen_memory_reservation r;
    struct xen_memory_exchange x;
    uint32_t op = PICK(in, cmds);
    unsigned long cmd = op & 63;
    uint64_t arg;
    uint16_t domid;

    if ( fz_u8(in) >= 232 )             /* a continuation's start extent */
        cmd |= fz_num(in, 64) << 6;
    fz_call_init(&call, in, a, __HYPERVISOR_memory_op);
    arg = fz_pointer(in, a, fz_arg_gva(a));
    switch ( op & 63 )
    {
    case XENMEM_current_reservation:
    case XENMEM_maximum_reservation:
        domid = fz_domid(in);
        fz_call_write(&call, arg, &domid, sizeof(domid));
        break;
    case XENMEM_exchange:
        memset(&x, 0, sizeof(x));
        reservation(in, a, &x.in, false);
        reservation(in, a, &x.out, false);
        x.nr_exchanged = fz_num(in, 2);
        fz_call_write(&call, arg, &x, sizeof(x));
        break;
    case XENMEM_maximum_ram_page:
        if ( fz_u8(in) < 128 )
            arg = 0;
        break;
    default:
        /* Claims want a NULL list: give one most of the time. */
        reservation(in, a, &r, (op & 63) != XENMEM_claim_pages ||
                               fz_u8(in) >= 224);
        if ( (op & 63) == XENMEM_claim_pages && fz_u8(in) < 160 )
            r.nr_extents = fz_u8(in) < 128 ? fz_u16(in) % 300 : 0;
        fz_call_write(&call, arg, &r, sizeof(r));
        break;
    }
    call.a[0] = cmd;
    call.a[1] = arg;
    return fz_issue(&call);
}

/* --- tmem_op -------------------------------------------------------- */

static void fz_oid(struct fz_input *in, xen_tmem_oid_t *oid)
{
    uint8_t sel = fz_u8(in);

    memset(oid, 0, sizeof(*oid));
    if ( sel < 192 )
        oid->oid[0] = sel % 4;
    else if ( sel < 208 )
        oid->oid[0] = oid->oid[1] = oid->oid[2] = ~0ULL;
    else if ( sel < 224 )
        oid->oid[2] = sel;
    else
    {
        oid->oid[0] = fz_u64(in);
        oid->oid[1] = fz_u64(in);
        oid->oid[2] = fz_u64(in);
    }
}

static void tmem_creat(struct fz_input *in, struct tmem_op *op)
{
    static const uint32_t flags[] = {
        0x01000000, 0x01000001, 0x01000002, 0x01000003, 0x01000004,
        0x00000000, 0x00000001, 0x07000000, 0x01000010, 0x01000100,
        0x01000008, 0xff000000,
    };
    uint8_t u = fz_u8(in);

    op->u.creat.uuid[0] = u < 200 ? u % 3 : fz_u64(in);
    op->u.creat.uuid[1] = u < 200 ? u % 2 : fz_u64(in);
    op->u.creat.flags = PICK(in, flags);
    op->u.creat.arg1 = fz_domid(in);
}

static void tmem_ctrl(struct fz_input *in, enum fz_actor a,
                      struct tmem_op *op)
{
    uint8_t s = fz_u8(in);
    uint16_t cli = fz_domid(in);

    op->u.ctrl.subop = s < 224 ? s % 34 : fz_u32(in);
    op->u.ctrl.cli_id = cli == 0x7ff0 ? 0xffff : cli;
    op->u.ctrl.arg1 = (uint32_t)fz_num(in, 4096);
    op->u.ctrl.arg2 = (uint32_t)fz_num(in, 16);
    fz_oid(in, &op->u.ctrl.oid);
    set_xen_guest_handle_raw(op->u.ctrl.buf,
        (char *)(uintptr_t)fz_pointer(in, a, fz_array_gva(a)));
}

static void tmem_gen(struct fz_input *in, enum fz_actor a,
                     struct tmem_op *op)
{
    uint8_t sel = fz_u8(in);

    fz_oid(in, &op->u.gen.oid);
    op->u.gen.index = (uint32_t)fz_num(in, 8);
    if ( sel >= 224 )
    {
        op->u.gen.tmem_offset = (uint32_t)fz_num(in, 2);
        op->u.gen.pfn_offset = (uint32_t)fz_num(in, 2);
        op->u.gen.len = (uint32_t)fz_num(in, 2) ? 4096 : fz_u32(in);
    }
    sel = fz_u8(in);
    if ( sel < 200 )                    /* a data page of the actor */
        op->u.gen.cmfn = (a == FZ_DOM0 ? 1024 : FZ_BUF_PAGES) + sel % 16;
    else
        op->u.gen.cmfn = fz_gfn(in);
}

long fz_op_tmem(struct fz_input *in, enum fz_actor a)
{
    static const uint32_t cmds[] = {
        TMEM_NEW_POOL, TMEM_NEW_POOL, TMEM_DESTROY_POOL, TMEM_PUT_PAGE,
        TMEM_PUT_PAGE, TMEM_PUT_PAGE, TMEM_GET_PAGE, TMEM_GET_PAGE,
        TMEM_FLUSH_PAGE, TMEM_FLUSH_OBJECT, TMEM_CONTROL, TMEM_CONTROL,
        TMEM_AUTH, TMEM_RESTORE_NEW, TMEM_NEW_PAGE, TMEM_READ, TMEM_XCHG,
    };
    struct tmem_op op;
    uint64_t arg;
    uint8_t p;

    memset(&op, 0, sizeof(op));
    op.cmd = PICK(in, cmds);
    p = fz_u8(in);
    op.pool_id = p < 224 ? p % 5 : p < 240 ? -1 : (int32_t)fz_u32(in);
    fz_call_init(&call, in, a, __HYPERVISOR_tmem_op);
    switch ( op.cmd )
    {
    case TMEM_NEW_POOL:
    case TMEM_AUTH:
    case TMEM_RESTORE_NEW:
        tmem_creat(in, &op);
        break;
    case TMEM_CONTROL:
        tmem_ctrl(in, a, &op);
        break;
    default:
        tmem_gen(in, a, &op);
        break;
    }
    arg = fz_pointer(in, a, fz_arg_gva(a));
    fz_call_write(&call, arg, &op, sizeof(op));
    call.a[0] = arg;
    return fz_issue(&call);
}

/* --- domctl and sysctl ---------------------------------------------- */

long fz_op_domctl(struct fz_input *in, enum fz_actor a)
{
    static const uint32_t cmds[] = {
        XEN_DOMCTL_createdomain, XEN_DOMCTL_createdomain,
        XEN_DOMCTL_destroydomain, XEN_DOMCTL_pausedomain,
        XEN_DOMCTL_unpausedomain, XEN_DOMCTL_getdomaininfo,
        XEN_DOMCTL_max_mem, XEN_DOMCTL_max_mem, XEN_DOMCTL_load_module, 0,
    };
    struct xen_domctl op;
    uint64_t arg;
    uint8_t sel;

    memset(&op, 0, sizeof(op));
    op.cmd = PICK(in, cmds);
    op.interface_version = fz_u8(in) < 240 ? XEN_DOMCTL_INTERFACE_VERSION
                                           : fz_u32(in);
    op.domain = fz_domid(in);
    if ( fz_u8(in) >= 240 )
        op._pad[fz_u8(in) % 3] = fz_u16(in);
    sel = fz_u8(in);
    if ( op.cmd == XEN_DOMCTL_createdomain )
    {
        op.u.createdomain.max_vcpus = (uint32_t)fz_num(in, 6);
        if ( sel >= 192 )
        {
            op.u.createdomain.flags = 1U << (fz_u8(in) % 32);
            op.u.createdomain.iommu_opts = (uint32_t)fz_num(in, 2);
            op.u.createdomain.vmtrace_size = (uint32_t)fz_num(in, 2);
            op.u.createdomain.arch.emulation_flags = (uint32_t)fz_num(in, 2);
        }
    }
    else if ( op.cmd == XEN_DOMCTL_max_mem )
        op.u.max_mem.max_memkb = sel < 128 ? fz_u16(in) * 4ULL
                                           : fz_num(in, 1 << 20);
    else if ( sel >= 224 )              /* raw bytes for the others */
    {
        unsigned int i, n = fz_u8(in) % sizeof(op.u.pad);

        for ( i = 0; i < n; i++ )
            op.u.pad[i] = fz_u8(in);
    }
    fz_call_init(&call, in, a, __HYPERVISOR_domctl);
    arg = fz_pointer(in, a, fz_arg_gva(a));
    fz_call_write(&call, arg, &op, sizeof(op));
    call.a[0] = arg;
    return fz_issue(&call);
}

long fz_op_sysctl(struct fz_input *in, enum fz_actor a)
{
    static const uint32_t cmds[] = {
        XEN_SYSCTL_physinfo, XEN_SYSCTL_numainfo, XEN_SYSCTL_numainfo,
        XEN_SYSCTL_tmem_op, 0,
    };
    struct xen_sysctl op;
    uint64_t arg;

    memset(&op, 0, sizeof(op));
    op.cmd = PICK(in, cmds);
    op.interface_version = fz_u8(in) < 240 ? XEN_SYSCTL_INTERFACE_VERSION
                                           : fz_u32(in);
    if ( op.cmd == XEN_SYSCTL_numainfo )
    {
        op.u.numainfo.num_nodes = (uint32_t)fz_num(in, 4);
        if ( fz_u8(in) < 200 )
        {
            set_xen_guest_handle_raw(op.u.numainfo.meminfo,
                (void *)(uintptr_t)fz_pointer(in, a, fz_array_gva(a)));
            set_xen_guest_handle_raw(op.u.numainfo.distance,
                (void *)(uintptr_t)fz_pointer(in, a,
                                              fz_array_gva(a) + 2048));
        }
    }
    else if ( fz_u8(in) >= 224 )
        op.u.pad[fz_u8(in) % sizeof(op.u.pad)] = fz_u8(in);
    fz_call_init(&call, in, a, __HYPERVISOR_sysctl);
    arg = fz_pointer(in, a, fz_arg_gva(a));
    fz_call_write(&call, arg, &op, sizeof(op));
    call.a[0] = arg;
    return fz_issue(&call);
}

/* --- vcpu_op, sched_op, console_io, set_segment_base ---------------- */

static void misc_sched(struct fz_input *in, enum fz_actor a)
{
    struct sched_remote_shutdown rs;
    uint32_t reason;
    uint64_t arg;

    call.a[0] = fz_u8(in) < 240 ? fz_u8(in) % 9 : fz_u32(in);
    arg = fz_pointer(in, a, fz_arg_gva(a));
    call.a[1] = arg;
    if ( call.a[0] == SCHEDOP_shutdown )
    {
        reason = (uint32_t)fz_num(in, 7);
        fz_call_write(&call, arg, &reason, sizeof(reason));
    }
    else if ( call.a[0] == SCHEDOP_remote_shutdown )
    {
        memset(&rs, 0, sizeof(rs));
        rs.domain_id = fz_domid(in);
        rs.reason = (uint32_t)fz_num(in, 7);
        fz_call_write(&call, arg, &rs, sizeof(rs));
    }
}

static void misc_console(struct fz_input *in, enum fz_actor a)
{
    uint8_t text[256];
    unsigned int i, n = fz_u8(in);
    uint64_t arg = fz_pointer(in, a, fz_array_gva(a));

    for ( i = 0; i < n; i++ )
        text[i] = fz_u8(in);
    call.a[0] = fz_u8(in) < 240 ? fz_u8(in) % 3 : fz_u32(in);
    call.a[1] = fz_u8(in) < 224 ? n : (uint32_t)fz_num(in, 8192);
    call.a[2] = arg;
    if ( n )
        fz_call_write(&call, arg, text, n);
}

long fz_op_misc(struct fz_input *in, enum fz_actor a)
{
    uint8_t which = fz_u8(in) % 5;
    uint8_t ctx[64];
    unsigned int i;

    fz_call_init(&call, in, a, 0);
    switch ( which )
    {
    case 0:
        call.op = __HYPERVISOR_vcpu_op;
        call.a[0] = fz_u8(in) < 240 ? fz_u8(in) % 15 : fz_u32(in);
        call.a[1] = (uint32_t)fz_num(in, 6);
        call.a[2] = fz_pointer(in, a, fz_arg_gva(a));
        for ( i = 0; i < sizeof(ctx); i++ )
            ctx[i] = fz_u8(in);
        fz_call_write(&call, call.a[2], ctx, sizeof(ctx));
        break;
    case 1:
        call.op = __HYPERVISOR_sched_op;
        misc_sched(in, a);
        break;
    case 2:
        call.op = __HYPERVISOR_console_io;
        misc_console(in, a);
        break;
    case 3:
        call.op = __HYPERVISOR_set_segment_base;
        call.a[0] = (uint32_t)fz_num(in, 5);
        call.a[1] = fz_u64(in);
        break;
    default:                            /* any number, mostly unknown */
        call.op = fz_u8(in) < 200 ? fz_u8(in) % 64 : fz_u32(in);
        for ( i = 0; i < 5; i++ )
            call.a[i] = fz_num(in, 16);
        break;
    }
    return fz_issue(&call);
}

long fz_op_any(struct fz_input *in, enum fz_actor a)
{
    switch ( fz_u8(in) % 8 )
    {
    case 0:
    case 1:
        return fz_op_memory(in, a);
    case 2:
    case 3:
    case 4:
        return fz_op_tmem(in, a);
    case 5:
        return fz_op_domctl(in, a);
    case 6:
        return fz_op_sysctl(in, a);
    default:
        return fz_op_misc(in, a);
    }
}
