# SPDX-License-Identifier: GPL-2.0
#
# irqwire top-level Makefile. "make help" lists the targets.
#
# The module is built once per kernel, each in build/<kver>/ (a tree of
# symlinks to the sources, so objects never land in module/). Without KDIR,
# the kernels are: the running kernel when its build dir exists, else every
# Debian kernel installed here and the debug kernel (tools/testing/kernels.sh). The
# VM test lane always uses all of them.

SHELL		:= /bin/bash
PROJ		:= $(CURDIR)
BUILD		:= $(PROJ)/build
IRQWIRE_CACHE	?= /var/cache/irqwire
KSRC		?= $(IRQWIRE_CACHE)/linux-source-6.1
export IRQWIRE_CACHE KSRC

RUNNING		:= $(shell uname -r)
LANE_KERNELS	= $(shell tools/testing/kernels.sh)
ifdef KDIR
# /lib/modules/<kver>/build names its kernel: Debian's 6.1 headers report
# "6.1.192" as their kernelrelease, not the "6.1.0-57-amd64" they build for
KVERS		?= $(or $(patsubst /lib/modules/%/build,%,$(filter /lib/modules/%/build,$(abspath $(KDIR)))),\
			$(shell $(MAKE) -s -C $(KDIR) kernelrelease 2>/dev/null))
else ifneq ($(wildcard /lib/modules/$(RUNNING)/build),)
KVERS		:= $(RUNNING)
else
KVERS		= $(LANE_KERNELS)
endif
# Debian's own kernels: the lane's kernels but the debug kernel, which has
# no /lib/modules tree to install into (install and DKMS tests)
DEBIAN_KERNELS	= $(filter-out %-irqwire-debug,$(LANE_KERNELS))
# benchmarks: not the debug kernel (its checks, KASAN and lockdep, would be
# what they measure) nor PREEMPT_RT (threaded wakeups: another question)
BENCH_KERNELS	= $(filter-out %-rt-amd64,$(DEBIAN_KERNELS))
# the build tree of kernel $$v, for shell loops over kernels
kdir		= $(or $(KDIR),$$(tools/testing/kernels.sh --kdir $(1)))

