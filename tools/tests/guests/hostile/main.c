/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hostile: a guest that tries to hurt the hypervisor through its
 * hypercalls and expects the exact error for every attempt.
 *
 *   - bad pointers in every pointer argument: NULL, below the guest
 *     linear map, unpopulated gfns, beyond the map, non-canonical,
 *     into the hypervisor's direct map and image, straddling the end of
 *     populated memory: -EFAULT (or "0 extents done" for the
 *     reservation ops, Xen's convention), and never a hypervisor fault;
 *   - unknown hypercall numbers (including one only the upper half of
 *     rax makes unknown) and sub-ops: -ENOSYS;
 *   - huge extent counts, orders beyond MAX_ORDER and the caller's
 *     memop-max-order, unknown memflags, a start extent beyond the
 *     count: nothing done;
 *   - foreign and reserved domids: -ESRCH, or -EINVAL for claims;
 *   - as dom0, the privileged checks that still apply: no destroying,
 *     pausing or unpausing itself, interface versions, padding, bad
 *     createdomain arguments, bad shutdown reasons;
 *   - the CPU state a guest controls on entry: a non-canonical stack
 *     pointer, and DF/AC set across a hypercall;
 *   - tmem (command line word "tmem": the hypervisor has tmem on):
 *     unknown commands, missing pools, invalid oids, sub-page fields,
 *     bad frames, then a spec-v0 client, which must lose tmem for good.
 *     Without "tmem", every tmem op must fail with -ENODEV.
 *
 * The deliberate ring-3 faults are the "crash" guest's business.
 */

#include "guest.h"

#define MAX_ORDER               18      /* xen/include/xen/config.h */
#define HWDOM_MAX_ORDER         12      /* memop-max-order default */
#define P2M_MAX_GFN             ((1UL << 27) - 1)

static unsigned int nr_checks;

static void expect(const char *what, const char *detail, long got,
                   long want)
{
    nr_checks++;
    if ( got != want )
        guest_failure("Fail: %s (%s): got %ld, expected %ld\n", what,
                      detail, got, want);
}

/* The first byte after the domain's populated memory. */
static unsigned long mem_end(void)
{
    return (unsigned long)gfn_to_va(start_info->nr_pages);
}

static const struct {
    const char *name;
    unsigned long va;
} bad_ptrs[] = {
    { "NULL", 0 },
    { "below the guest linear map", 0x1000 },
    { "just below the guest linear map", GUEST_LINEAR_BASE - 8 },
    { "unpopulated gfn", GUEST_LINEAR_BASE + (256UL << 30) },
    { "beyond the guest linear map", GUEST_LINEAR_BASE + (512UL << 30) },
    { "non-canonical", 0x8000000000000000UL },
    { "hypervisor direct map", 0xffff830000100000UL },
    { "hypervisor image", 0xffffffff80200000UL },
    { "last page of the address space", 0xfffffffffffff000UL },
};

/* Every pointer-taking hypercall with one bad pointer p. */
static void bad_pointer(const char *name, void *p)
{
    bool tmem = cmdline_has("tmem");

    expect("console_io write", name, hypercall_console_write(p, 16),
           -XEN_EFAULT);
    expect("memory_op current_reservation", name,
           hypercall_memory_op(XENMEM_current_reservation, p), -XEN_EFAULT);
    expect("memory_op populate_physmap", name,
           hypercall_memory_op(XENMEM_populate_physmap, p), 0);
    expect("memory_op claim_pages", name,
           hypercall_memory_op(XENMEM_claim_pages, p), -XEN_EFAULT);
    expect("sysctl", name, hypercall_sysctl(p), -XEN_EFAULT);
    expect("domctl", name, hypercall_domctl(p), -XEN_EFAULT);
    expect("sched_op shutdown", name,
           hypercall_sched_op(SCHEDOP_shutdown, p), -XEN_EFAULT);
    expect("sched_op remote_shutdown", name,
           hypercall_sched_op(SCHEDOP_remote_shutdown, p), -XEN_EFAULT);
    expect("tmem_op", name, hypercall_tmem_op(p),
           tmem ? -XEN_EFAULT : -XEN_ENODEV);
}

/* A good reservation whose extent list is the bad pointer p. */
static void bad_extent_list(const char *name, void *p)
{
    struct xen_memory_reservation r = {
        .nr_extents = 1, .domid = DOMID_SELF,
    };

    set_xen_guest_handle(r.extent_start, p);
    expect("populate_physmap extent list", name,
           hypercall_memory_op(XENMEM_populate_physmap, &r), 0);
    expect("decrease_reservation extent list", name,
           hypercall_memory_op(XENMEM_decrease_reservation, &r), 0);
}

/* A good numainfo whose arrays are at the bad pointer p. */
static void bad_sysctl_handles(const char *name, void *p)
{
    struct xen_sysctl op = {
        .cmd = XEN_SYSCTL_numainfo,
        .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
        .u.numainfo.num_nodes = 64,
    };

    if ( !p )
        return;                 /* null handles are a size query */
    set_xen_guest_handle(op.u.numainfo.meminfo, p);
    set_xen_guest_handle(op.u.numainfo.distance, p);
    expect("sysctl numainfo arrays", name, hypercall_sysctl(&op),
           -XEN_EFAULT);
}

static void test_bad_pointers(void)
{
    char straddle[64];
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(bad_ptrs); i++ )
    {
        bad_pointer(bad_ptrs[i].name, (void *)bad_ptrs[i].va);
        bad_extent_list(bad_ptrs[i].name, (void *)bad_ptrs[i].va);
        bad_sysctl_handles(bad_ptrs[i].name, (void *)bad_ptrs[i].va);
    }
    /* Straddling the end of populated memory: partly readable. */
    snprintf(straddle, sizeof(straddle), "end of memory %#lx - 1",
             mem_end());
    bad_pointer(straddle, (void *)(mem_end() - 1));
    expect("console_io write, huge count", "end of memory - 64",
           hypercall_console_write((void *)(mem_end() - 64), 0xffffffffUL),
           -XEN_EFAULT);
    printk("Bad pointers: %u checks\n", nr_checks);
}

