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
#include <linux/string.h>
#include <linux/types.h>

/*
 * Whether the @n bytes at @p (a fixed-size pad or reserved field of an
 * ioctl argument) are all zero. With @n a constant this compiles to a
 * few loads; memchr_inv() is a call that compares byte by byte (about
 * 55 instructions more for IRQWIRE_IOEVENTFD's 36 pad bytes).
 */
static __always_inline bool irqwire_zeroed(const void *p, size_t n)
{
	const u8 *b = p;
	u64 acc = 0, w;
	u32 h;
	size_t i;

	for (i = 0; i + sizeof(w) <= n; i += sizeof(w)) {
		memcpy(&w, b + i, sizeof(w));
		acc |= w;
	}
	if (i + sizeof(h) <= n) {
		memcpy(&h, b + i, sizeof(h));
		acc |= h;
		i += sizeof(h);
	}
	for (; i < n; i++)
		acc |= b[i];
	return !acc;
}

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
