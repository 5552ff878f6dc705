// SPDX-License-Identifier: GPL-2.0
/*
 * fuzz_test: a seeded, reproducible random ioctl fuzzer over every irqwire
 * ioctl. Arguments start from a valid template and are then mutated
 * (flags, pads, lengths, GSIs, addresses, fds of every kind: eventfds,
 * closed and non-eventfd ones), interleaved with eventfd signals, eventfd
 * closes and handle closes, over four handles and two VMs (full irqchip,
 * none). Every call must succeed or fail with a documented errno; the
 * first that does not fails the test with the call printed. Where the
 * kernel has fault injection (the debug kernel), one call in ten also has
 * one of its first eight allocations failed (fail-nth): ENOMEM is then
 * documented too.
 *
 * IRQWIRE_SEED replays a run (the seed is printed first); IRQWIRE_FUZZ_CALLS
 * (default 1000000) and IRQWIRE_FUZZ_SECONDS (default 300) bound it. The VM
 * lane then checks the kernel log and that the module unloads.
 */
#include <sys/eventfd.h>
#include <time.h>

#include "kvm_harness.h"

#include "fail_nth.h"
#include "irqwire_test.h"

#define NR_HANDLES	4
#define NR_EVENTFDS	8
#define MAX_ENTRIES	8
#define ARG_BYTES	4096
#define MMIO_BASE	0xd0000000ULL

/* What build_call() makes, for the closing coverage line. */
static const char * const kinds[] = {
	"bind", "msi", "set_routing", "get_routing", "route_set", "route_del",
	"irq_line", "irqfd", "irqfd", "irqfd_stats", "ioeventfd", "ioeventfd",
	"ioeventfd_stats", "other",
};
#define NR_KINDS	ARRAY_SIZE(kinds)

struct fuzz {
	uint64_t rng;
	struct kvm_vm *vm[2];	/* full irqchip, none */
	int handle[NR_HANDLES];
	int efd[NR_EVENTFDS];
	int null_fd, closed_fd;
	uint8_t arg[ARG_BYTES];
	unsigned long calls;	/* ioctls made */
	unsigned int kind;	/* of the last built call, an index of kinds[] */
	unsigned long made[NR_KINDS], succeeded[NR_KINDS];
	unsigned long failed_allocs;	/* calls with an injected failure */
};

/* xorshift64*: the whole run follows from the seed */
static uint64_t rnd(struct fuzz *f)
{
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return f->rng * 2685821657736338717ULL;
}

static uint32_t below(struct fuzz *f, uint32_t n)
{
	return rnd(f) % n;
}

static bool chance(struct fuzz *f, uint32_t percent)
{
	return below(f, 100) < percent;
}

/* Any kind of descriptor, eventfds most often. */
static int pick_fd(struct fuzz *f)
{
	switch (below(f, 12)) {
	case 0: return f->null_fd;
	case 1: return f->closed_fd;
	case 2: return f->vm[below(f, 2)]->fd;
	case 3: return f->handle[below(f, NR_HANDLES)];
	case 4: return below(f, 2) ? -1 : (int)rnd(f);
	default: return f->efd[below(f, NR_EVENTFDS)];
	}
}

static uint32_t pick_gsi(struct fuzz *f)
{
	switch (below(f, 10)) {
	case 0: return IRQWIRE_MAX_GSI - 1 + below(f, 2);
	case 1: return rnd(f);
	default: return below(f, 16);	/* small: calls meet each other's state */
	}
}

/* 0 (often the valid default), valid bits, or anything. */
static uint32_t pick_flags(struct fuzz *f, uint32_t valid)
{
	uint32_t p = below(f, 100);

	if (p < 40)
		return 0;
	if (p < 90)
		return rnd(f) & valid;
	return rnd(f);
}

/* A doorbell address from a small set, so deassigns and stats find some. */
static uint64_t pick_doorbell(struct fuzz *f, bool pio)
{
	if (chance(f, 3))
		return rnd(f);
	if (pio)
		return 0x6000 + 4 * below(f, 8);
	/* two pages, the second's end crossing into a third */
	return MMIO_BASE + 4 * below(f, 8) + 0x1000 * below(f, 2) +
	       (chance(f, 5) ? 0xffc : 0);
}

