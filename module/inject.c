// SPDX-License-Identifier: GPL-2.0
/*
 * The two injection primitives and the ioctls that call them directly.
 *
 * MSIs go to kvm_set_msi(), the e->set callback of KVM's own MSI routes,
 * which decodes the message (kvm_set_msi_irq: destination including
 * x2APIC 32-bit ids when the VM enabled KVM_X2APIC_API_USE_32BIT_IDS,
 * vector, delivery, destination and trigger mode) and calls
 * kvm_irq_delivery_to_apic(): the same code KVM_SIGNAL_MSI runs.
 *
 * GSI lines drive every route of the GSI through its KVM setter
 * (kvm_set_pic_irq, kvm_set_ioapic_irq, kvm_set_msi), as kvm_set_irq()
 * does with KVM's table.
 */
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/irqwire.h>

#include "inject.h"
#include "ioctl.h"
#include "kvm_irqchip.h"
#include "kvm_syms.h"
#include "routing.h"
#include "trace.h"
#include "vm.h"

int irqwire_inject_msi(struct irqwire_vm *vm, u32 address_lo, u32 address_hi,
		       u32 data, int gsi, enum irqwire_path path)
{
	/*
	 * Only what kvm_set_msi() reads is set: the rest of KVM's 72-byte
	 * entry would be cleared on every injection.
	 */
	struct kvm_kernel_irq_routing_entry e __uninitialized;
	struct kvm *kvm = vm->kvm;
	int r;

	e.type = KVM_IRQ_ROUTING_MSI;
	e.msi.address_lo = address_lo;
	e.msi.address_hi = address_hi;
	e.msi.data = data;
	e.msi.flags = 0;
	e.msi.devid = 0;
	r = irqwire_kvm.set_msi(&e, kvm, KVM_USERSPACE_IRQ_SOURCE_ID, 1, false);
	/* kvm_irq_delivery_to_apic() says "no destination" with a bare -1. */
	if (r == -1)
		r = 0;
	if (trace_irqwire_inject_enabled())
		trace_irqwire_inject(vm->id, gsi, path,
				     irqwire_msi_dest(address_lo, address_hi,
						      READ_ONCE(kvm->arch.x2apic_format)),
				     data & 0xff, 1, r);
	return r;
}

int irqwire_irq_line(struct irqwire_vm *vm, u32 gsi, int level, int source,
		     enum irqwire_path path)
{
	struct kvm_kernel_irq_routing_entry ke[IRQWIRE_MAX_ROUTES_PER_GSI];
	const struct irqwire_gsi_routes *set;
	int i, n = 0, r, ret = 0;

	/* copy, like kvm_set_irq(): the setters run outside the read side */
	rcu_read_lock();
	set = irqwire_routing_lookup(vm, gsi);
	if (set) {
		n = set->nr;
		for (i = 0; i < n; i++)
			irqwire_route_to_kvm(&set->r[i], &ke[i]);
	}
	rcu_read_unlock();
	if (!n)
		ret = -ENOENT;

	for (i = 0; i < n; i++) {
		r = ke[i].set(&ke[i], vm->kvm, source, level, false);
		if (r > 0)
			ret += r;
	}
	trace_irqwire_inject(vm->id, gsi, path, 0, 0, level, ret);
	return ret;
}

long irqwire_ioctl_signal_msi(struct irqwire_handle *h, struct irqwire_vm *vm,
			      void *arg, void __user *uarg)
{
	struct irqwire_msi *msi = arg;

	if (msi->flags || msi->devid || !irqwire_zeroed(msi->pad, sizeof(msi->pad)))
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;
	return irqwire_inject_msi(vm, msi->address_lo, msi->address_hi,
				  msi->data, -1, IRQWIRE_PATH_SIGNAL_MSI);
}

long irqwire_ioctl_irq_line(struct irqwire_handle *h, struct irqwire_vm *vm,
			    void *arg, void __user *uarg)
{
	struct irqwire_irq_level *l = arg;

	if (l->level > 1 || l->gsi >= IRQWIRE_MAX_GSI)
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;
	return irqwire_irq_line(vm, l->gsi, l->level,
				KVM_USERSPACE_IRQ_SOURCE_ID, IRQWIRE_PATH_IRQ_LINE);
}