MODULE_SRCS	:= Kbuild dkms.conf $(wildcard module/*.[ch]) uapi/linux/irqwire.h

.PHONY: all modules lane-modules man install install-run uninstall setup debug-kernel selftests tools check check-lane \
	demo demo-lane bench bench-lane docs \
	lint lint-run clean help

all: modules

help:
	@echo "make            build irqwire.ko for KDIR (default: running kernel, else all installed Debian kernels)"
	@echo "make setup      install what is missing (apt) and prepare linux-source-6.1"
	@echo "make debug-kernel   build (once) the lockdep/KASAN/kmemleak kernel the lane also runs"
	@echo "make check      setup, build, run every selftest in the VM lane on every kernel, debug kernel included"
	@echo "make check NATIVE=1   same selftests on this host (needs /dev/kvm and module support)"
	@echo "make demo       setup, build, run 'irqwire demo' in the VM lane"
	@echo "make bench      setup, build, run 'irqwire bench' in the VM lane on each Debian kernel:"
	@echo "                instructions per operation (-icount), then the time-only case;"
	@echo "                CLOCK=time times every case (JSON in build/bench/)"
	@echo "make lint       checkpatch.pl and sparse (C=2) on the module"
	@echo "make docs       Documentation/*.rst through Debian's docutils (warnings fail), man page"
	@echo "make install    module, tool, scripts, header, man page (DESTDIR, PREFIX=/usr/local, KDIR)"
	@echo "make uninstall  removes exactly what make install installed"
	@echo "make clean      remove build/"

setup:
	@tools/testing/setup.sh

# cached: rebuilt only when its config, script or source package change
debug-kernel:
	@tools/testing/debug-kernel/build.sh

modules:
	@set -e; for v in $(KVERS); do \
		rm -rf $(BUILD)/$$v/module $(BUILD)/$$v/uapi $(BUILD)/$$v/Kbuild $(BUILD)/$$v/dkms.conf; \
		mkdir -p $(BUILD)/$$v; \
		cp -rs $(PROJ)/Kbuild $(PROJ)/dkms.conf $(PROJ)/module $(PROJ)/uapi $(BUILD)/$$v/; \
		echo "  MODULE  build/$$v/irqwire.ko"; \
		$(MAKE) -s -C $(call kdir,$$v) M=$(BUILD)/$$v W=1 modules \
			2>&1 | grep -v '^Skipping BTF generation' || true; \
		test -f $(BUILD)/$$v/irqwire.ko; \
	done

# The lane's helper module for PREEMPT_RT kernels
# (tools/testing/vm/constant-tsc/lane_constant_tsc.c), built next to irqwire.ko.
lane-modules:
	@set -e; for v in $(KVERS); do \
		grep -q '^CONFIG_PREEMPT_RT=y' "$$(tools/testing/kernels.sh --config $$v)" || continue; \
		rm -rf $(BUILD)/$$v/lane; mkdir -p $(BUILD)/$$v; \
		cp -rs $(PROJ)/tools/testing/vm/constant-tsc $(BUILD)/$$v/lane; \
		echo "  MODULE  build/$$v/lane/lane_constant_tsc.ko"; \
		$(MAKE) -s -C $(call kdir,$$v) M=$(BUILD)/$$v/lane W=1 modules \
			2>&1 | grep -v '^Skipping BTF generation' || true; \
		test -f $(BUILD)/$$v/lane/lane_constant_tsc.ko; \
	done

selftests:
	@$(MAKE) -s -C selftests OUT=$(BUILD)/selftests

tools:
	@$(MAKE) -s -C tools/irqwire OUT=$(BUILD)/tools
	@$(MAKE) -s -C tools/preload OUT=$(BUILD)/tools

# --- the two README commands -------------------------------------------------

ifdef NATIVE
check: setup
	@$(MAKE) -s KDIR=/lib/modules/$(RUNNING)/build modules selftests tools
	@tools/testing/stage-install.sh $(RUNNING)
	@tools/testing/vm/lane.sh check native
else
check: setup
	@$(MAKE) -s check-lane
endif

check-lane: docs debug-kernel selftests tools
	@$(MAKE) -s KVERS="$(LANE_KERNELS)" modules lane-modules
	@tools/testing/stage-install.sh $(DEBIAN_KERNELS)
	@tools/testing/vm/lane.sh check $(LANE_KERNELS)

demo: setup
	@$(MAKE) -s demo-lane

demo-lane: selftests tools
	@$(MAKE) -s KVERS="$(LANE_KERNELS)" modules lane-modules
	@tools/testing/vm/lane.sh demo $(LANE_KERNELS)

bench: setup
	@$(MAKE) -s bench-lane

# Instructions per operation by default (a VM whose clock counts
# instructions: figures repeat within 0.5 %), then the cases that only
# time can measure; CLOCK=time runs every case timed instead.
CLOCK		?= instructions
bench-lane: selftests tools
	@$(MAKE) -s KVERS="$(BENCH_KERNELS)" modules lane-modules
	@IRQWIRE_VM_CLOCK=$(CLOCK) tools/testing/vm/lane.sh bench $(BENCH_KERNELS)
	@if [ "$(CLOCK)" = instructions ]; then \
		IRQWIRE_BENCH_ONLY=multi tools/testing/vm/lane.sh bench $(BENCH_KERNELS); \
	fi

# Debian's docutils (python3-docutils, tools/testing/setup.sh), not whatever python3
# comes first in PATH: every page must build as plain reStructuredText.
# Documentation/tool.rst is also the man page irqwire(8), which must list
# the commands and exit codes "irqwire --help" lists.
docs: man
	@set -e; for f in Documentation/*.rst; do \
		/usr/bin/python3 -m docutils --halt=warning $$f > /dev/null; \
	done; echo "  DOCS    Documentation/*.rst: clean"
	@$(MAKE) -s -C tools/irqwire OUT=$(BUILD)/tools core
	@tools/testing/check-manpage.sh $(BUILD)/tools/irqwire $(BUILD)/man/irqwire.8
	@echo "  MAN     build/man/irqwire.8: the commands and exit codes of --help"

man:
	@mkdir -p $(BUILD)/man
	@/usr/bin/rst2man --halt=warning Documentation/tool.rst > $(BUILD)/man/irqwire.8

# --- install ------------------------------------------------------------------
#
# make install [DESTDIR=...] [PREFIX=/usr/local] [KDIR=...]: the module for
# the running kernel (or KDIR's; without either, every Debian kernel
# installed here) under /lib/modules/<kver>/updates, the tool with its
# helpers, preload library and bpftrace scripts, the uapi header and the
# man page. depmod runs only without DESTDIR (a packager's postinst runs
# it otherwise). make uninstall removes exactly these files.

PREFIX		?= /usr/local
BINDIR		= $(PREFIX)/bin
HELPERDIR	= $(PREFIX)/libexec/irqwire
PRELOADDIR	= $(PREFIX)/lib/irqwire
SCRIPTDIR	= $(PREFIX)/share/irqwire/bpftrace
INCLUDEDIR	= $(PREFIX)/include/linux
MAN8DIR		= $(PREFIX)/share/man/man8
INSTALL_KVERS	= $(filter-out %-irqwire-debug,$(KVERS))
# the tool is built again with the installed folders compiled in
INSTALL_TOOLS	= $(BUILD)/install-tools
SCRIPTS		:= $(wildcard tools/bpftrace/*.bt)

install: setup
	@$(MAKE) -s install-run

install-run: man
	@$(MAKE) -s KVERS="$(INSTALL_KVERS)" modules
	@$(MAKE) -s -C tools/irqwire OUT=$(INSTALL_TOOLS) BPFTRACE_DIR=$(SCRIPTDIR) \
		HELPER_DIR=$(HELPERDIR) PRELOAD_DIR=$(PRELOADDIR)
	@$(MAKE) -s -C tools/preload OUT=$(INSTALL_TOOLS)
	install -D -m 0755 -t $(DESTDIR)$(BINDIR) $(INSTALL_TOOLS)/irqwire
	install -D -m 0755 -t $(DESTDIR)$(HELPERDIR) $(INSTALL_TOOLS)/irqwire-demo \
		$(INSTALL_TOOLS)/irqwire-bench
	install -D -m 0755 -t $(DESTDIR)$(PRELOADDIR) $(INSTALL_TOOLS)/libirqwire-preload.so
	install -D -m 0644 -t $(DESTDIR)$(SCRIPTDIR) $(SCRIPTS)
	install -D -m 0644 -t $(DESTDIR)$(INCLUDEDIR) uapi/linux/irqwire.h
	install -D -m 0644 -t $(DESTDIR)$(MAN8DIR) $(BUILD)/man/irqwire.8
	@set -e; for v in $(INSTALL_KVERS); do \
		echo "install -D -m 0644 build/$$v/irqwire.ko $(DESTDIR)/lib/modules/$$v/updates/irqwire.ko"; \
		install -D -m 0644 $(BUILD)/$$v/irqwire.ko $(DESTDIR)/lib/modules/$$v/updates/irqwire.ko; \
		if [ -z "$(DESTDIR)" ]; then depmod -a $$v; fi; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/irqwire $(DESTDIR)$(HELPERDIR)/irqwire-demo \
		$(DESTDIR)$(HELPERDIR)/irqwire-bench \
		$(DESTDIR)$(PRELOADDIR)/libirqwire-preload.so \
		$(addprefix $(DESTDIR)$(SCRIPTDIR)/,$(notdir $(SCRIPTS))) \
		$(DESTDIR)$(INCLUDEDIR)/irqwire.h $(DESTDIR)$(MAN8DIR)/irqwire.8
	-rmdir $(DESTDIR)$(HELPERDIR) $(DESTDIR)$(PRELOADDIR) $(DESTDIR)$(SCRIPTDIR) \
		$(DESTDIR)$(PREFIX)/share/irqwire 2>/dev/null
	@set -e; for v in $(INSTALL_KVERS); do \
		echo "rm -f $(DESTDIR)/lib/modules/$$v/updates/irqwire.ko"; \
		rm -f $(DESTDIR)/lib/modules/$$v/updates/irqwire.ko; \
		if [ -z "$(DESTDIR)" ] && [ -d /lib/modules/$$v/kernel ]; then depmod -a $$v; fi; \
	done

# --- lint ----------------------------------------------------------------------

lint: setup
	@$(MAKE) -s lint-run

lint-run:
	@echo "  CHECKPATCH"
	@$(KSRC)/scripts/checkpatch.pl --no-tree --strict --quiet \
		--ignore FILE_PATH_CHANGES \
		-f $(wildcard module/*.[ch]) uapi/linux/irqwire.h || exit 1
	@set -e; for v in $(LANE_KERNELS); do \
		mkdir -p $(BUILD)/lint-$$v; \
		cp -rsf $(PROJ)/Kbuild $(PROJ)/dkms.conf $(PROJ)/module $(PROJ)/uapi $(BUILD)/lint-$$v/; \
		echo "  SPARSE  $$v"; \
		out=$$($(MAKE) -s -C $$(tools/testing/kernels.sh --kdir $$v) \
			M=$(BUILD)/lint-$$v C=2 \
			modules 2>&1 | grep -v '^Skipping BTF generation' || true); \
		if [ -n "$$out" ]; then echo "$$out"; exit 1; fi; \
	done
	@echo "lint: clean"

clean:
	rm -rf $(BUILD)
