// SPDX-License-Identifier: GPL-2.0
/*
 * The interposed entry points. glibc's ioctl() is variadic; every KVM
 * ioctl passes at most one pointer or integer, so one va_arg carries it
 * on x86-64 either way. Requests that are not diverted go straight to
 * glibc after one switch: no lock, no lookup, errno untouched.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>

#include <linux/kvm.h>

#include "preload.h"

int (*real_ioctl)(int fd, unsigned long req, ...);
static int (*real_close)(int fd);

/* Before main(): resolves glibc's functions, reads the settings. */
__attribute__((constructor)) static void preload_init(void)
{
	real_ioctl = dlsym(RTLD_NEXT, "ioctl");
	real_close = dlsym(RTLD_NEXT, "close");
	settings_load();
}

/* The diverted requests: the path that selects each, and who answers it. */
static const struct {
	unsigned long req;
	unsigned int path;
	int (*fn)(struct preload_vm *vm, unsigned long req, void *arg);
} diverts[] = {
	{ KVM_IRQFD,		PATH_IRQFD,	divert_irqfd },
	{ KVM_IOEVENTFD,	PATH_IOEVENTFD,	divert_ioeventfd },
	{ KVM_SET_GSI_ROUTING,	PATH_ROUTING,	divert_gsi_routing },
	{ KVM_SIGNAL_MSI,	PATH_MSI,	divert_signal_msi },
	{ KVM_IRQ_LINE,		PATH_LINE,	divert_irq_line },
	{ KVM_IRQ_LINE_STATUS,	PATH_LINE,	divert_irq_line },
};

/* @req is one of diverts[]: irqwire answers if its path is on and @fd a VM. */
static int divert(int fd, unsigned long req, void *arg)
{
	struct preload_vm *vm;
	size_t i;

	for (i = 0; i < sizeof(diverts) / sizeof(diverts[0]); i++) {
		if (diverts[i].req != req)
			continue;
		if (preload_settings.paths & diverts[i].path && (vm = vms_find(fd)))
			return diverts[i].fn(vm, req, arg);
		break;
	}
	return real_ioctl(fd, req, arg);
}

static bool creates_irqchip(unsigned long req, void *arg)
{
	return req == KVM_CREATE_IRQCHIP ||
	       (req == KVM_ENABLE_CAP &&
		((struct kvm_enable_cap *)arg)->cap == KVM_CAP_SPLIT_IRQCHIP);
}

/* The only symbols the library exports (-fvisibility=hidden otherwise). */
__attribute__((visibility("default")))
int ioctl(int fd, unsigned long req, ...)
{
	struct preload_vm *vm;
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, req);
	arg = va_arg(ap, void *);
	va_end(ap);

	switch (req) {
	case KVM_CREATE_VM:
		ret = real_ioctl(fd, req, arg);
		if (ret >= 0)
			vms_add(ret);
		return ret;
	case KVM_CREATE_IRQCHIP:
	case KVM_ENABLE_CAP:
		ret = real_ioctl(fd, req, arg);
		if (!ret && creates_irqchip(req, arg) && (vm = vms_find(fd)))
			vms_irqchip_created(vm);
		return ret;
	case KVM_IRQFD:
	case KVM_IOEVENTFD:
	case KVM_SET_GSI_ROUTING:
	case KVM_SIGNAL_MSI:
	case KVM_IRQ_LINE:
	case KVM_IRQ_LINE_STATUS:
		return divert(fd, req, arg);
	default:
		return real_ioctl(fd, req, arg);
	}
}

/* A VM fd's number may be reused: forget the VM (and its handle) first. */
__attribute__((visibility("default")))
int close(int fd)
{
	vms_forget(fd);
	return real_close(fd);
}
