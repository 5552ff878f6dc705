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

long irqwire_ioctl_bind_vm(struct irqwire_handle *h, void __user *argp);
void irqwire_handle_unbind(struct irqwire_handle *h);
struct irqwire_vm *irqwire_handle_vm(struct irqwire_handle *h);

long irqwire_ioctl_signal_msi(struct irqwire_handle *h, void __user *argp);
long irqwire_ioctl_set_gsi_routing(struct irqwire_handle *h, void __user *argp);
long irqwire_ioctl_get_gsi_routing(struct irqwire_handle *h, void __user *argp);
long irqwire_ioctl_route_set(struct irqwire_handle *h, void __user *argp);
long irqwire_ioctl_route_del(struct irqwire_handle *h, void __user *argp);
long irqwire_ioctl_irq_line(struct irqwire_handle *h, void __user *argp);

#endif /* IRQWIRE_HANDLE_H */
