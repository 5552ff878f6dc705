// SPDX-License-Identifier: GPL-2.0
/*
 * ioeventfd_test: IRQWIRE_IOEVENTFD. Guest writes to doorbells signal
 * their eventfds without leaving the kernel; everything else (a DATAMATCH
 * miss, a deassigned doorbell, a wrong length) exits to userspace with the
 * address and data the guest wrote; KVM's own ioeventfds are unaffected.
 * Rejected inputs: badinput_test.
 */
#include <sys/eventfd.h>

#include "kvm_harness.h"

#include "guest_doorbell.h"
#include "irqwire_test.h"
#include "tracefs.h"

#define PAGE		0x1000ULL
#define MMIO(page, off)	(DB_MMIO_BASE + (page) * PAGE + (off))
#define PORT		0x6000
#define NEFD		8

#define DM	IRQWIRE_IOEVENTFD_FLAG_DATAMATCH
#define PIO	IRQWIRE_IOEVENTFD_FLAG_PIO
#define DEASSIGN IRQWIRE_IOEVENTFD_FLAG_DEASSIGN

FIXTURE(ioeventfd) {
	int fd, efd[NEFD];
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	struct db_exit exits[16];
};

FIXTURE_SETUP(ioeventfd)
{
	int i;

	self->fd = irqwire_open(_metadata);
	for (i = 0; i < NEFD; i++) {
		self->efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		ASSERT_LE(0, self->efd[i]);
	}
	self->vm = db_create_vm(&self->vcpu);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
}

FIXTURE_TEARDOWN(ioeventfd)
{
	int i;

	close(self->fd);
	for (i = 0; i < NEFD; i++)
		close(self->efd[i]);
	if (self->vm)
		kvm_vm_free(self->vm);
}

/* Runs @w in the guest; returns how many of the writes exited. */
#define RUN(...) ({							\
	struct db_write __w[] = { __VA_ARGS__ };			\
	db_run(self->vcpu, __w, ARRAY_SIZE(__w), self->exits,		\
	       ARRAY_SIZE(self->exits));				\
})

TEST_F(ioeventfd, mmio_every_length)
{
	static const uint32_t lens[] = { 1, 2, 4, 8, 0 };
	int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++)
		ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[i],
					       MMIO(0, 0x10 * i), lens[i], 0, 0));
	ASSERT_EQ(0, RUN(db_mmio(MMIO(0, 0x00), 1, 0xaa),
			 db_mmio(MMIO(0, 0x10), 2, 0xaaaa),
			 db_mmio(MMIO(0, 0x20), 4, 0xaaaaaaaa),
			 db_mmio(MMIO(0, 0x30), 8, ~0ULL),
			 db_mmio(MMIO(0, 0x40), 2, 1)));
	for (i = 0; i < ARRAY_SIZE(lens); i++)
		ASSERT_EQ(1, efd_counter(self->efd[i]));

	/* length 0 takes any length; the others only their own */
	ASSERT_EQ(1, RUN(db_mmio(MMIO(0, 0x40), 8, 1),
			 db_mmio(MMIO(0, 0x20), 2, 0x1234)));
	ASSERT_EQ(MMIO(0, 0x20), self->exits[0].addr);
	ASSERT_EQ(2, self->exits[0].len);
	ASSERT_EQ(0x1234, self->exits[0].data);
	ASSERT_EQ(1, efd_counter(self->efd[4]));
	ASSERT_EQ(-1, efd_counter(self->efd[2]));
}

TEST_F(ioeventfd, pio_every_length)
{
	static const uint32_t lens[] = { 1, 2, 4 };
	int i;

	for (i = 0; i < ARRAY_SIZE(lens); i++)
		ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[i],
					       PORT + 4 * i, lens[i], PIO, 0));
	ASSERT_EQ(0, RUN(db_pio(PORT, 1, 0x11), db_pio(PORT + 4, 2, 0x2222),
			 db_pio(PORT + 8, 4, 0x33333333)));
	for (i = 0; i < ARRAY_SIZE(lens); i++)
		ASSERT_EQ(1, efd_counter(self->efd[i]));

	/* an MMIO doorbell at the same number is another bus */
	ASSERT_EQ(1, RUN(db_pio(PORT + 4, 4, 0x5)));
	ASSERT_TRUE(self->exits[0].pio);
	ASSERT_EQ(PORT + 4, self->exits[0].addr);
	ASSERT_EQ(4, self->exits[0].len);
	ASSERT_EQ(5, self->exits[0].data);
}

