// SPDX-License-Identifier: GPL-2.0
/*
 * IRQWIRE_BIND_VM: tie a handle to a KVM VM for the rest of its life.
 */
#include <linux/file.h>
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/irqwire.h>

#include "handle.h"

/* Process context, h->bind_lock held. Consumes nothing on failure. */
static long bind_vm_file(struct irqwire_handle *h, struct file *file)
{
	struct kvm *kvm;

	lockdep_assert_held(&h->bind_lock);

	if (!file_is_kvm(file))
		return -EINVAL;
	kvm = file->private_data;
	/* KVM refuses VM ioctls from any other mm; so does irqwire. */
	if (kvm->mm != current->mm)
		return -EIO;
	if (!try_module_get(file->f_op->owner))
		return -ENODEV;

	h->vm_owner = file->f_op->owner;
	kvm_get_kvm(kvm);
	/* pairs with smp_load_acquire() in irqwire_handle_kvm() */
	smp_store_release(&h->kvm, kvm);
	return 0;
}

/* Process context (ioctl). */
long irqwire_ioctl_bind_vm(struct irqwire_handle *h, void __user *argp)
{
	struct irqwire_bind_vm args;
	struct file *file;
	long ret;

	if (copy_from_user(&args, argp, sizeof(args)))
		return -EFAULT;
	if (args.flags || memchr_inv(args.reserved, 0, sizeof(args.reserved)))
		return -EINVAL;

	mutex_lock(&h->bind_lock);
	if (h->kvm) {
		ret = -EBUSY;
		goto out_unlock;
	}
	file = fget(args.vm_fd);
	if (!file) {
		ret = -EBADF;
		goto out_unlock;
	}
	ret = bind_vm_file(h, file);
	fput(file);
out_unlock:
	mutex_unlock(&h->bind_lock);
	return ret;
}

/*
 * Process context (release of the handle, no ioctl can be running). The
 * VM fd may have been closed long ago: then this drops the last reference
 * and destroys the VM, which is why h->vm_owner is released only after.
 */
void irqwire_handle_unbind(struct irqwire_handle *h)
{
	if (!h->kvm)
		return;
	kvm_put_kvm(h->kvm);
	h->kvm = NULL;
	module_put(h->vm_owner);
	h->vm_owner = NULL;
}

/*
 * The VM an injection ioctl acts on, or ERR_PTR(-ENOTCONN) before bind and
 * ERR_PTR(-EIO) under KVM's own rule (caller outside the VM's mm, or a VM
 * that KVM has marked dead after an internal error).
 */
struct kvm *irqwire_handle_kvm(struct irqwire_handle *h)
{
	/* pairs with smp_store_release() in bind_vm_file() */
	struct kvm *kvm = smp_load_acquire(&h->kvm);

	if (!kvm)
		return ERR_PTR(-ENOTCONN);
	if (kvm->mm != current->mm || READ_ONCE(kvm->vm_dead))
		return ERR_PTR(-EIO);
	return kvm;
}
