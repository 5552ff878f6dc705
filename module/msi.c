// SPDX-License-Identifier: GPL-2.0
/*
 * IRQWIRE_SIGNAL_MSI: one MSI, no GSI, through KVM's APIC delivery path.
 *
 * The message goes to kvm_set_msi(), the e->set callback of KVM's own MSI
 * routes, which decodes it (kvm_set_msi_irq: destination including x2APIC
 * 32-bit ids when the VM enabled KVM_X2APIC_API_USE_32BIT_IDS, vector,
 * delivery, destination and trigger mode) and calls
 * kvm_irq_delivery_to_apic(): the same code KVM_SIGNAL_MSI runs.
 */
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/irqwire.h>

#include "handle.h"
#include "inject.h"
#include "kvm_irqchip.h"
#include "kvm_syms.h"
#include "trace.h"
#include "vm.h"

/*
 * Any context (process, or an eventfd wakeup with interrupts off); @vm
 * stays alive across the call. @gsi is -1 for IRQWIRE_SIGNAL_MSI; @path is
 * an enum irqwire_path, for the tracepoint. Returns the number of vCPUs
 * that accepted the interrupt, 0 when none did (no such destination, APIC
 * software-disabled), or -errno.
 */
int irqwire_inject_msi(struct irqwire_vm *vm,
		       struct kvm_kernel_irq_routing_entry *e, int gsi, int path)
{
	struct kvm *kvm = vm->kvm;
	int r;

	r = irqwire_kvm.set_msi(e, kvm, KVM_USERSPACE_IRQ_SOURCE_ID, 1, false);
	/* kvm_irq_delivery_to_apic() says "no destination" with a bare -1. */
	if (r == -1)
		r = 0;
	if (trace_irqwire_inject_enabled())
		trace_irqwire_inject(vm->id, gsi, path,
				     irqwire_msi_dest(e->msi.address_lo,
						      e->msi.address_hi,
						      READ_ONCE(kvm->arch.x2apic_format)),
				     e->msi.data & 0xff, 1, r);
	return r;
}

IRQWIRE_IOCTL(signal_msi)
{
	struct irqwire_msi *msi = arg;
	struct kvm_kernel_irq_routing_entry e = {
		.type = KVM_IRQ_ROUTING_MSI,
	};

	if (msi->flags || msi->devid || memchr_inv(msi->pad, 0, sizeof(msi->pad)))
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;

	e.msi.address_lo = msi->address_lo;
	e.msi.address_hi = msi->address_hi;
	e.msi.data = msi->data;
	return irqwire_inject_msi(vm, &e, -1, IRQWIRE_PATH_SIGNAL_MSI);
}
