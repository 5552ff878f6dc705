// SPDX-License-Identifier: GPL-2.0
/*
 * irqwire demo: a tiny guest (the selftests' guest_rx, on the KVM selftest
 * library) receives MSIs over each injection path, one at a time, and
 * counts them; then the guest rings a doorbell that a host thread answers
 * with an irqfd signal (a VMM's I/O loop), all-KVM and all-irqwire. The
 * table compares what was sent, what the injection call reported as
 * delivered, what the guest's handler counted, and irqwire's fast/slow
 * path counters.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "cmd.h"
#include "paths.h"

#define IRQFD_GSI_KVM		30
#define IRQFD_GSI_IRQWIRE	31

enum path_kind {
	PATH_KVM_MSI, PATH_IRQWIRE_MSI, PATH_KVM_IRQFD, PATH_IRQWIRE_IRQFD,
	PATH_KVM_PINGPONG, PATH_IRQWIRE_PINGPONG,
};

struct path_result {
	const char *name;
	enum path_kind kind;
	uint8_t vector;
	int efd;		/* irqfd paths */
	unsigned long sent, delivered;
	uint32_t counted;
	double seconds;
	long long fast, slow;	/* irqwire irqfds: path counters; else -1 */
};

/*
 * The irqfd paths: KVM's (KVM_SET_GSI_ROUTING + KVM_IRQFD) and irqwire's
 * (IRQWIRE_ROUTE_SET + IRQWIRE_IRQFD), each a single MSI route on its GSI.
 */
static int setup_irqfds(int fd, struct kvm_vm *vm, struct kvm_vcpu *vcpu,
			struct path_result *kvm_p, struct path_result *iw_p)
{
	struct irqwire_routing_entry r =
		irqwire_route_msi(IRQFD_GSI_IRQWIRE, vcpu->id, iw_p->vector);
	struct irqwire_routing_entry kr =
		irqwire_route_msi(IRQFD_GSI_KVM, vcpu->id, kvm_p->vector);
	struct kvm_irqfd kfd = { .gsi = IRQFD_GSI_KVM };