static void test_unknown_ops(void)
{
    static const unsigned long numbers[] = {
        11, 39, 43, 47, 48, 55, 56, 63, 64, 1000,
        (1UL << 32) | __HYPERVISOR_memory_op, ~0UL,
    };
    struct xen_sysctl sop = {
        .cmd = 0xffff, .interface_version = XEN_SYSCTL_INTERFACE_VERSION,
    };
    struct xen_domctl dop = {
        .cmd = 9999, .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
    };
    char name[32];
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(numbers); i++ )
    {
        snprintf(name, sizeof(name), "%#lx", numbers[i]);
        expect("unknown hypercall", name,
               hypercall5(numbers[i], 0, 0, 0, 0, 0), -XEN_ENOSYS);
    }
    expect("memory_op", "cmd 63", hypercall_memory_op(63, NULL),
           -XEN_ENOSYS);
    expect("console_io", "cmd 2",
           hypercall3(__HYPERVISOR_console_io, 2, 0, 0), -XEN_ENOSYS);
    expect("sched_op", "poll", hypercall_sched_op(SCHEDOP_poll, NULL),
           -XEN_ENOSYS);
    expect("sched_op", "cmd 99", hypercall_sched_op(99, NULL), -XEN_ENOSYS);
    expect("sched_op", "cmd -1", hypercall_sched_op(~0UL, NULL),
           -XEN_ENOSYS);
    expect("sysctl", "cmd 0xffff", hypercall_sysctl(&sop), -XEN_ENOSYS);
    expect("domctl", "cmd 9999", hypercall_domctl(&dop), -XEN_ENOSYS);
}

/* One reservation op; returns its result. */
static long reservation(unsigned long cmd, xen_pfn_t *list,
                        unsigned long nr, unsigned int order,
                        unsigned int flags, domid_t domid)
{
    struct xen_memory_reservation r = {
        .nr_extents = nr, .extent_order = order, .mem_flags = flags,
        .domid = domid,
    };

    set_xen_guest_handle(r.extent_start, list);
    return hypercall_memory_op(cmd, &r);
}

