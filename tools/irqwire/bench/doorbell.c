// SPDX-License-Identifier: GPL-2.0
/*
 * Case "doorbell": guest writes to a KVM ioeventfd, an irqwire doorbell,
 * and addresses with no device (exits to userspace); and the floor of
 * every round trip, one KVM_RUN into a guest that syncs at once.
 */
#include <stdio.h>
#include <sys/eventfd.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_doorbell.h"
#include "irqwire_test.h"
#include "bench.h"
#include "cmd.h"
#include "paths.h"

#define DB_KVM		(DB_MMIO_BASE + 0x0000)
#define DB_IRQWIRE	(DB_MMIO_BASE + 0x1000)
#define DB_NONE		(DB_MMIO_BASE + 0x2000)	/* no device: KVM_EXIT_MMIO */
#define DB_PORT		0x510			/* no device: KVM_EXIT_IO */

static struct db_write db_writes_to[DB_WRITES];
static struct db_exit db_exits[DB_WRITES];

/* @n guest writes to @addr in one KVM_RUN sequence; seconds. */
double doorbell_batch(struct kvm_vcpu *vcpu, uint64_t addr, bool pio, int n)
{
	double t0;
	int i;

	for (i = 0; i < n; i++)
		db_writes_to[i] = pio ? db_pio(addr, 4, i) : db_mmio(addr, 4, i);
	t0 = now();
	db_run(vcpu, db_writes_to, n, db_exits, DB_WRITES);
	return now() - t0;
}

int bench_doorbell(struct bench *b)
{
	struct kvm_ioeventfd kdb = { .addr = DB_KVM, .len = 4 };
	int fd = irqwire_dev_open("irqwire"), efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	double t0;
	int rep, i;

	if (fd < 0)
		return -1;
	vm = db_create_vm(&vcpu);
	kdb.fd = efd;
	if (__irqwire_bind(fd, vm->fd) || __vm_ioctl(vm, KVM_IOEVENTFD, &kdb) ||
	    __irqwire_ioeventfd(fd, efd, DB_IRQWIRE, 4, 0, 0)) {
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
