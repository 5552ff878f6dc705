// SPDX-License-Identifier: GPL-2.0
/*
 * race_test: every mutating operation at once, from several threads, for
 * IRQWIRE_RACE_SECONDS (default 10) per scenario:
 * - irqfd_churn: assign/deassign, mask/unmask, per-GSI and full routing
 *   changes, signals, and eventfds replaced under the irqfds (dup2: the
 *   old eventfd's last reference goes, EPOLLHUP) on one handle;
 * - handle_churn: handles opened, bound, given irqfds and doorbells and
 *   closed while other threads signal and re-route through a second
 *   handle on the same VM;
 * - doorbell_churn: the guest writes doorbells non-stop while a thread
 *   assigns and deassigns them on the same pages.
 * Afterwards the invariants: a fresh irqfd on a known route delivers
 * every signal to the guest, no VM of this process is left in debugfs and
 * the module's reference count is 0 once everything is closed (the VM
 * lane fails on any splat, runs this on the lockdep/KASAN kernel, and
 * unloads the module afterwards).
 */
#include <pthread.h>
#include <sys/eventfd.h>

#include "kvm_harness.h"

#include "guest_doorbell.h"
#include "guest_rx.h"
#include "irqwire_test.h"
#include "leak_check.h"

#define NR_EFD		6
#define NR_GSI		4
#define VEC		(RX_VEC_BASE + 1)	/* the storm's */
#define VEC_CHECK	(RX_VEC_BASE + 2)	/* the check's, counted exactly */
#define TIMEOUT_S	120

struct race {
	int fd;			/* the handle the threads share */
	int vm_fd;
	int efd[NR_EFD];	/* slots: always some eventfd */
	volatile bool stop;
	unsigned long ops[8];
};

static unsigned int seconds(void)
{
	const char *env = getenv("IRQWIRE_RACE_SECONDS");

	return env ? atoi(env) : 10;
}

static uint32_t rnd(unsigned int *seed)
{
	return rand_r(seed);
}

static void *assign_main(void *arg)
{
	struct race *r = arg;
	unsigned int s = 1;

	while (!r->stop) {
		int efd = r->efd[rnd(&s) % NR_EFD];
		uint32_t gsi = rnd(&s) % NR_GSI;

		__irqwire_irqfd(r->fd, efd, gsi, 0);
		__irqwire_irqfd(r->fd, efd, gsi, rnd(&s) % 2 ?
			      IRQWIRE_IRQFD_FLAG_DEASSIGN : IRQWIRE_IRQFD_FLAG_MASK);
		__irqwire_irqfd(r->fd, efd, gsi, IRQWIRE_IRQFD_FLAG_UNMASK);
		r->ops[0]++;
	}
	return NULL;
}

static void *route_main(void *arg)
{
	struct race *r = arg;
	unsigned int s = 2;

	while (!r->stop) {
		uint32_t gsi = rnd(&s) % NR_GSI;
		struct irqwire_routing_entry e[2] = {
			irqwire_route_msi(gsi, 0, VEC),
			irqwire_route_irqchip(gsi, IRQWIRE_IRQCHIP_IOAPIC, gsi),
		};

		switch (rnd(&s) % 3) {
		case 0: __irqwire_route_set(r->fd, gsi, &e[rnd(&s) % 2], 1); break;
		case 1: __irqwire_route_del(r->fd, gsi); break;
		default: __irqwire_set_routing(r->fd, e, 1); break;
		}
		r->ops[1]++;
	}
	return NULL;
}

static void *signal_main(void *arg)
{
	struct race *r = arg;
	unsigned int s = 3;

	while (!r->stop) {
		eventfd_write(r->efd[rnd(&s) % NR_EFD], 1);
		r->ops[2]++;
	}
	return NULL;
}

static void *replace_main(void *arg)
{
	struct race *r = arg;
	unsigned int s = 4;

	while (!r->stop) {
		int i = rnd(&s) % NR_EFD;
		int n = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

		/* atomic: the slot never names anything but an eventfd */
		if (n >= 0) {
			dup2(n, r->efd[i]);
			close(n);
		}
		r->ops[3]++;
		usleep(500);
	}
	return NULL;
}

/* Opens, binds, wires and closes handles on the shared VM. */
static void *handle_main(void *arg)
{
	struct race *r = arg;
	unsigned int s = 5;

	while (!r->stop) {
		int fd = open(IRQWIRE_DEV, O_RDWR | O_CLOEXEC);

		if (fd < 0)
			continue;
		__irqwire_bind(fd, r->vm_fd);
		__irqwire_irqfd(fd, r->efd[rnd(&s) % NR_EFD], rnd(&s) % NR_GSI, 0);
		__irqwire_ioeventfd(fd, r->efd[rnd(&s) % NR_EFD],
				  DB_MMIO_BASE + 8 * (rnd(&s) % 16), 4, 0, 0);
		close(fd);
		r->ops[4]++;
	}
	return NULL;
}

static void run_threads(struct race *r, void *(*fn[])(void *), int n)
{
	pthread_t t[8];
	int i;

	r->stop = false;
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, fn[i], r);
	sleep(seconds());
	r->stop = true;
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

/* The state after the storm still works: a new pair delivers every signal. */
static void assert_delivers(struct __test_metadata *_metadata, int fd,
			    struct kvm_vm *vm, struct kvm_vcpu *vcpu)
{
	struct irqwire_routing_entry e = irqwire_route_msi(NR_GSI, 0, VEC_CHECK);
	int efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	int i;

