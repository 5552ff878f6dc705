// SPDX-License-Identifier: GPL-2.0
/*
 * KVM ioctls answered by irqwire. Each takes KVM's argument, calls the
 * irqwire ioctl of the same meaning on the VM's handle and returns what
 * KVM would: where irqwire is stricter or speaks another errno for the
 * same case, the answer is translated (api.rst's "Differs from KVM"
 * notes list them). errno is left alone on success.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/irqwire.h>
#include <linux/kvm.h>

#include "preload.h"

/* @ret of an irqwire ioctl, logged; errno as it left it. */
static int logged(const char *what, int ret, int saved)
{
	int err = errno;

	settings_log("%s -> irqwire %d%s%s", what, ret, ret < 0 ? " " : "",
		     ret < 0 ? strerror(err) : "");
	errno = ret < 0 ? err : saved;
	return ret;
}

int divert_irqfd(struct preload_vm *vm, unsigned long req, void *arg)
{
	const struct kvm_irqfd *k = arg;
	bool deassign = k->flags & KVM_IRQFD_FLAG_DEASSIGN;
	struct irqwire_irqfd a = { .fd = k->fd, .gsi = k->gsi };
	int saved = errno, h = vms_handle(vm), ret;
	char what[96];

	if (h < 0)
		return real_ioctl(vm->vm_fd, KVM_IRQFD, arg);
	if (k->flags & ~(KVM_IRQFD_FLAG_DEASSIGN | KVM_IRQFD_FLAG_RESAMPLE)) {
		errno = EINVAL;
		return -1;
	}
	/* KVM's deassign ignores RESAMPLE and resamplefd */
	if (deassign) {
		a.flags = IRQWIRE_IRQFD_FLAG_DEASSIGN;
	} else if (k->flags & KVM_IRQFD_FLAG_RESAMPLE) {
		a.flags = IRQWIRE_IRQFD_FLAG_RESAMPLE;
		a.resamplefd = k->resamplefd;
	}
	ret = real_ioctl(h, IRQWIRE_IRQFD, &a);
	/* KVM: deassigning an unknown pair succeeds; no irqchip is EINVAL */
	if (ret && deassign && errno == ENOENT)
		ret = 0;
	else if (ret && errno == ENXIO)
		errno = EINVAL;
	snprintf(what, sizeof(what), "KVM_IRQFD fd=%u gsi=%u flags=%#x resamplefd=%d",
		 k->fd, k->gsi, k->flags, (int)k->resamplefd);
	return logged(what, ret, saved);
}

int divert_ioeventfd(struct preload_vm *vm, unsigned long req, void *arg)
{
	const struct kvm_ioeventfd *k = arg;
	struct irqwire_ioeventfd a = {
		.addr = k->addr, .len = k->len, .fd = k->fd, .flags = k->flags,
	};
	int saved = errno, h = vms_handle(vm), ret;
	char what[128];

	if (h < 0)
		return real_ioctl(vm->vm_fd, KVM_IOEVENTFD, arg);
	/* KVM ignores datamatch without the flag; irqwire wants it 0 */
	if (k->flags & KVM_IOEVENTFD_FLAG_DATAMATCH)
		a.datamatch = k->datamatch;
	ret = real_ioctl(h, IRQWIRE_IOEVENTFD, &a);
	snprintf(what, sizeof(what),
		 "KVM_IOEVENTFD %s addr=%#llx len=%u datamatch=%#llx flags=%#x fd=%d",
		 k->flags & KVM_IOEVENTFD_FLAG_PIO ? "pio" : "mmio",
		 (unsigned long long)k->addr, k->len,
		 (unsigned long long)a.datamatch, k->flags, k->fd);
	return logged(what, ret, saved);
}

/* irqwire's table now, read back; NULL with errno on failure. */
static struct irqwire_routing *routing_read(int h)
{
	struct irqwire_routing probe = {}, *rt;

	if (!real_ioctl(h, IRQWIRE_GET_GSI_ROUTING, &probe)) {
		rt = calloc(1, sizeof(*rt));	/* an empty table */
		return rt;
	}
	if (errno != E2BIG)
		return NULL;
	rt = calloc(1, sizeof(*rt) + probe.nr * sizeof(rt->entries[0]));
	if (!rt)
		return NULL;
	rt->nr = probe.nr;
	if (real_ioctl(h, IRQWIRE_GET_GSI_ROUTING, rt)) {
		free(rt);
		return NULL;
	}
	return rt;
}