TEST_F(ioeventfd, datamatch_hit_and_miss)
{
	struct irqwire_ioeventfd_stats st;

	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(1, 0x8), 4,
				       DM, 0x1234));
	ASSERT_EQ(1, RUN(db_mmio(MMIO(1, 0x8), 4, 0x1234),
			 db_mmio(MMIO(1, 0x8), 4, 0x1235)));
	ASSERT_EQ(MMIO(1, 0x8), self->exits[0].addr);
	ASSERT_EQ(4, self->exits[0].len);
	ASSERT_EQ(0x1235, self->exits[0].data);
	ASSERT_EQ(1, efd_counter(self->efd[0]));
	ASSERT_EQ(0, __irqwire_ioeventfd_stats(self->fd, MMIO(1, 0x8), 4, DM,
					     0x1234, &st));
	ASSERT_EQ(1, st.hits);
	ASSERT_EQ(1, st.bus_devices);
}

TEST_F(ioeventfd, datamatch_beats_wildcard)
{
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(1, 0x10),
				       2, 0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[1], MMIO(1, 0x10),
				       2, DM, 7));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[2], MMIO(1, 0x10),
				       2, DM, 8));
	ASSERT_EQ(0, RUN(db_mmio(MMIO(1, 0x10), 2, 7),
			 db_mmio(MMIO(1, 0x10), 2, 8),
			 db_mmio(MMIO(1, 0x10), 2, 8),
			 db_mmio(MMIO(1, 0x10), 2, 9)));
	ASSERT_EQ(1, efd_counter(self->efd[0]));
	ASSERT_EQ(1, efd_counter(self->efd[1]));
	ASSERT_EQ(2, efd_counter(self->efd[2]));
}

/*
 * The same on devices of their own (a KVM ioeventfd starts in the page,
 * so irqwire gives each doorbell its own bus device, the wildcard's
 * first in bus order): which device KVM tries first must not decide.
 */
TEST_F(ioeventfd, datamatch_beats_wildcard_on_devices_of_their_own)
{
	struct kvm_ioeventfd k = {
		.addr = MMIO(9, 0x100), .len = 4, .fd = self->efd[3],
	};
	struct irqwire_ioeventfd_stats st;

	vm_ioctl(self->vm, KVM_IOEVENTFD, &k);
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(9, 0x10),
				       2, 0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[1], MMIO(9, 0x10),
				       2, DM, 7));
	ASSERT_EQ(0, __irqwire_ioeventfd_stats(self->fd, MMIO(9, 0x10), 2, DM, 7, &st));
	ASSERT_EQ(2, st.bus_devices);
	ASSERT_EQ(0, RUN(db_mmio(MMIO(9, 0x10), 2, 7),
			 db_mmio(MMIO(9, 0x10), 2, 7),
			 db_mmio(MMIO(9, 0x10), 2, 9)));
	ASSERT_EQ(1, efd_counter(self->efd[0]));
	ASSERT_EQ(2, efd_counter(self->efd[1]));
}

TEST_F(ioeventfd, deassign_then_write_exits)
{
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(2, 0), 4,
				       0, 0));
	ASSERT_EQ(0, RUN(db_mmio(MMIO(2, 0), 4, 1)));
	ASSERT_EQ(1, efd_counter(self->efd[0]));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(2, 0), 4,
				       DEASSIGN, 0));
	ASSERT_EQ(1, RUN(db_mmio(MMIO(2, 0), 4, 2)));
	ASSERT_EQ(MMIO(2, 0), self->exits[0].addr);
	ASSERT_EQ(2, self->exits[0].data);
	ASSERT_EQ(-1, efd_counter(self->efd[0]));
	ASSERT_EQ(-ENOENT, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(2, 0),
					     4, DEASSIGN, 0));
}

TEST_F(ioeventfd, doorbells_of_a_page_share_one_bus_device)
{
	struct irqwire_ioeventfd_stats st;
	int i;

	for (i = 0; i < NEFD; i++)
		ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[i],
					       MMIO(3, 8 * i), 4, 0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd_stats(self->fd, MMIO(3, 0), 4, 0, 0,
					     &st));
	ASSERT_EQ(1, st.bus_devices);
	/* the window also passes on writes between the doorbells */
	ASSERT_EQ(1, RUN(db_mmio(MMIO(3, 8 * 7), 4, 1),
			 db_mmio(MMIO(3, 4), 4, 2)));
	ASSERT_EQ(MMIO(3, 4), self->exits[0].addr);
	ASSERT_EQ(1, efd_counter(self->efd[7]));
	ASSERT_EQ(-1, efd_counter(self->efd[0]));
}

