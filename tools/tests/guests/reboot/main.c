/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reboot: dom0 shuts down with SHUTDOWN_reboot.  The hypervisor must tear
 * every domain down, audit the heap and reset the machine (QEMU, started
 * with -no-reboot, then exits with status 0).  The shutdown never returns,
 * so reaching the failure below means it did not happen.
 */

#include "guest.h"

const char test_title[] = "dom0 asks for a machine reboot";

void test_main(void)
{
    printk("Asking for a reboot\n");
    hypercall_shutdown(SHUTDOWN_reboot);
    guest_failure("Fail: SCHEDOP_shutdown(reboot) returned\n");
}
