/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Ticket spinlocks, the same code on every arch.  The lock word holds a
 * 16-bit "now serving" head and a 16-bit "next ticket" tail; a locker
 * takes a ticket with one atomic add and waits for head to reach it, so
 * waiters are served in FIFO order and cannot starve.  The hosted arch
 * runs vCPUs as host threads, so these locks really are contended there.
 */
#ifndef XEN_SPINLOCK_H
#define XEN_SPINLOCK_H

#include <xen/compiler.h>
#include <xen/types.h>

#include <asm/processor.h>

typedef struct spinlock {
    uint32_t word;              /* head in bits 0-15, tail in bits 16-31 */
} spinlock_t;

#define SPINLOCK_TAIL_ONE       (1U << 16)
#define SPIN_LOCK_UNLOCKED      { 0 }
#define DEFINE_SPINLOCK(l)      spinlock_t l = SPIN_LOCK_UNLOCKED

static inline void spin_lock_init(spinlock_t *l)
{
    l->word = 0;
}

static inline uint16_t spin_head(uint32_t word) { return (uint16_t)word; }
static inline uint16_t spin_tail(uint32_t word)
{
    return (uint16_t)(word >> 16);
}

/*
 * Spin until 'ticket' is served: the contended half of spin_lock(), out
 * of line (xen/common/spinlock.c) so that the uncontended path inlines
 * into leaf functions without making them save registers.
 */
void spin_lock_wait(spinlock_t *l, uint16_t ticket);

/*
 * Take the lock, spinning (never sleeping) until it is ours.  The value
 * the atomic add returns says whether the lock was free, so the
 * uncontended case is one locked instruction and a compare.
 */
static inline void spin_lock(spinlock_t *l)
{
    uint32_t old = __atomic_fetch_add(&l->word, SPINLOCK_TAIL_ONE,
                                      __ATOMIC_ACQUIRE);

    if ( unlikely(spin_head(old) != spin_tail(old)) )
        spin_lock_wait(l, spin_tail(old));
}

/* Release the lock: serve the next ticket. */
static inline void spin_unlock(spinlock_t *l)
{
    uint16_t *head = (uint16_t *)&l->word;   /* little endian: low half */

    __atomic_store_n(head, (uint16_t)(*head + 1), __ATOMIC_RELEASE);
}

/* Take the lock only if nobody holds or waits for it.  Returns true if so. */
static inline bool spin_trylock(spinlock_t *l)
{
    uint32_t old = __atomic_load_n(&l->word, __ATOMIC_RELAXED);

    if ( spin_head(old) != spin_tail(old) )
        return false;
    return __atomic_compare_exchange_n(&l->word, &old,
                                       old + SPINLOCK_TAIL_ONE, false,
                                       __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* True if some CPU holds the lock (for ASSERTs: not "held by me"). */
static inline bool spin_is_locked(const spinlock_t *l)
{
    uint32_t w = __atomic_load_n(&l->word, __ATOMIC_RELAXED);

    return spin_head(w) != spin_tail(w);
}

#define spin_lock_irqsave(l, f) \
    ({ (f) = arch_local_irq_save(); spin_lock(l); })
#define spin_unlock_irqrestore(l, f) \
    ({ spin_unlock(l); arch_local_irq_restore(f); })

#endif /* XEN_SPINLOCK_H */