	kvm_p->efd = eventfd(0, EFD_CLOEXEC);
	iw_p->efd = eventfd(0, EFD_CLOEXEC);
	kfd.fd = kvm_p->efd;
	if (__irqwire_set_kvm_routing(vm, &kr, 1) || __vm_ioctl(vm, KVM_IRQFD, &kfd)) {
		perror("irqwire demo: KVM irqfd");
		return -1;
	}
	if (__irqwire_route_set(fd, IRQFD_GSI_IRQWIRE, &r, 1) ||
	    __irqwire_irqfd(fd, iw_p->efd, IRQFD_GSI_IRQWIRE, 0)) {
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
		return signal_kvm_msi(vm, vcpu->id, r->vector);
	case PATH_IRQWIRE_MSI:
		return __irqwire_signal_msi(fd, vcpu->id, r->vector);
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

/* irqwire's fast/slow path counters of the irqfd (@efd, @gsi) */
static void irqfd_paths(int fd, int efd, uint32_t gsi, struct path_result *r)
{
	struct irqwire_irqfd_stats st = { .fd = efd, .gsi = gsi };

	if (ioctl(fd, IRQWIRE_GET_IRQFD_STATS, &st))
		return;
	r->fast = st.fast;
	r->slow = st.slow;
}

/* Doorbell -> relay thread -> irqfd, KVM's or irqwire's, in a fresh VM. */
static int run_pingpong(struct path_result *p, unsigned long n, bool x2apic)
{
	bool irqwire = p->kind == PATH_IRQWIRE_PINGPONG;
	int fd = irqwire ? irqwire_dev_open("irqwire") : -1;
	struct kvm_vcpu *vcpu;
	struct relay r = {};
	struct kvm_vm *vm;

	if (irqwire && fd < 0)
		return -1;
	vm = pingpong_vm(fd, &r, n, p->vector, x2apic, &vcpu);
	if (!vm) {
		fprintf(stderr, "irqwire demo: %s: %s\n", p->name, strerror(errno));
		return -1;
	}
	p->seconds = pingpong_run(vcpu, &r);
	p->sent = n;
	p->delivered = n - r.bad;
	p->counted = rx_count(vm, 0, p->vector);
	if (irqwire)
		irqfd_paths(fd, r.irq, PINGPONG_GSI, p);
	pingpong_vm_free(vm, &r, fd);
	return 0;
}

static void demo_usage(FILE *f)
{
	fprintf(f,
		"usage: irqwire demo [-n COUNT] [--xapic]\n\n"
		"Creates a one-vCPU VM whose guest counts interrupts, binds it to\n"
		"/dev/irqwire and sends COUNT MSIs (default 1000) through each path:\n"
		"KVM_SIGNAL_MSI and IRQWIRE_SIGNAL_MSI (ioctls), KVM's irqfd and\n"
		"irqwire's irqfd (eventfd writes), waiting for the guest's handler\n"
		"after every one. Then COUNT doorbell round trips in a fresh VM each:\n"
		"the guest writes a doorbell (ioeventfd), a host thread answers with\n"
		"an irqfd signal, the guest counts the interrupt and rings again;\n"
		"all-KVM and all-irqwire. Prints a table with irqwire's fast/slow\n"
		"path counts; exits 1 if the guest did not count every interrupt on\n"
		"every path.\n\n"
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
		{ "KVM doorbell+irqfd", PATH_KVM_PINGPONG, RX_VEC_BASE + 4 },
		{ "irqwire doorbell+irqfd", PATH_IRQWIRE_PINGPONG, RX_VEC_BASE + 5 },
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
		default:	/* --help, or a bad option */
			return tool_usage(c, demo_usage);
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
	fd = irqwire_dev_open("irqwire");
	if (fd < 0)
		return EXIT_ENV;

	vm = rx_create_vm(1, x2apic, &vcpu);
	if (__irqwire_bind(fd, vm->fd)) {
		perror("irqwire demo: IRQWIRE_BIND_VM");
		return EXIT_ENV;
	}
	if (setup_irqfds(fd, vm, vcpu, &paths[2], &paths[3]))
		return EXIT_ENV;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		paths[i].fast = paths[i].slow = -1;
		if (paths[i].kind < PATH_KVM_PINGPONG)
			run_path(&paths[i], n, fd, vm, vcpu);
		else if (run_pingpong(&paths[i], n, x2apic))
			return EXIT_ENV;
	}
	irqfd_paths(fd, paths[3].efd, IRQFD_GSI_IRQWIRE, &paths[3]);

	printf("guest: 1 vCPU, %s; one interrupt at a time, each waited for in the guest;\n"
	       "doorbell+irqfd: guest rings, host thread answers with an irqfd (a VM each)\n\n",
	       x2apic ? "x2APIC" : "xAPIC");
	printf("%-24s %8s %10s %14s %15s %8s %8s\n", "path", "sent", "delivered",
	       "guest counted", "round trips/s", "fast", "slow");
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		struct path_result *r = &paths[i];
		char fast[24] = "-", slow[24] = "-";

		if (r->fast >= 0) {
			snprintf(fast, sizeof(fast), "%lld", r->fast);
			snprintf(slow, sizeof(slow), "%lld", r->slow);
		}
		printf("%-24s %8lu %10lu %14u %15.0f %8s %8s\n", r->name, r->sent,
		       r->delivered, r->counted, r->sent / r->seconds, fast, slow);
		ok &= r->counted == n && r->delivered == n;
	}
	printf("\nunsolicited handler entries: %u\n", rx_unsolicited_count(vm));
	printf("\n%s\n", ok ? "every interrupt was counted by the guest" :
	       "MISSING INTERRUPTS: the guest did not count every one");
	close(fd);
	kvm_vm_free(vm);
	return ok ? EXIT_OK : EXIT_CHECK_FAILED;
}

/* irqwire-demo, run by "irqwire demo" */
int main(int argc, char **argv)
{
	return cmd_demo(argc, argv);
}
