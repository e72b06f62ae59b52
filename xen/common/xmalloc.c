/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xmalloc: the hypervisor's allocator for small objects.
 *
 * Requests of up to 2048 bytes come from slabs.  A slab is one xenheap
 * page cut into objects of one power-of-two size class, 16..2048 bytes
 * (a request of 8 bytes or less takes a 16-byte object).  Objects start
 * at offset 0, so every object is aligned to its own size.  Requests
 * over 2048 bytes take 2^order whole xenheap pages.
 *
 * Slab metadata lives in the page's struct page_info, because the heap
 * does not use 'order' or 'first_dirty' while a page is in use.  'order'
 * holds a tag marking the page as ours, plus the size class (or the order
 * of a big allocation).  'first_dirty' packs the in-use count and the
 * offset of the page's anchor.  So xfree() needs only the pointer.
 *
 * A slab's free objects form a list threaded through them (struct
 * free_obj).  The head of that list is the page's anchor.  It stays in
 * place while the page has any free object, because allocation takes the
 * object after it and takes the anchor only when it is the last free one.
 * The anchor carries the page's links in its class's doubly linked list
 * of partially used slabs, stored as 32-bit MFNs so that they fit a
 * 16-byte object.  A full page is on no list and needs no links.
 *
 * A slab that becomes empty leaves the partial list.  It is kept as the
 * class's spare if the class has none, and goes back to the heap
 * otherwise.
 *
 * Locking: each class lock protects its partial list and spare, and the
 * page_info words and free objects of its slabs.  No class lock is held
 * across a call into the heap, so there is no lock order to respect.
 * Debug builds poison free objects, check the poison on reuse, and catch
 * double frees.
 */

#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>

#include <asm/page.h>

#define XMEM_MIN_SHIFT          4                   /* 16-byte objects */
#define XMEM_MAX_SHIFT          11                  /* 2048-byte objects */
#define XMEM_NR_CLASSES         (XMEM_MAX_SHIFT - XMEM_MIN_SHIFT + 1)
#define XMEM_MAX_SMALL          (1UL << XMEM_MAX_SHIFT)

/* page_info.order of an xmalloc page: our tag, then BIG|order or class. */
#define XMEM_TAG                0x584d0000U         /* "XM" */
#define XMEM_TAG_MASK           0xffff0000U
#define XMEM_BIG                0x8000U
#define XMEM_VALUE_MASK         0x7fffU

/* page_info.first_dirty of a slab: anchor offset << 16 | in-use count. */
#define OBJ_NONE                0xffffU             /* no anchor: full */
#define SLAB_NONE               (~0U)               /* end of partial list */

#define FREE_MAGIC              0xf7eef7eeU
#define XMEM_POISON             0xa5

#ifndef NDEBUG
#define XMEM_CHECKS             true
#else
#define XMEM_CHECKS             false
#endif

/*
 * The head of every free object in a slab.  prev_slab and next_slab mean
 * something only in the page's anchor.
 */
struct free_obj {
    uint16_t next;              /* offset of the next free object, or
                                   OBJ_NONE */
    uint16_t pad;
    uint32_t magic;             /* FREE_MAGIC while free */
    uint32_t prev_slab;         /* anchor: neighbours on the partial list */
    uint32_t next_slab;         /* (MFNs, or SLAB_NONE) */
};

struct xmem_class {
    spinlock_t lock;
    unsigned int size;          /* object size; constant */
    uint32_t partial;           /* Protected by lock: MFN of the first
                                   partially used slab, or SLAB_NONE */
    struct page_info *spare;    /* Protected by lock: an empty slab */
};

#define XMEM_CLASS(sz)          { SPIN_LOCK_UNLOCKED, (sz), SLAB_NONE, NULL }

static struct xmem_class classes[XMEM_NR_CLASSES] = {
    XMEM_CLASS(16), XMEM_CLASS(32), XMEM_CLASS(64), XMEM_CLASS(128),
    XMEM_CLASS(256), XMEM_CLASS(512), XMEM_CLASS(1024), XMEM_CLASS(2048),
};

