// SPDX-License-Identifier: GPL-2.0
/*
 * Shared by "irqwire demo" and "irqwire bench": see paths.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include "guest_rx.h"
#include "irqwire_test.h"
#include "paths.h"

double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int signal_kvm_msi(struct kvm_vm *vm, uint32_t dest, uint8_t vector)
{
	struct irqwire_msi m = irqwire_msi_fixed(dest, vector);
	struct kvm_msi msi = {
		.address_lo = m.address_lo,
		.address_hi = m.address_hi,
		.data = m.data,
	};

	return __vm_ioctl(vm, KVM_SIGNAL_MSI, &msi);
}

struct kvm_vm *pingpong_vm(int fd, struct relay *r, uint32_t rounds,
			   uint8_t vector, bool x2apic, struct kvm_vcpu **vcpu)
{
	struct irqwire_routing_entry route =
		irqwire_route_msi(PINGPONG_GSI, 0, vector);
	struct kvm_ioeventfd kdb = { .addr = PINGPONG_DOORBELL, .len = 4 };
	struct kvm_irqfd kfd = { .gsi = PINGPONG_GSI };
	struct kvm_vm *vm;
	int err;

	r->rounds = rounds;
	r->doorbell = eventfd(0, EFD_CLOEXEC);
	r->irq = eventfd(0, EFD_CLOEXEC);
	vm = vm_create(1);
	rx_vm_setup(vm, x2apic);
	rx_vm_pingpong(vm, PINGPONG_DOORBELL, rounds);
	*vcpu = rx_add_vcpu(vm, 0);
	if (fd >= 0) {
		err = __irqwire_bind(fd, vm->fd) ||
		      __irqwire_route_set(fd, PINGPONG_GSI, &route, 1) ||
		      __irqwire_irqfd(fd, r->irq, PINGPONG_GSI, 0) ||
		      __irqwire_ioeventfd(fd, r->doorbell, PINGPONG_DOORBELL, 4, 0, 0);
	} else {
		kfd.fd = r->irq;
		kdb.fd = r->doorbell;
		err = __irqwire_set_kvm_routing(vm, &route, 1) ||
		      __vm_ioctl(vm, KVM_IRQFD, &kfd) ||
		      __vm_ioctl(vm, KVM_IOEVENTFD, &kdb);
	}
	if (err) {
		err = errno;
		kvm_vm_free(vm);
		errno = err;
		return NULL;
	}
	return vm;
}

void pingpong_vm_free(struct kvm_vm *vm, struct relay *r, int fd)
{
	close(r->doorbell);
	close(r->irq);
	if (fd >= 0)
		close(fd);
	kvm_vm_free(vm);
}

double pingpong_run(struct kvm_vcpu *vcpu, struct relay *r)
{
	double t0 = now();

	if (relay_start(r))
		return -1;
	/* the guest syncs once after its last round; any exit fails here */
	rx_wait(vcpu);
	relay_join(r);
	return now() - t0;
}
