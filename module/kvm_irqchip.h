/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Read-only views of KVM's irqchip mode. KVM's own helpers live in
 * arch/x86/kvm/irq.h, which is not part of the installed headers; these
 * mirror them, including the barrier pairing with kvm_vm_ioctl's
 * KVM_CREATE_IRQCHIP / KVM_CAP_SPLIT_IRQCHIP (smp_wmb before the mode store).
 */
#ifndef IRQWIRE_KVM_IRQCHIP_H
#define IRQWIRE_KVM_IRQCHIP_H

#include <linux/kvm_host.h>

static inline int irqwire_irqchip_mode(struct kvm *kvm)
{
	int mode = READ_ONCE(kvm->arch.irqchip_mode);

	smp_rmb(); /* the chip is fully set up once the mode is visible */
	return mode;
}

/* Local APICs are emulated in the kernel (full or split irqchip). */
static inline bool irqwire_lapic_in_kernel(struct kvm *kvm)
{
	return irqwire_irqchip_mode(kvm) != KVM_IRQCHIP_NONE;
}

/* PIC and IOAPIC are emulated in the kernel too (KVM_CREATE_IRQCHIP). */
static inline bool irqwire_full_irqchip(struct kvm *kvm)
{
	return irqwire_irqchip_mode(kvm) == KVM_IRQCHIP_KERNEL;
}

#endif /* IRQWIRE_KVM_IRQCHIP_H */
