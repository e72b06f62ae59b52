# SPDX-License-Identifier: GPL-2.0
#
# make            hosted hypervisor + libxenctrl (plain and ASan+UBSan builds)
# make test       every test (hosted, static checks, QEMU boot tests);
#                 ends with "N passed, N failed"
# make run        boot the x86_64 image in QEMU with the default scenario
# make demo       the claims race on the hosted arch (see README.md)
# make bench      benchmarks: a table and one JSON line
# make fuzz       libFuzzer targets on the hypercall entry points, each run
#                 for FUZZ_SECONDS (docs/misc/fuzzing.md)
# make check      style, public headers alone, boot options documented
# make clean
#
# Variables: CC, DEBUG=y|n (default y), V=1 (show commands),
#            TESTS=<name ...> (run only these test programs),
#            FUZZ_TARGETS=<name ...>, FUZZ_SECONDS=<n>, FUZZ_CC (clang).

CC      ?= gcc
LD      ?= ld
AR      ?= ar
OBJCOPY ?= objcopy
DEBUG   ?= y
V       ?= 0
TESTS   ?=

O := build

ifeq ($(V),1)
Q :=
quiet = @true
else
Q := @
quiet = @printf '  %-7s %s\n' $(1) $(2)
endif

GCC_INC := $(shell $(CC) -print-file-name=include)

# Hypervisor code: freestanding, the same flags as the x86 image where they
# make sense for a process (no -fno-pic: the hosted objects link into PIE).
HV_CFLAGS := -std=gnu11 -ffreestanding -nostdinc -isystem $(GCC_INC) \
    -fno-common -fno-stack-protector -mno-red-zone -mno-sse -mno-mmx \
    -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
    -Wmissing-prototypes -MMD -MP -g -D__XEN__ \
    -Ixen/include -Ixen/arch/hosted/include -Ixen/arch/hosted

# Tools, tests and the libc side of the hosted arch.
TOOLS_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -MMD -MP -g -D_GNU_SOURCE \
    -Itools/include -Ixen/arch/hosted -Itools/tests/common -Itools/libs/tmem

ifneq ($(DEBUG),y)
HV_CFLAGS += -DNDEBUG
endif

VARIANTS := plain asan
plain_CFLAGS := -O2
asan_CFLAGS := -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
    -fno-sanitize-recover=all

