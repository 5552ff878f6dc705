// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl dispatch: one table from command to handler (module/ioctl.h).
 */
#include <linux/uaccess.h>
#include <uapi/linux/irqwire.h>

#include "handle.h"
#include "ioctl.h"
#include "uapi_layout.h"

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

/* irqwire_ioctl() copies _IOC_SIZE(cmd) bytes into the union. */
#define IRQWIRE_ARG_FITS(cmd) \
	static_assert(_IOC_SIZE(cmd) <= sizeof(union irqwire_ioctl_arg))
IRQWIRE_ARG_FITS(IRQWIRE_BIND_VM);
IRQWIRE_ARG_FITS(IRQWIRE_SIGNAL_MSI);
IRQWIRE_ARG_FITS(IRQWIRE_SET_GSI_ROUTING);
IRQWIRE_ARG_FITS(IRQWIRE_GET_GSI_ROUTING);
IRQWIRE_ARG_FITS(IRQWIRE_ROUTE_SET);
IRQWIRE_ARG_FITS(IRQWIRE_ROUTE_DEL);
IRQWIRE_ARG_FITS(IRQWIRE_IRQ_LINE);
IRQWIRE_ARG_FITS(IRQWIRE_IRQFD);
IRQWIRE_ARG_FITS(IRQWIRE_GET_IRQFD_STATS);
IRQWIRE_ARG_FITS(IRQWIRE_IOEVENTFD);
IRQWIRE_ARG_FITS(IRQWIRE_GET_IOEVENTFD_STATS);
IRQWIRE_ARG_FITS(IRQWIRE_INSPECT_VM);
IRQWIRE_ARG_FITS(IRQWIRE_GET_EVENTFD_ID);

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
 * Process context. Errors common to every ioctl come in this order
 * (Documentation/api.rst, 1): ENOTTY (unknown), ENOTCONN/EIO (not bound,
 * wrong process), EFAULT (fixed-size argument); each handler then checks
 * its fields (EINVAL) before anything else.
 */
long irqwire_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
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
	if (copy_from_user(&karg, uarg, _IOC_SIZE(cmd)))
		return -EFAULT;
	return irqwire_ioctls[i].fn(h, vm, &karg, uarg);
}