/* A copy of the VMM's table @k; NULL with errno on failure. */
static struct irqwire_routing *routing_copy(const struct kvm_irq_routing *k)
{
	size_t size = sizeof(*k) + (size_t)k->nr * sizeof(k->entries[0]);
	struct irqwire_routing *rt = malloc(size);

	/* same layout: struct irqwire_routing is struct kvm_irq_routing */
	return rt ? memcpy(rt, k, size) : NULL;
}

/*
 * Both tables or neither: irqwire's first (it is the stricter), then
 * KVM's; if KVM refuses, irqwire's old table goes back. The VM's routing
 * lock keeps two such calls from interleaving. The old table is the one
 * kept from the last call; only the first reads it back. A table larger
 * than KVM's limit never reaches the copy: irqwire refuses it first.
 */
int divert_gsi_routing(struct preload_vm *vm, unsigned long req, void *arg)
{
	const struct kvm_irq_routing *k = arg;
	int saved = errno, h = vms_handle(vm), ret, err;
	char what[64];

	if (h < 0)
		return real_ioctl(vm->vm_fd, KVM_SET_GSI_ROUTING, arg);
	snprintf(what, sizeof(what), "KVM_SET_GSI_ROUTING nr=%u", k->nr);
	pthread_mutex_lock(&vm->routing_lock);
	if (!vm->routing)
		vm->routing = routing_read(h);
	if (!vm->routing) {
		err = errno;
		pthread_mutex_unlock(&vm->routing_lock);
		settings_fail("reading irqwire's routing table: %s", strerror(err));
	}
	ret = real_ioctl(h, IRQWIRE_SET_GSI_ROUTING, arg);
	if (!ret) {
		ret = real_ioctl(vm->vm_fd, KVM_SET_GSI_ROUTING, arg);
		err = errno;
		if (ret && real_ioctl(h, IRQWIRE_SET_GSI_ROUTING, vm->routing)) {
			pthread_mutex_unlock(&vm->routing_lock);
			settings_fail("KVM refused a routing table and irqwire's old one could not be restored: %s",
				      strerror(errno));
		}
		/* out of memory for the copy: the next call reads the table back */
		if (!ret) {
			free(vm->routing);
			vm->routing = routing_copy(k);
		}
		errno = err;
		if (ret)
			strcat(what, " (KVM refused)");
	}
	pthread_mutex_unlock(&vm->routing_lock);
	return logged(what, ret, saved);
}

int divert_signal_msi(struct preload_vm *vm, unsigned long req, void *arg)
{
	const struct kvm_msi *k = arg;
	int saved = errno, h = vms_handle(vm), ret;
	char what[96];

	/* a device ID is KVM's business (irqwire refuses one) */
	if (h < 0 || k->flags)
		return real_ioctl(vm->vm_fd, KVM_SIGNAL_MSI, arg);
	/* same layout: struct irqwire_msi is struct kvm_msi */
	ret = real_ioctl(h, IRQWIRE_SIGNAL_MSI, arg);
	snprintf(what, sizeof(what), "KVM_SIGNAL_MSI address=%#x:%#x data=%#x",
		 k->address_hi, k->address_lo, k->data);
	return logged(what, ret, saved);
}

int divert_irq_line(struct preload_vm *vm, unsigned long req, void *arg)
{
	struct kvm_irq_level *k = arg;
	struct irqwire_irq_level l = { .gsi = k->irq, .level = k->level };
	int saved = errno, h = vms_handle(vm), ret;
	char what[64];

	if (h < 0 || k->level > 1)
		return real_ioctl(vm->vm_fd, req, arg);
	ret = real_ioctl(h, IRQWIRE_IRQ_LINE, &l);
	/* KVM's status: >0 delivered, 0 coalesced, -1 no route */
	if (ret < 0 && errno == ENOENT)
		ret = -1;
	else if (ret < 0)
		goto out;
	if (req == KVM_IRQ_LINE_STATUS)
		k->status = ret;
	ret = 0;
out:
	snprintf(what, sizeof(what), "KVM_IRQ_LINE gsi=%u level=%u", l.gsi, l.level);
	return logged(what, ret, saved);
}
