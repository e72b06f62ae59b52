/* SPDX-License-Identifier: GPL-2.0 */
/*
 * smp: one domain, several vCPUs on one physical CPU.
 *
 * - vCPUs 1..N-1 come up through VCPUOP_initialise / VCPUOP_up
 *   (guest_vcpu_start) and each sees its own id, stack and thread-local
 *   data (errno and a __thread counter survive the other vCPUs running).
 * - They really interleave by preemption: each vCPU spins, never
 *   yielding, until the shared "last writer" shows that another vCPU ran
 *   meanwhile.  Only timer preemption can end that spin (round robin
 *   guarantees it for every vCPU); without it the spin hits its cap and
 *   the test fails.
 * - A spinlock-protected shared counter comes out exact.
 * - A stopped vCPU can be started again with new work.
 * - The vcpu_op and set_segment_base errors a guest can provoke come
 *   back as Xen's error values, and the hypervisor survives them.
 *
 * Command line: vcpus=<n> (2..8, default 4).
 */

#include "guest.h"

#include <public/vcpu.h>

#define LOCKED_ROUNDS           20000
#define SPIN_CAP                (1UL << 32)

static unsigned int nr_vcpus = 4;
static guest_spinlock_t counter_lock = GUEST_SPINLOCK_INIT;
static unsigned long counter;
static volatile unsigned int last_writer;
static bool preempted[GUEST_MAX_VCPUS];
static unsigned long spins[GUEST_MAX_VCPUS];
static bool tls_ok[GUEST_MAX_VCPUS];
static unsigned int second_round[GUEST_MAX_VCPUS];
static __thread unsigned long tls_counter;

extern __thread int errno;

static void check_eq(const char *what, long got, long want)
{
    if ( got != want )
        guest_failure("Fail: %s: got %ld, expected %ld\n", what, got, want);
}

static long vcpu_op(unsigned int cmd, unsigned int id, void *arg)
{
    return hypercall3(__HYPERVISOR_vcpu_op, cmd, id, (unsigned long)arg);
}

/* Work of each vCPU in the first round. */
static void worker(void *arg)
{
    unsigned int id = guest_vcpu_id, i;
    unsigned long n;

    errno = (int)(1000 + id);
    tls_counter = id * 7;
    if ( (unsigned long)arg != id )
        guest_failure("Fail: vCPU %u got argument %lu\n", id,
                      (unsigned long)arg);

    /* Spin without yielding: only preemption lets the others run. */
    last_writer = id;
    for ( n = 0; n < SPIN_CAP && last_writer == id; n++ )
        __asm__ __volatile__ ( "" ::: "memory" );
    preempted[id] = last_writer != id;
    spins[id] = n;
    last_writer = id;

    for ( i = 0; i < LOCKED_ROUNDS; i++ )
    {
        guest_spin_lock(&counter_lock);
        counter++;
        guest_spin_unlock(&counter_lock);
        tls_counter++;
        if ( !(i % 1000) )
            hypercall_yield();
    }
    tls_ok[id] = errno == (int)(1000 + id) &&
                 tls_counter == id * 7 + LOCKED_ROUNDS;
}

static void second_work(void *arg)
{
    second_round[guest_vcpu_id] = (unsigned int)(unsigned long)arg;
}

static void test_bring_up(void)
{
    unsigned int i;
    long rc;

    for ( i = 1; i < nr_vcpus; i++ )
    {
        check_eq("VCPUOP_is_up before start", vcpu_op(VCPUOP_is_up, i, NULL),
                 0);
        rc = guest_vcpu_start(i, worker, (void *)(unsigned long)i);
        if ( rc )
        {
            guest_failure("Fail: starting vCPU %u: %ld\n", i, rc);
            return;
        }
    }
    worker((void *)0UL);
    for ( i = 1; i < nr_vcpus; i++ )
        guest_vcpu_wait(i);

    check_eq("locked counter", (long)counter,
             (long)nr_vcpus * LOCKED_ROUNDS);
    for ( i = 0; i < nr_vcpus; i++ )
    {
        printk("vCPU %u: preempted after %lu spins\n", i, spins[i]);
        if ( !tls_ok[i] )
            guest_failure("Fail: vCPU %u: thread-local data disturbed\n", i);
        if ( !preempted[i] )
            guest_failure("Fail: vCPU %u never saw another vCPU run: no "
                          "preemption\n", i);
    }
}

