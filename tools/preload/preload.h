/* SPDX-License-Identifier: GPL-2.0 */
/*
 * libirqwire-preload.so: runs an unmodified, dynamically linked VMM on
 * irqwire by interposing glibc's ioctl() (Documentation/vmm.rst).
 *
 * interpose.c  ioctl() and close(): the request switch, nothing else on
 *              the path of ioctls that are not diverted (KVM_RUN)
 * vms.c        which fds are KVM VMs, and the irqwire handle bound to each
 * divert.c     each diverted KVM ioctl as irqwire's, with KVM's errnos
 * settings.c   IRQWIRE_RUN_* from "irqwire run", the log, the failure line
 *
 * Thread safety: the VM table has its own mutex (vms.c); a VM's handle
 * never changes once bound, and irqwire's ioctls are themselves safe to
 * call from any thread. Only a KVM_SET_GSI_ROUTING, which must change two
 * tables as one, holds its VM's routing mutex across both calls.
 */
#ifndef IRQWIRE_PRELOAD_H
#define IRQWIRE_PRELOAD_H

#include <pthread.h>
#include <stdbool.h>

/* Which KVM ioctls go to irqwire (irqwire run --paths). */
enum {
	PATH_IRQFD	= 1 << 0,	/* KVM_IRQFD */
	PATH_IOEVENTFD	= 1 << 1,	/* KVM_IOEVENTFD */
	PATH_MSI	= 1 << 2,	/* KVM_SIGNAL_MSI */
	PATH_LINE	= 1 << 3,	/* KVM_IRQ_LINE(_STATUS) */
	PATH_ROUTING	= 1 << 4,	/* KVM_SET_GSI_ROUTING to both tables */
};

/* Exit status of a VMM stopped because irqwire cannot serve it. */
#define PRELOAD_EXIT_ENV	3

struct preload_settings {
	unsigned int paths;	/* PATH_* */
	bool fallback_kvm;	/* on a failed bind: warn, let KVM serve the VM */
};
extern struct preload_settings preload_settings;

/* glibc's ioctl(), found at load (interpose.c). */
extern int (*real_ioctl)(int fd, unsigned long req, ...);

/* One KVM VM of the process. */
struct preload_vm {
	int vm_fd;
	int handle;		/* bound /dev/irqwire handle, or -1 */
	bool kvm_only;		/* bind failed under --fallback kvm */
	pthread_mutex_t routing_lock;	/* KVM_SET_GSI_ROUTING: both tables as one */
	/*
	 * The table irqwire holds, as this process last set it (routing_lock;
	 * NULL: not known, read it back): a refused KVM_SET_GSI_ROUTING puts
	 * it back without a read-back on every commit.
	 */
	struct irqwire_routing *routing;
};

/* vms.c */
void vms_add(int vm_fd);
void vms_forget(int fd);
/* The VM behind @fd, or NULL when @fd is not a VM fd of this process. */
struct preload_vm *vms_find(int fd);
/*
 * The handle bound to @vm, binding it now if needed; -1 when KVM serves
 * the VM (--fallback kvm after a failed bind). Without the fallback a
 * failed bind stops the process (settings_fail()).
 */
int vms_handle(struct preload_vm *vm);
/* After KVM_CREATE_IRQCHIP or KVM_CAP_SPLIT_IRQCHIP succeeded on @vm. */
void vms_irqchip_created(struct preload_vm *vm);

/*
 * divert.c: KVM request @req with @arg on @vm, answered as KVM would:
 * the ioctl's result, errno set on failure and kept on success.
 */
int divert_irqfd(struct preload_vm *vm, unsigned long req, void *arg);
int divert_ioeventfd(struct preload_vm *vm, unsigned long req, void *arg);
int divert_gsi_routing(struct preload_vm *vm, unsigned long req, void *arg);
int divert_signal_msi(struct preload_vm *vm, unsigned long req, void *arg);
int divert_irq_line(struct preload_vm *vm, unsigned long req, void *arg);

/* settings.c */
void settings_load(void);
/* One line to the --log file, if any. */
void settings_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "irqwire run: <why>" and ends the process with PRELOAD_EXIT_ENV. */
void settings_fail(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

#endif /* IRQWIRE_PRELOAD_H */