/*
 * A page with more doorbells than its small array holds is indexed by
 * address, and an address with more than four (here six DATAMATCH
 * values) is left to the hash: the same rules must hold in every form,
 * and across the changes between them.
 */
TEST_F(ioeventfd, many_doorbells_in_a_page_keep_the_rules)
{
	uint64_t b = MMIO(5, 0x100), c = MMIO(5, 0x200), d = MMIO(5, 0x300);
	uint64_t e = MMIO(5, PAGE - 1);
	int i, n;

	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], b, 4, 0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[1], b, 4, DM, 7));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[2], b, 0, 0, 0));
	for (i = 1; i <= 6; i++)
		ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[3], c, 2, DM, i));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[4], d, 1, 0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[5], e, 1, 0, 0));

	n = RUN(db_mmio(b, 4, 7), db_mmio(b, 4, 8), db_mmio(b, 2, 7),
		db_mmio(c, 2, 3), db_mmio(c, 2, 6), db_mmio(c, 2, 9),
		db_mmio(d, 1, 1), db_mmio(e, 1, 1),
		db_mmio(MMIO(5, 0x104), 4, 1), db_mmio(MMIO(5, 0x800), 4, 1));
	ASSERT_EQ(3, n);
	ASSERT_EQ(c, self->exits[0].addr);
	ASSERT_EQ(9, self->exits[0].data);
	ASSERT_EQ(MMIO(5, 0x104), self->exits[1].addr);
	ASSERT_EQ(MMIO(5, 0x800), self->exits[2].addr);
	ASSERT_EQ(1, efd_counter(self->efd[0]));
	ASSERT_EQ(1, efd_counter(self->efd[1]));
	ASSERT_EQ(1, efd_counter(self->efd[2]));
	ASSERT_EQ(2, efd_counter(self->efd[3]));
	ASSERT_EQ(1, efd_counter(self->efd[4]));
	ASSERT_EQ(1, efd_counter(self->efd[5]));

	/* down to four: the small array again */
	for (i = 1; i <= 6; i++)
		ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[3], c, 2,
					       DM | DEASSIGN, i));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[4], d, 1, DEASSIGN, 0));
	ASSERT_EQ(2, RUN(db_mmio(b, 4, 7), db_mmio(b, 1, 7), db_mmio(c, 2, 3),
			 db_mmio(d, 1, 1), db_mmio(e, 1, 1)));
	ASSERT_EQ(c, self->exits[0].addr);
	ASSERT_EQ(d, self->exits[1].addr);
	ASSERT_EQ(1, efd_counter(self->efd[1]));
	ASSERT_EQ(1, efd_counter(self->efd[2]));
	ASSERT_EQ(1, efd_counter(self->efd[5]));
	ASSERT_EQ(-1, efd_counter(self->efd[3]));

	/* and five: the map, built anew, with one doorbell at c */
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[3], c, 2, DM, 1));
	ASSERT_EQ(1, RUN(db_mmio(c, 2, 1), db_mmio(c, 2, 2), db_mmio(b, 4, 8)));
	ASSERT_EQ(c, self->exits[0].addr);
	ASSERT_EQ(2, self->exits[0].data);
	ASSERT_EQ(1, efd_counter(self->efd[3]));
	ASSERT_EQ(1, efd_counter(self->efd[0]));
}

/* The kernel must not trust length or alignment (KVM once had a BUG_ON). */
TEST_F(ioeventfd, unaligned_and_page_split_writes_fall_through)
{
	int n;

	/* crosses into page 5: split by the emulator into two fragments */
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0],
				       MMIO(4, PAGE - 2), 4, DM, 0x11223344));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[1], MMIO(4, 0x101),
				       2, 0, 0));
	n = RUN(db_mmio(MMIO(4, PAGE - 2), 4, 0x11223344),
		db_mmio(MMIO(4, PAGE - 4), 8, 0x1122334455667788ULL),
		db_mmio(MMIO(4, 0x100), 4, 0xffffffff));
	ASSERT_LE(3, n);
	ASSERT_EQ(-1, efd_counter(self->efd[0]));
	ASSERT_EQ(-1, efd_counter(self->efd[1]));
	/* the doorbells still work for the writes they describe */
	ASSERT_EQ(0, RUN(db_mmio(MMIO(4, 0x101), 2, 3)));
	ASSERT_EQ(1, efd_counter(self->efd[1]));
}

