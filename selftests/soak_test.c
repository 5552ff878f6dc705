// SPDX-License-Identifier: GPL-2.0
/*
 * soak_test: load held for IRQWIRE_SOAK_SECONDS (default 30; the debug
 * kernel 10) on several VMs at once, every event accounted for.
 *
 * - NR_VMS receiver VMs, each with NR_IRQFDS irqfds on their own GSIs
 *   (MSI routes over the guest's vectors). Per VM, one thread signals a
 *   random irqfd and runs the vCPU until the guest counted the interrupt,
 *   while another re-routes GSIs (per GSI and full replace, vectors
 *   changing) and masks and unmasks irqfds (a signal while masked is
 *   held, then delivered by the unmask). At the end: the guest counted
 *   exactly one interrupt per signal, and per irqfd the counters say
 *   signals = writes = fast + slow, nothing dropped.
 * - NR_VMS doorbell VMs, each with NR_DOORBELLS doorbells spread over
 *   pages; per VM, one thread has the guest ring random ones. At the end
 *   no write reached userspace, and each eventfd counted exactly the
 *   writes to its doorbell, as did irqwire's hit counter.
 *
 * The summary line gives the figures; the VM lane fails on any splat.
 */
#include <pthread.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <time.h>

#include "kvm_harness.h"

#include "guest_doorbell.h"
#include "guest_rx.h"
#include "irqwire_test.h"

#define NR_VMS		8
#define NR_IRQFDS	64
#define NR_DOORBELLS	64
#define GSI(i)		(100 + (i))
#define DB_ADDR(i)	(DB_MMIO_BASE + (i) * 0x88ull)	/* 30 per page */
#define TIMEOUT_S	600

static volatile bool stop_ctl, stop_io;

struct irq_vm {
	int fd, efd[NR_IRQFDS];
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	unsigned int seed;
	unsigned long writes[NR_IRQFDS];
	unsigned long route_changes, masks;
};

struct db_vm {
	int fd, efd[NR_DOORBELLS];
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	unsigned int seed;
	unsigned long rung[NR_DOORBELLS], exits;
};

static unsigned int soak_seconds(void)
{
	const char *env = getenv("IRQWIRE_SOAK_SECONDS");

	return env ? strtoul(env, NULL, 0) : 30;
}

static struct irqwire_routing_entry route(unsigned int i, unsigned int *seed)
{
	return irqwire_route_msi(GSI(i), 0, RX_VEC_BASE + rand_r(seed) % RX_NR_VEC);
}

/* Signals one irqfd at a time, each counted by the guest before the next. */
static void *irq_signaller(void *arg)
{
	struct irq_vm *v = arg;
	unsigned int seed = v->seed, i;

	while (!stop_io) {
		i = rand_r(&seed) % NR_IRQFDS;
		if (eventfd_write(v->efd[i], 1))
			abort();
		v->writes[i]++;
		rx_wait(v->vcpu);
	}
	return NULL;
}

/* Re-routes and masks while the signaller runs. */
static void *irq_controller(void *arg)
{
	struct irq_vm *v = arg;
	struct irqwire_routing_entry r, table[NR_IRQFDS];
	unsigned int seed = v->seed * 7 + 1, i;

	while (!stop_ctl) {
		i = rand_r(&seed) % NR_IRQFDS;
		switch (rand_r(&seed) % 4) {
		case 0:
		case 1:
			r = route(i, &seed);
			if (__irqwire_route_set(v->fd, GSI(i), &r, 1))
				abort();
			v->route_changes++;
			break;
		case 2:
			for (i = 0; i < NR_IRQFDS; i++)
				table[i] = route(i, &seed);
			if (__irqwire_set_routing(v->fd, table, NR_IRQFDS))
				abort();
			v->route_changes++;
			break;
		default:
			if (__irqwire_irqfd(v->fd, v->efd[i], GSI(i), IRQWIRE_IRQFD_FLAG_MASK))
				abort();
			usleep(rand_r(&seed) % 500);
			if (__irqwire_irqfd(v->fd, v->efd[i], GSI(i), IRQWIRE_IRQFD_FLAG_UNMASK))
				abort();
			v->masks++;
			break;
		}
	}
	return NULL;
}

/* Has the guest ring batches of random doorbells. */
static void *db_ringer(void *arg)
{
	static __thread struct db_write w[DB_MAX_WRITES];
	static __thread struct db_exit exits[DB_MAX_WRITES];
	struct db_vm *v = arg;
	unsigned int seed = v->seed, i, j;

	while (!stop_io) {
		for (j = 0; j < 256; j++) {
			i = rand_r(&seed) % NR_DOORBELLS;
			w[j] = db_mmio(DB_ADDR(i), 4, j);
			v->rung[i]++;
		}
		v->exits += db_run(v->vcpu, w, 256, exits, DB_MAX_WRITES);
	}
	return NULL;
}

FIXTURE(soak) {
	struct irq_vm irq[NR_VMS];
	struct db_vm db[NR_VMS];
};

