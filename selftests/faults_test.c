// SPDX-License-Identifier: GPL-2.0
/*
 * faults_test: every allocation of every irqwire call that allocates,
 * failed once, as syzkaller's fail-nth does. For N = 1, 2, ... the N-th
 * slab or page allocation of the calling task fails
 * (/proc/thread-self/fail-nth, failslab and fail_page_alloc with GFP_KERNEL
 * allocations included); the loop ends when a call makes fewer than N
 * allocations. After each injected failure the call returned ENOMEM
 * (Documentation/api.rst) and the VM's state reads back byte for byte as
 * before (irqwire_state_snapshot: routing table, debugfs, irqwire's
 * records with counters), or, where irqwire tolerates the failure (a
 * fallback), the call succeeded and is undone. At the end every object
 * still works: the guest counts an interrupt from each irqfd, each
 * doorbell signals its eventfd. The module's own load gets the same
 * loop, but for the kernel's own setup of the module's trace events
 * (module_load below). kmemleak then runs over all of it (the lane's
 * kmemleak-check).
 *
 * Needs a kernel with CONFIG_FAULT_INJECTION, FAILSLAB, FAIL_PAGE_ALLOC
 * and their debugfs knobs: the lane's debug kernel. Skipped elsewhere.
 * Memory is locked (mlockall) so that no page fault of this process
 * allocates inside a call.
 */
#include <fcntl.h>
#include <glob.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>

#include "kvm_harness.h"
#include "guest_doorbell.h"
#include "fail_nth.h"
#include "guest_rx.h"
#include "irqwire_state.h"
#include "irqwire_test.h"
#include "module_load.h"

#define VEC		RX_VEC_BASE
#define MSI_GSI		40
#define PIN_GSI		5
#define BIG		IRQWIRE_MAX_ROUTING_ENTRIES
/* the debug kernel under TCG: minutes, not the harness's 30 s */
#define TIMEOUT_S	900

static unsigned long injected, calls, tolerated;

typedef int (*call_fn)(void *self);
typedef void (*undo_fn)(void *self);

struct faulty_call {
	const char *name;
	int fd, vm_fd;		/* whose state must not change */
	call_fn call;		/* 0 or -errno */
	undo_fn undo;		/* takes a success back; NULL: changes nothing */
	const char *before;	/* the state before any call */
};

enum { POINT_PAST_END, POINT_TRIED };

/*
 * The call with its @n-th allocation failed: ENOMEM and the state as
 * before, or (a fallback) success, taken back. POINT_PAST_END when the
 * call made fewer than @n allocations (it then succeeded).
 */
static int try_point(struct __test_metadata *_metadata, struct faulty_call *fc,
		     void *self, int n)
{
	char *after;
	int ret;

	fail_nth_set(n);
	ret = fc->call(self);
	calls++;
	if (!fail_nth_fired()) {
		EXPECT_EQ(0, ret) TH_LOG("%s: %d with no failure injected", fc->name, ret);
		if (!ret && fc->undo)
			fc->undo(self);
		return POINT_PAST_END;
	}
	injected++;
	if (!ret) {
		/* irqwire fell back (kvmalloc's vmalloc, the hash path, ...) */
		tolerated++;
		if (fc->undo)
			fc->undo(self);
	} else {
		EXPECT_EQ(-ENOMEM, ret) TH_LOG("%s, allocation %d failed", fc->name, n);
	}
	after = irqwire_state_snapshot(fc->fd, fc->vm_fd);
	EXPECT_STREQ(fc->before, after) TH_LOG("%s, allocation %d failed", fc->name, n);
	free(after);
	return POINT_TRIED;
}

/*
 * Every failure point of one call, N = 1, 2, ... until the call makes
 * fewer than N allocations. Returns how many points were tried.
 */
static unsigned long fail_each(struct __test_metadata *_metadata,
			       struct faulty_call *fc, void *self)
{
	unsigned long points = 0;
	int n;

	fc->before = irqwire_state_snapshot(fc->fd, fc->vm_fd);
	ASSERT_NE(NULL, fc->before);
	for (n = 1; _metadata->passed; n++) {
		if (try_point(_metadata, fc, self, n) == POINT_PAST_END)
			break;
		points++;
	}
	free((char *)fc->before);
	TH_LOG("%s: %lu allocation failures", fc->name, points);
	ASSERT_LT(0, points) TH_LOG("%s allocated nothing?", fc->name);
	return points;
}

static void summary(struct __test_metadata *_metadata)
{
	TH_LOG("%lu allocation failures injected in %lu calls, nothing lost (%lu tolerated)",
	       injected, calls, tolerated);
}

