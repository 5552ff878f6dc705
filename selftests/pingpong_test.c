// SPDX-License-Identifier: GPL-2.0
/*
 * pingpong_test: the guest rings an irqwire doorbell (ioeventfd), a host
 * thread waits on that eventfd and signals an irqwire irqfd, the guest's
 * handler counts the interrupt and rings again. Every round trip must
 * stay in the kernel (the vCPU returns to userspace once, at the end) and
 * no interrupt may be lost, also while a third thread keeps re-routing
 * the GSI between two vectors (per-GSI updates and full replaces
 * alternating). IRQWIRE_PINGPONG_ROUNDS overrides the count.
 */
#include <pthread.h>
#include <sys/eventfd.h>

#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "relay.h"

#define GSI		33
#define VEC_A		(RX_VEC_BASE + 3)
#define VEC_B		(RX_VEC_BASE + 4)
#define DOORBELL	0xd0000000ULL
#define ROUNDS		100000

/* A round trip costs ~1 ms under TCG: far beyond the default 30 s. */
#define TIMEOUT_S	500	/* below the runner's 600 (settings) */

struct rerouter {
	int fd;
	volatile bool stop;
	uint32_t changes, failed;
};

/* Host thread: flips the GSI between VEC_A and VEC_B until told to stop. */
static void *reroute_main(void *arg)
{
	struct irqwire_routing_entry a = irqwire_route_msi(GSI, 0, VEC_A);
	struct irqwire_routing_entry b = irqwire_route_msi(GSI, 0, VEC_B);
	struct rerouter *rr = arg;

	while (!rr->stop) {
		if (__irqwire_route_set(rr->fd, GSI, &b, 1))
			rr->failed++;
		if (__irqwire_set_routing(rr->fd, &a, 1))
			rr->failed++;
		rr->changes += 2;
	}
	return NULL;
}

/* One vCPU in ping-pong mode; doorbell and irqfd wired through irqwire. */
FIXTURE(pingpong) {
	int fd;
	struct relay r;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(pingpong)
{
	struct irqwire_routing_entry route = irqwire_route_msi(GSI, 0, VEC_A);
	const char *env = getenv("IRQWIRE_PINGPONG_ROUNDS");

	self->r.rounds = env ? strtoul(env, NULL, 0) : ROUNDS;
	self->fd = irqwire_open(_metadata);
	self->r.doorbell = eventfd(0, EFD_CLOEXEC);
	self->r.irq = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, self->r.doorbell);
	ASSERT_LE(0, self->r.irq);

	self->vm = vm_create(1);
	rx_vm_setup(self->vm, true);
	rx_vm_pingpong(self->vm, DOORBELL, self->r.rounds);
	self->vcpu = rx_add_vcpu(self->vm, 0);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	ASSERT_EQ(0, __irqwire_route_set(self->fd, GSI, &route, 1));
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->r.irq, GSI, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->r.doorbell, DOORBELL, 4,
				       0, 0));
}

FIXTURE_TEARDOWN(pingpong)
{
	close(self->fd);
	close(self->r.doorbell);
	close(self->r.irq);
	kvm_vm_free(self->vm);
}

/* Runs every round; fails on an exit to userspace or a lost interrupt. */
static void run_rounds(struct __test_metadata *_metadata,
		       FIXTURE_DATA(pingpong) *self)
{
	struct irqwire_ioeventfd_stats st;

	ASSERT_EQ(0, relay_start(&self->r));
	/* returns at the guest's sync after the last round, or fails on an exit */
	rx_wait(self->vcpu);
	ASSERT_EQ(0, relay_join(&self->r));
	EXPECT_EQ(0, self->r.bad);
	ASSERT_EQ(0, __irqwire_ioeventfd_stats(self->fd, DOORBELL, 4, 0, 0, &st));
	EXPECT_EQ(self->r.rounds, st.hits);
}

TEST_F_TIMEOUT(pingpong, ioeventfd_to_irqfd_round_trips, TIMEOUT_S)
{
	run_rounds(_metadata, self);
	EXPECT_EQ(self->r.rounds, rx_count(self->vm, 0, VEC_A));
	TH_LOG("%u round trips, no exit to userspace; %u unsolicited handler entries",
	       self->r.rounds, rx_unsolicited_count(self->vm));
}

TEST_F_TIMEOUT(pingpong, round_trips_while_rerouting, TIMEOUT_S)
{
	struct rerouter rr = { .fd = self->fd };
	pthread_t thread;
	uint32_t a, b;

	ASSERT_EQ(0, pthread_create(&thread, NULL, reroute_main, &rr));
	run_rounds(_metadata, self);
	rr.stop = true;
	ASSERT_EQ(0, pthread_join(thread, NULL));

	a = rx_count(self->vm, 0, VEC_A);
	b = rx_count(self->vm, 0, VEC_B);
	TH_LOG("%u round trips, %u route changes: %u on vector A, %u on B",
	       self->r.rounds, rr.changes, a, b);
	EXPECT_EQ(0, rr.failed);
	/* each signal became exactly one interrupt on one of the two routes */
	EXPECT_EQ(self->r.rounds, a + b);
	if (self->r.rounds >= 1000) {
		EXPECT_LT(0, a);
		EXPECT_LT(0, b);
	}
}

IRQWIRE_TEST_HARNESS_MAIN
