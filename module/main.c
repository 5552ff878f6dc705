// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire: /dev/irqwire, module init and ioctl dispatch.
 *
 * Design overview: Documentation/design.rst. ABI: uapi/linux/irqwire.h and
 * Documentation/api.rst.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <uapi/linux/irqwire.h>

#include "debugfs.h"
#include "handle.h"
#include "inspect.h"
#include "irqfd.h"
#include "kvm_syms.h"

/* Process context. */
static int irqwire_open(struct inode *inode, struct file *file)
{
	struct irqwire_handle *h;

	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h)
		return -ENOMEM;
	mutex_init(&h->bind_lock);
	file->private_data = h;
	return 0;
}

/* Process context; the last reference to the file is gone. */
static int irqwire_release(struct inode *inode, struct file *file)
{
	struct irqwire_handle *h = file->private_data;

	irqwire_handle_unbind(h);
	mutex_destroy(&h->bind_lock);
	kfree(h);
	return 0;
}

/* Fixed-size ioctl arguments, copied in before the handler runs. */
union irqwire_ioctl_arg {
	struct irqwire_bind_vm bind_vm;
	struct irqwire_msi msi;
	struct irqwire_routing routing;
	struct irqwire_gsi_route gsi_route;
	struct irqwire_gsi gsi;
	struct irqwire_irq_level irq_level;
	struct irqwire_irqfd irqfd;
	struct irqwire_irqfd_stats irqfd_stats;
	struct irqwire_ioeventfd ioeventfd;
	struct irqwire_ioeventfd_stats ioeventfd_stats;
	struct irqwire_inspect inspect;
	struct irqwire_eventfd_id eventfd_id;
};

static const struct {
	unsigned int cmd;
	bool needs_vm;
	long (*fn)(struct irqwire_handle *h, struct irqwire_vm *vm, void *arg,
		   void __user *uarg);
} irqwire_ioctls[] = {
	{ IRQWIRE_BIND_VM,		false,	irqwire_ioctl_bind_vm },
	{ IRQWIRE_SIGNAL_MSI,		true,	irqwire_ioctl_signal_msi },
	{ IRQWIRE_SET_GSI_ROUTING,	true,	irqwire_ioctl_set_gsi_routing },
	{ IRQWIRE_GET_GSI_ROUTING,	true,	irqwire_ioctl_get_gsi_routing },
	{ IRQWIRE_ROUTE_SET,		true,	irqwire_ioctl_route_set },
	{ IRQWIRE_ROUTE_DEL,		true,	irqwire_ioctl_route_del },
	{ IRQWIRE_IRQ_LINE,		true,	irqwire_ioctl_irq_line },
	{ IRQWIRE_IRQFD,		true,	irqwire_ioctl_irqfd },
	{ IRQWIRE_GET_IRQFD_STATS,	true,	irqwire_ioctl_get_irqfd_stats },
	{ IRQWIRE_IOEVENTFD,		true,	irqwire_ioctl_ioeventfd },
	{ IRQWIRE_GET_IOEVENTFD_STATS,	true,	irqwire_ioctl_get_ioeventfd_stats },
	{ IRQWIRE_INSPECT_VM,		false,	irqwire_ioctl_inspect_vm },
	{ IRQWIRE_GET_EVENTFD_ID,	false,	irqwire_ioctl_get_eventfd_id },
};

/*
 * Process context. Errors common to every ioctl come in this order:
 * ENOTTY (unknown), ENOTCONN/EIO (not bound, wrong process), EFAULT.
 */
static long irqwire_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct irqwire_handle *h = file->private_data;
	void __user *uarg = (void __user *)arg;
	union irqwire_ioctl_arg karg;
	struct irqwire_vm *vm = NULL;
	int i;

	if (cmd == IRQWIRE_GET_API_VERSION)
		return arg ? -EINVAL : IRQWIRE_API_VERSION;

	for (i = 0; i < ARRAY_SIZE(irqwire_ioctls); i++)
		if (irqwire_ioctls[i].cmd == cmd)
			break;
	if (i == ARRAY_SIZE(irqwire_ioctls))
		return -ENOTTY;
	if (irqwire_ioctls[i].needs_vm) {
		vm = irqwire_handle_vm(h);
		if (IS_ERR(vm))
			return PTR_ERR(vm);
	}
	/* every command's size is that of a member of the union */
	if (copy_from_user(&karg, uarg, _IOC_SIZE(cmd)))
		return -EFAULT;
	return irqwire_ioctls[i].fn(h, vm, &karg, uarg);
}

static const struct file_operations irqwire_fops = {
	.owner		= THIS_MODULE,
	.open		= irqwire_open,
	.release	= irqwire_release,
	.unlocked_ioctl	= irqwire_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice irqwire_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "irqwire",
	.fops	= &irqwire_fops,
	.mode	= 0600,
};

static int __init irqwire_init(void)
{
	int ret;

	ret = irqwire_kvm_syms_init();
	if (ret)
		return ret;
	ret = irqwire_irqfd_init();
	if (ret)
		return ret;
	irqwire_debugfs_init();
	irqwire_inspect_init();
	ret = misc_register(&irqwire_misc);
	if (ret) {
		irqwire_debugfs_exit();
		irqwire_irqfd_exit();
	}
	return ret;
}

static void __exit irqwire_exit(void)
{
	misc_deregister(&irqwire_misc);
	/* routing tables of closed VMs may still wait in RCU callbacks */
	rcu_barrier();
	irqwire_debugfs_exit();
	irqwire_irqfd_exit();
}

module_init(irqwire_init);
module_exit(irqwire_exit);

MODULE_DESCRIPTION("irqwire: research variant of KVM's irqfd/ioeventfd fast path");
MODULE_LICENSE("GPL");
MODULE_AUTHOR("irqwire developers");