static void test_reservations(void)
{
    static const unsigned int orders[] = {
        HWDOM_MAX_ORDER + 1, MAX_ORDER, MAX_ORDER + 1, 31, 32, 63, 64,
        0xffffffffU,
    };
    xen_pfn_t gfns[4] = { 1UL << 26, P2M_MAX_GFN, P2M_MAX_GFN + 1, ~0UL };
    unsigned long huge_start = 1UL << 50;
    char name[32];
    unsigned int i;

    expect("populate", "2^40 extents", reservation(
               XENMEM_populate_physmap, gfns, 1UL << 40, 0, 0, DOMID_SELF),
           0);
    expect("increase", "2^31 extents", reservation(
               XENMEM_increase_reservation, NULL, 1UL << 31, 0, 0,
               DOMID_SELF), 0);
    expect("populate", "max extents, dom0 at its maximum", reservation(
               XENMEM_populate_physmap, gfns, 0xffffffffU >> 6, 0, 0,
               DOMID_SELF), 0);
    expect("decrease", "2^40 extents, unpopulated gfns", reservation(
               XENMEM_decrease_reservation, gfns, 1UL << 40, 0, 0,
               DOMID_SELF), 0);
    expect("decrease", "gfns beyond the p2m", reservation(
               XENMEM_decrease_reservation, &gfns[2], 2, 0, 0,
               DOMID_SELF), 0);
    for ( i = 0; i < ARRAY_SIZE(orders); i++ )
    {
        snprintf(name, sizeof(name), "order %u", orders[i]);
        expect("populate", name, reservation(XENMEM_populate_physmap,
                                             gfns, 1, orders[i], 0,
                                             DOMID_SELF), 0);
        expect("increase", name, reservation(XENMEM_increase_reservation,
                                             NULL, 1, orders[i], 0,
                                             DOMID_SELF), 0);
    }
    expect("populate", "unknown mem_flags", reservation(
               XENMEM_populate_physmap, gfns, 1, 0, 1U << 31, DOMID_SELF),
           0);
    expect("populate", "start extent beyond nr_extents",
           hypercall_memory_op(XENMEM_populate_physmap |
                               (huge_start << 6), NULL), (long)huge_start);
    expect("maximum_ram_page", "start extent 1", hypercall_memory_op(
               XENMEM_maximum_ram_page | (1UL << 6), NULL), -XEN_EINVAL);
}

static void test_foreign_domids(void)
{
    static const domid_t domids[] = {
        12345, DOMID_FIRST_RESERVED - 1, DOMID_IO, DOMID_XEN, DOMID_COW,
        DOMID_INVALID, DOMID_IDLE, 0xffff,
    };
    struct xen_domctl op = {
        .cmd = XEN_DOMCTL_getdomaininfo,
        .interface_version = XEN_DOMCTL_INTERFACE_VERSION,
    };
    struct sched_remote_shutdown rs = { .reason = SHUTDOWN_poweroff };
    xen_pfn_t gfn = start_info->nr_pages - 1;
    char name[16];
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(domids); i++ )
    {
        domid_t d = domids[i];

        snprintf(name, sizeof(name), "d%u", d);
        expect("current_reservation", name,
               hypercall_memory_op(XENMEM_current_reservation, &d),
               -XEN_ESRCH);
        expect("populate", name, reservation(XENMEM_populate_physmap,
                                             &gfn, 1, 0, 0, d), 0);
        expect("decrease", name, reservation(XENMEM_decrease_reservation,
                                             &gfn, 1, 0, 0, d), 0);
        expect("claim", name, reservation(XENMEM_claim_pages, NULL, 1, 0,
                                          0, d), -XEN_EINVAL);
        op.domain = d;
        op.cmd = XEN_DOMCTL_getdomaininfo;
        expect("domctl getdomaininfo", name, hypercall_domctl(&op),
               -XEN_ESRCH);
        rs.domain_id = d;
        expect("remote_shutdown", name,
               hypercall_sched_op(SCHEDOP_remote_shutdown, &rs),
               -XEN_ESRCH);
    }
    expect("claim", "DOMID_SELF", reservation(XENMEM_claim_pages, NULL, 1,
                                              0, 0, DOMID_SELF),
           -XEN_EINVAL);
}

/* A domctl on domain 'domid' with the given command; returns its result. */
static long domctl(uint32_t cmd, domid_t domid, struct xen_domctl *op)
{
    op->cmd = cmd;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op->domain = domid;
    return hypercall_domctl(op);
}

