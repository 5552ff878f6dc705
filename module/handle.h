/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The irqwire handle: one open file of /dev/irqwire (module/handle.c).
 */
#ifndef IRQWIRE_HANDLE_H
#define IRQWIRE_HANDLE_H

#include <linux/fs.h>
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

/* file_operations of /dev/irqwire, process context. */
int irqwire_handle_open(struct inode *inode, struct file *file);
int irqwire_handle_release(struct inode *inode, struct file *file);

/*
 * The VM an ioctl acts on: ERR_PTR(-ENOTCONN) before bind, ERR_PTR(-EIO)
 * under KVM's own rule (caller outside the VM's mm, or a dead VM).
 */
struct irqwire_vm *irqwire_handle_vm(struct irqwire_handle *h);

#endif /* IRQWIRE_HANDLE_H */
