// SPDX-License-Identifier: GPL-2.0
/*
 * IRQWIRE_INSPECT_VM: read-only copies of KVM's own routing table, irqfd
 * list and bus devices of any VM whose fd the caller holds, and of
 * irqwire's own tables and counters of VMs bound to it; and
 * IRQWIRE_GET_EVENTFD_ID, which names eventfds in those records.
 *
 * Holding a VM fd is the permission: a VM of another process reaches the
 * caller only through pidfd_getfd() (ptrace rights) or fd passing. Naming
 * a VM by irqwire's id instead, or listing the bound VMs, needs
 * CAP_SYS_ADMIN: the rule of debugfs, which shows the same to root. No
 * record carries a kernel address: eventfds are named by a keyed hash and
 * bus devices by the symbol of their ops.
 */
#include <linux/eventfd.h>
#include <linux/file.h>
#include <linux/kallsyms.h>
#include <linux/kvm_irqfd.h>
#include <linux/mm.h>
#include <linux/random.h>
#include <linux/siphash.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <kvm/iodev.h>
#include <uapi/linux/irqwire.h>

#include "inspect.h"
#include "ioctl.h"
#include "routing.h"
#include "vm.h"

static siphash_key_t irqwire_eventfd_id_key __read_mostly;

/* Process context, module init. */
void irqwire_inspect_init(void)
{
	get_random_bytes(&irqwire_eventfd_id_key, sizeof(irqwire_eventfd_id_key));
}

u64 irqwire_eventfd_id(struct eventfd_ctx *ctx)
{
	/* never 0: 0 means "no eventfd" in the records */
	return siphash_1u64((u64)(unsigned long)ctx, &irqwire_eventfd_id_key) | 1;
}

/* Process context; KVM's table is read under kvm->irq_srcu. */
static void irqwire_collect_routes(struct kvm *kvm, struct irqwire_collector *c)
{
	struct kvm_kernel_irq_routing_entry *e;
	struct irqwire_routing_entry *r;
	struct kvm_irq_routing_table *rt;
	u32 gsi;
	int idx;

	idx = srcu_read_lock(&kvm->irq_srcu);
	rt = srcu_dereference(kvm->irq_routing, &kvm->irq_srcu);
	for (gsi = 0; rt && gsi < rt->nr_rt_entries; gsi++) {
		hlist_for_each_entry(e, &rt->map[gsi], link) {
			r = irqwire_collector_next(c);
			if (!r)
				continue;
			r->gsi = e->gsi;
			r->type = e->type;
			if (e->type == KVM_IRQ_ROUTING_IRQCHIP) {
				r->u.irqchip.irqchip = e->irqchip.irqchip;
				r->u.irqchip.pin = e->irqchip.pin;
			} else if (e->type == KVM_IRQ_ROUTING_MSI) {
				r->flags = e->msi.flags;
				r->u.msi.address_lo = e->msi.address_lo;
				r->u.msi.address_hi = e->msi.address_hi;
				r->u.msi.data = e->msi.data;
				r->u.msi.devid = e->msi.devid;
			}
		}
	}
	srcu_read_unlock(&kvm->irq_srcu, idx);
}

/* Process context; KVM's list is read under its irqfds.lock. */
static void irqwire_collect_irqfds(struct kvm *kvm, struct irqwire_collector *c)
{
	struct kvm_kernel_irqfd *irqfd;
	struct irqwire_inspect_irqfd *r;

	spin_lock_irq(&kvm->irqfds.lock);
	list_for_each_entry(irqfd, &kvm->irqfds.items, list) {
		r = irqwire_collector_next(c);
		if (!r)
			continue;
		r->gsi = irqfd->gsi;
		r->eventfd_id = irqwire_eventfd_id(irqfd->eventfd);
		if (irqfd->resampler) {
			r->flags = IRQWIRE_INSPECT_IRQFD_RESAMPLE;
			r->resamplefd_id = irqwire_eventfd_id(irqfd->resamplefd);
		}
	}
	spin_unlock_irq(&kvm->irqfds.lock);
}

