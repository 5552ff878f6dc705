// SPDX-License-Identifier: GPL-2.0
/*
 * Case "scale": irqfd round trips with up to 4096 irqfds assigned,
 * doorbell writes with up to 10000 doorbells, and the cost of the last
 * registrations of each fill, KVM alongside.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/resource.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_doorbell.h"
#include "guest_rx.h"
#include "irqwire_test.h"
#include "bench.h"
#include "cmd.h"
#include "inject_vm.h"
#include "paths.h"

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

	v.fd = irqwire_dev_open("irqwire");
	if (v.fd < 0)
		return -1;
	v.vm = vm_create(1);
	rx_vm_setup(v.vm, b->x2apic);
	v.vcpu = rx_add_vcpu(v.vm, 0);
	for (i = 0; i < m; i++) {
		kr[i] = irqwire_route_msi(i, 0, VEC_KVM);
		ir[i] = irqwire_route_msi(i, 0, VEC_IRQWIRE);
	}
	if (__irqwire_bind(v.fd, v.vm->fd) || __irqwire_set_kvm_routing(v.vm, kr, m) ||
	    __irqwire_set_routing(v.fd, ir, m))
		goto fail;
	for (i = 0; i < m; i++) {
		kefd[i] = eventfd(0, EFD_CLOEXEC);
		iefd[i] = eventfd(0, EFD_CLOEXEC);
		kfd = (struct kvm_irqfd){ .fd = kefd[i], .gsi = i };
		if (kefd[i] < 0 || iefd[i] < 0 || __vm_ioctl(v.vm, KVM_IRQFD, &kfd) ||
		    __irqwire_irqfd(v.fd, iefd[i], i, 0))
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

	if (fd >= 0 && __irqwire_bind(fd, vm->fd))
		return NULL;
	for (i = 0; i < n; i++) {
		if (i == n - (n < REG_TAIL ? n : REG_TAIL))
			t0 = now();
		kdb.addr = DB_MMIO_BASE + 4 * i;
		err = fd >= 0 ? __irqwire_ioeventfd(fd, efd, kdb.addr, 4, 0, 0) :
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
	int fd = irqwire_dev_open("irqwire"), efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	char kname[32], iname[32], kreg[40], ireg[40], cname[40];
	struct kvm_vcpu *kvcpu, *ivcpu, *cvcpu;
	struct kvm_vm *kvm_vm, *iw_vm, *ctl_vm;
	int rep;

	snprintf(kname, sizeof(kname), "kvm_ioeventfd/%d", n);
	snprintf(iname, sizeof(iname), "irqwire_ioeventfd/%d", n);
	snprintf(kreg, sizeof(kreg), "kvm_register_last/%d", n);
	snprintf(ireg, sizeof(ireg), "irqwire_register_last/%d", n);
	snprintf(cname, sizeof(cname), "control_kvm_ioeventfd/%d", n);
	/*
	 * registration is timed once, while filling: compared with KVM's
	 * (a VM's first doorbell: bench_first_doorbell())
	 */
	kvm_vm = doorbell_vm(b, -1, efd, n, &kvcpu, n > 1 ? kreg : NULL, NULL);
	iw_vm = doorbell_vm(b, fd, efd, n, &ivcpu, n > 1 ? ireg : NULL, kreg);
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

#define FIRST_VMS	16

/*
 * Registering a VM's first doorbell, in FIRST_VMS fresh VMs a batch, KVM's
 * and irqwire's interleaved: it is where a bus device is made, and one
 * registration timed alone does not repeat (an SRCU wait is inside).
 */
static int bench_first_doorbell(struct bench *b)
{
	int efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK), fds[FIRST_VMS];
	struct kvm_ioeventfd kdb = { .addr = DB_MMIO_BASE, .len = 4, .fd = efd };
	struct kvm_vm *kvm_vms[FIRST_VMS], *iw_vms[FIRST_VMS];
	double t0, kvm_t, iw_t;
	int i, rep, err = efd < 0;

	for (rep = -1; rep < b->reps && !err; rep++) {
		kvm_t = iw_t = 0;
		for (i = 0; i < FIRST_VMS; i++) {
			kvm_vms[i] = vm_create_barebones();
			iw_vms[i] = vm_create_barebones();
			fds[i] = irqwire_dev_open("irqwire");
			if (fds[i] < 0 || __irqwire_bind(fds[i], iw_vms[i]->fd))
				err = 1;
		}
		for (i = 0; i < FIRST_VMS && !err; i++) {
			t0 = now();
			err = __vm_ioctl(kvm_vms[i], KVM_IOEVENTFD, &kdb);
			kvm_t += now() - t0;
			t0 = now();
			err |= __irqwire_ioeventfd(fds[i], efd, kdb.addr, 4, 0, 0);
			iw_t += now() - t0;
		}
		if (!err) {
			record(b, rep, "scale_doorbells", "kvm_register_first", NULL,
			       kvm_t, FIRST_VMS);
			record(b, rep, "scale_doorbells", "irqwire_register_first",
			       "kvm_register_first", iw_t, FIRST_VMS);
		}
		for (i = 0; i < FIRST_VMS; i++) {
			close(fds[i]);
			kvm_vm_free(kvm_vms[i]);
			kvm_vm_free(iw_vms[i]);
		}
	}
	if (efd >= 0)
		close(efd);
	if (err)
		perror("irqwire bench: first doorbell");
	return err ? -1 : 0;
}

int bench_scale(struct bench *b)
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
	return bench_first_doorbell(b);
}
