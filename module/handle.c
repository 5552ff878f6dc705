// SPDX-License-Identifier: GPL-2.0
/*
 * The handle: open and release of /dev/irqwire, and IRQWIRE_BIND_VM, which
 * ties a handle to a KVM VM for the rest of its life.
 */
#include <linux/file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/irqwire.h>

#include "handle.h"
#include "ioctl.h"
#include "vm.h"

/* Process context. */
int irqwire_handle_open(struct inode *inode, struct file *file)
{
	struct irqwire_handle *h;

	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h)
		return -ENOMEM;
	mutex_init(&h->bind_lock);
	file->private_data = h;
	return 0;
}

/*
 * Process context; the last reference to the file is gone, so no ioctl
 * runs. The VM fd may have been closed long ago: then the last put
 * destroys the VM.
 */
int irqwire_handle_release(struct inode *inode, struct file *file)
{
	struct irqwire_handle *h = file->private_data;

	if (h->vm)
		irqwire_vm_put(h->vm);
	mutex_destroy(&h->bind_lock);
	kfree(h);
	return 0;
}

/* Process context, h->bind_lock held. Consumes nothing on failure. */
static long irqwire_handle_bind_file(struct irqwire_handle *h,
				     struct file *file)
{
	struct irqwire_vm *vm;

	lockdep_assert_held(&h->bind_lock);

	if (!file_is_kvm(file))
		return -EINVAL;
	/* KVM refuses VM ioctls from any other mm; so does irqwire. */
	if (((struct kvm *)file->private_data)->mm != current->mm)
		return -EIO;
	vm = irqwire_vm_get(file);
	if (IS_ERR(vm))
		return PTR_ERR(vm);
	/* pairs with smp_load_acquire() in irqwire_handle_vm() */
	smp_store_release(&h->vm, vm);
	return 0;
}

long irqwire_ioctl_bind_vm(struct irqwire_handle *h, struct irqwire_vm *vm,
			   void *arg, void __user *uarg)
{
	struct irqwire_bind_vm *args = arg;
	struct file *file;
	long ret;

	if (args->flags || !irqwire_zeroed(args->reserved, sizeof(args->reserved)))
		return -EINVAL;

	mutex_lock(&h->bind_lock);
	if (h->vm) {
		ret = -EBUSY;
		goto out_unlock;
	}
	file = fget(args->vm_fd);
	if (!file) {
		ret = -EBADF;
		goto out_unlock;
	}
	ret = irqwire_handle_bind_file(h, file);
	fput(file);
out_unlock:
	mutex_unlock(&h->bind_lock);
	return ret;
}

struct irqwire_vm *irqwire_handle_vm(struct irqwire_handle *h)
{
	/* pairs with smp_store_release() in irqwire_handle_bind_file() */
	struct irqwire_vm *vm = smp_load_acquire(&h->vm);

	if (!vm)
		return ERR_PTR(-ENOTCONN);
	if (vm->kvm->mm != current->mm || READ_ONCE(vm->kvm->vm_dead))
		return ERR_PTR(-EIO);
	return vm;
}
