/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ioctls of /dev/irqwire: the dispatcher (module/ioctl.c) and one
 * handler per command, each defined next to the state it acts on.
 *
 * Handlers run in process context. The dispatcher has checked that the
 * handle is bound when the command needs a VM (@vm; NULL for the others)
 * and copied the fixed-size argument to @arg; @uarg is the user pointer,
 * for variable-size tails and results.
 */
#ifndef IRQWIRE_IOCTL_H
#define IRQWIRE_IOCTL_H

#include <linux/compiler_types.h>
#include <linux/fs.h>

struct irqwire_handle;
struct irqwire_vm;

long irqwire_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/* module/handle.c */
long irqwire_ioctl_bind_vm(struct irqwire_handle *h, struct irqwire_vm *vm,
			   void *arg, void __user *uarg);
/* module/inject.c */
long irqwire_ioctl_signal_msi(struct irqwire_handle *h, struct irqwire_vm *vm,
			      void *arg, void __user *uarg);
long irqwire_ioctl_irq_line(struct irqwire_handle *h, struct irqwire_vm *vm,
			    void *arg, void __user *uarg);
/* module/routing_ioctl.c */
long irqwire_ioctl_set_gsi_routing(struct irqwire_handle *h,
				   struct irqwire_vm *vm, void *arg,
				   void __user *uarg);
long irqwire_ioctl_get_gsi_routing(struct irqwire_handle *h,
				   struct irqwire_vm *vm, void *arg,
				   void __user *uarg);
long irqwire_ioctl_route_set(struct irqwire_handle *h, struct irqwire_vm *vm,
			     void *arg, void __user *uarg);
long irqwire_ioctl_route_del(struct irqwire_handle *h, struct irqwire_vm *vm,
			     void *arg, void __user *uarg);
/* module/irqfd.c */
long irqwire_ioctl_irqfd(struct irqwire_handle *h, struct irqwire_vm *vm,
			 void *arg, void __user *uarg);
long irqwire_ioctl_get_irqfd_stats(struct irqwire_handle *h,
				   struct irqwire_vm *vm, void *arg,
				   void __user *uarg);
/* module/ioeventfd.c */
long irqwire_ioctl_ioeventfd(struct irqwire_handle *h, struct irqwire_vm *vm,
			     void *arg, void __user *uarg);
long irqwire_ioctl_get_ioeventfd_stats(struct irqwire_handle *h,
				       struct irqwire_vm *vm, void *arg,
				       void __user *uarg);
/* module/inspect.c */
long irqwire_ioctl_inspect_vm(struct irqwire_handle *h, struct irqwire_vm *vm,
			      void *arg, void __user *uarg);
long irqwire_ioctl_get_eventfd_id(struct irqwire_handle *h,
				  struct irqwire_vm *vm, void *arg,
				  void __user *uarg);

#endif /* IRQWIRE_IOCTL_H */