TEST_F(ioeventfd, kvm_ioeventfds_unaffected_and_vice_versa)
{
	struct kvm_ioeventfd k1 = {
		.addr = MMIO(6, 0x100), .len = 4, .fd = self->efd[0],
	};
	struct kvm_ioeventfd k2 = {
		.addr = MMIO(7, 0x100), .len = 4, .fd = self->efd[1],
	};
	struct irqwire_ioeventfd_stats st;

	vm_ioctl(self->vm, KVM_IOEVENTFD, &k1);
	vm_ioctl(self->vm, KVM_IOEVENTFD, &k2);
	/* page 6 has KVM's device inside: irqwire's doorbell gets its own */
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[2], MMIO(6, 0x200),
				       4, 0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[3], MMIO(8, 0x100),
				       4, 0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd_stats(self->fd, MMIO(8, 0x100), 4, 0, 0,
					     &st));
	ASSERT_EQ(2, st.bus_devices);

	ASSERT_EQ(0, RUN(db_mmio(MMIO(6, 0x100), 4, 1),
			 db_mmio(MMIO(7, 0x100), 4, 1),
			 db_mmio(MMIO(6, 0x200), 4, 1),
			 db_mmio(MMIO(8, 0x100), 4, 1)));
	ASSERT_EQ(1, efd_counter(self->efd[0]));
	ASSERT_EQ(1, efd_counter(self->efd[1]));
	ASSERT_EQ(1, efd_counter(self->efd[2]));
	ASSERT_EQ(1, efd_counter(self->efd[3]));

	/* irqwire's eventfd is irqwire's: KVM cannot deassign it */
	k1.addr = MMIO(6, 0x200);
	k1.flags = KVM_IOEVENTFD_FLAG_DEASSIGN;
	k1.fd = self->efd[2];
	ASSERT_NE(0, __vm_ioctl(self->vm, KVM_IOEVENTFD, &k1));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[2], MMIO(6, 0x200),
				       4, DEASSIGN, 0));
	ASSERT_EQ(0, RUN(db_mmio(MMIO(6, 0x100), 4, 1)));
	ASSERT_EQ(1, efd_counter(self->efd[0]));
}

TEST_F(ioeventfd, handle_close_removes_doorbells)
{
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(9, 0), 4,
				       0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[1], PORT, 1, PIO,
				       0));
	close(self->fd);
	self->fd = -1;
	ASSERT_EQ(2, RUN(db_mmio(MMIO(9, 0), 4, 1), db_pio(PORT, 1, 1)));
	ASSERT_EQ(-1, efd_counter(self->efd[0]));
	ASSERT_EQ(-1, efd_counter(self->efd[1]));
}

/* The handle keeps the VM alive; its close then takes the doorbells off. */
TEST_F(ioeventfd, vm_closed_before_the_handle)
{
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(9, 0), 4,
				       0, 0));
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[1], MMIO(9, 8), 4,
				       DM, 3));
	kvm_vm_free(self->vm);
	self->vm = NULL;
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[1], MMIO(9, 8), 4,
				       DM | DEASSIGN, 3));
	close(self->fd);
	self->fd = -1;
}

TEST_F(ioeventfd, tracepoint_reports_hits_and_misses)
{
	char want[64];

	if (!tracefs())
		SKIP(return, "tracefs with irqwire events not mounted");
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->efd[0], MMIO(11, 0x20),
				       4, DM, 5));
	ASSERT_EQ(0, tracefs_write("events/irqwire/irqwire_ioeventfd_write/enable", "1"));
	ASSERT_EQ(0, tracefs_write("trace", ""));
	ASSERT_EQ(1, RUN(db_mmio(MMIO(11, 0x20), 4, 5),
			 db_mmio(MMIO(11, 0x20), 4, 6)));
	ASSERT_EQ(0, tracefs_write("events/irqwire/irqwire_ioeventfd_write/enable", "0"));
	snprintf(want, sizeof(want), "bus=mmio addr=0x%llx len=4",
		 MMIO(11, 0x20));
	EXPECT_TRUE(trace_has(want, "data=0x5 ", "hit=1"));
	EXPECT_TRUE(trace_has(want, "data=0x6 ", "hit=0"));
}

TEST(unbound_handle_enotconn)
{
	struct irqwire_ioeventfd a = { .addr = MMIO(0, 0), .len = 4 };
	int fd = irqwire_open(_metadata);

	a.fd = eventfd(0, EFD_CLOEXEC);
	ASSERT_LE(0, a.fd);
	EXPECT_EQ(-ENOTCONN, __irqwire_ioctl(fd, IRQWIRE_IOEVENTFD, &a));
	close(a.fd);
	close(fd);
}

IRQWIRE_TEST_HARNESS_MAIN
