/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The fuzz harness shared by every target in tools/fuzz/ (see
 * docs/misc/fuzzing.md).  An input is a byte string read front to back;
 * a target decodes it into hypercalls, and the harness issues each one
 * the way a guest would: the argument structures and arrays are written
 * into the calling domain's guest memory and the call is made from a
 * vCPU thread attached to that domain.
 *
 * Per input: fz_begin() creates the acting domUs (A = d1 and, if asked,
 * B = d2, each with gfns [0, FZ_DOMU_PAGES) populated and the first
 * FZ_BUF_PAGES of them as hypercall buffers) and reads the forced
 * preemption rate; fz_end() tears everything down (every domain but
 * dom0, dom0's extra memory, claim and tmem client) and runs the
 * invariant checks, calling abort() when one fails so that libFuzzer
 * (or the replay runner) reports the input.
 */
#ifndef FUZZ_HARNESS_H
#define FUZZ_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenctrl.h"

/* The domains that issue hypercalls. */
enum fz_actor {
    FZ_DOM0,                    /* the control domain, on the main thread */
    FZ_DOMA,                    /* d1, unprivileged, a worker thread */
    FZ_DOMB,                    /* d2, unprivileged, a worker thread */
    FZ_NR_ACTORS
};

#define FZ_DOMID_A      1
#define FZ_DOMID_B      2
#define FZ_DOMU_PAGES   32      /* populated gfns of A and B */
#define FZ_DOMU_MAX     256     /* their max_pages */
#define FZ_BUF_PAGES    16      /* of which hypercall buffers */
#define FZ_SCRATCH      8       /* buffer pages per actor: arg + arrays */
#define FZ_PAGE         4096UL

/* The input, consumed front to back; reads past the end give zeros. */
struct fz_input {
    const uint8_t *p;
    size_t n;
};

uint8_t fz_u8(struct fz_input *in);
uint16_t fz_u16(struct fz_input *in);
uint32_t fz_u32(struct fz_input *in);
uint64_t fz_u64(struct fz_input *in);
bool fz_more(const struct fz_input *in);

/* A value biased to small numbers, edges and raw input (see .c). */
uint64_t fz_num(struct fz_input *in, uint64_t small);

/*
 * One hypercall as it will be issued: the argument registers and up to
 * FZ_MAX_WRITES blocks of data that the actor writes into its own guest
 * memory first (a write to a bad address is skipped, as a guest's store
 * would fault).  fault_nth != 0 makes the nth guest-page access of the
 * call fail (hosted_inject_copy_fault).
 */
#define FZ_MAX_WRITES   2
#define FZ_MAX_DATA     (FZ_SCRATCH * FZ_PAGE)

struct fz_call {
    enum fz_actor actor;
    unsigned int op;
    unsigned long a[5];
    struct {
        uint64_t gva;
        size_t len;
        uint8_t data[FZ_MAX_DATA];
    } w[FZ_MAX_WRITES];
    unsigned int nr_w;
    unsigned int fault_nth;
};

/*
 * Start an input: boot the hypervisor on first use, create the nr_domus
 * (0..2) acting domUs and attach their worker threads, and take the
 * preemption rate from the input.  Aborts if the set-up fails.
 */
void fz_begin(struct fz_input *in, unsigned int nr_domus);

/* End an input: tear down and check every invariant (abort on failure). */
void fz_end(void);

/*
 * A whole input of a target (its LLVMFuzzerTestOneInput): fz_begin with
 * nr_domus domUs, then up to max_calls calls of op, each by an actor the
 * input picks among dom0 and those domUs, then fz_end.  Returns 0.
 */
int fz_run(const uint8_t *data, size_t size, unsigned int nr_domus,
           unsigned int max_calls,
           long (*op)(struct fz_input *in, enum fz_actor a));

/* An actor chosen by the input among the first nr (dom0 first). */
enum fz_actor fz_actor(struct fz_input *in, unsigned int nr);

/* Guest address of the actor's argument page and of its array pages. */
uint64_t fz_arg_gva(enum fz_actor a);
uint64_t fz_array_gva(enum fz_actor a);

/*
 * A guest pointer for an argument whose good value is 'good': mostly
 * good, sometimes NULL, straddling the end of the actor's memory,
 * unpopulated, below the guest's linear base, misaligned or raw input.
 */
uint64_t fz_pointer(struct fz_input *in, enum fz_actor a, uint64_t good);

/* A domid: DOMID_SELF, d0, A, B, a reserved id, a small or raw one. */
uint16_t fz_domid(struct fz_input *in);

/*
 * Start call c for actor a and op (argument registers zeroed, no
 * writes), with a fault injection drawn from the input.
 */
void fz_call_init(struct fz_call *c, struct fz_input *in, enum fz_actor a,
                  unsigned int op);

/* Add a block to write at gva before the call (len <= FZ_MAX_DATA). */
void fz_call_write(struct fz_call *c, uint64_t gva, const void *data,
                   size_t len);

/* Issue c from its actor's vCPU; returns the hypercall's result. */
long fz_issue(struct fz_call *c);

#endif /* FUZZ_HARNESS_H */
