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
#include "vm.h"

/*
 * Process or atomic context; the caller guarantees @kvm stays alive.
 * Returns the number of vCPUs that accepted the interrupt, 0 when none did
 * (no such destination, APIC software-disabled), or -errno.
 */
int irqwire_deliver_msi(struct kvm *kvm, u32 address_lo, u32 address_hi,
			u32 data)
{
	struct kvm_kernel_irq_routing_entry e = {
		.type = KVM_IRQ_ROUTING_MSI,
		.msi.address_lo = address_lo,
		.msi.address_hi = address_hi,
		.msi.data = data,
	};
	int r;

	r = irqwire_kvm.set_msi(&e, kvm, KVM_USERSPACE_IRQ_SOURCE_ID, 1, false);
	/* kvm_irq_delivery_to_apic() says "no destination" with a bare -1. */
	return r == -1 ? 0 : r;
}

IRQWIRE_IOCTL(signal_msi)
{
	struct irqwire_msi *msi = arg;

	if (msi->flags || msi->devid || memchr_inv(msi->pad, 0, sizeof(msi->pad)))
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;

	return irqwire_deliver_msi(vm->kvm, msi->address_lo, msi->address_hi,
				   msi->data);
}
