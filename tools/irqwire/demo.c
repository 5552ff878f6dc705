// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire demo: a tiny guest (the selftests' guest_rx, on the KVM selftest
 * library) receives MSIs over each injection path, one at a time, and
 * counts them; the table compares what was sent, what the injection call
 * reported as delivered and what the guest's handler counted.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "cmd.h"

enum path_kind { PATH_KVM_MSI, PATH_IRQWIRE_MSI, PATH_KVM_IRQFD, PATH_IRQWIRE_IRQFD };

struct path_result {
	const char *name;
	enum path_kind kind;
	uint8_t vector;
	int efd;		/* irqfd paths */
	unsigned long sent, delivered;
	uint32_t counted;
	double seconds;
};

static int kvm_signal_msi(struct kvm_vm *vm, uint32_t dest, uint8_t vector)
{
	struct irqwire_msi m = irqwire_msi_fixed(dest, vector);
	struct kvm_msi msi = {
		.address_lo = m.address_lo,
		.address_hi = m.address_hi,
		.data = m.data,
	};

	return __vm_ioctl(vm, KVM_SIGNAL_MSI, &msi);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The irqfd paths: KVM's (KVM_SET_GSI_ROUTING + KVM_IRQFD) and irqwire's
 * (IRQWIRE_ROUTE_SET + IRQWIRE_IRQFD), each a single MSI route on its GSI.
 */
static int setup_irqfds(int fd, struct kvm_vm *vm, struct kvm_vcpu *vcpu,
			struct path_result *kvm_p, struct path_result *iw_p)
{
	struct {
		struct kvm_irq_routing rt;
		struct kvm_irq_routing_entry e;
	} k = { .rt.nr = 1 };
	struct irqwire_routing_entry r = irqwire_route_msi(31, vcpu->id, iw_p->vector);
	struct irqwire_routing_entry kr = irqwire_route_msi(30, vcpu->id, kvm_p->vector);
	struct kvm_irqfd kfd = { .gsi = 30 };

	/* same layout, by design of irqwire's ABI */
	memcpy(&k.e, &kr, sizeof(k.e));
	kvm_p->efd = eventfd(0, EFD_CLOEXEC);
	iw_p->efd = eventfd(0, EFD_CLOEXEC);
	kfd.fd = kvm_p->efd;
	if (__vm_ioctl(vm, KVM_SET_GSI_ROUTING, &k.rt) || __vm_ioctl(vm, KVM_IRQFD, &kfd)) {
		perror("irqwire demo: KVM irqfd");
		return -1;
	}
	if (irqwire_route_set(fd, 31, &r, 1) || irqwire_irqfd(fd, iw_p->efd, 31, 0)) {
		perror("irqwire demo: irqwire irqfd");
		return -1;
	}
	return 0;
}

static int inject(struct path_result *r, int fd, struct kvm_vm *vm,
		  struct kvm_vcpu *vcpu)
{
	switch (r->kind) {
	case PATH_KVM_MSI:
		return kvm_signal_msi(vm, vcpu->id, r->vector);
	case PATH_IRQWIRE_MSI:
		return irqwire_signal_msi(fd, vcpu->id, r->vector);
	default:
		/* an irqfd reports nothing: count the signal as delivered */
		return eventfd_write(r->efd, 1) ? -errno : 1;
	}
}

/* One interrupt, then run the vCPU until its handler has counted it. */
static void run_path(struct path_result *r, unsigned long n, int fd,
		     struct kvm_vm *vm, struct kvm_vcpu *vcpu)
{
	double t0 = now();
	unsigned long i;

	for (i = 0; i < n; i++) {
		r->sent++;
		if (inject(r, fd, vm, vcpu) <= 0)
			break;
		r->delivered++;
		rx_wait(vcpu);
	}
	r->seconds = now() - t0;
	r->counted = rx_count(vm, vcpu->id, r->vector);
}

static void demo_usage(FILE *f)
{
	fprintf(f,
		"usage: irqwire demo [-n COUNT] [--xapic]\n\n"
		"Creates a one-vCPU VM whose guest counts interrupts, binds it to\n"
		"/dev/irqwire and sends COUNT MSIs (default 1000) through each path:\n"
		"KVM_SIGNAL_MSI and IRQWIRE_SIGNAL_MSI (ioctls), KVM's irqfd and\n"
		"irqwire's irqfd (eventfd writes), waiting for the guest's handler\n"
		"after every one. Prints a table; exits 1 if the guest did not count\n"
		"every interrupt on every path.\n\n"
		"  -n COUNT   interrupts per path\n"
		"  --xapic    guest uses xAPIC (default x2APIC)\n");
}

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "xapic", no_argument, NULL, 'x' },
		{ NULL, 0, NULL, 0 },
	};
	struct path_result paths[] = {
		{ "KVM_SIGNAL_MSI", PATH_KVM_MSI, RX_VEC_BASE },
		{ "IRQWIRE_SIGNAL_MSI", PATH_IRQWIRE_MSI, RX_VEC_BASE + 1 },
		{ "KVM_IRQFD", PATH_KVM_IRQFD, RX_VEC_BASE + 2 },
		{ "IRQWIRE_IRQFD", PATH_IRQWIRE_IRQFD, RX_VEC_BASE + 3 },
	};
	unsigned long n = 1000;
	bool x2apic = true, ok = true;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	size_t i;
	int fd, c;

	while ((c = getopt_long(argc, argv, "n:h", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
			n = strtoul(optarg, NULL, 0);
			break;
		case 'x':
			x2apic = false;
			break;
		case 'h':
			demo_usage(stdout);
			return EXIT_OK;
		default:
			demo_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc || !n) {
		demo_usage(stderr);
		return EXIT_USAGE;
	}
	if (access("/dev/kvm", R_OK | W_OK)) {
		fprintf(stderr, "irqwire demo: /dev/kvm is not usable\n");
		return EXIT_ENV;
	}
	fd = tool_open_irqwire();
	if (fd < 0)
		return EXIT_ENV;

	vm = rx_create_vm(1, x2apic, &vcpu);
	if (irqwire_bind(fd, vm->fd)) {
		perror("irqwire demo: IRQWIRE_BIND_VM");
		return EXIT_ENV;
	}
	if (setup_irqfds(fd, vm, vcpu, &paths[2], &paths[3]))
		return EXIT_ENV;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		run_path(&paths[i], n, fd, vm, vcpu);

	printf("guest: 1 vCPU, %s; one interrupt at a time, each waited for in the guest\n\n",
	       x2apic ? "x2APIC" : "xAPIC");
	printf("%-20s %8s %10s %14s %15s\n", "path", "sent", "delivered",
	       "guest counted", "round trips/s");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct path_result *r = &paths[i];

		printf("%-20s %8lu %10lu %14u %15.0f\n", r->name, r->sent,
		       r->delivered, r->counted, r->sent / r->seconds);
		ok &= r->counted == n && r->delivered == n;
	}
	printf("\nunsolicited handler entries: %u\n", rx_unsolicited_count(vm));
	printf("\n%s\n", ok ? "every interrupt was counted by the guest" :
	       "MISSING INTERRUPTS: the guest did not count every one");
	close(fd);
	kvm_vm_free(vm);
	return ok ? EXIT_OK : EXIT_CHECK_FAILED;
}
