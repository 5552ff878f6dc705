# SPDX-License-Identifier: GPL-2.0
#
# The KVM selftest library from Debian's linux-source-6.1 (KSRC, prepared
# by tools/testing/setup.sh) plus irqwire's guest helpers in selftests/lib
# and the user library tools/lib, built once into build/kvmlib for the
# selftests and the tool's VM-creating helpers alike.
# Includers set nothing; they use KVM_CFLAGS, KVM_LDFLAGS, KVM_LDLIBS,
# KVMLIB_DEPS (prerequisites) and KVMLIB_LINK (objects, for the link line).

IRQWIRE_ROOT	:= $(abspath $(dir $(lastword $(MAKEFILE_LIST)))/../..)
KSRC		?= /var/cache/irqwire/linux-source-6.1
SELFTESTS	:= $(KSRC)/tools/testing/selftests
KVMDIR		:= $(SELFTESTS)/kvm
KVMLIB_OUT	:= $(IRQWIRE_ROOT)/build/kvmlib
IRQWIRE_LIB	:= $(IRQWIRE_ROOT)/selftests/lib
USER_LIB	:= $(IRQWIRE_ROOT)/tools/lib

# The KVM selftests' own flags: guest code runs from this ELF, unrelocated.
KVM_CFLAGS	:= -Wall -Wstrict-prototypes -Wuninitialized -Werror -O2 -g \
		   -std=gnu99 -U_FORTIFY_SOURCE -fno-stack-protector -fno-PIE \
		   -I$(KSRC)/tools/include -I$(KSRC)/tools/arch/x86/include \
		   -isystem $(KSRC)/usr/include -I$(KVMDIR)/include \
		   -I$(KVMDIR)/include/x86_64 -I$(SELFTESTS) \
		   -I$(IRQWIRE_ROOT)/uapi -I$(IRQWIRE_LIB) -I$(USER_LIB)
KVM_LDFLAGS	:= -pthread -no-pie
KVM_LDLIBS	:= -ldl

KVMLIB_STAMP	:= $(KVMLIB_OUT)/kvm/.built
KVMLIB_HDRS	:= $(wildcard $(IRQWIRE_LIB)/*.h $(USER_LIB)/*.h) \
		   $(IRQWIRE_ROOT)/uapi/linux/irqwire.h
KVMLIB_OBJS	:= $(patsubst $(IRQWIRE_LIB)/%.c,$(KVMLIB_OUT)/%.o,\
		   $(wildcard $(IRQWIRE_LIB)/*.c)) \
		   $(patsubst $(USER_LIB)/%.c,$(KVMLIB_OUT)/lib/%.o,\
		   $(wildcard $(USER_LIB)/*.c))
KVMLIB_DEPS	:= $(KVMLIB_STAMP) $(KVMLIB_OBJS) $(KVMLIB_HDRS)
# The KVM objects exist only once the stamp is built: expand at link time.
KVMLIB_LINK	= $(KVMLIB_OBJS) $$(find $(KVMLIB_OUT)/kvm -name '*.o' | sort)

# The KVM library is built by its own Makefile; only its objects are asked for.
$(KVMLIB_STAMP): $(wildcard $(KVMDIR)/lib/*.c $(KVMDIR)/lib/x86_64/*.[cS])
	$(MAKE) -s -C $(KVMDIR) OUTPUT=$(KVMLIB_OUT)/kvm \
		--eval='.SECONDEXPANSION:' \
		--eval='irqwire-libkvm: $$$$(LIBKVM_OBJS)' irqwire-libkvm
	touch $@

$(KVMLIB_OUT)/%.o: $(IRQWIRE_LIB)/%.c $(KVMLIB_HDRS) $(KVMLIB_STAMP)
	@mkdir -p $(@D)
	$(CC) $(KVM_CFLAGS) -c $< -o $@

$(KVMLIB_OUT)/lib/%.o: $(USER_LIB)/%.c $(KVMLIB_HDRS)
	@mkdir -p $(@D)
	$(CC) $(KVM_CFLAGS) -c $< -o $@

# Shared by several links: not intermediate files to delete after one.
.SECONDARY: $(KVMLIB_OBJS)
