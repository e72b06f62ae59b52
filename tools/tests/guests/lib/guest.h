/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tiny runtime of the boot-test guests (XTF's shape, STYLE rule 23).
 *
 * A guest is one directory tools/tests/guests/<name>/ whose main.c
 * defines
 *
 *     const char test_title[] = "...";
 *     void test_main(void) { ... }
 *
 * The runtime (head.S, runtime.c) enters test_main() in ring 3 as the
 * hypervisor starts the image, then prints exactly one
 * "Test result: SUCCESS|SKIP|ERROR|FAILURE" line and shuts the domain
 * down (SHUTDOWN_poweroff for SUCCESS and SKIP, SHUTDOWN_crash for the
 * others).  The test reports with guest_success(), guest_skip(),
 * guest_error() (the test itself went wrong) and guest_failure() (what
 * it tests is broken): the worst one reported wins, in that order, and
 * a test that reports nothing ends in ERROR.  Each takes an optional
 * printk-style message (NULL for none).
 *
 * Console: printk() formats (%d %i %u %x %X %p %s %c %%, flags - 0 +
 * space, width, precision, h hh l ll z t j) and writes whole lines with
 * HYPERVISOR_console_io, which the log shows as "(d<id>) ...".
 */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "hypercall.h"

/* Provided by each test. */
extern const char test_title[];
void test_main(void);

/* What the hypervisor handed over at entry (public/xen.h). */
extern const struct start_info *start_info;

/* The guest virtual address of guest frame gfn (docs/misc/domains.md). */
#define GUEST_LINEAR_BASE       0x40000000UL
#define GUEST_PAGE_SIZE         4096UL
#define gfn_to_va(gfn)          ((void *)(GUEST_LINEAR_BASE + \
                                          (unsigned long)(gfn) * \
                                          GUEST_PAGE_SIZE))

void printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void vprintk(const char *fmt, va_list ap)
    __attribute__((format(printf, 1, 0)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

void guest_success(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
void guest_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void guest_failure(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * The command line (start info), and its words: cmdline_has(word);
 * cmdline_value(key, buf, size) copies the value of "key=" into buf (""
 * if absent) and returns buf; cmdline_ulong(key, dflt) is that value's
 * leading decimal digits, or dflt if absent or empty.
 */
const char *guest_cmdline(void);
bool cmdline_has(const char *word);
const char *cmdline_value(const char *key, char *buf, size_t size);
unsigned long cmdline_ulong(const char *key, unsigned long dflt);

/*
 * smp.c: several vCPUs.  guest_vcpu_start(n, fn, arg) runs fn(arg) on
 * vCPU n (1 <= n < GUEST_MAX_VCPUS and n < the domain's max_vcpus),
 * with its own stack and thread-local data; 0 or -XEN_E* (VCPUOP_*'s
 * errors, -XEN_EBUSY while n still runs earlier work).  Call it from
 * vCPU 0 only.  guest_vcpu_done() / guest_vcpu_wait() tell / wait until
 * fn has returned.  guest_vcpu_id is the running vCPU's number.
 * guest_tls_init() is the runtime's (vCPU 0's TLS, before anything).
 */
#define GUEST_MAX_VCPUS         8

typedef struct {
    int locked;
} guest_spinlock_t;

#define GUEST_SPINLOCK_INIT     { 0 }

extern __thread unsigned int guest_vcpu_id;

int guest_tls_init(void);
long guest_vcpu_start(unsigned int id, void (*fn)(void *), void *arg);
bool guest_vcpu_done(unsigned int id);
void guest_vcpu_wait(unsigned int id);
void guest_spin_lock(guest_spinlock_t *l);
void guest_spin_unlock(guest_spinlock_t *l);

/* string.c */
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

/* A 64-bit mix (splitmix64's finaliser): test page contents from keys. */
static inline uint64_t guest_mix64(uint64_t x)
{
    x += 0x9e3779b97f4a7c15UL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
    return x ^ (x >> 31);
}

#define ARRAY_SIZE(a)           (sizeof(a) / sizeof((a)[0]))

#endif /* GUEST_GUEST_H */
