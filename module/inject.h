/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every path into the guest ends in one of two primitives (module/inject.c):
 * an MSI through KVM's APIC delivery, or a GSI line through the GSI's
 * routes (KVM's PIC, IOAPIC or APIC setters).
 */
#ifndef IRQWIRE_INJECT_H
#define IRQWIRE_INJECT_H

#include <linux/kvm_host.h>

struct irqwire_vm;

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

/*
 * Any context (process, or an eventfd wakeup with interrupts off); @vm
 * stays alive across the call. @gsi is -1 for IRQWIRE_SIGNAL_MSI. Returns
 * the number of vCPUs that accepted the interrupt, 0 when none did, or
 * -errno.
 */
int irqwire_inject_msi(struct irqwire_vm *vm, u32 address_lo, u32 address_hi,
		       u32 data, int gsi, enum irqwire_path path);

/*
 * Any context that may take spinlocks; @source is KVM's IRQ source ID the
 * level is held for. Drives every route of @gsi like kvm_set_irq():
 * returns the sum of positive results, or -ENOENT without a route.
 */
int irqwire_irq_line(struct irqwire_vm *vm, u32 gsi, int level, int source,
		     enum irqwire_path path);

#endif /* IRQWIRE_INJECT_H */
