// SPDX-License-Identifier: GPL-2.0
/*
 * Case "fill": the cost of assigning and deassigning one more irqfd or
 * doorbell in a VM that already holds n of them, n = 1k to 64k. The
 * control plane of a VMM with many devices should not slow down with
 * their number. KVM alongside where its own cost lets the bench finish:
 * every KVM ioeventfd registration copies the whole bus and waits for
 * SRCU, and every KVM irqfd assign scans every irqfd, so filling 64k of
 * them under TCG takes hours; KVM stops at KVM_MAX_FILL.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "bench.h"
#include "cmd.h"
#include "paths.h"

/* the last leaves room for one more below IRQWIRE_MAX_IOEVENTFDS */
static const int fill_counts[] = { 1024, 4096, 16384, 65535 };
#define MAX_FILL	65535
#define KVM_MAX_FILL	4096
#define FILL_BASE	0x10000000ull	/* doorbells 4 bytes apart from here */

/*
 * Assigns (or with @deassign removes) irqfd or doorbell number @i: 0 or
 * -errno. The doorbells of the fill are 4 bytes apart; the one more of a
 * measurement (@extra) is 2 bytes long, in the middle of the last one's
 * range, so that it shares a page with the fill whatever its size (a
 * doorbell that opens a page costs irqwire a bus device, see doorbell's
 * register_last).
 */
static int fill_one(struct kvm_vm *vm, int fd, bool irqfd, int efd, int i, bool deassign,
		    bool extra)
{
	struct kvm_ioeventfd kdb = {
		.addr = FILL_BASE + 4ull * (extra ? i - 1 : i) + (extra ? 2 : 0),
		.len = extra ? 2 : 4, .fd = efd,
		.flags = deassign ? KVM_IOEVENTFD_FLAG_DEASSIGN : 0,
	};
	struct kvm_irqfd kirqfd = {
		.fd = efd, .gsi = i % 1024,
		.flags = deassign ? KVM_IRQFD_FLAG_DEASSIGN : 0,
	};

	if (fd < 0)
		return (irqfd ? __vm_ioctl(vm, KVM_IRQFD, &kirqfd) :
				__vm_ioctl(vm, KVM_IOEVENTFD, &kdb)) ? -errno : 0;
	if (irqfd)
		return __irqwire_irqfd(fd, efd, i % 1024, deassign ? IRQWIRE_IRQFD_FLAG_DEASSIGN : 0);
	return __irqwire_ioeventfd(fd, efd, kdb.addr, kdb.len,
				   deassign ? IRQWIRE_IOEVENTFD_FLAG_DEASSIGN : 0, 0);
}

/*
 * One side (@fd < 0: KVM) for irqfds or doorbells: fills a VM in steps up
 * to each count, then times --batch assign+deassign pairs of one more.
 */
static int fill_side(struct bench *b, int fd, bool irqfd, int *efd)
{
	const char *side = fd < 0 ? "kvm" : "irqwire", *what = irqfd ? "irqfd" : "doorbell";
	int n = 0, c, i, rep, max = fd < 0 ? KVM_MAX_FILL : MAX_FILL;
	struct irqwire_routing_entry *r = calloc(1024, sizeof(*r));
	char name[48], base[48];
	struct kvm_vm *vm;
	double t0;

	vm = vm_create_barebones();
	vm_create_irqchip(vm);
	for (i = 0; r && i < 1024; i++)
		r[i] = irqwire_route_msi(i, 0, RX_VEC_BASE);
	if (!r || (fd >= 0 && __irqwire_bind(fd, vm->fd)) ||
	    (irqfd && (fd < 0 ? __irqwire_set_kvm_routing(vm, r, 1024) :
				__irqwire_set_routing(fd, r, 1024))))
		goto fail;
	for (c = 0; c < (int)(sizeof(fill_counts) / sizeof(fill_counts[0])) &&
		    fill_counts[c] <= max; c++) {
		for (; n < fill_counts[c]; n++) {
			errno = -fill_one(vm, fd, irqfd, efd[n], n, false, false);
			if (errno)
				goto fail;
		}
		snprintf(name, sizeof(name), "%s_%s_assign_deassign/%d", side, what, n);
		snprintf(base, sizeof(base), "kvm_%s_assign_deassign/%d", what, n);
		for (rep = -1; rep < b->reps; rep++) {
			t0 = now();
			for (i = 0; i < b->batch; i++) {
				errno = -fill_one(vm, fd, irqfd, efd[n], n, false, true);
				if (!errno)
					errno = -fill_one(vm, fd, irqfd, efd[n], n, true, true);
				if (errno)
					goto fail;
			}
			record(b, rep, "fill", name, fd >= 0 && n <= KVM_MAX_FILL ? base : NULL,
			       now() - t0, b->batch);
		}
	}
	free(r);
	kvm_vm_free(vm);
	return 0;
fail:
	fprintf(stderr, "irqwire bench: fill: %s %s number %d: %s\n", side, what, n + 1,
		strerror(errno));
	free(r);
	kvm_vm_free(vm);
	return -1;
}

/* eventfds: MAX_FILL + 1 for irqwire's side, then KVM_MAX_FILL + 1 for KVM's */
#define NR_EFD		(MAX_FILL + 1 + KVM_MAX_FILL + 1)

/*
 * The sides use eventfds of their own: a KVM irqfd's wait-queue entry
 * outlives its VM for a while (KVM shuts irqfds down from a workqueue),
 * and irqwire refuses an eventfd that KVM still hooks (api.rst).
 */
int bench_fill(struct bench *b)
{
	struct rlimit rl = { NR_EFD + 1024, NR_EFD + 1024 };
	int *efd = calloc(NR_EFD, sizeof(int)), i, fd, err = -1, irqfd;

	if (!efd || setrlimit(RLIMIT_NOFILE, &rl)) {
		perror("irqwire bench: fill: eventfds");
		free(efd);
		return -1;
	}
	for (i = 0; i < NR_EFD; i++) {
		efd[i] = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		if (efd[i] < 0)
			goto out;
	}
	for (irqfd = 1; irqfd >= 0; irqfd--) {
		if (fill_side(b, -1, irqfd, efd + MAX_FILL + 1))
			goto out;
		fd = irqwire_dev_open("irqwire");
		err = fd < 0 ? -1 : fill_side(b, fd, irqfd, efd);
		if (fd >= 0)
			close(fd);
		if (err)
			goto out;
	}
	err = 0;
out:
	for (i = 0; i < NR_EFD; i++)
		if (efd[i] > 0)
			close(efd[i]);
	free(efd);
	return err;
}
