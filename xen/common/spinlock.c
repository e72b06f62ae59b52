/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contended half of the ticket lock (xen/include/xen/spinlock.h):
 * spin_lock() takes a ticket inline and comes here only when the lock
 * was not free.
 */

#include <xen/spinlock.h>

/*
 * Poll until the lock serves 'ticket', relaxing the CPU (and, per arch,
 * yielding after a while) between polls.  Never sleeps; returns with the
 * lock held.
 */
void spin_lock_wait(spinlock_t *l, uint16_t ticket)
{
    unsigned int spins = 0;

    while ( spin_head(__atomic_load_n(&l->word, __ATOMIC_ACQUIRE)) != ticket )
    {
        cpu_relax();
        arch_spin_relax(++spins);
    }
}
