// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire: /dev/irqwire and module init/exit.
 *
 * Design: Documentation/design.rst; locking: Documentation/locking.rst;
 * ABI: uapi/linux/irqwire.h and Documentation/api.rst.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>

#include "debugfs.h"
#include "handle.h"
#include "inspect.h"
#include "ioctl.h"
#include "irqfd.h"
#include "kvm_syms.h"

static const struct file_operations irqwire_fops = {
	.owner		= THIS_MODULE,
	.open		= irqwire_handle_open,
	.release	= irqwire_handle_release,
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
MODULE_VERSION(IRQWIRE_VERSION);
