/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Mutexes for code built into the test guests (libxenctrl): the guest
 * runtime's spinlock, which yields when it cannot get the lock, so that
 * the vCPUs of a guest that runs several exclude each other.
 */
#ifndef GUEST_LIBC_PTHREAD_H
#define GUEST_LIBC_PTHREAD_H

#include "guest.h"

typedef struct {
    guest_spinlock_t lock;
} pthread_mutex_t;

#define PTHREAD_MUTEX_INITIALIZER   { GUEST_SPINLOCK_INIT }

static inline int pthread_mutex_lock(pthread_mutex_t *m)
{
    guest_spin_lock(&m->lock);
    return 0;
}

static inline int pthread_mutex_unlock(pthread_mutex_t *m)
{
    guest_spin_unlock(&m->lock);
    return 0;
}

#endif /* GUEST_LIBC_PTHREAD_H */
