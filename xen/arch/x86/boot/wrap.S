/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ELF32 wrapper: QEMU's multiboot loader (and GRUB's multiboot1)
 * take a 32-bit ELF, not our 64-bit one.  As Xen's mkelf32 does, repack
 * the 64-bit image: its memory image from XEN_LOAD_ADDR to __image_end,
 * .bss included as zeros (build/x86/xen.bin), becomes the one loadable
 * segment of an ELF32 whose addresses are physical (wrap.lds).
 */
        .section .payload, "awx", @progbits
        .incbin "xen.bin"
