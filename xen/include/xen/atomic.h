/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Atomic counters on the compiler's __atomic builtins, which are inline
 * instructions (lock xadd, lock cmpxchg) on every arch we build for.
 */
#ifndef XEN_ATOMIC_H
#define XEN_ATOMIC_H

#include <xen/types.h>

typedef struct { int counter; } atomic_t;

#define ATOMIC_INIT(i)      { (i) }

static inline int atomic_read(const atomic_t *v)
{
    return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *v, int i)
{
    __atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline int atomic_add_return(int i, atomic_t *v)
{
    return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void atomic_inc(atomic_t *v) { atomic_add_return(1, v); }
static inline void atomic_dec(atomic_t *v) { atomic_add_return(-1, v); }

/* Returns true when the counter dropped to zero. */
static inline bool atomic_dec_and_test(atomic_t *v)
{
    return atomic_add_return(-1, v) == 0;
}

/* Store 'new' if the value is 'old'; returns the value seen. */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
    __atomic_compare_exchange_n(&v->counter, &old, new, false,
                                __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    return old;
}

#define smp_mb()    __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb()   __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb()   __atomic_thread_fence(__ATOMIC_RELEASE)

#endif /* XEN_ATOMIC_H */
