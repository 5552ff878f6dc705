// SPDX-License-Identifier: GPL-2.0
/*
 * irqfd_test: IRQWIRE_IRQFD. Signals on an eventfd reach the guest, on the
 * fast path (single MSI route) and the slow path (IOAPIC line); route
 * changes are followed; deassign, eventfd close and handle close detach
 * the irqfd. Rejected inputs: badinput_test.
 */
#include <sys/eventfd.h>

#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "tracefs.h"

#define GSI	60
#define VEC_A	(RX_VEC_BASE + 5)
#define VEC_B	(RX_VEC_BASE + 6)
#define N	32

/* Two receiver vCPUs, a bound handle, GSI routed as MSI to vCPU 0, VEC_A. */
FIXTURE(irqfd) {
	int fd, efd;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpus[2];
};

FIXTURE_SETUP(irqfd)
{
	struct irqwire_routing_entry r = irqwire_route_msi(GSI, 0, VEC_A);

	self->fd = irqwire_open(_metadata);
	self->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	ASSERT_LE(0, self->efd);
	self->vm = rx_create_vm(2, true, self->vcpus);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	ASSERT_EQ(0, __irqwire_route_set(self->fd, GSI, &r, 1));
}

FIXTURE_TEARDOWN(irqfd)
{
	close(self->efd);
	close(self->fd);
	kvm_vm_free(self->vm);
}

static void signal_efd(struct __test_metadata *_metadata, int efd)
{
	ASSERT_EQ(0, eventfd_write(efd, 1));
}

TEST_F(irqfd, fast_path_counts_every_signal)
{
	int i;

	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	for (i = 1; i <= N; i++) {
		signal_efd(_metadata, self->efd);
		/* the wakeup consumed the count before the guest ran */
		ASSERT_EQ(-1, efd_counter(self->efd));
		rx_wait(self->vcpus[0]);
		ASSERT_EQ(i, rx_count(self->vm, 0, VEC_A));
	}
	ASSERT_FALSE(rx_irr_pending(self->vcpus[1], VEC_A));
}

TEST_F(irqfd, signal_before_assign_is_delivered)
{
	signal_efd(_metadata, self->efd);
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	rx_wait(self->vcpus[0]);
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC_A));
}

TEST_F(irqfd, route_changes_are_followed)
{
	struct irqwire_routing_entry r;

	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	signal_efd(_metadata, self->efd);
	rx_wait(self->vcpus[0]);
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC_A));

	r = irqwire_route_msi(GSI, 1, VEC_B);		/* per GSI */
	ASSERT_EQ(0, __irqwire_route_set(self->fd, GSI, &r, 1));
	signal_efd(_metadata, self->efd);
	ASSERT_FALSE(rx_irr_pending(self->vcpus[0], VEC_A));
	rx_wait(self->vcpus[1]);
	ASSERT_EQ(1, rx_count(self->vm, 1, VEC_B));

	r = irqwire_route_msi(GSI, 0, VEC_B);		/* full replace */
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, &r, 1));
	signal_efd(_metadata, self->efd);
	rx_wait(self->vcpus[0]);
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC_B));
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC_A));
}

TEST_F(irqfd, deassign_detaches)
{
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	signal_efd(_metadata, self->efd);
	rx_wait(self->vcpus[0]);

	ASSERT_EQ(-ENOENT, __irqwire_irqfd(self->fd, self->efd, GSI + 1,
					 IRQWIRE_IRQFD_FLAG_DEASSIGN));
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI,
				   IRQWIRE_IRQFD_FLAG_DEASSIGN));
	signal_efd(_metadata, self->efd);
	/* nobody consumed it, nothing was injected */
	ASSERT_EQ(1, efd_counter(self->efd));
	ASSERT_FALSE(rx_irr_pending(self->vcpus[0], VEC_A));
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC_A));
	ASSERT_EQ(-ENOENT, __irqwire_irqfd(self->fd, self->efd, GSI,
					 IRQWIRE_IRQFD_FLAG_DEASSIGN));
	/* and the eventfd can be assigned again */
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	signal_efd(_metadata, self->efd);
	rx_wait(self->vcpus[0]);
	ASSERT_EQ(2, rx_count(self->vm, 0, VEC_A));
}