/* A bound VM with two routes, an irqfd, a resampling irqfd, a guest. */
FIXTURE(irq) {
	int fd, efd, lfd, rfd, new_efd, new_lfd, new_rfd, spare, skip;
	struct kvm_vm *vm, *unbound;
	struct kvm_vcpu *vcpu;
	struct irqwire_routing_entry table[2];
	/* built before any call: nothing of this process allocates inside one */
	struct irqwire_routing *rt_table, *rt_small, *rt_big;
	char *buf, debugfs[3][128];
};

static struct irqwire_routing *routing_arg(const struct irqwire_routing_entry *e,
					   unsigned int nr)
{
	struct irqwire_routing *rt = calloc(1, sizeof(*rt) + nr * sizeof(*e));

	rt->nr = nr;
	memcpy(rt->entries, e, nr * sizeof(*e));
	return rt;
}

FIXTURE_SETUP(irq)
{
	static const char * const files[] = { "routes", "irqfds", "ioeventfds" };
	struct irqwire_routing_entry small[3], *big;
	char pattern[128];
	glob_t g;
	int i;

	self->skip = !fail_nth_arm();
	if (self->skip)
		return;
	self->fd = irqwire_open(_metadata);
	self->vm = rx_create_vm(1, true, &self->vcpu);
	self->unbound = vm_create_barebones();
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	self->table[0] = irqwire_route_irqchip(PIN_GSI, IRQWIRE_IRQCHIP_IOAPIC, PIN_GSI);
	self->table[1] = irqwire_route_msi(MSI_GSI, 0, VEC);
	ASSERT_EQ(0, __irqwire_set_routing(self->fd, self->table, 2));
	self->rt_table = routing_arg(self->table, 2);
	small[0] = self->table[0];
	small[1] = irqwire_route_msi(MSI_GSI, 0, VEC + 1);
	small[2] = irqwire_route_msi(MSI_GSI + 1, 0, VEC + 2);
	self->rt_small = routing_arg(small, 3);
	big = calloc(BIG, sizeof(*big));
	for (i = 0; i < BIG; i++)
		big[i] = irqwire_route_msi(i, 0, VEC + i % 16);
	self->rt_big = routing_arg(big, BIG);
	free(big);
	self->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->lfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->rfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->new_efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->new_lfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->new_rfd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ASSERT_EQ(0, __irqwire_irqfd(self->fd, self->efd, MSI_GSI, 0));
	ASSERT_EQ(0, __irqwire_irqfd_resample(self->fd, self->lfd, PIN_GSI, self->rfd));
	self->spare = irqwire_open(_metadata);
	self->buf = calloc(1, 1 << 20);
	for (i = 0; i < 3; i++) {
		snprintf(pattern, sizeof(pattern), "/sys/kernel/debug/irqwire/vm*-pid%d/%s",
			 getpid(), files[i]);
		ASSERT_EQ(0, glob(pattern, 0, NULL, &g));
		snprintf(self->debugfs[i], sizeof(self->debugfs[i]), "%s", g.gl_pathv[0]);
		globfree(&g);
	}
}

FIXTURE_TEARDOWN(irq)
{
	if (self->skip)
		return;
	fail_nth_set(0);
	close(self->spare);
	close(self->fd);
	kvm_vm_free(self->unbound);
	kvm_vm_free(self->vm);
}

static int bind_call(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	return __irqwire_bind(self->spare, self->unbound->fd);
}

static void bind_undo(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	int fd = open("/dev/irqwire", O_RDWR | O_CLOEXEC);

	/* the last handle of a VM frees irqwire's state of it; same number */
	if (fd < 0 || dup2(fd, self->spare) < 0)
		abort();
	close(fd);
}

static int replace_small(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	return __irqwire_ioctl(self->fd, IRQWIRE_SET_GSI_ROUTING, self->rt_small);
}

static int replace_big(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	return __irqwire_ioctl(self->fd, IRQWIRE_SET_GSI_ROUTING, self->rt_big);
}

static void replace_undo(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	if (__irqwire_ioctl(self->fd, IRQWIRE_SET_GSI_ROUTING, self->rt_table))
		abort();
}

static int gsi_set(void *s)
{
	FIXTURE_DATA(irq) *self = s;
	struct irqwire_routing_entry r = irqwire_route_msi(100, 0, VEC);

	/* past the table's end: the table grows */
	return __irqwire_route_set(self->fd, 100, &r, 1);
}