	ASSERT_EQ(0, __irqwire_route_set(fd, NR_GSI, &e, 1));
	ASSERT_EQ(0, __irqwire_irqfd(fd, efd, NR_GSI, 0));
	for (i = 1; i <= 8; i++) {
		ASSERT_EQ(0, eventfd_write(efd, 1));
		/* the storm's own interrupts may come first */
		while (rx_count(vm, 0, VEC_CHECK) < i)
			rx_wait(vcpu);
		ASSERT_EQ(i, rx_count(vm, 0, VEC_CHECK));
	}
	close(efd);
}

/* One receiver vCPU with IOAPIC pins 0..NR_GSI-1 edge to VEC; a handle. */
FIXTURE(race) {
	struct race r;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(race)
{
	int i;

	self->vm = vm_create(1);
	rx_vm_setup(self->vm, true);
	for (i = 0; i < NR_GSI; i++)
		rx_vm_ioapic_entry(self->vm, i, VEC, 0);
	self->vcpu = rx_add_vcpu(self->vm, 0);
	self->r.vm_fd = self->vm->fd;
	self->r.fd = irqwire_open(_metadata);
	ASSERT_EQ(0, __irqwire_bind(self->r.fd, self->vm->fd));
	/* no default routes: their PIC side would send the guest vector 0+n */
	ASSERT_EQ(0, __irqwire_set_routing(self->r.fd, NULL, 0));
	for (i = 0; i < NR_EFD; i++)
		self->r.efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

FIXTURE_TEARDOWN(race)
{
	int i;

	close(self->r.fd);
	for (i = 0; i < NR_EFD; i++)
		close(self->r.efd[i]);
	kvm_vm_free(self->vm);
	assert_nothing_left(_metadata);
}

TEST_F_TIMEOUT(race, irqfd_churn, TIMEOUT_S)
{
	void *(*fn[])(void *) = { assign_main, route_main, signal_main,
				  replace_main };

	run_threads(&self->r, fn, ARRAY_SIZE(fn));
	TH_LOG("%u s: %lu assign rounds, %lu route changes, %lu signals, %lu eventfd replacements",
	       seconds(), self->r.ops[0], self->r.ops[1], self->r.ops[2],
	       self->r.ops[3]);
	assert_delivers(_metadata, self->r.fd, self->vm, self->vcpu);
}

TEST_F_TIMEOUT(race, handle_churn, TIMEOUT_S)
{
	void *(*fn[])(void *) = { handle_main, route_main, signal_main };

	run_threads(&self->r, fn, ARRAY_SIZE(fn));
	TH_LOG("%u s: %lu handles wired and closed, %lu route changes, %lu signals",
	       seconds(), self->r.ops[4], self->r.ops[1], self->r.ops[2]);
	assert_delivers(_metadata, self->r.fd, self->vm, self->vcpu);
}

/* Doorbells come and go while the guest writes to them. */
struct churn {
	int fd, efd;
	volatile bool stop;
	unsigned long ops;
};

static void *doorbell_main(void *arg)
{
	struct churn *c = arg;
	unsigned int s = 6;

	while (!c->stop) {
		uint64_t addr = DB_MMIO_BASE + 8 * (rnd(&s) % 64);
		uint32_t flags = rnd(&s) % 2 ? IRQWIRE_IOEVENTFD_FLAG_DEASSIGN : 0;

		__irqwire_ioeventfd(c->fd, c->efd, addr, 4, flags, 0);
		c->ops++;
	}
	return NULL;
}

TEST_F_TIMEOUT(race, doorbell_churn, TIMEOUT_S)
{
	struct churn c = { .fd = irqwire_open(_metadata) };
	struct db_write w[DB_MAX_WRITES];
	struct db_exit *exits = calloc(DB_MAX_WRITES, sizeof(*exits));
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm = db_create_vm(&vcpu);
	time_t end = time(NULL) + seconds();
	unsigned long runs = 0;
	pthread_t t;
	int i;

	ASSERT_NE(NULL, exits);
	c.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	ASSERT_EQ(0, __irqwire_bind(c.fd, vm->fd));
	for (i = 0; i < DB_MAX_WRITES; i++)
		w[i] = db_mmio(DB_MMIO_BASE + 8 * (i % 64), 4, i);
	ASSERT_EQ(0, pthread_create(&t, NULL, doorbell_main, &c));
	while (time(NULL) < end) {
		db_run(vcpu, w, DB_MAX_WRITES, exits, DB_MAX_WRITES);
		runs++;
	}
	c.stop = true;
	ASSERT_EQ(0, pthread_join(t, NULL));
	TH_LOG("%u s: %lu x %d guest writes against %lu assigns/deassigns",
	       seconds(), runs, DB_MAX_WRITES, c.ops);

	/* with every doorbell gone, every write exits again */
	for (i = 0; i < 64; i++)
		__irqwire_ioeventfd(c.fd, c.efd, DB_MMIO_BASE + 8 * i, 4,
				  IRQWIRE_IOEVENTFD_FLAG_DEASSIGN, 0);
	ASSERT_EQ(64, db_run(vcpu, w, 64, exits, DB_MAX_WRITES));
	close(c.fd);
	close(c.efd);
	kvm_vm_free(vm);
	free(exits);
}

IRQWIRE_TEST_HARNESS_MAIN