/* Bytes handed out (class sizes and whole pages); updated atomically. */
static unsigned long used_bytes;

/* --- Page metadata -------------------------------------------------------- */

static unsigned int slab_inuse(const struct page_info *pg)
{
    return pg->first_dirty & 0xffffU;
}

static unsigned int slab_anchor_off(const struct page_info *pg)
{
    return pg->first_dirty >> 16;
}

static void slab_set(struct page_info *pg, unsigned int anchor,
                     unsigned int inuse)
{
    pg->first_dirty = (anchor << 16) | inuse;
}

static struct free_obj *slab_obj(const struct page_info *pg,
                                 unsigned int off)
{
    return (struct free_obj *)((char *)page_to_virt(pg) + off);
}

static struct free_obj *slab_anchor(const struct page_info *pg)
{
    ASSERT(slab_anchor_off(pg) != OBJ_NONE);
    return slab_obj(pg, slab_anchor_off(pg));
}

static uint32_t page_mfn32(const struct page_info *pg)
{
    return (uint32_t)mfn_x(page_to_mfn(pg));
}

static struct page_info *mfn32_page(uint32_t mfn)
{
    return mfn == SLAB_NONE ? NULL : mfn_to_page(_mfn(mfn));
}

/* --- Partial lists -------------------------------------------------------- */

/* Put pg, whose anchor is set, at the head of c's partial list. */
static void partial_push(struct xmem_class *c, struct page_info *pg)
{
    struct free_obj *a = slab_anchor(pg);
    struct page_info *next = mfn32_page(c->partial);

    ASSERT(spin_is_locked(&c->lock));
    a->prev_slab = SLAB_NONE;
    a->next_slab = c->partial;
    if ( next )
        slab_anchor(next)->prev_slab = page_mfn32(pg);
    c->partial = page_mfn32(pg);
}

/* Take pg off c's partial list (its anchor must still be valid). */
static void partial_del(struct xmem_class *c, struct page_info *pg)
{
    const struct free_obj *a = slab_anchor(pg);
    struct page_info *prev = mfn32_page(a->prev_slab);
    struct page_info *next = mfn32_page(a->next_slab);

    ASSERT(spin_is_locked(&c->lock));
    if ( prev )
        slab_anchor(prev)->next_slab = a->next_slab;
    else
        c->partial = a->next_slab;
    if ( next )
        slab_anchor(next)->prev_slab = a->prev_slab;
}

/* --- Slabs ---------------------------------------------------------------- */

/*
 * A new slab for class cls: a fresh xenheap page whose objects are all
 * on its free list, the first one being the anchor.  It is on no list
 * yet.  Called without locks.  Returns NULL when the heap is exhausted,
 * or if the frame's MFN does not fit the 32-bit list links.
 */
static struct page_info *slab_create(unsigned int cls)
{
    unsigned int size = classes[cls].size, off;
    char *base = alloc_xenheap_pages(0, 0);
    struct page_info *pg;

    if ( !base )
        return NULL;
    pg = virt_to_page(base);
    if ( mfn_x(page_to_mfn(pg)) >= SLAB_NONE )
    {
        free_xenheap_pages(base, 0);
        return NULL;
    }

    if ( XMEM_CHECKS )
        memset(base, XMEM_POISON, PAGE_SIZE);
    for ( off = 0; off < PAGE_SIZE; off += size )
    {
        struct free_obj *o = (struct free_obj *)(base + off);

        o->next = off + size < PAGE_SIZE ? off + size : OBJ_NONE;
        o->magic = FREE_MAGIC;
    }
    pg->order = XMEM_TAG | cls;
    slab_set(pg, 0, 0);
    return pg;
}