static void test_privileged(void)
{
    struct xen_domctl op = { 0 };
    struct xen_sysctl sop = {
        .cmd = XEN_SYSCTL_physinfo, .interface_version = 0x15,
    };
    struct sched_shutdown ss;
    static const uint32_t reasons[] = {
        SHUTDOWN_MAX + 1, 255, 256, 0x80000000U, 0xffffffffU,
    };
    unsigned int i;

    expect("destroydomain", "self", domctl(XEN_DOMCTL_destroydomain, 0,
                                           &op), -XEN_EINVAL);
    expect("pausedomain", "self", domctl(XEN_DOMCTL_pausedomain, 0, &op),
           -XEN_EINVAL);
    expect("unpausedomain", "self", domctl(XEN_DOMCTL_unpausedomain, 0,
                                           &op), -XEN_EINVAL);
    expect("sysctl", "interface version 0x15", hypercall_sysctl(&sop),
           -XEN_EACCES);
    op = (struct xen_domctl){ .cmd = XEN_DOMCTL_getdomaininfo,
                              .interface_version = 0x17 };
    expect("domctl", "interface version 0x17", hypercall_domctl(&op),
           -XEN_EACCES);
    op = (struct xen_domctl){ 0 };
    op._pad[1] = 1;
    expect("domctl", "_pad set", domctl(XEN_DOMCTL_getdomaininfo, 0, &op),
           -XEN_EINVAL);

    op = (struct xen_domctl){ 0 };
    op.u.createdomain.max_vcpus = 0;
    expect("createdomain", "0 vCPUs", domctl(XEN_DOMCTL_createdomain, 0,
                                             &op), -XEN_EINVAL);
    op.u.createdomain.max_vcpus = 1000;
    expect("createdomain", "1000 vCPUs", domctl(XEN_DOMCTL_createdomain, 0,
                                                &op), -XEN_EINVAL);
    op.u.createdomain.max_vcpus = 1;
    op.u.createdomain.flags = 0xffff;
    expect("createdomain", "unknown flags", domctl(XEN_DOMCTL_createdomain,
                                                   0, &op), -XEN_EINVAL);
    op.u.createdomain.flags = 0;
    expect("createdomain", "reserved domid DOMID_XEN", domctl(
               XEN_DOMCTL_createdomain, DOMID_XEN, &op), -XEN_EINVAL);

    for ( i = 0; i < ARRAY_SIZE(reasons); i++ )
    {
        ss.reason = reasons[i];
        expect("shutdown", "bad reason",
               hypercall_sched_op(SCHEDOP_shutdown, &ss), -XEN_EINVAL);
    }
    printk("Privileged and argument checks: %u checks so far\n",
           nr_checks);
}

/*
 * State a guest controls when it enters: a non-canonical stack pointer
 * (the hypervisor must neither use it nor fault returning it), and the
 * direction and alignment-check flags (the hypervisor must copy
 * forwards whatever the guest left in DF).
 */
static void test_entry_state(void)
{
    domid_t self = DOMID_SELF;
    long rc;

    __asm__ __volatile__ (
        "mov %%rsp, %%rbx;"
        "movabs $0x8000000000000000, %%rsp;"
        "syscall;"
        "mov %%rbx, %%rsp"
        : "=a" (rc)
        : "0" ((unsigned long)__HYPERVISOR_sched_op), "D" (SCHEDOP_yield),
          "S" (0UL)
        : "rbx", "rcx", "rdx", "r8", "r10", "r11", "memory" );
    expect("yield", "non-canonical rsp", rc, 0);

    __asm__ __volatile__ (
        "pushfq; orl $0x40000, (%%rsp); popfq;"     /* AC */
        "std;"
        "syscall;"
        "cld;"
        "pushfq; andl $~0x40000, (%%rsp); popfq"
        : "=a" (rc)
        : "0" ((unsigned long)__HYPERVISOR_memory_op),
          "D" ((unsigned long)XENMEM_current_reservation), "S" (&self)
        : "rcx", "rdx", "r8", "r10", "r11", "memory", "cc" );
    expect("current_reservation", "DF and AC set", rc,
           (long)start_info->nr_pages);
}

/* One tmem op on pool 'pool' with a page-op body; returns its result. */
static long tmem(uint32_t cmd, int32_t pool, uint64_t oid0, uint32_t index,
                 xen_pfn_t gfn)
{
    struct tmem_op op = {
        .cmd = cmd, .pool_id = pool,
        .u.gen = { .oid = { { oid0, 0, 0 } }, .index = index, .cmfn = gfn },
    };

    return hypercall_tmem_op(&op);
}

static long tmem_new_pool(uint32_t flags)
{
    struct tmem_op op = { .cmd = TMEM_NEW_POOL, .u.creat.flags = flags };

    return hypercall_tmem_op(&op);
}

#define POOL_V1         (TMEM_SPEC_VERSION << TMEM_POOL_VERSION_SHIFT)

