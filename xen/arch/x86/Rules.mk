# SPDX-License-Identifier: GPL-2.0
#
# The x86_64 image and its QEMU boot tests; included by the top Makefile.
#
# make xen-image    build/x86/xen: ELF32 multiboot1 image for QEMU -kernel
#                   (build/x86/xen-syms: the 64-bit ELF, for gdb/addr2line)
# make boot-test    boot the image under QEMU with each test's parameters
#                   (BOOT_TESTS="default selftest ..." narrows the run)
# make run-x86      boot it once, serial on stdio (RUN_X86_ARGS, RUN_X86_MEM)
#
# Objects: build/x86/obj/<source path>.o (not build/x86/<source path>.o:
# build/x86/xen is the image, so it cannot also be the directory of
# xen/**), from the same common sources as the hosted build plus
# xen/arch/x86/**.{c,S}.

X86_O := $(O)/x86

X86_CFLAGS := -std=gnu11 -ffreestanding -nostdinc -isystem $(GCC_INC) \
    -fno-pic -fno-pie -fno-common -fno-stack-protector -mno-red-zone \
    -mno-sse -mno-mmx -mno-sse2 -mcmodel=kernel -fno-omit-frame-pointer \
    -fno-asynchronous-unwind-tables -fcf-protection=none \
    -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
    -Wmissing-prototypes -MMD -MP -g -O2 -D__XEN__ \
    -Ixen/include -Ixen/arch/x86/include
ifneq ($(DEBUG),y)
X86_CFLAGS += -DNDEBUG
endif
X86_AFLAGS := -D__ASSEMBLY__ -nostdinc -Ixen/include -Ixen/arch/x86/include

X86_SRCS := $(wildcard xen/common/*.c xen/common/lib/*.c) \
    $(wildcard xen/arch/x86/*.c) \
    $(filter-out xen/arch/x86/boot/wrap.S,$(wildcard xen/arch/x86/*.S \
        xen/arch/x86/boot/*.S))
X86_OBJS := $(patsubst %,$(X86_O)/obj/%.o,$(basename $(X86_SRCS)))

QEMU ?= qemu-system-x86_64
RUN_X86_MEM ?= 512M
RUN_X86_ARGS ?= loglvl=all selftest

.PHONY: xen-image boot-test run-x86

xen-image: $(X86_O)/xen

$(X86_O)/obj/%.o: %.c
	$(call quiet,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(X86_CFLAGS) -c $< -o $@

$(X86_O)/obj/%.o: %.S
	$(call quiet,AS,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(X86_AFLAGS) -c $< -o $@

$(X86_O)/xen-syms: $(X86_OBJS) xen/arch/x86/xen.lds
	$(call quiet,LD,$@)
	$(Q)$(LD) -nostdlib -z max-page-size=0x1000 -z noexecstack \
	    --no-warn-rwx-segments --build-id=none -T xen/arch/x86/xen.lds \
	    -o $@ $(X86_OBJS)

# The flat memory image, .bss included, then its ELF32 wrapper.
$(X86_O)/xen.bin: $(X86_O)/xen-syms
	$(Q)$(OBJCOPY) -O binary --set-section-flags .bss=alloc,load,contents \
	    $< $@

$(X86_O)/xen: $(X86_O)/xen.bin xen/arch/x86/boot/wrap.S \
        xen/arch/x86/boot/wrap.lds
	$(call quiet,MKELF32,$@)
	$(Q)$(CC) -m32 -c -Wa,-I$(X86_O) xen/arch/x86/boot/wrap.S \
	    -o $(X86_O)/obj/wrap.o
	$(Q)$(LD) -m elf_i386 -nostdlib -z max-page-size=0x1000 \
	    -z noexecstack --no-warn-rwx-segments --build-id=none \
	    -T xen/arch/x86/boot/wrap.lds \
	    -o $@ $(X86_O)/obj/wrap.o

boot-test: $(X86_O)/xen
	$(Q)QEMU=$(QEMU) bash tools/tests/boot/run-boot-tests $(X86_O)/xen \
	    $(BOOT_TESTS)

run-x86: $(X86_O)/xen
	$(Q)QEMU=$(QEMU) bash tools/tests/boot/run-boot-tests --run \
	    $(X86_O)/xen $(RUN_X86_MEM) $(RUN_X86_ARGS)
