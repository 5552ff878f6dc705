// SPDX-License-Identifier: GPL-2.0
/*
 * Case "multi": four vCPUs in four threads, each interrupted by its own
 * signalling thread at once, KVM's irqfds against irqwire's.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/eventfd.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "irqwire_test.h"
#include "bench.h"
#include "cmd.h"
#include "paths.h"

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

int bench_multi_vcpu(struct bench *b)
{
	static const char * const names[2] = { "kvm_irqfd_4vcpu", "irqwire_irqfd_4vcpu" };
	static const char * const fair[2] = {
		"kvm_slowest_over_fastest", "irqwire_slowest_over_fastest",
	};
	struct irqwire_routing_entry kr[MV_VCPUS], ir[MV_VCPUS];
	struct kvm_vcpu *vcpus[MV_VCPUS];
	struct mv_lane lanes[MV_VCPUS];
	int fd = irqwire_dev_open("irqwire"), k, side, rep;
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
	if (__irqwire_bind(fd, vm->fd) || __irqwire_set_kvm_routing(vm, kr, MV_VCPUS) ||
	    __irqwire_set_routing(fd, ir, MV_VCPUS))
		goto fail;
	for (k = 0; k < MV_VCPUS; k++) {
		lanes[k] = (struct mv_lane){ .vm = vm, .vcpu = vcpus[k], .n = b->batch };
		lanes[k].efd[0] = eventfd(0, EFD_CLOEXEC);
		lanes[k].efd[1] = eventfd(0, EFD_CLOEXEC);
		kfd = (struct kvm_irqfd){ .fd = lanes[k].efd[0], .gsi = MV_GSI_KVM + k };
		if (__vm_ioctl(vm, KVM_IRQFD, &kfd) ||
		    __irqwire_irqfd(fd, lanes[k].efd[1], MV_GSI_IRQWIRE + k, 0))
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
