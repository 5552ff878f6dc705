// SPDX-License-Identifier: GPL-2.0
/*
 * IRQWIRE_BIND_VM: tie a handle to a KVM VM for the rest of its life.
 */
#include <linux/file.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <uapi/linux/irqwire.h>

#include "handle.h"
#include "vm.h"

/* Process context, h->bind_lock held. Consumes nothing on failure. */
static long bind_vm_file(struct irqwire_handle *h, struct file *file)
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

IRQWIRE_IOCTL(bind_vm)
{
	struct irqwire_bind_vm *args = arg;
	struct file *file;
	long ret;

	if (args->flags || memchr_inv(args->reserved, 0, sizeof(args->reserved)))
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
	ret = bind_vm_file(h, file);
	fput(file);
out_unlock:
	mutex_unlock(&h->bind_lock);
	return ret;
}

/*
 * Process context (release of the handle, no ioctl can be running). The
 * VM fd may have been closed long ago: then the last put destroys the VM.
 */
void irqwire_handle_unbind(struct irqwire_handle *h)
{
	if (!h->vm)
		return;
	irqwire_vm_put(h->vm);
	h->vm = NULL;
}

/*
 * The VM an injection or routing ioctl acts on, or ERR_PTR(-ENOTCONN)
 * before bind and ERR_PTR(-EIO) under KVM's own rule (caller outside the
 * VM's mm, or a VM that KVM has marked dead after an internal error).
 */
struct irqwire_vm *irqwire_handle_vm(struct irqwire_handle *h)
{
	/* pairs with smp_store_release() in bind_vm_file() */
	struct irqwire_vm *vm = smp_load_acquire(&h->vm);

	if (!vm)
		return ERR_PTR(-ENOTCONN);
	if (vm->kvm->mm != current->mm || READ_ONCE(vm->kvm->vm_dead))
		return ERR_PTR(-EIO);
	return vm;
}
