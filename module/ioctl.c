// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl dispatch: one switch from command to handler (module/ioctl.h).
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

/*
 * Process context: the steps every fixed-size ioctl shares. Inlined into
 * each case of irqwire_ioctl() so that @size is a constant there:
 * copy_from_user() then skips hardened usercopy's run-time object check
 * (~40 instructions on IRQWIRE_SIGNAL_MSI, as short a path as
 * KVM_SIGNAL_MSI, whose copy has a constant size too).
 */
static __always_inline long
irqwire_ioctl_call(struct irqwire_handle *h, bool needs_vm,
		   long (*fn)(struct irqwire_handle *h, struct irqwire_vm *vm,
			      void *arg, void __user *uarg),
		   void *karg, void __user *uarg, size_t size)
{
	struct irqwire_vm *vm = NULL;

	if (needs_vm) {
		vm = irqwire_handle_vm(h);
		if (IS_ERR(vm))
			return PTR_ERR(vm);
	}
	if (copy_from_user(karg, uarg, size))
		return -EFAULT;
	return fn(h, vm, karg, uarg);
}

/* Each ioctl copies in exactly its own member of the union. */
#define IRQWIRE_ARG_IS(cmd, member) \
	static_assert(_IOC_SIZE(cmd) == sizeof_field(union irqwire_ioctl_arg, member))
IRQWIRE_ARG_IS(IRQWIRE_BIND_VM, bind_vm);
IRQWIRE_ARG_IS(IRQWIRE_SIGNAL_MSI, msi);
IRQWIRE_ARG_IS(IRQWIRE_SET_GSI_ROUTING, routing);
IRQWIRE_ARG_IS(IRQWIRE_GET_GSI_ROUTING, routing);
IRQWIRE_ARG_IS(IRQWIRE_ROUTE_SET, gsi_route);
IRQWIRE_ARG_IS(IRQWIRE_ROUTE_DEL, gsi);
IRQWIRE_ARG_IS(IRQWIRE_IRQ_LINE, irq_level);
IRQWIRE_ARG_IS(IRQWIRE_IRQFD, irqfd);
IRQWIRE_ARG_IS(IRQWIRE_GET_IRQFD_STATS, irqfd_stats);
IRQWIRE_ARG_IS(IRQWIRE_IOEVENTFD, ioeventfd);
IRQWIRE_ARG_IS(IRQWIRE_GET_IOEVENTFD_STATS, ioeventfd_stats);
IRQWIRE_ARG_IS(IRQWIRE_INSPECT_VM, inspect);
IRQWIRE_ARG_IS(IRQWIRE_GET_EVENTFD_ID, eventfd_id);

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
	/*
	 * Not zeroed (CONFIG_INIT_STACK_ALL_ZERO would clear all of it on
	 * every call): each handler reads only its own member, which
	 * copy_from_user() has filled (or zeroed, failing).
	 */
	union irqwire_ioctl_arg karg __uninitialized;

	switch (cmd) {
	case IRQWIRE_GET_API_VERSION:
		return arg ? -EINVAL : IRQWIRE_API_VERSION;
	case IRQWIRE_BIND_VM:
		return irqwire_ioctl_call(h, false, irqwire_ioctl_bind_vm, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_BIND_VM));
	case IRQWIRE_SIGNAL_MSI:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_signal_msi, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_SIGNAL_MSI));
	case IRQWIRE_SET_GSI_ROUTING:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_set_gsi_routing, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_SET_GSI_ROUTING));
	case IRQWIRE_GET_GSI_ROUTING:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_get_gsi_routing, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_GET_GSI_ROUTING));
	case IRQWIRE_ROUTE_SET:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_route_set, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_ROUTE_SET));
	case IRQWIRE_ROUTE_DEL:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_route_del, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_ROUTE_DEL));
	case IRQWIRE_IRQ_LINE:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_irq_line, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_IRQ_LINE));
	case IRQWIRE_IRQFD:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_irqfd, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_IRQFD));
	case IRQWIRE_GET_IRQFD_STATS:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_get_irqfd_stats, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_GET_IRQFD_STATS));
	case IRQWIRE_IOEVENTFD:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_ioeventfd, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_IOEVENTFD));
	case IRQWIRE_GET_IOEVENTFD_STATS:
		return irqwire_ioctl_call(h, true, irqwire_ioctl_get_ioeventfd_stats, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_GET_IOEVENTFD_STATS));
	case IRQWIRE_INSPECT_VM:
		return irqwire_ioctl_call(h, false, irqwire_ioctl_inspect_vm, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_INSPECT_VM));
	case IRQWIRE_GET_EVENTFD_ID:
		return irqwire_ioctl_call(h, false, irqwire_ioctl_get_eventfd_id, &karg, uarg,
					  _IOC_SIZE(IRQWIRE_GET_EVENTFD_ID));
	default:
		return -ENOTTY;
	}
}