/* Signals while masked are held; unmask delivers exactly one. */
TEST_F(irqfd, mask_holds_unmask_delivers_once)
{
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI,
				   IRQWIRE_IRQFD_FLAG_MASK));
	signal_efd(_metadata, self->efd);
	signal_efd(_metadata, self->efd);
	signal_efd(_metadata, self->efd);
	ASSERT_EQ(-1, efd_counter(self->efd));	/* still consumed */
	ASSERT_FALSE(rx_irr_pending(self->vcpus[0], VEC_A));

	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI,
				   IRQWIRE_IRQFD_FLAG_UNMASK));
	ASSERT_TRUE(rx_irr_pending(self->vcpus[0], VEC_A));
	rx_wait(self->vcpus[0]);
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC_A));

	/* nothing pending: unmask delivers nothing; unmasked signals flow */
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI,
				   IRQWIRE_IRQFD_FLAG_MASK));
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI,
				   IRQWIRE_IRQFD_FLAG_UNMASK));
	ASSERT_FALSE(rx_irr_pending(self->vcpus[0], VEC_A));
	signal_efd(_metadata, self->efd);
	rx_wait(self->vcpus[0]);
	ASSERT_EQ(2, rx_count(self->vm, 0, VEC_A));

	ASSERT_EQ(-ENOENT, __irqwire_irqfd(self->fd, self->efd, GSI + 1,
					 IRQWIRE_IRQFD_FLAG_MASK));
	ASSERT_EQ(-EINVAL, __irqwire_irqfd(self->fd, self->efd, GSI,
					 IRQWIRE_IRQFD_FLAG_MASK |
					 IRQWIRE_IRQFD_FLAG_UNMASK));
	ASSERT_EQ(-EINVAL, __irqwire_irqfd(self->fd, self->efd, GSI,
					 IRQWIRE_IRQFD_FLAG_MASK |
					 IRQWIRE_IRQFD_FLAG_DEASSIGN));
}

/* Closing the eventfd (EPOLLHUP) detaches and frees the irqfd. */
TEST_F(irqfd, eventfd_close_detaches)
{
	int efd2;

	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	close(self->efd);
	self->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	ASSERT_LE(0, self->efd);
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	efd2 = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, efd2, GSI, 0));
	close(efd2);
	signal_efd(_metadata, self->efd);
	rx_wait(self->vcpus[0]);
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC_A));
}

/* Closing the last handle shuts every irqfd of the VM down. */
TEST_F(irqfd, handle_close_detaches)
{
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	close(self->fd);
	self->fd = irqwire_open(_metadata);
	signal_efd(_metadata, self->efd);
	ASSERT_EQ(1, efd_counter(self->efd));
	ASSERT_FALSE(rx_irr_pending(self->vcpus[0], VEC_A));
}

/*
 * KVM's own irqfd is an exclusive priority waiter too: on these kernels
 * the later one would silently take every event, so irqwire refuses.
 */
TEST_F(irqfd, kvm_irqfd_on_eventfd_ebusy)
{
	struct kvm_irqfd k = { .fd = self->efd, .gsi = 5 };

	vm_ioctl(self->vm, KVM_IRQFD, &k);
	ASSERT_EQ(-EBUSY, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	k.flags = KVM_IRQFD_FLAG_DEASSIGN;
	vm_ioctl(self->vm, KVM_IRQFD, &k);
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
}

static struct irqwire_irqfd_stats stats(struct __test_metadata *_metadata,
				       int fd, int efd, uint32_t gsi)
{
	struct irqwire_irqfd_stats st = { .fd = efd, .gsi = gsi };

	EXPECT_EQ(0, __irqwire_ioctl(fd, IRQWIRE_GET_IRQFD_STATS, &st));
	return st;
}

/* Every signal is accounted to the path it took. */
TEST_F(irqfd, statistics_follow_the_paths)
{
	struct irqwire_irqfd_stats st = { .fd = self->efd, .gsi = GSI };
	int i;

	ASSERT_EQ(-ENOENT, __irqwire_ioctl(self->fd, IRQWIRE_GET_IRQFD_STATS, &st));
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	for (i = 0; i < 3; i++) {
		signal_efd(_metadata, self->efd);
		rx_wait(self->vcpus[0]);
	}
	st = stats(_metadata, self->fd, self->efd, GSI);
	ASSERT_EQ(3, st.signals);
	ASSERT_EQ(3, st.fast);
	ASSERT_EQ(0, st.slow + st.held + st.dropped + st.flags);

	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, IRQWIRE_IRQFD_FLAG_MASK));
	signal_efd(_metadata, self->efd);
	signal_efd(_metadata, self->efd);
	st = stats(_metadata, self->fd, self->efd, GSI);
	ASSERT_EQ(5, st.signals);
	ASSERT_EQ(2, st.held);
	ASSERT_EQ(3, st.fast);
	ASSERT_EQ(IRQWIRE_IRQFD_STATS_MASKED, st.flags);
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, IRQWIRE_IRQFD_FLAG_UNMASK));
	rx_wait(self->vcpus[0]);
	st = stats(_metadata, self->fd, self->efd, GSI);
	ASSERT_EQ(4, st.fast);		/* one for both held signals */
	ASSERT_EQ(0, st.flags);

	/* no route left: the slow path pulses the (unrouted) GSI */
	ASSERT_EQ(0, __irqwire_route_del(self->fd, GSI));
	signal_efd(_metadata, self->efd);
	for (i = 0; i < 1000 && !st.slow; i++) {	/* the work item is async */
		usleep(1000);
		st = stats(_metadata, self->fd, self->efd, GSI);
	}
	ASSERT_EQ(1, st.slow);
	ASSERT_EQ(6, st.signals);
	ASSERT_EQ(4, rx_count(self->vm, 0, VEC_A));

	st.flags = 1;
	ASSERT_EQ(-EINVAL, __irqwire_ioctl(self->fd, IRQWIRE_GET_IRQFD_STATS, &st));
	st.flags = 0;
	st.fd = -1;
	ASSERT_EQ(-EBADF, __irqwire_ioctl(self->fd, IRQWIRE_GET_IRQFD_STATS, &st));
}

