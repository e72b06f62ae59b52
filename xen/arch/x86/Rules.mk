# SPDX-License-Identifier: GPL-2.0
#
# The x86_64 image and its QEMU boot tests; included by the top Makefile.
#
# make xen-image    build/x86/xen: ELF32 multiboot1 image for QEMU -kernel
#                   (build/x86/xen-syms: the 64-bit ELF, for gdb/addr2line)
# make boot-test    boot the image under QEMU with each test's parameters
#                   (BOOT_TESTS="default selftest ..." narrows the run)
# make run-x86      boot it once, serial on stdio: SCENARIO=<name> (below),
#                   ARGS="<more boot parameters>"; or RUN_X86_ARGS,
#                   RUN_X86_MEM, RUN_X86_GUEST="hello args" by hand
# make xen-guests   the boot-test guests: build/x86/guests/<name> (ELF64)
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
    $(wildcard xen/arch/x86/*.c xen/arch/x86/pv/*.c) \
    $(filter-out xen/arch/x86/boot/wrap.S,$(wildcard xen/arch/x86/*.S \
        xen/arch/x86/boot/*.S))
X86_OBJS := $(patsubst %,$(X86_O)/obj/%.o,$(basename $(X86_SRCS)))

# Boot-test guests (tools/tests/guests/<name>/*.c + the runtime in lib/):
# static ELF64 images for ring 3, build/x86/guests/<name>.  No SSE: the
# hypervisor neither enables nor switches FPU state.
GUEST_O := $(X86_O)/guests
GUEST_CFLAGS := -std=gnu11 -ffreestanding -nostdinc -isystem $(GCC_INC) \
    -fno-pic -fno-pie -fno-common -fno-stack-protector -mno-red-zone \
    -mno-sse -mno-mmx -mno-sse2 -fno-omit-frame-pointer \
    -fno-asynchronous-unwind-tables -fcf-protection=none \
    -ftls-model=local-exec \
    -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
    -Wmissing-prototypes -MMD -MP -g -O2 -D__XEN_TOOLS__ \
    -Ixen/include -Itools/tests/guests/lib
GUEST_NAMES := $(filter-out lib,$(notdir $(wildcard tools/tests/guests/*)))
GUEST_IMAGES := $(addprefix $(GUEST_O)/,$(GUEST_NAMES))
GUEST_LIB_OBJS := $(patsubst %,$(GUEST_O)/obj/%.o,$(basename \
    $(wildcard tools/tests/guests/lib/*.c tools/tests/guests/lib/*.S)))
guest_objs = $(patsubst %.c,$(GUEST_O)/obj/%.o,\
    $(wildcard tools/tests/guests/$(1)/*.c))

# libxenctrl for guests: the library's own sources with the guest
# transport (tools/libs/ctrl/guest/) over the guests' small libc
# (tools/tests/guests/lib/libc/), as an archive every guest links (only a
# guest that calls xc_*() pulls it in).  Built as hosted C (that libc is
# the host) without builtins.  Thread-local data is per vCPU (the guest
# runtime's TLS, tools/tests/guests/lib/smp.c).
XC_GUEST_SRCS := $(filter-out tools/libs/ctrl/xc_transport_hosted.c,\
        $(wildcard tools/libs/ctrl/*.c)) \
    $(wildcard tools/libs/ctrl/guest/*.c tools/tests/guests/lib/libc/*.c)
# The guest-side tmem frontends (tools/libs/tmem/) ride in the same
# archive, for the tmem-* guests.
XC_GUEST_SRCS += $(wildcard tools/libs/tmem/*.c)
XC_GUEST_OBJS := $(patsubst %.c,$(GUEST_O)/xc/%.o,$(XC_GUEST_SRCS))
XC_GUEST_CFLAGS := -Itools/tests/guests/lib/libc/include -Itools/include \
    -Itools/libs/ctrl $(filter-out -ffreestanding -Wmissing-prototypes,\
        $(GUEST_CFLAGS)) -fno-builtin
GUEST_XC_LIB := $(GUEST_O)/libxenctrl-guest.a

QEMU ?= qemu-system-x86_64

# make run scenarios: SCENARIO=<name> picks the machine size, the boot
# parameters and dom0's guest with its boot modules ("+" separates
# modules); ARGS="..." adds boot parameters.  RUN_X86_MEM, RUN_X86_ARGS
# and RUN_X86_GUEST override the scenario's parts one by one.
#
# parallel-build (default): dom0 (xc-parallel) times a 512 MiB build with
#     and without a claim, then builds four 384 MiB guests at once on a
#     1 GiB machine, with claims: two complete, two fail at claim time;
#     the two that run use tmem; a summary table ends the log.
# parallel-build-noclaims: the same race without claims: builds fail
#     late, after populating much of their memory.
# toolstack: dom0 builds a guest with claims and one that crashes.
# smp: four vCPUs in dom0.
SCENARIO ?= parallel-build
TMEM_GUESTS := + tmem-cleancache + tmem-frontswap + tmem-cleancache \
    + tmem-frontswap
SCEN_MEM_parallel-build := 1G
SCEN_ARGS_parallel-build := loglvl=all guest_loglvl=all tmem
SCEN_GUEST_parallel-build := xc-parallel guests=4 mem=384 time=512 \
    expect=2 $(TMEM_GUESTS)
SCEN_MEM_parallel-build-noclaims := 1G
SCEN_ARGS_parallel-build-noclaims := loglvl=all guest_loglvl=all tmem
SCEN_GUEST_parallel-build-noclaims := xc-parallel guests=4 mem=384 \
    claims=off $(TMEM_GUESTS)
SCEN_MEM_toolstack := 512M
SCEN_ARGS_toolstack := loglvl=all guest_loglvl=all selftest
SCEN_GUEST_toolstack := xc-toolstack expect=poweroff:crash + domu + \
    domu crash
SCEN_MEM_smp := 256M
SCEN_ARGS_smp := loglvl=all guest_loglvl=all
SCEN_GUEST_smp := smp vcpus=4
SCENARIOS := parallel-build parallel-build-noclaims toolstack smp

ifeq ($(filter $(SCENARIO),$(SCENARIOS)),)
$(if $(filter run run-x86,$(MAKECMDGOALS)),\
    $(error SCENARIO=$(SCENARIO): not one of $(SCENARIOS)))
endif
RUN_X86_MEM ?= $(SCEN_MEM_$(SCENARIO))
RUN_X86_ARGS ?= $(SCEN_ARGS_$(SCENARIO)) $(ARGS)
RUN_X86_GUEST ?= $(SCEN_GUEST_$(SCENARIO))

.PHONY: xen-image xen-guests boot-test run-x86

xen-image: $(X86_O)/xen xen-guests

xen-guests: $(GUEST_IMAGES)

# Guests named xc-* call libxenctrl: its headers come first.
$(GUEST_O)/obj/tools/tests/guests/xc-%.o: GUEST_INC_FIRST := -Itools/include
# Guests named tmem-* use the tmem frontends: public headers as tools see
# them (<xen/tmem.h>), then tmem-frontend.h.
$(GUEST_O)/obj/tools/tests/guests/tmem-%.o: GUEST_INC_FIRST := \
    -Itools/include -Itools/libs/tmem

$(GUEST_O)/obj/%.o: %.c
	$(call quiet,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(GUEST_INC_FIRST) $(GUEST_CFLAGS) -c $< -o $@

$(GUEST_O)/obj/%.o: %.S
	$(call quiet,AS,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(GUEST_CFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(GUEST_O)/xc/%.o: %.c
	$(call quiet,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) $(XC_GUEST_CFLAGS) -c $< -o $@

$(GUEST_XC_LIB): $(XC_GUEST_OBJS)
	$(call quiet,AR,$@)
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(GUEST_IMAGES): $(GUEST_O)/%: $$(call guest_objs,$$*) $(GUEST_LIB_OBJS) \
        $(GUEST_XC_LIB) tools/tests/guests/lib/guest.lds
	$(call quiet,LD,$@)
	$(Q)$(LD) -nostdlib -static -z max-page-size=0x1000 -z noexecstack \
	    --build-id=none -T tools/tests/guests/lib/guest.lds -o $@ \
	    $(call guest_objs,$*) $(GUEST_LIB_OBJS) $(GUEST_XC_LIB)

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

boot-test: $(X86_O)/xen $(GUEST_IMAGES)
	$(Q)QEMU=$(QEMU) bash tools/tests/boot/run-boot-tests $(X86_O)/xen \
	    $(BOOT_TESTS)

run-x86: $(X86_O)/xen $(GUEST_IMAGES)
	$(Q)QEMU=$(QEMU) RUN_X86_GUEST="$(RUN_X86_GUEST)" bash \
	    tools/tests/boot/run-boot-tests --run $(X86_O)/xen \
	    $(RUN_X86_MEM) $(RUN_X86_ARGS)