/* Process context; KVM's buses are read under kvm->srcu. */
static void irqwire_collect_bus_devices(struct kvm *kvm, struct irqwire_collector *c,
					char *sym)
{
	struct irqwire_inspect_bus_device *r;
	struct kvm_io_bus *bus;
	int b, i, idx;

	idx = srcu_read_lock(&kvm->srcu);
	for (b = 0; b < KVM_NR_BUSES; b++) {
		bus = srcu_dereference(kvm->buses[b], &kvm->srcu);
		for (i = 0; bus && i < bus->dev_count; i++) {
			const struct kvm_io_range *range = &bus->range[i];

			r = irqwire_collector_next(c);
			if (!r)
				continue;
			r->addr = range->addr;
			r->len = range->len;
			r->bus = b;
			sprint_symbol_no_offset(sym, (unsigned long)range->dev->ops);
			/* no symbol: kallsyms prints the address, which we never show */
			strscpy(r->ops, strncmp(sym, "0x", 2) ? sym : "?",
				sizeof(r->ops));
		}
	}
	srcu_read_unlock(&kvm->srcu, idx);
}

static size_t irqwire_inspect_record_size(u32 what)
{
	switch (what) {
	case IRQWIRE_INSPECT_ROUTES:
	case IRQWIRE_INSPECT_WIRE_ROUTES:
		return sizeof(struct irqwire_routing_entry);
	case IRQWIRE_INSPECT_IRQFDS:
		return sizeof(struct irqwire_inspect_irqfd);
	case IRQWIRE_INSPECT_BUS_DEVICES:
		return sizeof(struct irqwire_inspect_bus_device);
	case IRQWIRE_INSPECT_WIRE_VMS:
		return sizeof(struct irqwire_inspect_wire_vm);
	case IRQWIRE_INSPECT_WIRE_IRQFDS:
		return sizeof(struct irqwire_inspect_wire_irqfd);
	case IRQWIRE_INSPECT_WIRE_DOORBELLS:
		return sizeof(struct irqwire_inspect_doorbell);
	}
	return 0;
}

/* Process context; KVM's own state, @kvm kept alive by the caller's file. */
static int irqwire_inspect_kvm(struct kvm *kvm, u32 what,
			       struct irqwire_collector *c)
{
	char *sym;

	switch (what) {
	case IRQWIRE_INSPECT_ROUTES:
		irqwire_collect_routes(kvm, c);
		break;
	case IRQWIRE_INSPECT_IRQFDS:
		irqwire_collect_irqfds(kvm, c);
		break;
	case IRQWIRE_INSPECT_BUS_DEVICES:
		sym = kmalloc(KSYM_SYMBOL_LEN, GFP_KERNEL);
		if (!sym)
			return -ENOMEM;
		irqwire_collect_bus_devices(kvm, c, sym);
		kfree(sym);
		break;
	}
	return 0;
}

/* Process context; irqwire's own state of @vm, referenced by the caller. */
static void irqwire_inspect_wire(struct irqwire_vm *vm, u32 what,
				 struct irqwire_collector *c)
{
	switch (what) {
	case IRQWIRE_INSPECT_WIRE_VMS:
		irqwire_vm_collect(vm, c);
		break;
	case IRQWIRE_INSPECT_WIRE_ROUTES:
		c->n = irqwire_routing_read(vm, c->buf, c->cap);
		break;
	case IRQWIRE_INSPECT_WIRE_IRQFDS:
		irqwire_irqfd_collect(vm, c);
		break;
	case IRQWIRE_INSPECT_WIRE_DOORBELLS:
		irqwire_doorbell_collect(vm, c);
		break;
	}
}

/*
 * Process context. Collects the records @in asks for into @c: of KVM's
 * state through a VM fd, of irqwire's through a VM fd or an id.
 */
static int irqwire_inspect_collect(struct irqwire_inspect *in,
				   struct irqwire_collector *c)
{
	struct irqwire_vm *vm;
	struct file *file;
	int ret = 0;

