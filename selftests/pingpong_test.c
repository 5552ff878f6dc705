// SPDX-License-Identifier: GPL-2.0
/*
 * pingpong_test: the guest rings an irqwire doorbell (ioeventfd), a host
 * thread waits on that eventfd and signals an irqwire irqfd, the guest's
 * handler counts the interrupt and rings again. Every round trip must
 * stay in the kernel (the vCPU returns to userspace once, at the end) and
 * no interrupt may be lost. IRQWIRE_PINGPONG_ROUNDS overrides the count.
 */
#include <pthread.h>
#include <sys/eventfd.h>

#include "kvm_harness.h"

#include "guest_rx.h"
#include "irqwire_test.h"

#define GSI		33
#define VEC		(RX_VEC_BASE + 3)
#define DOORBELL	0xd0000000ULL
#define ROUNDS		100000

struct relay {
	int doorbell, irq;
	uint32_t rounds;
	uint32_t bad;	/* doorbell reads that did not return exactly 1 */
};

/* Host thread: one doorbell in, one interrupt out, per round. */
static void *relay_main(void *arg)
{
	struct relay *r = arg;
	eventfd_t v;
	uint32_t i;

	for (i = 0; i < r->rounds; i++) {
		if (eventfd_read(r->doorbell, &v) || v != 1)
			r->bad++;
		if (eventfd_write(r->irq, 1))
			r->bad++;
	}
	return NULL;
}

/* A round trip costs ~1 ms under TCG: far beyond the default 30 s. */
#define TIMEOUT_S	500	/* below the runner's 600 (settings) */

FIXTURE(pingpong) {
};

FIXTURE_SETUP(pingpong)
{
}

FIXTURE_TEARDOWN(pingpong)
{
}

TEST_F_TIMEOUT(pingpong, ioeventfd_to_irqfd_round_trips, TIMEOUT_S)
{
	struct irqwire_routing_entry route = irqwire_route_msi(GSI, 0, VEC);
	struct irqwire_ioeventfd_stats st;
	struct relay r = { .rounds = ROUNDS };
	const char *env = getenv("IRQWIRE_PINGPONG_ROUNDS");
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	pthread_t thread;
	int fd;

	if (env)
		r.rounds = strtoul(env, NULL, 0);
	fd = irqwire_open(_metadata);
	r.doorbell = eventfd(0, EFD_CLOEXEC);
	r.irq = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, r.doorbell);
	ASSERT_LE(0, r.irq);

	vm = vm_create(1);
	rx_vm_setup(vm, true);
	rx_vm_pingpong(vm, DOORBELL, r.rounds);
	vcpu = rx_add_vcpu(vm, 0);
	ASSERT_EQ(0, irqwire_bind(fd, vm->fd));
	ASSERT_EQ(0, irqwire_route_set(fd, GSI, &route, 1));
	ASSERT_EQ(0, irqwire_irqfd(fd, r.irq, GSI, 0));
	ASSERT_EQ(0, irqwire_ioeventfd(fd, r.doorbell, DOORBELL, 4, 0, 0));

	ASSERT_EQ(0, pthread_create(&thread, NULL, relay_main, &r));
	/* returns at the guest's sync after the last round, or fails on an exit */
	rx_wait(vcpu);
	ASSERT_EQ(0, pthread_join(thread, NULL));

	EXPECT_EQ(0, r.bad);
	EXPECT_EQ(r.rounds, rx_count(vm, 0, VEC));
	ASSERT_EQ(0, irqwire_ioeventfd_stats(fd, DOORBELL, 4, 0, 0, &st));
	EXPECT_EQ(r.rounds, st.hits);
	TH_LOG("%u round trips, no exit to userspace; %u unsolicited handler entries",
	       r.rounds, rx_unsolicited_count(vm));

	close(fd);
	close(r.doorbell);
	close(r.irq);
	kvm_vm_free(vm);
}

IRQWIRE_TEST_HARNESS_MAIN