static void gsi_undo(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	if (__irqwire_route_del(self->fd, 100))
		abort();
}

static int irqfd_assign(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	return __irqwire_irqfd(self->fd, self->new_efd, MSI_GSI, 0);
}

static void irqfd_undo(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	if (__irqwire_irqfd(self->fd, self->new_efd, MSI_GSI, IRQWIRE_IRQFD_FLAG_DEASSIGN))
		abort();
}

static int resample_assign(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	return __irqwire_irqfd_resample(self->fd, self->new_lfd, PIN_GSI, self->new_rfd);
}

static void resample_undo(void *s)
{
	FIXTURE_DATA(irq) *self = s;

	if (__irqwire_irqfd(self->fd, self->new_lfd, PIN_GSI, IRQWIRE_IRQFD_FLAG_DEASSIGN))
		abort();
}

static int inspect_call(FIXTURE_DATA(irq) *self, __u32 what)
{
	struct irqwire_inspect in = {
		.vm_fd = self->vm->fd, .what = what, .nr = 64,
		.records = (unsigned long)self->buf,
	};

	return __irqwire_ioctl(self->fd, IRQWIRE_INSPECT_VM, &in);
}

static int inspect_kvm_bus(void *s)
{
	return inspect_call(s, IRQWIRE_INSPECT_BUS_DEVICES);
}

static int inspect_wire_irqfds(void *s)
{
	return inspect_call(s, IRQWIRE_INSPECT_WIRE_IRQFDS);
}

/* Reads one debugfs file of this VM whole: 0 or -errno. */
static int debugfs_read(const char *path)
{
	char buf[4096];
	int fd, ret = 0;
	ssize_t n;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		;
	if (n < 0)
		ret = -errno;
	close(fd);
	return ret;
}

static int read_routes(void *s)
{
	return debugfs_read(((FIXTURE_DATA(irq) *)s)->debugfs[0]);
}

static int read_irqfds(void *s)
{
	return debugfs_read(((FIXTURE_DATA(irq) *)s)->debugfs[1]);
}

static int read_ioeventfds(void *s)
{
	return debugfs_read(((FIXTURE_DATA(irq) *)s)->debugfs[2]);
}

TEST_F_TIMEOUT(irq, every_allocation_failed_once, TIMEOUT_S)
{
	if (self->skip)
		SKIP(return, "no fault injection in this kernel (the debug kernel has it)");
	struct faulty_call calls_[] = {
		/* the new VM's state: the spare handle's and the unbound VM's */
		{ "bind", self->spare, self->unbound->fd, bind_call, bind_undo },
		{ "full replace, 3 entries", self->fd, self->vm->fd, replace_small, replace_undo },
		{ "full replace, 4096 entries", self->fd, self->vm->fd, replace_big, replace_undo },
		{ "per-GSI set", self->fd, self->vm->fd, gsi_set, gsi_undo },
		{ "irqfd assign", self->fd, self->vm->fd, irqfd_assign, irqfd_undo },
		{ "resampling irqfd assign", self->fd, self->vm->fd, resample_assign, resample_undo },
		{ "INSPECT_VM, KVM's bus devices", self->fd, self->vm->fd, inspect_kvm_bus, NULL },
		{ "INSPECT_VM, irqwire's irqfds", self->fd, self->vm->fd, inspect_wire_irqfds, NULL },
		{ "debugfs routes", self->fd, self->vm->fd, read_routes, NULL },
		{ "debugfs irqfds", self->fd, self->vm->fd, read_irqfds, NULL },
		{ "debugfs ioeventfds", self->fd, self->vm->fd, read_ioeventfds, NULL },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(calls_) && _metadata->passed; i++)
		fail_each(_metadata, &calls_[i], self);
	/* everything still works: the unbound VM binds, the irqfd delivers */
	ASSERT_EQ(0, bind_call(self));
	ASSERT_EQ(0, irqfd_assign(self));
	ASSERT_EQ(0, eventfd_write(self->new_efd, 1));
	rx_wait(self->vcpu);
	ASSERT_EQ(1, rx_count(self->vm, 0, VEC));
	ASSERT_EQ(0, eventfd_write(self->efd, 1));
	rx_wait(self->vcpu);
	ASSERT_EQ(2, rx_count(self->vm, 0, VEC));
	summary(_metadata);
}

/* A bound VM with one doorbell, and the guest that rings doorbells. */
#define DB_A		(DB_MMIO_BASE + 0x8)
#define DB_SAME_PAGE	(DB_MMIO_BASE + 0x10)
#define DB_NEW_PAGE	(DB_MMIO_BASE + 0x3000)
#define DB_PORT		0x5b0

