// SPDX-License-Identifier: GPL-2.0
/*
 * The routing ioctls: copying in and out, then module/routing.c.
 * Process context throughout.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "handle.h"
#include "kvm_irqchip.h"
#include "routing.h"

long irqwire_ioctl_set_gsi_routing(struct irqwire_handle *h, void __user *argp)
{
	struct irqwire_routing __user *urt = argp;
	struct irqwire_routing_entry *ue;
	struct irqwire_routing rt;
	struct irqwire_vm *vm;
	long ret;

	vm = irqwire_handle_vm(h);
	if (IS_ERR(vm))
		return PTR_ERR(vm);
	if (copy_from_user(&rt, urt, sizeof(rt)))
		return -EFAULT;
	if (rt.flags || rt.nr > IRQWIRE_MAX_ROUTING_ENTRIES)
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;

	ue = kvmalloc_array(rt.nr, sizeof(*ue), GFP_KERNEL_ACCOUNT);
	if (!ue)
		return -ENOMEM;
	if (copy_from_user(ue, urt->entries, array_size(rt.nr, sizeof(*ue))))
		ret = -EFAULT;
	else
		ret = irqwire_routing_replace(vm, ue, rt.nr);
	kvfree(ue);
	return ret;
}

long irqwire_ioctl_get_gsi_routing(struct irqwire_handle *h, void __user *argp)
{
	struct irqwire_routing __user *urt = argp;
	struct irqwire_routing_entry *out;
	struct irqwire_routing rt;
	struct irqwire_vm *vm;
	u32 cap;
	int n;
	long ret = 0;

	vm = irqwire_handle_vm(h);
	if (IS_ERR(vm))
		return PTR_ERR(vm);
	if (copy_from_user(&rt, urt, sizeof(rt)))
		return -EFAULT;
	if (rt.flags)
		return -EINVAL;

	/* a table never holds more than this: larger buffers are fine */
	cap = min_t(u32, rt.nr, IRQWIRE_MAX_ROUTING_ENTRIES);
	out = kvcalloc(cap, sizeof(*out), GFP_KERNEL_ACCOUNT);
	if (cap && !out)
		return -ENOMEM;
	n = irqwire_routing_read(vm, out, cap);
	if (n > cap) {
		ret = -E2BIG;
	} else if (copy_to_user(urt->entries, out, array_size(n, sizeof(*out)))) {
		ret = -EFAULT;
		goto out;
	}
	/* the count is written back in both cases: it sizes the next call */
	if (put_user(n, &urt->nr))
		ret = -EFAULT;
out:
	kvfree(out);
	return ret;
}

long irqwire_ioctl_route_set(struct irqwire_handle *h, void __user *argp)
{
	struct irqwire_gsi_route r;
	struct irqwire_vm *vm;

	vm = irqwire_handle_vm(h);
	if (IS_ERR(vm))
		return PTR_ERR(vm);
	if (copy_from_user(&r, argp, sizeof(r)))
		return -EFAULT;
	if (r.flags || r.pad)
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;
	return irqwire_routing_set_gsi(vm, r.gsi, r.entries, r.nr);
}

long irqwire_ioctl_route_del(struct irqwire_handle *h, void __user *argp)
{
	struct irqwire_vm *vm;
	struct irqwire_gsi g;

	vm = irqwire_handle_vm(h);
	if (IS_ERR(vm))
		return PTR_ERR(vm);
	if (copy_from_user(&g, argp, sizeof(g)))
		return -EFAULT;
	if (g.flags)
		return -EINVAL;
	return irqwire_routing_del_gsi(vm, g.gsi);
}

long irqwire_ioctl_irq_line(struct irqwire_handle *h, void __user *argp)
{
	struct irqwire_irq_level l;
	struct irqwire_vm *vm;

	vm = irqwire_handle_vm(h);
	if (IS_ERR(vm))
		return PTR_ERR(vm);
	if (copy_from_user(&l, argp, sizeof(l)))
		return -EFAULT;
	if (l.level > 1 || l.gsi >= IRQWIRE_MAX_GSI)
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;
	return irqwire_irq_line(vm, l.gsi, l.level);
}
