// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire bench: irqwire's paths against KVM's own, side by side in one
 * run. Every case runs its variants interleaved (one batch of each, then
 * the next repetition), after a warm-up batch, so drift and noise hit
 * both sides alike; each figure is the median over the repetitions with
 * its min and max, and each irqwire figure is also given as a ratio to
 * its KVM counterpart from the same run. Under TCG only the ratios mean
 * anything. Documentation/performance.rst describes the cases.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/utsname.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_doorbell.h"
#include "guest_rx.h"
#include "irqwire_test.h"
#include "bench.h"
#include "cmd.h"
#include "paths.h"

/* The series @group/@name, or NULL. */
struct series *series_find(struct bench *b, const char *group,
				  const char *name)
{
	int i;

	for (i = 0; i < b->nr; i++)
		if (!strcmp(b->s[i].group, group) && !strcmp(b->s[i].name, name))
			return &b->s[i];
	return NULL;
}

/* The series @group/@name, added (in report order) on first use. */
static struct series *series(struct bench *b, const char *group,
			     const char *name, const char *baseline)
{
	struct series *s = series_find(b, group, name);

	if (s)
		return s;
	if (b->nr == MAX_SERIES)
		abort();
	s = &b->s[b->nr++];
	snprintf(s->group, sizeof(s->group), "%s", group);
	snprintf(s->name, sizeof(s->name), "%s", name);
	snprintf(s->baseline, sizeof(s->baseline), "%s", baseline ? baseline : "");
	return s;
}

/* Records @value, unless this is the warm-up (@rep < 0). */
void record_value(struct bench *b, int rep, const char *group,
			 const char *name, const char *baseline, double value)
{
	struct series *s = series(b, group, name, baseline);

	if (rep >= 0 && s->n < MAX_REPS)
		s->us[s->n++] = value;
}