FIXTURE_SETUP(soak)
{
	struct irqwire_routing_entry table[NR_IRQFDS];
	struct rlimit rl = { 8192, 8192 };
	unsigned int seed = irqwire_seed(), i, k;

	/* over a thousand eventfds */
	ASSERT_EQ(0, setrlimit(RLIMIT_NOFILE, &rl));
	TH_LOG("seed %u (IRQWIRE_SEED=%u replays the choices)", seed, seed);
	for (k = 0; k < NR_VMS; k++) {
		struct irq_vm *v = &self->irq[k];
		struct db_vm *d = &self->db[k];

		v->seed = seed + 2 * k;
		d->seed = seed + 2 * k + 1;
		v->fd = irqwire_open(_metadata);
		v->vm = rx_create_vm(1, true, &v->vcpu);
		ASSERT_EQ(0, __irqwire_bind(v->fd, v->vm->fd));
		for (i = 0; i < NR_IRQFDS; i++)
			table[i] = route(i, &v->seed);
		ASSERT_EQ(0, __irqwire_set_routing(v->fd, table, NR_IRQFDS));
		for (i = 0; i < NR_IRQFDS; i++) {
			v->efd[i] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
			ASSERT_EQ(0, __irqwire_irqfd(v->fd, v->efd[i], GSI(i), 0));
		}
		d->fd = irqwire_open(_metadata);
		d->vm = db_create_vm(&d->vcpu);
		ASSERT_EQ(0, __irqwire_bind(d->fd, d->vm->fd));
		for (i = 0; i < NR_DOORBELLS; i++) {
			d->efd[i] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
			ASSERT_EQ(0, __irqwire_ioeventfd(d->fd, d->efd[i], DB_ADDR(i), 4, 0, 0));
		}
	}
}

FIXTURE_TEARDOWN(soak)
{
	unsigned int i, k;

	for (k = 0; k < NR_VMS; k++) {
		for (i = 0; i < NR_IRQFDS; i++)
			close(self->irq[k].efd[i]);
		for (i = 0; i < NR_DOORBELLS; i++)
			close(self->db[k].efd[i]);
		close(self->irq[k].fd);
		close(self->db[k].fd);
		kvm_vm_free(self->irq[k].vm);
		kvm_vm_free(self->db[k].vm);
	}
}

TEST_F_TIMEOUT(soak, every_event_accounted, TIMEOUT_S)
{
	pthread_t sig[NR_VMS], ctl[NR_VMS], ring[NR_VMS];
	unsigned long interrupts = 0, held = 0, doorbells = 0, routes = 0, masks = 0;
	unsigned int secs = soak_seconds(), i, k;
	struct irqwire_irqfd_stats st;
	struct irqwire_ioeventfd_stats dst;
	unsigned long counted;

	for (k = 0; k < NR_VMS; k++) {
		ASSERT_EQ(0, pthread_create(&sig[k], NULL, irq_signaller, &self->irq[k]));
		ASSERT_EQ(0, pthread_create(&ctl[k], NULL, irq_controller, &self->irq[k]));
		ASSERT_EQ(0, pthread_create(&ring[k], NULL, db_ringer, &self->db[k]));
	}
	sleep(secs);
	/* controllers first: they leave every irqfd unmasked */
	stop_ctl = true;
	for (k = 0; k < NR_VMS; k++)
		pthread_join(ctl[k], NULL);
	stop_io = true;
	for (k = 0; k < NR_VMS; k++) {
		pthread_join(sig[k], NULL);
		pthread_join(ring[k], NULL);
	}

	for (k = 0; k < NR_VMS; k++) {
		struct irq_vm *v = &self->irq[k];
		struct db_vm *d = &self->db[k];
		unsigned long writes = 0;

		for (counted = 0, i = 0; i < RX_NR_VEC; i++)
			counted += rx_count(v->vm, 0, RX_VEC_BASE + i);
		for (i = 0; i < NR_IRQFDS; i++) {
			st = (struct irqwire_irqfd_stats){ .fd = v->efd[i], .gsi = GSI(i) };
			ASSERT_EQ(0, __irqwire_ioctl(v->fd, IRQWIRE_GET_IRQFD_STATS, &st));
			EXPECT_EQ(v->writes[i], st.signals) TH_LOG("VM %u irqfd %u", k, i);
			EXPECT_EQ(v->writes[i], st.fast + st.slow) TH_LOG("VM %u irqfd %u", k, i);
			EXPECT_EQ(0, st.dropped);
			EXPECT_EQ(0, st.flags);
			writes += v->writes[i];
			held += st.held;
		}
		/* one guest-counted interrupt per signal, held ones included */
		EXPECT_EQ(writes, counted) TH_LOG("VM %u", k);
		interrupts += counted;
		routes += v->route_changes;
		masks += v->masks;

		EXPECT_EQ(0, d->exits) TH_LOG("VM %u: doorbell writes reached userspace", k);
		for (i = 0; i < NR_DOORBELLS; i++) {
			/* -1: the counter is 0 (EAGAIN) */
			long long c = efd_counter(d->efd[i]);

			EXPECT_EQ(d->rung[i], c < 0 ? 0 : c) TH_LOG("VM %u doorbell %u", k, i);
			ASSERT_EQ(0, __irqwire_ioeventfd_stats(d->fd, DB_ADDR(i), 4, 0, 0, &dst));
			EXPECT_EQ(d->rung[i], dst.hits) TH_LOG("VM %u doorbell %u", k, i);
			doorbells += d->rung[i];
		}
	}
	TH_LOG("soak: %lu interrupts (%lu held while masked), %lu doorbells, %lu route changes, %lu mask/unmask, %u s, %d+%d VMs",
	       interrupts, held, doorbells, routes, masks, secs, NR_VMS, NR_VMS);
}

IRQWIRE_TEST_HARNESS_MAIN
