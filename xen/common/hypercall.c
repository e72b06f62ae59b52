/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypercall table: Xen's numbers, one entry per hypercall we serve,
 * and the continuation mechanism shared by every arch.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>

typedef long (*hypercall_fn_t)(const unsigned long a[5]);

static long hc_memory_op(const unsigned long a[5])
{
    return do_memory_op(a[0], guest_handle_from_ulong(void, a[1]));
}

static long hc_domctl(const unsigned long a[5])
{
    return do_domctl(guest_handle_from_ulong(void, a[0]));
}

static long hc_sysctl(const unsigned long a[5])
{
    return do_sysctl(guest_handle_from_ulong(void, a[0]));
}

static long hc_console_io(const unsigned long a[5])
{
    return do_console_io((unsigned int)a[0], (unsigned int)a[1],
                         guest_handle_from_ulong(char, a[2]));
}

static long hc_sched_op(const unsigned long a[5])
{
    return do_sched_op((int)a[0], guest_handle_from_ulong(void, a[1]));
}

static long hc_tmem_op(const unsigned long a[5])
{
    return do_tmem_op(guest_handle_from_ulong(void, a[0]));
}

static long hc_vcpu_op(const unsigned long a[5])
{
    return do_vcpu_op((int)a[0], (unsigned int)a[1],
                      guest_handle_from_ulong(void, a[2]));
}

static long hc_set_segment_base(const unsigned long a[5])
{
    return arch_set_segment_base((unsigned int)a[0], a[1]);
}

static const hypercall_fn_t hypercall_table[] = {
    [__HYPERVISOR_memory_op]    = hc_memory_op,
    [__HYPERVISOR_console_io]   = hc_console_io,
    [__HYPERVISOR_vcpu_op]      = hc_vcpu_op,
    [__HYPERVISOR_set_segment_base] = hc_set_segment_base,
    [__HYPERVISOR_sched_op]     = hc_sched_op,
    [__HYPERVISOR_sysctl]       = hc_sysctl,
    [__HYPERVISOR_domctl]       = hc_domctl,
    [__HYPERVISOR_tmem_op]      = hc_tmem_op,
};

long hypercall_dispatch(unsigned int op, const unsigned long args[5])
{
    struct vcpu *v = current;

    ASSERT(v);
    v->cont.pending = false;
    if ( op >= ARRAY_SIZE(hypercall_table) || !hypercall_table[op] )
        return -ENOSYS;
    return hypercall_table[op](args);
}

long hypercall_create_continuation(unsigned int op, unsigned int nr_args,
                                   ...)
{
    struct hcall_continuation *c = &current->cont;
    unsigned int i;
    va_list ap;

    ASSERT(nr_args <= ARRAY_SIZE(c->args));
    c->pending = true;
    c->op = op;
    va_start(ap, nr_args);
    for ( i = 0; i < ARRAY_SIZE(c->args); i++ )
        c->args[i] = i < nr_args ? va_arg(ap, unsigned long) : 0;
    va_end(ap);
    return op;
}

bool hypercall_preempt_check(void)
{
    return arch_hypercall_preempt_check();
}