static void maybe_dirty(struct fuzz *f, void *pad, size_t len)
{
	if (len && chance(f, 3))
		((uint8_t *)pad)[below(f, len)] = rnd(f) | 1;
}

static void fill_entry(struct fuzz *f, struct irqwire_routing_entry *e)
{
	memset(e, 0, sizeof(*e));
	e->gsi = pick_gsi(f);
	if (chance(f, 50)) {
		e->type = IRQWIRE_ROUTING_MSI;
		e->u.msi.address_lo = 0xfee00000u | below(f, 4) << 12;
		e->u.msi.data = 0x40 + below(f, 8);
		if (chance(f, 5))
			e->u.msi.address_hi = rnd(f);
	} else {
		e->type = IRQWIRE_ROUTING_IRQCHIP;
		e->u.irqchip.irqchip = below(f, 4);
		e->u.irqchip.pin = below(f, 26);
	}
	if (chance(f, 3))
		e->type = rnd(f);
	if (chance(f, 2))
		e->flags = rnd(f);
	maybe_dirty(f, &e->pad, sizeof(e->pad));
}

/* Builds one call in f->arg; returns the ioctl number. */
static unsigned long build_call(struct fuzz *f)
{
	memset(f->arg, 0, ARG_BYTES);
	f->kind = below(f, NR_KINDS);
	switch (f->kind) {
	case 0: {
		struct irqwire_bind_vm *b = (void *)f->arg;

		b->vm_fd = chance(f, 70) ? f->vm[below(f, 2)]->fd : pick_fd(f);
		b->flags = pick_flags(f, 0);
		maybe_dirty(f, b->reserved, sizeof(b->reserved));
		return IRQWIRE_BIND_VM;
	}
	case 1: {
		struct irqwire_msi *m = (void *)f->arg;

		*m = irqwire_msi_fixed(below(f, 4), 0x40 + below(f, 8));
		if (chance(f, 10))
			m->address_lo = rnd(f);
		m->flags = pick_flags(f, 0);
		maybe_dirty(f, m->pad, sizeof(m->pad));
		return IRQWIRE_SIGNAL_MSI;
	}
	case 2: {
		struct irqwire_routing *r = (void *)f->arg;
		uint32_t i, n = below(f, MAX_ENTRIES + 1);

		for (i = 0; i < n; i++)
			fill_entry(f, &r->entries[i]);
		r->nr = chance(f, 5) ? rnd(f) : n;
		r->flags = pick_flags(f, 0);
		return IRQWIRE_SET_GSI_ROUTING;
	}
	case 3: {
		struct irqwire_routing *r = (void *)f->arg;

		r->nr = chance(f, 5) ? rnd(f) : below(f, 64);
		r->flags = pick_flags(f, 0);
		return IRQWIRE_GET_GSI_ROUTING;
	}
	case 4: {
		struct irqwire_gsi_route *g = (void *)f->arg;
		uint32_t i, n = below(f, IRQWIRE_MAX_ROUTES_PER_GSI + 2);

		g->gsi = pick_gsi(f);
		g->nr = n;
		for (i = 0; i < n && i < IRQWIRE_MAX_ROUTES_PER_GSI; i++) {
			fill_entry(f, &g->entries[i]);
			if (chance(f, 90))
				g->entries[i].gsi = g->gsi;
		}
		g->flags = pick_flags(f, 0);
		maybe_dirty(f, &g->pad, sizeof(g->pad));
		return IRQWIRE_ROUTE_SET;
	}
	case 5: {
		struct irqwire_gsi *g = (void *)f->arg;

		g->gsi = pick_gsi(f);
		g->flags = pick_flags(f, 0);
		return IRQWIRE_ROUTE_DEL;
	}
	case 6: {
		struct irqwire_irq_level *l = (void *)f->arg;

		l->gsi = pick_gsi(f);
		l->level = chance(f, 5) ? rnd(f) : below(f, 2);
		return IRQWIRE_IRQ_LINE;
	}
	case 7:
	case 8: {
		struct irqwire_irqfd *a = (void *)f->arg;

		a->fd = pick_fd(f);
		a->gsi = pick_gsi(f);
		a->flags = pick_flags(f, 0xf);
		if (a->flags & IRQWIRE_IRQFD_FLAG_RESAMPLE || chance(f, 2))
			a->resamplefd = pick_fd(f);
		maybe_dirty(f, a->pad, sizeof(a->pad));
		return IRQWIRE_IRQFD;
	}
	case 9: {
		struct irqwire_irqfd_stats *s = (void *)f->arg;

		s->fd = pick_fd(f);
		s->gsi = pick_gsi(f);
		s->flags = pick_flags(f, 0);
		maybe_dirty(f, &s->pad, sizeof(s->pad));
		return IRQWIRE_GET_IRQFD_STATS;
	}
	case 10:
	case 11: {
		struct irqwire_ioeventfd *a = (void *)f->arg;
		static const uint32_t lens[] = { 0, 1, 2, 4, 8 };

		a->flags = pick_flags(f, 0x7);
		a->len = chance(f, 5) ? rnd(f) : lens[below(f, 5)];
		a->addr = pick_doorbell(f, a->flags & IRQWIRE_IOEVENTFD_FLAG_PIO);
		if (a->flags & IRQWIRE_IOEVENTFD_FLAG_DATAMATCH || chance(f, 2))
			a->datamatch = below(f, 4);
		a->fd = pick_fd(f);
		maybe_dirty(f, a->pad, sizeof(a->pad));
		return IRQWIRE_IOEVENTFD;
	}
	case 12: {
		struct irqwire_ioeventfd_stats *s = (void *)f->arg;

		s->flags = pick_flags(f, 0x3);
		s->len = 1u << below(f, 4);
		s->addr = pick_doorbell(f, s->flags & IRQWIRE_IOEVENTFD_FLAG_PIO);
		s->datamatch = chance(f, 50) ? below(f, 4) : 0;
		maybe_dirty(f, &s->pad, sizeof(s->pad));
		return IRQWIRE_GET_IOEVENTFD_STATS;
	}
	default:
		/* an unknown command, or a known one with a wrong size */
		return _IOC(below(f, 4), chance(f, 80) ? IRQWIRE_IO : below(f, 256),
			    below(f, 256), below(f, 512));
	}
}