/* Records @seconds for @ops operations as microseconds per operation. */
static void record(struct bench *b, int rep, const char *group, const char *name,
		   const char *baseline, double seconds, unsigned long ops)
{
	record_value(b, rep, group, name, baseline, seconds * 1e6 / ops);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

double median_sort(double *v, int n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(v[0]), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double median(struct series *s)
{
	double v[MAX_REPS];

	memcpy(v, s->us, s->n * sizeof(v[0]));
	return median_sort(v, s->n);
}

void spread(struct series *s, double *lo, double *hi)
{
	int i;

	*lo = *hi = s->n ? s->us[0] : 0;
	for (i = 1; i < s->n; i++) {
		*lo = s->us[i] < *lo ? s->us[i] : *lo;
		*hi = s->us[i] > *hi ? s->us[i] : *hi;
	}
}

double ratio(struct bench *b, struct series *s)
{
	struct series *base;

	if (!s->baseline[0])
		return 0;
	base = series_find(b, s->group, s->baseline);
	return base && median(base) ? median(s) / median(base) : 0;
}

/* ---- case 1: guest-acked injection round trips ------------------------ */

#define LINE_PIN	10
#define VEC_LINE	(RX_VEC_BASE + 0)
#define VEC_KVM		(RX_VEC_BASE + 1)
#define VEC_IRQWIRE	(RX_VEC_BASE + 2)
#define GSI_KVM		30
#define GSI_IRQWIRE	31

const struct inject_name inject_names[INJ_NR] = {
	[INJ_KVM_IRQFD] = { "kvm_irqfd" },
	[INJ_IRQWIRE_IRQFD] = { "irqwire_irqfd", "kvm_irqfd" },
	[INJ_KVM_MSI] = { "kvm_signal_msi" },
	[INJ_IRQWIRE_MSI] = { "irqwire_signal_msi", "kvm_signal_msi" },
	[INJ_KVM_LINE] = { "kvm_irq_line" },
	[INJ_IRQWIRE_LINE] = { "irqwire_irq_line", "kvm_irq_line" },
};

int inject_vm_create(struct inject_vm *v, bool x2apic)
{
	struct irqwire_routing_entry kvm_rt[2] = {
		irqwire_route_irqchip(LINE_PIN, IRQWIRE_IRQCHIP_IOAPIC, LINE_PIN),
		irqwire_route_msi(GSI_KVM, 0, VEC_KVM),
	};
	struct irqwire_routing_entry iw_rt[2] = {
		irqwire_route_irqchip(LINE_PIN, IRQWIRE_IRQCHIP_IOAPIC, LINE_PIN),
		irqwire_route_msi(GSI_IRQWIRE, 0, VEC_IRQWIRE),
	};
	struct kvm_irqfd kfd = { .gsi = GSI_KVM };

	v->fd = tool_open_irqwire();
	if (v->fd < 0)
		return -1;
	v->vm = vm_create(1);
	rx_vm_setup(v->vm, x2apic);
	rx_vm_ioapic_entry(v->vm, LINE_PIN, VEC_LINE, 0);
	v->vcpu = rx_add_vcpu(v->vm, 0);
	v->kvm_efd = eventfd(0, EFD_CLOEXEC);
	v->iw_efd = eventfd(0, EFD_CLOEXEC);
	kfd.fd = v->kvm_efd;
	return irqwire_bind(v->fd, v->vm->fd) ||
	       kvm_set_routing(v->vm, kvm_rt, 2) ||
	       __vm_ioctl(v->vm, KVM_IRQFD, &kfd) ||
	       irqwire_set_routing(v->fd, iw_rt, 2) ||
	       irqwire_irqfd(v->fd, v->iw_efd, GSI_IRQWIRE, 0);
}

void inject_vm_free(struct inject_vm *v)
{
	close(v->fd);
	close(v->kvm_efd);
	close(v->iw_efd);
	kvm_vm_free(v->vm);
}

static int inject_one(struct inject_vm *v, enum inject_kind k)
{
	switch (k) {
	case INJ_KVM_IRQFD:
		return eventfd_write(v->kvm_efd, 1);
	case INJ_IRQWIRE_IRQFD:
		return eventfd_write(v->iw_efd, 1);
	case INJ_KVM_MSI:
		return kvm_signal_msi(v->vm, 0, VEC_KVM) == 1 ? 0 : -1;
	case INJ_IRQWIRE_MSI:
		return irqwire_signal_msi(v->fd, 0, VEC_IRQWIRE) == 1 ? 0 : -1;
	case INJ_KVM_LINE:	/* an edge: assert and deassert, as QEMU does */
		kvm_irq_line(v->vm, LINE_PIN, 1);	/* asserts success */
		kvm_irq_line(v->vm, LINE_PIN, 0);
		return 0;
	case INJ_IRQWIRE_LINE:
		return irqwire_irq_line(v->fd, LINE_PIN, 1) < 0 ||
		       irqwire_irq_line(v->fd, LINE_PIN, 0) < 0 ? -1 : 0;
	}
	return -1;
}

int inject_interleaved(struct inject_vm *v, enum inject_kind first,
		       enum inject_kind last, int n, double *seconds,
		       const char *comm)
{
	char name[32];
	enum inject_kind k;
	double t0;
	int i;

	for (k = first; k <= last; k++)
		seconds[k] = 0;
	for (i = 0; i < n; i++) {
		for (k = first; k <= last; k++) {
			if (comm) {
				snprintf(name, sizeof(name), "%s%d", comm, k);
				prctl(PR_SET_NAME, name);
			}
			t0 = now();
			if (inject_one(v, k)) {
				fprintf(stderr, "irqwire bench: %s failed\n",
					inject_names[k].name);
				return -1;
			}
			rx_wait(v->vcpu);
			seconds[k] += now() - t0;
		}
	}
	return 0;
}

static int bench_inject(struct bench *b)
{
	double t[INJ_NR];
	struct inject_vm v;
	enum inject_kind k;
	int rep;

	if (inject_vm_create(&v, b->x2apic)) {
		perror("irqwire bench: injection VM");
		return -1;
	}
	for (rep = -1; rep < b->reps; rep++) {
		if (inject_interleaved(&v, INJ_KVM_IRQFD, INJ_IRQWIRE_LINE, b->batch,
				       t, NULL))
			return -1;
		for (k = INJ_KVM_IRQFD; k <= INJ_IRQWIRE_LINE; k++)
			record(b, rep, "inject", inject_names[k].name,
			       inject_names[k].baseline, t[k], b->batch);
	}
	inject_vm_free(&v);
	return 0;
}

/* ---- case 2: doorbells, and the floor of every round trip ------------- */

#define DB_KVM		(DB_MMIO_BASE + 0x0000)
#define DB_IRQWIRE	(DB_MMIO_BASE + 0x1000)
#define DB_NONE		(DB_MMIO_BASE + 0x2000)	/* no device: KVM_EXIT_MMIO */
#define DB_PORT		0x510			/* no device: KVM_EXIT_IO */
#define DB_WRITES	512

static struct db_write db_writes_to[DB_WRITES];
static struct db_exit db_exits[DB_WRITES];

/* @n guest writes to @addr in one KVM_RUN sequence; seconds. */
static double doorbell_batch(struct kvm_vcpu *vcpu, uint64_t addr, bool pio, int n)
{
	double t0;
	int i;

	for (i = 0; i < n; i++)
		db_writes_to[i] = pio ? db_pio(addr, 4, i) : db_mmio(addr, 4, i);
	t0 = now();
	db_run(vcpu, db_writes_to, n, db_exits, DB_WRITES);
	return now() - t0;
}

static int bench_doorbell(struct bench *b)
{
	struct kvm_ioeventfd kdb = { .addr = DB_KVM, .len = 4 };
	int fd = tool_open_irqwire(), efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	double t0;
	int rep, i;

	if (fd < 0)
		return -1;
	vm = db_create_vm(&vcpu);
	kdb.fd = efd;
	if (irqwire_bind(fd, vm->fd) || __vm_ioctl(vm, KVM_IOEVENTFD, &kdb) ||
	    irqwire_ioeventfd(fd, efd, DB_IRQWIRE, 4, 0, 0)) {
		perror("irqwire bench: doorbell VM");
		return -1;
	}
	for (rep = -1; rep < b->reps; rep++) {
		record(b, rep, "doorbell", "kvm_ioeventfd", NULL,
		       doorbell_batch(vcpu, DB_KVM, false, DB_WRITES), DB_WRITES);
		record(b, rep, "doorbell", "irqwire_ioeventfd", "kvm_ioeventfd",
		       doorbell_batch(vcpu, DB_IRQWIRE, false, DB_WRITES), DB_WRITES);
		record(b, rep, "doorbell", "kvm_exit_mmio", NULL,
		       doorbell_batch(vcpu, DB_NONE, false, DB_WRITES), DB_WRITES);
		record(b, rep, "doorbell", "kvm_exit_io", NULL,
		       doorbell_batch(vcpu, DB_PORT, true, DB_WRITES), DB_WRITES);
		/*
		 * The floor of every round trip: KVM_RUN into a guest that
		 * finds no writes to do and syncs at once (db_run() would also
		 * copy its write list into the guest).
		 */
		db_run(vcpu, NULL, 0, NULL, 0);
		t0 = now();
		for (i = 0; i < b->batch; i++) {
			vcpu_run(vcpu);
			if (get_ucall(vcpu, NULL) != UCALL_SYNC)
				return -1;
		}
		record(b, rep, "floor", "vcpu_run_sync", NULL, now() - t0, b->batch);
		while (efd_counter(efd) > 0)
			;
	}
	close(efd);
	close(fd);
	kvm_vm_free(vm);
	return 0;
}

/* ---- case 3: doorbell -> relay thread -> irqfd ping-pong -------------- */

static int bench_pingpong(struct bench *b)
{
	static const char * const names[2] = { "kvm_pingpong", "irqwire_pingpong" };
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct relay r;
	int rep, side, fd;
	double t;

	for (rep = -1; rep < b->reps; rep++) {
		for (side = 0; side < 2; side++) {
			fd = side ? tool_open_irqwire() : -1;
			memset(&r, 0, sizeof(r));
			vm = pingpong_vm(fd, &r, b->batch, RX_VEC_BASE, b->x2apic, &vcpu);
			if (!vm) {
				perror("irqwire bench: ping-pong VM");
				return -1;
			}
			t = pingpong_run(vcpu, &r);
			if (r.bad || rx_count(vm, 0, RX_VEC_BASE) != (uint32_t)b->batch) {
				fprintf(stderr, "irqwire bench: %s lost interrupts\n", names[side]);
				return -1;
			}
			record(b, rep, "pingpong", names[side], side ? names[0] : NULL,
			       t, b->batch);
			pingpong_vm_free(vm, &r, fd);
		}
	}
	return 0;
}

/* ---- case 4: changing one MSI route in tables of many ----------------- */

static const int table_sizes[] = { 1, 64, 1024, 4096 };
#define ROUTE_CHANGES	16

/*
 * ROUTE_CHANGES calls, each re-pointing GSI 0 at the other vector: KVM's
 * full replace of @n entries (@fd < 0), irqwire's, or irqwire's per-GSI
 * update (@per_gsi).
 */
static int route_changes(struct bench *b, int rep, struct kvm_vm *vm, int fd,
			 struct irqwire_routing_entry *e, int n, bool per_gsi,
			 const char *name, const char *baseline)
{
	double t0 = now();
	int i, err;

	for (i = 0; i < ROUTE_CHANGES; i++) {
		e[0].u.msi.data = RX_VEC_BASE + (i & 1);
		if (fd < 0)
			err = kvm_set_routing(vm, e, n);
		else if (per_gsi)
			err = irqwire_route_set(fd, 0, &e[0], 1);
		else
			err = irqwire_set_routing(fd, e, n);
		if (err)
			return -1;
	}
	record(b, rep, "route_update", name, baseline, now() - t0, ROUTE_CHANGES);
	return 0;
}

static int bench_route_update(struct bench *b)
{
	struct irqwire_routing_entry *e = calloc(4096, sizeof(*e));
	char kvm[32], full[32], one[32];
	struct kvm_vm *vm;
	int fd, i, j, rep, n;

	for (i = 0; i < 4096; i++)
		e[i] = irqwire_route_msi(i, 0, RX_VEC_BASE);
	for (j = 0; j < (int)(sizeof(table_sizes) / sizeof(table_sizes[0])); j++) {
		n = table_sizes[j];
		snprintf(kvm, sizeof(kvm), "kvm_set_gsi_routing/%d", n);
		snprintf(full, sizeof(full), "irqwire_set_gsi_routing/%d", n);
		snprintf(one, sizeof(one), "irqwire_route_set/%d", n);
		fd = tool_open_irqwire();
		vm = vm_create_barebones();
		vm_create_irqchip(vm);
		if (fd < 0 || irqwire_bind(fd, vm->fd) || kvm_set_routing(vm, e, n) ||
		    irqwire_set_routing(fd, e, n)) {
			perror("irqwire bench: routing VM");
			return -1;
		}
		for (rep = -1; rep < b->reps; rep++) {
			if (route_changes(b, rep, vm, -1, e, n, false, kvm, NULL) ||
			    route_changes(b, rep, vm, fd, e, n, false, full, kvm) ||
			    route_changes(b, rep, vm, fd, e, n, true, one, kvm))
				return -1;
		}
		close(fd);
		kvm_vm_free(vm);
	}
	free(e);
	return 0;
}

/* ---- case 5: cost with many irqfds and doorbells assigned ------------- */

static const int irqfd_counts[] = { 1, 64, 1024, 4096 };

/* @m irqfds each on KVM and irqwire; round trips on the first of each. */
static int bench_scale_irqfds(struct bench *b, int m)
{
	struct irqwire_routing_entry *kr = calloc(m, sizeof(*kr)), *ir = calloc(m, sizeof(*ir));
	int *kefd = calloc(m, sizeof(int)), *iefd = calloc(m, sizeof(int));
	struct kvm_irqfd kfd = {};
	char kname[32], iname[32];
	struct inject_vm v = {};
	int i, rep;
	double t[INJ_NR];

	v.fd = tool_open_irqwire();
	if (v.fd < 0)
		return -1;
	v.vm = vm_create(1);
	rx_vm_setup(v.vm, b->x2apic);
	v.vcpu = rx_add_vcpu(v.vm, 0);
	for (i = 0; i < m; i++) {
		kr[i] = irqwire_route_msi(i, 0, VEC_KVM);
		ir[i] = irqwire_route_msi(i, 0, VEC_IRQWIRE);
	}
	if (irqwire_bind(v.fd, v.vm->fd) || kvm_set_routing(v.vm, kr, m) ||
	    irqwire_set_routing(v.fd, ir, m))
		goto fail;
	for (i = 0; i < m; i++) {
		kefd[i] = eventfd(0, EFD_CLOEXEC);
		iefd[i] = eventfd(0, EFD_CLOEXEC);
		kfd = (struct kvm_irqfd){ .fd = kefd[i], .gsi = i };
		if (kefd[i] < 0 || iefd[i] < 0 || __vm_ioctl(v.vm, KVM_IRQFD, &kfd) ||
		    irqwire_irqfd(v.fd, iefd[i], i, 0))
			goto fail;
	}
	v.kvm_efd = kefd[0];
	v.iw_efd = iefd[0];
	snprintf(kname, sizeof(kname), "kvm_irqfd/%d", m);
	snprintf(iname, sizeof(iname), "irqwire_irqfd/%d", m);
	for (rep = -1; rep < b->reps; rep++) {
		if (inject_interleaved(&v, INJ_KVM_IRQFD, INJ_IRQWIRE_IRQFD,
				       b->batch, t, NULL))
			goto fail;
		record(b, rep, "scale_irqfds", kname, NULL, t[INJ_KVM_IRQFD], b->batch);
		record(b, rep, "scale_irqfds", iname, kname, t[INJ_IRQWIRE_IRQFD],
		       b->batch);
	}
	close(v.fd);
	kvm_vm_free(v.vm);
	for (i = 0; i < m; i++) {
		close(kefd[i]);
		close(iefd[i]);
	}
	free(kr);
	free(ir);
	free(kefd);
	free(iefd);
	return 0;
fail:
	perror("irqwire bench: irqfd scale VM");
	return -1;
}

static const int doorbell_counts[] = { 1, 100, 1000, 10000 };
#define REG_TAIL	100	/* registrations timed at the end of each fill */

/*
 * A doorbell VM with @n doorbells (KVM's if @fd < 0) 4 bytes apart; the
 * time to register the last ones is recorded as @reg_name unless NULL.
 */
static struct kvm_vm *doorbell_vm(struct bench *b, int fd, int efd, int n,
				  struct kvm_vcpu **vcpu, const char *reg_name,
				  const char *reg_baseline)
{
	struct kvm_ioeventfd kdb = { .len = 4, .fd = efd };
	struct kvm_vm *vm = db_create_vm(vcpu);
	double t0 = 0;
	int i, err;

	if (fd >= 0 && irqwire_bind(fd, vm->fd))
		return NULL;
	for (i = 0; i < n; i++) {
		if (i == n - (n < REG_TAIL ? n : REG_TAIL))
			t0 = now();
		kdb.addr = DB_MMIO_BASE + 4 * i;
		err = fd >= 0 ? irqwire_ioeventfd(fd, efd, kdb.addr, 4, 0, 0) :
			__vm_ioctl(vm, KVM_IOEVENTFD, &kdb);
		if (err)
			return NULL;
	}
	if (reg_name)
		record(b, 0, "scale_doorbells", reg_name, reg_baseline, now() - t0,
		       n < REG_TAIL ? n : REG_TAIL);
	return vm;
}

static int bench_scale_doorbells(struct bench *b, int n)
{
	int fd = tool_open_irqwire(), efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	char kname[32], iname[32], kreg[40], ireg[40], cname[40];
	struct kvm_vcpu *kvcpu, *ivcpu, *cvcpu;
	struct kvm_vm *kvm_vm, *iw_vm, *ctl_vm;
	int rep;

	snprintf(kname, sizeof(kname), "kvm_ioeventfd/%d", n);
	snprintf(iname, sizeof(iname), "irqwire_ioeventfd/%d", n);
	snprintf(kreg, sizeof(kreg), "kvm_register_last/%d", n);
	snprintf(ireg, sizeof(ireg), "irqwire_register_last/%d", n);
	snprintf(cname, sizeof(cname), "control_kvm_ioeventfd/%d", n);
	/* registration is timed once, while filling: compared with KVM's */
	kvm_vm = doorbell_vm(b, -1, efd, n, &kvcpu, kreg, NULL);
	iw_vm = doorbell_vm(b, fd, efd, n, &ivcpu, ireg, kreg);
	/*
	 * The control: one KVM doorbell in a VM of its own, measured in the
	 * same batches. What it gains from 1 to @n comes from the machine
	 * (the other VMs' memory), not from any doorbell lookup.
	 */
	ctl_vm = doorbell_vm(b, -1, efd, 1, &cvcpu, NULL, NULL);
	if (fd < 0 || !kvm_vm || !iw_vm || !ctl_vm) {
		perror("irqwire bench: doorbell scale VM");
		return -1;
	}
	for (rep = -1; rep < b->reps; rep++) {
		record(b, rep, "scale_doorbells", kname, NULL,
		       doorbell_batch(kvcpu, DB_MMIO_BASE, false, DB_WRITES), DB_WRITES);
		record(b, rep, "scale_doorbells", iname, kname,
		       doorbell_batch(ivcpu, DB_MMIO_BASE, false, DB_WRITES), DB_WRITES);
		record(b, rep, "scale_doorbells", cname, NULL,
		       doorbell_batch(cvcpu, DB_MMIO_BASE, false, DB_WRITES), DB_WRITES);
		while (efd_counter(efd) > 0)
			;
	}
	close(fd);
	close(efd);
	kvm_vm_free(kvm_vm);
	kvm_vm_free(iw_vm);
	kvm_vm_free(ctl_vm);
	return 0;
}

static int bench_scale(struct bench *b)
{
	struct rlimit nofile = { 16384, 16384 };
	size_t i;

	/* two eventfds per irqfd pair */
	if (setrlimit(RLIMIT_NOFILE, &nofile))
		perror("irqwire bench: RLIMIT_NOFILE");
	for (i = 0; i < sizeof(irqfd_counts) / sizeof(irqfd_counts[0]); i++)
		if (bench_scale_irqfds(b, irqfd_counts[i]))
			return -1;
	for (i = 0; i < sizeof(doorbell_counts) / sizeof(doorbell_counts[0]); i++)
		if (bench_scale_doorbells(b, doorbell_counts[i]))
			return -1;
	return 0;
}

/* ---- case 6: four vCPUs, four signalling threads ---------------------- */

#define MV_VCPUS	4
#define MV_GSI_KVM	40
#define MV_GSI_IRQWIRE	50

struct mv_lane {
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;
	int efd[2];		/* KVM's irqfd, irqwire's */
	uint8_t vec;		/* of the round being run */
	int side;
	uint32_t target;	/* count to reach in this round */
	int n;
	double seconds;
	pthread_t run, sig;
};

/* vCPU thread: runs the guest until it has counted this round's interrupts. */
static void *mv_run_main(void *arg)
{
	struct mv_lane *l = arg;

	while (rx_count(l->vm, l->vcpu->id, l->vec) < l->target)
		rx_wait(l->vcpu);
	return NULL;
}

/* Signalling thread: one interrupt, wait for the guest to count it, repeat. */
static void *mv_signal_main(void *arg)
{
	struct mv_lane *l = arg;
	uint32_t base = l->target - l->n;
	double t0 = now();
	int i;

	for (i = 0; i < l->n; i++) {
		if (eventfd_write(l->efd[l->side], 1))
			break;
		while (rx_count(l->vm, l->vcpu->id, l->vec) < base + i + 1)
			sched_yield();
	}
	l->seconds = now() - t0;
	return NULL;
}

static int bench_multi_vcpu(struct bench *b)
{
	static const char * const names[2] = { "kvm_irqfd_4vcpu", "irqwire_irqfd_4vcpu" };
	static const char * const fair[2] = {
		"kvm_slowest_over_fastest", "irqwire_slowest_over_fastest",
	};
	struct irqwire_routing_entry kr[MV_VCPUS], ir[MV_VCPUS];
	struct kvm_vcpu *vcpus[MV_VCPUS];
	struct mv_lane lanes[MV_VCPUS];
	int fd = tool_open_irqwire(), k, side, rep;
	double t0, lo, hi;
	struct kvm_vm *vm;
	struct kvm_irqfd kfd;

	if (fd < 0)
		return -1;
	vm = rx_create_vm(MV_VCPUS, b->x2apic, vcpus);
	for (k = 0; k < MV_VCPUS; k++) {
		kr[k] = irqwire_route_msi(MV_GSI_KVM + k, k, RX_VEC_BASE + 1);
		ir[k] = irqwire_route_msi(MV_GSI_IRQWIRE + k, k, RX_VEC_BASE + 2);
	}
	if (irqwire_bind(fd, vm->fd) || kvm_set_routing(vm, kr, MV_VCPUS) ||
	    irqwire_set_routing(fd, ir, MV_VCPUS))
		goto fail;
	for (k = 0; k < MV_VCPUS; k++) {
		lanes[k] = (struct mv_lane){ .vm = vm, .vcpu = vcpus[k], .n = b->batch };
		lanes[k].efd[0] = eventfd(0, EFD_CLOEXEC);
		lanes[k].efd[1] = eventfd(0, EFD_CLOEXEC);
		kfd = (struct kvm_irqfd){ .fd = lanes[k].efd[0], .gsi = MV_GSI_KVM + k };
		if (__vm_ioctl(vm, KVM_IRQFD, &kfd) ||
		    irqwire_irqfd(fd, lanes[k].efd[1], MV_GSI_IRQWIRE + k, 0))
			goto fail;
	}
	for (rep = -1; rep < b->reps; rep++) {
		for (side = 0; side < 2; side++) {
			t0 = now();
			for (k = 0; k < MV_VCPUS; k++) {
				struct mv_lane *l = &lanes[k];

				l->side = side;
				l->vec = RX_VEC_BASE + 1 + side;
				l->target = rx_count(vm, k, l->vec) + l->n;
				pthread_create(&l->run, NULL, mv_run_main, l);
				pthread_create(&l->sig, NULL, mv_signal_main, l);
			}
			lo = 1e30;
			hi = 0;
			for (k = 0; k < MV_VCPUS; k++) {
				pthread_join(lanes[k].sig, NULL);
				pthread_join(lanes[k].run, NULL);
				lo = lanes[k].seconds < lo ? lanes[k].seconds : lo;
				hi = lanes[k].seconds > hi ? lanes[k].seconds : hi;
			}
			/* microseconds per interrupt over all four: inverse throughput */
			record(b, rep, "multi_vcpu", names[side], side ? names[0] : NULL,
			       now() - t0, MV_VCPUS * b->batch);
			record_value(b, rep, "multi_vcpu", fair[side], NULL, hi / lo);
		}
	}
	for (k = 0; k < MV_VCPUS; k++) {
		close(lanes[k].efd[0]);
		close(lanes[k].efd[1]);
	}
	close(fd);
	kvm_vm_free(vm);
	return 0;
fail:
	perror("irqwire bench: 4-vCPU VM");
	return -1;
}

/* ---- report ----------------------------------------------------------- */

static void print_table(struct bench *b, const char *kernel)
{
	const char *group = "";
	double lo, hi, r;
	int i;

	printf("irqwire bench on %s: median of %d repetitions (min-max), "
	       "%d operations per batch;\nmicroseconds per operation, except "
	       "*_over_* (a ratio); ratio = irqwire / KVM, same run\n",
	       kernel, b->reps, b->batch);
	for (i = 0; i < b->nr; i++) {
		struct series *s = &b->s[i];

		if (!strcmp(s->group, "stages"))
			continue;	/* print_stages() has them */
		if (strcmp(group, s->group)) {
			group = s->group;
			printf("\n%-34s %12s %22s %8s\n", group, "median", "min-max", "ratio");
		}
		spread(s, &lo, &hi);
		r = ratio(b, s);
		printf("  %-32s %12.2f %10.2f-%-11.2f", s->name, median(s), lo, hi);
		if (r)
			printf(" %7.3fx", r);
		printf("\n");
	}
}

static int write_json(struct bench *b, const char *path, const char *kernel)
{
	FILE *f = fopen(path, "w");
	double lo, hi;
	int i, j;

	if (!f) {
		perror(path);
		return -1;
	}
	fprintf(f, "{\n  \"kernel\": \"%s\",\n  \"repetitions\": %d,\n  \"batch\": %d,\n"
		"  \"series\": [\n", kernel, b->reps, b->batch);
	for (i = 0; i < b->nr; i++) {
		struct series *s = &b->s[i];

		spread(s, &lo, &hi);
		fprintf(f, "    {\"group\": \"%s\", \"name\": \"%s\", \"unit\": \"%s\", "
			"\"median\": %.3f, \"min\": %.3f, \"max\": %.3f", s->group, s->name,
			strstr(s->name, "_over_") ? "ratio" : "us/op", median(s), lo, hi);
		if (s->baseline[0])
			fprintf(f, ", \"baseline\": \"%s\", \"ratio\": %.4f",
				s->baseline, ratio(b, s));
		fprintf(f, ", \"values\": [");
		for (j = 0; j < s->n; j++)
			fprintf(f, "%s%.3f", j ? ", " : "", s->us[j]);
		fprintf(f, "]}%s\n", i + 1 < b->nr ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
	return fclose(f);
}

/* In report order; --only runs one. */
static const struct {
	const char *name;
	int (*run)(struct bench *b);
} cases[] = {
	{ "inject", bench_inject },
	{ "doorbell", bench_doorbell },
	{ "pingpong", bench_pingpong },
	{ "route", bench_route_update },
	{ "scale", bench_scale },
	{ "multi", bench_multi_vcpu },
	{ "stages", bench_stages },
};

static void bench_usage(FILE *f)
{
	fprintf(f,
		"usage: irqwire bench [--reps N] [--batch N] [--json FILE] [--xapic]\n"
		"                     [--only CASE]\n\n"
		"Measures irqwire's paths against KVM's own in one run, interleaved:\n"
		"guest-acked injection round trips (irqfd, SIGNAL_MSI, IRQ_LINE), the\n"
		"vCPU round-trip floor, doorbells (ioeventfd vs exits to userspace),\n"
		"doorbell->irqfd ping-pong, route updates in tables of 1-4096 entries,\n"
		"injection and doorbell cost with up to 4096 irqfds and 10000\n"
		"doorbells assigned, and 4 vCPUs signalled by 4 threads at once;\n"
		"then, under tools/bpftrace/inject_stages.bt, where each injection\n"
		"round trip spends its time. Prints median, min-max and irqwire/KVM\n"
		"ratios; --json writes every value. Under TCG only the ratios mean anything.\n\n"
		"  --reps N    repetitions after one warm-up (default 7, at most %d)\n"
		"  --batch N   operations per batch (default 200)\n"
		"  --json FILE also write the results as JSON\n"
		"  --xapic     guests use xAPIC (default x2APIC)\n"
		"  --only CASE run one case: inject, doorbell, pingpong, route, scale,\n"
		"              multi or stages\n", MAX_REPS);
}

int cmd_bench(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "reps", required_argument, NULL, 'r' },
		{ "batch", required_argument, NULL, 'b' },
		{ "json", required_argument, NULL, 'j' },
		{ "xapic", no_argument, NULL, 'x' },
		{ "only", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{}
	};
	static struct bench b = { .reps = 7, .batch = 200, .x2apic = true };
	const char *json = NULL, *only = NULL;
	struct utsname u;
	size_t i, first = 0, last = ARRAY_SIZE(cases) - 1;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'r':
			b.reps = atoi(optarg);
			break;
		case 'b':
			b.batch = atoi(optarg);
			break;
		case 'j':
			json = optarg;
			break;
		case 'x':
			b.x2apic = false;
			break;
		case 'o':
			only = optarg;
			break;
		default:	/* --help, or a bad option */
			return tool_usage(c, bench_usage);
		}
	}
	for (i = 0; only && i < ARRAY_SIZE(cases); i++)
		if (!strcmp(only, cases[i].name))
			first = last = i;
	if (optind < argc || (only && strcmp(only, cases[first].name)) ||
	    b.reps < 1 || b.reps > MAX_REPS || b.batch < 1 || b.batch > DB_WRITES) {
		bench_usage(stderr);
		return EXIT_USAGE;
	}
	if (access("/dev/kvm", R_OK | W_OK)) {
		fprintf(stderr, "irqwire bench: /dev/kvm is not usable\n");
		return EXIT_ENV;
	}
	uname(&u);
	for (i = first; i <= last; i++)
		if (cases[i].run(&b))
			return EXIT_CHECK_FAILED;
	print_table(&b, u.release);
	print_stages(&b);
	if (json && write_json(&b, json, u.release))
		return EXIT_ENV;
	return EXIT_OK;
}
