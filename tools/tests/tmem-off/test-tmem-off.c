/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tmem disabled (no `tmem` on the command line, the default): every tmem
 * op, from a guest or from dom0, whatever it names, fails with -ENODEV,
 * reads nothing from the guest and allocates nothing.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <xenctrl.h>

#include "harness.h"
#include "hosted-api.h"
#include "../tmem/tmem-util.h"

#define DA              1
#define NPAGES          32
#define GFN(i)          (TU_BUF_PAGES + (i))

static const uint32_t cmds[] = {
    TMEM_CONTROL, TMEM_NEW_POOL, TMEM_DESTROY_POOL, TMEM_NEW_PAGE,
    TMEM_PUT_PAGE, TMEM_GET_PAGE, TMEM_FLUSH_PAGE, TMEM_FLUSH_OBJECT,
    TMEM_READ, TMEM_WRITE, TMEM_XCHG, TMEM_AUTH, TMEM_RESTORE_NEW, 77,
    0xFFFFFFFFU,
};

/* Every command, with plausible and with absurd arguments. */
static void every_op(void)
{
    unsigned int i;

    for ( i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++ )
    {
        struct tmem_op op;
        long rc[3];

        memset(&op, 0, sizeof(op));
        op.cmd = cmds[i];
        op.u.creat.flags = TU_EPH;
        rc[0] = tu_op(&op);
        op.pool_id = 0;
        op.u.gen.oid = tu_oid(1, 2, 3);
        op.u.gen.cmfn = GFN(0);
        rc[1] = tu_op(&op);
        op.pool_id = -1;
        op.u.gen.len = 7;
        op.u.gen.cmfn = ~0ULL;
        rc[2] = tu_op(&op);
        if ( rc[0] != -ENODEV || rc[1] != -ENODEV || rc[2] != -ENODEV )
            fail("cmd %u: %ld %ld %ld, expected -ENODEV", cmds[i], rc[0],
                 rc[1], rc[2]);
    }
    /* Not even the argument is read. */
    check_eq(hosted_hypercall(__HYPERVISOR_tmem_op, 0, 0, 0, 0, 0),
             -ENODEV);
    check_eq(hosted_hypercall(__HYPERVISOR_tmem_op, 0x1000, 0, 0, 0, 0),
             -ENODEV);
}

static void g_every_op(void *unused)
{
    (void)unused;
    every_op();
}

static void test_every_op_from_a_guest_enodev(void)
{
    unsigned long before;

    if ( !check_eq(tu_domain_create(DA, NPAGES, 0), 0) )
        return;
    before = tu_free_pages();
    check_eq(tu_run(DA, g_every_op, NULL), 0);
    check_eq(tu_free_pages(), before);
    check_eq(tu_domain_destroy(DA), 0);
    check_eq(hosted_heap_audit(), 0);
}

static void test_every_op_from_dom0_enodev(void)
{
    unsigned long before = tu_free_pages();
    char buf[TU_LIST_SIZE];
    char uuid[] = "00000000-0000-0001-0000-000000000002";
    uint32_t subop;

    every_op();
    for ( subop = 0; subop <= TMEMC_RESTORE_FLUSH_PAGE; subop++ )
    {
        /* (A LIST with a length needs a buffer: tested below.) */
        long rc = tu_control(subop, TU_CLI_ALL, subop != TMEMC_LIST);

        if ( rc != -ENODEV )
            fail("TMEMC subop %u: %ld, expected -ENODEV", subop, rc);
    }
    check_eq(tu_list(TU_CLI_ALL, buf), -ENODEV);
    errno = 0;
    check_eq(xc_tmem_auth(tu_xch, 0, uuid, 1), -1);
    check_eq(errno, ENODEV);
    check_eq(tu_free_pages(), before);
    check_eq(hosted_heap_audit(), 0);
}

int main(void)
{
    if ( tu_open("mem=32M dom0_mem=8M", 60) )
    {
        printf("cannot open the hypervisor\n");
        return 1;
    }
    RUN_TEST(test_every_op_from_a_guest_enodev);
    RUN_TEST(test_every_op_from_dom0_enodev);
    xc_interface_close(tu_xch);
    return harness_report();
}
