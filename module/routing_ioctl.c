// SPDX-License-Identifier: GPL-2.0
/*
 * The routing ioctls: argument checks and the variable-size copies, then
 * module/routing.c. Process context throughout.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "ioctl.h"
#include "kvm_irqchip.h"
#include "routing.h"

long irqwire_ioctl_set_gsi_routing(struct irqwire_handle *h,
				   struct irqwire_vm *vm, void *arg,
				   void __user *uarg)
{
	struct irqwire_routing __user *urt = uarg;
	struct irqwire_routing *rt = arg;
	struct irqwire_routing_entry *ue;
	long ret;

	if (rt->flags || rt->nr > IRQWIRE_MAX_ROUTING_ENTRIES)
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;

	ret = irqwire_routing_replace_changed(vm, urt->entries, rt->nr);
	if (ret <= 0)
		return ret;

	ue = kvmalloc_array(rt->nr, sizeof(*ue), GFP_KERNEL_ACCOUNT);
	if (!ue)
		return -ENOMEM;
	if (copy_from_user(ue, urt->entries, array_size(rt->nr, sizeof(*ue))))
		ret = -EFAULT;
	else
		ret = irqwire_routing_replace(vm, ue, rt->nr);
	if (ret)	/* kept on success */
		kvfree(ue);
	return ret;
}

long irqwire_ioctl_get_gsi_routing(struct irqwire_handle *h,
				   struct irqwire_vm *vm, void *arg,
				   void __user *uarg)
{
	struct irqwire_routing __user *urt = uarg;
	struct irqwire_routing *rt = arg;
	struct irqwire_routing_entry *out;
	long ret = 0;
	u32 cap;
	int n;

	if (rt->flags)
		return -EINVAL;

	/* a table never holds more than this: larger buffers are fine */
	cap = min_t(u32, rt->nr, IRQWIRE_MAX_ROUTING_ENTRIES);
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

long irqwire_ioctl_route_set(struct irqwire_handle *h, struct irqwire_vm *vm,
			     void *arg, void __user *uarg)
{
	struct irqwire_gsi_route *r = arg;

	/* entries beyond @nr are unused, so zero like every unused field */
	if (r->flags || r->pad || r->gsi >= IRQWIRE_MAX_GSI || !r->nr ||
	    r->nr > IRQWIRE_MAX_ROUTES_PER_GSI ||
	    memchr_inv(&r->entries[r->nr], 0,
		       sizeof(r->entries) - r->nr * sizeof(r->entries[0])))
		return -EINVAL;
	if (!irqwire_lapic_in_kernel(vm->kvm))
		return -ENXIO;
	return irqwire_routing_set_gsi(vm, r);
}

long irqwire_ioctl_route_del(struct irqwire_handle *h, struct irqwire_vm *vm,
			     void *arg, void __user *uarg)
{
	struct irqwire_gsi *g = arg;

	if (g->flags)
		return -EINVAL;
	return irqwire_routing_del_gsi(vm, g->gsi);
}
