// SPDX-License-Identifier: GPL-2.0
/*
 * resample_test: IRQWIRE_IRQFD_FLAG_RESAMPLE. A signal asserts a
 * level-triggered IOAPIC line; the guest's EOI deasserts it and signals
 * the resamplefd, so the interrupt is delivered once per signal instead of
 * after every EOI. Rejected resampling assigns fail with their errno and
 * assign nothing; deassign stops the resampler and leaves the line low.
 */
#include <sys/eventfd.h>

#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"

#define PIN		10
#define GSI		50	/* irqwire's GSI; KVM's default maps pin 10 to 10 */
#define VEC		(RX_VEC_BASE + 2)
#define RTE_LEVEL	(1u << 15)
#define ROUNDS		8

FIXTURE(resample) {
	int fd, efd, rfd;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

/* IOAPIC pin PIN level-triggered to VEC on vCPU 0; GSI routed to it. */
FIXTURE_SETUP(resample)
{
	struct irqwire_routing_entry r =
		irqwire_route_irqchip(GSI, IRQWIRE_IRQCHIP_IOAPIC, PIN);

	self->fd = irqwire_open(_metadata);
	self->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	self->rfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	ASSERT_LE(0, self->efd);
	ASSERT_LE(0, self->rfd);
	self->vm = vm_create(1);
	rx_vm_setup(self->vm, true);
	rx_vm_ioapic_entry(self->vm, PIN, VEC | RTE_LEVEL, 0);
	self->vcpu = rx_add_vcpu(self->vm, 0);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	ASSERT_EQ(0, __irqwire_route_set(self->fd, GSI, &r, 1));
}

FIXTURE_TEARDOWN(resample)
{
	close(self->fd);
	close(self->efd);
	close(self->rfd);
	kvm_vm_free(self->vm);
}

static void get_stats(struct __test_metadata *_metadata, int fd, int efd,
		      struct irqwire_irqfd_stats *st)
{
	*st = (struct irqwire_irqfd_stats){ .fd = efd, .gsi = GSI };
	ASSERT_EQ(0, __irqwire_ioctl(fd, IRQWIRE_GET_IRQFD_STATS, st));
}

TEST_F(resample, eoi_deasserts_and_signals_resamplefd)
{
	struct irqwire_irqfd_stats st;
	int i;

	ASSERT_EQ(0, __irqwire_irqfd_resample(self->fd, self->efd, GSI, self->rfd));
	for (i = 1; i <= ROUNDS; i++) {
		ASSERT_EQ(0, eventfd_write(self->efd, 1));
		rx_wait(self->vcpu);
		/* the handler's EOI ran the resampler before the guest synced */
		ASSERT_EQ(1, efd_counter(self->rfd));
		ASSERT_FALSE(rx_ioapic_line_high(self->vm, PIN));
		/* one interrupt per signal: without the deassert, every EOI
		 * of a still-high level line would deliver another one */
		ASSERT_EQ(i, rx_count(self->vm, 0, VEC));
	}
	get_stats(_metadata, self->fd, self->efd, &st);
	EXPECT_EQ(ROUNDS, st.signals);
	EXPECT_EQ(ROUNDS, st.slow);
	EXPECT_EQ(ROUNDS, st.resampled);

	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI,
				   IRQWIRE_IRQFD_FLAG_DEASSIGN));
	ASSERT_EQ(0, eventfd_write(self->efd, 1));
	ASSERT_EQ(1, efd_counter(self->efd));	/* nobody consumes it now */
	ASSERT_FALSE(rx_ioapic_line_high(self->vm, PIN));
}

/* Assigns the resampling irqfd, signals it, waits for the line to rise. */
static void assert_line(struct __test_metadata *_metadata,
			FIXTURE_DATA(resample) *self)
{
	ASSERT_EQ(0, __irqwire_irqfd_resample(self->fd, self->efd, GSI, self->rfd));
	ASSERT_EQ(0, eventfd_write(self->efd, 1));
	/* the slow path runs on a workqueue */
	while (!rx_ioapic_line_high(self->vm, PIN))
		usleep(1000);
}

/* Held while nobody EOIs: the line stays high until the guest acks. */
TEST_F(resample, line_held_until_eoi)
{
	assert_line(_metadata, self);
	ASSERT_EQ(-1, efd_counter(self->rfd));
	rx_wait(self->vcpu);
	ASSERT_EQ(1, efd_counter(self->rfd));
	ASSERT_FALSE(rx_ioapic_line_high(self->vm, PIN));
}

/* Closing the handle with the line high stops the resampler and drops it. */
TEST_F(resample, handle_close_deasserts)
{
	assert_line(_metadata, self);
	close(self->fd);
	self->fd = -1;
	ASSERT_FALSE(rx_ioapic_line_high(self->vm, PIN));
}

/* Resampling needs KVM's PIC/IOAPIC: a split irqchip has neither. */
TEST(split_irqchip_enxio)
{
	int fd = irqwire_open(_metadata);
	int efd = eventfd(0, EFD_CLOEXEC), rfd = eventfd(0, EFD_CLOEXEC);
	struct kvm_vm *vm = vm_create_barebones();

	vm_enable_cap(vm, KVM_CAP_SPLIT_IRQCHIP, 24);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	EXPECT_EQ(-ENXIO, __irqwire_irqfd_resample(fd, efd, GSI, rfd));
	close(efd);
	close(rfd);
	close(fd);
	kvm_vm_free(vm);
}

IRQWIRE_TEST_HARNESS_MAIN
