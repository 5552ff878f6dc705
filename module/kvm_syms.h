/* SPDX-License-Identifier: GPL-2.0 */
/*
 * KVM functions that irqwire calls but KVM does not export. They are
 * resolved once at module load (irqwire_kvm_syms_init) and never change
 * afterwards, so callers read them without locking. kvm.ko cannot go away
 * underneath them: irqwire links against kvm.ko's exports (kvm_get_kvm,
 * file_is_kvm), which makes kvm.ko a load-time dependency.
 */
#ifndef IRQWIRE_KVM_SYMS_H
#define IRQWIRE_KVM_SYMS_H

#include "compat.h"

struct irqwire_kvm_syms {
	/* arch/x86/kvm/irq_comm.c: the e->set of KVM's MSI, PIC, IOAPIC routes */
	int (*set_msi)(struct kvm_kernel_irq_routing_entry *e, struct kvm *kvm,
		       int irq_source_id, int level, bool line_status);
	int (*set_pic_irq)(struct kvm_kernel_irq_routing_entry *e,
			   struct kvm *kvm, int irq_source_id, int level,
			   bool line_status);
	int (*set_ioapic_irq)(struct kvm_kernel_irq_routing_entry *e,
			      struct kvm *kvm, int irq_source_id, int level,
			      bool line_status);
};

extern struct irqwire_kvm_syms irqwire_kvm;

int irqwire_kvm_syms_init(void);

#endif /* IRQWIRE_KVM_SYMS_H */
