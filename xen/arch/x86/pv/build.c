/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Building a runnable ring-3 domain in memory that is already populated
 * (by dom0_create() at boot, or by the toolstack): load its ELF image,
 * write its start info page, create vCPU 0 at the entry point.
 *
 * The layout a domain starts with (docs/misc/domains.md):
 *
 *   gfn 0 (GUEST_LINEAR_BASE)       struct start_info (public/xen.h):
 *                                   magic, nr_pages, SIF_* flags and
 *                                   the command line; rest of the page 0
 *   gfns 1..255                     free; the initial stack grows down
 *                                   from GUEST_STACK_TOP (1 MiB)
 *   the image's PT_LOAD segments    where the image is linked (the test
 *                                   guests: GUEST_LINEAR_BASE + 1 MiB)
 *
 * Entry registers: rip = the ELF entry, rsp = GUEST_STACK_TOP, rsi = the
 * start info's address, rflags = IF, every other register 0.
 */

#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

#include <asm/config.h>
#include <asm/domain.h>
#include <asm/page.h>
#include <asm/setup.h>

#include <public/xen.h>

#define START_INFO_MAGIC        "xen-3.0-x86_64"

/* Write d's start info page.  Returns 0, -E2BIG, -ENOMEM or -EFAULT. */
static int start_info_write(struct domain *d, const char *cmdline,
                            uint32_t flags)
{
    struct start_info *si;
    int rc;

    BUILD_BUG_ON(sizeof(*si) > PAGE_SIZE);
    if ( strlen(cmdline) >= MAX_GUEST_CMDLINE )
        return -E2BIG;
    si = alloc_xenheap_page();
    if ( !si )
        return -ENOMEM;
    memset(si, 0, PAGE_SIZE);
    strlcpy(si->magic, START_INFO_MAGIC, sizeof(si->magic));
    si->nr_pages = d->tot_pages;
    si->flags = flags;
    strlcpy((char *)si->cmd_line, cmdline, sizeof(si->cmd_line));
    rc = copy_to_gfn(d, _gfn(GUEST_START_INFO_GFN), si);
    free_xenheap_page(si);
    return rc;
}

int pv_build(struct domain *d, const void *image, unsigned long len,
             const char *cmdline, uint32_t flags, const char **why)
{
    uint64_t entry;
    struct vcpu *v;
    int rc;

    rc = pv_domain_init(d);
    if ( rc )
    {
        *why = "no memory for the page tables";
        return rc;
    }
    rc = pv_elf_load(d, image, len, &entry, why);
    if ( rc )
        return rc;
    rc = start_info_write(d, cmdline, flags);
    if ( rc )
    {
        *why = rc == -E2BIG ? "command line too long"
                            : "cannot write the start info page (gfn 0)";
        return rc;
    }
    v = pv_vcpu_create(d, 0, entry, GUEST_STACK_TOP,
                       GUEST_LINEAR_BASE +
                       GUEST_START_INFO_GFN * PAGE_SIZE);
    if ( !v )
    {
        *why = "cannot create vCPU 0";
        return -ENOMEM;
    }
    vcpu_arch(v)->online = true;
    sched_vcpu_add(v);
    return 0;
}

void pv_dom0_build(struct domain *d)
{
    const struct boot_module *m = &boot_modules[0];
    const char *why = "";
    int rc;

    ASSERT(nr_boot_modules);
    rc = pv_build(d, m->image, m->len, m->cmdline,
                  SIF_PRIVILEGED | SIF_INITDOMAIN, &why);
    if ( rc )
        panic("dom0: cannot build from module 0 (%.*s): %s (%d)\n",
              (int)m->path_len, m->path, why, rc);
    printk("dom0: image %.*s, %lu bytes, command line \"%s\"\n",
           (int)m->path_len, m->path, m->len, m->cmdline);
}
