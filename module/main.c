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

/* Process context. */
static long irqwire_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct irqwire_handle *h = file->private_data;
	void __user *argp = (void __user *)arg;

	switch (cmd) {
	case IRQWIRE_GET_API_VERSION:
		return arg ? -EINVAL : IRQWIRE_API_VERSION;
	case IRQWIRE_BIND_VM:
		return irqwire_ioctl_bind_vm(h, argp);
	case IRQWIRE_SIGNAL_MSI:
		return irqwire_ioctl_signal_msi(h, argp);
	case IRQWIRE_SET_GSI_ROUTING:
		return irqwire_ioctl_set_gsi_routing(h, argp);
	case IRQWIRE_GET_GSI_ROUTING:
		return irqwire_ioctl_get_gsi_routing(h, argp);
	case IRQWIRE_ROUTE_SET:
		return irqwire_ioctl_route_set(h, argp);
	case IRQWIRE_ROUTE_DEL:
		return irqwire_ioctl_route_del(h, argp);
	case IRQWIRE_IRQ_LINE:
		return irqwire_ioctl_irq_line(h, argp);
	default:
		return -ENOTTY;
	}
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
	irqwire_debugfs_init();
	ret = misc_register(&irqwire_misc);
	if (ret)
		irqwire_debugfs_exit();
	return ret;
}

static void __exit irqwire_exit(void)
{
	misc_deregister(&irqwire_misc);
	/* routing tables of closed VMs may still wait in RCU callbacks */
	rcu_barrier();
	irqwire_debugfs_exit();
}

module_init(irqwire_init);
module_exit(irqwire_exit);

MODULE_DESCRIPTION("irqwire: research variant of KVM's irqfd/ioeventfd fast path");
MODULE_LICENSE("GPL");
MODULE_AUTHOR("irqwire developers");