HV_SRCS := $(wildcard xen/common/*.c xen/common/lib/*.c) \
    $(filter-out xen/arch/hosted/host.c,$(wildcard xen/arch/hosted/*.c))
HOST_SRCS := xen/arch/hosted/host.c
XC_SRCS := $(wildcard tools/libs/ctrl/*.c)
TMEM_FE_SRCS := $(wildcard tools/libs/tmem/*.c)
SYMS := xen/arch/hosted/libc-clash.syms

# Hosted test programs: tools/tests/<dir>/test-<dir>.c, plus any other .c
# in <dir>: *-fixture.c are hypervisor-side helpers (freestanding flags),
# the rest test-side helpers.
TEST_DIRS := $(filter-out common boot guests xenctrl-compat,\
    $(notdir $(wildcard tools/tests/*)))
TEST_NAMES := $(addprefix test-,$(TEST_DIRS))

# Benchmarks: tools/bench/bench-<name>.c, plus an optional hypervisor-side
# helper tools/bench/bench-<name>-fixture.c (built like test fixtures).
BENCH_NAMES := $(filter-out %-fixture,\
    $(basename $(notdir $(wildcard tools/bench/bench-*.c))))

.PHONY: all test test-hosted run demo bench check check-style \
    check-headers check-docs clean fuzz fuzz-build
.DEFAULT_GOAL := all

all: $(foreach v,$(VARIANTS),$(O)/$(v)/libxenctrl.a $(O)/$(v)/libxentmem.a \
         $(addprefix $(O)/$(v)/tests/,$(TEST_NAMES))) \
     tools/libs/ctrl/libxenctrl.a $(O)/plain/tests/xenctrl-compat \
     $(O)/plain/demo/claims-race

# --- per-variant rules -------------------------------------------------------

define variant
$(O)/$(1)/%.hv.o: %.c
	$$(call quiet,CC,$$<)
	@mkdir -p $$(@D)
	$(Q)$$(CC) $$(HV_CFLAGS) $$($(1)_CFLAGS) -c $$< -o $$@

$(O)/$(1)/%.tool.o: %.c
	$$(call quiet,CC,$$<)
	@mkdir -p $$(@D)
	$(Q)$$(CC) $$(TOOLS_CFLAGS) $$($(1)_CFLAGS) -c $$< -o $$@

# Fixtures run inside the hypervisor's symbol namespace.
$(O)/$(1)/%.fix.o: $(O)/$(1)/%.hv.o $$(SYMS)
	$(Q)$$(OBJCOPY) --redefine-syms=$$(SYMS) $$< $$@

# All hypervisor objects as one, libc-clashing names renamed (xen_memcpy).
$(O)/$(1)/xen-hosted.o: $$(HV_SRCS:%.c=$(O)/$(1)/%.hv.o) $$(SYMS)
	$$(call quiet,LD,$$@)
	$(Q)$$(LD) -r -o $$@ $$(filter %.o,$$^)
	$(Q)$$(OBJCOPY) --redefine-syms=$$(SYMS) $$@

$(O)/$(1)/libxenctrl.a: $(O)/$(1)/xen-hosted.o \
        $$(HOST_SRCS:%.c=$(O)/$(1)/%.tool.o) $$(XC_SRCS:%.c=$(O)/$(1)/%.tool.o)
	$$(call quiet,AR,$$@)
	$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^

# The guest-side tmem frontends (cleancache, frontswap).
$(O)/$(1)/libxentmem.a: $$(TMEM_FE_SRCS:%.c=$(O)/$(1)/%.tool.o)
	$$(call quiet,AR,$$@)
	$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^

$(O)/$(1)/tests/test-%: $(O)/$(1)/libxenctrl.a $(O)/$(1)/libxentmem.a \
        $$$$(call test_objs,$(1),$$$$*)
	$$(call quiet,LINK,$$@)
	@mkdir -p $$(@D)
	$(Q)$$(CC) $$($(1)_CFLAGS) -o $$@ $$(call test_objs,$(1),$$*) \
	    $(O)/$(1)/libxentmem.a $(O)/$(1)/libxenctrl.a -lpthread
endef

# Objects of test program <dir> in variant $(1); test-side helpers shared
# by several programs live in tools/tests/common/*.c.
test_objs = $(patsubst %.c,$(O)/$(1)/%.fix.o,\
        $(wildcard tools/tests/$(2)/*-fixture.c)) \
    $(patsubst %.c,$(O)/$(1)/%.tool.o,$(filter-out %-fixture.c,\
        $(wildcard tools/tests/$(2)/*.c) $(wildcard tools/tests/common/*.c)))

# Keep objects made by pattern rules (fixtures, test objects) instead of
# deleting them as intermediates.  Not .SECONDARY with no prerequisites:
# that would stop make from rebuilding missing objects.
.PRECIOUS: %.o

.SECONDEXPANSION:
$(foreach v,$(VARIANTS),$(eval $(call variant,$(v))))

tools/libs/ctrl/libxenctrl.a: $(O)/plain/libxenctrl.a
	$(Q)cp $< $@

# Built exactly as a Xen libxenctrl user would build it.
$(O)/plain/tests/xenctrl-compat: tools/tests/xenctrl-compat/compat.c \
        tools/libs/ctrl/libxenctrl.a
	$(call quiet,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(CC) -Wall -Wextra -Werror -o $@ $< -Itools/include \
	    tools/libs/ctrl/libxenctrl.a -lpthread

$(O)/plain/demo/%: $(O)/plain/tools/demo/%.tool.o $(O)/plain/libxenctrl.a
	$(call quiet,LINK,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) -O2 -o $@ $^ -lpthread

# Objects of benchmark <name>: its program and, if present, its fixture.
bench_objs = $(O)/plain/tools/bench/$(1).tool.o \
    $(patsubst %.c,$(O)/plain/%.fix.o,\
        $(wildcard tools/bench/$(1)-fixture.c))

$(O)/bench/%: $$(call bench_objs,$$*) $(O)/plain/libxenctrl.a
	$(call quiet,LINK,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) -O2 -o $@ $(call bench_objs,$*) $(O)/plain/libxenctrl.a \
	    $(BENCH_LIBS) -lpthread

# bench-lz compares with liblz4 when its header is there (liblz4-dev);
# without it, it says the reference rows were skipped.
HAVE_LZ4 := $(shell printf '\043include <lz4.h>\n' | \
    $(CC) -E -x c - >/dev/null 2>&1 && echo y)
ifeq ($(HAVE_LZ4),y)
$(O)/plain/tools/bench/bench-lz.tool.o: TOOLS_CFLAGS += -DHAVE_LZ4
$(O)/bench/bench-lz: BENCH_LIBS := -llz4
endif

# --- fuzzing (docs/misc/fuzzing.md) -------------------------------------------
#
# tools/fuzz/target-<name>.c is one libFuzzer target.  make fuzz builds
# each with $(FUZZ_CC) -fsanitize=fuzzer,address,undefined (the whole
# hypervisor instrumented for coverage) under $(O)/fuzz/ and runs it for
# FUZZ_SECONDS on its seeds (tools/fuzz/corpus/<name>/).  make (and so
# make test) also builds every target as a plain ASan+UBSan program with
# $(CC), replay-<name>, that feeds it the committed seeds and
# regression inputs once: no clang needed for that.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ALL := $(patsubst tools/fuzz/target-%.c,%,\
    $(wildcard tools/fuzz/target-*.c))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_LIB := tools/fuzz/fuzz-harness.c tools/fuzz/fuzz-ops.c
FUZZ_SAN := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
    -fno-sanitize-recover=all
FZ := $(O)/fuzz
FUZZ_COV := -fsanitize-coverage-ignorelist=tools/fuzz/coverage-ignore.txt

$(FZ)/%.hv.o: %.c tools/fuzz/coverage-ignore.txt
	$(call quiet,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(subst $(GCC_INC),$(shell $(FUZZ_CC) \
	    -print-file-name=include),$(HV_CFLAGS)) $(FUZZ_SAN) \
	    -fsanitize=fuzzer-no-link $(FUZZ_COV) -c $< -o $@

$(FZ)/%.tool.o: %.c tools/fuzz/coverage-ignore.txt
	$(call quiet,CC,$<)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(TOOLS_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
	    $(FUZZ_COV) -c $< -o $@

$(FZ)/%.fix.o: $(FZ)/%.hv.o $(SYMS)
	$(Q)$(OBJCOPY) --redefine-syms=$(SYMS) $< $@

$(FZ)/xen-hosted.o: $(HV_SRCS:%.c=$(FZ)/%.hv.o) $(SYMS)
	$(call quiet,LD,$@)
	$(Q)$(LD) -r -o $@ $(filter %.o,$^)
	$(Q)$(OBJCOPY) --redefine-syms=$(SYMS) $@

FUZZ_OBJS := $(FUZZ_LIB:%.c=$(FZ)/%.tool.o) \
    $(FZ)/tools/fuzz/fuzz-fixture.fix.o $(FZ)/xen-hosted.o \
    $(HOST_SRCS:%.c=$(FZ)/%.tool.o) $(XC_SRCS:%.c=$(FZ)/%.tool.o)

$(FZ)/bin/%: $(FZ)/tools/fuzz/target-%.tool.o $(FUZZ_OBJS)
	$(call quiet,LINK,$@)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ -lpthread

fuzz-build: $(addprefix $(FZ)/bin/,$(FUZZ_TARGETS))

fuzz: fuzz-build
	$(Q)bash scripts/run-fuzz "$(FUZZ_TARGETS)" $(FUZZ_SECONDS) $(FZ)

$(O)/asan/fuzz-replay/replay-%: $(O)/asan/tools/fuzz/target-%.tool.o \
        $(FUZZ_LIB:%.c=$(O)/asan/%.tool.o) \
        $(O)/asan/tools/fuzz/replay-main.tool.o \
        $(O)/asan/tools/fuzz/fuzz-fixture.fix.o $(O)/asan/libxenctrl.a
	$(call quiet,LINK,$@)
	@mkdir -p $(@D)
	$(Q)$(CC) $(asan_CFLAGS) -o $@ $^ -lpthread

all: $(addprefix $(O)/asan/fuzz-replay/replay-,$(FUZZ_ALL))

# --- top-level targets --------------------------------------------------------

test: all
	$(Q)bash scripts/run-tests "$(TESTS)" $(O)

test-hosted: test

# make run boots the x86_64 image in QEMU (run-x86, xen/arch/x86/Rules.mk);
# make demo runs the claims race on the hosted arch.
RUN_ARGS ?=
demo: $(O)/plain/demo/claims-race
	$(Q)./$(O)/plain/demo/claims-race $(RUN_ARGS)

ifneq ($(wildcard xen/arch/x86/Rules.mk),)
run: run-x86
else
run: demo
endif

bench: $(addprefix $(O)/bench/,$(BENCH_NAMES))
	$(Q)bash scripts/run-bench $(O)/bench $(BENCH_NAMES)

check: check-style check-headers check-docs

check-style:
	$(Q)bash scripts/check-style

check-headers:
	$(Q)bash scripts/check-headers

check-docs:
	$(Q)bash scripts/check-docs

clean:
	rm -rf $(O) tools/libs/ctrl/libxenctrl.a

# The x86_64 image and its QEMU boot tests (xen/arch/x86/Rules.mk).
-include xen/arch/x86/Rules.mk
ifneq ($(wildcard xen/arch/x86/Rules.mk),)
all: xen-image
endif

-include $(shell find $(O) -name '*.d' 2>/dev/null)