/* The irqwire tracepoints say which path each interrupt took. */
TEST_F(irqfd, tracepoints_name_the_path)
{
	char want[64];

	if (!tracefs())
		SKIP(return, "tracefs with irqwire events not mounted");
	ASSERT_EQ(0, tracefs_write("events/irqwire/enable", "1"));
	ASSERT_EQ(0, tracefs_write("trace", ""));

	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI, 0));
	signal_efd(_metadata, self->efd);
	rx_wait(self->vcpus[0]);
	ASSERT_EQ(1, __irqwire_signal_msi(self->fd, 1, VEC_B));
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, GSI,
				   IRQWIRE_IRQFD_FLAG_DEASSIGN));
	ASSERT_EQ(-ENOENT, __irqwire_irq_line(self->fd, GSI + 1, 1));
	ASSERT_EQ(0, tracefs_write("events/irqwire/enable", "0"));

	snprintf(want, sizeof(want), "gsi=%d count=1 masked=0", GSI);
	EXPECT_TRUE(trace_has("irqwire_irqfd_wakeup:", want, "vm="));
	snprintf(want, sizeof(want), "gsi=%d path=irqfd_fast dest=0 vector=%d", GSI, VEC_A);
	EXPECT_TRUE(trace_has("irqwire_inject:", want, "result=1"));
	snprintf(want, sizeof(want), "path=signal_msi dest=1 vector=%d", VEC_B);
	EXPECT_TRUE(trace_has("irqwire_inject:", "gsi=-1", want));
	snprintf(want, sizeof(want), "gsi=%d path=irq_line", GSI + 1);
	EXPECT_TRUE(trace_has("irqwire_inject:", want, "result=-2"));
	snprintf(want, sizeof(want), "gsi=%d", GSI);
	EXPECT_TRUE(trace_has("irqwire_irqfd_shutdown:", want, "vm="));
}

/* Without a single-MSI route the signal is an edge on the GSI (IOAPIC). */
TEST(slow_path_ioapic_line)
{
	struct irqwire_routing_entry r =
		irqwire_route_irqchip(5, IRQWIRE_IRQCHIP_IOAPIC, 5);
	int fd = irqwire_open(_metadata);
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	int i;

	vm = vm_create(1);
	rx_vm_setup(vm, true);
	rx_vm_ioapic_entry(vm, 5, VEC_A, 0);
	vcpu = rx_add_vcpu(vm, 0);
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	ASSERT_EQ(0, __irqwire_route_set(fd, 5, &r, 1));
	ASSERT_EQ(0, __irqwire_irqfd(fd, efd, 5, 0));
	for (i = 1; i <= N; i++) {
		ASSERT_EQ(0, eventfd_write(efd, 1));
		rx_wait(vcpu);
		ASSERT_EQ(i, rx_count(vm, 0, VEC_A));
	}
	close(efd);
	close(fd);
	kvm_vm_free(vm);
}

TEST(unbound_and_no_irqchip)
{
	int fd = irqwire_open(_metadata);
	int efd = eventfd(0, EFD_CLOEXEC);
	struct kvm_vm *vm = vm_create_barebones();

	ASSERT_EQ(-ENOTCONN, __irqwire_irqfd(fd, efd, 1, 0));
	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	ASSERT_EQ(-ENXIO, __irqwire_irqfd(fd, efd, 1, 0));
	close(efd);
	close(fd);
	kvm_vm_free(vm);
}

IRQWIRE_TEST_HARNESS_MAIN
