// SPDX-License-Identifier: GPL-2.0
/*
 * Case "inject": guest-acked injection round trips, KVM's irqfd,
 * KVM_SIGNAL_MSI and KVM_IRQ_LINE against irqwire's, interleaved round
 * trip by round trip.
 */
#include <stdio.h>

#include "bench.h"
#include "inject_vm.h"

int bench_inject(struct bench *b)
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
