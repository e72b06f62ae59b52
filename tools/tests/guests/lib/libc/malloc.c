/* SPDX-License-Identifier: GPL-2.0 */
/*
 * malloc for the test guests: a first-fit, address-ordered free list
 * over the guest's own memory from the end of its image up to 64 KiB
 * below the end of its populated memory (start info nr_pages), set up on
 * first use.  Blocks carry a 16-byte header with their size; free()
 * merges a block with free neighbours.  Good enough for hypercall
 * bounce buffers and a few handles.  One lock serialises the vCPUs of
 * a guest that runs several (a spinlock that yields, smp.c).
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "guest.h"

#define ALIGN                   16
#define HEAP_TAIL_GAP           (64UL << 10)

struct block {
    size_t size;                /* bytes, header included */
    struct block *next;         /* free list only */
};

extern char _end[];             /* guest.lds */

static struct block *free_list;
static bool heap_ready;
static guest_spinlock_t heap_lock = GUEST_SPINLOCK_INIT;

static void heap_init(void)
{
    uintptr_t start = ((uintptr_t)_end + 4095) & ~(uintptr_t)4095;
    uintptr_t end = (uintptr_t)gfn_to_va(start_info->nr_pages) -
                    HEAP_TAIL_GAP;

    heap_ready = true;
    if ( end <= start + sizeof(struct block) )
        return;
    free_list = (struct block *)start;
    free_list->size = end - start;
    free_list->next = NULL;
}

static void *malloc_unlocked(size_t size)
{
    struct block **pp, *b;
    size_t need;

    if ( !heap_ready )
        heap_init();
    if ( !size || size > SIZE_MAX / 2 )
        return NULL;
    need = (size + sizeof(struct block) + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    for ( pp = &free_list; (b = *pp) != NULL; pp = &b->next )
    {
        if ( b->size < need )
            continue;
        if ( b->size - need >= 2 * sizeof(struct block) )
        {
            struct block *rest = (struct block *)((char *)b + need);

            rest->size = b->size - need;
            rest->next = b->next;
            b->size = need;
            *pp = rest;
        }
        else
            *pp = b->next;
        return b + 1;
    }
    return NULL;
}

void *calloc(size_t nmemb, size_t size)
{
    void *p;

    if ( size && nmemb > SIZE_MAX / size )
        return NULL;
    p = malloc(nmemb * size);
    if ( p )
        memset(p, 0, nmemb * size);
    return p;
}

/* Put b back in address order, merging with the blocks on each side. */
static void free_unlocked(void *p)
{
    struct block *b, **pp, *prev = NULL;

    if ( !p )
        return;
    b = (struct block *)p - 1;
    for ( pp = &free_list; *pp && *pp < b; pp = &(*pp)->next )
        prev = *pp;
    b->next = *pp;
    *pp = b;
    if ( b->next && (char *)b + b->size == (char *)b->next )
    {
        b->size += b->next->size;
        b->next = b->next->next;
    }
    if ( prev && (char *)prev + prev->size == (char *)b )
    {
        prev->size += b->size;
        prev->next = b->next;
    }
}

void *malloc(size_t size)
{
    void *p;

    guest_spin_lock(&heap_lock);
    p = malloc_unlocked(size);
    guest_spin_unlock(&heap_lock);
    return p;
}

void free(void *p)
{
    guest_spin_lock(&heap_lock);
    free_unlocked(p);
    guest_spin_unlock(&heap_lock);
}
