// SPDX-License-Identifier: GPL-2.0
/*
 * The process's KVM VMs and their irqwire handles. A VM is bound when it
 * gets an in-kernel irqchip (then irqwire's table starts as KVM's
 * default, like KVM's own), or at its first diverted ioctl if it never
 * gets one (doorbells need none).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/irqwire.h>

#include "irqwire_dev.h"
#include "preload.h"

#define MAX_VMS	16

static struct preload_vm vms[MAX_VMS];
static bool used[MAX_VMS];
/*
 * @vms, @used, and binding (a VM's handle is set once, under it).
 * Recursive: binding opens /dev/irqwire with the shared helper, whose
 * close() on a failed ABI check is this library's close() again.
 */
static pthread_mutex_t vms_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

void vms_add(int vm_fd)
{
	int i;

	pthread_mutex_lock(&vms_lock);
	for (i = 0; i < MAX_VMS && used[i]; i++)
		;
	if (i == MAX_VMS)
		settings_fail("more than %d VMs in one process", MAX_VMS);
	vms[i] = (struct preload_vm){ .vm_fd = vm_fd, .handle = -1 };
	pthread_mutex_init(&vms[i].routing_lock, NULL);
	used[i] = true;
	pthread_mutex_unlock(&vms_lock);
	settings_log("KVM_CREATE_VM -> vm fd %d", vm_fd);
}

struct preload_vm *vms_find(int fd)
{
	struct preload_vm *vm = NULL;
	int i;

	pthread_mutex_lock(&vms_lock);
	for (i = 0; i < MAX_VMS; i++)
		if (used[i] && vms[i].vm_fd == fd)
			vm = &vms[i];
	pthread_mutex_unlock(&vms_lock);
	return vm;
}

void vms_forget(int fd)
{
	int saved = errno, i;

	pthread_mutex_lock(&vms_lock);
	for (i = 0; i < MAX_VMS; i++) {
		if (!used[i] || vms[i].vm_fd != fd)
			continue;
		if (vms[i].handle >= 0)
			syscall(__NR_close, vms[i].handle);
		pthread_mutex_destroy(&vms[i].routing_lock);
		free(vms[i].routing);
		vms[i].routing = NULL;
		used[i] = false;
		settings_log("close(vm fd %d): handle closed", fd);
	}
	pthread_mutex_unlock(&vms_lock);
	errno = saved;
}

/* vms_lock held. */
static int vms_bind(struct preload_vm *vm)
{
	struct irqwire_bind_vm b = { .vm_fd = vm->vm_fd };
	char why[256];
	int h;

	h = irqwire_dev_open_quiet(why, sizeof(why));
	if (h >= 0 && real_ioctl(h, IRQWIRE_BIND_VM, &b)) {
		snprintf(why, sizeof(why), "IRQWIRE_BIND_VM: %s", strerror(errno));
		syscall(__NR_close, h);
		h = -1;
	}
	if (h < 0) {
		if (!preload_settings.fallback_kvm)
			settings_fail("cannot bind the VM to irqwire: %s", why);
		fprintf(stderr, "irqwire run: warning: %s; KVM serves this VM (--fallback kvm)\n",
			why);
		vm->kvm_only = true;
		return -1;
	}
	vm->handle = h;
	settings_log("IRQWIRE_BIND_VM vm fd %d -> handle %d", vm->vm_fd, h);
	return h;
}

int vms_handle(struct preload_vm *vm)
{
	int saved = errno, h;

	pthread_mutex_lock(&vms_lock);
	h = vm->handle >= 0 || vm->kvm_only ? vm->handle : vms_bind(vm);
	pthread_mutex_unlock(&vms_lock);
	errno = saved;
	return h;
}

/*
 * KVM installed its default routes with the irqchip; a VM bound before
 * had an empty irqwire table: copy KVM's, read back with
 * IRQWIRE_INSPECT_VM, so both tables agree again.
 */
static void vms_sync_routing(struct preload_vm *vm)
{
	struct irqwire_inspect in = {
		.vm_fd = vm->vm_fd, .what = IRQWIRE_INSPECT_ROUTES,
	};
	struct irqwire_routing *rt = NULL;

	if (real_ioctl(vm->handle, IRQWIRE_INSPECT_VM, &in) && errno != E2BIG)
		goto fail;
	rt = calloc(1, sizeof(*rt) + in.nr * sizeof(rt->entries[0]));
	if (!rt)
		goto fail;
	in.records = (unsigned long)rt->entries;
	if (real_ioctl(vm->handle, IRQWIRE_INSPECT_VM, &in))
		goto fail;
	rt->nr = in.nr;
	if (real_ioctl(vm->handle, IRQWIRE_SET_GSI_ROUTING, rt))
		goto fail;
	pthread_mutex_lock(&vm->routing_lock);
	free(vm->routing);
	vm->routing = rt;
	pthread_mutex_unlock(&vm->routing_lock);
	return;
fail:
	settings_fail("copying KVM's default routes to irqwire: %s", strerror(errno));
}

void vms_irqchip_created(struct preload_vm *vm)
{
	int saved = errno;
	bool was_bound = vm->handle >= 0;

	if (vms_handle(vm) >= 0 && was_bound &&
	    preload_settings.paths & PATH_ROUTING)
		vms_sync_routing(vm);
	errno = saved;
}