static void test_restart(void)
{
    unsigned int i;

    for ( i = 1; i < nr_vcpus; i++ )
        if ( guest_vcpu_start(i, second_work, (void *)(100UL + i)) )
            guest_failure("Fail: restarting vCPU %u\n", i);
    for ( i = 1; i < nr_vcpus; i++ )
    {
        guest_vcpu_wait(i);
        check_eq("second round's work", second_round[i], 100 + i);
    }
}

/* The errors a guest can provoke with vcpu_op and set_segment_base. */
static void test_errors(void)
{
    static struct vcpu_guest_context ctx;
    unsigned int spare = nr_vcpus;      /* never started */

    check_eq("is_up vCPU 0", vcpu_op(VCPUOP_is_up, 0, NULL), 1);
    check_eq("is_up out of range", vcpu_op(VCPUOP_is_up, 4096, NULL),
             -XEN_ENOENT);
    check_eq("up out of range", vcpu_op(VCPUOP_up, 32, NULL), -XEN_ENOENT);
    check_eq("up, not initialised", vcpu_op(VCPUOP_up, spare, NULL),
             -XEN_EINVAL);
    check_eq("initialise vCPU 0 again", vcpu_op(VCPUOP_initialise, 0, &ctx),
             -XEN_EEXIST);
    check_eq("down another vCPU", vcpu_op(VCPUOP_down, 1, NULL),
             -XEN_EINVAL);
    check_eq("unknown command", vcpu_op(VCPUOP_send_nmi, 0, NULL),
             -XEN_ENOSYS);
    check_eq("initialise, context in hypervisor space",
             vcpu_op(VCPUOP_initialise, spare,
                     (void *)0xffff830000000000UL), -XEN_EFAULT);
    check_eq("initialise, unmapped context",
             vcpu_op(VCPUOP_initialise, spare, (void *)0x10UL), -XEN_EFAULT);

#define BAD_CTX(what, stmt) do {                                        \
        memset(&ctx, 0, sizeof(ctx));                                   \
        ctx.user_regs.rip = (unsigned long)test_errors;                 \
        stmt;                                                           \
        check_eq("initialise, " what,                                   \
                 vcpu_op(VCPUOP_initialise, spare, &ctx), -XEN_EINVAL); \
    } while ( 0 )
    BAD_CTX("non-canonical rip", ctx.user_regs.rip = 0x0000800000000000UL);
    BAD_CTX("hypervisor rip", ctx.user_regs.rip = 0xffff830000001000UL);
    BAD_CTX("non-canonical rsp", ctx.user_regs.rsp = 0x8000000000000000UL);
    BAD_CTX("IOPL 3", ctx.user_regs.rflags = 0x3202);
    BAD_CTX("ring-0 cs", ctx.user_regs.cs = 0x08);
    BAD_CTX("ds selector", ctx.user_regs.ds = 0x33);
    BAD_CTX("virtual IDT", ctx.trap_ctxt[14].address = 0x40100000UL);
    BAD_CTX("kernel stack", ctx.kernel_sp = 0x40100000UL);
    BAD_CTX("cr3", ctx.ctrlreg[3] = 0x1000);
    BAD_CTX("fpu state", ctx.fpu_ctxt.x[0] = 1);
    BAD_CTX("flags", ctx.flags = VGCF_I387_VALID);
    BAD_CTX("fs_base", ctx.fs_base = 0xffff830000000000UL);
    BAD_CTX("gs_base_kernel", ctx.gs_base_kernel = 0x40100000UL);
#undef BAD_CTX
    check_eq("the spare vCPU is still not up",
             vcpu_op(VCPUOP_is_up, spare, NULL), 0);

    check_eq("set_segment_base, non-canonical",
             hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_FS,
                        0x0000800000000000UL), -XEN_EINVAL);
    check_eq("set_segment_base, kernel gs",
             hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_GS_KERNEL, 0),
             -XEN_EOPNOTSUPP);
    check_eq("set_segment_base, unknown register",
             hypercall2(__HYPERVISOR_set_segment_base, 99, 0), -XEN_EINVAL);
    check_eq("set_segment_base, user gs",
             hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_GS_USER,
                        0x40000000UL), 0);
}

const char test_title[] = "smp: several vCPUs in one domain";

void test_main(void)
{
    nr_vcpus = cmdline_ulong("vcpus", nr_vcpus);
    if ( nr_vcpus < 2 || nr_vcpus >= GUEST_MAX_VCPUS )
    {
        guest_error("Error: vcpus=%u: need 2..%u\n", nr_vcpus,
                    GUEST_MAX_VCPUS - 1);
        return;
    }
    printk("Running %u vCPUs\n", nr_vcpus);
    test_bring_up();
    test_restart();
    test_errors();
    guest_success(NULL);
}