FIXTURE(db) {
	int fd, a, same, page, port, skip;
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
};

FIXTURE_SETUP(db)
{
	self->skip = !fail_nth_arm();
	if (self->skip)
		return;
	self->fd = irqwire_open(_metadata);
	self->vm = db_create_vm(&self->vcpu);
	ASSERT_EQ(0, __irqwire_bind(self->fd, self->vm->fd));
	self->a = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->same = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->page = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	self->port = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	ASSERT_EQ(0, __irqwire_ioeventfd(self->fd, self->a, DB_A, 4, 0, 0));
}

FIXTURE_TEARDOWN(db)
{
	if (self->skip)
		return;
	fail_nth_set(0);
	close(self->fd);
	kvm_vm_free(self->vm);
}

static int db_same_page(void *s)
{
	FIXTURE_DATA(db) *self = s;

	return __irqwire_ioeventfd(self->fd, self->same, DB_SAME_PAGE, 4, 0, 0);
}

static void db_same_page_undo(void *s)
{
	FIXTURE_DATA(db) *self = s;

	if (__irqwire_ioeventfd(self->fd, self->same, DB_SAME_PAGE, 4,
				IRQWIRE_IOEVENTFD_FLAG_DEASSIGN, 0))
		abort();
}

static int db_new_page(void *s)
{
	FIXTURE_DATA(db) *self = s;

	return __irqwire_ioeventfd(self->fd, self->page, DB_NEW_PAGE, 4, 0, 0);
}

static void db_new_page_undo(void *s)
{
	FIXTURE_DATA(db) *self = s;

	if (__irqwire_ioeventfd(self->fd, self->page, DB_NEW_PAGE, 4,
				IRQWIRE_IOEVENTFD_FLAG_DEASSIGN, 0))
		abort();
}

static int db_port(void *s)
{
	FIXTURE_DATA(db) *self = s;

	return __irqwire_ioeventfd(self->fd, self->port, DB_PORT, 2,
				   IRQWIRE_IOEVENTFD_FLAG_PIO, 0);
}

static void db_port_undo(void *s)
{
	FIXTURE_DATA(db) *self = s;

	if (__irqwire_ioeventfd(self->fd, self->port, DB_PORT, 2,
				IRQWIRE_IOEVENTFD_FLAG_PIO | IRQWIRE_IOEVENTFD_FLAG_DEASSIGN, 0))
		abort();
}

TEST_F_TIMEOUT(db, every_allocation_failed_once, TIMEOUT_S)
{
	if (self->skip)
		SKIP(return, "no fault injection in this kernel (the debug kernel has it)");
	struct faulty_call calls_[] = {
		{ "doorbell, existing page device", self->fd, self->vm->fd,
		  db_same_page, db_same_page_undo },
		{ "doorbell, new page device (MMIO bus copy)", self->fd, self->vm->fd,
		  db_new_page, db_new_page_undo },
		{ "doorbell, new port (PIO bus copy)", self->fd, self->vm->fd,
		  db_port, db_port_undo },
	};
	struct db_write w[] = {
		db_mmio(DB_A, 4, 1), db_mmio(DB_SAME_PAGE, 4, 2),
		db_mmio(DB_NEW_PAGE, 4, 3), db_pio(DB_PORT, 2, 4),
	};
	struct db_exit exits[4];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(calls_) && _metadata->passed; i++)
		fail_each(_metadata, &calls_[i], self);
	/* every doorbell assigned for good, each rung once, each signalled */
	ASSERT_EQ(0, db_same_page(self));
	ASSERT_EQ(0, db_new_page(self));
	ASSERT_EQ(0, db_port(self));
	ASSERT_EQ(0, db_run(self->vcpu, w, ARRAY_SIZE(w), exits, ARRAY_SIZE(exits)));
	ASSERT_EQ(1, efd_counter(self->a));
	ASSERT_EQ(1, efd_counter(self->same));
	ASSERT_EQ(1, efd_counter(self->page));
	ASSERT_EQ(1, efd_counter(self->port));
	summary(_metadata);
}

/*
 * Kernel log lines of the module loader's trace-event setup for the
 * module's events (tracefs entries, event fields) or of the static-call
 * setup right after it, since the last call.
 */
