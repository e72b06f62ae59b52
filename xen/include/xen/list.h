/* SPDX-License-Identifier: GPL-2.0 */
/* Circular doubly-linked lists with a sentinel head. */
#ifndef XEN_LIST_H
#define XEN_LIST_H

#include <xen/types.h>

struct list_head {
    struct list_head *next, *prev;
};

#define LIST_HEAD_INIT(n)   { &(n), &(n) }
#define LIST_HEAD(n)        struct list_head n = LIST_HEAD_INIT(n)

static inline void INIT_LIST_HEAD(struct list_head *h)
{
    h->next = h->prev = h;
}

static inline void list_insert(struct list_head *e, struct list_head *prev,
                               struct list_head *next)
{
    next->prev = e;
    e->next = next;
    e->prev = prev;
    prev->next = e;
}

static inline void list_add(struct list_head *e, struct list_head *h)
{
    list_insert(e, h, h->next);
}

static inline void list_add_tail(struct list_head *e, struct list_head *h)
{
    list_insert(e, h->prev, h);
}

static inline void list_del(struct list_head *e)
{
    e->next->prev = e->prev;
    e->prev->next = e->next;
    e->next = e->prev = NULL;
}

static inline bool list_empty(const struct list_head *h)
{
    return h->next == h;
}

#define list_entry(p, type, member) container_of(p, type, member)
#define list_first_entry(h, type, member) list_entry((h)->next, type, member)

#define list_for_each_entry(pos, h, member)                               \
    for ( pos = list_entry((h)->next, __typeof__(*pos), member);          \
          &pos->member != (h);                                            \
          pos = list_entry(pos->member.next, __typeof__(*pos), member) )

#define list_for_each_entry_safe(pos, n, h, member)                       \
    for ( pos = list_entry((h)->next, __typeof__(*pos), member),          \
          n = list_entry(pos->member.next, __typeof__(*pos), member);     \
          &pos->member != (h);                                            \
          pos = n, n = list_entry(n->member.next, __typeof__(*n), member) )

/* Iterate over the raw list_heads of a list (pos: struct list_head *). */
#define list_for_each(pos, h)                                             \
    for ( pos = (h)->next; pos != (h); pos = pos->next )

/* The same, safe against removal of pos. */
#define list_for_each_safe(pos, n, h)                                     \
    for ( pos = (h)->next, n = pos->next; pos != (h);                     \
          pos = n, n = pos->next )

#endif /* XEN_LIST_H */