/* Give an empty slab back to the heap, untagged.  Called without locks. */
static void slab_destroy(struct page_info *pg)
{
    ASSERT(slab_inuse(pg) == 0);
    pg->order = 0;
    free_xenheap_pages(page_to_virt(pg), 0);
}

/* Debug: is o on pg's free list?  Walks at most one page of objects. */
static bool slab_obj_is_free(const struct page_info *pg,
                             const struct free_obj *o)
{
    unsigned int off = slab_anchor_off(pg), steps = 0;

    while ( off != OBJ_NONE && steps++ < PAGE_SIZE >> XMEM_MIN_SHIFT )
    {
        if ( slab_obj(pg, off) == o )
            return true;
        off = slab_obj(pg, off)->next;
    }
    return false;
}

/*
 * Debug: a free object about to be handed out must still hold its magic
 * and, past its header, the poison written when it was freed.  Anything
 * else means somebody wrote to it after freeing it.
 */
static void obj_check_poison(const struct free_obj *o, unsigned int size)
{
    const uint8_t *b = (const uint8_t *)o;
    unsigned int i;

    BUG_ON(o->magic != FREE_MAGIC);
    for ( i = sizeof(*o); i < size; i++ )
        BUG_ON(b[i] != XMEM_POISON);
}

/*
 * Take a free object from the first slab on c's partial list, which
 * must not be empty.  The anchor goes last: taking it fills the page,
 * which then leaves the list.  Returns the object.
 */
static void *slab_take(struct xmem_class *c)
{
    struct page_info *pg = mfn32_page(c->partial);
    struct free_obj *a = slab_anchor(pg), *o;
    unsigned int inuse = slab_inuse(pg) + 1;

    ASSERT(spin_is_locked(&c->lock));
    if ( a->next != OBJ_NONE )
    {
        o = slab_obj(pg, a->next);
        a->next = o->next;
        slab_set(pg, slab_anchor_off(pg), inuse);
    }
    else
    {
        o = a;
        partial_del(c, pg);
        slab_set(pg, OBJ_NONE, inuse);
    }

    if ( XMEM_CHECKS )
        obj_check_poison(o, c->size);
    o->magic = 0;
    return o;
}

/*
 * Put object o back on its slab pg.  A full page gets o as its anchor and
 * joins the partial list; otherwise o goes just after the anchor.  A page
 * left empty leaves the list and becomes c's spare if c has none.
 * Returns that page if the caller must give it back to the heap (after
 * dropping c->lock), else NULL.  A double free stops the machine.
 */
static struct page_info *slab_put(struct xmem_class *c, struct page_info *pg,
                                  struct free_obj *o)
{
    unsigned int off = PAGE_OFFSET(o), anchor = slab_anchor_off(pg);
    unsigned int inuse = slab_inuse(pg);

    ASSERT(spin_is_locked(&c->lock));
    BUG_ON(inuse == 0);
    if ( XMEM_CHECKS )
    {
        BUG_ON(o->magic == FREE_MAGIC && slab_obj_is_free(pg, o));
        memset(o, XMEM_POISON, c->size);
    }
    o->magic = FREE_MAGIC;

    if ( anchor == OBJ_NONE )
    {
        o->next = OBJ_NONE;
        slab_set(pg, off, inuse - 1);
        partial_push(c, pg);
    }
    else
    {
        o->next = slab_obj(pg, anchor)->next;
        slab_obj(pg, anchor)->next = off;
        slab_set(pg, anchor, inuse - 1);
    }

    if ( inuse > 1 )
        return NULL;
    partial_del(c, pg);
    if ( c->spare )
        return pg;
    c->spare = pg;
    return NULL;
}

/* --- Size classes and big allocations ------------------------------------- */

static unsigned int size_to_class(size_t size)
{
    unsigned int shift = XMEM_MIN_SHIFT;

    if ( size > (1UL << XMEM_MIN_SHIFT) )
        shift = 64 - (unsigned int)__builtin_clzl(size - 1);
    return shift - XMEM_MIN_SHIFT;
}

