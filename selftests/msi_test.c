// SPDX-License-Identifier: GPL-2.0
/*
 * msi_test: IRQWIRE_SIGNAL_MSI delivers through KVM's APIC path, to the
 * vCPU the message names and to no other, in xAPIC and x2APIC mode.
 */
#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"

#define N_MSI	64
#define VEC	(RX_VEC_BASE + 1)

/* Sends N_MSI MSIs to @vcpu one at a time; the guest must count each. */
static void ping_vcpu(struct __test_metadata *_metadata, int fd,
		      struct kvm_vm *vm, struct kvm_vcpu *vcpu)
{
	int i;

	for (i = 1; i <= N_MSI; i++) {
		ASSERT_EQ(1, __irqwire_signal_msi(fd, vcpu->id, VEC));
		rx_wait(vcpu);
		ASSERT_EQ(i, rx_count(vm, vcpu->id, VEC));
	}
}

/*
 * A receiver VM with @nr vCPUs, bound to @fd. (A FIXTURE would be the
 * harness's way, but the 6.1 harness runs the test body even when
 * FIXTURE_SETUP skips.)
 */
static struct kvm_vm *bound_rx_vm(struct __test_metadata *_metadata, int fd,
				  int nr, bool x2apic, struct kvm_vcpu **vcpus)
{
	struct kvm_vm *vm = rx_create_vm(nr, x2apic, vcpus);

	if (__irqwire_bind(fd, vm->fd)) {
		TH_LOG("IRQWIRE_BIND_VM: %m");
		_metadata->passed = 0;
		kvm_vm_free(vm);
		return NULL;
	}
	return vm;
}

static void one_vcpu(struct __test_metadata *_metadata, bool x2apic)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	vm = bound_rx_vm(_metadata, fd, 1, x2apic, &vcpu);
	ASSERT_NE(NULL, vm);
	ping_vcpu(_metadata, fd, vm, vcpu);
	/* nothing but the vector that was sent */
	ASSERT_EQ(0, rx_count(vm, vcpu->id, RX_VEC_BASE));
	close(fd);
	kvm_vm_free(vm);
}

TEST(xapic_counts_every_msi)
{
	one_vcpu(_metadata, false);
}

TEST(x2apic_counts_every_msi)
{
	one_vcpu(_metadata, true);
}

/* MSIs to vCPU 1 reach vCPU 1 only; vCPU 0 then gets exactly its own. */
static void destination_honoured(struct __test_metadata *_metadata,
				 bool x2apic)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vcpu *vcpus[2];
	struct kvm_vm *vm;

	vm = bound_rx_vm(_metadata, fd, 2, x2apic, vcpus);
	ASSERT_NE(NULL, vm);
	ping_vcpu(_metadata, fd, vm, vcpus[1]);

	ASSERT_FALSE(rx_irr_pending(vcpus[0], VEC));
	ASSERT_EQ(0, rx_count(vm, 0, VEC));
	ASSERT_EQ(1, __irqwire_signal_msi(fd, 0, VEC));
	ASSERT_TRUE(rx_irr_pending(vcpus[0], VEC));
	rx_wait(vcpus[0]);
	ASSERT_EQ(1, rx_count(vm, 0, VEC));
	ASSERT_EQ(N_MSI, rx_count(vm, 1, VEC));
	close(fd);
	kvm_vm_free(vm);
}

TEST(xapic_two_vcpus_destination)
{
	destination_honoured(_metadata, false);
}

TEST(x2apic_two_vcpus_destination)
{
	destination_honoured(_metadata, true);
}

/*
 * x2APIC ids above 255 travel in address_hi once the VM enabled KVM's
 * 32-bit id format; without it the same message names APIC id 300 & 0xff.
 */
TEST(x2apic_32bit_destination)
{
	int fd = irqwire_open(_metadata);
	const uint32_t id = 300;
	struct kvm_vcpu *vcpu;
	struct irqwire_msi m;
	struct kvm_vm *vm;

	vm = vm_create(2);
	rx_vm_setup(vm, true);
	vm_enable_cap(vm, KVM_CAP_X2APIC_API, KVM_X2APIC_API_USE_32BIT_IDS);
	vcpu = rx_add_vcpu(vm, id);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));

	ASSERT_EQ(1, __irqwire_signal_msi(fd, id, VEC));
	rx_wait(vcpu);
	ASSERT_EQ(1, rx_count(vm, id, VEC));

	/* KVM rejects bits 7:0 of address_hi in this format */
	m = irqwire_msi_fixed(id, VEC);
	m.address_hi |= 1;
	ASSERT_EQ(-EINVAL, __irqwire_ioctl(fd, IRQWIRE_SIGNAL_MSI, &m));
	ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	close(fd);
	kvm_vm_free(vm);
}

/*
 * A message nobody accepts is not an error: it returns 0 (KVM_SIGNAL_MSI
 * fails with EPERM here, see Documentation/api.rst).
 */
TEST(no_destination_returns_zero)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	vm = bound_rx_vm(_metadata, fd, 1, true, &vcpu);
	ASSERT_NE(NULL, vm);
	ASSERT_EQ(0, __irqwire_signal_msi(fd, 7, VEC));
	ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	close(fd);
	kvm_vm_free(vm);
}

TEST(unbound_handle_enotconn)
{
	int fd = irqwire_open(_metadata);

	ASSERT_EQ(-ENOTCONN, __irqwire_signal_msi(fd, 0, VEC));
	close(fd);
}

/* Without an in-kernel local APIC there is nothing to deliver to. */
TEST(no_irqchip_enxio)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vm *vm = vm_create_barebones();

	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	ASSERT_EQ(-ENXIO, __irqwire_signal_msi(fd, 0, VEC));
	close(fd);
	kvm_vm_free(vm);
}

IRQWIRE_TEST_HARNESS_MAIN