/* Errors the ioctl reference documents for a process that owns its VMs. */
static bool documented(int err)
{
	switch (err) {
	case EINVAL: case EBADF: case ENOENT: case EEXIST: case EBUSY:
	case ENOSPC: case ENOTTY: case ENOTCONN: case EFAULT: case ENXIO:
	case E2BIG: case ENOMEM:
		return true;
	}
	return false;
}

static int new_handle(struct fuzz *f)
{
	int fd = open(IRQWIRE_DEV, O_RDWR | O_CLOEXEC);
	struct irqwire_bind_vm b = { .vm_fd = f->vm[below(f, 2)]->fd };

	/* most handles come bound, so the bound paths get the calls */
	if (fd >= 0 && chance(f, 80))
		ioctl(fd, IRQWIRE_BIND_VM, &b);
	return fd;
}

/* Not an ioctl: signal, or close and reopen something. */
static void side_action(struct fuzz *f)
{
	int i;

	switch (below(f, 4)) {
	case 0:
	case 1:
		eventfd_write(f->efd[below(f, NR_EVENTFDS)], 1 + below(f, 3));
		break;
	case 2:
		i = below(f, NR_EVENTFDS);
		close(f->efd[i]);	/* EPOLLHUP for whatever it is hooked to */
		f->efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
		break;
	default:
		i = below(f, NR_HANDLES);
		close(f->handle[i]);	/* releases irqfds, doorbells, routes */
		f->handle[i] = new_handle(f);
		break;
	}
}

