// SPDX-License-Identifier: GPL-2.0
/*
 * Case "pingpong": doorbell -> relay thread -> irqfd round trips, the
 * VMM's I/O pattern, all-KVM against all-irqwire. The relay thread runs
 * SCHED_FIFO (relay_start()) so that the figure is the path's.
 */
#include <stdio.h>

#include "kvm_util.h"
#include "processor.h"

#include "guest_rx.h"
#include "bench.h"
#include "cmd.h"
#include "paths.h"

int bench_pingpong(struct bench *b)
{
	static const char * const names[2] = { "kvm_pingpong", "irqwire_pingpong" };
	static const char no_fifo[] =
		"irqwire bench: relay thread not SCHED_FIFO: ping-pong counts the scheduler too\n";
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct relay r;
	int rep, side, fd;
	double t;

	for (rep = -1; rep < b->reps; rep++) {
		for (side = 0; side < 2; side++) {
			fd = side ? irqwire_dev_open("irqwire") : -1;
			memset(&r, 0, sizeof(r));
			vm = pingpong_vm(fd, &r, b->batch, RX_VEC_BASE, b->x2apic, &vcpu);
			if (!vm) {
				perror("irqwire bench: ping-pong VM");
				return -1;
			}
			r.fifo = true;
			t = pingpong_run(vcpu, &r);
			if (!r.fifo && rep < 0 && !side)
				fputs(no_fifo, stderr);
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
