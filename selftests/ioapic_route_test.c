// SPDX-License-Identifier: GPL-2.0
/*
 * ioapic_route_test: IRQCHIP routes drive KVM's in-kernel IOAPIC and PIC.
 * The guest programs an IOAPIC redirection entry itself; IRQWIRE_IRQ_LINE
 * pulses then deliver exactly once per pulse (edge), not at all (masked),
 * or again after every EOI while the line stays asserted (level).
 */
#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"

#define PIN		5
#define GSI		PIN
#define VEC		(RX_VEC_BASE + 4)
#define RTE_LEVEL	(1u << 15)
#define RTE_MASKED	(1u << 16)

/*
 * A one-vCPU guest whose IOAPIC pin PIN sends VEC to APIC id 0, and GSI
 * routed to that IOAPIC pin only (KVM's default also routes it to the
 * PIC, whose ExtINT output the guest does not handle).
 */
static struct kvm_vm *ioapic_vm(struct __test_metadata *_metadata, int fd,
				uint32_t rte_flags, struct kvm_vcpu **vcpu)
{
	struct irqwire_routing_entry r =
		irqwire_route_irqchip(GSI, IRQWIRE_IRQCHIP_IOAPIC, PIN);
	struct kvm_vm *vm = vm_create(1);

	rx_vm_setup(vm, true);
	rx_vm_ioapic_entry(vm, PIN, VEC | rte_flags, 0);
	*vcpu = rx_add_vcpu(vm, 0);
	if (irqwire_bind(fd, vm->fd) || irqwire_route_set(fd, GSI, &r, 1)) {
		TH_LOG("bind or route: %m");
		_metadata->passed = 0;
	}
	return vm;
}

TEST(edge_once_per_pulse)
{
	int fd = irqwire_open_or_skip(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = ioapic_vm(_metadata, fd, 0, &vcpu);
	int i;

	ASSERT_TRUE(_metadata->passed);
	for (i = 1; i <= 16; i++) {
		ASSERT_LT(0, irqwire_irq_line(fd, GSI, 1));
		ASSERT_LT(0, irqwire_irq_line(fd, GSI, 0));
		rx_wait(vcpu);
		ASSERT_EQ(i, rx_count(vm, 0, VEC));
		ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	}
	/* asserting an asserted edge line is no new edge */
	ASSERT_LT(0, irqwire_irq_line(fd, GSI, 1));
	rx_wait(vcpu);
	ASSERT_EQ(0, irqwire_irq_line(fd, GSI, 1));
	ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	ASSERT_EQ(17, rx_count(vm, 0, VEC));
	close(fd);
	kvm_vm_free(vm);
}

TEST(masked_entry_delivers_nothing)
{
	int fd = irqwire_open_or_skip(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = ioapic_vm(_metadata, fd, RTE_MASKED, &vcpu);

	ASSERT_TRUE(_metadata->passed);
	ASSERT_EQ(0, irqwire_irq_line(fd, GSI, 1));
	ASSERT_LT(0, irqwire_irq_line(fd, GSI, 0));
	ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	ASSERT_EQ(0, rx_count(vm, 0, VEC));
	close(fd);
	kvm_vm_free(vm);
}

/*
 * Observed with KVM's IOAPIC: a level-triggered entry is delivered on
 * assert, delivered again after each EOI while the line stays asserted,
 * and no more once it is deasserted.
 */
TEST(level_redelivers_until_deassert)
{
	int fd = irqwire_open_or_skip(_metadata);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = ioapic_vm(_metadata, fd, RTE_LEVEL, &vcpu);
	uint32_t n;

	ASSERT_TRUE(_metadata->passed);
	ASSERT_LT(0, irqwire_irq_line(fd, GSI, 1));
	rx_wait(vcpu);
	n = rx_count(vm, 0, VEC);
	ASSERT_LE(1, n);
	rx_wait(vcpu);				/* EOI re-delivered it */
	ASSERT_LT(n, rx_count(vm, 0, VEC));

	ASSERT_LT(0, irqwire_irq_line(fd, GSI, 0));
	if (rx_irr_pending(vcpu, VEC))		/* one already in flight */
		rx_wait(vcpu);
	ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	n = rx_count(vm, 0, VEC);
	/* a new assert after deassert is delivered again, once more */
	ASSERT_LT(0, irqwire_irq_line(fd, GSI, 1));
	ASSERT_LT(0, irqwire_irq_line(fd, GSI, 0));
	rx_wait(vcpu);
	ASSERT_LT(n, rx_count(vm, 0, VEC));
	close(fd);
	kvm_vm_free(vm);
}

/*
 * One device line fans out to both controllers: with KVM's default
 * routing, asserting GSI 3 raises PIC master pin 3 and IOAPIC pin 3.
 */
TEST(default_route_fans_out_to_pic_and_ioapic)
{
	int fd = irqwire_open_or_skip(_metadata);
	struct kvm_vm *vm = vm_create_barebones();
	struct kvm_irqchip pic = { .chip_id = KVM_IRQCHIP_PIC_MASTER };
	struct kvm_irqchip ioapic = { .chip_id = KVM_IRQCHIP_IOAPIC };

	vm_create_irqchip(vm);
	ASSERT_EQ(0, irqwire_bind(fd, vm->fd));
	ASSERT_LT(0, irqwire_irq_line(fd, 3, 1));
	vm_ioctl(vm, KVM_GET_IRQCHIP, &pic);
	vm_ioctl(vm, KVM_GET_IRQCHIP, &ioapic);
	ASSERT_TRUE(pic.chip.pic.irr & (1 << 3));
	ASSERT_TRUE(ioapic.chip.ioapic.irr & (1 << 3));

	ASSERT_LT(0, irqwire_irq_line(fd, 3, 0));
	vm_ioctl(vm, KVM_GET_IRQCHIP, &ioapic);
	ASSERT_FALSE(ioapic.chip.ioapic.irr & (1 << 3));
	close(fd);
	kvm_vm_free(vm);
}

TEST_HARNESS_MAIN
