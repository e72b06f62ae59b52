/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loading a guest's ELF64 image into its memory.
 *
 * What is accepted: a little-endian ELF64 x86-64 executable (ET_EXEC,
 * static: PT_INTERP and PT_DYNAMIC are ignored, no relocation is done),
 * whose PT_LOAD segments lie inside the guest linear map above the start
 * info page (asm/config.h: GUEST_LINEAR_BASE + 4K onwards) on populated
 * gfns, and whose entry point is inside an executable PT_LOAD segment.
 * The image comes from a boot module or, through the toolstack, from a
 * domctl: every header field is checked against the image's length
 * before use, with overflow-safe arithmetic.
 *
 * Segments are written through the p2m (copy_to_domain), so a segment
 * on an unpopulated gfn is -EFAULT, never a hypervisor fault; the part
 * of a segment beyond its file size (.bss) is zeroed.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>

#include <asm/config.h>
#include <asm/domain.h>
#include <asm/page.h>

#define EI_NIDENT               16
#define ELFCLASS64              2
#define ELFDATA2LSB             1
#define EV_CURRENT              1
#define ET_EXEC                 2
#define EM_X86_64               62
#define PT_LOAD                 1
#define PF_X                    1
#define ELF_MAX_PHDRS           64
#define ZERO_CHUNK              256

struct elf64_ehdr {
    uint8_t e_ident[EI_NIDENT];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry;
    uint64_t e_phoff;
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize;
    uint16_t e_phnum;
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
};

struct elf64_phdr {
    uint32_t p_type;
    uint32_t p_flags;
    uint64_t p_offset;
    uint64_t p_vaddr;
    uint64_t p_paddr;
    uint64_t p_filesz;
    uint64_t p_memsz;
    uint64_t p_align;
};

/* Lowest and one past the highest address a segment may use. */
#define LOAD_LOW    (GUEST_LINEAR_BASE + \
                     (GUEST_START_INFO_GFN + 1) * PAGE_SIZE)
#define LOAD_HIGH   (GUEST_LINEAR_BASE + GUEST_LINEAR_SIZE)

static int elf_fail(const char **why, const char *reason, int rc)
{
    *why = reason;
    return rc;
}

/* Check the file header.  Returns 0 or -ENOEXEC/-EINVAL with *why. */
static int elf_check_header(const struct elf64_ehdr *eh, unsigned long len,
                            const char **why)
{
    static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };

    if ( len < sizeof(*eh) || memcmp(eh->e_ident, magic, sizeof(magic)) )
        return elf_fail(why, "not an ELF image", -ENOEXEC);
    if ( eh->e_ident[4] != ELFCLASS64 || eh->e_ident[5] != ELFDATA2LSB ||
         eh->e_ident[6] != EV_CURRENT || eh->e_machine != EM_X86_64 )
        return elf_fail(why, "not a little-endian ELF64 x86-64 image",
                        -ENOEXEC);
    if ( eh->e_type != ET_EXEC )
        return elf_fail(why, "not an executable (ET_EXEC) image",
                        -ENOEXEC);
    if ( eh->e_phentsize != sizeof(struct elf64_phdr) || !eh->e_phnum ||
         eh->e_phnum > ELF_MAX_PHDRS || eh->e_phoff > len ||
         (unsigned long)eh->e_phnum * sizeof(struct elf64_phdr) >
         len - eh->e_phoff )
        return elf_fail(why, "bad program header table", -EINVAL);
    return 0;
}

/* Check one PT_LOAD segment.  Returns 0 or -EINVAL with *why. */
static int elf_check_segment(const struct elf64_phdr *ph, unsigned long len,
                             const char **why)
{
    if ( ph->p_filesz > ph->p_memsz || ph->p_offset > len ||
         ph->p_filesz > len - ph->p_offset )
        return elf_fail(why, "segment outside the image", -EINVAL);
    if ( ph->p_vaddr < LOAD_LOW || ph->p_vaddr > LOAD_HIGH ||
         ph->p_memsz > LOAD_HIGH - ph->p_vaddr )
        return elf_fail(why, "segment outside the guest linear map or on "
                        "the start info page", -EINVAL);
    return 0;
}

/* Zero [gva, gva + len) of d.  Returns 0 or -EFAULT. */
static int elf_zero(struct domain *d, uint64_t gva, uint64_t len)
{
    static const char zero[ZERO_CHUNK];

    while ( len )
    {
        unsigned long n = min(len, (uint64_t)sizeof(zero));

        if ( copy_to_domain(d, gva, zero, n) )
            return -EFAULT;
        gva += n;
        len -= n;
    }
    return 0;
}

int pv_elf_load(struct domain *d, const void *image, unsigned long len,
                uint64_t *entry, const char **why)
{
    const struct elf64_ehdr *eh = image;
    const struct elf64_phdr *ph;
    bool entry_ok = false;
    unsigned int i;
    int rc;

    rc = elf_check_header(eh, len, why);
    if ( rc )
        return rc;
    ph = (const void *)((const char *)image + eh->e_phoff);

    /* Validate every segment before writing anything. */
    for ( i = 0; i < eh->e_phnum; i++ )
    {
        if ( ph[i].p_type != PT_LOAD )
            continue;
        rc = elf_check_segment(&ph[i], len, why);
        if ( rc )
            return rc;
        if ( (ph[i].p_flags & PF_X) && eh->e_entry >= ph[i].p_vaddr &&
             eh->e_entry - ph[i].p_vaddr < ph[i].p_memsz )
            entry_ok = true;
    }
    if ( !entry_ok )
        return elf_fail(why, "entry point not in an executable segment",
                        -EINVAL);

    for ( i = 0; i < eh->e_phnum; i++ )
    {
        if ( ph[i].p_type != PT_LOAD )
            continue;
        if ( copy_to_domain(d, ph[i].p_vaddr,
                            (const char *)image + ph[i].p_offset,
                            ph[i].p_filesz) ||
             elf_zero(d, ph[i].p_vaddr + ph[i].p_filesz,
                      ph[i].p_memsz - ph[i].p_filesz) )
            return elf_fail(why, "segment on unpopulated guest memory",
                            -EFAULT);
    }
    *entry = eh->e_entry;
    return 0;
}
