// SPDX-License-Identifier: GPL-2.0
/*
 * Case "msix_commits": QEMU's pattern when a guest enables MSI-X vectors
 * one by one (Longpeng's measurement on KVM: 8 devices x 65 vectors took
 * 258 ms). For each new vector, the VMM adds its route and re-sends the
 * whole table with a full replace, then assigns an irqfd on the new GSI:
 * 520 commits of growing tables and 520 irqfds, on KVM and on irqwire,
 * each repetition in a fresh VM. The figure is the whole pattern.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "bench.h"
#include "cmd.h"
#include "paths.h"

#define DEVICES		8
#define VECTORS		65
#define COMMITS		(DEVICES * VECTORS)

/* One side's pattern in VM @vm (@fd: irqwire's handle, or -1 for KVM); seconds, or < 0. */
static double msix_pattern(struct kvm_vm *vm, int fd, struct irqwire_routing *rt, int *efd)
{
	struct kvm_irqfd kirqfd = {};
	double t0 = now();
	int n, err;

	for (n = 0; n < COMMITS; n++) {
		rt->entries[n] = irqwire_route_msi(n, 0, RX_VEC_BASE + n % RX_NR_VEC);
		rt->nr = n + 1;
		if (fd < 0) {
			kirqfd.fd = efd[n];
			kirqfd.gsi = n;
			err = ioctl(vm->fd, KVM_SET_GSI_ROUTING, rt) ||
			      ioctl(vm->fd, KVM_IRQFD, &kirqfd) ? -errno : 0;
		} else {
			err = __irqwire_ioctl(fd, IRQWIRE_SET_GSI_ROUTING, rt);
			if (!err)
				err = __irqwire_irqfd(fd, efd[n], n, 0);
		}
		if (err)
			return -1;
	}
	return now() - t0;
}

int bench_msix_commits(struct bench *b)
{
	static const char * const names[2] = { "kvm_8x65_vectors", "irqwire_8x65_vectors" };
	struct irqwire_routing *rt = calloc(1, sizeof(*rt) + COMMITS * sizeof(rt->entries[0]));
	int rep, side, fd, n, efd[COMMITS];
	struct kvm_vm *vm;
	double t;

	if (!rt)
		return -1;
	for (rep = -1; rep < b->reps; rep++) {
		for (side = 0; side < 2; side++) {
			for (n = 0; n < COMMITS; n++)
				efd[n] = eventfd(0, EFD_CLOEXEC);
			fd = side ? irqwire_dev_open("irqwire") : -1;
			vm = vm_create_barebones();
			vm_create_irqchip(vm);
			t = side && (fd < 0 || __irqwire_bind(fd, vm->fd)) ? -1 :
			    msix_pattern(vm, fd, rt, efd);
			if (fd >= 0)
				close(fd);
			kvm_vm_free(vm);
			for (n = 0; n < COMMITS; n++)
				close(efd[n]);
			if (t < 0) {
				perror("irqwire bench: msix_commits");
				free(rt);
				return -1;
			}
			/* per commit: a route added, the table re-sent, an irqfd assigned */
			record(b, rep, "msix_commits", names[side], side ? names[0] : NULL,
			       t, COMMITS);
		}
	}
	free(rt);
	return 0;
}