static void dump_call(struct __test_metadata *_metadata, struct fuzz *f,
		      unsigned long cmd, int h, int err)
{
	char hex[3 * 64 + 1];
	int i;

	for (i = 0; i < 64; i++)
		sprintf(hex + 3 * i, "%02x ", f->arg[i]);
	TH_LOG("call %lu: handle %d ioctl 0x%lx: errno %d (%s)", f->calls, h,
	       cmd, err, strerror(err));
	TH_LOG("argument: %s", hex);
}

/* Bounded by IRQWIRE_FUZZ_SECONDS; the harness's default 30 s is far less. */
#define TIMEOUT_S	500	/* below the runner's 600 (settings) */

FIXTURE(fuzz) {
};

FIXTURE_SETUP(fuzz)
{
}

FIXTURE_TEARDOWN(fuzz)
{
}

TEST_F_TIMEOUT(fuzz, every_ioctl, TIMEOUT_S)
{
	const char *env_seed = getenv("IRQWIRE_SEED");
	const char *env_calls = getenv("IRQWIRE_FUZZ_CALLS");
	const char *env_secs = getenv("IRQWIRE_FUZZ_SECONDS");
	unsigned long max_calls = env_calls ? strtoul(env_calls, NULL, 0) : 1000000;
	unsigned long secs = env_secs ? strtoul(env_secs, NULL, 0) : 300;
	uint64_t seed = env_seed ? strtoull(env_seed, NULL, 0) : time(NULL);
	struct fuzz *f = calloc(1, sizeof(*f));
	time_t end = time(NULL) + secs;
	bool can_fail, armed;
	unsigned long cmd;
	int i, h, r;

	ASSERT_NE(NULL, f);
	can_fail = fail_nth_arm();
	TH_LOG("seed %llu (IRQWIRE_SEED=%llu replays it)",
	       (unsigned long long)seed, (unsigned long long)seed);
	f->rng = seed * 2 + 1;
	f->vm[0] = vm_create(1);
	f->vm[1] = vm_create_barebones();
	for (i = 0; i < NR_EVENTFDS; i++)
		f->efd[i] = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	for (i = 0; i < NR_HANDLES; i++)
		f->handle[i] = new_handle(f);
	f->null_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
	f->closed_fd = dup(f->null_fd);
	close(f->closed_fd);

	while (f->calls < max_calls) {
		if (!(f->calls % 4096) && time(NULL) > end)
			break;
		if (chance(f, 4)) {
			side_action(f);
			continue;
		}
		f->calls++;
		h = below(f, NR_HANDLES);
		cmd = build_call(f);
		/* one call in ten with one of its first allocations failing */
		armed = can_fail && chance(f, 10);
		if (armed)
			fail_nth_set(1 + below(f, 8));
		r = ioctl(f->handle[h], cmd, f->arg);
		if (armed && fail_nth_fired())
			f->failed_allocs++;
		if (r < 0 && !documented(errno)) {
			dump_call(_metadata, f, cmd, h, errno);
			ASSERT_TRUE(documented(errno));
		}
		/* with a non-NULL argument it is EINVAL, as documented */
		if (cmd == IRQWIRE_GET_API_VERSION && r >= 0)
			ASSERT_EQ(IRQWIRE_API_VERSION, r);
		f->made[f->kind]++;
		f->succeeded[f->kind] += r >= 0;
	}
	TH_LOG("%lu ioctls; succeeded/made per kind:", f->calls);
	if (can_fail)
		TH_LOG("%lu of them with an allocation failure injected", f->failed_allocs);
	for (i = 0; i < NR_KINDS; i++)
		TH_LOG("  %-16s %lu/%lu", kinds[i], f->succeeded[i], f->made[i]);
	EXPECT_LE(max_calls, f->calls) TH_LOG("stopped by the %lu s bound", secs);

	for (i = 0; i < NR_HANDLES; i++)
		close(f->handle[i]);
	for (i = 0; i < NR_EVENTFDS; i++)
		close(f->efd[i]);
	close(f->null_fd);
	kvm_vm_free(f->vm[0]);
	kvm_vm_free(f->vm[1]);
	free(f);
}

IRQWIRE_TEST_HARNESS_MAIN
