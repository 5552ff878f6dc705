/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The irqwire handle: one open file of /dev/irqwire.
 */
#ifndef IRQWIRE_HANDLE_H
#define IRQWIRE_HANDLE_H

#include <linux/kvm_host.h>
#include <linux/mutex.h>

/**
 * struct irqwire_handle - state behind one open file of /dev/irqwire
 * @bind_lock: serialises IRQWIRE_BIND_VM calls on this handle.
 * @kvm: the bound VM; NULL until IRQWIRE_BIND_VM succeeds, then fixed for
 *	the life of the handle. Published under @bind_lock with
 *	smp_store_release(); ioctls read it with smp_load_acquire() and no
 *	lock, which is safe because it never changes once set and release
 *	(the only place that drops it) cannot run concurrently with an ioctl
 *	on the same file. Holds one reference from kvm_get_kvm().
 * @vm_owner: module that implements the VM file (kvm_amd or kvm_intel),
 *	pinned while @kvm is held: the final kvm_put_kvm() may run here, in
 *	our release, and calls into that module's destroy hooks.
 *
 * Lifetime: allocated in open, freed in release (process context both).
 */
struct irqwire_handle {
	struct mutex bind_lock;	/* serialises IRQWIRE_BIND_VM */
	struct kvm *kvm;
	struct module *vm_owner;
};

long irqwire_ioctl_bind_vm(struct irqwire_handle *h, void __user *argp);
void irqwire_handle_unbind(struct irqwire_handle *h);
struct kvm *irqwire_handle_kvm(struct irqwire_handle *h);

long irqwire_ioctl_signal_msi(struct irqwire_handle *h, void __user *argp);

#endif /* IRQWIRE_HANDLE_H */
