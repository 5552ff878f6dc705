// SPDX-License-Identifier: GPL-2.0
/*
 * doorbell_scale_test: 10240 doorbells on one VM, ten times KVM's
 * NR_IOBUS_DEVS, on a handful of bus devices. The guest rings a random
 * sample (the seed is printed; IRQWIRE_SEED replays it) and each write
 * signals exactly its own eventfd; after deassigning all of them every
 * write exits to userspace again.
 */
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>

#include "kvm_harness.h"

#include "guest_doorbell.h"
#include "irqwire_test.h"

#define NR		10240
#define STRIDE		8	/* 512 doorbells per 4 KiB page */
#define SAMPLE		DB_MAX_WRITES
#define ADDR(i)		(DB_MMIO_BASE + (uint64_t)(i) * STRIDE)

FIXTURE(scale) {
	int fd, efd[NR];
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	struct db_write w[SAMPLE];
	struct db_exit exits[SAMPLE];
	bool rung[NR];
};

FIXTURE_SETUP(scale)
{
	struct rlimit rl = { NR + 256, NR + 256 };
	unsigned int seed = irqwire_seed();
	int i, j;

	TH_LOG("seed %u (IRQWIRE_SEED=%u replays it)", seed, seed);
	srandom(seed);
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &rl));
	self->fd = irqwire_open(_metadata);
	self->vm = db_create_vm(&self->vcpu);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	for (i = 0; i < NR; i++) {
		self->efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		ASSERT_LE(0, self->efd[i]);
	}
	/* a sample without repeats: each rung doorbell counts exactly 1 */
	for (i = 0; i < SAMPLE; i++) {
		do
			j = random() % NR;
		while (self->rung[j]);
		self->rung[j] = true;
		self->w[i] = db_mmio(ADDR(j), 4, j);
	}
}

FIXTURE_TEARDOWN(scale)
{
	int i;

	close(self->fd);
	for (i = 0; i < NR; i++)
		close(self->efd[i]);
	kvm_vm_free(self->vm);
}

TEST_F(scale, ten_thousand_doorbells)
{
	struct irqwire_ioeventfd_stats st;
	int i;

	for (i = 0; i < NR; i++)
		ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[i], ADDR(i),
					       4, 0, 0)) TH_LOG("doorbell %d", i);
	ASSERT_EQ(0, __irqwire_ioeventfd_stats(self->fd, ADDR(0), 4, 0, 0, &st));
	EXPECT_EQ(NR * STRIDE / 4096, st.bus_devices);

	ASSERT_EQ(0, db_run(self->vcpu, self->w, SAMPLE, self->exits, SAMPLE));
	for (i = 0; i < NR; i++)
		ASSERT_EQ(self->rung[i] ? 1 : -1, efd_counter(self->efd[i]))
			TH_LOG("doorbell %d", i);

	for (i = 0; i < NR; i++)
		ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[i], ADDR(i),
					       4, IRQWIRE_IOEVENTFD_FLAG_DEASSIGN,
					       0));
	EXPECT_EQ(-ENOENT, __irqwire_ioeventfd_stats(self->fd, ADDR(0), 4, 0, 0,
						   &st));
	ASSERT_EQ(SAMPLE, db_run(self->vcpu, self->w, SAMPLE, self->exits,
				 SAMPLE));
	for (i = 0; i < SAMPLE; i++)
		ASSERT_EQ(self->w[i].addr, self->exits[i].addr);
}

/* The VM's release takes every doorbell off the bus at once. */
TEST_F(scale, handle_close_with_ten_thousand_doorbells)
{
	int i;

	for (i = 0; i < NR; i++)
		ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[i], ADDR(i),
					       4, 0, 0));
	close(self->fd);
	self->fd = -1;
	ASSERT_EQ(SAMPLE, db_run(self->vcpu, self->w, SAMPLE, self->exits,
				 SAMPLE));
}

IRQWIRE_TEST_HARNESS_MAIN
