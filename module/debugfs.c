// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs layout: irqwire/vm<ID>-pid<PID>/{routes,irqfds,ioeventfds}, one directory per VM
 * bound to irqwire. Files print no kernel pointers. debugfs failures are
 * not errors (debugfs may be absent or disabled).
 */
#include <linux/debugfs.h>

#include "debugfs.h"
#include "ioeventfd.h"
#include "irqfd.h"
#include "routing.h"

static struct dentry *irqwire_debugfs_root;

static int irqwire_routes_show(struct seq_file *m, void *unused)
{
	irqwire_routing_show(m, m->private);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(irqwire_routes);

static int irqwire_irqfds_show(struct seq_file *m, void *unused)
{
	irqwire_irqfd_show(m, m->private);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(irqwire_irqfds);

static int irqwire_ioeventfds_show(struct seq_file *m, void *unused)
{
	irqwire_ioeventfd_show(m, m->private);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(irqwire_ioeventfds);

/* Process context, module init. */
void irqwire_debugfs_init(void)
{
	irqwire_debugfs_root = debugfs_create_dir("irqwire", NULL);
}

/* Process context, module exit: every VM is gone. */
void irqwire_debugfs_exit(void)
{
	debugfs_remove_recursive(irqwire_debugfs_root);
}

/*
 * Process context. The files' data (@vm) outlives them: removal in
 * irqwire_debugfs_remove_vm() waits for open readers.
 */
void irqwire_debugfs_add_vm(struct irqwire_vm *vm)
{
	char name[32];

	snprintf(name, sizeof(name), "vm%u-pid%d", vm->id,
		 vm->kvm->userspace_pid);
	vm->debugfs = debugfs_create_dir(name, irqwire_debugfs_root);
	debugfs_create_file("routes", 0400, vm->debugfs, vm, &irqwire_routes_fops);
	debugfs_create_file("irqfds", 0400, vm->debugfs, vm, &irqwire_irqfds_fops);
	debugfs_create_file("ioeventfds", 0400, vm->debugfs, vm,
			    &irqwire_ioeventfds_fops);
}

/* Process context. */
void irqwire_debugfs_remove_vm(struct irqwire_vm *vm)
{
	debugfs_remove_recursive(vm->debugfs);
}
