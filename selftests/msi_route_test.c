// SPDX-License-Identifier: GPL-2.0
/*
 * msi_route_test: an MSI route on a GSI, driven by IRQWIRE_IRQ_LINE,
 * reaches the guest; re-routing takes effect on the next injection;
 * deleting the route stops delivery.
 */
#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"

#define GSI	40
#define VEC_A	(RX_VEC_BASE + 2)
#define VEC_B	(RX_VEC_BASE + 3)

TEST(route_reroute_delete)
{
	int fd = irqwire_open(_metadata);
	struct irqwire_routing_entry r;
	struct kvm_vcpu *vcpus[2];
	struct kvm_vm *vm;
	int i;

	vm = rx_create_vm(2, true, vcpus);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));

	/* GSI -> vCPU 0, vector A */
	r = irqwire_route_msi(GSI, 0, VEC_A);
	ASSERT_EQ(0, __irqwire_route_set(fd, GSI, &r, 1));
	for (i = 1; i <= 16; i++) {
		ASSERT_EQ(1, __irqwire_irq_line(fd, GSI, 1));
		/* an MSI has no level: deassert delivers nothing */
		ASSERT_EQ(0, __irqwire_irq_line(fd, GSI, 0));
		rx_wait(vcpus[0]);
		ASSERT_EQ(i, rx_count(vm, 0, VEC_A));
	}

	/* re-route: vCPU 1, vector B; the next injection follows it */
	r = irqwire_route_msi(GSI, 1, VEC_B);
	ASSERT_EQ(0, __irqwire_route_set(fd, GSI, &r, 1));
	ASSERT_EQ(1, __irqwire_irq_line(fd, GSI, 1));
	ASSERT_FALSE(rx_irr_pending(vcpus[0], VEC_A));
	ASSERT_FALSE(rx_irr_pending(vcpus[0], VEC_B));
	rx_wait(vcpus[1]);
	ASSERT_EQ(1, rx_count(vm, 1, VEC_B));
	ASSERT_EQ(0, rx_count(vm, 1, VEC_A));

	/* the same through a full replace */
	r = irqwire_route_msi(GSI, 0, VEC_B);
	ASSERT_EQ(0, __irqwire_set_routing(fd, &r, 1));
	ASSERT_EQ(1, __irqwire_irq_line(fd, GSI, 1));
	rx_wait(vcpus[0]);
	ASSERT_EQ(1, rx_count(vm, 0, VEC_B));

	/* deleted: nothing routed, nothing delivered */
	ASSERT_EQ(0, __irqwire_route_del(fd, GSI));
	ASSERT_EQ(-ENOENT, __irqwire_irq_line(fd, GSI, 1));
	ASSERT_FALSE(rx_irr_pending(vcpus[0], VEC_B));
	ASSERT_FALSE(rx_irr_pending(vcpus[1], VEC_B));
	ASSERT_EQ(16, rx_count(vm, 0, VEC_A));

	close(fd);
	kvm_vm_free(vm);
}

IRQWIRE_TEST_HARNESS_MAIN
