// SPDX-License-Identifier: GPL-2.0
/*
 * IRQWIRE_INSPECT_VM: read-only copies of KVM's own routing table, irqfd
 * list and bus devices of any VM whose fd the caller holds, and
 * IRQWIRE_GET_EVENTFD_ID, which names eventfds in those records.
 *
 * Holding a VM fd is the permission: a VM of another process reaches the
 * caller only through pidfd_getfd() (ptrace rights) or fd passing. No
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
#include "vm.h"

static siphash_key_t irqwire_eventfd_id_key __read_mostly;

/* Process context, module init. */
void irqwire_inspect_init(void)
{
	get_random_bytes(&irqwire_eventfd_id_key, sizeof(irqwire_eventfd_id_key));
}

static u64 irqwire_eventfd_id(struct eventfd_ctx *ctx)
{
	/* never 0: 0 means "no eventfd" in the records */
	return siphash_1u64((u64)(unsigned long)ctx, &irqwire_eventfd_id_key) | 1;
}

/*
 * An irqwire_collector fills at most @cap records of @size bytes into @buf and
 * counts all of them in @n, so one pass both sizes and copies.
 */
struct irqwire_collector {
	void *buf;
	u32 cap, n;
	size_t size;
};

static void *irqwire_collector_next(struct irqwire_collector *c)
{
	return c->n++ < c->cap ? c->buf + (c->n - 1) * c->size : NULL;
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
		return sizeof(struct irqwire_routing_entry);
	case IRQWIRE_INSPECT_IRQFDS:
		return sizeof(struct irqwire_inspect_irqfd);
	case IRQWIRE_INSPECT_BUS_DEVICES:
		return sizeof(struct irqwire_inspect_bus_device);
	}
	return 0;
}

/* Process context; @file is a KVM VM file, which keeps the VM alive. */
static long irqwire_inspect_kvm(struct kvm *kvm, struct irqwire_inspect *in,
				struct irqwire_inspect __user *uin)
{
	struct irqwire_collector c = {
		.cap = in->nr, .size = irqwire_inspect_record_size(in->what),
	};
	char *sym = NULL;
	long ret = 0;

	if (c.cap) {
		c.buf = kvcalloc(c.cap, c.size, GFP_KERNEL_ACCOUNT);
		if (!c.buf)
			return -ENOMEM;
	}
	switch (in->what) {
	case IRQWIRE_INSPECT_ROUTES:
		irqwire_collect_routes(kvm, &c);
		break;
	case IRQWIRE_INSPECT_IRQFDS:
		irqwire_collect_irqfds(kvm, &c);
		break;
	case IRQWIRE_INSPECT_BUS_DEVICES:
		sym = kmalloc(KSYM_SYMBOL_LEN, GFP_KERNEL);
		if (!sym) {
			ret = -ENOMEM;
			goto out;
		}
		irqwire_collect_bus_devices(kvm, &c, sym);
		break;
	}
	if (c.n > c.cap)
		ret = -E2BIG;
	else if (copy_to_user(u64_to_user_ptr(in->records), c.buf, c.n * c.size))
		ret = -EFAULT;
	/* the count is written back in both cases: it sizes the next call */
	if (put_user(c.n, &uin->nr))
		ret = -EFAULT;
out:
	kfree(sym);
	kvfree(c.buf);
	return ret;
}

long irqwire_ioctl_inspect_vm(struct irqwire_handle *h, struct irqwire_vm *vm,
			      void *arg, void __user *uarg)
{
	struct irqwire_inspect *in = arg;
	struct file *file;
	long ret;

	if (in->flags || !irqwire_inspect_record_size(in->what) ||
	    in->nr > IRQWIRE_MAX_INSPECT_RECORDS ||
	    memchr_inv(in->reserved, 0, sizeof(in->reserved)))
		return -EINVAL;
	file = fget(in->vm_fd);
	if (!file)
		return -EBADF;
	if (file_is_kvm(file))
		ret = irqwire_inspect_kvm(file->private_data, in, uarg);
	else
		ret = -EINVAL;
	fput(file);
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