	if (in->flags & IRQWIRE_INSPECT_FLAG_ALL) {
		irqwire_vm_collect(NULL, c);
		return 0;
	}
	if (in->flags & IRQWIRE_INSPECT_FLAG_BY_ID) {
		vm = irqwire_vm_find(NULL, in->vm_fd);
		if (!vm)
			return -ENOENT;
		irqwire_inspect_wire(vm, in->what, c);
		irqwire_vm_put(vm);
		return 0;
	}
	file = fget(in->vm_fd);
	if (!file)
		return -EBADF;
	if (!file_is_kvm(file)) {
		ret = -EINVAL;
	} else if (in->what < IRQWIRE_INSPECT_WIRE_VMS) {
		ret = irqwire_inspect_kvm(file->private_data, in->what, c);
	} else {
		vm = irqwire_vm_find(file->private_data, 0);
		if (vm) {
			irqwire_inspect_wire(vm, in->what, c);
			irqwire_vm_put(vm);
		} else {
			ret = -ENOENT;
		}
	}
	fput(file);
	return ret;
}

/* EINVAL for fields no call takes, EPERM for what needs CAP_SYS_ADMIN. */
static int irqwire_inspect_check(const struct irqwire_inspect *in)
{
	const u32 flags = IRQWIRE_INSPECT_FLAG_BY_ID | IRQWIRE_INSPECT_FLAG_ALL;
	bool wire = in->what >= IRQWIRE_INSPECT_WIRE_VMS;

	if ((in->flags & ~flags) || !irqwire_inspect_record_size(in->what) ||
	    in->nr > IRQWIRE_MAX_INSPECT_RECORDS ||
	    !irqwire_zeroed(in->reserved, sizeof(in->reserved)))
		return -EINVAL;
	/* ids name irqwire's VMs only; "all" is a list of VMs, of no VM */
	if ((in->flags && !wire) || in->flags == flags ||
	    ((in->flags & IRQWIRE_INSPECT_FLAG_ALL) &&
	     (in->what != IRQWIRE_INSPECT_WIRE_VMS || in->vm_fd)))
		return -EINVAL;
	if (in->flags && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	return 0;
}

long irqwire_ioctl_inspect_vm(struct irqwire_handle *h, struct irqwire_vm *vm,
			      void *arg, void __user *uarg)
{
	struct irqwire_inspect *in = arg;
	struct irqwire_inspect __user *uin = uarg;
	struct irqwire_collector c = {
		.cap = in->nr, .size = irqwire_inspect_record_size(in->what),
	};
	long ret;

	ret = irqwire_inspect_check(in);
	if (ret)
		return ret;
	if (c.cap) {
		c.buf = kvcalloc(c.cap, c.size, GFP_KERNEL_ACCOUNT);
		if (!c.buf)
			return -ENOMEM;
	}
	ret = irqwire_inspect_collect(in, &c);
	if (ret)
		goto out;
	if (c.n > c.cap)
		ret = -E2BIG;
	else if (copy_to_user(u64_to_user_ptr(in->records), c.buf, c.n * c.size))
		ret = -EFAULT;
	/* the count is written back in both cases: it sizes the next call */
	if (put_user(c.n, &uin->nr))
		ret = -EFAULT;
out:
	kvfree(c.buf);
	return ret;
}

long irqwire_ioctl_get_eventfd_id(struct irqwire_handle *h,
				  struct irqwire_vm *vm, void *arg,
				  void __user *uarg)
{
	struct irqwire_eventfd_id *e = arg;
	struct irqwire_eventfd_id __user *ue = uarg;
	struct eventfd_ctx *ctx;
	u64 id;

	if (e->pad)
		return -EINVAL;
	ctx = eventfd_ctx_fdget(e->fd);
	if (IS_ERR(ctx))
		return PTR_ERR(ctx);
	id = irqwire_eventfd_id(ctx);
	eventfd_ctx_put(ctx);
	return put_user(id, &ue->id);
}