/*
 * An object of class cls.  Refills the partial list from the spare or,
 * with the class lock dropped, from a new slab; two CPUs racing to refill
 * simply both add a slab.  Takes classes[cls].lock.  Returns NULL when
 * the heap is exhausted.
 */
static void *class_alloc(unsigned int cls)
{
    struct xmem_class *c = &classes[cls];
    struct page_info *pg;
    void *p;

    spin_lock(&c->lock);
    if ( c->partial == SLAB_NONE && c->spare )
    {
        partial_push(c, c->spare);
        c->spare = NULL;
    }
    if ( c->partial == SLAB_NONE )
    {
        spin_unlock(&c->lock);
        pg = slab_create(cls);
        if ( !pg )
            return NULL;
        spin_lock(&c->lock);
        partial_push(c, pg);
    }
    p = slab_take(c);
    spin_unlock(&c->lock);

    __atomic_add_fetch(&used_bytes, c->size, __ATOMIC_RELAXED);
    return p;
}

/* Free an object of the slab pg.  Takes the class lock. */
static void class_free(struct page_info *pg, void *p)
{
    unsigned int cls = pg->order & XMEM_VALUE_MASK;
    struct xmem_class *c;
    struct page_info *empty;

    BUG_ON(cls >= XMEM_NR_CLASSES);
    c = &classes[cls];
    BUG_ON(PAGE_OFFSET(p) & (c->size - 1));     /* not an object's start */

    spin_lock(&c->lock);
    empty = slab_put(c, pg, p);
    spin_unlock(&c->lock);

    __atomic_sub_fetch(&used_bytes, c->size, __ATOMIC_RELAXED);
    if ( empty )
        slab_destroy(empty);
}

/* Whole pages for a request over XMEM_MAX_SMALL bytes; NULL on failure. */
static void *big_alloc(size_t size)
{
    unsigned int order = 0;
    void *p;

    if ( size > (PAGE_SIZE << MAX_ORDER) )
        return NULL;
    while ( (PAGE_SIZE << order) < size )
        order++;

    p = alloc_xenheap_pages(order, 0);
    if ( !p )
        return NULL;
    virt_to_page(p)->order = XMEM_TAG | XMEM_BIG | order;
    __atomic_add_fetch(&used_bytes, PAGE_SIZE << order, __ATOMIC_RELAXED);
    return p;
}

static void big_free(struct page_info *pg, void *p)
{
    unsigned int order = pg->order & XMEM_VALUE_MASK;

    BUG_ON(PAGE_OFFSET(p) || order > MAX_ORDER);
    pg->order = 0;
    __atomic_sub_fetch(&used_bytes, PAGE_SIZE << order, __ATOMIC_RELAXED);
    free_xenheap_pages(p, order);
}

/* --- Interface ------------------------------------------------------------ */

void *xmalloc_bytes(size_t size)
{
    BUILD_BUG_ON(sizeof(struct free_obj) > (1U << XMEM_MIN_SHIFT));
    BUILD_BUG_ON(PAGE_SIZE > OBJ_NONE || XMEM_MAX_SMALL > PAGE_SIZE / 2);
    BUILD_BUG_ON(XMALLOC_NATURAL_ALIGN_MAX > XMEM_MAX_SMALL);

    if ( !size )
        return NULL;
    if ( size > XMEM_MAX_SMALL )
        return big_alloc(size);
    return class_alloc(size_to_class(size));
}

void *xzalloc_bytes(size_t size)
{
    void *p = xmalloc_bytes(size);

    /* Whole pages come zeroed from the heap; slab objects do not. */
    if ( p && size <= XMEM_MAX_SMALL )
        memset(p, 0, size);
    return p;
}

/*
 * Anything but a live xmalloc pointer stops the machine: a pointer
 * outside the heap, into a page that is not ours or not in use, or (in
 * debug builds) an object that is already free.
 */
