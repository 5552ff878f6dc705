// SPDX-License-Identifier: GPL-2.0
/*
 * kvm->buses updates, mirroring virt/kvm/kvm_main.c (see kvm_bus.h for
 * why). Readers are vCPUs dispatching MMIO/PIO under kvm->srcu: a new
 * array is published with rcu_assign_pointer() and the old one freed after
 * a kvm->srcu grace period: on removal waited for here, as KVM does; on
 * addition by the caller, when it pleases.
 */
#include <linux/slab.h>

#include "kvm_bus.h"

/* kvm_io_bus_cmp() of kvm_main.c: the order of the bus's range array. */
static int irqwire_bus_cmp(const struct kvm_io_range *r1, const struct kvm_io_range *r2)
{
	gpa_t addr1 = r1->addr;
	gpa_t addr2 = r2->addr;

	if (addr1 < addr2)
		return -1;
	if (r2->len) {
		addr1 += r1->len;
		addr2 += r2->len;
	}
	if (addr1 > addr2)
		return 1;
	return 0;
}

int irqwire_bus_add(struct kvm *kvm, enum kvm_bus idx, gpa_t addr, int len,
		    struct kvm_io_device *dev, struct kvm_io_bus **old)
{
	struct kvm_io_range range = { .addr = addr, .len = len, .dev = dev };
	struct kvm_io_bus *bus, *new;
	int i;

	lockdep_assert_held(&kvm->slots_lock);
	bus = kvm_get_bus(kvm, idx);
	if (!bus)
		return -ENOMEM;	/* KVM dropped the bus after a failed shrink */
	if (bus->dev_count - bus->ioeventfd_count > NR_IOBUS_DEVS - 1)
		return -ENOSPC;
	new = kmalloc(struct_size(bus, range, bus->dev_count + 1),
		      GFP_KERNEL_ACCOUNT);
	if (!new)
		return -ENOMEM;

	for (i = 0; i < bus->dev_count; i++)
		if (irqwire_bus_cmp(&bus->range[i], &range) > 0)
			break;
	memcpy(new, bus, struct_size(bus, range, i));
	new->dev_count++;
	new->range[i] = range;
	memcpy(new->range + i + 1, bus->range + i,
	       (bus->dev_count - i) * sizeof(bus->range[0]));
	rcu_assign_pointer(kvm->buses[idx], new);
	*old = bus;
	return 0;
}

void irqwire_bus_remove(struct kvm *kvm, enum kvm_bus idx,
			struct kvm_io_device *dev)
{
	struct kvm_io_bus *bus, *new;
	int i;

	lockdep_assert_held(&kvm->slots_lock);
	might_sleep();	/* for the kvm->srcu grace period */
	bus = kvm_get_bus(kvm, idx);
	if (!bus)
		return;
	for (i = 0; i < bus->dev_count; i++)
		if (bus->range[i].dev == dev)
			break;
	if (WARN_ON_ONCE(i == bus->dev_count))
		return;

	/* small and rare: waiting beats KVM's "drop the whole bus" fallback */
	new = kmalloc(struct_size(bus, range, bus->dev_count - 1),
		      GFP_KERNEL_ACCOUNT | __GFP_NOFAIL);
	memcpy(new, bus, struct_size(bus, range, i));
	new->dev_count--;
	memcpy(new->range + i, bus->range + i + 1,
	       (new->dev_count - i) * sizeof(bus->range[0]));
	rcu_assign_pointer(kvm->buses[idx], new);
	synchronize_srcu_expedited(&kvm->srcu);
	kfree(bus);
}

struct kvm_io_device *irqwire_bus_find(struct kvm *kvm, enum kvm_bus idx, gpa_t addr,
				       int len, const struct kvm_io_device_ops *ops,
				       bool *inside)
{
	struct kvm_io_bus *bus;
	int lo = 0, hi, mid;

	lockdep_assert_held(&kvm->slots_lock);
	*inside = false;
	bus = kvm_get_bus(kvm, idx);
	if (!bus)
		return NULL;
	/* the first range starting at @addr or after: the array is sorted by start */
	for (hi = bus->dev_count; lo < hi;) {
		mid = lo + (hi - lo) / 2;
		if (bus->range[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < bus->dev_count && bus->range[lo].addr == addr; lo++)
		if (bus->range[lo].len == len && bus->range[lo].dev->ops == ops)
			return bus->range[lo].dev;
	*inside = lo < bus->dev_count && bus->range[lo].addr - addr < len;
	return NULL;
}
