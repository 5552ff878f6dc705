// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire demo: a tiny guest (the selftests' guest_rx, on the KVM selftest
 * library) receives MSIs over each injection path, one at a time, and
 * counts them; the table compares what was sent, what the injection call
 * reported as delivered and what the guest's handler counted.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "cmd.h"

struct path_result {
	const char *name;
	uint8_t vector;
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

/* One MSI, then run the vCPU until its handler has counted it. */
static void run_path(struct path_result *r, unsigned long n, int fd,
		     struct kvm_vm *vm, struct kvm_vcpu *vcpu, bool use_kvm)
{
	double t0 = now();
	unsigned long i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = use_kvm ? kvm_signal_msi(vm, vcpu->id, r->vector)
			      : irqwire_signal_msi(fd, vcpu->id, r->vector);
		r->sent++;
		if (ret > 0)
			r->delivered++;
		else
			break;
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
		"/dev/irqwire and sends COUNT MSIs (default 1000) through each path,\n"
		"waiting for the guest's handler after every one. Prints a table;\n"
		"exits 1 if the guest did not count every MSI on every path.\n\n"
		"  -n COUNT   MSIs per path\n"
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
		{ .name = "KVM_SIGNAL_MSI", .vector = RX_VEC_BASE },
		{ .name = "IRQWIRE_SIGNAL_MSI", .vector = RX_VEC_BASE + 1 },
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
	run_path(&paths[0], n, fd, vm, vcpu, true);
	run_path(&paths[1], n, fd, vm, vcpu, false);

	printf("guest: 1 vCPU, %s; one MSI at a time, each waited for in the guest\n\n",
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
	printf("\n%s\n", ok ? "every MSI was counted by the guest" :
	       "MISSING INTERRUPTS: the guest did not count every MSI");
	close(fd);
	kvm_vm_free(vm);
	return ok ? EXIT_OK : EXIT_CHECK_FAILED;
}
