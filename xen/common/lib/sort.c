/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sort(): in-place heapsort.  Chosen over quicksort because hypervisor
 * callers need a bounded worst case (O(n log n) compares and swaps, no
 * recursion, O(1) stack) more than they need stability or the last bit
 * of average speed.
 *
 * The array is viewed as a binary max-heap: element i has children
 * 2i + 1 and 2i + 2.  Phase one builds the heap bottom up; phase two
 * repeatedly swaps the maximum (element 0) to the end of the shrinking
 * heap and sifts the new root down.
 */

#include <xen/lib.h>

typedef unsigned long __attribute__((__may_alias__)) sort_word_t;

struct sort_ctx {
    char *base;
    size_t size;
    int (*cmp)(const void *, const void *);
    void (*swap)(void *, void *, size_t);
};

static void swap_bytes(void *a, void *b, size_t size)
{
    unsigned char *p = a, *q = b;

    for ( ; size; size--, p++, q++ )
    {
        unsigned char t = *p;

        *p = *q;
        *q = t;
    }
}

/* Only used when size and both addresses are multiples of a word. */
static void swap_words(void *a, void *b, size_t size)
{
    sort_word_t *p = a, *q = b;

    for ( ; size; size -= sizeof(*p), p++, q++ )
    {
        sort_word_t t = *p;

        *p = *q;
        *q = t;
    }
}

static void *elem(const struct sort_ctx *c, size_t i)
{
    return c->base + i * c->size;
}

/* Restore the heap property below 'root' within the first n elements. */
static void sift_down(const struct sort_ctx *c, size_t root, size_t n)
{
    /* root has a child iff 2 * root + 1 < n; written not to overflow. */
    while ( n >= 2 && root <= (n - 2) / 2 )
    {
        size_t child = 2 * root + 1;

        if ( child + 1 < n && c->cmp(elem(c, child), elem(c, child + 1)) < 0 )
            child++;
        if ( c->cmp(elem(c, root), elem(c, child)) >= 0 )
            return;

        c->swap(elem(c, root), elem(c, child), c->size);
        root = child;
    }
}

/*
 * Sort num elements of size bytes at base into ascending order by cmp
 * (which returns <0, 0 or >0 like memcmp).  swap exchanges two elements;
 * NULL selects a generic one.  Not stable.  Uses O(1) stack and no
 * locks; cmp and swap are called with none held by sort() itself.
 */
void sort(void *base, size_t num, size_t size,
          int (*cmp)(const void *, const void *),
          void (*swap)(void *, void *, size_t))
{
    struct sort_ctx c = { .base = base, .size = size, .cmp = cmp,
                          .swap = swap };
    size_t i;

    if ( num < 2 || !size )
        return;

    if ( !swap )
        c.swap = (size % sizeof(sort_word_t) == 0 &&
                  (unsigned long)base % sizeof(sort_word_t) == 0)
                 ? swap_words : swap_bytes;

    for ( i = num / 2; i-- > 0; )
        sift_down(&c, i, num);

    for ( i = num - 1; i > 0; i-- )
    {
        c.swap(elem(&c, 0), elem(&c, i), size);
        sift_down(&c, 0, i);
    }
}