void xfree(void *p)
{
    struct page_info *pg;

    if ( !p )
        return;
    BUG_ON(!mfn_valid(_mfn(virt_to_maddr(p) >> PAGE_SHIFT)));
    pg = virt_to_page(p);
    BUG_ON((pg->order & XMEM_TAG_MASK) != XMEM_TAG ||
           page_state(pg) != PGC_state_inuse);

    if ( pg->order & XMEM_BIG )
        big_free(pg, p);
    else
        class_free(pg, p);
}

size_t xmalloc_used_bytes(void)
{
    return __atomic_load_n(&used_bytes, __ATOMIC_RELAXED);
}

void *xmalloc_array_bytes(size_t size, size_t n)
{
    if ( n && size > SIZE_MAX / n )
        return NULL;
    return xmalloc_bytes(size * n);
}

void *xzalloc_array_bytes(size_t size, size_t n)
{
    if ( n && size > SIZE_MAX / n )
        return NULL;
    return xzalloc_bytes(size * n);
}

unsigned long xmalloc_cached_pages(void)
{
    unsigned long n = 0;
    unsigned int i;

    for ( i = 0; i < XMEM_NR_CLASSES; i++ )
    {
        spin_lock(&classes[i].lock);
        n += classes[i].spare != NULL;
        spin_unlock(&classes[i].lock);
    }
    return n;
}

/* --- Audit ---------------------------------------------------------------- */

/*
 * Check one slab of class cls: tagged as ours, free list as long as the
 * page has objects not in use, every free object holding the magic.
 * Returns 0 or -EIO (logged).
 */
static int audit_slab(const struct page_info *pg, unsigned int cls)
{
    unsigned int objs = PAGE_SIZE / classes[cls].size, nfree = 0;
    unsigned int off = slab_anchor_off(pg);

    if ( pg->order != (XMEM_TAG | cls) || page_state(pg) != PGC_state_inuse )
        goto bad;
    while ( off != OBJ_NONE && nfree <= objs )
    {
        if ( off % classes[cls].size || off >= PAGE_SIZE ||
             slab_obj(pg, off)->magic != FREE_MAGIC )
            goto bad;
        nfree++;
        off = slab_obj(pg, off)->next;
    }
    if ( nfree + slab_inuse(pg) != objs )
        goto bad;
    return 0;

 bad:
    printk(XENLOG_ERR "xmalloc audit: class %u slab mfn %#lx inconsistent\n",
           cls, mfn_x(page_to_mfn(pg)));
    return -EIO;
}

/*
 * Walk class cls's partial list: back links match, every slab has both
 * used and free objects.  The spare has nothing in use.  Takes the class
 * lock.  Returns 0 or -EIO (logged).
 */
static int audit_class(unsigned int cls)
{
    struct xmem_class *c = &classes[cls];
    uint32_t prev = SLAB_NONE, mfn;
    unsigned long n = 0;
    int rc = 0;

    spin_lock(&c->lock);
    for ( mfn = c->partial; mfn != SLAB_NONE && !rc; n++ )
    {
        struct page_info *pg = mfn32_page(mfn);

        if ( n > max_page || slab_anchor_off(pg) == OBJ_NONE ||
             slab_inuse(pg) == 0 || slab_anchor(pg)->prev_slab != prev )
            rc = -EIO;
        else
            rc = audit_slab(pg, cls);
        prev = mfn;
        mfn = rc ? SLAB_NONE : slab_anchor(pg)->next_slab;
    }
    if ( !rc && c->spare &&
         (slab_inuse(c->spare) || audit_slab(c->spare, cls)) )
        rc = -EIO;
    spin_unlock(&c->lock);

    if ( rc )
        printk(XENLOG_ERR "xmalloc audit: class %u (%u bytes) is corrupt\n",
               cls, c->size);
    return rc;
}

int xmalloc_audit(void)
{
    unsigned int i;

    for ( i = 0; i < XMEM_NR_CLASSES; i++ )
        if ( audit_class(i) )
            return -EIO;
    return 0;
}
