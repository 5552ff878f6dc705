/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The irqwire handle: one open file of /dev/irqwire.
 */
#ifndef IRQWIRE_HANDLE_H
#define IRQWIRE_HANDLE_H

#include <linux/kvm_host.h>
#include <linux/mutex.h>

struct irqwire_vm;

/**
 * struct irqwire_handle - state behind one open file of /dev/irqwire
 * @bind_lock: serialises IRQWIRE_BIND_VM calls on this handle.
 * @vm: the bound VM's irqwire state; NULL until IRQWIRE_BIND_VM succeeds,
 *	then fixed for the life of the handle. Published under @bind_lock
 *	with smp_store_release(); ioctls read it with smp_load_acquire() and
 *	no lock, which is safe because it never changes once set and release
 *	(the only place that drops it) cannot run concurrently with an ioctl
 *	on the same file. Holds one reference (irqwire_vm_get).
 *
 * Lifetime: allocated in open, freed in release (process context both).
 */
struct irqwire_handle {
	struct mutex bind_lock;	/* serialises IRQWIRE_BIND_VM */
	struct irqwire_vm *vm;
};

void irqwire_handle_unbind(struct irqwire_handle *h);
struct irqwire_vm *irqwire_handle_vm(struct irqwire_handle *h);

/*
 * ioctl handlers, process context. main.c has checked the handle is bound
 * (@vm, NULL for IRQWIRE_BIND_VM) and copied the fixed-size argument to
 * @arg; @uarg is the user pointer, for variable-size tails and results.
 */
#define IRQWIRE_IOCTL(name) \
	long irqwire_ioctl_##name(struct irqwire_handle *h, struct irqwire_vm *vm, \
				  void *arg, void __user *uarg)

IRQWIRE_IOCTL(bind_vm);
IRQWIRE_IOCTL(signal_msi);
IRQWIRE_IOCTL(set_gsi_routing);
IRQWIRE_IOCTL(get_gsi_routing);
IRQWIRE_IOCTL(route_set);
IRQWIRE_IOCTL(route_del);
IRQWIRE_IOCTL(irq_line);
IRQWIRE_IOCTL(irqfd);
IRQWIRE_IOCTL(get_irqfd_stats);
IRQWIRE_IOCTL(ioeventfd);
IRQWIRE_IOCTL(get_ioeventfd_stats);
IRQWIRE_IOCTL(inspect_vm);
IRQWIRE_IOCTL(get_eventfd_id);

#endif /* IRQWIRE_HANDLE_H */
