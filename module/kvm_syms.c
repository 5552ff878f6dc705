// SPDX-License-Identifier: GPL-2.0
/*
 * Resolution of unexported KVM symbols.
 *
 * kallsyms_lookup_name() is unexported since 5.7, and on IBT kernels
 * (Debian 6.12) objtool seals its ENDBR, so calling it through a pointer
 * faults on IBT hardware. Instead each symbol is looked up by registering
 * a kprobe on it, disabled so that no instruction is ever patched: the
 * kprobe core resolves the name and we only read the address back.
 *
 * Every function irqwire calls through a pointer must start with a real
 * ENDBR64: objtool seals (poisons) the ENDBR of functions whose address the
 * kernel never takes, and Debian 6.12 applies the seal at boot whether or
 * not the CPU has IBT, so the TCG test lane sees the same bytes as an IBT
 * host. irqwire therefore calls only address-taken entry points (the e->set
 * callbacks of KVM's routes) and refuses to load otherwise.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kprobes.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "kvm_syms.h"

struct irqwire_kvm_syms irqwire_kvm __read_mostly;

/* A change of KVM's e->set signature must break the build, not the host. */
#define SAME_AS_KVM_SET(fn) \
	static_assert(__same_type(irqwire_kvm.fn, \
			((struct kvm_kernel_irq_routing_entry *)NULL)->set))
SAME_AS_KVM_SET(set_msi);
SAME_AS_KVM_SET(set_pic_irq);
SAME_AS_KVM_SET(set_ioapic_irq);

#define ENDBR64_INSN	0xfa1e0ff3U	/* f3 0f 1e fa, little endian */
#define ENDBR_LEN	4

static u32 irqwire_read_insn(unsigned long addr)
{
	u32 insn;

	if (copy_from_kernel_nofault(&insn, (void *)addr, sizeof(insn)))
		return 0;
	return insn;
}

/*
 * Address of @name, or 0. On IBT kernels an entry kprobe is placed after
 * the first 4 bytes when they are an ENDBR or its sealed form, so the
 * symbol starts 4 bytes earlier whenever the probe reports an offset.
 */
static unsigned long irqwire_lookup_function(const char *name)
{
	struct kprobe kp = {
		.symbol_name = name,
		.flags = KPROBE_FLAG_DISABLED,
	};
	unsigned long addr;
	char sym[KSYM_SYMBOL_LEN];

	if (register_kprobe(&kp) < 0)
		return 0;
	addr = (unsigned long)kp.addr;
	unregister_kprobe(&kp);

	sprint_symbol(sym, addr);
	if (IS_ENABLED(CONFIG_X86_KERNEL_IBT) && strstr(sym, "+0x4/"))
		addr -= ENDBR_LEN;
	return addr;
}

/* Indirect calls land only on functions that start with ENDBR64 under IBT. */
static int irqwire_check_callable(const char *name, unsigned long addr)
{
	if (!IS_ENABLED(CONFIG_X86_KERNEL_IBT) ||
	    irqwire_read_insn(addr) == ENDBR64_INSN)
		return 0;
	pr_err("%s (%pS) has no ENDBR64: IBT sealed it and an indirect call would fault; refusing to load\n",
	       name, (void *)addr);
	return -ENOEXEC;
}

struct irqwire_kvm_sym {
	const char *name;
	void **slot;
};

#define IRQWIRE_KVM_SYM(field, sym) { #sym, (void **)&irqwire_kvm.field }

static const struct irqwire_kvm_sym irqwire_kvm_sym_table[] = {
	IRQWIRE_KVM_SYM(set_msi, kvm_set_msi),
	IRQWIRE_KVM_SYM(set_pic_irq, kvm_set_pic_irq),
	IRQWIRE_KVM_SYM(set_ioapic_irq, kvm_set_ioapic_irq),
};

int irqwire_kvm_syms_init(void)
{
	unsigned long addr;
	int i, ret;

	for (i = 0; i < ARRAY_SIZE(irqwire_kvm_sym_table); i++) {
		addr = irqwire_lookup_function(irqwire_kvm_sym_table[i].name);
		if (!addr) {
			pr_err("KVM symbol %s not found (is kvm.ko loaded?)\n",
			       irqwire_kvm_sym_table[i].name);
			return -ENOENT;
		}
		ret = irqwire_check_callable(irqwire_kvm_sym_table[i].name, addr);
		if (ret)
			return ret;
		*irqwire_kvm_sym_table[i].slot = (void *)addr;
	}
	return 0;
}
