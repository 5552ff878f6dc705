/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Devices on a VM's MMIO/PIO bus (kvm->buses), added and removed the way
 * virt/kvm/kvm_main.c's kvm_io_bus_register_dev() and
 * kvm_io_bus_unregister_dev() do it. Those are not exported, and KVM only
 * calls them directly, so IBT kernels seal their ENDBR (Debian 6.12 lists
 * both in kvm.ko's .ibt_endbr_seal): irqwire cannot call them through a
 * pointer and publishes its devices itself, under the same lock.
 *
 * Because irqwire never calls KVM's unregister, the 6.1/6.12 difference in
 * who frees an unregistered device (caller vs. ops->destructor) does not
 * reach it: irqwire's devices have no destructor and are freed by irqwire
 * after irqwire_bus_remove() returns.
 */
#ifndef IRQWIRE_KVM_BUS_H
#define IRQWIRE_KVM_BUS_H

#include <linux/kvm_host.h>
#include <kvm/iodev.h>

/*
 * kvm->slots_lock held. As KVM's: -ENOSPC beyond NR_IOBUS_DEVS devices.
 * Unlike KVM's, does not wait: on success *@old is the array @dev's
 * replaced, which vCPUs may read until a kvm->srcu grace period has
 * passed; the caller frees it after one.
 */
int irqwire_bus_add(struct kvm *kvm, enum kvm_bus idx, gpa_t addr, int len,
		    struct kvm_io_device *dev, struct kvm_io_bus **old);

/* kvm->slots_lock held; cannot fail; no vCPU uses @dev once it returns. */
void irqwire_bus_remove(struct kvm *kvm, enum kvm_bus idx,
			struct kvm_io_device *dev);

/*
 * kvm->slots_lock held: the device with @ops registered at exactly
 * [addr, addr + len), or NULL; if NULL, *@inside says whether a device
 * on the bus starts strictly inside that range. KVM's lookup (a binary
 * search, then a walk over neighbours) assumes that devices starting
 * inside a range are contained by it, so a range registered around such
 * a device would be missed for some addresses. One binary search answers
 * both, as KVM's own lookup.
 */
struct kvm_io_device *irqwire_bus_find(struct kvm *kvm, enum kvm_bus idx, gpa_t addr,
				       int len, const struct kvm_io_device_ops *ops,
				       bool *inside);

#endif /* IRQWIRE_KVM_BUS_H */
