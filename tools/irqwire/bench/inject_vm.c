// SPDX-License-Identifier: GPL-2.0
/*
 * The injection VM (inject_vm.h): one vCPU with a KVM and an irqwire MSI
 * irqfd and an IOAPIC line, and round trips through each path, shared by
 * the inject case and the stage breakdown.
 */
#include <errno.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "cmd.h"
#include "inject_vm.h"
#include "paths.h"


const struct inject_name inject_names[INJ_NR] = {
	[INJ_KVM_IRQFD] = { "kvm_irqfd" },
	[INJ_IRQWIRE_IRQFD] = { "irqwire_irqfd", "kvm_irqfd" },
	[INJ_KVM_MSI] = { "kvm_signal_msi" },
	[INJ_IRQWIRE_MSI] = { "irqwire_signal_msi", "kvm_signal_msi" },
	[INJ_KVM_LINE] = { "kvm_irq_line" },
	[INJ_IRQWIRE_LINE] = { "irqwire_irq_line", "kvm_irq_line" },
};

int inject_vm_create(struct inject_vm *v, bool x2apic)
{
	struct irqwire_routing_entry kvm_rt[2] = {
		irqwire_route_irqchip(LINE_PIN, IRQWIRE_IRQCHIP_IOAPIC, LINE_PIN),
		irqwire_route_msi(GSI_KVM, 0, VEC_KVM),
	};
	struct irqwire_routing_entry iw_rt[2] = {
		irqwire_route_irqchip(LINE_PIN, IRQWIRE_IRQCHIP_IOAPIC, LINE_PIN),
		irqwire_route_msi(GSI_IRQWIRE, 0, VEC_IRQWIRE),
	};
	struct kvm_irqfd kfd = { .gsi = GSI_KVM };

	v->fd = irqwire_dev_open("irqwire");
	if (v->fd < 0)
		return -1;
	v->vm = vm_create(1);
	rx_vm_setup(v->vm, x2apic);
	rx_vm_ioapic_entry(v->vm, LINE_PIN, VEC_LINE, 0);
	v->vcpu = rx_add_vcpu(v->vm, 0);
	v->kvm_efd = eventfd(0, EFD_CLOEXEC);
	v->iw_efd = eventfd(0, EFD_CLOEXEC);
	kfd.fd = v->kvm_efd;
	return __irqwire_bind(v->fd, v->vm->fd) ||
	       __irqwire_set_kvm_routing(v->vm, kvm_rt, 2) ||
	       __vm_ioctl(v->vm, KVM_IRQFD, &kfd) ||
	       __irqwire_set_routing(v->fd, iw_rt, 2) ||
	       __irqwire_irqfd(v->fd, v->iw_efd, GSI_IRQWIRE, 0);
}

void inject_vm_free(struct inject_vm *v)
{
	close(v->fd);
	close(v->kvm_efd);
	close(v->iw_efd);
	kvm_vm_free(v->vm);
}

static int inject_one(struct inject_vm *v, enum inject_kind k)
{
	switch (k) {
	case INJ_KVM_IRQFD:
		return eventfd_write(v->kvm_efd, 1);
	case INJ_IRQWIRE_IRQFD:
		return eventfd_write(v->iw_efd, 1);
	case INJ_KVM_MSI:
		return signal_kvm_msi(v->vm, 0, VEC_KVM) == 1 ? 0 : -1;
	case INJ_IRQWIRE_MSI:
		return __irqwire_signal_msi(v->fd, 0, VEC_IRQWIRE) == 1 ? 0 : -1;
	case INJ_KVM_LINE:	/* an edge: assert and deassert, as QEMU does */
		kvm_irq_line(v->vm, LINE_PIN, 1);	/* asserts success */
		kvm_irq_line(v->vm, LINE_PIN, 0);
		return 0;
	case INJ_IRQWIRE_LINE:
		return __irqwire_irq_line(v->fd, LINE_PIN, 1) < 0 ||
		       __irqwire_irq_line(v->fd, LINE_PIN, 0) < 0 ? -1 : 0;
	}
	return -1;
}

int inject_interleaved(struct inject_vm *v, enum inject_kind first,
		       enum inject_kind last, int n, double *seconds,
		       const char *comm)
{
	char name[32];
	enum inject_kind k;
	double t0;
	int i;

	for (k = first; k <= last; k++)
		seconds[k] = 0;
	for (i = 0; i < n; i++) {
		for (k = first; k <= last; k++) {
			if (comm) {
				snprintf(name, sizeof(name), "%s%d", comm, k);
				prctl(PR_SET_NAME, name);
			}
			t0 = now();
			if (inject_one(v, k)) {
				fprintf(stderr, "irqwire bench: %s failed\n",
					inject_names[k].name);
				return -1;
			}
			rx_wait(v->vcpu);
			seconds[k] += now() - t0;
		}
	}
	return 0;
}
