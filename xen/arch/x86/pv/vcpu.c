/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Secondary vCPUs of ring-3 domains (VCPUOP_*, public/vcpu.h) and the
 * segment bases a guest may set (__HYPERVISOR_set_segment_base).
 *
 * A domain gets vCPU 0 from its builder.  Its code brings up vCPU n
 * itself, as a Xen PV kernel does: VCPUOP_initialise with a struct
 * vcpu_guest_context gives slot n its registers (the vCPU is created
 * then, offline, on the run queue), VCPUOP_up makes it runnable.  Of a
 * PV kernel's context only what a ring-3 domain here can use is taken:
 * the general registers, rip, rsp, the arithmetic flags, fs_base and
 * gs_base_user.  Every other field (FPU image, virtual IDT, LDT, GDT,
 * kernel stack, control and debug registers, callbacks, vm_assist,
 * gs_base_kernel, data selectors) must be zero, and cs/ss zero or the
 * flat user selectors: a guest that asks for something not provided
 * gets -EINVAL rather than a vCPU that silently differs.
 *
 * Addresses that iretq or wrmsr would fault on in ring 0 (rip, rsp and
 * the bases must be canonical lower-half addresses) are refused here,
 * before they reach the hardware.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/xmalloc.h>

#include <asm/config.h>
#include <asm/current.h>
#include <asm/domain.h>
#include <asm/processor.h>

#include <public/xen.h>

/* The arithmetic flags a guest may start with (CF PF AF ZF SF DF OF). */
#define GUEST_EFLAGS_ARITH      0x0cd5UL

/* Lowest address past the lower canonical half (48-bit). */
#define USER_VA_END             (1UL << 47)

static bool user_canonical(uint64_t va)
{
    return va < USER_VA_END;
}

/* Is every byte of [p, p + n) zero? */
static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;

    while ( n-- )
        if ( *b++ )
            return false;
    return true;
}

/*
 * Check a guest's initial context against the rules above.  0 or
 * -EINVAL, with the offending field in *why.
 */
static int check_context(const struct vcpu_guest_context *c,
                         const char **why)
{
    const struct xen_cpu_user_regs *r = &c->user_regs;

    if ( c->flags & ~(VGCF_in_kernel | VGCF_online) )
        *why = "flags";
    else if ( !all_zero(&c->fpu_ctxt, sizeof(c->fpu_ctxt)) )
        *why = "fpu_ctxt";
    else if ( !all_zero(c->trap_ctxt, sizeof(c->trap_ctxt)) )
        *why = "trap_ctxt";
    else if ( !all_zero(&c->ldt_base, offsetof(struct vcpu_guest_context,
                                               fs_base) -
                                      offsetof(struct vcpu_guest_context,
                                               ldt_base)) )
        *why = "ldt/gdt/kernel stack/ctrlreg/debugreg/callbacks/vm_assist";
    else if ( c->gs_base_kernel )
        *why = "gs_base_kernel";
    else if ( !user_canonical(c->fs_base) ||
              !user_canonical(c->gs_base_user) )
        *why = "fs_base/gs_base_user";
    else if ( !user_canonical(r->rip) || !user_canonical(r->rsp) )
        *why = "rip/rsp";
    else if ( r->rflags & ~(GUEST_EFLAGS_ARITH | X86_EFLAGS_IF |
                            X86_EFLAGS_MBS) )
        *why = "rflags";
    else if ( (r->cs && r->cs != FLAT_USER_CS) ||
              (r->ss && r->ss != FLAT_USER_DS) ||
              r->es || r->ds || r->fs || r->gs )
        *why = "selectors";
    else
        return 0;
    return -EINVAL;
}

/* Copy the general registers of the guest's context into a new frame. */
static void load_context(struct arch_vcpu *av,
                         const struct vcpu_guest_context *c)
{
    const struct xen_cpu_user_regs *r = &c->user_regs;
    struct cpu_user_regs *f = &av->regs;

    f->r15 = r->r15;
    f->r14 = r->r14;
    f->r13 = r->r13;
    f->r12 = r->r12;
    f->rbp = r->rbp;
    f->rbx = r->rbx;
    f->r11 = r->r11;
    f->r10 = r->r10;
    f->r9 = r->r9;
    f->r8 = r->r8;
    f->rax = r->rax;
    f->rcx = r->rcx;
    f->rdx = r->rdx;
    f->rsi = r->rsi;
    f->rdi = r->rdi;
    f->rflags = (r->rflags & GUEST_EFLAGS_ARITH) | X86_EFLAGS_MBS |
                X86_EFLAGS_IF;
    av->fs_base = c->fs_base;
    av->gs_base = c->gs_base_user;
}

long arch_vcpu_initialise(struct domain *d, unsigned int id,
                          XEN_GUEST_HANDLE_PARAM(void) arg)
{
    struct vcpu_guest_context *c;
    const char *why = "";
    struct vcpu *v;
    long rc;

    if ( d->vcpu[id] )
        return -EEXIST;
    c = xmalloc(struct vcpu_guest_context);
    if ( !c )
        return -ENOMEM;
    rc = -EFAULT;
    if ( copy_from_guest(c, guest_handle_cast(arg, vcpu_guest_context_t),
                         1) )
        goto out;
    rc = check_context(c, &why);
    if ( rc )
    {
        gprintk(XENLOG_WARNING, "VCPUOP_initialise vCPU %u: bad %s\n", id,
                why);
        goto out;
    }
    rc = -ENOMEM;
    v = pv_vcpu_create(d, id, c->user_regs.rip, c->user_regs.rsp,
                       c->user_regs.rsi);
    if ( !v )
        goto out;
    load_context(vcpu_arch(v), c);
    sched_vcpu_add(v);                  /* offline until VCPUOP_up */
    rc = 0;
 out:
    xfree(c);
    return rc;
}

long arch_vcpu_up(struct domain *d, unsigned int id)
{
    struct vcpu *v = d->vcpu[id];

    if ( !v || !v->arch )
        return -EINVAL;
    WRITE_ONCE(vcpu_arch(v)->online, true);
    return 0;
}

/*
 * Stop the calling vCPU.  It leaves the CPU on the way out of this
 * hypercall (its frame is saved as for any switch) and sees 0 when a
 * sibling's VCPUOP_up lets it run again.
 */
long arch_vcpu_down(struct vcpu *v)
{
    WRITE_ONCE(vcpu_arch(v)->online, false);
    arch_vcpu_yield(v);
    return 0;
}

long arch_vcpu_is_up(struct domain *d, unsigned int id)
{
    const struct vcpu *v = d->vcpu[id];

    return v && v->arch && READ_ONCE(vcpu_arch(v)->online);
}

long arch_set_segment_base(unsigned int which, unsigned long base)
{
    struct arch_vcpu *av = vcpu_arch(current);

    switch ( which )
    {
    case SEGBASE_FS:
    case SEGBASE_GS_USER:
        if ( !user_canonical(base) )
            return -EINVAL;
        if ( which == SEGBASE_FS )
        {
            av->fs_base = base;
            wrmsr(MSR_FS_BASE, base);
        }
        else
        {
            av->gs_base = base;
            wrmsr(MSR_GS_BASE, base);
        }
        return 0;

    case SEGBASE_GS_KERNEL:
    case SEGBASE_GS_USER_SEL:
        return -EOPNOTSUPP;             /* no swapgs kernels here */

    default:
        return -EINVAL;
    }
}
