// SPDX-License-Identifier: GPL-2.0
/*
 * irqfd_lifetime_test: an irqfd torn down while a host thread keeps
 * signalling it, many times over, on the fast path (MSI route) and the
 * slow path (IOAPIC route, work items in flight): deassign, closing the
 * eventfd (EPOLLHUP), closing the handle, closing the VM fd before the
 * handle. Afterwards the eventfd is no longer consumed, no irqwire VM of
 * this process is left in debugfs and the module's reference count is
 * back to zero; the VM lane fails on any kernel splat and unloads the
 * module after the run.
 */
#include <pthread.h>
#include <sys/eventfd.h>

#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "leak_check.h"

#define GSI	5
#define PIN	5
#define VEC	(RX_VEC_BASE + 1)
#define ITER	200
#define ITER_VM	20	/* each creates a VM: slow under TCG */

struct signaller {
	int efd;
	volatile bool stop;
	pthread_t thread;
	unsigned long sent;
};

/* Host thread: signals until told to stop or the eventfd is gone. */
static void *signal_main(void *arg)
{
	struct signaller *s = arg;

	while (!s->stop && !eventfd_write(s->efd, 1))
		s->sent++;
	return NULL;
}

/* Starts signalling @efd; the thread waits for a first signal to land. */
static void signaller_start(struct __test_metadata *_metadata,
			    struct signaller *s, int efd)
{
	s->efd = efd;
	s->stop = false;
	s->sent = 0;
	ASSERT_EQ(0, pthread_create(&s->thread, NULL, signal_main, s));
	while (!READ_ONCE(s->sent))
		sched_yield();
}

static void signaller_stop(struct __test_metadata *_metadata,
			   struct signaller *s)
{
	s->stop = true;
	ASSERT_EQ(0, pthread_join(s->thread, NULL));
}

/* After teardown the eventfd is an eventfd again: signals stay in it. */
static void assert_not_consumed(struct __test_metadata *_metadata, int efd)
{
	efd_counter(efd);
	ASSERT_EQ(0, eventfd_write(efd, 1));
	ASSERT_EQ(1, efd_counter(efd));
}

FIXTURE(lifetime) {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	struct signaller s;
};

FIXTURE_VARIANT(lifetime) {
	bool msi;	/* fast path; else the IOAPIC line, slow path */
};

FIXTURE_VARIANT_ADD(lifetime, fast_path) { .msi = true };
FIXTURE_VARIANT_ADD(lifetime, slow_path) { .msi = false };

static struct kvm_vm *lifetime_vm(struct kvm_vcpu **vcpu)
{
	struct kvm_vm *vm = vm_create(1);

	rx_vm_setup(vm, true);
	rx_vm_ioapic_entry(vm, PIN, VEC, 0);
	*vcpu = rx_add_vcpu(vm, 0);
	return vm;
}

FIXTURE_SETUP(lifetime)
{
	self->vm = lifetime_vm(&self->vcpu);
}

FIXTURE_TEARDOWN(lifetime)
{
	kvm_vm_free(self->vm);
	assert_nothing_left(_metadata);
}

/* A handle bound to @vm with GSI routed as the variant says. */
static int bound_handle(struct __test_metadata *_metadata, struct kvm_vm *vm,
			bool msi)
{
	struct irqwire_routing_entry r = msi ?
		irqwire_route_msi(GSI, 0, VEC) :
		irqwire_route_irqchip(GSI, IRQWIRE_IRQCHIP_IOAPIC, PIN);
	int fd = irqwire_open(_metadata);

	ASSERT_EQ(0, __irqwire_bind(fd, vm->fd));
	ASSERT_EQ(0, __irqwire_route_set(fd, GSI, &r, 1));
	return fd;
}

static int new_efd(struct __test_metadata *_metadata)
{
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

	ASSERT_LE(0, efd);
	return efd;
}

TEST_F(lifetime, deassign_while_signalling)
{
	int fd = bound_handle(_metadata, self->vm, variant->msi);
	int i, efd;

	for (i = 0; i < ITER; i++) {
		efd = new_efd(_metadata);
		ASSERT_EQ(0, __irqwire_irqfd(fd, efd, GSI, 0));
		signaller_start(_metadata, &self->s, efd);
		ASSERT_EQ(0, __irqwire_irqfd(fd, efd, GSI,
					   IRQWIRE_IRQFD_FLAG_DEASSIGN));
		signaller_stop(_metadata, &self->s);
		assert_not_consumed(_metadata, efd);
		close(efd);
	}
	close(fd);
}

/* The signaller holds the last reference: its close is the EPOLLHUP. */
static void *signal_then_close(void *arg)
{
	struct signaller *s = arg;
	int i;

	for (i = 0; i < 1000; i++)
		if (!eventfd_write(s->efd, 1))
			s->sent++;
	close(s->efd);
	return NULL;
}

TEST_F(lifetime, eventfd_close_while_signalling)
{
	int fd = bound_handle(_metadata, self->vm, variant->msi);
	struct irqwire_irqfd_stats st = { .gsi = GSI };
	int i, efd;

	for (i = 0; i < ITER; i++) {
		efd = new_efd(_metadata);
		ASSERT_EQ(0, __irqwire_irqfd(fd, efd, GSI, 0));
		self->s.efd = dup(efd);
		ASSERT_LE(0, self->s.efd);
		close(efd);
		ASSERT_EQ(0, pthread_create(&self->s.thread, NULL,
					    signal_then_close, &self->s));
		ASSERT_EQ(0, pthread_join(self->s.thread, NULL));
	}
	/* every irqfd detached itself: a new eventfd on that fd number is unknown */
	st.fd = new_efd(_metadata);
	EXPECT_EQ(-ENOENT, __irqwire_ioctl(fd, IRQWIRE_GET_IRQFD_STATS, &st));
	close(st.fd);
	close(fd);
}

TEST_F(lifetime, handle_close_while_signalling)
{
	int i, fd, efd;

	for (i = 0; i < ITER; i++) {
		fd = bound_handle(_metadata, self->vm, variant->msi);
		efd = new_efd(_metadata);
		ASSERT_EQ(0, __irqwire_irqfd(fd, efd, GSI, 0));
		signaller_start(_metadata, &self->s, efd);
		close(fd);
		signaller_stop(_metadata, &self->s);
		assert_not_consumed(_metadata, efd);
		close(efd);
	}
}

/* The handle keeps the VM alive; closing it last tears everything down. */
TEST_F(lifetime, vm_closed_before_handle_while_signalling)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	int i, fd, efd;

	for (i = 0; i < ITER_VM; i++) {
		vm = lifetime_vm(&vcpu);
		fd = bound_handle(_metadata, vm, variant->msi);
		efd = new_efd(_metadata);
		ASSERT_EQ(0, __irqwire_irqfd(fd, efd, GSI, 0));
		signaller_start(_metadata, &self->s, efd);
		kvm_vm_free(vm);
		ASSERT_EQ(0, __irqwire_irqfd(fd, efd, GSI,
					   IRQWIRE_IRQFD_FLAG_MASK));
		close(fd);
		signaller_stop(_metadata, &self->s);
		assert_not_consumed(_metadata, efd);
		close(efd);
	}
}

IRQWIRE_TEST_HARNESS_MAIN
