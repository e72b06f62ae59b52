/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The libc side of the hosted arch: memory mapping, stderr, time,
 * threads, and the one-time boot.  Everything else of the hosted arch is
 * freestanding code that reaches the process only through asm/host.h.
 */

#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "hosted-api.h"

/* Prototypes of asm/host.h, restated with libc types. */
void *host_map_memory(size_t bytes);
void host_write_stderr(const char *s, unsigned int len);
void host_exit(int code) __attribute__((noreturn));
int64_t host_monotonic_ns(void);
void host_yield(void);
unsigned int host_nr_cpus(void);
void host_thread_attached(void);

/* Defined by the freestanding side (xen/arch/hosted/setup.c). */
int hosted_start_xen(const char *cmdline);

static pthread_once_t boot_once = PTHREAD_ONCE_INIT;
static pthread_key_t vcpu_key;
static const char *boot_cmdline;
static int boot_rc;

void *host_map_memory(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    return p == MAP_FAILED ? NULL : p;
}

void host_write_stderr(const char *s, unsigned int len)
{
    while ( len )
    {
        ssize_t n = write(2, s, len);

        if ( n <= 0 )
            return;
        s += n;
        len -= (unsigned int)n;
    }
}

void host_exit(int code)
{
    if ( code )
        abort();
    exit(0);
}

int64_t host_monotonic_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void host_yield(void)
{
    sched_yield();
}

unsigned int host_nr_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);

    return n > 0 ? (unsigned int)n : 1;
}

static void vcpu_thread_exit(void *unused)
{
    (void)unused;
    hosted_vcpu_detach();
}

void host_thread_attached(void)
{
    pthread_setspecific(vcpu_key, (void *)1);
}

static void boot_once_fn(void)
{
    const char *cmdline = boot_cmdline;

    pthread_key_create(&vcpu_key, vcpu_thread_exit);
    if ( !cmdline )
        cmdline = getenv("XEN_HOSTED_CMDLINE");
    boot_rc = hosted_start_xen(cmdline ? cmdline : "");
}

int hosted_boot(const char *cmdline)
{
    static pthread_mutex_t arg_lock = PTHREAD_MUTEX_INITIALIZER;

    pthread_mutex_lock(&arg_lock);
    if ( !boot_cmdline )
        boot_cmdline = cmdline;
    pthread_mutex_unlock(&arg_lock);
    pthread_once(&boot_once, boot_once_fn);
    return boot_rc;
}
