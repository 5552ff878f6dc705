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
 * A one-vCPU guest that programs IOAPIC pin PIN to send VEC to APIC id 0
 * (with the variant's trigger/mask bits), bound, and GSI routed to that
 * IOAPIC pin only: KVM's default also routes it to the PIC, whose ExtINT
 * output this guest does not handle.
 */
FIXTURE(ioapic) {
	int fd;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_VARIANT(ioapic) {
	uint32_t rte_flags;
};

FIXTURE_VARIANT_ADD(ioapic, edge) { .rte_flags = 0 };
FIXTURE_VARIANT_ADD(ioapic, masked) { .rte_flags = RTE_MASKED };
FIXTURE_VARIANT_ADD(ioapic, level) { .rte_flags = RTE_LEVEL };

FIXTURE_SETUP(ioapic)
{
	struct irqwire_routing_entry r =
		irqwire_route_irqchip(GSI, IRQWIRE_IRQCHIP_IOAPIC, PIN);

	self->fd = irqwire_open(_metadata);
	self->vm = vm_create(1);
	rx_vm_setup(self->vm, true);
	rx_vm_ioapic_entry(self->vm, PIN, VEC | variant->rte_flags, 0);
	self->vcpu = rx_add_vcpu(self->vm, 0);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	ASSERT_EQ(0, __irqwire_route_set(self->fd, GSI, &r, 1));
}

FIXTURE_TEARDOWN(ioapic)
{
	close(self->fd);
	kvm_vm_free(self->vm);
}

/* Edge: exactly one interrupt per 0 -> 1 transition. */
static void edge(struct __test_metadata *_metadata, int fd, struct kvm_vm *vm,
		 struct kvm_vcpu *vcpu)
{
	int i;

	for (i = 1; i <= 16; i++) {
		ASSERT_LT(0, __irqwire_irq_line(fd, GSI, 1));
		ASSERT_LT(0, __irqwire_irq_line(fd, GSI, 0));
		rx_wait(vcpu);
		ASSERT_EQ(i, rx_count(vm, 0, VEC));
		ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	}
	/* asserting an asserted edge line is no new edge */
	ASSERT_LT(0, __irqwire_irq_line(fd, GSI, 1));
	rx_wait(vcpu);
	ASSERT_EQ(0, __irqwire_irq_line(fd, GSI, 1));
	ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	ASSERT_EQ(17, rx_count(vm, 0, VEC));
}

/* Masked: the IOAPIC reports the assert as not delivered, and is right. */
static void masked(struct __test_metadata *_metadata, int fd,
		   struct kvm_vm *vm, struct kvm_vcpu *vcpu)
{
	ASSERT_EQ(0, __irqwire_irq_line(fd, GSI, 1));
	ASSERT_LT(0, __irqwire_irq_line(fd, GSI, 0));
	ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	ASSERT_EQ(0, rx_count(vm, 0, VEC));
}

/*
 * Level, as observed with KVM's IOAPIC: delivered on assert, delivered
 * again after each EOI while the line stays asserted, no more once it is
 * deasserted, and again on the next assert.
 */
static void level(struct __test_metadata *_metadata, int fd,
		  struct kvm_vm *vm, struct kvm_vcpu *vcpu)
{
	uint32_t n;

	ASSERT_LT(0, __irqwire_irq_line(fd, GSI, 1));
	rx_wait(vcpu);
	n = rx_count(vm, 0, VEC);
	ASSERT_LE(1, n);
	rx_wait(vcpu);				/* EOI re-delivered it */
	ASSERT_LT(n, rx_count(vm, 0, VEC));

	ASSERT_LT(0, __irqwire_irq_line(fd, GSI, 0));
	if (rx_irr_pending(vcpu, VEC))		/* one already in flight */
		rx_wait(vcpu);
	ASSERT_FALSE(rx_irr_pending(vcpu, VEC));
	n = rx_count(vm, 0, VEC);
	ASSERT_LT(0, __irqwire_irq_line(fd, GSI, 1));
	ASSERT_LT(0, __irqwire_irq_line(fd, GSI, 0));
	rx_wait(vcpu);
	ASSERT_LT(n, rx_count(vm, 0, VEC));
}

TEST_F(ioapic, irq_line_pulses)
{
	if (variant->rte_flags & RTE_MASKED)
		masked(_metadata, self->fd, self->vm, self->vcpu);
	else if (variant->rte_flags & RTE_LEVEL)
		level(_metadata, self->fd, self->vm, self->vcpu);
	else
		edge(_metadata, self->fd, self->vm, self->vcpu);
}

/*
 * One device line fans out to both controllers: with KVM's default
 * routing, asserting GSI 3 raises PIC master pin 3 and IOAPIC pin 3.
 */
TEST(default_route_fans_out_to_pic_and_ioapic)
{
	int fd = irqwire_open(_metadata);
	struct kvm_vm *vm = vm_create_barebones();
	struct kvm_irqchip pic = { .chip_id = KVM_IRQCHIP_PIC_MASTER };

	vm_create_irqchip(vm);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	ASSERT_LT(0, __irqwire_irq_line(fd, 3, 1));
	vm_ioctl(vm, KVM_GET_IRQCHIP, &pic);
	ASSERT_TRUE(pic.chip.pic.irr & (1 << 3));
	ASSERT_TRUE(rx_ioapic_line_high(vm, 3));

	ASSERT_LT(0, __irqwire_irq_line(fd, 3, 0));
	ASSERT_FALSE(rx_ioapic_line_high(vm, 3));
	close(fd);
	kvm_vm_free(vm);
}

IRQWIRE_TEST_HARNESS_MAIN
