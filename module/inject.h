/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Injection primitives shared by every path into the guest.
 */
#ifndef IRQWIRE_INJECT_H
#define IRQWIRE_INJECT_H

#include <linux/kvm_host.h>

#include "vm.h"

/* Which way an interrupt went in (the irqwire_inject tracepoint's path). */
enum irqwire_path {
	IRQWIRE_PATH_IRQFD_FAST,	/* irqfd wakeup, cached MSI route */
	IRQWIRE_PATH_IRQFD_SLOW,	/* irqfd work item, GSI pulse */
	IRQWIRE_PATH_SIGNAL_MSI,	/* IRQWIRE_SIGNAL_MSI */
	IRQWIRE_PATH_IRQ_LINE,		/* IRQWIRE_IRQ_LINE */
	IRQWIRE_PATH_IRQFD_RESAMPLE,	/* resampling irqfd: EOI deasserts */
};

/*
 * The destination ID of an MSI: address_lo bits 19:12, plus address_hi
 * bits 31:8 when @ext_id (KVM's 32-bit x2APIC ID format).
 */
static inline u32 irqwire_msi_dest(u32 address_lo, u32 address_hi, bool ext_id)
{
	return ((address_lo >> 12) & 0xff) |
	       (ext_id ? address_hi & 0xffffff00 : 0);
}

int irqwire_inject_msi(struct irqwire_vm *vm,
		       struct kvm_kernel_irq_routing_entry *e, int gsi,
		       int path);

#endif /* IRQWIRE_INJECT_H */