static bool trace_setup_logged(int kmsg)
{
	char rec[1024];
	bool seen = false;
	ssize_t n;

	while ((n = read(kmsg, rec, sizeof(rec) - 1)) > 0 || (n < 0 && errno == EPIPE)) {
		if (n <= 0)
			continue;
		rec[n] = '\0';
		seen |= strstr(rec, "tracefs") || strstr(rec, "trace point") ||
			strstr(rec, "error code is") || strstr(rec, "system directory") ||
			strstr(rec, "event subsystem") || strstr(rec, "static calls");
	}
	return seen;
}

enum { LOAD_PAST_END, LOAD_TRIED, LOAD_IN_TRACE_SETUP };
/* how many allocations fewer than the first a load may make */
#define LOAD_SHIFT	8

FIXTURE(nothing) {
};

FIXTURE_SETUP(nothing)
{
}

FIXTURE_TEARDOWN(nothing)
{
}

/* finit_module with its @n-th allocation failed; the module unloaded after. */
static int load_point(struct __test_metadata *_metadata, int fd, int kmsg, int n)
{
	bool fired;
	int ret;

	fail_nth_set(n);
	ret = syscall(__NR_finit_module, fd, "", 0) ? -errno : 0;
	fired = fail_nth_fired();
	calls++;
	if (!ret)
		EXPECT_EQ(0, __irqwire_module_unload());
	if (!fired) {
		EXPECT_EQ(0, ret);
		return LOAD_PAST_END;
	}
	injected++;
	if (!ret)
		tolerated++;	/* a failed sysfs or tracefs entry, say */
	else
		EXPECT_EQ(-ENOMEM, ret) TH_LOG("allocation %d failed", n);
	EXPECT_NE(0, access("/sys/module/irqwire", F_OK)) TH_LOG("allocation %d", n);
	EXPECT_NE(0, access("/dev/irqwire", F_OK)) TH_LOG("allocation %d", n);
	return trace_setup_logged(kmsg) ? LOAD_IN_TRACE_SETUP : LOAD_TRIED;
}

/*
 * The module's own load, failed at each allocation: ENOMEM (or a load
 * that tolerates it), nothing left behind. From the first allocation
 * forward and from the last backward, up to the kernel's setup of the
 * module's trace events in between: that kernel code (not irqwire's)
 * WARNs on a failed field allocation (event_define_fields() in 6.1), so
 * its allocations are left out; the loader's messages mark the region,
 * from its neighbour on (the static-call setup). Slab allocations only:
 * with page allocations counted, the slab's refills shift the N-th
 * allocation from load to load, and a sweep could step over the marks.
 */
TEST_F_TIMEOUT(nothing, module_load, TIMEOUT_S)
{
	const char *ko = getenv("IRQWIRE_KO");
	int fd, kmsg, n, ret, total, before = 0, after = 0, misses = 0;

	if (!fail_nth_arm())
		SKIP(return, "no fault injection in this kernel (the debug kernel has it)");
	ASSERT_NE(NULL, ko) TH_LOG("IRQWIRE_KO unset");
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	kmsg = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ASSERT_LE(0, kmsg);
	ASSERT_EQ(0, (int)lseek(kmsg, 0, SEEK_END));
	ASSERT_TRUE(fail_nth_pages(false));
	ASSERT_EQ(0, __irqwire_module_unload());

	/* how many allocations a whole load makes */
	fail_nth_set(1 << 30);
	ASSERT_EQ(0, syscall(__NR_finit_module, fd, "", 0));
	total = fail_nth_made(1 << 30);
	ASSERT_EQ(0, __irqwire_module_unload());
	trace_setup_logged(kmsg);

	for (n = 1; n <= total && _metadata->passed; n++, before++)
		if (load_point(_metadata, fd, kmsg, n) != LOAD_TRIED)
			break;
	/*
	 * A load may make a few allocations fewer than the first one did
	 * (vmalloc allocates its bookkeeping only when its free space needs
	 * splitting): a point past this load's end is skipped, not the end.
	 */
	for (n = total; n > before + 1 && _metadata->passed; n--) {
		ret = load_point(_metadata, fd, kmsg, n);
		if (ret == LOAD_PAST_END && ++misses <= LOAD_SHIFT)
			continue;
		if (ret != LOAD_TRIED)
			break;
		after++;
	}
	TH_LOG("module load: %d slab allocations, %d failed from the first, %d from the last (%d past a load's end)",
	       total, before, after, misses);
	fail_nth_pages(true);
	close(kmsg);
	close(fd);
	/* loaded again before any verdict: the tests after this one need it */
	irqwire_module_load(_metadata);
	close(irqwire_open(_metadata));
	summary(_metadata);
	ASSERT_LT(0, before);
	ASSERT_LT(0, after);
}

IRQWIRE_TEST_HARNESS_MAIN
