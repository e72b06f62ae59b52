/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Several vCPUs in one test guest: thread-local storage, starting a
 * secondary vCPU on a function, and a spinlock.
 *
 * TLS follows the x86_64 ELF ABI (variant II) with the local-exec
 * model: fs_base points at a thread control block whose first word
 * points at itself, and the vCPU's copy of the PT_TLS template (.tdata
 * then zeroed .tbss, guest.lds) ends right below it.  Each vCPU has a
 * static TLS area here; vCPU 0 loads its fs_base with
 * __HYPERVISOR_set_segment_base first thing, a secondary vCPU gets it
 * in its VCPUOP_initialise context.
 *
 * guest_vcpu_start() hands vCPU n a stack of its own, its TLS and a
 * function; when the function returns the vCPU marks itself done and
 * stops (VCPUOP_down).  guest_vcpu_wait() waits for that, yielding.  A
 * stopped vCPU may be started again with new work.  Starting vCPUs is
 * vCPU 0's job (the state of which vCPU was started is not shared).
 *
 * The spinlock spins a little, then yields: on one physical CPU the
 * holder may have been preempted, and only yielding lets it run.
 */

#include "guest.h"

#include <public/vcpu.h>

#define TLS_AREA                4096    /* TLS block + TCB, per vCPU */
#define TLS_ALIGN               64
#define VCPU_STACK              16384
#define SPINS_BEFORE_YIELD      64

extern const char __tls_start[];
extern const char __tdata_size[], __tls_memsz[], __tls_align[];

static char tls_areas[GUEST_MAX_VCPUS][TLS_AREA]
    __attribute__((aligned(TLS_ALIGN)));
static char vcpu_stacks[GUEST_MAX_VCPUS][VCPU_STACK]
    __attribute__((aligned(16)));
static volatile bool vcpu_done[GUEST_MAX_VCPUS];
static bool vcpu_started[GUEST_MAX_VCPUS];     /* vCPU 0's caller only */
static struct {
    void (*fn)(void *);
    void *arg;
} vcpu_work[GUEST_MAX_VCPUS];
static struct vcpu_guest_context start_ctx;
static guest_spinlock_t start_lock;

__thread unsigned int guest_vcpu_id;

void guest_vcpu_entry(void);
void guest_vcpu_main(void (*fn)(void *), void *arg);

/*
 * Lay out vCPU id's TLS block in its area and return the TCB address
 * (the fs_base value), or 0 if the template does not fit.
 */
static unsigned long tls_prepare(unsigned int id)
{
    unsigned long memsz = (unsigned long)__tls_memsz;
    unsigned long align = (unsigned long)__tls_align;
    unsigned long size, tcb;
    char *block;

    if ( !align )
        align = 1;
    size = (memsz + align - 1) & ~(align - 1);
    if ( align > TLS_ALIGN || size + sizeof(void *) > TLS_AREA )
        return 0;
    tcb = ((unsigned long)tls_areas[id] + size + TLS_ALIGN - 1) &
          ~(unsigned long)(TLS_ALIGN - 1);
    if ( tcb + sizeof(void *) > (unsigned long)tls_areas[id] + TLS_AREA )
        return 0;
    block = (char *)(tcb - size);
    memcpy(block, __tls_start, (unsigned long)__tdata_size);
    memset(block + (unsigned long)__tdata_size, 0,
           memsz - (unsigned long)__tdata_size);
    *(unsigned long *)tcb = tcb;
    return tcb;
}

int guest_tls_init(void)
{
    unsigned long tcb = tls_prepare(0);

    if ( !tcb )
        return -1;
    if ( hypercall2(__HYPERVISOR_set_segment_base, SEGBASE_FS, tcb) )
        return -1;
    guest_vcpu_id = 0;
    return 0;
}

/* fs_base of the running vCPU: the TCB's first word points at itself. */
static unsigned long thread_pointer(void)
{
    unsigned long tp;

    __asm__ __volatile__ ( "mov %%fs:0, %0" : "=r" (tp) );
    return tp;
}

/*
 * C entry of a secondary vCPU (head.S guest_vcpu_entry): run the work
 * it was started with, report it done and stop; a later
 * guest_vcpu_start() of the same vCPU brings it back here with new work.
 */
void guest_vcpu_main(void (*fn)(void *), void *arg)
{
    unsigned int id = guest_vcpu_id;

    for ( ;; )
    {
        fn(arg);
        __atomic_store_n(&vcpu_done[id], true, __ATOMIC_RELEASE);
        hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_down, id, 0);
        fn = vcpu_work[id].fn;
        arg = vcpu_work[id].arg;
    }
}

/* First start of vCPU id: give it a context.  0 or -XEN_E*. */
static long vcpu_initialise(unsigned int id, void (*fn)(void *), void *arg)
{
    unsigned long tcb = tls_prepare(id);
    long rc;

    if ( !tcb )
        return -XEN_ENOMEM;
    /* guest_vcpu_id sits at the same offset from every vCPU's TCB. */
    *(unsigned int *)(tcb + ((unsigned long)&guest_vcpu_id -
                             thread_pointer())) = id;
    guest_spin_lock(&start_lock);
    memset(&start_ctx, 0, sizeof(start_ctx));
    start_ctx.user_regs.rip = (unsigned long)guest_vcpu_entry;
    start_ctx.user_regs.rsp = (unsigned long)&vcpu_stacks[id][VCPU_STACK];
    start_ctx.user_regs.rdi = (unsigned long)fn;
    start_ctx.user_regs.rsi = (unsigned long)arg;
    start_ctx.fs_base = tcb;
    rc = hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_initialise, id,
                    (unsigned long)&start_ctx);
    guest_spin_unlock(&start_lock);
    return rc;
}

long guest_vcpu_start(unsigned int id, void (*fn)(void *), void *arg)
{
    long rc;

    if ( !id || id >= GUEST_MAX_VCPUS )
        return -XEN_EINVAL;
    if ( vcpu_started[id] && !guest_vcpu_done(id) )
        return -XEN_EBUSY;
    vcpu_work[id].fn = fn;
    vcpu_work[id].arg = arg;
    __atomic_store_n(&vcpu_done[id], false, __ATOMIC_RELEASE);
    if ( !vcpu_started[id] )
    {
        rc = vcpu_initialise(id, fn, arg);
        if ( rc )
            return rc;
        vcpu_started[id] = true;
    }
    else
    {
        /* Wait until it really is down before bringing it up again. */
        while ( hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_is_up, id, 0) > 0 )
            hypercall_yield();
    }
    return hypercall3(__HYPERVISOR_vcpu_op, VCPUOP_up, id, 0);
}

bool guest_vcpu_done(unsigned int id)
{
    return id < GUEST_MAX_VCPUS &&
           __atomic_load_n(&vcpu_done[id], __ATOMIC_ACQUIRE);
}

void guest_vcpu_wait(unsigned int id)
{
    while ( !guest_vcpu_done(id) )
        hypercall_yield();
}

void guest_spin_lock(guest_spinlock_t *l)
{
    unsigned int spins = 0;

    while ( __atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) )
    {
        if ( ++spins < SPINS_BEFORE_YIELD )
            __asm__ __volatile__ ( "pause" );
        else
        {
            hypercall_yield();
            spins = 0;
        }
    }
}

void guest_spin_unlock(guest_spinlock_t *l)
{
    __atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}