static void test_tmem_pool_ops(int32_t pool, xen_pfn_t gfn)
{
    struct tmem_op op = {
        .cmd = TMEM_PUT_PAGE, .pool_id = pool,
        .u.gen = { .oid = { { ~0UL, ~0UL, ~0UL } }, .cmfn = gfn },
    };

    expect("tmem get", "empty pool", tmem(TMEM_GET_PAGE, pool, 1, 0, gfn),
           -EEMPTY);
    expect("tmem put", "invalid oid", hypercall_tmem_op(&op), -XEN_EINVAL);
    op.u.gen.oid.oid[0] = 1;
    op.u.gen.tmem_offset = 1;
    expect("tmem put", "tmem_offset 1", hypercall_tmem_op(&op),
           -XEN_EINVAL);
    op.u.gen.tmem_offset = 0;
    op.u.gen.len = 1;
    expect("tmem put", "len 1", hypercall_tmem_op(&op), -XEN_EINVAL);
    expect("tmem put", "unpopulated gfn", tmem(TMEM_PUT_PAGE, pool, 1, 0,
                                               1UL << 26), -XEN_EFAULT);
    expect("tmem put", "gfn 2^40", tmem(TMEM_PUT_PAGE, pool, 1, 0,
                                        1UL << 40), -XEN_EFAULT);
    expect("tmem put", "good page", tmem(TMEM_PUT_PAGE, pool, 1, 0, gfn), 1);
    expect("tmem get", "into an unpopulated gfn",
           tmem(TMEM_GET_PAGE, pool, 1, 0, 1UL << 26), -XEN_EFAULT);
    expect("tmem get", "good page", tmem(TMEM_GET_PAGE, pool, 1, 0, gfn),
           1);
    expect("tmem destroy", "pool", tmem(TMEM_DESTROY_POOL, pool, 0, 0, 0),
           1);
    expect("tmem destroy", "again", tmem(TMEM_DESTROY_POOL, pool, 0, 0, 0),
           0);
}

static void test_tmem(void)
{
    static const uint32_t bad_cmds[] = { TMEM_NEW_PAGE, TMEM_READ,
                                         TMEM_WRITE, TMEM_XCHG, 99 };
    xen_pfn_t gfn = start_info->nr_pages - 1;
    char name[16];
    unsigned int i;
    long pool;

    if ( !cmdline_has("tmem") )
    {
        expect("tmem", "disabled: new pool", tmem_new_pool(POOL_V1),
               -XEN_ENODEV);
        expect("tmem", "disabled: put", tmem(TMEM_PUT_PAGE, 0, 1, 0, gfn),
               -XEN_ENODEV);
        return;
    }
    for ( i = 0; i < ARRAY_SIZE(bad_cmds); i++ )
    {
        snprintf(name, sizeof(name), "cmd %u", bad_cmds[i]);
        expect("tmem", name, tmem(bad_cmds[i], 0, 1, 0, gfn), -XEN_ENOSYS);
    }
    expect("tmem put", "pool -1", tmem(TMEM_PUT_PAGE, -1, 1, 0, gfn),
           -XEN_ENODEV);
    expect("tmem put", "pool 16", tmem(TMEM_PUT_PAGE, 16, 1, 0, gfn),
           -XEN_ENODEV);
    expect("tmem put", "no pool yet", tmem(TMEM_PUT_PAGE, 0, 1, 0, gfn),
           -XEN_ENODEV);
    expect("tmem new pool", "page size 8K", tmem_new_pool(
               POOL_V1 | (1U << TMEM_POOL_PAGESIZE_SHIFT)), -XEN_EPERM);
    expect("tmem new pool", "reserved bits", tmem_new_pool(
               POOL_V1 | 0x100), -XEN_EPERM);
    expect("tmem new pool", "shared persistent", tmem_new_pool(
               POOL_V1 | TMEM_POOL_SHARED | TMEM_POOL_PERSIST), -XEN_EPERM);
    pool = tmem_new_pool(POOL_V1 | TMEM_POOL_PERSIST);
    expect("tmem new pool", "private persistent v1", pool, 0);
    if ( pool >= 0 )
        test_tmem_pool_ops(pool, gfn);
    /* Last: a spec-v0 client loses tmem for every later op. */
    expect("tmem new pool", "spec version 0", tmem_new_pool(0), -XEN_EPERM);
    expect("tmem new pool", "v1 after v0", tmem_new_pool(POOL_V1),
           -XEN_EPERM);
}

const char test_title[] = "hostile: bad pointers, unknown ops, huge "
                          "counts, bad orders, foreign domids, tmem";

void test_main(void)
{
    test_bad_pointers();
    test_unknown_ops();
    test_reservations();
    test_foreign_domids();
    test_privileged();
    test_entry_state();
    test_tmem();
    printk("%u checks done; the hypervisor is still here\n", nr_checks);
    guest_success(NULL);
}
