/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor-side half of test-guest-copy: the guest copy routines
 * (xen/common/guestcopy.c) called on the test's behalf, and direct
 * access to the frames behind a domain's gfns to check what they did.
 * Plain C types only: included by both sides.
 */
#ifndef GUEST_COPY_FIXTURE_H
#define GUEST_COPY_FIXTURE_H

#define GCF_NO_DOMAIN   (~0UL)

/*
 * copy_to_domain() / copy_from_domain() on domain domid.  Return the
 * bytes not copied, or GCF_NO_DOMAIN if there is no such domain.
 */
unsigned long gcf_copy_to(unsigned int domid, unsigned long gva,
                          const void *src, unsigned long len);
unsigned long gcf_copy_from(void *dst, unsigned int domid,
                            unsigned long gva, unsigned long len);

/*
 * raw_copy_to_guest() / raw_copy_from_guest() as the calling thread's
 * vCPU.  Return the bytes not copied (all of them with no vCPU).
 */
unsigned long gcf_raw_copy_to(unsigned long gva, const void *src,
                              unsigned long len);
unsigned long gcf_raw_copy_from(void *dst, unsigned long gva,
                                unsigned long len);

/*
 * Read or write len bytes at offset off of the frame domid maps at gfn,
 * through the p2m and the direct map (not through the copy routines).
 * off + len must not pass the page end.  Return 0, or -1 if unmapped.
 */
int gcf_frame_read(unsigned int domid, unsigned long gfn,
                   unsigned long off, void *dst, unsigned long len);
int gcf_frame_write(unsigned int domid, unsigned long gfn,
                    unsigned long off, const void *src, unsigned long len);

/* The guest linear map: gfn g at base + g * 4096, size bytes long. */
unsigned long gcf_linear_base(void);
unsigned long gcf_linear_size(void);

/* The last gfn a p2m can map. */
unsigned long gcf_p2m_max_gfn(void);

#endif /* GUEST_COPY_FIXTURE_H */
